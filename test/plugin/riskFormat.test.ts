// report --risk's outputs from a ranking built by hand: the table rows, the Markdown for a weekly e-mail and the CSV
// (no cell a spreadsheet would run as a formula).
import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import {
  riskCsv,
  riskMarkdown,
  riskRows,
  riskSummary,
  type RiskLine,
  type RiskReport
} from '../../src/report/riskReport.js';

const clock = (met: number, total: number) => ({ met, total, percent: total === 0 ? null : (met / total) * 100 });

function line(rank: number, accountName: string, extra: Partial<RiskLine> = {}): RiskLine {
  return {
    rank,
    accountId: `001${rank}`,
    accountName,
    flags: [],
    urgentOn: null,
    coverage: 'covered',
    coveredToday: true,
    gapStart: null,
    inGapSince: null,
    notice: null,
    transition: null,
    openBreached: { response: 0, resolution: 0, any: 0, unjudged: 0 },
    compliance: { from: '2026-03-03', to: '2026-06-01', response: clock(0, 0), resolution: clock(0, 0) },
    budget: null,
    handover: null,
    ...extra
  };
}

const report: RiskReport = {
  today: '2026-06-01',
  horizonDays: 180,
  noticeSoonDays: 30,
  counts: {
    accounts: 3,
    atRisk: 2,
    'in-gap': 1,
    'gap-ahead': 1,
    'notice-soon': 1,
    'options-closing': 0,
    breaches: 1,
    'budget-shortfall': 0
  },
  ranking: [
    line(1, '=HYPERLINK("x")', {
      flags: ['in-gap', 'breaches'],
      coverage: 'in-gap',
      coveredToday: false,
      gapStart: '2026-06-01',
      inGapSince: '2026-05-16',
      openBreached: { response: 1, resolution: 2, any: 2, unjudged: 0 },
      compliance: { from: '2026-03-03', to: '2026-06-01', response: clock(1, 3), resolution: clock(2, 4) }
    }),
    line(2, 'Alpha | Beta', {
      flags: ['gap-ahead', 'notice-soon'],
      gapStart: '2026-06-22',
      notice: { contractName: 'TMA', deadline: '2026-06-11', daysLeft: 10 },
      budget: {
        contractName: 'TMA',
        budgetDays: 80,
        consumedDays: 76,
        percentConsumed: 95,
        forecastExhaustionDate: '2026-06-09',
        contractEndDate: '2026-06-21',
        shortfallDays: 12
      },
      handover: { name: 'CRM', phase: 'Knowledge Transfer', percent: 40, mandatoryOpen: 3 }
    }),
    line(3, 'Quiet')
  ]
};

describe('report --risk outputs', () => {
  it('gives one table row per account in rank order, with the cockpit’s columns', () => {
    const rows = riskRows(report);
    expect(rows.map((row) => row['#'])).toEqual(['1', '2', '3']);
    expect(rows[0]).toMatchObject({
      Risks: 'in a gap today, open breaches',
      Covered: 'NO',
      'Next gap': 'in a gap since 2026-05-16',
      'Open breached (GTI/GTR)': '1/2',
      // 1 of 3 and 2 of 4, to one decimal.
      'Compliance (GTI/GTR)': '33.3 % / 50 %'
    });
    expect(rows[1]).toMatchObject({
      'Next gap': '2026-06-22',
      'Notice deadline': '2026-06-11 (10 d)',
      Budget: '95 %, 12 d short',
      Handover: '40 % Knowledge Transfer'
    });
    expect(rows[2]).toMatchObject({ Risks: '-', 'Compliance (GTI/GTR)': '- / -', Budget: '-', Handover: '-' });
    expect(riskSummary(report)).toBe(
      '3 account(s), 2 at risk: 1 in a gap today, 1 gap ahead, 1 notice deadline soon, 0 options closing, 1 open breaches, 0 budget shortfall.'
    );
  });

  it('writes Markdown with a title, the summary and the table, pipes escaped', () => {
    const md = riskMarkdown(report);
    expect(md.startsWith('# Maintenance risk ranking, 2026-06-01\n\n3 account(s), 2 at risk:')).toBe(true);
    expect(md).toContain('| 2 | Alpha \\| Beta |');
    expect(md.split('\n').filter((text) => text.startsWith('| '))).toHaveLength(5);
  });

  it('writes CSV a spreadsheet reads as text', () => {
    const rows = parse<Record<string, string>>(riskCsv(report), { columns: true });
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      rank: '1',
      account: '\'=HYPERLINK("x")',
      risks: 'in-gap breaches',
      covered_today: 'false',
      in_gap_since: '2026-05-16',
      open_breached_resolution: '2'
    });
    expect(rows[1]).toMatchObject({
      notice_deadline: '2026-06-11',
      budget_shortfall_days: '12',
      handover_percent: '40'
    });
  });
});
