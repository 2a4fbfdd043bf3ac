// Business-time arithmetic on calendars. Expectations are computed by hand; times in comments are local wall times.
// Paris: CET = UTC+1 in winter, CEST = UTC+2 in summer (2026 changes: Sun 29 March 02:00->03:00, Sun 25 October
// 03:00->02:00). New York: EST = UTC-5, EDT = UTC-4 (2026 changes: Sun 8 March 02:00->03:00, Sun 1 November 02:00->01:00).
import { describe, expect, it } from '@jest/globals';
import {
  addBusinessMinutes,
  addDays,
  businessMinutesBetween,
  calendarFromMetadata,
  contractCalendar,
  dayOf,
  daysBetween,
  DEFAULT_WEEKLY_HOURS,
  isOpenAt,
  type Calendar
} from '#engine';
import { NEW_YORK, PARIS, PARIS_EVERY_HOUR, PARIS_WITH_LUNCH, at, standardContract } from './fixtures.js';

const ALWAYS: Calendar = { alwaysOpen: true };

function add(startIso: string, minutes: number, calendar: Calendar): string {
  return addBusinessMinutes(at(startIso), minutes, calendar).toISOString();
}

describe('addBusinessMinutes / businessMinutesBetween on Mon-Fri 09:00-18:00 Paris', () => {
  it('adds within one day', () => {
    // Mon 2 March 10:00 CET + 2 h = 12:00 CET.
    expect(add('2026-03-02T09:00:00Z', 120, PARIS)).toBe('2026-03-02T11:00:00.000Z');
    expect(businessMinutesBetween(at('2026-03-02T09:00:00Z'), at('2026-03-02T11:00:00Z'), PARIS)).toBe(120);
  });

  it('starts the clock at opening time for an instant before opening', () => {
    // Mon 07:00 CET + 30 min = 09:30 CET.
    expect(add('2026-03-02T06:00:00Z', 30, PARIS)).toBe('2026-03-02T08:30:00.000Z');
  });

  it('moves an instant reported on Friday evening to Monday morning', () => {
    // Fri 6 March 20:00 CET + 60 min = Mon 9 March 10:00 CET.
    expect(add('2026-03-06T19:00:00Z', 60, PARIS)).toBe('2026-03-09T09:00:00.000Z');
  });

  it('ends a full day at closing time, not at the next opening', () => {
    // Mon 09:00 CET + 540 min = Mon 18:00 CET.
    expect(add('2026-03-02T08:00:00Z', 540, PARIS)).toBe('2026-03-02T17:00:00.000Z');
    expect(add('2026-03-02T08:00:00Z', 541, PARIS)).toBe('2026-03-03T08:01:00.000Z');
  });

  it('returns the start itself for zero minutes, even when closed', () => {
    expect(add('2026-03-07T12:34:56.789Z', 0, PARIS)).toBe('2026-03-07T12:34:56.789Z');
  });

  it('skips a holiday between two business days (Armistice, Wednesday 11 November 2026)', () => {
    // Tue 10 Nov 17:00 CET + 120 min: 60 on Tuesday, Wednesday closed, 60 on Thursday -> Thu 12 Nov 10:00 CET.
    expect(add('2026-11-10T16:00:00Z', 120, PARIS)).toBe('2026-11-12T09:00:00.000Z');
    expect(businessMinutesBetween(at('2026-11-10T16:00:00Z'), at('2026-11-12T09:00:00Z'), PARIS)).toBe(120);
    // Bastille Day, Tuesday 14 July 2026 (summer time): Mon 13 Jul 17:00 CEST + 120 min = Wed 15 Jul 10:00 CEST.
    expect(add('2026-07-13T15:00:00Z', 120, PARIS)).toBe('2026-07-15T08:00:00.000Z');
  });

  it('crosses the spring-forward weekend (29 March 2026) with the new offset', () => {
    // Fri 27 Mar 17:00 CET (16:00Z) + 120 min = Mon 30 Mar 10:00 CEST (08:00Z), not 09:00Z.
    expect(add('2026-03-27T16:00:00Z', 120, PARIS)).toBe('2026-03-30T08:00:00.000Z');
    expect(businessMinutesBetween(at('2026-03-27T16:00:00Z'), at('2026-03-30T08:00:00Z'), PARIS)).toBe(120);
  });

  it('crosses the fall-back weekend (25 October 2026) with the new offset', () => {
    // Fri 23 Oct 17:00 CEST (15:00Z) + 120 min = Mon 26 Oct 10:00 CET (09:00Z).
    expect(add('2026-10-23T15:00:00Z', 120, PARIS)).toBe('2026-10-26T09:00:00.000Z');
    expect(businessMinutesBetween(at('2026-10-23T15:00:00Z'), at('2026-10-26T09:00:00Z'), PARIS)).toBe(120);
  });

  it('counts a weekend as zero', () => {
    // Fri 6 Mar 17:00 CET -> Mon 9 Mar 10:00 CET: 60 + 60.
    expect(businessMinutesBetween(at('2026-03-06T16:00:00Z'), at('2026-03-09T09:00:00Z'), PARIS)).toBe(120);
    expect(businessMinutesBetween(at('2026-03-07T08:00:00Z'), at('2026-03-08T20:00:00Z'), PARIS)).toBe(0);
  });

  it('counts fractions of minutes', () => {
    expect(businessMinutesBetween(at('2026-03-02T08:00:00Z'), at('2026-03-02T08:00:30Z'), PARIS)).toBe(0.5);
    expect(add('2026-03-02T08:00:00Z', 0.5, PARIS)).toBe('2026-03-02T08:00:30.000Z');
  });

  it('counts a whole year: 252 business days of 540 minutes in 2026', () => {
    // 2026 has 261 weekdays; 9 holidays fall on one (1 Jan, 6 Apr, 1, 8, 14, 25 May, 14 Jul, 11 Nov, 25 Dec).
    // Local midnight of 1 January 2026 is 2025-12-31T23:00Z.
    expect(businessMinutesBetween(at('2025-12-31T23:00:00Z'), at('2026-12-31T23:00:00Z'), PARIS)).toBe(252 * 540);
    expect(add('2025-12-31T23:00:00Z', 252 * 540, PARIS)).toBe('2026-12-31T17:00:00.000Z');
  });
});

describe('several intervals a day', () => {
  it('skips the lunch break', () => {
    // Mon 12:00 CET + 60 min: 30 until 12:30, then 13:30 + 30 = 14:00 CET.
    expect(add('2026-03-02T11:00:00Z', 60, PARIS_WITH_LUNCH)).toBe('2026-03-02T13:00:00.000Z');
    expect(businessMinutesBetween(at('2026-03-02T11:00:00Z'), at('2026-03-02T13:00:00Z'), PARIS_WITH_LUNCH)).toBe(60);
    // A whole day is 480 minutes.
    expect(businessMinutesBetween(at('2026-03-02T00:00:00Z'), at('2026-03-03T00:00:00Z'), PARIS_WITH_LUNCH)).toBe(480);
  });

  it('ends at the end of the morning interval when that is when the minutes run out', () => {
    // Mon 09:00 CET + 210 min = 12:30 CET.
    expect(add('2026-03-02T08:00:00Z', 210, PARIS_WITH_LUNCH)).toBe('2026-03-02T11:30:00.000Z');
  });
});

describe('days that are 23 or 25 hours long', () => {
  it('counts 1,380 minutes on the Paris spring-forward Sunday and 1,500 on the fall-back one', () => {
    // 29 March: local midnight 2026-03-28T23:00Z (CET) to next midnight 2026-03-29T22:00Z (CEST).
    expect(businessMinutesBetween(at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'), PARIS_EVERY_HOUR)).toBe(1380);
    // 25 October: 2026-10-24T22:00Z (CEST) to 2026-10-25T23:00Z (CET).
    expect(businessMinutesBetween(at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'), PARIS_EVERY_HOUR)).toBe(1500);
  });

  it('measures an interval spanning the skipped or repeated hour in real minutes', () => {
    const sundayNight: Calendar = { timeZone: 'Europe/Paris', weeklyHours: { sun: [['01:00', '04:00']] } };
    // Spring: 01:00 CET = 00:00Z to 04:00 CEST = 02:00Z: two real hours.
    expect(businessMinutesBetween(at('2026-03-28T12:00:00Z'), at('2026-03-29T12:00:00Z'), sundayNight)).toBe(120);
    // Autumn: 01:00 CEST = 23:00Z (Saturday) to 04:00 CET = 03:00Z: four real hours.
    expect(businessMinutesBetween(at('2026-10-24T12:00:00Z'), at('2026-10-25T12:00:00Z'), sundayNight)).toBe(240);
  });

  it('shifts an opening time inside the skipped hour forward by the skipped hour, as Temporal does', () => {
    // 02:30 does not exist on 29 March 2026 in Paris: the interval opens at 03:30 CEST = 01:30Z.
    const skipped: Calendar = { timeZone: 'Europe/Paris', weeklyHours: { sun: [['02:30', '05:00']] } };
    expect(add('2026-03-28T12:00:00Z', 1, skipped)).toBe('2026-03-29T01:31:00.000Z');
  });

  it('opens at the first of two repeated wall times on the fall-back night', () => {
    // 02:30 happens twice on 25 October 2026 in Paris: 00:30Z (CEST), then 01:30Z (CET). The interval opens at the
    // first one and closes at 05:00 CET = 04:00Z: 3 h 30 of real time.
    const repeated: Calendar = { timeZone: 'Europe/Paris', weeklyHours: { sun: [['02:30', '05:00']] } };
    expect(add('2026-10-24T12:00:00Z', 1, repeated)).toBe('2026-10-25T00:31:00.000Z');
    expect(businessMinutesBetween(at('2026-10-24T12:00:00Z'), at('2026-10-25T12:00:00Z'), repeated)).toBe(210);
  });
});

describe('America/New_York, Mon-Fri 08:00-17:00', () => {
  it('crosses the US spring-forward weekend (8 March 2026)', () => {
    // Fri 6 Mar 16:00 EST (21:00Z) + 120: 60 on Friday, then Mon 9 Mar 08:00 EDT (12:00Z) + 60 = 13:00Z.
    expect(add('2026-03-06T21:00:00Z', 120, NEW_YORK)).toBe('2026-03-09T13:00:00.000Z');
    expect(businessMinutesBetween(at('2026-03-06T21:00:00Z'), at('2026-03-09T13:00:00Z'), NEW_YORK)).toBe(120);
  });

  it('crosses the US fall-back weekend (1 November 2026)', () => {
    // Fri 30 Oct 16:00 EDT (20:00Z) + 120: 60 on Friday, then Mon 2 Nov 08:00 EST (13:00Z) + 60 = 14:00Z.
    expect(add('2026-10-30T20:00:00Z', 120, NEW_YORK)).toBe('2026-11-02T14:00:00.000Z');
    expect(businessMinutesBetween(at('2026-10-30T20:00:00Z'), at('2026-11-02T14:00:00Z'), NEW_YORK)).toBe(120);
  });

  it('works in the zone and in the engine alike when Europe and the US are out of step (16-29 March)', () => {
    // Wed 18 Mar 2026: New York is on EDT (UTC-4) while Paris is still on CET: 08:00 EDT = 12:00Z.
    expect(add('2026-03-18T11:00:00Z', 60, NEW_YORK)).toBe('2026-03-18T13:00:00.000Z');
  });
});

describe('alwaysOpen calendars', () => {
  it('adds elapsed time across the Paris spring-forward night', () => {
    // Sat 28 Mar 23:00 CET (22:00Z) + 4 h = 02:00Z, which Paris clocks show as 04:00 CEST.
    const paris24x7: Calendar = { timeZone: 'Europe/Paris', alwaysOpen: true };
    expect(add('2026-03-28T22:00:00Z', 240, paris24x7)).toBe('2026-03-29T02:00:00.000Z');
  });

  it('adds elapsed time across the US fall-back night', () => {
    // Sat 31 Oct 23:00 EDT (03:00Z) + 3 h = 06:00Z = 01:00 EST.
    expect(add('2026-11-01T03:00:00Z', 180, { timeZone: 'America/New_York', alwaysOpen: true })).toBe(
      '2026-11-01T06:00:00.000Z'
    );
    expect(businessMinutesBetween(at('2026-11-01T03:00:00Z'), at('2026-11-01T06:00:00Z'), ALWAYS)).toBe(180);
  });
});

describe('isOpenAt', () => {
  it('is open inside hours, closed at closing time, on weekends and on holidays', () => {
    expect(isOpenAt(at('2026-03-02T09:00:00Z'), PARIS)).toBe(true);
    expect(isOpenAt(at('2026-03-02T17:00:00Z'), PARIS)).toBe(false);
    expect(isOpenAt(at('2026-03-07T10:00:00Z'), PARIS)).toBe(false);
    expect(isOpenAt(at('2026-11-11T10:00:00Z'), PARIS)).toBe(false);
    expect(isOpenAt(at('2026-03-07T03:00:00Z'), ALWAYS)).toBe(true);
  });
});

describe('days', () => {
  it('tells the local day of an instant', () => {
    // 2026-03-29T22:30Z is 00:30 CEST on 30 March in Paris and 18:30 EDT on 29 March in New York.
    expect(dayOf(at('2026-03-29T22:30:00Z'), 'Europe/Paris')).toBe('2026-03-30');
    expect(dayOf(at('2026-03-29T22:30:00Z'), 'America/New_York')).toBe('2026-03-29');
    expect(dayOf(at('2026-03-29T22:30:00Z'), 'UTC')).toBe('2026-03-29');
  });

  it('adds and counts days across month ends and leap days', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-07-10', '2026-10-02')).toBe(84);
    expect(daysBetween('2026-10-02', '2026-07-10')).toBe(-84);
  });
});

describe('calendarFromMetadata', () => {
  it('reads a Maintenance_Calendar__mdt record with several intervals and holidays in any separator', () => {
    const calendar = calendarFromMetadata({
      DeveloperName: 'Paris_Lunch',
      Time_Zone__c: 'Europe/Paris',
      Always_Open__c: false,
      Monday_Hours__c: '09:00-12:30,13:30-18:00',
      Tuesday_Hours__c: ' 09:00 - 12:30 , 13:30 - 18:00 ',
      Wednesday_Hours__c: '09:00-12:30, 13:30-18:00',
      Thursday_Hours__c: '09:00-12:30,13:30-18:00',
      Friday_Hours__c: '09:00-12:30,13:30-18:00',
      Saturday_Hours__c: null,
      Sunday_Hours__c: '',
      Holidays__c: '2026-11-11,2026-12-25\n2027-01-01 2027-05-01'
    });
    expect(calendar).toEqual({
      name: 'Paris_Lunch',
      timeZone: 'Europe/Paris',
      weeklyHours: {
        mon: [
          ['09:00', '12:30'],
          ['13:30', '18:00']
        ],
        tue: [
          ['09:00', '12:30'],
          ['13:30', '18:00']
        ],
        wed: [
          ['09:00', '12:30'],
          ['13:30', '18:00']
        ],
        thu: [
          ['09:00', '12:30'],
          ['13:30', '18:00']
        ],
        fri: [
          ['09:00', '12:30'],
          ['13:30', '18:00']
        ],
        sat: [],
        sun: []
      },
      holidays: ['2026-11-11', '2026-12-25', '2027-01-01', '2027-05-01']
    });
    // Tue 10 Nov 17:00 CET + 120: 60 on Tuesday, Wednesday 11 is a holiday, Thursday 09:00 + 60 = 10:00 CET.
    expect(add('2026-11-10T16:00:00Z', 120, calendar)).toBe('2026-11-12T09:00:00.000Z');
  });

  it('reads an always-open record, in UTC when it names no zone', () => {
    expect(calendarFromMetadata({ DeveloperName: 'Always_Open_24x7', Always_Open__c: true })).toEqual({
      name: 'Always_Open_24x7',
      timeZone: 'UTC',
      alwaysOpen: true
    });
  });

  it('reads UI API records whose values are { value } wrappers', () => {
    const calendar = calendarFromMetadata({
      apiName: 'Maintenance_Calendar__mdt',
      id: 'm00000000000001',
      fields: {
        DeveloperName: { value: 'Small' },
        Time_Zone__c: { value: 'America/New_York' },
        Always_Open__c: { value: false },
        Friday_Hours__c: { value: '08:00-17:00' }
      }
    });
    expect(calendar).toMatchObject({
      name: 'Small',
      timeZone: 'America/New_York',
      weeklyHours: { fri: [['08:00', '17:00']] }
    });
  });

  it('names the record and field of a malformed value', () => {
    const base = { DeveloperName: 'Broken', Time_Zone__c: 'Europe/Paris', Monday_Hours__c: '09:00-18:00' };
    expect(() => calendarFromMetadata({ ...base, Monday_Hours__c: '9h-18h' })).toThrow(
      /Maintenance_Calendar__mdt Broken.*Monday_Hours__c/
    );
    expect(() => calendarFromMetadata({ ...base, Tuesday_Hours__c: '09:00-25:00' })).toThrow(/Tuesday_Hours__c/);
    expect(() => calendarFromMetadata({ ...base, Tuesday_Hours__c: '18:00-09:00' })).toThrow(RangeError);
    expect(() => calendarFromMetadata({ ...base, Wednesday_Hours__c: '09:00-12:00,11:00-18:00' })).toThrow(
      /overlapping/
    );
    expect(() => calendarFromMetadata({ ...base, Holidays__c: '2026-02-30' })).toThrow(/Holidays__c.*2026-02-30/);
    expect(() => calendarFromMetadata({ ...base, Time_Zone__c: 'Europe/Pariss' })).toThrow(/Time_Zone__c/);
    expect(() => calendarFromMetadata({ ...base, Time_Zone__c: null })).toThrow(/Time_Zone__c is required/);
    expect(() => calendarFromMetadata({ ...base, Monday_Hours__c: null })).toThrow(/no open hours/);
  });
});

describe('contractCalendar', () => {
  const calendars = {
    Paris_Business_Hours: PARIS,
    Always_Open_24x7: { name: 'Always_Open_24x7', alwaysOpen: true }
  } as const;

  it('returns the named calendar, in the contract time zone when it sets one', () => {
    expect(contractCalendar(standardContract({ calendarName: 'Paris_Business_Hours' }), calendars)).toBe(PARIS);
    const inNewYork = contractCalendar(
      standardContract({ calendarName: 'Paris_Business_Hours', timeZone: 'America/New_York' }),
      calendars
    );
    expect(inNewYork).toEqual({ ...PARIS, timeZone: 'America/New_York' });
    // Mon 2 Mar 09:00 EST = 14:00Z; + 60 = 15:00Z.
    expect(add('2026-03-02T14:00:00Z', 60, inNewYork)).toBe('2026-03-02T15:00:00.000Z');
  });

  it('falls back to Mon-Fri 09:00-18:00 in the contract time zone when no calendar is named', () => {
    const calendar = contractCalendar(standardContract({ timeZone: 'Europe/Paris' }), calendars);
    expect(add('2026-03-06T16:00:00Z', 120, calendar)).toBe('2026-03-09T09:00:00.000Z');
    // Those shared default hours cannot be changed by a caller.
    expect(Object.isFrozen(DEFAULT_WEEKLY_HOURS.mon)).toBe(true);
    expect(Object.isFrozen(DEFAULT_WEEKLY_HOURS.mon?.[0])).toBe(true);
  });

  it('rejects an unknown calendar name', () => {
    expect(() => contractCalendar(standardContract({ calendarName: 'Lyon' }), calendars)).toThrow(
      /contract.calendarName "Lyon"/
    );
  });
});
