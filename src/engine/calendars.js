// @ts-check
// Part of the engine (src/engine/index.js), bundled by npm run build:engine.
import { CHUNK_DAYS, DAY_MS, DEFAULT_WEEKLY_HOURS, MAX_CHUNKS, MINUTE_MS, WEEKDAYS } from './constants.js';
import { arrayArg, describe, instantMs, nonNegativeNumber, objectArg } from './checks.js';
import { dayNumber, formatDay, weekdayIndex } from './days.js';
import { offsetAt, wallToInstant, zoneFor } from './timeZones.js';
import { booleanField, recordFields, textField } from './recordMappers.js';
/** @typedef {import('./types.js').BusinessHoursCalendar} BusinessHoursCalendar */
/** @typedef {import('./types.js').Calendar} Calendar */
/** @typedef {import('./types.js').Contract} Contract */
/** @typedef {import('./types.js').HoursInterval} HoursInterval */
/** @typedef {import('./types.js').WeekdayKey} WeekdayKey */
/** @typedef {import('./types.js').WeeklyHours} WeeklyHours */
/** @typedef {import('./timeZones.js').Zone} Zone */

// ---------------------------------------------------------------------------------------------------------------------
// Calendars: compilation and cached open intervals
// ---------------------------------------------------------------------------------------------------------------------

/**
 * A block of CHUNK_DAYS consecutive local days of a calendar, with everything in UTC ms.
 * @typedef {Object} DayChunk
 * @property {number} number chunk number (firstDay / CHUNK_DAYS)
 * @property {number} firstDay local day number of the first day
 * @property {Float64Array} starts CHUNK_DAYS + 1 instants: the local midnight starting each day (last = next chunk)
 * @property {Int32Array} index CHUNK_DAYS + 1 positions in `open` of each day's first interval
 * @property {Float64Array} open flat [start, end, start, end...] open intervals, in order
 * @property {Float64Array} cumulative CHUNK_DAYS + 1 open ms from the chunk start to each day's start (last = total)
 */

/**
 * @typedef {Object} CompiledCalendar
 * @property {boolean} alwaysOpen
 * @property {Zone} zone
 * @property {number[][]} weekly per weekday (Monday first) flat [startMinute, endMinute, ...] local minutes
 * @property {Set<number>} holidays local day numbers
 * @property {Map<number, DayChunk>} chunks
 * @property {number} lastOffset offset of the last day located, the first guess for the next lookup
 * @property {DayChunk|null} foundChunk result slot of locate() (avoids an allocation per lookup)
 * @property {number} foundDay result slot of locate(): day index within foundChunk
 */

/** @type {WeakMap<object, CompiledCalendar>} */
const compiledByIdentity = new WeakMap();
/** @type {Map<string, CompiledCalendar>} */
const compiledByContent = new Map();
/** @type {CompiledCalendar} */
export const ALWAYS_OPEN = makeCompiled(true, zoneFor('UTC', 'calendar', 'timeZone'), [], new Set());

/**
 * @param {boolean} alwaysOpen
 * @param {Zone} zone
 * @param {number[][]} weekly
 * @param {Set<number>} holidays
 * @returns {CompiledCalendar}
 */
function makeCompiled(alwaysOpen, zone, weekly, holidays) {
  return {
    alwaysOpen,
    zone,
    weekly,
    holidays,
    chunks: new Map(),
    lastOffset: 0,
    foundChunk: null,
    foundDay: 0
  };
}

/**
 * @param {unknown} calendar
 * @param {string} fn
 * @param {string} [name]
 * @returns {CompiledCalendar}
 */
export function compileCalendar(calendar, fn, name = 'calendar') {
  if (calendar === null || typeof calendar !== 'object' || Array.isArray(calendar)) {
    throw new TypeError(`${fn}: ${name} must be a calendar object, got ${describe(calendar)}`);
  }
  const cached = compiledByIdentity.get(calendar);
  if (cached) {
    return cached;
  }
  const source = /** @type {Record<string, any>} */ (calendar);
  let compiled;
  if (source.alwaysOpen === true) {
    compiled =
      source.timeZone === undefined || source.timeZone === null
        ? ALWAYS_OPEN
        : makeCompiled(true, zoneFor(source.timeZone, fn, `${name}.timeZone`), [], new Set());
  } else {
    const zone = zoneFor(source.timeZone, fn, `${name}.timeZone`);
    const weekly = compileWeeklyHours(source.weeklyHours, fn, `${name}.weeklyHours`);
    const holidayList = source.holidays === undefined || source.holidays === null ? [] : source.holidays;
    const holidays = new Set(
      arrayArg(holidayList, fn, `${name}.holidays`).map((day, i) => dayNumber(day, fn, `${name}.holidays[${i}]`))
    );
    const key = JSON.stringify([zone.name, weekly, [...holidays].sort((a, b) => a - b)]);
    compiled = compiledByContent.get(key);
    if (!compiled) {
      compiled = makeCompiled(false, zone, weekly, holidays);
      compiled.lastOffset = offsetAt(zone, Date.now());
      if (compiledByContent.size >= 256) {
        compiledByContent.clear();
      }
      compiledByContent.set(key, compiled);
    }
  }
  compiledByIdentity.set(calendar, compiled);
  return compiled;
}

/**
 * @param {unknown} weeklyHours
 * @param {string} fn
 * @param {string} name
 * @returns {number[][]}
 */
function compileWeeklyHours(weeklyHours, fn, name) {
  const hours = objectArg(weeklyHours, fn, name);
  for (const key of Object.keys(hours)) {
    if (!WEEKDAYS.includes(/** @type {WeekdayKey} */ (key))) {
      throw new RangeError(`${fn}: ${name} has an unknown day ${JSON.stringify(key)} (use ${WEEKDAYS.join(', ')})`);
    }
  }
  let openMinutes = 0;
  const weekly = WEEKDAYS.map((key) => {
    const list = hours[key] === undefined || hours[key] === null ? [] : arrayArg(hours[key], fn, `${name}.${key}`);
    const intervals = list.map((interval, i) => {
      const label = `${name}.${key}[${i}]`;
      if (!Array.isArray(interval) || interval.length !== 2) {
        throw new TypeError(`${fn}: ${label} must be a ['HH:MM', 'HH:MM'] pair, got ${describe(interval)}`);
      }
      const start = wallMinutes(interval[0], fn, label, false);
      const end = wallMinutes(interval[1], fn, label, true);
      if (end <= start) {
        throw new RangeError(`${fn}: ${label} ends before it starts (${interval[0]}-${interval[1]})`);
      }
      return [start, end];
    });
    intervals.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < intervals.length; i += 1) {
      if (intervals[i][0] < intervals[i - 1][1]) {
        throw new RangeError(`${fn}: ${name}.${key} has overlapping intervals`);
      }
    }
    // Touching intervals ("09:00-12:00", "12:00-18:00") are one stretch of open time.
    /** @type {number[]} */
    const flat = [];
    for (const [start, end] of intervals) {
      if (flat.length > 0 && flat[flat.length - 1] === start) {
        flat[flat.length - 1] = end;
      } else {
        flat.push(start, end);
      }
      openMinutes += end - start;
    }
    return flat;
  });
  if (openMinutes === 0) {
    throw new RangeError(`${fn}: ${name} has no open hours in the week (use alwaysOpen for a 24x7 calendar)`);
  }
  return weekly;
}

const WALL_TIME_PATTERN = /^(\d{1,2}):(\d{2})$/;

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {string} name
 * @param {boolean} isEnd '24:00' is only an end
 * @returns {number} minutes since local midnight
 */
function wallMinutes(value, fn, name, isEnd) {
  if (typeof value !== 'string') {
    throw new TypeError(`${fn}: ${name} must hold 'HH:MM' strings, got ${describe(value)}`);
  }
  const match = WALL_TIME_PATTERN.exec(value);
  const hours = match ? Number(match[1]) : NaN;
  const minutes = match ? Number(match[2]) : NaN;
  const valid = match !== null && minutes < 60 && (hours < 24 || (isEnd && hours === 24 && minutes === 0));
  if (!valid) {
    throw new RangeError(`${fn}: ${name} has an invalid time ${JSON.stringify(value)} (expected HH:MM, 00:00-24:00)`);
  }
  return hours * 60 + minutes;
}

/**
 * @param {CompiledCalendar} cal
 * @param {number} number
 * @returns {DayChunk}
 */
function chunkAt(cal, number) {
  let chunk = cal.chunks.get(number);
  if (!chunk) {
    if (cal.chunks.size >= MAX_CHUNKS) {
      cal.chunks.clear();
    }
    chunk = buildChunk(cal, number);
    cal.chunks.set(number, chunk);
  }
  return chunk;
}

/**
 * Converts CHUNK_DAYS local days of opening hours into UTC intervals. Only days whose two midnights have different
 * offsets (DST change days) need an exact conversion of each opening time; other days shift by one offset.
 * @param {CompiledCalendar} cal
 * @param {number} number
 * @returns {DayChunk}
 */
function buildChunk(cal, number) {
  const zone = cal.zone;
  const firstDay = number * CHUNK_DAYS;
  const starts = new Float64Array(CHUNK_DAYS + 1);
  for (let i = 0; i <= CHUNK_DAYS; i += 1) {
    starts[i] = wallToInstant(zone, (firstDay + i) * DAY_MS);
  }
  const index = new Int32Array(CHUNK_DAYS + 1);
  const cumulative = new Float64Array(CHUNK_DAYS + 1);
  /** @type {number[]} */
  const open = [];
  let total = 0;
  for (let i = 0; i < CHUNK_DAYS; i += 1) {
    index[i] = open.length;
    cumulative[i] = total;
    const day = firstDay + i;
    if (cal.holidays.has(day)) {
      continue;
    }
    const wallMidnight = day * DAY_MS;
    const offset = wallMidnight - starts[i];
    const steady = offset === (day + 1) * DAY_MS - starts[i + 1];
    const minutes = cal.weekly[weekdayIndex(day)];
    for (let k = 0; k < minutes.length; k += 2) {
      const wallStart = wallMidnight + minutes[k] * MINUTE_MS;
      const wallEnd = wallMidnight + minutes[k + 1] * MINUTE_MS;
      const start = minutes[k] === 0 ? starts[i] : steady ? wallStart - offset : wallToInstant(zone, wallStart);
      const end = minutes[k + 1] === 1440 ? starts[i + 1] : steady ? wallEnd - offset : wallToInstant(zone, wallEnd);
      // An interval inside the hour skipped by a spring-forward change does not exist that day.
      if (end > start) {
        open.push(start, end);
        total += end - start;
      }
    }
  }
  index[CHUNK_DAYS] = open.length;
  cumulative[CHUNK_DAYS] = total;
  return { number, firstDay, starts, index, open: Float64Array.from(open), cumulative };
}

/**
 * Finds the chunk and day containing an instant; the result lands in cal.foundChunk / cal.foundDay.
 * @param {CompiledCalendar} cal
 * @param {number} ms
 * @returns {DayChunk}
 */
function locate(cal, ms) {
  const guess = Math.floor((ms + cal.lastOffset) / DAY_MS);
  let chunk = chunkAt(cal, Math.floor(guess / CHUNK_DAYS));
  let i = guess - chunk.firstDay;
  while (ms < chunk.starts[i]) {
    if (i === 0) {
      chunk = chunkAt(cal, chunk.number - 1);
      i = CHUNK_DAYS - 1;
    } else {
      i -= 1;
    }
  }
  while (ms >= chunk.starts[i + 1]) {
    if (i === CHUNK_DAYS - 1) {
      chunk = chunkAt(cal, chunk.number + 1);
      i = 0;
    } else {
      i += 1;
    }
  }
  cal.lastOffset = (chunk.firstDay + i) * DAY_MS - chunk.starts[i];
  cal.foundChunk = chunk;
  cal.foundDay = i;
  return chunk;
}

/**
 * Open ms from the start of `chunk` up to `ms`, which lies in day `day` of the chunk.
 * @param {DayChunk} chunk
 * @param {number} day
 * @param {number} ms
 */
function positionInChunk(chunk, day, ms) {
  let position = chunk.cumulative[day];
  const open = chunk.open;
  for (let k = chunk.index[day], end = chunk.index[day + 1]; k < end; k += 2) {
    if (ms <= open[k]) {
      break;
    }
    position += (ms < open[k + 1] ? ms : open[k + 1]) - open[k];
  }
  return position;
}

/**
 * Business ms between two instants (end >= start) on a compiled calendar.
 * @param {CompiledCalendar} cal
 * @param {number} startMs
 * @param {number} endMs
 */
export function openMsBetween(cal, startMs, endMs) {
  if (cal.alwaysOpen) {
    return endMs - startMs;
  }
  const first = locate(cal, startMs);
  const fromStart = positionInChunk(first, cal.foundDay, startMs);
  const last = locate(cal, endMs);
  const toEnd = positionInChunk(last, cal.foundDay, endMs);
  if (first === last) {
    return toEnd - fromStart;
  }
  let total = first.cumulative[CHUNK_DAYS] - fromStart + toEnd;
  for (let number = first.number + 1; number < last.number; number += 1) {
    total += chunkAt(cal, number).cumulative[CHUNK_DAYS];
  }
  return total;
}

/**
 * The earliest instant at which `amountMs` (> 0) of open time has passed since `startMs`.
 * @param {CompiledCalendar} cal
 * @param {number} startMs
 * @param {number} amountMs
 */
export function addOpenMs(cal, startMs, amountMs) {
  if (cal.alwaysOpen || amountMs === 0) {
    return startMs + amountMs;
  }
  let chunk = locate(cal, startMs);
  let target = positionInChunk(chunk, cal.foundDay, startMs) + amountMs;
  while (target > chunk.cumulative[CHUNK_DAYS]) {
    target -= chunk.cumulative[CHUNK_DAYS];
    chunk = chunkAt(cal, chunk.number + 1);
  }
  // First day whose end position reaches the target: its start position is strictly below the target.
  let low = 0;
  let high = CHUNK_DAYS - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (chunk.cumulative[middle + 1] >= target) {
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  let position = chunk.cumulative[low];
  const open = chunk.open;
  for (let k = chunk.index[low], end = chunk.index[low + 1]; k < end; k += 2) {
    const length = open[k + 1] - open[k];
    if (position + length >= target) {
      return open[k] + (target - position);
    }
    position += length;
  }
  /* c8 ignore next */
  throw new Error('addOpenMs: inconsistent calendar cache');
}

/**
 * Adds business minutes to an instant: the earliest instant at which `minutes` minutes of open calendar time have
 * passed since `start`. Open time is counted in real elapsed time, so it stays right across DST changes (a
 * 00:00-24:00 day lasts 23 h on the spring-forward Sunday); holidays and weekends are skipped; several intervals a day
 * are allowed. Adding 540 minutes to Monday 09:00 on a 09:00-18:00 calendar gives Monday 18:00, not Tuesday 09:00.
 * On an `alwaysOpen` calendar this is `start + minutes` (elapsed, wall-clock time). Adding 0 returns `start`.
 * @param {Date} start
 * @param {number} minutes business minutes (>= 0; fractions allowed, rounded to the millisecond)
 * @param {Calendar} calendar
 * @returns {Date}
 */
export function addBusinessMinutes(start, minutes, calendar) {
  const fn = 'addBusinessMinutes';
  const startMs = instantMs(start, fn, 'start');
  const amount = nonNegativeNumber(minutes, fn, 'minutes');
  const cal = compileCalendar(calendar, fn);
  return new Date(addOpenMs(cal, startMs, Math.round(amount * MINUTE_MS)));
}

/**
 * Business minutes between two instants: the open calendar time inside [start, end], in real elapsed minutes
 * (fractional when the instants are not on whole minutes). Inverse of addBusinessMinutes:
 * `businessMinutesBetween(s, addBusinessMinutes(s, m, c), c) === m`.
 * @param {Date} start
 * @param {Date} end must not be before start
 * @param {Calendar} calendar
 * @returns {number} business minutes
 */
export function businessMinutesBetween(start, end, calendar) {
  const fn = 'businessMinutesBetween';
  const startMs = instantMs(start, fn, 'start');
  const endMs = instantMs(end, fn, 'end');
  if (endMs < startMs) {
    throw new RangeError(`${fn}: end (${end.toISOString()}) is before start (${start.toISOString()})`);
  }
  return openMsBetween(compileCalendar(calendar, fn), startMs, endMs) / MINUTE_MS;
}

/**
 * Whether an instant falls inside the calendar's open hours.
 * @param {Date} instant
 * @param {Calendar} calendar
 * @returns {boolean}
 */
export function isOpenAt(instant, calendar) {
  const ms = instantMs(instant, 'isOpenAt', 'instant');
  const cal = compileCalendar(calendar, 'isOpenAt');
  if (cal.alwaysOpen) {
    return true;
  }
  const chunk = locate(cal, ms);
  for (let k = chunk.index[cal.foundDay], end = chunk.index[cal.foundDay + 1]; k < end; k += 2) {
    if (ms >= chunk.open[k] && ms < chunk.open[k + 1]) {
      return true;
    }
  }
  return false;
}

const HOLIDAY_SEPARATORS = /[\s,;]+/;
const METADATA_DAY_FIELDS = /** @type {const} */ ([
  ['mon', 'Monday_Hours__c'],
  ['tue', 'Tuesday_Hours__c'],
  ['wed', 'Wednesday_Hours__c'],
  ['thu', 'Thursday_Hours__c'],
  ['fri', 'Friday_Hours__c'],
  ['sat', 'Saturday_Hours__c'],
  ['sun', 'Sunday_Hours__c']
]);

/**
 * Builds an engine calendar from a Maintenance_Calendar__mdt record: Time_Zone__c, Always_Open__c,
 * Monday_Hours__c..Sunday_Hours__c as "09:00-12:30,13:30-18:00" (blank = closed), Holidays__c as YYYY-MM-DD days
 * separated by commas, semicolons, spaces or newlines. The result is validated as a whole.
 * @param {Record<string, unknown>} record field map (values may also be UI API `{ value }` wrappers)
 * @returns {Calendar}
 * @throws {RangeError} naming the record and field of a malformed value
 */
export function calendarFromMetadata(record) {
  const fn = 'calendarFromMetadata';
  const fields = recordFields(record, fn);
  const name = textField(fields, 'DeveloperName', fn) ?? textField(fields, 'QualifiedApiName', fn) ?? undefined;
  const where = `${fn}: Maintenance_Calendar__mdt${name ? ` ${name}` : ''}`;
  const timeZone = textField(fields, 'Time_Zone__c', fn);
  if (booleanField(fields, 'Always_Open__c', fn)) {
    const zone = timeZone ?? 'UTC';
    zoneFor(zone, where, 'Time_Zone__c');
    return name === undefined ? { timeZone: zone, alwaysOpen: true } : { name, timeZone: zone, alwaysOpen: true };
  }
  if (timeZone === null) {
    throw new RangeError(`${where}: Time_Zone__c is required unless Always_Open__c is checked`);
  }
  zoneFor(timeZone, where, 'Time_Zone__c');
  /** @type {WeeklyHours} */
  const weeklyHours = {};
  for (const [key, field] of METADATA_DAY_FIELDS) {
    const text = textField(fields, field, fn);
    weeklyHours[key] = text === null ? [] : parseHoursText(text, where, field);
  }
  const holidayText = textField(fields, 'Holidays__c', fn) ?? '';
  const holidays = holidayText
    .split(HOLIDAY_SEPARATORS)
    .filter((day) => day.length > 0)
    .map((day) => {
      dayNumber(day, where, 'Holidays__c');
      return day;
    });
  /** @type {BusinessHoursCalendar} */
  const calendar = { timeZone, weeklyHours, holidays };
  if (name !== undefined) {
    calendar.name = name;
  }
  compileCalendar(calendar, where, 'record');
  return calendar;
}

/**
 * @param {string} text "09:00-12:30,13:30-18:00"
 * @param {string} where
 * @param {string} field
 * @returns {HoursInterval[]}
 */
function parseHoursText(text, where, field) {
  return text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const bounds = part.split('-').map((bound) => bound.trim());
      if (bounds.length !== 2) {
        throw new RangeError(
          `${where}: ${field} has a malformed interval ${JSON.stringify(part)} (expected HH:MM-HH:MM)`
        );
      }
      wallMinutes(bounds[0], where, field, false);
      wallMinutes(bounds[1], where, field, true);
      return /** @type {HoursInterval} */ ([bounds[0], bounds[1]]);
    });
}

/**
 * The calendar a contract's SLA clock runs on: the Maintenance_Calendar__mdt it names (from `calendars`, keyed by
 * DeveloperName), in the contract's time zone when it sets one. A contract that names no calendar runs on
 * DEFAULT_WEEKLY_HOURS (Mon-Fri 09:00-18:00, no holidays) in its time zone, or UTC.
 * @param {Contract} contract
 * @param {Record<string, Calendar>} calendars by DeveloperName
 * @returns {Calendar}
 * @throws {RangeError} when the named calendar is not in `calendars`
 */
export function contractCalendar(contract, calendars) {
  const fn = 'contractCalendar';
  objectArg(contract, fn, 'contract');
  objectArg(calendars, fn, 'calendars');
  const timeZone = contract.timeZone || null;
  if (!contract.calendarName) {
    return { timeZone: timeZone ?? 'UTC', weeklyHours: DEFAULT_WEEKLY_HOURS, holidays: [] };
  }
  const calendar = Object.prototype.hasOwnProperty.call(calendars, contract.calendarName)
    ? calendars[contract.calendarName]
    : undefined;
  if (!calendar) {
    throw new RangeError(
      `${fn}: contract.calendarName ${JSON.stringify(contract.calendarName)} is not a known calendar (known: ${Object.keys(calendars).join(', ') || 'none'})`
    );
  }
  if (!timeZone || timeZone === calendar.timeZone) {
    return calendar;
  }
  zoneFor(timeZone, fn, 'contract.timeZone');
  return { ...calendar, timeZone };
}

/**
 * Whether a calendar's holidays run out: null when it is 24x7 (no holidays to miss) or lists a holiday after
 * today + `days`; otherwise `{ lastHoliday }`, its last listed holiday ('YYYY-MM-DD', null when it lists none), so that
 * the tab, the logger and `report` can warn before due times silently stop skipping holidays.
 * @param {Object} input
 * @param {Calendar} input.calendar
 * @param {string} input.today 'YYYY-MM-DD'
 * @param {number} [input.days] default 90
 * @returns {{ lastHoliday: string|null }|null}
 */
export function holidayHorizon(input) {
  const fn = 'holidayHorizon';
  const args = objectArg(input, fn, 'input');
  const cal = compileCalendar(args.calendar, fn);
  const today = dayNumber(args.today, fn, 'today');
  const days = args.days ?? 90;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 0) {
    throw new RangeError(`${fn}: days must be a whole number >= 0, got ${describe(days)}`);
  }
  if (cal.alwaysOpen) {
    return null;
  }
  let last = Number.NEGATIVE_INFINITY;
  for (const day of cal.holidays) {
    if (day > last) last = day;
  }
  if (last > today + days) {
    return null;
  }
  return { lastHoliday: last === Number.NEGATIVE_INFINITY ? null : formatDay(last) };
}
