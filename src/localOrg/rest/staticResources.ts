/**
 * Static resources as a real org serves them: `/resource/<timestamp>/<Name>` (the URL `@salesforce/resourceUrl`
 * gives a component), `/resource/<Name>`, and a file inside a zip resource (`/resource/<timestamp>/<Name>/css/a.css`),
 * with the resource's content type, to a session (the `sid` cookie a browser holds, or a bearer token). The
 * timestamp is not checked: any timestamp answers the current body, as on Salesforce. The REST resource
 * `/sobjects/StaticResource/{id}/Body` answers the body too.
 */
import { unzipSync } from 'fflate';
import { notFound } from '../errors.js';
import type { ApiRequest, ApiResponse, Route } from '../http.js';
import { normalizeId } from '../ids.js';
import { findStaticResource, type StaticResource } from '../metadata/staticResources.js';

const ZIP_TYPES = new Set(['application/zip', 'application/x-zip-compressed', 'application/x-zip']);

/** Content types of files served from inside a zip resource, by extension. */
const TYPES_BY_EXTENSION: Record<string, string> = {
  css: 'text/css',
  js: 'text/javascript',
  mjs: 'text/javascript',
  json: 'application/json',
  html: 'text/html',
  htm: 'text/html',
  txt: 'text/plain',
  csv: 'text/csv',
  xml: 'text/xml',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  pdf: 'application/pdf'
};

function cacheHeaders(resource: StaticResource, stamped: boolean): Record<string, string> {
  // A timestamped URL changes with every deploy of the resource, so it may be kept; a bare name may not.
  const scope = resource.cacheControl === 'Public' ? 'public' : 'private';
  return {
    'Cache-Control': stamped ? `${scope}, max-age=86400` : `${scope}, no-cache`,
    'Last-Modified': new Date(resource.systemModstamp).toUTCString()
  };
}

function fileInZip(resource: StaticResource, path: string): { body: Buffer; contentType: string } {
  if (!ZIP_TYPES.has(resource.contentType.toLowerCase())) throw notFound();
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(resource.body, { filter: (file) => file.name === path });
  } catch {
    throw notFound();
  }
  const bytes = files[path];
  if (!bytes) throw notFound();
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return { body: Buffer.from(bytes), contentType: TYPES_BY_EXTENSION[extension] ?? 'application/octet-stream' };
}

function serveResource(request: ApiRequest): ApiResponse {
  const resource = findStaticResource(request.store, { name: request.params.name });
  if (!resource) throw notFound();
  const stamped = request.params.stamp !== undefined;
  if (request.params.path !== undefined) {
    const file = fileInZip(resource, request.params.path);
    return { status: 200, body: file.body, contentType: file.contentType, headers: cacheHeaders(resource, stamped) };
  }
  return {
    status: 200,
    body: resource.body,
    contentType: resource.contentType,
    headers: cacheHeaders(resource, stamped)
  };
}

function body(request: ApiRequest): ApiResponse {
  const id = normalizeId(request.params.id);
  const resource = id ? findStaticResource(request.store, { id }) : undefined;
  if (!resource) throw notFound();
  return { status: 200, body: resource.body, contentType: resource.contentType };
}

export const staticResourceRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/resource\/(?:(?<stamp>\d+)\/)?(?<name>[A-Za-z][A-Za-z0-9_]*)(?:\/(?<path>[^?#]+))?$/,
    handler: serveResource,
    sessionCookie: true
  },
  {
    method: 'GET',
    pattern: /^\/services\/data\/v(?<version>\d+\.\d)\/sobjects\/StaticResource\/(?<id>[0-9A-Za-z]{15,18})\/Body$/i,
    handler: body
  }
];
