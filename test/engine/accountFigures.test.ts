// accountFigures: one account's figures for the Maintenance Cockpit and `report --risk`, out of its records. Every
// expected figure below is worked out by hand in the comments (Paris is UTC+2 in May and June 2026).
import { describe, expect, it } from '@jest/globals';
import {
  accountFigures,
  COMPLIANCE_WINDOW_DAYS,
  portfolioFigures,
  portfolioRisk,
  readinessFromRecord,
  riskFlags,
  type Checklist,
  type Incident,
  type Transition,
  type TransitionOption
} from '#engine';
import { at, PARIS, standardContract } from './fixtures.js';

const today = '2026-06-01'; // a Monday
const now = at('2026-06-01T12:00:00Z'); // 14:00 in Paris
const calendars = { Paris_Business_Hours: PARIS };

// Covers 2026-01-01..2026-06-21; notice 10 days before the end: 2026-06-11, 10 days from today. Budget 80 days, 76
// consumed (roll-up) over the 152 days from 2026-01-01 to today: 0.5 a day, the 4 left last 8 days -> exhausted on
// 2026-06-09, 12 days before the end of the term (2026-06-21): a shortfall of 12 days; 95 % consumed (threshold).
const c1 = standardContract({
  id: 'c1',
  name: 'TMA 2026',
  type: 'TMA',
  startDate: '2026-01-01',
  endDate: '2026-06-21',
  noticePeriodDays: 10,
  noticeDeadline: null,
  calendarName: 'Paris_Business_Hours',
  budgetDays: 80,
  consumedDays: 76
});
// Draft: covers nothing and has no notice to give.
const c2 = standardContract({
  id: 'c2',
  name: 'TMA 2027',
  status: 'Draft',
  startDate: '2026-07-01',
  endDate: '2027-06-30'
});

function incident(id: string, extra: Partial<Incident>): Incident {
  return {
    id,
    contractId: 'c1',
    priority: 'P2',
    status: 'New',
    reportedAt: at('2026-05-28T07:00:00Z'),
    respondedAt: null,
    resolvedAt: null,
    pausedMinutes: 0,
    pausedSince: null,
    ...extra
  };
}

const incidents: Incident[] = [
  // P2 reported Thu 28 May 09:00 Paris, answered at 09:10: restore due 8 business hours later, 17:00 the same day:
  // past now -> a restore (GTR) breach, the response met.
  incident('i1', { status: 'In Progress', respondedAt: at('2026-05-28T07:10:00Z') }),
  // P3 reported today 09:00 Paris, not answered: the response (1 business hour) was due at 10:00 -> response breach;
  // restore (24 business hours) far away.
  incident('i2', { priority: 'P3', reportedAt: at('2026-06-01T07:00:00Z') }),
  // P4 reported today 13:00 Paris: response due 17:00, nothing breached yet.
  incident('i3', { priority: 'P4', reportedAt: at('2026-06-01T11:00:00Z') }),
  // Resolved in the window: P2 on Mon 4 May, answered in 20 min, restored in 5 h: both met.
  incident('i4', {
    status: 'Resolved',
    reportedAt: at('2026-05-04T07:00:00Z'),
    respondedAt: at('2026-05-04T07:20:00Z'),
    resolvedAt: at('2026-05-04T12:00:00Z')
  }),
  // P2 on Tue 5 May, answered after 60 min (target 30): response breached; restored in 3 h: met.
  incident('i5', {
    status: 'Resolved',
    reportedAt: at('2026-05-05T07:00:00Z'),
    respondedAt: at('2026-05-05T08:00:00Z'),
    resolvedAt: at('2026-05-05T10:00:00Z')
  }),
  // Resolved before the window (2026-03-03..2026-06-01): not judged.
  incident('i6', {
    status: 'Closed',
    reportedAt: at('2026-01-12T08:00:00Z'),
    respondedAt: at('2026-01-12T09:30:00Z'),
    resolvedAt: at('2026-01-20T08:00:00Z')
  }),
  // Open and long past every target, but under no contract: no SLA, not counted.
  incident('i7', { contractId: null, reportedAt: at('2026-02-02T08:00:00Z') })
];

const options: TransitionOption[] = [
  { name: 'New_TMA', label: 'New TMA', leadTimeDays: 180, termMonths: 36 },
  { name: 'Time_And_Materials', label: 'Time and materials', leadTimeDays: 15, termMonths: 6 }
];
const transitions: Transition[] = [
  // Decided: no option to watch.
  { id: 't1', name: 'Go-live 1', goLiveDate: '2026-01-01', warrantyEndDate: null, optionChosen: 'Time_And_Materials' },
  // Warranty 2026-09-01..2026-11-30, takeover 2026-12-01: New TMA (180 days) closes 2026-06-04, 3 days from today,
  // a long option within 30 days: the alert.
  { id: 't2', name: 'Go-live 2', goLiveDate: '2026-09-01', warrantyEndDate: '2026-11-30', optionChosen: null },
  // Takeover 2027-02-01: New TMA closes 2026-08-05 (65 days): no alert.
  { id: 't3', name: 'Go-live 3', goLiveDate: '2026-10-01', warrantyEndDate: '2027-01-31', optionChosen: null }
];
const checklists: Checklist[] = [
  {
    id: 'ch1',
    name: 'HC-1',
    projectName: 'ERP',
    goLiveDate: '2025-12-01',
    warrantyEndDate: '2025-12-31',
    phase: 'Signed Off'
  },
  {
    id: 'ch2',
    name: 'HC-2',
    projectName: 'CRM v2',
    goLiveDate: '2026-09-01',
    warrantyEndDate: '2026-11-30',
    phase: 'Knowledge Transfer'
  }
];
const readiness = {
  ch1: { percent: 100, total: 12, done: 12, mandatoryOpen: 0 },
  ch2: { percent: 40, total: 10, done: 4, mandatoryOpen: 3 }
};

describe('accountFigures', () => {
  const base = {
    account: { id: '001A', name: 'Gap in 3 weeks' },
    contracts: [c1, c2],
    incidents,
    checklists,
    transitions,
    options,
    calendars,
    readiness,
    today,
    now
  };

  it('works out each column of the cockpit from the account records', () => {
    const figures = accountFigures(base);
    expect(figures).toEqual({
      accountId: '001A',
      accountName: 'Gap in 3 weeks',
      // c1 ends 2026-06-21; nothing signed follows (c2 is a draft), the warranty of go-live 2 starts 2026-09-01.
      coverage: 'gap-ahead',
      coveredToday: true,
      gapStart: '2026-06-22',
      inGapSince: null,
      notice: { contractId: 'c1', contractName: 'TMA 2026', deadline: '2026-06-11', daysLeft: 10 },
      transition: {
        transitionId: 't2',
        transitionName: 'Go-live 2',
        option: 'New TMA',
        closesOn: '2026-06-04',
        daysLeft: 3,
        alert: true
      },
      openBreached: { response: 1, resolution: 1, any: 2, unjudged: 0 },
      // Judged per clock: i4 and i5 resolved in the window, and the open clocks that breached in it (i2's
      // response today, i1's restore on 28 May). Response: i4 met, i5 and i2 breached; restore: i4 and i5 met, i1
      // breached.
      compliance: {
        from: '2026-03-03',
        to: today,
        response: { met: 1, total: 3, percent: (1 / 3) * 100 },
        resolution: { met: 2, total: 3, percent: (2 / 3) * 100 }
      },
      budget: {
        contractId: 'c1',
        contractName: 'TMA 2026',
        budgetDays: 80,
        consumedDays: 76,
        percentConsumed: 95,
        forecastExhaustionDate: '2026-06-09',
        contractEndDate: '2026-06-21',
        shortfallDays: 12,
        alert: 'threshold'
      },
      handover: {
        checklistId: 'ch2',
        name: 'CRM v2',
        phase: 'Knowledge Transfer',
        percent: 40,
        total: 10,
        done: 4,
        mandatoryOpen: 3
      }
    });
    expect(COMPLIANCE_WINDOW_DAYS).toBe(90);
    expect(riskFlags(figures)).toEqual(['gap-ahead', 'notice-soon', 'options-closing', 'breaches', 'budget-shortfall']);
  });

  it('shows an account whose contract ended as in a gap since the day after, with nothing in force to act on', () => {
    const ended = standardContract({ id: 'c0', status: 'Expired', startDate: '2025-05-16', endDate: '2026-05-15' });
    const figures = accountFigures({ account: { id: '001B', name: 'In a gap' }, contracts: [ended], today, now });
    expect(figures).toEqual(
      expect.objectContaining({
        coverage: 'in-gap',
        coveredToday: false,
        gapStart: today,
        inGapSince: '2026-05-16',
        notice: null,
        transition: null,
        budget: null,
        handover: null,
        openBreached: { response: 0, resolution: 0, any: 0, unjudged: 0 }
      })
    );
    expect(figures.compliance.response).toEqual({ met: 0, total: 0, percent: null });
  });

  it('leaves out a notice already given and a deadline passed', () => {
    const given = { ...c1, noticeGivenOn: '2026-05-20' };
    expect(accountFigures({ ...base, contracts: [given] }).notice).toBeNull();
    // 2026-06-12 is past the deadline of 2026-06-11.
    expect(accountFigures({ ...base, today: '2026-06-12', now: at('2026-06-12T12:00:00Z') }).notice).toBeNull();
  });

  it('counts open incidents as unjudged when their contract calendar is not in the org', () => {
    expect(accountFigures({ ...base, calendars: {} }).openBreached).toEqual({
      response: 0,
      resolution: 0,
      any: 0,
      unjudged: 3
    });
  });

  it('burns the budget from the effort entries when they are given (billable ones only)', () => {
    const effort = {
      c1: [
        { workDate: '2026-02-02', days: 10, kind: 'Corrective', billable: true },
        { workDate: '2026-02-03', days: 5, kind: 'Corrective', billable: false }
      ]
    };
    const budget = accountFigures({ ...base, effort }).budget;
    // 10 of 80 days = 12.5 %; 10 / 152 a day, the 70 left last 1,064 days: beyond the term.
    expect(budget).toEqual(
      expect.objectContaining({ consumedDays: 10, percentConsumed: 12.5, shortfallDays: 0, alert: null })
    );
  });

  it('refuses an account without id, and a checklist in focus without its readiness', () => {
    expect(() => accountFigures({ ...base, account: { id: '' } })).toThrow(
      'accountFigures: account.id must be a non-empty string'
    );
    expect(() => accountFigures({ ...base, readiness: { ch1: readiness.ch1 } })).toThrow(
      'accountFigures: readiness has no figures for checklist "ch2"'
    );
  });
});

describe('portfolioFigures', () => {
  it('gives each account its own records, amendments through their contract, and ranks them with portfolioRisk', () => {
    const a = { ...c1, accountId: '001A' };
    // 001B's contract ended on 2026-05-15; an amendment moves its end to 2026-08-31: covered today, gap 2026-09-01.
    const b = standardContract({
      id: 'cB',
      accountId: '001B',
      name: 'B',
      startDate: '2025-05-16',
      endDate: '2026-05-15',
      noticePeriodDays: 0,
      calendarName: 'Paris_Business_Hours'
    });
    const amendment = { id: 'm1', contractId: 'cB', effectiveDate: '2026-05-01', newEndDate: '2026-08-31' };
    const figures = portfolioFigures({
      accountNames: { '001A': 'Gap in 3 weeks', '001B': 'Amended' },
      contracts: [a, b],
      amendments: [amendment],
      incidents: [
        { ...incidents[1], accountId: '001A' },
        // Under 001B's contract, reported at 09:00 today and not answered by 10:00: a response breach for 001B.
        { ...incidents[1], id: 'iB', contractId: 'cB', accountId: '001B' },
        // An account with no maintenance data: left out.
        { ...incidents[1], id: 'iZ', contractId: null, accountId: '001Z' }
      ],
      calendars,
      today,
      now
    });
    expect(figures.map((f) => [f.accountId, f.accountName, f.gapStart, f.openBreached.any])).toEqual([
      ['001A', 'Gap in 3 weeks', '2026-06-22', 1],
      ['001B', 'Amended', '2026-09-01', 1]
    ]);
    // Both have a gap ahead: the sooner first.
    expect(portfolioRisk({ accounts: figures, today }).rows.map((row) => row.figures.accountId)).toEqual([
      '001A',
      '001B'
    ]);
  });

  it('refuses a record without account', () => {
    expect(() => portfolioFigures({ contracts: [{ ...c1, accountId: null }], today, now })).toThrow(
      'portfolioFigures: contracts[0].accountId must be a non-empty string, got null'
    );
  });
});

describe('readinessFromRecord', () => {
  it("reads a checklist's roll-ups, blanks as 0 like the roll-ups of a checklist without items", () => {
    expect(
      readinessFromRecord({ Items_Total__c: 10, Items_Done__c: 4, Mandatory_Open__c: 3, Readiness_Percent__c: 40 })
    ).toEqual({ percent: 40, total: 10, done: 4, mandatoryOpen: 3 });
    expect(readinessFromRecord({})).toEqual({ percent: 0, total: 0, done: 0, mandatoryOpen: 0 });
  });
});
