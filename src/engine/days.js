// @ts-check
// Part of the engine (src/engine/index.js), bundled by npm run build:engine.
import { DAY_MS } from './constants.js';
import { describe, instantMs } from './checks.js';
import { localDayOfZone, zoneFor } from './timeZones.js';
/** @typedef {import('./types.js').Calendar} Calendar */

// ---------------------------------------------------------------------------------------------------------------------
// Calendar days ('YYYY-MM-DD' <-> day numbers)
// ---------------------------------------------------------------------------------------------------------------------

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {string} name
 * @returns {number} days since 1970-01-01
 */
export function dayNumber(value, fn, name) {
  if (typeof value !== 'string') {
    throw new TypeError(`${fn}: ${name} must be a 'YYYY-MM-DD' string, got ${describe(value)}`);
  }
  const match = DAY_PATTERN.exec(value);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    const probe = new Date(0);
    probe.setUTCFullYear(year, month - 1, day);
    if (probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day) {
      return Math.round(probe.getTime() / DAY_MS);
    }
  }
  throw new RangeError(`${fn}: ${name} must be a real 'YYYY-MM-DD' day, got ${JSON.stringify(value)}`);
}

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {string} name
 * @returns {number|null}
 */
export function optionalDayNumber(value, fn, name) {
  return value === undefined || value === null || value === '' ? null : dayNumber(value, fn, name);
}

/**
 * @param {number} day days since 1970-01-01
 * @returns {string} 'YYYY-MM-DD'
 */
export function formatDay(day) {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  return `${String(year).padStart(4, '0')}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
}

/** @param {number} value */
function pad2(value) {
  return value < 10 ? `0${value}` : String(value);
}

/**
 * Monday = 0 ... Sunday = 6. Day 0 (1970-01-01) was a Thursday.
 * @param {number} day
 */
export function weekdayIndex(day) {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * The day `days` days after `day` (before, when negative).
 * @param {string} day 'YYYY-MM-DD'
 * @param {number} days whole days
 * @returns {string} 'YYYY-MM-DD'
 */
export function addDays(day, days) {
  const start = dayNumber(day, 'addDays', 'day');
  if (typeof days !== 'number' || !Number.isInteger(days)) {
    throw new TypeError(`addDays: days must be an integer, got ${describe(days)}`);
  }
  return formatDay(start + days);
}

/**
 * @param {number} day days since 1970-01-01
 * @param {number} months whole months
 * @returns {number} the same day of the month `months` later, on the month's last day when it has fewer days
 */
export function addMonthsToDay(day, months) {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastOfMonth = new Date(0);
  lastOfMonth.setUTCFullYear(year, month + 1, 0);
  const probe = new Date(0);
  probe.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastOfMonth.getUTCDate()));
  return Math.round(probe.getTime() / DAY_MS);
}

/**
 * The same day `months` months later (earlier when negative), on the last day of the month when that month is
 * shorter (31 January + 1 month = 28 or 29 February). Unlike Salesforce's ADDMONTHS, a month's last day stays the same
 * day number (28 February + 1 month = 28 March): terms are counted from their first day, which this keeps exact.
 * @param {string} day 'YYYY-MM-DD'
 * @param {number} months whole months
 * @returns {string} 'YYYY-MM-DD'
 */
export function addMonths(day, months) {
  const start = dayNumber(day, 'addMonths', 'day');
  if (typeof months !== 'number' || !Number.isInteger(months)) {
    throw new TypeError(`addMonths: months must be an integer, got ${describe(months)}`);
  }
  return formatDay(addMonthsToDay(start, months));
}

/**
 * Whole days from `from` to `to` (negative when `to` is earlier).
 * @param {string} from 'YYYY-MM-DD'
 * @param {string} to 'YYYY-MM-DD'
 * @returns {number} days
 */
export function daysBetween(from, to) {
  return dayNumber(to, 'daysBetween', 'to') - dayNumber(from, 'daysBetween', 'from');
}

/**
 * The local day on which an instant falls in a time zone.
 * @param {Date} instant
 * @param {string} timeZone IANA zone
 * @returns {string} 'YYYY-MM-DD'
 */
export function dayOf(instant, timeZone) {
  const ms = instantMs(instant, 'dayOf', 'instant');
  return formatDay(localDayOfZone(zoneFor(timeZone, 'dayOf', 'timeZone'), ms));
}
