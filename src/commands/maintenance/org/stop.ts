import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { resolve } from 'node:path';
import { defaultDataDir, stopBackground } from '../../../localOrg/daemon.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.org.stop');

export interface OrgStopResult {
  dataDir: string;
  /** False when the org was not running. */
  stopped: boolean;
}

export default class OrgStop extends SfCommand<OrgStopResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'data-dir': Flags.directory({ summary: messages.getMessage('flags.data-dir.summary') })
  };

  public async run(): Promise<OrgStopResult> {
    const { flags } = await this.parse(OrgStop);
    const dataDir = resolve(flags['data-dir'] ?? defaultDataDir());
    const stopped = await stopBackground(dataDir);
    this.log(messages.getMessage(stopped ? 'info.stopped' : 'info.notRunning', [dataDir]));
    return { dataDir, stopped };
  }
}
