/**
 * Hostile-input fuzzing over HTTP: more than 5,000 malformed or malicious requests (broken JSON, broken SOQL,
 * injection attempts, huge bodies, unknown and traversal paths, bad ids, broken SOAP and zips, wrong methods and
 * content types). Every answer must be a 4xx in Salesforce's error shape, never a 5xx, and the org must keep
 * answering with its data intact. The generator is seeded, so a failure reproduces.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, startFixtureOrg, type TestOrg } from './orgFixtures.js';

let test: TestOrg;
const V = '/services/data/v62.0';

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface HostileRequest {
  category: string;
  method: string;
  path: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  token?: string | null;
  soap?: boolean;
}

const NASTY = [
  "' OR '1'='1",
  "'; DROP TABLE o_account; --",
  '\u0000',
  '\\',
  '"',
  '%',
  '_',
  '\u202e',
  '😀',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '${7*7}',
  'SELECT',
  '))))))',
  '((((((',
  'NULL',
  '\n\r\t',
  'a'.repeat(5000)
];

function generator(seed: number, token: string): () => HostileRequest {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const garbage = (length: number): string =>
    Array.from({ length }, () => String.fromCharCode(Math.floor(random() * 0x2fff) + 1)).join('');
  const ascii = (length: number): string =>
    Array.from({ length }, () => String.fromCharCode(33 + Math.floor(random() * 94))).join('');
  const nasty = (): string => pick(NASTY) + (random() < 0.5 ? garbage(Math.floor(random() * 20)) : '');

  const brokenJson = (): string =>
    pick([
      () => '{"Name": ',
      () => `{"Name": "${nasty()}"`,
      () => '[1,2,',
      () => garbage(Math.floor(random() * 200)),
      () => '{"records": [{"attributes": {"type": "Account"}, "Name": "x"}',
      () => '{"Name": "x"}}',
      () => "{'Name': 'single quotes'}",
      () => 'null',
      () => '42',
      () => '"a string"',
      () => '{"Name": NaN}',
      () => '{"allOrNone": true, "records": "not an array"}',
      () => `{"records": [${'1,'.repeat(10)}1]}`
    ])();

  const brokenSoql = (): string =>
    pick([
      () => `SELECT Id FROM Account WHERE Name = '${nasty().replace(/'/g, '')}`,
      () => `SELECT ${nasty()} FROM Account`,
      () => `SELECT Id FROM ${nasty()}`,
      () => `SELECT Id FROM Account WHERE ${'('.repeat(1 + Math.floor(random() * 50))}Name = 'x'`,
      () => `SELECT Id FROM Account WHERE Name = 'x' ${pick(['AND', 'OR', 'NOT', 'LIMIT', 'ORDER BY', ';'])}`,
      () => 'SELECT Id FROM Account; DROP TABLE o_account',
      () => `SELECT Id FROM Account WHERE Id = '${garbage(18)}'`,
      () => `SELECT Id FROM Account WHERE NumberOfEmployees = '${nasty()}'`,
      () => `SELECT Id FROM Account LIMIT ${pick(['-1', 'abc', '1e99', "'1'"])}`,
      () => `SELECT Id FROM Account OFFSET ${2001 + Math.floor(random() * 1e6)}`,
      () => garbage(Math.floor(random() * 300)),
      () => `SELECT Name, COUNT(Id) FROM Account`,
      () => `SELECT Id, (SELECT Id FROM ${nasty()}) FROM Account`,
      () => `SELECT ${'Parent.'.repeat(6 + Math.floor(random() * 10))}Name FROM Account`,
      () => `SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'`,
      () =>
        `SELECT Id FROM Account WHERE CreatedDate = ${pick(['LAST_N_DAYS:-1', 'NEXT_N_DAYS:x', 'TODAY:1', '2026-13-45'])}`,
      () => 'SELECT Id FROM ScratchOrgInfo'
    ])();

  const badId = (): string =>
    pick([
      () => garbage(1 + Math.floor(random() * 30)),
      () => `001${'0'.repeat(12)}`,
      () => `a99${'1'.repeat(15)}`,
      () => '0015L0000000001QAZ',
      () => encodeURIComponent(nasty()),
      () => '%ZZ',
      () => '..%2F..%2Fetc'
    ])();

  /** A JSON value nested `depth` levels deep (arrays or objects). */
  const deepJson = (depth: number): string =>
    random() < 0.5 ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

  const makers: (() => HostileRequest)[] = [
    () => {
      const depth = pick([101, 1000, 100_000]);
      return pick<() => HostileRequest>([
        () => ({
          category: 'deep json',
          method: 'POST',
          path: `${V}/sobjects/Account`,
          body: `{"Name":${deepJson(depth)}}`
        }),
        () => ({
          category: 'deep json',
          method: 'POST',
          path: `${V}/composite/sobjects`,
          body: `{"records":${deepJson(depth)}}`
        }),
        () => ({
          category: 'deep json',
          method: 'POST',
          path: `${V}/composite/tree/Account`,
          body: `{"records":[{"attributes":{"type":"Account","referenceId":"r"},"Name":${deepJson(depth)}}]}`
        }),
        () => ({
          category: 'deep json',
          method: 'POST',
          path: `${V}/ui-api/records`,
          body: `{"apiName":"Account","fields":{"Name":${deepJson(depth)}}}`
        }),
        () => ({ category: 'deep json', method: 'POST', path: `${V}/jobs/ingest`, body: deepJson(depth) })
      ])();
    },
    () => ({
      category: 'date range',
      method: 'GET',
      path: `${V}/query?q=${encodeURIComponent(
        `SELECT Id FROM Account WHERE ${pick(['CreatedDate', 'LastModifiedDate'])} ${pick(['=', '>', '<'])} ${pick([
          'LAST_N_DAYS',
          'NEXT_N_DAYS',
          'N_DAYS_AGO',
          'LAST_N_WEEKS',
          'NEXT_N_MONTHS',
          'N_QUARTERS_AGO',
          'LAST_N_YEARS',
          'NEXT_N_FISCAL_YEARS'
        ])}:${pick(['99999999999', '1000001', '900000', '123456789012345678901234567890', '9007199254740993'])}`
      )}`
    }),
    () => ({
      category: 'deep xml',
      method: 'POST',
      path: pick(['/services/Soap/m/62.0', '/services/Soap/u/62.0']),
      soap: true,
      headers: { 'Content-Type': 'text/xml', SOAPAction: '""' },
      body:
        '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header><SessionHeader>' +
        `<sessionId>${token}</sessionId></SessionHeader></soapenv:Header><soapenv:Body><listMetadata>` +
        `${'<a>'.repeat(3000)}${'</a>'.repeat(3000)}</listMetadata></soapenv:Body></soapenv:Envelope>`
    }),
    () => ({ category: 'json create', method: 'POST', path: `${V}/sobjects/Account`, body: brokenJson() }),
    () => ({
      category: 'json collections',
      method: pick(['POST', 'PATCH']),
      path: `${V}/composite/sobjects`,
      body: brokenJson()
    }),
    () => ({ category: 'json tree', method: 'POST', path: `${V}/composite/tree/Account`, body: brokenJson() }),
    () => ({ category: 'json bulk', method: 'POST', path: `${V}/jobs/ingest`, body: brokenJson() }),
    () => ({
      category: 'json upsert',
      method: 'PATCH',
      path: `${V}/sobjects/Handover_Checklist__c/External_Id__c/X`,
      body: brokenJson()
    }),
    () => ({ category: 'soql', method: 'GET', path: `${V}/query?q=${encodeURIComponent(brokenSoql())}` }),
    () => ({ category: 'soql all', method: 'GET', path: `${V}/queryAll?q=${encodeURIComponent(brokenSoql())}` }),
    () => ({ category: 'locator', method: 'GET', path: `${V}/query/${badId()}-${Math.floor(random() * 1e6)}` }),
    () => ({
      category: 'bad id',
      method: pick(['GET', 'PATCH', 'DELETE']),
      path: `${V}/sobjects/Account/${badId()}`,
      body: '{"Name":"x"}'
    }),
    () => ({ category: 'bad type', method: 'GET', path: `${V}/sobjects/${badId()}/describe` }),
    () => ({
      category: 'bad job',
      method: pick(['GET', 'PATCH', 'DELETE']),
      path: `${V}/jobs/ingest/${badId()}`,
      body: '{"state":"UploadComplete"}'
    }),
    () => ({
      category: 'unknown path',
      method: pick(['GET', 'POST', 'PUT', 'DELETE']),
      path: `/${garbage(1 + Math.floor(random() * 40)).replace(/[?#]/g, '')}`
    }),
    () => ({
      category: 'traversal',
      method: 'GET',
      path: pick([
        '/services/data/v62.0/../../../etc/passwd',
        '/services/%2e%2e/%2e%2e/etc/passwd',
        '/..%00/',
        '/services/data/v62.0/sobjects/../../..'
      ])
    }),
    () => ({
      category: 'no token',
      method: 'GET',
      path: `${V}/sobjects`,
      token: pick([null, '', ascii(30), `${token.slice(0, 20)}`, `${token}x`])
    }),
    () => ({ category: 'wrong method', method: pick(['PUT', 'DELETE']), path: `${V}/query?q=SELECT+Id+FROM+Account` }),
    () => ({
      category: 'retrieve',
      method: 'GET',
      path: `${V}/composite/sobjects/Account?ids=${badId()}&fields=${encodeURIComponent(nasty())}`
    }),
    () => ({
      category: 'delete many',
      method: 'DELETE',
      path: `${V}/composite/sobjects?ids=${Array.from({ length: 201 }, () => '001').join(',')}`
    }),
    () => ({
      category: 'soap',
      method: 'POST',
      path: '/services/Soap/m/62.0',
      soap: true,
      headers: { 'Content-Type': 'text/xml', SOAPAction: '""' },
      body: pick([
        () => garbage(200),
        () =>
          `<?xml version="1.0"?><Envelope><Header><SessionHeader><sessionId>${token}</sessionId></SessionHeader></Header><Body><${pick(['deploy', 'checkDeployStatus', 'nope', 'listMetadata'])}>${garbage(50).replace(/[<>&]/g, '')}`,
        () =>
          `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "${'A'.repeat(100)}"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>`,
        () =>
          `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header><SessionHeader><sessionId>wrong</sessionId></SessionHeader></soapenv:Header><soapenv:Body><describeMetadata/></soapenv:Body></soapenv:Envelope>`
      ])()
    }),
    () => ({
      category: 'bulk upload',
      method: 'PUT',
      path: `${V}/jobs/ingest/750${'0'.repeat(15)}/batches`,
      headers: { 'Content-Type': pick(['text/csv', 'application/json', 'text/plain']) },
      body: garbage(100)
    }),
    () => ({
      category: 'bad record',
      method: 'POST',
      path: `${V}/sobjects/${pick(['Maintenance_Incident__c', 'Handover_Item__c', 'Account', 'Organization', 'User'])}`,
      body: JSON.stringify(
        pick([
          () => ({ Subject__c: nasty(), Reported_At__c: nasty() }),
          () => ({ Name: { nested: nasty() } }),
          () => ({ Name: [nasty()] }),
          () => ({ [nasty()]: 1 }),
          () => ({ Id: '001000000000001AAA', Name: 'x' }),
          () => ({ Checklist__c: badId(), Name: 'x' }),
          () => ({ Account__c: nasty(), Subject__c: 'x', Reported_At__c: '2026-01-01' }),
          () => ({ Priority__c: nasty(), Subject__c: 'x' })
        ])()
      )
    })
  ];
  return () => pick(makers)();
}

function isSalesforceError(text: string, soap: boolean): boolean {
  if (soap) return /<faultcode>[^<]+<\/faultcode>/.test(text) && /<faultstring>/.test(text);
  try {
    const body = JSON.parse(text) as unknown;
    return (
      Array.isArray(body) &&
      body.length > 0 &&
      body.every(
        (entry: { errorCode?: unknown; message?: unknown }) =>
          typeof entry.errorCode === 'string' && typeof entry.message === 'string'
      )
    );
  } catch {
    return false;
  }
}

beforeAll(async () => {
  test = await startFixtureOrg();
  await test.conn.sobject('Account').create({ Name: 'Survivor' });
}, 30000);

afterAll(async () => {
  await test.stop();
});

describe('hostile input', () => {
  it('answers more than 5,000 malformed or malicious requests with Salesforce-shaped 4xx errors', async () => {
    const next = generator(Number(process.env.LOCAL_ORG_FUZZ_SEED ?? 20260401), test.org.accessToken);
    const total = 5200;
    const problems: string[] = [];
    const categories = new Map<string, number>();
    for (let sent = 0; sent < total; sent += 50) {
      const batch = Array.from({ length: 50 }, next);
      const answers = await Promise.all(
        batch.map(async (request) => {
          const response = await call(test.org, request.path, {
            method: request.method,
            body: request.method === 'GET' ? undefined : request.body,
            headers: request.headers,
            token: request.token === undefined ? undefined : request.token === '' ? 'x' : request.token
          });
          return { request, response };
        })
      );
      for (const { request, response } of answers) {
        categories.set(request.category, (categories.get(request.category) ?? 0) + 1);
        const ok =
          response.status >= 400 && response.status < 500 && isSalesforceError(response.text, request.soap === true);
        if (!ok && problems.length < 10) {
          problems.push(
            `${request.category} ${request.method} ${request.path.slice(0, 120)} -> ${response.status} ${response.text.slice(0, 200)}`
          );
        }
      }
    }
    expect(problems).toEqual([]);
    expect([...categories.values()].reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(5000);
    expect(categories.size).toBeGreaterThanOrEqual(21);
  }, 180000);

  it('answers huge bodies with 413 and keeps serving', async () => {
    for (const path of [`${V}/sobjects/Account`, `${V}/composite/sobjects`, `${V}/composite/tree/Account`]) {
      const response = await call(test.org, path, { method: 'POST', body: Buffer.alloc(20 * 1024 * 1024, 0x7b) });
      expect(response.status).toBe(413);
      expect(isSalesforceError(response.text, false)).toBe(true);
    }
  }, 60000);

  it('accepts a deploy of a broken zip as Salesforce does, and fails it in checkDeployStatus', async () => {
    const envelope = (body: string): string =>
      '<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header>' +
      `<SessionHeader><sessionId>${test.org.accessToken}</sessionId></SessionHeader></soapenv:Header><soapenv:Body>${body}` +
      '</soapenv:Body></soapenv:Envelope>';
    const random = prng(7);
    for (let attempt = 0; attempt < 20; attempt++) {
      const zip = Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256))).toString('base64');
      const soap = { method: 'POST', token: null, headers: { 'Content-Type': 'text/xml', SOAPAction: '""' } };
      const deploy = await call(test.org, '/services/Soap/m/62.0', {
        ...soap,
        body: envelope(`<deploy xmlns="http://soap.sforce.com/2006/04/metadata"><ZipFile>${zip}</ZipFile></deploy>`)
      });
      const id = /<id>([^<]+)<\/id>/.exec(deploy.text)?.[1];
      expect(id).toBeDefined();
      let status = '';
      for (let poll = 0; poll < 50 && !/<done>true<\/done>/.test(status); poll++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        status = (
          await call(test.org, '/services/Soap/m/62.0', {
            ...soap,
            body: envelope(
              `<checkDeployStatus xmlns="http://soap.sforce.com/2006/04/metadata"><asyncProcessId>${String(id)}` +
                '</asyncProcessId><includeDetails>true</includeDetails></checkDeployStatus>'
            )
          })
        ).text;
      }
      expect(status).toContain('<status>Failed</status>');
    }
  }, 60000);

  it('injection inside string literals stays a value', async () => {
    for (const payload of NASTY) {
      const escaped = payload
        .replace(/\\/g, '\\\\')
        .replace(/'/g, "\\'")
        .replace(/\n/g, '\\n')
        .replace(/\r/g, '\\r')
        .replace(/\t/g, '\\t');
      const response = await call(
        test.org,
        `${V}/query?q=${encodeURIComponent(`SELECT Id FROM Account WHERE Name = '${escaped}'`)}`
      );
      if (response.status === 200) expect(response.json()).toMatchObject({ totalSize: 0 });
      else expect(isSalesforceError(response.text, false)).toBe(true);
    }
  });

  it('is still up afterwards, with its data intact', async () => {
    const result = await test.conn.query<{ Name: string }>('SELECT Name FROM Account');
    expect(result.records.map((record) => record.Name)).toEqual(['Survivor']);
    const versions = await call(test.org, '/services/data', { token: null });
    expect(versions.status).toBe(200);
  });
});

describe('broken HTTP', () => {
  it('answers requests that are not HTTP with a Salesforce-shaped 400', async () => {
    const { connect } = await import('node:net');
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(test.org.port, '127.0.0.1', () =>
        socket.write('GET /services/data HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n')
      );
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(isSalesforceError(answer.slice(answer.indexOf('\r\n\r\n') + 4), false)).toBe(true);
    expect((await call(test.org, '/services/data', { token: null })).status).toBe(200);
  });
});
