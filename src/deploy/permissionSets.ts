/**
 * Assigns the package's permission sets to the running user, only where not yet assigned, so that running setup
 * twice changes nothing and never fails on DUPLICATE_VALUE.
 */
import type { Connection } from '@salesforce/core';
import { runningUser, soqlString } from '../shared/orgHelpers.js';

/** The permission set `deploy` assigns when none is named: the one that can do everything the seed writes. */
export const DEFAULT_PERMISSION_SETS = ['Maintenance_Manager'];

export interface AssignmentOutcome {
  userId: string;
  username: string;
  assigned: string[];
  alreadyAssigned: string[];
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

/**
 * Assigns `names` (permission set API names) to the running user where missing.
 * @throws PermissionSetNotFoundError when a name is not a permission set of the org; nothing is assigned then.
 */
export async function assignPermissionSets(conn: Connection, names: string[]): Promise<AssignmentOutcome> {
  const user = await runningUser(conn);
  const wanted = [...new Set(names)];
  const sets = await conn.query<{ Id: string; Name: string }>(
    `SELECT Id, Name FROM PermissionSet WHERE Name IN (${wanted.map(soqlString).join(',')})`
  );
  const idByName = new Map(sets.records.map((row) => [row.Name.toLowerCase(), row]));
  const missing = wanted.filter((name) => !idByName.has(name.toLowerCase()));
  if (missing.length > 0) {
    const ours = await conn.query<{ Name: string }>("SELECT Name FROM PermissionSet WHERE Name LIKE 'Maintenance%'");
    throw new PermissionSetNotFoundError(missing, ours.records.map((row) => row.Name).sort());
  }
  const setIds = wanted.map((name) => (idByName.get(name.toLowerCase()) as { Id: string }).Id);
  const existing = await conn.query<{ PermissionSetId: string }>(
    `SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = ${soqlString(user.id)} AND PermissionSetId IN (${setIds.map(soqlString).join(',')})`
  );
  const assignedIds = new Set(existing.records.map((row) => row.PermissionSetId.slice(0, 15)));
  const toAssign = wanted.filter(
    (name) => !assignedIds.has((idByName.get(name.toLowerCase()) as { Id: string }).Id.slice(0, 15))
  );
  if (toAssign.length > 0) {
    const results = (await conn.create(
      'PermissionSetAssignment',
      toAssign.map((name) => ({
        AssigneeId: user.id,
        PermissionSetId: (idByName.get(name.toLowerCase()) as { Id: string }).Id
      })),
      { allOrNone: true }
    )) as unknown as { success: boolean; errors?: { message: string }[] }[];
    const failed = results.filter((result) => !result.success);
    if (failed.length > 0) {
      throw new Error(
        `Permission set assignment failed: ${failed.map((result) => result.errors?.map((e) => e.message).join('; ')).join(' | ')}`
      );
    }
  }
  return {
    userId: user.id,
    username: user.username,
    assigned: toAssign.map((name) => (idByName.get(name.toLowerCase()) as { Name: string }).Name),
    alreadyAssigned: wanted
      .filter((name) => !toAssign.includes(name))
      .map((name) => (idByName.get(name.toLowerCase()) as { Name: string }).Name)
  };
}
