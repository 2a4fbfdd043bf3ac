/**
 * Writes a dataset into an org as idempotent upserts, parents first: sObject Collections (200 records a request)
 * below the bulk threshold, Bulk API 2.0 (one job, one upload) at or above it. Every record carries its key, so a
 * rerun (after a fix, or after the process was killed half-way) updates what is there and creates only what is
 * missing. When an sObject has failed records the load stops before its children, whose parents may be missing,
 * and reports the failures with the org's own error and the ids written so far.
 */
import type { Connection } from '@salesforce/core';
import {
  KEY_FIELD,
  RUNNING_USER,
  type Dataset,
  type FieldValue,
  type SeedObjectName,
  type SeedRecord
} from './dataset.js';
import { chunks, queryIn, runningUser } from '../shared/orgHelpers.js';
import { stringify } from 'csv-stringify/sync';
import { csvCell, readCsvColumns, toCsv, toRestRecord, UnresolvedReferenceError, type IdResolver } from './records.js';

/** Records per object at or above which Bulk API 2.0 is used instead of sObject Collections. */
export const DEFAULT_BULK_THRESHOLD = 2000;
/** sObject Collections take at most 200 records a request. */
const COLLECTION_SIZE = 200;
/** Bulk API 2.0 takes at most 150 MB per job upload; stay well below it. */
const MAX_BULK_UPLOAD_BYTES = 100 * 1024 * 1024;

export type LoadApi = 'collections' | 'bulk2';

export interface LoadProgress {
  sobject: SeedObjectName;
  api: LoadApi;
  /** Records processed so far for this sObject, and in total. */
  done: number;
  total: number;
}

export interface LoadOptions {
  bulkThreshold?: number;
  /** Longest wait for one Bulk API 2.0 job, in milliseconds. */
  bulkTimeoutMs?: number;
  onProgress?: (progress: LoadProgress) => void;
  /**
   * Accounts the caller already found, by the key its records' Account references use (an import references
   * accounts by id, which may have no AccountNumber): looked up in the org no more.
   */
  accountIds?: ReadonlyMap<string, string>;
}

export interface FailedRecord {
  sobject: SeedObjectName;
  key: string;
  /** The org's error, as `STATUS_CODE: message`. */
  error: string;
}

export interface ObjectLoadResult {
  sobject: SeedObjectName;
  api: LoadApi;
  total: number;
  created: number;
  updated: number;
  failed: number;
  /** Ids of the records written (created or updated). */
  ids: string[];
}

export interface LoadResult {
  objects: ObjectLoadResult[];
  failures: FailedRecord[];
  /** sObjects left alone because a parent sObject had failures. */
  notAttempted: SeedObjectName[];
  created: number;
  updated: number;
  failed: number;
  /** Effort entries an earlier seed of these accounts wrote and this one no longer tells (see pruneUntoldEffort). */
  deleted: number;
}

interface WriteOutcome {
  key: string;
  id?: string;
  created?: boolean;
  error?: string;
}

interface SaveError {
  statusCode?: string;
  errorCode?: string;
  message: string;
  fields?: string[];
}

interface SaveResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors?: SaveError[];
}

function formatErrors(errors: SaveError[] | undefined): string {
  if (!errors || errors.length === 0) return 'UNKNOWN_ERROR: the org gave no reason';
  return errors
    .map((error) => {
      const fields = error.fields && error.fields.length > 0 ? ` [${error.fields.join(', ')}]` : '';
      return `${error.statusCode ?? error.errorCode ?? 'ERROR'}: ${error.message}${fields}`;
    })
    .join('; ');
}

/** Finds existing accounts by AccountNumber (the seed's account key). */
async function findAccounts(conn: Connection, keys: string[]): Promise<Map<string, string>> {
  const rows = await queryIn<{ Id: string; AccountNumber: string }>(
    conn,
    keys,
    (list) => `SELECT Id, AccountNumber FROM Account WHERE AccountNumber IN (${list})`
  );
  return new Map(rows.map((row) => [row.AccountNumber, row.Id]));
}

/** Turns records into API bodies; a record whose reference cannot be resolved becomes a failure instead. */
function prepare<T>(
  records: SeedRecord[],
  convert: (record: SeedRecord) => T
): { ready: { record: SeedRecord; body: T }[]; unresolved: WriteOutcome[] } {
  const ready: { record: SeedRecord; body: T }[] = [];
  const unresolved: WriteOutcome[] = [];
  for (const record of records) {
    try {
      ready.push({ record, body: convert(record) });
    } catch (error) {
      if (!(error instanceof UnresolvedReferenceError)) throw error;
      unresolved.push({ key: record.key, error: `NOT_FOUND: ${error.message}` });
    }
  }
  return { ready, unresolved };
}

class ObjectWriter {
  public constructor(
    private readonly conn: Connection,
    private readonly options: Required<Pick<LoadOptions, 'bulkTimeoutMs'>> & LoadOptions,
    private readonly sobject: SeedObjectName,
    private readonly total: number,
    private readonly api: LoadApi
  ) {}

  private done = 0;

  private progress(count: number): void {
    this.done += count;
    this.options.onProgress?.({ sobject: this.sobject, api: this.api, done: this.done, total: this.total });
  }

  /** Collections upsert by external id, 200 records a request. */
  public async upsertCollections(records: SeedRecord[], ids: IdResolver): Promise<WriteOutcome[]> {
    const keyField = KEY_FIELD[this.sobject];
    const { ready, unresolved } = prepare(records, (record) => toRestRecord(this.sobject, record, ids));
    const outcomes: WriteOutcome[] = [...unresolved];
    for (const batch of chunks(ready, COLLECTION_SIZE)) {
      const results = (await this.conn.upsert(
        this.sobject,
        batch.map((item) => item.body as { [key: string]: unknown }) as never,
        keyField,
        { allOrNone: false }
      )) as unknown as SaveResult[];
      results.forEach((result, index) => outcomes.push(this.outcome(batch[index].record.key, result)));
      this.progress(batch.length);
    }
    return outcomes;
  }

  /** Collections insert (records without an id) or update (records with one), 200 records a request. */
  public async writeCollections(
    operation: 'insert' | 'update',
    records: { record: SeedRecord; id?: string }[],
    ids: IdResolver
  ): Promise<WriteOutcome[]> {
    const { ready, unresolved } = prepare(
      records.map((item) => item.record),
      (record) => toRestRecord(this.sobject, record, ids)
    );
    const idByKey = new Map(records.map((item) => [item.record.key, item.id]));
    const outcomes: WriteOutcome[] = [...unresolved];
    for (const batch of chunks(ready, COLLECTION_SIZE)) {
      const bodies = batch.map((item) =>
        operation === 'update' ? { ...item.body, Id: idByKey.get(item.record.key) } : item.body
      );
      const results = (operation === 'insert'
        ? await this.conn.create(this.sobject, bodies as never, { allOrNone: false })
        : await this.conn.update(this.sobject, bodies as never, { allOrNone: false })) as unknown as SaveResult[];
      results.forEach((result, index) =>
        outcomes.push(this.outcome(batch[index].record.key, { ...result, created: operation === 'insert' }))
      );
      this.progress(batch.length);
    }
    return outcomes;
  }

  private outcome(key: string, result: SaveResult): WriteOutcome {
    return result.success
      ? { key, id: result.id, created: Boolean(result.created) }
      : { key, error: formatErrors(result.errors) };
  }

  /**
   * One Bulk API 2.0 ingest job per 100 MB of CSV: create, upload, close, poll, then read the results.
   * @param idColumn for updates, the record ids, sent as the `Id` column
   */
  public async writeBulk(
    operation: 'upsert' | 'insert' | 'update',
    records: SeedRecord[],
    ids: IdResolver,
    idColumn?: Map<string, string>
  ): Promise<WriteOutcome[]> {
    const keyField = KEY_FIELD[this.sobject];
    // Reference problems are found before anything is sent, exactly as with collections.
    const { ready, unresolved } = prepare(records, (record) => toRestRecord(this.sobject, record, ids));
    const outcomes: WriteOutcome[] = [...unresolved];
    const sendable = ready.map((item) => item.record);
    const csvFor = (batch: SeedRecord[]): string =>
      toCsv(
        this.sobject,
        batch,
        ids,
        idColumn ? { column: 'Id', values: batch.map((record) => idColumn.get(record.key) ?? '') } : undefined
      );
    const pending: SeedRecord[][] = sendable.length > 0 ? [sendable] : [];
    while (pending.length > 0) {
      const batch = pending.shift() as SeedRecord[];
      const csv = csvFor(batch);
      if (Buffer.byteLength(csv) > MAX_BULK_UPLOAD_BYTES && batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        pending.unshift(batch.slice(0, half), batch.slice(half));
        continue;
      }
      outcomes.push(
        ...(await this.runBulkJob(
          operation,
          keyField,
          batch.map((record) => record.key),
          csv
        ))
      );
    }
    return outcomes;
  }

  /** Updates records by id (no key needed): collections, or one Bulk API 2.0 job. */
  public async updateById(rows: { id: string; fields: Record<string, FieldValue> }[]): Promise<WriteOutcome[]> {
    if (this.api === 'bulk2') {
      const columns = ['Id', ...new Set(rows.flatMap((row) => Object.keys(row.fields)))];
      const csv = stringify(
        [
          columns,
          ...rows.map((row) => columns.map((column) => (column === 'Id' ? row.id : csvCell(row.fields[column]))))
        ],
        { record_delimiter: '\n' }
      );
      return this.runBulkJob(
        'update',
        'Id',
        rows.map((row) => row.id),
        csv
      );
    }
    const outcomes: WriteOutcome[] = [];
    for (const batch of chunks(rows, COLLECTION_SIZE)) {
      const results = (await this.conn.update(
        this.sobject,
        batch.map((row) => ({ Id: row.id, ...row.fields })) as never,
        { allOrNone: false }
      )) as unknown as SaveResult[];
      results.forEach((result, index) => outcomes.push(this.outcome(batch[index].id, { ...result, created: false })));
      this.progress(batch.length);
    }
    return outcomes;
  }

  private async runBulkJob(
    operation: 'upsert' | 'insert' | 'update',
    keyField: string,
    keys: string[],
    csv: string
  ): Promise<WriteOutcome[]> {
    const job = this.conn.bulk2.createJob({
      object: this.sobject,
      operation,
      ...(operation === 'upsert' ? { externalIdFieldName: keyField } : {}),
      lineEnding: 'LF'
    });
    await job.open();
    await job.uploadData(csv);
    await job.close();
    const info = await this.waitForJob(job, keys.length);
    const outcomes: WriteOutcome[] = [];
    // Raw results, read column by column: parsing every uploaded column of tens of thousands of rows costs seconds.
    const successful = readCsvColumns(await job.getSuccessfulResults(true), ['sf__Id', 'sf__Created', keyField]);
    for (const row of successful) {
      outcomes.push({ key: row[keyField], id: row.sf__Id, created: row.sf__Created === 'true' });
    }
    if (info.numberRecordsFailed > 0) {
      const failedRows = readCsvColumns(await job.getFailedResults(true), ['sf__Error', keyField]);
      for (const row of failedRows) outcomes.push({ key: row[keyField], error: row.sf__Error.replace(/:/, ': ') });
    }
    if (outcomes.length < keys.length) {
      // Rows the job never reached (it failed or was aborted): the rerun will write them.
      const seen = new Set(outcomes.map((outcome) => outcome.key));
      const reason = info.errorMessage ? `: ${info.errorMessage}` : '';
      for (const key of keys) {
        if (!seen.has(key)) outcomes.push({ key, error: `NOT_PROCESSED: the bulk job ended ${info.state}${reason}` });
      }
    }
    return outcomes;
  }

  private async waitForJob(
    job: ReturnType<Connection['bulk2']['createJob']>,
    size: number
  ): Promise<{ state: string; numberRecordsFailed: number; errorMessage?: string }> {
    const deadline = Date.now() + this.options.bulkTimeoutMs;
    // Start fast (small jobs finish in milliseconds on the local org) and back off to spare the API.
    let delay = 50;
    let reported = 0;
    for (;;) {
      const info = await job.check();
      const processed = Math.min(info.numberRecordsProcessed ?? 0, size);
      if (processed > reported) {
        this.progress(processed - reported);
        reported = processed;
      }
      if (info.state === 'JobComplete' || info.state === 'Failed' || info.state === 'Aborted') {
        if (reported < size) this.progress(size - reported);
        return info;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `Bulk job ${job.id} on ${this.sobject} still ${info.state} after ${this.options.bulkTimeoutMs} ms`
        );
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 2000);
    }
  }
}

function apiFor(count: number, bulkThreshold: number): LoadApi {
  return count >= bulkThreshold ? 'bulk2' : 'collections';
}

const UNWRITABLE_FIELDS = /INVALID_FIELD_FOR_INSERT_UPDATE:\s*Unable to create\/update fields: ([^.]+)\./;

/**
 * The reference fields an update refused to write (a master-detail field that cannot be reparented), when that is
 * all that went wrong with the record; undefined for any other error.
 */
export function refusedReferenceFields(error: string, record: SeedRecord): string[] | undefined {
  const match = UNWRITABLE_FIELDS.exec(error);
  if (!match) return undefined;
  const fields = match[1].split(',').map((field) => field.trim());
  return fields.every((field) => field in record.refs) ? fields : undefined;
}

/**
 * Upserts by external id. A record that already exists may refuse its master-detail field (an org where the
 * relationship is not reparentable rejects it on update even unchanged): those records are upserted once more
 * without it, which updates them with the parent they already have. A first load never needs the second pass.
 */
async function upsertRecords(
  conn: Connection,
  settings: Required<Pick<LoadOptions, 'bulkTimeoutMs'>> & LoadOptions,
  sobject: SeedObjectName,
  records: SeedRecord[],
  ids: IdResolver,
  bulkThreshold: number
): Promise<WriteOutcome[]> {
  const upsert = (batch: SeedRecord[]): Promise<WriteOutcome[]> => {
    const api = apiFor(batch.length, bulkThreshold);
    const writer = new ObjectWriter(conn, settings, sobject, batch.length, api);
    return api === 'bulk2' ? writer.writeBulk('upsert', batch, ids) : writer.upsertCollections(batch, ids);
  };
  const outcomes = await upsert(records);
  const byKey = new Map(records.map((record) => [record.key, record]));
  const retries: SeedRecord[] = [];
  for (const outcome of outcomes) {
    const record = byKey.get(outcome.key);
    const refused = outcome.error && record ? refusedReferenceFields(outcome.error, record) : undefined;
    if (!record || !refused) continue;
    const refs = Object.fromEntries(Object.entries(record.refs).filter(([field]) => !refused.includes(field)));
    retries.push({ ...record, refs });
  }
  if (retries.length === 0) return outcomes;
  const retried = new Set(retries.map((record) => record.key));
  return [...outcomes.filter((outcome) => !retried.has(outcome.key)), ...(await upsert(retries))];
}

/** Loads accounts: the key is AccountNumber, not an external id, so the upsert is a look-up then insert/update. */
async function loadAccounts(
  writer: ObjectWriter,
  conn: Connection,
  records: SeedRecord[],
  ids: IdResolver,
  api: LoadApi
): Promise<WriteOutcome[]> {
  const existing = await findAccounts(
    conn,
    records.map((record) => record.key)
  );
  const toUpdate = records.filter((record) => existing.has(record.key));
  const toInsert = records.filter((record) => !existing.has(record.key));
  if (api === 'bulk2') {
    return [
      ...(toUpdate.length > 0 ? await writer.writeBulk('update', toUpdate, ids, existing) : []),
      ...(toInsert.length > 0 ? await writer.writeBulk('insert', toInsert, ids) : [])
    ];
  }
  return [
    ...(await writer.writeCollections(
      'update',
      toUpdate.map((record) => ({ record, id: existing.get(record.key) })),
      ids
    )),
    ...(await writer.writeCollections(
      'insert',
      toInsert.map((record) => ({ record })),
      ids
    ))
  ];
}

/**
 * Loads a dataset into the org behind `conn`. Throws only when the org cannot be used at all (unreachable, session
 * expired, no such object); record-level problems are returned as failures.
 */
export async function loadDataset(conn: Connection, dataset: Dataset, options: LoadOptions = {}): Promise<LoadResult> {
  const bulkThreshold = options.bulkThreshold ?? DEFAULT_BULK_THRESHOLD;
  const settings = { ...options, bulkTimeoutMs: options.bulkTimeoutMs ?? 30 * 60_000 };
  const ids: IdResolver = { accounts: new Map(options.accountIds ?? []) };
  const result: LoadResult = {
    objects: [],
    failures: [],
    notAttempted: [],
    created: 0,
    updated: 0,
    failed: 0,
    deleted: 0
  };

  const needsUser = dataset.objects.some(({ records }) =>
    records.some((record) =>
      Object.values(record.refs).some((ref) => ref.sobject === 'User' && ref.key === RUNNING_USER)
    )
  );
  if (needsUser) ids.runningUserId = (await runningUser(conn)).id;

  for (const [index, { sobject, records }] of dataset.objects.entries()) {
    if (result.failures.length > 0) {
      result.notAttempted = dataset.objects.slice(index).map((group) => group.sobject);
      break;
    }
    // Accounts this sObject points to but this run did not load (a plan that references existing accounts).
    const unknownAccounts = records.flatMap((record) =>
      Object.values(record.refs)
        .filter((ref) => ref.sobject === 'Account' && !ids.accounts.has(ref.key))
        .map((ref) => ref.key)
    );
    if (unknownAccounts.length > 0) {
      for (const [key, id] of await findAccounts(conn, unknownAccounts)) ids.accounts.set(key, id);
    }

    const api = apiFor(records.length, bulkThreshold);
    const outcomes =
      sobject === 'Account'
        ? await loadAccounts(new ObjectWriter(conn, settings, sobject, records.length, api), conn, records, ids, api)
        : await upsertRecords(conn, settings, sobject, records, ids, bulkThreshold);

    const summary: ObjectLoadResult = {
      sobject,
      api,
      total: records.length,
      created: 0,
      updated: 0,
      failed: 0,
      ids: []
    };
    for (const outcome of outcomes) {
      if (outcome.error !== undefined || !outcome.id) {
        summary.failed += 1;
        result.failures.push({ sobject, key: outcome.key, error: outcome.error ?? 'UNKNOWN_ERROR: no id returned' });
        continue;
      }
      summary.ids.push(outcome.id);
      if (outcome.created) summary.created += 1;
      else summary.updated += 1;
      if (sobject === 'Account') ids.accounts.set(outcome.key, outcome.id);
    }
    result.objects.push(summary);
    result.created += summary.created;
    result.updated += summary.updated;
    result.failed += summary.failed;
  }
  if (result.failures.length === 0) result.deleted = await pruneUntoldEffort(conn, dataset);
  return result;
}

/**
 * Deletes the effort entries that an earlier seed wrote for the accounts of this dataset and that this one no longer
 * tells. An entry exists only for an incident worked on, and which incidents are worked on moves with the day the
 * stories are told from: without this, a seed rerun on a later day would leave yesterday's entries behind and every
 * consumed-days roll-up would count them. Only entries whose key starts with a seeded account's key are touched:
 * effort logged by people (no key, or another one) stays.
 * @returns the number of entries deleted
 */
async function pruneUntoldEffort(conn: Connection, dataset: Dataset): Promise<number> {
  const accounts = dataset.objects.find((group) => group.sobject === 'Account')?.records.map((record) => record.key);
  if (!accounts || accounts.length === 0) return 0;
  const told = new Set(
    dataset.objects.find((group) => group.sobject === 'Effort_Entry__c')?.records.map((record) => record.key) ?? []
  );
  const rows = await queryIn<{
    Id: string;
    External_Id__c: string | null;
    Account__r: { AccountNumber: string } | null;
  }>(
    conn,
    accounts,
    (list) =>
      `SELECT Id, External_Id__c, Account__r.AccountNumber FROM Effort_Entry__c WHERE Account__r.AccountNumber IN (${list})`
  );
  const untold = rows.filter((row) => {
    const key = row.External_Id__c;
    const account = row.Account__r?.AccountNumber;
    return key !== null && account !== undefined && key.startsWith(`${account}-`) && !told.has(key);
  });
  for (const batch of chunks(
    untold.map((row) => row.Id),
    COLLECTION_SIZE
  )) {
    const outcomes = (await conn.sobject('Effort_Entry__c').destroy(batch, { allOrNone: true })) as SaveResult[];
    const failed = outcomes.find((outcome) => !outcome.success);
    if (failed) throw new Error(`Deleting untold effort entries failed: ${formatErrors(failed.errors)}`);
  }
  return untold.length;
}

/**
 * Updates existing records by id: sObject Collections below the bulk threshold, one Bulk API 2.0 job at or above it.
 * Used where the records are the org's own (the SLA re-stamp), which may have no external id.
 */
export async function updateById(
  conn: Connection,
  sobject: SeedObjectName,
  rows: { id: string; fields: Record<string, FieldValue> }[],
  options: LoadOptions = {}
): Promise<{ api: LoadApi; updated: number; failures: FailedRecord[] }> {
  const api = apiFor(rows.length, options.bulkThreshold ?? DEFAULT_BULK_THRESHOLD);
  const writer = new ObjectWriter(
    conn,
    { ...options, bulkTimeoutMs: options.bulkTimeoutMs ?? 30 * 60_000 },
    sobject,
    rows.length,
    api
  );
  const outcomes = rows.length > 0 ? await writer.updateById(rows) : [];
  const failures = outcomes
    .filter((outcome) => outcome.error !== undefined)
    .map((outcome) => ({ sobject, key: outcome.key, error: outcome.error as string }));
  return { api, updated: outcomes.length - failures.length, failures };
}
