/**
 * The local org's HTTP server (node:http, 127.0.0.1 only): normalizes paths (clients sometimes send
 * `//services/...`), checks the access token in constant time, caps request bodies, runs each REST request in one
 * SQLite transaction and turns every failure into Salesforce's error shape. The API modules only map requests to
 * responses.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { bearerToken, sessionCookie } from './auth.js';
import { SfApiError, SfRecordErrors, unknownException } from './errors.js';
import {
  MAX_JSON_BODY_BYTES,
  MAX_UNAUTHENTICATED_BODY_BYTES,
  type ApiRequest,
  type ApiResponse,
  type Route
} from './http.js';
import { bulkRoutes } from './rest/bulk.js';
import { collectionRoutes } from './rest/collections.js';
import { identityRoutes } from './rest/identity.js';
import { oauthRoutes } from './rest/oauth.js';
import { queryRoutes } from './rest/query.js';
import { soapRoutes } from './rest/soap.js';
import { sobjectRoutes } from './rest/sobjects.js';
import { staticResourceRoutes } from './rest/staticResources.js';
import { userOfToken } from './sessions.js';
import { sessionIdOfHead, soapFault } from './soap.js';
import type { Store } from './store.js';
// ---- UI API hook (src/localOrg/uiApi, owned by the preview work): its routes are mounted with the others. ----
import { uiApiRoutes } from './uiApi/routes.js';
// ---- end of UI API hook ----

/** Past this, an oversized or refused body is no longer drained but the connection is cut. */
const MAX_DRAIN_BYTES = 1024 * 1024 * 1024;
/** Past this, the body of a request refused before reading is no longer drained but the connection is cut. */
const MAX_REFUSED_DRAIN_BYTES = 1024 * 1024;
/** How much of a SOAP body is read to find its SessionHeader (jsforce and SDR send it first, in a few hundred bytes). */
const SOAP_HEADER_BYTES = 16 * 1024;

export interface ServerOptions {
  store: Store;
  /** Called with unexpected errors (bugs), which clients see as 500 UNKNOWN_EXCEPTION. */
  onError?: (error: unknown) => void;
}

const ROUTES: Route[] = [
  ...oauthRoutes,
  ...identityRoutes,
  // Before the sObject routes, whose external-id pattern would take `/sobjects/StaticResource/{id}/Body`.
  ...staticResourceRoutes,
  ...sobjectRoutes,
  ...collectionRoutes,
  ...queryRoutes,
  ...bulkRoutes,
  ...soapRoutes,
  ...uiApiRoutes // UI API hook (see the import above)
];

function errorBody(errors: SfApiError[]): unknown[] {
  return errors.map((error) => error.toJSON());
}

function send(response: ServerResponse, result: ApiResponse): void {
  const headers: Record<string, string> = { ...result.headers };
  let payload: Buffer | string = '';
  if (result.body === undefined || result.status === 204) {
    payload = '';
  } else if (Buffer.isBuffer(result.body) || typeof result.body === 'string') {
    payload = result.body as Buffer | string;
    headers['Content-Type'] = result.contentType ?? 'text/plain;charset=UTF-8';
  } else {
    payload = JSON.stringify(result.body);
    headers['Content-Type'] = result.contentType ?? 'application/json;charset=UTF-8';
  }
  if (result.status !== 204) headers['Content-Length'] = String(Buffer.byteLength(payload));
  response.writeHead(result.status, headers);
  response.end(result.status === 204 ? undefined : payload);
}

function normalizePath(rawUrl: string): { path: string; query: URLSearchParams } {
  const queryStart = rawUrl.indexOf('?');
  const rawPath = queryStart >= 0 ? rawUrl.slice(0, queryStart) : rawUrl;
  const query = new URLSearchParams(queryStart >= 0 ? rawUrl.slice(queryStart + 1) : '');
  // Routes match the still-encoded path, so that an encoded slash inside an external id stays one segment.
  let path = rawPath.replace(/\/{2,}/g, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return { path, query };
}

function decodeParams(groups: Record<string, string> | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(groups ?? {})) {
    if (value === undefined) continue;
    try {
      params[name] = decodeURIComponent(value);
    } catch {
      throw new SfApiError('NOT_FOUND', 'The requested resource does not exist', 404);
    }
  }
  return params;
}

/**
 * A request body read as far as needed: the first bytes of a SOAP envelope to authenticate it, then the rest up to
 * a limit. A body that is too large, or refused before it is read, is discarded (drained without being kept, then
 * the connection is cut past a bound) so that memory never holds more than the limit.
 */
class BodyReader {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private ended = false;
  private readonly iterator: AsyncIterator<Buffer>;

  public constructor(
    private readonly request: IncomingMessage,
    private readonly response: ServerResponse
  ) {
    this.iterator = request[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  /** Reads until at least `bytes` are held or the body ends; returns what is held. */
  public async head(bytes: number): Promise<Buffer> {
    while (!this.ended && this.size < bytes) await this.next();
    return Buffer.concat(this.chunks);
  }

  /** The whole body, or undefined when it is larger than `limit` (then discarded). */
  public async all(limit: number): Promise<Buffer | undefined> {
    if (Number(this.request.headers['content-length'] ?? 0) > limit) {
      this.discard(MAX_DRAIN_BYTES);
      return undefined;
    }
    while (!this.ended) {
      await this.next();
      if (this.size > limit) {
        this.discard(MAX_DRAIN_BYTES);
        return undefined;
      }
    }
    return Buffer.concat(this.chunks);
  }

  /**
   * Drops what is held and drains the rest in the background, cutting the connection past `bound` bytes, or once
   * the answer is sent if the client is still sending then.
   */
  public discard(bound = MAX_REFUSED_DRAIN_BYTES): void {
    this.chunks.length = 0;
    if (this.ended) return;
    this.response.setHeader('Connection', 'close');
    this.response.on('finish', () => {
      if (!this.request.complete) this.request.destroy();
    });
    let drained = 0;
    const drain = async (): Promise<void> => {
      for (;;) {
        const { done, value } = await this.iterator.next();
        if (done) return;
        drained += value.length;
        if (drained > bound) {
          this.request.destroy();
          return;
        }
      }
    };
    drain().catch(() => undefined);
  }

  private async next(): Promise<void> {
    const { done, value } = await this.iterator.next();
    if (done) this.ended = true;
    else {
      this.chunks.push(value);
      this.size += value.length;
    }
  }
}

function methodNotAllowed(method: string, allowed: string[]): SfApiError {
  return new SfApiError(
    'METHOD_NOT_ALLOWED',
    `HTTP Method '${method}' not allowed. Allowed are ${[...new Set(allowed)].join(',')}`,
    405
  );
}

function isSoapPath(url: string): boolean {
  return /^\/+services\/Soap\//.test(url);
}

/** Creates (does not start) the HTTP server of the org held by `store`. */
export function createLocalOrgServer(options: ServerOptions): Server {
  const { store } = options;
  const expectedUserId = store.identity.userId;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = (request.method ?? 'GET').toUpperCase();
    const { path, query } = normalizePath(request.url ?? '/');
    const address = request.socket.localAddress ?? '127.0.0.1';
    const port = request.socket.localPort ?? 0;
    const baseUrl = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
    const candidates = ROUTES.filter((route) => route.pattern.test(path));
    const lookupMethod = method === 'HEAD' ? 'GET' : method;
    const route = candidates.find((candidate) => candidate.method === lookupMethod);
    if (!route) {
      request.resume();
      if (candidates.length > 0)
        throw methodNotAllowed(
          method,
          candidates.map((candidate) => candidate.method)
        );
      throw new SfApiError('NOT_FOUND', 'The requested resource does not exist', 404);
    }
    // Each session runs as its user (the org's own token as the administrator); see sessions.ts. A SOAP call
    // carries its session in the envelope: only the envelope's first bytes are read before it is checked.
    const reader = new BodyReader(request, response);
    let token = bearerToken(request.headers) ?? (route.sessionCookie ? sessionCookie(request.headers) : undefined);
    if (route.soap === 'session') token = sessionIdOfHead((await reader.head(SOAP_HEADER_BYTES)).toString('utf8'));
    const isPublic = route.public === true || route.soap === 'public';
    const userId = isPublic ? expectedUserId : userOfToken(store, token);
    if (userId === undefined) {
      reader.discard();
      throw new SfApiError('INVALID_SESSION_ID', 'Session expired or invalid', 401);
    }
    // A client that has not authenticated gets a small body only (a login, a token request).
    const limit = isPublic
      ? Math.min(route.maxBodyBytes ?? MAX_JSON_BODY_BYTES, MAX_UNAUTHENTICATED_BODY_BYTES)
      : (route.maxBodyBytes ?? MAX_JSON_BODY_BYTES);
    const body = await reader.all(limit);
    if (body === undefined) {
      throw new SfApiError(
        'EXCEEDED_MAX_SIZE_REQUEST',
        `The request body exceeds the maximum size of ${limit} bytes.`,
        413
      );
    }
    const params = decodeParams(route.pattern.exec(path)?.groups);
    const apiRequest: ApiRequest = {
      method,
      path,
      query,
      headers: request.headers,
      body,
      store,
      baseUrl,
      params,
      userId
    };
    const result =
      route.transactional === false
        ? await route.handler(apiRequest)
        : store.transaction(() => {
            const outcome = store.runAs(userId, () => route.handler(apiRequest));
            if (outcome instanceof Promise) throw new Error(`Route ${route.pattern.source} must be synchronous`);
            return outcome;
          });
    send(response, method === 'HEAD' ? { ...result, body: undefined } : result);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      let errors: SfApiError[];
      let status: number;
      if (error instanceof SfApiError) [errors, status] = [[error], error.status];
      else if (error instanceof SfRecordErrors) [errors, status] = [error.errors, 400];
      else {
        options.onError?.(error);
        const unknown = unknownException();
        [errors, status] = [[unknown], unknown.status];
      }
      // SOAP clients read faults, not JSON.
      const result: ApiResponse = isSoapPath(request.url ?? '')
        ? { ...soapFault(errors[0]), status }
        : { status, body: errorBody(errors) };
      if (response.headersSent) response.destroy();
      else send(response, result);
    });
  });
  // Requests too broken to parse as HTTP still get a Salesforce-shaped answer before the connection closes.
  server.on('clientError', (_error, socket) => {
    if (!socket.writable) return;
    const body = JSON.stringify(errorBody([new SfApiError('BAD_REQUEST', 'The request could not be parsed as HTTP.')]));
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: ` +
        `${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
    );
  });
  return server;
}
