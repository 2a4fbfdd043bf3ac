/**
 * Bulk API 2.0 resources: ingest jobs (`/jobs/ingest`: create, upload CSV, close or abort, status, results, delete)
 * and query jobs (`/jobs/query`: create, status, results by locator, abort, delete, list). Processing happens in
 * the background (bulk/ingest.ts, bulk/query.ts), as on Salesforce, so clients poll the job state.
 */
import {
  BulkProcessor,
  changeState,
  createJob,
  deleteJob,
  getJob,
  listJobs,
  resultsCsv,
  uploadData
} from '../bulk/ingest.js';
import {
  abortQueryJob,
  createQueryJob,
  deleteQueryJob,
  getQueryJob,
  listQueryJobs,
  queryResults
} from '../bulk/query.js';
import { SfApiError } from '../errors.js';
import { MAX_UPLOAD_BODY_BYTES, json, readJsonObject, type ApiRequest, type ApiResponse, type Route } from '../http.js';
import type { Store } from '../store.js';

const V = String.raw`^\/services\/data\/v(?<version>\d+\.\d)\/jobs\/ingest`;
const processors = new WeakMap<Store, BulkProcessor>();

/** The background processor of a store's jobs (created on first use). */
export function bulkProcessorOf(store: Store): BulkProcessor {
  let processor = processors.get(store);
  if (!processor) processors.set(store, (processor = new BulkProcessor(store)));
  return processor;
}

function create(request: ApiRequest): ApiResponse {
  return json(200, createJob(request.store, readJsonObject(request), request.params.version));
}

function list(request: ApiRequest): ApiResponse {
  return json(200, { done: true, records: listJobs(request.store), nextRecordsUrl: null });
}

function upload(request: ApiRequest): ApiResponse {
  const type = String(request.headers['content-type'] ?? 'text/csv');
  if (!/^text\/csv\b/i.test(type)) {
    throw new SfApiError('INVALIDCONTENTTYPE', `Content-Type must be text/csv, not ${type}`, 400);
  }
  uploadData(request.store, request.params.id, request.body.toString('utf8'));
  return { status: 201 };
}

function patch(request: ApiRequest): ApiResponse {
  const body = readJsonObject(request);
  const info = changeState(request.store, request.params.id, body.state);
  if (body.state === 'UploadComplete') kick(request);
  return json(200, info);
}

function status(request: ApiRequest): ApiResponse {
  return json(200, getJob(request.store, request.params.id));
}

function remove(request: ApiRequest): ApiResponse {
  deleteJob(request.store, request.params.id);
  return { status: 204 };
}

function results(kind: 'successful' | 'failed' | 'unprocessed') {
  return (request: ApiRequest): ApiResponse => ({
    status: 200,
    body: resultsCsv(request.store, request.params.id, kind),
    contentType: 'text/csv'
  });
}

function kick(request: ApiRequest): void {
  // Start after this request's transaction commits (the processor reads the committed state).
  const processor = bulkProcessorOf(request.store);
  setImmediate(() => processor.kick());
}

const Q = String.raw`^\/services\/data\/v(?<version>\d+\.\d)\/jobs\/query`;

const queryRoutes: Route[] = [
  {
    method: 'POST',
    pattern: new RegExp(`${Q}$`),
    handler: (request) => {
      const info = createQueryJob(request.store, readJsonObject(request), request.params.version);
      kick(request);
      return json(200, info);
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${Q}$`),
    handler: (request) => json(200, { done: true, records: listQueryJobs(request.store), nextRecordsUrl: null })
  },
  {
    method: 'GET',
    pattern: new RegExp(`${Q}\\/(?<id>[0-9A-Za-z]+)$`),
    handler: (request) => json(200, getQueryJob(request.store, request.params.id))
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`${Q}\\/(?<id>[0-9A-Za-z]+)$`),
    handler: (request) => json(200, abortQueryJob(request.store, request.params.id, readJsonObject(request).state))
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`${Q}\\/(?<id>[0-9A-Za-z]+)$`),
    handler: (request) => {
      deleteQueryJob(request.store, request.params.id);
      return { status: 204 };
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${Q}\\/(?<id>[0-9A-Za-z]+)\\/results$`),
    handler: (request) => {
      const set = queryResults(
        request.store,
        request.params.id,
        request.params.version,
        request.query.get('locator'),
        request.query.get('maxRecords')
      );
      return {
        status: 200,
        body: set.csv,
        contentType: 'text/csv',
        headers: { 'Sforce-Locator': set.locator, 'Sforce-NumberOfRecords': String(set.count) }
      };
    }
  }
];

export const bulkRoutes: Route[] = [
  ...queryRoutes,
  { method: 'POST', pattern: new RegExp(`${V}$`), handler: create },
  { method: 'GET', pattern: new RegExp(`${V}$`), handler: list },
  { method: 'GET', pattern: new RegExp(`${V}\\/(?<id>[0-9A-Za-z]+)$`), handler: status },
  { method: 'PATCH', pattern: new RegExp(`${V}\\/(?<id>[0-9A-Za-z]+)$`), handler: patch },
  { method: 'DELETE', pattern: new RegExp(`${V}\\/(?<id>[0-9A-Za-z]+)$`), handler: remove },
  {
    method: 'PUT',
    pattern: new RegExp(`${V}\\/(?<id>[0-9A-Za-z]+)\\/batches$`),
    handler: upload,
    maxBodyBytes: MAX_UPLOAD_BODY_BYTES
  },
  {
    method: 'GET',
    pattern: new RegExp(`${V}\\/(?<id>[0-9A-Za-z]+)\\/successfulResults$`),
    handler: results('successful')
  },
  { method: 'GET', pattern: new RegExp(`${V}\\/(?<id>[0-9A-Za-z]+)\\/failedResults$`), handler: results('failed') },
  {
    method: 'GET',
    pattern: new RegExp(`${V}\\/(?<id>[0-9A-Za-z]+)\\/unprocessedrecords$`),
    handler: results('unprocessed')
  }
];
