import { spawn } from 'node:child_process';
import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { apiVersionFlag, targetOrgFlag } from '../../shared/commandFlags.js';
import { orgAccessError } from '../../shared/targetOrg.js';
import type { PreviewSession } from '../../preview/session.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.preview');

export interface PreviewResult {
  url: string;
  accountsUrl: string;
  port: number;
  targetOrg: string;
  local: boolean;
  buildHash: string;
  /** False when an unchanged build was reused. */
  compiled: boolean;
  buildSeconds: number;
}

/** The command that opens a URL in the desktop's browser, per platform. */
function opener(url: string): [string, string[]] {
  if (process.platform === 'darwin') return ['open', [url]];
  if (process.platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  return ['xdg-open', [url]];
}

export default class Preview extends SfCommand<PreviewResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': targetOrgFlag,
    'api-version': apiVersionFlag,
    port: Flags.integer({ summary: messages.getMessage('flags.port.summary'), min: 0, max: 65535, default: 0 }),
    open: Flags.boolean({ summary: messages.getMessage('flags.open.summary'), default: false })
  };

  public async run(): Promise<PreviewResult> {
    const { flags } = await this.parse(Preview);
    // The preview server and its build (rollup, the LWC compiler) load with this command only.
    const { startPreviewSession } = await import('../../preview/session.js');
    let session: PreviewSession;
    try {
      session = await startPreviewSession({
        targetOrg: flags['target-org'],
        apiVersion: flags['api-version'],
        port: flags.port,
        onStage: (stage) => {
          if (stage === 'build') this.spinner.start(messages.getMessage('info.building'));
        }
      });
    } catch (error) {
      this.spinner.stop('failed');
      const label = flags['target-org'] ?? 'maintenance-local';
      throw orgAccessError(error, { label, instanceUrl: '(its instance URL)' }) ?? error;
    }
    this.spinner.stop(
      session.build.compiled
        ? messages.getMessage('info.built', [(session.build.durationMs / 1000).toFixed(1)])
        : messages.getMessage('info.reused')
    );
    const accountsUrl = `${session.url}/lightning/o/Account/list`;
    const result: PreviewResult = {
      url: session.url,
      accountsUrl,
      port: session.port,
      targetOrg: session.username,
      local: session.local,
      buildHash: session.build.hash,
      compiled: session.build.compiled,
      buildSeconds: Math.round(session.build.durationMs / 100) / 10
    };
    // A server runs until it is stopped, so the JSON result (what scripts need: the URL) prints once it listens.
    if (this.jsonEnabled()) this.logJson({ status: 0, result });
    else this.log(messages.getMessage('info.serving', [session.username, session.url, accountsUrl]));
    if (flags.open) this.openBrowser(accountsUrl);
    await this.serveUntilStopped(session);
    return result;
  }

  /**
   * Waits for Ctrl+C (or SIGTERM) and exits 0. SfCommand's own signal handlers, which run right after this one in
   * the same tick, would exit 130 through an uncaught error, so this one ends the process at once: the preview holds
   * no state, and the sockets close with the process.
   */
  private serveUntilStopped(session: PreviewSession): Promise<never> {
    return new Promise<never>(() => {
      const stop = (): void => {
        session.server.server.closeAllConnections();
        if (!this.jsonEnabled()) this.log(messages.getMessage('info.stopped'));
        process.exit(0);
      };
      process.prependOnceListener('SIGINT', stop);
      process.prependOnceListener('SIGTERM', stop);
    });
  }

  private openBrowser(url: string): void {
    const [command, args] = opener(url);
    try {
      const child = spawn(command, args, { detached: true, stdio: 'ignore' });
      child.on('error', (error) => this.warn(messages.getMessage('warn.openFailed', [error.message, url])));
      child.unref();
    } catch (error) {
      this.warn(messages.getMessage('warn.openFailed', [(error as Error).message, url]));
    }
  }
}
