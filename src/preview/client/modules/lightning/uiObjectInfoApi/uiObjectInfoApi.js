/**
 * lightning/uiObjectInfoApi for the preview, over the org's UI API object-info resources: object metadata and
 * picklist values, which the components use to label and fill their inputs.
 */
import { uiApiRequest } from 'preview/uiApi';
import { createWireAdapter } from 'preview/ldsStore';

function objectApiNameOf(value) {
  return typeof value === 'string' ? value : value?.objectApiName;
}

/** getObjectInfo: `{ objectApiName }` (a string or a schema import). */
export const getObjectInfo = createWireAdapter(
  'getObjectInfo',
  (config) => Boolean(objectApiNameOf(config.objectApiName)),
  (config) => uiApiRequest('GET', `/object-info/${encodeURIComponent(objectApiNameOf(config.objectApiName))}`)
);

/** getObjectInfos: `{ objectApiNames }`, answered as the batch resource answers. */
export const getObjectInfos = createWireAdapter(
  'getObjectInfos',
  (config) => Array.isArray(config.objectApiNames) && config.objectApiNames.length > 0,
  (config) =>
    uiApiRequest(
      'GET',
      `/object-info/batch/${config.objectApiNames.map((name) => encodeURIComponent(objectApiNameOf(name))).join(',')}`
    )
);

/** getPicklistValuesByRecordType: `{ objectApiName, recordTypeId }`. */
export const getPicklistValuesByRecordType = createWireAdapter(
  'getPicklistValuesByRecordType',
  (config) => Boolean(objectApiNameOf(config.objectApiName) && config.recordTypeId),
  (config) =>
    uiApiRequest(
      'GET',
      `/object-info/${encodeURIComponent(objectApiNameOf(config.objectApiName))}/picklist-values/${encodeURIComponent(config.recordTypeId)}`
    )
);

/** getPicklistValues: `{ recordTypeId, fieldApiName }` (fieldApiName as `Object.Field` or a schema import). */
export const getPicklistValues = createWireAdapter(
  'getPicklistValues',
  (config) => Boolean(config.recordTypeId && config.fieldApiName),
  (config) => {
    const field = config.fieldApiName;
    const objectApiName = typeof field === 'string' ? field.split('.')[0] : field.objectApiName;
    const fieldApiName = typeof field === 'string' ? field.split('.').slice(1).join('.') : field.fieldApiName;
    return uiApiRequest(
      'GET',
      `/object-info/${encodeURIComponent(objectApiName)}/picklist-values/${encodeURIComponent(config.recordTypeId)}/${encodeURIComponent(fieldApiName)}`
    );
  }
);
