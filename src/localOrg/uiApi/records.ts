/**
 * The UI API record resources: get a record (`GET /ui-api/records/{id}?fields=&optionalFields=`), get a batch
 * (`GET /ui-api/records/batch/{ids}`), create (`POST /ui-api/records`), update (`PATCH /ui-api/records/{id}`) and
 * delete. Writes go through the store's DML path, so that required fields, restricted picklists, lengths,
 * references, roll-ups and validation rules apply exactly as for the REST API; refusals answer the UI API's
 * "Error with Output" (see errors.ts). Create and update answer the saved record with all its fields.
 */
import { SfApiError, notFound } from '../errors.js';
import { json, readJsonObject, type ApiRequest, type ApiResponse } from '../http.js';
import { normalizeId } from '../ids.js';
import type { ObjectDef } from '../schema.js';
import type { Store } from '../store.js';
import { assertReadable, invalidInput, recordSaveError } from './errors.js';
import { readOneRecord } from './readRecords.js';
import { addFieldPath, allFieldsTree, fieldTree, type FieldTree } from './recordShape.js';
import { userSettings } from './userSettings.js';

/** Most records a batch get answers. */
const MAX_BATCH_RECORDS = 200;

function commaList(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** The object and canonical id of a record id, or 404 as the UI API answers for an unknown record. */
function recordTarget(store: Store, rawId: string): { def: ObjectDef; id: string } {
  const id = normalizeId(rawId);
  const def = id ? store.objectOfId(id) : undefined;
  if (!id || !def) throw notFound();
  assertReadable(store, def);
  return { def, id };
}

/**
 * The tree of a get: `fields` (must exist) and `optionalFields` (dropped when absent); names of another object
 * are left to that object's records (a batch asks for several objects at once). `layoutTypes` asks for every field.
 */
function treeOf(
  store: Store,
  def: ObjectDef,
  fields: string[],
  optionalFields: string[],
  everything: boolean
): FieldTree {
  if (everything) return allFieldsTree(store, def);
  const tree = fieldTree(def);
  const own = (name: string): boolean => name.split('.')[0].toLowerCase() === def.name.toLowerCase();
  for (const name of fields.filter(own)) addFieldPath(store, tree, name, true);
  for (const name of optionalFields.filter(own)) addFieldPath(store, tree, name, false);
  return tree;
}

function readRequested(request: ApiRequest, rawId: string): Record<string, unknown> {
  const { store, query } = request;
  const { def, id } = recordTarget(store, rawId);
  const fields = commaList(query.get('fields'));
  const optionalFields = commaList(query.get('optionalFields'));
  const everything = query.has('layoutTypes');
  if (!everything && fields.length === 0 && optionalFields.length === 0) {
    throw invalidInput('Specify fields, optionalFields or layoutTypes');
  }
  const record = readOneRecord(store, treeOf(store, def, fields, optionalFields, everything), id, userSettings(store));
  if (!record) throw notFound();
  return record;
}

/** GET /ui-api/records/{recordId}. */
export function getRecord(request: ApiRequest): ApiResponse {
  return json(200, readRequested(request, request.params.recordId));
}

/** GET /ui-api/records/batch/{recordIds}: one result per id, each with its own status. */
export function getRecordBatch(request: ApiRequest): ApiResponse {
  const ids = commaList(request.params.recordIds);
  if (ids.length === 0 || ids.length > MAX_BATCH_RECORDS) {
    throw invalidInput(`Ask for 1 to ${MAX_BATCH_RECORDS} record ids`);
  }
  const results = ids.map((id) => {
    try {
      return { result: readRequested(request, id), statusCode: 200 };
    } catch (error) {
      if (!(error instanceof SfApiError)) throw error;
      return { result: [error.toJSON()], statusCode: error.status };
    }
  });
  return json(200, { results });
}

/** Runs a write in its own savepoint, so that a refused record leaves nothing behind although the request answers. */
function save(store: Store, def: ObjectDef, write: () => string): ApiResponse | string {
  try {
    return store.transaction(write);
  } catch (error) {
    return recordSaveError(store, def, error);
  }
}

function savedRecord(store: Store, def: ObjectDef, id: string, status: number): ApiResponse {
  const record = readOneRecord(store, allFieldsTree(store, def), id, userSettings(store));
  if (!record) throw notFound();
  return json(status, record);
}

function fieldsOf(body: Record<string, unknown>): Record<string, unknown> {
  const fields = body.fields;
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
    throw invalidInput('The request body must have a fields object');
  }
  return { ...(fields as Record<string, unknown>) };
}

/** POST /ui-api/records: `{ apiName, fields }`. */
export function createRecord(request: ApiRequest): ApiResponse {
  const { store } = request;
  const body = readJsonObject(request);
  if (typeof body.apiName !== 'string' || !body.apiName) throw invalidInput('apiName is required');
  const def = store.getObject(body.apiName);
  if (!def) {
    throw new SfApiError('INVALID_TYPE', `Cannot find object info for apiName ${body.apiName}`, 400);
  }
  const fields = fieldsOf(body);
  const outcome = save(store, def, () => store.insert(def.name, fields));
  return typeof outcome === 'string' ? savedRecord(store, def, outcome, 201) : outcome;
}

/** PATCH /ui-api/records/{recordId}: `{ fields }` (an `Id` in fields must name the same record). */
export function updateRecord(request: ApiRequest): ApiResponse {
  const { store } = request;
  const { def, id } = recordTarget(store, request.params.recordId);
  if (!store.readRaw(def, id)) throw notFound();
  const body = readJsonObject(request);
  if (typeof body.apiName === 'string' && body.apiName.toLowerCase() !== def.name.toLowerCase()) {
    throw invalidInput(`apiName ${body.apiName} does not match the record's object ${def.name}`);
  }
  const fields = fieldsOf(body);
  for (const name of Object.keys(fields)) {
    if (name.toLowerCase() !== 'id') continue;
    if (normalizeId(fields[name]) !== id) throw invalidInput('The Id in fields does not match the record id');
    delete fields[name];
  }
  const ifUnmodifiedSince = request.query.get('ifUnmodifiedSince') ?? request.headers['if-unmodified-since'];
  if (typeof ifUnmodifiedSince === 'string' && ifUnmodifiedSince) {
    const modstamp = store.readRaw(def, id)?.SystemModstamp;
    if (typeof modstamp === 'string' && Date.parse(modstamp) > Date.parse(ifUnmodifiedSince)) {
      throw new SfApiError('PRECONDITION_FAILED', 'The record was modified after the time you gave', 412);
    }
  }
  const outcome = save(store, def, () => {
    store.update(def.name, id, fields);
    return id;
  });
  return typeof outcome === 'string' ? savedRecord(store, def, outcome, 200) : outcome;
}

/** DELETE /ui-api/records/{recordId}. */
export function deleteRecord(request: ApiRequest): ApiResponse {
  const { store } = request;
  const { def, id } = recordTarget(store, request.params.recordId);
  if (!store.readRaw(def, id)) throw notFound();
  const outcome = save(store, def, () => {
    store.delete(def.name, id);
    return id;
  });
  return typeof outcome === 'string' ? { status: 204 } : outcome;
}
