/**
 * Bulk API 2.0 query jobs (`/jobs/query`): create (`query` or `queryAll`), state, results paged with `locator` and
 * `maxRecords` (the `Sforce-Locator` and `Sforce-NumberOfRecords` headers), abort, delete, list. The SOQL is checked
 * when the job is created, as the creating user, with Bulk API 2.0's limits (no aggregates, GROUP BY, OFFSET, TYPEOF
 * or parent-to-child subqueries); the job then runs in the background: its own read-only SQLite connection reads the
 * rows a page at a time (a consistent snapshot, without holding the server), and the result is kept as CSV pages
 * until the job is deleted. A job belongs to its creator, as ingest jobs do.
 */
import { join } from 'node:path';
import { parseQuery, type Query } from '@jetstreamapp/soql-parser-js';
import Database from 'better-sqlite3';
import { stringify } from 'csv-stringify/sync';
import { SfApiError, notFound } from '../errors.js';
import { normalizeId } from '../ids.js';
import type { Store } from '../store.js';
import { DATABASE_FILE } from '../dataDir.js';
import { planQuery, registerFunctions, shapePage } from '../soql/execute.js';
import type { RecordPlan } from '../soql/compile.js';
import { apiDateTime } from '../values.js';
import { DELIMITERS, mayUseJob, newJobId } from './jobs.js';

type QueryJobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/** Records written per page of a running job (one background turn), and per results response by default. */
const PAGE_RECORDS = 2000;
export const DEFAULT_MAX_RECORDS = 50_000;

interface QueryJobRow {
  id: string;
  operation: 'query' | 'queryAll';
  object: string;
  query: string;
  state: QueryJobState;
  line_ending: string;
  column_delimiter: string;
  api_version: string;
  created_by_id: string;
  created_date: string;
  system_modstamp: string;
  records_processed: number;
  processing_ms: number;
  error_message: string | null;
}

const prepared = new WeakSet<Store>();

function tables(store: Store): Store {
  if (prepared.has(store)) return store;
  store.db.exec(`
    CREATE TABLE IF NOT EXISTS lo_bulk_query_job (
      id TEXT PRIMARY KEY, operation TEXT NOT NULL, object TEXT NOT NULL, query TEXT NOT NULL, state TEXT NOT NULL,
      line_ending TEXT NOT NULL, column_delimiter TEXT NOT NULL, api_version TEXT NOT NULL,
      created_by_id TEXT NOT NULL, created_date TEXT NOT NULL, system_modstamp TEXT NOT NULL,
      records_processed INTEGER NOT NULL DEFAULT 0, processing_ms INTEGER NOT NULL DEFAULT 0, error_message TEXT);
    CREATE TABLE IF NOT EXISTS lo_bulk_query_page (job_id TEXT NOT NULL, page INTEGER NOT NULL, lines TEXT NOT NULL,
      PRIMARY KEY (job_id, page));
  `);
  prepared.add(store);
  return store;
}

function invalidJob(message: string): SfApiError {
  return new SfApiError('INVALIDJOB', `InvalidJob : ${message}`, 400);
}

/** The query job `id` of the running user (or any, for an administrator); 404 otherwise. */
function jobRow(store: Store, id: string): QueryJobRow {
  const canonical = normalizeId(id);
  const row = canonical
    ? (tables(store).statement('SELECT * FROM lo_bulk_query_job WHERE id = ?').get(canonical) as
        QueryJobRow | undefined)
    : undefined;
  if (!row || !mayUseJob(store, row.created_by_id)) throw notFound();
  return row;
}

function jobInfo(row: QueryJobRow, detailed: boolean): Record<string, unknown> {
  const info: Record<string, unknown> = {
    id: row.id,
    operation: row.operation,
    object: row.object,
    createdById: row.created_by_id,
    createdDate: apiDateTime(row.created_date),
    systemModstamp: apiDateTime(row.system_modstamp),
    state: row.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(row.api_version),
    jobType: 'V2Query',
    lineEnding: row.line_ending,
    columnDelimiter: row.column_delimiter
  };
  if (detailed) {
    Object.assign(info, {
      numberRecordsProcessed: row.records_processed,
      retries: 0,
      totalProcessingTime: row.processing_ms,
      isPkChunkingSupported: false
    });
    if (row.error_message) info.errorMessage = row.error_message;
  }
  return info;
}

/** Bulk API 2.0's SOQL limits, on the parsed query. */
function checkBulkSoql(text: string): void {
  let parsed: Query;
  try {
    parsed = parseQuery(text);
  } catch {
    return; // planQuery reports the syntax error in Salesforce's words
  }
  const unsupported = (what: string): SfApiError =>
    new SfApiError('API_ERROR', `${what} is not supported by Bulk API 2.0 queries`, 400);
  if (parsed.groupBy || parsed.having) throw unsupported('GROUP BY');
  if (parsed.offset !== undefined) throw unsupported('OFFSET');
  for (const item of parsed.fields ?? []) {
    if (item.type === 'FieldSubquery') throw unsupported('A parent-to-child relationship query');
    if (item.type === 'FieldTypeof') throw unsupported('TYPEOF');
    const name = item.type === 'FieldFunctionExpression' ? item.functionName.toUpperCase() : '';
    if (['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX'].includes(name))
      throw unsupported('An aggregate function');
  }
}

/** `POST /jobs/query`: checks the query as the running user and queues the job. */
export function createQueryJob(
  store: Store,
  body: Record<string, unknown>,
  apiVersion: string
): Record<string, unknown> {
  tables(store);
  const operation = body.operation;
  if (operation !== 'query' && operation !== 'queryAll') {
    throw invalidJob(`Invalid operation: ${String(operation)}; a query job's operation is query or queryAll`);
  }
  if (typeof body.query !== 'string' || body.query.trim() === '') throw invalidJob('The job has no query');
  if (body.contentType !== undefined && body.contentType !== 'CSV') {
    throw invalidJob(`Unsupported content type: ${String(body.contentType)}`);
  }
  const columnDelimiter = typeof body.columnDelimiter === 'string' ? body.columnDelimiter : 'COMMA';
  if (!DELIMITERS[columnDelimiter]) throw invalidJob(`Unsupported column delimiter: ${columnDelimiter}`);
  const lineEnding = body.lineEnding === 'CRLF' ? 'CRLF' : 'LF';
  checkBulkSoql(body.query);
  const plan = planQuery(store, body.query, { queryAll: operation === 'queryAll' });
  if (plan.kind !== 'records')
    throw new SfApiError('API_ERROR', 'An aggregate function is not supported by Bulk API 2.0 queries', 400);
  const now = new Date().toISOString();
  const id = newJobId(store);
  store
    .statement(
      'INSERT INTO lo_bulk_query_job (id, operation, object, query, state, line_ending, column_delimiter, api_version, ' +
        "created_by_id, created_date, system_modstamp) VALUES (?, ?, ?, ?, 'UploadComplete', ?, ?, ?, ?, ?, ?)"
    )
    .run(
      id,
      operation,
      plan.root.name,
      body.query,
      lineEnding,
      columnDelimiter,
      apiVersion,
      store.runningUserId,
      now,
      now
    );
  return jobInfo(jobRow(store, id), false);
}

export function getQueryJob(store: Store, id: string): Record<string, unknown> {
  return jobInfo(jobRow(store, id), true);
}

/** The query jobs the running user may see, newest first. */
export function listQueryJobs(store: Store): Record<string, unknown>[] {
  const rows = tables(store)
    .statement('SELECT * FROM lo_bulk_query_job ORDER BY created_date DESC, id DESC')
    .all() as QueryJobRow[];
  return rows.filter((row) => mayUseJob(store, row.created_by_id)).map((row) => jobInfo(row, false));
}

/** `PATCH /jobs/query/{id}` with `{ state: 'Aborted' }`. */
export function abortQueryJob(store: Store, id: string, state: unknown): Record<string, unknown> {
  const job = jobRow(store, id);
  if (state !== 'Aborted') throw new SfApiError('INVALIDJOBSTATE', `Invalid state: ${String(state)}`, 400);
  if (job.state !== 'UploadComplete' && job.state !== 'InProgress') {
    throw new SfApiError('INVALIDJOBSTATE', `Can not change state of job ${job.id} from ${job.state} to Aborted.`, 409);
  }
  store
    .statement("UPDATE lo_bulk_query_job SET state = 'Aborted', system_modstamp = ? WHERE id = ?")
    .run(new Date().toISOString(), job.id);
  store.statement('DELETE FROM lo_bulk_query_page WHERE job_id = ?').run(job.id);
  return jobInfo(jobRow(store, job.id), false);
}

/** `DELETE /jobs/query/{id}`: a finished job and its results. */
export function deleteQueryJob(store: Store, id: string): void {
  const job = jobRow(store, id);
  if (job.state === 'UploadComplete' || job.state === 'InProgress') {
    throw new SfApiError('INVALIDJOBSTATE', `Can not delete job ${job.id} in state ${job.state}.`, 409);
  }
  store.statement('DELETE FROM lo_bulk_query_page WHERE job_id = ?').run(job.id);
  store.statement('DELETE FROM lo_bulk_query_job WHERE id = ?').run(job.id);
}

/** A locator is the index of the first record of a set, opaque to clients (as Salesforce's are). */
function encodeLocator(offset: number): string {
  return Buffer.from(String(offset)).toString('base64url');
}

function decodeLocator(locator: string): number {
  const offset = Number(Buffer.from(locator, 'base64url').toString('utf8'));
  if (!/^[A-Za-z0-9_-]+$/.test(locator) || !Number.isInteger(offset) || offset < 0) {
    throw new SfApiError('INVALID_LOCATOR', `Invalid locator: ${locator}`, 400);
  }
  return offset;
}

/**
 * `GET /jobs/query/{id}/results?locator=&maxRecords=`: one set of records as CSV (header row included), with the
 * locator of the next set (`null` after the last) and the number of records in this one.
 */
export function queryResults(
  store: Store,
  id: string,
  apiVersion: string,
  locator: string | null,
  maxRecordsText: string | null
): { csv: string; locator: string; count: number } {
  const job = jobRow(store, id);
  if (job.state !== 'JobComplete') {
    throw new SfApiError('INVALIDJOBSTATE', `Can not get results of job ${job.id} in state ${job.state}.`, 409);
  }
  if (Number(apiVersion) !== Number(job.api_version)) {
    throw new SfApiError(
      'INVALIDJOBSTATE',
      `Get the results with the API version that created the job (${job.api_version}).`,
      409
    );
  }
  const maxRecords = maxRecordsText === null ? DEFAULT_MAX_RECORDS : Number(maxRecordsText);
  if (!Number.isInteger(maxRecords) || maxRecords < 1) {
    throw new SfApiError(
      'INVALIDJOB',
      `InvalidJob : maxRecords must be a positive integer, not ${maxRecordsText}`,
      400
    );
  }
  const from = locator ? decodeLocator(locator) : 0;
  const to = Math.min(job.records_processed, from + maxRecords);
  // Every page starts with the header row; records [from, to) come from the pages that hold them.
  const pages = store
    .statement('SELECT page, lines FROM lo_bulk_query_page WHERE job_id = ? AND page >= ? AND page <= ? ORDER BY page')
    .all(job.id, Math.floor(from / PAGE_RECORDS), Math.floor(Math.max(from, to - 1) / PAGE_RECORDS)) as {
    page: number;
    lines: string;
  }[];
  const first = store
    .statement('SELECT lines FROM lo_bulk_query_page WHERE job_id = ? AND page = 0')
    .pluck()
    .get(job.id);
  const header = (JSON.parse((first as string | undefined) ?? '[""]') as string[])[0];
  const lines: string[] = [];
  for (const page of pages) {
    const records = (JSON.parse(page.lines) as string[]).slice(1);
    const start = page.page * PAGE_RECORDS;
    records.forEach((line, index) => {
      if (start + index >= from && start + index < to) lines.push(line);
    });
  }
  const ending = job.line_ending === 'CRLF' ? '\r\n' : '\n';
  return {
    csv: [header, ...lines].map((line) => line + ending).join(''),
    locator: to < job.records_processed ? encodeLocator(to) : 'null',
    count: lines.length
  };
}

// ------------------------------------------------------------------------------------------------ processing

/** A running job: its snapshot connection and the rows left to read. */
interface RunningQuery {
  db: Database.Database;
  plan: RecordPlan;
  rows: IterableIterator<unknown[]>;
  header: string[];
  page: number;
  count: number;
}

/** The column of each output: `Name`, `Contract__r.Name`. */
function headerOf(plan: RecordPlan): string[] {
  return plan.outputs.flatMap((output) =>
    output.kind === 'subquery' ? [] : [[...output.path, output.field.name].join('.')]
  );
}

/** A REST value as Bulk API 2.0 writes it in CSV. */
function csvValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string')
    return /^\d{4}-\d{2}-\d{2}T.*\+0000$/.test(value) ? value.replace(/\+0000$/, 'Z') : value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function cell(record: Record<string, unknown>, column: string): string {
  let current: unknown = record;
  for (const part of column.split('.')) {
    if (current === null || typeof current !== 'object') return '';
    current = (current as Record<string, unknown>)[part];
  }
  return csvValue(current);
}

/** Starts a queued job: its query on a read-only connection of its own, as its creator. */
function startQuery(store: Store, job: QueryJobRow): RunningQuery {
  const plan = store.runAs(job.created_by_id, () =>
    planQuery(store, job.query, { queryAll: job.operation === 'queryAll' })
  );
  if (plan.kind !== 'records') throw new Error('An aggregate function is not supported by Bulk API 2.0 queries');
  const db = new Database(join(store.dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  registerFunctions(store, db);
  const rows = db.prepare(plan.sql).raw(true).iterate(plan.params) as IterableIterator<unknown[]>;
  return { db, plan, rows, header: headerOf(plan), page: 0, count: 0 };
}

/** Reads and writes the next page of a running job; true when the job is finished. */
function writePage(store: Store, job: QueryJobRow, running: RunningQuery): boolean {
  const rows: unknown[][] = [];
  for (let next = running.rows.next(); !next.done; next = running.rows.next()) {
    rows.push(next.value);
    if (rows.length === PAGE_RECORDS) break;
  }
  const records = store.runAs(job.created_by_id, () =>
    shapePage(store, { plan: running.plan, rows, totalSize: rows.length }, 0, rows.length, '')
  ) as Record<string, unknown>[];
  const delimiter = DELIMITERS[job.column_delimiter];
  const line = (cells: string[]): string =>
    stringify([cells], { delimiter, quoted: true, record_delimiter: '' }).replace(/\r?\n$/, '');
  const lines = [line(running.header), ...records.map((record) => line(running.header.map((c) => cell(record, c))))];
  if (rows.length > 0 || running.page === 0) {
    store
      .statement('INSERT OR REPLACE INTO lo_bulk_query_page (job_id, page, lines) VALUES (?, ?, ?)')
      .run(job.id, running.page, JSON.stringify(lines));
    running.page++;
    running.count += rows.length;
  }
  return rows.length < PAGE_RECORDS;
}

/**
 * Runs one turn of the oldest queued or running query job (a page of at most PAGE_RECORDS records); false when
 * there is none. `running` keeps the jobs' snapshots between turns.
 */
export function processQueryTurn(store: Store, running: Map<string, RunningQuery>): boolean {
  const job = tables(store)
    .statement(
      "SELECT * FROM lo_bulk_query_job WHERE state IN ('UploadComplete', 'InProgress') ORDER BY created_date, id LIMIT 1"
    )
    .get() as QueryJobRow | undefined;
  for (const [id, query] of running) {
    if (id !== job?.id) {
      query.db.close();
      running.delete(id);
    }
  }
  if (!job) return false;
  const started = Date.now();
  const now = new Date().toISOString();
  try {
    let query = running.get(job.id);
    if (!query) {
      // A job left running by a stopped org starts again from its first page.
      store.statement('DELETE FROM lo_bulk_query_page WHERE job_id = ?').run(job.id);
      query = startQuery(store, job);
      running.set(job.id, query);
    }
    const finished = store.transaction(() => writePage(store, job, query));
    store
      .statement(
        'UPDATE lo_bulk_query_job SET state = ?, records_processed = ?, processing_ms = processing_ms + ?, ' +
          'system_modstamp = ? WHERE id = ?'
      )
      .run(finished ? 'JobComplete' : 'InProgress', query.count, Date.now() - started, now, job.id);
    if (finished) {
      query.db.close();
      running.delete(job.id);
    }
  } catch (error) {
    running.get(job.id)?.db.close();
    running.delete(job.id);
    const message = error instanceof SfApiError ? `${error.errorCode}: ${error.message}` : (error as Error).message;
    store
      .statement("UPDATE lo_bulk_query_job SET state = 'Failed', error_message = ?, system_modstamp = ? WHERE id = ?")
      .run(message, now, job.id);
  }
  return true;
}

export type { RunningQuery };
