/**
 * lightning/uiRecordApi for the preview, over the org's UI API records resources: the getRecord wire adapter,
 * createRecord / updateRecord / deleteRecord, the field accessors, refresh and notifyRecordUpdateAvailable.
 * Signatures and shapes follow the platform module, so that the components run unchanged.
 */
import { uiApiRequest } from 'preview/uiApi';
import { createWireAdapter, freeze, ingestRecord, refetchRecords, refreshWiredValue } from 'preview/ldsStore';

/** `Object.Field` strings from schema imports (`{ objectApiName, fieldApiName }`) or strings. */
function qualifiedFieldNames(fields) {
  if (fields === undefined || fields === null) {
    return undefined;
  }
  return (Array.isArray(fields) ? fields : [fields]).map((field) =>
    typeof field === 'string' ? field : `${field.objectApiName}.${field.fieldApiName}`
  );
}

function objectApiNameOf(value) {
  return typeof value === 'string' ? value : value?.objectApiName;
}

/** getRecord: `{ recordId, fields?, optionalFields?, layoutTypes?, modes? }`. */
export const getRecord = createWireAdapter(
  'getRecord',
  (config) => Boolean(config.recordId) && Boolean(config.fields || config.optionalFields || config.layoutTypes),
  (config) =>
    uiApiRequest('GET', `/records/${encodeURIComponent(config.recordId)}`, {
      query: {
        fields: qualifiedFieldNames(config.fields),
        optionalFields: qualifiedFieldNames(config.optionalFields),
        layoutTypes: config.layoutTypes,
        modes: config.modes
      }
    })
);

/** getRecords: `{ records: [{ recordIds, fields?, optionalFields? }] }`, one request per group, batched answer. */
export const getRecords = createWireAdapter(
  'getRecords',
  (config) => Array.isArray(config.records) && config.records.every((group) => group.recordIds?.length),
  async (config) => {
    const results = [];
    for (const group of config.records) {
      const answer = await uiApiRequest('GET', `/records/batch/${group.recordIds.map(encodeURIComponent).join(',')}`, {
        query: {
          fields: qualifiedFieldNames(group.fields),
          optionalFields: qualifiedFieldNames(group.optionalFields)
        }
      });
      results.push(...answer.results);
    }
    return { results };
  }
);

function fieldsWithoutId(fields) {
  const copy = { ...fields };
  delete copy.Id;
  return copy;
}

/**
 * Creates a record.
 * @param {{ apiName: string|{objectApiName: string}, fields: Record<string, unknown> }} recordInput
 * @returns {Promise<object>} the new record, as the UI API returns it
 */
export async function createRecord(recordInput) {
  const record = await uiApiRequest('POST', '/records', {
    body: { apiName: objectApiNameOf(recordInput.apiName), fields: recordInput.fields ?? {} }
  });
  ingestRecord(record);
  return freeze(record);
}

/**
 * Updates a record; `fields.Id` names it.
 * @param {{ fields: Record<string, unknown> }} recordInput
 * @param {{ ifUnmodifiedSince?: string }} [clientOptions]
 * @returns {Promise<object>} the updated record
 */
export async function updateRecord(recordInput, clientOptions) {
  const id = recordInput?.fields?.Id;
  if (!id) {
    throw new Error('updateRecord: recordInput.fields.Id is required');
  }
  const body = { fields: fieldsWithoutId(recordInput.fields) };
  if (recordInput.apiName) {
    body.apiName = objectApiNameOf(recordInput.apiName);
  }
  const record = await uiApiRequest('PATCH', `/records/${encodeURIComponent(id)}`, {
    body,
    query: { ifUnmodifiedSince: clientOptions?.ifUnmodifiedSince }
  });
  ingestRecord(record);
  return freeze(record);
}

/**
 * Deletes a record.
 * @param {string} recordId
 * @returns {Promise<void>}
 */
export async function deleteRecord(recordId) {
  await uiApiRequest('DELETE', `/records/${encodeURIComponent(recordId)}`);
  await refetchRecords([recordId]);
}

/** The field entry `{ value, displayValue }` of a record, following relationship paths (`Contract__r.Name`). */
function fieldEntry(record, field) {
  const name = typeof field === 'string' ? field.slice(field.indexOf('.') + 1) : field?.fieldApiName;
  if (!record || !name) {
    return undefined;
  }
  const path = name.split('.');
  let current = record;
  for (let index = 0; index < path.length; index++) {
    const entry = current?.fields?.[path[index]];
    if (entry === undefined) {
      return undefined;
    }
    if (index === path.length - 1) {
      return entry;
    }
    current = entry.value;
  }
  return undefined;
}

/**
 * A field's value.
 * @param {object} record a UI API record
 * @param {string|{fieldApiName: string}} field `Object.Field` or a schema import
 * @returns {unknown} undefined when the record does not hold the field
 */
export function getFieldValue(record, field) {
  return fieldEntry(record, field)?.value;
}

/**
 * A field's display value (translated picklist label, formatted date or currency), or undefined.
 * @param {object} record a UI API record
 * @param {string|{fieldApiName: string}} field
 * @returns {string|null|undefined}
 */
export function getFieldDisplayValue(record, field) {
  return fieldEntry(record, field)?.displayValue;
}

/**
 * Re-asks the question behind a wired value.
 * @param {unknown} wiredValue what a wire emitted
 * @returns {Promise<void>}
 */
export function refresh(wiredValue) {
  return refreshWiredValue(wiredValue);
}

/**
 * Tells the cache these records changed elsewhere: every cached answer holding one of them is fetched again.
 * @param {Array<{ recordId: string }>} items
 * @returns {Promise<void>}
 */
export function notifyRecordUpdateAvailable(items) {
  return refetchRecords((items ?? []).map((item) => item.recordId));
}

/** The platform's older name for notifyRecordUpdateAvailable (without the promise). */
export function getRecordNotifyChange(items) {
  notifyRecordUpdateAvailable(items);
}

/**
 * A record input for createRecord from a record (its createable fields).
 * @param {object} record
 * @param {{ fields: Record<string, { createable: boolean }> }} [objectInfo]
 * @returns {{ apiName: string, fields: Record<string, unknown> }}
 */
export function generateRecordInputForCreate(record, objectInfo) {
  const fields = {};
  for (const [name, entry] of Object.entries(record?.fields ?? {})) {
    if (!objectInfo || objectInfo.fields?.[name]?.createable) {
      fields[name] = entry.value;
    }
  }
  return { apiName: record?.apiName, fields };
}

/**
 * A record input for updateRecord from a record (Id plus its updateable fields).
 * @param {object} record
 * @param {{ fields: Record<string, { updateable: boolean }> }} [objectInfo]
 * @returns {{ fields: Record<string, unknown> }}
 */
export function generateRecordInputForUpdate(record, objectInfo) {
  const fields = { Id: record?.id };
  for (const [name, entry] of Object.entries(record?.fields ?? {})) {
    if (!objectInfo || objectInfo.fields?.[name]?.updateable) {
      fields[name] = entry.value;
    }
  }
  return { fields };
}
