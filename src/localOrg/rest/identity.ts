/**
 * Who the client is talking to: the API version list, the resource list of a version, the OAuth userinfo and
 * identity URL (what `AuthInfo` and `sf org login access-token` read), and org limits.
 */
import { SfApiError } from '../errors.js';
import { orgProof } from '../dataDir.js';
import { dataPath, json, type ApiRequest, type ApiResponse, type Route } from '../http.js';
import type { ObjectDef } from '../schema.js';
import type { Store } from '../store.js';
import { apiDateTime } from '../values.js';

/** The oldest and newest API versions the org answers. */
export const OLDEST_API_VERSION = 31;
export const NEWEST_API_VERSION = 64;

/** Release name of an API version: 60.0 is Spring '24, 61.0 Summer '24, 62.0 Winter '25, ... */
function releaseLabel(version: number): string {
  const offset = version - 60;
  const season = ['Spring', 'Summer', 'Winter'][((offset % 3) + 3) % 3];
  const year = 24 + Math.floor((offset + 1) / 3);
  return `${season} '${String(year).padStart(2, '0')}`;
}

function versions(): ApiResponse {
  const list = [];
  for (let version = OLDEST_API_VERSION; version <= NEWEST_API_VERSION; version++) {
    list.push({ label: releaseLabel(version), url: `/services/data/v${version}.0`, version: `${version}.0` });
  }
  return json(200, list);
}

function resources(request: ApiRequest): ApiResponse {
  const base = dataPath(request);
  const names = [
    'tooling',
    'metadata',
    'eclair',
    'folders',
    'prechatForms',
    'contact-tracing',
    'jsonxform',
    'chatter',
    'tabs',
    'appMenu',
    'quickActions',
    'queryAll',
    'commerce',
    'wave',
    'iot',
    'analytics',
    'search',
    'identity',
    'composite',
    'parameterizedSearch',
    'fingerprint',
    'theme',
    'nouns',
    'event',
    'serviceTemplates',
    'recent',
    'connect',
    'licensing',
    'limits',
    'process',
    'dedupe',
    'async-queries',
    'query',
    'jobs',
    'match',
    'emailConnect',
    'compactLayouts',
    'knowledgeManagement',
    'sobjects',
    'actions',
    'support',
    'ui-api'
  ];
  const body: Record<string, string> = {};
  for (const name of names) body[name] = `${base}/${name}`;
  body.identity = `${request.baseUrl}/id/${request.store.identity.orgId}/${request.store.runningUserId}`;
  return json(200, body);
}

/** The identity document Salesforce serves at the identity URL and (in OpenID form) at userinfo. */
export function identityDocument(store: Store, baseUrl: string, version: string): Record<string, unknown> {
  const { orgId } = store.identity;
  const userId = store.runningUserId;
  const user = store.getRecord('User', userId) ?? {};
  const username = String(user.Username ?? store.identity.username);
  const urls: Record<string, string> = {};
  const data = `${baseUrl}/services/data/v{version}`;
  for (const [name, path] of Object.entries({
    enterprise: `${baseUrl}/services/Soap/c/{version}/${orgId.slice(0, 15)}`,
    metadata: `${baseUrl}/services/Soap/m/{version}/${orgId.slice(0, 15)}`,
    partner: `${baseUrl}/services/Soap/u/{version}/${orgId.slice(0, 15)}`,
    rest: `${data}/`,
    sobjects: `${data}/sobjects/`,
    search: `${data}/search/`,
    query: `${data}/query/`,
    recent: `${data}/recent/`,
    tooling_soap: `${baseUrl}/services/Soap/T/{version}/${orgId.slice(0, 15)}`,
    tooling_rest: `${data}/tooling/`,
    profile: `${baseUrl}/${userId}`,
    users: `${data}/chatter/users`,
    custom_domain: baseUrl
  })) {
    urls[name] = path.replace('{version}', version);
  }
  return {
    id: `${baseUrl}/id/${orgId}/${userId}`,
    asserted_user: true,
    user_id: userId,
    organization_id: orgId,
    username,
    nick_name: String(user.Alias ?? 'admin'),
    display_name: String(user.Name ?? 'Local Admin'),
    email: String(user.Email ?? ''),
    email_verified: true,
    first_name: user.FirstName ?? null,
    last_name: String(user.LastName ?? 'Admin'),
    timezone: String(user.TimeZoneSidKey ?? 'Europe/Paris'),
    photos: { picture: `${baseUrl}/profilephoto/005/F`, thumbnail: `${baseUrl}/profilephoto/005/T` },
    addr_street: null,
    addr_city: null,
    addr_state: null,
    addr_country: 'FR',
    addr_zip: null,
    mobile_phone: null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls,
    active: true,
    user_type: 'STANDARD',
    language: String(user.LanguageLocaleKey ?? 'en_US'),
    locale: String(user.LocaleSidKey ?? 'fr_FR'),
    utcOffset: 3600000,
    last_modified_date: apiDateTime(String(user.LastModifiedDate ?? store.identity.createdDate)),
    is_app_installed: true
  };
}

function userinfo(request: ApiRequest): ApiResponse {
  const document = identityDocument(request.store, request.baseUrl, `${64}.0`);
  const { orgId } = request.store.identity;
  const userId = request.store.runningUserId;
  const username = String(document.username);
  return json(200, {
    sub: `${request.baseUrl}/id/${orgId}/${userId}`,
    user_id: userId,
    organization_id: orgId,
    preferred_username: username,
    nickname: document.nick_name,
    name: document.display_name,
    email: document.email,
    email_verified: true,
    given_name: document.first_name,
    family_name: document.last_name,
    zoneinfo: document.timezone,
    photos: document.photos,
    profile: `${request.baseUrl}/${userId}`,
    picture: (document.photos as { picture: string }).picture,
    address: { country: 'FR' },
    is_salesforce_integration_user: false,
    urls: document.urls,
    active: true,
    user_type: 'STANDARD',
    language: document.language,
    locale: document.locale,
    utcOffset: document.utcOffset,
    updated_at: document.last_modified_date,
    is_app_installed: true
  });
}

function identity(request: ApiRequest): ApiResponse {
  const { orgId } = request.store.identity;
  const userId = request.store.runningUserId;
  const sameOrg = request.params.org.slice(0, 15) === orgId.slice(0, 15);
  const sameUser = request.params.user.slice(0, 15) === userId.slice(0, 15);
  if (!sameOrg || !sameUser) return json(403, 'Bad_Id');
  return json(200, identityDocument(request.store, request.baseUrl, `${NEWEST_API_VERSION}.0`));
}

function limits(): ApiResponse {
  const limit = (max: number): { Max: number; Remaining: number } => ({ Max: max, Remaining: max });
  return json(200, {
    DailyApiRequests: limit(15000000),
    DailyBulkV2QueryJobs: limit(10000),
    DailyBulkV2QueryFileStorageMB: limit(976562),
    DataStorageMB: limit(1024),
    FileStorageMB: limit(1024),
    DailyAsyncApexExecutions: limit(250000),
    HourlyODataCallout: limit(20000)
  });
}

/**
 * `GET /limits/recordCount?sObjects=A,B` (what `sf org list sobject record-counts` reads): the number of live records
 * of each named object the user can read (unknown and unreadable names are left out); without names, every readable
 * object that has records. Counts are exact here (Salesforce's are storage estimates).
 */
function recordCount(request: ApiRequest): ApiResponse {
  const { store } = request;
  const named = (request.query.get('sObjects') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const readable = (def: ObjectDef | undefined): def is ObjectDef =>
    def !== undefined && def.queryable && (store.access?.can(def, 'read') ?? true);
  const defs = named.length > 0 ? named.map((name) => store.getObject(name)) : store.listObjects();
  const counts = [...new Set(defs.filter(readable))]
    .map((def) => ({ count: store.countRecords(def), name: def.name }))
    .filter((entry) => named.length > 0 || entry.count > 0);
  return json(200, { sObjects: counts });
}

/**
 * `GET /_localorg/identity?nonce=<32 to 128 hex digits>` (the local org's own, not Salesforce's): the org id and a
 * proof that this server holds the org's token (an HMAC of the nonce keyed with it), so that the CLI can check the
 * server that `server.json` names before it sends the token there.
 */
function identityProof(request: ApiRequest): ApiResponse {
  const nonce = request.query.get('nonce') ?? '';
  if (!/^[0-9a-f]{32,128}$/.test(nonce)) {
    throw new SfApiError('INVALID_QUERY_FILTER_OPERATOR', 'nonce must be 32 to 128 lower-case hex digits', 400);
  }
  const { orgId, accessToken } = request.store.identity;
  return json(200, { orgId, proof: orgProof(accessToken, nonce) });
}

export const identityRoutes: Route[] = [
  { method: 'GET', pattern: /^\/_localorg\/identity$/, handler: identityProof, public: true },
  { method: 'GET', pattern: /^\/services\/data$/, handler: versions, public: true },
  { method: 'GET', pattern: /^\/services\/data\/v(?<version>\d+\.\d)$/, handler: resources },
  { method: 'GET', pattern: /^\/services\/data\/v(?<version>\d+\.\d)\/limits$/, handler: limits },
  {
    method: 'GET',
    pattern: /^\/services\/data\/v(?<version>\d+\.\d)\/limits\/recordCount$/,
    handler: recordCount
  },
  { method: 'GET', pattern: /^\/services\/oauth2\/userinfo$/, handler: userinfo },
  { method: 'POST', pattern: /^\/services\/oauth2\/userinfo$/, handler: userinfo },
  { method: 'GET', pattern: /^\/id\/(?<org>[0-9A-Za-z]{15,18})\/(?<user>[0-9A-Za-z]{15,18})$/, handler: identity }
];
