import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { runDeploy, type DeployOutcome } from '../../src/localOrg/metadata/deploy.js';
import { listComponents } from '../../src/localOrg/metadata/repository.js';
import type { Store } from '../../src/localOrg/store.js';
import {
  field,
  metadataRecordXml,
  metadataXml,
  objectXml,
  packageXml,
  picklistField,
  rule,
  tempStore,
  zipOf
} from './metadataFixtures.js';

let store: Store;
let dispose: () => void;
beforeEach(() => {
  ({ store, dispose } = tempStore());
});
afterEach(() => dispose());

/** 1-based line of the first occurrence of `needle` in `text` (after `from`, when given). */
function lineOf(text: string, needle: string, from?: string): number {
  const start = from ? text.indexOf(from) : 0;
  const index = text.indexOf(needle, start);
  if (index < 0) throw new Error(`${needle} not in text`);
  return text.slice(0, index).split('\n').length;
}

const projectFields = [
  field('Code__c', 'Text', { length: 80, unique: true, externalId: true, caseSensitive: false }),
  field('Summary__c', 'TextArea'),
  field('Notes__c', 'LongTextArea', { length: 32000, visibleLines: 5 }),
  field('Contact_Email__c', 'Email'),
  field('Phone__c', 'Phone'),
  field('Site__c', 'Url'),
  picklistField('Stage__c', ['Draft', 'Active', 'Closed'], 'Draft'),
  field('Tags__c', 'MultiselectPicklist', {
    valueSet: {
      valueSetDefinition: {
        sorted: false,
        value: [
          { fullName: 'A', default: false, label: 'A' },
          { fullName: 'B', default: false, label: 'B' }
        ]
      }
    },
    visibleLines: 4
  }),
  field('Billable__c', 'Checkbox', { defaultValue: true }),
  field('Notice_Days__c', 'Number', { precision: 4, scale: 0, defaultValue: 90 }),
  field('Rate__c', 'Currency', { precision: 10, scale: 2 }),
  field('Margin__c', 'Percent', { precision: 3, scale: 0 }),
  field('Start__c', 'Date', { required: true }),
  field('Kickoff__c', 'DateTime'),
  field('Daily_Standup__c', 'Time'),
  field('Account__c', 'Lookup', { referenceTo: 'Account', relationshipName: 'Projects', deleteConstraint: 'SetNull' }),
  field('Review__c', 'Date', { formula: 'Start__c + Notice_Days__c', formulaTreatBlanksAs: 'BlankAsZero' }),
  field('Total_Hours__c', 'Summary', {
    summaryForeignKey: 'Work_Item__c.Project__c',
    summaryOperation: 'sum',
    summarizedField: 'Work_Item__c.Hours__c',
    summaryFilterItems: { field: 'Work_Item__c.Billable__c', operation: 'equals', value: 'True' }
  }),
  field('Item_Count__c', 'Summary', { summaryForeignKey: 'Work_Item__c.Project__c', summaryOperation: 'count' })
];
const projectRules = [rule('Rate_Not_Negative', 'Rate__c < 0', { errorDisplayField: 'Rate__c' })];
const workItemFields = [
  field('Project__c', 'MasterDetail', {
    referenceTo: 'Project__c',
    relationshipName: 'Work_Items',
    relationshipOrder: 0
  }),
  field('Hours__c', 'Number', { precision: 6, scale: 2 }),
  field('Billable__c', 'Checkbox', { defaultValue: false })
];

function projectZip(
  overrides: {
    projectFields?: typeof projectFields;
    extra?: Record<string, string>;
    types?: Record<string, string[]>;
  } = {}
): {
  zip: string;
  projectXml: string;
} {
  const fields = overrides.projectFields ?? projectFields;
  const projectXml = objectXml('Project__c', { fields, rules: projectRules });
  const files: Record<string, string> = {
    'package.xml': packageXml({
      CustomObject: ['Project__c', 'Work_Item__c'],
      CustomField: [
        ...fields.map((f) => `Project__c.${String(f.fullName)}`),
        ...workItemFields.map((f) => `Work_Item__c.${String(f.fullName)}`)
      ],
      ValidationRule: ['Project__c.Rate_Not_Negative'],
      ...overrides.types
    }),
    'objects/Project__c.object': projectXml,
    'objects/Work_Item__c.object': objectXml('Work_Item__c', {
      fields: workItemFields,
      props: { nameField: { label: 'Item', type: 'AutoNumber', displayFormat: 'WI-{0000}' } }
    }),
    ...overrides.extra
  };
  return { zip: zipOf(files), projectXml };
}

/** `Type FullName: problem` of each failure (without file and line). */
function problemsOf(outcome: DeployOutcome): string[] {
  return outcome.failures.map((f) => `${f.componentType} ${f.fullName}: ${f.problem ?? ''}`);
}

function failures(outcome: DeployOutcome): string[] {
  return outcome.failures.map(
    (f) => `${f.componentType} ${f.fullName} @${f.fileName}:${f.lineNumber ?? '-'}: ${f.problem ?? ''}`
  );
}

describe('deploy creates schema', () => {
  it('converts every field type, the roll-ups, the formula and the rule', () => {
    const outcome = runDeploy(store, projectZip().zip, { checkOnly: false });
    expect(failures(outcome)).toEqual([]);
    const project = store.getObject('Project__c');
    expect(project).toBeDefined();
    const get = (name: string) => project!.fields.find((f) => f.name === name)!;
    expect(get('Code__c')).toMatchObject({ type: 'string', length: 80, unique: true, externalId: true, custom: true });
    expect(get('Summary__c')).toMatchObject({ type: 'textarea', length: 255 });
    expect(get('Notes__c')).toMatchObject({ type: 'textarea', length: 32000 });
    expect(get('Contact_Email__c')).toMatchObject({ type: 'email', length: 80 });
    expect(get('Phone__c')).toMatchObject({ type: 'phone', length: 40 });
    expect(get('Site__c')).toMatchObject({ type: 'url', length: 255 });
    expect(get('Stage__c')).toMatchObject({ type: 'picklist', restrictedPicklist: true, defaultValue: 'Draft' });
    expect(get('Stage__c').picklistValues?.map((v) => [v.value, v.default])).toEqual([
      ['Draft', true],
      ['Active', false],
      ['Closed', false]
    ]);
    expect(get('Tags__c')).toMatchObject({ type: 'multipicklist' });
    expect(get('Tags__c').restrictedPicklist).toBeUndefined();
    expect(get('Billable__c')).toMatchObject({ type: 'boolean', defaultValue: true, nillable: false });
    expect(get('Notice_Days__c')).toMatchObject({ type: 'double', precision: 4, scale: 0, defaultValue: 90 });
    expect(get('Rate__c')).toMatchObject({ type: 'currency', precision: 10, scale: 2 });
    expect(get('Margin__c')).toMatchObject({ type: 'percent', precision: 3, scale: 0 });
    expect(get('Start__c')).toMatchObject({ type: 'date', required: true, nillable: false });
    expect(get('Kickoff__c').type).toBe('datetime');
    expect(get('Daily_Standup__c').type).toBe('time');
    expect(get('Account__c')).toMatchObject({
      type: 'reference',
      referenceTo: ['Account'],
      relationshipName: 'Account__r',
      childRelationshipName: 'Projects__r',
      deleteConstraint: 'SetNull'
    });
    expect(get('Review__c')).toMatchObject({
      type: 'date',
      calculated: true,
      formula: 'Start__c + Notice_Days__c',
      createable: false
    });
    // A sum has the type of what it sums.
    expect(get('Total_Hours__c')).toMatchObject({
      type: 'double',
      precision: 6,
      scale: 2,
      calculated: true,
      summary: {
        operation: 'sum',
        childObject: 'Work_Item__c',
        childField: 'Project__c',
        summarizedField: 'Hours__c',
        filters: [{ field: 'Billable__c', operation: 'equals', value: 'True' }]
      }
    });
    expect(project!.validationRules).toEqual([
      {
        fullName: 'Rate_Not_Negative',
        active: true,
        errorConditionFormula: 'Rate__c < 0',
        errorMessage: 'Rate_Not_Negative broken',
        errorDisplayField: 'Rate__c'
      }
    ]);
    const workItem = store.getObject('Work_Item__c')!;
    expect(workItem.nameField).toEqual({ label: 'Item', type: 'AutoNumber', displayFormat: 'WI-{0000}' });
    expect(workItem.fields.find((f) => f.name === 'Project__c')).toMatchObject({
      required: true,
      cascadeDelete: true,
      relationshipName: 'Project__r',
      childRelationshipName: 'Work_Items__r'
    });
    // Master-detail children have no owner.
    expect(workItem.fields.some((f) => f.name === 'OwnerId')).toBe(false);
  });

  it('lists every component as created, then as unchanged on a redeploy', () => {
    const { zip } = projectZip();
    const first = runDeploy(store, zip, { checkOnly: false });
    const created = first.successes.filter((s) => s.fullName !== 'package.xml');
    expect(created).toHaveLength(2 + projectFields.length + workItemFields.length + 1);
    expect(created.every((s) => s.created && !s.changed && s.success && s.id)).toBe(true);
    expect(created.find((s) => s.fullName === 'Project__c.Stage__c')).toMatchObject({
      componentType: 'CustomField',
      fileName: 'objects/Project__c.object'
    });
    const generation = store.schemaGeneration;
    const ids = new Map(created.map((s) => [s.fullName, s.id]));
    const again = runDeploy(store, zip, { checkOnly: false });
    expect(failures(again)).toEqual([]);
    const unchanged = again.successes.filter((s) => s.fullName !== 'package.xml');
    expect(unchanged.every((s) => !s.created && !s.changed)).toBe(true);
    expect(unchanged.every((s) => s.id === ids.get(s.fullName))).toBe(true);
    expect(store.schemaGeneration).toBe(generation);
  });

  it('reports only the changed field as changed, and keeps fields a later deploy leaves out', () => {
    runDeploy(store, projectZip().zip, { checkOnly: false });
    const changedFields = projectFields.map((f) => (f.fullName === 'Phone__c' ? { ...f, label: 'Office Phone' } : f));
    // A field-only deploy, as `sf project deploy start -m CustomField:Project__c.Phone__c` sends it.
    const zip = zipOf({
      'package.xml': packageXml({ CustomField: ['Project__c.Phone__c'] }),
      'objects/Project__c.object': objectXml('Project__c', {
        fields: changedFields.filter((f) => f.fullName === 'Phone__c'),
        props: {}
      }).replace(/<deploymentStatus>[\s\S]*?<sharingModel>ReadWrite<\/sharingModel>\n/, '')
    });
    const outcome = runDeploy(store, zip, { checkOnly: false });
    expect(failures(outcome)).toEqual([]);
    expect(outcome.successes.filter((s) => s.fullName !== 'package.xml')).toEqual([
      expect.objectContaining({ fullName: 'Project__c.Phone__c', changed: true, created: false })
    ]);
    const project = store.getObject('Project__c')!;
    expect(project.fields.find((f) => f.name === 'Phone__c')?.label).toBe('Office Phone');
    expect(project.fields.find((f) => f.name === 'Code__c')).toBeDefined();
    expect(project.validationRules).toHaveLength(1);
  });

  it('applies through to the data: defaults, roll-ups, formulas and rules work on records', () => {
    expect(failures(runDeploy(store, projectZip().zip, { checkOnly: false }))).toEqual([]);
    const projectId = store.insert('Project__c', { Name: 'P1', Start__c: '2026-01-10', Rate__c: 100 });
    store.insert('Work_Item__c', { Project__c: projectId, Hours__c: 2.5, Billable__c: true });
    store.insert('Work_Item__c', { Project__c: projectId, Hours__c: 4, Billable__c: false });
    const project = store.getRecord('Project__c', projectId)!;
    expect(project).toMatchObject({
      Notice_Days__c: 90,
      Stage__c: 'Draft',
      Billable__c: true,
      Total_Hours__c: 2.5,
      Item_Count__c: 2,
      Review__c: '2026-04-10'
    });
    expect(() => store.update('Project__c', projectId, { Rate__c: -1 })).toThrow(/Rate_Not_Negative broken/);
  });
});

describe('check-only and failing deploys change nothing', () => {
  function expectUntouched(): void {
    expect(store.getObject('Project__c')).toBeUndefined();
    expect(store.getObject('Work_Item__c')).toBeUndefined();
    expect(listComponents(store, 'CustomObject')).toEqual([]);
    expect(store.db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'o_project%'").all()).toEqual([]);
  }

  it('a check-only deploy validates and applies nothing', () => {
    const outcome = runDeploy(store, projectZip().zip, { checkOnly: true });
    expect(failures(outcome)).toEqual([]);
    expect(outcome.successes.find((s) => s.fullName === 'Project__c')).toMatchObject({ created: true });
    expectUntouched();
  });

  it('an unknown field type fails its field, names file and line, and rolls back the rest', () => {
    const broken = [...projectFields, field('Weird__c', 'Textual', { length: 10 })];
    const { zip, projectXml } = projectZip({ projectFields: broken });
    const outcome = runDeploy(store, zip, { checkOnly: false });
    expect(failures(outcome)).toEqual([
      `CustomField Project__c.Weird__c @objects/Project__c.object:${lineOf(projectXml, '<type>Textual</type>')}: 'Textual' is not a valid value for the enum 'FieldType'`
    ]);
    expect(outcome.successes.some((s) => s.fullName === 'Project__c.Code__c')).toBe(true);
    expectUntouched();
  });

  it('a formula that reads an unknown field fails on the formula line', () => {
    const broken = [
      ...projectFields,
      field('Bad_Formula__c', 'Number', { formula: 'Nope__c * 2', precision: 18, scale: 0 })
    ];
    const { zip, projectXml } = projectZip({ projectFields: broken });
    expect(failures(runDeploy(store, zip, { checkOnly: false }))).toEqual([
      `CustomField Project__c.Bad_Formula__c @objects/Project__c.object:${lineOf(projectXml, '<formula>Nope__c')}: Field Nope__c does not exist. Check spelling.`
    ]);
    expectUntouched();
  });

  it('a formula whose result has the wrong type fails', () => {
    const broken = [...projectFields, field('Bad_Type__c', 'Date', { formula: 'Rate__c * 2' })];
    expect(failures(runDeploy(store, projectZip({ projectFields: broken }).zip, { checkOnly: false }))[0]).toMatch(
      /Bad_Type__c .*Formula result is data type \(Number\), incompatible with expected data type \(Date\)\./
    );
    expectUntouched();
  });

  it('a lookup to an unknown object fails', () => {
    const broken = [
      ...projectFields,
      field('Owner_Team__c', 'Lookup', { referenceTo: 'Team__c', relationshipName: 'Projects' })
    ];
    expect(failures(runDeploy(store, projectZip({ projectFields: broken }).zip, { checkOnly: false }))).toEqual([
      expect.stringMatching(
        /^CustomField Project__c.Owner_Team__c .*referenceTo value of 'Team__c' does not resolve to a valid sObject type$/
      )
    ]);
    expectUntouched();
  });

  it('picklists: two defaults, duplicate values, a default formula', () => {
    const broken = [
      ...projectFields,
      field('Two_Defaults__c', 'Picklist', {
        valueSet: {
          valueSetDefinition: {
            value: [
              { fullName: 'A', default: true, label: 'A' },
              { fullName: 'B', default: true, label: 'B' }
            ]
          }
        }
      }),
      picklistField('Duplicates__c', ['A', 'a']),
      picklistField('Default_Formula__c', ['A', 'B'], undefined, { defaultValue: '"C"' })
    ];
    expect(problemsOf(runDeploy(store, projectZip({ projectFields: broken }).zip, { checkOnly: false }))).toEqual([
      'CustomField Project__c.Two_Defaults__c: Only one picklist value can be the default',
      'CustomField Project__c.Duplicates__c: Duplicate picklist value: a',
      'CustomField Project__c.Default_Formula__c: A Picklist field cannot have a defaultValue formula'
    ]);
  });

  it('lengths, precision and roll-ups over lookups', () => {
    const broken = [
      ...projectFields,
      field('No_Length__c', 'Text'),
      field('Too_Precise__c', 'Number', { precision: 19, scale: 0 }),
      field('Lookup_Sum__c', 'Summary', { summaryForeignKey: 'Project__c.Account__c', summaryOperation: 'count' })
    ];
    expect(problemsOf(runDeploy(store, projectZip({ projectFields: broken }).zip, { checkOnly: false }))).toEqual([
      "CustomField Project__c.No_Length__c: Must specify 'length' for a CustomField of type Text",
      'CustomField Project__c.Too_Precise__c: Precision must be between 1 and 18',
      'CustomField Project__c.Lookup_Sum__c: summaryForeignKey Project__c.Account__c must be a master-detail relationship to Project__c'
    ]);
  });

  it('a validation rule with a broken formula fails as a ValidationRule', () => {
    const zip = projectZip().zip;
    const teamXml = objectXml('Team__c', { rules: [rule('Bad', 'AND(Missing__c, TRUE)')] });
    const brokenRule = zipOf({
      'package.xml': packageXml({ CustomObject: ['Team__c'], ValidationRule: ['Team__c.Bad'] }),
      'objects/Team__c.object': teamXml
    });
    expect(failures(runDeploy(store, zip, { checkOnly: false }))).toEqual([]);
    expect(failures(runDeploy(store, brokenRule, { checkOnly: false }))).toEqual([
      `ValidationRule Team__c.Bad @objects/Team__c.object:${lineOf(teamXml, '<errorConditionFormula>')}: Field Missing__c does not exist. Check spelling.`
    ]);
    expect(store.getObject('Team__c')).toBeUndefined();
  });

  it('malformed XML fails with line and column', () => {
    const zip = zipOf({
      'package.xml': packageXml({ CustomObject: ['Team__c'] }),
      'objects/Team__c.object':
        '<?xml version="1.0"?>\n<CustomObject>\n  <label>Team</label>\n  <pluralLabel>Teams</label>\n</CustomObject>\n'
    });
    const outcome = runDeploy(store, zip, { checkOnly: false });
    expect(outcome.failures).toEqual([
      expect.objectContaining({
        componentType: 'CustomObject',
        fullName: 'Team__c',
        lineNumber: 4,
        columnNumber: 21,
        success: false
      })
    ]);
    expect(outcome.failures[0].problem).toMatch(/^Error parsing file: Expected closing tag 'pluralLabel'/);
  });

  it('package problems: no package.xml, a member without a file, a corrupt zip', () => {
    expect(
      failures(runDeploy(store, zipOf({ 'objects/Team__c.object': objectXml('Team__c') }), { checkOnly: false }))
    ).toEqual([' package.xml @package.xml:-: No package.xml found']);
    expect(
      failures(
        runDeploy(store, zipOf({ 'package.xml': packageXml({ CustomObject: ['Team__c'], Nonsense: ['x'] }) }), {
          checkOnly: false
        })
      )
    ).toEqual([
      "CustomObject Team__c @package.xml:-: An object 'Team__c' of type CustomObject was named in package.xml, but was not found in zipped directory",
      "Nonsense Nonsense @package.xml:-: Unknown type name 'Nonsense' specified in package.xml"
    ]);
    expect(
      failures(runDeploy(store, Buffer.from('not a zip at all, really').toString('base64'), { checkOnly: false }))[0]
    ).toMatch(/^ package.xml @package.xml:-: The deploy payload is not a valid zip file/);
  });

  it('a field for an object that does not exist fails', () => {
    const ghostXml = objectXml('Ghost__c', { fields: [field('Name__c', 'Text', { length: 10 })] });
    const zip = zipOf({
      'package.xml': packageXml({ CustomField: ['Ghost__c.Name__c'] }),
      'objects/Ghost__c.object': ghostXml
    });
    expect(failures(runDeploy(store, zip, { checkOnly: false }))).toEqual([
      `CustomField Ghost__c.Name__c @objects/Ghost__c.object:${lineOf(ghostXml, '<fields>')}: Object Ghost__c does not exist: deploy its CustomObject as well`
    ]);
  });

  it('a refusal while applying (a new unique field over duplicate data) rolls back', () => {
    expect(failures(runDeploy(store, projectZip().zip, { checkOnly: false }))).toEqual([]);
    store.insert('Project__c', { Name: 'A', Start__c: '2026-01-01', Phone__c: '1' });
    store.insert('Project__c', { Name: 'B', Start__c: '2026-01-01', Phone__c: '1' });
    const uniquePhone = projectFields.map((f) =>
      f.fullName === 'Phone__c' ? field('Phone__c', 'Text', { length: 40, unique: true }) : f
    );
    const withExtra = zipOf({
      'package.xml': packageXml({
        CustomObject: ['Project__c', 'Work_Item__c'],
        CustomField: [...uniquePhone.map((f) => `Project__c.${String(f.fullName)}`), 'Work_Item__c.Extra__c']
      }),
      'objects/Project__c.object': objectXml('Project__c', { fields: uniquePhone }),
      'objects/Work_Item__c.object': objectXml('Work_Item__c', {
        fields: [...workItemFields, field('Extra__c', 'Text', { length: 5 })],
        props: { nameField: { label: 'Item', type: 'AutoNumber', displayFormat: 'WI-{0000}' } }
      })
    });
    const outcome = runDeploy(store, withExtra, { checkOnly: false });
    expect(failures(outcome)).toEqual([
      expect.stringMatching(/^CustomObject Project__c .*Cannot make Project__c.Phone__c unique/)
    ]);
    // The object applied before the refusal is gone too, from the database and from the org's schema.
    expect(store.getObject('Work_Item__c')!.fields.find((f) => f.name === 'Extra__c')).toBeUndefined();
    expect(store.getObject('Project__c')!.fields.find((f) => f.name === 'Phone__c')).toMatchObject({
      type: 'phone',
      unique: false
    });
  });
});

describe('standard objects', () => {
  it('take custom fields; an unknown standard object fails', () => {
    const accountXml = objectXml('Account', { fields: [picklistField('Tier__c', ['Gold', 'Silver'], 'Silver')] });
    const zip = zipOf({
      'package.xml': packageXml({ CustomObject: ['Account', 'Campaign'], CustomField: ['Account.Tier__c'] }),
      'objects/Account.object': accountXml,
      'objects/Campaign.object': objectXml('Campaign')
    });
    expect(problemsOf(runDeploy(store, zip, { checkOnly: false }))).toEqual([
      'CustomObject Campaign: The local org has no standard object named Campaign'
    ]);
    const fieldOnly = zipOf({
      'package.xml': packageXml({ CustomField: ['Account.Tier__c'] }),
      'objects/Account.object': accountXml
    });
    expect(failures(runDeploy(store, fieldOnly, { checkOnly: false }))).toEqual([]);
    const account = store.getObject('Account')!;
    expect(account.custom).toBe(false);
    expect(account.fields.find((f) => f.name === 'Tier__c')).toMatchObject({
      type: 'picklist',
      defaultValue: 'Silver'
    });
    const id = store.insert('Account', { Name: 'Acme' });
    expect(store.getRecord('Account', id)).toMatchObject({ Name: 'Acme', Tier__c: 'Silver' });
  });
});

describe('custom metadata', () => {
  const typeXml = objectXml('Tier__mdt', {
    fields: [
      field('Minutes__c', 'Number', { precision: 6, scale: 0, fieldManageability: 'DeveloperControlled' }),
      field('Always__c', 'Checkbox', { defaultValue: false }),
      picklistField('Level__c', ['Low', 'High']),
      field('Note__c', 'Text', { length: 20 })
    ]
  });
  const files = (records: Record<string, string>): Record<string, string> => ({
    'package.xml': packageXml({
      CustomObject: ['Tier__mdt'],
      CustomField: ['Tier__mdt.Minutes__c', 'Tier__mdt.Always__c', 'Tier__mdt.Level__c', 'Tier__mdt.Note__c'],
      CustomMetadata: Object.keys(records).map((p) => p.replace(/^customMetadata\/(.*)\.md$/, '$1'))
    }),
    'objects/Tier__mdt.object': typeXml,
    ...records
  });

  it('types become queryable objects and records become rows', () => {
    const zip = zipOf(
      files({
        'customMetadata/Tier.Gold.md': metadataRecordXml('Gold', [
          ['Minutes__c', '15.0', 'xsd:double'],
          ['Always__c', 'true', 'xsd:boolean'],
          ['Level__c', 'High'],
          ['Note__c', null]
        ])
      })
    );
    expect(failures(runDeploy(store, zip, { checkOnly: false }))).toEqual([]);
    const def = store.getObject('Tier__mdt')!;
    expect(def).toMatchObject({ customMetadata: true, createable: false });
    const rows = store.db
      .prepare(
        'SELECT DeveloperName, MasterLabel, Minutes__c, Always__c, Level__c, Note__c, SystemModstamp FROM o_tier__mdt'
      )
      .all() as Record<string, unknown>[];
    expect(rows).toEqual([
      {
        DeveloperName: 'Gold',
        MasterLabel: 'Gold',
        Minutes__c: 15,
        Always__c: 1,
        Level__c: 'High',
        Note__c: null,
        SystemModstamp: expect.any(String)
      }
    ]);
    const again = runDeploy(store, zip, { checkOnly: false });
    expect(again.successes.find((s) => s.fullName === 'Tier.Gold')).toMatchObject({ created: false, changed: false });
    expect(
      (store.db.prepare('SELECT SystemModstamp FROM o_tier__mdt').get() as { SystemModstamp: string }).SystemModstamp
    ).toBe(rows[0].SystemModstamp);
  });

  it('records with unknown fields, bad picklist values or wrong value types fail', () => {
    const zip = zipOf(
      files({
        'customMetadata/Tier.Bad.md': metadataRecordXml('Bad', [
          ['Nope__c', 'x'],
          ['Level__c', 'Medium'],
          ['Minutes__c', 'abc', 'xsd:string']
        ]),
        'customMetadata/Missing.Type.md': metadataRecordXml('X', [])
      })
    );
    expect(problemsOf(runDeploy(store, zip, { checkOnly: false }))).toEqual([
      'CustomMetadata Tier.Bad: In field: field - no CustomField named Tier__mdt.Nope__c found',
      'CustomMetadata Tier.Bad: Level__c: bad value for restricted picklist field: Medium',
      'CustomMetadata Tier.Bad: Minutes__c is a double field: a value of type xsd:string does not fit',
      'CustomMetadata Missing.Type: The custom metadata type Missing__mdt does not exist'
    ]);
    expect(store.getObject('Tier__mdt')).toBeUndefined();
  });
});

describe('other components', () => {
  it('are stored and reported; a permission set granting a required field fails as Salesforce fails it', () => {
    const { zip } = projectZip({
      extra: {
        'tabs/Project__c.tab': metadataXml('CustomTab', { customObject: true, motif: 'Custom1: Heart' }),
        'permissionsets/Bad.permissionset': metadataXml('PermissionSet', {
          label: 'Bad',
          fieldPermissions: [
            { editable: true, field: 'Project__c.Start__c', readable: true },
            { editable: true, field: 'Project__c.Review__c', readable: true },
            { editable: false, field: 'Project__c.Nope__c', readable: true }
          ],
          objectPermissions: {
            allowCreate: true,
            allowDelete: false,
            allowEdit: true,
            allowRead: true,
            modifyAllRecords: false,
            object: 'Ghost__c',
            viewAllRecords: false
          }
        }),
        'lwc/widget/widget.js': 'export default class Widget {}\n',
        'lwc/widget/widget.js-meta.xml': metadataXml('LightningComponentBundle', {
          apiVersion: '62.0',
          isExposed: false
        })
      },
      types: { CustomTab: ['Project__c'], PermissionSet: ['Bad'], LightningComponentBundle: ['widget'] }
    });
    const outcome = runDeploy(store, zip, { checkOnly: false });
    expect(failures(outcome).map((f) => f.replace(/:\d+:/, ':'))).toEqual([
      'PermissionSet Bad @permissionsets/Bad.permissionset: You cannot deploy to a required field: Project__c.Start__c',
      'PermissionSet Bad @permissionsets/Bad.permissionset: Project__c.Review__c is a calculated field: field permissions cannot make it editable',
      'PermissionSet Bad @permissionsets/Bad.permissionset: In field: field - no CustomField named Project__c.Nope__c found',
      'PermissionSet Bad @permissionsets/Bad.permissionset: In field: object - no CustomObject named Ghost__c found'
    ]);
    expect(outcome.successes.find((s) => s.componentType === 'LightningComponentBundle')).toMatchObject({
      fullName: 'widget',
      fileName: 'lwc/widget/widget.js-meta.xml'
    });
    expect(store.getObject('Project__c')).toBeUndefined();
  });

  it('a clean deploy stores them for listMetadata', () => {
    const { zip } = projectZip({
      extra: {
        'tabs/Project__c.tab': metadataXml('CustomTab', { customObject: true, motif: 'Custom1: Heart' }),
        'globalValueSets/Colours.globalValueSet': metadataXml('GlobalValueSet', {
          customValue: [
            { fullName: 'Red', default: false, label: 'Red' },
            { fullName: 'Blue', default: true, label: 'Blue' }
          ],
          masterLabel: 'Colours',
          sorted: false
        })
      },
      types: { CustomTab: ['Project__c'], GlobalValueSet: ['Colours'] }
    });
    expect(failures(runDeploy(store, zip, { checkOnly: false }))).toEqual([]);
    expect(listComponents(store, 'CustomTab').map((c) => [c.fullName, c.fileName])).toEqual([
      ['Project__c', 'tabs/Project__c.tab']
    ]);
    // A later picklist takes its values from the stored global value set.
    const colour = zipOf({
      'package.xml': packageXml({ CustomField: ['Project__c.Colour__c'] }),
      'objects/Project__c.object': `<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fields>\n        <fullName>Colour__c</fullName>\n        <label>Colour</label>\n        <type>Picklist</type>\n        <valueSet>\n            <restricted>true</restricted>\n            <valueSetName>Colours</valueSetName>\n        </valueSet>\n    </fields>\n</CustomObject>\n`
    });
    expect(failures(runDeploy(store, colour, { checkOnly: false }))).toEqual([]);
    expect(store.getObject('Project__c')!.fields.find((f) => f.name === 'Colour__c')).toMatchObject({
      restrictedPicklist: true,
      defaultValue: 'Blue',
      picklistValues: [expect.objectContaining({ value: 'Red' }), expect.objectContaining({ value: 'Blue' })]
    });
  });
});
