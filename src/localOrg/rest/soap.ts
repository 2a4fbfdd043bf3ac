/**
 * SOAP endpoints: the Metadata API (`/services/Soap/m/{version}`, answered by metadata/index.ts, for administrators
 * only) and the Partner API's `login` (`/services/Soap/u|c|T/{version}`, what jsforce's `login()` sends); other
 * Partner and Enterprise calls answer a fault. The router authenticates a Metadata API request from the
 * SessionHeader in the first bytes of its body, before reading the rest, and answers refusals as SOAP faults.
 */
import { SfApiError, type ErrorCode } from '../errors.js';
import { MAX_UPLOAD_BODY_BYTES, type ApiRequest, type ApiResponse, type Route } from '../http.js';
import { handleMetadataSoap } from '../metadata/index.js';
import { policyForUser } from '../permissions.js';
import { checkCredentials, createSession, userOfToken } from '../sessions.js';
import { PARTNER_FAULT_NS, PARTNER_NS, parseSoapRequest, soapFault, soapResult } from '../soap.js';
import { childText, type XmlElement } from '../xml.js';

function fault(code: ErrorCode, message: string): ApiResponse {
  return soapFault(new SfApiError(code, message), PARTNER_FAULT_NS);
}

async function metadataSoap(request: ApiRequest): Promise<ApiResponse> {
  // Only an unrestricted user (System Administrator: "Modify Metadata") may use the Metadata API.
  if (policyForUser(request.store, request.userId)) {
    return soapFault(new SfApiError('INSUFFICIENT_ACCESS', 'The Metadata API needs the Modify Metadata permission'));
  }
  const result = await handleMetadataSoap(request.body.toString('utf8'), {
    store: request.store,
    baseUrl: request.baseUrl
  });
  return { status: result.status, body: result.body, contentType: result.contentType };
}

/** The Partner API `login` call: checks the password and answers a `loginResponse` with a new session of that user. */
function soapLogin(request: ApiRequest, args: XmlElement): ApiResponse {
  const username = childText(args, 'username') ?? '';
  const password = childText(args, 'password') ?? '';
  const userId = checkCredentials(request.store, username, password);
  if (!userId) return fault('INVALID_LOGIN', 'Invalid username, password, security token; or user locked out.');
  const sessionId = createSession(request.store, userId);
  const { orgId } = request.store.identity;
  const user = request.store.getRecord('User', userId) ?? {};
  const version = request.params.version;
  const org15 = orgId.slice(0, 15);
  const text = (value: unknown): string => String(value ?? '');
  return soapResult(
    'login',
    {
      metadataServerUrl: `${request.baseUrl}/services/Soap/m/${version}/${org15}`,
      passwordExpired: false,
      sandbox: false,
      serverUrl: `${request.baseUrl}/services/Soap/u/${version}/${org15}`,
      sessionId,
      userId,
      userInfo: {
        organizationId: orgId,
        organizationName: 'Maintenance Local Org',
        userEmail: text(user.Email),
        userFullName: text(user.Name),
        userId,
        userLanguage: text(user.LanguageLocaleKey),
        userLocale: text(user.LocaleSidKey),
        userName: text(user.Username),
        userTimeZone: text(user.TimeZoneSidKey),
        userType: 'Standard'
      }
    },
    PARTNER_NS
  );
}

function partnerSoap(request: ApiRequest): ApiResponse {
  let operation: string;
  let args: XmlElement;
  let sessionId: string | undefined;
  try {
    ({ operation, args, sessionId } = parseSoapRequest(request.body.toString('utf8')));
  } catch (error) {
    if (error instanceof SfApiError) return soapFault(error, PARTNER_FAULT_NS);
    throw error;
  }
  if (operation === 'login') return soapLogin(request, args);
  if (userOfToken(request.store, sessionId) === undefined) {
    return fault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session');
  }
  return fault('UNSUPPORTED_API', 'The local org answers the Partner and Enterprise APIs through REST only');
}

export const soapRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/services\/Soap\/m\/(?<version>\d+\.\d)(?:\/[0-9A-Za-z]{15,18})?$/,
    handler: metadataSoap,
    soap: 'session',
    transactional: false,
    maxBodyBytes: MAX_UPLOAD_BODY_BYTES
  },
  {
    method: 'POST',
    pattern: /^\/services\/Soap\/[cuT]\/(?<version>\d+\.\d)(?:\/[0-9A-Za-z]{15,18})?$/,
    handler: partnerSoap,
    soap: 'public'
  }
];
