/**
 * Creating a login-ready user through the standard APIs only (so it works on the local org and on a real org):
 * User insert with the "Standard User" profile, PermissionSetAssignment per permission set, and a generated password
 * set through the REST password resource (`POST /sobjects/User/{id}/password`).
 */
import type { Connection } from '@salesforce/core';
import { SfApiError } from './errors.js';
import { BASE_PROFILE_NAME } from './permissions.js';
import { generatePassword } from './sessions.js';

export interface NewUserOptions {
  username: string;
  /** Permission set API names to assign. */
  permissionSets: string[];
  lastName?: string;
  email?: string;
  /** Password to set; a random one is generated when absent. */
  password?: string;
}

export interface NewUser {
  id: string;
  username: string;
  password: string;
  profile: string;
  permissionSets: string[];
}

function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Creates the user, assigns the permission sets and sets the password; fails before creating when a set is unknown. */
export async function createUserWithPermissionSets(conn: Connection, options: NewUserOptions): Promise<NewUser> {
  const setIds: string[] = [];
  for (const name of options.permissionSets) {
    const found = await conn.query<{ Id: string }>(`SELECT Id FROM PermissionSet WHERE Name = ${soqlString(name)}`);
    if (found.records.length === 0) {
      throw new SfApiError('NOT_FOUND', `No permission set named ${name}: deploy the package first.`, 404);
    }
    setIds.push(found.records[0].Id);
  }
  const profile = await conn.query<{ Id: string }>(
    `SELECT Id FROM Profile WHERE Name = ${soqlString(BASE_PROFILE_NAME)}`
  );
  if (profile.records.length === 0) throw new SfApiError('NOT_FOUND', `No "${BASE_PROFILE_NAME}" profile`, 404);
  const local = options.username.split('@')[0];
  const created = await conn.sobject('User').create({
    Username: options.username,
    LastName: options.lastName ?? local,
    Alias: local.replace(/[^A-Za-z0-9]/g, '').slice(0, 8) || 'user',
    Email: options.email ?? options.username,
    ProfileId: profile.records[0].Id,
    TimeZoneSidKey: 'Europe/Paris',
    LocaleSidKey: 'fr_FR',
    LanguageLocaleKey: 'en_US',
    EmailEncodingKey: 'UTF-8'
  });
  if (!created.success) throw new Error(`User not created: ${JSON.stringify(created.errors)}`);
  for (const permissionSetId of setIds) {
    const assigned = await conn
      .sobject('PermissionSetAssignment')
      .create({ AssigneeId: created.id, PermissionSetId: permissionSetId });
    if (!assigned.success) throw new Error(`Permission set not assigned: ${JSON.stringify(assigned.errors)}`);
  }
  const password = options.password ?? generatePassword();
  await conn.request({
    method: 'POST',
    url: `${conn.baseUrl()}/sobjects/User/${created.id}/password`,
    body: JSON.stringify({ NewPassword: password }),
    headers: { 'Content-Type': 'application/json' }
  });
  return {
    id: created.id,
    username: options.username,
    password,
    profile: BASE_PROFILE_NAME,
    permissionSets: options.permissionSets
  };
}
