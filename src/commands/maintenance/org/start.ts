import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { defaultDataDir, LOG_FILE, startBackground } from '../../../localOrg/daemon.js';
import { DataDirLockedError } from '../../../localOrg/dataDir.js';
import { DEFAULT_LOCAL_ORG_ALIAS, registerLocalOrg } from '../../../localOrg/registration.js';
import { NEWEST_API_VERSION } from '../../../localOrg/rest/identity.js';
import { join, resolve } from 'node:path';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.org.start');

export interface OrgStartResult {
  instanceUrl: string;
  alias: string;
  username: string;
  orgId: string;
  dataDir: string;
  pid: number;
  apiVersion: string;
  /** False when the org was already running. */
  started: boolean;
}

export default class OrgStart extends SfCommand<OrgStartResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    port: Flags.integer({ summary: messages.getMessage('flags.port.summary'), min: 0, max: 65535, default: 0 }),
    'data-dir': Flags.directory({ summary: messages.getMessage('flags.data-dir.summary') }),
    alias: Flags.string({ summary: messages.getMessage('flags.alias.summary'), default: DEFAULT_LOCAL_ORG_ALIAS }),
    foreground: Flags.boolean({ summary: messages.getMessage('flags.foreground.summary'), default: false })
  };

  public async run(): Promise<OrgStartResult> {
    const { flags } = await this.parse(OrgStart);
    const dataDir = resolve(flags['data-dir'] ?? defaultDataDir());
    const apiVersion = `${NEWEST_API_VERSION}.0`;
    if (flags.foreground) {
      let org;
      try {
        // The server itself (SQLite, the API handlers) loads only when this process is to be the org.
        const { serve } = await import('../../../localOrg/serve.js');
        org = await serve(dataDir, flags.port);
      } catch (error) {
        throw this.startError(error, flags.port, dataDir);
      }
      const username = await registerLocalOrg(org, flags.alias);
      this.log(messages.getMessage('info.foreground', [org.instanceUrl, flags.alias]));
      // serve() exits the process on SIGINT/SIGTERM; until then the command stays here.
      await new Promise<never>(() => undefined);
      return {
        instanceUrl: org.instanceUrl,
        alias: flags.alias,
        username,
        orgId: org.orgId,
        dataDir,
        pid: process.pid,
        apiVersion,
        started: true
      };
    }
    let outcome;
    try {
      outcome = await startBackground({ dataDir, port: flags.port });
    } catch (error) {
      throw this.startError(error, flags.port, dataDir);
    }
    const { org, started } = outcome;
    const username = await registerLocalOrg(org, flags.alias);
    this.log(
      messages.getMessage(started ? 'info.started' : 'info.alreadyRunning', [
        org.instanceUrl,
        org.pid,
        flags.alias,
        username
      ])
    );
    return {
      instanceUrl: org.instanceUrl,
      alias: flags.alias,
      username,
      orgId: org.orgId,
      dataDir,
      pid: org.pid,
      apiVersion,
      started
    };
  }

  private startError(error: unknown, port: number, dataDir: string): Error {
    const message = (error as Error).message ?? String(error);
    if (error instanceof DataDirLockedError) {
      return messages.createError(
        'error.DataDirInUse',
        [dataDir, error.holder.pid ?? 'unknown', error.holder.instanceUrl ?? 'URL not known yet'],
        [dataDir],
        error
      );
    }
    if (/EADDRINUSE/.test(message)) return messages.createError('error.PortInUse', [port], [], error as Error);
    return messages.createError('error.StartFailed', [message], [join(dataDir, LOG_FILE)], error as Error);
  }
}
