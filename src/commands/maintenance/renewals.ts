import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { COVERAGE_HORIZON_DAYS } from '#engine';
import { buildRenewals, type RenewalsReport } from '../../renewals/buildRenewals.js';
import { renewalRows, renewalsCsv, renewalsMarkdown } from '../../renewals/formatRenewals.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/format.js';
import { readCoverageData } from '../../report/reportData.js';
import { apiVersionFlag, targetOrgFlag, todayFlag } from '../../shared/commandFlags.js';
import { readUserToday } from '../../shared/orgHelpers.js';
import { resolveTargetOrg, withOrgErrors } from '../../shared/targetOrg.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.renewals');

export type RenewalsResult = RenewalsReport & { targetOrg: string };

/** The most days --within may look ahead: ten years of terms. */
const MAX_WITHIN_DAYS = 3660;

export default class Renewals extends SfCommand<RenewalsResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': targetOrgFlag,
    'api-version': apiVersionFlag,
    within: Flags.duration({
      char: 'w',
      unit: 'days',
      summary: messages.getMessage('flags.within.summary'),
      min: 1,
      max: MAX_WITHIN_DAYS,
      defaultValue: COVERAGE_HORIZON_DAYS
    }),
    format: Flags.option({
      char: 'f',
      summary: messages.getMessage('flags.format.summary'),
      options: REPORT_FORMATS,
      default: 'table' as ReportFormat
    })(),
    today: todayFlag
  };

  public async run(): Promise<RenewalsResult> {
    const { flags } = await this.parse(Renewals);
    const target = await resolveTargetOrg(flags['target-org'], { apiVersion: flags['api-version'] });
    const report = await withOrgErrors(target, async () => {
      const today = flags.today ?? (await readUserToday(target.conn, target.username));
      return buildRenewals(await readCoverageData(target.conn), { today, withinDays: flags.within.days });
    });
    this.print(report, flags.format);
    return { ...report, targetOrg: target.username };
  }

  private print(report: RenewalsReport, format: ReportFormat): void {
    if (format === 'csv') {
      this.log(renewalsCsv(report));
      return;
    }
    const title = messages.getMessage('title', [report.withinDays, report.today, report.lines.length]);
    if (format === 'md') {
      this.log(renewalsMarkdown(report, title));
      return;
    }
    if (report.lines.length === 0) {
      this.log(messages.getMessage('nothing', [report.withinDays]));
      return;
    }
    this.table({ title, data: renewalRows(report) });
  }
}
