/**
 * The preview's HTML document: SLDS, the page context as inert JSON (read by the client's `preview/context`), and
 * the compiled components. Data in the context comes from the org (account names...), so it is escaped for the
 * inside of a script element and the document is served with a Content-Security-Policy.
 */

/** Where the SLDS assets and the compiled build are served. */
export const SLDS_BASE = '/slds/assets';
export const BUILD_BASE = '/preview/build';

/** The policy of every preview page: only this origin's scripts; styles inline too (LWC injects component CSS). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'"
].join('; ');

/** JSON that is safe inside `<script type="application/json">`: no `</script>`, no HTML comment openers. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The document of one preview page.
 * @param title the tab title
 * @param context what the client's `preview/context` exports (user settings and the page's data)
 * @param buildHash the build to load
 * @param language the document language (BCP 47)
 */
export function previewDocument(title: string, context: unknown, buildHash: string, language: string): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)} | Maintenance Continuity preview</title>`,
    `<link rel="stylesheet" href="${SLDS_BASE}/styles/salesforce-lightning-design-system.min.css">`,
    `<script type="application/json" id="preview-context">${scriptSafeJson(context)}</script>`,
    `<script type="module" src="${BUILD_BASE}/${encodeURIComponent(buildHash)}/app.js"></script>`,
    '</head>',
    '<body class="slds-scope">',
    '<div id="preview-root"></div>',
    '</body>',
    '</html>',
    ''
  ].join('\n');
}
