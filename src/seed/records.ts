/**
 * Turns seed records into what the data APIs take: JSON records for sObject Collections, CSV for Bulk API 2.0 and for
 * dry runs. References to the package's objects travel as relationship-by-external-id (`Contract__r.External_Id__c`),
 * so a child never needs its parent's id; references to Account and User are ids, found by the loader.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
  KEY_FIELD,
  RUNNING_USER,
  type FieldValue,
  type SeedObjectName,
  type SeedRecord,
  type SeedReference
} from './dataset.js';

/** Ids the loader already knows, for the references that cannot travel by external id. */
export interface IdResolver {
  /** Account id by AccountNumber. */
  accounts: Map<string, string>;
  /** Id of the user the connection runs as. */
  runningUserId?: string;
}

/** `Contract__c` -> `Contract__r`: the relationship name Salesforce derives for a custom reference field. */
export function relationshipName(field: string): string {
  return field.endsWith('__c') ? `${field.slice(0, -3)}__r` : field.replace(/Id$/, '');
}

/** A record that references something the loader could not find: it is reported, not sent. */
export class UnresolvedReferenceError extends Error {
  public constructor(
    public readonly field: string,
    public readonly sobject: string,
    public readonly key: string
  ) {
    super(`${field} points to ${sobject} "${key}", which is not in the org`);
    this.name = 'UnresolvedReferenceError';
  }
}

/** The value a reference field takes: an id (Account, User) or `{ External_Id__c: key }` under the relationship. */
function resolveReference(
  field: string,
  ref: SeedReference,
  ids: IdResolver
): { name: string; value: string | Record<string, string> } {
  if (ref.sobject === 'User') {
    if (ref.key !== RUNNING_USER || !ids.runningUserId) throw new UnresolvedReferenceError(field, 'User', ref.key);
    return { name: field, value: ids.runningUserId };
  }
  if (ref.sobject === 'Account') {
    const id = ids.accounts.get(ref.key);
    if (!id) throw new UnresolvedReferenceError(field, 'Account', ref.key);
    return { name: field, value: id };
  }
  return { name: relationshipName(field), value: { [KEY_FIELD[ref.sobject]]: ref.key } };
}

/** The JSON body of one record for sObject Collections (`attributes.type`, key, fields, references). */
export function toRestRecord(
  sobject: SeedObjectName,
  record: SeedRecord,
  ids: IdResolver,
  options: { includeKey: boolean } = { includeKey: true }
): Record<string, unknown> {
  const body: Record<string, unknown> = { attributes: { type: sobject } };
  if (options.includeKey) body[KEY_FIELD[sobject]] = record.key;
  Object.assign(body, record.fields);
  for (const [field, ref] of Object.entries(record.refs)) {
    const { name, value } = resolveReference(field, ref, ids);
    body[name] = value;
  }
  return body;
}

/** The CSV column of a reference: the id field for Account and User, else the relationship's external id. */
function referenceColumn(field: string, ref: SeedReference): string {
  return ref.sobject === 'Account' || ref.sobject === 'User'
    ? field
    : `${relationshipName(field)}.${KEY_FIELD[ref.sobject]}`;
}

/**
 * Column names of a CSV for these records: the key, then every field any record has, then references. Reference
 * columns are `Rel__r.External_Id__c` for the package's objects and the field itself (an id) for Account and User.
 */
export function csvColumns(sobject: SeedObjectName, records: SeedRecord[], keyColumn = true): string[] {
  const fields = new Set<string>();
  const refs = new Map<string, string>();
  for (const record of records) {
    for (const field of Object.keys(record.fields)) fields.add(field);
    for (const [field, ref] of Object.entries(record.refs)) refs.set(field, referenceColumn(field, ref));
  }
  return [...(keyColumn ? [KEY_FIELD[sobject]] : []), ...fields, ...refs.values()];
}

/** How Bulk API 2.0 is told "set this field to null"; an empty cell means "leave it as it is". */
export const BULK_NULL = '#N/A';

/** A value as a Bulk API 2.0 CSV cell: null becomes #N/A, undefined stays empty ("leave it as it is"). */
export function csvCell(value: FieldValue | undefined): string {
  if (value === undefined) return '';
  if (value === null) return BULK_NULL;
  return typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
}

/**
 * CSV text for these records. `ids` turns Account/User references into ids (Bulk); without it the reference
 * column holds the parent's key (dry runs, which know no org).
 */
export function toCsv(
  sobject: SeedObjectName,
  records: SeedRecord[],
  ids?: IdResolver,
  extra?: { column: string; values: string[] }
): string {
  const columns = csvColumns(sobject, records);
  const header = extra ? [extra.column, ...columns] : columns;
  const rows = records.map((record, index) => {
    const cells = new Map<string, string>();
    cells.set(KEY_FIELD[sobject], record.key);
    for (const [field, value] of Object.entries(record.fields)) cells.set(field, csvCell(value));
    for (const [field, ref] of Object.entries(record.refs)) {
      const column = referenceColumn(field, ref);
      if (!ids || (ref.sobject !== 'Account' && ref.sobject !== 'User')) cells.set(column, ref.key);
      else cells.set(column, resolveReference(field, ref, ids).value as string);
    }
    const row = columns.map((column) => cells.get(column) ?? '');
    return extra ? [extra.values[index], ...row] : row;
  });
  return stringify([header, ...rows], { record_delimiter: '\n' });
}

/**
 * Reads some columns of CSV text (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks), the way
 * Bulk API 2.0 returns job results. Only the named columns are kept: a result file repeats every uploaded column, and
 * a load only needs the id, the created flag and the key of each row. A named column the file lacks reads as ''.
 * @throws Error naming what is wrong with the CSV (an unclosed quote, a row longer than the header...)
 */
export function readCsvColumns<C extends string>(text: string, wanted: readonly C[]): Record<C, string>[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, {
      // A column set to undefined is skipped: the other columns are never copied.
      columns: (header: string[]) => header.map((column) => (wanted.includes(column as C) ? column : undefined)),
      record_delimiter: ['\r\n', '\n'],
      skip_empty_lines: true
    });
  } catch (error) {
    throw new Error(`The CSV is not valid: ${(error as Error).message}`, { cause: error });
  }
  return rows.map(
    (row) => Object.fromEntries(wanted.map((column) => [column, row[column] ?? ''])) as Record<C, string>
  );
}
