import {
  formatLabel,
  formatInstant,
  formatDay,
  formatMonth,
  formatPercent,
  formatNumber,
  formatDuration,
  userToday,
  USER_LOCALE,
  USER_TIME_ZONE
} from 'c/maintenanceFormat';

// The real English texts, so that the placeholders are exercised (by default sfdx-lwc-jest resolves a label to its name).
jest.mock('@salesforce/label/c.Duration_Hours_Minutes', () => ({ default: '{0} h {1} min' }), { virtual: true });
jest.mock('@salesforce/label/c.Duration_Minutes', () => ({ default: '{0} min' }), { virtual: true });
jest.mock('@salesforce/label/c.Duration_Overdue', () => ({ default: 'overdue by {0}' }), { virtual: true });

// sfdx-lwc-jest resolves @salesforce/i18n to en-US and America/Los_Angeles.
describe('c/maintenanceFormat', () => {
  it('exposes the user locale and time zone', () => {
    expect(USER_LOCALE).toBe('en-US');
    expect(USER_TIME_ZONE).toBe('America/Los_Angeles');
  });

  it('fills positional placeholders and leaves unknown ones', () => {
    expect(formatLabel('Gap from {0} to {1}', 'A', 'B')).toBe('Gap from A to B');
    expect(formatLabel('{0} and {2}', 'x')).toBe('x and {2}');
  });

  it('shows an instant in the user time zone', () => {
    // 17:30 UTC on 10 March 2026 is 10:30 in Los Angeles (PDT, UTC-7, since 8 March).
    expect(formatInstant('2026-03-10T17:30:00.000Z')).toBe('Mar 10, 2026, 10:30 AM');
    expect(formatInstant(new Date('2026-01-05T08:00:00Z'))).toBe('Jan 5, 2026, 12:00 AM');
    expect(formatInstant(null)).toBe('');
    expect(formatInstant('not a date')).toBe('');
  });

  it('shows a calendar day without shifting it', () => {
    expect(formatDay('2026-03-01')).toBe('Mar 1, 2026');
    expect(formatDay('')).toBe('');
    expect(formatDay('2026-13-45')).toBe('');
    expect(formatMonth('2026-03-15')).toBe('Mar 26');
  });

  it('formats percentages and numbers', () => {
    expect(formatPercent(0.425)).toBe('43%');
    expect(formatPercent(undefined)).toBe('');
    expect(formatNumber(1234.567)).toBe('1,234.57');
    expect(formatNumber(NaN)).toBe('');
  });

  it('formats durations, overdue ones included', () => {
    expect(formatDuration(135)).toBe('2 h 15 min');
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(-90)).toBe('overdue by 1 h 30 min');
    expect(formatDuration(0)).toBe('0 min');
    expect(formatDuration(null)).toBe('');
  });

  it('tells the day it is for the user', () => {
    // 03:00 UTC on 10 March is still 9 March in Los Angeles.
    expect(userToday(new Date('2026-03-10T03:00:00Z'))).toBe('2026-03-09');
    expect(userToday(new Date('2026-03-10T12:00:00Z'))).toBe('2026-03-10');
  });
});
