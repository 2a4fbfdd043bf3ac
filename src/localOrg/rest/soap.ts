/**
 * SOAP endpoints. The Metadata API (`/services/Soap/m/{version}`) is answered by metadata/index.ts; this module
 * authenticates the envelope's SessionHeader first (SOAP carries the token in the body, not in a header) and answers
 * SOAP faults for what the local org does not speak.
 */
import { tokenMatches } from '../auth.js';
import { MAX_UPLOAD_BODY_BYTES, type ApiRequest, type ApiResponse, type Route } from '../http.js';
import { handleMetadataSoap } from '../metadata/index.js';

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

function otherSoap(request: ApiRequest): ApiResponse {
  const xml = request.body.toString('utf8');
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
