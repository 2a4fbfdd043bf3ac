/**
 * Who is looking, and where: the signed-in user's id, locale, language, time zone and currency, and the org's API
 * version, as the preview page embeds them (a JSON script element with id `preview-context`). On the platform these
 * come with the session; here the preview server reads them from the org's User record.
 */
const DEFAULTS = {
  apiVersion: '62.0',
  userId: null,
  isGuest: false,
  locale: 'en-US',
  language: 'en_US',
  timeZone: 'UTC',
  currency: 'EUR',
  direction: 'ltr'
};

function readEmbedded() {
  const element = typeof document === 'undefined' ? null : document.getElementById('preview-context');
  if (!element) {
    return {};
  }
  try {
    return JSON.parse(element.textContent);
  } catch {
    return {};
  }
}

export const context = Object.freeze({ ...DEFAULTS, ...readEmbedded() });
