/**
 * Roll-up summary fields: COUNT/SUM/MIN/MAX over a master-detail object's live children, with the field's filter
 * criteria. Stored on the parent and recomputed by the DML path whenever a child is created, changed, re-parented or
 * deleted, so that the parent's formulas and validation rules see current values.
 */
import { SfApiError } from './errors.js';
import type { FieldDef, ObjectDef } from './schema.js';
import type { Storage } from './storage.js';
import { quoteIdentifier, tableName } from './storage.js';
import { coerceValue, toDb } from './values.js';

type Summary = NonNullable<FieldDef['summary']>;

interface CompiledRollup {
  /** SQL expression over the child table aliased `c`, with `?` placeholders bound from `params`. */
  aggregate: string;
  where: string;
  params: unknown[];
  child: ObjectDef;
  foreignKey: string;
}

/** The child field named in a filter or summary (`Handover_Item__c.Done__c` or `Done__c`). */
function childField(child: ObjectDef, store: Storage, name: string): FieldDef {
  const bare = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
  const found = store.getField(child, bare);
  if (!found) throw new SfApiError('INVALID_FIELD', `No such column '${bare}' on entity '${child.name}'`, 400, [bare]);
  return found;
}

function filterSql(store: Storage, child: ObjectDef, filter: Summary['filters'][number], params: unknown[]): string {
  const target = childField(child, store, filter.field);
  const column = `c.${quoteIdentifier(target.name)}`;
  const values = target.type === 'picklist' ? filter.value.split(',').map((value) => value.trim()) : [filter.value];
  const typed = values.map((value) => toDb(target, value === '' ? null : coerceValue(target, value, 'text')));
  const one = (): unknown => typed[0];
  switch (filter.operation) {
    case 'equals':
      if (typed[0] === null) return `${column} IS NULL`;
      params.push(...typed);
      return `${column} IN (${typed.map(() => '?').join(', ')})`;
    case 'notEqual':
      if (typed[0] === null) return `${column} IS NOT NULL`;
      params.push(...typed);
      return `(${column} IS NULL OR ${column} NOT IN (${typed.map(() => '?').join(', ')}))`;
    case 'lessThan':
      params.push(one());
      return `${column} < ?`;
    case 'greaterThan':
      params.push(one());
      return `${column} > ?`;
    case 'lessOrEqual':
      params.push(one());
      return `${column} <= ?`;
    case 'greaterOrEqual':
      params.push(one());
      return `${column} >= ?`;
    case 'contains':
      params.push(filter.value);
      return `instr(lower(${column}), lower(?)) > 0`;
    case 'notContain':
      params.push(filter.value);
      return `(${column} IS NULL OR instr(lower(${column}), lower(?)) = 0)`;
    case 'startsWith':
      params.push(filter.value, filter.value);
      return `substr(lower(${column}), 1, length(?)) = lower(?)`;
    default:
      throw new SfApiError('INVALID_FIELD', `Unsupported roll-up filter operation: ${filter.operation}`);
  }
}

function compile(store: Storage, field: FieldDef): CompiledRollup {
  const summary = field.summary as Summary;
  const child = store.getObject(summary.childObject);
  if (!child)
    throw new SfApiError('INVALID_TYPE', `Roll-up ${field.name}: unknown child object ${summary.childObject}`);
  const foreignKey = childField(child, store, summary.childField).name;
  const params: unknown[] = [];
  const conditions = ['c."IsDeleted" = 0'];
  for (const filter of summary.filters) {
    conditions.push(filterSql(store, child, filter, params));
  }
  let aggregate = 'COUNT(*)';
  if (summary.operation !== 'count') {
    const summarized = childField(child, store, summary.summarizedField ?? '');
    const column = `c.${quoteIdentifier(summarized.name)}`;
    if (summary.operation === 'sum') aggregate = `COALESCE(SUM(${column}), 0)`;
    else aggregate = `${summary.operation === 'min' ? 'MIN' : 'MAX'}(${column})`;
  }
  return { aggregate, where: conditions.join(' AND '), params, child, foreignKey };
}

/** Recomputes every roll-up field of `parent` for the parent records `parentIds` (call inside the transaction). */
export function recomputeRollups(store: Storage, parent: ObjectDef, parentIds: Iterable<string>): void {
  const rollups = parent.fields.filter((entry) => entry.summary);
  if (rollups.length === 0) return;
  const compiled = rollups.map((entry) => ({ field: entry, rollup: compile(store, entry) }));
  for (const parentId of parentIds) {
    const values: Record<string, unknown> = {};
    for (const { field, rollup } of compiled) {
      const sql =
        `SELECT ${rollup.aggregate} AS value FROM ${tableName(rollup.child)} c ` +
        `WHERE c.${quoteIdentifier(rollup.foreignKey)} = ? AND ${rollup.where}`;
      values[field.name] = (store.statement(sql).get(parentId, ...rollup.params) as { value: unknown }).value;
    }
    store.updateRaw(parent, parentId, values);
  }
}

/** Recomputes one roll-up field on every record of `parent` (after the field is created or its definition changes). */
export function recomputeAllRollups(store: Storage, parent: ObjectDef, field: FieldDef): void {
  const rollup = compile(store, field);
  const sql =
    `UPDATE ${tableName(parent)} SET ${quoteIdentifier(field.name)} = (SELECT ${rollup.aggregate} FROM ` +
    `${tableName(rollup.child)} c WHERE c.${quoteIdentifier(rollup.foreignKey)} = ${tableName(parent)}."Id" AND ` +
    `${rollup.where})`;
  store.db.prepare(sql).run(...rollup.params);
}

/**
 * The parents whose roll-ups depend on records of `child`: for each roll-up anywhere that summarizes `child`, the
 * parent object and the child's master-detail field that points to it.
 */
export function rollupParentsOf(store: Storage, child: ObjectDef): { parent: ObjectDef; foreignKey: string }[] {
  const out: { parent: ObjectDef; foreignKey: string }[] = [];
  for (const parent of store.listObjects()) {
    for (const entry of parent.fields) {
      if (!entry.summary || entry.summary.childObject.toLowerCase() !== child.name.toLowerCase()) continue;
      const foreignKey = childField(child, store, entry.summary.childField).name;
      if (!out.some((known) => known.parent === parent && known.foreignKey === foreignKey)) {
        out.push({ parent, foreignKey });
      }
    }
  }
  return out;
}
