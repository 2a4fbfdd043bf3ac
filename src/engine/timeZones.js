// @ts-check
// Part of the engine (src/engine/index.js), bundled by npm run build:engine.
import { DAY_MS } from './constants.js';
import { describe } from './checks.js';

// ---------------------------------------------------------------------------------------------------------------------
// Time zones
// ---------------------------------------------------------------------------------------------------------------------

/**
 * @typedef {Object} Zone
 * @property {string} name
 * @property {Intl.DateTimeFormat|null} formatter null for UTC
 */

/** @type {Map<string, Zone>} */
const zones = new Map();

/**
 * @param {unknown} timeZone
 * @param {string} fn
 * @param {string} name
 * @returns {Zone}
 */
export function zoneFor(timeZone, fn, name) {
  if (typeof timeZone !== 'string' || timeZone.length === 0) {
    throw new TypeError(`${fn}: ${name} must be an IANA time zone name, got ${describe(timeZone)}`);
  }
  let zone = zones.get(timeZone);
  if (zone) {
    return zone;
  }
  /** @type {Intl.DateTimeFormat} */
  let formatter;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    });
  } catch {
    throw new RangeError(`${fn}: ${name} is not a known time zone: ${JSON.stringify(timeZone)}`);
  }
  const resolved = formatter.resolvedOptions().timeZone;
  zone = { name: resolved, formatter: resolved === 'UTC' ? null : formatter };
  zones.set(timeZone, zone);
  return zone;
}

/**
 * Offset of local time from UTC at an instant, in ms (Paris in winter: +3,600,000).
 * @param {Zone} zone
 * @param {number} ms epoch ms
 */
export function offsetAt(zone, ms) {
  if (zone.formatter === null) {
    return 0;
  }
  let year = 1970;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of zone.formatter.formatToParts(ms)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      default:
        break;
    }
  }
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, second, 0);
  const wholeSecond = ms - (((ms % 1000) + 1000) % 1000);
  return wall.getTime() - wholeSecond;
}

/**
 * The instant at which a zone's clocks show a wall time (wall time expressed as "ms since 1970 as if in UTC").
 * Times repeated when clocks go back resolve to the earlier instant; times skipped when clocks go forward resolve to
 * the instant the skipped span ends at (02:30 on the spring-forward night in Paris is 03:30 CEST), as Temporal's
 * "compatible" disambiguation does.
 * @param {Zone} zone
 * @param {number} wall
 * @returns {number} epoch ms
 */
export function wallToInstant(zone, wall) {
  if (zone.formatter === null) {
    return wall;
  }
  const before = offsetAt(zone, wall - DAY_MS);
  const after = offsetAt(zone, wall + DAY_MS);
  if (before === after) {
    return wall - before;
  }
  const early = wall - before;
  const late = wall - after;
  const earlyValid = offsetAt(zone, early) === before;
  const lateValid = offsetAt(zone, late) === after;
  if (earlyValid && lateValid) {
    return Math.min(early, late);
  }
  if (earlyValid) {
    return early;
  }
  if (lateValid) {
    return late;
  }
  return early;
}

/**
 * @param {Zone} zone
 * @param {number} ms
 * @returns {number} local day number
 */
export function localDayOfZone(zone, ms) {
  return Math.floor((ms + offsetAt(zone, ms)) / DAY_MS);
}
