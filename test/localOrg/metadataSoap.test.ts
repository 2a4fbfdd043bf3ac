import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Connection } from 'jsforce';
import { handleMetadataSoap } from '../../src/localOrg/metadata/index.js';
import { child, children, childText, parseXml, type XmlElement } from '../../src/localOrg/xml.js';
import { startLocalOrg, stopLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';
import type { Store } from '../../src/localOrg/store.js';
import { field, objectXml, packageXml, picklistField, tempStore, zipOf } from './metadataFixtures.js';

const NS = 'http://soap.sforce.com/2006/04/metadata';

function envelope(operation: string, inner: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<soapenv:Header xmlns="${NS}"><SessionHeader><sessionId>token</sessionId></SessionHeader></soapenv:Header>` +
    `<soapenv:Body xmlns="${NS}"><${operation}>${inner}</${operation}></soapenv:Body></soapenv:Envelope>`
  );
}

const teamZip = zipOf({
  'package.xml': packageXml({ CustomObject: ['Team__c'], CustomField: ['Team__c.Size__c', 'Team__c.Level__c'] }),
  'objects/Team__c.object': objectXml('Team__c', {
    fields: [
      field('Size__c', 'Number', { precision: 3, scale: 0 }),
      picklistField('Level__c', ['Junior', 'Senior'], 'Junior')
    ]
  })
});

describe('SOAP handler', () => {
  let store: Store;
  let dispose: () => void;
  beforeEach(() => {
    ({ store, dispose } = tempStore());
  });
  afterEach(() => dispose());

  async function call(
    operation: string,
    inner: string,
    deployDelayMs?: number
  ): Promise<{ status: number; result: XmlElement | undefined; body: XmlElement }> {
    const response = await handleMetadataSoap(envelope(operation, inner), {
      store,
      baseUrl: 'http://127.0.0.1',
      deployDelayMs
    });
    expect(response.contentType).toBe('text/xml;charset=UTF-8');
    const body = child(parseXml(response.body), 'Body') as XmlElement;
    return { status: response.status, body, result: child(child(body, `${operation}Response`), 'result') };
  }

  async function waitDone(id: string): Promise<XmlElement> {
    for (let i = 0; i < 100; i++) {
      const { result } = await call(
        'checkDeployStatus',
        `<asyncProcessId>${id}</asyncProcessId><includeDetails>true</includeDetails>`
      );
      if (childText(result, 'done') === 'true') return result as XmlElement;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('deploy never finished');
  }

  it('deploy answers an AsyncResult, then checkDeployStatus a DeployResult with details', async () => {
    const started = await call(
      'deploy',
      `<ZipFile>${teamZip}</ZipFile><DeployOptions><checkOnly>false</checkOnly><rollbackOnError>true</rollbackOnError></DeployOptions>`
    );
    expect(started.status).toBe(200);
    expect(childText(started.result, 'state')).toBe('Queued');
    expect(childText(started.result, 'done')).toBe('false');
    const id = childText(started.result, 'id') as string;
    expect(id).toMatch(/^0Af[0-9A-Za-z]{15}$/);
    const result = await waitDone(id);
    expect(
      Object.fromEntries(result.children.filter((c) => c.name !== 'details').map((c) => [c.name, c.text]))
    ).toEqual({
      checkOnly: 'false',
      completedDate: expect.any(String),
      createdBy: store.identity.userId,
      createdByName: 'Local Admin',
      createdDate: expect.any(String),
      done: 'true',
      id,
      ignoreWarnings: 'false',
      lastModifiedDate: expect.any(String),
      numberComponentErrors: '0',
      numberComponentsDeployed: '3',
      numberComponentsTotal: '3',
      numberTestErrors: '0',
      numberTestsCompleted: '0',
      numberTestsTotal: '0',
      rollbackOnError: 'true',
      runTestsEnabled: 'false',
      startDate: expect.any(String),
      status: 'Succeeded',
      success: 'true'
    });
    const successes = children(child(result, 'details'), 'componentSuccesses').map((c) => [
      childText(c, 'componentType'),
      childText(c, 'fullName'),
      childText(c, 'fileName'),
      childText(c, 'created')
    ]);
    expect(successes).toEqual([
      ['CustomObject', 'Team__c', 'objects/Team__c.object', 'true'],
      ['CustomField', 'Team__c.Size__c', 'objects/Team__c.object', 'true'],
      ['CustomField', 'Team__c.Level__c', 'objects/Team__c.object', 'true'],
      ['', 'package.xml', 'package.xml', 'false']
    ]);
    expect(store.getObject('Team__c')).toBeDefined();
    // Without includeDetails the details are left out.
    const brief = await call(
      'checkDeployStatus',
      `<asyncProcessId>${id.slice(0, 15)}</asyncProcessId><includeDetails>false</includeDetails>`
    );
    expect(child(brief.result, 'details')).toBeUndefined();
  });

  it('a failed deploy reports componentFailures and success false', async () => {
    const broken = zipOf({
      'package.xml': packageXml({ CustomObject: ['Team__c'] }),
      'objects/Team__c.object': objectXml('Team__c', { fields: [field('Size__c', 'Number')] })
    });
    const started = await call('deploy', `<ZipFile>${broken}</ZipFile><DeployOptions></DeployOptions>`);
    const result = await waitDone(childText(started.result, 'id') as string);
    expect(childText(result, 'status')).toBe('Failed');
    expect(childText(result, 'success')).toBe('false');
    expect(childText(result, 'numberComponentErrors')).toBe('1');
    const failure = child(child(result, 'details'), 'componentFailures') as XmlElement;
    expect(Object.fromEntries(failure.children.map((c) => [c.name, c.text]))).toEqual({
      changed: 'false',
      componentType: 'CustomField',
      created: 'false',
      createdDate: expect.any(String),
      deleted: 'false',
      fileName: 'objects/Team__c.object',
      fullName: 'Team__c.Size__c',
      lineNumber: '11',
      problem: "Must specify 'precision' for a CustomField of type Number",
      problemType: 'Error',
      success: 'false'
    });
    expect(store.getObject('Team__c')).toBeUndefined();
  });

  it('cancelDeploy cancels a queued deploy, and refuses a finished one', async () => {
    const started = await call('deploy', `<ZipFile>${teamZip}</ZipFile>`, 60_000);
    const id = childText(started.result, 'id') as string;
    const pending = await call(
      'checkDeployStatus',
      `<asyncProcessId>${id}</asyncProcessId><includeDetails>true</includeDetails>`
    );
    expect([childText(pending.result, 'status'), childText(pending.result, 'done')]).toEqual(['Pending', 'false']);
    const canceled = await call('cancelDeploy', `<id>${id}</id>`);
    expect([childText(canceled.result, 'done'), childText(canceled.result, 'id')]).toEqual(['true', id]);
    const status = await call(
      'checkDeployStatus',
      `<asyncProcessId>${id}</asyncProcessId><includeDetails>true</includeDetails>`
    );
    expect([
      childText(status.result, 'status'),
      childText(status.result, 'done'),
      childText(status.result, 'success')
    ]).toEqual(['Canceled', 'true', 'false']);
    expect(childText(status.result, 'canceledBy')).toBe(store.identity.userId);
    expect(store.getObject('Team__c')).toBeUndefined();
    const again = await call('cancelDeploy', `<id>${id}</id>`);
    expect(again.status).toBe(400);
    expect(childText(child(again.body, 'Fault'), 'faultcode')).toBe('sf:INVALID_ID_FIELD');
  });

  it('answers faults for bad requests', async () => {
    const unknownId = await call('checkDeployStatus', '<asyncProcessId>0Af000000000000AAA</asyncProcessId>');
    expect(unknownId.status).toBe(400);
    expect(childText(child(unknownId.body, 'Fault'), 'faultcode')).toBe('sf:INVALID_CROSS_REFERENCE_KEY');
    const unsupported = await call('renameMetadata', '<type>CustomObject</type>');
    expect(childText(child(unsupported.body, 'Fault'), 'faultstring')).toMatch(
      /^INVALID_OPERATION: The local org does not implement renameMetadata/
    );
    const unknown = await call('frobnicate', '');
    expect(childText(child(unknown.body, 'Fault'), 'faultcode')).toBe('soapenv:Client');
    for (const body of ['', 'not xml', '<a><b></a>', '<Envelope/>', '<!DOCTYPE x [<!ENTITY a "b">]><Envelope/>']) {
      const response = await handleMetadataSoap(body, { store, baseUrl: '' });
      expect(response.status).toBe(400);
      expect(response.body).toContain('<faultcode>soapenv:Client</faultcode>');
    }
    const noZip = await call('deploy', '<DeployOptions/>');
    expect(childText(child(noZip.body, 'Fault'), 'faultcode')).toBe('sf:INVALID_ZIP');
  });

  it('readMetadata returns a stored object with its fields', async () => {
    const started = await call('deploy', `<ZipFile>${teamZip}</ZipFile>`);
    await waitDone(childText(started.result, 'id') as string);
    const read = await call(
      'readMetadata',
      '<type>CustomObject</type><fullNames>Team__c</fullNames><fullNames>Nope__c</fullNames>'
    );
    const records = children(read.result, 'records');
    expect(records).toHaveLength(1);
    expect(records[0].attrs['xsi:type']).toBe('CustomObject');
    expect(childText(records[0], 'fullName')).toBe('Team__c');
    expect(childText(records[0], 'label')).toBe('Team');
    expect(children(records[0], 'fields').map((f) => childText(f, 'fullName'))).toEqual(['Level__c', 'Size__c']);
  });
});

describe('jsforce Metadata client against the running org', () => {
  let org: LocalOrg;
  let dir: string;
  let conn: Connection;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'md-soap-'));
    org = await startLocalOrg({ dataDir: dir, writeServerFile: false });
    conn = new Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: '62.0' });
  });
  afterAll(async () => {
    await stopLocalOrg(org);
    rmSync(dir, { recursive: true, force: true });
  });

  it('deploys and reads the typed DeployResult', async () => {
    const result = await conn.metadata
      .deploy(Buffer.from(teamZip, 'base64'), { rollbackOnError: true, checkOnly: false })
      .complete(true);
    expect(result).toMatchObject({
      done: true,
      success: true,
      status: 'Succeeded',
      numberComponentsDeployed: 3,
      numberComponentErrors: 0
    });
    const successes = result.details?.componentSuccesses;
    expect(Array.isArray(successes) ? successes.map((s) => s.fullName) : []).toEqual([
      'Team__c',
      'Team__c.Size__c',
      'Team__c.Level__c',
      'package.xml'
    ]);
  });

  it('lists, describes and reads metadata', async () => {
    const objects = await conn.metadata.list([{ type: 'CustomObject' }, { type: 'CustomField' }]);
    expect(objects.find((o) => o.fullName === 'Team__c')).toMatchObject({
      type: 'CustomObject',
      fileName: 'objects/Team__c.object',
      manageableState: 'unmanaged'
    });
    expect(objects.some((o) => o.fullName === 'Account')).toBe(true);
    expect(objects.find((o) => o.fullName === 'Team__c.Level__c')).toMatchObject({
      type: 'CustomField',
      id: expect.stringMatching(/^00N/)
    });
    const describe = await conn.metadata.describe('62.0');
    expect(describe.metadataObjects.find((t) => t.xmlName === 'CustomObject')).toMatchObject({
      directoryName: 'objects',
      suffix: 'object',
      inFolder: false,
      childXmlNames: expect.arrayContaining(['CustomField', 'ValidationRule', 'ListView'])
    });
    expect(describe.metadataObjects.find((t) => t.xmlName === 'ApexClass')).toMatchObject({ metaFile: true });
    const field = (await conn.metadata.read('CustomField', 'Team__c.Level__c')) as unknown as Record<string, unknown>;
    expect(field).toMatchObject({ fullName: 'Team__c.Level__c', type: 'Picklist' });
  });

  it('refuses a bad session with INVALID_SESSION_ID', async () => {
    const bad = new Connection({ instanceUrl: org.instanceUrl, accessToken: '00D000000000000!bad', version: '62.0' });
    await expect(bad.metadata.list([{ type: 'CustomObject' }])).rejects.toThrow(/INVALID_SESSION_ID/);
  });
});

describe('hostile input', () => {
  let store: Store;
  let dispose: () => void;
  beforeEach(() => {
    ({ store, dispose } = tempStore());
  });
  afterEach(() => dispose());

  it('never answers 5xx and never leaves a deploy pending, whatever the envelope or zip', async () => {
    const valid = envelope(
      'deploy',
      `<ZipFile>${teamZip}</ZipFile><DeployOptions><checkOnly>true</checkOnly></DeployOptions>`
    );
    const zipBytes = Buffer.from(teamZip, 'base64');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc
            .tuple(fc.nat(valid.length), fc.nat(200), fc.string({ maxLength: 20 }))
            .map(([at, cut, insert]) => valid.slice(0, at) + insert + valid.slice(at + cut)),
          // A deploy whose zip bytes are damaged somewhere.
          fc.tuple(fc.nat(zipBytes.length - 1), fc.integer({ min: 1, max: 255 })).map(([at, xor]) => {
            const copy = Buffer.from(zipBytes);
            copy[at] ^= xor;
            return envelope('deploy', `<ZipFile>${copy.toString('base64')}</ZipFile>`);
          }),
          fc.constantFrom(
            envelope('checkDeployStatus', '<asyncProcessId>&lt;script&gt;</asyncProcessId>'),
            envelope('listMetadata', '<queries><type>Nope</type></queries>'),
            envelope('readMetadata', "<type>CustomObject</type><fullNames>' OR 1=1 --</fullNames>"),
            envelope('deploy', `<ZipFile>${'<'.repeat(5000)}</ZipFile>`),
            `<a>${'<b>'.repeat(500)}${'</b>'.repeat(500)}</a>`
          )
        ),
        async (body) => {
          const response = await handleMetadataSoap(body, { store, baseUrl: '' });
          expect([200, 400]).toContain(response.status);
        }
      ),
      { numRuns: 300 }
    );
    // Every deploy the run queued finishes (Succeeded, Failed), none stays queued.
    const unfinished = (): number =>
      (
        store.db.prepare("SELECT COUNT(*) AS n FROM md_deploy WHERE status IN ('Pending', 'InProgress')").get() as {
          n: number;
        }
      ).n;
    for (let i = 0; i < 100 && unfinished() > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unfinished()).toBe(0);
  }, 60_000);
});
