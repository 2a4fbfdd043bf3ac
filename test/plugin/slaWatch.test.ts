/**
 * `sf maintenance sla watch` against a local org started by the test, with the package deployed and one account under
 * a Standard contract (P1: respond within 15 min, restore within 4 h, around the clock): exit code 0 with nothing at
 * risk, the response breach of a P1 reported an hour ago stamped at its due, then exit code 2 with its restore clock
 * (3 h left) within the default 4 h window.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { contractFromRecord, incidentTransition, slaTemplateToContractFields } from '#engine';
import Deploy, { type DeployResult } from '../../src/commands/maintenance/deploy.js';
import SlaWatch, { parseWithin, type SlaWatchResult } from '../../src/commands/maintenance/sla/watch.js';
import { readCustomMetadata } from '../../src/seed/customMetadata.js';
import { readOrgCalendars } from '../../src/shared/orgHelpers.js';
import { CONTRACT_FIELDS } from '../../src/shared/recordFields.js';
import { isolateSfHome, runCommand, runScript, startTestOrg, type TestOrg } from './pluginFixtures.js';

const sandbox = isolateSfHome();
let org: TestOrg;
let accountId = '';
let contractId = '';

beforeAll(async () => {
  org = await startTestOrg('plugin-watch');
  const deployed = await runCommand<DeployResult>(Deploy, ['-o', 'plugin-watch']);
  if (deployed.error) throw new Error(`deploy failed: ${deployed.error.message}`);
  const conn = await org.conn();
  accountId = ((await conn.sobject('Account').create({ Name: 'Watch Client SA' })) as unknown as { id: string }).id;
  const standard = readCustomMetadata('SLA_Template').find((record) => record.DeveloperName === 'Standard');
  contractId = (
    (await conn.sobject('Maintenance_Contract__c').create({
      Account__c: accountId,
      Name: 'TMA',
      Status__c: 'Signed',
      Contract_Type__c: 'TMA',
      Start_Date__c: '2020-01-01',
      End_Date__c: '2099-12-31',
      ...slaTemplateToContractFields(standard ?? {})
    } as never)) as unknown as { id: string }
  ).id;
}, 240_000);

afterAll(async () => {
  await org?.stop();
  sandbox.restore();
});

function watch(args: string[]): ReturnType<typeof runScript> {
  return runScript(join('test', 'plugin', 'runPluginCommand.ts'), [
    'sla-watch',
    '-o',
    'plugin-watch',
    ...args,
    '--json'
  ]);
}

describe('sf maintenance sla watch', () => {
  it('reads windows as hours and minutes', () => {
    expect([parseWithin('4h'), parseWithin('90m'), parseWithin('1h30m'), parseWithin('2')]).toEqual([240, 90, 90, 120]);
    expect(() => parseWithin('soon')).toThrow('--within "soon" is not a duration.');
    expect(() => parseWithin('0m')).toThrow(/is not a duration/);
  });

  it('exits with code 0 when no clock is at risk', async () => {
    const run = await watch([]);
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout) as { status: number; result: SlaWatchResult };
    expect(output).toMatchObject({ status: 0, result: { examined: 0, atRisk: [], stamps: [], withinMinutes: 240 } });
  }, 60_000);

  it('stamps the passed response breach of a P1 reported an hour ago, at its due, and finds nothing within 1 h', async () => {
    const conn = await org.conn();
    const record = (
      await conn.query<Record<string, unknown>>(
        `SELECT ${CONTRACT_FIELDS.join(', ')} FROM Maintenance_Contract__c WHERE Id = '${contractId}'`
      )
    ).records[0];
    const reportedAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60 * 60_000);
    const fields = incidentTransition({
      incident: { impact: 'High', urgency: 'High', reportedAt },
      action: 'create',
      now: reportedAt,
      contracts: [contractFromRecord(record)],
      calendars: await readOrgCalendars(conn)
    });
    await conn.sobject('Maintenance_Incident__c').create({
      Account__c: accountId,
      Subject__c: 'Site down',
      Impact__c: 'High',
      Urgency__c: 'High',
      External_Id__c: 'WATCH-1',
      ...fields
    } as never);
    const { result, error } = await runCommand<SlaWatchResult>(SlaWatch, ['-o', 'plugin-watch', '--within', '1h']);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ examined: 1, atRisk: [], stamped: 1 });
    const due = new Date(reportedAt.getTime() + 15 * 60_000).toISOString();
    expect(result?.stamps.map((stamp) => stamp.fields)).toEqual([{ Response_Breached_At__c: due }]);
    const stored = await conn.query<{ Response_Breached_At__c: string; Resolution_Breached_At__c: string | null }>(
      "SELECT Response_Breached_At__c, Resolution_Breached_At__c FROM Maintenance_Incident__c WHERE External_Id__c = 'WATCH-1'"
    );
    expect(Date.parse(stored.records[0].Response_Breached_At__c.replace(/\+0000$/, 'Z'))).toBe(Date.parse(due));
    expect(stored.records[0].Resolution_Breached_At__c).toBeNull();
  }, 60_000);

  it('exits with code 2 and lists the restore clock, 3 h left on the 24x7 clock, within the default 4 h', async () => {
    const run = await watch([]);
    expect(run.status).toBe(2);
    const output = JSON.parse(run.stdout) as { status: number; result: SlaWatchResult };
    expect(output.status).toBe(2);
    // The response breach is stamped already: nothing more to stamp.
    expect(output.result.stamps).toEqual([]);
    expect(output.result.atRisk).toHaveLength(1);
    const [item] = output.result.atRisk;
    expect(item).toMatchObject({ account: 'Watch Client SA', priority: 'P1', clock: 'GTR' });
    const conn = await org.conn();
    const reported = (
      await conn.query<{ Reported_At__c: string }>(
        "SELECT Reported_At__c FROM Maintenance_Incident__c WHERE External_Id__c = 'WATCH-1'"
      )
    ).records[0].Reported_At__c;
    expect(Date.parse(item.due)).toBe(Date.parse(reported.replace(/\+0000$/, 'Z')) + 4 * 60 * 60_000);
    // Reported an hour before the test began: just under 3 h of the 4 h left, in plain minutes (24x7).
    expect(item.minutesLeft).toBeGreaterThanOrEqual(170);
    expect(item.minutesLeft).toBeLessThanOrEqual(180);
    expect(item.timeLeft).toMatch(/^(2 h \d+ min|3 h)$/);
  }, 60_000);
});
