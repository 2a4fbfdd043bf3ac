import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { budgetBurn, calendarFromMetadata, contractFromRecord } from '#engine';
import { buildReport } from '../../src/report/buildReport.js';
import { accountRows, monthlyRows, toCsv, toMarkdown } from '../../src/report/format.js';
import type { ReportData } from '../../src/report/reportData.js';
import { readCustomMetadata } from '../../src/seed/customMetadata.js';

const today = '2026-05-04';
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
  Consumed_Days__c: 30,
  Alert_Threshold_Percent__c: 80,
  Monthly_Fee__c: 5000,
  Penalty_Rate_Percent__c: 5,
  Penalty_Cap_Percent__c: 10
};

/** Two accounts as the org would count them: one covered and over budget, one in a gap since its warranty ended. */
const data: ReportData = {
  accounts: [
    { Id: '001000000000001AAA', Name: 'Dupont SA', AccountNumber: 'T-1' },
    { Id: '001000000000002AAA', Name: 'Smith Ltd', AccountNumber: 'T-2' }
  ],
  contracts: [contract],
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
    { contractId: 'a01000000000001AAA', category: 'Corrective', effortDays: 30 },
    { contractId: 'a01000000000001AAA', category: 'Evolutive', effortDays: 4 }
  ],
  calendars
};

describe('report figures', () => {
  const report = buildReport(data, { today });
  const [dupont, smith] = report.accounts;

  it('takes the counts from the org and coverage from the engine', () => {
    expect(dupont).toMatchObject({
      accountName: 'Dupont SA',
      coveredToday: true,
      coveringContract: 'TMA Dupont',
      firstGapStart: null,
      open: { P1: 2, P2: 0, P3: 1, P4: 0, total: 3 },
      breached: { P1: 1, total: 1 },
      notices: [{ contract: 'TMA Dupont', deadline: '2026-10-02', daysLeft: 151 }]
    });
    expect(smith).toMatchObject({
      coveredToday: false,
      firstGapStart: today,
      daysToGap: 0,
      openOutOfCoverage: 1,
      budgets: []
    });
    expect(report.totals).toMatchObject({ accounts: 2, coveredToday: 1, inGapToday: 1, gapWithinHorizon: 1 });
  });

  it('burns the budget from the summed effort, not from the stale stamp, with the engine forecast', () => {
    const burn = budgetBurn({
      contract: contractFromRecord(contract),
      incidents: [
        { effortDays: 30, category: 'Corrective' },
        { effortDays: 4, category: 'Evolutive' }
      ],
      today
    });
    expect(dupont.budgets).toEqual([
      {
        contract: 'TMA Dupont',
        status: 'Active',
        budgetDays: 40,
        consumedDays: 34,
        stampedConsumedDays: 30,
        percentConsumed: 85,
        forecastExhaustionDate: burn.forecastExhaustionDate,
        alert: 'threshold'
      }
    ]);
    expect(burn.forecastExhaustionDate).not.toBeNull();
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
    expect(withMonth.accounts[0].monthly).toEqual([
      {
        contract: 'TMA Dupont',
        month: '2026-04',
        opened: 2,
        resolved: 2,
        closed: 1,
        openAtEnd: 0,
        compliancePercent: 50,
        complianceByPriority: { P1: 0, P2: null, P3: 100, P4: null },
        effortInMonthDays: 3.5,
        // The P1 missed both targets: one credit of 5 % of 5,000, under the 10 % cap.
        serviceCredits: 250
      }
    ]);
    expect(monthlyRows(withMonth)[0]).toMatchObject({
      Contract: 'TMA Dupont',
      'SLA met': '50 %',
      'Service credits': '250.00'
    });
  });
});

describe('report formats', () => {
  const report = buildReport(data, { today });

  it('shows one readable row per account', () => {
    expect(accountRows(report)).toEqual([
      expect.objectContaining({
        Account: 'Dupont SA',
        Covered: 'yes',
        'Next gap': '-',
        'Notice deadline': '2026-10-02 (in 151 d)',
        'Open (P1/P2/P3/P4)': '3 (2/0/1/0)',
        Breached: '1 (1/0/0/0)',
        Budget: '34/40 d (85 %) !',
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
    expect(markdown).toContain('2 account(s): 1 covered today, 1 in a gap today');
    expect(markdown).toContain('| Account | Covered | Next gap |');
    expect(markdown).toContain('| Dupont SA | yes | - | 2026-10-02 (in 151 d) |');
  });

  it('writes CSV with one value per cell', () => {
    const rows = parse(toCsv(report), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      account: 'Dupont SA',
      covered_today: 'true',
      open_p1: '2',
      open_total: '3',
      breached_total: '1',
      budget_days: '40',
      consumed_days: '34',
      budget_alert: 'true',
      mandatory_open: '2'
    });
    expect(rows[1]).toMatchObject({
      account: 'Smith Ltd',
      covered_today: 'false',
      first_gap_start: today,
      days_to_gap: '0'
    });
  });
});
