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
  `);
  prepared.add(store);
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function hashPassword(password: string, salt: Buffer): Buffer {
  return scryptSync(password.normalize('NFKC'), salt, KEY_BYTES, SCRYPT);
}

/** Sets (or replaces) the password of `userId`. */
export function setPassword(store: Store, userId: string, password: string): void {
  tables(store);
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

/**
 * The id of the active user `username` whose password is `password`, or undefined (unknown user, inactive user,
 * no password or a wrong one: the caller answers them all the same way).
 */
export function checkCredentials(store: Store, username: string, password: string): string | undefined {
  tables(store);
  const userDef = store.getObject('User') as ObjectDef;
  const [userId] = store.findIdsByField(userDef, store.getField(userDef, 'Username') as FieldDef, username);
  const row = userId
    ? (store.statement('SELECT salt, hash FROM lo_password WHERE user_id = ?').get(userId) as
        { salt: string; hash: string } | undefined)
    : undefined;
  const salt = row ? Buffer.from(row.salt, 'base64') : DECOY_SALT;
  const expected = row ? Buffer.from(row.hash, 'base64') : Buffer.alloc(KEY_BYTES);
  const matches = timingSafeEqual(hashPassword(password, salt), expected) && row !== undefined;
  if (!matches || !userId) return undefined;
  const user = store.readRaw(userDef, userId);
  return user?.IsActive === true ? userId : undefined;
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
