/**
 * The local org: its raw storage (storage.ts) with the org's behaviour composed on top, which is what the request
 * handlers use. Writes go through the DML engine (Salesforce's checks, validation rules, roll-ups, field history);
 * reads of a record compute its formula fields; each request runs as a user (`runAs`), whose object and field access
 * (permissions.ts) DML, SOQL and describe apply. Layers depend one way: storage <- this org layer <- handlers.
 */
import { lockDataDir, secureDataDir, type DataDirLock } from './dataDir.js';
import { DmlEngine, type DmlOptions, type SaveResult } from './dml.js';
import { computeFormulaFields } from './formulaHooks.js';
import { normalizeId } from './ids.js';
import { policyForUser, type AccessPolicy } from './permissions.js';
import { recomputeAllRollups } from './rollups.js';
import type { ObjectDef } from './schema.js';
import { Storage, type ChangedRollup } from './storage.js';

export { quoteIdentifier, tableName, type OrgIdentity } from './storage.js';

export class Store extends Storage {
  /** Record-level create/update/upsert/delete with Salesforce's checks. */
  public readonly dml: DmlEngine;
  /** The user the current request runs as, and values computed once for it; absent: the administrator. */
  private running?: { userId: string; policy?: AccessPolicy; memo: Map<string, unknown> };

  private constructor(dataDir: string, lock: DataDirLock) {
    super(dataDir, lock);
    this.dml = new DmlEngine(this);
  }

  /**
   * Opens (creating when needed) the org in `dataDir`, owner-only, holding its lock until `close()`; throws
   * DataDirLockedError when another process has it open.
   */
  public static open(dataDir: string): Store {
    secureDataDir(dataDir);
    const lock = lockDataDir(dataDir);
    try {
      return new Store(dataDir, lock);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  /**
   * Creates or alters the tables of `defs` (see Storage.applyObjects), then computes every roll-up summary field
   * that was created or redefined.
   */
  public override applyObjects(defs: ObjectDef[]): ChangedRollup[] {
    const changed = super.applyObjects(defs);
    for (const { def, field } of changed) recomputeAllRollups(this, def, field);
    return changed;
  }

  // ---------------------------------------------------------------- the running user

  /**
   * Runs `fn` (synchronous) as user `userId`: DML, SOQL and describe then apply that user's object and field access
   * (none for a System Administrator) and stamp their id in the audit fields.
   */
  public runAs<T>(userId: string, fn: () => T): T {
    const previous = this.running;
    this.running = { userId, policy: policyForUser(this, userId), memo: new Map() };
    try {
      return fn();
    } finally {
      this.running = previous;
    }
  }

  /** The id of the user the current request runs as. */
  public get runningUserId(): string {
    return this.running?.userId ?? this.identity.userId;
  }

  /**
   * `compute()`, computed once per `runAs` (one request, one Bulk chunk) and kept for the rest of it; computed each
   * time outside one.
   */
  public memo<T>(key: string, compute: () => T): T {
    const memo = this.running?.memo;
    if (!memo) return compute();
    if (!memo.has(key)) memo.set(key, compute());
    return memo.get(key) as T;
  }

  /** The running user's access; undefined when unrestricted (the administrator, or outside any request). */
  public get access(): AccessPolicy | undefined {
    return this.running?.policy;
  }

  // ---------------------------------------------------------------- records

  /**
   * A record with its formula fields computed (what REST retrieve and formulas' cross-object references see);
   * undefined when absent or deleted. Accepts 15- or 18-character ids.
   */
  public getRecord(objectName: string, id: string): Record<string, unknown> | undefined {
    const def = this.getObject(objectName);
    const canonical = normalizeId(id);
    if (!def || !canonical) return undefined;
    const record = this.readRaw(def, canonical);
    return record && computeFormulaFields(this, def, record);
  }

  /** Creates one record; throws SfApiError/SfRecordErrors when Salesforce would refuse it. Returns the new id. */
  public insert(objectName: string, values: Record<string, unknown>, options?: DmlOptions): string {
    return this.dml.insert(objectName, values, options);
  }

  /** Updates one record. */
  public update(objectName: string, id: string, values: Record<string, unknown>, options?: DmlOptions): void {
    this.dml.update(objectName, id, values, options);
  }

  /** Upserts one record by external id; `created` says which way it went. */
  public upsert(
    objectName: string,
    externalIdField: string,
    values: Record<string, unknown>,
    options?: DmlOptions
  ): SaveResult {
    return this.dml.upsert(objectName, externalIdField, values, options);
  }

  /** Deletes one record (and its master-detail children). */
  public delete(objectName: string, id: string): void {
    this.dml.delete(objectName, id);
  }
}
