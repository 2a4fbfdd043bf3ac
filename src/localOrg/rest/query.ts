/**
 * `query`, `queryAll` and `query/{locator}`: SOQL over REST, in batches of 2,000 records (or the batch size asked
 * with `Sforce-Query-Options: batchSize=N`, 200 to 2,000) with `nextRecordsUrl` locators, as Salesforce pages them.
 * Open cursors live in memory for 15 minutes after their last use.
 */
import { SfApiError, malformedQuery } from '../errors.js';
import { json, type ApiRequest, type ApiResponse, type Route } from '../http.js';
import { randomBase62 } from '../ids.js';
import type { Store } from '../store.js';
import { columnMetadata } from '../soql/columns.js';
import { executeQuery, planQuery, shapePage, type ExecutedQuery } from '../soql/execute.js';

const V = String.raw`^\/services\/data\/v(?<version>\d+\.\d)`;
export const DEFAULT_BATCH_SIZE = 2000;
const MIN_BATCH_SIZE = 200;
const CURSOR_IDLE_MS = 15 * 60 * 1000;
const MAX_OPEN_CURSORS = 200;

interface Cursor {
  executed: ExecutedQuery;
  batchSize: number;
  lastUsed: number;
  queryAll: boolean;
  /** Who ran the query: its rows were checked against their access, so only they may page through it. */
  userId: string;
}

const cursorsByStore = new WeakMap<Store, Map<string, Cursor>>();

function cursorsOf(store: Store): Map<string, Cursor> {
  let cursors = cursorsByStore.get(store);
  if (!cursors) cursorsByStore.set(store, (cursors = new Map()));
  const now = Date.now();
  for (const [id, cursor] of cursors) if (now - cursor.lastUsed > CURSOR_IDLE_MS) cursors.delete(id);
  while (cursors.size > MAX_OPEN_CURSORS) cursors.delete(cursors.keys().next().value as string);
  return cursors;
}

function batchSizeOf(request: ApiRequest): number {
  const header = request.headers['sforce-query-options'];
  const match = /batchSize\s*=\s*(\d+)/i.exec(Array.isArray(header) ? header.join(',') : (header ?? ''));
  if (!match) return DEFAULT_BATCH_SIZE;
  return Math.min(DEFAULT_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Number(match[1])));
}

function page(request: ApiRequest, cursorId: string | undefined, cursor: Cursor, from: number): ApiResponse {
  const { executed, batchSize } = cursor;
  const base = `/services/data/v${request.params.version}`;
  const to = Math.min(executed.rows.length, from + batchSize);
  const records = shapePage(request.store, executed, from, to, base);
  const done = to >= executed.rows.length;
  const body: Record<string, unknown> = { totalSize: executed.totalSize, done };
  if (!done) {
    let id = cursorId;
    if (!id) {
      id = `01g5L${randomBase62(13)}`;
      cursorsOf(request.store).set(id, cursor);
    }
    cursor.lastUsed = Date.now();
    body.nextRecordsUrl = `${base}/${cursor.queryAll ? 'queryAll' : 'query'}/${id}-${to}`;
  } else if (cursorId) {
    cursorsOf(request.store).delete(cursorId);
  }
  body.records = records;
  return json(200, body);
}

function runQuery(request: ApiRequest, queryAll: boolean): ApiResponse {
  const text = request.query.get('q');
  if (text === null) throw malformedQuery('The q parameter is required');
  if (request.query.get('columns') === 'true') {
    // What `sf data query` asks first: the shape of the result, without running the query.
    const plan = planQuery(request.store, text, { queryAll });
    const root = plan.kind === 'records' ? plan.root : request.store.getObject(/\bFROM\s+(\w+)/i.exec(text)?.[1] ?? '');
    return json(200, columnMetadata(plan, root?.name ?? '', root?.keyPrefix ?? ''));
  }
  const executed = executeQuery(request.store, text, { queryAll });
  const cursor: Cursor = {
    executed,
    batchSize: batchSizeOf(request),
    lastUsed: Date.now(),
    queryAll,
    userId: request.store.runningUserId
  };
  return page(request, undefined, cursor, 0);
}

function more(request: ApiRequest): ApiResponse {
  const match = /^(?<id>01g[0-9A-Za-z]{15})-(?<position>\d+)$/.exec(request.params.locator);
  const cursor = match?.groups ? cursorsOf(request.store).get(match.groups.id) : undefined;
  const position = Number(match?.groups?.position ?? -1);
  const owned = cursor?.userId === request.store.runningUserId;
  if (!match?.groups || !cursor || !owned || position > cursor.executed.rows.length) {
    throw new SfApiError('INVALID_QUERY_LOCATOR', 'invalid query locator', 400);
  }
  return page(request, match.groups.id, cursor, position);
}

export const queryRoutes: Route[] = [
  { method: 'GET', pattern: new RegExp(`${V}\\/query$`), handler: (request) => runQuery(request, false) },
  { method: 'GET', pattern: new RegExp(`${V}\\/queryAll$`), handler: (request) => runQuery(request, true) },
  { method: 'GET', pattern: new RegExp(`${V}\\/(?:query|queryAll)\\/(?<locator>[^/]+)$`), handler: more },
  { method: 'DELETE', pattern: new RegExp(`${V}\\/(?:query|queryAll)\\/(?<locator>[^/]+)$`), handler: close }
];

function close(request: ApiRequest): ApiResponse {
  const id = request.params.locator.split('-')[0];
  const cursors = cursorsOf(request.store);
  if (cursors.get(id)?.userId === request.store.runningUserId) cursors.delete(id);
  return { status: 204 };
}
