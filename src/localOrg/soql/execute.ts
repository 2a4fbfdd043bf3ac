/**
 * Runs SOQL: parses (soql-parser-js), compiles, executes the statement once, and shapes rows into records page by
 * page (child subqueries and formula fields are computed per page, so a 100,000-row result costs memory for its
 * raw rows only).
 */
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import type Database from 'better-sqlite3';
import { SfApiError, malformedQuery } from '../errors.js';
import type { FieldDef } from '../schema.js';
import type { Store } from '../store.js';
import { apiDateTime, fromDb, toApi } from '../values.js';
import { compileQuery, type AggregatePlan, type QueryPlan, type RecordPlan } from './compile.js';

export interface ExecutedQuery {
  plan: QueryPlan;
  /** Raw rows of a records or aggregate plan (empty for COUNT()). */
  rows: unknown[][];
  totalSize: number;
}

export interface QueryOptions {
  queryAll?: boolean;
  now?: Date;
}

const registered = new WeakSet<Database.Database>();
/** Formula values computed while one statement runs, by object, id and field. */
let formulaCache = new Map<string, Record<string, unknown> | undefined>();

function sqlValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'bigint') return value;
  return String(value);
}

/** Registers the SQLite functions compiled SOQL calls on `db` (the org's connection by default), once each. */
export function registerFunctions(store: Store, db: Database.Database = store.db): void {
  if (registered.has(db)) return;
  registered.add(db);
  db.function('lo_formula', { deterministic: false }, (objectName: unknown, fieldName: unknown, id: unknown) => {
    if (typeof id !== 'string') return null;
    const key = `${String(objectName)}:${id}`;
    if (!formulaCache.has(key)) {
      formulaCache.set(
        key,
        store.withReader(() => store.getRecord(String(objectName), id))
      );
    }
    return sqlValue(formulaCache.get(key)?.[String(fieldName)]);
  });
  db.function('lo_includes', { deterministic: true }, (value: unknown, setsJson: unknown) => {
    if (typeof value !== 'string' || typeof setsJson !== 'string') return 0;
    const chosen = new Set(value.split(';').map((part) => part.trim().toLowerCase()));
    const sets = JSON.parse(setsJson) as string[][];
    return sets.some((set) => set.length > 0 && set.every((part) => chosen.has(part.toLowerCase()))) ? 1 : 0;
  });
}

function timeZoneOf(store: Store): { timeZone: string; mondayFirst: boolean } {
  const user = store.readRaw(store.getObject('User') as never, store.identity.userId);
  const timeZone = typeof user?.TimeZoneSidKey === 'string' ? user.TimeZoneSidKey : 'UTC';
  const locale = typeof user?.LocaleSidKey === 'string' ? user.LocaleSidKey : 'en_US';
  return { timeZone, mondayFirst: !/_US$|_CA$/.test(locale) };
}

/** Parses and compiles `text` without running it; Salesforce errors for anything malformed. */
/** Salesforce's limit on the length of a SOQL statement. */
export const MAX_QUERY_LENGTH = 100_000;

export function planQuery(store: Store, text: string, options: QueryOptions = {}): QueryPlan {
  if (text.trim() === '') throw malformedQuery('The query string is empty');
  if (text.length > MAX_QUERY_LENGTH) {
    throw malformedQuery(`SOQL statements cannot exceed ${MAX_QUERY_LENGTH} characters; this one has ${text.length}`);
  }
  let parsed;
  try {
    parsed = parseQuery(text);
  } catch (error) {
    throw malformedQuery(`\n${text}\n^\nERROR at Row:1:Column:1\n${(error as Error).message.split('\n')[0]}`);
  }
  if (!parsed.sObject) throw malformedQuery('unexpected token: FROM');
  return compileQuery(parsed, {
    store,
    text,
    queryAll: options.queryAll === true,
    now: options.now ?? new Date(),
    ...timeZoneOf(store)
  });
}

/** Parses, compiles and runs `text`; Salesforce errors for anything malformed. */
export function executeQuery(store: Store, text: string, options: QueryOptions = {}): ExecutedQuery {
  const plan = planQuery(store, text, options);
  registerFunctions(store);
  formulaCache = new Map();
  try {
    const statement = store.db.prepare(plan.sql);
    if (plan.kind === 'count') {
      const count = statement.pluck().get(plan.params) as number;
      return { plan, rows: [], totalSize: count };
    }
    const rows = statement.raw(true).all(plan.params) as unknown[][];
    return { plan, rows, totalSize: rows.length };
  } catch (error) {
    if (error instanceof SfApiError) throw error;
    const message = (error as Error).message;
    throw malformedQuery(`The query could not be run: ${message}`);
  } finally {
    formulaCache = new Map();
  }
}

function decode(field: FieldDef, raw: unknown): unknown {
  return toApi(field, fromDb(field, raw));
}

/** Shapes rows of a records plan (subqueries and formulas included). */
function shapeRecords(store: Store, plan: RecordPlan, rows: unknown[][], base: string): Record<string, unknown>[] {
  const children = plan.subqueries.map((subquery) => {
    const byParent = new Map<string, unknown[][]>();
    if (rows.length === 0) return byParent;
    const ids = rows.map((row) => row[plan.rootIdColumn] as string);
    const childRows = store.db
      .prepare(subquery.plan.sql)
      .raw(true)
      .all({ ...subquery.plan.params, parentIds: JSON.stringify(ids) }) as unknown[][];
    for (const row of childRows) {
      const parentId = row[subquery.parentColumn] as string;
      let list = byParent.get(parentId);
      if (!list) byParent.set(parentId, (list = []));
      list.push(row);
    }
    return byParent;
  });
  const formulaRecords = new Map<string, Record<string, unknown> | undefined>();
  const formulaValue = (objectName: string, id: string, field: FieldDef): unknown => {
    if (!formulaRecords.has(id)) formulaRecords.set(id, store.getRecord(objectName, id));
    return toApi(field, formulaRecords.get(id)?.[field.name] ?? null);
  };

  return rows.map((row) => {
    const rootId = row[plan.rootIdColumn] as string;
    const record: Record<string, unknown> = {
      attributes: { type: plan.root.name, url: `${base}/sobjects/${plan.root.name}/${rootId}` }
    };
    for (const output of plan.outputs) {
      if (output.kind === 'subquery') {
        const subquery = plan.subqueries[output.index];
        let list = children[output.index].get(rootId) ?? [];
        const offset = subquery.offset ?? 0;
        list = list.slice(offset, subquery.limit === undefined ? undefined : offset + subquery.limit);
        record[subquery.relationshipName] =
          list.length === 0
            ? null
            : { totalSize: list.length, done: true, records: shapeRecords(store, subquery.plan, list, base) };
        continue;
      }
      let target = record;
      let reachable = true;
      for (let depth = 1; depth <= output.path.length; depth++) {
        const relationship = plan.relationships.get(output.path.slice(0, depth).join('.').toLowerCase());
        if (!relationship) break;
        const parentId = row[relationship.idColumn];
        if (parentId === null || parentId === undefined) {
          if (!(relationship.name in target)) target[relationship.name] = null;
          reachable = false;
          break;
        }
        let nested = target[relationship.name] as Record<string, unknown> | null | undefined;
        if (!nested) {
          nested = {
            attributes: {
              type: relationship.def.name,
              url: `${base}/sobjects/${relationship.def.name}/${String(parentId)}`
            }
          };
          target[relationship.name] = nested;
        }
        target = nested;
      }
      if (!reachable) continue;
      target[output.field.name] =
        output.kind === 'field'
          ? decode(output.field, row[output.column])
          : formulaValue(output.owner.name, row[output.idColumn] as string, output.field);
    }
    return record;
  });
}

function shapeAggregates(plan: AggregatePlan, rows: unknown[][]): Record<string, unknown>[] {
  return rows.map((row) => {
    const record: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
    for (const output of plan.outputs) {
      const raw = row[output.column];
      if (output.field && (output.type === output.field.type || output.type === 'reference')) {
        record[output.key] = decode(output.field, raw);
      } else if (raw === null || raw === undefined) {
        record[output.key] = null;
      } else if (output.type === 'datetime') {
        record[output.key] = apiDateTime(String(raw));
      } else if (output.type === 'boolean') {
        record[output.key] = raw === 1;
      } else {
        record[output.key] = raw;
      }
    }
    return record;
  });
}

/** Records `from` (inclusive) to `to` (exclusive) of an executed query, shaped for the REST API. */
export function shapePage(store: Store, executed: ExecutedQuery, from: number, to: number, base: string): unknown[] {
  const rows = executed.rows.slice(from, to);
  if (executed.plan.kind === 'records') return shapeRecords(store, executed.plan, rows, base);
  if (executed.plan.kind === 'aggregate') return shapeAggregates(executed.plan, rows);
  return [];
}
