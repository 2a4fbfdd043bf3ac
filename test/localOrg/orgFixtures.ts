/**
 * Test helpers for the local org core: temporary data directories, an org started in this process with a jsforce
 * connection, and a small schema shaped like the package's data model (master-detail with cascade, lookups with
 * SetNull and Restrict, a restricted picklist, unique external ids, an auto-number, formulas, roll-ups and
 * validation rules) applied straight through Store.applyObjects, independent of the Metadata API.
 */
import { afterAll, beforeAll } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import { field, lookup, picklist } from '../../src/localOrg/fieldFactory.js';
import { withHistoryObjects } from '../../src/localOrg/history.js';
import { startLocalOrg, stopLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';
import type { FieldDef, ObjectDef } from '../../src/localOrg/schema.js';
import { Store } from '../../src/localOrg/store.js';

/** A fresh temporary directory; remove it with `removeDir`. */
export function tempDir(prefix = 'localorg-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

function custom(name: string, type: FieldDef['type'], options: Partial<FieldDef> = {}): FieldDef {
  return field(name, type, { custom: true, ...options });
}

function object(name: string, label: string, fields: FieldDef[], extra: Partial<ObjectDef> = {}): ObjectDef {
  return {
    name,
    label,
    labelPlural: `${label}s`,
    keyPrefix: '',
    custom: true,
    fields,
    validationRules: [],
    nameField: { label: `${label} Name`, type: 'Text' },
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    ...extra
  };
}

const externalId = (): FieldDef => custom('External_Id__c', 'string', { length: 80, unique: true, externalId: true });

/**
 * Contract (MD Account), Checklist (MD Account), Item (MD Checklist), Incident (MD Account, lookup Contract; field
 * history on Contract, Subject, Priority, Tags, Reported At and Effort Days). Apply them with `fixtureDefinitions`.
 */
export function fixtureObjects(): ObjectDef[] {
  const contract = object(
    'Maintenance_Contract__c',
    'Maintenance Contract',
    [
      lookup('Account__c', 'Account', 'Account__r', {
        custom: true,
        metadataType: 'MasterDetail',
        cascadeDelete: true,
        required: true,
        nillable: false,
        updateable: false,
        childRelationshipName: 'Maintenance_Contracts__r'
      }),
      custom('Status__c', 'picklist', {
        restrictedPicklist: true,
        defaultValue: 'Draft',
        picklistValues: picklist(['Draft', 'Active', 'Expired'], ['Draft'])
      }),
      custom('Start_Date__c', 'date', { required: true, nillable: false }),
      custom('End_Date__c', 'date', { required: true, nillable: false }),
      custom('Notice_Period_Days__c', 'double', { precision: 4, scale: 0, defaultValue: 90 }),
      custom('Notice_Deadline__c', 'date', {
        formula: 'End_Date__c - Notice_Period_Days__c',
        calculated: true,
        createable: false,
        updateable: false
      }),
      custom('Budget_Days__c', 'double', { precision: 8, scale: 2 }),
      custom('Provider__c', 'string', { length: 20 }),
      lookup('Checklist__c', 'Handover_Checklist__c', 'Checklist__r', {
        custom: true,
        deleteConstraint: 'Restrict',
        childRelationshipName: 'Gated_Contracts__r'
      }),
      externalId()
    ],
    {
      validationRules: [
        {
          fullName: 'End_Not_Before_Start',
          active: true,
          errorConditionFormula: 'End_Date__c < Start_Date__c',
          errorMessage: 'The end date cannot be before the start date.',
          errorDisplayField: 'End_Date__c'
        }
      ]
    }
  );
  const checklist = object('Handover_Checklist__c', 'Handover Checklist', [
    lookup('Account__c', 'Account', 'Account__r', {
      custom: true,
      metadataType: 'MasterDetail',
      cascadeDelete: true,
      required: true,
      nillable: false,
      childRelationshipName: 'Handover_Checklists__r'
    }),
    custom('Phase__c', 'picklist', {
      restrictedPicklist: true,
      defaultValue: 'Preparation',
      picklistValues: picklist(['Preparation', 'Signed Off'], ['Preparation'])
    }),
    custom('Items_Total__c', 'double', {
      calculated: true,
      createable: false,
      updateable: false,
      summary: { operation: 'count', childObject: 'Handover_Item__c', childField: 'Checklist__c', filters: [] }
    }),
    custom('Mandatory_Open__c', 'double', {
      calculated: true,
      createable: false,
      updateable: false,
      summary: {
        operation: 'count',
        childObject: 'Handover_Item__c',
        childField: 'Handover_Item__c.Checklist__c',
        filters: [
          { field: 'Handover_Item__c.Mandatory__c', operation: 'equals', value: 'True' },
          { field: 'Handover_Item__c.Done__c', operation: 'equals', value: 'False' }
        ]
      }
    }),
    custom('Effort_Sum__c', 'double', {
      calculated: true,
      createable: false,
      updateable: false,
      summary: {
        operation: 'sum',
        childObject: 'Handover_Item__c',
        childField: 'Checklist__c',
        summarizedField: 'Effort__c',
        filters: []
      }
    }),
    externalId()
  ]);
  checklist.validationRules = [
    {
      fullName: 'Sign_Off_Needs_Mandatory_Items_Done',
      active: true,
      errorConditionFormula: "ISPICKVAL(Phase__c, 'Signed Off') && Mandatory_Open__c > 0",
      errorMessage: 'Close every mandatory item before signing off.'
    }
  ];
  const item = object('Handover_Item__c', 'Handover Item', [
    lookup('Checklist__c', 'Handover_Checklist__c', 'Checklist__r', {
      custom: true,
      metadataType: 'MasterDetail',
      cascadeDelete: true,
      required: true,
      nillable: false,
      childRelationshipName: 'Items__r'
    }),
    custom('Mandatory__c', 'boolean', { defaultValue: false, nillable: false }),
    custom('Done__c', 'boolean', { defaultValue: false, nillable: false }),
    custom('Effort__c', 'double', { precision: 6, scale: 2 }),
    externalId()
  ]);
  const incident = object(
    'Maintenance_Incident__c',
    'Maintenance Incident',
    [
      lookup('Account__c', 'Account', 'Account__r', {
        custom: true,
        metadataType: 'MasterDetail',
        cascadeDelete: true,
        required: true,
        nillable: false,
        childRelationshipName: 'Maintenance_Incidents__r'
      }),
      lookup('Contract__c', 'Maintenance_Contract__c', 'Contract__r', {
        custom: true,
        deleteConstraint: 'SetNull',
        childRelationshipName: 'Incidents__r',
        trackHistory: true
      }),
      custom('Subject__c', 'string', { length: 255, required: true, nillable: false, trackHistory: true }),
      custom('Priority__c', 'picklist', {
        restrictedPicklist: true,
        defaultValue: 'P3',
        picklistValues: picklist(['P1', 'P2', 'P3', 'P4'], ['P3']),
        trackHistory: true
      }),
      custom('Tags__c', 'multipicklist', {
        picklistValues: picklist(['Network', 'Database', 'UI']),
        trackHistory: true
      }),
      custom('Reported_At__c', 'datetime', { required: true, nillable: false, trackHistory: true }),
      custom('Effort_Days__c', 'double', { precision: 6, scale: 2, defaultValue: 0, trackHistory: true }),
      custom('Is_Urgent__c', 'boolean', {
        formula: "ISPICKVAL(Priority__c, 'P1')",
        calculated: true,
        createable: false,
        updateable: false
      }),
      externalId()
    ],
    {
      nameField: { label: 'Incident Number', type: 'AutoNumber', displayFormat: 'INC-{000000}' },
      enableHistory: true
    }
  );
  return [checklist, contract, item, incident];
}

/** The fixture objects and the history object of the incident, as a deploy applies them. */
export function fixtureDefinitions(store: Store): ObjectDef[] {
  return withHistoryObjects(fixtureObjects(), (name) => store.getObject(name));
}

/** Opens a store in a new temporary directory with the fixture schema applied. */
export function openFixtureStore(): { store: Store; dir: string } {
  const dir = tempDir();
  const store = Store.open(dir);
  store.transaction(() => store.applyObjects(fixtureDefinitions(store)));
  return { store, dir };
}

/**
 * A fixture store for the tests of one file: opened before them (and handed to `onOpen`, which keeps it where the
 * tests read it), closed and its folder removed after them.
 */
export function useFixtureStore(onOpen: (store: Store) => void): void {
  let opened: { store: Store; dir: string } | undefined;
  beforeAll(() => {
    opened = openFixtureStore();
    onOpen(opened.store);
  });
  afterAll(() => {
    if (!opened) return;
    opened.store.close();
    removeDir(opened.dir);
  });
}

export interface TestOrg {
  org: LocalOrg;
  conn: Connection;
  dir: string;
  stop(): Promise<void>;
}

/** Starts an org with the fixture schema in this process, and a jsforce connection to it. */
export async function startFixtureOrg(): Promise<TestOrg> {
  const dir = tempDir();
  const org = await startLocalOrg({ dataDir: dir });
  org.store.transaction(() => org.store.applyObjects(fixtureDefinitions(org.store)));
  const conn = new Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: '62.0' });
  return {
    org,
    conn,
    dir,
    stop: async () => {
      await stopLocalOrg(org);
      removeDir(dir);
    }
  };
}

/** `fetch` against the org with its token (or the headers given). */
export async function call(
  org: LocalOrg,
  path: string,
  init: { method?: string; body?: string | Buffer; headers?: Record<string, string>; token?: string | null } = {}
): Promise<{ status: number; text: string; json: () => unknown }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...init.headers };
  if (init.token !== null) headers.Authorization = `Bearer ${init.token ?? org.accessToken}`;
  const response = await fetch(`${org.instanceUrl}${path}`, { method: init.method ?? 'GET', body: init.body, headers });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) as unknown };
}
