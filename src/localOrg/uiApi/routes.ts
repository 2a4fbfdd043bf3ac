/**
 * The local org's User Interface API (`/services/data/vXX.X/ui-api/...`): the resources Lightning Data Service
 * calls for the Maintenance components (records, related lists, list views, object info, picklist values), with
 * Salesforce's shapes, over the same store, DML path and validation rules as the REST API. The server mounts these
 * routes with the others; each request is one transaction, as everywhere in the org.
 */
import type { Route } from '../http.js';
import { getListInfo, getListRecords } from './listViews.js';
import { getObjectInfo, getObjectInfoBatch, getPicklistValues, getPicklistValuesByRecordType } from './objectInfo.js';
import { createRecord, deleteRecord, getRecord, getRecordBatch, updateRecord } from './records.js';
import {
  getRelatedListCount,
  getRelatedListRecords,
  getRelatedListRecordsBatch,
  postRelatedListRecordsBatch
} from './relatedLists.js';

const UI = String.raw`^\/services\/data\/v(?<version>\d+\.\d)\/ui-api`;
const SEGMENT = '[^/]+';

function route(method: Route['method'], path: string, handler: Route['handler']): Route {
  return { method, pattern: new RegExp(`${UI}${path}$`), handler };
}

export const uiApiRoutes: Route[] = [
  route('GET', String.raw`\/records\/batch\/(?<recordIds>${SEGMENT})`, getRecordBatch),
  route('POST', String.raw`\/records`, createRecord),
  route('GET', String.raw`\/records\/(?<recordId>(?!batch$)${SEGMENT})`, getRecord),
  route('PATCH', String.raw`\/records\/(?<recordId>(?!batch$)${SEGMENT})`, updateRecord),
  route('DELETE', String.raw`\/records\/(?<recordId>(?!batch$)${SEGMENT})`, deleteRecord),
  route(
    'GET',
    String.raw`\/related-list-records\/batch\/(?<parentRecordId>${SEGMENT})\/(?<relatedListIds>${SEGMENT})`,
    getRelatedListRecordsBatch
  ),
  route('POST', String.raw`\/related-list-records\/batch\/(?<parentRecordId>${SEGMENT})`, postRelatedListRecordsBatch),
  route(
    'GET',
    String.raw`\/related-list-records\/(?<parentRecordId>(?!batch$)${SEGMENT})\/(?<relatedListId>${SEGMENT})`,
    getRelatedListRecords
  ),
  route(
    'POST',
    String.raw`\/related-list-records\/(?<parentRecordId>(?!batch$)${SEGMENT})\/(?<relatedListId>${SEGMENT})`,
    getRelatedListRecords
  ),
  route(
    'GET',
    String.raw`\/related-list-count\/(?<parentRecordId>${SEGMENT})\/(?<relatedListId>${SEGMENT})`,
    getRelatedListCount
  ),
  route(
    'GET',
    String.raw`\/list-records\/(?<objectApiName>${SEGMENT})\/(?<listViewApiName>${SEGMENT})`,
    getListRecords
  ),
  route(
    'POST',
    String.raw`\/list-records\/(?<objectApiName>${SEGMENT})\/(?<listViewApiName>${SEGMENT})`,
    getListRecords
  ),
  route('GET', String.raw`\/list-info\/(?<objectApiName>${SEGMENT})\/(?<listViewApiName>${SEGMENT})`, getListInfo),
  route('GET', String.raw`\/object-info\/batch\/(?<objectApiNames>${SEGMENT})`, getObjectInfoBatch),
  route('GET', String.raw`\/object-info\/(?<objectApiName>(?!batch$)${SEGMENT})`, getObjectInfo),
  route(
    'GET',
    String.raw`\/object-info\/(?<objectApiName>${SEGMENT})\/picklist-values\/(?<recordTypeId>${SEGMENT})`,
    getPicklistValuesByRecordType
  ),
  route(
    'GET',
    String.raw`\/object-info\/(?<objectApiName>${SEGMENT})\/picklist-values\/(?<recordTypeId>${SEGMENT})\/(?<fieldApiName>${SEGMENT})`,
    getPicklistValues
  )
];
