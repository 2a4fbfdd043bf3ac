import { stringify } from 'csv-stringify/sync';
import { markdownTable, neutraliseCsvCell } from '../report/format.js';
import type { RenewalLine, RenewalsReport } from './buildRenewals.js';

const WHAT: Record<RenewalLine['kind'], string> = {
  notice: 'Notice deadline',
  'notice-passed': 'Notice deadline passed',
  renewal: 'Tacit renewal',
  end: 'Contract end',
  decision: 'Decision pending',
  option: 'Option closes'
};

/** One row per line, as the terminal table and the Markdown show them. */
export function renewalRows(report: RenewalsReport): Array<Record<string, string>> {
  return report.lines.map((line) => ({
    Date: line.date,
    'Days left': String(line.daysLeft),
    Account: line.account,
    'Contract or go-live': line.subject,
    What: WHAT[line.kind],
    Detail: line.detail
  }));
}

/** The list as Markdown, under its title. */
export function renewalsMarkdown(report: RenewalsReport, title: string): string {
  return [`# ${title}`, '', markdownTable(renewalRows(report))].join('\n').trimEnd();
}

/**
 * The list as CSV, one line per date, the JSON field names as headers. Account and contract names are the org's
 * text: no cell a spreadsheet would run as a formula (as the report's CSV).
 */
export function renewalsCsv(report: RenewalsReport): string {
  return stringify(report.lines, {
    header: true,
    columns: ['account', 'subject', 'kind', 'date', 'daysLeft', 'detail'],
    record_delimiter: '\n',
    cast: { string: neutraliseCsvCell }
  }).trimEnd();
}
