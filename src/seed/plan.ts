/**
 * `seed --plan FILE`: reads an `sf data tree` plan (the JSON that `sf data export tree --plan` writes and
 * `sf data import tree --plan` reads) and turns it into a dataset, so that it loads with upsert semantics instead of
 * inserting duplicates on every run. `@ReferenceId` values become references by the parent's key, which is why every
 * record must carry its key (External_Id__c, or AccountNumber for accounts).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  KEY_FIELD,
  LOAD_ORDER,
  orderedObjects,
  type Dataset,
  type FieldValue,
  type SeedObjectName,
  type SeedRecord
} from './dataset.js';
import { checkFieldValue, suggestion, type RecipeContext } from './recipe.js';

export interface PlanProblem {
  file: string;
  /** Where in the file: `record 3 (AccountRef3)`, `entry 2`... */
  where: string;
  message: string;
  fix: string;
}

export class PlanError extends Error {
  public constructor(
    public readonly file: string,
    public readonly problems: PlanProblem[]
  ) {
    super(
      `${file}: ${problems.length} problem(s)\n` +
        problems.map((p) => `  ${p.file} ${p.where}: ${p.message}`).join('\n')
    );
    this.name = 'PlanError';
  }

  public get fixes(): string[] {
    return this.problems.map((p) => `${p.where}: ${p.fix}`);
  }
}

interface PlanEntry {
  sobject?: unknown;
  files?: unknown;
}

interface TreeRecord {
  attributes?: { type?: string; referenceId?: string };
  [field: string]: unknown;
}

function readJson(file: string, problems: PlanProblem[], where: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.push({
      file,
      where,
      message: `cannot read the file: ${(error as Error).message}`,
      fix: 'check the path, relative to the plan file'
    });
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    problems.push({ file, where, message: `not valid JSON: ${(error as Error).message}`, fix: 'fix the JSON syntax' });
    return undefined;
  }
}

/**
 * Reads a plan and its data files. Throws {@link PlanError} with every problem found.
 * @param context the data model and configuration names the records are checked against
 */
export function readPlan(planFile: string, context: RecipeContext): Dataset {
  const problems: PlanProblem[] = [];
  const plan = readJson(planFile, problems, '(plan)');
  if (plan === undefined) throw new PlanError(planFile, problems);
  if (!Array.isArray(plan) || plan.length === 0) {
    throw new PlanError(planFile, [
      {
        file: planFile,
        where: '(plan)',
        message: 'a plan is a non-empty JSON array of { sobject, files }',
        fix: 'generate one with sf data export tree --plan'
      }
    ]);
  }
  const groups = new Map<SeedObjectName, SeedRecord[]>();
  // referenceId -> the record's sObject and key, filled in plan order as sf data import tree resolves them.
  const references = new Map<string, { sobject: SeedObjectName; key: string }>();
  const pendingRefs: { file: string; where: string; record: SeedRecord; field: string; refId: string }[] = [];

  (plan as PlanEntry[]).forEach((entry, entryIndex) => {
    const where = `entry ${entryIndex + 1}`;
    const sobject = LOAD_ORDER.find(
      (name) => typeof entry?.sobject === 'string' && name.toLowerCase() === entry.sobject.toLowerCase()
    );
    if (!sobject) {
      problems.push({
        file: planFile,
        where,
        message: `sObject ${JSON.stringify(entry?.sobject)} is not one the seed writes`,
        fix: suggestion(String(entry?.sobject), LOAD_ORDER)
      });
      return;
    }
    if (!Array.isArray(entry.files) || entry.files.some((file) => typeof file !== 'string')) {
      problems.push({
        file: planFile,
        where,
        message: '"files" must be a list of file names',
        fix: 'write e.g. "files": ["Account.json"]'
      });
      return;
    }
    const fields = context.catalog.get(sobject.toLowerCase())?.fields;
    for (const name of entry.files as string[]) {
      const dataFile = resolve(dirname(planFile), name);
      const data = readJson(dataFile, problems, where) as { records?: unknown } | undefined;
      if (data === undefined) continue;
      if (!Array.isArray(data.records)) {
        problems.push({
          file: dataFile,
          where: '(file)',
          message: 'the file has no "records" list',
          fix: 'write { "records": [ ... ] }'
        });
        continue;
      }
      (data.records as TreeRecord[]).forEach((raw, recordIndex) => {
        const refId = raw?.attributes?.referenceId;
        const at = `record ${recordIndex + 1}${refId ? ` (${refId})` : ''}`;
        const keyField = KEY_FIELD[sobject];
        const key = Object.entries(raw ?? {}).find(([field]) => field.toLowerCase() === keyField.toLowerCase())?.[1];
        if (typeof key !== 'string' || key === '') {
          problems.push({
            file: dataFile,
            where: at,
            message: `${sobject} record has no ${keyField}`,
            fix: `add "${keyField}": a unique key, so that a rerun updates instead of duplicating`
          });
          return;
        }
        const record: SeedRecord = { key, fields: {}, refs: {} };
        for (const [fieldName, value] of Object.entries(raw)) {
          if (fieldName === 'attributes' || fieldName.toLowerCase() === keyField.toLowerCase()) continue;
          const field = fields?.get(fieldName.toLowerCase());
          if (!field) {
            problems.push({
              file: dataFile,
              where: at,
              message: `${sobject} has no field "${fieldName}"`,
              fix: suggestion(
                fieldName,
                [...(fields?.values() ?? [])].map((f) => f.name)
              )
            });
            continue;
          }
          if (value !== null && typeof value === 'object') {
            problems.push({
              file: dataFile,
              where: at,
              message: `${fieldName} holds nested records or an object`,
              fix: 'use one file per sObject with @ReferenceId references (sf data export tree --plan)'
            });
            continue;
          }
          if (
            typeof value === 'string' &&
            value.startsWith('@') &&
            (field.type === 'Lookup' || field.type === 'MasterDetail')
          ) {
            pendingRefs.push({ file: dataFile, where: at, record, field: field.name, refId: value.slice(1) });
            continue;
          }
          if (field.type === 'Lookup' || field.type === 'MasterDetail') {
            // A literal id: only meaningful in the org it came from, but sf data import tree accepts it too.
            record.fields[field.name] = value as FieldValue;
            continue;
          }
          const problem = checkFieldValue(field, value, context);
          if (problem) {
            problems.push({ file: dataFile, where: at, message: problem.message, fix: problem.fix });
            continue;
          }
          record.fields[field.name] = value as FieldValue;
        }
        if (refId) references.set(refId, { sobject, key });
        const group = groups.get(sobject) ?? [];
        group.push(record);
        groups.set(sobject, group);
      });
    }
  });

  for (const pending of pendingRefs) {
    const target = references.get(pending.refId);
    if (!target) {
      problems.push({
        file: pending.file,
        where: pending.where,
        message: `${pending.field} points to @${pending.refId}, which no record declares`,
        fix: 'add the parent record to the plan, before this one, or fix the reference id'
      });
      continue;
    }
    pending.record.refs[pending.field] = target;
  }
  if (problems.length > 0) throw new PlanError(planFile, problems);
  return { source: planFile, objects: orderedObjects(groups) };
}
