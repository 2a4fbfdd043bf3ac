/**
 * Deploys the package's metadata (force-app) with source-deploy-retrieve, the library behind
 * `sf project deploy start`: all or nothing (rollbackOnError), optionally as a check-only validation.
 */
import type { Connection } from '@salesforce/core';
import { ComponentSet, ComponentStatus, RequestStatus } from '@salesforce/source-deploy-retrieve';
import { forceAppDir } from '../shared/projectPaths.js';

export interface DeployProgress {
  status: string;
  deployed: number;
  total: number;
  errors: number;
}

export interface DeployFailure {
  type: string;
  fullName: string;
  filePath?: string;
  line?: number;
  problem: string;
}

export interface DeployOutcome {
  id: string;
  status: string;
  success: boolean;
  checkOnly: boolean;
  componentsDeployed: number;
  componentsTotal: number;
  failures: DeployFailure[];
}

/** The deploy did not finish within the wait: it may still complete in the org. */
export class DeployTimeoutError extends Error {
  public constructor(
    public readonly deployId: string | undefined,
    public readonly minutes: number
  ) {
    super(`The deploy ${deployId ?? ''} did not finish within ${minutes} minute(s)`);
    this.name = 'DeployTimeoutError';
  }
}

export interface DeployOptions {
  checkOnly: boolean;
  /** Longest wait for the deploy, in minutes. */
  waitMinutes: number;
  /** The metadata source directory; force-app by default. */
  sourceDir?: string;
  onProgress?: (progress: DeployProgress) => void;
}

/** Deploys the source directory to the org behind `conn` and waits for the result. */
export async function deploySource(conn: Connection, options: DeployOptions): Promise<DeployOutcome> {
  const components = ComponentSet.fromSource(options.sourceDir ?? forceAppDir);
  const deploy = await components.deploy({
    usernameOrConnection: conn,
    apiOptions: { checkOnly: options.checkOnly, rollbackOnError: true, singlePackage: true }
  });
  deploy.onUpdate((status) =>
    options.onProgress?.({
      status: status.status,
      deployed: status.numberComponentsDeployed,
      total: status.numberComponentsTotal,
      errors: status.numberComponentErrors
    })
  );
  let result;
  try {
    // Numbers overload: frequency in milliseconds, timeout in seconds.
    result = await deploy.pollStatus(500, options.waitMinutes * 60);
  } catch (error) {
    if (/timed? ?out|timeout/i.test((error as Error).message))
      throw new DeployTimeoutError(deploy.id, options.waitMinutes);
    throw error;
  }
  const response = result.response;
  const failures: DeployFailure[] = result
    .getFileResponses()
    .filter((file) => file.state === ComponentStatus.Failed)
    .map((file) => ({
      type: file.type,
      fullName: file.fullName,
      filePath: file.filePath,
      line: 'lineNumber' in file ? file.lineNumber : undefined,
      problem: 'error' in file ? file.error : 'failed'
    }));
  // A failure the org reports for the whole request (bad zip, no permission) names no component.
  if (!response.success && failures.length === 0) {
    failures.push({
      type: 'Deploy',
      fullName: response.id,
      problem: response.errorMessage ?? `deploy ${response.status}`
    });
  }
  return {
    id: response.id,
    status: response.status,
    success: response.success && response.status === RequestStatus.Succeeded,
    checkOnly: options.checkOnly,
    componentsDeployed: response.numberComponentsDeployed,
    componentsTotal: response.numberComponentsTotal,
    failures
  };
}
