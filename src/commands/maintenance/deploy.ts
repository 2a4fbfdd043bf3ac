import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { apiVersionFlag, targetOrgFlag } from '../../shared/commandFlags.js';
import { checkDeployInput, DEPLOY_STAGES, runDeployStages } from '../../deploy/deployRun.js';
import { CONNECT_STAGE, createStageView, orgLine } from '../../shared/stageView.js';
import { resolveTargetOrg, withOrgErrors } from '../../shared/targetOrg.js';

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
    const view = createStageView({
      title: checkOnly ? 'Validate the deploy (check only)' : 'Deploy',
      stages: [CONNECT_STAGE, ...DEPLOY_STAGES],
      jsonEnabled: this.jsonEnabled()
    });
    try {
      const target = await resolveTargetOrg(flags['target-org'], { apiVersion: flags['api-version'] });
      view.updateData({ Org: orgLine(target) });
      const outcome = await withOrgErrors(target, () =>
        runDeployStages(target.conn, view, {
          checkOnly,
          permissionSets,
          waitMinutes,
          sourceDir,
          orgLabel: target.label
        })
      );
      view.stop();
      return {
        targetOrg: target.username,
        checkOnly,
        deployId: outcome.deploy.id,
        status: outcome.deploy.status,
        componentsDeployed: outcome.deploy.componentsDeployed,
        componentsTotal: outcome.deploy.componentsTotal,
        assigned: outcome.assignment?.assigned ?? [],
        alreadyAssigned: outcome.assignment?.alreadyAssigned ?? [],
        fieldsChecked: outcome.visibility?.fieldsChecked ?? 0,
        elapsedMs: Date.now() - started
      };
    } catch (error) {
      view.error();
      throw error;
    }
  }
}
