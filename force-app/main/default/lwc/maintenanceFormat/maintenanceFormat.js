import LOCALE from '@salesforce/i18n/locale';
import LANG from '@salesforce/i18n/lang';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import CURRENCY from '@salesforce/i18n/currency';
import DURATION_HOURS_MINUTES from '@salesforce/label/c.Duration_Hours_Minutes';
import DURATION_MINUTES from '@salesforce/label/c.Duration_Minutes';
import DURATION_OVERDUE from '@salesforce/label/c.Duration_Overdue';

/**
 * How the Maintenance components show dates, times, durations and numbers: in the user's locale and time zone
 * (Salesforce settings, via @salesforce/i18n), with every word coming from custom labels. Presentation only: the
 * SLA clock itself runs on the contract's calendar inside maintenanceEngine.
 */

const instantFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE });
// Calendar days ('YYYY-MM-DD') have no time zone: format them as the UTC midnight they are parsed to.
const dayFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat(LOCALE, { month: 'short', year: '2-digit', timeZone: 'UTC' });
const percentFormat = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 0 });
const numberFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });
const currencyFormat = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: CURRENCY || 'EUR' });
const dayPartsFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit'
});

/** The user's locale and time zone, for base components that take them as attributes. */
export const USER_LOCALE = LOCALE;
export const USER_TIME_ZONE = TIME_ZONE;
/**
 * The language maintenanceEngine words SLA texts in (formatSlaDuration, slaBadgeText): the user's language, as the
 * custom labels around them are (French for a French-speaking user, English otherwise).
 */
export const SLA_LOCALE = String(LANG).toLowerCase().startsWith('fr') ? 'fr' : 'en';

/**
 * Fills `{0}`, `{1}`... in a custom label.
 * @param {string} label a custom label value
 * @param {...unknown} values replacements, by position
 * @returns {string}
 */
export function formatLabel(label, ...values) {
  return String(label).replace(/\{(\d+)\}/g, (match, index) => {
    const value = values[Number(index)];
    return value === undefined || value === null ? match : String(value);
  });
}

/**
 * An instant in the user's locale and time zone, e.g. "Mar 10, 2026, 2:15 PM".
 * @param {Date|string|null|undefined} instant a Date or an ISO 8601 date-time
 * @returns {string} '' when there is no instant
 */
export function formatInstant(instant) {
  if (instant === null || instant === undefined || instant === '') {
    return '';
  }
  const date = instant instanceof Date ? instant : new Date(instant);
  return Number.isNaN(date.getTime()) ? '' : instantFormat.format(date);
}

/**
 * A calendar day in the user's locale, e.g. "Mar 10, 2026". The day is not shifted by any time zone.
 * @param {string|null|undefined} day 'YYYY-MM-DD'
 * @returns {string} '' when there is no day
 */
export function formatDay(day) {
  if (!day) {
    return '';
  }
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? '' : dayFormat.format(date);
}

/**
 * A month tick for the timeline, e.g. "Mar 26".
 * @param {string} day 'YYYY-MM-DD' (any day of the month)
 * @returns {string}
 */
export function formatMonth(day) {
  return monthFormat.format(new Date(`${day}T00:00:00Z`));
}

/**
 * A ratio as a percentage in the user's locale (0.425 -> "43%").
 * @param {number|null|undefined} ratio
 * @returns {string} '' when there is no number
 */
export function formatPercent(ratio) {
  return typeof ratio === 'number' && Number.isFinite(ratio) ? percentFormat.format(ratio) : '';
}

/**
 * A number in the user's locale, at most two decimals.
 * @param {number|null|undefined} value
 * @returns {string}
 */
export function formatNumber(value) {
  return typeof value === 'number' && Number.isFinite(value) ? numberFormat.format(value) : '';
}

/**
 * An amount in the user's currency and locale ("975,00 €", "€975.00"): the package's amounts (rates, fees, spend)
 * are in the org's currency, which is the user's in a single-currency org.
 * @param {number|null|undefined} value
 * @returns {string} '' when there is no number
 */
export function formatCurrency(value) {
  return typeof value === 'number' && Number.isFinite(value) ? currencyFormat.format(value) : '';
}

/**
 * A duration in minutes as hours and minutes ("2 h 15 min", "45 min"); a negative one reads as overdue.
 * @param {number|null|undefined} minutes
 * @returns {string}
 */
export function formatDuration(minutes) {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes)) {
    return '';
  }
  const whole = Math.round(Math.abs(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  const text = hours > 0 ? formatLabel(DURATION_HOURS_MINUTES, hours, rest) : formatLabel(DURATION_MINUTES, rest);
  return minutes < 0 && whole > 0 ? formatLabel(DURATION_OVERDUE, text) : text;
}

/**
 * The calendar day it is now for the user (in the user's Salesforce time zone), e.g. to stamp Done_On__c.
 * @param {Date} [now]
 * @returns {string} 'YYYY-MM-DD'
 */
export function userToday(now = new Date()) {
  return dayPartsFormat.format(now);
}
