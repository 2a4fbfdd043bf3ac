/**
 * Static resources deployed with source-deploy-retrieve (a file and a directory resource, which SDR zips), served at
 * the URLs `@salesforce/resourceUrl` gives on a real org, to a session only, and queryable as StaticResource records.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthInfo, Connection } from '@salesforce/core';
import { ComponentSet, ComponentStatus, type DeployResult } from '@salesforce/source-deploy-retrieve';
import { startLocalOrg, stopLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';
import { call } from './orgFixtures.js';

let org: LocalOrg;
let dir: string;
let conn: Connection;

const META = (contentType: string, cacheControl = 'Public'): string =>
  '<?xml version="1.0" encoding="UTF-8"?>\n<StaticResource xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
  `    <cacheControl>${cacheControl}</cacheControl>\n    <contentType>${contentType}</contentType>\n` +
  '    <description>Test resource</description>\n</StaticResource>\n';

/** A source-format project with the given files under force-app/main/default/staticresources. */
function project(name: string, files: Record<string, string | Buffer>): string {
  const root = join(dir, name);
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, 'force-app/main/default/staticresources', path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, content);
  }
  return join(root, 'force-app');
}

async function deploy(path: string): Promise<DeployResult> {
  const operation = await ComponentSet.fromSource(path).deploy({ usernameOrConnection: conn });
  return operation.pollStatus(100, 120);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'static-res-'));
  org = await startLocalOrg({ dataDir: join(dir, 'org'), writeServerFile: false });
  const authInfo = await AuthInfo.create({
    accessTokenOptions: { accessToken: org.accessToken, instanceUrl: org.instanceUrl, loginUrl: org.instanceUrl }
  });
  conn = await Connection.create({ authInfo });
  const result = await deploy(
    project('ok', {
      'App_Config.json': '{"format":1,"types":{}}',
      'App_Config.resource-meta.xml': META('application/json'),
      'Vendor_Lib/css/app.css': 'body { margin: 0; }',
      'Vendor_Lib/js/app.js': 'export const answer = 42;',
      'Vendor_Lib.resource-meta.xml': META('application/zip', 'Private')
    })
  );
  expect(result.response).toMatchObject({ success: true, numberComponentErrors: 0 });
}, 120_000);
afterAll(async () => {
  await stopLocalOrg(org);
  rmSync(dir, { recursive: true, force: true });
});

describe('static resources', () => {
  it('are StaticResource records the preview can query to build the timestamped URL', async () => {
    const found = await conn.query<{ Name: string; ContentType: string; SystemModstamp: string; BodyLength: number }>(
      "SELECT Id, Name, ContentType, SystemModstamp, BodyLength, CacheControl FROM StaticResource WHERE Name = 'App_Config'"
    );
    expect(found.records).toEqual([
      expect.objectContaining({
        Name: 'App_Config',
        ContentType: 'application/json',
        BodyLength: 23,
        CacheControl: 'Public',
        SystemModstamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/)
      })
    ]);
  });

  it('answer /resource/<timestamp>/<Name> and /resource/<Name> with their content type', async () => {
    const [record] = (
      await conn.query<{ SystemModstamp: string }>(
        "SELECT SystemModstamp FROM StaticResource WHERE Name = 'App_Config'"
      )
    ).records;
    const stamp = Date.parse(record.SystemModstamp.replace(/\+0000$/, 'Z'));
    for (const path of [`/resource/${stamp}/App_Config`, '/resource/App_Config', '/resource/1/app_config']) {
      const response = await fetch(`${org.instanceUrl}${path}`, {
        headers: { Authorization: `Bearer ${org.accessToken}` }
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.text()).toBe('{"format":1,"types":{}}');
    }
    const stamped = await fetch(`${org.instanceUrl}/resource/${stamp}/App_Config`, {
      headers: { Authorization: `Bearer ${org.accessToken}` }
    });
    expect(stamped.headers.get('cache-control')).toBe('public, max-age=86400');
  });

  it('serve the files of a zip resource by path, and accept the sid cookie a browser holds', async () => {
    const css = await fetch(`${org.instanceUrl}/resource/123/Vendor_Lib/css/app.css`, {
      headers: { Cookie: `other=1; sid=${org.accessToken}` }
    });
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css');
    expect(css.headers.get('cache-control')).toBe('private, max-age=86400');
    expect(await css.text()).toBe('body { margin: 0; }');
    expect((await call(org, '/resource/123/Vendor_Lib/js/missing.js')).status).toBe(404);
  });

  it('refuse a request without a session, and answer 404 for an unknown resource', async () => {
    const anonymous = await call(org, '/resource/App_Config', { token: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json()).toEqual([expect.objectContaining({ errorCode: 'INVALID_SESSION_ID' })]);
    const wrong = await fetch(`${org.instanceUrl}/resource/App_Config`, { headers: { Cookie: 'sid=00Dxx!nope' } });
    expect(wrong.status).toBe(401);
    const missing = await call(org, '/resource/No_Such_Thing');
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual([expect.objectContaining({ errorCode: 'NOT_FOUND' })]);
  });

  it('answer the REST Body resource', async () => {
    const [record] = (await conn.query<{ Id: string }>("SELECT Id FROM StaticResource WHERE Name = 'App_Config'"))
      .records;
    const body = await call(org, `/services/data/v62.0/sobjects/StaticResource/${record.Id}/Body`);
    expect(body.status).toBe(200);
    expect(body.text).toBe('{"format":1,"types":{}}');
  });

  it('keep their timestamp on an unchanged redeploy and move it on a change', async () => {
    const stampOf = async (): Promise<string> =>
      (
        await conn.query<{ SystemModstamp: string }>(
          "SELECT SystemModstamp FROM StaticResource WHERE Name = 'App_Config'"
        )
      ).records[0].SystemModstamp;
    const before = await stampOf();
    const files = {
      'App_Config.json': '{"format":1,"types":{}}',
      'App_Config.resource-meta.xml': META('application/json')
    };
    const same = await deploy(project('same', files));
    expect([...new Set(same.getFileResponses().map((f) => f.state))]).toEqual([ComponentStatus.Unchanged]);
    expect(await stampOf()).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const changed = await deploy(project('changed', { ...files, 'App_Config.json': '{"format":2}' }));
    expect(changed.response.success).toBe(true);
    expect(await stampOf()).not.toBe(before);
    expect((await call(org, '/resource/App_Config')).text).toBe('{"format":2}');
  });

  it('refuse a resource over 5 MB or without a content type, as Salesforce does', async () => {
    const result = await deploy(
      project('bad', {
        'Too_Big.json': Buffer.alloc(5 * 1024 * 1024 + 1, 32),
        'Too_Big.resource-meta.xml': META('application/json'),
        'No_Type.json': '{}',
        'No_Type.resource-meta.xml': META('').replace('<contentType></contentType>', '')
      })
    );
    expect(result.response.success).toBe(false);
    const problems = result
      .getFileResponses()
      .filter((f) => f.state === ComponentStatus.Failed)
      .map((f) => [f.fullName, 'error' in f ? f.error : ''])
      .sort();
    expect(problems).toEqual([
      ['No_Type', 'Required field is missing: contentType'],
      ['Too_Big', 'Static resource cannot exceed 5MB']
    ]);
  }, 120_000);
});
