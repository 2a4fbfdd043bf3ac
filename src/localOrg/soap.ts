/**
 * The local org's one SOAP stack (Metadata API and the Partner API's `login`): reading a request (operation,
 * arguments, session id, also from the first bytes of a large body) and writing responses and faults in the shapes
 * Salesforce sends and jsforce parses (xml2js, then cast with its schema: the first element
 * under `soapenv:Body` is the response, its `result` child the value; a fault's `faultcode`/`faultstring` become
 * the error code and message).
 */
import { SfApiError } from './errors.js';
import { child, childText, escapeXml, parseXml, XmlSyntaxError, type XmlElement } from './xml.js';

export const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';
/** The Partner API's namespaces: results, and faults. */
export const PARTNER_NS = 'urn:partner.soap.sforce.com';
export const PARTNER_FAULT_NS = 'urn:fault.partner.soap.sforce.com';
export const SOAP_CONTENT_TYPE = 'text/xml;charset=UTF-8';

export interface SoapResponse {
  /** HTTP status: 200, or 500 for a fault (as Salesforce answers every SOAP fault). */
  status: number;
  body: string;
  contentType: string;
}

export interface SoapRequest {
  /** The operation element's local name (`deploy`, `checkDeployStatus`, ...). */
  operation: string;
  args: XmlElement;
  /** `SessionHeader/sessionId` when present. */
  sessionId?: string;
}

/** Reads a SOAP request envelope; throws a `soapenv:Client` error (answered as a fault) when it is not one. */
export function parseSoapRequest(xmlBody: string): SoapRequest {
  let envelope: XmlElement;
  try {
    envelope = parseXml(xmlBody);
  } catch (error) {
    const where = error instanceof XmlSyntaxError && error.line ? ` at line ${error.line}` : '';
    throw new SfApiError('soapenv:Client', `Malformed SOAP request${where}: ${(error as Error).message}`);
  }
  if (envelope.name !== 'Envelope') throw new SfApiError('soapenv:Client', 'The request is not a SOAP envelope');
  const body = child(envelope, 'Body');
  const operation = body?.children[0];
  if (!operation) throw new SfApiError('soapenv:Client', 'The SOAP body names no operation');
  const sessionId = childText(child(child(envelope, 'Header'), 'SessionHeader'), 'sessionId');
  return { operation: operation.name, args: operation, sessionId };
}

/**
 * The session id in the SessionHeader of an envelope of which only the first bytes are known (the router
 * authenticates a 150 MB deploy before reading it): the envelope up to the end of its Header, closed and parsed.
 * Undefined when the Header is not complete in `head`, or carries no session.
 */
export function sessionIdOfHead(head: string): string | undefined {
  const start = /<(?<envelope>(?:[A-Za-z_][\w.-]*:)?Envelope)[\s>]/.exec(head);
  const end = /<\/(?:[A-Za-z_][\w.-]*:)?Header\s*>/.exec(head);
  if (!start?.groups || !end || end.index < start.index) return undefined;
  try {
    const envelope = parseXml(`${head.slice(0, end.index + end[0].length)}</${start.groups.envelope}>`);
    return childText(child(child(envelope, 'Header'), 'SessionHeader'), 'sessionId');
  } catch {
    return undefined;
  }
}

/** A value to serialize: nested objects become elements, arrays repeat their element, null is `xsi:nil`. */
export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | XmlObject;
export interface XmlObject {
  [key: string]: XmlValue;
}

/** The key whose string value becomes an `xsi:type` attribute (used by readMetadata records). */
export const XSI_TYPE = '@xsi:type';
/** The key whose string value is inserted as already-serialized XML content. */
export const RAW_XML = '@raw';

/** Serializes `value` as element `name`; undefined values are left out. */
export function toXml(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => toXml(name, v)).join('');
  if (value === null) return `<${name} xsi:nil="true"/>`;
  if (typeof value === 'object') {
    const type = value[XSI_TYPE];
    const attrs = typeof type === 'string' ? ` xsi:type="${escapeXml(type)}"` : '';
    const raw = typeof value[RAW_XML] === 'string' ? (value[RAW_XML] as string) : '';
    const inner = Object.entries(value)
      .filter(([k]) => k !== XSI_TYPE && k !== RAW_XML)
      .map(([k, v]) => toXml(k, v))
      .join('');
    return `<${name}${attrs}>${inner}${raw}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function envelope(body: string, namespace: string, extraNamespaces = ''): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
    `xmlns="${namespace}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"${extraNamespaces}>` +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  );
}

/**
 * `<{operation}Response><result>...</result></...>`; an array result repeats `result`, undefined sends none.
 * `namespace`: the API's (the Metadata API's by default, PARTNER_NS for `login`).
 */
export function soapResult(operation: string, result: XmlValue, namespace = METADATA_NS): SoapResponse {
  return {
    status: 200,
    contentType: SOAP_CONTENT_TYPE,
    body: envelope(`<${operation}Response>${toXml('result', result)}</${operation}Response>`, namespace)
  };
}

/**
 * An error as a SOAP fault, with the error's HTTP status (Salesforce answers every fault with 500; the local org
 * answers faults the request caused with a 4xx, which jsforce reads the same way). The code is an exception code
 * such as `INVALID_SESSION_ID` (written `sf:INVALID_SESSION_ID`, which jsforce recognises as an expired session) or
 * a SOAP code (`soapenv:Client`, written as is); the fault string is `CODE: message` for exception codes.
 */
export function soapFault(error: SfApiError, faultNamespace = METADATA_NS): SoapResponse {
  const { errorCode: code, message } = error;
  const isSoapCode = code.includes(':');
  const faultcode = isSoapCode ? code : `sf:${code}`;
  const faultstring = isSoapCode ? message : `${code}: ${message}`;
  const detail = isSoapCode
    ? ''
    : '<detail><sf:UnexpectedErrorFault xsi:type="sf:UnexpectedErrorFault">' +
      `<sf:exceptionCode>${escapeXml(code)}</sf:exceptionCode>` +
      `<sf:exceptionMessage>${escapeXml(message)}</sf:exceptionMessage></sf:UnexpectedErrorFault></detail>`;
  return {
    status: error.status,
    contentType: SOAP_CONTENT_TYPE,
    body: envelope(
      `<soapenv:Fault><faultcode>${escapeXml(faultcode)}</faultcode><faultstring>${escapeXml(faultstring)}</faultstring>${detail}</soapenv:Fault>`,
      faultNamespace === METADATA_NS ? METADATA_NS : PARTNER_NS,
      ` xmlns:sf="${faultNamespace}"`
    )
  };
}
