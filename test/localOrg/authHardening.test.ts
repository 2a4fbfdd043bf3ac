/**
 * Refusing before reading (a SOAP body is authenticated from its first bytes, an unauthenticated body is capped low)
 * and locking a username out after repeated failed logins, as Salesforce does.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import { Connection } from 'jsforce';
import { MAX_LOGIN_ATTEMPTS } from '../../src/localOrg/sessions.js';
import { call, startFixtureOrg, type TestOrg } from './orgFixtures.js';

const V = '/services/data/v62.0';
let test: TestOrg;

beforeAll(async () => {
  test = await startFixtureOrg();
});
afterAll(async () => test.stop());

function envelope(sessionId: string, body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns="http://soap.sforce.com/2006/04/metadata"><soapenv:Header><SessionHeader><sessionId>' +
    `${sessionId}</sessionId></SessionHeader></soapenv:Header><soapenv:Body>${body}`
  );
}

describe('refusing before reading', () => {
  it('answers a Metadata API call with a wrong session before its body has been sent', async () => {
    const url = new URL(`${test.org.instanceUrl}/services/Soap/m/62.0`);
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'Content-Type': 'text/xml', SOAPAction: 'deploy', 'Content-Length': 140 * 1024 * 1024 }
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        }
      );
      req.on('error', reject);
      // The header and 1 MB of a 140 MB deploy: the answer must come without the rest.
      req.write(envelope('00Dwrong!token', `<deploy><ZipFile>${'A'.repeat(1024 * 1024)}`));
      setTimeout(() => reject(new Error('no answer before the body was sent')), 5000).unref();
    });
    expect(answer.status).toBe(401);
    expect(answer.text).toContain('<faultcode>sf:INVALID_SESSION_ID</faultcode>');
  });

  it('reads a valid session from the envelope and answers the call', async () => {
    const response = await call(test.org, '/services/Soap/m/62.0', {
      method: 'POST',
      token: null,
      headers: { 'Content-Type': 'text/xml', SOAPAction: 'describeMetadata' },
      body: `${envelope(test.org.accessToken, '<describeMetadata><asOfVersion>62.0</asOfVersion></describeMetadata>')}</soapenv:Body></soapenv:Envelope>`
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain('<describeMetadataResponse>');
  });

  it('caps the body of a request that has not authenticated', async () => {
    const big = 'x'.repeat(100 * 1024);
    const token = await call(test.org, '/services/oauth2/token', {
      method: 'POST',
      token: null,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=password&username=a&password=${big}`
    });
    expect(token.status).toBe(413);
    const login = await call(test.org, '/services/Soap/u/62.0', {
      method: 'POST',
      token: null,
      headers: { 'Content-Type': 'text/xml', SOAPAction: 'login' },
      body: `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><login><username>${big}</username></login></soapenv:Body></soapenv:Envelope>`
    });
    expect(login.status).toBe(413);
    expect(login.text).toContain('<faultcode>sf:EXCEEDED_MAX_SIZE_REQUEST</faultcode>');
  });
});

describe('failed logins', () => {
  async function oauthLogin(username: string, password: string): Promise<{ status: number; body: unknown }> {
    const response = await call(test.org, '/services/oauth2/token', {
      method: 'POST',
      token: null,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username, password }).toString()
    });
    return { status: response.status, body: response.json() };
  }

  it(`lock the username out after ${MAX_LOGIN_ATTEMPTS}, the right password included, until an admin sets one`, async () => {
    const conn = test.conn;
    const profile = await conn.query<{ Id: string }>("SELECT Id FROM Profile WHERE Name = 'Standard User'");
    const user = await conn.sobject('User').create({
      Username: 'target@lockout.test',
      LastName: 'Target',
      Alias: 'target',
      Email: 'target@lockout.test',
      ProfileId: profile.records[0].Id,
      TimeZoneSidKey: 'Europe/Paris',
      LocaleSidKey: 'fr_FR',
      LanguageLocaleKey: 'en_US',
      EmailEncodingKey: 'UTF-8'
    });
    const setPassword = (password: string): Promise<unknown> =>
      conn.request({
        method: 'POST',
        url: `${V}/sobjects/User/${user.id as string}/password`,
        body: JSON.stringify({ NewPassword: password }),
        headers: { 'Content-Type': 'application/json' }
      });
    await setPassword('Right#Pass2026');
    expect((await oauthLogin('target@lockout.test', 'Right#Pass2026')).status).toBe(200);

    const refused = { status: 400, body: { error: 'invalid_grant', error_description: 'authentication failure' } };
    for (let attempt = 1; attempt <= MAX_LOGIN_ATTEMPTS; attempt++) {
      expect(await oauthLogin('target@lockout.test', `Wrong#${attempt}`)).toEqual(refused);
    }
    // Locked: the right password is refused too, in the same words, over OAuth and over SOAP.
    expect(await oauthLogin('target@lockout.test', 'Right#Pass2026')).toEqual(refused);
    const soap = new Connection({ loginUrl: test.org.instanceUrl, version: '62.0' });
    await expect(soap.login('target@lockout.test', 'Right#Pass2026')).rejects.toThrow(/INVALID_LOGIN/);

    // An administrator setting a new password unlocks the user.
    await setPassword('New#Pass2026');
    expect((await oauthLogin('target@lockout.test', 'New#Pass2026')).status).toBe(200);
  }, 30_000);

  it('are counted for unknown usernames too, so that the answers never tell which names exist', async () => {
    for (let attempt = 1; attempt <= MAX_LOGIN_ATTEMPTS + 1; attempt++) {
      expect((await oauthLogin('nobody@lockout.test', 'guess')).body).toEqual({
        error: 'invalid_grant',
        error_description: 'authentication failure'
      });
    }
  }, 30_000);
});
