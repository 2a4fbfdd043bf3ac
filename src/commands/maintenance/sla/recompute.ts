import { Messages } from '@salesforce/core';
import { MultiStageOutput } from '@oclif/multi-stage-output';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { apiVersionFlag, targetOrgFlag } from '../../../deploy/commandFlags.js';
import { orgAccessError, resolveTargetOrg } from '../../../deploy/targetOrg.js';
import { findAccount } from '../../../report/reportData.js';
import { DEFAULT_BULK_THRESHOLD } from '../../../seed/loader.js';
import { applyRecompute, planRecompute, type IncidentChange } from '../../../seed/slaRecompute.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.sla.recompute');

export interface SlaRecomputeResult {
  targetOrg: string;
  dryRun: boolean;
  /** Open incidents examined. */
  examined: number;
  /** Incidents whose due times change (written unless --dry-run). */
  changed: number;
  updated: number;
  failed: number;
  api?: string;
  changes: IncidentChange[];
}

type StageData = { org: string; found: string; written: string };

export default class SlaRecompute extends SfCommand<SlaRecomputeResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': targetOrgFlag,
    'api-version': apiVersionFlag,
    account: Flags.string({ char: 'a', summary: messages.getMessage('flags.account.summary') }),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary'), default: false }),
    'bulk-threshold': Flags.integer({
      summary: messages.getMessage('flags.bulk-threshold.summary'),
      min: 1,
      default: DEFAULT_BULK_THRESHOLD
    })
  };

  public async run(): Promise<SlaRecomputeResult> {
    const { flags } = await this.parse(SlaRecompute);
    const dryRun = flags['dry-run'];
    const mso = new MultiStageOutput<StageData>({
      title: dryRun ? 'Recompute SLA due times (dry run)' : 'Recompute SLA due times',
      stages: ['Connect to the org', 'Recompute open incidents', 'Write changes'],
      jsonEnabled: this.jsonEnabled(),
      stageSpecificBlock: [
        { stage: 'Connect to the org', type: 'dynamic-key-value', label: 'Org', get: (data) => data?.org },
        {
          stage: 'Recompute open incidents',
          type: 'dynamic-key-value',
          label: 'Incidents',
          get: (data) => data?.found
        },
        { stage: 'Write changes', type: 'dynamic-key-value', label: 'Written', get: (data) => data?.written }
      ]
    });
    try {
      const target = await resolveTargetOrg(flags['target-org'], { apiVersion: flags['api-version'] });
      mso.updateData({ org: `${target.username}${target.local ? ' (local org)' : ''}` });
      try {
        let accountId: string | undefined;
        if (flags.account !== undefined) {
          const account = await findAccount(target.conn, flags.account);
          if (!account) throw messages.createError('error.AccountNotFound', [flags.account, target.label]);
          accountId = account.Id;
        }
        mso.goto('Recompute open incidents');
        const plan = await planRecompute(target.conn, { accountId });
        mso.updateData({ found: `${plan.changes.length} of ${plan.examined} open incident(s) change` });
        const missing = plan.missingCalendars[0];
        if (missing) {
          throw messages.createError(
            'error.CalendarMissing',
            [missing.incidents, missing.calendar, target.label],
            [target.label]
          );
        }
        const result: SlaRecomputeResult = {
          targetOrg: target.username,
          dryRun,
          examined: plan.examined,
          changed: plan.changes.length,
          updated: 0,
          failed: 0,
          changes: plan.changes
        };
        if (dryRun) {
          mso.skipTo('Write changes');
          mso.stop();
          this.printChanges(plan.changes);
          return result;
        }
        mso.goto('Write changes');
        const outcome = await applyRecompute(target.conn, plan, { bulkThreshold: flags['bulk-threshold'] });
        mso.updateData({ written: `${outcome.updated} updated, ${outcome.failures.length} failed` });
        if (outcome.failures.length > 0) {
          mso.error();
          this.table({
            title: 'Failed incidents',
            data: outcome.failures.map((failure) => ({ Id: failure.key, Error: failure.error }))
          });
          const error = messages.createError('error.UpdateFailed', [outcome.failures.length, plan.changes.length]);
          error.setData({ failures: outcome.failures.map((failure) => ({ ...failure })) });
          throw error;
        }
        mso.stop();
        this.printChanges(plan.changes);
        return { ...result, updated: outcome.updated, api: outcome.api };
      } catch (error) {
        throw orgAccessError(error, target) ?? error;
      }
    } catch (error) {
      mso.error();
      throw error;
    }
  }

  private printChanges(changes: IncidentChange[]): void {
    if (changes.length === 0) return;
    this.table({
      title: 'Incidents with new due times',
      data: changes.slice(0, 50).map((change) => ({
        Incident: change.name,
        'Response due': String(change.fields.Response_Due__c ?? '(unchanged)'),
        'Resolution due': String(change.fields.Resolution_Due__c ?? '(unchanged)')
      }))
    });
  }
}
