/**
 * Roll-up summary fields: COUNT/SUM/MIN/MAX over a master-detail object's live children, with the field's filter
 * criteria. Stored on the parent and kept current by the DML path whenever a child is created, changed,
 * re-parented or deleted, so that the parent's formulas and validation rules see current values. The upkeep is
 * incremental: a child's change moves its parents' stored values by what that one child changed (a count by one, a
 * sum by the difference), so a write costs the same with 6 or 6,000 siblings; only a MIN or MAX whose extreme
 * leaves is computed again over the children. A field created or redefined is computed over every parent.
 */
import { SfApiError } from './errors.js';
import type { FieldDef, ObjectDef } from './schema.js';
import type { Storage } from './storage.js';
import { quoteIdentifier, tableName } from './storage.js';
import { coerceValue, fromDb, isTextType, roundTo, toDb } from './values.js';

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
    // A sum is kept to the scale of what it sums (doubles added in another order differ in the last bits).
    const scale = field.scale ?? summarized.scale;
    if (summary.operation === 'sum') {
      aggregate = Number.isInteger(scale)
        ? `ROUND(COALESCE(SUM(${column}), 0), ${Number(scale)})`
        : `COALESCE(SUM(${column}), 0)`;
    }
    if (summary.operation !== 'sum') aggregate = `${summary.operation === 'min' ? 'MIN' : 'MAX'}(${column})`;
  }
  return { aggregate, where: conditions.join(' AND '), params, child, foreignKey };
}

/** Recomputes one roll-up field on every record of `parent` (after the field is created or its definition changes). */
export function recomputeAllRollups(store: Storage, parent: ObjectDef, field: FieldDef): void {
  const rollup = compile(store, field);
  const sql =
    `UPDATE ${tableName(parent)} SET ${quoteIdentifier(field.name)} = (SELECT ${rollup.aggregate} FROM ` +
    `${tableName(rollup.child)} c WHERE c.${quoteIdentifier(rollup.foreignKey)} = ${tableName(parent)}."Id" AND ` +
    `${rollup.where})`;
  store.db.prepare(sql).run(...rollup.params);
  store.forgetCachedReads();
}

/** One roll-up field of a parent, as the write path of one child object keeps it. */
interface KeptRollup {
  field: FieldDef;
  operation: Summary['operation'];
  /** Whether a child record counts (its filters); blank values never pass a comparison, as in SQL. */
  counts: (record: Record<string, unknown>) => boolean;
  /** The summarized child field (sum, min, max). */
  summarized?: FieldDef;
}

/** The roll-ups of `parent` over one child object through one master-detail field. */
export interface RollupLink {
  parent: ObjectDef;
  foreignKey: string;
  rollups: KeptRollup[];
}

/** A filter as a predicate on a child record's canonical values, with the semantics of `filterSql`. */
function filterPredicate(
  store: Storage,
  child: ObjectDef,
  filter: Summary['filters'][number]
): (record: Record<string, unknown>) => boolean {
  const target = childField(child, store, filter.field);
  const text = isTextType(target.type) && target.type !== 'id';
  // Values as SQLite compares them: text without regard to case (the columns are NOCASE), booleans as 0/1.
  const comparable = (value: unknown): unknown => {
    const stored = toDb(target, value);
    return text && typeof stored === 'string' ? stored.toLowerCase() : stored;
  };
  const literals = (target.type === 'picklist' ? filter.value.split(',').map((v) => v.trim()) : [filter.value]).map(
    (value) => comparable(value === '' ? null : coerceValue(target, value, 'text'))
  );
  const one = literals[0];
  const read = (record: Record<string, unknown>): unknown => comparable(record[target.name] ?? null);
  const compare = (record: Record<string, unknown>, test: (a: never, b: never) => boolean): boolean => {
    const value = read(record);
    return value !== null && one !== null && test(value as never, one as never);
  };
  const needle = filter.value.toLowerCase();
  const haystack = (record: Record<string, unknown>): string | null => {
    const value = record[target.name];
    return value === null || value === undefined ? null : String(toDb(target, value)).toLowerCase();
  };
  switch (filter.operation) {
    case 'equals':
      return one === null ? (r) => read(r) === null : (r) => literals.includes(read(r));
    case 'notEqual':
      return one === null ? (r) => read(r) !== null : (r) => read(r) === null || !literals.includes(read(r));
    case 'lessThan':
      return (r) => compare(r, (a, b) => a < b);
    case 'greaterThan':
      return (r) => compare(r, (a, b) => a > b);
    case 'lessOrEqual':
      return (r) => compare(r, (a, b) => a <= b);
    case 'greaterOrEqual':
      return (r) => compare(r, (a, b) => a >= b);
    case 'contains':
      return (r) => (haystack(r) ?? '').length > 0 && (haystack(r) as string).includes(needle);
    case 'notContain':
      return (r) => haystack(r) === null || !(haystack(r) as string).includes(needle);
    case 'startsWith':
      return (r) => haystack(r) !== null && (haystack(r) as string).startsWith(needle);
    default:
      throw new SfApiError('INVALID_FIELD', `Unsupported roll-up filter operation: ${filter.operation}`);
  }
}

/**
 * The parents whose roll-ups depend on records of `child`: for each parent object and master-detail field of the
 * child pointing to it, the roll-up fields to keep, with their filters as predicates.
 */
export function rollupParentsOf(store: Storage, child: ObjectDef): RollupLink[] {
  const out: RollupLink[] = [];
  for (const parent of store.listObjects()) {
    for (const entry of parent.fields) {
      const summary = entry.summary;
      if (!summary || summary.childObject.toLowerCase() !== child.name.toLowerCase()) continue;
      const foreignKey = childField(child, store, summary.childField).name;
      let link = out.find((known) => known.parent === parent && known.foreignKey === foreignKey);
      if (!link) out.push((link = { parent, foreignKey, rollups: [] }));
      const predicates = summary.filters.map((filter) => filterPredicate(store, child, filter));
      link.rollups.push({
        field: entry,
        operation: summary.operation,
        counts: (record) => predicates.every((test) => test(record)),
        summarized: summary.summarizedField ? childField(child, store, summary.summarizedField) : undefined
      });
    }
  }
  return out;
}

/** Computes one roll-up field of one parent over its children (a MIN or MAX whose extreme left). */
function recomputeOne(store: Storage, parent: ObjectDef, field: FieldDef, parentId: string): unknown {
  const rollup = compile(store, field);
  const sql =
    `SELECT ${rollup.aggregate} AS value FROM ${tableName(rollup.child)} c ` +
    `WHERE c.${quoteIdentifier(rollup.foreignKey)} = ? AND ${rollup.where}`;
  return fromDb(field, (store.statement(sql).get(parentId, ...rollup.params) as { value: unknown }).value);
}

/**
 * Moves the stored roll-ups of the parent `parentId` (whose stored values are `stored`) by one child's change from
 * `before` to `after` (undefined: absent or deleted); returns the changed values, already written.
 */
export function applyChildChange(
  store: Storage,
  link: RollupLink,
  parentId: string,
  stored: Record<string, unknown>,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined
): Record<string, unknown> {
  const inBefore = (rollup: KeptRollup): boolean =>
    before !== undefined && before[link.foreignKey] === parentId && rollup.counts(before);
  const inAfter = (rollup: KeptRollup): boolean =>
    after !== undefined && after[link.foreignKey] === parentId && rollup.counts(after);
  const changes: Record<string, unknown> = {};
  for (const rollup of link.rollups) {
    const was = inBefore(rollup);
    const is = inAfter(rollup);
    if (!was && !is) continue;
    const name = rollup.field.name;
    const current = stored[name] ?? null;
    if (rollup.operation === 'count') {
      if (was !== is) changes[name] = ((current as number | null) ?? 0) + (is ? 1 : -1);
      continue;
    }
    const column = (rollup.summarized as FieldDef).name;
    const old = was ? (before?.[column] ?? null) : null;
    const value = is ? (after?.[column] ?? null) : null;
    if (old === value) continue;
    if (rollup.operation === 'sum') {
      const sum = ((current as number | null) ?? 0) - ((old as number | null) ?? 0) + ((value as number | null) ?? 0);
      // Differences of doubles drift: keep the field's own precision (a SUM has the summarized field's scale).
      changes[name] = roundTo(sum, rollup.field.scale ?? (rollup.summarized as FieldDef).scale ?? 10);
      continue;
    }
    const better = (a: unknown, b: unknown): boolean =>
      rollup.operation === 'min' ? (a as number) < (b as number) : (a as number) > (b as number);
    if (old !== null && old === current && (value === null || better(current, value))) {
      changes[name] = recomputeOne(store, link.parent, rollup.field, parentId);
    } else if (value !== null && (current === null || better(value, current))) {
      changes[name] = value;
    }
  }
  for (const [name, value] of Object.entries(changes)) {
    if (value === (stored[name] ?? null)) delete changes[name];
  }
  if (Object.keys(changes).length > 0) store.updateRaw(link.parent, parentId, changes);
  return changes;
}
