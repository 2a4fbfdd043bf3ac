/**
 * Shared set-up of the plugin tests: an sf home of their own (the auth store never touches the user's), a local org
 * started in this process and registered under an alias the commands can target, and a way to run a command the
 * way plugin tests do (`Command.run([...flags, '--json'])`) with its output kept out of the test log.
 */
import { jest } from '@jest/globals';
import { Config } from '@oclif/core';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import { startLocalOrg, stopLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';
import { projectRoot } from '../../src/shared/projectPaths.js';
import { LOAD_ORDER } from '../../src/seed/dataset.js';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Points the home directory (where @salesforce/core keeps auth files and aliases, looked up on every access) and the
 * default local-org directory at a temporary directory. Jest gives tests a copy of process.env, which os.homedir()
 * never reads, so the in-process lookup is redirected too; child processes get HOME. Returns a function that
 * restores everything.
 */
export function isolateSfHome(): { home: string; localOrgDir: string; restore: () => void } {
  const original = { home: process.env.HOME, dir: process.env.SF_MAINTENANCE_LOCAL_ORG_DIR };
  const home = tempDir('plugin-home-');
  const localOrgDir = join(home, 'default-local-org');
  mkdirSync(localOrgDir);
  // @salesforce/core creates a missing alias file only when its ENOENT error passes `instanceof Error`, which an error
  // from outside jest's sandbox never does: start with an empty one.
  mkdirSync(join(home, '.sfdx'));
  writeFileSync(join(home, '.sfdx', 'alias.json'), JSON.stringify({ orgs: {} }));
  const homedir = jest.spyOn(os, 'homedir').mockReturnValue(home);
  process.env.HOME = home;
  process.env.SF_MAINTENANCE_LOCAL_ORG_DIR = localOrgDir;
  process.env.SF_DISABLE_TELEMETRY = 'true';
  // The log file is written by a pino worker thread that would keep jest from exiting.
  process.env.SF_DISABLE_LOG_FILE = 'true';
  return {
    home,
    localOrgDir,
    restore: () => {
      homedir.mockRestore();
      process.env.HOME = original.home;
      if (original.dir === undefined) delete process.env.SF_MAINTENANCE_LOCAL_ORG_DIR;
      else process.env.SF_MAINTENANCE_LOCAL_ORG_DIR = original.dir;
      rmSync(home, { recursive: true, force: true });
    }
  };
}

export interface TestOrg {
  org: LocalOrg;
  alias: string;
  username: string;
  conn: () => Promise<Connection>;
  stop: () => Promise<void>;
}

/**
 * Runs a TypeScript script of the project under tsx in a child process, asynchronously: the local org answering the
 * child runs in this process, so waiting synchronously would deadlock.
 */
export function runScript(
  script: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; onSpawn?: (child: ChildProcess) => void } = {}
): Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: projectRoot,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
    options.onSpawn?.(child);
  });
}

/**
 * Registers an org under `alias` in the auth store of the isolated home, from a child process (see registerOrg.ts),
 * then makes this process read the aliases again. Returns the username.
 */
export async function registerAlias(instanceUrl: string, accessToken: string, alias: string): Promise<string> {
  const registration = await runScript(join('test', 'plugin', 'registerOrg.ts'), [instanceUrl, accessToken, alias]);
  if (registration.status !== 0) throw new Error(`registering ${alias} failed: ${registration.stderr}`);
  // This process keeps the aliases it read at first use: forget them so that the new alias is read.
  const { StateAggregator } = await import('@salesforce/core');
  StateAggregator.clearInstance();
  return registration.stdout.trim();
}

/** Starts a fresh local org in this process and registers it under `alias` in the (isolated) sf auth store. */
export async function startTestOrg(alias: string): Promise<TestOrg> {
  const dataDir = tempDir(`plugin-org-${alias}-`);
  const org = await startLocalOrg({ dataDir, writeServerFile: false });
  const username = await registerAlias(org.instanceUrl, org.accessToken, alias);
  return {
    org,
    alias,
    username,
    conn: async () => {
      const { Org } = await import('@salesforce/core');
      return (await Org.create({ aliasOrUsername: alias })).getConnection();
    },
    stop: async () => {
      await stopLocalOrg(org);
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
}

/** What a failed command throws (an SfCommandError), as far as the tests look at it. */
export interface CommandError {
  name: string;
  message: string;
  exitCode: number;
  actions?: string[];
  data?: unknown;
}

/** What the tests call on a command class: oclif's static `run(argv, config)`. */
type RunnableCommand = { run(argv: string[], config: Config): Promise<unknown> };

let config: Config | undefined;

/** The plugin's oclif configuration, loaded once from the project root (as `sf` would load the linked plugin). */
async function pluginConfig(): Promise<Config> {
  config ??= await Config.load(projectRoot);
  return config;
}

/** Runs a command with --json; returns its result or its error, never both. Output is swallowed. */
export async function runCommand<T>(command: object, argv: string[]): Promise<{ result?: T; error?: CommandError }> {
  const silenced = (
    ['log', 'logJson', 'logToStderr', 'table', 'warn', 'info', 'logSuccess', 'styledHeader'] as const
  ).map((method) =>
    jest
      .spyOn(SfCommand.prototype as unknown as Record<string, (...args: unknown[]) => unknown>, method)
      .mockImplementation(() => undefined)
  );
  try {
    // Static run() is generic over `this`, which no plain function type matches: the class is taken as an object.
    return { result: (await (command as RunnableCommand).run([...argv, '--json'], await pluginConfig())) as T };
  } catch (error) {
    return { error: error as CommandError };
  } finally {
    for (const spy of silenced) spy.mockRestore();
    // A failed command sets the process exit code; the test run must not inherit it, nor the next command (which
    // falls back on it for errors without an exit code of their own).
    process.exitCode = undefined;
  }
}

/** Live records per seeded object, as the org counts them (objects not deployed yet count 0). */
export async function recordCounts(conn: Connection): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const sobject of LOAD_ORDER) {
    try {
      counts[sobject] = (await conn.query(`SELECT COUNT() FROM ${sobject}`)).totalSize;
    } catch {
      counts[sobject] = 0;
    }
  }
  return counts;
}
