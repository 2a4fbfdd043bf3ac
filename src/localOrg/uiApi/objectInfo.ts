/**
 * The UI API object metadata resources: Object Info (`/ui-api/object-info/{objectApiName}`, and the batch form),
 * and picklist values (`/ui-api/object-info/{objectApiName}/picklist-values/{recordTypeId}[/{fieldApiName}]`).
 * Objects in the local org have no record types, so the only record type is Master (012000000000000AAA) and every
 * active picklist value is available to it.
 */
import { createHash } from 'node:crypto';
import { SfApiError, notFound } from '../errors.js';
import { dataPath, json, type ApiRequest, type ApiResponse } from '../http.js';
import { AUDIT_FIELD_NAMES } from '../fieldFactory.js';
import type { FieldDef, ObjectDef } from '../schema.js';
import type { Store } from '../store.js';
import { assertReadable, invalidInput } from './errors.js';
import { MASTER_RECORD_TYPE_ID } from './recordShape.js';

const DATA_TYPES: Record<string, string> = {
  id: 'String',
  string: 'String',
  textarea: 'TextArea',
  email: 'Email',
  phone: 'Phone',
  url: 'Url',
  picklist: 'Picklist',
  multipicklist: 'MultiPicklist',
  boolean: 'Boolean',
  int: 'Int',
  double: 'Double',
  currency: 'Currency',
  percent: 'Percent',
  date: 'Date',
  datetime: 'DateTime',
  time: 'Time',
  reference: 'Reference',
  anyType: 'AnyType'
};

/** Long text areas are plain (the data model has no rich text). */
const LONG_TEXT_LENGTH = 255;

function objectOr404(store: Store, name: string): ObjectDef {
  const def = store.getObject(name);
  if (!def) throw notFound(`The requested resource does not exist`);
  assertReadable(store, def);
  return def;
}

function nameFieldsOf(def: ObjectDef): string[] {
  if (def.fields.some((field) => field.name === 'Name')) return ['Name'];
  if (def.customMetadata) return ['MasterLabel'];
  return [];
}

/** A field as the UI API's Field representation, as far as the running user may go with it. */
function fieldInfo(store: Store, def: ObjectDef, field: FieldDef): Record<string, unknown> {
  const isReference = field.type === 'reference';
  const computed = field.calculated === true || field.formula !== undefined || field.autoNumber !== undefined;
  const editable = (store.access?.fieldLevel(def, field) ?? 'edit') === 'edit';
  const objectAccess = store.access?.objectPermission(def);
  return {
    apiName: field.name,
    calculated: field.formula !== undefined || field.summary !== undefined,
    compound: false,
    compoundComponentName: null,
    compoundFieldName: null,
    controllerName: null,
    controllingFields: [],
    createable: field.createable && !computed && editable && (objectAccess?.create ?? true),
    custom: field.custom,
    dataType: DATA_TYPES[field.type] ?? 'String',
    extraTypeInfo: field.type === 'textarea' && (field.length ?? 0) > LONG_TEXT_LENGTH ? 'PlainTextArea' : null,
    filterable: field.type !== 'textarea' || (field.length ?? 0) <= LONG_TEXT_LENGTH,
    filteredLookupInfo: null,
    highScaleNumber: false,
    htmlFormatted: false,
    inlineHelpText: field.inlineHelpText ?? null,
    label: field.label,
    length: field.type === 'string' || field.type === 'textarea' || field.type === 'picklist' ? (field.length ?? 0) : 0,
    nameField: field.name === nameFieldsOf(def)[0],
    polymorphicForeignKey: (field.referenceTo?.length ?? 0) > 1,
    precision: field.precision ?? 0,
    reference: isReference,
    referenceTargetField: null,
    referenceToInfos: isReference
      ? (field.referenceTo ?? []).map((target) => {
          const targetDef = store.getObject(target);
          return { apiName: targetDef?.name ?? target, nameFields: targetDef ? nameFieldsOf(targetDef) : ['Name'] };
        })
      : [],
    relationshipName: field.relationshipName ?? null,
    // Required in a form: the org refuses a blank value and the user has to type it (a default or a computed value
    // does not count, checkboxes are never blank).
    required:
      field.createable && !computed && !field.nillable && field.type !== 'boolean' && field.defaultValue === undefined,
    scale: field.scale ?? 0,
    searchPrefilterable: false,
    sortable: field.type !== 'textarea' && field.type !== 'multipicklist',
    unique: field.unique,
    updateable: field.updateable && !computed && editable && (objectAccess?.edit ?? true)
  };
}

/** Child relationships of `def`: every reference field in the org that points at it and names its relationship. */
function childRelationships(store: Store, def: ObjectDef): Record<string, unknown>[] {
  const relationships: Record<string, unknown>[] = [];
  for (const child of store.listObjects()) {
    for (const field of child.fields) {
      if (
        field.type !== 'reference' ||
        !field.childRelationshipName ||
        AUDIT_FIELD_NAMES.has(field.name.toLowerCase()) ||
        !field.referenceTo?.some((target) => target.toLowerCase() === def.name.toLowerCase())
      ) {
        continue;
      }
      relationships.push({
        childObjectApiName: child.name,
        fieldName: field.name,
        junctionIdListNames: [],
        junctionReferenceTo: [],
        relationshipName: field.childRelationshipName
      });
    }
  }
  return relationships;
}

/** The Object Info representation of `def`. */
export function objectInfo(store: Store, def: ObjectDef): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  // Fields the user may not read are left out, as Salesforce leaves them out.
  for (const field of def.fields) {
    if (store.access?.canReadField(def, field) ?? true) fields[field.name] = fieldInfo(store, def, field);
  }
  const access = store.access?.objectPermission(def);
  const body: Record<string, unknown> = {
    apiName: def.name,
    associateEntityType: def.historyOf ? 'History' : null,
    associateParentEntity: def.historyOf ?? null,
    childRelationships: childRelationships(store, def),
    compactLayoutable: !def.customMetadata,
    createable: def.createable && (access?.create ?? true),
    custom: def.custom,
    defaultRecordTypeId: MASTER_RECORD_TYPE_ID,
    deletable: def.deletable && (access?.delete ?? true),
    dependentFields: {},
    feedEnabled: false,
    fields,
    keyPrefix: def.keyPrefix,
    label: def.label,
    labelPlural: def.labelPlural,
    layoutable: !def.customMetadata,
    mruEnabled: !def.customMetadata,
    nameFields: nameFieldsOf(def),
    queryable: def.queryable,
    recordTypeInfos: {
      [MASTER_RECORD_TYPE_ID]: {
        available: true,
        defaultRecordTypeMapping: true,
        master: true,
        name: 'Master',
        recordTypeId: MASTER_RECORD_TYPE_ID
      }
    },
    searchLayoutable: !def.customMetadata,
    searchable: !def.customMetadata,
    themeInfo: { color: def.custom ? '3D8FCC' : '7F8DE1', iconUrl: null },
    updateable: def.updateable && (access?.edit ?? true)
  };
  body.eTag = createHash('md5').update(JSON.stringify(body)).digest('hex');
  return body;
}

/** GET /ui-api/object-info/{objectApiName}. */
export function getObjectInfo(request: ApiRequest): ApiResponse {
  return json(200, objectInfo(request.store, objectOr404(request.store, request.params.objectApiName)));
}

/** GET /ui-api/object-info/batch/{objectApiNames}. */
export function getObjectInfoBatch(request: ApiRequest): ApiResponse {
  const names = request.params.objectApiNames
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) throw invalidInput('Name at least one object');
  const results = names.map((name) => {
    try {
      return { result: objectInfo(request.store, objectOr404(request.store, name)), statusCode: 200 };
    } catch (error) {
      if (!(error instanceof SfApiError)) throw error;
      return { result: [error.toJSON()], statusCode: error.status };
    }
  });
  return json(200, { results });
}

function masterOnly(recordTypeId: string): void {
  if (recordTypeId !== MASTER_RECORD_TYPE_ID && recordTypeId !== MASTER_RECORD_TYPE_ID.slice(0, 15)) {
    throw new SfApiError('NOT_FOUND', `The record type ${recordTypeId} doesn't exist`, 404);
  }
}

/** The Picklist Values representation of one picklist field. */
function picklistValues(request: ApiRequest, def: ObjectDef, field: FieldDef): Record<string, unknown> {
  const values = (field.picklistValues ?? [])
    .filter((entry) => entry.active)
    .map((entry) => ({ attributes: entry.attributes ?? null, label: entry.label, validFor: [], value: entry.value }));
  const defaultEntry = (field.picklistValues ?? []).find((entry) => entry.active && entry.default);
  const body: Record<string, unknown> = {
    controllerValues: {},
    defaultValue: defaultEntry
      ? { attributes: null, label: defaultEntry.label, validFor: [], value: defaultEntry.value }
      : null,
    url: `${dataPath(request)}/ui-api/object-info/${def.name}/picklist-values/${MASTER_RECORD_TYPE_ID}/${field.name}`,
    values
  };
  body.eTag = createHash('md5').update(JSON.stringify(body)).digest('hex');
  return body;
}

/** GET /ui-api/object-info/{objectApiName}/picklist-values/{recordTypeId}. */
export function getPicklistValuesByRecordType(request: ApiRequest): ApiResponse {
  const def = objectOr404(request.store, request.params.objectApiName);
  masterOnly(request.params.recordTypeId);
  const picklistFieldValues: Record<string, unknown> = {};
  for (const field of def.fields) {
    if (field.type === 'picklist' || field.type === 'multipicklist') {
      picklistFieldValues[field.name] = picklistValues(request, def, field);
    }
  }
  const body = { eTag: '', picklistFieldValues };
  body.eTag = createHash('md5').update(JSON.stringify(picklistFieldValues)).digest('hex');
  return json(200, body);
}

/** GET /ui-api/object-info/{objectApiName}/picklist-values/{recordTypeId}/{fieldApiName}. */
export function getPicklistValues(request: ApiRequest): ApiResponse {
  const def = objectOr404(request.store, request.params.objectApiName);
  masterOnly(request.params.recordTypeId);
  const field = request.store.getField(def, request.params.fieldApiName);
  if (!field || (field.type !== 'picklist' && field.type !== 'multipicklist')) throw notFound();
  return json(200, picklistValues(request, def, field));
}
