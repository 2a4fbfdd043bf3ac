/**
 * `sf maintenance org start|status|stop|reset` through their run() (as plugin NUTs do), against a real background
 * org process, with the sf auth store in a temporary home directory.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readIdentity } from '../../src/localOrg/daemon.js';
import type { OrgIdentity } from '../../src/localOrg/store.js';
import { removeDir, tempDir } from './orgFixtures.js';

let home: string;
let dataDir: string;

beforeAll(() => {
  home = tempDir('localorg-home-');
  dataDir = join(home, 'project', '.localorg');
  mkdirSync(join(home, 'project'), { recursive: true });
});

afterAll(async () => {
  const { stopBackground } = await import('../../src/localOrg/daemon.js');
  await stopBackground(dataDir);
  removeDir(home);
});

/** Runs `sf maintenance org <verb> --json` as a child process and returns its JSON output. */
function runJson(
  verb: string,
  ...flags: string[]
): { status: number; result: Record<string, unknown> } & Record<string, unknown> {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'test/localOrg/runOrgCommand.ts', verb, ...flags, '--json'],
    { encoding: 'utf8', env: { ...process.env, HOME: home, SF_DISABLE_TELEMETRY: 'true' }, timeout: 60000 }
  );
  return JSON.parse(result.stdout) as { status: number; result: Record<string, unknown> };
}

/** Runs `sf maintenance org <verb> --json` and returns its result, which must be a success. */
function runCommand(verb: string, ...flags: string[]): Record<string, unknown> {
  const output = runJson(verb, ...flags);
  expect(output.status).toBe(0);
  return output.result;
}

describe('sf maintenance org', () => {
  it('start registers the org under its alias; a second start reports the running one', async () => {
    const first = runCommand('start', '--data-dir', dataDir);
    expect(first).toMatchObject({ started: true, alias: 'maintenance-local', apiVersion: '64.0', dataDir });
    expect(first.instanceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const second = runCommand('start', '--data-dir', dataDir);
    expect(second).toMatchObject({ started: false, pid: first.pid, instanceUrl: first.instanceUrl });
    // In the foreground, a second process on the same directory is refused, naming the one that holds it.
    const foreground = runJson('start', '--foreground', '--data-dir', dataDir);
    expect(foreground).toMatchObject({ status: 1, name: 'DataDirInUseError' });
    expect(String(foreground.message)).toContain(`(pid ${String(first.pid)}, ${String(first.instanceUrl)})`);

    const query = runCommand('query', 'maintenance-local', 'SELECT OrganizationType FROM Organization');
    expect(query).toMatchObject({
      username: first.username,
      isDevHub: false,
      records: [expect.objectContaining({ OrganizationType: 'Developer Edition' })]
    });
    const identity = readIdentity(dataDir) as OrgIdentity;
    await fetch(`${String(first.instanceUrl)}/services/data/v62.0/sobjects/Account`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${identity.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ Name: 'Seen by status' })
    });
  }, 60000);

  it('status shows URL, alias, API version and record counts', () => {
    expect(runCommand('status', '--data-dir', dataDir)).toMatchObject({
      running: true,
      alias: 'maintenance-local',
      apiVersion: '64.0',
      recordCounts: { Account: 1, User: 1 }
    });
  }, 30000);

  it('stop stops it (twice is fine) and status says so', () => {
    expect(runCommand('stop', '--data-dir', dataDir)).toMatchObject({ stopped: true });
    expect(runCommand('stop', '--data-dir', dataDir)).toMatchObject({ stopped: false });
    expect(runCommand('status', '--data-dir', dataDir)).toMatchObject({ running: false, recordCounts: { Account: 1 } });
  }, 60000);

  it('reset --no-prompt deletes the data and the registration', async () => {
    const reset = runCommand('reset', '--data-dir', dataDir, '--no-prompt');
    expect(reset).toMatchObject({ deleted: true, dataDir });
    expect(existsSync(dataDir)).toBe(false);
    const query = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/localOrg/runOrgCommand.ts',
        'query',
        'maintenance-local',
        'SELECT Id FROM Organization'
      ],
      { encoding: 'utf8', env: { ...process.env, HOME: home }, timeout: 60000 }
    );
    expect(JSON.parse(query.stdout)).toEqual({ status: 1, result: { name: 'NamedOrgNotFoundError' } });
  }, 30000);
});
