import { Messages } from '@salesforce/core';
import { MultiStageOutput } from '@oclif/multi-stage-output';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { apiVersionFlag, targetOrgFlag } from '../../deploy/commandFlags.js';
import { checkDeployInput, runAssignments, runDeploy, runVisibilityCheck } from '../../deploy/deployRun.js';
import { orgAccessError, resolveTargetOrg } from '../../deploy/targetOrg.js';
import { countRecords } from '../../seed/dataset.js';
import { checkSeedInput, loadFailedError, loadIntoOrg, prepareSeed } from '../../seed/seedRun.js';
import { failureRows, objectSummaries, writtenRows, type SeedObjectSummary } from '../../seed/seedOutput.js';

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

type StageData = {
  org: string;
  components: string;
  permsets: string;
  fields: string;
  records: string;
  progress: string;
};

const STAGES = [
  'Generate records',
  'Connect to the org',
  'Deploy metadata',
  'Assign permission sets',
  'Check visibility',
  'Load records'
];

export default class Setup extends SfCommand<SetupResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': targetOrgFlag,
    'api-version': apiVersionFlag,
    recipe: Flags.string({ char: 'r', summary: messages.getMessage('flags.recipe.summary') }),
    scale: Flags.integer({ summary: messages.getMessage('flags.scale.summary') }),
    seed: Flags.integer({ char: 's', summary: messages.getMessage('flags.seed.summary') }),
    wait: Flags.integer({ char: 'w', summary: messages.getMessage('flags.wait.summary'), default: 33 }),
    permsets: Flags.string({ summary: messages.getMessage('flags.permsets.summary'), multiple: true, delimiter: ',' }),
    'bulk-threshold': Flags.integer({ summary: messages.getMessage('flags.bulk-threshold.summary') })
  };

  public async run(): Promise<SetupResult> {
    const started = Date.now();
    const { flags } = await this.parse(Setup);
    // Both halves check their input before the org is touched: a bad recipe must not leave a half-set-up org.
    const { permissionSets, waitMinutes } = checkDeployInput({ permsets: flags.permsets, wait: flags.wait });
    const seedInput = {
      recipe: flags.recipe,
      scale: flags.scale,
      seed: flags.seed,
      bulkThreshold: flags['bulk-threshold']
    };
    const { bulkThreshold } = checkSeedInput(seedInput, flags.recipe !== undefined);
    const mso = new MultiStageOutput<StageData>({
      title: 'Setup',
      stages: STAGES,
      jsonEnabled: this.jsonEnabled(),
      stageSpecificBlock: [
        { stage: 'Connect to the org', type: 'dynamic-key-value', label: 'Org', get: (data) => data?.org },
        { stage: 'Generate records', type: 'dynamic-key-value', label: 'Records', get: (data) => data?.records },
        { stage: 'Deploy metadata', type: 'dynamic-key-value', label: 'Components', get: (data) => data?.components },
        {
          stage: 'Assign permission sets',
          type: 'dynamic-key-value',
          label: 'Permission sets',
          get: (data) => data?.permsets
        },
        { stage: 'Check visibility', type: 'dynamic-key-value', label: 'Fields', get: (data) => data?.fields },
        { stage: 'Load records', type: 'dynamic-key-value', label: 'Progress', get: (data) => data?.progress }
      ]
    });
    try {
      mso.goto('Generate records');
      const prepared = prepareSeed(seedInput);
      const { total } = countRecords(prepared.dataset);
      mso.updateData({ records: `${total} from ${prepared.dataset.source}` });
      mso.goto('Connect to the org');
      const target = await resolveTargetOrg(flags['target-org'], { apiVersion: flags['api-version'] });
      mso.updateData({ org: `${target.username}${target.local ? ' (local org)' : ''}` });
      try {
        mso.goto('Deploy metadata');
        const outcome = await runDeploy(target.conn, {
          checkOnly: false,
          waitMinutes,
          orgLabel: target.label,
          onProgress: (progress) =>
            mso.updateData({ components: `${progress.deployed}/${progress.total} (${progress.status})` })
        });
        mso.updateData({ components: `${outcome.componentsDeployed}/${outcome.componentsTotal}` });

        mso.goto('Assign permission sets');
        const assignment = await runAssignments(target.conn, permissionSets, target.label);
        mso.updateData({
          permsets: `${assignment.assigned.length} assigned, ${assignment.alreadyAssigned.length} already assigned`
        });

        mso.goto('Check visibility');
        const visibility = await runVisibilityCheck(target.conn, permissionSets, target.label);
        mso.updateData({ fields: `${visibility.fieldsChecked} visible` });

        mso.goto('Load records');
        const result = await loadIntoOrg(target.conn, prepared.dataset, {
          orgLabel: target.label,
          bulkThreshold,
          onProgress: (progress) =>
            mso.updateData({ progress: `${progress.sobject}: ${progress.done}/${progress.total} (${progress.api})` })
        });
        mso.updateData({ progress: `${result.created} created, ${result.updated} updated, ${result.failed} failed` });
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
            deployId: outcome.id,
            status: outcome.status,
            componentsDeployed: outcome.componentsDeployed,
            componentsTotal: outcome.componentsTotal
          },
          permissionSets: { assigned: assignment.assigned, alreadyAssigned: assignment.alreadyAssigned },
          fieldsChecked: visibility.fieldsChecked,
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
      } catch (error) {
        throw orgAccessError(error, target) ?? error;
      }
    } catch (error) {
      mso.error();
      throw error;
    }
  }
}
