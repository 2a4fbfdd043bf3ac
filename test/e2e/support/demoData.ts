/**
 * What the end-to-end tests need to know about the seeded demo org: which account tells which story, and how the
 * components show a day or an instant to its user (the org's user is French: fr-FR, Europe/Paris).
 */
import { join } from 'node:path';
import { userSettings } from '../../../src/localOrg/uiApi/userSettings.js';
import { readLabelCatalog } from '../../../src/preview/labels.js';
import { fieldText } from '../../../src/shared/recordFields.js';
import { forceAppDir } from '../../../src/shared/projectPaths.js';
import type { DemoOrg } from './demoOrg.js';

/**
 * The n-th account of a demo story.
 * @param demo the seeded org
 * @param story e.g. `gap-ahead`
 * @param index 0 for the first account telling it
 */
export async function storyAccount(
  demo: DemoOrg,
  story: string,
  index = 0
): Promise<{ id: string; name: string; key: string }> {
  const account = (demo.seed.accounts ?? []).filter((candidate) => candidate.story === story)[index];
  if (!account) throw new Error(`The seed has no account #${index + 1} for the story ${story}`);
  const escaped = account.name.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  const result = await demo.conn.query<{ Id: string }>(`SELECT Id FROM Account WHERE Name = '${escaped}'`);
  if (result.records.length !== 1) throw new Error(`Account ${account.name} is not in the org once`);
  return { id: result.records[0].Id, name: account.name, key: account.key };
}

/** `YYYY-MM-DD` plus `days`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A calendar day as c/maintenanceFormat shows it (medium date style, the user's locale). */
export function formatDayLikeComponents(demo: DemoOrg, day: string): string {
  const { locale } = userSettings(demo.org.store);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    Date.parse(`${day}T00:00:00Z`)
  );
}

/** An instant as c/maintenanceFormat shows it (medium date, short time, the user's locale and time zone). */
export function formatInstantLikeComponents(demo: DemoOrg, instant: string): string {
  const { locale, timeZone } = userSettings(demo.org.store);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    Date.parse(instant)
  );
}

const labels = readLabelCatalog(join(forceAppDir, 'main', 'default'));

/**
 * A custom label's value in the org user's language (English for the demo org's user), so that tests find buttons
 * and messages by the words the components show.
 * @param name the label's API name, e.g. `Incident_Action_Wait`
 * @param values replacements for `{0}`, `{1}`...
 */
export function label(name: string, ...values: unknown[]): string {
  const value = labels.values[name];
  if (value === undefined) throw new Error(`No custom label ${name}`);
  return value.replace(/\{(\d+)\}/g, (match, index: string) => fieldText(values[Number(index)], match));
}

/** A number as c/maintenanceFormat shows it (the user's locale, at most two decimals). */
export function formatNumberLikeComponents(demo: DemoOrg, value: number): string {
  const { locale } = userSettings(demo.org.store);
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** An amount as c/maintenanceFormat shows it (the user's locale, the org's currency). */
export function formatCurrencyLikeComponents(demo: DemoOrg, value: number): string {
  const { locale, currency } = userSettings(demo.org.store);
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value);
}

/** A ratio as c/maintenanceFormat shows it as a percentage (the user's locale, no decimals). */
export function formatPercentLikeComponents(demo: DemoOrg, ratio: number): string {
  const { locale } = userSettings(demo.org.store);
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** A month (`YYYY-MM`) as c/maintenanceFormat shows it (short month, two-digit year, the user's locale). */
export function formatMonthLikeComponents(demo: DemoOrg, month: string): string {
  const { locale } = userSettings(demo.org.store);
  return new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(
    Date.parse(`${month}-01T00:00:00Z`)
  );
}
