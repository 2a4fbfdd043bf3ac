/**
 * The one way the preview's data modules talk to the org: the User Interface API under
 * `/services/data/vXX.X/ui-api`, on the page's own origin (the preview server forwards these calls to the org with
 * the session). Failures reject with the shape Lightning Data Service gives components, a FetchResponse:
 * `{ status, statusText, ok: false, headers, body }`, where `body` is what the UI API answered.
 */
import { context } from 'preview/context';

/**
 * `/services/data/v62.0/ui-api` + path.
 * @param {string} path e.g. `/records/001...`
 * @param {Record<string, unknown>} [query] values are joined with commas when arrays; undefined ones are left out
 * @returns {string}
 */
export function uiApiUrl(path, query) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) {
      continue;
    }
    params.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  const search = params.toString();
  return `/services/data/v${context.apiVersion}/ui-api${path}${search ? `?${search}` : ''}`;
}

/**
 * Calls the UI API.
 * @param {'GET'|'POST'|'PATCH'|'DELETE'} method
 * @param {string} path below `/ui-api`
 * @param {{ query?: Record<string, unknown>, body?: unknown }} [options]
 * @returns {Promise<unknown>} the parsed answer (undefined for 204)
 */
export async function uiApiRequest(method, path, options = {}) {
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (options.body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let response;
  try {
    response = await fetch(uiApiUrl(path, options.query), init);
  } catch (cause) {
    throw fetchResponse(0, 'Network error', [{ errorCode: 'NETWORK_ERROR', message: String(cause?.message ?? cause) }]);
  }
  const text = response.status === 204 ? '' : await response.text();
  let body;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = [{ errorCode: 'INVALID_RESPONSE', message: text.slice(0, 500) }];
  }
  if (!response.ok) {
    throw fetchResponse(response.status, response.statusText, body);
  }
  return body;
}

function fetchResponse(status, statusText, body) {
  return { status, statusText, ok: false, headers: {}, body };
}
