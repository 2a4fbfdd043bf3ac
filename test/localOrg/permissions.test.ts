/**
 * The package's permission sets enforced by the local org, checked through jsforce as real users: force-app is
 * deployed with source-deploy-retrieve, users are created through REST (User insert, password resource,
 * PermissionSetAssignment) and log in with the OAuth 2.0 username-password grant. Every expectation is derived from
 * config/access-matrix.json, the file the permission set XML is tested against (test/metadata), so the matrix, the
 * XML and the enforcement cannot drift apart.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthInfo, Connection as CoreConnection } from '@salesforce/core';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import { Connection, type DescribeSObjectResult } from 'jsforce';
import { startLocalOrg, stopLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';
import { accessMatrixFile } from '../../src/shared/projectPaths.js';
import { loadAccessMatrix, type AccessMatrix } from '../metadata/lib/accessMatrix.js';
import { FINANCIAL_FIELDS } from '../metadata/lib/dataModelSpec.js';

const VERSION = '62.0';
const OBJECTS = [
  'Maintenance_Contract__c',
  'Maintenance_Incident__c',
  'Handover_Checklist__c',
  'Handover_Item__c',
  'Maintenance_Transition__c',
  'Contract_Amendment__c',
  'Effort_Entry__c'
];

let org: LocalOrg;
let dir: string;
let admin: Connection;
let matrix: AccessMatrix;
let standardProfileId: string;
let accountId: string;
let checklistId: string;
let contractId: string;
let userCount = 0;

type Json = Record<string, unknown>;

async function errorCodeOf(action: PromiseLike<unknown>): Promise<string> {
  try {
    const result = (await action) as { success?: boolean; errors?: { statusCode?: string; errorCode?: string }[] };
    if (result && result.success === false) return result.errors?.[0]?.statusCode ?? 'UNKNOWN';
    return 'OK';
  } catch (error) {
    const failure = error as { errorCode?: string; name?: string };
    return failure.errorCode ?? failure.name ?? 'UNKNOWN';
  }
}

/**
 * A valid new record of `objectName` (required fields, and what its validation rules ask for), under the shared
 * account, checklist and contract.
 */
function newRecord(objectName: string): Json {
  const suffix = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  switch (objectName) {
    case 'Maintenance_Contract__c':
      return { Name: `C ${suffix}`, Account__c: accountId, Start_Date__c: '2026-01-01', End_Date__c: '2026-12-31' };
    case 'Maintenance_Incident__c':
      return { Account__c: accountId, Subject__c: `S ${suffix}`, Reported_At__c: '2026-03-02T09:00:00.000Z' };
    case 'Handover_Checklist__c':
      return { Name: `H ${suffix}`, Account__c: accountId, Project_Name__c: 'Project' };
    case 'Maintenance_Transition__c':
      return { Name: `T ${suffix}`, Account__c: accountId, Go_Live_Date__c: '2026-09-01' };
    case 'Contract_Amendment__c':
      // An amendment must change something (Amendment_Changes_Something) and name the contract's account.
      return {
        Contract__c: contractId,
        Account__c: accountId,
        Effective_Date__c: '2026-05-01',
        Reason__c: 'Other',
        Scope_Note__c: `Scope ${suffix}`
      };
    case 'Effort_Entry__c':
      return { Contract__c: contractId, Account__c: accountId, Work_Date__c: '2026-02-02', Days__c: 0.5 };
    default:
      return { Name: `I ${suffix}`, Checklist__c: checklistId, Category__c: 'Documentation' };
  }
}

async function adminCreate(objectName: string): Promise<string> {
  const result = await admin.sobject(objectName).create(newRecord(objectName));
  if (!result.success) throw new Error(JSON.stringify(result));
  return result.id;
}

/** Creates a Standard User holding `permissionSets`, sets a password and logs them in through jsforce (OAuth). */
async function userWith(permissionSets: string[]): Promise<{ conn: Connection; userId: string }> {
  userCount++;
  const username = `user${userCount}@maintenance-local.test`;
  const created = await admin.sobject('User').create({
    Username: username,
    LastName: `User ${userCount}`,
    Alias: `u${userCount}`,
    Email: username,
    ProfileId: standardProfileId,
    TimeZoneSidKey: 'Europe/Paris',
    LocaleSidKey: 'fr_FR',
    LanguageLocaleKey: 'en_US',
    EmailEncodingKey: 'UTF-8'
  });
  if (!created.success) throw new Error(JSON.stringify(created));
  const password = `Secret-${userCount}-pass`;
  await admin.request({
    method: 'POST',
    url: `/services/data/v${VERSION}/sobjects/User/${created.id}/password`,
    body: JSON.stringify({ NewPassword: password }),
    headers: { 'Content-Type': 'application/json' }
  });
  for (const name of permissionSets) {
    const set = await admin.query<{ Id: string }>(`SELECT Id FROM PermissionSet WHERE Name = '${name}'`);
    const assigned = await admin
      .sobject('PermissionSetAssignment')
      .create({ AssigneeId: created.id, PermissionSetId: set.records[0].Id });
    if (!assigned.success) throw new Error(JSON.stringify(assigned));
  }
  const conn = new Connection({
    oauth2: { loginUrl: org.instanceUrl, clientId: 'local-client', clientSecret: 'local-secret' },
    version: VERSION
  });
  const info = await conn.login(username, password);
  expect(info.id).toBe(created.id);
  return { conn, userId: created.id };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'permissions-'));
  org = await startLocalOrg({ dataDir: join(dir, 'org'), writeServerFile: false });
  const authInfo = await AuthInfo.create({
    accessTokenOptions: { accessToken: org.accessToken, instanceUrl: org.instanceUrl, loginUrl: org.instanceUrl }
  });
  const core = await CoreConnection.create({ authInfo });
  const deploy = await ComponentSet.fromSource('force-app').deploy({ usernameOrConnection: core });
  const result = await deploy.pollStatus(100, 120);
  if (!result.response.success) throw new Error('force-app did not deploy');
  admin = new Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: VERSION });
  matrix = loadAccessMatrix(accessMatrixFile);
  const profile = await admin.query<{ Id: string }>("SELECT Id FROM Profile WHERE Name = 'Standard User'");
  standardProfileId = profile.records[0].Id;
  accountId = (await admin.sobject('Account').create({ Name: 'Acme' })).id as string;
  checklistId = await adminCreate('Handover_Checklist__c');
  contractId = await adminCreate('Maintenance_Contract__c');
}, 180_000);

afterAll(async () => {
  await stopLocalOrg(org);
  rmSync(dir, { recursive: true, force: true });
});

describe('users, permission sets and sessions', () => {
  it('lists the deployed permission sets as PermissionSet records', async () => {
    const sets = await admin.query<{ Name: string; Label: string }>(
      "SELECT Name, Label FROM PermissionSet WHERE Name LIKE 'Maintenance%' ORDER BY Name"
    );
    const names = Object.keys(matrix.permissionSets).sort();
    expect(sets.records.map((record) => record.Name)).toEqual(names);
    for (const record of sets.records) expect(record.Label).toBe(matrix.permissionSets[record.Name].label);
  });

  it('refuses a duplicate assignment with DUPLICATE_VALUE and lets an assignment be deleted', async () => {
    const { userId } = await userWith(['Maintenance_Viewer']);
    const set = await admin.query<{ Id: string }>("SELECT Id FROM PermissionSet WHERE Name = 'Maintenance_Viewer'");
    const again = admin
      .sobject('PermissionSetAssignment')
      .create({ AssigneeId: userId, PermissionSetId: set.records[0].Id });
    expect(await errorCodeOf(again)).toBe('DUPLICATE_VALUE');
    const held = await admin.query<{ Id: string; PermissionSet: { Name: string } }>(
      `SELECT Id, PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = '${userId}'`
    );
    expect(held.records.map((record) => record.PermissionSet.Name)).toEqual(['Maintenance_Viewer']);
    expect(await errorCodeOf(admin.sobject('PermissionSetAssignment').destroy(held.records[0].Id))).toBe('OK');
    const after = await admin.query(`SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${userId}'`);
    expect(after.totalSize).toBe(0);
  });

  it('answers invalid_grant for a wrong password and gives each login its own token', async () => {
    const { conn, userId } = await userWith([]);
    const username = (await admin.sobject('User').retrieve(userId)).Username as string;
    const form = (password: string): RequestInit => ({
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username, password }).toString()
    });
    const wrong = await fetch(`${org.instanceUrl}/services/oauth2/token`, form('not-the-password'));
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ error: 'invalid_grant', error_description: 'authentication failure' });
    const right = await fetch(`${org.instanceUrl}/services/oauth2/token`, form(`Secret-${userCount}-pass`));
    const body = (await right.json()) as Json;
    expect(Object.keys(body).sort()).toEqual(
      ['access_token', 'id', 'instance_url', 'issued_at', 'signature', 'token_type'].sort()
    );
    expect(body.access_token).toMatch(/^00D[0-9A-Za-z]{12}!/);
    expect(body.access_token).not.toBe(conn.accessToken);
    expect(body.id).toBe(`${org.instanceUrl}/id/${org.orgId}/${userId}`);
    const identity = await conn.identity();
    expect(identity.user_id).toBe(userId);
  });

  it('lets a non-administrator neither create users nor set passwords', async () => {
    const { conn, userId } = await userWith(['Maintenance_Manager']);
    expect(await errorCodeOf(conn.sobject('User').create({ LastName: 'X' }))).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    const setPassword = conn.request({
      method: 'POST',
      url: `/services/data/v${VERSION}/sobjects/User/${userId}/password`,
      body: JSON.stringify({ NewPassword: 'another-password-1' }),
      headers: { 'Content-Type': 'application/json' }
    });
    expect(await errorCodeOf(setPassword)).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
  });
});

describe('a user without a maintenance permission set', () => {
  it('sees none of the seven objects', async () => {
    const { conn } = await userWith([]);
    const global = await conn.describeGlobal();
    const names = global.sobjects.map((entry) => entry.name);
    for (const objectName of OBJECTS) {
      expect(names).not.toContain(objectName);
      expect(await errorCodeOf(conn.query(`SELECT Id FROM ${objectName}`))).toBe('INVALID_TYPE');
      expect(await errorCodeOf(conn.describe(objectName))).toBe('NOT_FOUND');
      // REST answers an invisible object's resources as it answers an unknown object's.
      expect(await errorCodeOf(conn.sobject(objectName).create(newRecord(objectName)))).toBe('NOT_FOUND');
    }
    // The base profile still gives the standard objects.
    expect(names).toEqual(expect.arrayContaining(['Account', 'Contact', 'User']));
    expect(await errorCodeOf(conn.sobject('Account').create({ Name: 'Own account' }))).toBe('OK');
    expect(await errorCodeOf(conn.sobject('Contact').create({ LastName: 'No' }))).toBe(
      'INSUFFICIENT_ACCESS_OR_READONLY'
    );
  });
});

describe('the administrator', () => {
  it('still sees and edits every object and field', async () => {
    for (const objectName of OBJECTS) {
      const describe = await admin.describe(objectName);
      expect(describe).toMatchObject({ createable: true, updateable: true, deletable: true });
      const fields = new Set(describe.fields.map((entry) => entry.name));
      for (const set of Object.values(matrix.permissionSets)) {
        for (const fieldName of Object.keys(set.objects[objectName].fields)) expect(fields).toContain(fieldName);
      }
    }
  });
});

describe.each(['Maintenance_Viewer', 'Maintenance_Support', 'Maintenance_Manager'])(
  'a user holding only %s',
  (name) => {
    let conn: Connection;

    beforeAll(async () => {
      ({ conn } = await userWith([name]));
    }, 60_000);

    it('describes each object and field as the matrix grants it', async () => {
      const access = matrix.permissionSets[name].objects;
      const global = await conn.describeGlobal();
      for (const objectName of OBJECTS) {
        const object = access[objectName].object;
        const entry = global.sobjects.find((candidate) => candidate.name === objectName);
        expect(entry !== undefined).toBe(object.read);
        const describe: DescribeSObjectResult = await conn.describe(objectName);
        const full = await admin.describe(objectName);
        expect({
          createable: describe.createable,
          updateable: describe.updateable,
          deletable: describe.deletable
        }).toEqual({ createable: object.create, updateable: object.edit, deletable: object.delete });
        for (const [fieldName, level] of Object.entries(access[objectName].fields)) {
          const field = describe.fields.find((candidate) => candidate.name === fieldName);
          if (level === 'none') {
            expect({ fieldName, visible: field !== undefined }).toEqual({ fieldName, visible: false });
            continue;
          }
          const writable = level === 'edit' || level === 'required';
          expect({ fieldName, updateable: field?.updateable }).toEqual({
            fieldName,
            updateable:
              writable && object.edit && full.fields.some((entry) => entry.name === fieldName && entry.updateable)
          });
          if (level === 'read')
            expect({ fieldName, createable: field?.createable }).toEqual({ fieldName, createable: false });
        }
      }
    });

    it('queries exactly the readable fields (INVALID_FIELD for the others, financial fields included)', async () => {
      const access = matrix.permissionSets[name].objects;
      for (const objectName of OBJECTS) {
        for (const [fieldName, level] of Object.entries(access[objectName].fields)) {
          const outcome = await errorCodeOf(conn.query(`SELECT Id, ${fieldName} FROM ${objectName}`));
          expect({ objectName, fieldName, outcome }).toEqual({
            objectName,
            fieldName,
            outcome: level === 'none' ? 'INVALID_FIELD' : 'OK'
          });
        }
      }
      const financial = access.Maintenance_Contract__c.fields;
      for (const fieldName of FINANCIAL_FIELDS) {
        const outcome = await errorCodeOf(conn.query(`SELECT Contract__r.${fieldName} FROM Maintenance_Incident__c`));
        expect({ fieldName, outcome }).toEqual({
          fieldName,
          outcome: financial[fieldName] === 'none' ? 'INVALID_FIELD' : 'OK'
        });
      }
    });

    it('creates, edits and deletes exactly as the object permissions allow', async () => {
      const access = matrix.permissionSets[name].objects;
      for (const objectName of OBJECTS) {
        const object = access[objectName].object;
        const created = await errorCodeOf(conn.sobject(objectName).create(newRecord(objectName)));
        expect({ objectName, created }).toEqual({
          objectName,
          created: object.create ? 'OK' : 'INSUFFICIENT_ACCESS_OR_READONLY'
        });
        const id = await adminCreate(objectName);
        const edited = await errorCodeOf(conn.sobject(objectName).update({ Id: id }));
        expect({ objectName, edited }).toEqual({
          objectName,
          edited: object.edit ? 'OK' : 'INSUFFICIENT_ACCESS_OR_READONLY'
        });
        const deleted = await errorCodeOf(conn.sobject(objectName).destroy(id));
        expect({ objectName, deleted }).toEqual({
          objectName,
          deleted: object.delete ? 'OK' : 'INSUFFICIENT_ACCESS_OR_READONLY'
        });
      }
    });

    it('writes only the fields it may edit (read-only and hidden fields are refused)', async () => {
      const access = matrix.permissionSets[name].objects;
      for (const objectName of OBJECTS) {
        if (!access[objectName].object.edit) continue;
        const id = await adminCreate(objectName);
        for (const [fieldName, level] of Object.entries(access[objectName].fields)) {
          if (level === 'edit' || level === 'required') continue;
          const outcome = await errorCodeOf(conn.sobject(objectName).update({ Id: id, [fieldName]: null }));
          expect({ objectName, fieldName, outcome }).toEqual({
            objectName,
            fieldName,
            outcome: level === 'none' ? 'INVALID_FIELD' : 'INVALID_FIELD_FOR_INSERT_UPDATE'
          });
        }
      }
    });

    it('reads and writes the financial fields as the matrix says', async () => {
      const contract = matrix.permissionSets[name].objects.Maintenance_Contract__c;
      const id = await adminCreate('Maintenance_Contract__c');
      await admin.sobject('Maintenance_Contract__c').update({ Id: id, Daily_Rate__c: 800, Monthly_Fee__c: 2500 });
      for (const fieldName of ['Daily_Rate__c', 'Monthly_Fee__c']) {
        const level = contract.fields[fieldName];
        const read = await errorCodeOf(
          conn.query(`SELECT ${fieldName} FROM Maintenance_Contract__c WHERE Id = '${id}'`)
        );
        expect({ fieldName, read }).toEqual({ fieldName, read: level === 'none' ? 'INVALID_FIELD' : 'OK' });
        const written = await errorCodeOf(conn.sobject('Maintenance_Contract__c').update({ Id: id, [fieldName]: 900 }));
        const expected = !contract.object.edit
          ? 'INSUFFICIENT_ACCESS_OR_READONLY'
          : level === 'edit'
            ? 'OK'
            : level === 'none'
              ? 'INVALID_FIELD'
              : 'INVALID_FIELD_FOR_INSERT_UPDATE';
        expect({ fieldName, written }).toEqual({ fieldName, written: expected });
      }
      if (contract.fields.Daily_Rate__c !== 'none') {
        const record = await conn.sobject('Maintenance_Contract__c').retrieve(id);
        expect(record.Daily_Rate__c).toBe(contract.fields.Daily_Rate__c === 'edit' && contract.object.edit ? 900 : 800);
      } else {
        const record = await conn.sobject('Maintenance_Contract__c').retrieve(id);
        expect(Object.keys(record)).not.toContain('Daily_Rate__c');
      }
    });
  }
);
