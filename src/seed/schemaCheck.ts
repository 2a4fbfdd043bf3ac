/**
 * Before writing a single record, asks the org (describe, as the running user) whether every object and field the
 * dataset writes exists and is writable. A missing deploy or a missing permission set then fails at once with the
 * names to fix, instead of as thousands of identical record errors after half the data is in.
 */
import type { Connection } from '@salesforce/core';
import { KEY_FIELD, type Dataset, type SeedObjectName } from './dataset.js';

export interface SchemaProblem {
  sobject: SeedObjectName;
  /** Missing or read-only fields; empty when the whole object is missing. */
  fields: string[];
  reason: 'object-missing' | 'fields-missing' | 'fields-read-only';
}

/** Fields a dataset writes on each sObject (key, scalar fields and reference fields). */
export function writtenFields(dataset: Dataset): Map<SeedObjectName, Set<string>> {
  const result = new Map<SeedObjectName, Set<string>>();
  for (const { sobject, records } of dataset.objects) {
    const fields = new Set<string>([KEY_FIELD[sobject]]);
    for (const record of records) {
      for (const field of Object.keys(record.fields)) fields.add(field);
      for (const field of Object.keys(record.refs)) fields.add(field);
    }
    result.set(sobject, fields);
  }
  return result;
}

function isMissingObjectError(error: unknown): boolean {
  const { errorCode, name, message } = error as { errorCode?: string; name?: string; message?: string };
  return (
    /NOT_FOUND|INVALID_TYPE/.test(`${errorCode ?? ''} ${name ?? ''}`) ||
    /does not exist|not supported/i.test(message ?? '')
  );
}

/** Describes each sObject of the dataset and lists what the running user cannot write. */
export async function checkTargetSchema(conn: Connection, dataset: Dataset): Promise<SchemaProblem[]> {
  const problems: SchemaProblem[] = [];
  for (const [sobject, fields] of writtenFields(dataset)) {
    let described: { fields: { name: string; createable: boolean; updateable: boolean }[] };
    try {
      described = await conn.describe(sobject);
    } catch (error) {
      if (!isMissingObjectError(error)) throw error;
      problems.push({ sobject, fields: [], reason: 'object-missing' });
      continue;
    }
    const byName = new Map(described.fields.map((field) => [field.name.toLowerCase(), field]));
    const missing: string[] = [];
    const readOnly: string[] = [];
    for (const field of fields) {
      const found = byName.get(field.toLowerCase());
      if (!found) missing.push(field);
      else if (!found.createable && !found.updateable) readOnly.push(field);
    }
    if (missing.length > 0) problems.push({ sobject, fields: missing, reason: 'fields-missing' });
    if (readOnly.length > 0) problems.push({ sobject, fields: readOnly, reason: 'fields-read-only' });
  }
  return problems;
}
