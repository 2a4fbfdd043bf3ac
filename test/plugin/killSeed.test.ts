/**
 * A seed killed with SIGKILL half-way, then run again: the rerun finishes the job with no duplicate and nothing
 * missing, through sObject Collections and through Bulk API 2.0 (whose job goes on in the org after the client died).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import type { Connection } from '@salesforce/core';
import Deploy from '../../src/commands/maintenance/deploy.js';
import Seed, { type SeedResult } from '../../src/commands/maintenance/seed.js';
import { todayIn } from '../../src/shared/dates.js';
import { generateDataset, type GeneratedDataset } from '../../src/seed/generator.js';
import { LOAD_ORDER } from '../../src/seed/dataset.js';
import { loadPackageConfig, recipeContext } from '../../src/seed/packageConfig.js';
import { locateRecipe, readRecipe } from '../../src/seed/recipe.js';
import { isolateSfHome, recordCounts, runCommand, runScript, startTestOrg, type TestOrg } from './pluginFixtures.js';

const sandbox = isolateSfHome();
const orgs: TestOrg[] = [];
const config = loadPackageConfig();
const volume = readRecipe(locateRecipe('volume') as string, recipeContext(config));

afterAll(async () => {
  for (const org of orgs) await org.stop();
  sandbox.restore();
});

async function deployedOrg(alias: string): Promise<TestOrg> {
  const org = await startTestOrg(alias);
  orgs.push(org);
  const { error } = await runCommand(Deploy, ['-o', alias]);
  expect(error).toBeUndefined();
  return org;
}

/** What the org must hold: every object the seed writes, 0 for those the dataset has no record of. */
function expectedCounts(dataset: GeneratedDataset): Record<string, number> {
  return Object.fromEntries(
    LOAD_ORDER.map((sobject) => [
      sobject,
      dataset.objects.find((group) => group.sobject === sobject)?.records.length ?? 0
    ])
  );
}

/** The last object a seed loads: the one a kill half-way is sure to leave partly loaded. */
const LAST = LOAD_ORDER[LOAD_ORDER.length - 1];

/**
 * Starts `seed` in a child process and SIGKILLs it as soon as the org holds some, but not all, of the records of the
 * last object loaded (the effort entries). Returns the count seen right after the kill.
 */
async function killHalfWay(conn: Connection, alias: string, argv: string[], total: number): Promise<number> {
  let child: ChildProcess | undefined;
  let killedAt = -1;
  const watcher = (async () => {
    for (;;) {
      const count = (await conn.query(`SELECT COUNT() FROM ${LAST}`)).totalSize;
      if (count > 0 && count < total && child) {
        child.kill('SIGKILL');
        killedAt = count;
        return;
      }
      if (count >= total) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const run = await runScript('test/plugin/runPluginCommand.ts', ['seed', '-o', alias, ...argv, '--json'], {
    onSpawn: (spawned) => (child = spawned)
  });
  await watcher;
  expect(run.signal).toBe('SIGKILL');
  expect(killedAt).toBeGreaterThan(0);
  return killedAt;
}

async function expectExactlyTheDataset(conn: Connection, dataset: GeneratedDataset): Promise<void> {
  expect(await recordCounts(conn)).toEqual(expectedCounts(dataset));
  const keys = await conn.query<{ External_Id__c: string }>(`SELECT External_Id__c FROM ${LAST}`, {
    autoFetch: true,
    maxFetch: 100_000
  });
  const expected = dataset.objects.find((group) => group.sobject === LAST)?.records.map((record) => record.key) ?? [];
  expect(keys.records.map((row) => row.External_Id__c).sort()).toEqual([...expected].sort());
}

describe('kill -9 of a seed half-way, then a rerun', () => {
  let dataset: GeneratedDataset;

  beforeAll(() => {
    // Scale 6: about 2,900 effort entries, enough for the Bulk API 2.0 job to be caught half-way.
    dataset = generateDataset(volume, config, { today: todayIn(volume.timeZone), scale: 6 });
  });

  it('through sObject Collections: the rerun creates exactly what was missing', async () => {
    const org = await deployedOrg('kill-collections');
    const conn = await org.conn();
    const last = expectedCounts(dataset)[LAST];
    const argv = ['--recipe', 'volume', '--scale', '6', '--bulk-threshold', '100000'];
    await killHalfWay(conn, 'kill-collections', argv, last);
    const before = await recordCounts(conn);
    const present = Object.values(before).reduce((sum, count) => sum + count, 0);
    expect(before[LAST]).toBeLessThan(last);

    const { result, error } = await runCommand<SeedResult>(Seed, ['-o', 'kill-collections', ...argv]);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ failed: 0, created: result ? result.total - present : -1, updated: present });
    await expectExactlyTheDataset(conn, dataset);
  }, 300_000);

  it('through Bulk API 2.0: the job left running in the org and the rerun add up to the dataset, once', async () => {
    const org = await deployedOrg('kill-bulk');
    const conn = await org.conn();
    const argv = ['--recipe', 'volume', '--scale', '6', '--bulk-threshold', '500'];
    await killHalfWay(conn, 'kill-bulk', argv, expectedCounts(dataset)[LAST]);

    const { result, error } = await runCommand<SeedResult>(Seed, ['-o', 'kill-bulk', ...argv]);
    expect(error).toBeUndefined();
    expect(result?.failed).toBe(0);
    expect(result?.objects.find((object) => object.sobject === LAST)?.api).toBe('bulk2');
    await expectExactlyTheDataset(conn, dataset);
  }, 300_000);
});
