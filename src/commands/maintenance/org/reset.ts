import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { defaultDataDir, readIdentity, stopBackground } from '../../../localOrg/daemon.js';
import { unregisterLocalOrg } from '../../../localOrg/registration.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.org.reset');

export interface OrgResetResult {
  dataDir: string;
  /** False when there was nothing to delete or the user said no. */
  deleted: boolean;
  /** The username whose registration was removed. */
  username?: string;
}

export default class OrgReset extends SfCommand<OrgResetResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'data-dir': Flags.directory({ summary: messages.getMessage('flags.data-dir.summary') }),
    'no-prompt': Flags.boolean({ summary: messages.getMessage('flags.no-prompt.summary'), default: false })
  };

  public async run(): Promise<OrgResetResult> {
    const { flags } = await this.parse(OrgReset);
    const dataDir = resolve(flags['data-dir'] ?? defaultDataDir());
    if (!existsSync(dataDir)) {
      this.log(messages.getMessage('info.nothing', [dataDir]));
      return { dataDir, deleted: false };
    }
    if (!flags['no-prompt'] && !(await this.confirm({ message: messages.getMessage('prompt.confirm', [dataDir]) }))) {
      this.log(messages.getMessage('info.cancelled'));
      return { dataDir, deleted: false };
    }
    const identity = readIdentity(dataDir);
    await stopBackground(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
    if (identity) await unregisterLocalOrg(identity.username);
    this.log(messages.getMessage('info.deleted', [dataDir]));
    return { dataDir, deleted: true, username: identity?.username };
  }
}
