/**
 * The sObject resources: describeGlobal, describe, create, retrieve, update, delete, and retrieve/upsert/delete by
 * external id (`/sobjects/{type}/{field}/{value}`).
 */
import { SfApiError, notFound } from '../errors.js';
import { dataPath, json, readJsonObject, type ApiRequest, type ApiResponse, type Route } from '../http.js';
import { normalizeId } from '../ids.js';
import type { ObjectDef } from '../schema.js';
import { coerceValue } from '../values.js';
import { describeBasic, describeGlobal, describeSObject } from './describe.js';
import { apiRecord, readableRecord, saveResult, selectFields } from './records.js';

const V = String.raw`^\/services\/data\/v(?<version>\d+\.\d)`;
const SOBJECT = String.raw`\/sobjects\/(?<sobject>[^/]+)`;

/** The object named in the path, or Salesforce's 404 for an unknown type. */
export function objectOr404(request: ApiRequest, name: string): ObjectDef {
  const def = request.store.getObject(name);
  // An object the running user cannot read does not exist for them.
  if (!def || (request.store.access && !request.store.access.can(def, 'read'))) throw notFound();
  return def;
}

function global(request: ApiRequest): ApiResponse {
  return json(200, describeGlobal(request.store, dataPath(request)));
}

function basic(request: ApiRequest): ApiResponse {
  const def = objectOr404(request, request.params.sobject);
  return json(200, { objectDescribe: describeBasic(def, dataPath(request), request.store.access), recentItems: [] });
}

function describe(request: ApiRequest): ApiResponse {
  const def = objectOr404(request, request.params.sobject);
  return json(200, describeSObject(request.store, def, dataPath(request)));
}

function create(request: ApiRequest): ApiResponse {
  const def = objectOr404(request, request.params.sobject);
  const body = readJsonObject(request);
  if (Object.keys(body).some((name) => name.toLowerCase() === 'id')) {
    throw new SfApiError('INVALID_FIELD', 'Id is not allowed in an insert call', 400, ['Id']);
  }
  const id = request.store.insert(def.name, body);
  return json(201, saveResult(id));
}

function retrieve(request: ApiRequest): ApiResponse {
  const def = objectOr404(request, request.params.sobject);
  const id = normalizeId(request.params.id);
  const record = id && id.startsWith(def.keyPrefix) ? readableRecord(request.store, def, id) : undefined;
  if (!record) throw notFound();
  const fields = selectFields(request.store, def, request.query.get('fields'));
  return json(200, apiRecord(def, record, dataPath(request), fields));
}

function update(request: ApiRequest): ApiResponse {
  const def = objectOr404(request, request.params.sobject);
  request.store.update(def.name, request.params.id, readJsonObject(request));
  return { status: 204 };
}

function remove(request: ApiRequest): ApiResponse {
  const def = objectOr404(request, request.params.sobject);
  request.store.delete(def.name, request.params.id);
  return { status: 204 };
}

/** The live ids of `def` whose external id field `fieldName` equals the path value. */
function idsByExternalId(request: ApiRequest, def: ObjectDef, fieldName: string, value: string): string[] {
  const field = request.store.getField(def, fieldName);
  const hidden = field !== undefined && request.store.access?.canReadField(def, field) === false;
  if (!field || hidden || !(field.externalId || field.unique || field.name === 'Id')) {
    throw new SfApiError(
      'NOT_FOUND',
      'Provided external ID field does not exist or is not accessible: ' + fieldName,
      404
    );
  }
  return request.store.findIdsByField(def, field, coerceValue(field, value, 'text'));
}

function multipleMatches(request: ApiRequest, def: ObjectDef, ids: string[]): ApiResponse {
  return json(
    300,
    ids.map((id) => `${dataPath(request)}/sobjects/${def.name}/${id}`)
  );
}

function retrieveByExternalId(request: ApiRequest): ApiResponse {
  const def = objectOr404(request, request.params.sobject);
  const ids = idsByExternalId(request, def, request.params.field, request.params.value);
  if (ids.length > 1) return multipleMatches(request, def, ids);
  const record = ids.length === 1 ? readableRecord(request.store, def, ids[0]) : undefined;
  if (!record) throw notFound();
  const fields = selectFields(request.store, def, request.query.get('fields'));
  return json(200, apiRecord(def, record, dataPath(request), fields));
}

function upsertByExternalId(request: ApiRequest): ApiResponse {
  const def = objectOr404(request, request.params.sobject);
  const field = request.store.getField(def, request.params.field);
  const body = readJsonObject(request);
  for (const name of Object.keys(body)) {
    if (field && name.toLowerCase() === field.name.toLowerCase()) delete body[name];
  }
  const result = request.store.upsert(def.name, request.params.field, {
    ...body,
    [field?.name ?? request.params.field]: request.params.value
  });
  return json(result.created ? 201 : 200, saveResult(result.id, [], result.created));
}

function deleteByExternalId(request: ApiRequest): ApiResponse {
  const def = objectOr404(request, request.params.sobject);
  const ids = idsByExternalId(request, def, request.params.field, request.params.value);
  if (ids.length > 1) return multipleMatches(request, def, ids);
  if (ids.length === 0) throw notFound();
  request.store.delete(def.name, ids[0]);
  return { status: 204 };
}

export const sobjectRoutes: Route[] = [
  { method: 'GET', pattern: new RegExp(`${V}\\/sobjects$`), handler: global },
  { method: 'GET', pattern: new RegExp(`${V}${SOBJECT}$`), handler: basic },
  { method: 'POST', pattern: new RegExp(`${V}${SOBJECT}$`), handler: create },
  { method: 'GET', pattern: new RegExp(`${V}${SOBJECT}\\/describe$`), handler: describe },
  { method: 'GET', pattern: new RegExp(`${V}${SOBJECT}\\/(?<id>(?!describe$)[^/]+)$`), handler: retrieve },
  { method: 'PATCH', pattern: new RegExp(`${V}${SOBJECT}\\/(?<id>(?!describe$)[^/]+)$`), handler: update },
  { method: 'DELETE', pattern: new RegExp(`${V}${SOBJECT}\\/(?<id>(?!describe$)[^/]+)$`), handler: remove },
  {
    method: 'GET',
    pattern: new RegExp(`${V}${SOBJECT}\\/(?<field>(?!describe$)[^/]+)\\/(?<value>[^/]+)$`),
    handler: retrieveByExternalId
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`${V}${SOBJECT}\\/(?<field>(?!describe$)[^/]+)\\/(?<value>[^/]+)$`),
    handler: upsertByExternalId
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`${V}${SOBJECT}\\/(?<field>(?!describe$)[^/]+)\\/(?<value>[^/]+)$`),
    handler: deleteByExternalId
  }
];
