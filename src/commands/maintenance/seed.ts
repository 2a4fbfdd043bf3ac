import { resolve } from 'node:path';
import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { countRecords } from '../../seed/dataset.js';
import { DryRunTargetError, writeDryRun } from '../../seed/dryRun.js';
import { checkSeedInput, loadFailedError, loadIntoOrg, prepareSeed } from '../../seed/seedRun.js';
import { failureRows, objectSummaries, writtenRows, type SeedObjectSummary } from '../../seed/seedOutput.js';
import { apiVersionFlag, targetOrgFlag } from '../../shared/commandFlags.js';
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
  /** The directory of a dry run; absent when an org was written. */
  dryRunDirectory?: string;
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
const DRY_RUN_STAGES: StageSpec[] = [{ name: 'Generate records' }, { name: 'Write CSV files' }];

export default class Seed extends SfCommand<SeedResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': targetOrgFlag,
    'api-version': apiVersionFlag,
    recipe: Flags.string({ char: 'r', summary: messages.getMessage('flags.recipe.summary') }),
    scale: Flags.integer({ summary: messages.getMessage('flags.scale.summary') }),
    seed: Flags.integer({ char: 's', summary: messages.getMessage('flags.seed.summary') }),
    'dry-run': Flags.string({ summary: messages.getMessage('flags.dry-run.summary') }),
    plan: Flags.string({ char: 'p', summary: messages.getMessage('flags.plan.summary') }),
    'bulk-threshold': Flags.integer({ summary: messages.getMessage('flags.bulk-threshold.summary') })
  };

  public async run(): Promise<SeedResult> {
    const started = Date.now();
    const { flags } = await this.parse(Seed);
    const input = {
      recipe: flags.recipe,
      scale: flags.scale,
      seed: flags.seed,
      plan: flags.plan,
      bulkThreshold: flags['bulk-threshold']
    };
    // Everything about the input is checked before any org is contacted or any file written.
    const { bulkThreshold } = checkSeedInput(input, flags.recipe !== undefined);
    const dryRun = flags['dry-run'];
    const mso = createStageView({
      title: dryRun ? 'Seed (dry run)' : 'Seed',
      stages: dryRun ? DRY_RUN_STAGES : STAGES,
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
        mso.goto('Write CSV files');
        const directory = resolve(dryRun);
        let summary;
        try {
          summary = writeDryRun(prepared.dataset, directory, {
            bulkThreshold,
            details: Object.fromEntries(Object.entries(base).filter(([, value]) => value !== undefined)) as Record<
              string,
              string | number
            >
          });
        } catch (error) {
          if (error instanceof DryRunTargetError) throw messages.createError('error.DryRunTarget', [directory]);
          throw error;
        }
        mso.updateData({ Records: `${total} written as CSV to ${directory}` });
        mso.stop();
        return {
          ...base,
          dryRunDirectory: directory,
          total,
          created: 0,
          updated: 0,
          failed: 0,
          objects: summary.objects.map((object) => ({
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
