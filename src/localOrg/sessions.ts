/**
 * Users' passwords and sessions. The administrator keeps the org's own token (issued with the data directory); other
 * users log in (OAuth username-password or SOAP login) and get a token of their own, kept as a SHA-256 digest only.
 * Passwords are stored as a salted scrypt hash and compared in constant time.
 */
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { tokenMatches } from './auth.js';
import { randomBase62 } from './ids.js';
import type { FieldDef, ObjectDef } from './schema.js';
import type { Store } from './store.js';

/** Salesforce's default password policy: locked out after 10 invalid attempts, for 15 minutes. */
export const MAX_LOGIN_ATTEMPTS = 10;
export const LOCKOUT_MS = 15 * 60 * 1000;

/** scrypt cost parameters (N=2^14, r=8, p=1: about 16 MiB and tens of milliseconds per check). */
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_BYTES = 32;

const prepared = new WeakSet<Store>();

function tables(store: Store): void {
  if (prepared.has(store)) return;
  store.db.exec(`
    CREATE TABLE IF NOT EXISTS lo_password (user_id TEXT PRIMARY KEY, salt TEXT NOT NULL, hash TEXT NOT NULL,
      set_date TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS lo_session (token_digest TEXT PRIMARY KEY, user_id TEXT NOT NULL,
      created_date TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS lo_login_failure (username_key TEXT PRIMARY KEY, failures INTEGER NOT NULL,
      last_failure INTEGER NOT NULL, locked_until INTEGER);
  `);
  prepared.add(store);
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function hashPassword(password: string, salt: Buffer): Buffer {
  return scryptSync(password.normalize('NFKC'), salt, KEY_BYTES, SCRYPT);
}

/** Sets (or replaces) the password of `userId`, which also unlocks a user locked out by failed logins. */
export function setPassword(store: Store, userId: string, password: string): void {
  tables(store);
  const user = store.readRaw(store.getObject('User') as ObjectDef, userId);
  if (typeof user?.Username === 'string') {
    store.statement('DELETE FROM lo_login_failure WHERE username_key = ?').run(user.Username.toLowerCase());
  }
  const salt = randomBytes(16);
  store
    .statement(
      'INSERT INTO lo_password (user_id, salt, hash, set_date) VALUES (?, ?, ?, ?) ON CONFLICT(user_id) DO UPDATE ' +
        'SET salt = excluded.salt, hash = excluded.hash, set_date = excluded.set_date'
    )
    .run(userId, salt.toString('base64'), hashPassword(password, salt).toString('base64'), new Date().toISOString());
}

/** Whether `userId` has a password set. */
export function hasPassword(store: Store, userId: string): boolean {
  tables(store);
  return store.statement('SELECT 1 FROM lo_password WHERE user_id = ?').get(userId) !== undefined;
}

/** A password Salesforce would accept (letters, digits and a symbol), for `sf maintenance org user create`. */
export function generatePassword(): string {
  return `${randomBase62(14)}#${randomBytes(1)[0] % 10}a`;
}

/** A dummy salt and hash so that an unknown username costs as much time as a wrong password. */
const DECOY_SALT = randomBytes(16);

/** Whether `username` is locked out by failed logins at `now` (epoch ms). */
function lockedOut(store: Store, username: string, now: number): boolean {
  const row = store
    .statement('SELECT locked_until AS lockedUntil FROM lo_login_failure WHERE username_key = ?')
    .get(username.toLowerCase()) as { lockedUntil: number | null } | undefined;
  return row?.lockedUntil !== undefined && row.lockedUntil !== null && row.lockedUntil > now;
}

/**
 * Counts a failed login of `username` (known or not, so that the answer never tells which) and locks it for
 * LOCKOUT_MS at the MAX_LOGIN_ATTEMPTS-th; forgets failures older than the lockout period.
 */
function recordFailure(store: Store, username: string, now: number): void {
  store
    .statement('DELETE FROM lo_login_failure WHERE last_failure < ? AND COALESCE(locked_until, 0) < ?')
    .run(now - LOCKOUT_MS, now);
  store
    .statement(
      'INSERT INTO lo_login_failure (username_key, failures, last_failure, locked_until) VALUES (?, 1, ?, NULL) ' +
        'ON CONFLICT (username_key) DO UPDATE SET failures = failures + 1, last_failure = excluded.last_failure, ' +
        'locked_until = CASE WHEN failures + 1 >= ? THEN ? ELSE locked_until END'
    )
    .run(username.toLowerCase(), now, MAX_LOGIN_ATTEMPTS, now + LOCKOUT_MS);
}

/**
 * The id of the active user `username` whose password is `password`, or undefined (unknown user, inactive user,
 * no password, a wrong one, or a username locked out after MAX_LOGIN_ATTEMPTS failures: the caller answers them
 * all the same way, as Salesforce does). A locked-out username is refused without the password being hashed.
 */
export function checkCredentials(
  store: Store,
  username: string,
  password: string,
  now = Date.now()
): string | undefined {
  tables(store);
  if (lockedOut(store, username, now)) return undefined;
  const userDef = store.getObject('User') as ObjectDef;
  const [userId] = store.findIdsByField(userDef, store.getField(userDef, 'Username') as FieldDef, username);
  const row = userId
    ? (store.statement('SELECT salt, hash FROM lo_password WHERE user_id = ?').get(userId) as
        { salt: string; hash: string } | undefined)
    : undefined;
  const salt = row ? Buffer.from(row.salt, 'base64') : DECOY_SALT;
  const expected = row ? Buffer.from(row.hash, 'base64') : Buffer.alloc(KEY_BYTES);
  const matches = timingSafeEqual(hashPassword(password, salt), expected) && row !== undefined;
  const user = matches && userId ? store.readRaw(userDef, userId) : undefined;
  if (!userId || user?.IsActive !== true) {
    recordFailure(store, username, now);
    return undefined;
  }
  store.statement('DELETE FROM lo_login_failure WHERE username_key = ?').run(username.toLowerCase());
  return userId;
}

/** Opens a session for `userId`; returns its access token (`00D...!...`, as Salesforce's). */
export function createSession(store: Store, userId: string): string {
  tables(store);
  const token = `${store.identity.orgId.slice(0, 15)}!${randomBase62(96)}`;
  store
    .statement('INSERT INTO lo_session (token_digest, user_id, created_date) VALUES (?, ?, ?)')
    .run(digest(token), userId, new Date().toISOString());
  return token;
}

/**
 * The user a presented token runs as: the administrator for the org's own token, the session's user for a login
 * token (looked up by its digest, so no token is ever compared byte by byte), undefined otherwise.
 */
export function userOfToken(store: Store, token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  if (tokenMatches(token, store.identity.accessToken)) return store.identity.userId;
  tables(store);
  const row = store.statement('SELECT user_id AS userId FROM lo_session WHERE token_digest = ?').get(digest(token)) as
    { userId: string } | undefined;
  if (!row) return undefined;
  const user = store.readRaw(store.getObject('User') as ObjectDef, row.userId);
  return user?.IsActive === true ? row.userId : undefined;
}
