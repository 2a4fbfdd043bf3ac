/**
 * SOQL date literals (`TODAY`, `LAST_N_DAYS:30`, `THIS_QUARTER`, ...) as half-open ranges [start, end). For date
 * fields a range is two `YYYY-MM-DD` dates; for date/time fields it is two UTC instants, the day boundaries taken
 * in the user's time zone, as Salesforce does. Fiscal periods follow the calendar (the default fiscal year).
 */
import { SfApiError, malformedQuery } from '../errors.js';

export interface DateRange {
  start: string;
  end: string;
}

/** A calendar day as numbers (month 1-12). */
interface Day {
  year: number;
  month: number;
  day: number;
}

function toDayString(day: Day): string {
  return `${String(day.year).padStart(4, '0')}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

function addDays(day: Day, count: number): Day {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + count));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function addMonths(day: Day, count: number): Day {
  const date = new Date(Date.UTC(day.year, day.month - 1 + count, 1));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: 1 };
}

/** Today in `timeZone`. */
function today(now: Date, timeZone: string): Day {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(now)
    .reduce<Record<string, string>>((acc, part) => ({ ...acc, [part.type]: part.value }), {});
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

/** Offset of `timeZone` from UTC at `instant`, in minutes. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit'
  })
    .formatToParts(instant)
    .reduce<Record<string, string>>((acc, part) => ({ ...acc, [part.type]: part.value }), {});
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second)
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/** The UTC instant at which `day` starts in `timeZone`, as ISO 8601. */
function startOfDay(day: Day, timeZone: string): string {
  const guess = new Date(Date.UTC(day.year, day.month - 1, day.day));
  const first = new Date(guess.getTime() - offsetMinutes(guess, timeZone) * 60000);
  // A second pass corrects days on which the offset changes (daylight saving time).
  const second = new Date(guess.getTime() - offsetMinutes(first, timeZone) * 60000);
  return second.toISOString();
}

function weekStart(day: Day, mondayFirst: boolean): Day {
  const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
  const back = mondayFirst ? (weekday + 6) % 7 : weekday;
  return addDays(day, -back);
}

function quarterStart(day: Day): Day {
  return { year: day.year, month: Math.floor((day.month - 1) / 3) * 3 + 1, day: 1 };
}

/** The dates Salesforce holds: 1700-01-01 to 4000-12-31. */
const FIRST_DAY: Day = { year: 1700, month: 1, day: 1 };
const AFTER_LAST_DAY: Day = { year: 4001, month: 1, day: 1 };
/** A count past which any literal leaves that range (more than 2,300 years of days). */
const MAX_COUNT = 1_000_000;

function dayNumber(day: Day): number {
  return day.year * 10_000 + day.month * 100 + day.day;
}

function outOfRange(literal: string): SfApiError {
  return new SfApiError(
    'MALFORMED_QUERY',
    `Invalid date literal ${literal}: it reaches outside the dates Salesforce holds (1700-01-01 to 4000-12-31)`,
    400
  );
}

/** [first day, day after the last] of the literal, as days. */
function dayRange(literal: string, n: number, current: Day, mondayFirst: boolean): [Day, Day] {
  const week = weekStart(current, mondayFirst);
  const month: Day = { ...current, day: 1 };
  const quarter = quarterStart(current);
  const year: Day = { year: current.year, month: 1, day: 1 };
  const name = literal.replace(/_FISCAL_/, '_');
  switch (name) {
    case 'YESTERDAY':
      return [addDays(current, -1), current];
    case 'TODAY':
      return [current, addDays(current, 1)];
    case 'TOMORROW':
      return [addDays(current, 1), addDays(current, 2)];
    case 'LAST_WEEK':
      return [addDays(week, -7), week];
    case 'THIS_WEEK':
      return [week, addDays(week, 7)];
    case 'NEXT_WEEK':
      return [addDays(week, 7), addDays(week, 14)];
    case 'LAST_MONTH':
      return [addMonths(month, -1), month];
    case 'THIS_MONTH':
      return [month, addMonths(month, 1)];
    case 'NEXT_MONTH':
      return [addMonths(month, 1), addMonths(month, 2)];
    case 'LAST_90_DAYS':
      return [addDays(current, -90), addDays(current, 1)];
    case 'NEXT_90_DAYS':
      return [addDays(current, 1), addDays(current, 91)];
    case 'LAST_QUARTER':
      return [addMonths(quarter, -3), quarter];
    case 'THIS_QUARTER':
      return [quarter, addMonths(quarter, 3)];
    case 'NEXT_QUARTER':
      return [addMonths(quarter, 3), addMonths(quarter, 6)];
    case 'LAST_YEAR':
      return [addMonths(year, -12), year];
    case 'THIS_YEAR':
      return [year, addMonths(year, 12)];
    case 'NEXT_YEAR':
      return [addMonths(year, 12), addMonths(year, 24)];
    case 'LAST_N_DAYS':
      return [addDays(current, -n), addDays(current, 1)];
    case 'NEXT_N_DAYS':
      return [addDays(current, 1), addDays(current, n + 1)];
    case 'N_DAYS_AGO':
      return [addDays(current, -n), addDays(current, -n + 1)];
    case 'LAST_N_WEEKS':
      return [addDays(week, -7 * n), week];
    case 'NEXT_N_WEEKS':
      return [addDays(week, 7), addDays(week, 7 * (n + 1))];
    case 'N_WEEKS_AGO':
      return [addDays(week, -7 * n), addDays(week, -7 * (n - 1))];
    case 'LAST_N_MONTHS':
      return [addMonths(month, -n), month];
    case 'NEXT_N_MONTHS':
      return [addMonths(month, 1), addMonths(month, n + 1)];
    case 'N_MONTHS_AGO':
      return [addMonths(month, -n), addMonths(month, -n + 1)];
    case 'LAST_N_QUARTERS':
      return [addMonths(quarter, -3 * n), quarter];
    case 'NEXT_N_QUARTERS':
      return [addMonths(quarter, 3), addMonths(quarter, 3 * (n + 1))];
    case 'N_QUARTERS_AGO':
      return [addMonths(quarter, -3 * n), addMonths(quarter, -3 * (n - 1))];
    case 'LAST_N_YEARS':
      return [addMonths(year, -12 * n), year];
    case 'NEXT_N_YEARS':
      return [addMonths(year, 12), addMonths(year, 12 * (n + 1))];
    case 'N_YEARS_AGO':
      return [addMonths(year, -12 * n), addMonths(year, -12 * (n - 1))];
    default:
      throw malformedQuery(`unexpected token: ${literal}`);
  }
}

/**
 * The range of a date literal (`THIS_MONTH`, or `LAST_N_DAYS:30` with its number) for a date field
 * (`datetime` false) or a date/time field, at `now` for a user in `timeZone`.
 */
export function dateLiteralRange(
  literal: string,
  options: { now: Date; timeZone: string; mondayFirst: boolean; datetime: boolean }
): DateRange {
  const [name, count] = literal.toUpperCase().split(':');
  const n = count === undefined ? 0 : Number(count);
  if (count !== undefined && (!Number.isInteger(n) || n < 0)) throw malformedQuery(`Invalid date literal: ${literal}`);
  // Larger counts would leave the dates Salesforce can hold (and overflow JavaScript's dates).
  if (n > MAX_COUNT) throw outOfRange(literal);
  const [first, after] = dayRange(name, n, today(options.now, options.timeZone), options.mondayFirst);
  // Written so that a day JavaScript could not represent (NaN) is out of range too.
  if (!(dayNumber(first) >= dayNumber(FIRST_DAY) && dayNumber(after) <= dayNumber(AFTER_LAST_DAY))) {
    throw outOfRange(literal);
  }
  if (!options.datetime) return { start: toDayString(first), end: toDayString(after) };
  return { start: startOfDay(first, options.timeZone), end: startOfDay(after, options.timeZone) };
}
