/**
 * Reads UI API records with the org's SOQL engine: the field tree becomes the select list (relationship fields
 * become joins, formula fields are computed), the condition and order come from the resource (a parent id, a list
 * view's filters, sortBy), and only the page asked for is shaped into records.
 *
 * The SOQL text is built from names resolved against the schema and from ids that passed `normalizeId`, never from
 * raw request text; literals from list view filters come from deployed metadata and are quoted here.
 */
import { executeQuery, shapePage } from '../soql/execute.js';
import type { FieldDef } from '../schema.js';
import type { Store } from '../store.js';
import { isNumberType } from '../values.js';
import { selectList, uiRecord, type FieldTree } from './recordShape.js';
import type { UserSettings } from './userSettings.js';

export interface OrderTerm {
  field: FieldDef;
  descending: boolean;
}

export interface ReadOptions {
  /** A SOQL condition over the tree's object (already safe: see above). */
  where?: string;
  orderBy?: OrderTerm[];
  /** Index of the first record of the page. */
  offset?: number;
  /** Records on the page; one more is read to know whether a next page exists. */
  pageSize?: number;
}

export interface RecordPage {
  records: Record<string, unknown>[];
  hasMore: boolean;
}

/** A SOQL string literal. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * A SOQL literal for `value` compared with `field`: numbers and booleans bare, dates and date/times bare (they are
 * validated by the SOQL engine), date literals (`TODAY`, `NEXT_N_DAYS:90`) bare, everything else quoted.
 * @param field the field the value is compared with
 * @param value the value as list view metadata writes it
 */
export function soqlLiteral(field: FieldDef, value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') return 'null';
  if (isNumberType(field.type) && /^-?\d+(\.\d+)?$/.test(trimmed)) return trimmed;
  if (field.type === 'boolean') return /^(1|true)$/i.test(trimmed) ? 'true' : 'false';
  if (field.type === 'date' || field.type === 'datetime') {
    if (/^[A-Z_]+(:\d+)?$/.test(trimmed) || /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/.test(trimmed)) return trimmed;
  }
  return soqlString(trimmed);
}

/**
 * One page of records of the tree's object.
 * @param store the org
 * @param tree the fields to return
 * @param settings for display values
 * @param options condition, order and page
 */
export function readRecordPage(
  store: Store,
  tree: FieldTree,
  settings: UserSettings,
  options: ReadOptions = {}
): RecordPage {
  const offset = options.offset ?? 0;
  const pageSize = options.pageSize ?? 50;
  const order = (options.orderBy ?? [])
    .map((term) => `${term.field.name} ${term.descending ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}`)
    .concat((options.orderBy ?? []).some((term) => term.field.name === 'Id') ? [] : ['Id ASC']);
  const soql =
    `SELECT ${selectList(store, tree).join(', ')} FROM ${tree.def.name}` +
    (options.where ? ` WHERE ${options.where}` : '') +
    ` ORDER BY ${order.join(', ')}` +
    ` LIMIT ${offset + pageSize + 1}`;
  const executed = executeQuery(store, soql);
  const rest = shapePage(store, executed, offset, offset + pageSize, '') as Record<string, unknown>[];
  return {
    records: rest.map((record) => uiRecord(tree, record, settings)),
    hasMore: executed.totalSize > offset + pageSize
  };
}

/**
 * One record, or undefined when it does not exist.
 * @param store the org
 * @param tree the fields to return
 * @param id an 18-character id that passed normalizeId
 * @param settings for display values
 */
export function readOneRecord(
  store: Store,
  tree: FieldTree,
  id: string,
  settings: UserSettings
): Record<string, unknown> | undefined {
  return readRecordPage(store, tree, settings, { where: `Id = ${soqlString(id)}`, pageSize: 1 }).records[0];
}

/**
 * The sort terms of a `sortBy` parameter (`Object.Field` or `Field`, `-` for descending, at most five). Unknown or
 * unsortable fields are ignored without error, as the UI API documents.
 * @param store the org
 * @param tree the object sorted
 * @param sortBy the parameter's values
 */
export function orderTerms(store: Store, tree: FieldTree, sortBy: string[]): OrderTerm[] {
  const terms: OrderTerm[] = [];
  for (const raw of sortBy.slice(0, 5)) {
    const descending = raw.startsWith('-');
    const name = descending ? raw.slice(1) : raw;
    const parts = name.split('.');
    if (parts.length > 2 || (parts.length === 2 && parts[0].toLowerCase() !== tree.def.name.toLowerCase())) continue;
    const field = store.getField(tree.def, parts[parts.length - 1]);
    // Long text, multi-select picklists and formulas are not sortable in SOQL.
    const sortable =
      field && field.type !== 'textarea' && field.type !== 'multipicklist' && field.formula === undefined;
    if (field && sortable) terms.push({ field, descending });
  }
  return terms;
}
