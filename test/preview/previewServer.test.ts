/**
 * The preview server against a real local org (force-app deployed with source-deploy-retrieve): pages and their
 * escaping, static files and their limits, and the UI API gateway with the rules that keep other sites and other
 * APIs out (Host, Origin, JSON-only writes, UI API paths only).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthInfo, Connection } from '@salesforce/core';
import { deploySource } from '../../src/deploy/deploySource.js';
import { startLocalOrg, stopLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';
import { OrgClient } from '../../src/preview/orgClient.js';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server.js';

const VERSION = '62.0';
const HOSTILE_NAME = 'Evil </script><script>alert(1)</script> & Co';
let org: LocalOrg;
let dir: string;
let server: PreviewServer;
let accountId: string;
const forwarded: string[] = [];

/** A raw HTTP request (fetch would not let the test set Host). */
function raw(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, method, path, headers: { Host: `127.0.0.1:${server.port}`, ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      }
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'preview-server-'));
  org = await startLocalOrg({ dataDir: join(dir, 'org'), writeServerFile: false });
  const authInfo = await AuthInfo.create({
    accessTokenOptions: { accessToken: org.accessToken, instanceUrl: org.instanceUrl, loginUrl: org.instanceUrl }
  });
  const conn = await Connection.create({ authInfo, connectionOptions: { version: VERSION } });
  expect((await deploySource(conn, { checkOnly: false, waitMinutes: 5 })).success).toBe(true);
  accountId = ((await conn.sobject('Account').create({ Name: HOSTILE_NAME })) as { id: string }).id;
  const buildDir = join(dir, 'build');
  mkdirSync(join(buildDir, 'chunks'), { recursive: true });
  writeFileSync(join(buildDir, 'app.js'), 'export {};\n');
  writeFileSync(join(dir, 'secret.txt'), 'not for the browser');
  const client = new OrgClient({
    instanceUrl: org.instanceUrl,
    apiVersion: VERSION,
    accessToken: () => org.accessToken,
    label: 'test org'
  });
  server = await startPreviewServer({
    client,
    build: { dir: buildDir, hash: 'abc123', compiled: false, durationMs: 0 },
    onForward: (entry) => forwarded.push(`${entry.method} ${entry.path} ${entry.status}`)
  });
}, 120_000);

afterAll(async () => {
  await server.close();
  await stopLocalOrg(org);
  rmSync(dir, { recursive: true, force: true });
});

describe('pages', () => {
  it('redirects / to the account list', async () => {
    const response = await raw('GET', '/');
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/lightning/o/Account/list');
  });

  it('serves the account list with the accounts as inert, escaped JSON and a content security policy', async () => {
    const response = await raw('GET', '/lightning/o/Account/list');
    expect(response.status).toBe(200);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.body).not.toContain('<script>alert(1)');
    expect(response.body.match(/<\/script>/g)).toHaveLength(2);
    const json = /<script type="application\/json" id="preview-context">(.*?)<\/script>/s.exec(response.body)?.[1];
    const context = JSON.parse(json as string) as {
      userId: string;
      locale: string;
      timeZone: string;
      page: { type: string; accounts: { id: string; name: string }[] };
    };
    expect(context).toMatchObject({ userId: org.userId, locale: 'fr-FR', timeZone: 'Europe/Paris' });
    expect(context.page.type).toBe('accountList');
    expect(context.page.accounts).toEqual([expect.objectContaining({ id: accountId, name: HOSTILE_NAME })]);
    expect(response.body).toContain('/preview/build/abc123/app.js');
  });

  it('serves the Maintenance Cockpit at its app page tab, the component reading its own data', async () => {
    const page = await raw('GET', '/lightning/n/Maintenance_Cockpit');
    expect(page.status).toBe(200);
    expect(page.body).toContain('"page":{"type":"appPage","component":"maintenancePortfolio"}');
    expect((await raw('GET', '/lightning/n/Other_Page')).status).toBe(404);
  });

  it('serves an account page, and a 404 page for an unknown account', async () => {
    const page = await raw('GET', `/lightning/r/Account/${accountId}/view`);
    expect(page.status).toBe(200);
    expect(page.headers['x-preview-record']).toBe(accountId);
    // The flexipage's dynamic action that runs a component: the Log Maintenance Incident quick action.
    expect(page.body).toContain(
      '"quickActions":[{"apiName":"Account.Log_Maintenance_Incident","label":"Log Maintenance Incident","component":"incidentLogger"}]'
    );
    const missing = await raw('GET', `/lightning/r/Account/${accountId.slice(0, 5)}0000000000ZZZ/view`);
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('"type":"notFound"');
  });
});

describe('static files', () => {
  it('serves the build under its hash only, immutable', async () => {
    const app = await raw('GET', '/preview/build/abc123/app.js');
    expect(app.status).toBe(200);
    expect(app.headers['content-type']).toContain('text/javascript');
    expect(app.headers['cache-control']).toContain('immutable');
    expect((await raw('GET', '/preview/build/other/app.js')).status).toBe(404);
  });

  it('never serves a file outside its directory', async () => {
    expect((await raw('GET', '/preview/build/abc123/..%2f..%2fsecret.txt')).status).toBe(404);
    expect((await raw('GET', '/preview/build/abc123/%2e%2e/secret.txt')).status).toBe(404);
    expect((await raw('GET', '/slds/assets/..%2f..%2f..%2fpackage.json')).status).toBe(404);
  });

  it('serves SLDS', async () => {
    const css = await raw('GET', '/slds/assets/styles/salesforce-lightning-design-system.min.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
  });
});

describe('the UI API gateway', () => {
  const objectInfo = `/services/data/v${VERSION}/ui-api/object-info/Account`;

  it('forwards UI API requests with the session, which the browser never holds', async () => {
    const response = await raw('GET', objectInfo);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ apiName: 'Account' });
    expect(forwarded).toContain(`GET ${objectInfo} 200`);
    expect(response.body).not.toContain(org.accessToken);
  });

  it('forwards nothing but the UI API', async () => {
    const response = await raw('GET', `/services/data/v${VERSION}/sobjects/Account/${accountId}`);
    expect(response.status).toBe(404);
    expect((await raw('GET', `/services/data/v${VERSION}/query?q=SELECT+Id+FROM+User`)).status).toBe(404);
  });

  it('answers only to its own host name (no DNS rebinding)', async () => {
    const response = await raw('GET', objectInfo, { Host: `attacker.example:${server.port}` });
    expect(response.status).toBe(421);
    expect((await raw('GET', objectInfo, { Host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('takes writes from its own pages, as JSON, only', async () => {
    const body = JSON.stringify({ apiName: 'Account', fields: { Name: 'Written through the gateway' } });
    const path = `/services/data/v${VERSION}/ui-api/records`;
    const json = { 'Content-Type': 'application/json' };
    expect((await raw('POST', path, { ...json, Origin: 'http://attacker.example' }, body)).status).toBe(403);
    expect((await raw('POST', path, { 'Content-Type': 'text/plain', Origin: server.url }, body)).status).toBe(415);
    const created = await raw('POST', path, { ...json, Origin: server.url }, body);
    expect(created.status).toBe(201);
    expect((JSON.parse(created.body) as { fields: { Name: { value: string } } }).fields.Name.value).toBe(
      'Written through the gateway'
    );
  });

  it("passes the org's errors through unchanged", async () => {
    const response = await raw('GET', `/services/data/v${VERSION}/ui-api/object-info/No_Such__c`);
    expect(response.status).toBe(404);
    expect((JSON.parse(response.body) as unknown[])[0]).toMatchObject({ errorCode: 'NOT_FOUND' });
  });
});
