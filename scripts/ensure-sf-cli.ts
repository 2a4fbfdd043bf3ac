/**
 * The real `sf` CLI the tests and the seed benchmark drive: @salesforce/cli pinned in `test/sfcli` with its own lock
 * file (2.146.3, the last release whose engines allow Node 20). CI only runs `npm ci` at the root, so whoever needs
 * the CLI calls `ensureSfCli()`, which installs it from that lock file the first time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/shared/projectPaths.js';

/** The folder holding the pinned CLI's package.json and lock file. */
export const SF_CLI_DIR = join(projectRoot, 'test', 'sfcli');

/** The pinned CLI's executable. */
export const SF_CLI_BIN = join(SF_CLI_DIR, 'node_modules', '.bin', 'sf');

/**
 * Installs the pinned CLI (`npm ci` in test/sfcli) unless it is there already.
 * @returns the path of its executable
 * @throws Error with npm's output when the install fails
 */
export function ensureSfCli(): string {
  if (existsSync(SF_CLI_BIN)) return SF_CLI_BIN;
  process.stdout.write('installing the pinned sf CLI in test/sfcli (once)...\n');
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: SF_CLI_DIR,
    encoding: 'utf8',
    timeout: 600_000
  });
  if (install.status !== 0 || !existsSync(SF_CLI_BIN)) {
    throw new Error(`Installing the pinned sf CLI in ${SF_CLI_DIR} failed:\n${install.stdout}\n${install.stderr}`);
  }
  return SF_CLI_BIN;
}
