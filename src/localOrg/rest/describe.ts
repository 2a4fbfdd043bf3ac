/**
 * describeGlobal and sObject describe, in the shapes the REST API documents (every property clients read:
 * field types, lengths, picklists, nillable, externalId, unique, references, relationships, child relationships).
 */
import type { AccessPolicy } from '../permissions.js';
import type { FieldDef, ObjectDef } from '../schema.js';
import type { Store } from '../store.js';
import { isNumberType, isTextType } from '../values.js';

const SOAP_TYPES: Record<string, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  time: 'xsd:time',
  anyType: 'xsd:anyType'
};

function objectUrls(base: string, def: ObjectDef): Record<string, string> {
  const sobject = `${base}/sobjects/${def.name}`;
  return {
    compactLayouts: `${sobject}/describe/compactLayouts`,
    rowTemplate: `${sobject}/{ID}`,
    approvalLayouts: `${sobject}/describe/approvalLayouts`,
    defaultValues: `${sobject}/defaultValues?recordTypeId&fields`,
    listviews: `${sobject}/listviews`,
    describe: `${sobject}/describe`,
    quickActions: `${sobject}/quickActions`,
    layouts: `${sobject}/describe/layouts`,
    sobject
  };
}

/** The flags shared by describeGlobal entries and full describes, as the running user sees them. */
function objectFlags(def: ObjectDef, access?: AccessPolicy): Record<string, unknown> {
  const allowed = access?.objectPermission(def) ?? { create: true, read: true, edit: true, delete: true };
  const history = def.historyOf !== undefined;
  return {
    activateable: false,
    associateEntityType: history ? 'History' : null,
    associateParentEntity: def.historyOf ?? null,
    createable: def.createable && allowed.create,
    custom: def.custom || (def.historyOf?.endsWith('__c') ?? false),
    customSetting: false,
    deepCloneable: false,
    deletable: def.deletable && allowed.delete,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: def.keyPrefix,
    label: def.label,
    labelPlural: def.labelPlural,
    layoutable: !def.customMetadata && !history,
    mergeable: def.name === 'Account' || def.name === 'Contact',
    mruEnabled: !def.customMetadata && !history,
    name: def.name,
    queryable: def.queryable,
    replicateable: !def.customMetadata,
    retrieveable: true,
    searchable: !def.customMetadata && !history,
    triggerable: !def.customMetadata && !history,
    undeletable: def.deletable && allowed.delete,
    updateable: def.updateable && allowed.edit
  };
}

/** The objects the running user can read (all of them for an administrator). */
export function visibleObjects(store: Store): ObjectDef[] {
  const access = store.access;
  return store.listObjects().filter((def) => !access || access.can(def, 'read'));
}

/** The body of `GET /sobjects` (describeGlobal). */
export function describeGlobal(store: Store, base: string): Record<string, unknown> {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: visibleObjects(store).map((def) => {
      const urls = objectUrls(base, def);
      return {
        ...objectFlags(def, store.access),
        urls: {
          rowTemplate: urls.rowTemplate,
          defaultValues: urls.defaultValues,
          describe: urls.describe,
          sobject: urls.sobject
        }
      };
    })
  };
}

/** The describeGlobal entry of one object (`GET /sobjects/{type}` answers it as `objectDescribe`). */
export function describeBasic(def: ObjectDef, base: string, access?: AccessPolicy): Record<string, unknown> {
  const urls = objectUrls(base, def);
  return {
    ...objectFlags(def, access),
    urls: {
      rowTemplate: urls.rowTemplate,
      defaultValues: urls.defaultValues,
      describe: urls.describe,
      sobject: urls.sobject
    }
  };
}

function byteLength(field: FieldDef): number {
  if (field.type === 'id' || field.type === 'reference') return 18;
  return isTextType(field.type) ? (field.length ?? 255) * 3 : 0;
}

function describeField(def: ObjectDef, field: FieldDef, access?: AccessPolicy): Record<string, unknown> {
  const writable = !access || access.fieldLevel(def, field) === 'edit';
  const object = access?.objectPermission(def);
  const textual = isTextType(field.type) || field.type === 'reference' || field.type === 'id';
  const numeric = isNumberType(field.type);
  const longText = field.type === 'textarea' && (field.length ?? 255) > 255;
  const anyType = field.type === 'anyType';
  const isName = field.name === 'Name';
  const defaultedOnCreate =
    field.defaultValue !== undefined ||
    field.type === 'boolean' ||
    ['Id', 'OwnerId', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'].includes(
      field.name
    ) ||
    field.autoNumber !== undefined;
  return {
    aggregatable: !longText && !anyType && field.type !== 'boolean',
    aiPredictionField: false,
    autoNumber: field.autoNumber !== undefined,
    byteLength: byteLength(field),
    calculated: field.formula !== undefined || field.summary !== undefined || field.calculated === true,
    calculatedFormula: field.summary ? null : (field.formula ?? null),
    cascadeDelete: field.cascadeDelete === true,
    caseSensitive: field.caseSensitive === true,
    compoundFieldName: null,
    controllerName: null,
    createable: field.createable && writable && (object?.create ?? true),
    custom: field.custom,
    defaultValue: field.defaultValue === undefined ? (field.type === 'boolean' ? false : null) : field.defaultValue,
    defaultValueFormula: null,
    defaultedOnCreate,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: field.type === 'int' ? (field.precision ?? 9) : 0,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: field.externalId,
    extraTypeInfo: field.type === 'textarea' ? (longText ? 'plaintextarea' : null) : null,
    filterable: !longText && !anyType,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: field.formulaTreatBlanksAs === 'BlankAsZero',
    groupable: !longText && !anyType && !numeric && field.type !== 'datetime',
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: field.name === 'Id' || field.externalId || (field.unique && textual),
    inlineHelpText: field.inlineHelpText ?? null,
    label: field.label,
    length: textual || anyType ? (field.type === 'reference' || field.type === 'id' ? 18 : (field.length ?? 255)) : 0,
    mask: null,
    maskType: null,
    name: field.name,
    nameField: isName,
    namePointing: false,
    nillable: field.nillable,
    permissionable: field.custom && !field.required && field.metadataType !== 'MasterDetail',
    picklistValues: (field.picklistValues ?? []).map((value) => ({
      active: value.active,
      defaultValue: value.default,
      label: value.label,
      validFor: null,
      value: value.value
    })),
    polymorphicForeignKey: false,
    precision: numeric && field.type !== 'int' ? (field.precision ?? 18) : 0,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: field.referenceTo ?? [],
    relationshipName: field.relationshipName ?? null,
    relationshipOrder: field.metadataType === 'MasterDetail' ? 0 : null,
    restrictedDelete: field.deleteConstraint === 'Restrict',
    restrictedPicklist: field.restrictedPicklist === true,
    scale: numeric ? (field.scale ?? 0) : 0,
    searchPrefilterable: field.type === 'reference',
    soapType: SOAP_TYPES[field.type] ?? 'xsd:string',
    sortable: !longText,
    type: field.type,
    unique: field.unique,
    updateable: field.updateable && writable && (object?.edit ?? true),
    writeRequiresMasterRead: false
  };
}

/** Child relationships of `def`: every reference field elsewhere that names a child relationship pointing here. */
function childRelationships(store: Store, def: ObjectDef): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const child of visibleObjects(store)) {
    for (const field of child.fields) {
      if (field.type !== 'reference' || !field.childRelationshipName) continue;
      if (store.access && !store.access.canReadField(child, field)) continue;
      if (!field.referenceTo?.some((name) => name.toLowerCase() === def.name.toLowerCase())) continue;
      out.push({
        cascadeDelete: field.cascadeDelete === true || field.deleteConstraint === 'Cascade',
        childSObject: child.name,
        deprecatedAndHidden: false,
        field: field.name,
        junctionIdListNames: [],
        junctionReferenceTo: [],
        relationshipName: field.childRelationshipName,
        restrictedDelete: field.deleteConstraint === 'Restrict'
      });
    }
  }
  return out;
}

/** The body of `GET /sobjects/{type}/describe`. */
export function describeSObject(store: Store, def: ObjectDef, base: string): Record<string, unknown> {
  const access = store.access;
  return {
    ...objectFlags(def, access),
    actionOverrides: [],
    childRelationships: childRelationships(store, def),
    compactLayoutable: !def.customMetadata,
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    fields: def.fields
      .filter((field) => !access || access.canReadField(def, field))
      .map((field) => describeField(def, field, access)),
    implementedBy: null,
    implementsInterfaces: null,
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: def.customMetadata
      ? []
      : [
          {
            active: true,
            available: true,
            defaultRecordTypeMapping: true,
            developerName: 'Master',
            master: true,
            name: 'Master',
            recordTypeId: '012000000000000AAA',
            urls: { layout: `${base}/sobjects/${def.name}/describe/layouts/012000000000000AAA` }
          }
        ],
    searchLayoutable: !def.customMetadata,
    sobjectDescribeOption: 'FULL',
    supportedScopes: [{ label: 'All records', name: 'everything' }],
    urls: objectUrls(base, def)
  };
}
