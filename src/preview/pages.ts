/**
 * What each preview page needs from the org before the browser takes over, read by the server so that the page
 * arrives with it (the Maintenance tab's own data is then the components' business, through the UI API):
 * - the user's context (id, locale, language, time zone, currency) that `@salesforce/i18n|user` answer;
 * - the account list: accounts with the contract and checklist fields the engine computes coverage from;
 * - an account's header and details: its record through the UI API, labelled from its object info;
 * - the URLs of the org's static resources, as `@salesforce/resourceUrl` gives them on the platform.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { forceAppDir } from '../shared/projectPaths.js';
import { fieldText } from '../shared/recordFields.js';
import { OrgRequestError, type OrgClient } from './orgClient.js';

export interface UserContext {
  apiVersion: string;
  userId: string;
  locale: string;
  language: string;
  timeZone: string;
  currency: string;
  direction: 'ltr';
  isGuest: false;
  orgLabel: string;
}

export interface AccountSummary {
  id: string;
  name: string;
  contracts: Record<string, unknown>[];
  checklists: Record<string, unknown>[];
  transitions: Record<string, unknown>[];
  amendments: Record<string, unknown>[];
  incidentCount: number;
}

export interface AccountDetail {
  id: string;
  name: string;
  fields: { apiName: string; label: string; value: string | null }[];
}

/** A quick action of the Account page that runs a Lightning Web Component. */
export interface QuickAction {
  apiName: string;
  label: string;
  /** The component's name in the c namespace, e.g. `incidentLogger`. */
  component: string;
}

/**
 * The fields the engine's contractFromRecord / checklistFromRecord / transitionFromRecord / amendmentFromRecord read
 * for coverage (maintenanceEngine.coverageSummary: tacit renewals, amended end dates, go-lives).
 */
const CONTRACT_FIELDS = [
  'Id',
  'Name',
  'Status__c',
  'Start_Date__c',
  'End_Date__c',
  'Notice_Period_Days__c',
  'Notice_Deadline__c',
  'Tacit_Renewal__c',
  'Renewal_Term_Months__c',
  'Max_Renewals__c',
  'Notice_Given_On__c',
  'Time_Zone__c'
];
const CHECKLIST_FIELDS = ['Id', 'Name', 'Go_Live_Date__c', 'Warranty_End_Date__c', 'Phase__c'];
const TRANSITION_FIELDS = ['Id', 'Name', 'Go_Live_Date__c', 'Warranty_End_Date__c', 'Handover_Checklist__c'];
const AMENDMENT_FIELDS = ['Id', 'Name', 'Contract__c', 'Effective_Date__c', 'New_End_Date__c', 'Budget_Days_Change__c'];

/** Fields of the Details tab, when the org has them. */
const DETAIL_FIELDS = ['Name', 'Type', 'Industry', 'Phone', 'Website', 'BillingCity', 'BillingCountry', 'Description'];

/** Most accounts the list shows (a preview, not a report). */
export const MAX_LISTED_ACCOUNTS = 500;

/** Salesforce locale keys are `ll_CC`; Intl wants `ll-CC`. */
function bcp47(localeSidKey: string): string {
  const [language, country] = localeSidKey.split('_');
  try {
    return Intl.getCanonicalLocales(country ? `${language}-${country}` : language)[0];
  } catch {
    return 'en-US';
  }
}

/**
 * The signed-in user's settings, from the OpenID userinfo resource, and the org's currency.
 * @param client the org
 */
export async function userContext(client: OrgClient): Promise<UserContext> {
  const info = await client.getJson<{ user_id: string; locale?: string; language?: string; zoneinfo?: string }>(
    '/services/oauth2/userinfo'
  );
  let currency = 'EUR';
  try {
    const [organization] = await client.query<{ DefaultCurrencyIsoCode?: string }>(
      'SELECT DefaultCurrencyIsoCode FROM Organization LIMIT 1'
    );
    currency = organization?.DefaultCurrencyIsoCode ?? currency;
  } catch (error) {
    // Orgs without the field (the local org) keep the euro, the currency of the package's first users.
    if (!(error instanceof OrgRequestError)) throw error;
  }
  return {
    apiVersion: client.session.apiVersion,
    userId: info.user_id,
    locale: bcp47(info.locale ?? 'en_US'),
    language: info.language ?? 'en_US',
    timeZone: info.zoneinfo ?? 'UTC',
    currency,
    direction: 'ltr',
    isGuest: false,
    orgLabel: client.session.label
  };
}

/** A static resource's name as Salesforce allows it (letters, digits, underscores, starting with a letter). */
export const STATIC_RESOURCE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/**
 * The URL of each static resource of the org, `/resource/<last modified, epoch ms>/<Name>`, the form
 * `@salesforce/resourceUrl` compiles to on the platform: the timestamp changes with every deploy of the resource, so
 * a browser never reads a stale copy from its cache.
 * @param client the org
 * @returns name -> URL (empty when the org's static resources cannot be listed)
 */
export async function staticResourceUrls(client: OrgClient): Promise<Record<string, string>> {
  let rows: { Name: string; SystemModstamp: string }[];
  try {
    rows = await client.query<{ Name: string; SystemModstamp: string }>(
      'SELECT Name, SystemModstamp FROM StaticResource'
    );
  } catch (error) {
    // Without the list the components still reach each resource by name, at /resource/<Name>.
    if (error instanceof OrgRequestError) return {};
    throw error;
  }
  const urls: Record<string, string> = {};
  for (const row of rows) {
    const stamp = Date.parse(String(row.SystemModstamp).replace(/\+0000$/, 'Z'));
    urls[row.Name] = `/resource/${Number.isNaN(stamp) ? 0 : stamp}/${row.Name}`;
  }
  return urls;
}

/**
 * A static resource's body, read with the REST API (the sObject's Body blob), for the preview to serve at its
 * `/resource/...` URL as the platform does.
 * @param client the org
 * @param name the resource's API name
 * @returns undefined when the org has no such resource
 */
export async function staticResourceBody(
  client: OrgClient,
  name: string
): Promise<{ contentType: string; body: Buffer } | undefined> {
  if (!STATIC_RESOURCE_NAME.test(name)) return undefined;
  const [row] = await client.query<{ Id: string; ContentType: string | null }>(
    `SELECT Id, ContentType FROM StaticResource WHERE Name = '${name}' LIMIT 1`
  );
  if (!row) return undefined;
  const answer = await client.send('GET', `${client.dataPath}/sobjects/StaticResource/${row.Id}/Body`);
  if (answer.status >= 400) throw new OrgRequestError(answer.status, answer.body.toString('utf8'));
  return { contentType: row.ContentType || 'application/octet-stream', body: answer.body };
}

type Row = Record<string, unknown> & { attributes?: unknown };

function withoutAttributes(record: Row): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...record };
  delete copy.attributes;
  return copy;
}

function childRecords(value: unknown): Row[] {
  return (value as { records?: Row[] } | null)?.records ?? [];
}

/**
 * The accounts with what their coverage badge needs, by name.
 * @param client the org
 */
export async function accountSummaries(client: OrgClient): Promise<AccountSummary[]> {
  const soql =
    `SELECT Id, Name, ` +
    `(SELECT ${CONTRACT_FIELDS.join(', ')} FROM Maintenance_Contracts__r), ` +
    `(SELECT ${CHECKLIST_FIELDS.join(', ')} FROM Handover_Checklists__r), ` +
    `(SELECT ${TRANSITION_FIELDS.join(', ')} FROM Maintenance_Transitions__r), ` +
    `(SELECT ${AMENDMENT_FIELDS.join(', ')} FROM Contract_Amendments__r), ` +
    `(SELECT Id FROM Maintenance_Incidents__r) ` +
    `FROM Account ORDER BY Name LIMIT ${MAX_LISTED_ACCOUNTS}`;
  const rows = await client.query<Row>(soql);
  return rows.map((row) => ({
    id: String(row.Id),
    name: fieldText(row.Name),
    contracts: childRecords(row.Maintenance_Contracts__r).map(withoutAttributes),
    checklists: childRecords(row.Handover_Checklists__r).map(withoutAttributes),
    transitions: childRecords(row.Maintenance_Transitions__r).map(withoutAttributes),
    amendments: childRecords(row.Contract_Amendments__r).map(withoutAttributes),
    incidentCount: childRecords(row.Maintenance_Incidents__r).length
  }));
}

interface UiRecord {
  id: string;
  fields: Record<string, { value: unknown; displayValue: string | null }>;
}

interface UiObjectInfo {
  fields: Record<string, { label: string }>;
}

/**
 * An account's header and Details fields, or undefined when there is no such account.
 * @param client the org
 * @param accountId the id in the URL
 */
export async function accountDetail(client: OrgClient, accountId: string): Promise<AccountDetail | undefined> {
  if (!/^001[0-9A-Za-z]{12}([0-9A-Za-z]{3})?$/.test(accountId)) return undefined;
  const info = await client.getJson<UiObjectInfo>(`${client.dataPath}/ui-api/object-info/Account`);
  const present = DETAIL_FIELDS.filter((name) => info.fields[name]);
  let record: UiRecord;
  try {
    record = await client.getJson<UiRecord>(
      `${client.dataPath}/ui-api/records/${accountId}?optionalFields=${present.map((name) => `Account.${name}`).join(',')}`
    );
  } catch (error) {
    if (error instanceof OrgRequestError && (error.status === 404 || error.status === 400)) return undefined;
    throw error;
  }
  return {
    id: record.id,
    name: fieldText(record.fields.Name?.value),
    fields: present.map((name) => {
      const entry = record.fields[name];
      const value = entry?.displayValue ?? entry?.value;
      return {
        apiName: name,
        label: info.fields[name].label,
        value: value === null || value === undefined ? null : fieldText(value)
      };
    })
  };
}

const xml = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === 'valueListItems'
});

/**
 * The Lightning Web Component quick actions the package's Account record page lists in its highlights panel (the
 * flexipage's dynamic actions), in its order, from the package source: the page the preview mirrors.
 * @param sourceDir the package's `main/default` folder
 */
export function accountQuickActions(sourceDir: string = join(forceAppDir, 'main', 'default')): QuickAction[] {
  const page = join(sourceDir, 'flexipages', 'Account_Maintenance_Record_Page.flexipage-meta.xml');
  if (!existsSync(page)) return [];
  const actionNames = [...readFileSync(page, 'utf8').matchAll(/<value>(Account\.[A-Za-z0-9_]+)<\/value>/g)].map(
    (match) => match[1]
  );
  const actions: QuickAction[] = [];
  for (const apiName of actionNames) {
    const file = join(sourceDir, 'quickActions', `${apiName}.quickAction-meta.xml`);
    if (!existsSync(file)) continue;
    const action = (xml.parse(readFileSync(file, 'utf8')) as { QuickAction?: Record<string, unknown> }).QuickAction;
    if (action?.type !== 'LightningWebComponent' || typeof action.lightningWebComponent !== 'string') continue;
    actions.push({ apiName, label: fieldText(action.label, apiName), component: action.lightningWebComponent });
  }
  return actions;
}
