/**
 * Logging users in: the OAuth 2.0 username-password grant (`POST /services/oauth2/token`) with Salesforce's answer
 * and `invalid_grant` errors, and the REST password resource (`/sobjects/User/{id}/password`) an administrator uses
 * to set a user's password. Each login opens a session of its own (sessions.ts).
 */
import { createHmac } from 'node:crypto';
import { SfApiError, notFound } from '../errors.js';
import { json, readJsonObject, type ApiRequest, type ApiResponse, type Route } from '../http.js';
import { normalizeId } from '../ids.js';
import { insufficientAccess } from '../permissions.js';
import { checkCredentials, createSession, hasPassword, setPassword } from '../sessions.js';
import type { ObjectDef } from '../schema.js';

function oauthError(error: string, description: string): ApiResponse {
  return json(400, { error, error_description: description });
}

/** The session Salesforce's token endpoint answers for a successful login of `userId`. */
export function tokenResponse(request: ApiRequest, userId: string, token: string): Record<string, unknown> {
  const { orgId } = request.store.identity;
  const id = `${request.baseUrl}/id/${orgId}/${userId}`;
  const issuedAt = String(Date.now());
  // Salesforce signs id + issued_at with the connected app's secret; the local org has no app, so its org id.
  const signature = createHmac('sha256', orgId)
    .update(id + issuedAt)
    .digest('base64');
  return {
    access_token: token,
    instance_url: request.baseUrl,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
    signature
  };
}

function token(request: ApiRequest): ApiResponse {
  const contentType = String(request.headers['content-type'] ?? '');
  const form = new URLSearchParams(
    contentType.includes('application/x-www-form-urlencoded') || contentType === '' ? request.body.toString('utf8') : ''
  );
  for (const [name, value] of request.query) if (!form.has(name)) form.set(name, value);
  const grantType = form.get('grant_type');
  if (!grantType) return oauthError('unsupported_grant_type', 'grant type not supported');
  if (grantType !== 'password') return oauthError('unsupported_grant_type', 'grant type not supported');
  const username = form.get('username') ?? '';
  const password = form.get('password') ?? '';
  const userId = username && password ? checkCredentials(request.store, username, password) : undefined;
  if (!userId) return oauthError('invalid_grant', 'authentication failure');
  return json(200, tokenResponse(request, userId, createSession(request.store, userId)));
}

function userOf(request: ApiRequest): string {
  // Only an unrestricted user (System Administrator: "Manage Users") may set other users' passwords.
  if (request.store.access) throw insufficientAccess();
  const id = normalizeId(request.params.id);
  const userDef = request.store.getObject('User') as ObjectDef;
  if (!id || !id.startsWith(userDef.keyPrefix) || !request.store.readRaw(userDef, id)) throw notFound();
  return id;
}

function setUserPassword(request: ApiRequest): ApiResponse {
  const userId = userOf(request);
  const body = readJsonObject(request);
  const password = body.NewPassword;
  if (typeof password !== 'string' || password.length < 8) {
    throw new SfApiError(
      'INVALID_NEW_PASSWORD',
      'Your password must be at least 8 characters long and have a mix of letters and numbers.',
      400
    );
  }
  setPassword(request.store, userId, password);
  return { status: 204 };
}

function passwordStatus(request: ApiRequest): ApiResponse {
  return json(200, { isExpired: !hasPassword(request.store, userOf(request)) });
}

const PASSWORD = /^\/services\/data\/v(?<version>\d+\.\d)\/sobjects\/User\/(?<id>[0-9A-Za-z]{15,18})\/password$/i;

export const oauthRoutes: Route[] = [
  { method: 'POST', pattern: /^\/services\/oauth2\/token$/, handler: token, public: true },
  { method: 'POST', pattern: PASSWORD, handler: setUserPassword },
  { method: 'GET', pattern: PASSWORD, handler: passwordStatus }
];
