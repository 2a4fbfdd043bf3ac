/**
 * Field history tracking, as Salesforce keeps it. An object deployed with `<enableHistory>true</enableHistory>` gets
 * a history object (`Foo__c` -> `Foo__History` with `ParentId`; a standard `Account` -> `AccountHistory` with
 * `AccountId`), the parent's child relationship `Histories`. Every insert writes a `created` row; every update writes
 * one row per changed field marked `<trackHistory>true</trackHistory>`, two for a lookup (the related records' names
 * with DataType `Text`, then their ids with DataType `EntityId`), with CreatedById the writing user. Old and new
 * values of long text areas and multi-select picklists are not kept (the row says the field changed), text is cut
 * to 255 characters. History rows are read-only; they go to the recycle bin with their record.
 *
 * Who sees a row: users who can read the parent object, and only rows of fields they can read (plus `created`).
 */
import { field as makeField, lookup, picklist, systemField } from './fieldFactory.js';
import type { FieldDef, ObjectDef, PicklistValue } from './schema.js';
import type { Store } from './store.js';
import type { AccessPolicy } from './permissions.js';
import { apiDateTime } from './values.js';

/** The child relationship name of a history object on its parent. */
export const HISTORY_RELATIONSHIP = 'Histories';
/** Salesforce's limit on tracked fields per object (without Field Audit Trail). */
export const MAX_TRACKED_FIELDS = 20;
/** The `Field` value of the row written when a record is created. */
export const CREATED_FIELD = 'created';
/** Longest old or new value kept (the fields are `anyType(255)`). */
const MAX_VALUE_LENGTH = 255;

const DATA_TYPES: Record<string, string> = {
  string: 'Text',
  textarea: 'MultiLineText',
  email: 'Email',
  phone: 'Phone',
  url: 'Url',
  picklist: 'DynamicEnum',
  multipicklist: 'MultiEnum',
  boolean: 'Boolean',
  int: 'Double',
  double: 'Double',
  currency: 'Currency',
  percent: 'Percent',
  date: 'DateOnly',
  datetime: 'DateTime',
  time: 'TimeOnly',
  reference: 'EntityId'
};

/** `Foo__c` -> `Foo__History`, `Account` -> `AccountHistory`. */
export function historyObjectName(parentName: string): string {
  return parentName.endsWith('__c') ? `${parentName.slice(0, -3)}__History` : `${parentName}History`;
}

/** The field of a history object that points at its parent (`ParentId`, or `AccountId` for AccountHistory). */
export function parentFieldName(parent: ObjectDef): string {
  return parent.custom ? 'ParentId' : `${parent.name}Id`;
}

/** Fields whose changes can be tracked: not computed, not auto-numbers. */
export function isTrackable(field: FieldDef): boolean {
  return field.formula === undefined && field.summary === undefined && field.autoNumber === undefined;
}

/**
 * The history object of `parent`. `previous` (the history object as it is) keeps the `Field` values of fields no
 * longer tracked, which older rows still carry.
 */
export function historyDefinition(parent: ObjectDef, previous?: ObjectDef): ObjectDef {
  const values: PicklistValue[] = [{ value: CREATED_FIELD, label: 'Created.', default: false, active: true }];
  const add = (value: string, label: string): void => {
    if (!values.some((entry) => entry.value.toLowerCase() === value.toLowerCase())) {
      values.push({ value, label, default: false, active: true });
    }
  };
  for (const entry of parent.fields) if (entry.trackHistory) add(entry.name, entry.label);
  const previousField = previous?.fields.find((entry) => entry.name === 'Field');
  for (const entry of previousField?.picklistValues ?? []) add(entry.value, entry.label);
  const parentField = parentFieldName(parent);
  const readOnly = { createable: false, updateable: false };
  const fields: FieldDef[] = [
    systemField('Id', 'id', { label: `${parent.label} History ID`, length: 18 }),
    systemField('IsDeleted', 'boolean', { label: 'Deleted', defaultValue: false }),
    lookup(parentField, parent.name, parent.custom ? 'Parent' : parent.name, {
      ...readOnly,
      label: parent.custom ? 'Parent ID' : `${parent.label} ID`,
      nillable: false,
      deleteConstraint: 'Cascade',
      childRelationshipName: HISTORY_RELATIONSHIP
    }),
    lookup('CreatedById', 'User', 'CreatedBy', { ...readOnly, label: 'Created By ID', nillable: false }),
    systemField('CreatedDate', 'datetime', { label: 'Created Date' }),
    makeField('Field', 'picklist', {
      ...readOnly,
      label: 'Changed Field',
      length: 255,
      nillable: false,
      restrictedPicklist: true,
      picklistValues: values
    }),
    makeField('DataType', 'picklist', {
      ...readOnly,
      label: 'Data Type',
      length: 40,
      restrictedPicklist: true,
      picklistValues: picklist([...new Set(Object.values(DATA_TYPES))].sort())
    }),
    makeField('OldValue', 'anyType', { ...readOnly, label: 'Old Value', length: 255 }),
    makeField('NewValue', 'anyType', { ...readOnly, label: 'New Value', length: 255 })
  ].map((entry) => ({ ...entry, custom: false }));
  return {
    name: historyObjectName(parent.name),
    label: `${parent.label} History`,
    labelPlural: `${parent.label} History`,
    keyPrefix: previous?.keyPrefix ?? '',
    custom: false,
    fields,
    validationRules: [],
    nameField: { label: 'History ID', type: 'Text' },
    createable: false,
    updateable: false,
    deletable: false,
    queryable: true,
    historyOf: parent.name
  };
}

/**
 * `defs` followed by the history object of each one that enables history (objects deployed together with their
 * history objects, so that both change in one transaction).
 */
export function withHistoryObjects(defs: ObjectDef[], existing: (name: string) => ObjectDef | undefined): ObjectDef[] {
  const companions = defs
    .filter((def) => def.enableHistory && !def.historyOf)
    .map((def) => historyDefinition(def, existing(historyObjectName(def.name))));
  return [...defs, ...companions];
}

/** The SQL-free facts the write path needs about an object's history, or undefined when it keeps none. */
export interface HistoryPlan {
  def: ObjectDef;
  parentField: string;
  tracked: FieldDef[];
}

/** The history plan of `parent` (its history object must have been applied). */
export function historyPlanOf(store: Store, parent: ObjectDef): HistoryPlan | undefined {
  if (!parent.enableHistory) return undefined;
  const def = store.getObject(historyObjectName(parent.name));
  if (!def || def.historyOf?.toLowerCase() !== parent.name.toLowerCase()) return undefined;
  return {
    def,
    parentField: parentFieldName(parent),
    tracked: parent.fields.filter((entry) => entry.trackHistory && isTrackable(entry))
  };
}

interface Change {
  field: string;
  dataType: string | null;
  oldValue: unknown;
  newValue: unknown;
}

function kept(field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (field.type === 'multipicklist' || (field.type === 'textarea' && (field.length ?? 255) > MAX_VALUE_LENGTH)) {
    return null;
  }
  if (field.type === 'datetime' && typeof value === 'string') return apiDateTime(value);
  if (typeof value === 'string' && value.length > MAX_VALUE_LENGTH) return value.slice(0, MAX_VALUE_LENGTH);
  return value;
}

function nameOf(store: Store, field: FieldDef, id: unknown): unknown {
  if (typeof id !== 'string') return null;
  const target = store.objectOfId(id);
  const record = target ? store.readRaw(target, id, true) : undefined;
  return kept(field, typeof record?.Name === 'string' ? record.Name : id);
}

/** The history rows of an update from `prior` to `record`. */
function changesOf(
  store: Store,
  plan: HistoryPlan,
  prior: Record<string, unknown>,
  record: Record<string, unknown>
): Change[] {
  const changes: Change[] = [];
  for (const field of plan.tracked) {
    const before = prior[field.name] ?? null;
    const after = record[field.name] ?? null;
    if (before === after) continue;
    if (field.type === 'reference') {
      const names = { oldValue: nameOf(store, field, before), newValue: nameOf(store, field, after) };
      changes.push({ field: field.name, dataType: 'Text', ...names });
      changes.push({ field: field.name, dataType: 'EntityId', oldValue: before, newValue: after });
      continue;
    }
    changes.push({
      field: field.name,
      dataType: DATA_TYPES[field.type] ?? 'Text',
      oldValue: kept(field, before),
      newValue: kept(field, after)
    });
  }
  return changes;
}

function writeRows(
  store: Store,
  plan: HistoryPlan,
  parentId: string,
  changes: Change[],
  userId: string,
  now: string
): void {
  for (const change of changes) {
    store.insertRaw(plan.def, {
      Id: store.newId(plan.def),
      IsDeleted: false,
      [plan.parentField]: parentId,
      CreatedById: userId,
      CreatedDate: now,
      Field: change.field,
      DataType: change.dataType,
      OldValue: change.oldValue,
      NewValue: change.newValue
    });
  }
}

/** Writes the `created` row of a new record. */
export function recordCreated(store: Store, plan: HistoryPlan, id: string, userId: string, now: string): void {
  writeRows(store, plan, id, [{ field: CREATED_FIELD, dataType: 'Text', oldValue: null, newValue: null }], userId, now);
}

/** Writes the rows of the tracked fields an update changed. */
export function recordChanges(
  store: Store,
  plan: HistoryPlan,
  prior: Record<string, unknown>,
  record: Record<string, unknown>,
  userId: string,
  now: string
): void {
  const changes = changesOf(store, plan, prior, record);
  if (changes.length > 0) writeRows(store, plan, record.Id as string, changes, userId, now);
}

/**
 * The `Field` values of history object `def` that `access` may see (the fields of the parent it can read, and
 * `created`); undefined when every row is visible.
 */
export function visibleHistoryFields(
  store: Store,
  def: ObjectDef,
  access: AccessPolicy | undefined
): string[] | undefined {
  if (!access || !def.historyOf) return undefined;
  const parent = store.getObject(def.historyOf);
  if (!parent) return [CREATED_FIELD];
  return [
    CREATED_FIELD,
    ...parent.fields.filter((entry) => access.canReadField(parent, entry)).map((entry) => entry.name)
  ];
}
