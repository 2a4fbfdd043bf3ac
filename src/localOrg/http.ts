/**
 * The request and response shapes shared by the router and the API modules, and helpers to build Salesforce-style
 * responses. Handlers are plain functions from a parsed request to a response; the router does I/O, auth and
 * transactions around them.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { SfApiError } from './errors.js';
import type { Store } from './store.js';

/** Largest JSON body accepted (Salesforce's REST limit is in the same range). */
export const MAX_JSON_BODY_BYTES = 16 * 1024 * 1024;
/** Largest Bulk API CSV upload or SOAP body (a deploy zip travels base64-encoded in SOAP). */
export const MAX_UPLOAD_BODY_BYTES = 150 * 1024 * 1024;
/** Largest body read from a client that has not authenticated (logins, and anything refused before reading). */
export const MAX_UNAUTHENTICATED_BODY_BYTES = 64 * 1024;

export interface ApiRequest {
  method: string;
  /** Path with duplicate slashes collapsed and no trailing slash, e.g. `/services/data/v62.0/sobjects/Account`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  store: Store;
  /** `http://127.0.0.1:<port>`: the instance URL clients use. */
  baseUrl: string;
  /** Named groups of the route pattern (`version`, `sobject`, `id`, ...). */
  params: Record<string, string>;
  /** The user the request runs as (the administrator for public routes). */
  userId: string;
}

export interface ApiResponse {
  status: number;
  /** Objects and arrays are sent as JSON; strings and buffers as they are. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export type Handler = (request: ApiRequest) => ApiResponse | Promise<ApiResponse>;

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Matched against the whole normalized path; named groups become `params`. */
  pattern: RegExp;
  handler: Handler;
  /** Answer without an access token (the version list, as Salesforce does). */
  public?: boolean;
  /** Also accept the session from the `sid` cookie a browser holds (pages and static resources, not the APIs). */
  sessionCookie?: boolean;
  /**
   * A SOAP endpoint: refusals are answered as SOAP faults. `session`: the session comes from the SessionHeader of
   * the envelope, read from the first bytes of the body before the rest; `public`: no session needed (login).
   */
  soap?: 'session' | 'public';
  /** Largest body accepted, in bytes (default: the server's JSON cap). */
  maxBodyBytes?: number;
  /**
   * Whether the router runs the handler inside one SQLite transaction (default true; the handler must then be
   * synchronous). Handlers that manage their own transactions across awaits set false.
   */
  transactional?: boolean;
}

/** A JSON response. */
export function json(status: number, body: unknown, headers?: Record<string, string>): ApiResponse {
  return { status, body, headers };
}

/** Deepest nesting of arrays and objects a JSON body may have (a composite tree is a few levels deep). */
export const MAX_JSON_DEPTH = 100;

/** Whether `value` nests arrays and objects deeper than `limit` (walked without recursion). */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as { value: unknown; depth: number };
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limit) return true;
    for (const item of Object.values(current)) stack.push({ value: item, depth: depth + 1 });
  }
  return false;
}

/** Parses the request body as JSON, or throws Salesforce's JSON_PARSER_ERROR. */
export function readJson(request: ApiRequest): unknown {
  const text = request.body.toString('utf8');
  if (text.trim() === '') throw new SfApiError('JSON_PARSER_ERROR', 'The request body is empty.', 400);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (error) {
    throw new SfApiError(
      'JSON_PARSER_ERROR',
      `Unexpected character in the request body: ${(error as Error).message}`,
      400
    );
  }
  // Deeper values would overflow the stack of whatever walks them later (a 500 instead of a 400).
  if (nestsDeeperThan(parsed, MAX_JSON_DEPTH)) {
    throw new SfApiError(
      'JSON_PARSER_ERROR',
      `The request body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep.`,
      400
    );
  }
  return parsed;
}

/** The body as a JSON object (not an array or a scalar), or JSON_PARSER_ERROR. */
export function readJsonObject(request: ApiRequest): Record<string, unknown> {
  const body = readJson(request);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new SfApiError('JSON_PARSER_ERROR', 'Cannot deserialize instance of object from the request body', 400);
  }
  return body as Record<string, unknown>;
}

/** `/services/data/v62.0` for the request's API version. */
export function dataPath(request: ApiRequest): string {
  return `/services/data/v${request.params.version}`;
}
