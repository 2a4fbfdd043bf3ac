/**
 * The wire protocol details clients depend on: identity, tokens, 401s, path tolerance, body caps, composite tree,
 * Bulk job info, idle keep-alive connections and the file modes of the data directory.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { statSync } from 'node:fs';
import { Agent, request, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { call, startFixtureOrg, type TestOrg } from './orgFixtures.js';

let test: TestOrg;

beforeAll(async () => {
  test = await startFixtureOrg();
}, 30000);

afterAll(async () => {
  await test.stop();
});

describe('identity and auth', () => {
  it('issues 00D...!... tokens and lists API versions without a token', async () => {
    expect(test.org.accessToken).toMatch(/^00D[0-9A-Za-z]{12}![0-9A-Za-z]{100}$/);
    const versions = await call(test.org, '/services/data', { token: null });
    expect(versions.status).toBe(200);
    expect(versions.json()).toEqual(
      expect.arrayContaining([{ label: "Winter '25", url: '/services/data/v62.0', version: '62.0' }])
    );
  });

  it('answers userinfo and the identity URL for the org user', async () => {
    const info = (await call(test.org, '/services/oauth2/userinfo')).json() as Record<string, unknown>;
    expect(info).toMatchObject({
      user_id: test.org.userId,
      organization_id: test.org.orgId,
      preferred_username: test.org.username,
      sub: `${test.org.instanceUrl}/id/${test.org.orgId}/${test.org.userId}`
    });
    const identity = await call(test.org, `/id/${test.org.orgId}/${test.org.userId}`);
    expect(identity.json()).toMatchObject({ username: test.org.username, organization_id: test.org.orgId });
  });

  it('a missing or wrong token is 401 INVALID_SESSION_ID', async () => {
    for (const token of [null, 'wrong', `${test.org.accessToken}x`, test.org.accessToken.slice(0, -1)]) {
      const response = await call(test.org, '/services/data/v62.0/sobjects', { token });
      expect(response.status).toBe(401);
      expect(response.json()).toEqual([
        { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID', fields: [] }
      ]);
    }
  });

  it('a SOAP call with a bad session answers an INVALID_SESSION_ID fault', async () => {
    const response = await call(test.org, '/services/Soap/m/62.0', {
      method: 'POST',
      token: null,
      headers: { 'Content-Type': 'text/xml', SOAPAction: '""' },
      body: '<?xml version="1.0"?><env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Header><SessionHeader><sessionId>bad</sessionId></SessionHeader></env:Header><env:Body><describeMetadata/></env:Body></env:Envelope>'
    });
    expect(response.status).toBe(401);
    expect(response.text).toContain('<faultcode>sf:INVALID_SESSION_ID</faultcode>');
  });

  it('ScratchOrgInfo answers 4xx, so clients know this is not a Dev Hub', async () => {
    const response = await call(
      test.org,
      '/services/data/v51.0/query?q=SELECT%20Id%20FROM%20ScratchOrgInfo%20limit%201'
    );
    expect(response.status).toBe(400);
    expect((response.json() as { errorCode: string }[])[0].errorCode).toBe('INVALID_TYPE');
  });

  it('tolerates //services in the path and answers the Organization record', async () => {
    const response = await call(
      test.org,
      '//services/data/v62.0/query?q=' +
        encodeURIComponent(
          'SELECT Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix, OrganizationType FROM Organization'
        )
    );
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({
      totalSize: 1,
      records: [
        { IsSandbox: false, TrialExpirationDate: null, NamespacePrefix: null, OrganizationType: 'Developer Edition' }
      ]
    });
  });
});

describe('limits and errors', () => {
  it('caps request bodies and says so', async () => {
    const response = await call(test.org, '/services/data/v62.0/sobjects/Account', {
      method: 'POST',
      body: Buffer.alloc(17 * 1024 * 1024, 32)
    });
    expect(response.status).toBe(413);
    expect(response.json()).toEqual([
      expect.objectContaining({
        errorCode: 'EXCEEDED_MAX_SIZE_REQUEST',
        message: expect.stringContaining('16777216 bytes')
      })
    ]);
  });

  it('unknown paths are 404 NOT_FOUND; wrong methods are 405', async () => {
    expect((await call(test.org, '/services/data/v62.0/nothing/here')).status).toBe(404);
    const wrong = await call(test.org, '/services/data/v62.0/sobjects', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect((wrong.json() as { errorCode: string }[])[0].errorCode).toBe('METHOD_NOT_ALLOWED');
  });

  it('broken JSON is JSON_PARSER_ERROR', async () => {
    const response = await call(test.org, '/services/data/v62.0/sobjects/Account', {
      method: 'POST',
      body: '{"Name":'
    });
    expect(response.status).toBe(400);
    expect((response.json() as { errorCode: string }[])[0].errorCode).toBe('JSON_PARSER_ERROR');
  });
});

describe('composite tree', () => {
  it('creates parents and children with reference ids, all or nothing', async () => {
    const body = {
      records: [
        {
          attributes: { type: 'Account', referenceId: 'acc1' },
          Name: 'Tree Co',
          Handover_Checklists__r: {
            records: [
              {
                attributes: { type: 'Handover_Checklist__c', referenceId: 'hc1' },
                Name: 'Tree checklist',
                Items__r: { records: [{ attributes: { type: 'Handover_Item__c', referenceId: 'it1' }, Name: 'Leaf' }] }
              }
            ]
          }
        }
      ]
    };
    const created = await call(test.org, '/services/data/v62.0/composite/tree/Account', {
      method: 'POST',
      body: JSON.stringify(body)
    });
    expect(created.status).toBe(201);
    expect(created.json()).toEqual({
      hasErrors: false,
      results: [
        { referenceId: 'acc1', id: expect.stringMatching(/^001/) },
        { referenceId: 'hc1', id: expect.stringMatching(/^a01/) },
        { referenceId: 'it1', id: expect.stringMatching(/^a03/) }
      ]
    });
    const broken = JSON.parse(JSON.stringify(body).replace('Tree Co', 'Tree Two').replace('"Leaf"', 'null'));
    const failed = await call(test.org, '/services/data/v62.0/composite/tree/Account', {
      method: 'POST',
      body: JSON.stringify(broken)
    });
    expect(failed.status).toBe(400);
    expect(failed.json()).toEqual({
      hasErrors: true,
      results: [{ referenceId: 'it1', errors: [expect.objectContaining({ statusCode: 'REQUIRED_FIELD_MISSING' })] }]
    });
    const count = await call(
      test.org,
      `/services/data/v62.0/query?q=${encodeURIComponent("SELECT COUNT() FROM Account WHERE Name = 'Tree Two'")}`
    );
    expect((count.json() as { totalSize: number }).totalSize).toBe(0);
  });
});

describe('Bulk API 2.0 job info', () => {
  it('has the documented shape through its life cycle', async () => {
    const created = await call(test.org, '/services/data/v62.0/jobs/ingest', {
      method: 'POST',
      body: JSON.stringify({ object: 'Account', operation: 'insert', contentType: 'CSV', lineEnding: 'LF' })
    });
    const job = created.json() as Record<string, unknown>;
    expect(job).toMatchObject({
      id: expect.stringMatching(/^750/),
      operation: 'insert',
      object: 'Account',
      state: 'Open',
      contentType: 'CSV',
      apiVersion: 62,
      concurrencyMode: 'Parallel',
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
      contentUrl: `services/data/v62.0/jobs/ingest/${String(job.id)}/batches`
    });
    const upload = await call(test.org, `/services/data/v62.0/jobs/ingest/${String(job.id)}/batches`, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/csv' },
      body: 'Name,Industry\n"Quoted, Inc",Energy\nPlain,Banking\n'
    });
    expect(upload.status).toBe(201);
    await call(test.org, `/services/data/v62.0/jobs/ingest/${String(job.id)}`, {
      method: 'PATCH',
      body: JSON.stringify({ state: 'UploadComplete' })
    });
    let info: Record<string, unknown> = {};
    for (let attempt = 0; attempt < 50; attempt++) {
      info = (await call(test.org, `/services/data/v62.0/jobs/ingest/${String(job.id)}`)).json() as Record<
        string,
        unknown
      >;
      if (info.state === 'JobComplete') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(info).toMatchObject({
      state: 'JobComplete',
      jobType: 'V2Ingest',
      numberRecordsProcessed: 2,
      numberRecordsFailed: 0,
      retries: 0
    });
    const results = await call(test.org, `/services/data/v62.0/jobs/ingest/${String(job.id)}/successfulResults`);
    const lines = results.text.trim().split('\n');
    expect(lines[0]).toBe('"sf__Id","sf__Created","Name","Industry"');
    expect(lines[1]).toMatch(/^"001[0-9A-Za-z]{15}","true","Quoted, Inc","Energy"$/);
    const list = (await call(test.org, '/services/data/v62.0/jobs/ingest')).json() as {
      records: unknown[];
      done: boolean;
    };
    expect(list.done).toBe(true);
    expect(list.records.length).toBeGreaterThan(0);
    const again = await call(test.org, `/services/data/v62.0/jobs/ingest/${String(job.id)}/batches`, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/csv' },
      body: 'Name\nX\n'
    });
    expect(again.status).toBe(409);
  });
});

describe('data directory', () => {
  it('keeps the database readable by the owner only', () => {
    expect(statSync(join(test.dir, 'org.sqlite')).mode & 0o777).toBe(0o600);
    expect(statSync(test.dir).mode & 0o077).toBe(0);
  });
});

describe('keep-alive', () => {
  /** GET /services/data on the agent's connection; resolves with the socket used and whether it was reused. */
  function get(agent: Agent): Promise<{ socket: Socket; reused: boolean }> {
    return new Promise((resolve, reject) => {
      const req = request(`${test.org.instanceUrl}/services/data`, { agent }, (response: IncomingMessage) => {
        response.resume();
        response.on('end', () => resolve({ socket: req.socket as Socket, reused: req.reusedSocket }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  // A client that keeps a connection idle longer than the server's keep-alive timeout may send its next request on
  // a socket the server is closing ("socket hang up"): long loads pause between calls for seconds (the sf CLI's
  // `data import tree` does). The org keeps idle connections well past that.
  it('keeps an idle connection open for more than 5 seconds, and reuses it', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(agent);
      let closedAfterMs: number | undefined;
      const idleSince = Date.now();
      first.socket.once('close', () => {
        closedAfterMs = Date.now() - idleSince;
      });
      await new Promise((resolve) => setTimeout(resolve, 6000));
      expect(closedAfterMs).toBeUndefined();
      const second = await get(agent);
      expect(second.reused).toBe(true);
      expect(second.socket).toBe(first.socket);
    } finally {
      agent.destroy();
    }
  }, 15000);
});
