/**
 * Small questions every command asks an org, written once: who am I, a whole query result, a query over a long list
 * of values, the calendars deployed there, and how to put a value into SOQL safely.
 */
import type { Connection } from '@salesforce/core';
import { calendarFromMetadata, transitionOptionFromMetadata, type Calendar, type TransitionOption } from '#engine';

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
