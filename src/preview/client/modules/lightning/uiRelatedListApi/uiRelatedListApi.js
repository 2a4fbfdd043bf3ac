/**
 * lightning/uiRelatedListApi for the preview, over the org's UI API related-list resources. Both adapters use the
 * POST forms of the resources (parameters in the body), as Lightning Data Service does for long field lists.
 */
import { uiApiRequest } from 'preview/uiApi';
import { createWireAdapter } from 'preview/ldsStore';

function listParameters(config) {
  const parameters = {};
  for (const name of ['fields', 'optionalFields', 'pageSize', 'pageToken', 'sortBy', 'where']) {
    if (config[name] !== undefined && config[name] !== null) {
      parameters[name] = config[name];
    }
  }
  return parameters;
}

/** getRelatedListRecords: `{ parentRecordId, relatedListId, fields?, optionalFields?, pageSize?, sortBy?, where? }`. */
export const getRelatedListRecords = createWireAdapter(
  'getRelatedListRecords',
  (config) => Boolean(config.parentRecordId && config.relatedListId),
  (config) =>
    uiApiRequest(
      'POST',
      `/related-list-records/${encodeURIComponent(config.parentRecordId)}/${encodeURIComponent(config.relatedListId)}`,
      { body: listParameters(config) }
    )
);

/** getRelatedListRecordsBatch: `{ parentRecordId, relatedListParameters: [{ relatedListId, fields?, ... }] }`. */
export const getRelatedListRecordsBatch = createWireAdapter(
  'getRelatedListRecordsBatch',
  (config) => Boolean(config.parentRecordId && Array.isArray(config.relatedListParameters)),
  (config) =>
    uiApiRequest('POST', `/related-list-records/batch/${encodeURIComponent(config.parentRecordId)}`, {
      body: {
        relatedListParameters: config.relatedListParameters.map((parameters) => ({
          relatedListId: parameters.relatedListId,
          ...listParameters(parameters)
        }))
      }
    })
);

/** getRelatedListCount: `{ parentRecordId, relatedListId, maxCount? }`. */
export const getRelatedListCount = createWireAdapter(
  'getRelatedListCount',
  (config) => Boolean(config.parentRecordId && config.relatedListId),
  (config) =>
    uiApiRequest(
      'GET',
      `/related-list-count/${encodeURIComponent(config.parentRecordId)}/${encodeURIComponent(config.relatedListId)}`,
      { query: { maxCount: config.maxCount } }
    )
);
