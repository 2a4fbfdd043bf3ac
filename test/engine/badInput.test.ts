// Bad input throws a TypeError (wrong type) or RangeError (impossible value) naming the argument, instead of
// returning a wrong date.
import { describe, expect, it } from '@jest/globals';
import {
  addBusinessMinutes,
  addDays,
  budgetBurn,
  businessMinutesBetween,
  computeSlaTargets,
  coverageTimeline,
  coveringContract,
  dayOf,
  daysBetween,
  handoverReadiness,
  penalties,
  priorityFor,
  slaStatus,
  type Calendar
} from '#engine';
import { PARIS, at, standardContract } from './fixtures.js';

const monday = at('2026-03-02T09:00:00Z');
const contract = standardContract();

/** Lets a test pass values the types forbid, as JavaScript callers can. */
function loose<T>(value: unknown): T {
  return value as T;
}

describe('calendars and business time', () => {
  it('rejects an unknown time zone, naming it', () => {
    const calendar: Calendar = { timeZone: 'Europe/Lutetia', weeklyHours: { mon: [['09:00', '18:00']] } };
    expect(() => addBusinessMinutes(monday, 60, calendar)).toThrow(RangeError);
    expect(() => addBusinessMinutes(monday, 60, calendar)).toThrow(/calendar.timeZone.*"Europe\/Lutetia"/);
    expect(() => dayOf(monday, 'Mars/Olympus')).toThrow(/dayOf: timeZone/);
    expect(() => dayOf(monday, loose(42))).toThrow(TypeError);
  });

  it('rejects an end before the start', () => {
    expect(() => businessMinutesBetween(at('2026-03-03T09:00:00Z'), monday, PARIS)).toThrow(RangeError);
    expect(() => businessMinutesBetween(at('2026-03-03T09:00:00Z'), monday, PARIS)).toThrow(/end .* is before start/);
  });

  it('rejects negative, infinite or non-numeric minutes', () => {
    expect(() => addBusinessMinutes(monday, -1, PARIS)).toThrow(
      /addBusinessMinutes: minutes must be a finite number >= 0/
    );
    expect(() => addBusinessMinutes(monday, Number.NaN, PARIS)).toThrow(RangeError);
    expect(() => addBusinessMinutes(monday, Number.POSITIVE_INFINITY, PARIS)).toThrow(RangeError);
    expect(() => addBusinessMinutes(monday, loose('60'), PARIS)).toThrow(TypeError);
  });

  it('rejects instants that are not valid Dates', () => {
    expect(() => addBusinessMinutes(loose('2026-03-02T09:00:00Z'), 60, PARIS)).toThrow(/start must be a Date/);
    expect(() => addBusinessMinutes(new Date('not a date'), 60, PARIS)).toThrow(/start is an invalid Date/);
    expect(() => businessMinutesBetween(monday, loose(null), PARIS)).toThrow(/end must be a Date/);
  });

  it('rejects malformed calendars, naming the part', () => {
    const hours = (weeklyHours: unknown): Calendar => loose({ timeZone: 'Europe/Paris', weeklyHours });
    expect(() => addBusinessMinutes(monday, 1, loose(null))).toThrow(/calendar must be a calendar object/);
    expect(() => addBusinessMinutes(monday, 1, hours({ monday: [['09:00', '18:00']] }))).toThrow(
      /unknown day "monday"/
    );
    expect(() => addBusinessMinutes(monday, 1, hours({ mon: [['18:00', '09:00']] }))).toThrow(
      /weeklyHours.mon\[0\] ends before/
    );
    expect(() => addBusinessMinutes(monday, 1, hours({ mon: [['09:00', '24:30']] }))).toThrow(/invalid time "24:30"/);
    expect(() => addBusinessMinutes(monday, 1, hours({ mon: [['24:00', '24:00']] }))).toThrow(/invalid time "24:00"/);
    expect(() => addBusinessMinutes(monday, 1, hours({ mon: ['09:00-18:00'] }))).toThrow(TypeError);
    expect(() => addBusinessMinutes(monday, 1, hours({ sat: [] }))).toThrow(/no open hours/);
    expect(() => addBusinessMinutes(monday, 1, { ...PARIS, holidays: ['2026-1-5'] })).toThrow(/calendar.holidays\[0\]/);
  });
});

describe('days', () => {
  it('rejects malformed day strings, naming the argument', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(/addDays: day must be a real 'YYYY-MM-DD' day, got "2026-02-30"/);
    expect(() => addDays('2026-02-01', 1.5)).toThrow(/addDays: days must be an integer/);
    expect(() => daysBetween('2026-02-01', '01/03/2026')).toThrow(/daysBetween: to/);
    expect(() => daysBetween(loose(20260201), '2026-03-01')).toThrow(TypeError);
  });
});

describe('priorities and SLA', () => {
  it('rejects unknown impact, urgency and priority values', () => {
    expect(() => priorityFor(loose('Critical'), 'High')).toThrow(
      /priorityFor: impact must be one of High, Medium, Low/
    );
    expect(() => priorityFor('High', loose('high'))).toThrow(/urgency/);
    expect(() => computeSlaTargets({ priority: loose('P5'), reportedAt: monday, contract, calendar: PARIS })).toThrow(
      /computeSlaTargets: priority must be one of P1, P2, P3, P4/
    );
  });

  it('rejects bad report times, pauses and targets, naming them', () => {
    const base = { priority: 'P3' as const, reportedAt: monday, contract, calendar: PARIS };
    expect(() => computeSlaTargets({ ...base, reportedAt: loose('2026-03-02') })).toThrow(/reportedAt must be a Date/);
    expect(() => computeSlaTargets({ ...base, pauses: [{ from: at('2026-03-03T09:00:00Z'), to: monday }] })).toThrow(
      /pauses\[0\].to is before pauses\[0\].from/
    );
    expect(() =>
      computeSlaTargets({ ...base, pauses: [{ from: monday }, { from: at('2026-03-03T09:00:00Z') }] })
    ).toThrow(/pauses\[1\] is a second open pause/);
    expect(() => computeSlaTargets({ ...base, pausedMinutes: -10 })).toThrow(
      /pausedMinutes must be a finite number >= 0/
    );
    expect(() => computeSlaTargets({ ...base, pauses: [], pausedMinutes: 10 })).toThrow(
      /either pauses or pausedMinutes/
    );
    expect(() => computeSlaTargets({ ...base, contract: loose(undefined) })).toThrow(/contract must be an object/);
    const negative = standardContract({
      sla: { P3: { responseMinutes: -60, resolutionMinutes: 1440, alwaysOn: false } }
    });
    expect(() => computeSlaTargets({ ...base, contract: negative })).toThrow(/contract.sla.P3.responseMinutes/);
    expect(() =>
      slaStatus({ incident: { priority: 'P3', reportedAt: monday }, contract, calendar: PARIS, now: loose(undefined) })
    ).toThrow(/slaStatus: now must be a Date/);
    expect(() =>
      slaStatus({
        incident: { priority: 'P3', reportedAt: new Date(Number.NaN) },
        contract,
        calendar: PARIS,
        now: monday
      })
    ).toThrow(/incident.reportedAt is an invalid Date/);
  });
});

describe('coverage, budget, handover and penalties', () => {
  const active = { id: 'a', status: 'Active' as const, startDate: '2026-01-01', endDate: '2026-12-31' };

  it('rejects bad days, horizons and contract dates', () => {
    expect(() => coverageTimeline({ contracts: [], today: '2026-6-1', horizonDays: 90 })).toThrow(
      /coverageTimeline: today/
    );
    expect(() => coverageTimeline({ contracts: [], today: '2026-06-01', horizonDays: -1 })).toThrow(
      /horizonDays must be a whole number/
    );
    expect(() => coverageTimeline({ contracts: [], today: '2026-06-01', horizonDays: 1.5 })).toThrow(RangeError);
    expect(() => coverageTimeline({ contracts: [], today: '2026-06-01', horizonDays: loose('90') })).toThrow(TypeError);
    expect(() =>
      coverageTimeline({ contracts: [{ ...active, endDate: '2025-12-31' }], today: '2026-06-01', horizonDays: 90 })
    ).toThrow(/contracts\[0\].endDate is before contracts\[0\].startDate/);
    expect(() =>
      coverageTimeline({ contracts: [{ ...active, status: loose('Open') }], today: '2026-06-01', horizonDays: 90 })
    ).toThrow(/contracts\[0\].status/);
    expect(() =>
      coverageTimeline({
        contracts: [],
        checklists: [{ goLiveDate: '2026-08-01', warrantyEndDate: '2026-07-01' }],
        today: '2026-06-01',
        horizonDays: 90
      })
    ).toThrow(/checklists\[0\].warrantyEndDate is before/);
    expect(() => coveringContract({ contracts: [active], at: '2026-02-30' })).toThrow(/coveringContract: at/);
    expect(() => coveringContract({ contracts: loose({}), at: '2026-02-01' })).toThrow(/contracts must be an array/);
  });

  it('rejects negative effort and a malformed today', () => {
    const entry = { workDate: '2026-02-01', days: -1 };
    expect(() => budgetBurn({ contract: active, entries: [entry], today: '2026-03-01' })).toThrow(/entries\[0\].days/);
    expect(() =>
      budgetBurn({ contract: active, entries: [{ ...entry, days: 1, workDate: '2026-02-30' }], today: '2026-03-01' })
    ).toThrow(/entries\[0\].workDate/);
    expect(() => budgetBurn({ contract: active, entries: [], today: 'today' })).toThrow(/budgetBurn: today/);
  });

  it('rejects items that are not a list, and periods that end before they start', () => {
    expect(() => handoverReadiness({ checklist: {}, items: loose(null) })).toThrow(
      /handoverReadiness: items must be an array/
    );
    expect(() => penalties({ incidents: [], contract: active, from: '2026-04-01', to: '2026-03-31' })).toThrow(
      /penalties: to is before from/
    );
  });
});
