/**
 * The demo data keeps the SLA guard rules by itself: seeded by a user without Maintenance_SLA_Correction (the deploy
 * assigns Maintenance_Manager, which holds it, so the assignment is removed first), the demo loads, reloads in place
 * and needs no re-stamp, every incident through the validation rules; and the rules are live for that user.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Connection } from '@salesforce/core';
import Deploy from '../../src/commands/maintenance/deploy.js';
import Seed, { type SeedResult } from '../../src/commands/maintenance/seed.js';
import SlaRecompute, { type SlaRecomputeResult } from '../../src/commands/maintenance/sla/recompute.js';
import { isolateSfHome, runCommand, startTestOrg, type TestOrg } from './pluginFixtures.js';

const ALIAS = 'sla-guard-seed';
const sandbox = isolateSfHome();
let org: TestOrg;
let conn: Connection;

beforeAll(async () => {
  org = await startTestOrg(ALIAS);
  const { error } = await runCommand(Deploy, ['-o', ALIAS]);
  if (error) throw new Error(error.message);
  conn = await org.conn();
  const held = await conn.query<{ Id: string }>(
    "SELECT Id FROM PermissionSetAssignment WHERE PermissionSet.Name = 'Maintenance_Manager'"
  );
  expect(held.totalSize).toBe(1);
  for (const assignment of held.records) await conn.sobject('PermissionSetAssignment').destroy(assignment.Id);
}, 120_000);

afterAll(async () => {
  await org.stop();
  sandbox.restore();
});

describe('the demo, seeded without the SLA correction permission', () => {
  it('loads, reloads in place and needs no re-stamp but the breaches of today: no incident breaks a guard rule', async () => {
    const first = await runCommand<SeedResult>(Seed, ['-o', ALIAS]);
    expect(first.error).toBeUndefined();
    expect(first.result?.failed).toBe(0);
    expect(first.result?.created).toBe(first.result?.total);
    const second = await runCommand<SeedResult>(Seed, ['-o', ALIAS, '--bulk-threshold', '50']);
    expect(second.error).toBeUndefined();
    expect(second.result).toMatchObject({ created: 0, failed: 0, updated: first.result?.total });
    const recompute = await runCommand<SlaRecomputeResult>(SlaRecompute, ['-o', ALIAS]);
    expect(recompute.error).toBeUndefined();
    expect(recompute.result?.failed).toBe(0);
    // The seed stamps what passed by the start of its day; a re-stamp may only add the breaches of clocks that passed
    // since (the seed ran today), never move a due time.
    const since = Date.now() - 24 * 3_600_000;
    for (const change of recompute.result?.changes ?? []) {
      expect(Object.keys(change.fields).filter((field) => !field.endsWith('_Breached_At__c'))).toEqual([]);
      for (const stamp of Object.values(change.fields)) expect(Date.parse(String(stamp))).toBeGreaterThan(since);
    }
  }, 240_000);

  it('holds that user to the rules: a due time moved on its own is refused', async () => {
    const incident = await conn.query<{ Id: string }>(
      'SELECT Id FROM Maintenance_Incident__c WHERE Resolution_Due__c != null LIMIT 1'
    );
    const refused = conn
      .sobject('Maintenance_Incident__c')
      .update({ Id: incident.records[0].Id, Resolution_Due__c: '2030-01-01T00:00:00.000Z' });
    await expect(refused).rejects.toMatchObject({ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' });
  });
});
