/**
 * SOAP endpoints. The Metadata API (`/services/Soap/m/{version}`) is answered by metadata/index.ts; this module
 * authenticates the envelope's SessionHeader first (SOAP carries the token in the body, not in a header) and answers
 * SOAP faults for what the local org does not speak.
 */
import { tokenMatches } from '../auth.js';
import { MAX_UPLOAD_BODY_BYTES, type ApiRequest, type ApiResponse, type Route } from '../http.js';
import { handleMetadataSoap } from '../metadata/index.js';
import { checkCredentials, createSession } from '../sessions.js';

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A SOAP 1.1 fault as Salesforce writes it. */
export function soapFault(status: number, code: string, message: string): ApiResponse {
  const body =
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:sf="urn:fault.partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<soapenv:Body><soapenv:Fault><faultcode>sf:${escapeXml(code)}</faultcode><faultstring>${escapeXml(
      `${code}: ${message}`
    )}</faultstring><detail><sf:UnexpectedErrorFault xsi:type="sf:UnexpectedErrorFault"><sf:exceptionCode>` +
    `${escapeXml(code)}</sf:exceptionCode><sf:exceptionMessage>${escapeXml(message)}</sf:exceptionMessage>` +
    '</sf:UnexpectedErrorFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>';
  return { status, body, contentType: 'text/xml;charset=UTF-8' };
}

/** The session id of a SOAP envelope's SessionHeader (any namespace prefix). */
function sessionIdOf(xml: string): string | undefined {
  const match = /<(?:[A-Za-z0-9_]+:)?sessionId>\s*([^<\s]+)\s*<\/(?:[A-Za-z0-9_]+:)?sessionId>/.exec(xml);
  return match?.[1];
}

function authenticated(request: ApiRequest, xml: string): boolean {
  return tokenMatches(sessionIdOf(xml), request.store.identity.accessToken);
}

async function metadataSoap(request: ApiRequest): Promise<ApiResponse> {
  const xml = request.body.toString('utf8');
  if (!authenticated(request, xml)) {
    return soapFault(401, 'INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session');
  }
  const result = await handleMetadataSoap(xml, { store: request.store, baseUrl: request.baseUrl });
  return { status: result.status, body: result.body, contentType: 'text/xml;charset=UTF-8' };
}

function unescapeXml(text: string): string {
  return text.replace(/&(#x?[0-9A-Fa-f]+|lt|gt|amp|quot|apos);/g, (match, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (named[entity]) return named[entity];
    const code = entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  });
}

/** The text of the first `<name>` element (any namespace prefix), unescaped. */
function elementText(xml: string, name: string): string | undefined {
  const match = new RegExp(`<(?:[A-Za-z0-9_]+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[A-Za-z0-9_]+:)?${name}>`).exec(xml);
  return match ? unescapeXml(match[1]) : undefined;
}

/**
 * The Partner API `login` call (what jsforce's `login()` sends without an OAuth client): checks the password and
 * answers a `loginResponse` with a new session of that user.
 */
function soapLogin(request: ApiRequest, xml: string): ApiResponse {
  const username = elementText(xml, 'username') ?? '';
  const password = elementText(xml, 'password') ?? '';
  const userId = checkCredentials(request.store, username, password);
  if (!userId) {
    return soapFault(500, 'INVALID_LOGIN', 'Invalid username, password, security token; or user locked out.');
  }
  const sessionId = createSession(request.store, userId);
  const { orgId } = request.store.identity;
  const user = request.store.getRecord('User', userId) ?? {};
  const version = request.params.version;
  const org15 = orgId.slice(0, 15);
  const value = (name: string, text: unknown): string => `<${name}>${escapeXml(String(text ?? ''))}</${name}>`;
  const body =
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>' +
    '<loginResponse><result>' +
    value('metadataServerUrl', `${request.baseUrl}/services/Soap/m/${version}/${org15}`) +
    value('passwordExpired', 'false') +
    value('sandbox', 'false') +
    value('serverUrl', `${request.baseUrl}/services/Soap/u/${version}/${org15}`) +
    value('sessionId', sessionId) +
    value('userId', userId) +
    '<userInfo>' +
    value('organizationId', orgId) +
    value('organizationName', 'Maintenance Local Org') +
    value('userEmail', user.Email) +
    value('userFullName', user.Name) +
    value('userId', userId) +
    value('userLanguage', user.LanguageLocaleKey) +
    value('userLocale', user.LocaleSidKey) +
    value('userName', user.Username) +
    value('userTimeZone', user.TimeZoneSidKey) +
    value('userType', 'Standard') +
    '</userInfo></result></loginResponse></soapenv:Body></soapenv:Envelope>';
  return { status: 200, body, contentType: 'text/xml;charset=UTF-8' };
}

function otherSoap(request: ApiRequest): ApiResponse {
  const xml = request.body.toString('utf8');
  if (/<(?:[A-Za-z0-9_]+:)?login[\s>]/.test(xml)) return soapLogin(request, xml);
  if (!authenticated(request, xml)) {
    return soapFault(401, 'INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session');
  }
  return soapFault(400, 'UNSUPPORTED_API', 'The local org answers the Partner and Enterprise APIs through REST only');
}

export const soapRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/services\/Soap\/m\/(?<version>\d+\.\d)(?:\/[0-9A-Za-z]{15,18})?$/,
    handler: metadataSoap,
    public: true,
    transactional: false,
    maxBodyBytes: MAX_UPLOAD_BODY_BYTES
  },
  {
    method: 'POST',
    pattern: /^\/services\/Soap\/[cuT]\/(?<version>\d+\.\d)(?:\/[0-9A-Za-z]{15,18})?$/,
    handler: otherSoap,
    public: true
  }
];
