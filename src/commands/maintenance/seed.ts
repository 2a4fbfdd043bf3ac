import { resolve } from 'node:path';
import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { countRecords } from '../../seed/dataset.js';
import type { PlannedObject } from '../../seed/dryRun.js';
import { failureRows, objectSummaries, writtenRows, type SeedObjectSummary } from '../../seed/seedOutput.js';
import { apiVersionFlag, bulkThresholdFlag, seedFlags, targetOrgFlag } from '../../shared/commandFlags.js';
import { CONNECT_STAGE, createStageView, orgLine, type StageSpec } from '../../shared/stageView.js';
import { resolveTargetOrg, withOrgErrors } from '../../shared/targetOrg.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.seed');

export interface SeedResult {
  /** `recipe demo` or the plan file. */
  source: string;
  recipe?: string;
  seed?: number;
  scale?: number;
  /** The day the recipe's relative dates were resolved against. */
  today?: string;
  /** Username of the org written to; absent for a dry run. */
  targetOrg?: string;
  /** True when nothing was loaded (--dry-run). */
  dryRun: boolean;
  /** Where a dry run wrote its CSV files (--output-dir). */
  outputDir?: string;
  total: number;
  created: number;
  updated: number;
  failed: number;
  objects: SeedObjectSummary[];
  elapsedMs: number;
}

const STAGES: StageSpec[] = [
  { name: 'Generate records' },
  CONNECT_STAGE,
  { name: 'Check the org schema' },
  { name: 'Load records', label: 'Progress' }
];
const DRY_RUN_STAGES: StageSpec[] = [{ name: 'Generate records' }];
const DRY_RUN_CSV_STAGES: StageSpec[] = [...DRY_RUN_STAGES, { name: 'Write CSV files' }];

export default class Seed extends SfCommand<SeedResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': targetOrgFlag,
    'api-version': apiVersionFlag,
    ...seedFlags,
    plan: Flags.file({
      char: 'p',
      summary: messages.getMessage('flags.plan.summary'),
      exists: true,
      // The three come from seedFlags, spread above, which the rule cannot follow.
      // eslint-disable-next-line sf-plugin/flag-cross-references
      exclusive: ['recipe', 'scale', 'seed']
    }),
    // No default: oclif counts a defaulted flag as given, and --output-dir depends on this one being given.
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary') }),
    'output-dir': Flags.directory({
      char: 'd',
      summary: messages.getMessage('flags.output-dir.summary'),
      dependsOn: ['dry-run']
    }),
    'bulk-threshold': bulkThresholdFlag
  };

  public async run(): Promise<SeedResult> {
    const started = Date.now();
    const { flags } = await this.parse(Seed);
    const input = { recipe: flags.recipe, scale: flags.scale, seed: flags.seed, plan: flags.plan };
    const bulkThreshold = flags['bulk-threshold'];
    const dryRun = flags['dry-run'] ?? false;
    const outputDir = flags['output-dir'] === undefined ? undefined : resolve(flags['output-dir']);
    // The generator (faker, the recipe reader) and the loader load with this run, not with every command.
    const { loadFailedError, loadIntoOrg, prepareSeed } = await import('../../seed/seedRun.js');
    const { DryRunTargetError, planLoad, writeDryRun } = await import('../../seed/dryRun.js');
    const mso = await createStageView({
      title: dryRun ? 'Seed (dry run)' : 'Seed',
      stages: dryRun ? (outputDir ? DRY_RUN_CSV_STAGES : DRY_RUN_STAGES) : STAGES,
      jsonEnabled: this.jsonEnabled(),
      header: 'Source',
      footer: 'Records'
    });
    try {
      mso.goto('Generate records');
      const prepared = prepareSeed(input);
      const { total } = countRecords(prepared.dataset);
      const base = {
        source: prepared.dataset.source,
        recipe: prepared.recipe,
        seed: prepared.seed,
        scale: prepared.scale,
        today: prepared.today
      };
      mso.updateData({
        Source: `${base.source}: ${total} records${prepared.today ? ` (today = ${prepared.today})` : ''}`
      });

      if (dryRun) {
        let objects: PlannedObject[] = planLoad(prepared.dataset, bulkThreshold);
        if (outputDir) {
          mso.goto('Write CSV files');
          try {
            objects = writeDryRun(prepared.dataset, outputDir, {
              bulkThreshold,
              details: Object.fromEntries(Object.entries(base).filter(([, value]) => value !== undefined)) as Record<
                string,
                string | number
              >
            }).objects;
          } catch (error) {
            if (error instanceof DryRunTargetError) throw messages.createError('error.DryRunTarget', [outputDir]);
            throw error;
          }
        }
        mso.updateData({ Records: outputDir ? `${total} written as CSV to ${outputDir}` : `${total}, none loaded` });
        mso.stop();
        this.table({
          title: 'What a load would send',
          data: objects.map((object) => ({ Object: object.sobject, Records: String(object.records), API: object.api }))
        });
        return {
          ...base,
          dryRun,
          outputDir,
          total,
          created: 0,
          updated: 0,
          failed: 0,
          objects: objects.map((object) => ({
            sobject: object.sobject,
            records: object.records,
            api: object.api,
            created: 0,
            updated: 0,
            failed: 0
          })),
          elapsedMs: Date.now() - started
        };
      }

      mso.goto('Connect to the org');
      const target = await resolveTargetOrg(flags['target-org'], { apiVersion: flags['api-version'] });
      mso.updateData({ Org: orgLine(target) });
      mso.goto('Check the org schema');
      const result = await withOrgErrors(target, () =>
        loadIntoOrg(target.conn, prepared.dataset, {
          orgLabel: target.label,
          bulkThreshold,
          onProgress: (progress) => {
            mso.goto('Load records', {
              Progress: `${progress.sobject}: ${progress.done}/${progress.total} (${progress.api})`
            });
          }
        })
      );
      mso.updateData({ Records: `${result.created} created, ${result.updated} updated, ${result.failed} failed` });
      if (result.failed > 0) {
        mso.error();
        this.table({ title: 'Failed records', data: failureRows(result) });
        this.table({ title: 'Written before the failure (a rerun updates these)', data: writtenRows(result) });
        throw loadFailedError(result, prepared.dataset, target.label);
      }
      mso.stop();
      return {
        ...base,
        targetOrg: target.username,
        dryRun,
        total,
        created: result.created,
        updated: result.updated,
        failed: result.failed,
        objects: objectSummaries(result),
        elapsedMs: Date.now() - started
      };
    } catch (error) {
      mso.error();
      throw error;
    }
  }
}
