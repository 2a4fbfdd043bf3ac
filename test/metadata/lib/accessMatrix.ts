/**
 * The access matrix (config/access-matrix.json) and the check that the permission set XML grants exactly what it
 * says, field by field, and that it lists exactly the fields that exist.
 */
import { readFileSync } from 'node:fs';
import { isAlwaysRequired, isComputed, type ObjectModel, type PermissionSetInfo } from './model.js';

export type FieldAccess = 'edit' | 'read' | 'none' | 'required';
export interface ObjectAccess {
  create: boolean;
  read: boolean;
  edit: boolean;
  delete: boolean;
}
export interface AccessMatrix {
  application: string;
  /** Tabs of Lightning pages, Visible in every permission set. */
  pageTabs?: string[];
  permissionSets: Record<
    string,
    {
      label: string;
      description: string;
      customMetadataTypes: string[];
      customPermissions?: string[];
      objects: Record<string, { object: ObjectAccess; fields: Record<string, FieldAccess> }>;
    }
  >;
}

const FIELD_ACCESS: FieldAccess[] = ['edit', 'read', 'none', 'required'];

/** Reads and shape-checks the matrix file; throws with the offending path when the shape is wrong. */
export function loadAccessMatrix(file: string): AccessMatrix {
  const matrix = JSON.parse(readFileSync(file, 'utf8')) as AccessMatrix;
  if (typeof matrix.application !== 'string') throw new Error(`${file}: "application" must be a string`);
  for (const [setName, set] of Object.entries(matrix.permissionSets ?? {})) {
    for (const [objectName, access] of Object.entries(set.objects ?? {})) {
      for (const key of ['create', 'read', 'edit', 'delete'] as const) {
        if (typeof access.object?.[key] !== 'boolean') throw new Error(`${file}: ${setName}.${objectName}.object.${key} must be a boolean`);
      }
      for (const [field, value] of Object.entries(access.fields ?? {})) {
        if (!FIELD_ACCESS.includes(value)) throw new Error(`${file}: ${setName}.${objectName}.${field} is "${value}"`);
      }
    }
  }
  return matrix;
}

/**
 * Everything that differs between the matrix, the objects and the permission set XML. The matrix must list every
 * custom field of every object it names, and only those; "required" exactly for master-detail and required fields,
 * which must have no field permission; computed fields never "edit"; every other field exactly one field permission
 * with readable/editable as the matrix says. Object permissions match, tabs are Visible exactly for readable objects,
 * the app is visible and the custom metadata types are enabled.
 */
export function checkPermissionSetsAgainstMatrix(
  model: ObjectModel,
  matrix: AccessMatrix,
  sets: Record<string, PermissionSetInfo>
): string[] {
  const problems: string[] = [];
  for (const [setName, expected] of Object.entries(matrix.permissionSets)) {
    const actual = sets[setName];
    if (!actual) {
      problems.push(`${setName}: permission set file missing`);
      continue;
    }
    if (actual.label !== expected.label) problems.push(`${setName}: label "${actual.label}" differs from the matrix "${expected.label}"`);
    if (!actual.description.trim()) problems.push(`${setName}: no description`);

    const granted = new Map<string, { readable: boolean; editable: boolean }[]>();
    for (const permission of actual.fieldPermissions) {
      granted.set(permission.field, [...(granted.get(permission.field) ?? []), permission]);
    }

    for (const [objectName, access] of Object.entries(expected.objects)) {
      const object = model[objectName];
      if (!object) {
        problems.push(`${setName}: matrix names object ${objectName}, which does not exist`);
        continue;
      }
      const objectPermissions = actual.objectPermissions.filter((p) => p.object === objectName);
      if (objectPermissions.length !== 1) problems.push(`${setName}: ${objectPermissions.length} objectPermissions for ${objectName}`);
      const op = objectPermissions[0];
      if (op) {
        const pairs: [string, boolean, boolean][] = [
          ['create', op.allowCreate, access.object.create],
          ['read', op.allowRead, access.object.read],
          ['edit', op.allowEdit, access.object.edit],
          ['delete', op.allowDelete, access.object.delete]
        ];
        for (const [what, has, wants] of pairs) {
          if (has !== wants) problems.push(`${setName}: ${objectName} ${what} is ${has}, the matrix says ${wants}`);
        }
      }

      for (const field of Object.values(object.fields)) {
        const qualified = `${objectName}.${field.name}`;
        const wanted = access.fields[field.name];
        const entries = granted.get(qualified) ?? [];
        granted.delete(qualified);
        if (wanted === undefined) {
          problems.push(`${setName}: field ${qualified} is missing from the access matrix`);
          continue;
        }
        if ((wanted === 'required') !== isAlwaysRequired(field)) {
          problems.push(`${setName}: ${qualified} is "${wanted}" but the field ${isAlwaysRequired(field) ? 'is' : 'is not'} master-detail or required`);
        }
        if (wanted === 'edit' && isComputed(field)) problems.push(`${setName}: computed field ${qualified} cannot be "edit"`);
        if (wanted === 'edit' && !access.object.edit) problems.push(`${setName}: ${qualified} is "edit" on an object without edit access`);
        if (wanted === 'required') {
          if (entries.length) problems.push(`${setName}: ${qualified} is required/master-detail and must have no field permission`);
          continue;
        }
        if (entries.length !== 1) {
          problems.push(`${setName}: ${entries.length} field permissions for ${qualified} (expected 1: ${wanted})`);
          continue;
        }
        const [{ readable, editable }] = entries;
        if (readable !== (wanted !== 'none') || editable !== (wanted === 'edit')) {
          problems.push(`${setName}: ${qualified} grants readable=${readable} editable=${editable}, the matrix says "${wanted}"`);
        }
      }
      for (const field of Object.keys(access.fields)) {
        if (!object.fields[field]) problems.push(`${setName}: the matrix lists ${objectName}.${field}, which does not exist`);
      }

      const tabName = objectName.endsWith('__c') ? objectName : `standard-${objectName}`;
      const tabs = actual.tabSettings.filter((t) => t.tab === tabName);
      const visible = tabs.length === 1 && tabs[0].visibility === 'Visible';
      if (access.object.read && !visible) problems.push(`${setName}: tab ${tabName} should be Visible`);
      if (!access.object.read && tabs.some((t) => t.visibility !== 'Hidden')) problems.push(`${setName}: tab ${tabName} should be hidden`);
    }
    for (const field of granted.keys()) problems.push(`${setName}: field permission ${field} is not in the access matrix`);
    for (const op of actual.objectPermissions) {
      if (!expected.objects[op.object]) problems.push(`${setName}: objectPermissions for ${op.object}, which the matrix does not list`);
    }

    for (const tab of matrix.pageTabs ?? []) {
      const settings = actual.tabSettings.filter((t) => t.tab === tab);
      if (settings.length !== 1 || settings[0].visibility !== 'Visible') problems.push(`${setName}: tab ${tab} should be Visible`);
    }
    const app = actual.applicationVisibilities.find((a) => a.application === matrix.application);
    if (!app?.visible) problems.push(`${setName}: application ${matrix.application} is not visible`);
    const enabledTypes = actual.customMetadataTypeAccesses.filter((a) => a.enabled).map((a) => a.name).sort();
    if (enabledTypes.join() !== [...expected.customMetadataTypes].sort().join()) {
      problems.push(`${setName}: custom metadata types ${enabledTypes.join()} differ from the matrix ${expected.customMetadataTypes.join()}`);
    }
    const enabledPermissions = actual.customPermissions.filter((p) => p.enabled).map((p) => p.name).sort();
    const wantedPermissions = [...(expected.customPermissions ?? [])].sort();
    if (enabledPermissions.join() !== wantedPermissions.join()) {
      problems.push(`${setName}: custom permissions ${enabledPermissions.join()} differ from the matrix ${wantedPermissions.join()}`);
    }
  }
  for (const setName of Object.keys(sets)) {
    if (!matrix.permissionSets[setName]) problems.push(`${setName}: permission set not in the access matrix`);
  }
  return problems;
}

/** View All / Modify All anywhere: object-level or the org-wide user permissions. */
export function findViewAllModifyAll(sets: Record<string, PermissionSetInfo>): string[] {
  const problems: string[] = [];
  for (const set of Object.values(sets)) {
    for (const op of set.objectPermissions) {
      if (op.viewAllRecords) problems.push(`${set.name}: View All on ${op.object}`);
      if (op.modifyAllRecords) problems.push(`${set.name}: Modify All on ${op.object}`);
    }
    for (const permission of set.userPermissions) {
      if (permission.enabled && ['ViewAllData', 'ModifyAllData'].includes(permission.name)) problems.push(`${set.name}: ${permission.name}`);
    }
  }
  return problems;
}
