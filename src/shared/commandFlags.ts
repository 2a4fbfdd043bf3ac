/**
 * Flags several maintenance commands share, defined once, with their bounds: oclif checks them before run() starts.
 * -o/--target-org is a plain string rather than Flags.optionalOrg: an omitted flag must mean "the embedded local
 * org", not the user's default org, and the local org may have to be started before an Org can be built for it.
 */
import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DEFAULT_BULK_THRESHOLD } from '../seed/loader.js';
import { isDay } from './dates.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.common');

export const targetOrgFlag = Flags.string({
  char: 'o',
  summary: messages.getMessage('flags.target-org.summary'),
  description: messages.getMessage('flags.target-org.description'),
  aliases: ['targetusername', 'u'],
  deprecateAliases: true
});

export const apiVersionFlag = Flags.orgApiVersion({
  summary: messages.getMessage('flags.api-version.summary'),
  description: messages.getMessage('flags.api-version.description')
});

/** --scale above this is surely a typo (100,000 accounts per story entry). */
export const MAX_SCALE = 10_000;

/** What a seed generates (seed, setup). */
export const seedFlags = {
  recipe: Flags.string({ char: 'r', summary: messages.getMessage('flags.recipe.summary') }),
  scale: Flags.integer({ summary: messages.getMessage('flags.scale.summary'), min: 1, max: MAX_SCALE }),
  seed: Flags.integer({ char: 's', summary: messages.getMessage('flags.seed.summary'), min: 0, max: 2 ** 31 - 1 })
};

/** When a load switches from sObject Collections to Bulk API 2.0 (seed, setup, sla recompute). */
export const bulkThresholdFlag = Flags.integer({
  summary: messages.getMessage('flags.bulk-threshold.summary'),
  min: 1,
  default: DEFAULT_BULK_THRESHOLD
});

/** How the package is deployed and which permission sets are assigned (deploy, setup). */
export const deployFlags = {
  wait: Flags.duration({
    char: 'w',
    unit: 'minutes',
    summary: messages.getMessage('flags.wait.summary'),
    min: 1,
    max: 600,
    defaultValue: 33
  }),
  permsets: Flags.string({ summary: messages.getMessage('flags.permsets.summary'), multiple: true, delimiter: ',' })
};

/**
 * The day a command computes "today" as (hidden: reproducible tests, a report "as of" a past day); without it, today
 * in the user's Salesforce time zone.
 */
export const todayFlag = Flags.custom<string>({
  summary: messages.getMessage('flags.today.summary'),
  hidden: true,
  parse: (input) => {
    if (!isDay(input)) throw messages.createError('error.InvalidDay', [input]);
    return Promise.resolve(input);
  }
})();
