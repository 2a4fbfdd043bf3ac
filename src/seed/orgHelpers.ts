/**
 * Small questions every command asks an org, written once: who am I, and how to put a value into SOQL safely.
 */
import type { Connection } from '@salesforce/core';

/** SOQL string literal: quotes and backslashes escaped, so that no value can change the query. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The user the connection runs as, from the OAuth userinfo endpoint every org answers. */
export async function runningUser(conn: Connection): Promise<{ id: string; username: string }> {
  const info = await conn.request<{ user_id: string; preferred_username: string }>('/services/oauth2/userinfo');
  return { id: info.user_id, username: info.preferred_username };
}
