/**
 * The local org's raw storage: one SQLite database (better-sqlite3, WAL) under the data directory, holding the schema
 * (object definitions as JSON), one table per sObject, counters for ids and auto-numbers, and the org's identity.
 * It stores and reads rows as given: it knows nothing of permissions, checks, formulas, roll-ups or history, which
 * the org layer (store.ts) composes on top of it. Everything that writes goes through `transaction()`, so that a
 * request is all or nothing and a `kill -9` leaves either the whole request or none of it.
 *
 * Physical layout: table `o_<object name, lower case>`; one column per stored field, named as the field; formula
 * fields have no column (computed on read), roll-up summaries do (kept current by the DML path). Deleted records stay
 * with `IsDeleted = 1` (the recycle bin: `queryAll` sees them; unique indexes ignore them).
 */
import { closeSync, existsSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { DATABASE_FILE, secureDataDir, type DataDirLock } from './dataDir.js';
import { SfApiError } from './errors.js';
import { AUDIT_FIELD_NAMES, field as makeField, systemField, systemFields } from './fieldFactory.js';
import { makeId, randomBase62 } from './ids.js';
import type { FieldDef, ObjectDef } from './schema.js';
import { STANDARD_OBJECTS } from './standardObjects.js';
import { coerceValue, fromDb, isStoredField, isTextType, toDb } from './values.js';

/** The org's identity, created with the data directory and stable across restarts. */
export interface OrgIdentity {
  orgId: string;
  userId: string;
  username: string;
  profileId: string;
  accessToken: string;
  createdDate: string;
}

/** A roll-up summary field that `applyObjects` created or redefined. */
export interface ChangedRollup {
  def: ObjectDef;
  field: FieldDef;
}

interface RowSql {
  stored: FieldDef[];
  insert: string;
  select: string;
  selectAny: string;
  state: string;
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/** Quotes an identifier that comes from the schema (never from a request); rejects anything unexpected. */
export function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Unsafe SQL identifier: ${name}`);
  return `"${name}"`;
}

/** How often the background checkpoint runs while Bulk jobs run. */
const CHECKPOINT_MS = 100;

/**
 * The background checkpoint thread: its own connection to the database, a PASSIVE checkpoint per message. Plain
 * JavaScript run with `eval`, so that it needs no build step under any loader; the driver's path comes from the
 * server, whose dependencies it shares.
 */
const CHECKPOINT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    parentPort.postMessage('done');
  }
});
`;

/** The SQLite table of an object. */
export function tableName(def: ObjectDef): string {
  return quoteIdentifier(`o_${def.name.toLowerCase()}`);
}

function columnType(field: FieldDef): string {
  if (field.type === 'boolean' || field.type === 'int') return 'INTEGER';
  if (field.type === 'double' || field.type === 'currency' || field.type === 'percent') return 'REAL';
  // Text compares without regard to case on Salesforce; ids, dates and date/times compare exactly.
  return isTextType(field.type) && field.type !== 'id' ? 'TEXT COLLATE NOCASE' : 'TEXT';
}

function isMasterDetail(field: FieldDef): boolean {
  return field.metadataType === 'MasterDetail' || (field.type === 'reference' && field.cascadeDelete === true);
}

export class Storage {
  /** The database, open for the metadata helper's own `md_*` tables too. */
  public readonly db: Database.Database;
  public readonly dataDir: string;
  public readonly identity: OrgIdentity;
  private readonly lock: DataDirLock;

  private readonly objects = new Map<string, ObjectDef>();
  private readonly byKeyPrefix = new Map<string, ObjectDef>();
  private readonly counters = new Map<string, number>();
  private readonly statementCache = new Map<string, Database.Statement>();
  private readonly rowSqlCache = new WeakMap<ObjectDef, RowSql>();
  /** `SELECT "Id" ... WHERE <field> = ?` by field definition (each definition belongs to one object). */
  private readonly lookupSqlCache = new WeakMap<FieldDef, string>();
  private schemaVersion = 0;
  private savepointStatements?: {
    begin: Database.Statement;
    release: Database.Statement;
    rollback: Database.Statement;
  };
  /** Whether an outermost transaction() runs, and the counters it moved (written at its commit). */
  private outermost = false;
  private readonly dirtyCounters = new Set<string>();
  /**
   * Live records read by Bulk chunks (see cachingReads), by `Object:Id`, kept from one chunk to the next while a job
   * runs: the rows of a job read the same parents (their accounts, their contracts) for their references and
   * validation rules. Every insertRaw and updateRaw forgets the record it writes, whoever writes it; a rollback and a
   * schema change forget them all.
   */
  private rowCache?: Map<string, Record<string, unknown> | undefined>;
  /** Whether reads go through rowCache now (inside cachingReads only: other requests read the database). */
  private readingCached = false;
  /** The thread that copies the WAL into the database while Bulk jobs run (see checkpointInBackground). */
  private checkpointer?: { worker: Worker; busy: boolean; timer: NodeJS.Timeout };
  private reader?: Database.Database;
  private readonly readerCache = new Map<string, Database.Statement>();
  private readerDepth = 0;

  protected constructor(dataDir: string, lock: DataDirLock) {
    this.dataDir = dataDir;
    this.lock = lock;
    const file = join(dataDir, DATABASE_FILE);
    if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a killed process (the OS still holds the written WAL); only power loss can drop
    // the last transactions, which a development org accepts for the speed.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // Savepoints (one per Bulk row) keep their undo journal in memory rather than in a temporary file.
    this.db.pragma('temp_store = MEMORY');
    // Copy the WAL back into the database every 10,000 pages (40 MiB) rather than 1,000: a Bulk load commits a chunk
    // every few milliseconds, and each checkpoint rewrites the index pages those chunks share.
    this.db.pragma('wal_autocheckpoint = 10000');
    this.db.pragma('foreign_keys = OFF');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS lo_object (name_key TEXT PRIMARY KEY, position INTEGER NOT NULL, def TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS lo_counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS lo_org (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
    secureDataDir(dataDir);
    for (const row of this.db.prepare('SELECT name, value FROM lo_counter').all() as {
      name: string;
      value: number;
    }[]) {
      this.counters.set(row.name, row.value);
    }
    const rows = this.db.prepare('SELECT def FROM lo_object ORDER BY position').all() as { def: string }[];
    for (const row of rows) this.register(JSON.parse(row.def) as ObjectDef);
    this.transaction(() => this.applyObjects(STANDARD_OBJECTS.map((def) => this.withDeployedCustomizations(def))));
    this.identity = this.transaction(() => this.loadOrCreateIdentity());
  }

  /**
   * A standard object as defined in code plus what deploys added to it (custom fields, validation rules), so that
   * a newer code definition does not erase them at start-up.
   */
  private withDeployedCustomizations(standard: ObjectDef): ObjectDef {
    const def = structuredClone(standard);
    const deployed = this.getObject(def.name);
    if (!deployed) return def;
    const known = new Set(def.fields.map((entry) => entry.name.toLowerCase()));
    def.fields.push(...deployed.fields.filter((entry) => entry.custom && !known.has(entry.name.toLowerCase())));
    def.validationRules = deployed.validationRules;
    return def;
  }

  public close(): void {
    this.checkpointInBackground(false);
    this.reader?.close();
    if (this.db.open) this.db.close();
    this.lock.release();
  }

  /**
   * Turns background checkpoints on or off. While on (a Bulk job runs), a worker thread with its own connection copies
   * the WAL back into the database every CHECKPOINT_MS (a PASSIVE checkpoint: it never blocks this connection), so
   * that the commits of the job's chunks do not stop to do it and other requests are not kept waiting behind them.
   * SQLite's own checkpoint after 10,000 pages stays as the fallback.
   */
  public checkpointInBackground(on: boolean): void {
    if (!on) {
      if (!this.checkpointer) return;
      clearInterval(this.checkpointer.timer);
      this.checkpointer.worker.postMessage('close');
      this.checkpointer.worker.unref();
      this.checkpointer = undefined;
      return;
    }
    if (this.checkpointer || !this.db.open) return;
    const worker = new Worker(CHECKPOINT_WORKER, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file: this.db.name }
    });
    const checkpointer = {
      worker,
      busy: false,
      timer: setInterval(() => {
        if (checkpointer.busy) return;
        checkpointer.busy = true;
        worker.postMessage('checkpoint');
      }, CHECKPOINT_MS)
    };
    checkpointer.timer.unref();
    worker.on('message', () => (checkpointer.busy = false));
    // A failed checkpoint costs nothing but speed: SQLite's own checkpoint still runs.
    worker.on('error', () => this.checkpointer === checkpointer && this.checkpointInBackground(false));
    this.checkpointer = checkpointer;
  }

  /**
   * Runs `fn` with record reads going through a second, read-only connection. SQLite functions called while a query
   * runs (formula fields in a SOQL WHERE or ORDER BY) need it: the main connection is busy with that query. The
   * reader sees the last committed state, which is the whole state for a read-only request.
   */
  public withReader<T>(fn: () => T): T {
    this.reader ??= new Database(join(this.dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
    this.readerDepth++;
    try {
      return fn();
    } finally {
      this.readerDepth--;
    }
  }

  /** Bumped by every schema change; caches keyed on the schema (SOQL plans) compare it. */
  public get schemaGeneration(): number {
    return this.schemaVersion;
  }

  /**
   * Runs `fn` in a transaction (a savepoint when already inside one): committed when it returns, rolled back when
   * it throws. A rolled-back outermost transaction also reloads the schema and counters kept in memory, so that
   * objects applied inside it (a deploy that fails half-way) do not outlive their tables.
   */
  public transaction<T>(fn: () => T): T {
    if (this.db.inTransaction) return this.savepoint(fn);
    try {
      this.outermost = true;
      return this.db.transaction(() => {
        const result = fn();
        this.flushCounters();
        return result;
      })();
    } catch (error) {
      this.rowCache?.clear();
      this.reloadFromDatabase();
      throw error;
    } finally {
      this.outermost = false;
      this.dirtyCounters.clear();
    }
  }

  /**
   * Runs `fn` in a savepoint of the open transaction, with statements prepared once: a Bulk chunk opens one per
   * row, and better-sqlite3's `db.transaction(fn)` would build a new wrapper for each.
   */
  private savepoint<T>(fn: () => T): T {
    this.savepointStatements ??= {
      begin: this.db.prepare('SAVEPOINT lo_nested'),
      release: this.db.prepare('RELEASE lo_nested'),
      rollback: this.db.prepare('ROLLBACK TO lo_nested')
    };
    const { begin, release, rollback } = this.savepointStatements;
    begin.run();
    let result: T;
    try {
      result = fn();
      if (result instanceof Promise) throw new TypeError('Transaction function cannot return a promise');
    } catch (error) {
      // Rows read inside the savepoint may hold what it wrote.
      this.rowCache?.clear();
      // A failed statement may have ended the transaction already (SQLite rolls back on some errors).
      if (this.db.inTransaction) {
        rollback.run();
        release.run();
      }
      throw error;
    }
    release.run();
    return result;
  }

  /** Writes the counters that moved during the outermost transaction, once each, just before it commits. */
  private flushCounters(): void {
    const write = this.statement(
      'INSERT INTO lo_counter (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value'
    );
    for (const name of this.dirtyCounters) write.run(name, this.counters.get(name));
    this.dirtyCounters.clear();
  }

  /** Replaces the in-memory schema and counters with what the database holds. */
  private reloadFromDatabase(): void {
    this.objects.clear();
    this.byKeyPrefix.clear();
    this.counters.clear();
    const counters = this.db.prepare('SELECT name, value FROM lo_counter').all() as { name: string; value: number }[];
    for (const row of counters) this.counters.set(row.name, row.value);
    const rows = this.db.prepare('SELECT def FROM lo_object ORDER BY position').all() as { def: string }[];
    for (const row of rows) this.register(JSON.parse(row.def) as ObjectDef);
  }

  /** A prepared statement, cached by its SQL text (the SQL only ever holds schema identifiers and `?`). */
  public statement(sql: string): Database.Statement {
    const onReader = this.readerDepth > 0 && this.reader !== undefined;
    const cache = onReader ? this.readerCache : this.statementCache;
    let statement = cache.get(sql);
    if (!statement) {
      statement = (onReader ? (this.reader as Database.Database) : this.db).prepare(sql);
      if (cache.size > 2000) cache.clear();
      cache.set(sql, statement);
    }
    return statement;
  }

  // ---------------------------------------------------------------- schema

  /** The object named `name`, whatever its case. */
  public getObject(name: string): ObjectDef | undefined {
    return this.objects.get(name.toLowerCase());
  }

  /** The object whose ids start with `keyPrefix`. */
  public getObjectByKeyPrefix(keyPrefix: string): ObjectDef | undefined {
    return this.byKeyPrefix.get(keyPrefix);
  }

  /** The object a record id belongs to. */
  public objectOfId(id: string): ObjectDef | undefined {
    return this.byKeyPrefix.get(id.slice(0, 3));
  }

  /** Every object, standard ones first, then custom ones in creation order. */
  public listObjects(): ObjectDef[] {
    return [...this.objects.values()];
  }

  /** The field `name` of `def`, whatever its case. */
  public getField(def: ObjectDef, name: string): FieldDef | undefined {
    const lower = name.toLowerCase();
    return def.fields.find((candidate) => candidate.name.toLowerCase() === lower);
  }

  /**
   * Creates or alters the tables of `defs` inside the current transaction (call it inside `transaction()` so that a
   * failing deploy leaves nothing behind). Pass complete definitions: standard fields of custom objects (Id, Name,
   * OwnerId, audit fields) are added when missing; a field left out of a new definition disappears from the schema
   * but its column and data stay; a type change converts the stored values or fails. Unchanged definitions are a
   * no-op. New custom objects get the next free key prefix (a01, a02, ...; custom metadata types m01, ...) unless
   * their `keyPrefix` names a free one. Returns the roll-up summary fields created or redefined, whose values the
   * caller computes (the storage does not know what a roll-up means).
   */
  public applyObjects(defs: ObjectDef[]): ChangedRollup[] {
    const changedRollups: ChangedRollup[] = [];
    for (const input of defs) {
      const def = this.completeDefinition(input);
      const existing = this.getObject(def.name);
      def.keyPrefix = existing?.keyPrefix ?? this.chooseKeyPrefix(def);
      if (existing && JSON.stringify(existing) === JSON.stringify(def)) continue;
      this.writeTable(def, existing);
      for (const field of def.fields) {
        const before = existing && this.getField(existing, field.name);
        if (field.summary && JSON.stringify(before?.summary) !== JSON.stringify(field.summary)) {
          changedRollups.push({ def, field });
        }
      }
      const position = existing
        ? (
            this.db.prepare('SELECT position FROM lo_object WHERE name_key = ?').get(def.name.toLowerCase()) as {
              position: number;
            }
          ).position
        : ((this.db.prepare('SELECT COALESCE(MAX(position), 0) + 1 AS next FROM lo_object').get() as { next: number })
            .next as number);
      this.db
        .prepare('INSERT OR REPLACE INTO lo_object (name_key, position, def) VALUES (?, ?, ?)')
        .run(def.name.toLowerCase(), position, JSON.stringify(def));
      if (existing) this.byKeyPrefix.delete(existing.keyPrefix);
      this.register(def);
    }
    return changedRollups;
  }

  private register(def: ObjectDef): void {
    this.objects.set(def.name.toLowerCase(), def);
    this.byKeyPrefix.set(def.keyPrefix, def);
    this.schemaVersion++;
    this.rowCache?.clear();
    this.statementCache.clear();
    this.readerCache.clear();
  }

  private chooseKeyPrefix(def: ObjectDef): string {
    if (def.keyPrefix && /^[0-9A-Za-z]{3}$/.test(def.keyPrefix) && !this.byKeyPrefix.has(def.keyPrefix)) {
      return def.keyPrefix;
    }
    const lead = def.customMetadata ? 'm' : 'a';
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    for (let n = 1; n < alphabet.length * alphabet.length; n++) {
      const candidate = lead + alphabet[Math.floor(n / alphabet.length)] + alphabet[n % alphabet.length];
      if (!this.byKeyPrefix.has(candidate)) return candidate;
    }
    throw new SfApiError('LIMIT_EXCEEDED', 'No key prefix left for a new custom object');
  }

  /** Adds the standard fields Salesforce gives every custom object or custom metadata type. */
  private completeDefinition(input: ObjectDef): ObjectDef {
    const def = structuredClone(input);
    def.validationRules ??= [];
    if (!def.custom) return def;
    const has = (name: string): boolean => def.fields.some((entry) => entry.name.toLowerCase() === name.toLowerCase());
    const missing = (fields: FieldDef[]): FieldDef[] => fields.filter((entry) => !has(entry.name));
    if (def.customMetadata) {
      def.fields = [
        ...missing([
          systemField('Id', 'id', { label: 'Custom Metadata Record ID', length: 18 }),
          makeField('DeveloperName', 'string', { label: 'Custom Metadata Record Name', length: 40, required: true }),
          makeField('MasterLabel', 'string', { label: 'Label', length: 40, required: true }),
          makeField('Label', 'string', { label: 'Label', length: 40 }),
          makeField('QualifiedApiName', 'string', { label: 'Qualified API Name', length: 70 }),
          makeField('NamespacePrefix', 'string', { label: 'Namespace Prefix', length: 15 }),
          makeField('Language', 'picklist', { label: 'Master Language', length: 40 }),
          systemField('SystemModstamp', 'datetime', { label: 'System Modstamp' })
        ]).map((entry) => ({ ...entry, custom: false, createable: false, updateable: false })),
        ...def.fields
      ];
      def.createable = false;
      def.updateable = false;
      def.deletable = false;
      return def;
    }
    const hasMaster = def.fields.some(isMasterDetail);
    const nameField =
      def.nameField?.type === 'AutoNumber'
        ? systemField('Name', 'string', {
            label: def.nameField.label,
            length: 30,
            autoNumber: { displayFormat: def.nameField.displayFormat ?? 'A-{0000}' }
          })
        : makeField('Name', 'string', {
            label: def.nameField?.label ?? `${def.label} Name`,
            length: 80,
            required: true
          });
    def.fields = [
      ...missing(systemFields({ owner: !hasMaster, label: def.label })),
      ...missing([{ ...nameField, custom: false }]),
      ...def.fields
    ];
    return def;
  }

  private writeTable(def: ObjectDef, existing: ObjectDef | undefined): void {
    const table = tableName(def);
    const stored = def.fields.filter(isStoredField);
    if (!existing) {
      const columns = stored.map((entry) =>
        entry.name === 'Id'
          ? '"Id" TEXT PRIMARY KEY'
          : entry.name === 'IsDeleted'
            ? '"IsDeleted" INTEGER NOT NULL DEFAULT 0'
            : `${quoteIdentifier(entry.name)} ${columnType(entry)}`
      );
      if (!stored.some((entry) => entry.name === 'IsDeleted')) columns.push('"IsDeleted" INTEGER NOT NULL DEFAULT 0');
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (${columns.join(', ')})`);
    } else {
      const present = new Set(
        (this.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((row) =>
          row.name.toLowerCase()
        )
      );
      for (const entry of stored) {
        const column = quoteIdentifier(entry.name);
        if (!present.has(entry.name.toLowerCase())) {
          this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${columnType(entry)}`);
          // New checkboxes read false on existing records, as on Salesforce; other defaults apply to new records.
          if (entry.type === 'boolean') {
            this.db.prepare(`UPDATE ${table} SET ${column} = ?`).run(entry.defaultValue === true ? 1 : 0);
          }
          continue;
        }
        const before = this.getField(existing, entry.name);
        if (before && isStoredField(before) && before.type !== entry.type) this.convertColumn(def, before, entry);
      }
    }
    this.writeIndexes(def);
  }

  /** Converts every stored value of a field whose type changed; fails (and so rolls back) when one cannot be. */
  private convertColumn(def: ObjectDef, before: FieldDef, after: FieldDef): void {
    const table = tableName(def);
    const column = quoteIdentifier(after.name);
    const rows = this.db.prepare(`SELECT "Id" AS id, ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL`);
    const update = this.db.prepare(`UPDATE ${table} SET ${column} = ? WHERE "Id" = ?`);
    for (const row of rows.all() as { id: string; value: unknown }[]) {
      const current = fromDb(before, row.value);
      let converted: unknown;
      try {
        converted = coerceValue(after, typeof current === 'boolean' ? String(current) : current, 'text');
      } catch {
        throw new SfApiError(
          'FIELD_INTEGRITY_EXCEPTION',
          `Cannot change the type of ${def.name}.${after.name} from ${before.type} to ${after.type}: record ` +
            `${row.id} holds ${JSON.stringify(current)}`
        );
      }
      update.run(toDb(after, converted), row.id);
    }
  }

  private writeIndexes(def: ObjectDef): void {
    const table = tableName(def);
    const base = `o_${def.name.toLowerCase()}`;
    for (const entry of def.fields.filter(isStoredField)) {
      const column = quoteIdentifier(entry.name);
      const indexName = quoteIdentifier(`${base}__${entry.name.toLowerCase()}`.slice(0, 79));
      const uniqueName = quoteIdentifier(`${base}__u_${entry.name.toLowerCase()}`.slice(0, 79));
      // Lookups are joined and filtered on (children of a parent, cascades, roll-ups); the audit and owner
      // references are not worth an index on every write.
      const auditReference = AUDIT_FIELD_NAMES.has(entry.name.toLowerCase()) || entry.name === 'OwnerId';
      const indexed =
        (entry.type === 'reference' && !auditReference) || entry.externalId || entry.name === 'DeveloperName';
      // A unique field already has its (partial, unique) index.
      if (indexed && !(entry.unique && entry.name !== 'Id')) {
        this.db.exec(`CREATE INDEX IF NOT EXISTS ${indexName} ON ${table} (${column})`);
      } else {
        this.db.exec(`DROP INDEX IF EXISTS ${indexName}`);
      }
      if (entry.unique && entry.name !== 'Id') {
        const collate = isTextType(entry.type) && !entry.caseSensitive ? ' COLLATE NOCASE' : '';
        try {
          this.db.exec(
            `CREATE UNIQUE INDEX IF NOT EXISTS ${uniqueName} ON ${table} (${column}${collate}) WHERE "IsDeleted" = 0`
          );
        } catch {
          throw new SfApiError(
            'DUPLICATE_VALUE',
            `Cannot make ${def.name}.${entry.name} unique: existing records hold duplicate values`
          );
        }
      } else {
        this.db.exec(`DROP INDEX IF EXISTS ${uniqueName}`);
      }
    }
  }

  // ---------------------------------------------------------------- counters and identity

  /** The next number of the sequence `name` (ids, auto-numbers), persisted with the current transaction. */
  public nextSequence(name: string): number {
    const next = (this.counters.get(name) ?? 0) + 1;
    this.counters.set(name, next);
    // Inside transaction() the counter is written once at commit (a Bulk chunk takes thousands of ids); elsewhere
    // at once. A savepoint rolled back keeps the numbers it took: ids are never reused.
    if (this.outermost) this.dirtyCounters.add(name);
    else {
      this.statement(
        'INSERT INTO lo_counter (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value'
      ).run(name, next);
    }
    return next;
  }

  /** A new id for a record of `def`. */
  public newId(def: ObjectDef): string {
    return makeId(def.keyPrefix, this.nextSequence(`id:${def.keyPrefix}`));
  }

  private loadOrCreateIdentity(): OrgIdentity {
    const row = this.db.prepare("SELECT value FROM lo_org WHERE key = 'identity'").get() as
      { value: string } | undefined;
    if (row) return JSON.parse(row.value) as OrgIdentity;
    const now = new Date().toISOString();
    const orgId = makeId('00D', parseInt(Date.now().toString().slice(-8), 10));
    const suffix = randomBase62(6).toLowerCase();
    const organization = this.getObject('Organization') as ObjectDef;
    const profile = this.getObject('Profile') as ObjectDef;
    const user = this.getObject('User') as ObjectDef;
    const adminProfileId = this.newId(profile);
    const identity: OrgIdentity = {
      orgId,
      userId: makeId(user.keyPrefix, this.nextSequence(`id:${user.keyPrefix}`)),
      username: `admin@maintenance-local-${suffix}.org`,
      profileId: adminProfileId,
      accessToken: `${orgId.slice(0, 15)}!${randomBase62(100)}`,
      createdDate: now
    };
    const audit = { CreatedDate: now, LastModifiedDate: now, SystemModstamp: now };
    const by = { CreatedById: identity.userId, LastModifiedById: identity.userId };
    this.insertRaw(organization, {
      Id: orgId,
      Name: 'Maintenance Local Org',
      OrganizationType: 'Developer Edition',
      InstanceName: 'LOCAL',
      IsSandbox: false,
      TrialExpirationDate: null,
      NamespacePrefix: null,
      DefaultLocaleSidKey: 'fr_FR',
      LanguageLocaleKey: 'en_US',
      TimeZoneSidKey: 'Europe/Paris',
      Country: 'France',
      ...audit,
      ...by
    });
    this.insertRaw(profile, {
      Id: adminProfileId,
      Name: 'System Administrator',
      UserType: 'Standard',
      ...audit,
      ...by
    });
    this.insertRaw(profile, { Id: this.newId(profile), Name: 'Standard User', UserType: 'Standard', ...audit, ...by });
    this.insertRaw(user, {
      Id: identity.userId,
      Username: identity.username,
      LastName: 'Admin',
      FirstName: 'Local',
      Name: 'Local Admin',
      Alias: 'ladmin',
      Email: 'admin@maintenance-local.invalid',
      IsActive: true,
      ProfileId: adminProfileId,
      UserType: 'Standard',
      TimeZoneSidKey: 'Europe/Paris',
      LocaleSidKey: 'fr_FR',
      LanguageLocaleKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      ...audit,
      ...by
    });
    this.db.prepare("INSERT INTO lo_org (key, value) VALUES ('identity', ?)").run(JSON.stringify(identity));
    return identity;
  }

  // ---------------------------------------------------------------- raw rows (no checks: the DML layer checks)

  /** The stored fields of `def` and the SQL to insert and read its rows, built once per definition. */
  private rowSql(def: ObjectDef): RowSql {
    let cached = this.rowSqlCache.get(def);
    if (!cached) {
      const stored = def.fields.filter(isStoredField);
      const columns = stored.map((entry) => quoteIdentifier(entry.name)).join(', ');
      const table = tableName(def);
      cached = {
        stored,
        insert: `INSERT INTO ${table} (${columns}) VALUES (${stored.map(() => '?').join(', ')})`,
        select: `SELECT ${columns} FROM ${table} WHERE "Id" = ? AND "IsDeleted" = 0`,
        selectAny: `SELECT ${columns} FROM ${table} WHERE "Id" = ?`,
        state: `SELECT "IsDeleted" AS deleted FROM ${table} WHERE "Id" = ?`
      };
      this.rowSqlCache.set(def, cached);
    }
    return cached;
  }

  /**
   * Runs `fn` reading live records through the read cache (see rowCache), which stays for the next call until
   * forgetCachedReads: for work that reads the same records again and again (the chunks of a Bulk job).
   */
  public cachingReads<T>(fn: () => T): T {
    if (this.readingCached) return fn();
    this.rowCache ??= new Map();
    this.readingCached = true;
    try {
      return fn();
    } finally {
      this.readingCached = false;
    }
  }

  /** Drops the read cache (when no Bulk job runs, and after a write that bypasses insertRaw and updateRaw). */
  public forgetCachedReads(): void {
    this.rowCache = undefined;
  }

  /** Inserts a row as given (canonical values by field name; missing ones blank); for the DML layer and seeds. */
  public insertRaw(def: ObjectDef, values: Record<string, unknown>): void {
    this.rowCache?.delete(`${def.name}:${String(values.Id)}`);
    const { stored, insert } = this.rowSql(def);
    this.statement(insert).run(
      stored.map((entry) => {
        const value = values[entry.name];
        if (value === undefined) return entry.name === 'IsDeleted' ? 0 : null;
        return toDb(entry, value);
      })
    );
  }

  /** Updates the given columns of a row. */
  public updateRaw(def: ObjectDef, id: string, values: Record<string, unknown>): void {
    const fields = def.fields.filter((entry) => isStoredField(entry) && values[entry.name] !== undefined);
    if (fields.length === 0) return;
    this.rowCache?.delete(`${def.name}:${id}`);
    const sql = `UPDATE ${tableName(def)} SET ${fields.map((entry) => `${quoteIdentifier(entry.name)} = ?`).join(', ')} WHERE "Id" = ?`;
    this.statement(sql).run(...fields.map((entry) => toDb(entry, values[entry.name])), id);
  }

  /**
   * The stored values of a record (no formula fields), by canonical field name; undefined when absent (or
   * deleted, unless `includeDeleted`).
   */
  public readRaw(def: ObjectDef, id: string, includeDeleted = false): Record<string, unknown> | undefined {
    if (this.readingCached && this.rowCache && !includeDeleted && this.readerDepth === 0) {
      const cached = this.cachedRow(this.rowCache, def, id);
      return cached && { ...cached };
    }
    return this.readRow(def, id, includeDeleted);
  }

  private cachedRow(
    cache: Map<string, Record<string, unknown> | undefined>,
    def: ObjectDef,
    id: string
  ): Record<string, unknown> | undefined {
    const key = `${def.name}:${id}`;
    if (!cache.has(key)) cache.set(key, this.readRow(def, id, false));
    return cache.get(key);
  }

  private readRow(def: ObjectDef, id: string, includeDeleted: boolean): Record<string, unknown> | undefined {
    const { stored, select, selectAny } = this.rowSql(def);
    const row = this.statement(includeDeleted ? selectAny : select)
      .raw(true)
      .get(id) as unknown[] | undefined;
    if (!row) return undefined;
    const record: Record<string, unknown> = {};
    stored.forEach((entry, index) => (record[entry.name] = fromDb(entry, row[index])));
    return record;
  }

  /** Whether a record exists and is live, deleted (in the recycle bin) or absent; cheaper than reading it. */
  public recordState(def: ObjectDef, id: string): 'live' | 'deleted' | 'absent' {
    if (this.readingCached && this.rowCache && this.readerDepth === 0 && this.cachedRow(this.rowCache, def, id)) {
      return 'live';
    }
    const row = this.statement(this.rowSql(def).state).get(id) as { deleted: number } | undefined;
    if (!row) return 'absent';
    return row.deleted === 1 ? 'deleted' : 'live';
  }

  /** Id of the live record of `def` whose `field` equals `value` (case-insensitive for text), or undefined. */
  public findIdsByField(def: ObjectDef, field: FieldDef, value: unknown): string[] {
    let sql = this.lookupSqlCache.get(field);
    if (!sql) {
      sql = `SELECT "Id" FROM ${tableName(def)} WHERE ${quoteIdentifier(field.name)} = ? AND "IsDeleted" = 0 LIMIT 2`;
      this.lookupSqlCache.set(field, sql);
    }
    return this.statement(sql).pluck().all(toDb(field, value)) as string[];
  }

  /** Number of live records of `def`. */
  public countRecords(def: ObjectDef): number {
    return (this.statement(`SELECT COUNT(*) AS n FROM ${tableName(def)} WHERE "IsDeleted" = 0`).get() as { n: number })
      .n;
  }
}
