/**
 * The UI API related-list record resources: one list (`/ui-api/related-list-records/{parentId}/{relatedListId}`,
 * GET with query parameters or POST with a body), a batch of lists of one parent
 * (`/ui-api/related-list-records/batch/{parentId}` with `{ relatedListParameters }`, or GET
 * `.../batch/{parentId}/{relatedListIds}`), and the record count. A related list is named by its child
 * relationship (`Maintenance_Incidents__r`); each list of a batch succeeds or fails on its own, as Salesforce's
 * Simplified Batch Results do.
 */
import { createHash } from 'node:crypto';
import { SfApiError, notFound } from '../errors.js';
import { dataPath, json, readJsonObject, type ApiRequest, type ApiResponse } from '../http.js';
import { normalizeId } from '../ids.js';
import type { FieldDef, ObjectDef } from '../schema.js';
import { quoteIdentifier, tableName } from '../storage.js';
import type { Store } from '../store.js';
import { assertReadable, invalidInput } from './errors.js';
import { pageMembers, parametersFromBody, parametersFromQuery, type ListParameters } from './parameters.js';
import { orderTerms, readRecordPage, soqlString } from './readRecords.js';
import { LIST_RECORD_STANDARD_FIELDS, addFieldPath, addFieldsIfPresent, fieldTree } from './recordShape.js';
import { userSettings } from './userSettings.js';

/** Most lists one batch request reads. */
const MAX_BATCH_LISTS = 20;

interface RelatedList {
  parent: ObjectDef;
  child: ObjectDef;
  /** The child's reference field pointing at the parent. */
  field: FieldDef;
  relationshipName: string;
}

/** The parent record named in the path, or 404. */
function parentOf(store: Store, rawId: string): { def: ObjectDef; id: string } {
  const id = normalizeId(rawId);
  const def = id ? store.objectOfId(id) : undefined;
  if (!id || !def || !store.readRaw(def, id)) throw notFound();
  return { def, id };
}

/**
 * The child relationship of `parent` called `relatedListId` (case-insensitive), e.g. Account's
 * `Maintenance_Incidents__r` -> Maintenance_Incident__c.Account__c.
 */
export function findRelatedList(store: Store, parent: ObjectDef, relatedListId: string): RelatedList {
  const wanted = relatedListId.toLowerCase();
  for (const child of store.listObjects()) {
    for (const field of child.fields) {
      if (
        field.type === 'reference' &&
        field.childRelationshipName?.toLowerCase() === wanted &&
        field.referenceTo?.some((target) => target.toLowerCase() === parent.name.toLowerCase())
      ) {
        assertReadable(store, child);
        return { parent, child, field, relationshipName: field.childRelationshipName };
      }
    }
  }
  throw new SfApiError('NOT_FOUND', `The related list ${relatedListId} doesn't exist on ${parent.name}`, 404);
}

function listInfoETag(list: RelatedList): string {
  return createHash('md5')
    .update(`${list.parent.name}|${list.relationshipName}|${list.child.fields.map((field) => field.name).join(',')}`)
    .digest('hex');
}

/** One page of one related list, as a Related List Record Collection. */
function relatedListRecords(
  request: ApiRequest,
  parentId: string,
  list: RelatedList,
  parameters: ListParameters
): Record<string, unknown> {
  const { store } = request;
  const tree = fieldTree(list.child);
  addFieldsIfPresent(store, tree, LIST_RECORD_STANDARD_FIELDS);
  for (const name of parameters.fields) addFieldPath(store, tree, name, true);
  for (const name of parameters.optionalFields) addFieldPath(store, tree, name, false);
  const page = readRecordPage(store, tree, userSettings(store), {
    where: `${list.field.name} = ${soqlString(parentId)}`,
    orderBy: orderTerms(store, tree, parameters.sortBy),
    offset: parameters.offset,
    pageSize: parameters.pageSize
  });
  const url = `${dataPath(request)}/ui-api/related-list-records/${parentId}/${list.relationshipName}`;
  return {
    count: page.records.length,
    ...pageMembers(url, parameters, page.hasMore),
    fields: parameters.fields,
    listInfoETag: listInfoETag(list),
    listReference: {
      id: null,
      inContextOfRecordId: parentId,
      listViewApiName: null,
      objectApiName: null,
      parentObjectApiName: list.parent.name,
      recordTypeId: null,
      relatedListId: list.relationshipName,
      type: 'relatedList'
    },
    records: page.records
  };
}

/** GET and POST /ui-api/related-list-records/{parentRecordId}/{relatedListId}. */
export function getRelatedListRecords(request: ApiRequest): ApiResponse {
  const parent = parentOf(request.store, request.params.parentRecordId);
  const list = findRelatedList(request.store, parent.def, request.params.relatedListId);
  const parameters =
    request.method === 'POST' ? parametersFromBody(readJsonObject(request)) : parametersFromQuery(request.query);
  return json(200, relatedListRecords(request, parent.id, list, parameters));
}

/** One list of a batch: its result, or its own error. */
function batchEntry(
  request: ApiRequest,
  parent: { def: ObjectDef; id: string },
  relatedListId: unknown,
  parameters: () => ListParameters
): { result: unknown; statusCode: number } {
  try {
    if (typeof relatedListId !== 'string' || !relatedListId) throw invalidInput('relatedListId is required');
    const list = findRelatedList(request.store, parent.def, relatedListId);
    return { result: relatedListRecords(request, parent.id, list, parameters()), statusCode: 200 };
  } catch (error) {
    if (!(error instanceof SfApiError)) throw error;
    return { result: [error.toJSON()], statusCode: error.status };
  }
}

/** POST /ui-api/related-list-records/batch/{parentRecordId}: `{ relatedListParameters: [...] }`. */
export function postRelatedListRecordsBatch(request: ApiRequest): ApiResponse {
  const parent = parentOf(request.store, request.params.parentRecordId);
  const body = readJsonObject(request);
  const lists = body.relatedListParameters;
  if (!Array.isArray(lists) || lists.length === 0 || lists.length > MAX_BATCH_LISTS) {
    throw invalidInput(`relatedListParameters must list 1 to ${MAX_BATCH_LISTS} related lists`);
  }
  const results = lists.map((entry: unknown) => {
    const parameters = (entry ?? {}) as Record<string, unknown>;
    return batchEntry(request, parent, parameters.relatedListId, () => parametersFromBody(parameters));
  });
  return json(200, { results });
}

/**
 * GET /ui-api/related-list-records/batch/{parentRecordId}/{relatedListIds}: the query's fields apply to the list
 * whose object they name.
 */
export function getRelatedListRecordsBatch(request: ApiRequest): ApiResponse {
  const parent = parentOf(request.store, request.params.parentRecordId);
  const ids = request.params.relatedListIds
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.length === 0 || ids.length > MAX_BATCH_LISTS) {
    throw invalidInput(`Name 1 to ${MAX_BATCH_LISTS} related lists`);
  }
  const shared = parametersFromQuery(request.query);
  const results = ids.map((relatedListId) =>
    batchEntry(request, parent, relatedListId, () => {
      const child = findRelatedList(request.store, parent.def, relatedListId).child.name.toLowerCase();
      const own = (name: string): boolean => name.split('.')[0].toLowerCase() === child;
      return { ...shared, fields: shared.fields.filter(own), optionalFields: shared.optionalFields.filter(own) };
    })
  );
  return json(200, { results });
}

/** GET /ui-api/related-list-count/{parentRecordId}/{relatedListId}?maxCount=. */
export function getRelatedListCount(request: ApiRequest): ApiResponse {
  const { store } = request;
  const parent = parentOf(store, request.params.parentRecordId);
  const list = findRelatedList(store, parent.def, request.params.relatedListId);
  const maxCountText = request.query.get('maxCount');
  const maxCount = maxCountText === null ? 2000 : Number(maxCountText);
  if (!Number.isInteger(maxCount) || maxCount < 1) throw invalidInput(`Invalid maxCount: ${maxCountText}`);
  // Identifiers come from the schema, quoted by the store's rules; the parent id is bound.
  const sql =
    `SELECT COUNT(*) AS n FROM ${tableName(list.child)} ` +
    `WHERE ${quoteIdentifier(list.field.name)} = ? AND "IsDeleted" = 0`;
  const count = (store.statement(sql).get(parent.id) as { n: number }).n;
  return json(200, {
    count: Math.min(count, maxCount),
    hasMore: count > maxCount,
    listReference: {
      id: null,
      inContextOfRecordId: parent.id,
      listViewApiName: null,
      objectApiName: null,
      parentObjectApiName: parent.def.name,
      recordTypeId: null,
      relatedListId: list.relationshipName,
      type: 'relatedList'
    }
  });
}
