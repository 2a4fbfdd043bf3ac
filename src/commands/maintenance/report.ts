import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { buildReport, complianceFrom, type MaintenanceReport } from '../../report/buildReport.js';
import {
  accountRows,
  monthlyRows,
  REPORT_FORMATS,
  summaryLine,
  toCsv,
  toMarkdown,
  type ReportFormat
} from '../../report/format.js';
import { readMonthIncidents, readReportData } from '../../report/reportData.js';
import {
  buildRiskReport,
  readRiskData,
  riskOutput,
  riskRows,
  riskSummary,
  type RiskReport
} from '../../report/riskReport.js';
import { apiVersionFlag, targetOrgFlag, todayFlag } from '../../shared/commandFlags.js';
import { readUserToday } from '../../shared/orgHelpers.js';
import { resolveAccount, resolveTargetOrg, withOrgErrors } from '../../shared/targetOrg.js';
import { zonedInstant } from '../../shared/dates.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.report');

/** The per-account report (without --risk). */
export type AccountsReportResult = MaintenanceReport & { targetOrg: string };
/** The ranking (--risk). */
export type RiskReportResult = RiskReport & { targetOrg: string };
export type ReportResult = AccountsReportResult | RiskReportResult;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export default class Report extends SfCommand<ReportResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': targetOrgFlag,
    'api-version': apiVersionFlag,
    account: Flags.string({ char: 'a', summary: messages.getMessage('flags.account.summary') }),
    month: Flags.custom<string>({
      char: 'm',
      summary: messages.getMessage('flags.month.summary'),
      // oclif reports a parse error with the flag's name; the SfError keeps its actions.
      parse: (input) => {
        if (!MONTH.test(input)) throw messages.createError('error.InvalidMonth', [input]);
        return Promise.resolve(input);
      }
    })(),
    format: Flags.option({
      char: 'f',
      summary: messages.getMessage('flags.format.summary'),
      options: REPORT_FORMATS,
      default: 'table' as ReportFormat
    })(),
    risk: Flags.boolean({
      summary: messages.getMessage('flags.risk.summary'),
      description: messages.getMessage('flags.risk.description'),
      exclusive: ['account', 'month']
    }),
    today: todayFlag
  };

  public async run(): Promise<ReportResult> {
    const { flags } = await this.parse(Report);
    const month = flags.month;
    const target = await resolveTargetOrg(flags['target-org'], { apiVersion: flags['api-version'] });
    if (flags.risk) {
      const risk = await withOrgErrors(target, async () => {
        const today = flags.today ?? (await readUserToday(target.conn, target.username));
        // SLA clocks are read now; a report "as of" another day reads them at noon UTC of that day.
        const now = flags.today === undefined ? new Date() : new Date(`${today}T12:00:00Z`);
        return buildRiskReport(await readRiskData(target.conn), { today, now });
      });
      if (flags.format === 'table') {
        this.table({ title: `Maintenance risk ranking, ${risk.today}`, data: riskRows(risk) });
        this.log(riskSummary(risk));
      } else {
        this.log(riskOutput(risk, flags.format));
      }
      return { ...risk, targetOrg: target.username };
    }
    const report = await withOrgErrors(target, async () => {
      // "Today" is the day in the user's Salesforce time zone, as on the Account page; the machine's zone otherwise.
      const today = flags.today ?? (await readUserToday(target.conn, target.username));
      const accountId = flags.account === undefined ? undefined : (await resolveAccount(target, flags.account)).Id;
      const data = await readReportData(target.conn, accountId, complianceFrom(today));
      let monthIncidents;
      if (month) {
        const [year, monthNumber] = month.split('-').map(Number);
        const nextMonth = new Date(Date.UTC(year, monthNumber, 1)).toISOString().slice(0, 10);
        // Incidents reported before the end of the month, wherever the contract's zone puts midnight: a day of margin.
        const before = zonedInstant(nextMonth, 24 * 60, 'UTC').toISOString();
        monthIncidents = await readMonthIncidents(
          target.conn,
          data.contracts.map((row) => String(row.Id)),
          before
        );
      }
      // SLA clocks are read now; a report "as of" another day reads them at noon UTC of that day.
      const now = flags.today === undefined ? new Date() : new Date(`${today}T12:00:00Z`);
      return buildReport(data, { today, now, month, monthIncidents });
    });
    this.print(report, flags.format);
    return { ...report, targetOrg: target.username };
  }

  private print(report: MaintenanceReport, format: ReportFormat): void {
    for (const warning of report.totals.holidayWarnings) {
      this.warn(
        messages.getMessage('warning.HolidaysRunOut', [
          warning.calendar ?? messages.getMessage('info.DefaultHours'),
          warning.contracts,
          warning.lastHoliday ?? messages.getMessage('info.NoHoliday')
        ])
      );
    }
    if (format === 'md') {
      this.log(toMarkdown(report));
      return;
    }
    if (format === 'csv') {
      this.log(toCsv(report).trimEnd());
      return;
    }
    this.table({ title: `Maintenance report, ${report.today}`, data: accountRows(report) });
    this.log(summaryLine(report));
    if (report.month) this.table({ title: `Monthly review ${report.month}`, data: monthlyRows(report) });
  }
}
