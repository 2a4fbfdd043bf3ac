/**
 * The Metadata API's own tables in the org database: every deployed component (type, full name, file, id, the XML
 * that defines it, a fingerprint and dates) in `md_component`, and every deploy request and its result in
 * `md_deploy`. Schema objects also live in the store's object definitions; `md_component` is what listMetadata,
 * readMetadata and change detection read.
 */
import type Database from 'better-sqlite3';
import { makeId } from '../ids.js';
import type { Store } from '../store.js';

export interface StoredComponent {
  type: string;
  fullName: string;
  fileName: string;
  id: string;
  content: string;
  hash: string;
  createdDate: string;
  lastModifiedDate: string;
}

export interface DeployRow {
  id: string;
  status: string;
  checkOnly: boolean;
  createdDate: string;
  /** DeployOptions as sent. */
  options: Record<string, string>;
  /** Base64 zip while the deploy waits; cleared once processed. */
  zip: string | null;
  /** The finished DeployResult, as JSON. */
  result: string | null;
}

/** Id key prefixes Salesforce uses for component ids, so that ids look like the real ones. */
const ID_PREFIX: Record<string, string> = {
  CustomObject: '01I',
  CustomField: '00N',
  ValidationRule: '03d',
  ListView: '00B',
  CompactLayout: '0AH',
  Layout: '00h',
  PermissionSet: '0PS',
  CustomTab: '01r',
  CustomApplication: '02u',
  FlexiPage: '0M0',
  LightningComponentBundle: '0Rb',
  AuraDefinitionBundle: '0Ad',
  CustomLabel: '101',
  QuickAction: '09D',
  ApexClass: '01p',
  StaticResource: '081',
  GlobalValueSet: '0Nt',
  CustomMetadata: 'm00',
  WebLink: '00b',
  RecordType: '012',
  FieldSet: '0IX'
};

const initialised = new WeakSet<Database.Database>();

/** Creates the `md_` tables when missing (idempotent, cheap after the first call per database). */
export function ensureTables(store: Store): void {
  if (initialised.has(store.db)) return;
  store.db.exec(`
    CREATE TABLE IF NOT EXISTS md_component (
      type TEXT NOT NULL,
      full_name TEXT NOT NULL COLLATE NOCASE,
      file_name TEXT NOT NULL,
      id TEXT NOT NULL,
      content TEXT NOT NULL,
      hash TEXT NOT NULL,
      created_date TEXT NOT NULL,
      last_modified_date TEXT NOT NULL,
      PRIMARY KEY (type, full_name)
    );
    CREATE TABLE IF NOT EXISTS md_component_file (
      type TEXT NOT NULL,
      full_name TEXT NOT NULL COLLATE NOCASE,
      path TEXT NOT NULL,
      content BLOB NOT NULL,
      PRIMARY KEY (type, full_name, path)
    );
    CREATE TABLE IF NOT EXISTS md_retrieve (
      id TEXT PRIMARY KEY,
      created_date TEXT NOT NULL,
      result TEXT NOT NULL,
      zip TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS md_deploy (
      id TEXT PRIMARY KEY,
      status TEXT NOT NULL,
      check_only INTEGER NOT NULL,
      created_date TEXT NOT NULL,
      options TEXT NOT NULL,
      zip TEXT,
      result TEXT
    );
  `);
  initialised.add(store.db);
}

interface ComponentRow {
  type: string;
  full_name: string;
  file_name: string;
  id: string;
  content: string;
  hash: string;
  created_date: string;
  last_modified_date: string;
}

function toComponent(row: ComponentRow): StoredComponent {
  return {
    type: row.type,
    fullName: row.full_name,
    fileName: row.file_name,
    id: row.id,
    content: row.content,
    hash: row.hash,
    createdDate: row.created_date,
    lastModifiedDate: row.last_modified_date
  };
}

/** The stored component `type`/`fullName` (full name compared without regard to case). */
export function getComponent(store: Store, type: string, fullName: string): StoredComponent | undefined {
  ensureTables(store);
  const row = store.statement('SELECT * FROM md_component WHERE type = ? AND full_name = ?').get(type, fullName) as
    ComponentRow | undefined;
  return row && toComponent(row);
}

/** Every stored component of `type`, by full name. */
export function listComponents(store: Store, type: string): StoredComponent[] {
  ensureTables(store);
  return (
    store.statement('SELECT * FROM md_component WHERE type = ? ORDER BY full_name').all(type) as ComponentRow[]
  ).map(toComponent);
}

/** A new component id with the type's key prefix. */
export function newComponentId(store: Store, type: string): string {
  const prefix = ID_PREFIX[type] ?? '0Xx';
  return makeId(prefix, store.nextSequence(`md:${prefix}`));
}

/** Inserts or replaces a component (call inside the deploy's transaction). */
export function saveComponent(store: Store, component: StoredComponent): void {
  ensureTables(store);
  store
    .statement(
      `INSERT INTO md_component (type, full_name, file_name, id, content, hash, created_date, last_modified_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (type, full_name) DO UPDATE SET file_name = excluded.file_name, content = excluded.content,
         hash = excluded.hash, last_modified_date = excluded.last_modified_date`
    )
    .run(
      component.type,
      component.fullName,
      component.fileName,
      component.id,
      component.content,
      component.hash,
      component.createdDate,
      component.lastModifiedDate
    );
}

/** Replaces the files kept for a top-level component (what retrieve gives back), inside the deploy's transaction. */
export function saveComponentFiles(
  store: Store,
  type: string,
  fullName: string,
  files: { path: string; bytes: Uint8Array }[]
): void {
  ensureTables(store);
  store.statement('DELETE FROM md_component_file WHERE type = ? AND full_name = ?').run(type, fullName);
  const insert = store.statement('INSERT INTO md_component_file (type, full_name, path, content) VALUES (?, ?, ?, ?)');
  for (const file of files) insert.run(type, fullName, file.path, Buffer.from(file.bytes));
}

/** Whether files are kept for a component (components deployed before files were kept have none). */
export function hasComponentFiles(store: Store, type: string, fullName: string): boolean {
  ensureTables(store);
  return (
    store.statement('SELECT 1 FROM md_component_file WHERE type = ? AND full_name = ? LIMIT 1').get(type, fullName) !==
    undefined
  );
}

/** The files kept for a top-level component (none for components deployed before files were kept). */
export function componentFiles(store: Store, type: string, fullName: string): { path: string; bytes: Buffer }[] {
  ensureTables(store);
  return (
    store
      .statement('SELECT path, content FROM md_component_file WHERE type = ? AND full_name = ? ORDER BY path')
      .all(type, fullName) as { path: string; content: Buffer }[]
  ).map((row) => ({ path: row.path, bytes: row.content }));
}

/** Records a retrieve's result and zip, keeping the 20 most recent. */
export function saveRetrieve(store: Store, id: string, result: string, zip: string): void {
  ensureTables(store);
  store
    .statement('INSERT INTO md_retrieve (id, created_date, result, zip) VALUES (?, ?, ?, ?)')
    .run(id, new Date().toISOString(), result, zip);
  store
    .statement(
      'DELETE FROM md_retrieve WHERE id NOT IN (SELECT id FROM md_retrieve ORDER BY created_date DESC, id DESC LIMIT 20)'
    )
    .run();
}

export function getRetrieve(store: Store, id: string): { result: string; zip: string } | undefined {
  ensureTables(store);
  return store.statement('SELECT result, zip FROM md_retrieve WHERE id = ?').get(id) as
    { result: string; zip: string } | undefined;
}

/** Records a new deploy request. */
export function insertDeploy(store: Store, row: DeployRow): void {
  ensureTables(store);
  store
    .statement(
      'INSERT INTO md_deploy (id, status, check_only, created_date, options, zip, result) VALUES (?, ?, ?, ?, ?, ?, ?)'
    )
    .run(row.id, row.status, row.checkOnly ? 1 : 0, row.createdDate, JSON.stringify(row.options), row.zip, row.result);
}

/**
 * Updates a deploy's status and result. The zip is dropped once a result exists, except for a successful validation
 * (a check-only deploy), which a quick deploy (`deployRecentValidation`) applies later.
 */
export function updateDeploy(store: Store, id: string, status: string, result: string | null): void {
  ensureTables(store);
  store
    .statement(
      'UPDATE md_deploy SET status = ?, result = ?, zip = CASE WHEN ? IS NULL OR (check_only = 1 AND ? = ' +
        "'Succeeded') THEN zip ELSE NULL END WHERE id = ?"
    )
    .run(status, result, result, status, id);
}

export function getDeploy(store: Store, id: string): DeployRow | undefined {
  ensureTables(store);
  const row = store.statement('SELECT * FROM md_deploy WHERE id = ?').get(id) as
    | {
        id: string;
        status: string;
        check_only: number;
        created_date: string;
        options: string;
        zip: string | null;
        result: string | null;
      }
    | undefined;
  if (!row) return undefined;
  return {
    id: row.id,
    status: row.status,
    checkOnly: row.check_only === 1,
    createdDate: row.created_date,
    options: JSON.parse(row.options) as Record<string, string>,
    zip: row.zip,
    result: row.result
  };
}

/** Keeps the `keep` most recent deploys (results of a full deploy weigh about 100 KB each) and forgets older ones. */
export function pruneDeploys(store: Store, keep = 50): void {
  ensureTables(store);
  store
    .statement(
      `DELETE FROM md_deploy WHERE status NOT IN ('Pending', 'InProgress') AND id NOT IN
         (SELECT id FROM md_deploy ORDER BY created_date DESC, id DESC LIMIT ?)`
    )
    .run(keep);
  // The zips of the 5 most recent validations are kept for quick deploys; older ones are dropped.
  store
    .statement(
      `UPDATE md_deploy SET zip = NULL WHERE check_only = 1 AND status = 'Succeeded' AND zip IS NOT NULL AND id NOT IN
         (SELECT id FROM md_deploy WHERE check_only = 1 AND status = 'Succeeded' ORDER BY created_date DESC, id DESC
          LIMIT 5)`
    )
    .run();
}

/** Ids of deploys still waiting (after a restart they are picked up again). */
export function pendingDeployIds(store: Store): string[] {
  ensureTables(store);
  return (
    store.statement("SELECT id FROM md_deploy WHERE status = 'Pending' ORDER BY created_date, id").all() as {
      id: string;
    }[]
  ).map((r) => r.id);
}
