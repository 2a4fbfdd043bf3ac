/**
 * Assigns the package's permission sets, only where not yet assigned, so that running setup twice changes nothing and
 * never fails on DUPLICATE_VALUE: to the running user, or to the users --assign-to names. A user that cannot get a set
 * (unknown, inactive, or refused by the org, e.g. for its license) is listed with the reason; the others still get
 * theirs.
 */
import type { Connection } from '@salesforce/core';
import { queryAll, queryIn, runningUser, soqlString } from '../shared/orgHelpers.js';

/** The permission set `deploy` assigns when none is named: the one that can do everything the seed writes. */
export const DEFAULT_PERMISSION_SETS = ['Maintenance_Manager'];

/** What one user got. */
export interface UserAssignment {
  username: string;
  userId: string;
  /** Permission sets assigned by this run. */
  assigned: string[];
  /** Permission sets the user held already. */
  alreadyAssigned: string[];
}

/** A user, or one permission set of a user, that could not be assigned. */
export interface AssignmentRefusal {
  username: string;
  /** Absent when the user itself was refused (unknown, inactive). */
  permissionSet?: string;
  reason: string;
}

export interface AssignmentOutcome {
  /** The user the connection runs as. */
  runningUser: { id: string; username: string };
  assignments: UserAssignment[];
  refused: AssignmentRefusal[];
}

/** Some named permission sets do not exist in the org (not deployed, or a typo). */
export class PermissionSetNotFoundError extends Error {
  public constructor(
    public readonly missing: string[],
    public readonly available: string[]
  ) {
    super(`Permission set(s) not found in the org: ${missing.join(', ')}`);
    this.name = 'PermissionSetNotFoundError';
  }
}

type UserRow = { Id: string; Username: string; IsActive: boolean };
type SaveResult = { success: boolean; errors?: { message?: string; statusCode?: string }[] };

/** The users to assign to: the running user, or the named ones that exist and are active (the others refused). */
async function targetUsers(
  conn: Connection,
  self: { id: string; username: string },
  usernames: string[] | undefined,
  refused: AssignmentRefusal[]
): Promise<{ id: string; username: string }[]> {
  if (usernames === undefined || usernames.length === 0) return [self];
  const rows = await queryIn<UserRow>(
    conn,
    usernames,
    (list) => `SELECT Id, Username, IsActive FROM User WHERE Username IN (${list})`
  );
  const byName = new Map(rows.map((row) => [row.Username.toLowerCase(), row]));
  const users: { id: string; username: string }[] = [];
  for (const username of [...new Set(usernames)]) {
    const row = byName.get(username.toLowerCase());
    if (!row) refused.push({ username, reason: 'no user with this username in the org' });
    else if (row.IsActive === false) refused.push({ username: row.Username, reason: 'the user is inactive' });
    else users.push({ id: row.Id, username: row.Username });
  }
  return users;
}

/**
 * Assigns `names` (permission set API names) where missing, to the running user or to `usernames`.
 * @throws PermissionSetNotFoundError when a name is not a permission set of the org; nothing is assigned then.
 */
export async function assignPermissionSets(
  conn: Connection,
  names: string[],
  usernames?: string[]
): Promise<AssignmentOutcome> {
  const self = await runningUser(conn);
  const wanted = [...new Set(names)];
  const sets = await queryAll<{ Id: string; Name: string }>(
    conn,
    `SELECT Id, Name FROM PermissionSet WHERE Name IN (${wanted.map(soqlString).join(',')})`
  );
  const setByName = new Map(sets.map((row) => [row.Name.toLowerCase(), row]));
  const missing = wanted.filter((name) => !setByName.has(name.toLowerCase()));
  if (missing.length > 0) {
    const ours = await queryAll<{ Name: string }>(
      conn,
      "SELECT Name FROM PermissionSet WHERE Name LIKE 'Maintenance%'"
    );
    throw new PermissionSetNotFoundError(missing, ours.map((row) => row.Name).sort());
  }
  const refused: AssignmentRefusal[] = [];
  const users = await targetUsers(conn, self, usernames, refused);
  const wantedSets = wanted.map((name) => setByName.get(name.toLowerCase()) as { Id: string; Name: string });
  const held = new Set(
    users.length === 0
      ? []
      : (
          await queryAll<{ AssigneeId: string; PermissionSetId: string }>(
            conn,
            `SELECT AssigneeId, PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId IN (${users.map((user) => soqlString(user.id)).join(',')}) AND PermissionSetId IN (${wantedSets.map((set) => soqlString(set.Id)).join(',')})`
          )
        ).map((row) => `${row.AssigneeId.slice(0, 15)}:${row.PermissionSetId.slice(0, 15)}`)
  );
  const assignments = users.map((user): UserAssignment => ({
    username: user.username,
    userId: user.id,
    assigned: [],
    alreadyAssigned: []
  }));
  const toCreate: { assignment: UserAssignment; set: { Id: string; Name: string } }[] = [];
  for (const [index, user] of users.entries()) {
    for (const set of wantedSets) {
      if (held.has(`${user.id.slice(0, 15)}:${set.Id.slice(0, 15)}`)) assignments[index].alreadyAssigned.push(set.Name);
      else toCreate.push({ assignment: assignments[index], set });
    }
  }
  if (toCreate.length > 0) {
    // Not all-or-none: one user's refusal (its license, say) must not keep the others from their sets.
    const results = (await conn.create(
      'PermissionSetAssignment',
      toCreate.map(({ assignment, set }) => ({ AssigneeId: assignment.userId, PermissionSetId: set.Id })),
      { allOrNone: false }
    )) as unknown as SaveResult[];
    for (const [index, { assignment, set }] of toCreate.entries()) {
      const result = results[index];
      if (result?.success) assignment.assigned.push(set.Name);
      else {
        const reason = (result?.errors ?? []).map((error) => error.message ?? error.statusCode).join('; ');
        refused.push({
          username: assignment.username,
          permissionSet: set.Name,
          reason: reason || 'refused by the org'
        });
      }
    }
  }
  return { runningUser: self, assignments, refused };
}
