// SLA targets and status. Standard terms (fixtures): P1 15 min / 4 h on 24x7; P2 30 min / 8 h; P3 1 h / 24 h;
// P4 4 h / 72 h on Mon-Fri 09:00-18:00 Paris (540 minutes a day). In March 2026 before the 29th Paris is UTC+1.
import { describe, expect, it } from '@jest/globals';
import { computeSlaTargets, slaStatus, type Incident, type Priority } from '#engine';
import { PARIS, at, standardContract } from './fixtures.js';

const contract = standardContract();

function targets(priority: Priority, reportedIso: string, extra: Record<string, unknown> = {}) {
  const due = computeSlaTargets({ priority, reportedAt: at(reportedIso), contract, calendar: PARIS, ...extra });
  return {
    responseDue: due.responseDue?.toISOString() ?? null,
    resolutionDue: due.resolutionDue?.toISOString() ?? null
  };
}

describe('computeSlaTargets', () => {
  it('computes P3 targets in business hours', () => {
    // Mon 2 Mar 10:00 CET. Response +60 = 11:00 CET. Resolution 1,440: Mon 480 + Tue 540 + Wed 420 -> Wed 16:00 CET.
    expect(targets('P3', '2026-03-02T09:00:00Z')).toEqual({
      responseDue: '2026-03-02T10:00:00.000Z',
      resolutionDue: '2026-03-04T15:00:00.000Z'
    });
  });

  it('starts the clocks on Monday morning for an incident reported on Saturday', () => {
    // Sat 7 Mar 14:00 CET. P2: Mon 9 Mar 09:30 CET and Mon 17:00 CET.
    expect(targets('P2', '2026-03-07T13:00:00Z')).toEqual({
      responseDue: '2026-03-09T08:30:00.000Z',
      resolutionDue: '2026-03-09T16:00:00.000Z'
    });
    // P4 72 h = 4,320 minutes = 8 business days: Mon 9 .. Wed 18 March, 18:00 CET.
    expect(targets('P4', '2026-03-07T13:00:00Z')).toEqual({
      responseDue: '2026-03-09T12:00:00.000Z',
      resolutionDue: '2026-03-18T17:00:00.000Z'
    });
  });

  it('runs a 24x7 P1 on the wall clock although the contract has business hours', () => {
    // Saturday 14:00 CET: +15 min and +4 h, weekend or not.
    expect(targets('P1', '2026-03-07T13:00:00Z')).toEqual({
      responseDue: '2026-03-07T13:15:00.000Z',
      resolutionDue: '2026-03-07T17:00:00.000Z'
    });
    // Sat 28 Mar 23:00 CET + 4 h = 02:00Z, i.e. 04:00 CEST on the spring-forward night.
    expect(targets('P1', '2026-03-28T22:00:00Z').resolutionDue).toBe('2026-03-29T02:00:00.000Z');
  });

  it('pushes the resolution due by the business time of a pause spanning a weekend', () => {
    // P3 reported Thu 5 Mar 10:00 CET; paused Fri 17:00 CET -> Mon 9 Mar 11:00 CET = 60 + 120 = 180 clock minutes.
    // Without pause: Thu 480 + Fri 540 + Mon 420 -> Mon 16:00 CET. With: 1,620 -> Tue 10 Mar 10:00 CET.
    const pause = { from: at('2026-03-06T16:00:00Z'), to: at('2026-03-09T10:00:00Z') };
    expect(targets('P3', '2026-03-05T09:00:00Z')).toEqual({
      responseDue: '2026-03-05T10:00:00.000Z',
      resolutionDue: '2026-03-09T15:00:00.000Z'
    });
    expect(targets('P3', '2026-03-05T09:00:00Z', { pauses: [pause] })).toEqual({
      responseDue: '2026-03-05T10:00:00.000Z',
      resolutionDue: '2026-03-10T09:00:00.000Z'
    });
    // The record form: Paused_Minutes__c = 180 gives the same due.
    expect(targets('P3', '2026-03-05T09:00:00Z', { pausedMinutes: 180 }).resolutionDue).toBe(
      '2026-03-10T09:00:00.000Z'
    );
    // Overlapping pauses hold the clock once.
    const overlapping = { from: at('2026-03-06T16:30:00Z'), to: at('2026-03-07T10:00:00Z') };
    expect(targets('P3', '2026-03-05T09:00:00Z', { pauses: [overlapping, pause] }).resolutionDue).toBe(
      '2026-03-10T09:00:00.000Z'
    );
    // Pause time before the report does not count.
    const early = { from: at('2026-03-04T09:00:00Z'), to: at('2026-03-05T10:00:00Z') };
    expect(targets('P3', '2026-03-05T09:00:00Z', { pauses: [early] }).resolutionDue).toBe('2026-03-09T16:00:00.000Z');
  });

  it('counts an open pause up to now, and not at all without now', () => {
    const reported = '2026-03-05T09:00:00Z';
    const open = { from: at('2026-03-06T16:00:00Z') };
    // Now Mon 9 Mar 11:00 CET: the open pause has held 180 minutes, as in the closed case.
    expect(targets('P3', reported, { pauses: [open], now: at('2026-03-09T10:00:00Z') }).resolutionDue).toBe(
      '2026-03-10T09:00:00.000Z'
    );
    expect(
      targets('P3', reported, {
        pausedMinutes: 0,
        pausedSince: at('2026-03-06T16:00:00Z'),
        now: at('2026-03-09T10:00:00Z')
      }).resolutionDue
    ).toBe('2026-03-10T09:00:00.000Z');
    expect(targets('P3', reported, { pauses: [open] }).resolutionDue).toBe('2026-03-09T15:00:00.000Z');
  });

  it('keeps the paused time when the priority changes after a pause', () => {
    // Reported Thu 5 Mar 10:00 CET, paused Thu 14:00 CET -> Fri 10:00 CET: Thu 240 + Fri 60 = 300 clock minutes.
    const pause = { from: at('2026-03-05T13:00:00Z'), to: at('2026-03-06T09:00:00Z') };
    // P3: 1,440 + 300 = 1,740: Thu 480, Fri 540, Mon 540, Tue 180 -> Tue 10 Mar 12:00 CET.
    expect(targets('P3', '2026-03-05T09:00:00Z', { pauses: [pause] }).resolutionDue).toBe('2026-03-10T11:00:00.000Z');
    // Raised to P2: 480 + 300 = 780: Thu 480, Fri 300 -> Fri 14:00 CET (without the pause: Thu 18:00 CET).
    expect(targets('P2', '2026-03-05T09:00:00Z', { pauses: [pause] }).resolutionDue).toBe('2026-03-06T13:00:00.000Z');
    expect(targets('P2', '2026-03-05T09:00:00Z', { pausedMinutes: 300 }).resolutionDue).toBe(
      '2026-03-06T13:00:00.000Z'
    );
  });

  it('measures pauses on the 24x7 clock for P1; the totals-only form keeps minutes as measured (documented)', () => {
    const pause = { from: at('2026-03-05T13:00:00Z'), to: at('2026-03-06T09:00:00Z') };
    // 24x7: the pause lasted 20 h, so 4 h + 20 h after Thu 09:00Z = Fri 09:00Z.
    expect(targets('P1', '2026-03-05T09:00:00Z', { pauses: [pause] }).resolutionDue).toBe('2026-03-06T09:00:00.000Z');
    // A record that measured 300 business minutes while the incident was P3 keeps 300: 240 + 300 after Thu 09:00Z.
    expect(targets('P1', '2026-03-05T09:00:00Z', { pausedMinutes: 300 }).resolutionDue).toBe(
      '2026-03-05T18:00:00.000Z'
    );
  });

  it('returns null targets when the contract sets none for the priority', () => {
    const partial = standardContract({ sla: { P1: { responseMinutes: 15, resolutionMinutes: null, alwaysOn: true } } });
    const due = computeSlaTargets({
      priority: 'P1',
      reportedAt: at('2026-03-07T13:00:00Z'),
      contract: partial,
      calendar: PARIS
    });
    expect(due.responseDue?.toISOString()).toBe('2026-03-07T13:15:00.000Z');
    expect(due.resolutionDue).toBeNull();
    expect(
      computeSlaTargets({ priority: 'P3', reportedAt: at('2026-03-07T13:00:00Z'), contract: partial, calendar: PARIS })
    ).toEqual({ responseDue: null, resolutionDue: null });
  });
});

describe('slaStatus', () => {
  // P3 reported Mon 2 Mar 09:00 CET (08:00Z), responded 09:10 CET. Resolution due: Mon 540 + Tue 540 + Wed 360
  // -> Wed 4 Mar 15:00 CET (14:00Z).
  const base: Incident = {
    priority: 'P3',
    status: 'In Progress',
    reportedAt: at('2026-03-02T08:00:00Z'),
    respondedAt: at('2026-03-02T08:10:00Z')
  };
  const status = (incident: Incident, nowIso: string) =>
    slaStatus({ incident, contract, calendar: PARIS, now: at(nowIso) });

  it('is green below 50 % of the resolution target', () => {
    // Mon 15:00 CET: 360 / 1,440 = 25 %.
    expect(status(base, '2026-03-02T14:00:00Z')).toEqual({
      band: 'green',
      elapsedPercent: 25,
      remainingMinutes: 1080,
      responseBreached: false,
      resolutionBreached: false,
      responseDue: at('2026-03-02T09:00:00Z'),
      resolutionDue: at('2026-03-04T14:00:00Z'),
      paused: false,
      governing: 'resolution',
      responseBreachedAt: null,
      resolutionBreachedAt: null,
      state: 'On Track',
      responseClock: 'met',
      resolutionClock: 'running',
      alwaysOn: false
    });
  });

  it('is yellow from 50 %, orange from 75 % up to the due time, red once breached', () => {
    // Tue 15:00 CET: 540 + 360 = 900 -> 62.5 %.
    expect(status(base, '2026-03-03T14:00:00Z')).toMatchObject({
      band: 'yellow',
      elapsedPercent: 62.5,
      remainingMinutes: 540
    });
    // Wed 09:00 CET: 1,080 -> exactly 75 %.
    expect(status(base, '2026-03-04T08:00:00Z')).toMatchObject({ band: 'orange', elapsedPercent: 75 });
    // At the due time itself the target is used up but not missed.
    expect(status(base, '2026-03-04T14:00:00Z')).toMatchObject({
      band: 'orange',
      elapsedPercent: 100,
      remainingMinutes: 0,
      resolutionBreached: false
    });
    // Wed 16:00 CET: 1,500 -> 104.17 %, 60 minutes overdue.
    const late = status(base, '2026-03-04T15:00:00Z');
    expect(late).toMatchObject({ band: 'red', resolutionBreached: true, remainingMinutes: -60 });
    expect(late.elapsedPercent).toBeCloseTo((1500 / 1440) * 100, 10);
    // P2 (8 h) reported Mon 10:00 CET is due at closing time, Mon 18:00 CET. At 20:00 CET no business time has
    // passed since, so 100 % is used and 0 minutes remain, but the due instant has passed: breached.
    const p2: Incident = {
      ...base,
      priority: 'P2',
      reportedAt: at('2026-03-02T09:00:00Z'),
      respondedAt: at('2026-03-02T09:05:00Z')
    };
    expect(status(p2, '2026-03-02T19:00:00Z')).toMatchObject({
      band: 'red',
      elapsedPercent: 100,
      remainingMinutes: 0,
      resolutionBreached: true
    });
  });

  it('follows the response clock before the response', () => {
    const waiting: Incident = { ...base, status: 'New', respondedAt: null };
    // Mon 09:40 CET: 40 / 60 of the response target against 40 / 1,440 of the resolution target.
    const early = status(waiting, '2026-03-02T08:40:00Z');
    expect(early).toMatchObject({ band: 'yellow', governing: 'response', remainingMinutes: 20 });
    expect(early.elapsedPercent).toBeCloseTo(66.6667, 3);
    // Mon 10:30 CET without a response: response breached.
    expect(status(waiting, '2026-03-02T09:30:00Z')).toMatchObject({
      band: 'red',
      governing: 'response',
      elapsedPercent: 150,
      remainingMinutes: -30,
      responseBreached: true,
      resolutionBreached: false
    });
  });

  it('stays red after a late response even while the resolution is on track', () => {
    const lateResponse: Incident = { ...base, respondedAt: at('2026-03-02T09:30:00Z') };
    expect(status(lateResponse, '2026-03-02T14:00:00Z')).toMatchObject({
      band: 'red',
      responseBreached: true,
      resolutionBreached: false,
      governing: 'resolution',
      elapsedPercent: 25
    });
  });

  it('judges a resolved incident at its resolution time', () => {
    // Resolved Tue 10:00 CET: 540 + 60 = 600 -> 41.67 %, whatever the date now.
    const resolved: Incident = { ...base, status: 'Resolved', resolvedAt: at('2026-03-03T09:00:00Z') };
    const onTime = status(resolved, '2026-12-01T12:00:00Z');
    expect(onTime).toMatchObject({ band: 'green', resolutionBreached: false, remainingMinutes: 840 });
    expect(onTime.elapsedPercent).toBeCloseTo((600 / 1440) * 100, 10);
    // Resolved Thu 10:00 CET: 540 * 3 + 60 = 1,680.
    const late: Incident = { ...base, status: 'Closed', resolvedAt: at('2026-03-05T09:00:00Z') };
    expect(status(late, '2026-12-01T12:00:00Z')).toMatchObject({
      band: 'red',
      resolutionBreached: true,
      remainingMinutes: -240
    });
  });

  it('is grey while paused, with the clock frozen at the pause start', () => {
    // Reported Thu 5 Mar 10:00 CET, paused since Fri 17:00 CET, now Mon 9 Mar 11:00 CET.
    // Clock time: Thu 480 + Fri 540 + Mon 120 = 1,140, of which 180 paused: 960 used = 66.67 %.
    const paused: Incident = {
      priority: 'P3',
      status: 'Waiting on Customer',
      reportedAt: at('2026-03-05T09:00:00Z'),
      respondedAt: at('2026-03-05T09:20:00Z'),
      pausedMinutes: 0,
      pausedSince: at('2026-03-06T16:00:00Z')
    };
    const result = status(paused, '2026-03-09T10:00:00Z');
    expect(result).toMatchObject({
      band: 'grey',
      paused: true,
      remainingMinutes: 480,
      resolutionBreached: false,
      resolutionDue: at('2026-03-10T09:00:00Z')
    });
    expect(result.elapsedPercent).toBeCloseTo((960 / 1440) * 100, 10);
    // The same pause given as an interval.
    const asInterval: Incident = {
      ...paused,
      pausedMinutes: undefined,
      pausedSince: undefined,
      pauses: [{ from: at('2026-03-06T16:00:00Z') }]
    };
    expect(status(asInterval, '2026-03-09T10:00:00Z')).toEqual(result);
  });

  it('keeps a breach that happened before the pause started', () => {
    // P2 reported Mon 2 Mar 09:00 CET is due Mon 17:00 CET; paused Tue 10:00 CET, now Tue 12:00 CET.
    const incident: Incident = {
      priority: 'P2',
      status: 'Waiting on Customer',
      reportedAt: at('2026-03-02T08:00:00Z'),
      respondedAt: at('2026-03-02T08:05:00Z'),
      pausedSince: at('2026-03-03T09:00:00Z')
    };
    expect(status(incident, '2026-03-03T11:00:00Z')).toMatchObject({ band: 'grey', resolutionBreached: true });
  });

  it('runs a 24x7 P1 on the wall clock', () => {
    const p1: Incident = {
      priority: 'P1',
      status: 'In Progress',
      reportedAt: at('2026-03-07T13:00:00Z'),
      respondedAt: at('2026-03-07T13:10:00Z')
    };
    expect(status(p1, '2026-03-07T15:00:00Z')).toMatchObject({
      band: 'yellow',
      elapsedPercent: 50,
      remainingMinutes: 120
    });
  });

  it('is grey without breach for a cancelled incident, and without figures when there is no SLA', () => {
    const cancelled: Incident = { ...base, status: 'Cancelled', closedAt: at('2026-03-10T08:00:00Z') };
    expect(status(cancelled, '2026-03-20T08:00:00Z')).toMatchObject({
      band: 'grey',
      responseBreached: false,
      resolutionBreached: false
    });
    expect(slaStatus({ incident: base, contract: null, calendar: PARIS, now: at('2026-03-20T08:00:00Z') })).toEqual({
      band: 'grey',
      elapsedPercent: null,
      remainingMinutes: null,
      responseBreached: false,
      resolutionBreached: false,
      responseDue: null,
      resolutionDue: null,
      paused: false,
      governing: null,
      responseBreachedAt: null,
      resolutionBreachedAt: null,
      state: 'No SLA',
      responseClock: 'none',
      resolutionClock: 'none',
      alwaysOn: false
    });
  });
});
