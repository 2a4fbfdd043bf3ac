/**
 * Bulk API 2.0 ingest jobs: create, upload CSV, UploadComplete, asynchronous processing, counts, and the
 * successful / failed / unprocessed result files. Jobs, uploaded data and per-row results live in SQLite (`lo_bulk_*`
 * tables; the results of a chunk are one row of `lo_bulk_result_chunk`); rows are processed in chunks, each chunk one
 * transaction that also records its results and the job's progress, so a killed org resumes a job where the last
 * committed chunk ended and never applies a row twice.
 */
import { stringify } from 'csv-stringify/sync';
import { SfApiError, notFound, recordErrorsOf } from '../errors.js';
import { normalizeId } from '../ids.js';
import type { ObjectDef } from '../schema.js';
import type { Store } from '../store.js';
import { apiDateTime } from '../values.js';
import { CsvCursor } from './csvCursor.js';
import { DELIMITERS, mayUseJob, newJobId } from './jobs.js';
import { processQueryTurn, type RunningQuery } from './query.js';

export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';
export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/**
 * A chunk of a running job, applied in one transaction, is at most CHUNK_ROWS rows or CHUNK_MS of work, whichever
 * comes first: the server answers other requests between chunks, so no request waits longer than about one chunk.
 */
const CHUNK_ROWS = 1000;
const CHUNK_MS = 20;
/** Records parsed from the upload at a time. */
const READ_BATCH_ROWS = 1000;

interface JobRow {
  id: string;
  object: string;
  operation: IngestOperation;
  external_id_field: string | null;
  state: JobState;
  line_ending: string;
  column_delimiter: string;
  api_version: string;
  created_date: string;
  system_modstamp: string;
  error_message: string | null;
  created_by_id: string | null;
  rows_done: number;
  rows_total: number;
  records_failed: number;
  processing_ms: number;
}

function ensureTables(store: Store): void {
  store.db.exec(`
    CREATE TABLE IF NOT EXISTS lo_bulk_job (
      id TEXT PRIMARY KEY, object TEXT NOT NULL, operation TEXT NOT NULL, external_id_field TEXT,
      state TEXT NOT NULL, line_ending TEXT NOT NULL, column_delimiter TEXT NOT NULL, api_version TEXT NOT NULL,
      created_date TEXT NOT NULL, system_modstamp TEXT NOT NULL, error_message TEXT,
      rows_done INTEGER NOT NULL DEFAULT 0, rows_total INTEGER NOT NULL DEFAULT 0,
      records_failed INTEGER NOT NULL DEFAULT 0, processing_ms INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE IF NOT EXISTS lo_bulk_upload (job_id TEXT NOT NULL, seq INTEGER NOT NULL, csv TEXT NOT NULL,
      PRIMARY KEY (job_id, seq));
    CREATE TABLE IF NOT EXISTS lo_bulk_result (job_id TEXT NOT NULL, row_index INTEGER NOT NULL, success INTEGER NOT NULL,
      record_id TEXT, created INTEGER, error TEXT, PRIMARY KEY (job_id, row_index));
    CREATE TABLE IF NOT EXISTS lo_bulk_result_chunk (job_id TEXT NOT NULL, first_row INTEGER NOT NULL,
      results TEXT NOT NULL, PRIMARY KEY (job_id, first_row));
  `);
}

const prepared = new WeakSet<Store>();

function tables(store: Store): Store {
  if (!prepared.has(store)) {
    ensureTables(store);
    // Jobs run as the user who created them (older data directories lack the column).
    const columns = store.db.prepare('PRAGMA table_info(lo_bulk_job)').all() as { name: string }[];
    if (!columns.some((column) => column.name === 'created_by_id')) {
      store.db.exec('ALTER TABLE lo_bulk_job ADD COLUMN created_by_id TEXT');
    }
    prepared.add(store);
  }
  return store;
}

/** The job `id`, or 404 NOT_FOUND when absent or another user's (its existence is not disclosed). */
function jobRow(store: Store, id: string): JobRow {
  const canonical = normalizeId(id);
  const row = canonical
    ? (tables(store).statement('SELECT * FROM lo_bulk_job WHERE id = ?').get(canonical) as JobRow | undefined)
    : undefined;
  if (!row || !mayUseJob(store, row.created_by_id)) throw notFound();
  return row;
}

/** Job info as the REST API answers it. */
export function jobInfo(store: Store, row: JobRow, detailed: boolean): Record<string, unknown> {
  const info: Record<string, unknown> = {
    id: row.id,
    operation: row.operation,
    object: row.object,
    createdById: row.created_by_id ?? store.identity.userId,
    createdDate: apiDateTime(row.created_date),
    systemModstamp: apiDateTime(row.system_modstamp),
    state: row.state,
    externalIdFieldName: row.external_id_field ?? undefined,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(row.api_version),
    jobType: 'V2Ingest',
    lineEnding: row.line_ending,
    columnDelimiter: row.column_delimiter
  };
  if (row.state === 'Open') info.contentUrl = `services/data/v${row.api_version}/jobs/ingest/${row.id}/batches`;
  if (detailed) {
    Object.assign(info, {
      numberRecordsProcessed: row.rows_done,
      numberRecordsFailed: row.records_failed,
      retries: 0,
      totalProcessingTime: row.processing_ms,
      apiActiveProcessingTime: row.processing_ms,
      apexProcessingTime: 0
    });
    if (row.error_message) info.errorMessage = row.error_message;
  }
  return info;
}

/** Creates an Open job from the request body of `POST /jobs/ingest`. */
export function createJob(store: Store, body: Record<string, unknown>, apiVersion: string): Record<string, unknown> {
  tables(store);
  const objectName = typeof body.object === 'string' ? body.object : '';
  const def = store.getObject(objectName);
  if (!def || (store.access && !store.access.can(def, 'read')))
    throw new SfApiError('INVALIDENTITY', `Entity '${objectName}' is not supported by the Bulk API.`, 400);
  const operation = String(body.operation ?? '') as IngestOperation;
  if (!['insert', 'update', 'upsert', 'delete', 'hardDelete'].includes(operation)) {
    throw new SfApiError('INVALIDJOB', `InvalidJob : Invalid operation: ${operation}`, 400);
  }
  let externalIdField: string | null = null;
  if (operation === 'upsert') {
    const field =
      typeof body.externalIdFieldName === 'string' ? store.getField(def, body.externalIdFieldName) : undefined;
    if (!field || !(field.externalId || field.name === 'Id' || field.unique)) {
      throw new SfApiError(
        'INVALIDJOB',
        `InvalidJob : Field name provided, ${String(body.externalIdFieldName ?? '')} is not an External ID or ` +
          `indexed field for ${def.name}`,
        400
      );
    }
    externalIdField = field.name;
  }
  if (body.contentType !== undefined && body.contentType !== 'CSV') {
    throw new SfApiError('INVALIDJOB', `InvalidJob : Unsupported content type: ${String(body.contentType)}`, 400);
  }
  const lineEnding = body.lineEnding === 'CRLF' ? 'CRLF' : 'LF';
  const columnDelimiter = typeof body.columnDelimiter === 'string' ? body.columnDelimiter : 'COMMA';
  if (!DELIMITERS[columnDelimiter]) {
    throw new SfApiError('INVALIDJOB', `InvalidJob : Unsupported column delimiter: ${columnDelimiter}`, 400);
  }
  const now = new Date().toISOString();
  const id = newJobId(store);
  store
    .statement(
      'INSERT INTO lo_bulk_job (id, object, operation, external_id_field, state, line_ending, column_delimiter, ' +
        "api_version, created_date, system_modstamp, created_by_id) VALUES (?, ?, ?, ?, 'Open', ?, ?, ?, ?, ?, ?)"
    )
    .run(
      id,
      def.name,
      operation,
      externalIdField,
      lineEnding,
      columnDelimiter,
      apiVersion,
      now,
      now,
      store.runningUserId
    );
  return jobInfo(store, jobRow(store, id), false);
}

/** Stores one CSV upload of an Open job. */
export function uploadData(store: Store, id: string, csv: string): void {
  const job = jobRow(store, id);
  if (job.state !== 'Open') {
    throw new SfApiError('INVALIDJOBSTATE', `Can not upload data to job ${job.id} in state ${job.state}.`, 409);
  }
  const next = store
    .statement('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM lo_bulk_upload WHERE job_id = ?')
    .get(job.id) as {
    seq: number;
  };
  store.statement('INSERT INTO lo_bulk_upload (job_id, seq, csv) VALUES (?, ?, ?)').run(job.id, next.seq, csv);
}

/** Moves a job to UploadComplete (processing starts) or Aborted. */
export function changeState(store: Store, id: string, state: unknown): Record<string, unknown> {
  const job = jobRow(store, id);
  if (state !== 'UploadComplete' && state !== 'Aborted') {
    throw new SfApiError('INVALIDJOBSTATE', `Invalid state: ${String(state)}`, 400);
  }
  const finished = job.state === 'JobComplete' || job.state === 'Failed' || job.state === 'Aborted';
  if (finished || (state === 'UploadComplete' && job.state !== 'Open')) {
    throw new SfApiError(
      'INVALIDJOBSTATE',
      `Can not change state of job ${job.id} from ${job.state} to ${state}.`,
      409
    );
  }
  const now = new Date().toISOString();
  store.statement('UPDATE lo_bulk_job SET state = ?, system_modstamp = ? WHERE id = ?').run(state, now, job.id);
  return jobInfo(store, jobRow(store, job.id), false);
}

/** Job info of one job. */
export function getJob(store: Store, id: string): Record<string, unknown> {
  return jobInfo(store, jobRow(store, id), true);
}

/** The ingest jobs the running user may see (its own; every job for an administrator), newest first. */
export function listJobs(store: Store): Record<string, unknown>[] {
  const rows = tables(store)
    .statement('SELECT * FROM lo_bulk_job ORDER BY created_date DESC, id DESC')
    .all() as JobRow[];
  return rows.filter((row) => mayUseJob(store, row.created_by_id)).map((row) => jobInfo(store, row, false));
}

/** Deletes a finished (or open) job and its data. */
export function deleteJob(store: Store, id: string): void {
  const job = jobRow(store, id);
  if (job.state === 'UploadComplete' || job.state === 'InProgress') {
    throw new SfApiError('INVALIDJOBSTATE', `Can not delete job ${job.id} in state ${job.state}.`, 409);
  }
  for (const table of ['lo_bulk_result', 'lo_bulk_result_chunk', 'lo_bulk_upload']) {
    store.statement(`DELETE FROM ${table} WHERE job_id = ?`).run(job.id);
  }
  store.statement('DELETE FROM lo_bulk_job WHERE id = ?').run(job.id);
}

// ------------------------------------------------------------------------------------------------ processing

/** Checks the header row against the object before any row is applied (Salesforce fails the whole job). */
function checkColumns(store: Store, def: ObjectDef, job: JobRow, columns: string[]): void {
  for (const column of columns) {
    const [head, tail] = column.split('.');
    if (tail !== undefined) {
      const reference = def.fields.find((field) => field.relationshipName?.toLowerCase() === head.toLowerCase());
      if (!reference) throw new Error(`InvalidBatch : Field name not found : ${column}`);
      continue;
    }
    if (!store.getField(def, column)) throw new Error(`InvalidBatch : Field name not found : ${column}`);
  }
  const hasId = columns.some((column) => column.toLowerCase() === 'id');
  if ((job.operation === 'update' || job.operation === 'delete' || job.operation === 'hardDelete') && !hasId) {
    throw new Error('InvalidBatch : Field name not found : Id');
  }
}

/** The values of one CSV row: blank cells are left out (Bulk semantics), `#N/A` clears a field. */
function rowValues(columns: string[], cells: string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  columns.forEach((column, index) => {
    const cell = cells[index] ?? '';
    if (cell === '') return;
    values[column] = cell === '#N/A' ? null : cell;
  });
  return values;
}

function errorText(error: unknown): string {
  return recordErrorsOf(error)
    .map((entry) => entry.toBulkText())
    .join(';');
}

function applyRow(store: Store, job: JobRow, values: Record<string, unknown>): { id: string; created: boolean } {
  const idEntry = Object.entries(values).find(([name]) => name.toLowerCase() === 'id');
  const rawId = idEntry ? String(idEntry[1] ?? '') : '';
  const withoutId = { ...values };
  if (idEntry) delete withoutId[idEntry[0]];
  switch (job.operation) {
    case 'insert':
      return { id: store.insert(job.object, withoutId, { source: 'text' }), created: true };
    case 'update': {
      if (!rawId) throw new SfApiError('MISSING_ARGUMENT', 'Id not specified in an update call', 400, ['Id']);
      store.update(job.object, rawId, withoutId, { source: 'text' });
      return { id: normalizeId(rawId) ?? rawId, created: false };
    }
    case 'upsert':
      return store.upsert(job.object, job.external_id_field as string, values, { source: 'text' });
    default: {
      if (!rawId) throw new SfApiError('MISSING_ARGUMENT', 'Id not specified in a delete call', 400, ['Id']);
      store.delete(job.object, rawId);
      return { id: normalizeId(rawId) ?? rawId, created: false };
    }
  }
}

/** The uploads of a job, read a few records at a time. */
function cursorOf(store: Store, job: JobRow): CsvCursor {
  const uploads = store
    .statement('SELECT csv FROM lo_bulk_upload WHERE job_id = ? ORDER BY seq')
    .pluck()
    .all(job.id) as string[];
  return new CsvCursor(uploads, DELIMITERS[job.column_delimiter]);
}

/** A running job's reading position: its cursor, and rows read but not applied yet (the next chunk's first). */
interface JobReader {
  cursor: CsvCursor;
  columns: string[];
  pending: string[][];
}

/**
 * Opens a job's reader at its first unapplied row (after a restart the rows already applied are skipped), checking
 * the header once; throws for a job that must fail.
 */
function openReader(store: Store, job: JobRow): JobReader {
  const def = store.getObject(job.object);
  if (!def) throw new Error(`InvalidBatch : Unknown object ${job.object}`);
  const cursor = cursorOf(store, job);
  cursor.skip(job.rows_done);
  const pending = cursor.next(READ_BATCH_ROWS);
  if (!cursor.header) throw new Error('InvalidBatch : No data was uploaded for this job');
  checkColumns(store, def, job, cursor.header);
  return { cursor, columns: cursor.header, pending };
}

/** The result of one row: success (1 or 0), record id, created (1, 0 or null on failure), error text. */
type RowResult = [number, string | null, number | null, string | null];

/**
 * The results of a job's rows by row index, as kept by each chunk (and, in data directories written by earlier
 * versions, one row each in lo_bulk_result).
 */
function rowResults(store: Store, jobId: string): Map<number, RowResult> {
  const byRow = new Map<number, RowResult>();
  const legacy = store
    .statement('SELECT row_index, success, record_id, created, error FROM lo_bulk_result WHERE job_id = ?')
    .raw()
    .all(jobId) as [number, number, string | null, number | null, string | null][];
  for (const [row, ...result] of legacy) byRow.set(row, result);
  const chunks = store
    .statement('SELECT first_row, results FROM lo_bulk_result_chunk WHERE job_id = ? ORDER BY first_row')
    .raw()
    .all(jobId) as [number, string][];
  for (const [first, results] of chunks) {
    (JSON.parse(results) as RowResult[]).forEach((result, offset) => byRow.set(first + offset, result));
  }
  return byRow;
}

/** Applies the next chunk of a job in one transaction; false when the job is finished. */
function processChunk(store: Store, jobId: string, readers: Map<string, JobReader>): boolean {
  const creator = (tables(store).statement('SELECT created_by_id FROM lo_bulk_job WHERE id = ?').pluck().get(jobId) ??
    store.identity.userId) as string;
  try {
    return store.transaction(() =>
      store.runAs(creator, () => store.cachingReads(() => applyChunk(store, jobId, readers)))
    );
  } catch (error) {
    // The chunk rolled back: read the job again from what is committed.
    readers.delete(jobId);
    throw error;
  }
}

/**
 * The body of processChunk, inside its transaction and running as the job's creator: rows are applied until
 * CHUNK_ROWS are done or CHUNK_MS have passed, so that the server answers other requests between chunks.
 */
function applyChunk(store: Store, jobId: string, readers: Map<string, JobReader>): boolean {
  const job = jobRow(store, jobId);
  if (job.state !== 'UploadComplete' && job.state !== 'InProgress') {
    readers.delete(jobId);
    return false;
  }
  const started = Date.now();
  const now = new Date().toISOString();
  let reader = readers.get(job.id);
  const fail = (error: unknown): false => {
    readers.delete(job.id);
    store
      .statement(
        "UPDATE lo_bulk_job SET state = 'Failed', error_message = ?, rows_total = rows_done, system_modstamp = ? " +
          'WHERE id = ?'
      )
      .run((error as Error).message, now, job.id);
    return false;
  };
  if (!reader) {
    try {
      reader = openReader(store, job);
      readers.set(job.id, reader);
    } catch (error) {
      return fail(error);
    }
  }
  const { pending } = reader;
  const results: RowResult[] = [];
  const keepResults = (): void => {
    if (results.length === 0) return;
    store
      .statement('INSERT OR REPLACE INTO lo_bulk_result_chunk (job_id, first_row, results) VALUES (?, ?, ?)')
      .run(job.id, job.rows_done, JSON.stringify(results));
  };
  let index = job.rows_done;
  let failed = 0;
  let done = false;
  while (index - job.rows_done < CHUNK_ROWS && Date.now() - started < CHUNK_MS) {
    if (pending.length === 0) {
      try {
        pending.push(...reader.cursor.next(READ_BATCH_ROWS));
      } catch (error) {
        // A malformed CSV further down fails the job; the rows applied before it stay, as on Salesforce.
        keepResults();
        store.statement('UPDATE lo_bulk_job SET rows_done = ? WHERE id = ?').run(index, job.id);
        return fail(error);
      }
      if (pending.length === 0) {
        done = true;
        break;
      }
    }
    const values = rowValues(reader.columns, pending.shift() as string[]);
    try {
      const result = store.transaction(() => applyRow(store, job, values));
      results.push([1, result.id, result.created ? 1 : 0, null]);
    } catch (error) {
      failed++;
      const idCell = Object.entries(values).find(([name]) => name.toLowerCase() === 'id')?.[1];
      results.push([0, typeof idCell === 'string' ? idCell : null, null, errorText(error)]);
    }
    index++;
  }
  keepResults();
  store
    .statement(
      'UPDATE lo_bulk_job SET state = ?, rows_done = ?, rows_total = ?, records_failed = records_failed + ?, ' +
        'processing_ms = processing_ms + ?, system_modstamp = ? WHERE id = ?'
    )
    .run(done ? 'JobComplete' : 'InProgress', index, index, failed, Date.now() - started, now, job.id);
  if (done) readers.delete(job.id);
  return !done;
}

/**
 * Runs queued ingest and query jobs in the background of the server process, one chunk per turn of the event loop
 * (an ingest chunk is at most CHUNK_ROWS rows or CHUNK_MS, a query page 2,000 records), so that requests are
 * answered between chunks. One processor per store.
 */
export class BulkProcessor {
  private running = false;
  private stopped = false;
  private timer?: NodeJS.Immediate;
  private readonly readers = new Map<string, JobReader>();
  private readonly queries = new Map<string, RunningQuery>();

  public constructor(private readonly store: Store) {
    tables(store);
  }

  /** Starts processing queued jobs if it is not already running (call after UploadComplete and at start-up). */
  public kick(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    this.timer = setImmediate(() => this.step());
  }

  /** Stops after the current chunk; committed chunks stay, the rest resumes at the next start. */
  public stop(): void {
    this.stopped = true;
    if (this.timer) clearImmediate(this.timer);
    this.running = false;
    for (const query of this.queries.values()) query.db.close();
    this.queries.clear();
    if (this.store.db.open) this.store.forgetCachedReads();
    this.store.checkpointInBackground(false);
  }

  private step(): void {
    if (this.stopped || !this.store.db.open) return;
    const next = this.store
      .statement(
        "SELECT id FROM lo_bulk_job WHERE state IN ('UploadComplete', 'InProgress') ORDER BY created_date, id LIMIT 1"
      )
      .get() as { id: string } | undefined;
    if (next) {
      // Started with the first chunk, not at every kick (an org starting with no job queued needs no thread).
      this.store.checkpointInBackground(true);
      processChunk(this.store, next.id, this.readers);
    }
    // Query jobs take turns with ingest jobs, a page at a time.
    const queried = processQueryTurn(this.store, this.queries);
    if (!next && !queried) {
      this.running = false;
      // The records the chunks read are kept, and the WAL copied in the background, only while jobs run.
      this.store.forgetCachedReads();
      this.store.checkpointInBackground(false);
      return;
    }
    this.timer = setImmediate(() => this.step());
  }
}

/** The result file `kind` of a job, as CSV (header only when empty). */
export function resultsCsv(store: Store, id: string, kind: 'successful' | 'failed' | 'unprocessed'): string {
  const job = jobRow(store, id);
  const cursor = cursorOf(store, job);
  const rows: string[][] = [];
  try {
    for (let batch = cursor.next(10_000); batch.length > 0; batch = cursor.next(10_000)) rows.push(...batch);
  } catch {
    // A malformed upload: the rows before the error are what the job read.
  }
  if (!cursor.header) return '';
  if (kind === 'unprocessed') {
    // Rows a finished job never reached (it failed or was aborted), or every row not yet applied.
    const from = job.state === 'JobComplete' ? rows.length : job.rows_done;
    return stringify([cursor.header, ...rows.slice(from)], { quoted: true });
  }
  const success = kind === 'successful' ? 1 : 0;
  const lines: unknown[][] = [['sf__Id', kind === 'successful' ? 'sf__Created' : 'sf__Error', ...cursor.header]];
  const results = [...rowResults(store, job.id)]
    .filter(([, [succeeded]]) => succeeded === success)
    .sort(([a], [b]) => a - b);
  for (const [row, [, recordId, created, error]] of results) {
    const second = kind === 'successful' ? (created === 1 ? 'true' : 'false') : (error ?? '');
    lines.push([recordId ?? '', second, ...(rows[row] ?? [])]);
  }
  return stringify(lines, { quoted: true });
}
