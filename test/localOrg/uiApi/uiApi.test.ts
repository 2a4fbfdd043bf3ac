/**
 * The local org's User Interface API over HTTP, on this project's force-app deployed with source-deploy-retrieve:
 * the shapes Lightning Data Service reads (Record, Related List Record Collection, List Record Collection, Object
 * Info, Picklist Values, Simplified Batch Results) and the errors it hands to components (REST errors and the
 * "Error with Output" of a refused save, with validation rule messages on their field).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthInfo, Connection } from '@salesforce/core';
import { Connection as JsforceConnection } from 'jsforce';
import { deploySource } from '../../../src/deploy/deploySource.js';
import { startLocalOrg, stopLocalOrg, type LocalOrg } from '../../../src/localOrg/index.js';

const VERSION = '62.0';
let org: LocalOrg;
let dir: string;
let conn: Connection;
let accountId: string;
let contractId: string;
let checklistId: string;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function ui(
  method: string,
  path: string,
  body?: unknown,
  token: string = org.accessToken
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${org.instanceUrl}/services/data/v${VERSION}/ui-api${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' })
    },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
}

async function create(sobject: string, fields: Record<string, unknown>): Promise<string> {
  const result = await conn.sobject(sobject).create(fields);
  if (!('id' in result) || !result.success) throw new Error(`Could not create ${sobject}: ${JSON.stringify(result)}`);
  return result.id;
}

const INCIDENT_FIELDS = ['Subject__c', 'Status__c', 'Priority__c', 'Reported_At__c', 'Contract__c', 'Effort_Days__c'];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'uiapi-'));
  org = await startLocalOrg({ dataDir: join(dir, 'org'), writeServerFile: false });
  const authInfo = await AuthInfo.create({
    accessTokenOptions: { accessToken: org.accessToken, instanceUrl: org.instanceUrl, loginUrl: org.instanceUrl }
  });
  conn = await Connection.create({ authInfo, connectionOptions: { version: VERSION } });
  const outcome = await deploySource(conn, { checkOnly: false, waitMinutes: 5 });
  expect(outcome.success).toBe(true);
  accountId = await create('Account', { Name: 'Acme UI' });
  checklistId = await create('Handover_Checklist__c', {
    Name: 'HO-Acme',
    Account__c: accountId,
    Project_Name__c: 'Acme Portal',
    Go_Live_Date__c: '2026-01-15',
    Warranty_End_Date__c: '2026-03-31'
  });
  contractId = await create('Maintenance_Contract__c', {
    Name: 'TMA Acme',
    Account__c: accountId,
    Start_Date__c: '2026-04-01',
    End_Date__c: '2027-03-31',
    Calendar__c: 'Paris_Business_Hours',
    Handover_Checklist__c: checklistId
  });
  for (let index = 1; index <= 7; index++) {
    await create('Maintenance_Incident__c', {
      Account__c: accountId,
      Contract__c: contractId,
      Subject__c: `Incident ${index}`,
      Reported_At__c: `2026-05-0${index}T08:30:00.000Z`,
      Effort_Days__c: index / 2
    });
  }
}, 120_000);

afterAll(async () => {
  await stopLocalOrg(org);
  rmSync(dir, { recursive: true, force: true });
});

describe('object info', () => {
  it('describes fields, references, formulas, child relationships and the master record type', async () => {
    const { status, body } = await ui('GET', '/object-info/Maintenance_Incident__c');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      apiName: 'Maintenance_Incident__c',
      label: 'Maintenance Incident',
      custom: true,
      defaultRecordTypeId: '012000000000000AAA',
      nameFields: ['Name'],
      recordTypeInfos: { '012000000000000AAA': { master: true, available: true, name: 'Master' } }
    });
    expect(body.keyPrefix).toMatch(/^a\w{2}$/);
    expect(body.fields.Subject__c).toMatchObject({ dataType: 'String', length: 255, required: true, createable: true });
    expect(body.fields.Priority__c).toMatchObject({ dataType: 'Picklist', required: false });
    expect(body.fields.Contract__c).toMatchObject({
      dataType: 'Reference',
      reference: true,
      relationshipName: 'Contract__r',
      referenceToInfos: [{ apiName: 'Maintenance_Contract__c', nameFields: ['Name'] }]
    });
    expect(body.fields.SLA_State__c).toMatchObject({ calculated: true, createable: false, updateable: false });
    expect(body.fields.Name).toMatchObject({ nameField: true, createable: false });
    const account = await ui('GET', '/object-info/Account');
    expect(account.body.childRelationships).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          childObjectApiName: 'Maintenance_Incident__c',
          fieldName: 'Account__c',
          relationshipName: 'Maintenance_Incidents__r'
        })
      ])
    );
  });

  it('answers picklist values of the master record type, and 404 for another record type', async () => {
    const { status, body } = await ui('GET', '/object-info/Maintenance_Incident__c/picklist-values/012000000000000AAA');
    expect(status).toBe(200);
    expect(body.picklistFieldValues.Priority__c.values.map((value: Json) => value.value)).toEqual([
      'P1',
      'P2',
      'P3',
      'P4'
    ]);
    expect(body.picklistFieldValues.Priority__c.defaultValue).toMatchObject({ value: 'P3', label: 'P3' });
    expect(body.picklistFieldValues.Priority__c.values[0]).toEqual({
      attributes: null,
      label: 'P1',
      validFor: [],
      value: 'P1'
    });
    const single = await ui('GET', '/object-info/Maintenance_Incident__c/picklist-values/012000000000000AAA/Status__c');
    expect(single.body.defaultValue.value).toBe('New');
    expect((await ui('GET', '/object-info/Maintenance_Incident__c/picklist-values/012xx0000000001AAA')).status).toBe(
      404
    );
    expect((await ui('GET', '/object-info/No_Such__c')).status).toBe(404);
  });
});

describe('records', () => {
  it('reads requested fields as { displayValue, value }, relationships as nested records', async () => {
    const [incident] = (
      await conn.query<{ Id: string }>("SELECT Id FROM Maintenance_Incident__c WHERE Subject__c = 'Incident 1'")
    ).records;
    const fields = [...INCIDENT_FIELDS, 'Contract__r.Name'].map((name) => `Maintenance_Incident__c.${name}`).join(',');
    const { status, body } = await ui(
      'GET',
      `/records/${incident.Id}?fields=${fields}&optionalFields=Maintenance_Incident__c.Nope__c`
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      apiName: 'Maintenance_Incident__c',
      id: incident.Id,
      childRelationships: {},
      recordTypeId: '012000000000000AAA',
      recordTypeInfo: null
    });
    expect(body.fields.Status__c).toEqual({ displayValue: 'New', value: 'New' });
    expect(body.fields.Subject__c).toEqual({ displayValue: null, value: 'Incident 1' });
    expect(body.fields.Reported_At__c.value).toBe('2026-05-01T08:30:00.000Z');
    // The org's user is French (fr_FR, Europe/Paris): short date and time in that locale and zone.
    expect(body.fields.Reported_At__c.displayValue).toBe('01/05/2026 10:30');
    expect(body.fields.Contract__r.displayValue).toBe('TMA Acme');
    expect(body.fields.Contract__r.value).toMatchObject({ apiName: 'Maintenance_Contract__c', id: contractId });
    expect(body.fields.Contract__r.value.fields.Name).toEqual({ displayValue: null, value: 'TMA Acme' });
    expect(body.fields).not.toHaveProperty('Nope__c');
    expect(body.lastModifiedDate).toMatch(/Z$/);
    expect(typeof body.weakEtag).toBe('number');
  });

  it('refuses an unknown required field (400 INVALID_FIELD) and an unknown record (404)', async () => {
    const bad = await ui('GET', `/records/${contractId}?fields=Maintenance_Contract__c.Nope__c`);
    expect(bad.status).toBe(400);
    expect(bad.body[0]).toMatchObject({ errorCode: 'INVALID_FIELD' });
    const missing = await ui(
      'GET',
      `/records/${contractId.slice(0, 3)}000000000001AAA?fields=Maintenance_Contract__c.Name`
    );
    expect(missing.status).toBe(404);
    expect(missing.body[0]).toMatchObject({ errorCode: 'NOT_FOUND' });
  });

  it('creates a record through the DML path and answers it with every field', async () => {
    const { status, body } = await ui('POST', '/records', {
      apiName: 'Maintenance_Incident__c',
      fields: {
        Account__c: accountId,
        Subject__c: 'Created through the UI API',
        Reported_At__c: '2026-06-01T09:00:00.000Z',
        Priority__c: 'P1'
      }
    });
    expect(status).toBe(201);
    expect(body.fields.Name.value).toMatch(/^INC-\d{6}$/);
    expect(body.fields.Priority__c).toEqual({ displayValue: 'P1', value: 'P1' });
    expect(body.fields.Status__c.value).toBe('New');
    expect(body.fields).toHaveProperty('SLA_State__c');
  });

  it('answers a refused save as a RecordError, and saves nothing', async () => {
    const before = (await conn.query('SELECT COUNT() FROM Maintenance_Incident__c')).totalSize;
    const { status, body } = await ui('POST', '/records', {
      apiName: 'Maintenance_Incident__c',
      fields: { Account__c: accountId, Reported_At__c: '2026-06-01T09:00:00.000Z', Priority__c: 'P9' }
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ enhancedErrorType: 'RecordError', output: { errors: [] } });
    const fieldErrors = Object.keys(body.output.fieldErrors);
    expect(fieldErrors.length).toBeGreaterThan(0);
    const first = body.output.fieldErrors[fieldErrors[0]][0];
    expect(first).toMatchObject({ constituentField: null, duplicateRecordError: null, field: fieldErrors[0] });
    expect(typeof first.fieldLabel).toBe('string');
    expect((await conn.query('SELECT COUNT() FROM Maintenance_Incident__c')).totalSize).toBe(before);
  });

  it('runs validation rules on update: activation before sign-off is refused on the Status field', async () => {
    const { status, body } = await ui('PATCH', `/records/${contractId}`, { fields: { Status__c: 'Active' } });
    expect(status).toBe(400);
    expect(body.enhancedErrorType).toBe('RecordError');
    expect(body.output.fieldErrors.Status__c[0]).toMatchObject({
      errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      field: 'Status__c',
      fieldLabel: 'Status'
    });
    expect(body.output.fieldErrors.Status__c[0].message).toContain('not signed off');
    const [contract] = (
      await conn.query<{ Status__c: string }>(
        `SELECT Status__c FROM Maintenance_Contract__c WHERE Id = '${contractId}'`
      )
    ).records;
    expect(contract.Status__c).toBe('Draft');
  });

  it('updates a record and answers it with its formulas recomputed', async () => {
    const { status, body } = await ui('PATCH', `/records/${contractId}`, {
      fields: { Id: contractId, End_Date__c: '2027-06-30', Notice_Period_Days__c: 30 }
    });
    expect(status).toBe(200);
    expect(body.fields.End_Date__c).toEqual({ displayValue: '30/06/2027', value: '2027-06-30' });
    expect(body.fields.Notice_Deadline__c.value).toBe('2027-05-31');
  });

  it('deletes a record', async () => {
    const id = await create('Maintenance_Incident__c', {
      Account__c: accountId,
      Subject__c: 'To delete',
      Reported_At__c: '2026-06-02T09:00:00.000Z'
    });
    expect((await ui('DELETE', `/records/${id}`)).status).toBe(204);
    expect((await ui('GET', `/records/${id}?fields=Maintenance_Incident__c.Name`)).status).toBe(404);
  });
});

describe('related lists', () => {
  it("answers a batch of an account's lists in one request, each with its own status", async () => {
    const { status, body } = await ui('POST', `/related-list-records/batch/${accountId}`, {
      relatedListParameters: [
        {
          relatedListId: 'Maintenance_Contracts__r',
          fields: ['Maintenance_Contract__c.Name', 'Maintenance_Contract__c.Status__c']
        },
        { relatedListId: 'Maintenance_Incidents__r', fields: ['Maintenance_Incident__c.Subject__c'], pageSize: 1999 },
        { relatedListId: 'No_Such__r', fields: [] }
      ]
    });
    expect(status).toBe(200);
    expect(body.results.map((entry: Json) => entry.statusCode)).toEqual([200, 200, 404]);
    const contracts = body.results[0].result;
    expect(contracts).toMatchObject({
      count: 1,
      currentPageToken: '0',
      nextPageToken: null,
      previousPageToken: null,
      fields: ['Maintenance_Contract__c.Name', 'Maintenance_Contract__c.Status__c'],
      listReference: {
        inContextOfRecordId: accountId,
        parentObjectApiName: 'Account',
        relatedListId: 'Maintenance_Contracts__r',
        type: 'relatedList'
      }
    });
    expect(Object.keys(contracts.records[0].fields).sort()).toEqual(
      ['CreatedDate', 'Id', 'LastModifiedById', 'LastModifiedDate', 'Name', 'Status__c', 'SystemModstamp'].sort()
    );
    expect(body.results[1].result.count).toBe(body.results[1].result.records.length);
    expect(body.results[2].result[0]).toMatchObject({ errorCode: 'NOT_FOUND' });
  });

  it('pages with pageSize and pageToken, in the sortBy order', async () => {
    const first = await ui(
      'GET',
      `/related-list-records/${accountId}/Maintenance_Incidents__r?fields=Maintenance_Incident__c.Reported_At__c&pageSize=3&sortBy=-Maintenance_Incident__c.Reported_At__c`
    );
    expect(first.status).toBe(200);
    expect(first.body.records).toHaveLength(3);
    expect(first.body.nextPageToken).toBe('3');
    const times = first.body.records.map((record: Json) => record.fields.Reported_At__c.value);
    expect([...times].sort().reverse()).toEqual(times);
    const second = await ui('POST', `/related-list-records/${accountId}/Maintenance_Incidents__r`, {
      fields: ['Maintenance_Incident__c.Reported_At__c'],
      pageSize: 3,
      pageToken: first.body.nextPageToken,
      sortBy: ['-Maintenance_Incident__c.Reported_At__c']
    });
    expect(second.body.previousPageToken).toBe('0');
    const ids = new Set([...first.body.records, ...second.body.records].map((record: Json) => record.id));
    expect(ids.size).toBe(6);
    expect((await ui('GET', `/related-list-records/${accountId}/Maintenance_Incidents__r?pageSize=5000`)).status).toBe(
      400
    );
  });

  it('pages and sorts each list of a batch as its parameters say (the components ask for the newest incidents)', async () => {
    const { body } = await ui('POST', `/related-list-records/batch/${accountId}`, {
      relatedListParameters: [
        {
          relatedListId: 'Maintenance_Incidents__r',
          fields: ['Maintenance_Incident__c.Reported_At__c'],
          pageSize: 2,
          sortBy: ['-Maintenance_Incident__c.Reported_At__c']
        }
      ]
    });
    const page = body.results[0].result;
    expect(page.records).toHaveLength(2);
    expect(page.nextPageToken).toBe('2');
    const all = await ui(
      'GET',
      `/related-list-records/${accountId}/Maintenance_Incidents__r?fields=Maintenance_Incident__c.Reported_At__c&pageSize=200`
    );
    const newest = all.body.records
      .map((record: Json) => record.fields.Reported_At__c.value as string)
      .sort()
      .reverse()
      .slice(0, 2);
    expect(page.records.map((record: Json) => record.fields.Reported_At__c.value)).toEqual(newest);
  });
});

describe('list views', () => {
  it('reads custom metadata records through the All list view', async () => {
    const { status, body } = await ui('POST', '/list-records/Maintenance_Calendar__mdt/All', {
      fields: ['Maintenance_Calendar__mdt.DeveloperName', 'Maintenance_Calendar__mdt.Time_Zone__c'],
      pageSize: 200
    });
    expect(status).toBe(200);
    expect(body.listReference).toMatchObject({
      listViewApiName: 'All',
      objectApiName: 'Maintenance_Calendar__mdt',
      type: 'listView'
    });
    expect(body.listReference.id).toMatch(/^00B/);
    const names = body.records.map((record: Json) => record.fields.DeveloperName.value).sort();
    expect(names).toEqual(['Always_Open_24x7', 'Paris_Business_Hours']);
  });

  it("applies a list view's filters", async () => {
    const active = await ui(
      'GET',
      '/list-records/Maintenance_Contract__c/Active_Contracts?fields=Maintenance_Contract__c.Name'
    );
    expect(active.status).toBe(200);
    expect(active.body.records).toEqual([]);
    const all = await ui('GET', '/list-records/Maintenance_Contract__c/All?fields=Maintenance_Contract__c.Name');
    expect(all.body.records.map((record: Json) => record.fields.Name.value)).toEqual(['TMA Acme']);
    expect((await ui('GET', '/list-records/Maintenance_Contract__c/No_Such_View')).status).toBe(404);
  });
});

it('answers 401 INVALID_SESSION_ID without the session', async () => {
  const response = await fetch(`${org.instanceUrl}/services/data/v${VERSION}/ui-api/object-info/Account`);
  expect(response.status).toBe(401);
  expect(((await response.json()) as Json[])[0]).toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
});

describe('as a Maintenance Support user', () => {
  let token: string;

  beforeAll(async () => {
    const [profile] = (await conn.query<{ Id: string }>("SELECT Id FROM Profile WHERE Name = 'Standard User'")).records;
    const username = 'support@uiapi.test';
    const userId = await create('User', {
      Username: username,
      LastName: 'Support',
      Alias: 'support',
      Email: username,
      ProfileId: profile.Id,
      TimeZoneSidKey: 'Europe/Paris',
      LocaleSidKey: 'fr_FR',
      LanguageLocaleKey: 'en_US',
      EmailEncodingKey: 'UTF-8'
    });
    const password = 'Support-pass-1';
    await conn.request({
      method: 'POST',
      url: `/services/data/v${VERSION}/sobjects/User/${userId}/password`,
      body: JSON.stringify({ NewPassword: password }),
      headers: { 'Content-Type': 'application/json' }
    });
    const [set] = (await conn.query<{ Id: string }>("SELECT Id FROM PermissionSet WHERE Name = 'Maintenance_Support'"))
      .records;
    await create('PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: set.Id });
    const login = new JsforceConnection({
      oauth2: { loginUrl: org.instanceUrl, clientId: 'local-client', clientSecret: 'local-secret' },
      version: VERSION
    });
    await login.login(username, password);
    token = login.accessToken as string;
  });

  it('leaves out the financial fields and marks the contract read only in object info', async () => {
    const { status, body } = await ui('GET', '/object-info/Maintenance_Contract__c', undefined, token);
    expect(status).toBe(200);
    expect(body.fields).not.toHaveProperty('Daily_Rate__c');
    expect(body.fields).not.toHaveProperty('Monthly_Fee__c');
    expect(body.fields).toHaveProperty('Status__c');
    expect(body.fields.Status__c.updateable).toBe(false);
    expect(body).toMatchObject({ createable: false, updateable: false, deletable: false });
    const incident = await ui('GET', '/object-info/Maintenance_Incident__c', undefined, token);
    expect(incident.body).toMatchObject({ createable: true, updateable: true, deletable: false });
  });

  it('answers a financial field as missing: dropped from optionalFields, refused in fields', async () => {
    const optional = await ui(
      'GET',
      `/records/${contractId}?fields=Maintenance_Contract__c.Name&optionalFields=Maintenance_Contract__c.Daily_Rate__c`,
      undefined,
      token
    );
    expect(optional.status).toBe(200);
    expect(optional.body.fields).not.toHaveProperty('Daily_Rate__c');
    const required = await ui(
      'GET',
      `/records/${contractId}?fields=Maintenance_Contract__c.Daily_Rate__c`,
      undefined,
      token
    );
    expect(required.status).toBe(400);
    expect(required.body[0].errorCode).toBe('INVALID_FIELD');
  });

  it('reads list info with what the user may do, not what the object allows', async () => {
    const { status, body } = await ui('GET', '/list-info/Maintenance_Contract__c/All', undefined, token);
    expect(status).toBe(200);
    expect(body).toMatchObject({ createable: false, updateable: false, deletable: false });
  });

  it('is refused every resource of an object it cannot read, list views included', async () => {
    const [profile] = (await conn.query<{ Id: string }>("SELECT Id FROM Profile WHERE Name = 'Standard User'")).records;
    const username = 'nobody@uiapi.test';
    const userId = await create('User', {
      Username: username,
      LastName: 'Nobody',
      Alias: 'nobody',
      Email: username,
      ProfileId: profile.Id,
      TimeZoneSidKey: 'Europe/Paris',
      LocaleSidKey: 'fr_FR',
      LanguageLocaleKey: 'en_US',
      EmailEncodingKey: 'UTF-8'
    });
    await conn.request({
      method: 'POST',
      url: `/services/data/v${VERSION}/sobjects/User/${userId}/password`,
      body: JSON.stringify({ NewPassword: 'Nobody-pass-1' }),
      headers: { 'Content-Type': 'application/json' }
    });
    const login = new JsforceConnection({
      oauth2: { loginUrl: org.instanceUrl, clientId: 'local-client', clientSecret: 'local-secret' },
      version: VERSION
    });
    await login.login(username, 'Nobody-pass-1');
    const nobody = login.accessToken as string;
    for (const path of [
      '/list-info/Maintenance_Contract__c/All',
      '/list-records/Maintenance_Contract__c/All?fields=Maintenance_Contract__c.Name',
      `/records/${contractId}?fields=Maintenance_Contract__c.Name`,
      '/object-info/Maintenance_Contract__c'
    ]) {
      const { status, body } = await ui('GET', path, undefined, nobody);
      expect([path, status, body[0]?.errorCode]).toEqual([path, 403, 'INSUFFICIENT_ACCESS']);
    }
  });

  it('refuses to update a contract it may only read, as a RecordError', async () => {
    const { status, body } = await ui('PATCH', `/records/${contractId}`, { fields: { Provider__c: 'X' } }, token);
    expect(status).toBe(400);
    expect(body.enhancedErrorType).toBe('RecordError');
    expect(body.output.errors[0].errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
  });
});
