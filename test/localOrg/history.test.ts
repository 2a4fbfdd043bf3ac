/**
 * Field history tracking through the real clients: every write path (REST, Collections, composite tree, Bulk API
 * 2.0, UI API) writes `Maintenance_Incident__History` rows as Salesforce does, which SOQL (also as the `Histories`
 * child subquery), the UI API related list and describe answer; a restricted user sees only the rows of fields it
 * can read; the deploy refuses tracking Salesforce refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Connection } from 'jsforce';
import { runDeploy } from '../../src/localOrg/metadata/deploy.js';
import { field, metadataXml, objectXml, packageXml, picklistField, tempStore, zipOf } from './metadataFixtures.js';
import { call, startFixtureOrg, type TestOrg } from './orgFixtures.js';

const V = '/services/data/v62.0';
let test: TestOrg;
let conn: Connection;
let accountId: string;
let contractId: string;

interface HistoryRow {
  Field: string;
  DataType: string | null;
  OldValue: unknown;
  NewValue: unknown;
  CreatedById: string;
  ParentId: string;
}

async function historyOf(parentId: string, as: Connection = conn): Promise<HistoryRow[]> {
  const result = await as.query<HistoryRow>(
    'SELECT ParentId, Field, DataType, OldValue, NewValue, CreatedById, CreatedDate FROM Maintenance_Incident__History ' +
      `WHERE ParentId = '${parentId}' ORDER BY CreatedDate, Id`
  );
  return result.records.map(({ Field, DataType, OldValue, NewValue, CreatedById, ParentId }) => ({
    Field,
    DataType,
    OldValue,
    NewValue,
    CreatedById,
    ParentId
  }));
}

async function newIncident(subject: string): Promise<string> {
  const created = await conn.sobject('Maintenance_Incident__c').create({
    Account__c: accountId,
    Subject__c: subject,
    Reported_At__c: '2026-03-02T08:00:00Z'
  });
  return created.id as string;
}

beforeAll(async () => {
  test = await startFixtureOrg();
  conn = test.conn;
  accountId = (await conn.sobject('Account').create({ Name: 'Acme' })).id as string;
  contractId = (
    await conn.sobject('Maintenance_Contract__c').create({
      Name: 'TMA 2026',
      Account__c: accountId,
      Start_Date__c: '2026-01-01',
      End_Date__c: '2026-12-31'
    })
  ).id as string;
}, 60_000);
afterAll(async () => test.stop());

describe('field history', () => {
  it('is described as Salesforce describes a custom history object, a child relationship Histories of its parent', async () => {
    const history = await conn.describe('Maintenance_Incident__History');
    expect(history).toMatchObject({
      name: 'Maintenance_Incident__History',
      createable: false,
      updateable: false,
      deletable: false,
      queryable: true,
      custom: true,
      associateEntityType: 'History',
      associateParentEntity: 'Maintenance_Incident__c'
    });
    const byName = new Map(history.fields.map((f) => [f.name, f]));
    expect([...byName.keys()].sort()).toEqual(
      ['CreatedById', 'CreatedDate', 'DataType', 'Field', 'Id', 'IsDeleted', 'NewValue', 'OldValue', 'ParentId'].sort()
    );
    expect(byName.get('ParentId')).toMatchObject({
      type: 'reference',
      referenceTo: ['Maintenance_Incident__c'],
      relationshipName: 'Parent'
    });
    expect(byName.get('OldValue')).toMatchObject({ type: 'anyType', soapType: 'xsd:anyType', filterable: false });
    expect(byName.get('Field')?.picklistValues?.map((v) => v.value)).toEqual([
      'created',
      'Contract__c',
      'Subject__c',
      'Priority__c',
      'Tags__c',
      'Reported_At__c',
      'Effort_Days__c'
    ]);
    const parent = await conn.describe('Maintenance_Incident__c');
    expect(parent.childRelationships).toContainEqual(
      expect.objectContaining({
        childSObject: 'Maintenance_Incident__History',
        field: 'ParentId',
        relationshipName: 'Histories',
        cascadeDelete: true
      })
    );
  });

  it('writes a created row on insert and one row per changed tracked field on update, two for a lookup', async () => {
    const id = await newIncident('Printer down');
    await conn.sobject('Maintenance_Incident__c').update({
      Id: id,
      Priority__c: 'P1',
      Reported_At__c: '2026-03-02T07:30:00Z',
      Tags__c: 'Network;UI',
      Contract__c: contractId,
      Effort_Days__c: 1.5,
      External_Id__c: 'NOT-TRACKED'
    });
    const rows = await historyOf(id);
    const admin = test.org.userId;
    expect(rows).toEqual([
      { Field: 'created', DataType: 'Text', OldValue: null, NewValue: null, CreatedById: admin, ParentId: id },
      {
        Field: 'Contract__c',
        DataType: 'Text',
        OldValue: null,
        NewValue: 'TMA 2026',
        CreatedById: admin,
        ParentId: id
      },
      {
        Field: 'Contract__c',
        DataType: 'EntityId',
        OldValue: null,
        NewValue: contractId,
        CreatedById: admin,
        ParentId: id
      },
      {
        Field: 'Priority__c',
        DataType: 'DynamicEnum',
        OldValue: 'P3',
        NewValue: 'P1',
        CreatedById: admin,
        ParentId: id
      },
      { Field: 'Tags__c', DataType: 'MultiEnum', OldValue: null, NewValue: null, CreatedById: admin, ParentId: id },
      {
        Field: 'Reported_At__c',
        DataType: 'DateTime',
        OldValue: '2026-03-02T08:00:00.000+0000',
        NewValue: '2026-03-02T07:30:00.000+0000',
        CreatedById: admin,
        ParentId: id
      },
      { Field: 'Effort_Days__c', DataType: 'Double', OldValue: 0, NewValue: 1.5, CreatedById: admin, ParentId: id }
    ]);
    // An update that changes nothing tracked writes nothing.
    await conn.sobject('Maintenance_Incident__c').update({ Id: id, Priority__c: 'P1', External_Id__c: 'STILL' });
    expect(await historyOf(id)).toHaveLength(rows.length);
  });

  it('is written by Collections, composite tree, Bulk API 2.0 and UI API writes alike', async () => {
    const [viaCollections] = await conn
      .sobject('Maintenance_Incident__c')
      .create([{ Account__c: accountId, Subject__c: 'Collections', Reported_At__c: '2026-03-02T08:00:00Z' }], {
        allOrNone: true
      });
    await conn.sobject('Maintenance_Incident__c').update([{ Id: viaCollections.id as string, Priority__c: 'P2' }], {
      allOrNone: true
    });
    const tree = await call(test.org, `${V}/composite/tree/Maintenance_Incident__c`, {
      method: 'POST',
      body: JSON.stringify({
        records: [
          {
            attributes: { type: 'Maintenance_Incident__c', referenceId: 'i1' },
            Account__c: accountId,
            Subject__c: 'Tree',
            Reported_At__c: '2026-03-02T08:00:00Z'
          }
        ]
      })
    });
    const viaTree = (tree.json() as { results: { id: string }[] }).results[0].id;
    const bulkId = await newIncident('Bulk');
    const bulk = await conn.bulk2.loadAndWaitForResults({
      object: 'Maintenance_Incident__c',
      operation: 'update',
      input: [{ Id: bulkId, Priority__c: 'P4' }],
      pollInterval: 100,
      pollTimeout: 30_000
    });
    expect(bulk.successfulResults).toHaveLength(1);
    const uiId = await newIncident('UI API');
    const patched = await call(test.org, `${V}/ui-api/records/${uiId}`, {
      method: 'PATCH',
      body: JSON.stringify({ fields: { Subject__c: 'UI API, renamed' } })
    });
    expect(patched.status).toBe(200);

    expect((await historyOf(viaCollections.id as string)).map((r) => [r.Field, r.OldValue, r.NewValue])).toEqual([
      ['created', null, null],
      ['Priority__c', 'P3', 'P2']
    ]);
    expect((await historyOf(viaTree)).map((r) => r.Field)).toEqual(['created']);
    expect((await historyOf(bulkId)).map((r) => [r.Field, r.OldValue, r.NewValue])).toEqual([
      ['created', null, null],
      ['Priority__c', 'P3', 'P4']
    ]);
    expect((await historyOf(uiId)).map((r) => [r.Field, r.OldValue, r.NewValue])).toEqual([
      ['created', null, null],
      ['Subject__c', 'UI API', 'UI API, renamed']
    ]);
  }, 60_000);

  it('answers the Histories child subquery and the Parent relationship, and refuses filters on the values', async () => {
    const id = await newIncident('Subquery');
    await conn.sobject('Maintenance_Incident__c').update({ Id: id, Priority__c: 'P2' });
    const parent = await conn.query<{ Histories: { records: { Field: string; NewValue: unknown }[] } }>(
      `SELECT Id, (SELECT Field, NewValue FROM Histories ORDER BY CreatedDate DESC, Id DESC) FROM Maintenance_Incident__c WHERE Id = '${id}'`
    );
    expect(parent.records[0].Histories.records.map((r) => [r.Field, r.NewValue])).toEqual([
      ['Priority__c', 'P2'],
      ['created', null]
    ]);
    const child = await conn.query<{ Parent: { Subject__c: string } }>(
      `SELECT Parent.Subject__c FROM Maintenance_Incident__History WHERE ParentId = '${id}' AND Field = 'Priority__c'`
    );
    expect(child.records[0].Parent.Subject__c).toBe('Subquery');
    const filtered = await call(
      test.org,
      `${V}/query?q=${encodeURIComponent("SELECT Id FROM Maintenance_Incident__History WHERE NewValue = 'P2'")}`
    );
    expect(filtered.status).toBe(400);
    expect(filtered.json()).toEqual([
      expect.objectContaining({ errorCode: 'INVALID_FIELD', message: expect.stringContaining('can not be filtered') })
    ]);
    const insert = await call(test.org, `${V}/sobjects/Maintenance_Incident__History`, {
      method: 'POST',
      body: JSON.stringify({ ParentId: id, Field: 'Priority__c' })
    });
    expect(insert.status).toBe(400);
    expect(insert.json()).toEqual([expect.objectContaining({ errorCode: 'INVALID_TYPE_FOR_OPERATION' })]);
  });

  it('is the Histories related list of the UI API, with the changed field labels as display values', async () => {
    const id = await newIncident('Related list');
    await conn.sobject('Maintenance_Incident__c').update({ Id: id, Priority__c: 'P1' });
    const fields = ['Field', 'OldValue', 'NewValue', 'CreatedById', 'CreatedDate']
      .map((name) => `Maintenance_Incident__History.${name}`)
      .join(',');
    const response = await call(
      test.org,
      `${V}/ui-api/related-list-records/${id}/Histories?fields=${fields}&sortBy=-Maintenance_Incident__History.CreatedDate`
    );
    expect(response.status).toBe(200);
    const body = response.json() as {
      count: number;
      records: { apiName: string; fields: Record<string, { value: unknown; displayValue: unknown }> }[];
    };
    expect(body.count).toBe(2);
    expect(body.records[0].apiName).toBe('Maintenance_Incident__History');
    const priority = body.records.find((r) => r.fields.Field.value === 'Priority__c');
    expect(priority?.fields).toMatchObject({
      Field: { value: 'Priority__c', displayValue: 'Priority' },
      OldValue: { value: 'P3' },
      NewValue: { value: 'P1' },
      CreatedById: { value: test.org.userId }
    });
  });

  it('goes to the recycle bin with its record', async () => {
    const id = await newIncident('Deleted');
    await conn.sobject('Maintenance_Incident__c').destroy(id);
    expect(await historyOf(id)).toEqual([]);
    const all = await call(
      test.org,
      `${V}/queryAll?q=${encodeURIComponent(`SELECT Field, IsDeleted FROM Maintenance_Incident__History WHERE ParentId = '${id}'`)}`
    );
    expect((all.json() as { records: { IsDeleted: boolean }[] }).records).toEqual([
      expect.objectContaining({ IsDeleted: true })
    ]);
  });

  it('shows a restricted user only the rows of fields it can read, and writes rows as that user', async () => {
    const permissionSet = metadataXml('PermissionSet', {
      label: 'Incident Reader',
      objectPermissions: [
        {
          allowCreate: false,
          allowDelete: false,
          allowEdit: true,
          allowRead: true,
          modifyAllRecords: false,
          object: 'Maintenance_Incident__c',
          viewAllRecords: false
        }
      ],
      fieldPermissions: [
        { editable: true, field: 'Maintenance_Incident__c.Priority__c', readable: true },
        { editable: false, field: 'Maintenance_Incident__c.Tags__c', readable: true }
      ]
    });
    const outcome = runDeploy(
      test.org.store,
      zipOf({
        'package.xml': packageXml({ PermissionSet: ['Incident_Reader'] }),
        'permissionsets/Incident_Reader.permissionset': permissionSet
      }),
      { checkOnly: false }
    );
    expect(outcome.failures).toEqual([]);
    const profile = await conn.query<{ Id: string }>("SELECT Id FROM Profile WHERE Name = 'Standard User'");
    const set = await conn.query<{ Id: string }>("SELECT Id FROM PermissionSet WHERE Name = 'Incident_Reader'");
    const user = await conn.sobject('User').create({
      Username: 'reader@history.test',
      LastName: 'Reader',
      Alias: 'reader',
      Email: 'reader@history.test',
      ProfileId: profile.records[0].Id,
      TimeZoneSidKey: 'Europe/Paris',
      LocaleSidKey: 'fr_FR',
      LanguageLocaleKey: 'en_US',
      EmailEncodingKey: 'UTF-8'
    });
    await conn.sobject('PermissionSetAssignment').create({ AssigneeId: user.id, PermissionSetId: set.records[0].Id });
    await conn.request({
      method: 'POST',
      url: `${V}/sobjects/User/${user.id as string}/password`,
      body: JSON.stringify({ NewPassword: 'History#2026a' }),
      headers: { 'Content-Type': 'application/json' }
    });
    const reader = new Connection({ loginUrl: test.org.instanceUrl, version: '62.0' });
    await reader.login('reader@history.test', 'History#2026a');

    const id = await newIncident('Restricted');
    await conn.sobject('Maintenance_Incident__c').update({ Id: id, Priority__c: 'P2', Effort_Days__c: 3 });
    await reader.sobject('Maintenance_Incident__c').update({ Id: id, Priority__c: 'P1' });
    const seen = await historyOf(id, reader);
    expect(seen.map((r) => [r.Field, r.NewValue, r.CreatedById])).toEqual([
      ['created', null, test.org.userId],
      ['Priority__c', 'P2', test.org.userId],
      ['Priority__c', 'P1', user.id]
    ]);
    const effortRow = (
      await conn.query<{ Id: string }>(
        `SELECT Id FROM Maintenance_Incident__History WHERE ParentId = '${id}' AND Field = 'Effort_Days__c'`
      )
    ).records[0];
    const direct = await fetch(`${test.org.instanceUrl}${V}/sobjects/Maintenance_Incident__History/${effortRow.Id}`, {
      headers: { Authorization: `Bearer ${reader.accessToken as string}` }
    });
    expect(direct.status).toBe(404);
    const related = await fetch(
      `${test.org.instanceUrl}${V}/ui-api/related-list-records/${id}/Histories?fields=Maintenance_Incident__History.Field`,
      { headers: { Authorization: `Bearer ${reader.accessToken as string}` } }
    );
    const body = (await related.json()) as { records: { fields: { Field: { value: string } } }[] };
    expect(body.records.map((r) => r.fields.Field.value).sort()).toEqual(['Priority__c', 'Priority__c', 'created']);
  }, 60_000);
});

describe('deploying field history tracking', () => {
  function deployObject(props: Record<string, unknown>, fields: Record<string, unknown>[]): string[] {
    const { store, dispose } = tempStore();
    try {
      const outcome = runDeploy(
        store,
        zipOf({
          'package.xml': packageXml({ CustomObject: ['Ticket__c'] }),
          'objects/Ticket__c.object': objectXml('Ticket__c', { props, fields })
        }),
        { checkOnly: false }
      );
      return outcome.failures.map((f) => f.problem as string);
    } finally {
      dispose();
    }
  }

  it('creates the history object with the object', () => {
    const { store, dispose } = tempStore();
    try {
      const outcome = runDeploy(
        store,
        zipOf({
          'package.xml': packageXml({ CustomObject: ['Ticket__c'] }),
          'objects/Ticket__c.object': objectXml('Ticket__c', {
            props: { enableHistory: true },
            fields: [picklistField('Stage__c', ['New', 'Done'], 'New', { trackHistory: true })]
          })
        }),
        { checkOnly: false }
      );
      expect(outcome.failures).toEqual([]);
      expect(store.getObject('Ticket__History')?.historyOf).toBe('Ticket__c');
    } finally {
      dispose();
    }
  });

  it('refuses what Salesforce refuses: no history on the object, a formula, more than 20 fields', () => {
    expect(deployObject({}, [field('Code__c', 'Text', { length: 10, trackHistory: true })])).toEqual([
      'The entity: Ticket__c does not have history tracking enabled'
    ]);
    expect(
      deployObject({ enableHistory: true }, [
        field('Code__c', 'Text', { length: 10 }),
        field('Upper_Code__c', 'Text', { formula: 'UPPER(Code__c)', trackHistory: true })
      ])
    ).toEqual([
      'Ticket__c.Upper_Code__c: field history tracking is not available for formula, roll-up summary and auto-number fields'
    ]);
    const many = Array.from({ length: 21 }, (_, index) =>
      field(`Field_${index}__c`, 'Text', { length: 10, trackHistory: true })
    );
    expect(deployObject({ enableHistory: true }, many)).toEqual([
      'exceeded the allowed number of fields to track on a given entity'
    ]);
  });
});
