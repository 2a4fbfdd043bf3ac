/**
 * `npm run generate:permission-sets`: writes force-app's permission set XML from config/access-matrix.json, the one
 * place access is decided. test/metadata checks that the two agree, so a change of access is a change of the matrix
 * followed by this script. `--check` writes nothing and fails when a file differs from what the matrix gives.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessMatrixFile, forceAppDir } from '../src/shared/projectPaths.js';

type FieldLevel = 'edit' | 'read' | 'none' | 'required';
interface ObjectEntry {
  object: { create: boolean; read: boolean; edit: boolean; delete: boolean };
  fields: Record<string, FieldLevel>;
}
interface PermissionSetEntry {
  label: string;
  description: string;
  customMetadataTypes: string[];
  /** Custom permissions the set enables (customPermissions/<Name>.customPermission-meta.xml). */
  customPermissions?: string[];
  objects: Record<string, ObjectEntry>;
}
interface AccessMatrix {
  application: string;
  /** Tabs of Lightning pages, Visible in every permission set. */
  pageTabs?: string[];
  permissionSets: Record<string, PermissionSetEntry>;
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One element per line, or Prettier's XML layout for a long text (the line over 120 characters is wrapped). */
function element(indent: string, name: string, value: string): string {
  const line = `${indent}<${name}>${escapeXml(value)}</${name}>`;
  return line.length <= 120 ? line : `${indent}<${name}\n${indent}>${escapeXml(value)}</${name}>`;
}

function block(name: string, entries: [string, string][]): string[] {
  return [`  <${name}>`, ...entries.map(([key, value]) => element('    ', key, value)), `  </${name}>`];
}

/** The tab of an object: its custom tab, or `standard-<Object>` for a standard object (Opportunity). */
export function tabOf(objectName: string): string {
  return objectName.endsWith('__c') ? objectName : `standard-${objectName}`;
}

/** The permission set XML of one matrix entry, elements in Metadata API schema (alphabetical) order. */
export function permissionSetXml(matrix: AccessMatrix, name: string): string {
  const set = matrix.permissionSets[name];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">'
  ];
  lines.push(
    ...block('applicationVisibilities', [
      ['application', matrix.application],
      ['visible', 'true']
    ])
  );
  for (const type of set.customMetadataTypes) {
    lines.push(
      ...block('customMetadataTypeAccesses', [
        ['enabled', 'true'],
        ['name', type]
      ])
    );
  }
  for (const permission of set.customPermissions ?? []) {
    lines.push(
      ...block('customPermissions', [
        ['enabled', 'true'],
        ['name', permission]
      ])
    );
  }
  lines.push(element('  ', 'description', set.description));
  for (const [objectName, entry] of Object.entries(set.objects)) {
    for (const [field, level] of Object.entries(entry.fields)) {
      // Salesforce refuses field permissions on required and master-detail fields: object access covers them.
      if (level === 'required') continue;
      lines.push(
        ...block('fieldPermissions', [
          ['editable', String(level === 'edit')],
          ['field', `${objectName}.${field}`],
          ['readable', String(level !== 'none')]
        ])
      );
    }
  }
  lines.push(element('  ', 'hasActivationRequired', 'false'), element('  ', 'label', set.label));
  for (const [objectName, entry] of Object.entries(set.objects)) {
    lines.push(
      ...block('objectPermissions', [
        ['allowCreate', String(entry.object.create)],
        ['allowDelete', String(entry.object.delete)],
        ['allowEdit', String(entry.object.edit)],
        ['allowRead', String(entry.object.read)],
        ['modifyAllRecords', 'false'],
        ['object', objectName],
        ['viewAllRecords', 'false']
      ])
    );
  }
  for (const [objectName, entry] of Object.entries(set.objects)) {
    if (entry.object.read)
      lines.push(
        ...block('tabSettings', [
          ['tab', tabOf(objectName)],
          ['visibility', 'Visible']
        ])
      );
  }
  for (const tab of matrix.pageTabs ?? []) {
    lines.push(
      ...block('tabSettings', [
        ['tab', tab],
        ['visibility', 'Visible']
      ])
    );
  }
  lines.push('</PermissionSet>', '');
  return lines.join('\n');
}

const matrix = JSON.parse(readFileSync(accessMatrixFile, 'utf8')) as AccessMatrix;
const check = process.argv.includes('--check');
const stale: string[] = [];
for (const name of Object.keys(matrix.permissionSets)) {
  const file = join(forceAppDir, 'main', 'default', 'permissionsets', `${name}.permissionset-meta.xml`);
  const xml = permissionSetXml(matrix, name);
  if (check) {
    if (readFileSync(file, 'utf8') !== xml) stale.push(file);
  } else writeFileSync(file, xml);
}
if (stale.length > 0) {
  process.stderr.write(
    `Out of date with config/access-matrix.json (run npm run generate:permission-sets):\n${stale.join('\n')}\n`
  );
  process.exit(1);
}
