// Compliance per clock, clocks at risk, readable durations, badges and calendars running out (issue 16, rules 2, 5,
// 6, 7). Standard terms (fixtures): P1 15 min / 4 h on 24x7; P2 30 min / 8 h; P3 1 h / 24 h; P4 4 h / 72 h on Mon-Fri
// 09:00-18:00 Paris (540 minutes a day). Paris is UTC+1 until 29 March 2026.
import { describe, expect, it } from '@jest/globals';
import {
  SLA_AT_RISK_MINUTES,
  atRiskIncidents,
  formatSlaDuration,
  holidayHorizon,
  slaBadgeText,
  slaCompliance,
  slaComplianceByClock,
  slaStatus,
  type Incident
} from '#engine';
import { NEW_YORK, PARIS, PARIS_WITH_LUNCH, at, standardContract } from './fixtures.js';

const contract = standardContract({ calendarName: 'Paris_Business_Hours' });
const calendars = { Paris_Business_Hours: PARIS };
const C = String(contract.id);

describe('slaComplianceByClock', () => {
  // March 2026 in Paris, judged on Fri 20 Mar 13:00 CET.
  const now = at('2026-03-20T12:00:00Z');
  const p3 = (overrides: Partial<Incident>): Incident => ({
    contractId: C,
    priority: 'P3',
    status: 'Closed',
    reportedAt: at('2026-03-05T09:00:00Z'),
    respondedAt: at('2026-03-05T09:20:00Z'),
    ...overrides
  });
  // Reported Thu 5 Mar 10:00 CET: response due 11:00 CET (10:00Z), restore due Mon 9 Mar 16:00 CET (15:00Z).
  const incidents: Incident[] = [
    // A: resolved in time on both clocks.
    p3({ id: 'A', resolvedAt: at('2026-03-09T14:00:00Z') }),
    // B: answered at 11:30 CET and resolved on Tue 10 Mar: both clocks breached.
    p3({ id: 'B', respondedAt: at('2026-03-05T10:30:00Z'), resolvedAt: at('2026-03-10T09:00:00Z') }),
    // C: resolved before the P3 due, but its restore clock was stamped breached while it was a P2 (Thu 18:00 CET).
    p3({ id: 'C', resolvedAt: at('2026-03-09T14:00:00Z'), resolutionBreachedAt: at('2026-03-05T17:00:00Z') }),
    // D: open, reported Mon 16 Mar 09:00 CET; restore due Mon 540 + Tue 540 + Wed 360 -> Wed 18 Mar 15:00 CET, passed.
    p3({
      id: 'D',
      status: 'In Progress',
      reportedAt: at('2026-03-16T08:00:00Z'),
      respondedAt: at('2026-03-16T08:10:00Z')
    }),
    // E: open and on track (reported this morning): not counted.
    p3({
      id: 'E',
      status: 'In Progress',
      reportedAt: at('2026-03-20T08:00:00Z'),
      respondedAt: at('2026-03-20T08:05:00Z')
    }),
    // F: open, breached on Wed 4 Feb, before the window: not counted.
    p3({
      id: 'F',
      status: 'In Progress',
      reportedAt: at('2026-02-02T08:00:00Z'),
      respondedAt: at('2026-02-02T08:10:00Z')
    }),
    // G: cancelled; H: resolved on 27 Feb, before the window; I: under a contract not given.
    p3({ id: 'G', status: 'Cancelled', closedAt: at('2026-03-10T09:00:00Z'), respondedAt: null }),
    p3({ id: 'H', reportedAt: at('2026-02-25T09:00:00Z'), resolvedAt: at('2026-02-27T09:00:00Z') }),
    p3({ id: 'I', contractId: 'other', resolvedAt: at('2026-03-09T14:00:00Z') }),
    // J: New since Thu 19 Mar 09:00 CET: response due 10:00 CET passed unanswered; restore due Mon 23 Mar, not yet.
    p3({ id: 'J', status: 'New', reportedAt: at('2026-03-19T08:00:00Z'), respondedAt: null })
  ];

  it('counts per clock the resolved incidents and the open ones breached in the window', () => {
    const figures = slaComplianceByClock({
      incidents,
      contracts: [contract],
      calendars,
      from: '2026-03-01',
      to: '2026-03-31',
      now
    });
    // GTI: A, B, C resolved + J open and breached = 4; breached B and J.
    // GTR: A, B, C resolved + D open and breached = 4; breached B, C (stamp) and D.
    expect(figures).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
      response: { met: 2, breached: 2, counted: 4, percent: 50 },
      resolution: { met: 1, breached: 3, counted: 4, percent: 25 }
    });
    // The resolved-only rule saw 3 incidents, 1 of them (A) within both targets.
    const resolvedOnly = slaCompliance({
      incidents,
      contracts: [contract],
      calendars,
      from: '2026-03-01',
      to: '2026-03-31'
    });
    expect({ total: resolvedOnly.total, met: resolvedOnly.met }).toEqual({ total: 3, met: 1 });
  });

  it('counts an open breach from the day it happens, by the contract time zone', () => {
    // D breached on Wed 18 Mar: a window ending on the 17th does not count it, one starting on the 18th does.
    const only = (from: string, to: string) =>
      slaComplianceByClock({ incidents: [incidents[3]], contracts: [contract], calendars, from, to, now }).resolution;
    expect(only('2026-03-01', '2026-03-17')).toEqual({ met: 0, breached: 0, counted: 0, percent: null });
    expect(only('2026-03-18', '2026-03-18')).toEqual({ met: 0, breached: 1, counted: 1, percent: 0 });
  });

  it('judges on the stamped due times when the calendar is missing', () => {
    const stamped: Incident = { ...incidents[3], resolutionDue: at('2026-03-18T14:00:00Z') };
    expect(
      slaComplianceByClock({
        incidents: [stamped, incidents[0]],
        contracts: [contract],
        from: '2026-03-01',
        to: '2026-03-31',
        now
      }).resolution
    ).toEqual({ met: 1, breached: 1, counted: 2, percent: 50 });
  });

  it('rejects a window that ends before it starts, and a missing now', () => {
    expect(() =>
      slaComplianceByClock({ incidents, contracts: [contract], calendars, from: '2026-03-31', to: '2026-03-01', now })
    ).toThrow(/to is before from/);
    expect(() =>
      slaComplianceByClock({
        incidents,
        contracts: [contract],
        calendars,
        from: '2026-03-01',
        to: '2026-03-31'
      } as never)
    ).toThrow(TypeError);
  });
});

describe('atRiskIncidents', () => {
  // Wed 18 Mar 2026 15:00 CET.
  const now = at('2026-03-18T14:00:00Z');
  const open = (overrides: Partial<Incident>): Incident => ({
    contractId: C,
    priority: 'P3',
    status: 'In Progress',
    reportedAt: at('2026-03-16T10:00:00Z'),
    respondedAt: at('2026-03-16T10:05:00Z'),
    ...overrides
  });
  // K: Mon 16 Mar 11:00 CET; restore 1,440 = Mon 420 + Tue 540 + Wed 480 -> Wed 17:00 CET (16:00Z): 120 min left.
  const K = open({ id: 'K', name: 'INC-K' });
  // M: P2 New since Wed 14:45 CET: response due 15:15 CET (15 min left); restore due Thu 13:45 CET (465 min left).
  const M = open({
    id: 'M',
    name: 'INC-M',
    priority: 'P2',
    status: 'New',
    reportedAt: at('2026-03-18T13:45:00Z'),
    respondedAt: null
  });
  // N: P1 on 24x7 since Wed 12:00 CET, answered; restore due 16:00 CET: 60 plain minutes.
  const N = open({ id: 'N', name: 'INC-N', priority: 'P1', reportedAt: at('2026-03-18T11:00:00Z') });
  // S: Mon 16 Mar 17:00 CET: restore Mon 60 + Tue 540 + Wed 540 + Thu 300 -> Thu 14:00 CET; left Wed 180 + Thu 300.
  const S = open({ id: 'S', name: 'INC-S', reportedAt: at('2026-03-16T16:00:00Z') });
  // Left out: L's response breached (Tue 17:00 CET + 60 = 18:00 CET) and its restore is days away; K waiting on the
  // customer; K resolved; K under a contract whose calendar is missing.
  const L = open({ id: 'L', name: 'INC-L', status: 'New', reportedAt: at('2026-03-17T16:00:00Z'), respondedAt: null });
  const waiting = open({ id: 'W', status: 'Waiting on Customer', pausedSince: at('2026-03-18T13:00:00Z') });
  const resolved = open({ id: 'R', status: 'Resolved', resolvedAt: at('2026-03-18T13:00:00Z') });
  const lyon = { ...contract, id: 'lyon', calendarName: 'Lyon' };
  const elsewhere = open({ id: 'X', contractId: 'lyon' });
  const all = [S, K, L, N, waiting, M, resolved, elsewhere];

  it('lists the running clocks breaking within 4 business hours, soonest first', () => {
    expect(SLA_AT_RISK_MINUTES).toBe(240);
    const risks = atRiskIncidents({ incidents: all, contracts: [contract, lyon], calendars, now });
    expect(
      risks.map(({ incident, clock, due, minutesLeft }) => [incident.id, clock, due.toISOString(), minutesLeft])
    ).toEqual([
      ['M', 'response', '2026-03-18T14:15:00.000Z', 15],
      ['N', 'resolution', '2026-03-18T15:00:00.000Z', 60],
      ['K', 'resolution', '2026-03-18T16:00:00.000Z', 120]
    ]);
  });

  it('counts the window in business minutes across the night, and includes the due instant itself', () => {
    const risks = atRiskIncidents({ incidents: all, contracts: [contract], calendars, now, withinMinutes: 480 });
    expect(risks.map(({ incident, clock, minutesLeft }) => [incident.id, clock, minutesLeft])).toEqual([
      ['M', 'response', 15],
      ['N', 'resolution', 60],
      ['K', 'resolution', 120],
      ['M', 'resolution', 465],
      ['S', 'resolution', 480]
    ]);
    expect(
      atRiskIncidents({ incidents: [K], contracts: [contract], calendars, now: at('2026-03-18T16:00:00Z') })
    ).toMatchObject([{ clock: 'resolution', minutesLeft: 0 }]);
    expect(
      atRiskIncidents({ incidents: [K], contracts: [contract], calendars, now: at('2026-03-18T16:00:01Z') })
    ).toEqual([]);
  });
});

describe('formatSlaDuration', () => {
  const en = { locale: 'en' as const, calendar: PARIS };
  const fr = { locale: 'fr' as const, calendar: PARIS };

  it('writes hours and minutes under a day', () => {
    expect(formatSlaDuration(200, en)).toBe('3 h 20 min');
    expect(formatSlaDuration(180, en)).toBe('3 h');
    expect(formatSlaDuration(45, en)).toBe('45 min');
    expect(formatSlaDuration(0, en)).toBe('0 min');
    expect(formatSlaDuration(539, fr)).toBe('8 h 59 min');
    expect(formatSlaDuration(-200.4, en)).toBe('3 h 20 min');
  });

  it('writes business days of the calendar and hours from a day on', () => {
    // 763 h 41 min = 45,821 business minutes = 84 days of 540 (45,360) + 461 minutes (7 h 41).
    expect(formatSlaDuration(45821, en)).toBe('84 business days 7 h');
    expect(formatSlaDuration(45821, fr)).toBe('84 jours ouvrés 7 h');
    // 12 x 540 + 200.
    expect(formatSlaDuration(6680, en)).toBe('12 business days 3 h');
    expect(formatSlaDuration(540, en)).toBe('1 business day');
    expect(formatSlaDuration(540, fr)).toBe('1 jour ouvré');
    // A day with a lunch break is 480 minutes: 1,000 = 2 days + 40 minutes.
    expect(formatSlaDuration(1000, { locale: 'en', calendar: PARIS_WITH_LUNCH })).toBe('2 business days');
    // Without a calendar: the default 09:00-18:00 day.
    expect(formatSlaDuration(1000, { locale: 'en' })).toBe('1 business day 7 h');
  });

  it('writes calendar days on a 24x7 clock', () => {
    expect(formatSlaDuration(3120, { locale: 'en', alwaysOn: true, calendar: PARIS })).toBe('2 d 4 h');
    expect(formatSlaDuration(3120, { locale: 'fr', alwaysOn: true })).toBe('2 j 4 h');
    expect(formatSlaDuration(1439, { locale: 'en', calendar: { alwaysOpen: true } })).toBe('23 h 59 min');
    expect(formatSlaDuration(1440, { locale: 'en', calendar: { alwaysOpen: true } })).toBe('1 d');
  });

  it('rejects what it cannot format', () => {
    expect(() => formatSlaDuration(60, { locale: 'de' as never })).toThrow(/locale must be 'en' or 'fr'/);
    expect(() => formatSlaDuration(Number.NaN, en)).toThrow(RangeError);
    expect(() => formatSlaDuration('60' as never, en)).toThrow(TypeError);
  });
});

describe('slaBadgeText', () => {
  const base: Incident = {
    priority: 'P3',
    status: 'In Progress',
    reportedAt: at('2026-03-05T09:00:00Z'),
    respondedAt: at('2026-03-05T09:20:00Z')
  };
  const badge = (incident: Incident, nowIso: string, locale: 'en' | 'fr' = 'en', withContract = true) =>
    slaBadgeText(
      slaStatus({ incident, contract: withContract ? contract : null, calendar: PARIS, now: at(nowIso) }),
      locale
    );

  it('names each clock and where it stands', () => {
    expect(badge(base, '2026-03-06T09:00:00Z')).toBe('GTI met · GTR running');
    expect(badge(base, '2026-03-10T09:00:00Z')).toBe('GTI met · GTR breached');
    expect(badge(base, '2026-03-10T09:00:00Z', 'fr')).toBe('GTI tenue · GTR dépassée');
    expect(badge({ ...base, status: 'New', respondedAt: null }, '2026-03-05T09:30:00Z')).toBe(
      'GTI running · GTR running'
    );
    expect(badge({ ...base, status: 'New', respondedAt: null }, '2026-03-05T09:30:00Z', 'fr')).toBe(
      'GTI en cours · GTR en cours'
    );
    const waiting: Incident = { ...base, status: 'Waiting on Customer', pausedSince: at('2026-03-06T09:00:00Z') };
    expect(badge(waiting, '2026-03-06T10:00:00Z')).toBe('GTI met · GTR paused');
    expect(badge(waiting, '2026-03-06T10:00:00Z', 'fr')).toBe('GTI tenue · GTR en pause');
    const late: Incident = { ...base, respondedAt: at('2026-03-05T10:30:00Z'), resolvedAt: at('2026-03-09T14:00:00Z') };
    expect(badge({ ...late, status: 'Resolved' }, '2026-03-20T09:00:00Z')).toBe('GTI breached · GTR met');
  });

  it('says when there is no SLA, or the incident was cancelled', () => {
    expect(badge(base, '2026-03-06T09:00:00Z', 'en', false)).toBe('No SLA');
    expect(badge(base, '2026-03-06T09:00:00Z', 'fr', false)).toBe('Sans SLA');
    const cancelled: Incident = { ...base, status: 'Cancelled', closedAt: at('2026-03-06T09:00:00Z') };
    expect(badge(cancelled, '2026-03-20T09:00:00Z')).toBe('Cancelled');
    expect(badge(cancelled, '2026-03-20T09:00:00Z', 'fr')).toBe('Annulé');
    // A target the contract does not set reads "none".
    const noResponse = standardContract({
      sla: { P3: { responseMinutes: null, resolutionMinutes: 1440, alwaysOn: false } }
    });
    expect(
      slaBadgeText(
        slaStatus({ incident: base, contract: noResponse, calendar: PARIS, now: at('2026-03-06T09:00:00Z') }),
        'en'
      )
    ).toBe('GTI none · GTR running');
    expect(() => slaBadgeText({} as never, 'en')).toThrow(/status.responseClock must be one of/);
  });
});

describe('slaStatus: the kind of clock', () => {
  it('says when the clocks run 24x7: a P1 of the standard template, or an always-open calendar', () => {
    const incident: Incident = { priority: 'P1', status: 'New', reportedAt: at('2026-03-07T13:00:00Z') };
    const now = at('2026-03-07T13:05:00Z');
    expect(slaStatus({ incident, contract, calendar: PARIS, now }).alwaysOn).toBe(true);
    expect(slaStatus({ incident: { ...incident, priority: 'P2' }, contract, calendar: PARIS, now }).alwaysOn).toBe(
      false
    );
    expect(
      slaStatus({ incident: { ...incident, priority: 'P2' }, contract, calendar: { alwaysOpen: true }, now }).alwaysOn
    ).toBe(true);
  });
});

describe('holidayHorizon', () => {
  // The Paris fixture lists holidays up to 2027-12-25.
  it('is null while a holiday lies beyond the horizon, and names the last one once none does', () => {
    expect(holidayHorizon({ calendar: PARIS, today: '2027-09-01' })).toBeNull();
    // 25 Sep + 90 days = 24 Dec: the 25th is still beyond.
    expect(holidayHorizon({ calendar: PARIS, today: '2027-09-25' })).toBeNull();
    // 26 Sep + 90 days = 25 Dec: nothing beyond it any more.
    expect(holidayHorizon({ calendar: PARIS, today: '2027-09-26' })).toEqual({ lastHoliday: '2027-12-25' });
    expect(holidayHorizon({ calendar: PARIS, today: '2028-02-01' })).toEqual({ lastHoliday: '2027-12-25' });
    expect(holidayHorizon({ calendar: PARIS, today: '2027-12-01', days: 10 })).toBeNull();
  });

  it('warns for a calendar without holidays, never for a 24x7 one, and checks its input', () => {
    expect(holidayHorizon({ calendar: NEW_YORK, today: '2026-03-01' })).toEqual({ lastHoliday: null });
    expect(holidayHorizon({ calendar: { alwaysOpen: true }, today: '2026-03-01' })).toBeNull();
    expect(() => holidayHorizon({ calendar: PARIS, today: '2026-02-30' })).toThrow(RangeError);
    expect(() => holidayHorizon({ calendar: PARIS, today: '2026-03-01', days: -1 })).toThrow(/days must be/);
  });
});
