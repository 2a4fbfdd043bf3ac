/**
 * A preview session as `sf maintenance preview` and `npm run preview` run it: resolve the org (the embedded local
 * org unless one is named, started when needed), build the components for the browser (or reuse the cached build),
 * check the org can answer what the pages ask (UI API, the package's objects), then serve.
 */
import { Messages, SfError, type Connection } from '@salesforce/core';
import { resolveTargetOrg, type TargetOrg } from '../shared/targetOrg.js';
import { buildPreview, type PreviewBuild } from './build.js';
import { OrgClient, OrgRequestError } from './orgClient.js';
import { startPreviewServer, type PreviewServer } from './server.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.preview');

export type PreviewStage = 'org' | 'build' | 'check' | 'serve';

export interface PreviewSessionOptions {
  /** -o/--target-org; undefined for the embedded local org. */
  targetOrg?: string;
  /** Port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  apiVersion?: string;
  /** Called as each step starts, for progress output. */
  onStage?: (stage: PreviewStage) => void;
  /** Injected for tests: how the org is resolved (default: the plugin's resolveTargetOrg). */
  resolveOrg?: (flag: string | undefined, apiVersion: string | undefined) => Promise<TargetOrg>;
}

export interface PreviewSession {
  url: string;
  port: number;
  /** The org's username, and whether it is the embedded local org. */
  username: string;
  local: boolean;
  build: PreviewBuild;
  server: PreviewServer;
  close(): Promise<void>;
}

/** The org line of the preview, from a @salesforce/core connection (its token refreshes on a 401). */
export function clientOf(conn: Connection, label: string): OrgClient {
  return new OrgClient({
    instanceUrl: conn.instanceUrl,
    apiVersion: conn.getApiVersion(),
    accessToken: () => conn.accessToken ?? '',
    refresh: () => conn.refreshAuth(),
    label
  });
}

/**
 * Checks that the org answers the UI API and has the package: both fail later in the browser in ways that say much
 * less than this.
 */
export async function checkOrg(client: OrgClient, target: { label: string; local: boolean }): Promise<void> {
  try {
    await client.getJson(`${client.dataPath}/ui-api/object-info/Account`);
  } catch (error) {
    if (!(error instanceof OrgRequestError)) throw error;
    if (target.local && error.status === 404) {
      throw messages.createError('error.LocalOrgWithoutUiApi', [target.label]);
    }
    throw messages.createError('error.UiApiUnavailable', [target.label, error.status, error.body.slice(0, 300)]);
  }
  try {
    await client.getJson(`${client.dataPath}/ui-api/object-info/Maintenance_Incident__c`);
  } catch (error) {
    if (!(error instanceof OrgRequestError)) throw error;
    throw messages.createError(
      'error.PackageMissing',
      [target.label],
      [target.local ? '' : ` --target-org ${target.label}`]
    );
  }
}

/**
 * Starts a preview session.
 * @returns the running session; close() stops serving (the org keeps running)
 */
export async function startPreviewSession(options: PreviewSessionOptions = {}): Promise<PreviewSession> {
  options.onStage?.('org');
  const target = await (options.resolveOrg ?? ((flag, apiVersion) => resolveTargetOrg(flag, { apiVersion })))(
    options.targetOrg,
    options.apiVersion
  );
  options.onStage?.('build');
  let build: PreviewBuild;
  try {
    build = await buildPreview();
  } catch (error) {
    throw new SfError((error as Error).message, 'PreviewBuildFailed', [], 1, error);
  }
  options.onStage?.('check');
  const client = clientOf(target.conn, target.label);
  await checkOrg(client, target);
  options.onStage?.('serve');
  let server: PreviewServer;
  try {
    server = await startPreviewServer({ client, build, port: options.port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw messages.createError('error.PortInUse', [options.port]);
    }
    throw error;
  }
  return {
    url: server.url,
    port: server.port,
    username: target.username,
    local: target.local,
    build,
    server,
    close: () => server.close()
  };
}
