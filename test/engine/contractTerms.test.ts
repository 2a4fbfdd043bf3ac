// Contract terms: amendments applied in order, tacit renewals with and without notice, the notice status of the term
// in force, and the coverage summary the tab, the report and the account list show.
import { describe, expect, it } from '@jest/globals';
import {
  addMonths,
  contractCoverPeriods,
  coverageSummary,
  coverageTimeline,
  coveringContract,
  effectiveTerms,
  noticeStatus,
  penalties,
  type Amendment,
  type Contract
} from '#engine';

const tma: Contract = {
  id: 'a01A',
  name: 'TMA Atlas',
  status: 'Active',
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  budgetDays: 100,
  monthlyFee: 8000,
  noticePeriodDays: 90
};

describe('addMonths', () => {
  it('keeps the day of the month, or the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-09-01', 12)).toBe('2027-09-01');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
    expect(() => addMonths('2026-03-15', 1.5)).toThrow(TypeError);
  });
});

describe('effectiveTerms', () => {
  // Three amendments, given out of order: they apply by effective date, then name.
  const amendments: Amendment[] = [
    {
      id: 'm3',
      name: 'AMD-0003',
      contractId: 'a01A',
      effectiveDate: '2026-09-01',
      reason: 'Renewal',
      newEndDate: '2027-06-30',
      budgetDaysChange: 30
    },
    {
      id: 'm1',
      name: 'AMD-0001',
      contractId: 'a01A',
      effectiveDate: '2026-03-01',
      reason: 'Project Delay',
      newEndDate: '2027-03-31',
      budgetDaysChange: 20,
      newMonthlyFee: 8500
    },
    {
      id: 'm2',
      name: 'AMD-0002',
      contractId: 'a01A',
      effectiveDate: '2026-03-01',
      reason: 'Integrator Cost Cap',
      budgetDaysChange: -15,
      newMonthlyFee: 7000
    }
  ];

  it('applies every amendment effective on or before the day, in effective-date then name order', () => {
    const on = (day: string | null) => {
      const terms = effectiveTerms({ contract: tma, amendments, on: day });
      return { ...terms, applied: terms.applied.map((amendment) => amendment.id) };
    };
    expect(on('2026-02-28')).toEqual({
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      budgetDays: 100,
      monthlyFee: 8000,
      dailyRate: null,
      applied: []
    });
    // The day before, the day, the day after an effective date.
    expect(on('2026-03-01')).toMatchObject({ endDate: '2027-03-31', budgetDays: 105, monthlyFee: 7000 });
    expect(on('2026-03-01').applied).toEqual(['m1', 'm2']);
    expect(on('2026-08-31')).toMatchObject({ endDate: '2027-03-31', budgetDays: 105, monthlyFee: 7000 });
    expect(on('2026-09-01')).toMatchObject({ endDate: '2027-06-30', budgetDays: 135, monthlyFee: 7000 });
    expect(on(null).applied).toEqual(['m1', 'm2', 'm3']);
  });

  it('drives coverage: an amended end covers from the amendment on', () => {
    expect(contractCoverPeriods({ contract: tma, amendments, until: '2027-12-31' })).toEqual([
      { start: '2026-01-01', end: '2027-06-30', renewal: 0 }
    ]);
    // An extension effective after the original end leaves the days in between uncovered.
    const late: Amendment = { contractId: 'a01A', effectiveDate: '2027-01-15', newEndDate: '2027-03-31' };
    expect(contractCoverPeriods({ contract: tma, amendments: [late], until: '2027-12-31' })).toEqual([
      { start: '2026-01-01', end: '2026-12-31', renewal: 0 },
      { start: '2027-01-15', end: '2027-03-31', renewal: 0 }
    ]);
    expect(coveringContract({ contracts: [tma], amendments, at: '2027-05-01' })?.id).toBe('a01A');
    expect(coveringContract({ contracts: [tma], at: '2027-05-01' })).toBeNull();
    const timeline = coverageTimeline({ contracts: [tma], amendments, today: '2026-12-01', horizonDays: 300 });
    expect(timeline.firstGapStart).toBe('2027-07-01');
  });

  it('drives penalties: the monthly fee in effect at the end of each month', () => {
    const breach = (day: string) => ({
      id: day,
      status: 'Resolved' as const,
      reportedAt: new Date(`${day}T08:00:00Z`),
      resolvedAt: new Date(`${day}T18:00:00Z`),
      responseDue: new Date(`${day}T09:00:00Z`),
      respondedAt: new Date(`${day}T10:00:00Z`)
    });
    const result = penalties({
      contract: { ...tma, penaltyRatePercent: 10 },
      amendments,
      incidents: [breach('2026-02-10'), breach('2026-03-10')],
      from: '2026-02-01',
      to: '2026-03-31'
    });
    // February: 10 % of 8,000; March: 10 % of the amended 7,000.
    expect(result.months.map((month) => month.credit)).toEqual([800, 700]);
  });

  it('refuses an amendment that ends the contract before it starts', () => {
    expect(() =>
      effectiveTerms({ contract: tma, amendments: [{ effectiveDate: '2026-02-01', newEndDate: '2025-12-01' }] })
    ).toThrow(/newEndDate is before the contract's startDate/);
  });
});

describe('tacit renewal', () => {
  // A Breton-like contract: one year from 1 September 2025, renewed by yearly terms, 90 days' notice.
  const breton: Contract = {
    id: 'a01B',
    name: 'TMA Breton',
    status: 'Active',
    startDate: '2025-09-01',
    endDate: '2026-08-31',
    tacitRenewal: true,
    renewalTermMonths: 12,
    noticePeriodDays: 90
  };

  it('extends coverage term by term when no notice is given', () => {
    expect(contractCoverPeriods({ contract: breton, until: '2028-10-01' })).toEqual([
      { start: '2025-09-01', end: '2026-08-31', renewal: 0 },
      { start: '2026-09-01', end: '2027-08-31', renewal: 1 },
      { start: '2027-09-01', end: '2028-08-31', renewal: 2 },
      // Cut at the day asked for.
      { start: '2028-09-01', end: '2028-10-01', renewal: 3 }
    ]);
    const timeline = coverageTimeline({ contracts: [breton], today: '2026-07-01', horizonDays: 180 });
    expect(timeline.firstGapStart).toBeNull();
    expect(timeline.segments).toEqual([
      { start: '2026-07-01', end: '2026-12-28', kind: 'covered', sourceIds: ['a01B'] }
    ]);
  });

  it('stops at the end of the term whose deadline the notice met: the day before, the day, the day after', () => {
    // Deadline of the first term: 31 August 2026 - 90 days = 2 June 2026.
    const withNotice = (day: string) =>
      contractCoverPeriods({ contract: { ...breton, noticeGivenOn: day }, until: '2028-12-31' }).map((p) => p.end);
    expect(withNotice('2026-06-01')).toEqual(['2026-08-31']);
    expect(withNotice('2026-06-02')).toEqual(['2026-08-31']);
    // One day late: the contract renews once more, then ends.
    expect(withNotice('2026-06-03')).toEqual(['2026-08-31', '2027-08-31']);
  });

  it('runs out after Max_Renewals__c renewals', () => {
    const periods = contractCoverPeriods({ contract: { ...breton, maxRenewals: 1 }, until: '2030-01-01' });
    expect(periods.map((period) => period.end)).toEqual(['2026-08-31', '2027-08-31']);
    expect(contractCoverPeriods({ contract: { ...breton, maxRenewals: 0 }, until: '2030-01-01' })).toHaveLength(1);
  });

  it('renews nothing that is not Signed or Active, nor a contract without tacit renewal', () => {
    expect(contractCoverPeriods({ contract: { ...breton, status: 'Draft' }, until: '2030-01-01' })).toEqual([]);
    expect(contractCoverPeriods({ contract: { ...breton, tacitRenewal: false }, until: '2030-01-01' })).toEqual([
      { start: '2025-09-01', end: '2026-08-31', renewal: 0 }
    ]);
  });

  it('says where notice stands in the term in force', () => {
    expect(noticeStatus({ contract: breton, today: '2026-06-02' })).toEqual({
      termStart: '2025-09-01',
      termEnd: '2026-08-31',
      renewal: 0,
      deadline: '2026-06-02',
      daysLeft: 0,
      noticeGivenOn: null,
      renews: true,
      renewsUntil: '2027-08-31',
      endsOn: '2026-08-31',
      openEnded: true
    });
    // In the first renewal, the next deadline is 90 days before 31 August 2027.
    expect(noticeStatus({ contract: breton, today: '2026-10-01' })).toMatchObject({
      renewal: 1,
      deadline: '2027-06-02',
      daysLeft: 244
    });
    expect(noticeStatus({ contract: { ...breton, maxRenewals: 1 }, today: '2026-10-01' })).toMatchObject({
      renewal: 1,
      renews: false,
      renewsUntil: null,
      openEnded: false
    });
  });

  it('keeps a passed notice deadline on the alerts until the term ends: "renews until"', () => {
    const alerts = (today: string, contract: Contract = breton) =>
      coverageTimeline({ contracts: [contract], today, horizonDays: 60 }).alerts;
    // 45 days after the deadline of 2 June 2026.
    expect(alerts('2026-07-17')).toEqual([
      {
        kind: 'notice-passed',
        date: '2026-06-02',
        sourceId: 'a01B',
        daysLeft: -45,
        renewsUntil: '2027-08-31',
        endsOn: null
      }
    ]);
    // Until the last day of the term, then the next term's deadline is far away: nothing.
    expect(alerts('2026-08-31')[0]).toMatchObject({ kind: 'notice-passed', daysLeft: -90 });
    expect(alerts('2026-09-01')).toEqual([]);
    // Notice given in time: no notice alert; the end shows as the end of coverage.
    expect(alerts('2026-07-17', { ...breton, noticeGivenOn: '2026-05-20' }).map((alert) => alert.kind)).toEqual([
      'coverage-end',
      'gap'
    ]);
    // Without tacit renewal the alert says when it ends.
    expect(alerts('2026-07-17', { ...breton, tacitRenewal: false })[0]).toMatchObject({
      kind: 'notice-passed',
      renewsUntil: null,
      endsOn: '2026-08-31'
    });
  });
});

describe('coverageSummary', () => {
  const today = '2026-06-01';

  it('says pre-coverage before the first go-live, with the go-live day', () => {
    expect(
      coverageSummary({
        contracts: [],
        checklists: [{ id: 'h1', goLiveDate: '2026-10-29', warrantyEndDate: null }],
        today
      })
    ).toMatchObject({ kind: 'pre-coverage', goLiveDate: '2026-10-29', gapStart: '2026-10-29', gapEnd: null });
  });

  it('covers from the start date of a Signed contract, and says when the gap of today began', () => {
    const summary = coverageSummary({
      contracts: [
        { id: 'old', status: 'Expired', startDate: '2025-01-01', endDate: '2026-05-19' },
        { id: 'new', name: 'TMA 2026', status: 'Signed', startDate: '2026-06-15', endDate: '2027-06-14' }
      ],
      today
    });
    expect(summary).toEqual({
      kind: 'in-gap',
      coveredToday: false,
      coveredUntil: null,
      gapStart: today,
      gapEnd: '2026-06-14',
      inGapSince: '2026-05-20',
      coverageStartsOn: '2026-06-15',
      goLiveDate: null,
      horizonEnd: '2026-11-28',
      draftContracts: []
    });
  });

  it('names the Draft contract that would close a gap once signed', () => {
    const summary = coverageSummary({
      contracts: [
        { id: 'cur', status: 'Active', startDate: '2025-07-01', endDate: '2026-06-30' },
        { id: 'nxt', name: 'TMA next', status: 'Draft', startDate: '2026-07-01', endDate: '2027-06-30' }
      ],
      today
    });
    expect(summary).toMatchObject({
      kind: 'gap-ahead',
      coveredUntil: '2026-06-30',
      gapStart: '2026-07-01',
      gapEnd: null,
      draftContracts: [{ id: 'nxt', name: 'TMA next', startDate: '2026-07-01' }]
    });
  });

  it('sees no gap in a tacit renewal, and nothing at all without sources', () => {
    const breton: Contract = {
      id: 'b',
      status: 'Active',
      startDate: '2025-09-01',
      endDate: '2026-08-31',
      tacitRenewal: true
    };
    expect(coverageSummary({ contracts: [breton], today })).toMatchObject({
      kind: 'covered',
      coveredUntil: null,
      gapStart: null
    });
    expect(coverageSummary({ contracts: [], today })).toMatchObject({ kind: 'none', gapStart: null });
  });
});
