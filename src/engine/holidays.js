// @ts-check
// Part of the engine (src/engine/index.js), bundled by npm run build:engine.
import { DAY_MS } from './constants.js';
import { describe, objectArg } from './checks.js';
import { formatDay, weekdayIndex } from './days.js';

// ---------------------------------------------------------------------------------------------------------------------
// Public holidays
// ---------------------------------------------------------------------------------------------------------------------

/** Countries (and UK nations) whose public holidays `publicHolidays` computes. */
export const HOLIDAY_COUNTRIES = Object.freeze(['FR', 'GB-EAW']);
/** The years `publicHolidays` computes: the current lists of both countries apply from 1982 (8 May restored in FR). */
export const HOLIDAY_YEARS = Object.freeze({ min: 1982, max: 2199 });

/**
 * Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).
 * @param {number} year
 * @returns {number} days since 1970-01-01
 */
function easterSunday(year) {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utcDay(year, month, day);
}

/**
 * @param {number} year
 * @param {number} month 1-12
 * @param {number} day 1-31
 * @returns {number} days since 1970-01-01
 */
function utcDay(year, month, day) {
  const probe = new Date(0);
  probe.setUTCFullYear(year, month - 1, day);
  return Math.round(probe.getTime() / DAY_MS);
}

/**
 * The first (`which` = 1) or last (`which` = -1) Monday of a month.
 * @param {number} year
 * @param {number} month 1-12
 * @param {1|-1} which
 * @returns {number} days since 1970-01-01
 */
function mondayOfMonth(year, month, which) {
  if (which === 1) {
    const first = utcDay(year, month, 1);
    return first + ((7 - weekdayIndex(first)) % 7);
  }
  const last = utcDay(year, month + 1, 0);
  return last - weekdayIndex(last);
}

/**
 * The day a bank holiday is taken in England and Wales: the day itself, or the next weekday not already taken when
 * it falls on a weekend (Christmas on a Saturday: Monday 27 for Christmas, Tuesday 28 for Boxing Day).
 * @param {number} day
 * @param {Set<number>} taken days already holidays
 * @returns {number}
 */
function substituteDay(day, taken) {
  let observed = day;
  while (weekdayIndex(observed) >= 5 || taken.has(observed)) observed += 1;
  return observed;
}

/**
 * The statutory public holidays of a country over whole years, Easter-based ones computed:
 * - `FR` (metropolitan France, Code du travail L3133-1): 1 January, Easter Monday, 1 May, 8 May, Ascension
 *   (Easter + 39 days), Whit Monday (Easter + 50), 14 July, 15 August, 1 November, 11 November, 25 December; a
 *   holiday on a weekend is not moved. Alsace-Moselle's two extra days are not included.
 * - `GB-EAW` (England and Wales bank holidays): New Year's Day, Good Friday (Easter - 2), Easter Monday, the first and
 *   last Mondays of May, the last Monday of August, Christmas Day and Boxing Day, a weekend one moved to the next
 *   weekday not already a holiday. One-off holidays proclaimed for a year (a coronation, a jubilee) are not foreseeable
 *   and must be added by hand.
 * @param {{ country: string, fromYear: number, toYear: number }} input years inclusive, within HOLIDAY_YEARS
 * @returns {string[]} 'YYYY-MM-DD' days the holidays are taken on, sorted, without duplicates
 * @throws {TypeError|RangeError} for an unknown country, a year that is not an integer in HOLIDAY_YEARS, or
 *   fromYear > toYear
 */
export function publicHolidays(input) {
  const fn = 'publicHolidays';
  objectArg(input, fn, 'input');
  const { country, fromYear, toYear } = input;
  if (typeof country !== 'string' || !HOLIDAY_COUNTRIES.includes(country)) {
    throw new RangeError(
      `${fn}: country must be one of ${HOLIDAY_COUNTRIES.join(', ')}, got ${typeof country === 'string' ? JSON.stringify(country) : describe(country)}`
    );
  }
  for (const [name, year] of /** @type {const} */ ([
    ['fromYear', fromYear],
    ['toYear', toYear]
  ])) {
    if (typeof year !== 'number' || !Number.isInteger(year)) {
      throw new TypeError(`${fn}: ${name} must be an integer year, got ${describe(year)}`);
    }
    if (year < HOLIDAY_YEARS.min || year > HOLIDAY_YEARS.max) {
      throw new RangeError(`${fn}: ${name} must be between ${HOLIDAY_YEARS.min} and ${HOLIDAY_YEARS.max}, got ${year}`);
    }
  }
  if (fromYear > toYear) {
    throw new RangeError(`${fn}: fromYear (${fromYear}) is after toYear (${toYear})`);
  }
  /** @type {number[]} */
  const days = [];
  for (let year = fromYear; year <= toYear; year += 1) {
    const easter = easterSunday(year);
    if (country === 'FR') {
      days.push(
        utcDay(year, 1, 1),
        easter + 1,
        utcDay(year, 5, 1),
        utcDay(year, 5, 8),
        easter + 39,
        easter + 50,
        utcDay(year, 7, 14),
        utcDay(year, 8, 15),
        utcDay(year, 11, 1),
        utcDay(year, 11, 11),
        utcDay(year, 12, 25)
      );
    } else {
      /** @type {Set<number>} */
      const taken = new Set([easter - 2, easter + 1, mondayOfMonth(year, 5, 1), mondayOfMonth(year, 5, -1)]);
      taken.add(mondayOfMonth(year, 8, -1));
      // In date order, so that Boxing Day's substitute comes after Christmas's.
      for (const fixed of [utcDay(year, 1, 1), utcDay(year, 12, 25), utcDay(year, 12, 26)]) {
        taken.add(substituteDay(fixed, taken));
      }
      days.push(...taken);
    }
  }
  return [...new Set(days)].sort((a, b) => a - b).map(formatDay);
}
