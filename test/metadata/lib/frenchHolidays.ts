/** French public holidays (metropolitan France), to check the Paris calendar against an independent computation. */

/**
 * Easter Sunday of a Gregorian year, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
 * @returns the date as a UTC midnight timestamp in milliseconds
 */
export function easterSunday(year: number): number {
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
  return Date.UTC(year, month - 1, day);
}

const DAY_MS = 24 * 60 * 60 * 1000;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The eleven public holidays of a year in metropolitan France (Code du travail L3133-1), as sorted YYYY-MM-DD
 * strings: New Year, Easter Monday, 1 May, 8 May, Ascension (Easter + 39 days), Whit Monday (Easter + 50 days),
 * 14 July, 15 August, 1 November, 11 November, Christmas.
 */
export function frenchPublicHolidays(year: number): string[] {
  const easter = easterSunday(year);
  const fixed = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].map((md) => `${year}-${md}`);
  const moving = [1, 39, 50].map((offsetDays) => iso(easter + offsetDays * DAY_MS));
  return [...fixed, ...moving].sort();
}
