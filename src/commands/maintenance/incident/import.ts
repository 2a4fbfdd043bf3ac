import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import {
  applyImport,
  countExisting,
  ImportFileError,
  planImport,
  readImportFile,
  type ImportedIncident,
  type RejectedRow
} from '../../../incident/importIncidents.js';
import type { LoadApi } from '../../../seed/loader.js';
import { apiVersionFlag, bulkThresholdFlag, targetOrgFlag } from '../../../shared/commandFlags.js';
import { CONNECT_STAGE, createStageView, orgLine } from '../../../shared/stageView.js';
import { resolveTargetOrg, withOrgErrors } from '../../../shared/targetOrg.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.incident.import');

export interface IncidentImportResult {
  targetOrg: string;
  file: string;
  dryRun: boolean;
  /** Rows of the file (the header not counted). */
  rows: number;
  valid: number;
  /** Rows not sent, with what is wrong with each. */
  rejected: RejectedRow[];
  created: number;
  updated: number;
  /** Rows the org refused, with its error. */
  failed: RejectedRow[];
  api?: LoadApi;
  /** The valid rows as the engine stamped them. */
  incidents: ImportedIncident[];
}

export default class IncidentImport extends SfCommand<IncidentImportResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': targetOrgFlag,
    'api-version': apiVersionFlag,
    file: Flags.file({ char: 'f', summary: messages.getMessage('flags.file.summary'), required: true, exists: true }),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary'), default: false }),
    'bulk-threshold': bulkThresholdFlag
  };

  public async run(): Promise<IncidentImportResult> {
    const { flags } = await this.parse(IncidentImport);
    const dryRun = flags['dry-run'];
    const file = flags.file;
    let rows;
    try {
      rows = readImportFile(file);
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      const tokens = {
        Unreadable: [file, error.detail],
        Empty: [file],
        UnknownColumns: [error.detail],
        MissingColumns: [error.detail]
      };
      throw messages.createError(`error.${error.kind}`, tokens[error.kind], [], error);
    }
    const view = await createStageView({
      title: dryRun ? 'Import incidents (dry run)' : 'Import incidents',
      stages: [
        CONNECT_STAGE,
        { name: 'Check rows and stamp SLAs', label: 'Rows' },
        { name: 'Upsert incidents', label: 'Written' }
      ],
      jsonEnabled: this.jsonEnabled()
    });
    try {
      const target = await resolveTargetOrg(flags['target-org'], { apiVersion: flags['api-version'] });
      view.updateData({ Org: orgLine(target) });
      const result = await withOrgErrors(target, async () => {
        view.goto('Check rows and stamp SLAs');
        const plan = await planImport(target.conn, rows, new Date());
        view.updateData({
          Rows: messages.getMessage('info.Summary', [plan.rows, plan.records.length, plan.rejected.length])
        });
        const base: IncidentImportResult = {
          targetOrg: target.username,
          file,
          dryRun,
          rows: plan.rows,
          valid: plan.records.length,
          rejected: plan.rejected,
          created: 0,
          updated: 0,
          failed: [],
          incidents: plan.incidents
        };
        if (dryRun) {
          const existing = await countExisting(target.conn, plan);
          view.skipTo('Upsert incidents');
          view.updateData({ Written: messages.getMessage('info.DryRun', [plan.records.length - existing, existing]) });
          view.stop();
          return base;
        }
        view.goto('Upsert incidents');
        const outcome = await applyImport(target.conn, plan, { bulkThreshold: flags['bulk-threshold'], source: file });
        const rowOf = new Map(plan.incidents.map((incident) => [incident.externalId, incident.row]));
        const failed = outcome.failures.map((failure) => ({
          row: rowOf.get(failure.key) ?? 0,
          externalId: failure.key,
          error: failure.error
        }));
        view.updateData({
          Written: messages.getMessage('info.Loaded', [outcome.created, outcome.updated, failed.length])
        });
        view.stop();
        return { ...base, created: outcome.created, updated: outcome.updated, failed, api: outcome.api };
      });
      this.printResult(result);
      return result;
    } catch (error) {
      view.error();
      throw error;
    }
  }

  private printResult(result: IncidentImportResult): void {
    const problems = [...result.rejected, ...result.failed].sort((a, b) => a.row - b.row);
    if (problems.length > 0) {
      this.table({
        title: 'Rows not imported',
        data: problems.map((problem) => ({
          Row: problem.row,
          'External id': problem.externalId,
          Problem: problem.error
        }))
      });
      this.warn(messages.getMessage('warning.Rejected', [problems.length]));
      process.exitCode = 1;
    }
    if (result.incidents.length > 0) {
      this.table({
        title: result.dryRun ? 'Incidents as they would be stamped' : 'Incidents imported',
        data: result.incidents.slice(0, 50).map((incident) => ({
          Row: incident.row,
          'External id': incident.externalId,
          Account: incident.account,
          Priority: incident.priority,
          Status: incident.status,
          'Response due': incident.responseDue ?? '(out of coverage)',
          'Resolution due': incident.resolutionDue ?? '(out of coverage)',
          Breached: [incident.responseBreachedAt ? 'GTI' : '', incident.resolutionBreachedAt ? 'GTR' : '']
            .filter(Boolean)
            .join(', ')
        }))
      });
    }
  }
}
