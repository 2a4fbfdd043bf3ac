/**
 * The preview server (127.0.0.1 only): serves a Lightning Experience-like page per account that runs the package's
 * compiled components, SLDS, and a same-origin gateway to the org's UI API, so that the components' Lightning Data
 * Service calls reach the org with the session the server holds (the browser never sees the access token).
 *
 * Pages: `/lightning/n/Maintenance_Cockpit` (the Maintenance Cockpit, the app's home), `/lightning/o/Account/list`
 * (accounts with a coverage badge) and `/lightning/r/Account/{id}/view` (the record page with its Maintenance tab). Static resources are served at `/resource/<timestamp>/<Name>`, read from the
 * org, as the platform serves them to components (`@salesforce/resourceUrl`). Only `/services/data/vXX.X/ui-api/...` is forwarded. Requests must name this
 * server as their Host (no DNS rebinding); writes must come from its own pages (Origin) with a JSON body (so that
 * another site cannot post to the org through the preview).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { dependencyDir, projectRoot } from '../shared/projectPaths.js';
import type { PreviewBuild } from './build.js';
import { BUILD_BASE, CONTENT_SECURITY_POLICY, SLDS_BASE, previewDocument } from './html.js';
import type { OrgClient } from './orgClient.js';
import {
  accountDetail,
  accountQuickActions,
  accountSummaries,
  staticResourceBody,
  staticResourceUrls,
  userContext,
  type UserContext
} from './pages.js';

/** Largest body forwarded to the org (record writes are a few kilobytes). */
export const MAX_PROXY_BODY_BYTES = 1024 * 1024;

// SLDS is a dependency of the plugin: inside it in a clone, possibly hoisted above it once installed.
const sldsAssetsDir = join(
  dependencyDir('@salesforce-ux/design-system') ?? join(projectRoot, 'node_modules', '@salesforce-ux', 'design-system'),
  'assets'
);

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8'
};

const UI_API_PATH = /^\/services\/data\/v\d{2,3}\.\d\/ui-api\/[A-Za-z0-9_\-./,%]+$/;
/** The Maintenance Cockpit, as Lightning Experience addresses a custom tab of a Lightning page. */
export const COCKPIT_PAGE = '/lightning/n/Maintenance_Cockpit';
const ACCOUNT_PAGE = /^\/lightning\/r\/Account\/([A-Za-z0-9]{15,18})\/view$/;
const RECORD_PAGE = /^\/lightning\/r\/([A-Za-z0-9_]+)\/([A-Za-z0-9]{15,18})\/view$/;
/** `/resource/<timestamp>/<Name>` or `/resource/<Name>`, as the platform serves static resources. */
const RESOURCE_PATH = /^\/resource\/(?:\d+\/)?([A-Za-z][A-Za-z0-9_]*)$/;

export interface PreviewServerOptions {
  client: OrgClient;
  build: PreviewBuild;
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Receives each request the gateway forwards (method, path, status, milliseconds): the benchmark counts them. */
  onForward?: (entry: { method: string; path: string; status: number; ms: number }) => void;
  /** Receives unexpected errors. */
  onError?: (error: unknown) => void;
}

export interface PreviewServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

class HttpError extends Error {
  public constructor(
    public readonly status: number,
    message: string
  ) {
    super(message);
  }
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  response.end(text);
}

/** Serves a file below `root`, refusing any path that leaves it. */
function serveFile(response: ServerResponse, root: string, relativePath: string, immutable: boolean): void {
  const base = resolve(root);
  const file = resolve(base, normalize(decodeURIComponent(relativePath)).replace(/^([/\\])+/, ''));
  if (!file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) {
    throw new HttpError(404, 'Not found');
  }
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': String(statSync(file).size),
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
    'X-Content-Type-Options': 'nosniff'
  });
  createReadStream(file).pipe(response);
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, `The request body exceeds ${limit} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolveBody(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Starts the preview server. */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const { client, build } = options;
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();
  let origin = '';
  let context: Promise<UserContext> | undefined;
  // The user's settings do not change while the preview runs; ask once, and again only after a failure.
  const userSettings = (): Promise<UserContext> => {
    context ??= userContext(client).catch((error: unknown) => {
      context = undefined;
      throw error;
    });
    return context;
  };

  function page(
    response: ServerResponse,
    status: number,
    title: string,
    pageContext: unknown,
    user: UserContext & { resourceUrls: Record<string, string> }
  ): void {
    const body = previewDocument(title, { ...user, page: pageContext }, build.hash, user.locale);
    response.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store'
    });
    response.end(body);
  }

  async function forward(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    search: string
  ): Promise<void> {
    const method = (request.method ?? 'GET').toUpperCase();
    if (!['GET', 'POST', 'PATCH', 'DELETE'].includes(method)) throw new HttpError(405, 'Method not allowed');
    if (method !== 'GET') {
      // Another site's page can send a simple POST but cannot set a JSON content type without a preflight, which
      // this server never grants; and browsers name the page's origin on every cross-site write.
      if (request.headers.origin !== undefined && !allowedOrigins.has(request.headers.origin)) {
        throw new HttpError(403, 'Writes are accepted from the preview pages only');
      }
      if (method !== 'DELETE' && !String(request.headers['content-type'] ?? '').startsWith('application/json')) {
        throw new HttpError(415, 'Writes must send application/json');
      }
    }
    const body = method === 'GET' ? undefined : await readBody(request, MAX_PROXY_BODY_BYTES);
    const started = Date.now();
    const answer = await client.send(method, `${path}${search}`, body);
    options.onForward?.({ method, path, status: answer.status, ms: Date.now() - started });
    response.writeHead(answer.status, {
      'Content-Type': answer.headers.get('content-type') ?? 'application/json;charset=UTF-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff'
    });
    response.end(answer.status === 204 ? undefined : answer.body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts.has(String(request.headers.host ?? '').toLowerCase())) {
      throw new HttpError(421, 'Unknown host: open the preview at its 127.0.0.1 or localhost address');
    }
    const url = new URL(request.url ?? '/', origin);
    const path = url.pathname.replace(/\/{2,}/g, '/');
    const method = (request.method ?? 'GET').toUpperCase();
    if (UI_API_PATH.test(path)) {
      await forward(request, response, path, url.search);
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'Method not allowed');
    if (path === '/' || path === '/lightning' || path === '/lightning/page/home') {
      response.writeHead(302, { Location: '/lightning/o/Account/list' });
      response.end();
      return;
    }
    if (path.startsWith(`${BUILD_BASE}/`)) {
      const [hash, ...rest] = path.slice(BUILD_BASE.length + 1).split('/');
      if (hash !== build.hash) throw new HttpError(404, 'This build is gone: reload the page');
      serveFile(response, build.dir, rest.join('/'), true);
      return;
    }
    if (path.startsWith(`${SLDS_BASE}/`)) {
      serveFile(response, sldsAssetsDir, path.slice(SLDS_BASE.length + 1), false);
      return;
    }
    const resource = RESOURCE_PATH.exec(path);
    if (resource) {
      const found = await staticResourceBody(client, resource[1]);
      if (!found) throw new HttpError(404, `No static resource named ${resource[1]}`);
      response.writeHead(200, {
        'Content-Type': found.contentType,
        'Content-Length': String(found.body.length),
        'Cache-Control': 'private, max-age=300',
        'X-Content-Type-Options': 'nosniff'
      });
      response.end(method === 'HEAD' ? undefined : found.body);
      return;
    }
    if (path === '/favicon.ico') {
      response.writeHead(204);
      response.end();
      return;
    }
    const user = { ...(await userSettings()), resourceUrls: await staticResourceUrls(client) };
    if (path === COCKPIT_PAGE) {
      // The Maintenance app's home tab: a Lightning app page whose component reads its own data through the UI API.
      page(response, 200, 'Maintenance Cockpit', { type: 'appPage', component: 'maintenancePortfolio' }, user);
      return;
    }
    if (path === '/lightning/o/Account/list' || path === '/lightning/o/Account/home') {
      page(response, 200, 'Accounts', { type: 'accountList', accounts: await accountSummaries(client) }, user);
      return;
    }
    const accountMatch = ACCOUNT_PAGE.exec(path);
    if (accountMatch) {
      const account = await accountDetail(client, accountMatch[1]);
      if (!account) {
        page(response, 404, 'Not found', { type: 'notFound', message: `No account with id ${accountMatch[1]}.` }, user);
        return;
      }
      const pageReference = {
        type: 'standard__recordPage',
        attributes: { recordId: account.id, objectApiName: 'Account', actionName: 'view' },
        state: {}
      };
      response.setHeader('X-Preview-Record', account.id);
      const quickActions = accountQuickActions();
      page(response, 200, account.name, { type: 'accountRecord', account, pageReference, quickActions }, user);
      return;
    }
    const recordMatch = RECORD_PAGE.exec(path);
    const message = recordMatch
      ? `The preview shows Account pages only (this is a ${recordMatch[1]} record).`
      : 'This page is not available in the preview.';
    page(response, 404, 'Not found', { type: 'notFound', message }, user);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof HttpError) {
        request.resume();
        sendText(response, error.status, error.message);
        return;
      }
      options.onError?.(error);
      sendText(response, 502, `The org could not answer: ${(error as Error).message ?? String(error)}`);
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((host) => `http://${host}`));
  return {
    url: origin,
    port,
    server,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      })
  };
}
