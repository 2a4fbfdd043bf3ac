// Service credits and the monthly steering-committee figures. Contract: monthly fee 10,000, 5 % credit per breached
// incident (500), capped at 10 % a month (1,000), months in Paris time.
import { describe, expect, it } from '@jest/globals';
import { monthlyReview, penalties, type Contract, type Incident } from '#engine';
import { PARIS, at, standardContract } from './fixtures.js';

const terms: Contract = standardContract({
  id: 'a01A',
  timeZone: 'Europe/Paris',
  monthlyFee: 10000,
  penaltyRatePercent: 5,
  penaltyCapPercent: 10,
  budgetDays: 50
});

/** An incident with stamped due times, as incidentFromRecord returns it. */
function stamped(id: string, fields: Partial<Incident>): Incident {
  return {
    id,
    priority: 'P3',
    status: 'Resolved',
    reportedAt: at('2026-03-02T08:00:00Z'),
    pausedMinutes: 0,
    ...fields
  };
}

describe('penalties', () => {
  const incidents: Incident[] = [
    // Resolution breached on 4 March.
    stamped('I1', {
      respondedAt: at('2026-03-02T08:30:00Z'),
      responseDue: at('2026-03-02T09:00:00Z'),
      resolutionDue: at('2026-03-04T14:00:00Z'),
      resolvedAt: at('2026-03-05T08:00:00Z')
    }),
    // Response breached on 10 March, resolved in time.
    stamped('I2', {
      reportedAt: at('2026-03-10T08:00:00Z'),
      respondedAt: at('2026-03-10T09:30:00Z'),
      responseDue: at('2026-03-10T09:00:00Z'),
      resolutionDue: at('2026-03-12T08:00:00Z'),
      resolvedAt: at('2026-03-11T08:00:00Z')
    }),
    stamped('I3', {
      reportedAt: at('2026-03-16T08:00:00Z'),
      respondedAt: at('2026-03-16T08:10:00Z'),
      responseDue: at('2026-03-16T09:00:00Z'),
      resolutionDue: at('2026-03-18T08:00:00Z'),
      resolvedAt: at('2026-03-19T08:00:00Z')
    }),
    // Still open at the end of the period, due 25 March: breached.
    stamped('I4', {
      status: 'In Progress',
      reportedAt: at('2026-03-20T08:00:00Z'),
      respondedAt: at('2026-03-20T08:10:00Z'),
      responseDue: at('2026-03-20T09:00:00Z'),
      resolutionDue: at('2026-03-25T08:00:00Z')
    }),
    // Due 31 March 22:30 UTC = 1 April 00:30 CEST: an April breach.
    stamped('I5', {
      reportedAt: at('2026-03-27T08:00:00Z'),
      respondedAt: at('2026-03-27T08:10:00Z'),
      responseDue: at('2026-03-27T09:00:00Z'),
      resolutionDue: at('2026-03-31T22:30:00Z'),
      resolvedAt: at('2026-04-02T08:00:00Z')
    }),
    // Met.
    stamped('I6', {
      respondedAt: at('2026-03-02T08:10:00Z'),
      responseDue: at('2026-03-02T09:00:00Z'),
      resolutionDue: at('2026-03-20T08:00:00Z'),
      resolvedAt: at('2026-03-19T08:00:00Z')
    }),
    // Cancelled after its due time: never a credit.
    stamped('I7', {
      status: 'Cancelled',
      responseDue: at('2026-03-02T09:00:00Z'),
      resolutionDue: at('2026-03-03T09:00:00Z')
    }),
    // Breached in May, outside the period.
    stamped('I8', {
      reportedAt: at('2026-05-04T08:00:00Z'),
      respondedAt: at('2026-05-04T08:10:00Z'),
      responseDue: at('2026-05-04T09:00:00Z'),
      resolutionDue: at('2026-05-05T08:00:00Z'),
      resolvedAt: at('2026-05-06T08:00:00Z')
    })
  ];

  it('credits each breached incident and caps each month', () => {
    const result = penalties({ incidents, contract: terms, from: '2026-03-01', to: '2026-04-30' });
    expect(result.months).toEqual([
      { month: '2026-03', breachedIncidents: 4, uncappedCredit: 2000, credit: 1000, capped: true },
      { month: '2026-04', breachedIncidents: 1, uncappedCredit: 500, credit: 500, capped: false }
    ]);
    expect(result.total).toBe(1500);
    expect(
      result.incidents.map((incident) => [incident.id, incident.month, incident.breachedAt.toISOString()])
    ).toEqual([
      ['I1', '2026-03', '2026-03-04T14:00:00.000Z'],
      ['I2', '2026-03', '2026-03-10T09:00:00.000Z'],
      ['I3', '2026-03', '2026-03-18T08:00:00.000Z'],
      ['I4', '2026-03', '2026-03-25T08:00:00.000Z'],
      ['I5', '2026-04', '2026-03-31T22:30:00.000Z']
    ]);
    expect(result.incidents[1]).toMatchObject({ responseBreached: true, resolutionBreached: false });
  });

  it('does not cap without a cap, and credits nothing without a fee', () => {
    const uncapped = penalties({
      incidents,
      contract: { ...terms, penaltyCapPercent: null },
      from: '2026-03-01',
      to: '2026-03-31'
    });
    expect(uncapped.total).toBe(2000);
    expect(
      penalties({ incidents, contract: { ...terms, monthlyFee: null }, from: '2026-03-01', to: '2026-04-30' }).total
    ).toBe(0);
  });

  it('follows the SLA rules when given the calendar', () => {
    // P3 reported Mon 2 Mar 09:00 CET is due Wed 4 Mar 15:00 CET (14:00Z); resolved Thu: one breach in March.
    const computed: Incident = {
      id: 'C1',
      priority: 'P3',
      status: 'Resolved',
      reportedAt: at('2026-03-02T08:00:00Z'),
      respondedAt: at('2026-03-02T08:10:00Z'),
      resolvedAt: at('2026-03-05T09:00:00Z')
    };
    const result = penalties({
      incidents: [computed],
      contract: terms,
      from: '2026-03-01',
      to: '2026-03-31',
      calendar: PARIS
    });
    expect(result.total).toBe(500);
    expect(result.incidents[0].breachedAt.toISOString()).toBe('2026-03-04T14:00:00.000Z');
  });
});

describe('monthlyReview', () => {
  const incidents: Incident[] = [
    // Reported in February, resolved late in March.
    stamped('a', {
      reportedAt: at('2026-02-20T10:00:00Z'),
      respondedAt: at('2026-02-20T10:30:00Z'),
      responseDue: at('2026-02-20T11:00:00Z'),
      resolutionDue: at('2026-02-25T10:00:00Z'),
      resolvedAt: at('2026-03-03T10:00:00Z'),
      effortDays: 1
    }),
    // P2 met, closed in March.
    stamped('b', {
      priority: 'P2',
      status: 'Closed',
      respondedAt: at('2026-03-02T08:10:00Z'),
      responseDue: at('2026-03-02T08:30:00Z'),
      resolutionDue: at('2026-03-02T16:00:00Z'),
      resolvedAt: at('2026-03-02T15:00:00Z'),
      closedAt: at('2026-03-04T08:00:00Z'),
      effortDays: 2
    }),
    // P1 answered late, resolved in time.
    stamped('c', {
      priority: 'P1',
      reportedAt: at('2026-03-10T08:00:00Z'),
      respondedAt: at('2026-03-10T08:30:00Z'),
      responseDue: at('2026-03-10T08:15:00Z'),
      resolutionDue: at('2026-03-10T12:00:00Z'),
      resolvedAt: at('2026-03-10T11:00:00Z'),
      effortDays: 0.5
    }),
    // Open at the end of March, past due since 24 March.
    stamped('d', {
      status: 'In Progress',
      reportedAt: at('2026-03-20T08:00:00Z'),
      respondedAt: at('2026-03-20T08:10:00Z'),
      responseDue: at('2026-03-20T09:00:00Z'),
      resolutionDue: at('2026-03-24T08:00:00Z'),
      effortDays: 3
    }),
    stamped('e', {
      status: 'Cancelled',
      reportedAt: at('2026-03-25T08:00:00Z'),
      closedAt: at('2026-03-26T08:00:00Z'),
      effortDays: 0.25
    }),
    // April: outside the month.
    stamped('f', { status: 'New', reportedAt: at('2026-04-02T08:00:00Z'), effortDays: 4 }),
    // Open since January, breached in January.
    stamped('g', {
      priority: 'P4',
      status: 'In Progress',
      reportedAt: at('2026-01-15T08:00:00Z'),
      respondedAt: at('2026-01-15T09:00:00Z'),
      responseDue: at('2026-01-15T12:00:00Z'),
      resolutionDue: at('2026-01-30T08:00:00Z'),
      effortDays: 1
    })
  ];

  it('gives the backlog, compliance per priority, budget and penalties of the month', () => {
    const review = monthlyReview({ contract: terms, incidents, month: '2026-03' });
    expect(review.month).toBe('2026-03');
    expect(review.from).toBe('2026-03-01');
    expect(review.to).toBe('2026-03-31');
    expect(review.backlog).toEqual({ opened: 4, resolved: 3, closed: 1, cancelled: 1, openAtStart: 2, openAtEnd: 2 });
    expect(review.compliance.P1).toEqual({
      resolved: 1,
      met: 0,
      responseBreached: 1,
      resolutionBreached: 0,
      compliancePercent: 0
    });
    expect(review.compliance.P2).toEqual({
      resolved: 1,
      met: 1,
      responseBreached: 0,
      resolutionBreached: 0,
      compliancePercent: 100
    });
    expect(review.compliance.P3).toEqual({
      resolved: 1,
      met: 0,
      responseBreached: 0,
      resolutionBreached: 1,
      compliancePercent: 0
    });
    expect(review.compliance.P4).toEqual({
      resolved: 0,
      met: 0,
      responseBreached: 0,
      resolutionBreached: 0,
      compliancePercent: null
    });
    expect(review.compliance.All.met).toBe(1);
    expect(review.compliance.All.compliancePercent).toBeCloseTo(100 / 3, 10);
    // In March: b 2 + c 0.5 + d 3 + e 0.25; to date adds a 1 and g 1 (f is April).
    expect(review.budget).toEqual({
      budgetDays: 50,
      consumedInMonthDays: 5.75,
      consumedToDateDays: 7.75,
      percentConsumed: 15.5
    });
    // Breaches that fell due in March: c (response, 10 March) and d (resolution, 24 March) = 1,000, exactly the cap.
    expect(review.penalties.months).toEqual([
      { month: '2026-03', breachedIncidents: 2, uncappedCredit: 1000, credit: 1000, capped: false }
    ]);
  });

  it('rejects a malformed month', () => {
    expect(() => monthlyReview({ contract: terms, incidents, month: '2026-13' })).toThrow(
      /month must be a real 'YYYY-MM'/
    );
    expect(() => monthlyReview({ contract: terms, incidents, month: 202603 as never })).toThrow(TypeError);
  });
});
