import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { SLA_AT_RISK_MINUTES } from '#engine';
import { apiVersionFlag, bulkThresholdFlag, targetOrgFlag } from '../../../shared/commandFlags.js';
import { resolveAccount, resolveTargetOrg, withOrgErrors } from '../../../shared/targetOrg.js';
import { applyWatchStamps, planWatch, type AtRiskClock } from '../../../sla/watch.js';
import type { IncidentChange } from '../../../sla/recompute.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.sla.watch');

/** The longest window --within takes: 30 days. */
const MAX_WITHIN_MINUTES = 30 * 24 * 60;

/** "4h", "90m", "1h30m", "4" (hours) -> minutes. */
export function parseWithin(text: string): number {
  const match = /^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*$/i.exec(text);
  const bare = /^\s*(\d+)\s*$/.exec(text);
  const minutes = bare
    ? Number(bare[1]) * 60
    : match && (match[1] !== undefined || match[2] !== undefined)
      ? Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0)
      : Number.NaN;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_WITHIN_MINUTES) {
    throw messages.createError('error.InvalidWithin', [text]);
  }
  return minutes;
}

/** Minutes as the user wrote a window: "4h", "1h30m", "90m" is "1h30m". */
function windowText(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `${hours > 0 ? `${hours}h` : ''}${rest > 0 ? `${rest}m` : ''}`;
}

export interface SlaWatchResult {
  targetOrg: string;
  dryRun: boolean;
  withinMinutes: number;
  /** Open incidents examined. */
  examined: number;
  /** The clocks breaking within the window, soonest first. */
  atRisk: AtRiskClock[];
  /** Breaches passed and stamped now (or, with --dry-run, to stamp). */
  stamps: IncidentChange[];
  stamped: number;
}

export default class SlaWatch extends SfCommand<SlaWatchResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': targetOrgFlag,
    'api-version': apiVersionFlag,
    within: Flags.custom<number>({
      char: 'w',
      summary: messages.getMessage('flags.within.summary'),
      parse: (input) => Promise.resolve(parseWithin(input)),
      default: async () => Promise.resolve(SLA_AT_RISK_MINUTES),
      defaultHelp: async () => Promise.resolve(windowText(SLA_AT_RISK_MINUTES))
    })(),
    account: Flags.string({ char: 'a', summary: messages.getMessage('flags.account.summary') }),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary'), default: false }),
    'bulk-threshold': bulkThresholdFlag
  };

  public async run(): Promise<SlaWatchResult> {
    const { flags } = await this.parse(SlaWatch);
    const dryRun = flags['dry-run'];
    const withinMinutes = flags.within;
    const target = await resolveTargetOrg(flags['target-org'], { apiVersion: flags['api-version'] });
    const result = await withOrgErrors(target, async () => {
      const accountId = flags.account === undefined ? undefined : (await resolveAccount(target, flags.account)).Id;
      const plan = await planWatch(target.conn, { withinMinutes, accountId });
      const missing = plan.missingCalendars[0];
      if (missing) {
        throw messages.createError(
          'error.CalendarMissing',
          [missing.incidents, missing.calendar, target.label],
          [target.label]
        );
      }
      let stamped = 0;
      if (!dryRun && plan.stamps.length > 0) {
        const outcome = await applyWatchStamps(target.conn, plan, { bulkThreshold: flags['bulk-threshold'] });
        if (outcome.failures.length > 0) {
          this.table({
            title: 'Breach stamps not written',
            data: outcome.failures.map((failure) => ({ Id: failure.key, Error: failure.error }))
          });
          const error = messages.createError('error.StampFailed', [outcome.failures.length, plan.stamps.length]);
          error.setData({ failures: outcome.failures.map((failure) => ({ ...failure })) });
          throw error;
        }
        stamped = outcome.stamped;
      }
      return {
        targetOrg: target.username,
        dryRun,
        withinMinutes,
        examined: plan.examined,
        atRisk: plan.atRisk,
        stamps: plan.stamps,
        stamped
      };
    });
    this.print(result);
    // For a scheduler or a CI job: 2 when some clock is at risk (0 otherwise; errors exit with 1).
    if (result.atRisk.length > 0) process.exitCode = 2;
    return result;
  }

  private print(result: SlaWatchResult): void {
    const window = windowText(result.withinMinutes);
    if (result.atRisk.length === 0) {
      this.log(messages.getMessage('info.NoneAtRisk', [window, result.examined]));
    } else {
      this.log(messages.getMessage('info.AtRisk', [result.atRisk.length, window]));
      this.table({
        data: result.atRisk.map((item) => ({
          Account: item.account,
          Incident: item.incident,
          Priority: item.priority,
          Clock: item.clock,
          Due: item.due,
          'Time left': item.timeLeft
        }))
      });
    }
    if (result.stamps.length > 0) {
      this.log(
        result.dryRun
          ? messages.getMessage('info.ToStamp', [result.stamps.length])
          : messages.getMessage('info.Stamped', [result.stamped])
      );
    }
  }
}
