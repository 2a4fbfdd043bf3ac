/**
 * The local org through an unmodified client: jsforce 3 over HTTP, for describe, CRUD, collections, upsert,
 * relationship queries, queryMore and Bulk API 2.0.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Connection } from 'jsforce';
import { startFixtureOrg, type TestOrg } from './orgFixtures.js';

let test: TestOrg;
let conn: Connection;
let accountId: string;

beforeAll(async () => {
  test = await startFixtureOrg();
  conn = test.conn;
  const account = await conn.sobject('Account').create({ Name: 'Acme' });
  accountId = account.id as string;
}, 30000);

afterAll(async () => {
  await test.stop();
});

function errorCode(error: unknown): string {
  return (error as { errorCode?: string }).errorCode ?? String(error);
}

describe('describe', () => {
  it('describeGlobal lists standard and custom objects with key prefixes', async () => {
    const global = await conn.describeGlobal();
    const byName = new Map(global.sobjects.map((entry) => [entry.name, entry]));
    expect(byName.get('Account')?.keyPrefix).toBe('001');
    expect(byName.get('PermissionSetAssignment')?.keyPrefix).toBe('0Pa');
    expect(byName.get('Maintenance_Incident__c')).toMatchObject({ custom: true, keyPrefix: 'a04', queryable: true });
  });

  it('describes fields, picklists, references and child relationships', async () => {
    const incident = await conn.sobject('Maintenance_Incident__c').describe();
    const fields = new Map(incident.fields.map((entry) => [entry.name, entry]));
    expect(fields.get('Priority__c')).toMatchObject({
      type: 'picklist',
      restrictedPicklist: true,
      nillable: true,
      picklistValues: [
        expect.objectContaining({ value: 'P1', active: true }),
        expect.objectContaining({ value: 'P2' }),
        expect.objectContaining({ value: 'P3', defaultValue: true }),
        expect.objectContaining({ value: 'P4' })
      ]
    });
    expect(fields.get('Account__c')).toMatchObject({
      type: 'reference',
      referenceTo: ['Account'],
      relationshipName: 'Account__r',
      cascadeDelete: true,
      nillable: false
    });
    expect(fields.get('External_Id__c')).toMatchObject({ externalId: true, unique: true, idLookup: true, length: 80 });
    expect(fields.get('Name')).toMatchObject({ autoNumber: true, createable: false, nameField: true });
    expect(fields.get('Is_Urgent__c')).toMatchObject({ calculated: true, type: 'boolean', updateable: false });
    const account = await conn.sobject('Account').describe();
    expect(account.childRelationships).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          childSObject: 'Maintenance_Incident__c',
          field: 'Account__c',
          relationshipName: 'Maintenance_Incidents__r',
          cascadeDelete: true
        }),
        expect.objectContaining({ childSObject: 'Contact', relationshipName: 'Contacts' })
      ])
    );
  });

  it('an unknown sObject is a 404 NOT_FOUND', async () => {
    await expect(conn.sobject('Nope__c').describe()).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });
});

describe('CRUD', () => {
  it('creates, retrieves, updates and deletes, with Salesforce errors', async () => {
    const created = await conn.sobject('Maintenance_Incident__c').create({
      Account__c: accountId,
      Subject__c: 'Printer on fire',
      Reported_At__c: '2026-02-02T10:00:00.000+0000'
    });
    expect(created).toEqual({ id: expect.stringMatching(/^a04[0-9A-Za-z]{15}$/), success: true, errors: [] });
    const record = (await conn.sobject('Maintenance_Incident__c').retrieve(created.id as string)) as Record<
      string,
      unknown
    >;
    expect(record).toMatchObject({
      attributes: { type: 'Maintenance_Incident__c' },
      Subject__c: 'Printer on fire',
      Reported_At__c: '2026-02-02T10:00:00.000+0000',
      Priority__c: 'P3',
      Is_Urgent__c: false
    });
    await conn.sobject('Maintenance_Incident__c').update({ Id: created.id as string, Priority__c: 'P1' });
    const updated = (await conn.sobject('Maintenance_Incident__c').retrieve(created.id as string)) as Record<
      string,
      unknown
    >;
    expect(updated.Is_Urgent__c).toBe(true);
    const bad = await conn
      .sobject('Maintenance_Incident__c')
      .update({ Id: created.id as string, Priority__c: 'P9' })
      .catch((error: unknown) => error);
    expect(errorCode(bad)).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    await conn.sobject('Maintenance_Incident__c').destroy(created.id as string);
    await expect(conn.sobject('Maintenance_Incident__c').retrieve(created.id as string)).rejects.toMatchObject({
      errorCode: 'NOT_FOUND'
    });
  });

  it('a missing required field is REQUIRED_FIELD_MISSING with the field names', async () => {
    const error = await conn
      .sobject('Maintenance_Incident__c')
      .create({ Account__c: accountId })
      .catch((caught: unknown) => caught);
    expect(errorCode(error)).toBe('REQUIRED_FIELD_MISSING');
    expect((error as Error).message).toBe('Required fields are missing: [Subject__c, Reported_At__c]');
  });
});

describe('collections and upsert', () => {
  it('creates up to 200 records; allOrNone false keeps the good ones', async () => {
    const records = Array.from({ length: 200 }, (_, index) => ({
      Name: `Item ${index}`,
      Checklist__c: index === 7 ? null : undefined,
      Mandatory__c: index % 2 === 0
    }));
    const checklist = await conn.sobject('Handover_Checklist__c').create({ Name: 'Go-live', Account__c: accountId });
    for (const record of records)
      if (record.Checklist__c === undefined) (record as Record<string, unknown>).Checklist__c = checklist.id;
    const results = await conn.sobject('Handover_Item__c').create(records, { allOrNone: false });
    expect(results.filter((result) => result.success)).toHaveLength(199);
    expect(results[7]).toMatchObject({
      success: false,
      errors: [expect.objectContaining({ statusCode: 'REQUIRED_FIELD_MISSING' })]
    });
    const rollup = (await conn.sobject('Handover_Checklist__c').retrieve(checklist.id as string)) as Record<
      string,
      unknown
    >;
    expect(rollup.Items_Total__c).toBe(199);
  });

  it('allOrNone rolls every record back', async () => {
    const results = await conn.sobject('Account').create([{ Name: 'Kept?' }, { Nope__c: 1 }], { allOrNone: true });
    expect(results[0]).toMatchObject({
      success: false,
      errors: [expect.objectContaining({ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' })]
    });
    expect(results[1]).toMatchObject({
      success: false,
      errors: [expect.objectContaining({ statusCode: 'INVALID_FIELD' })]
    });
    const found = await conn.query("SELECT Id FROM Account WHERE Name = 'Kept?'");
    expect(found.totalSize).toBe(0);
  });

  it('updates, retrieves and deletes collections', async () => {
    const created = await conn.sobject('Account').create([{ Name: 'C1' }, { Name: 'C2' }]);
    const ids = created.map((result) => result.id as string);
    const updated = await conn.sobject('Account').update(ids.map((Id) => ({ Id, Industry: 'Energy' })));
    expect(updated.every((result) => result.success)).toBe(true);
    const retrieved = (await conn
      .sobject('Account')
      .retrieve(ids, { fields: ['Name', 'Industry'] })) as unknown as Record<string, unknown>[];
    expect(retrieved.map((record) => [record.Name, record.Industry])).toEqual([
      ['C1', 'Energy'],
      ['C2', 'Energy']
    ]);
    const deleted = await conn.sobject('Account').destroy(ids);
    expect(deleted.every((result) => result.success)).toBe(true);
  });

  it('upsert by external id twice creates nothing the second time', async () => {
    const rows = Array.from({ length: 50 }, (_, index) => ({
      External_Id__c: `HC-${index}`,
      Name: `Checklist ${index}`,
      Account__c: accountId
    }));
    const first = await conn.sobject('Handover_Checklist__c').upsert(rows, 'External_Id__c');
    expect(first.every((result) => result.success && result.created)).toBe(true);
    const second = await conn.sobject('Handover_Checklist__c').upsert(
      rows.map((row) => ({ ...row, Name: `${row.Name} (v2)` })),
      'External_Id__c'
    );
    expect(second.every((result) => result.success && !result.created)).toBe(true);
    expect(second.map((result) => result.id)).toEqual(first.map((result) => result.id));
    const count = await conn.query("SELECT COUNT() FROM Handover_Checklist__c WHERE External_Id__c LIKE 'HC-%'");
    expect(count.totalSize).toBe(50);
    const single = await conn
      .sobject('Handover_Checklist__c')
      .upsert({ External_Id__c: 'HC-1', Name: 'Renamed' }, 'External_Id__c');
    expect(single).toMatchObject({ success: true, created: false });
  });

  it('resolves parents by external id in a relationship field', async () => {
    await conn
      .sobject('Handover_Checklist__c')
      .upsert({ External_Id__c: 'HC-REF', Name: 'Ref', Account__c: accountId }, 'External_Id__c');
    const byReference: Record<string, unknown> = { Name: 'By reference', Checklist__r: { External_Id__c: 'HC-REF' } };
    const result = await conn.sobject('Handover_Item__c').create(byReference);
    const item = await conn.query(`SELECT Checklist__r.Name FROM Handover_Item__c WHERE Id = '${result.id as string}'`);
    expect(item.records[0]).toMatchObject({ Checklist__r: { Name: 'Ref' } });
  });
});

describe('queries', () => {
  it('relationships and child subqueries', async () => {
    const result = await conn.query<Record<string, unknown>>(
      "SELECT Name, Owner.Name, (SELECT Name, Items_Total__c FROM Handover_Checklists__r WHERE Name = 'Go-live') FROM Account WHERE Name = 'Acme'"
    );
    expect(result.records[0]).toMatchObject({
      Name: 'Acme',
      Owner: { Name: 'Local Admin' },
      Handover_Checklists__r: { totalSize: 1, done: true, records: [{ Name: 'Go-live', Items_Total__c: 199 }] }
    });
  });

  it('queryMore walks more than 5,000 records in batches of 2,000', async () => {
    const total = 5200;
    for (let start = 0; start < total; start += 200) {
      const batch = Array.from({ length: Math.min(200, total - start) }, (_, index) => ({
        Account__c: accountId,
        Subject__c: `Bulk ${start + index}`,
        Reported_At__c: '2026-01-01T00:00:00Z'
      }));
      await conn.sobject('Maintenance_Incident__c').create(batch, { allOrNone: true });
    }
    const first = await conn.query(
      "SELECT Id, Subject__c FROM Maintenance_Incident__c WHERE Subject__c LIKE 'Bulk %'",
      {
        autoFetch: false
      }
    );
    expect(first.totalSize).toBe(total);
    expect(first.records).toHaveLength(2000);
    expect(first.done).toBe(false);
    expect(first.nextRecordsUrl).toMatch(/\/query\/01g[0-9A-Za-z]{15}-2000$/);
    const all = await conn.query("SELECT Id FROM Maintenance_Incident__c WHERE Subject__c LIKE 'Bulk %'", {
      autoFetch: true,
      maxFetch: 10000
    });
    expect(new Set(all.records.map((record) => record.Id)).size).toBe(total);
  }, 60000);
});

describe('Bulk API 2.0', () => {
  it('ingests 10,000 records with some failing rows and reports each', async () => {
    const input = Array.from({ length: 10000 }, (_, index) => ({
      Subject__c: index % 500 === 0 ? '' : `Load ${index}`,
      Reported_At__c: '2026-04-01T08:00:00Z',
      Priority__c: index % 777 === 0 ? 'P9' : 'P2',
      Account__c: accountId,
      External_Id__c: `LOAD-${index}`
    }));
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Maintenance_Incident__c',
      operation: 'insert',
      input,
      pollInterval: 200,
      pollTimeout: 120000
    });
    const failing = input.filter((_row, index) => index % 500 === 0 || index % 777 === 0).length;
    expect(results.failedResults).toHaveLength(failing);
    expect(results.successfulResults).toHaveLength(10000 - failing);
    expect(results.unprocessedRecords).toHaveLength(0);
    expect(results.successfulResults[0]).toMatchObject({ sf__Created: 'true', sf__Id: expect.stringMatching(/^a04/) });
    const messages = new Set(results.failedResults.map((row) => String(row.sf__Error).split(':')[0]));
    expect(messages).toEqual(new Set(['REQUIRED_FIELD_MISSING', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST']));
    const count = await conn.query("SELECT COUNT() FROM Maintenance_Incident__c WHERE External_Id__c LIKE 'LOAD-%'");
    expect(count.totalSize).toBe(10000 - failing);
  }, 120000);

  it('upserts with a relationship column by external id, then updates instead of creating', async () => {
    await conn.sobject('Account').update({ Id: accountId, Name: 'Acme' });
    await conn
      .sobject('Handover_Checklist__c')
      .upsert({ External_Id__c: 'HC-BULK', Name: 'Bulk', Account__c: accountId }, 'External_Id__c');
    const csv = ['External_Id__c,Name,Checklist__r.External_Id__c,Mandatory__c'];
    for (let index = 0; index < 300; index++) csv.push(`ITEM-${index},Item ${index},HC-BULK,${index % 3 === 0}`);
    csv.push('ITEM-X,Orphan,HC-MISSING,false');
    const load = async (): Promise<{ created: number; updated: number; failed: string[] }> => {
      const job = conn.bulk2.createJob({
        object: 'Handover_Item__c',
        operation: 'upsert',
        externalIdFieldName: 'External_Id__c'
      });
      await job.open();
      await job.uploadData(csv.join('\n') + '\n');
      await job.close();
      await job.poll(100, 60000);
      const info = await job.check();
      expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 301, numberRecordsFailed: 1 });
      const success = await job.getSuccessfulResults();
      const failed = await job.getFailedResults();
      return {
        created: success.filter((row) => row.sf__Created === 'true').length,
        updated: success.filter((row) => row.sf__Created === 'false').length,
        failed: failed.map((row) => String(row.sf__Error))
      };
    };
    const first = await load();
    expect(first).toMatchObject({ created: 300, updated: 0 });
    expect(first.failed[0]).toMatch(/^INVALID_FIELD:Foreign key external ID: HC-MISSING not found/);
    const second = await load();
    expect(second).toMatchObject({ created: 0, updated: 300 });
    const checklist = await conn.query<Record<string, unknown>>(
      "SELECT Items_Total__c, Mandatory_Open__c FROM Handover_Checklist__c WHERE External_Id__c = 'HC-BULK'"
    );
    expect(checklist.records[0]).toMatchObject({ Items_Total__c: 300, Mandatory_Open__c: 100 });
  }, 60000);

  it('a header naming an unknown field fails the job and leaves every row unprocessed', async () => {
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });
    await job.open();
    await job.uploadData('Name,Nope__c\nA,1\nB,2\n');
    await job.close();
    await expect(job.poll(100, 20000)).rejects.toThrow(/Field name not found : Nope__c/);
    const unprocessed = await job.getUnprocessedRecords();
    expect(unprocessed).toHaveLength(2);
  }, 30000);

  it('answers bulk2.query through a query job, relationship and formula fields included', async () => {
    const soql =
      'SELECT Id, Name, Subject__c, Reported_At__c, Account__r.Name, Is_Urgent__c FROM Maintenance_Incident__c ' +
      "WHERE External_Id__c LIKE 'LOAD-%' ORDER BY Name";
    const stream = await conn.bulk2.query(soql, { pollInterval: 100, pollTimeout: 60_000 });
    const records = (await stream.toArray()) as Record<string, string>[];
    const count = await conn.query("SELECT COUNT() FROM Maintenance_Incident__c WHERE External_Id__c LIKE 'LOAD-%'");
    expect(records).toHaveLength(count.totalSize);
    expect(records.length).toBeGreaterThan(4000);
    expect(records[0]).toEqual({
      Id: expect.stringMatching(/^a04/),
      Name: expect.stringMatching(/^INC-/),
      Subject__c: expect.stringMatching(/^Load /),
      Reported_At__c: '2026-04-01T08:00:00.000Z',
      'Account__r.Name': 'Acme',
      Is_Urgent__c: 'false'
    });
  }, 60_000);

  it('pages query results with locators and maxRecords, each set a CSV with its header', async () => {
    const api = (path: string, init: RequestInit = {}): Promise<Response> =>
      fetch(`${test.org.instanceUrl}/services/data/v62.0/jobs/query${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${test.org.accessToken}`, 'Content-Type': 'application/json' }
      });
    const created = (await (
      await api('', {
        method: 'POST',
        body: JSON.stringify({
          operation: 'query',
          query: "SELECT External_Id__c FROM Maintenance_Incident__c WHERE External_Id__c LIKE 'LOAD-%'",
          columnDelimiter: 'SEMICOLON'
        })
      })
    ).json()) as { id: string; state: string; object: string };
    expect(created).toMatchObject({ state: 'UploadComplete', object: 'Maintenance_Incident__c' });
    let info: { state: string; numberRecordsProcessed: number } = { state: '', numberRecordsProcessed: 0 };
    while (info.state !== 'JobComplete') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      info = (await (await api(`/${created.id}`)).json()) as typeof info;
    }
    const seen: string[] = [];
    let locator = '';
    let sets = 0;
    do {
      const response = await api(`/${created.id}/results?maxRecords=3000${locator ? `&locator=${locator}` : ''}`);
      const [header, ...rows] = (await response.text()).trim().split('\n');
      expect(header).toBe('"External_Id__c"');
      expect(Number(response.headers.get('sforce-numberofrecords'))).toBe(rows.length);
      seen.push(...rows);
      locator = response.headers.get('sforce-locator') ?? 'null';
      sets++;
    } while (locator !== 'null');
    expect(seen).toHaveLength(info.numberRecordsProcessed);
    expect(new Set(seen).size).toBe(seen.length);
    expect(sets).toBe(Math.ceil(seen.length / 3000));
    expect((await api(`/${created.id}`, { method: 'PATCH', body: '{"state":"Aborted"}' })).status).toBe(409);
    expect((await api(`/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/${created.id}`)).status).toBe(404);
  }, 60_000);

  it('sees deleted records with queryAll, and refuses what Bulk API 2.0 queries cannot do', async () => {
    const doomed = await conn.sobject('Account').create({ Name: 'Doomed Ltd' });
    await conn.sobject('Account').destroy(doomed.id as string);
    const all = (await (
      await conn.bulk2.query("SELECT Id, IsDeleted FROM Account WHERE Name = 'Doomed Ltd'", {
        scanAll: true,
        pollInterval: 100,
        pollTimeout: 30_000
      })
    ).toArray()) as Record<string, string>[];
    expect(all).toEqual([{ Id: doomed.id, IsDeleted: 'true' }]);
    for (const [query, code] of [
      ['SELECT COUNT() FROM Account', 'API_ERROR'],
      ['SELECT Name, COUNT(Id) FROM Account GROUP BY Name', 'API_ERROR'],
      ['SELECT Id, (SELECT Id FROM Contacts) FROM Account', 'API_ERROR'],
      ['SELECT Id FROM Account OFFSET 5', 'API_ERROR'],
      ['SELECT Nope__c FROM Account', 'INVALID_FIELD']
    ]) {
      const response = await fetch(`${test.org.instanceUrl}/services/data/v62.0/jobs/query`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${test.org.accessToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ operation: 'query', query })
      });
      expect([query, response.status, ((await response.json()) as { errorCode: string }[])[0].errorCode]).toEqual([
        query,
        400,
        code
      ]);
    }
  }, 60_000);
});
