/**
 * The local org as a background process: where its data lives, whether it runs, starting it detached (pid and log
 * in the data directory) and stopping it. Used by the `sf maintenance org` commands and by every command that
 * targets the local org by default.
 */
import { spawn } from 'node:child_process';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SfProject } from '@salesforce/core';
import {
  DATABASE_FILE,
  DataDirLockedError,
  isDataDirLocked,
  orgProof,
  SERVER_FILE,
  secureDataDir,
  serverFileOf
} from './dataDir.js';
import type { ServerFile } from './index.js';
import { openDatabase } from './sqlite.js';
import type { OrgIdentity } from './store.js';

/** The database file of a data directory, for the commands and tools that take the org from here. */
export { DATABASE_FILE } from './dataDir.js';

/** The directory of the local org's data: `$SF_MAINTENANCE_LOCAL_ORG_DIR`, else `.localorg/` in the sfdx project. */
export function defaultDataDir(cwd = process.cwd()): string {
  const fromEnv = process.env.SF_MAINTENANCE_LOCAL_ORG_DIR;
  if (fromEnv) return resolve(fromEnv);
  try {
    return join(SfProject.resolveProjectPathSync(resolve(cwd)), '.localorg');
  } catch (error) {
    // Outside any project (an admin's folder): the folder the command runs in.
    if ((error as Error).name === 'InvalidProjectWorkspaceError') return join(resolve(cwd), '.localorg');
    throw error;
  }
}

export const LOG_FILE = 'server.log';

export interface RunningOrg extends ServerFile {
  accessToken: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The org's identity (token included) from its database, or undefined when the data directory has no org yet. */
export function readIdentity(dataDir: string): OrgIdentity | undefined {
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) return undefined;
  const db = openDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT value FROM lo_org WHERE key = 'identity'").get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as OrgIdentity) : undefined;
  } catch {
    return undefined;
  } finally {
    db.close();
  }
}

/**
 * Whether the server at `instanceUrl` is the org of `identity`: a loopback URL whose server proves it holds the
 * org's token (an HMAC of a fresh nonce) without the token being sent. A stale server.json may name a port that
 * another program now listens on: it must not receive the token.
 */
async function isOrgAt(instanceUrl: string, identity: OrgIdentity): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(instanceUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1') return false;
  const nonce = randomBytes(32).toString('hex');
  try {
    const response = await fetch(`${url.origin}/_localorg/identity?nonce=${nonce}`, {
      signal: AbortSignal.timeout(5000)
    });
    if (!response.ok) return false;
    const body = (await response.json()) as { orgId?: unknown; proof?: unknown };
    const expected = Buffer.from(orgProof(identity.accessToken, nonce));
    const proof = Buffer.from(typeof body.proof === 'string' ? body.proof : '');
    return body.orgId === identity.orgId && proof.length === expected.length && timingSafeEqual(proof, expected);
  } catch {
    return false;
  }
}

/**
 * The running org of `dataDir`, or undefined (a stale server.json of a dead process is removed). The server
 * server.json names must prove it is this org before the token is handed out.
 */
export async function findRunningOrg(dataDir: string): Promise<RunningOrg | undefined> {
  const file = join(dataDir, SERVER_FILE);
  if (!existsSync(file)) return undefined;
  let server: ServerFile;
  try {
    server = JSON.parse(readFileSync(file, 'utf8')) as ServerFile;
  } catch {
    return undefined;
  }
  if (!isAlive(server.pid)) {
    rmSync(file, { force: true });
    return undefined;
  }
  const identity = readIdentity(dataDir);
  if (!identity || !(await isOrgAt(server.instanceUrl, identity))) return undefined;
  return { ...server, accessToken: identity.accessToken };
}

/** The script the background process runs: the TypeScript source under tsx in development, else compiled JS. */
function serveCommand(dataDir: string): { command: string; args: string[]; cwd: string } {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts'))
    return { command: process.execPath, args: [join(dirname(here), 'serve.js')], cwd: dataDir };
  // From the sources (development, tests): tsx resolves from the repository root, two levels above src/localOrg.
  const root = resolve(dirname(here), '..', '..');
  return { command: process.execPath, args: ['--import', 'tsx', join(dirname(here), 'serve.ts')], cwd: root };
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function logTail(dataDir: string): string {
  try {
    return readFileSync(join(dataDir, LOG_FILE), 'utf8').trim().split('\n').slice(-5).join('\n');
  } catch {
    return '';
  }
}

/**
 * Starts the org of `dataDir` as a detached process and waits until it answers. Returns the running org, and
 * whether this call started it (false when it was already running).
 */
export async function startBackground(options: {
  dataDir: string;
  port?: number;
  timeoutMs?: number;
}): Promise<{ org: RunningOrg; started: boolean }> {
  const dataDir = resolve(options.dataDir);
  const running = await findRunningOrg(dataDir);
  if (running) return { org: running, started: false };
  // A process holds the directory but does not answer (busy, or still starting): never start a second one.
  if (isDataDirLocked(dataDir)) throw new DataDirLockedError(dataDir, serverFileOf(dataDir));
  secureDataDir(dataDir);
  rmSync(join(dataDir, SERVER_FILE), { force: true });
  const log = openSync(join(dataDir, LOG_FILE), 'a', 0o600);
  const { command, args, cwd } = serveCommand(dataDir);
  const child = spawn(command, [...args, '--data-dir', dataDir, '--port', String(options.port ?? 0)], {
    detached: true,
    stdio: ['ignore', log, log],
    cwd
  });
  closeSync(log);
  let exitCode: number | null = null;
  child.on('exit', (code) => (exitCode = code ?? 1));
  child.unref();
  const deadline = Date.now() + (options.timeoutMs ?? 30000);
  while (Date.now() < deadline) {
    if (exitCode !== null) {
      // Another start won the race for the directory: report its org once it answers.
      if (isDataDirLocked(dataDir)) {
        const other = await findRunningOrg(dataDir);
        if (other) return { org: other, started: false };
        await sleep(100);
        continue;
      }
      throw new Error(`the org process exited with code ${exitCode}: ${logTail(dataDir)}`);
    }
    const org = await findRunningOrg(dataDir);
    if (org && org.pid === child.pid) return { org, started: true };
    await sleep(100);
  }
  throw new Error(
    `the org did not answer within ${Math.round((options.timeoutMs ?? 30000) / 1000)} s: ${logTail(dataDir)}`
  );
}

/** Stops the org of `dataDir` (SIGTERM, then SIGKILL after `timeoutMs`); false when it was not running. */
export async function stopBackground(dataDir: string, timeoutMs = 10000): Promise<boolean> {
  const file = join(resolve(dataDir), SERVER_FILE);
  if (!existsSync(file)) return false;
  let server: ServerFile;
  try {
    server = JSON.parse(readFileSync(file, 'utf8')) as ServerFile;
  } catch {
    rmSync(file, { force: true });
    return false;
  }
  // No process holds the directory: the pid in a stale file may now be any other program's.
  if (!isAlive(server.pid) || !isDataDirLocked(resolve(dataDir))) {
    rmSync(file, { force: true });
    return false;
  }
  process.kill(server.pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(server.pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(server.pid)) process.kill(server.pid, 'SIGKILL');
  rmSync(file, { force: true });
  return true;
}

/** Live record counts per object (standard business objects and every custom one), read from the database. */
export function recordCounts(dataDir: string): Record<string, number> {
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) return {};
  const db = openDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const counts: Record<string, number> = {};
    const defs = db.prepare('SELECT def FROM lo_object ORDER BY position').all() as { def: string }[];
    for (const { def } of defs) {
      const { name, custom } = JSON.parse(def) as { name: string; custom: boolean };
      if (!custom && name !== 'Account' && name !== 'Contact' && name !== 'User') continue;
      const table = `o_${name.toLowerCase()}`;
      if (!/^o_[a-z0-9_]+$/.test(table)) continue;
      counts[name] = (
        db.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE "IsDeleted" = 0`).get() as { n: number }
      ).n;
    }
    return counts;
  } finally {
    db.close();
  }
}
