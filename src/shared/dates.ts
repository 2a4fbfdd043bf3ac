/**
 * Calendar days (`YYYY-MM-DD`) and the few conversions the seed needs. Recipes speak in days relative to "today" so
 * that the demo's stories (a gap in three weeks, a notice deadline passed) stay true whatever day the demo runs.
 */

import { addDays, dayOf } from '#engine';

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isDay(value: string): boolean {
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** The same day of the month `months` months later, clamped to the month's last day (Jan 31 + 1 month = Feb 28). */
export function addMonths(day: string, months: number): string {
  if (!isDay(day)) throw new RangeError(`addMonths: day must be a calendar day written YYYY-MM-DD, got "${day}"`);
  const date = new Date(`${day}T00:00:00Z`);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target.toISOString().slice(0, 10);
}

/** Day of the week of a calendar day: 0 = Sunday ... 6 = Saturday. */
export function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** The calendar day it is at `now` in `timeZone` (an IANA zone). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return dayOf(now, timeZone);
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();
/** Zones change their offset on the hour or the half hour: within a half hour the offset is one value. */
const HALF_HOUR_MS = 30 * 60_000;

/** Offset of `timeZone` from UTC at `instant`, in minutes (Paris in summer: +120). */
function offsetMinutes(instant: number, timeZone: string): number {
  const cacheKey = `${timeZone}|${Math.floor(instant / HALF_HOUR_MS)}`;
  const cached = offsetCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const offset = measureOffsetMinutes(instant, timeZone);
  // Bounded: a seed touches a few thousand half hours; a long-lived process must not grow without end.
  if (offsetCache.size > 100_000) offsetCache.clear();
  offsetCache.set(cacheKey, offset);
  return offset;
}

function measureOffsetMinutes(instant: number, timeZone: string): number {
  let format = offsetFormatters.get(timeZone);
  if (!format) {
    // Building a formatter costs far more than using one: one per zone, kept for the process.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit'
    });
    offsetFormatters.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(instant));
  const get = (type: string): number => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The instant at which the wall clock in `timeZone` shows `day` at `minuteOfDay` minutes after midnight.
 * A wall time skipped by a daylight-saving change resolves to the instant one hour later, as clocks do.
 */
export function zonedInstant(day: string, minuteOfDay: number, timeZone: string): Date {
  const wallAsUtc = Date.parse(`${day}T00:00:00Z`) + minuteOfDay * 60_000;
  // Two passes: the offset at the first guess can differ from the offset at the answer near a DST change.
  let guess = wallAsUtc - offsetMinutes(wallAsUtc, timeZone) * 60_000;
  guess = wallAsUtc - offsetMinutes(guess, timeZone) * 60_000;
  return new Date(guess);
}

const RELATIVE_PATTERN = /^today\s*(?:([+-])\s*(\d+)\s*([dwmy])?)?$/i;

/**
 * Resolves a recipe date: `YYYY-MM-DD`, `today`, or `today+N` / `today-N` with an optional unit
 * d (days, the default), w (weeks), m (months) or y (years). Returns undefined when the text is neither.
 */
export function resolveRelativeDay(expression: string, today: string): string | undefined {
  const text = expression.trim();
  if (isDay(text)) return text;
  const match = RELATIVE_PATTERN.exec(text);
  if (!match) return undefined;
  if (!match[1]) return today;
  const amount = Number(match[2]) * (match[1] === '-' ? -1 : 1);
  switch ((match[3] ?? 'd').toLowerCase()) {
    case 'w':
      return addDays(today, amount * 7);
    case 'm':
      return addMonths(today, amount);
    case 'y':
      return addMonths(today, amount * 12);
    default:
      return addDays(today, amount);
  }
}
