/**
 * lightning/uiListsApi for the preview, over the org's UI API list-records resource (the POST form, parameters in
 * the body, as Lightning Data Service sends long field lists). The Maintenance Cockpit reads its list views with
 * getListRecordsByName, page by page.
 */
import { uiApiRequest } from 'preview/uiApi';
import { createWireAdapter } from 'preview/ldsStore';

function objectApiNameOf(value) {
  return typeof value === 'string' ? value : value?.objectApiName;
}

function qualifiedFieldNames(fields) {
  return fields?.map((field) => (typeof field === 'string' ? field : `${field.objectApiName}.${field.fieldApiName}`));
}

/**
 * getListRecordsByName: `{ objectApiName, listViewApiName, fields?, optionalFields?, pageSize?, pageToken?, sortBy?,
 * where? }`.
 */
export const getListRecordsByName = createWireAdapter(
  'getListRecordsByName',
  (config) => Boolean(objectApiNameOf(config.objectApiName) && config.listViewApiName),
  (config) => {
    const body = {};
    if (config.fields) body.fields = qualifiedFieldNames(config.fields);
    if (config.optionalFields) body.optionalFields = qualifiedFieldNames(config.optionalFields);
    for (const name of ['pageSize', 'pageToken', 'sortBy', 'where']) {
      if (config[name] !== undefined && config[name] !== null) body[name] = config[name];
    }
    return uiApiRequest(
      'POST',
      `/list-records/${encodeURIComponent(objectApiNameOf(config.objectApiName))}/${encodeURIComponent(config.listViewApiName)}`,
      { body }
    );
  }
);
