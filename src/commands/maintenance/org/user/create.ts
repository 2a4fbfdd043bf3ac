import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { apiVersionFlag, targetOrgFlag } from '../../../../shared/commandFlags.js';
import { resolveTargetOrg } from '../../../../shared/targetOrg.js';
import type { NewUser } from '../../../../localOrg/users.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.org.user.create');

export type OrgUserCreateResult = NewUser & { instanceUrl: string };

export default class OrgUserCreate extends SfCommand<OrgUserCreateResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': targetOrgFlag,
    'api-version': apiVersionFlag,
    username: Flags.string({ summary: messages.getMessage('flags.username.summary'), required: true }),
    permsets: Flags.string({
      summary: messages.getMessage('flags.permsets.summary'),
      multiple: true,
      delimiter: ','
    }),
    'last-name': Flags.string({ summary: messages.getMessage('flags.last-name.summary') })
  };

  public async run(): Promise<OrgUserCreateResult> {
    const { flags } = await this.parse(OrgUserCreate);
    const target = await resolveTargetOrg(flags['target-org'], { apiVersion: flags['api-version'] });
    const permissionSets = (flags.permsets ?? []).map((name) => name.trim()).filter(Boolean);
    // Its module reaches the local org's permission model: loaded with this command, not with every one.
    const { createUserWithPermissionSets } = await import('../../../../localOrg/users.js');
    const user = await createUserWithPermissionSets(target.conn, {
      username: flags.username,
      permissionSets,
      lastName: flags['last-name']
    });
    this.log(
      messages.getMessage('info.created', [
        user.username,
        user.profile,
        permissionSets.length > 0 ? permissionSets.join(', ') : '-',
        target.instanceUrl
      ])
    );
    this.log(messages.getMessage('info.password', [user.password]));
    return { ...user, instanceUrl: target.instanceUrl };
  }
}
