import { Messages } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import { checkPermissionSets, DEPLOY_STAGES, runDeployStages } from '../../deploy/deployRun.js';
import { countRecords } from '../../seed/dataset.js';
import { failureRows, objectSummaries, writtenRows, type SeedObjectSummary } from '../../seed/seedOutput.js';
import { apiVersionFlag, bulkThresholdFlag, deployFlags, seedFlags, targetOrgFlag } from '../../shared/commandFlags.js';
import { CONNECT_STAGE, createStageView, orgLine, type StageSpec } from '../../shared/stageView.js';
import { resolveTargetOrg, withOrgErrors } from '../../shared/targetOrg.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.setup');

export interface SetupResult {
  targetOrg: string;
  /** True when the local org was used; startedLocalOrg when this run started it. */
  localOrg: boolean;
  startedLocalOrg: boolean;
  deploy: { deployId: string; status: string; componentsDeployed: number; componentsTotal: number };
  permissionSets: { assigned: string[]; alreadyAssigned: string[] };
  fieldsChecked: number;
  seed: {
    source: string;
    recipe?: string;
    seed?: number;
    scale?: number;
    today?: string;
    total: number;
    created: number;
    updated: number;
    objects: SeedObjectSummary[];
  };
  elapsedMs: number;
}

const STAGES: StageSpec[] = [
  { name: 'Generate records', label: 'Records' },
  CONNECT_STAGE,
  ...DEPLOY_STAGES,
  { name: 'Load records', label: 'Progress' }
];

export default class Setup extends SfCommand<SetupResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': targetOrgFlag,
    'api-version': apiVersionFlag,
    ...seedFlags,
    ...deployFlags,
    'bulk-threshold': bulkThresholdFlag
  };

  public async run(): Promise<SetupResult> {
    const started = Date.now();
    const { flags } = await this.parse(Setup);
    // Both halves check their input before the org is touched: a bad recipe must not leave a half-set-up org.
    const permissionSets = checkPermissionSets(flags.permsets);
    const seedInput = { recipe: flags.recipe, scale: flags.scale, seed: flags.seed };
    // The generator (faker, the recipe reader) and the loader load with this run, not with every command.
    const { loadFailedError, loadIntoOrg, prepareSeed } = await import('../../seed/seedRun.js');
    const mso = await createStageView({ title: 'Setup', stages: STAGES, jsonEnabled: this.jsonEnabled() });
    try {
      mso.goto('Generate records');
      const prepared = prepareSeed(seedInput);
      const { total } = countRecords(prepared.dataset);
      mso.updateData({ Records: `${total} from ${prepared.dataset.source}` });
      mso.goto('Connect to the org');
      const target = await resolveTargetOrg(flags['target-org'], { apiVersion: flags['api-version'] });
      mso.updateData({ Org: orgLine(target) });
      return await withOrgErrors(target, async () => {
        const { deploy, assignment, visibility } = await runDeployStages(target.conn, mso, {
          checkOnly: false,
          permissionSets,
          waitMinutes: flags.wait.minutes,
          orgLabel: target.label
        });
        mso.goto('Load records');
        const result = await loadIntoOrg(target.conn, prepared.dataset, {
          orgLabel: target.label,
          bulkThreshold: flags['bulk-threshold'],
          onProgress: (progress) =>
            mso.updateData({ Progress: `${progress.sobject}: ${progress.done}/${progress.total} (${progress.api})` })
        });
        mso.updateData({ Progress: `${result.created} created, ${result.updated} updated, ${result.failed} failed` });
        if (result.failed > 0) {
          mso.error();
          this.table({ title: 'Failed records', data: failureRows(result) });
          this.table({ title: 'Written before the failure (a rerun updates these)', data: writtenRows(result) });
          throw loadFailedError(result, prepared.dataset, target.label);
        }
        mso.stop();
        return {
          targetOrg: target.username,
          localOrg: target.local,
          startedLocalOrg: target.startedLocalOrg,
          deploy: {
            deployId: deploy.id,
            status: deploy.status,
            componentsDeployed: deploy.componentsDeployed,
            componentsTotal: deploy.componentsTotal
          },
          permissionSets: {
            assigned: assignment?.assignments[0]?.assigned ?? [],
            alreadyAssigned: assignment?.assignments[0]?.alreadyAssigned ?? []
          },
          fieldsChecked: visibility?.fieldsChecked ?? 0,
          seed: {
            source: prepared.dataset.source,
            recipe: prepared.recipe,
            seed: prepared.seed,
            scale: prepared.scale,
            today: prepared.today,
            total,
            created: result.created,
            updated: result.updated,
            objects: objectSummaries(result)
          },
          elapsedMs: Date.now() - started
        };
      });
    } catch (error) {
      mso.error();
      throw error;
    }
  }
}
