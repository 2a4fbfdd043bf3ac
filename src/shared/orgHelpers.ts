/**
 * Small questions every command asks an org, written once: who am I, a whole query result, a query over a long list
 * of values, the calendars deployed there, an account named by the user, the user's "today", and how to put a value
 * into SOQL safely.
 */
import type { Connection } from '@salesforce/core';
import { calendarFromMetadata, transitionOptionFromMetadata, type Calendar, type TransitionOption } from '#engine';
import { isTimeZone, todayIn } from './dates.js';

/** Values per `IN (...)` list: keeps the query URL well under the 16 KB a REST GET may carry. */
const VALUES_PER_QUERY = 300;

/** SOQL string literal: quotes and backslashes escaped, so that no value can change the query. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Splits a list into lists of at most `size` items. */
export function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

/** The user the connection runs as, from the OAuth userinfo endpoint every org answers. */
export async function runningUser(conn: Connection): Promise<{ id: string; username: string }> {
  const info = await conn.request<{ user_id: string; preferred_username: string }>('/services/oauth2/userinfo');
  return { id: info.user_id, username: info.preferred_username };
}

/** Every row of a query, following queryMore. */
export async function queryAll<T extends Record<string, unknown>>(conn: Connection, soql: string): Promise<T[]> {
  return (await conn.query<T>(soql, { autoFetch: true, maxFetch: 10_000_000 })).records;
}

/**
 * Every row of a query filtered by a list of values of any length: `soql` receives one `'a','b'` list at a time.
 * @param values raw values, quoted here
 */
export async function queryIn<T extends Record<string, unknown>>(
  conn: Connection,
  values: string[],
  soql: (list: string) => string
): Promise<T[]> {
  const rows: T[] = [];
  for (const batch of chunks([...new Set(values)], VALUES_PER_QUERY)) {
    rows.push(...(await queryAll<T>(conn, soql(batch.map(soqlString).join(',')))));
  }
  return rows;
}

/** The calendars deployed in the org (Maintenance_Calendar__mdt), as engine calendars by DeveloperName. */
export async function readOrgCalendars(conn: Connection): Promise<Record<string, Calendar>> {
  const calendars: Record<string, Calendar> = {};
  const records = await queryAll(
    conn,
    'SELECT DeveloperName, Time_Zone__c, Always_Open__c, Monday_Hours__c, Tuesday_Hours__c, Wednesday_Hours__c, ' +
      'Thursday_Hours__c, Friday_Hours__c, Saturday_Hours__c, Sunday_Hours__c, Holidays__c FROM Maintenance_Calendar__mdt'
  );
  for (const record of records) calendars[String(record.DeveloperName)] = calendarFromMetadata(record);
  return calendars;
}

/** The transition options deployed in the org (Transition_Option__mdt), in engine shape. */
export async function readOrgTransitionOptions(conn: Connection): Promise<TransitionOption[]> {
  const records = await queryAll(
    conn,
    'SELECT DeveloperName, MasterLabel, Lead_Time_Days__c, Contract_Type__c, Term_Months__c, Sort_Order__c, ' +
      'Description__c FROM Transition_Option__mdt'
  );
  return records.map((record) => transitionOptionFromMetadata(record));
}

export interface AccountRow {
  Id: string;
  Name: string;
  AccountNumber: string | null;
}

/** Finds one account by id, AccountNumber or exact name; undefined when none matches. */
export async function findAccount(conn: Connection, text: string): Promise<AccountRow | undefined> {
  const looksLikeId = /^001[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/.test(text);
  const where = looksLikeId
    ? `Id = ${soqlString(text)}`
    : `AccountNumber = ${soqlString(text)} OR Name = ${soqlString(text)}`;
  const rows = await queryAll<AccountRow & Record<string, unknown>>(
    conn,
    `SELECT Id, Name, AccountNumber FROM Account WHERE ${where} LIMIT 2`
  );
  return rows[0];
}

/**
 * The Salesforce time zone of a user (User.TimeZoneSidKey): the zone in which the components
 * on the Account page count "today", so the CLI counts days the same way.
 * @returns the IANA zone, or undefined when the user cannot be read or the zone is unknown to this runtime
 */
export async function readUserTimeZone(conn: Connection, username: string): Promise<string | undefined> {
  const rows = await queryAll(conn, `SELECT TimeZoneSidKey FROM User WHERE Username = ${soqlString(username)} LIMIT 1`);
  const zone = rows[0]?.TimeZoneSidKey;
  return typeof zone === 'string' && isTimeZone(zone) ? zone : undefined;
}

/**
 * "Today" as the Account page counts it: the day in the user's Salesforce time zone, else in the machine's zone.
 * @returns `YYYY-MM-DD`
 */
export async function readUserToday(conn: Connection, username: string): Promise<string> {
  return todayIn((await readUserTimeZone(conn, username)) ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
}
