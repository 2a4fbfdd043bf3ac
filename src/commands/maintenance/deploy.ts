import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { apiVersionFlag, deployFlags, targetOrgFlag } from '../../shared/commandFlags.js';
import { checkPermissionSets, DEPLOY_STAGES, runDeployStages } from '../../deploy/deployRun.js';
import type { UserAssignment } from '../../deploy/permissionSets.js';
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
  /** Per user (the running user, or those of --assign-to): sets assigned by this run and sets held already; empty for a dry run. */
  assignments: UserAssignment[];
  /** Fields checked for visibility; 0 for a dry run, or when the running user was not assigned to. */
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
    ...deployFlags,
    'assign-to': Flags.string({
      summary: messages.getMessage('flags.assign-to.summary'),
      description: messages.getMessage('flags.assign-to.description'),
      multiple: true,
      delimiter: ','
    }),
    'source-dir': Flags.directory({
      char: 'd',
      summary: messages.getMessage('flags.source-dir.summary'),
      exists: true
    })
  };

  public async run(): Promise<DeployResult> {
    const started = Date.now();
    const { flags } = await this.parse(Deploy);
    const permissionSets = checkPermissionSets(flags.permsets);
    const checkOnly = flags['dry-run'];
    const view = await createStageView({
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
          assignTo: flags['assign-to'],
          waitMinutes: flags.wait.minutes,
          sourceDir: flags['source-dir'],
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
        assignments: outcome.assignment?.assignments ?? [],
        fieldsChecked: outcome.visibility?.fieldsChecked ?? 0,
        elapsedMs: Date.now() - started
      };
    } catch (error) {
      view.error();
      throw error;
    }
  }
}
