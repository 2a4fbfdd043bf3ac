// Coverage: which contract covers a day, and the timeline of covered days and gaps. Horizon of the examples:
// today 2026-06-01 + 90 days = 2026-08-30.
import { describe, expect, it } from '@jest/globals';
import { coverageTimeline, coveringContract, noticeDeadline, type Contract, type ContractStatus } from '#engine';
import { at } from './fixtures.js';

function contract(
  id: string,
  startDate: string,
  endDate: string,
  status: ContractStatus = 'Active',
  extra = {}
): Contract {
  return { id, status, startDate, endDate, ...extra };
}

const today = '2026-06-01';
const horizonDays = 90;
const untilJune = contract('a01A', '2026-01-01', '2026-06-30');

describe('coveringContract', () => {
  const fromJuly = contract('a01B', '2026-07-01', '2027-06-30');
  const fromMidJune = contract('a01C', '2026-06-15', '2026-12-31');

  it('finds the Active contract covering a day, start and end days included', () => {
    expect(coveringContract({ contracts: [untilJune, fromJuly], at: '2026-06-30' })?.id).toBe('a01A');
    expect(coveringContract({ contracts: [untilJune, fromJuly], at: '2026-07-01' })?.id).toBe('a01B');
    expect(coveringContract({ contracts: [untilJune, fromJuly], at: '2025-12-31' })).toBeNull();
  });

  it('prefers the contract that started last when several cover the day, whatever their order', () => {
    const all = [untilJune, fromJuly, fromMidJune];
    expect(coveringContract({ contracts: all, at: '2026-06-10' })?.id).toBe('a01A');
    expect(coveringContract({ contracts: all, at: '2026-06-20' })?.id).toBe('a01C');
    expect(coveringContract({ contracts: [...all].reverse(), at: '2026-06-20' })?.id).toBe('a01C');
    expect(coveringContract({ contracts: all, at: '2026-07-10' })?.id).toBe('a01B');
    // Same start: the one ending last, then the smallest id.
    const longer = contract('a01Z', '2026-06-15', '2027-12-31');
    expect(coveringContract({ contracts: [fromMidJune, longer], at: '2026-06-20' })?.id).toBe('a01Z');
    const twin = contract('a01D', '2026-06-15', '2026-12-31');
    expect(coveringContract({ contracts: [twin, fromMidJune], at: '2026-06-20' })?.id).toBe('a01C');
  });

  it('picks a Signed contract from its start date, never a Draft, Suspended, Expired or Terminated one', () => {
    const signed = contract('a01S', '2026-06-01', '2027-05-31', 'Signed');
    expect(coveringContract({ contracts: [signed], at: '2026-05-31' })).toBeNull();
    expect(coveringContract({ contracts: [signed], at: '2026-06-01' })?.id).toBe('a01S');
    for (const status of ['Draft', 'Suspended', 'Expired', 'Terminated'] as const) {
      expect(
        coveringContract({ contracts: [contract('x', '2026-01-01', '2026-12-31', status)], at: '2026-06-01' })
      ).toBeNull();
    }
  });

  it('takes the local day of an instant in the contract time zone, else the given zone, else UTC', () => {
    // 2026-06-30T22:30Z is 1 July 00:30 CEST in Paris.
    const instant = at('2026-06-30T22:30:00Z');
    expect(coveringContract({ contracts: [untilJune, fromJuly], at: instant })?.id).toBe('a01A');
    expect(coveringContract({ contracts: [untilJune, fromJuly], at: instant, timeZone: 'Europe/Paris' })?.id).toBe(
      'a01B'
    );
    const parisContracts = [untilJune, fromJuly].map((c) => ({ ...c, timeZone: 'Europe/Paris' }));
    expect(coveringContract({ contracts: parisContracts, at: instant })?.id).toBe('a01B');
  });
});

describe('coverageTimeline', () => {
  it('joins contracts that touch without a gap', () => {
    const result = coverageTimeline({
      contracts: [untilJune, contract('a01B', '2026-07-01', '2027-06-30')],
      today,
      horizonDays
    });
    expect(result).toEqual({
      coveredToday: true,
      firstGapStart: null,
      segments: [
        { start: '2026-06-01', end: '2026-06-30', kind: 'covered', sourceIds: ['a01A'] },
        { start: '2026-07-01', end: '2026-08-30', kind: 'covered', sourceIds: ['a01B'] }
      ],
      // The notice deadline of the first contract passed on 1 April: it stays on the tab until the contract ends.
      alerts: [
        {
          kind: 'notice-passed',
          date: '2026-04-01',
          sourceId: 'a01A',
          daysLeft: -61,
          renewsUntil: null,
          endsOn: '2026-06-30'
        }
      ]
    });
  });

  it('shows where contracts overlap', () => {
    const result = coverageTimeline({
      contracts: [contract('a01A', '2026-01-01', '2026-07-15'), contract('a01B', '2026-07-01', '2027-06-30')],
      today,
      horizonDays
    });
    expect(result.segments).toEqual([
      { start: '2026-06-01', end: '2026-06-30', kind: 'covered', sourceIds: ['a01A'] },
      { start: '2026-07-01', end: '2026-07-15', kind: 'covered', sourceIds: ['a01A', 'a01B'] },
      { start: '2026-07-16', end: '2026-08-30', kind: 'covered', sourceIds: ['a01B'] }
    ]);
    expect(result.firstGapStart).toBeNull();
  });

  it('finds a one-day gap and warns about it', () => {
    const result = coverageTimeline({
      contracts: [untilJune, contract('a01B', '2026-07-02', '2027-06-30')],
      today,
      horizonDays
    });
    expect(result).toEqual({
      coveredToday: true,
      firstGapStart: '2026-07-01',
      segments: [
        { start: '2026-06-01', end: '2026-06-30', kind: 'covered', sourceIds: ['a01A'] },
        { start: '2026-07-01', end: '2026-07-01', kind: 'gap', sourceIds: [] },
        { start: '2026-07-02', end: '2026-08-30', kind: 'covered', sourceIds: ['a01B'] }
      ],
      alerts: [
        {
          kind: 'notice-passed',
          date: '2026-04-01',
          sourceId: 'a01A',
          daysLeft: -61,
          renewsUntil: null,
          endsOn: '2026-06-30'
        },
        { kind: 'coverage-end', date: '2026-06-30', sourceId: 'a01A', daysLeft: 29 },
        { kind: 'gap', date: '2026-07-01', sourceId: 'a01A', daysLeft: 30 }
      ]
    });
  });

  it('never counts a Draft contract as coverage, nor as the start of maintenance', () => {
    const draftOnly = coverageTimeline({
      contracts: [contract('a01D', '2026-01-01', '2026-12-31', 'Draft')],
      today,
      horizonDays
    });
    expect(draftOnly).toEqual({
      coveredToday: false,
      firstGapStart: null,
      segments: [{ start: '2026-06-01', end: '2026-08-30', kind: 'pre-coverage', sourceIds: [] }],
      alerts: []
    });
    const draftRenewal = coverageTimeline({
      contracts: [contract('a01A', '2026-01-01', '2026-06-15'), contract('a01D', '2026-06-16', '2027-06-15', 'Draft')],
      today,
      horizonDays
    });
    expect(draftRenewal.segments).toEqual([
      { start: '2026-06-01', end: '2026-06-15', kind: 'covered', sourceIds: ['a01A'] },
      { start: '2026-06-16', end: '2026-08-30', kind: 'gap', sourceIds: [] }
    ]);
    expect(draftRenewal.alerts).toEqual([
      {
        kind: 'notice-passed',
        date: '2026-03-17',
        sourceId: 'a01A',
        daysLeft: -76,
        renewsUntil: null,
        endsOn: '2026-06-15'
      },
      { kind: 'coverage-end', date: '2026-06-15', sourceId: 'a01A', daysLeft: 14 },
      { kind: 'gap', date: '2026-06-16', sourceId: 'a01A', daysLeft: 15 }
    ]);
  });

  it('reports a gap today when the only contract has expired, after its own term', () => {
    const result = coverageTimeline({
      contracts: [contract('a01E', '2025-01-01', '2025-12-31', 'Expired')],
      today,
      horizonDays
    });
    expect(result).toEqual({
      coveredToday: false,
      firstGapStart: '2026-06-01',
      segments: [{ start: '2026-06-01', end: '2026-08-30', kind: 'gap', sourceIds: [] }],
      alerts: [{ kind: 'gap', date: '2026-06-01', sourceId: 'a01E', daysLeft: 0 }]
    });
    // An Expired contract covered its own term (not a renewal): its days were not a gap.
    const past = coverageTimeline({
      contracts: [contract('a01E', '2025-01-01', '2025-12-31', 'Expired', { tacitRenewal: true })],
      today: '2025-12-01',
      horizonDays: 60
    });
    expect(past.segments).toEqual([
      { start: '2025-12-01', end: '2025-12-31', kind: 'covered', sourceIds: ['a01E'] },
      { start: '2026-01-01', end: '2026-01-30', kind: 'gap', sourceIds: [] }
    ]);
    expect(past.alerts.map((alert) => alert.kind)).toEqual(['coverage-end', 'gap']);
  });

  it('counts the handover warranty as coverage and warns of the gap after it', () => {
    const result = coverageTimeline({
      contracts: [contract('a01F', '2026-09-01', '2027-08-31')],
      checklists: [{ id: 'a03W', goLiveDate: '2026-05-01', warrantyEndDate: '2026-07-31' }],
      today,
      horizonDays
    });
    expect(result.segments).toEqual([
      { start: '2026-06-01', end: '2026-07-31', kind: 'covered', sourceIds: ['a03W'] },
      { start: '2026-08-01', end: '2026-08-30', kind: 'gap', sourceIds: [] }
    ]);
    expect(result.firstGapStart).toBe('2026-08-01');
    expect(result.alerts).toEqual([
      { kind: 'coverage-end', date: '2026-07-31', sourceId: 'a03W', daysLeft: 60 },
      { kind: 'gap', date: '2026-08-01', sourceId: 'a03W', daysLeft: 61 }
    ]);
  });

  it('does not call the days before the first go-live a gap', () => {
    const result = coverageTimeline({
      contracts: [],
      checklists: [{ id: 'a03W', goLiveDate: '2026-07-01', warrantyEndDate: '2026-09-30' }],
      today,
      horizonDays
    });
    expect(result).toMatchObject({
      coveredToday: false,
      firstGapStart: null,
      segments: [
        { start: '2026-06-01', end: '2026-06-30', kind: 'pre-coverage', sourceIds: [] },
        { start: '2026-07-01', end: '2026-08-30', kind: 'covered', sourceIds: ['a03W'] }
      ]
    });
  });

  it('counts from the go-live of a checklist without warranty: live and uncovered is a gap', () => {
    const result = coverageTimeline({
      contracts: [contract('a01F', '2026-07-01', '2027-06-30')],
      checklists: [{ id: 'a03N', goLiveDate: '2026-05-15', warrantyEndDate: null }],
      today,
      horizonDays
    });
    expect(result.segments).toEqual([
      { start: '2026-06-01', end: '2026-06-30', kind: 'gap', sourceIds: [] },
      { start: '2026-07-01', end: '2026-08-30', kind: 'covered', sourceIds: ['a01F'] }
    ]);
    expect(result.coveredToday).toBe(false);
  });

  it('raises notice alerts at 90, 60, 30 and 0 days before the notice deadline', () => {
    // End 2026-12-31, 90 days' notice: deadline 2026-10-02.
    const yearly = contract('a01Y', '2026-01-01', '2026-12-31', 'Active', { noticePeriodDays: 90 });
    expect(noticeDeadline(yearly)).toBe('2026-10-02');
    const noticeOn = (day: string) =>
      coverageTimeline({ contracts: [yearly], today: day, horizonDays: 0 }).alerts.filter(
        (alert) => alert.kind === 'notice'
      );
    expect(noticeOn('2026-06-01')).toEqual([]);
    expect(noticeOn('2026-07-04')).toEqual([
      { kind: 'notice', date: '2026-10-02', sourceId: 'a01Y', daysLeft: 90, threshold: 90 }
    ]);
    expect(noticeOn('2026-07-10')).toEqual([
      { kind: 'notice', date: '2026-10-02', sourceId: 'a01Y', daysLeft: 84, threshold: 90 }
    ]);
    expect(noticeOn('2026-08-03')).toEqual([
      { kind: 'notice', date: '2026-10-02', sourceId: 'a01Y', daysLeft: 60, threshold: 60 }
    ]);
    expect(noticeOn('2026-09-05')).toEqual([
      { kind: 'notice', date: '2026-10-02', sourceId: 'a01Y', daysLeft: 27, threshold: 30 }
    ]);
    expect(noticeOn('2026-10-02')).toEqual([
      { kind: 'notice', date: '2026-10-02', sourceId: 'a01Y', daysLeft: 0, threshold: 0 }
    ]);
    expect(noticeOn('2026-10-03')).toEqual([]);
    // The formula value, when the record carries it, wins; a Draft contract raises nothing.
    const explicit = { ...yearly, noticeDeadline: '2026-09-01' };
    expect(coverageTimeline({ contracts: [explicit], today: '2026-08-02', horizonDays: 0 }).alerts).toEqual([
      { kind: 'notice', date: '2026-09-01', sourceId: 'a01Y', daysLeft: 30, threshold: 30 }
    ]);
    expect(
      coverageTimeline({ contracts: [{ ...yearly, status: 'Draft' }], today: '2026-10-02', horizonDays: 0 }).alerts
    ).toEqual([]);
  });

  it('covers a horizon of zero days: today only', () => {
    expect(coverageTimeline({ contracts: [untilJune], today: '2026-06-30', horizonDays: 0 }).segments).toEqual([
      { start: '2026-06-30', end: '2026-06-30', kind: 'covered', sourceIds: ['a01A'] }
    ]);
  });
});
