/**
 * Users of the local org through real clients: the user-creation path `sf maintenance org user create` runs
 * (User insert, permission set assignments, generated password), jsforce's SOAP `login()`, and Bulk API 2.0 jobs
 * running as the user who created them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthInfo, Connection as CoreConnection } from '@salesforce/core';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import { Connection } from 'jsforce';
import { readIdentity, stopBackground } from '../../src/localOrg/daemon.js';
import { startLocalOrg, stopLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';
import type { OrgIdentity } from '../../src/localOrg/store.js';
import { createUserWithPermissionSets } from '../../src/localOrg/users.js';
import { ensureSfCli } from '../../scripts/ensure-sf-cli.js';

const VERSION = '62.0';

let org: LocalOrg;
let dir: string;
let core: CoreConnection;
let admin: Connection;
let accountId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'users-'));
  org = await startLocalOrg({ dataDir: join(dir, 'org'), writeServerFile: false });
  const authInfo = await AuthInfo.create({
    accessTokenOptions: { accessToken: org.accessToken, instanceUrl: org.instanceUrl, loginUrl: org.instanceUrl }
  });
  core = await CoreConnection.create({ authInfo });
  const deploy = await ComponentSet.fromSource('force-app').deploy({ usernameOrConnection: core });
  if (!(await deploy.pollStatus(100, 120)).response.success) throw new Error('force-app did not deploy');
  admin = new Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: VERSION });
  accountId = (await admin.sobject('Account').create({ Name: 'Acme' })).id as string;
}, 180_000);

afterAll(async () => {
  await stopLocalOrg(org);
  rmSync(dir, { recursive: true, force: true });
});

async function soapLogin(username: string, password: string): Promise<Connection> {
  const conn = new Connection({ loginUrl: org.instanceUrl, version: VERSION });
  await conn.login(username, password);
  return conn;
}

describe('creating users', () => {
  it('creates a Standard User with its permission sets and a password that logs in over SOAP', async () => {
    const user = await createUserWithPermissionSets(core, {
      username: 'support@maintenance.test',
      permissionSets: ['Maintenance_Support']
    });
    expect(user.password.length).toBeGreaterThanOrEqual(12);
    const conn = await soapLogin(user.username, user.password);
    expect(conn.accessToken).toMatch(/^00D[0-9A-Za-z]{12}!/);
    expect(conn.accessToken).not.toBe(org.accessToken);
    expect(conn.userInfo?.id).toBe(user.id);
    const identity = await conn.identity();
    expect(identity).toMatchObject({ user_id: user.id, username: 'support@maintenance.test' });
    const held = await admin.query<{ PermissionSet: { Name: string }; Assignee: { Profile: { Name: string } } }>(
      `SELECT PermissionSet.Name, Assignee.Profile.Name FROM PermissionSetAssignment WHERE AssigneeId = '${user.id}'`
    );
    expect(held.records.map((record) => [record.PermissionSet.Name, record.Assignee.Profile.Name])).toEqual([
      ['Maintenance_Support', 'Standard User']
    ]);
  });

  it('refuses an unknown permission set before creating anything', async () => {
    await expect(
      createUserWithPermissionSets(core, { username: 'nobody@maintenance.test', permissionSets: ['No_Such_Set'] })
    ).rejects.toThrow(/No permission set named No_Such_Set/);
    const users = await admin.query("SELECT Id FROM User WHERE Username = 'nobody@maintenance.test'");
    expect(users.totalSize).toBe(0);
  });

  it('answers INVALID_LOGIN to a wrong password, and stores no clear password', async () => {
    await createUserWithPermissionSets(core, {
      username: 'viewer@maintenance.test',
      permissionSets: ['Maintenance_Viewer'],
      password: 'Correct-horse-42'
    });
    await expect(soapLogin('viewer@maintenance.test', 'wrong-password-1')).rejects.toThrow(/INVALID_LOGIN/);
    await expect(soapLogin('no.such.user@maintenance.test', 'Correct-horse-42')).rejects.toThrow(/INVALID_LOGIN/);
    const rows = org.store.db.prepare('SELECT salt, hash FROM lo_password').all() as { salt: string; hash: string }[];
    for (const row of rows) expect(`${row.salt}${row.hash}`).not.toContain('Correct-horse-42');
    expect((await soapLogin('viewer@maintenance.test', 'Correct-horse-42')).accessToken).toBeTruthy();
  });
});

describe('sessions', () => {
  it('stop answering once their user is deactivated, while the administrator token keeps working', async () => {
    const user = await createUserWithPermissionSets(core, { username: 'leaver@maintenance.test', permissionSets: [] });
    const conn = await soapLogin(user.username, user.password);
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(1);
    await admin.sobject('User').update({ Id: user.id, IsActive: false });
    const refused = await fetch(`${org.instanceUrl}/services/data/v${VERSION}/query?q=SELECT+Id+FROM+Account`, {
      headers: { Authorization: `Bearer ${String(conn.accessToken)}` }
    });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID', fields: [] }
    ]);
    // jsforce answers a 401 by logging in again, which a deactivated user cannot.
    await expect(conn.query('SELECT Id FROM Account')).rejects.toThrow(/INVALID_LOGIN/);
    await expect(soapLogin(user.username, user.password)).rejects.toThrow(/INVALID_LOGIN/);
    expect((await admin.identity()).user_id).toBe(org.userId);
  });

  it("do not page through another user's query", async () => {
    const user = await createUserWithPermissionSets(core, { username: 'pager@maintenance.test', permissionSets: [] });
    const conn = await soapLogin(user.username, user.password);
    const accounts = Array.from({ length: 201 }, (_unused, index) => ({ Name: `Account ${index}` }));
    const created = await admin.sobject('Account').create(accounts, { allowRecursive: true });
    expect(created.every((result) => result.success)).toBe(true);
    const page = await admin.request<{ nextRecordsUrl: string }>({
      method: 'GET',
      url: `/services/data/v${VERSION}/query?q=${encodeURIComponent('SELECT Id, Name FROM Account')}`,
      headers: { 'Sforce-Query-Options': 'batchSize=200' }
    });
    expect(page.nextRecordsUrl).toBeDefined();
    await expect(conn.request({ method: 'GET', url: page.nextRecordsUrl })).rejects.toMatchObject({
      errorCode: 'INVALID_QUERY_LOCATOR'
    });
    const rest = await admin.request<{ done: boolean }>({ method: 'GET', url: page.nextRecordsUrl });
    expect(rest.done).toBe(true);
  });
});

describe('Bulk API 2.0 as a restricted user', () => {
  it('runs the job as its creator: object permissions apply and the records are theirs', async () => {
    const user = await createUserWithPermissionSets(core, {
      username: 'bulk.support@maintenance.test',
      permissionSets: ['Maintenance_Support']
    });
    const conn = await soapLogin(user.username, user.password);
    const incidents = await conn.bulk2.loadAndWaitForResults({
      object: 'Maintenance_Incident__c',
      operation: 'insert',
      input: `Account__c,Subject__c,Reported_At__c\n${accountId},Disk full,2026-03-02T09:00:00.000Z\n`,
      pollTimeout: 30_000
    });
    expect(incidents.failedResults).toEqual([]);
    const created = await admin.query<{ CreatedById: string }>(
      `SELECT CreatedById FROM Maintenance_Incident__c WHERE Id = '${incidents.successfulResults[0].sf__Id}'`
    );
    expect(created.records[0].CreatedById).toBe(user.id);
    const contracts = await conn.bulk2.loadAndWaitForResults({
      object: 'Maintenance_Contract__c',
      operation: 'insert',
      input: `Name,Account__c,Start_Date__c,End_Date__c\nC1,${accountId},2026-01-01,2026-12-31\n`,
      pollTimeout: 30_000
    });
    expect(contracts.successfulResults).toEqual([]);
    expect(contracts.failedResults.map((row) => row.sf__Error)).toEqual([
      expect.stringMatching(/^INSUFFICIENT_ACCESS_OR_READONLY:/)
    ]);
  }, 60_000);

  it('keeps a job to its creator: another user can neither see, read, feed, close nor delete it', async () => {
    const owner = await createUserWithPermissionSets(core, {
      username: 'bulk.owner@maintenance.test',
      permissionSets: ['Maintenance_Support']
    });
    const other = await createUserWithPermissionSets(core, {
      username: 'bulk.other@maintenance.test',
      permissionSets: []
    });
    const ownerConn = await soapLogin(owner.username, owner.password);
    const otherConn = await soapLogin(other.username, other.password);
    const send = (conn: Connection, method: string, path: string, body?: string, type = 'application/json') =>
      fetch(`${org.instanceUrl}/services/data/v${VERSION}/jobs/ingest${path}`, {
        method,
        body,
        headers: { Authorization: `Bearer ${conn.accessToken as string}`, 'Content-Type': type }
      });
    const created = (await (
      await send(ownerConn, 'POST', '', JSON.stringify({ object: 'Maintenance_Incident__c', operation: 'insert' }))
    ).json()) as { id: string };
    const csv = `Account__c,Subject__c,Reported_At__c\n${accountId},Secret subject,2026-03-02T09:00:00.000Z\n`;
    expect((await send(ownerConn, 'PUT', `/${created.id}/batches`, csv, 'text/csv')).status).toBe(201);

    const refused = [
      await send(otherConn, 'GET', `/${created.id}`),
      await send(otherConn, 'GET', `/${created.id}/unprocessedrecords`),
      await send(otherConn, 'PUT', `/${created.id}/batches`, csv, 'text/csv'),
      await send(otherConn, 'PATCH', `/${created.id}`, JSON.stringify({ state: 'UploadComplete' })),
      await send(otherConn, 'DELETE', `/${created.id}`)
    ];
    for (const response of refused) {
      expect(response.status).toBe(404);
      expect(((await response.json()) as { errorCode: string }[])[0].errorCode).toBe('NOT_FOUND');
    }
    const listed = (await (await send(otherConn, 'GET', '')).json()) as { records: { id: string }[] };
    expect(listed.records.map((job) => job.id)).not.toContain(created.id);
    // The creator and an administrator still see it, with its one uploaded row.
    expect((await send(ownerConn, 'GET', `/${created.id}`)).status).toBe(200);
    const adminList = (await (
      await fetch(`${org.instanceUrl}/services/data/v${VERSION}/jobs/ingest`, {
        headers: { Authorization: `Bearer ${org.accessToken}` }
      })
    ).json()) as { records: { id: string }[] };
    expect(adminList.records.map((job) => job.id)).toContain(created.id);
    const unprocessed = await (await send(ownerConn, 'GET', `/${created.id}/unprocessedrecords`)).text();
    expect(unprocessed.trim().split('\n')).toHaveLength(2);
  }, 60_000);

  it('keeps a query job to its creator: another user can neither see, read, abort nor delete it', async () => {
    const owner = await createUserWithPermissionSets(core, {
      username: 'query.owner@maintenance.test',
      permissionSets: ['Maintenance_Support']
    });
    const other = await createUserWithPermissionSets(core, {
      username: 'query.other@maintenance.test',
      permissionSets: ['Maintenance_Support']
    });
    const ownerConn = await soapLogin(owner.username, owner.password);
    const otherConn = await soapLogin(other.username, other.password);
    const send = (token: string, method: string, path: string, body?: string) =>
      fetch(`${org.instanceUrl}/services/data/v${VERSION}/jobs/query${path}`, {
        method,
        body,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
      });
    const ownerToken = ownerConn.accessToken as string;
    const otherToken = otherConn.accessToken as string;
    const created = (await (
      await send(
        ownerToken,
        'POST',
        '',
        JSON.stringify({ operation: 'query', query: `SELECT Id, Name FROM Account WHERE Id = '${accountId}'` })
      )
    ).json()) as { id: string };
    expect(created.id).toMatch(/^750/);

    // The other user may read accounts too: what it is refused is the job, not the data.
    const refused = [
      await send(otherToken, 'GET', `/${created.id}`),
      await send(otherToken, 'GET', `/${created.id}/results`),
      await send(otherToken, 'PATCH', `/${created.id}`, JSON.stringify({ state: 'Aborted' })),
      await send(otherToken, 'DELETE', `/${created.id}`)
    ];
    for (const response of refused) {
      expect(response.status).toBe(404);
      expect(((await response.json()) as { errorCode: string }[])[0].errorCode).toBe('NOT_FOUND');
    }
    const listed = (await (await send(otherToken, 'GET', '')).json()) as { records: { id: string }[] };
    expect(listed.records.map((job) => job.id)).not.toContain(created.id);
    const adminList = (await (await send(org.accessToken, 'GET', '')).json()) as { records: { id: string }[] };
    expect(adminList.records.map((job) => job.id)).toContain(created.id);

    // The creator reads its results once the job is done: the one account asked for, Acme (other tests of this file
    // add accounts of their own).
    let state = '';
    for (let poll = 0; poll < 100 && state !== 'JobComplete'; poll++) {
      state = ((await (await send(ownerToken, 'GET', `/${created.id}`)).json()) as { state: string }).state;
      if (state !== 'JobComplete') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(state).toBe('JobComplete');
    const results = await (await send(ownerToken, 'GET', `/${created.id}/results`)).text();
    expect(results.trim().split('\n')).toEqual(['"Id","Name"', `"${accountId}","Acme"`]);
    expect((await send(ownerToken, 'DELETE', `/${created.id}`)).status).toBe(204);
  }, 60_000);
});

describe('sf maintenance org user create', () => {
  let home: string;
  let dataDir: string;

  /** Runs a process without blocking the event loop (idle keep-alive sockets must see the server close them). */
  function run(
    command: string,
    args: string[],
    env: Record<string, string>
  ): Promise<{ status: number | null; stdout: string }> {
    return new Promise((resolveRun, reject) => {
      const child = spawn(command, args, { env, timeout: 180_000 });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.resume();
      child.on('error', reject);
      child.on('close', (status) => resolveRun({ status, stdout }));
    });
  }

  /** Runs `sf maintenance ...` from the sources (bin/dev.js) with the sf auth store in a temporary home. */
  function sf(...args: string[]): Promise<{ status: number | null; stdout: string }> {
    return run(process.execPath, ['--import', 'tsx', '--no-warnings', 'bin/dev.js', 'maintenance', ...args], {
      ...(process.env as Record<string, string>),
      HOME: home,
      SF_DISABLE_TELEMETRY: 'true',
      SF_MAINTENANCE_LOCAL_ORG_DIR: dataDir
    });
  }

  type SfJson = { status: number; result?: { username?: string; totalSize?: number }; name?: string };

  /** The real sf CLI logs in with a support user's OAuth token and is held to that user's field access. */
  async function realSfHonoursFieldAccess(instanceUrl: string): Promise<void> {
    const support = await sf(
      'org',
      'user',
      'create',
      '--username',
      'cli.support@maintenance.test',
      '--permsets',
      'Maintenance_Support',
      '--json'
    );
    const supportUser = (JSON.parse(support.stdout) as { result: { password: string } }).result;
    const supportToken = (await (
      await fetch(`${instanceUrl}/services/oauth2/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'password',
          username: 'cli.support@maintenance.test',
          password: supportUser.password
        })
      })
    ).json()) as { access_token: string };
    const realSf = async (...args: string[]): Promise<SfJson> =>
      JSON.parse(
        (
          await run(ensureSfCli(), [...args, '--json'], {
            PATH: process.env.PATH ?? '',
            HOME: home,
            SF_ACCESS_TOKEN: supportToken.access_token,
            SF_DISABLE_TELEMETRY: 'true',
            SF_AUTOUPDATE_DISABLE: 'true',
            SF_SKIP_NEW_VERSION_CHECK: 'true',
            SF_USE_GENERIC_UNIX_KEYCHAIN: 'true'
          })
        ).stdout
      ) as SfJson;
    const login = await realSf(
      'org',
      'login',
      'access-token',
      '--instance-url',
      instanceUrl,
      '--alias',
      'support',
      '--no-prompt'
    );
    expect(login).toMatchObject({ status: 0, result: { username: 'cli.support@maintenance.test' } });
    const visible = await realSf(
      'data',
      'query',
      '-o',
      'support',
      '--query',
      'SELECT Status__c FROM Maintenance_Contract__c'
    );
    expect(visible).toMatchObject({ status: 0, result: { totalSize: 0 } });
    const hidden = await realSf(
      'data',
      'query',
      '-o',
      'support',
      '--query',
      'SELECT Daily_Rate__c FROM Maintenance_Contract__c'
    );
    expect(hidden.status).not.toBe(0);
    expect(hidden.name).toBe('INVALID_FIELD');
  }

  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'users-cli-'));
    dataDir = join(home, 'localorg');
  });

  afterAll(async () => {
    await stopBackground(dataDir);
    rmSync(home, { recursive: true, force: true });
  });

  it('creates a user holding the permission sets and prints a password that logs in', async () => {
    const started = await sf('org', 'start', '--data-dir', dataDir, '--json');
    const instanceUrl = String((JSON.parse(started.stdout) as { result: { instanceUrl: string } }).result.instanceUrl);
    const identity = readIdentity(dataDir) as OrgIdentity;
    const authInfo = await AuthInfo.create({
      accessTokenOptions: { accessToken: identity.accessToken, instanceUrl, loginUrl: instanceUrl }
    });
    const deploy = await ComponentSet.fromSource('force-app').deploy({
      usernameOrConnection: await CoreConnection.create({ authInfo })
    });
    expect((await deploy.pollStatus(100, 120)).response.success).toBe(true);

    const created = await sf(
      'org',
      'user',
      'create',
      '--username',
      'cli.manager@maintenance.test',
      '--permsets',
      'Maintenance_Viewer,Maintenance_Manager'
    );
    expect(created.status).toBe(0);
    const password = /Password: (\S+)/.exec(created.stdout)?.[1] as string;
    expect(password).toBeDefined();
    expect(created.stdout).toContain('Maintenance_Viewer, Maintenance_Manager');

    const token = await fetch(`${instanceUrl}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username: 'cli.manager@maintenance.test', password })
    });
    expect(token.status).toBe(200);
    const session = (await token.json()) as { access_token: string; instance_url: string };
    const conn = new Connection({
      instanceUrl: session.instance_url,
      accessToken: session.access_token,
      version: VERSION
    });
    const held = await conn.query<{ PermissionSet: { Name: string } }>(
      "SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE Assignee.Username = 'cli.manager@maintenance.test' ORDER BY PermissionSet.Name"
    );
    expect(held.records.map((record) => record.PermissionSet.Name)).toEqual([
      'Maintenance_Manager',
      'Maintenance_Viewer'
    ]);
    expect((await conn.describe('Maintenance_Contract__c')).deletable).toBe(true);

    await realSfHonoursFieldAccess(instanceUrl);

    const duplicate = await sf('org', 'user', 'create', '--username', 'cli.manager@maintenance.test', '--json');
    expect(duplicate.status).not.toBe(0);
    expect(duplicate.stdout).toMatch(/DUPLICATE_VALUE|duplicate/i);
  }, 240_000);
});
