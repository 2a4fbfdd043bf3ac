/**
 * The deploy as the commands run it (deploy, setup): deploy force-app, assign the permission sets where missing,
 * check what the running user can see. Expected failures become SfErrors that say what to do.
 */
import { readFileSync } from 'node:fs';
import { Messages, type Connection, type SfError } from '@salesforce/core';
import type { MultiStageOutput } from '@oclif/multi-stage-output';
import { accessMatrixFile, forceAppDir } from '../shared/projectPaths.js';
import type { StageData, StageSpec } from '../shared/stageView.js';
import type { DeployOutcome, DeployProgress } from './deploySource.js';
import {
  assignPermissionSets,
  DEFAULT_PERMISSION_SETS,
  PermissionSetNotFoundError,
  type AssignmentOutcome
} from './permissionSets.js';
import { checkVisibility, type ObjectDescriber, type VisibilityReport } from './visibility.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.deploy');

/** The permission sets the package ships, from the access matrix. */
export function packagePermissionSets(matrixFile: string = accessMatrixFile): string[] {
  return Object.keys(
    (JSON.parse(readFileSync(matrixFile, 'utf8')) as { permissionSets: Record<string, unknown> }).permissionSets
  );
}

/**
 * The permission sets --permsets names, spelled as the package spells them (the default when none is named).
 * @throws SfError UnknownPermissionSet for a name that is not one of the package's
 */
export function checkPermissionSets(permsets: string[] | undefined): string[] {
  const known = packagePermissionSets();
  const names = (permsets ?? DEFAULT_PERMISSION_SETS).map((value) => value.trim()).filter((value) => value.length > 0);
  return names.map((name) => {
    const match = known.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (!match) throw messages.createError('error.UnknownPermissionSet', [name], [known.join(', ')]);
    return match;
  });
}

/** Deploys (or validates) force-app, or another source directory; throws DeployFailed / DeployTimeout. */
export async function runDeploy(
  conn: Connection,
  options: {
    checkOnly: boolean;
    waitMinutes: number;
    sourceDir?: string;
    orgLabel: string;
    onProgress?: (progress: DeployProgress) => void;
  }
): Promise<DeployOutcome> {
  // Loaded here, not at startup: source-deploy-retrieve and the XML parser weigh more than the rest of a command.
  const { regenerateConfigResource } = await import('./configResource.js');
  const { deploySource, DeployTimeoutError } = await import('./deploySource.js');
  // The components read the custom metadata records from the Maintenance_Config static resource: ship it as the
  // records being deployed say, never stale.
  regenerateConfigResource(options.sourceDir ?? forceAppDir);
  let outcome: DeployOutcome;
  try {
    outcome = await deploySource(conn, options);
  } catch (error) {
    if (error instanceof DeployTimeoutError) {
      throw messages.createError('error.DeployTimeout', [error.deployId ?? '', error.minutes], [error.minutes * 2]);
    }
    throw error;
  }
  if (!outcome.success) {
    const lines = outcome.failures
      .map(
        (failure) =>
          `  - ${failure.type} ${failure.fullName}${failure.filePath ? ` (${failure.filePath}${failure.line ? `:${failure.line}` : ''})` : ''}: ${failure.problem}`
      )
      .join('\n');
    const error = messages.createError('error.DeployFailed', [options.orgLabel, outcome.failures.length, lines]);
    error.setData({ deployId: outcome.id, failures: outcome.failures.map((failure) => ({ ...failure })) });
    throw error;
  }
  return outcome;
}

/**
 * Assigns the permission sets to the running user, or to the users named by --assign-to; throws PermissionSetNotFound
 * when the org lacks one. Refused users are in the outcome (see {@link assignmentRefusedError}).
 */
export async function runAssignments(
  conn: Connection,
  permissionSets: string[],
  orgLabel: string,
  assignTo?: string[]
): Promise<AssignmentOutcome> {
  try {
    return await assignPermissionSets(conn, permissionSets, assignTo);
  } catch (error) {
    if (error instanceof PermissionSetNotFoundError) {
      throw messages.createError(
        'error.PermissionSetNotFound',
        [orgLabel, error.missing.join(', ')],
        [packagePermissionSets().join(', ')]
      );
    }
    throw error;
  }
}

/** Checks visibility; throws NotVisible naming every object and field the user cannot see or edit. */
export async function runVisibilityCheck(
  conn: ObjectDescriber,
  permissionSets: string[],
  orgLabel: string
): Promise<VisibilityReport> {
  const report = await checkVisibility(conn, permissionSets);
  if (!report.ok) {
    const lines: string[] = [];
    for (const object of report.objects) {
      if (!object.visible) lines.push(`  - ${object.object} (the whole object)`);
      else {
        for (const field of object.missingFields) lines.push(`  - ${object.object}.${field} (not visible)`);
        for (const field of object.readOnlyFields)
          lines.push(`  - ${object.object}.${field} (read only, the permission set grants edit)`);
      }
    }
    const error = messages.createError('error.NotVisible', [orgLabel, lines.length, lines.join('\n')]);
    error.setData({ objects: report.objects.map((object) => ({ ...object })) });
    throw error;
  }
  return report;
}

/** The deploy's stages in a command's stage view (after connecting to the org). */
export const DEPLOY_STAGES: StageSpec[] = [
  { name: 'Deploy metadata', label: 'Components' },
  { name: 'Assign permission sets', label: 'Permission sets' },
  { name: 'Check visibility', label: 'Fields' }
];

export interface DeployRunOutcome {
  deploy: DeployOutcome;
  /** Absent for a validation (check only). */
  assignment?: AssignmentOutcome;
  /** Absent for a validation, and when the running user was not among the users assigned to. */
  visibility?: VisibilityReport;
}

/** The error of a run in which some users could not get their permission sets: each refusal on a line, exit code 1. */
export function assignmentRefusedError(outcome: AssignmentOutcome, orgLabel: string): SfError {
  const lines = outcome.refused.map(
    (refusal) =>
      `  - ${refusal.username}${refusal.permissionSet ? ` (${refusal.permissionSet})` : ''}: ${refusal.reason}`
  );
  const error = messages.createError('error.AssignmentRefused', [orgLabel, outcome.refused.length, lines.join('\n')]);
  error.exitCode = 1;
  error.setData({
    refused: outcome.refused.map((refusal) => ({ ...refusal })),
    assignments: outcome.assignments.map((user) => ({ ...user }))
  });
  return error;
}

/**
 * Deploys, assigns the permission sets and checks visibility, each in its stage of `view` (DEPLOY_STAGES): what
 * `deploy` and `setup` both do. A validation (checkOnly) saves nothing: the permission sets may not exist yet, so it
 * stops after the deploy. Describe answers for the running user only, so visibility is checked when the running user
 * is among those assigned to.
 * @throws SfError AssignmentRefused, once every stage has run, when a user could not get its permission sets
 */
export async function runDeployStages(
  conn: Connection,
  view: MultiStageOutput<StageData>,
  options: {
    checkOnly: boolean;
    permissionSets: string[];
    /** Usernames to assign to instead of the running user. */
    assignTo?: string[];
    waitMinutes: number;
    sourceDir?: string;
    orgLabel: string;
  }
): Promise<DeployRunOutcome> {
  view.goto('Deploy metadata');
  const deploy = await runDeploy(conn, {
    checkOnly: options.checkOnly,
    waitMinutes: options.waitMinutes,
    sourceDir: options.sourceDir,
    orgLabel: options.orgLabel,
    onProgress: (progress) =>
      view.updateData({ Components: `${progress.deployed}/${progress.total} (${progress.status})` })
  });
  view.updateData({ Components: `${deploy.componentsDeployed}/${deploy.componentsTotal}` });
  if (options.checkOnly) {
    view.skipTo('Check visibility');
    return { deploy };
  }
  view.goto('Assign permission sets');
  const assignment = await runAssignments(conn, options.permissionSets, options.orgLabel, options.assignTo);
  const count = (key: 'assigned' | 'alreadyAssigned'): number =>
    assignment.assignments.reduce((sum, user) => sum + user[key].length, 0);
  view.updateData({
    'Permission sets':
      `${count('assigned')} assigned, ${count('alreadyAssigned')} already assigned` +
      (assignment.refused.length > 0 ? `, ${assignment.refused.length} refused` : '') +
      (options.assignTo ? ` (${assignment.assignments.length} user(s))` : '')
  });
  view.goto('Check visibility');
  let visibility: VisibilityReport | undefined;
  if (assignment.assignments.some((user) => user.userId === assignment.runningUser.id)) {
    visibility = await runVisibilityCheck(conn, options.permissionSets, options.orgLabel);
    view.updateData({ Fields: `${visibility.fieldsChecked} visible` });
  } else {
    view.updateData({ Fields: 'not checked: describe answers for the running user, who was not assigned to' });
  }
  if (assignment.refused.length > 0) throw assignmentRefusedError(assignment, options.orgLabel);
  return { deploy, assignment, visibility };
}
