import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { DATABASE_FILE, defaultDataDir, findRunningOrg, readIdentity, recordCounts } from '../../../localOrg/daemon.js';
import { DEFAULT_LOCAL_ORG_ALIAS, usernameOfAlias } from '../../../localOrg/registration.js';
import { NEWEST_API_VERSION } from '../../../localOrg/rest/identity.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.org.status');

export interface OrgStatusResult {
  running: boolean;
  instanceUrl?: string;
  pid?: number;
  /** The alias, when it points to this org's user. */
  alias?: string;
  username?: string;
  orgId?: string;
  dataDir: string;
  apiVersion: string;
  recordCounts: Record<string, number>;
}

export default class OrgStatus extends SfCommand<OrgStatusResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'data-dir': Flags.directory({ summary: messages.getMessage('flags.data-dir.summary') }),
    alias: Flags.string({ summary: messages.getMessage('flags.alias.summary'), default: DEFAULT_LOCAL_ORG_ALIAS })
  };

  public async run(): Promise<OrgStatusResult> {
    const { flags } = await this.parse(OrgStatus);
    const dataDir = resolve(flags['data-dir'] ?? defaultDataDir());
    const apiVersion = `${NEWEST_API_VERSION}.0`;
    if (!existsSync(join(dataDir, DATABASE_FILE))) {
      this.log(messages.getMessage('info.none', [dataDir]));
      return { running: false, dataDir, apiVersion, recordCounts: {} };
    }
    const identity = readIdentity(dataDir);
    const running = await findRunningOrg(dataDir);
    const aliasUser = await usernameOfAlias(flags.alias);
    const alias = identity && aliasUser === identity.username ? flags.alias : undefined;
    const counts = recordCounts(dataDir);
    this.log(
      running
        ? messages.getMessage('info.running', [running.instanceUrl, running.pid])
        : messages.getMessage('info.stopped')
    );
    this.table({
      data: [
        { property: 'URL', value: running?.instanceUrl ?? '' },
        { property: 'Alias', value: alias ?? '' },
        { property: 'Username', value: identity?.username ?? '' },
        { property: 'Org ID', value: identity?.orgId ?? '' },
        { property: 'Data directory', value: dataDir },
        { property: 'API version', value: apiVersion },
        ...Object.entries(counts).map(([name, count]) => ({ property: `${name} records`, value: String(count) }))
      ]
    });
    return {
      running: running !== undefined,
      instanceUrl: running?.instanceUrl,
      pid: running?.pid,
      alias,
      username: identity?.username,
      orgId: identity?.orgId,
      dataDir,
      apiVersion,
      recordCounts: counts
    };
  }
}
