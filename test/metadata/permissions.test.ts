import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import {
  checkPermissionSetsAgainstMatrix,
  findViewAllModifyAll,
  loadAccessMatrix,
  type FieldAccess,
  type ObjectAccess
} from './lib/accessMatrix.js';
import { AMENDMENT_FINANCIAL_FIELDS, EXPECTED_METADATA_TYPES, FINANCIAL_FIELDS } from './lib/dataModelSpec.js';
import { isAlwaysRequired, isComputed, loadObjects, loadPermissionSets, type FieldInfo } from './lib/model.js';
import { accessMatrixFile, defaultDir } from './lib/paths.js';
import { readMetadataXml, text } from './lib/xml.js';

const model = loadObjects(defaultDir);
const matrix = loadAccessMatrix(accessMatrixFile);
const sets = loadPermissionSets(defaultDir);
const OBJECTS = [
  'Maintenance_Contract__c',
  'Maintenance_Incident__c',
  'Handover_Checklist__c',
  'Handover_Item__c',
  'Maintenance_Transition__c',
  'Contract_Amendment__c',
  'Effort_Entry__c',
  'Opportunity'
];

const CRUD: ObjectAccess = { create: true, read: true, edit: true, delete: true };
const READ: ObjectAccess = { create: false, read: true, edit: false, delete: false };
// Opportunity: everyone reads the maintenance proposals, the managers create and edit them; sales owns deletion.
const PROPOSE: ObjectAccess = { create: true, read: true, edit: true, delete: false };

// The access policy of notes/datamodel.md, written independently of the matrix so that the matrix is checked too.
const POLICY: Record<string, { object: (o: string) => ObjectAccess; field: (o: string, f: FieldInfo) => FieldAccess }> =
  {
    Maintenance_Viewer: { object: () => READ, field: () => 'read' },
    Maintenance_Support: {
      object: (o) =>
        ({
          Maintenance_Contract__c: READ,
          Maintenance_Incident__c: { create: true, read: true, edit: true, delete: false },
          Handover_Checklist__c: { create: false, read: true, edit: true, delete: false },
          Handover_Item__c: CRUD,
          // Support logs effort and corrects it; deleting it would make consumed days vanish.
          Effort_Entry__c: { create: true, read: true, edit: true, delete: false }
        })[o] ?? READ,
      field: (o, f) => {
        // Contracts, their amendments and transition plans are the managers' to change; money stays hidden.
        if (o === 'Maintenance_Contract__c') return FINANCIAL_FIELDS.includes(f.name) ? 'none' : 'read';
        if (o === 'Contract_Amendment__c') return AMENDMENT_FINANCIAL_FIELDS.includes(f.name) ? 'none' : 'read';
        if (o === 'Maintenance_Transition__c' || o === 'Opportunity') return 'read';
        if (isComputed(f)) return 'read';
        if (o === 'Handover_Checklist__c' && ['Signed_Off_By__c', 'Signed_Off_On__c'].includes(f.name)) return 'read';
        return 'edit';
      }
    },
    Maintenance_Manager: {
      object: (o) => (o === 'Opportunity' ? PROPOSE : CRUD),
      field: (_o, f) => (isComputed(f) ? 'read' : 'edit')
    }
  };

describe('access matrix (config/access-matrix.json)', () => {
  it('covers the three permission sets and every object', () => {
    expect(Object.keys(matrix.permissionSets)).toEqual([
      'Maintenance_Viewer',
      'Maintenance_Support',
      'Maintenance_Manager'
    ]);
    for (const set of Object.values(matrix.permissionSets)) expect(Object.keys(set.objects)).toEqual(OBJECTS);
  });

  it('follows the access policy of the data model, field by field', () => {
    const differences: string[] = [];
    for (const [setName, policy] of Object.entries(POLICY)) {
      for (const objectName of OBJECTS) {
        const entry = matrix.permissionSets[setName].objects[objectName];
        if (JSON.stringify(entry.object) !== JSON.stringify(policy.object(objectName)))
          differences.push(`${setName} ${objectName} object access`);
        for (const field of Object.values(model[objectName].fields)) {
          const expected = isAlwaysRequired(field) ? 'required' : policy.field(objectName, field);
          if (entry.fields[field.name] !== expected)
            differences.push(
              `${setName} ${objectName}.${field.name}: ${entry.fields[field.name]} (policy: ${expected})`
            );
        }
      }
    }
    expect(differences).toEqual([]);
  });

  it('gives the SLA correction permission to the Manager set only, a custom permission that exists', () => {
    expect(
      Object.fromEntries(Object.entries(matrix.permissionSets).map(([name, set]) => [name, set.customPermissions]))
    ).toEqual({
      Maintenance_Viewer: [],
      Maintenance_Support: [],
      Maintenance_Manager: ['Maintenance_SLA_Correction']
    });
    const { root } = readMetadataXml(
      join(defaultDir, 'customPermissions', 'Maintenance_SLA_Correction.customPermission-meta.xml')
    );
    expect([text(root, 'label'), text(root, 'isLicensed')]).toEqual(['Maintenance SLA Correction', 'false']);
    expect(text(root, 'description')?.length).toBeGreaterThan(40);
  });

  it('lets every permission set read the custom metadata the SLA clocks and templates need', () => {
    for (const set of Object.values(matrix.permissionSets))
      expect([...set.customMetadataTypes].sort()).toEqual(Object.keys(EXPECTED_METADATA_TYPES).sort());
  });
});

describe('permission sets', () => {
  it('are exactly the three of the matrix, each labelled and described', () => {
    expect(Object.keys(sets).sort()).toEqual(Object.keys(matrix.permissionSets).sort());
    for (const set of Object.values(sets)) {
      expect(set.label).toBe(matrix.permissionSets[set.name].label);
      expect(set.description.length).toBeGreaterThan(40);
    }
  });

  it('grant object, field, tab, app and custom metadata access exactly as the matrix says', () => {
    const fieldPermissions = Object.values(sets).reduce((sum, s) => sum + s.fieldPermissions.length, 0);
    // 123 object fields per set, minus the 17 master-detail or required fields that cannot carry a field permission.
    expect(fieldPermissions).toBe(3 * (123 - 17));
    expect(checkPermissionSetsAgainstMatrix(model, matrix, sets)).toEqual([]);
  });

  it('never grant View All, Modify All, View All Data or Modify All Data', () => {
    expect(Object.values(sets).flatMap((s) => s.objectPermissions).length).toBe(3 * OBJECTS.length);
    expect(findViewAllModifyAll(sets)).toEqual([]);
  });
});

// The checks above pass on the real files; each of these plants one defect and expects it reported.
describe('permission checks catch', () => {
  it('a deleted field permission', () => {
    const broken = structuredClone(sets);
    broken.Maintenance_Support.fieldPermissions = broken.Maintenance_Support.fieldPermissions.filter(
      (p) => p.field !== 'Maintenance_Incident__c.Status__c'
    );
    expect(checkPermissionSetsAgainstMatrix(model, matrix, broken)).toEqual([
      'Maintenance_Support: 0 field permissions for Maintenance_Incident__c.Status__c (expected 1: edit)'
    ]);
  });

  it('a field permission wider than the matrix, and one on a required field', () => {
    const broken = structuredClone(sets);
    const rate = broken.Maintenance_Support.fieldPermissions.find(
      (p) => p.field === 'Maintenance_Contract__c.Daily_Rate__c'
    );
    rate!.readable = true;
    broken.Maintenance_Viewer.fieldPermissions.push({
      field: 'Maintenance_Incident__c.Subject__c',
      readable: true,
      editable: false
    });
    expect(checkPermissionSetsAgainstMatrix(model, matrix, broken)).toEqual([
      'Maintenance_Viewer: Maintenance_Incident__c.Subject__c is required/master-detail and must have no field permission',
      'Maintenance_Support: Maintenance_Contract__c.Daily_Rate__c grants readable=true editable=false, the matrix says "none"'
    ]);
  });

  it('a field missing from the matrix, and a matrix entry for a field that does not exist', () => {
    const broken = structuredClone(matrix);
    delete broken.permissionSets.Maintenance_Manager.objects.Handover_Item__c.fields.Evidence_Link__c;
    broken.permissionSets.Maintenance_Manager.objects.Handover_Item__c.fields.Evidence_Url__c = 'edit';
    expect(checkPermissionSetsAgainstMatrix(model, broken, sets)).toEqual([
      'Maintenance_Manager: field Handover_Item__c.Evidence_Link__c is missing from the access matrix',
      'Maintenance_Manager: the matrix lists Handover_Item__c.Evidence_Url__c, which does not exist'
    ]);
  });

  it('a custom permission granted outside the matrix, and one the matrix grants missing', () => {
    const broken = structuredClone(sets);
    broken.Maintenance_Support.customPermissions.push({ name: 'Maintenance_SLA_Correction', enabled: true });
    broken.Maintenance_Manager.customPermissions = [];
    expect(checkPermissionSetsAgainstMatrix(model, matrix, broken)).toEqual([
      'Maintenance_Support: custom permissions Maintenance_SLA_Correction differ from the matrix ',
      'Maintenance_Manager: custom permissions  differ from the matrix Maintenance_SLA_Correction'
    ]);
  });

  it('an editable formula, different object access, a hidden tab and Modify All', () => {
    const brokenMatrix = structuredClone(matrix);
    brokenMatrix.permissionSets.Maintenance_Manager.objects.Handover_Checklist__c.fields.Readiness_Percent__c = 'edit';
    const brokenSets = structuredClone(sets);
    brokenSets.Maintenance_Viewer.objectPermissions[0].allowEdit = true;
    brokenSets.Maintenance_Viewer.objectPermissions[0].modifyAllRecords = true;
    brokenSets.Maintenance_Support.tabSettings = brokenSets.Maintenance_Support.tabSettings.filter(
      (t) => t.tab !== 'Handover_Item__c'
    );
    expect(checkPermissionSetsAgainstMatrix(model, brokenMatrix, brokenSets)).toEqual(
      expect.arrayContaining([
        'Maintenance_Viewer: Maintenance_Contract__c edit is true, the matrix says false',
        'Maintenance_Support: tab Handover_Item__c should be Visible',
        'Maintenance_Manager: computed field Handover_Checklist__c.Readiness_Percent__c cannot be "edit"'
      ])
    );
    expect(findViewAllModifyAll(brokenSets)).toEqual(['Maintenance_Viewer: Modify All on Maintenance_Contract__c']);
  });
});
