// Public holidays computed by the engine, checked against the official lists typed in by hand:
// FR from service-public.fr ("Jours fériés"), GB-EAW from gov.uk/bank-holidays (England and Wales).
// Easter Sundays: 2026-04-05, 2027-03-28, 2028-04-16, 2029-04-01, 2030-04-21.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { calendarFromMetadata, HOLIDAY_YEARS, publicHolidays } from '#engine';

/** Lets a test pass values the types forbid, as JavaScript callers can. */
function loose<T>(value: unknown): T {
  return value as T;
}

const FR_2026_2030 = [
  // 2026: Easter Monday 6 April, Ascension Thursday 14 May, Whit Monday 25 May.
  '2026-01-01',
  '2026-04-06',
  '2026-05-01',
  '2026-05-08',
  '2026-05-14',
  '2026-05-25',
  '2026-07-14',
  '2026-08-15',
  '2026-11-01',
  '2026-11-11',
  '2026-12-25',
  // 2027: Easter Monday 29 March, Ascension 6 May, Whit Monday 17 May.
  '2027-01-01',
  '2027-03-29',
  '2027-05-01',
  '2027-05-06',
  '2027-05-08',
  '2027-05-17',
  '2027-07-14',
  '2027-08-15',
  '2027-11-01',
  '2027-11-11',
  '2027-12-25',
  // 2028: Easter Monday 17 April, Ascension 25 May, Whit Monday 5 June.
  '2028-01-01',
  '2028-04-17',
  '2028-05-01',
  '2028-05-08',
  '2028-05-25',
  '2028-06-05',
  '2028-07-14',
  '2028-08-15',
  '2028-11-01',
  '2028-11-11',
  '2028-12-25',
  // 2029: Easter Monday 2 April, Ascension 10 May, Whit Monday 21 May.
  '2029-01-01',
  '2029-04-02',
  '2029-05-01',
  '2029-05-08',
  '2029-05-10',
  '2029-05-21',
  '2029-07-14',
  '2029-08-15',
  '2029-11-01',
  '2029-11-11',
  '2029-12-25',
  // 2030: Easter Monday 22 April, Ascension 30 May, Whit Monday 10 June.
  '2030-01-01',
  '2030-04-22',
  '2030-05-01',
  '2030-05-08',
  '2030-05-30',
  '2030-06-10',
  '2030-07-14',
  '2030-08-15',
  '2030-11-01',
  '2030-11-11',
  '2030-12-25'
];

describe('publicHolidays FR', () => {
  it('gives the eleven official holidays of each year 2026-2030', () => {
    expect(publicHolidays({ country: 'FR', fromYear: 2026, toYear: 2030 })).toEqual(FR_2026_2030);
  });

  it('agrees with the 2026-2027 holidays typed into the Paris calendar before they were computed', () => {
    const typed =
      '2026-01-01,2026-04-06,2026-05-01,2026-05-08,2026-05-14,2026-05-25,2026-07-14,2026-08-15,2026-11-01,2026-11-11,' +
      '2026-12-25,2027-01-01,2027-03-29,2027-05-01,2027-05-06,2027-05-08,2027-05-17,2027-07-14,2027-08-15,2027-11-01,' +
      '2027-11-11,2027-12-25';
    expect(publicHolidays({ country: 'FR', fromYear: 2026, toYear: 2027 }).join(',')).toBe(typed);
  });

  it('keeps a holiday that falls on a weekend on its day (no substitute in France)', () => {
    // 2027: 1 May and 8 May are Saturdays, 15 August a Sunday.
    const days = publicHolidays({ country: 'FR', fromYear: 2027, toYear: 2027 });
    expect(days).toContain('2027-05-01');
    expect(days).toContain('2027-08-15');
    expect(days).not.toContain('2027-05-03');
  });

  it('merges Ascension and 1 May when they fall together (2008: both on Thursday 1 May)', () => {
    // Easter 2008 was 23 March: Ascension = 1 May, Whit Monday = 12 May. Ten distinct days.
    const days = publicHolidays({ country: 'FR', fromYear: 2008, toYear: 2008 });
    expect(days).toEqual([
      '2008-01-01',
      '2008-03-24',
      '2008-05-01',
      '2008-05-08',
      '2008-05-12',
      '2008-07-14',
      '2008-08-15',
      '2008-11-01',
      '2008-11-11',
      '2008-12-25'
    ]);
  });
});

describe('publicHolidays GB-EAW', () => {
  it('gives the England and Wales bank holidays of 2026-2028, weekend ones moved to the next weekday', () => {
    expect(publicHolidays({ country: 'GB-EAW', fromYear: 2026, toYear: 2028 })).toEqual([
      // 2026: Christmas Friday, Boxing Day Saturday -> Monday 28.
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
      // 2027: Christmas Saturday -> Monday 27, Boxing Day Sunday -> Tuesday 28.
      '2027-01-01',
      '2027-03-26',
      '2027-03-29',
      '2027-05-03',
      '2027-05-31',
      '2027-08-30',
      '2027-12-27',
      '2027-12-28',
      // 2028: New Year's Day Saturday -> Monday 3 January.
      '2028-01-03',
      '2028-04-14',
      '2028-04-17',
      '2028-05-01',
      '2028-05-29',
      '2028-08-28',
      '2028-12-25',
      '2028-12-26'
    ]);
  });

  it('takes Boxing Day on Monday and Christmas on Tuesday when Christmas is a Sunday (2033)', () => {
    const days = publicHolidays({ country: 'GB-EAW', fromYear: 2033, toYear: 2033 });
    expect(days.filter((day) => day >= '2033-12-01')).toEqual(['2033-12-26', '2033-12-27']);
    // New Year's Day 2033 is a Saturday: Monday 3 January.
    expect(days[0]).toBe('2033-01-03');
  });

  it('puts eight holidays in every year, all on weekdays', () => {
    fc.assert(
      fc.property(fc.integer({ min: HOLIDAY_YEARS.min, max: HOLIDAY_YEARS.max }), (year) => {
        const days = publicHolidays({ country: 'GB-EAW', fromYear: year, toYear: year });
        expect(days).toHaveLength(8);
        for (const day of days) {
          expect(day.startsWith(String(year))).toBe(true);
          expect([1, 2, 3, 4, 5]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
        }
      })
    );
  });
});

describe('publicHolidays properties and bad input', () => {
  it('FR: Easter Monday is a Monday between 23 March and 26 April, Ascension a Thursday 38 days later', () => {
    fc.assert(
      fc.property(fc.integer({ min: HOLIDAY_YEARS.min, max: HOLIDAY_YEARS.max }), (year) => {
        const days = publicHolidays({ country: 'FR', fromYear: year, toYear: year });
        const easterMonday = days[1];
        expect(new Date(`${easterMonday}T00:00:00Z`).getUTCDay()).toBe(1);
        expect(easterMonday >= `${year}-03-23` && easterMonday <= `${year}-04-26`).toBe(true);
        const ascension = new Date(Date.parse(`${easterMonday}T00:00:00Z`) + 38 * 86400000).toISOString().slice(0, 10);
        expect(days).toContain(ascension);
        expect(new Date(`${ascension}T00:00:00Z`).getUTCDay()).toBe(4);
      })
    );
  });

  it('gives days a calendar record accepts', () => {
    const holidays = publicHolidays({ country: 'FR', fromYear: 2026, toYear: 2030 });
    const calendar = calendarFromMetadata({
      DeveloperName: 'Test',
      Time_Zone__c: 'Europe/Paris',
      Monday_Hours__c: '09:00-18:00',
      Holidays__c: holidays.join(',')
    });
    expect(calendar.alwaysOpen ? [] : calendar.holidays).toEqual(holidays);
  });

  it('refuses an unknown country, a fractional or out-of-range year and reversed years', () => {
    expect(() => publicHolidays({ country: 'DE', fromYear: 2026, toYear: 2026 })).toThrow(
      /country must be one of FR, GB-EAW, got "DE"/
    );
    expect(() => publicHolidays({ country: 'FR', fromYear: 2026.5, toYear: 2027 })).toThrow(TypeError);
    expect(() => publicHolidays({ country: 'FR', fromYear: loose<number>('2026'), toYear: 2027 })).toThrow(
      /fromYear must be an integer year/
    );
    expect(() => publicHolidays({ country: 'FR', fromYear: 1900, toYear: 2026 })).toThrow(
      /fromYear must be between 1982 and 2199, got 1900/
    );
    expect(() => publicHolidays({ country: 'FR', fromYear: 2030, toYear: 2026 })).toThrow(
      /fromYear \(2030\) is after toYear \(2026\)/
    );
    expect(() => publicHolidays(loose(null))).toThrow(TypeError);
  });
});
