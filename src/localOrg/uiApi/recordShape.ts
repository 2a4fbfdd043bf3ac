/**
 * Which fields a UI API request asks for, and records in the UI API's Record shape.
 *
 * Requests name fields as `Object.Field` or `Object.Relationship__r.Field` (`fields` must exist, `optionalFields`
 * are dropped silently when they do not). They are collected into a tree per object, read with the org's SOQL engine
 * (relationships become joins, formula fields are computed), and the REST records it returns are turned into
 * UI API records: `{ apiName, childRelationships, eTag, fields: { Name: { displayValue, value } }, id,
 * lastModifiedById, lastModifiedDate, recordTypeId, recordTypeInfo, systemModstamp, weakEtag }`, relationship
 * fields holding the related record as their value and its name as their display value.
 */
import { createHash } from 'node:crypto';
import type { FieldDef, ObjectDef } from '../schema.js';
import type { Store } from '../store.js';
import { displayFormatter } from './displayValues.js';
import { invalidField } from './errors.js';
import type { UserSettings } from './userSettings.js';

/** The id of the Master record type, which every record without record types has. */
export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

/** Fields every record representation carries metadata from, when the object has them. */
const AUDIT_FIELDS = ['Id', 'LastModifiedById', 'LastModifiedDate', 'SystemModstamp'];

export interface FieldTree {
  def: ObjectDef;
  /** Fields of this object to return, by API name. */
  fields: Map<string, FieldDef>;
  /** Related records to return, by relationship name. */
  relationships: Map<string, { reference: FieldDef; tree: FieldTree }>;
}

/** An empty tree for `def`. */
export function fieldTree(def: ObjectDef): FieldTree {
  return { def, fields: new Map(), relationships: new Map() };
}

/** Whether the running user may read `field` of `def` (field-level security; everything for an administrator). */
export function canRead(store: Store, def: ObjectDef, field: FieldDef): boolean {
  return store.access?.canReadField(def, field) ?? true;
}

function relationshipField(store: Store, def: ObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  return def.fields.find(
    (field) =>
      field.type === 'reference' &&
      field.relationshipName?.toLowerCase() === lower &&
      Boolean(field.referenceTo?.length) &&
      canRead(store, def, field)
  );
}

/**
 * Adds `Object.Field` (or `Object.Rel__r.Field`) to the tree.
 * @param store the org
 * @param tree the tree of the request's object
 * @param qualified the name as the request gives it
 * @param required true for `fields` (an unknown field fails the request), false for `optionalFields`
 * @returns whether the field was added
 */
export function addFieldPath(store: Store, tree: FieldTree, qualified: string, required: boolean): boolean {
  const parts = qualified.split('.').map((part) => part.trim());
  const fail = (): boolean => {
    if (required) throw invalidField(tree.def.name, qualified);
    return false;
  };
  if (parts.length < 2 || parts[0].toLowerCase() !== tree.def.name.toLowerCase()) return fail();
  let current = tree;
  for (let index = 1; index < parts.length - 1; index++) {
    const reference = relationshipField(store, current.def, parts[index]);
    const target = reference && store.getObject(reference.referenceTo?.[0] as string);
    if (!reference || !target || store.access?.can(target, 'read') === false) return fail();
    let next = current.relationships.get(reference.relationshipName as string);
    if (!next) {
      next = { reference, tree: fieldTree(target) };
      current.relationships.set(reference.relationshipName as string, next);
    }
    current = next.tree;
  }
  // A field the user may not read is answered as if it did not exist, as Salesforce does.
  const field = store.getField(current.def, parts[parts.length - 1]);
  if (!field || !canRead(store, current.def, field)) return fail();
  current.fields.set(field.name, field);
  return true;
}

/**
 * Adds fields by API name when the object has them (the audit fields that related lists always return).
 * @param store the org
 * @param tree the tree to add to
 * @param names field API names
 */
export function addFieldsIfPresent(store: Store, tree: FieldTree, names: string[]): void {
  for (const name of names) {
    const field = store.getField(tree.def, name);
    if (field && canRead(store, tree.def, field)) tree.fields.set(field.name, field);
  }
}

/** A tree of every field of the object the user may read (a record create/update answers with all of them). */
export function allFieldsTree(store: Store, def: ObjectDef): FieldTree {
  const tree = fieldTree(def);
  for (const field of def.fields) if (canRead(store, def, field)) tree.fields.set(field.name, field);
  return tree;
}

/**
 * The SOQL select list reading the tree: its fields, each relationship's fields, and the audit fields a record
 * representation needs at every level.
 * @param store the org
 * @param tree the fields to read
 */
export function selectList(store: Store, tree: FieldTree, prefix = ''): string[] {
  const names = new Set<string>();
  for (const name of AUDIT_FIELDS) if (store.getField(tree.def, name)) names.add(`${prefix}${name}`);
  for (const field of tree.fields.values()) names.add(`${prefix}${field.name}`);
  for (const [relationship, { tree: child }] of tree.relationships) {
    const nameField = store.getField(child.def, 'Name');
    if (nameField) names.add(`${prefix}${relationship}.Name`);
    for (const name of selectList(store, child, `${prefix}${relationship}.`)) names.add(name);
  }
  return [...names];
}

/** `2026-01-31T09:30:00.000+0000` (REST) -> `2026-01-31T09:30:00.000Z` (UI API). */
function uiDateTime(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/\+0000$/, 'Z') : value;
}

/**
 * A REST record (as the SOQL engine shapes it) as a UI API record.
 * @param tree what was asked for
 * @param rest the REST record: fields by API name, relationships as nested records
 * @param settings the user's locale, time zone and currency for display values
 */
export function uiRecord(
  tree: FieldTree,
  rest: Record<string, unknown>,
  settings: UserSettings
): Record<string, unknown> {
  const format = displayFormatter(settings);
  const fields: Record<string, { displayValue: string | null; value: unknown }> = {};
  for (const field of tree.fields.values()) {
    const raw = rest[field.name] ?? null;
    const value = field.type === 'datetime' ? uiDateTime(raw) : raw;
    fields[field.name] = { displayValue: format(field, value), value };
  }
  for (const [relationship, { tree: child }] of tree.relationships) {
    const nested = rest[relationship] as Record<string, unknown> | null | undefined;
    fields[relationship] = nested
      ? {
          displayValue: typeof nested.Name === 'string' ? nested.Name : null,
          value: uiRecord(child, nested, settings)
        }
      : { displayValue: null, value: null };
  }
  const id = String(rest.Id ?? '');
  const systemModstamp = uiDateTime(rest.SystemModstamp ?? rest.LastModifiedDate ?? null) as string | null;
  return {
    apiName: tree.def.name,
    childRelationships: {},
    eTag: createHash('md5')
      .update(`${id}|${systemModstamp ?? ''}`)
      .digest('hex'),
    fields,
    id,
    lastModifiedById: (rest.LastModifiedById as string | undefined) ?? null,
    lastModifiedDate: (uiDateTime(rest.LastModifiedDate ?? null) as string | null) ?? systemModstamp,
    recordTypeId: MASTER_RECORD_TYPE_ID,
    recordTypeInfo: null,
    systemModstamp,
    weakEtag: systemModstamp ? Date.parse(systemModstamp) : 0
  };
}

/** Standard fields every related list and list view record carries besides the requested ones. */
export const LIST_RECORD_STANDARD_FIELDS = [
  'Id',
  'CreatedDate',
  'LastModifiedById',
  'LastModifiedDate',
  'SystemModstamp'
];
