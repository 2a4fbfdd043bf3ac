// The renewals list as Markdown and CSV: what `sf maintenance renewals --format md|csv` prints.
import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { RenewalsReport } from '../../src/renewals/buildRenewals.js';
import { renewalRows, renewalsCsv, renewalsMarkdown } from '../../src/renewals/formatRenewals.js';

const report: RenewalsReport = {
  today: '2026-03-02',
  withinDays: 180,
  lines: [
    {
      account: 'Breton SA',
      subject: 'TMA Breton',
      kind: 'notice-passed',
      date: '2026-01-16',
      daysLeft: -45,
      detail: 'the contract renews until 2027-04-15'
    },
    {
      account: 'Lambert | Fils',
      subject: 'Go-live 2026-07-30',
      kind: 'option',
      date: '2026-04-01',
      daysLeft: 30,
      detail: "New TMA (120 days' lead time) closes"
    }
  ]
};

describe('renewals formats', () => {
  it('names each kind of line in words, one row per line', () => {
    expect(renewalRows(report).map((row) => [row.Date, row['Days left'], row.What])).toEqual([
      ['2026-01-16', '-45', 'Notice deadline passed'],
      ['2026-04-01', '30', 'Option closes']
    ]);
  });

  it('writes Markdown under the title, pipes escaped, and says when there is nothing', () => {
    const markdown = renewalsMarkdown(report, 'Renewals and decisions within 180 days of 2026-03-02: 2');
    expect(markdown.split('\n')).toEqual([
      '# Renewals and decisions within 180 days of 2026-03-02: 2',
      '',
      '| Date | Days left | Account | Contract or go-live | What | Detail |',
      '| --- | --- | --- | --- | --- | --- |',
      '| 2026-01-16 | -45 | Breton SA | TMA Breton | Notice deadline passed | the contract renews until 2027-04-15 |',
      "| 2026-04-01 | 30 | Lambert \\| Fils | Go-live 2026-07-30 | Option closes | New TMA (120 days' lead time) closes |"
    ]);
    expect(renewalsMarkdown({ ...report, lines: [] }, 'Nothing')).toBe('# Nothing\n\n_No data._');
  });

  it('writes CSV with the JSON field names, negative days as numbers, a header even when empty', () => {
    const rows = parse<Record<string, string>>(renewalsCsv(report), { columns: true });
    expect(rows).toEqual([
      {
        account: 'Breton SA',
        subject: 'TMA Breton',
        kind: 'notice-passed',
        date: '2026-01-16',
        daysLeft: '-45',
        detail: 'the contract renews until 2027-04-15'
      },
      {
        account: 'Lambert | Fils',
        subject: 'Go-live 2026-07-30',
        kind: 'option',
        date: '2026-04-01',
        daysLeft: '30',
        detail: "New TMA (120 days' lead time) closes"
      }
    ]);
    // Nothing within the window: the header still names the columns.
    expect(renewalsCsv({ ...report, lines: [] })).toBe('account,subject,kind,date,daysLeft,detail');
  });

  it('writes no cell a spreadsheet would run as a formula', () => {
    for (const name of ["=cmd|' /C calc'!A0", '+SUM(1,2)', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      const hostile = { ...report, lines: [{ ...report.lines[0], account: name, subject: name }] };
      const [row] = parse<Record<string, string>>(renewalsCsv(hostile), { columns: true });
      expect([row.account, row.subject, row.daysLeft]).toEqual([`'${name}`, `'${name}`, '-45']);
    }
  });
});
