/**
 * One error factory: every Salesforce error the local org answers is an SfApiError whose code is in errors.ts's
 * catalogue, written in each API's shape from that one object (REST JSON, save results, Bulk cells, SOAP faults),
 * and no error body is built by hand anywhere else in src/localOrg. One XML stack: xml.ts parses, soap.ts reads
 * and writes envelopes.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ERROR_CODES, SfApiError, unknownException } from '../../src/localOrg/errors.js';
import { PARTNER_FAULT_NS, soapFault } from '../../src/localOrg/soap.js';
import { child, childText, parseXml } from '../../src/localOrg/xml.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('SfApiError', () => {
  it('answers with the status of its code unless the call names another', () => {
    expect(new SfApiError('NOT_FOUND', 'gone').status).toBe(404);
    expect(new SfApiError('INVALID_SESSION_ID', 'no').status).toBe(401);
    expect(new SfApiError('EXCEEDED_MAX_SIZE_REQUEST', 'big').status).toBe(413);
    expect(new SfApiError('DUPLICATE_EXTERNAL_ID', 'two').status).toBe(300);
    expect(new SfApiError('MALFORMED_QUERY', 'bad').status).toBe(400);
    expect(new SfApiError('ENTITY_IS_DELETED', 'deleted', 404).status).toBe(404);
    expect(unknownException().status).toBe(500);
    // Every code in the catalogue answers a 3xx, 4xx or, for the org's own failures, a 5xx.
    for (const [code, status] of Object.entries(ERROR_CODES)) {
      expect([code, status >= 300 && status < 600]).toEqual([code, true]);
    }
    expect(Object.entries(ERROR_CODES).filter(([, status]) => status >= 500)).toEqual([
      ['INVALID_LOGIN', 500],
      ['UNKNOWN_EXCEPTION', 500]
    ]);
  });

  it('is written in the shape of each API from the same fields', () => {
    const error = new SfApiError('STRING_TOO_LONG', 'Subject: data value too large', 400, ['Subject__c', 'Name']);
    expect(error.toJSON()).toEqual({
      errorCode: 'STRING_TOO_LONG',
      message: 'Subject: data value too large',
      fields: ['Subject__c', 'Name']
    });
    expect(error.toSaveError()).toEqual({
      statusCode: 'STRING_TOO_LONG',
      message: 'Subject: data value too large',
      fields: ['Subject__c', 'Name']
    });
    expect(error.toBulkText()).toBe('STRING_TOO_LONG:Subject: data value too large:Subject__c,Name --');
  });

  it('is a SOAP fault with its status, sf: code and CODE: message', () => {
    const fault = soapFault(new SfApiError('INVALID_LOGIN', 'Invalid username & password'), PARTNER_FAULT_NS);
    expect(fault.status).toBe(500);
    const body = child(parseXml(fault.body), 'Body');
    const element = child(body, 'Fault');
    expect(childText(element, 'faultcode')).toBe('sf:INVALID_LOGIN');
    expect(childText(element, 'faultstring')).toBe('INVALID_LOGIN: Invalid username & password');
    expect(fault.body).toContain(`xmlns:sf="${PARTNER_FAULT_NS}"`);
    const client = soapFault(new SfApiError('soapenv:Client', 'The request is not a SOAP envelope'));
    expect(client.status).toBe(400);
    expect(childText(child(child(parseXml(client.body), 'Body'), 'Fault'), 'faultcode')).toBe('soapenv:Client');
  });
});

describe('src/localOrg', () => {
  it('builds no error body by hand outside errors.ts and the SOAP writer', () => {
    const root = join('src', 'localOrg');
    const handMade: string[] = [];
    for (const file of sources(root)) {
      const name = relative(root, file);
      if (name === 'errors.ts' || name === 'soap.ts') continue;
      const text = readFileSync(file, 'utf8');
      text.split('\n').forEach((line, index) => {
        // An object literal with an errorCode or statusCode key, or a fault element, is an error body made by hand.
        if (/\b(?:errorCode|statusCode)\s*:\s*['"`]/.test(line) || /<faultcode>|<faultstring>/.test(line)) {
          handMade.push(`${name}:${index + 1}: ${line.trim()}`);
        }
      });
    }
    expect(handMade).toEqual([]);
  });

  it('parses XML in one place: only xml.ts uses the XML parser, and no SOAP body is read with a regular expression', () => {
    const root = join('src', 'localOrg');
    const parsers = sources(root)
      .filter((file) => /from 'fast-xml-parser'|from 'xml2js'/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(parsers).toEqual(['xml.ts']);
    expect(readFileSync(join(root, 'rest', 'soap.ts'), 'utf8')).not.toMatch(/\/<|RegExp\(/);
  });
});
