import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EXPECTED_METADATA_TYPES,
  EXPECTED_OBJECTS,
  EXPECTED_STANDARD_OBJECTS,
  HANDOVER_CATEGORIES,
  PAUSE_REASON_VALUES
} from './lib/dataModelSpec.js';
import { PAUSE_REASONS, SLA_STATES } from '#engine';
import { findDocumentationProblems } from './lib/documentation.js';
import { isAlwaysRequired, isComputed, loadLayouts, loadObjects } from './lib/model.js';
import { children, flag, readMetadataXml, text, texts } from './lib/xml.js';
import { defaultDir } from './lib/paths.js';

const model = loadObjects(defaultDir);
const layouts = loadLayouts(defaultDir);
// Salesforce tracks at most 20 fields per object.
const MAX_TRACKED_FIELDS = 20;

describe('custom objects', () => {
  it('are exactly the objects and custom metadata types of the data model', () => {
    expect(Object.keys(model).sort()).toEqual(
      [
        ...Object.keys(EXPECTED_OBJECTS),
        ...Object.keys(EXPECTED_METADATA_TYPES),
        ...Object.keys(EXPECTED_STANDARD_OBJECTS)
      ].sort()
    );
  });

  describe.each(Object.entries(EXPECTED_STANDARD_OBJECTS))('standard object %s', (name, spec) => {
    const object = model[name];

    it('ships no object file, only its own fields, rules and list views', () => {
      expect(object.standard).toBe(true);
      expect(Object.keys(object.validationRules).sort()).toEqual([...spec.validationRules].sort());
      for (const rule of Object.values(object.validationRules))
        expect([rule.name, rule.active]).toEqual([rule.name, true]);
    });

    it('has exactly the fields of the data model, with their types and relationships', () => {
      expect(Object.keys(object.fields).sort()).toEqual(Object.keys(spec.fields).sort());
      for (const [fieldName, expected] of Object.entries(spec.fields)) {
        const field = object.fields[fieldName];
        expect([fieldName, field.type, field.referenceTo, field.relationshipName, field.deleteConstraint]).toEqual([
          fieldName,
          expected.type,
          expected.referenceTo,
          expected.relationshipName,
          expected.deleteConstraint
        ]);
        if (expected.length !== undefined)
          expect([fieldName, text(field.raw, 'length')]).toEqual([fieldName, String(expected.length)]);
      }
    });
  });

  describe.each(Object.entries(EXPECTED_OBJECTS))('%s', (name, spec) => {
    const object = model[name];

    it('is a documented, reportable, searchable detail object shared through its master', () => {
      const root = object.raw;
      expect(text(root, 'label')).toBe(spec.label);
      expect(text(root, 'pluralLabel')).toBe(spec.pluralLabel ?? `${spec.label}s`);
      expect(text(root, 'description')?.length).toBeGreaterThan(40);
      expect(text(root, 'sharingModel')).toBe('ControlledByParent');
      expect(text(root, 'externalSharingModel')).toBe('ControlledByParent');
      expect(text(root, 'deploymentStatus')).toBe('Deployed');
      for (const setting of [
        'enableHistory',
        'enableReports',
        'enableSearch',
        'enableBulkApi',
        'enableSharing',
        'enableStreamingApi'
      ]) {
        expect([setting, flag(root, setting)]).toEqual([setting, true]);
      }
      const nameField = children(root, 'nameField')[0];
      expect(text(nameField, 'label')).toBe(spec.nameField.label);
      expect(text(nameField, 'type')).toBe(spec.nameField.type);
      expect(text(nameField, 'displayFormat')).toBe(spec.nameField.displayFormat);
    });

    it('has exactly the fields of the data model, with their types', () => {
      expect(Object.keys(object.fields).sort()).toEqual(Object.keys(spec.fields).sort());
      for (const [fieldName, expected] of Object.entries(spec.fields)) {
        const field = object.fields[fieldName];
        const actual = {
          type: field.type,
          required: field.required,
          formula: field.formula !== undefined,
          referenceTo: field.referenceTo,
          relationshipName: field.relationshipName,
          deleteConstraint: field.deleteConstraint
        };
        expect([fieldName, actual]).toEqual([
          fieldName,
          {
            type: expected.type,
            required: expected.required ?? false,
            formula: expected.formula ?? false,
            referenceTo: expected.referenceTo,
            relationshipName: expected.relationshipName,
            // Lookups to User must clear on delete; master-detail fields have no constraint.
            deleteConstraint: expected.deleteConstraint ?? (expected.type === 'Lookup' ? 'SetNull' : undefined)
          }
        ]);
        if (expected.length !== undefined)
          expect([fieldName, text(field.raw, 'length')]).toEqual([fieldName, String(expected.length)]);
        if (expected.defaultValue !== undefined && !expected.values) {
          expect([fieldName, text(field.raw, 'defaultValue')]).toEqual([fieldName, expected.defaultValue]);
        }
      }
    });

    it('restricts every picklist to the values of the data model, with its default', () => {
      for (const [fieldName, expected] of Object.entries(spec.fields).filter(([, f]) => f.values)) {
        const field = object.fields[fieldName];
        expect([fieldName, field.restrictedPicklist, field.picklistValues, field.defaultPicklistValue]).toEqual([
          fieldName,
          true,
          expected.values,
          expected.defaultValue
        ]);
      }
    });

    it('has a unique, case-insensitive external id', () => {
      const externalId = object.fields.External_Id__c.raw;
      expect([flag(externalId, 'externalId'), flag(externalId, 'unique'), text(externalId, 'caseSensitive')]).toEqual([
        true,
        true,
        'false'
      ]);
    });

    it('has the active validation rules of the data model, each with a message that says how to fix it', () => {
      expect(Object.keys(object.validationRules).sort()).toEqual([...spec.validationRules].sort());
      for (const rule of Object.values(object.validationRules)) {
        expect([rule.name, rule.active]).toEqual([rule.name, true]);
        expect(rule.description.trim()).not.toBe('');
        // A message that only states the problem leaves the user stuck: each one also tells what to enter or do.
        expect([rule.name, /\b(Set|Enter|Correct|Sign off|Mark|Fill in)\b/.test(rule.errorMessage)]).toEqual([
          rule.name,
          true
        ]);
      }
    });

    it('tracks history on at most 20 fields, never on computed ones', () => {
      const tracked = Object.values(object.fields).filter((f) => f.trackHistory);
      expect(tracked.length).toBeGreaterThan(0);
      expect(tracked.length).toBeLessThanOrEqual(MAX_TRACKED_FIELDS);
      expect(tracked.filter(isComputed).map((f) => f.name)).toEqual([]);
    });

    it('has a page layout placing every field, required ones as Required and computed ones read-only', () => {
      const objectLayouts = layouts.filter((l) => l.object === name);
      expect(objectLayouts).toHaveLength(1);
      const [layout] = objectLayouts;
      const placed = new Map(layout.items.map((item) => [item.field, item.behavior]));
      expect(Object.keys(object.fields).filter((f) => !placed.has(f))).toEqual([]);
      for (const field of Object.values(object.fields)) {
        if (isAlwaysRequired(field)) expect([field.name, placed.get(field.name)]).toEqual([field.name, 'Required']);
        if (isComputed(field)) expect([field.name, placed.get(field.name)]).toEqual([field.name, 'Readonly']);
      }
    });

    it('has a custom tab with a motif', () => {
      const { root } = readMetadataXml(join(defaultDir, 'tabs', `${name}.tab-meta.xml`));
      expect(flag(root, 'customObject')).toBe(true);
      expect(text(root, 'motif')).toMatch(/^Custom\d+: \S/);
    });
  });

  it('document every custom field and object (description and help text within Salesforce limits)', () => {
    expect(findDocumentationProblems(model)).toEqual([]);
  });

  it('report a field whose description or help text is removed', () => {
    const broken = structuredClone(model);
    broken.Maintenance_Incident__c.fields.Effort_Days__c.description = '';
    broken.Handover_Item__c.fields.Done__c.inlineHelpText = ' ';
    expect(findDocumentationProblems(broken).sort()).toEqual([
      'Handover_Item__c.Done__c: no inlineHelpText',
      'Maintenance_Incident__c.Effort_Days__c: no description'
    ]);
  });
});

describe('list views', () => {
  const views = (object: string): string[] => Object.keys(model[object].listViews);

  it('give the working lists users need', () => {
    expect(views('Maintenance_Incident__c')).toEqual(
      expect.arrayContaining(['Open_Incidents', 'Breached_Incidents', 'P1_Incidents'])
    );
    expect(views('Maintenance_Contract__c')).toEqual(
      expect.arrayContaining(['Active_Contracts', 'Notice_Deadline_Next_90_Days'])
    );
    expect(views('Handover_Checklist__c')).toEqual(expect.arrayContaining(['Not_Signed_Off']));
  });

  it('select contracts whose notice deadline falls between today and 90 days from now', () => {
    expect(model.Maintenance_Contract__c.listViews.Notice_Deadline_Next_90_Days.filters).toEqual(
      expect.arrayContaining([
        { field: 'Notice_Deadline__c', operation: 'greaterOrEqual', value: 'TODAY' },
        { field: 'Notice_Deadline__c', operation: 'lessOrEqual', value: 'NEXT_N_DAYS:90' }
      ])
    );
  });

  it('include an All view on each custom metadata type, which the components read records through', () => {
    for (const type of Object.keys(EXPECTED_METADATA_TYPES)) {
      expect([type, model[type].listViews.All?.filterScope]).toEqual([type, 'Everything']);
    }
  });
});

describe('custom metadata types', () => {
  it.each(Object.entries(EXPECTED_METADATA_TYPES))(
    '%s has exactly its fields, developer-controlled',
    (type, fields) => {
      const object = model[type];
      expect(text(object.raw, 'label')).toBeTruthy();
      expect(Object.fromEntries(Object.values(object.fields).map((f) => [f.name, f.type]))).toEqual(fields);
      for (const field of Object.values(object.fields)) {
        expect([field.name, text(field.raw, 'fieldManageability')]).toEqual([field.name, 'DeveloperControlled']);
      }
    }
  );

  it("offer the engine's pause reasons, and speak the engine's SLA states", () => {
    const incident = model.Maintenance_Incident__c.fields;
    expect(incident.Pause_Reason__c.picklistValues).toEqual([...PAUSE_REASONS]);
    expect(PAUSE_REASON_VALUES).toEqual([...PAUSE_REASONS]);
    // The texts SLA_State__c can answer: its string literals, less the statuses it tests with ISPICKVAL.
    const formula = incident.SLA_State__c.formula ?? '';
    const answers = [...formula.matchAll(/(ISPICKVAL\(Status__c, )?'([^']*)'/g)]
      .filter((match) => match[1] === undefined)
      .map((match) => match[2]);
    expect([...new Set(answers)].sort()).toEqual([...SLA_STATES].sort());
  });

  it('share the seven handover categories between template items and handover items', () => {
    expect(model.Handover_Template_Item__mdt.fields.Category__c.picklistValues).toEqual(HANDOVER_CATEGORIES);
    expect(model.Handover_Item__c.fields.Category__c.picklistValues).toEqual(HANDOVER_CATEGORIES);
  });
});

describe('the Maintenance app', () => {
  const { root } = readMetadataXml(join(defaultDir, 'applications', 'Maintenance.app-meta.xml'));

  it('is a Lightning app opening on the Maintenance Cockpit, with Accounts and a tab per object', () => {
    expect(text(root, 'label')).toBe('Maintenance');
    expect(text(root, 'uiType')).toBe('Lightning');
    expect(text(root, 'description')).toBeTruthy();
    // The first tab is the app's home.
    expect(texts(root, 'tabs')).toEqual(['Maintenance_Cockpit', 'standard-Account', ...Object.keys(EXPECTED_OBJECTS)]);
    expect(texts(root, 'formFactors')).toEqual(['Small', 'Large']);
  });

  it('has its home tab on the Maintenance Cockpit app page, which holds the portfolio component', () => {
    const tab = readMetadataXml(join(defaultDir, 'tabs', 'Maintenance_Cockpit.tab-meta.xml')).root;
    expect(text(tab, 'flexiPage')).toBe('Maintenance_Cockpit');
    expect(text(tab, 'motif')).toMatch(/^Custom\d+: \S/);
    const page = readMetadataXml(join(defaultDir, 'flexipages', 'Maintenance_Cockpit.flexipage-meta.xml')).root;
    expect(text(page, 'type')).toBe('AppPage');
    expect(text(page, 'masterLabel')).toBe('Maintenance Cockpit');
    const components = children(page, 'flexiPageRegions').flatMap((region) =>
      children(region, 'itemInstances').map((item) => text(children(item, 'componentInstance')[0], 'componentName'))
    );
    expect(components).toEqual(['maintenancePortfolio']);
    const bundle = readFileSync(
      join(defaultDir, 'lwc', 'maintenancePortfolio', 'maintenancePortfolio.js-meta.xml'),
      'utf8'
    );
    expect(bundle).toContain('<target>lightning__AppPage</target>');
  });

  it('opens Accounts on a record page that exists', () => {
    const overrides = children(root, 'actionOverrides').filter((o) => text(o, 'type') === 'Flexipage');
    expect(overrides.length).toBeGreaterThan(0);
    const flexipages = existsSync(join(defaultDir, 'flexipages')) ? readdirSync(join(defaultDir, 'flexipages')) : [];
    for (const override of overrides) {
      expect(text(override, 'pageOrSobjectType')).toBe('Account');
      expect(flexipages).toContain(`${text(override, 'content')}.flexipage-meta.xml`);
    }
  });
});
