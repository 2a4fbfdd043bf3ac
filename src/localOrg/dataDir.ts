/**
 * The data directory of one org: owner-only permissions, and an exclusive lock that one process holds while it
 * has the org open, so that a second process (a second `org start`, in the foreground or the background) refuses to
 * start instead of writing over the first one's files.
 *
 * The lock is an SQLite database (`org.lock`) that the holder writes once in `locking_mode=EXCLUSIVE`: SQLite then
 * keeps an exclusive POSIX lock on the file until the connection closes, and the operating system drops it when the
 * process dies, even by `kill -9`, so a crash never leaves a stale lock behind.
 */
import { createHmac } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from './sqlite.js';

export const LOCK_FILE = 'org.lock';
/** The org's database in its data directory. */
export const DATABASE_FILE = 'org.sqlite';
/** What a running org writes beside its database: its URL and pid (index.ts writes it once it listens). */
export const SERVER_FILE = 'server.json';

/** A held lock; release it when the org closes. */
export interface DataDirLock {
  release(): void;
}

/** Another process holds the data directory. */
export class DataDirLockedError extends Error {
  public constructor(
    public readonly dataDir: string,
    /** The holder, as its server.json names it (absent while it starts, or when the file is unreadable). */
    public readonly holder: { pid?: number; instanceUrl?: string }
  ) {
    const who =
      holder.pid !== undefined
        ? ` (pid ${holder.pid}${holder.instanceUrl ? `, ${holder.instanceUrl}` : ''})`
        : ' (its pid is not known yet: it may still be starting)';
    super(`Another local org process already uses the data directory ${dataDir}${who}.`);
    this.name = 'DataDirLockedError';
  }
}

/** Creates the directory owner-only, and tightens it and every file in it (an older or copied directory may be wider). */
export function secureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  for (const name of readdirSync(dataDir)) {
    const path = join(dataDir, name);
    if (statSync(path).isFile()) chmodSync(path, 0o600);
  }
}

/** The pid and URL server.json names, as far as it can be read. */
export function serverFileOf(dataDir: string): { pid?: number; instanceUrl?: string } {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, SERVER_FILE), 'utf8')) as {
      pid?: unknown;
      instanceUrl?: unknown;
    };
    return {
      pid: typeof parsed.pid === 'number' ? parsed.pid : undefined,
      instanceUrl: typeof parsed.instanceUrl === 'string' ? parsed.instanceUrl : undefined
    };
  } catch {
    return {};
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** Takes the data directory's lock, or throws DataDirLockedError when another process holds it. */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, LOCK_FILE);
  const db = openDatabase(file, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; in this locking mode it is kept until close.
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER); DELETE FROM holder;');
    db.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid);
  } catch (error) {
    db.close();
    if (isBusy(error)) throw new DataDirLockedError(dataDir, serverFileOf(dataDir));
    throw error;
  }
  chmodSync(file, 0o600);
  return { release: () => db.open && db.close() };
}

/** Whether another process holds the data directory's lock (probes without keeping it). */
export function isDataDirLocked(dataDir: string): boolean {
  if (!existsSync(join(dataDir, LOCK_FILE))) return false;
  try {
    lockDataDir(dataDir).release();
    return false;
  } catch (error) {
    if (error instanceof DataDirLockedError) return true;
    throw error;
  }
}

/** The proof a running org gives of holding `accessToken` for a client's `nonce` (hex HMAC-SHA256). */
export function orgProof(accessToken: string, nonce: string): string {
  return createHmac('sha256', accessToken).update(`local-org-identity:${nonce}`).digest('hex');
}
