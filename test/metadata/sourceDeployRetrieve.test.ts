import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ComponentSet, ForceIgnore, MetadataConverter, type SourceComponent } from '@salesforce/source-deploy-retrieve';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  EXPECTED_FIELD_COUNT,
  EXPECTED_METADATA_TYPES,
  EXPECTED_OBJECTS,
  EXPECTED_STANDARD_OBJECTS
} from './lib/dataModelSpec.js';
import { children, filesUnder, parseMetadataXml, readMetadataXml, text, texts } from './lib/xml.js';
import { forceAppDir, projectRoot } from './lib/paths.js';

// What the data model ships, per metadata type. Other folders of force-app (components, pages, labels) add types of
// their own, which only have to resolve.
const EXPECTED_COUNTS: Record<string, number> = {
  // A standard object the package only adds fields to (Opportunity) has no CustomObject component of its own.
  CustomObject: Object.keys(EXPECTED_OBJECTS).length + Object.keys(EXPECTED_METADATA_TYPES).length,
  CustomField: EXPECTED_FIELD_COUNT,
  ValidationRule: [...Object.values(EXPECTED_OBJECTS), ...Object.values(EXPECTED_STANDARD_OBJECTS)].reduce(
    (sum, o) => sum + o.validationRules.length,
    0
  ),
  // 14 of the first objects, 4 of the transition desk, 4 the cockpit reads (the maintenance proposals included), and
  // an All view per metadata type.
  ListView: 22 + Object.keys(EXPECTED_METADATA_TYPES).length,
  CompactLayout: 7,
  Layout: 7,
  // One per custom object, and the Maintenance Cockpit's.
  CustomTab: 8,
  CustomApplication: 1,
  PermissionSet: 3,
  // 2 calendars, 3 SLA templates, 25 handover template items, 5 transition options
  CustomMetadata: 35
};

function allComponents(set: ComponentSet): SourceComponent[] {
  const flat: SourceComponent[] = [];
  const add = (component: SourceComponent): void => {
    flat.push(component);
    component.getChildren().forEach(add);
  };
  set.getSourceComponents().toArray().forEach(add);
  return flat;
}

describe('source-deploy-retrieve', () => {
  const set = ComponentSet.fromSource(forceAppDir);
  const components = allComponents(set);
  const sourceApiVersion = (
    JSON.parse(readFileSync(join(projectRoot, 'sfdx-project.json'), 'utf8')) as { sourceApiVersion: string }
  ).sourceApiVersion;
  set.sourceApiVersion = sourceApiVersion;

  it('resolves every source file of force-app to a metadata component', () => {
    const forceIgnore = ForceIgnore.findAndCreate(forceAppDir);
    const covered = new Set<string>();
    for (const component of components) {
      if (component.xml) covered.add(component.xml);
      component.walkContent().forEach((file) => covered.add(file));
    }
    const unresolved = filesUnder(forceAppDir)
      .filter((file) => forceIgnore.accepts(file) && !covered.has(file))
      .map((file) => relative(projectRoot, file));
    expect(covered.size).toBeGreaterThan(100);
    expect(unresolved).toEqual([]);
  });

  it('finds the data model components it expects, type by type', () => {
    const counts: Record<string, number> = {};
    for (const component of components) counts[component.type.name] = (counts[component.type.name] ?? 0) + 1;
    const ours = Object.fromEntries(Object.keys(EXPECTED_COUNTS).map((type) => [type, counts[type] ?? 0]));
    expect(ours).toEqual(EXPECTED_COUNTS);
    expect(EXPECTED_COUNTS.CustomField).toBe(155);
  });

  it('rejects a file of no known metadata type', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdr-unknown-'));
    try {
      mkdirSync(join(dir, 'main', 'default', 'gadgets'), { recursive: true });
      writeFileSync(join(dir, 'main', 'default', 'gadgets', 'Thing.gadget-meta.xml'), '<?xml version="1.0"?><Gadget/>');
      expect(() => ComponentSet.fromSource(dir)).toThrow(/Could not infer a metadata type/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds a package.xml naming every data model component, at the project API version', async () => {
    expect(sourceApiVersion).toBe('62.0');
    const { root } = parseMetadataXml(await set.getPackageXml(), 'package.xml');
    expect(text(root, 'version')).toBe('62.0');
    const members = Object.fromEntries(
      children(root, 'types').map((t) => [text(t, 'name') ?? '', texts(t, 'members')])
    );
    expect(members.CustomApplication).toEqual(['Maintenance']);
    expect(members.PermissionSet).toEqual(['Maintenance_Manager', 'Maintenance_Support', 'Maintenance_Viewer']);
    expect(members.CustomObject).toEqual(
      expect.arrayContaining([...Object.keys(EXPECTED_OBJECTS), ...Object.keys(EXPECTED_METADATA_TYPES)])
    );
    for (const [object, spec] of Object.entries(EXPECTED_OBJECTS)) {
      for (const field of Object.keys(spec.fields)) expect(members.CustomField).toContain(`${object}.${field}`);
    }
    expect(members.CustomField).toHaveLength(EXPECTED_COUNTS.CustomField);
    expect(members.CustomMetadata).toContain('Maintenance_Calendar.Paris_Business_Hours');
  });

  describe('conversion to Metadata API format', () => {
    let outputDir = '';
    let packageDir = '';
    beforeAll(async () => {
      outputDir = mkdtempSync(join(tmpdir(), 'mdapi-'));
      const result = await new MetadataConverter().convert(set, 'metadata', {
        type: 'directory',
        outputDirectory: outputDir,
        packageName: 'maintenance',
        genUniqueDir: false
      });
      packageDir = result.packagePath ?? '';
    });
    afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

    it('writes package.xml and one file per component in the metadata folders', () => {
      expect(existsSync(join(packageDir, 'package.xml'))).toBe(true);
      const count = (folder: string, suffix: string): number =>
        existsSync(join(packageDir, folder))
          ? readdirSync(join(packageDir, folder)).filter((f) => f.endsWith(suffix)).length
          : 0;
      expect(count('customMetadata', '.md')).toBe(EXPECTED_COUNTS.CustomMetadata);
      expect(count('permissionsets', '.permissionset')).toBe(3);
      expect(count('layouts', '.layout')).toBe(7);
      expect(count('tabs', '.tab')).toBe(8);
      expect(existsSync(join(packageDir, 'applications', 'Maintenance.app'))).toBe(true);
    });

    it('recomposes each object with all its fields, validation rules, list views and compact layouts', () => {
      for (const [object, spec] of Object.entries(EXPECTED_OBJECTS)) {
        const { rootName, root } = readMetadataXml(join(packageDir, 'objects', `${object}.object`));
        expect(rootName).toBe('CustomObject');
        const fields = children(root, 'fields').map((f) => text(f, 'fullName'));
        expect(fields.sort()).toEqual(Object.keys(spec.fields).sort());
        expect(
          children(root, 'validationRules')
            .map((r) => text(r, 'fullName'))
            .sort()
        ).toEqual([...spec.validationRules].sort());
        expect(children(root, 'listViews').length).toBeGreaterThan(0);
        expect(children(root, 'compactLayouts')).toHaveLength(1);
      }
      for (const [type, fields] of Object.entries(EXPECTED_METADATA_TYPES)) {
        const { root } = readMetadataXml(join(packageDir, 'objects', `${type}.object`));
        expect(
          children(root, 'fields')
            .map((f) => text(f, 'fullName'))
            .sort()
        ).toEqual(Object.keys(fields).sort());
      }
    });
  });
});
