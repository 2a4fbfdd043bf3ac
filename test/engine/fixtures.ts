// Shared engine fixtures: the calendars and contract terms of DESIGN.md "Domain reference figures".
import type { BusinessHoursCalendar, Contract } from '#engine';

/** French public holidays 2026 and 2027 (what the Paris_Business_Hours metadata record ships). */
export const FRENCH_HOLIDAYS = [
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
  '2027-12-25'
];

const nineToSix: [string, string][] = [['09:00', '18:00']];

/** Mon-Fri 09:00-18:00 Europe/Paris (540 business minutes a day), French holidays. */
export const PARIS: BusinessHoursCalendar = {
  name: 'Paris_Business_Hours',
  timeZone: 'Europe/Paris',
  weeklyHours: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix, sat: [], sun: [] },
  holidays: FRENCH_HOLIDAYS
};

/** Mon-Fri 09:00-12:30 and 13:30-18:00 Europe/Paris (480 business minutes a day), no holidays. */
export const PARIS_WITH_LUNCH: BusinessHoursCalendar = {
  timeZone: 'Europe/Paris',
  weeklyHours: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [
      day,
      [
        ['09:00', '12:30'],
        ['13:30', '18:00']
      ]
    ])
  )
};

/** Mon-Fri 08:00-17:00 America/New_York. */
export const NEW_YORK: BusinessHoursCalendar = {
  timeZone: 'America/New_York',
  weeklyHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [['08:00', '17:00']]]))
};

/** Every day 00:00-24:00 in Paris: business time is real time, but days have 23 or 25 hours at DST changes. */
export const PARIS_EVERY_HOUR: BusinessHoursCalendar = {
  timeZone: 'Europe/Paris',
  weeklyHours: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '24:00']]])
  )
};

/** The "Standard" SLA template: P1 15 min / 4 h on a 24x7 clock; P2 30 min / 8 h; P3 1 h / 24 h; P4 4 h / 72 h. */
export function standardContract(overrides: Partial<Contract> = {}): Contract {
  return {
    id: 'a01000000000001',
    status: 'Active',
    startDate: '2026-01-01',
    endDate: '2027-12-31',
    sla: {
      P1: { responseMinutes: 15, resolutionMinutes: 240, alwaysOn: true },
      P2: { responseMinutes: 30, resolutionMinutes: 480, alwaysOn: false },
      P3: { responseMinutes: 60, resolutionMinutes: 1440, alwaysOn: false },
      P4: { responseMinutes: 240, resolutionMinutes: 4320, alwaysOn: false }
    },
    ...overrides
  };
}

/** Shorthand for an instant. */
export function at(iso: string): Date {
  return new Date(iso);
}
