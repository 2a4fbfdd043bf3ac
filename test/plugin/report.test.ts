import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { calendarFromMetadata, transitionOptionFromMetadata } from '#engine';
import { buildReport } from '../../src/report/buildReport.js';
import { accountRows, monthlyRows, toCsv, toMarkdown } from '../../src/report/format.js';
import type { ReportData } from '../../src/report/reportData.js';
import { readCustomMetadata } from '../../src/seed/customMetadata.js';

const today = '2026-05-04';
/** The instant the SLA clocks are judged at: noon UTC of today. */
const now = new Date('2026-05-04T12:00:00Z');
const calendars = Object.fromEntries(
  readCustomMetadata('Maintenance_Calendar').map((record) => [record.DeveloperName, calendarFromMetadata(record)])
);

const contract = {
  Id: 'a01000000000001AAA',
  Name: 'TMA Dupont',
  Account__c: '001000000000001AAA',
  Status__c: 'Active',
  Start_Date__c: '2026-01-01',
  End_Date__c: '2026-12-31',
  Notice_Period_Days__c: 90,
  Notice_Deadline__c: '2026-10-02',
  Calendar__c: 'Paris_Business_Hours',
  Time_Zone__c: 'Europe/Paris',
  P1_Response_Minutes__c: 15,
  P1_Resolution_Hours__c: 4,
  P1_24x7__c: true,
  P3_Response_Minutes__c: 60,
  P3_Resolution_Hours__c: 24,
  Budget_Days__c: 40,
  Consumed_Effort_Days__c: 34,
  Alert_Threshold_Percent__c: 80,
  Monthly_Fee__c: 5000,
  Penalty_Rate_Percent__c: 5,
  Penalty_Cap_Percent__c: 10
};

/** Breton: renews tacitly by yearly terms; its first term ends on 15 June, the notice deadline passed on 17 March. */
const breton = {
  Id: 'a01000000000003AAA',
  Name: 'TMA Breton',
  Account__c: '001000000000003AAA',
  Status__c: 'Active',
  Start_Date__c: '2025-06-16',
  End_Date__c: '2026-06-15',
  Notice_Period_Days__c: 90,
  Tacit_Renewal__c: true,
  Renewal_Term_Months__c: 12,
  Budget_Days__c: 20,
  Alert_Threshold_Percent__c: 80
};

/**
 * Three accounts as the org would count them: Dupont covered and over budget, with a go-live ahead and no decision;
 * Smith in a gap since its warranty ended; Breton renewing tacitly, its budget amended.
 */
const data: ReportData = {
  accounts: [
    { Id: '001000000000003AAA', Name: 'Breton SA', AccountNumber: 'T-3' },
    { Id: '001000000000001AAA', Name: 'Dupont SA', AccountNumber: 'T-1' },
    { Id: '001000000000002AAA', Name: 'Smith Ltd', AccountNumber: 'T-2' }
  ],
  contracts: [contract, breton],
  checklists: [
    {
      Id: 'a02000000000001AAA',
      Name: 'Handover Portal',
      Account__c: '001000000000001AAA',
      Go_Live_Date__c: '2026-06-01',
      Warranty_End_Date__c: '2026-08-31',
      Phase__c: 'Shadowing',
      Items_Total__c: 25,
      Items_Done__c: 15,
      Mandatory_Open__c: 2,
      Readiness_Percent__c: 60
    },
    {
      Id: 'a02000000000002AAA',
      Name: 'Handover CRM',
      Account__c: '001000000000002AAA',
      Go_Live_Date__c: '2026-01-10',
      Warranty_End_Date__c: '2026-04-20',
      Phase__c: 'Signed Off',
      Items_Total__c: 25,
      Items_Done__c: 25,
      Mandatory_Open__c: 0,
      Readiness_Percent__c: 100
    }
  ],
  open: [
    { accountId: '001000000000001AAA', priority: 'P1', count: 2 },
    { accountId: '001000000000001AAA', priority: 'P3', count: 1 },
    { accountId: '001000000000002AAA', priority: 'P2', count: 1 }
  ],
  breached: [{ accountId: '001000000000001AAA', priority: 'P1', count: 1 }],
  openOutOfCoverage: [{ accountId: '001000000000002AAA', count: 1 }],
  efforts: [
    { contractId: 'a01000000000001AAA', kind: 'Corrective', days: 30 },
    { contractId: 'a01000000000001AAA', kind: 'Evolutive', days: 4 },
    { contractId: 'a01000000000003AAA', kind: 'Corrective', days: 26 }
  ],
  amendments: [
    // Breton: +10 days from 1 April (effective), +5 days from 1 June (not yet).
    {
      Id: 'a05000000000001AAA',
      Name: 'AMD-0001',
      Contract__c: breton.Id,
      Effective_Date__c: '2026-04-01',
      Reason__c: 'Other',
      Budget_Days_Change__c: 10
    },
    {
      Id: 'a05000000000002AAA',
      Name: 'AMD-0002',
      Contract__c: breton.Id,
      Effective_Date__c: '2026-06-01',
      Reason__c: 'Renewal',
      Budget_Days_Change__c: 5
    }
  ],
  transitions: [
    {
      Id: 'a06000000000001AAA',
      Name: 'Portal',
      Account__c: '001000000000001AAA',
      Go_Live_Date__c: '2027-02-15',
      Warranty_End_Date__c: null
    }
  ],
  transitionOptions: [
    { DeveloperName: 'Tender', MasterLabel: 'Tender', Lead_Time_Days__c: 180 },
    { DeveloperName: 'New_TMA', MasterLabel: 'New TMA', Lead_Time_Days__c: 120 },
    { DeveloperName: 'Partial_Extension', MasterLabel: 'Partial extension', Lead_Time_Days__c: 60 }
  ].map((record) => transitionOptionFromMetadata(record)),
  calendars,
  // Dupont's incidents under its contract (Paris calendar, CEST = UTC+2 from 29 March; P3 1 h / 24 business hours,
  // P1 15 min / 4 h around the clock). The compliance window runs from 2026-02-03 to 2026-05-04.
  slaIncidents: [
    // P3 reported Tue 7 April 10:00 CEST: response due 11:00 (responded 10:30, met); restore due Thu 9 April 16:00
    // CEST (Tue 8 h, Wed 9 h, Thu 7 h), resolved Wed 8 April 10:00 (met).
    {
      Id: 'a03000000000001AAA',
      Account__c: '001000000000001AAA',
      Contract__c: contract.Id,
      Priority__c: 'P3',
      Status__c: 'Closed',
      Reported_At__c: '2026-04-07T08:00:00.000Z',
      Responded_At__c: '2026-04-07T08:30:00.000Z',
      Resolved_At__c: '2026-04-08T08:00:00.000Z',
      Closed_At__c: '2026-04-09T08:00:00.000Z'
    },
    // P1 reported 14 April 08:00Z: response due 08:15Z (responded 09:00Z, breached); restore due 12:00Z (resolved
    // 20:00Z, breached).
    {
      Id: 'a03000000000002AAA',
      Account__c: '001000000000001AAA',
      Contract__c: contract.Id,
      Priority__c: 'P1',
      Status__c: 'Resolved',
      Reported_At__c: '2026-04-14T08:00:00.000Z',
      Responded_At__c: '2026-04-14T09:00:00.000Z',
      Resolved_At__c: '2026-04-14T20:00:00.000Z'
    },
    // P3 reported today 09:00 CEST, not answered: its response passed at 10:00 CEST, before noon UTC (an open breach
    // in the window: counted); its restore is not due before Wednesday (open, not breached: not counted).
    {
      Id: 'a03000000000003AAA',
      Account__c: '001000000000001AAA',
      Contract__c: contract.Id,
      Priority__c: 'P3',
      Status__c: 'New',
      Reported_At__c: '2026-05-04T07:00:00.000Z'
    },
    // Resolved in January, before the window: not counted.
    {
      Id: 'a03000000000004AAA',
      Account__c: '001000000000001AAA',
      Contract__c: contract.Id,
      Priority__c: 'P3',
      Status__c: 'Closed',
      Reported_At__c: '2026-01-05T08:00:00.000Z',
      Responded_At__c: '2026-01-05T10:00:00.000Z',
      Resolved_At__c: '2026-01-06T08:00:00.000Z',
      Closed_At__c: '2026-01-06T09:00:00.000Z'
    }
  ]
};

describe('report figures', () => {
  const report = buildReport(data, { today, now });
  const [breton, dupont, smith] = report.accounts;

  it('takes the counts from the org and coverage from the engine', () => {
    expect(dupont).toMatchObject({
      accountName: 'Dupont SA',
      coveredToday: true,
      coveringContract: 'TMA Dupont',
      firstGapStart: null,
      open: { P1: 2, P2: 0, P3: 1, P4: 0, total: 3 },
      breached: { P1: 1, total: 1 },
      notices: [
        { contract: 'TMA Dupont', deadline: '2026-10-02', daysLeft: 151, renewsUntil: null, termEnd: '2026-12-31' }
      ]
    });
    expect(smith).toMatchObject({
      coveredToday: false,
      firstGapStart: today,
      daysToGap: 0,
      openOutOfCoverage: 1,
      budgets: []
    });
    // Dupont's gap opens on 1 January, 242 days away: beyond the 180-day horizon.
    expect(dupont.firstGapStart).toBeNull();
    // Smith is in a gap today: counted there, not again as "a gap ahead".
    expect(report.totals).toMatchObject({ accounts: 3, coveredToday: 2, inGapToday: 1, gapWithinHorizon: 0 });
    expect(report.horizonDays).toBe(180);
  });

  it('keeps a passed notice deadline, with the tacit renewal it leads to', () => {
    expect(breton).toMatchObject({ coveredToday: true, firstGapStart: null });
    // 15 June - 90 days = 17 March, 48 days before 4 May; the next term runs to 15 June 2027.
    expect(breton.notices).toEqual([
      {
        contract: 'TMA Breton',
        deadline: '2026-03-17',
        daysLeft: -48,
        renewsUntil: '2027-06-15',
        termEnd: '2026-06-15'
      }
    ]);
  });

  it('burns the effective budget from the summed effort, with the engine forecast and the shortfall', () => {
    // Dupont: 34 days in the 124 days from 1 January to 4 May; 6 left at 34/124 a day -> 21.88... -> 22 days: 26 May,
    // 219 days before 31 December. 6 days over the 242 days to 31 December: 0.75 days a month.
    expect(dupont.budgets).toEqual([
      {
        contract: 'TMA Dupont',
        status: 'Active',
        budgetDays: 40,
        initialBudgetDays: 40,
        consumedDays: 34,
        percentConsumed: 85,
        forecastExhaustionDate: '2026-05-26',
        contractEndDate: '2026-12-31',
        shortfallDays: 219,
        sustainableMonthlyBurnDays: 0.75,
        alert: 'threshold'
      }
    ]);
    // Breton: 20 + 10 (effective 1 April) = 30; the amendment of 1 June is not in force yet. 26 days in the 323 days
    // since 16 June 2025; 4 left at 26/323 a day -> 49.7 -> 50 days: 23 June, after the term ends on 15 June: no
    // shortfall in this term.
    expect(breton.budgets).toEqual([
      expect.objectContaining({
        budgetDays: 30,
        initialBudgetDays: 20,
        consumedDays: 26,
        percentConsumed: 86.7,
        forecastExhaustionDate: '2026-06-23',
        contractEndDate: '2026-06-15',
        shortfallDays: 0
      })
    ]);
  });

  it('says which transition options are still open, and when the next closes', () => {
    // Go-live 15 February 2027, nothing covers it after Dupont's contract ends on 31 December 2026: the takeover
    // day is the go-live. Tender closes 19 August 2026 (107 days), New TMA 18 October, Partial extension 17 December.
    expect(dupont.transitions).toEqual([
      {
        transition: 'Portal',
        goLiveDate: '2027-02-15',
        takeoverDate: '2027-02-15',
        decided: false,
        option: null,
        decisionDate: null,
        optionsOpen: [
          { option: 'Tender', closesOn: '2026-08-19', daysLeft: 107 },
          { option: 'New TMA', closesOn: '2026-10-18', daysLeft: 167 },
          { option: 'Partial extension', closesOn: '2026-12-17', daysLeft: 227 }
        ],
        optionsLost: [],
        alert: false
      }
    ]);
  });

  it('shows handover readiness from the roll-ups', () => {
    expect(dupont.handovers).toEqual([
      {
        checklist: 'Handover Portal',
        phase: 'Shadowing',
        goLiveDate: '2026-06-01',
        itemsTotal: 25,
        itemsDone: 15,
        mandatoryOpen: 2,
        readinessPercent: 60
      }
    ]);
  });

  it('adds the monthly review per contract with --month', () => {
    const withMonth = buildReport(data, {
      today,
      now,
      month: '2026-04',
      monthIncidents: [
        {
          Id: 'a03000000000001AAA',
          Contract__c: contract.Id,
          Priority__c: 'P3',
          Status__c: 'Closed',
          Category__c: 'Corrective',
          Reported_At__c: '2026-04-07T08:00:00.000Z',
          Responded_At__c: '2026-04-07T08:30:00.000Z',
          Resolved_At__c: '2026-04-08T08:00:00.000Z',
          Closed_At__c: '2026-04-09T08:00:00.000Z',
          Effort_Days__c: 1.5
        },
        {
          Id: 'a03000000000002AAA',
          Contract__c: contract.Id,
          Priority__c: 'P1',
          Status__c: 'Resolved',
          Category__c: 'Corrective',
          Reported_At__c: '2026-04-14T08:00:00.000Z',
          Responded_At__c: '2026-04-14T09:00:00.000Z',
          Resolved_At__c: '2026-04-14T20:00:00.000Z',
          Effort_Days__c: 2
        }
      ]
    });
    expect(withMonth.accounts[1].monthly).toEqual([
      {
        contract: 'TMA Dupont',
        month: '2026-04',
        opened: 2,
        resolved: 2,
        closed: 1,
        openAtEnd: 0,
        compliancePercent: 50,
        // Per clock: both resolved in April, the P1 breached both clocks.
        compliance: {
          from: '2026-04-01',
          to: '2026-04-30',
          response: { met: 1, breached: 1, counted: 2, percent: 50 },
          resolution: { met: 1, breached: 1, counted: 2, percent: 50 }
        },
        complianceByPriority: { P1: 0, P2: null, P3: 100, P4: null },
        effortInMonthDays: 3.5,
        // The P1 missed both targets: one credit of 5 % of 5,000, under the 10 % cap.
        serviceCredits: 250
      }
    ]);
    expect(monthlyRows(withMonth).find((row) => row.Contract === 'TMA Dupont')).toMatchObject({
      Contract: 'TMA Dupont',
      'GTI met': '1 of 2 met (50 %)',
      'GTR met': '1 of 2 met (50 %)',
      'Both met (resolved)': '50 %',
      'Service credits': '250.00'
    });
  });
});

describe('SLA compliance per clock and holiday warnings', () => {
  it('counts GTI and GTR apart over 90 days: resolved in the window plus open breaches, by hand', () => {
    const report = buildReport(data, { today, now });
    const dupont = report.accounts[1];
    // GTI: the three of the window (two resolved, one open and breached), two breached. GTR: the two resolved, one
    // breached; the open P3's restore is not due yet.
    expect(dupont.compliance).toEqual({
      from: '2026-02-03',
      to: '2026-05-04',
      response: { met: 1, breached: 2, counted: 3, percent: expect.closeTo(100 / 3, 9) as unknown as number },
      resolution: { met: 1, breached: 1, counted: 2, percent: 50 }
    });
    expect(report.accounts[0].compliance.response).toEqual({ met: 0, breached: 0, counted: 0, percent: null });
    expect(report.totals.compliance.response).toEqual({
      met: 1,
      breached: 2,
      counted: 3,
      percent: expect.closeTo(100 / 3, 9) as unknown as number
    });
    expect(accountRows(report)[1]).toMatchObject({
      'GTI compliance, 90 d': '1 of 3 met (33.3 %)',
      'GTR compliance, 90 d': '1 of 2 met (50 %)'
    });
    expect(accountRows(report)[0]).toMatchObject({ 'GTI compliance, 90 d': '-' });
  });

  it('warns of the calendars with no holiday beyond 90 days: the default hours now, Paris in October 2030', () => {
    const report = buildReport(data, { today, now });
    // Breton names no calendar: the default hours have no holidays at all. Paris lists holidays until 2030.
    expect(report.accounts.map((account) => account.holidayWarnings)).toEqual([
      [{ contract: 'TMA Breton', calendar: null, lastHoliday: null }],
      [],
      []
    ]);
    expect(report.totals.holidayWarnings).toEqual([{ calendar: null, lastHoliday: null, contracts: 1 }]);
    // 2030-10-10 + 90 days = 2031-01-08, after Paris's last holiday, 2030-12-25.
    const later = buildReport(data, { today: '2030-10-10', now: new Date('2030-10-10T12:00:00Z') });
    expect(later.accounts[1].holidayWarnings).toEqual([
      { contract: 'TMA Dupont', calendar: 'Paris_Business_Hours', lastHoliday: '2030-12-25' }
    ]);
    // 2030-09-20 + 90 days = 2030-12-19: Christmas 2030 is still ahead.
    const earlier = buildReport(data, { today: '2030-09-20', now: new Date('2030-09-20T12:00:00Z') });
    expect(earlier.accounts[1].holidayWarnings).toEqual([]);
  });
});

describe('report formats', () => {
  const report = buildReport(data, { today, now });

  it('shows one readable row per account', () => {
    expect(accountRows(report)).toEqual([
      expect.objectContaining({
        Account: 'Breton SA',
        Covered: 'yes',
        'Next gap': '-',
        'Notice deadline': '2026-03-17 (passed 48 d ago, renews until 2027-06-15)',
        Transition: '-',
        Budget: '26/30 d (86.7 %) !',
        'Effective budget': '30 d (20 + 10 amended)',
        Shortfall: '-'
      }),
      expect.objectContaining({
        Account: 'Dupont SA',
        Covered: 'yes',
        'Next gap': '-',
        'Notice deadline': '2026-10-02 (in 151 d)',
        'Open (P1/P2/P3/P4)': '3 (2/0/1/0)',
        Breached: '1 (1/0/0/0)',
        Transition: 'Portal: undecided, 3 option(s) open, Tender closes 2026-08-19 (in 107 d)',
        Budget: '34/40 d (85 %) !',
        'Effective budget': '40 d',
        Shortfall: '219 d before 2026-12-31 (lasts at 0.75 d/month)',
        Handover: '60 % Shadowing, 2 mandatory open'
      }),
      expect.objectContaining({
        Account: 'Smith Ltd',
        Covered: 'NO',
        'Next gap': 'in a gap today',
        'Out of coverage': '1'
      })
    ]);
  });

  it('writes Markdown with a summary line and an escaped table', () => {
    const markdown = toMarkdown(report);
    expect(markdown).toMatch(/^# Maintenance report, 2026-05-04/);
    expect(markdown).toContain(
      '3 account(s): 2 covered today, 1 in a gap today, 0 with a gap ahead within 180 days. Open incidents: 4 (2/1/1/0)'
    );
    expect(markdown).toContain('| Account | Covered | Next gap | Notice deadline | Transition |');
    expect(markdown).toContain('| Dupont SA | yes | - | 2026-10-02 (in 151 d) | Portal: undecided');
  });

  it('writes CSV with one value per cell', () => {
    const rows = parse<Record<string, string>>(toCsv(report), { columns: true });
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      account: 'Breton SA',
      next_notice_deadline: '2026-03-17',
      next_notice_renews_until: '2027-06-15',
      budget_days: '30',
      initial_budget_days: '20',
      shortfall_days: '0'
    });
    expect(rows[1]).toMatchObject({
      account: 'Dupont SA',
      covered_today: 'true',
      open_p1: '2',
      open_total: '3',
      breached_total: '1',
      budget_days: '40',
      consumed_days: '34',
      budget_alert: 'true',
      shortfall_days: '219',
      transition_status: 'undecided:3 open',
      transition_takeover: '2027-02-15',
      transition_next_option_closes: '2026-08-19',
      mandatory_open: '2'
    });
    expect(rows[2]).toMatchObject({
      account: 'Smith Ltd',
      covered_today: 'false',
      first_gap_start: today,
      days_to_gap: '0'
    });
  });

  it('writes no cell a spreadsheet would run as a formula', () => {
    const hostile = ["=cmd|' /C calc'!A0", '+SUM(1,2)', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];
    for (const name of hostile) {
      const named: ReportData = {
        ...data,
        accounts: data.accounts.map((a, i) => (i === 0 ? { ...a, Name: name } : a))
      };
      const [row] = parse<Record<string, string>>(toCsv(buildReport(named, { today, now })), { columns: true });
      expect(row.account).toBe(`'${name}`);
    }
  });
});
