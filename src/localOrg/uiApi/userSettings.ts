/**
 * The signed-in user's display settings (locale, language, time zone) and the org's currency, from the org's User
 * and Organization records: the UI API formats display values with them, and the preview hands them to components
 * (`@salesforce/i18n/*`).
 */
import type { Store } from '../store.js';

export interface UserSettings {
  userId: string;
  /** BCP 47, e.g. `fr-FR` (Salesforce's `fr_FR`). */
  locale: string;
  /** Salesforce language key, e.g. `en_US` or `fr`. */
  language: string;
  /** IANA zone, e.g. `Europe/Paris`. */
  timeZone: string;
  /** ISO 4217 code of the org's currency. */
  currency: string;
}

/** Salesforce locale keys are `ll_CC` or `ll_CC_variant`; Intl wants `ll-CC`. */
export function bcp47(localeSidKey: string): string {
  const [language, country] = localeSidKey.split('_');
  const tag = country ? `${language}-${country}` : language;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return 'en-US';
  }
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.length > 0 ? value : fallback;
}

/**
 * The settings of the user the request runs as (the session's user).
 * @param store the org
 */
export function userSettings(store: Store): UserSettings {
  const userDef = store.getObject('User');
  const user = userDef ? store.readRaw(userDef, store.runningUserId) : undefined;
  const organizationDef = store.getObject('Organization');
  const organization = organizationDef ? store.readRaw(organizationDef, store.identity.orgId) : undefined;
  return {
    userId: store.runningUserId,
    locale: bcp47(text(user?.LocaleSidKey, text(organization?.DefaultLocaleSidKey, 'en_US'))),
    language: text(user?.LanguageLocaleKey, 'en_US'),
    timeZone: text(user?.TimeZoneSidKey, 'UTC'),
    // The org model has no multi-currency fields; a French org's corporate currency is the euro.
    currency: text(organization?.DefaultCurrencyIsoCode, text(organization?.Country, '') === 'France' ? 'EUR' : 'USD')
  };
}
