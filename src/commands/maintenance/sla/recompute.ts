import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { apiVersionFlag, bulkThresholdFlag, targetOrgFlag } from '../../../shared/commandFlags.js';
import { CONNECT_STAGE, createStageView, orgLine } from '../../../shared/stageView.js';
import { resolveAccount, resolveTargetOrg, withOrgErrors } from '../../../shared/targetOrg.js';
import { applyRecompute, planRecompute, type IncidentChange } from '../../../sla/recompute.js';

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

export default class SlaRecompute extends SfCommand<SlaRecomputeResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': targetOrgFlag,
    'api-version': apiVersionFlag,
    account: Flags.string({ char: 'a', summary: messages.getMessage('flags.account.summary') }),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary'), default: false }),
    'bulk-threshold': bulkThresholdFlag
  };

  public async run(): Promise<SlaRecomputeResult> {
    const { flags } = await this.parse(SlaRecompute);
    const dryRun = flags['dry-run'];
    const view = await createStageView({
      title: dryRun ? 'Recompute SLA due times (dry run)' : 'Recompute SLA due times',
      stages: [
        CONNECT_STAGE,
        { name: 'Recompute open incidents', label: 'Incidents' },
        { name: 'Write changes', label: 'Written' }
      ],
      jsonEnabled: this.jsonEnabled()
    });
    try {
      const target = await resolveTargetOrg(flags['target-org'], { apiVersion: flags['api-version'] });
      view.updateData({ Org: orgLine(target) });
      return await withOrgErrors(target, async () => {
        const accountId = flags.account === undefined ? undefined : (await resolveAccount(target, flags.account)).Id;
        view.goto('Recompute open incidents');
        const plan = await planRecompute(target.conn, { accountId });
        view.updateData({ Incidents: `${plan.changes.length} of ${plan.examined} open incident(s) change` });
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
          view.skipTo('Write changes');
          view.stop();
          this.printChanges(plan.changes);
          return result;
        }
        view.goto('Write changes');
        const outcome = await applyRecompute(target.conn, plan, { bulkThreshold: flags['bulk-threshold'] });
        view.updateData({ Written: `${outcome.updated} updated, ${outcome.failures.length} failed` });
        if (outcome.failures.length > 0) {
          view.error();
          this.table({
            title: 'Failed incidents',
            data: outcome.failures.map((failure) => ({ Id: failure.key, Error: failure.error }))
          });
          const error = messages.createError('error.UpdateFailed', [outcome.failures.length, plan.changes.length]);
          error.setData({ failures: outcome.failures.map((failure) => ({ ...failure })) });
          throw error;
        }
        view.stop();
        this.printChanges(plan.changes);
        return { ...result, updated: outcome.updated, api: outcome.api };
      });
    } catch (error) {
      view.error();
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
