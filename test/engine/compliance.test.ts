// SLA compliance over any window of days, across an account's contracts: the rule of the monthly review.
// Paris business hours (Mon-Fri 09:00-18:00, 540 minutes a day); Standard targets: P1 15 min / 4 h on 24x7,
// P2 30 min / 8 h, P3 1 h / 24 h, P4 4 h / 72 h. In March 2026 Paris is UTC+1 until Sunday 29, UTC+2 after.
import { describe, expect, it } from '@jest/globals';
import { monthlyReview, slaCompliance, type Incident } from '#engine';
import { PARIS, at, standardContract } from './fixtures.js';

/** Lets a test pass values the types forbid, as JavaScript callers can. */
function loose<T>(value: unknown): T {
  return value as T;
}

const parisContract = standardContract({
  id: 'a01A',
  calendarName: 'Paris_Business_Hours',
  timeZone: 'Europe/Paris'
});
// Names a calendar the org does not have: its incidents are judged on the due times stamped on them, days in UTC.
const unknownCalendarContract = standardContract({ id: 'a01C', calendarName: 'Lyon_Business_Hours' });
const calendars = { Paris_Business_Hours: PARIS };

function incident(id: string, contractId: string | null, fields: Partial<Incident>): Incident {
  return { id, contractId, priority: 'P3', status: 'Resolved', reportedAt: at('2026-03-02T08:00:00Z'), ...fields };
}

const incidents: Incident[] = [
  // P3 reported Mon 2 March 09:00 CET: response due 10:00 CET, resolution due Wed 4 March 15:00 CET (540 + 540 + 360).
  incident('I1', 'a01A', { respondedAt: at('2026-03-02T08:30:00Z'), resolvedAt: at('2026-03-04T13:00:00Z') }),
  incident('I2', 'a01A', { respondedAt: at('2026-03-02T08:30:00Z'), resolvedAt: at('2026-03-05T09:00:00Z') }),
  // P2 reported Tue 10 March 09:00 CET: response due 09:30 CET, answered 10:00 CET; resolved 16:00 CET, due 17:00.
  incident('I3', 'a01A', {
    priority: 'P2',
    reportedAt: at('2026-03-10T08:00:00Z'),
    respondedAt: at('2026-03-10T09:00:00Z'),
    resolvedAt: at('2026-03-10T15:00:00Z')
  }),
  // P1 on the 24x7 clock, a Saturday: restored in 3 h of 4.
  incident('I4', 'a01A', {
    priority: 'P1',
    reportedAt: at('2026-03-14T10:00:00Z'),
    respondedAt: at('2026-03-14T10:10:00Z'),
    resolvedAt: at('2026-03-14T13:00:00Z')
  }),
  // Cancelled: never judged.
  incident('I5', 'a01A', { status: 'Cancelled', closedAt: at('2026-03-03T08:00:00Z') }),
  // Open and long overdue, but not resolved: not judged yet.
  incident('I6', 'a01A', { status: 'In Progress', respondedAt: at('2026-03-02T08:10:00Z') }),
  // Resolved in February.
  incident('I7', 'a01A', {
    reportedAt: at('2026-02-25T08:00:00Z'),
    respondedAt: at('2026-02-25T08:10:00Z'),
    resolvedAt: at('2026-02-27T10:00:00Z')
  }),
  // Resolved 1 April 00:30 CEST in Paris: April for this contract.
  incident('I8', 'a01A', {
    priority: 'P4',
    reportedAt: at('2026-03-31T07:00:00Z'),
    respondedAt: at('2026-03-31T07:10:00Z'),
    resolvedAt: at('2026-03-31T22:30:00Z')
  }),
  // Resolved 1 March 00:30 CET in Paris: March; P4 restore due 72 business hours later, response answered at once.
  incident('I9', 'a01A', {
    priority: 'P4',
    reportedAt: at('2026-02-27T08:00:00Z'),
    respondedAt: at('2026-02-27T08:10:00Z'),
    resolvedAt: at('2026-02-28T23:30:00Z')
  }),
  // No contract, or one that is not the account's: no SLA to meet.
  incident('I10', null, { resolvedAt: at('2026-03-20T10:00:00Z') }),
  incident('I11', 'a01Z', { resolvedAt: at('2026-03-20T10:00:00Z') }),
  // Stamped: resolved an hour after its stamped resolution due.
  incident('I12', 'a01C', {
    priority: 'P2',
    reportedAt: at('2026-03-20T07:00:00Z'),
    respondedAt: at('2026-03-20T07:20:00Z'),
    responseDue: at('2026-03-20T07:30:00Z'),
    resolutionDue: at('2026-03-20T09:00:00Z'),
    resolvedAt: at('2026-03-20T10:00:00Z')
  }),
  // Stamped and met; 31 March 22:30 is still March in UTC.
  incident('I13', 'a01C', {
    priority: 'P4',
    reportedAt: at('2026-03-30T07:00:00Z'),
    respondedAt: at('2026-03-30T07:20:00Z'),
    responseDue: at('2026-03-30T11:00:00Z'),
    resolutionDue: at('2026-04-08T07:00:00Z'),
    resolvedAt: at('2026-03-31T22:30:00Z')
  })
];

const contracts = [parisContract, unknownCalendarContract];

describe('slaCompliance', () => {
  it('judges the incidents resolved in the window under a contract, at their resolution', () => {
    const result = slaCompliance({ incidents, contracts, calendars, from: '2026-03-01', to: '2026-03-31' });
    // Judged: I1 met, I2 late restore, I3 late response, I4 met, I9 met, I12 late restore (stamped), I13 met.
    expect(result).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-31',
      total: 7,
      met: 4,
      breached: 3,
      responseBreached: 1,
      resolutionBreached: 2
    });
    expect(result.percent).toBeCloseTo((4 / 7) * 100, 10);
    expect(result.byPriority).toEqual({
      P1: { total: 1, met: 1, breached: 0, responseBreached: 0, resolutionBreached: 0, percent: 100 },
      P2: { total: 2, met: 0, breached: 2, responseBreached: 1, resolutionBreached: 1, percent: 0 },
      P3: { total: 2, met: 1, breached: 1, responseBreached: 0, resolutionBreached: 1, percent: 50 },
      P4: { total: 2, met: 2, breached: 0, responseBreached: 0, resolutionBreached: 0, percent: 100 }
    });
  });

  it('takes any window of whole days, both ends included', () => {
    // Thursday 5 March (I2, late) to Tuesday 10 March (I3, late); I1 was resolved on the 4th.
    const result = slaCompliance({ incidents, contracts, calendars, from: '2026-03-05', to: '2026-03-10' });
    expect(result).toMatchObject({ total: 2, met: 0, breached: 2, percent: 0 });
    // One day: Saturday 14 March, I4.
    expect(slaCompliance({ incidents, contracts, calendars, from: '2026-03-14', to: '2026-03-14' })).toMatchObject({
      total: 1,
      met: 1,
      percent: 100
    });
  });

  it('gives no percentage when nothing was resolved in the window', () => {
    const result = slaCompliance({ incidents, contracts, calendars, from: '2026-05-01', to: '2026-05-31' });
    expect(result).toMatchObject({ total: 0, met: 0, breached: 0, percent: null });
    expect(result.byPriority.P1.percent).toBeNull();
    expect(slaCompliance({ incidents: [], contracts: [], from: '2026-03-01', to: '2026-03-31' }).total).toBe(0);
  });

  it('uses the stamped due times when no calendars are given', () => {
    // The stamp says I1 was due 12:00 UTC on 4 March, an hour before it was resolved; on the calendar it was on time.
    const stamped = incident('I1', 'a01A', {
      respondedAt: at('2026-03-02T08:30:00Z'),
      responseDue: at('2026-03-02T09:00:00Z'),
      resolutionDue: at('2026-03-04T12:00:00Z'),
      resolvedAt: at('2026-03-04T13:00:00Z')
    });
    const window = { incidents: [stamped], contracts, from: '2026-03-01', to: '2026-03-31' };
    expect(slaCompliance(window)).toMatchObject({ total: 1, met: 0, resolutionBreached: 1 });
    expect(slaCompliance({ ...window, calendars })).toMatchObject({ total: 1, met: 1, resolutionBreached: 0 });
  });

  it('counts a month exactly as monthlyReview does', () => {
    const own = incidents.filter((entry) => entry.contractId === 'a01A');
    const review = monthlyReview({ contract: parisContract, incidents: own, month: '2026-03', calendar: PARIS });
    const result = slaCompliance({
      incidents: own,
      contracts: [parisContract],
      calendars,
      from: '2026-03-01',
      to: '2026-03-31'
    });
    for (const priority of ['P1', 'P2', 'P3', 'P4'] as const) {
      const row = review.compliance[priority];
      expect(result.byPriority[priority]).toEqual({
        total: row.resolved,
        met: row.met,
        breached: row.resolved - row.met,
        responseBreached: row.responseBreached,
        resolutionBreached: row.resolutionBreached,
        percent: row.compliancePercent
      });
    }
    expect(result.total).toBe(review.compliance.All.resolved);
    expect(result.percent).toBe(review.compliance.All.compliancePercent);
    expect(result.total).toBe(5);
  });

  it('rejects a window or contracts it cannot judge, naming what is wrong', () => {
    const call = (input: unknown) => () => slaCompliance(loose(input));
    expect(call({ incidents, contracts, from: '2026-03-31', to: '2026-03-01' })).toThrow(
      /slaCompliance: to is before from/
    );
    expect(call({ incidents, contracts, from: '2026-03-01', to: '2026-02-30' })).toThrow(RangeError);
    expect(
      call({ incidents, contracts: [{ ...parisContract, id: null }], from: '2026-03-01', to: '2026-03-31' })
    ).toThrow(/contracts\[0\].id must be a non-empty string/);
    expect(call({ incidents: null, contracts, from: '2026-03-01', to: '2026-03-31' })).toThrow(TypeError);
    expect(
      call({
        incidents: [{ ...incidents[0], priority: 'P9' }],
        contracts,
        from: '2026-03-01',
        to: '2026-03-31'
      })
    ).toThrow(/incidents\[0\].priority/);
  });
});
