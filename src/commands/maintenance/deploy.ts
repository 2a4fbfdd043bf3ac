import { Messages } from '@salesforce/core';
import { MultiStageOutput } from '@oclif/multi-stage-output';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { apiVersionFlag, targetOrgFlag } from '../../deploy/commandFlags.js';
import { checkDeployInput, runAssignments, runDeploy, runVisibilityCheck } from '../../deploy/deployRun.js';
import { orgAccessError, resolveTargetOrg } from '../../deploy/targetOrg.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.deploy');

export interface DeployResult {
  targetOrg: string;
  checkOnly: boolean;
  deployId: string;
  status: string;
  componentsDeployed: number;
  componentsTotal: number;
  /** Permission sets assigned by this run, and those the user already had; empty for a dry run. */
  assigned: string[];
  alreadyAssigned: string[];
  /** Fields checked for visibility; 0 for a dry run. */
  fieldsChecked: number;
  elapsedMs: number;
}

type StageData = { org: string; components: string; permsets: string; fields: string };

export default class Deploy extends SfCommand<DeployResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': targetOrgFlag,
    'api-version': apiVersionFlag,
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary'), default: false }),
    wait: Flags.integer({ char: 'w', summary: messages.getMessage('flags.wait.summary'), default: 33 }),
    'source-dir': Flags.string({ char: 'd', summary: messages.getMessage('flags.source-dir.summary') }),
    permsets: Flags.string({ summary: messages.getMessage('flags.permsets.summary'), multiple: true, delimiter: ',' })
  };

  public async run(): Promise<DeployResult> {
    const started = Date.now();
    const { flags } = await this.parse(Deploy);
    const { permissionSets, waitMinutes, sourceDir } = checkDeployInput({
      permsets: flags.permsets,
      wait: flags.wait,
      sourceDir: flags['source-dir']
    });
    const checkOnly = flags['dry-run'];
    const mso = new MultiStageOutput<StageData>({
      title: checkOnly ? 'Validate the deploy (check only)' : 'Deploy',
      stages: ['Connect to the org', 'Deploy metadata', 'Assign permission sets', 'Check visibility'],
      jsonEnabled: this.jsonEnabled(),
      stageSpecificBlock: [
        { stage: 'Connect to the org', type: 'dynamic-key-value', label: 'Org', get: (data) => data?.org },
        { stage: 'Deploy metadata', type: 'dynamic-key-value', label: 'Components', get: (data) => data?.components },
        {
          stage: 'Assign permission sets',
          type: 'dynamic-key-value',
          label: 'Permission sets',
          get: (data) => data?.permsets
        },
        { stage: 'Check visibility', type: 'dynamic-key-value', label: 'Fields', get: (data) => data?.fields }
      ]
    });
    try {
      const target = await resolveTargetOrg(flags['target-org'], { apiVersion: flags['api-version'] });
      mso.updateData({ org: `${target.username}${target.local ? ' (local org)' : ''}` });
      try {
        mso.goto('Deploy metadata');
        const outcome = await runDeploy(target.conn, {
          checkOnly,
          waitMinutes,
          sourceDir,
          orgLabel: target.label,
          onProgress: (progress) =>
            mso.updateData({ components: `${progress.deployed}/${progress.total} (${progress.status})` })
        });
        mso.updateData({ components: `${outcome.componentsDeployed}/${outcome.componentsTotal}` });
        const result: DeployResult = {
          targetOrg: target.username,
          checkOnly,
          deployId: outcome.id,
          status: outcome.status,
          componentsDeployed: outcome.componentsDeployed,
          componentsTotal: outcome.componentsTotal,
          assigned: [],
          alreadyAssigned: [],
          fieldsChecked: 0,
          elapsedMs: 0
        };
        if (checkOnly) {
          // A validation saves nothing: the permission sets may not exist yet, so nothing to assign or check.
          mso.skipTo('Check visibility');
          mso.stop();
          return { ...result, elapsedMs: Date.now() - started };
        }
        mso.goto('Assign permission sets');
        const assignment = await runAssignments(target.conn, permissionSets, target.label);
        mso.updateData({
          permsets: `${assignment.assigned.length} assigned, ${assignment.alreadyAssigned.length} already assigned`
        });
        mso.goto('Check visibility');
        const visibility = await runVisibilityCheck(target.conn, permissionSets, target.label);
        mso.updateData({ fields: `${visibility.fieldsChecked} visible` });
        mso.stop();
        return {
          ...result,
          assigned: assignment.assigned,
          alreadyAssigned: assignment.alreadyAssigned,
          fieldsChecked: visibility.fieldsChecked,
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
