import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { stringify } from 'csv-stringify/sync';
import { COVERAGE_HORIZON_DAYS } from '#engine';
import { buildRenewals, type RenewalLine, type RenewalsReport } from '../../renewals/buildRenewals.js';
import { readCoverageData } from '../../report/reportData.js';
import { apiVersionFlag, targetOrgFlag } from '../../shared/commandFlags.js';
import { readUserToday } from '../../shared/orgHelpers.js';
import { resolveTargetOrg, withOrgErrors } from '../../shared/targetOrg.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.renewals');

export type RenewalsResult = RenewalsReport & { targetOrg: string };

const FORMATS = ['table', 'md', 'csv'] as const;
type Format = (typeof FORMATS)[number];

/** The most days --within may look ahead: ten years of terms. */
const MAX_WITHIN_DAYS = 3660;

const WHAT: Record<RenewalLine['kind'], string> = {
  notice: 'Notice deadline',
  'notice-passed': 'Notice deadline passed',
  renewal: 'Tacit renewal',
  end: 'Contract end',
  decision: 'Decision pending',
  option: 'Option closes'
};

function rows(report: RenewalsReport): Record<string, string>[] {
  return report.lines.map((line) => ({
    Date: line.date,
    'Days left': String(line.daysLeft),
    Account: line.account,
    'Contract or go-live': line.subject,
    What: WHAT[line.kind],
    Detail: line.detail
  }));
}

export default class Renewals extends SfCommand<RenewalsResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': targetOrgFlag,
    'api-version': apiVersionFlag,
    within: Flags.integer({
      char: 'w',
      summary: messages.getMessage('flags.within.summary'),
      min: 1,
      max: MAX_WITHIN_DAYS,
      default: COVERAGE_HORIZON_DAYS
    }),
    format: Flags.option({
      char: 'f',
      summary: messages.getMessage('flags.format.summary'),
      options: FORMATS,
      default: 'table' as Format
    })(),
    // Reproducible lists (tests, "as of" a past day): the day the window starts.
    today: Flags.string({ hidden: true })
  };

  public async run(): Promise<RenewalsResult> {
    const { flags } = await this.parse(Renewals);
    const target = await resolveTargetOrg(flags['target-org'], { apiVersion: flags['api-version'] });
    const report = await withOrgErrors(target, async () => {
      const today = flags.today ?? (await readUserToday(target.conn, target.username));
      return buildRenewals(await readCoverageData(target.conn), { today, withinDays: flags.within });
    });
    this.print(report, flags.format);
    return { ...report, targetOrg: target.username };
  }

  private print(report: RenewalsReport, format: Format): void {
    const data = rows(report);
    if (format === 'csv') {
      this.log(stringify(report.lines, { header: true, record_delimiter: '\n' }).trimEnd());
      return;
    }
    const title = messages.getMessage('title', [report.withinDays, report.today, report.lines.length]);
    if (format === 'md') {
      const headers = Object.keys(data[0] ?? { Date: '' });
      const escape = (text: string): string => text.replace(/\|/g, '\\|');
      this.log(
        [
          `# ${title}`,
          '',
          `| ${headers.join(' | ')} |`,
          `| ${headers.map(() => '---').join(' | ')} |`,
          ...data.map((row) => `| ${headers.map((header) => escape(row[header] ?? '')).join(' | ')} |`)
        ].join('\n')
      );
      return;
    }
    if (data.length === 0) {
      this.log(messages.getMessage('nothing', [report.withinDays]));
      return;
    }
    this.table({ title, data });
  }
}
