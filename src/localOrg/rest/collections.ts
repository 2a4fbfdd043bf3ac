/**
 * sObject Collections (create, update, upsert, delete, retrieve; up to 200 records; `allOrNone`) and the composite
 * tree resource (up to 200 records in parent/child trees with reference ids, all or nothing). Each record is saved
 * in its own savepoint so that, without allOrNone, one bad record does not undo the others.
 */
import { SfApiError, recordErrorsOf } from '../errors.js';
import { dataPath, json, readJson, readJsonObject, type ApiRequest, type ApiResponse, type Route } from '../http.js';
import { normalizeId } from '../ids.js';
import type { Store } from '../store.js';
import { apiRecord, readableRecord, saveResult, selectFields } from './records.js';
import { objectOr404 } from './sobjects.js';

const V = String.raw`^\/services\/data\/v(?<version>\d+\.\d)`;
/** Most records one collections or tree request may carry. */
export const MAX_COLLECTION_SIZE = 200;

/** Thrown inside the request's transaction to undo every record of an allOrNone request while still answering. */
class RollBack extends Error {
  public constructor(public readonly results: Record<string, unknown>[]) {
    super('rolled back');
  }
}

const ROLLED_BACK = new SfApiError(
  'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  'Record rolled back because not all records were valid and the request was using AllOrNone header'
);

function tooMany(): SfApiError {
  return new SfApiError(
    'EXCEEDED_ID_LIMIT',
    `record limit reached. cannot submit more than ${MAX_COLLECTION_SIZE} records into this call`
  );
}

interface CollectionBody {
  allOrNone: boolean;
  records: Record<string, unknown>[];
}

function readCollection(request: ApiRequest): CollectionBody {
  const body = readJsonObject(request);
  if (!Array.isArray(body.records)) {
    throw new SfApiError('JSON_PARSER_ERROR', 'The request body must have a records array', 400);
  }
  if (body.records.length > MAX_COLLECTION_SIZE) throw tooMany();
  const records = body.records.map((record: unknown) => {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new SfApiError('JSON_PARSER_ERROR', 'Each entry of records must be an object', 400);
    }
    return record as Record<string, unknown>;
  });
  return { allOrNone: body.allOrNone === true || body.allOrNone === 'true', records };
}

function typeOf(record: Record<string, unknown>): string {
  const attributes = record.attributes as { type?: unknown } | undefined;
  if (!attributes || typeof attributes.type !== 'string' || attributes.type === '') {
    throw new SfApiError('INVALID_TYPE', 'Must send a concrete entity type.');
  }
  return attributes.type;
}

/**
 * Saves each record in a savepoint; `save` returns the result for a success. With allOrNone, a single failure
 * undoes all and every other record reports ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
function saveEach<T>(
  store: Store,
  items: T[],
  allOrNone: boolean,
  save: (item: T) => Record<string, unknown>,
  idOf: (item: T) => string | null
): Record<string, unknown>[] {
  try {
    return store.transaction(() => {
      let failed = false;
      const results = items.map((item) => {
        try {
          return store.transaction(() => save(item));
        } catch (error) {
          failed = true;
          return saveResult(idOf(item), recordErrorsOf(error));
        }
      });
      if (failed && allOrNone) {
        throw new RollBack(
          results.map((result, index) =>
            result.success === true ? saveResult(idOf(items[index]), [ROLLED_BACK]) : result
          )
        );
      }
      return results;
    });
  } catch (error) {
    if (error instanceof RollBack) return error.results;
    throw error;
  }
}

function withoutId(record: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...record };
  for (const name of Object.keys(copy)) if (name.toLowerCase() === 'id') delete copy[name];
  return copy;
}

function idIn(record: Record<string, unknown>): string | null {
  const entry = Object.entries(record).find(([name]) => name.toLowerCase() === 'id');
  return entry && typeof entry[1] === 'string' ? entry[1] : null;
}

function createMany(request: ApiRequest): ApiResponse {
  const { allOrNone, records } = readCollection(request);
  const results = saveEach(
    request.store,
    records,
    allOrNone,
    (record) => {
      if (idIn(record) !== null)
        throw new SfApiError('INVALID_FIELD', 'cannot specify Id in an insert call', 400, ['Id']);
      return saveResult(request.store.insert(typeOf(record), record));
    },
    () => null
  );
  return json(200, results);
}

function updateMany(request: ApiRequest): ApiResponse {
  const { allOrNone, records } = readCollection(request);
  const results = saveEach(
    request.store,
    records,
    allOrNone,
    (record) => {
      const id = idIn(record);
      if (id === null) throw new SfApiError('MISSING_ARGUMENT', 'Id not specified in an update call', 400, ['Id']);
      request.store.update(typeOf(record), id, withoutId(record));
      return saveResult(normalizeId(id) ?? id);
    },
    (record) => idIn(record)
  );
  return json(200, results);
}

function upsertMany(request: ApiRequest): ApiResponse {
  const def = objectOr404(request, request.params.sobject);
  const { allOrNone, records } = readCollection(request);
  const results = saveEach(
    request.store,
    records,
    allOrNone,
    (record) => {
      const type = typeOf(record);
      if (type.toLowerCase() !== def.name.toLowerCase()) {
        throw new SfApiError('INVALID_TYPE', `The record type ${type} does not match the request's ${def.name}`);
      }
      const result = request.store.upsert(def.name, request.params.field, record);
      return saveResult(result.id, [], result.created);
    },
    (record) => idIn(record)
  );
  return json(200, results);
}

function deleteMany(request: ApiRequest): ApiResponse {
  const ids = (request.query.get('ids') ?? '').split(',').filter(Boolean);
  if (ids.length === 0) throw new SfApiError('MISSING_ARGUMENT', 'The ids parameter is required');
  if (ids.length > MAX_COLLECTION_SIZE) throw tooMany();
  const allOrNone = request.query.get('allOrNone') === 'true';
  const results = saveEach(
    request.store,
    ids,
    allOrNone,
    (rawId) => {
      const id = normalizeId(rawId);
      const def = id ? request.store.objectOfId(id) : undefined;
      if (!id || !def) throw new SfApiError('MALFORMED_ID', `malformed id ${rawId}`, 400);
      request.store.delete(def.name, id);
      return saveResult(id);
    },
    (rawId) => normalizeId(rawId) ?? rawId
  );
  return json(200, results);
}

function retrieveMany(request: ApiRequest, ids: string[], fieldList: string | null): ApiResponse {
  const def = objectOr404(request, request.params.sobject);
  if (ids.length === 0) throw new SfApiError('MISSING_ARGUMENT', 'The ids parameter is required');
  if (ids.length > 2000) throw new SfApiError('EXCEEDED_ID_LIMIT', 'Cannot retrieve more than 2000 records');
  if (!fieldList) throw new SfApiError('MISSING_ARGUMENT', 'The fields parameter is required');
  const fields = selectFields(request.store, def, fieldList);
  if (fields.length === 0) throw new SfApiError('MISSING_ARGUMENT', 'The fields parameter is required');
  const canonical = ids.map((rawId) => {
    const id = normalizeId(rawId.trim());
    if (!id) throw new SfApiError('MALFORMED_ID', `malformed id ${rawId}`);
    return id;
  });
  const base = dataPath(request);
  return json(
    200,
    canonical.map((id) => {
      const record = id.startsWith(def.keyPrefix) ? readableRecord(request.store, def, id) : undefined;
      return record ? apiRecord(def, record, base, fields) : null;
    })
  );
}

function retrieveManyGet(request: ApiRequest): ApiResponse {
  const ids = (request.query.get('ids') ?? '').split(',').filter(Boolean);
  return retrieveMany(request, ids, request.query.get('fields'));
}

function retrieveManyPost(request: ApiRequest): ApiResponse {
  const body = readJsonObject(request);
  const ids = Array.isArray(body.ids) ? body.ids.map(String) : [];
  const fields = Array.isArray(body.fields) ? body.fields.map(String).join(',') : null;
  return retrieveMany(request, ids, fields);
}

// ---------------------------------------------------------------------------------------------- composite tree

interface TreeResult {
  referenceId: string;
  id?: string;
  errors?: { statusCode: string; message: string; fields: string[] }[];
}

function treeErrors(error: unknown): TreeResult['errors'] {
  return recordErrorsOf(error).map((entry) => entry.toSaveError());
}

function countTree(records: unknown[]): number {
  let count = 0;
  for (const record of records) {
    count += 1;
    if (record && typeof record === 'object') {
      for (const value of Object.values(record as Record<string, unknown>)) {
        const nested = (value as { records?: unknown } | null)?.records;
        if (Array.isArray(nested)) count += countTree(nested);
      }
    }
  }
  return count;
}

function tree(request: ApiRequest): ApiResponse {
  const def = objectOr404(request, request.params.sobject);
  const body = readJson(request) as { records?: unknown };
  if (!body || typeof body !== 'object' || !Array.isArray(body.records)) {
    throw new SfApiError('JSON_PARSER_ERROR', 'The request body must have a records array', 400);
  }
  if (countTree(body.records) > MAX_COLLECTION_SIZE) throw tooMany();
  const store = request.store;
  const results: TreeResult[] = [];
  const seen = new Set<string>();
  let failed = false;

  const insertTree = (typeName: string, record: unknown, parent?: { field: string; id: string }): void => {
    if (!record || typeof record !== 'object' || Array.isArray(record)) {
      throw new SfApiError('JSON_PARSER_ERROR', 'Each entry of records must be an object', 400);
    }
    const input = record as Record<string, unknown>;
    const attributes = (input.attributes ?? {}) as { type?: unknown; referenceId?: unknown };
    const referenceId = typeof attributes.referenceId === 'string' ? attributes.referenceId : '';
    if (!referenceId) throw new SfApiError('INVALID_INPUT', 'Include a reference ID for each record in the request.');
    if (seen.has(referenceId)) {
      throw new SfApiError('INVALID_INPUT', `Duplicate ReferenceId '${referenceId}' provided in the request`);
    }
    seen.add(referenceId);
    const type = typeof attributes.type === 'string' ? attributes.type : typeName;
    const objectDef = store.getObject(type);
    const values: Record<string, unknown> = {};
    const children: { relationship: string; records: unknown[] }[] = [];
    for (const [name, value] of Object.entries(input)) {
      if (name === 'attributes') continue;
      const nested = (value as { records?: unknown } | null)?.records;
      if (value && typeof value === 'object' && !Array.isArray(value) && Array.isArray(nested)) {
        children.push({ relationship: name, records: nested });
      } else {
        values[name] = value;
      }
    }
    if (parent) values[parent.field] = parent.id;
    let id: string;
    try {
      if (!objectDef) throw new SfApiError('INVALID_TYPE', `sObject type '${type}' is not supported.`);
      id = store.transaction(() => store.insert(objectDef.name, values));
      results.push({ referenceId, id });
    } catch (error) {
      failed = true;
      results.push({ referenceId, errors: treeErrors(error) });
      return;
    }
    for (const child of children) {
      const link = store
        .listObjects()
        .flatMap((candidate) => candidate.fields.map((field) => ({ candidate, field })))
        .find(
          ({ field }) =>
            field.childRelationshipName?.toLowerCase() === child.relationship.toLowerCase() &&
            field.referenceTo?.some((target) => target.toLowerCase() === objectDef?.name.toLowerCase())
        );
      if (!link) {
        throw new SfApiError(
          'INVALID_FIELD',
          `No such relationship '${child.relationship}' on sobject of type ${objectDef?.name ?? type}`
        );
      }
      for (const childRecord of child.records)
        insertTree(link.candidate.name, childRecord, { field: link.field.name, id });
    }
  };

  try {
    return store.transaction(() => {
      for (const record of body.records as unknown[]) insertTree(def.name, record);
      if (failed) throw new RollBack([]);
      return json(201, { hasErrors: false, results });
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    return json(400, { hasErrors: true, results: results.filter((result) => result.errors) });
  }
}

export const collectionRoutes: Route[] = [
  { method: 'POST', pattern: new RegExp(`${V}\\/composite\\/sobjects$`), handler: createMany },
  { method: 'PATCH', pattern: new RegExp(`${V}\\/composite\\/sobjects$`), handler: updateMany },
  { method: 'DELETE', pattern: new RegExp(`${V}\\/composite\\/sobjects$`), handler: deleteMany },
  { method: 'GET', pattern: new RegExp(`${V}\\/composite\\/sobjects\\/(?<sobject>[^/]+)$`), handler: retrieveManyGet },
  {
    method: 'POST',
    pattern: new RegExp(`${V}\\/composite\\/sobjects\\/(?<sobject>[^/]+)$`),
    handler: retrieveManyPost
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`${V}\\/composite\\/sobjects\\/(?<sobject>[^/]+)\\/(?<field>[^/]+)$`),
    handler: upsertMany
  },
  { method: 'POST', pattern: new RegExp(`${V}\\/composite\\/tree\\/(?<sobject>[^/]+)$`), handler: tree }
];
