/**
 * Flags every maintenance command shares. -o/--target-org is a plain string rather than Flags.optionalOrg: an
 * omitted flag must mean "the embedded local org", not the user's default org, and the local org may have to be
 * started before an Org can be built for it.
 */
import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.common');

export const targetOrgFlag = Flags.string({
  char: 'o',
  summary: messages.getMessage('flags.target-org.summary'),
  description: messages.getMessage('flags.target-org.description'),
  aliases: ['targetusername', 'u'],
  deprecateAliases: true
});

export const apiVersionFlag = Flags.orgApiVersion({ summary: messages.getMessage('flags.api-version.summary') });
