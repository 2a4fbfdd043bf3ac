/**
 * Object and field access of a non-administrator user, as Salesforce computes it: the union of the user's base
 * profile ("Standard User": read on the standard objects, create/edit on Account and Opportunity) and of every
 * permission set assigned to them. Permission sets are the ones deployed through the Metadata API (their objectPermissions and
 * fieldPermissions read from the stored XML); their PermissionSet records are kept in step with the deployed
 * components so that PermissionSetAssignment can point at them.
 *
 * Field rules (Salesforce's): nothing is visible on an object the user cannot read; custom fields that can carry
 * field permissions (not required, not master-detail) need one; other fields (standard, required, master-detail)
 * follow the object: readable with read, editable with create or edit. Record-level sharing is not modelled.
 */
import { createHash } from 'node:crypto';
import { SfApiError } from './errors.js';
import { ensureTables, listComponents } from './metadata/repository.js';
import { child, childBoolean, childText, children, parseXml } from './xml.js';
import type { FieldDef, ObjectDef } from './schema.js';
import type { Store } from './store.js';

export type ObjectOperation = 'create' | 'read' | 'edit' | 'delete';
export type FieldLevel = 'none' | 'read' | 'edit';

export interface ObjectPermission {
  create: boolean;
  read: boolean;
  edit: boolean;
  delete: boolean;
}

/** A deployed permission set, parsed. Keys of `objects` and `fields` are lower case (`obj` and `obj.field`). */
export interface PermissionSetDefinition {
  name: string;
  label: string;
  description: string;
  objects: Map<string, ObjectPermission>;
  fields: Map<string, { readable: boolean; editable: boolean }>;
  /** Enabled custom permissions, by API name as written. */
  customPermissions: string[];
}

/** The profile every non-administrator user created here gets, and what it grants. */
export const BASE_PROFILE_NAME = 'Standard User';
export const ADMIN_PROFILE_NAME = 'System Administrator';

const READ_ONLY: ObjectPermission = { create: false, read: true, edit: false, delete: false };
const NONE: ObjectPermission = { create: false, read: false, edit: false, delete: false };

/** Object permissions of the base profile (lower-case object names). */
const BASE_PROFILE_OBJECTS = new Map<string, ObjectPermission>([
  ['account', { create: true, read: true, edit: true, delete: false }],
  ['contact', READ_ONLY],
  ['opportunity', { create: true, read: true, edit: true, delete: false }],
  ['user', READ_ONLY],
  ['profile', READ_ONLY],
  ['organization', READ_ONLY],
  ['permissionset', READ_ONLY],
  ['permissionsetassignment', READ_ONLY],
  ['recordtype', READ_ONLY],
  ['staticresource', READ_ONLY],
  ['custompermission', READ_ONLY],
  ['setupentityaccess', READ_ONLY]
]);

/** Parses one PermissionSet component's XML. */
export function parsePermissionSet(name: string, xml: string): PermissionSetDefinition {
  const root = parseXml(xml);
  const objects = new Map<string, ObjectPermission>();
  for (const entry of children(root, 'objectPermissions')) {
    const objectName = childText(entry, 'object');
    if (!objectName) continue;
    const viewAll = childBoolean(entry, 'viewAllRecords') === true;
    const modifyAll = childBoolean(entry, 'modifyAllRecords') === true;
    objects.set(objectName.toLowerCase(), {
      create: childBoolean(entry, 'allowCreate') === true,
      read: childBoolean(entry, 'allowRead') === true || viewAll || modifyAll,
      edit: childBoolean(entry, 'allowEdit') === true || modifyAll,
      delete: childBoolean(entry, 'allowDelete') === true || modifyAll
    });
  }
  const fields = new Map<string, { readable: boolean; editable: boolean }>();
  for (const entry of children(root, 'fieldPermissions')) {
    const fieldName = childText(entry, 'field');
    if (!fieldName) continue;
    const editable = childBoolean(entry, 'editable') === true;
    fields.set(fieldName.toLowerCase(), { readable: editable || childBoolean(entry, 'readable') === true, editable });
  }
  const customPermissions = children(root, 'customPermissions')
    .filter((entry) => childBoolean(entry, 'enabled') === true)
    .map((entry) => childText(entry, 'name'))
    .filter((entry): entry is string => Boolean(entry));
  return {
    name,
    label: childText(root, 'label') ?? name,
    description: child(root, 'description')?.text.trim() ?? '',
    objects,
    fields,
    customPermissions
  };
}

const parsedCache = new WeakMap<Store, { key: string; sets: PermissionSetDefinition[] }>();

/** Every deployed permission set, parsed (cached until a deploy changes one). */
export function deployedPermissionSets(store: Store): PermissionSetDefinition[] {
  ensureTables(store);
  // Runs on every request: read only the fingerprints, and the XML only when a deploy changed a permission set.
  const fingerprints = store
    .statement("SELECT full_name AS name, hash FROM md_component WHERE type = 'PermissionSet' ORDER BY full_name")
    .all() as { name: string; hash: string }[];
  const key = createHash('sha256')
    .update(fingerprints.map((row) => `${row.name}:${row.hash}`).join('\n'))
    .digest('hex');
  let sets = parsedCache.get(store)?.key === key ? parsedCache.get(store)?.sets : undefined;
  if (!sets) {
    sets = listComponents(store, 'PermissionSet').map((component) =>
      parsePermissionSet(component.fullName, component.content)
    );
    parsedCache.set(store, { key, sets });
  }
  // Checked on every call (it writes only when a record is missing or stale): a request that synced and then
  // rolled back must not leave the records missing.
  syncPermissionSetRecords(store, sets);
  return sets;
}

/** Creates or updates the PermissionSet record of every deployed permission set (matched by Name). */
function syncPermissionSetRecords(store: Store, sets: PermissionSetDefinition[]): void {
  const def = store.getObject('PermissionSet') as ObjectDef;
  const nameField = store.getField(def, 'Name') as FieldDef;
  const now = new Date().toISOString();
  for (const set of sets) {
    const values = { Name: set.name, Label: set.label, Description: set.description.slice(0, 255) };
    const [existing] = store.findIdsByField(def, nameField, set.name);
    if (existing) {
      const prior = store.readRaw(def, existing);
      if (prior?.Label !== values.Label || prior?.Description !== values.Description) {
        store.updateRaw(def, existing, { ...values, LastModifiedDate: now, SystemModstamp: now });
      }
      continue;
    }
    const by = store.identity.userId;
    store.insertRaw(def, {
      ...values,
      Id: store.newId(def),
      IsOwnedByProfile: false,
      IsCustom: true,
      IsDeleted: false,
      CreatedDate: now,
      CreatedById: by,
      LastModifiedDate: now,
      LastModifiedById: by,
      SystemModstamp: now
    });
  }
}

/** Whether a field carries its own field permissions (custom, not required, not master-detail). */
export function isPermissionable(field: FieldDef): boolean {
  return field.custom && !field.required && field.metadataType !== 'MasterDetail' && field.cascadeDelete !== true;
}

function isComputed(field: FieldDef): boolean {
  return field.formula !== undefined || field.summary !== undefined || field.calculated === true;
}

/** What one non-administrator user may do, by object and field. */
export class AccessPolicy {
  private readonly objects = new Map<string, ObjectPermission>();
  private readonly fields = new Map<string, { readable: boolean; editable: boolean }>();

  public constructor(sets: PermissionSetDefinition[]) {
    const merge = (target: Map<string, ObjectPermission>, key: string, add: ObjectPermission): void => {
      const prior = target.get(key) ?? NONE;
      target.set(key, {
        create: prior.create || add.create,
        read: prior.read || add.read,
        edit: prior.edit || add.edit,
        delete: prior.delete || add.delete
      });
    };
    for (const [key, permission] of BASE_PROFILE_OBJECTS) merge(this.objects, key, permission);
    for (const set of sets) {
      for (const [key, permission] of set.objects) merge(this.objects, key, permission);
      for (const [key, permission] of set.fields) {
        const prior = this.fields.get(key) ?? { readable: false, editable: false };
        this.fields.set(key, {
          readable: prior.readable || permission.readable,
          editable: prior.editable || permission.editable
        });
      }
    }
  }

  /** The user's permissions on `def` (custom metadata types are readable by everybody, as by default). */
  public objectPermission(def: ObjectDef): ObjectPermission {
    if (def.customMetadata) return READ_ONLY;
    // A history object is readable with its parent, and written by the org alone.
    if (def.historyOf) return this.objects.get(def.historyOf.toLowerCase())?.read ? READ_ONLY : NONE;
    return this.objects.get(def.name.toLowerCase()) ?? NONE;
  }

  public can(def: ObjectDef, operation: ObjectOperation): boolean {
    return this.objectPermission(def)[operation];
  }

  /** How far the user may go with `field` of `def`. */
  public fieldLevel(def: ObjectDef, field: FieldDef): FieldLevel {
    const object = this.objectPermission(def);
    if (!object.read) return 'none';
    let level: FieldLevel;
    if (isPermissionable(field)) {
      const permission = this.fields.get(`${def.name}.${field.name}`.toLowerCase());
      level = permission?.editable ? 'edit' : permission?.readable ? 'read' : 'none';
    } else {
      level = object.create || object.edit ? 'edit' : 'read';
    }
    if (level === 'edit' && isComputed(field)) level = 'read';
    return level;
  }

  public canReadField(def: ObjectDef, field: FieldDef): boolean {
    return this.fieldLevel(def, field) !== 'none';
  }
}

/** The error Salesforce answers for a DML operation the user's object permissions do not allow. */
export function insufficientAccess(): SfApiError {
  return new SfApiError(
    'INSUFFICIENT_ACCESS_OR_READONLY',
    'You do not have the level of access necessary to perform the operation you requested. Please contact the ' +
      'owner of the record or your administrator if access is necessary.',
    400
  );
}

/** The deployed permission sets assigned to `userId`. */
function assignedPermissionSets(store: Store, userId: string): PermissionSetDefinition[] {
  const sets = deployedPermissionSets(store);
  const names = new Set(
    (
      store
        .statement(
          `SELECT ps."Name" AS name FROM "o_permissionsetassignment" a JOIN "o_permissionset" ps ON ps."Id" = ` +
            `a."PermissionSetId" WHERE a."AssigneeId" = ? AND a."IsDeleted" = 0 AND ps."IsDeleted" = 0`
        )
        .all(userId) as { name: string }[]
    ).map((row) => row.name.toLowerCase())
  );
  return sets.filter((set) => names.has(set.name.toLowerCase()));
}

/**
 * The access policy of user `userId`: undefined for a System Administrator (unrestricted), otherwise the base
 * profile plus the user's active permission set assignments.
 */
export function policyForUser(store: Store, userId: string): AccessPolicy | undefined {
  const userDef = store.getObject('User') as ObjectDef;
  const user = store.readRaw(userDef, userId);
  const profile = typeof user?.ProfileId === 'string' ? store.getRecord('Profile', user.ProfileId) : undefined;
  if (profile?.Name === ADMIN_PROFILE_NAME) return undefined;
  return new AccessPolicy(assignedPermissionSets(store, userId));
}

/**
 * The custom permissions `userId` holds (lower-case API names): those enabled in the permission sets assigned to
 * them. Administrators hold only what their assignments grant too, as on Salesforce.
 */
export function customPermissionsOf(store: Store, userId: string): Set<string> {
  return new Set(
    assignedPermissionSets(store, userId).flatMap((set) => set.customPermissions.map((name) => name.toLowerCase()))
  );
}

/**
 * Rebuilds the CustomPermission records from the deployed CustomPermission components, and the SetupEntityAccess
 * records (permission set -> custom permission) from the deployed permission sets. Called by each deploy, inside its
 * transaction.
 */
export function syncCustomPermissionRecords(store: Store): void {
  const now = new Date().toISOString();
  const by = store.runningUserId;
  const audit = { CreatedDate: now, CreatedById: by, LastModifiedDate: now, LastModifiedById: by, SystemModstamp: now };
  const permissionDef = store.getObject('CustomPermission') as ObjectDef;
  const developerName = store.getField(permissionDef, 'DeveloperName') as FieldDef;
  const permissionIds = new Map<string, string>();
  for (const component of listComponents(store, 'CustomPermission')) {
    const root = parseXml(component.content);
    const values = {
      DeveloperName: component.fullName,
      MasterLabel: childText(root, 'label') ?? component.fullName,
      Description: childText(root, 'description')?.slice(0, 255) ?? null,
      IsLicensed: childBoolean(root, 'isLicensed') === true
    };
    const [existing] = store.findIdsByField(permissionDef, developerName, component.fullName);
    const id = existing ?? store.newId(permissionDef);
    const prior = existing ? store.readRaw(permissionDef, existing) : undefined;
    const changed = prior && Object.entries(values).some(([name, value]) => prior[name] !== value);
    if (changed) store.updateRaw(permissionDef, id, { ...values, LastModifiedDate: now, SystemModstamp: now });
    else if (!existing) store.insertRaw(permissionDef, { ...values, ...audit, Id: id, IsDeleted: false });
    permissionIds.set(component.fullName.toLowerCase(), id);
  }
  const accessDef = store.getObject('SetupEntityAccess') as ObjectDef;
  const setDef = store.getObject('PermissionSet') as ObjectDef;
  const setName = store.getField(setDef, 'Name') as FieldDef;
  // Kept rows keep their ids: only grants that appeared are inserted and only those that went away are removed.
  const existing = new Map(
    (
      store
        .statement(
          `SELECT "Id" AS id, "ParentId" AS parent, "SetupEntityId" AS entity FROM "o_setupentityaccess" ` +
            `WHERE "SetupEntityType" = 'CustomPermission' AND "IsDeleted" = 0`
        )
        .all() as { id: string; parent: string; entity: string }[]
    ).map((row) => [`${row.parent}:${row.entity}`, row.id])
  );
  for (const set of deployedPermissionSets(store)) {
    const [parentId] = store.findIdsByField(setDef, setName, set.name);
    for (const name of set.customPermissions) {
      const entityId = permissionIds.get(name.toLowerCase());
      if (!parentId || !entityId) continue;
      if (existing.delete(`${parentId}:${entityId}`)) continue;
      store.insertRaw(accessDef, {
        ...audit,
        Id: store.newId(accessDef),
        IsDeleted: false,
        ParentId: parentId,
        SetupEntityId: entityId,
        SetupEntityType: 'CustomPermission'
      });
    }
  }
  for (const id of existing.values()) store.statement('DELETE FROM "o_setupentityaccess" WHERE "Id" = ?').run(id);
  if (existing.size > 0) store.forgetCachedReads();
}
