/**
 * Record writes with Salesforce's checks, in Salesforce's order: field names and access, value types, defaults and
 * system fields, required fields, restricted picklists, lengths and ranges, references, uniqueness, then validation
 * rules (after the write, formulas included), then roll-up summaries of the parents (whose own validation rules run
 * on the new totals). Each method works on one record inside the caller's transaction and throws `SfApiError` /
 * `SfRecordErrors` with Salesforce's codes and messages; the caller decides what a failure rolls back.
 */
import { SfApiError, SfRecordErrors, invalidType, noSuchFieldOnSobject } from './errors.js';
import { AUDIT_FIELD_NAMES } from './fieldFactory.js';
import { validationErrors } from './formulaHooks.js';
import { historyPlanOf, recordChanges, recordCreated, type HistoryPlan } from './history.js';
import { normalizeId } from './ids.js';
import { deriveOpportunityFields } from './opportunity.js';
import { insufficientAccess } from './permissions.js';
import { applyChildChange, rollupParentsOf, type RollupLink } from './rollups.js';
import type { FieldDef, ObjectDef } from './schema.js';
import type { Store } from './store.js';
import { quoteIdentifier, tableName } from './storage.js';
import { coerceValue, isNumberType, isStoredField, isTextType, type ValueSource } from './values.js';

export interface DmlOptions {
  /** How to read values: JSON keeps types (REST), text parses them (CSV). Default json. */
  source?: ValueSource;
  /** Timestamp for the audit fields. */
  now?: Date;
  /** The running user (audit fields, default owner); the org's administrator when absent. */
  userId?: string;
}

export interface SaveResult {
  id: string;
  created: boolean;
}

/** Per-object facts the write path needs, computed once per schema generation. */
interface ObjectPlan {
  generation: number;
  byLowerName: Map<string, FieldDef>;
  byRelationship: Map<string, FieldDef>;
  stored: FieldDef[];
  required: FieldDef[];
  unique: FieldDef[];
  rollupParents: RollupLink[];
  /** Children that point here, with what deleting this record does to them. */
  dependents: { child: ObjectDef; field: FieldDef; action: 'cascade' | 'restrict' | 'setNull' }[];
  hasOwner: boolean;
  autoNumber?: FieldDef;
  /** Where and what field history the object keeps, when it keeps any. */
  history?: HistoryPlan;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isMasterDetail(field: FieldDef): boolean {
  return field.metadataType === 'MasterDetail' || (field.type === 'reference' && field.cascadeDelete === true);
}

/** Formats an auto-number: `INC-{000000}` with 42 -> `INC-000042`. */
export function formatAutoNumber(displayFormat: string, value: number): string {
  return displayFormat.replace(/\{(0+)\}/, (_match, zeros: string) => String(value).padStart(zeros.length, '0'));
}

export class DmlEngine {
  private readonly plans = new WeakMap<ObjectDef, ObjectPlan>();

  public constructor(private readonly store: Store) {}

  /** `upserted` checks only read access here: the insert or update it turns into checks create or edit. */
  private objectFor(objectName: string, operation: 'inserted' | 'updated' | 'deleted' | 'upserted'): ObjectDef {
    const def = this.store.getObject(objectName);
    if (!def) throw invalidType(objectName);
    const access = this.store.access;
    if (access && !access.can(def, 'read')) throw invalidType(objectName);
    const allowed =
      operation === 'inserted' || operation === 'upserted'
        ? def.createable
        : operation === 'updated'
          ? def.updateable
          : def.deletable;
    if (!allowed) {
      throw new SfApiError('INVALID_TYPE_FOR_OPERATION', `entity type cannot be ${operation}: ${def.label}`);
    }
    const needed =
      operation === 'inserted'
        ? 'create'
        : operation === 'updated'
          ? 'edit'
          : operation === 'deleted'
            ? 'delete'
            : 'read';
    if (access && !access.can(def, needed)) throw insufficientAccess();
    return def;
  }

  /** The cached facts about `def` (rebuilt after any schema change). */
  public plan(def: ObjectDef): ObjectPlan {
    const cached = this.plans.get(def);
    if (cached && cached.generation === this.store.schemaGeneration) return cached;
    const dependents: ObjectPlan['dependents'] = [];
    for (const child of this.store.listObjects()) {
      for (const entry of child.fields) {
        if (
          entry.type !== 'reference' ||
          !entry.referenceTo?.some((name) => name.toLowerCase() === def.name.toLowerCase())
        ) {
          continue;
        }
        if (AUDIT_FIELD_NAMES.has(entry.name.toLowerCase()) || entry.name === 'OwnerId') continue;
        const action =
          isMasterDetail(entry) || entry.deleteConstraint === 'Cascade'
            ? 'cascade'
            : entry.deleteConstraint === 'Restrict'
              ? 'restrict'
              : 'setNull';
        dependents.push({ child, field: entry, action });
      }
    }
    const plan: ObjectPlan = {
      generation: this.store.schemaGeneration,
      byLowerName: new Map(def.fields.map((entry) => [entry.name.toLowerCase(), entry])),
      byRelationship: new Map(
        def.fields
          .filter((entry) => entry.relationshipName)
          .map((entry) => [(entry.relationshipName as string).toLowerCase(), entry])
      ),
      stored: def.fields.filter(isStoredField),
      required: def.fields.filter(
        (entry) =>
          (entry.required || (!entry.nillable && entry.type !== 'boolean')) && entry.createable && !entry.calculated
      ),
      unique: def.fields.filter(
        (entry) => (entry.unique || entry.externalId) && entry.name !== 'Id' && isStoredField(entry)
      ),
      rollupParents: rollupParentsOf(this.store, def),
      dependents,
      hasOwner: def.fields.some((entry) => entry.name === 'OwnerId'),
      autoNumber: def.fields.find((entry) => entry.autoNumber),
      history: historyPlanOf(this.store, def)
    };
    this.plans.set(def, plan);
    return plan;
  }

  // ------------------------------------------------------------------ input

  /**
   * Turns client input into canonical values by field name: resolves names case-insensitively, parent references by
   * external id (`Account__r: {External_Id__c: 'X'}` in JSON, `Account__r.External_Id__c` in CSV), checks access
   * and types. `Id` is left to the caller. On update, a field that is createable but not updateable (a master-detail
   * that cannot be reparented) may be sent with its current value, as upserts of detail records do; only a change
   * is refused.
   */
  private readInput(
    def: ObjectDef,
    input: Record<string, unknown>,
    operation: 'insert' | 'update',
    source: ValueSource,
    prior?: Record<string, unknown>
  ): Record<string, unknown> {
    const plan = this.plan(def);
    const access = this.store.access;
    const values: Record<string, unknown> = {};
    const readOnly: string[] = [];
    for (const [key, raw] of Object.entries(input)) {
      if (key === 'attributes' || raw === undefined) continue;
      const lower = key.toLowerCase();
      if (lower === 'id') continue;
      const dot = key.indexOf('.');
      if (dot > 0 || (raw !== null && typeof raw === 'object' && !Array.isArray(raw))) {
        const relationship = dot > 0 ? key.slice(0, dot) : key;
        const reference = plan.byRelationship.get(relationship.toLowerCase());
        if (!reference || access?.fieldLevel(def, reference) === 'none') throw noSuchFieldOnSobject(key, def.name);
        if (access && access.fieldLevel(def, reference) !== 'edit') {
          readOnly.push(reference.name);
          continue;
        }
        const target = this.resolveExternalReference(
          def,
          reference,
          key,
          dot > 0 ? key.slice(dot + 1) : undefined,
          raw
        );
        if (operation === 'update' && !reference.updateable) {
          if (prior?.[reference.name] !== target) readOnly.push(reference.name);
          continue;
        }
        values[reference.name] = target;
        continue;
      }
      const target = plan.byLowerName.get(lower);
      const level = target && access ? access.fieldLevel(def, target) : 'edit';
      if (!target || level === 'none') throw noSuchFieldOnSobject(key, def.name);
      if (level === 'read') {
        readOnly.push(target.name);
        continue;
      }
      const computed = target.calculated === true || target.formula !== undefined;
      const writable = operation === 'insert' ? target.createable : target.updateable || target.createable;
      if (computed || !writable) {
        readOnly.push(target.name);
        continue;
      }
      const value = coerceValue(target, raw, source);
      if (operation === 'update' && !target.updateable) {
        if (prior?.[target.name] !== value) readOnly.push(target.name);
        continue;
      }
      values[target.name] = value;
    }
    if (readOnly.length > 0) {
      throw new SfApiError(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field ` +
          `and verify that it is read/write for your profile or permission set.`,
        400,
        readOnly
      );
    }
    return values;
  }

  /** Finds the parent named by an external id value, for a relationship written as `Rel__r`. */
  private resolveExternalReference(
    def: ObjectDef,
    reference: FieldDef,
    key: string,
    dottedField: string | undefined,
    raw: unknown
  ): string | null {
    let fieldName = dottedField;
    let value: unknown = raw;
    let typeName = reference.referenceTo?.[0] as string;
    if (dottedField === undefined) {
      const entries = Object.entries(raw as Record<string, unknown>);
      const attributes = (raw as { attributes?: { type?: unknown } }).attributes;
      if (attributes && typeof attributes.type === 'string') typeName = attributes.type;
      const keys = entries.filter(([name]) => name !== 'attributes');
      if (keys.length !== 1) {
        throw new SfApiError(
          'INVALID_FIELD',
          `The relationship ${key} must name exactly one external id field of ${typeName}`,
          400,
          [key]
        );
      }
      [fieldName, value] = keys[0];
    }
    if (value === null || value === '' || value === undefined) return null;
    const parent = this.store.getObject(typeName);
    if (!parent || !reference.referenceTo?.some((name) => name.toLowerCase() === parent.name.toLowerCase())) {
      throw new SfApiError('INVALID_FIELD', `Invalid type ${typeName} for relationship ${key} on ${def.name}`, 400, [
        key
      ]);
    }
    const parentField = this.store.getField(parent, fieldName as string);
    if (!parentField || !(parentField.externalId || parentField.name === 'Id' || parentField.unique)) {
      throw new SfApiError(
        'INVALID_FIELD',
        `Field name provided, ${fieldName} is not an External ID or indexed field for ${parent.name}`,
        400,
        [key]
      );
    }
    const typed = coerceValue(parentField, value, 'text');
    const ids = this.store.findIdsByField(parent, parentField, typed);
    if (ids.length === 0) {
      throw new SfApiError(
        'INVALID_FIELD',
        `Foreign key external ID: ${String(value)} not found for field ${parentField.name} in entity ${parent.name}`,
        400,
        [reference.name]
      );
    }
    if (ids.length > 1) {
      throw new SfApiError(
        'INVALID_FIELD',
        `Foreign key external ID: ${String(value)} matched more than one record for field ${parentField.name} in ` +
          `entity ${parent.name}`,
        400,
        [reference.name]
      );
    }
    return ids[0];
  }

  // ------------------------------------------------------------------ checks

  private checkValues(
    def: ObjectDef,
    values: Record<string, unknown>,
    record: Record<string, unknown>,
    recordId?: string
  ): void {
    const plan = this.plan(def);
    const missing = plan.required.filter(
      (entry) =>
        (entry.name in values || recordId === undefined) &&
        (record[entry.name] === null || record[entry.name] === undefined)
    );
    if (missing.length > 0) {
      const names = missing.map((entry) => entry.name);
      throw new SfApiError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${names.join(', ')}]`, 400, names);
    }
    for (const [name, value] of Object.entries(values)) {
      if (value === null || value === undefined) continue;
      const entry = plan.byLowerName.get(name.toLowerCase()) as FieldDef;
      this.checkOne(def, entry, value);
    }
    for (const entry of plan.unique) {
      if (!(entry.name in values) || values[entry.name] === null) continue;
      const others = this.store.findIdsByField(def, entry, values[entry.name]).filter((id) => id !== recordId);
      if (others.length > 0) {
        throw new SfApiError(
          'DUPLICATE_VALUE',
          `duplicate value found: ${entry.name} duplicates value on record with id: ${others[0]}`,
          400,
          []
        );
      }
    }
  }

  private checkOne(def: ObjectDef, entry: FieldDef, value: unknown): void {
    if (entry.type === 'picklist' || entry.type === 'multipicklist') {
      if (entry.restrictedPicklist && entry.picklistValues) {
        const allowed = new Set(entry.picklistValues.filter((option) => option.active).map((option) => option.value));
        const chosen = entry.type === 'multipicklist' ? String(value).split(';') : [String(value)];
        const bad = chosen.find((option) => !allowed.has(option));
        if (bad !== undefined) {
          throw new SfApiError(
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            `${entry.label}: bad value for restricted picklist field: ${bad}`,
            400,
            [entry.name]
          );
        }
      }
    }
    if (isTextType(entry.type) && typeof value === 'string') {
      const max = entry.length ?? (entry.type === 'textarea' ? 32768 : 255);
      if (value.length > max) {
        throw new SfApiError(
          'STRING_TOO_LONG',
          `${entry.label}: data value too large: ${value.length > 60 ? `${value.slice(0, 60)}...` : value} (max length=${max})`,
          400,
          [entry.name]
        );
      }
      if (entry.type === 'email' && !EMAIL_RE.test(value)) {
        throw new SfApiError('INVALID_EMAIL_ADDRESS', `${entry.label}: invalid email address: ${value}`, 400, [
          entry.name
        ]);
      }
    }
    if (isNumberType(entry.type) && typeof value === 'number' && entry.precision !== undefined) {
      const integerDigits = entry.precision - (entry.scale ?? 0);
      if (Math.abs(value) >= 10 ** integerDigits) {
        throw new SfApiError(
          'NUMBER_OUTSIDE_VALID_RANGE',
          `${entry.label}: value outside of valid range on numeric field: ${value}`,
          400,
          [entry.name]
        );
      }
    }
    if (entry.type === 'reference' && typeof value === 'string') this.checkReference(entry, value);
  }

  private checkReference(entry: FieldDef, id: string): void {
    const target = this.store.objectOfId(id);
    if (!target || !entry.referenceTo?.some((name) => name.toLowerCase() === target.name.toLowerCase())) {
      throw new SfApiError('FIELD_INTEGRITY_EXCEPTION', `${entry.label}: id value of incorrect type: ${id}`, 400, [
        entry.name
      ]);
    }
    const state = this.store.recordState(target, id);
    if (state === 'absent') {
      throw new SfApiError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, 400, [entry.name]);
    }
    if (state === 'deleted') throw new SfApiError('ENTITY_IS_DELETED', 'entity is deleted', 400, [entry.name]);
  }

  /** Fields Salesforce derives on save (compound names, what an opportunity's stage decides). */
  private derive(
    def: ObjectDef,
    record: Record<string, unknown>,
    given: Record<string, unknown>,
    prior?: Record<string, unknown>
  ): void {
    if (def.name === 'Contact' || def.name === 'User') {
      record.Name = [record.FirstName, record.LastName].filter((part) => part !== null && part !== undefined).join(' ');
    }
    if (def.name === 'Opportunity') deriveOpportunityFields(record, given, prior);
  }

  private validate(
    def: ObjectDef,
    record: Record<string, unknown>,
    isNew: boolean,
    prior?: Record<string, unknown>
  ): void {
    // The formula engine evaluates the formula fields a rule reads on demand: no need to compute them all here.
    const errors = validationErrors(this.store, def, record, isNew, prior);
    if (errors.length > 0) throw new SfRecordErrors(errors);
  }

  /**
   * Moves the roll-ups that depend on a child from `before` to `after` (undefined: absent or deleted), and validates
   * every parent whose roll-ups changed with its new values (its SystemModstamp moves, as Salesforce's does).
   */
  private touchParents(
    def: ObjectDef,
    before: Record<string, unknown> | undefined,
    after: Record<string, unknown> | undefined,
    now: string
  ): void {
    for (const link of this.plan(def).rollupParents) {
      const ids = new Set<string>();
      for (const state of [before, after]) {
        const parentId = state?.[link.foreignKey];
        if (typeof parentId === 'string') ids.add(parentId);
      }
      for (const parentId of ids) {
        const prior = this.store.readRaw(link.parent, parentId);
        if (!prior) continue;
        const changes = applyChildChange(this.store, link, parentId, prior, before, after);
        if (Object.keys(changes).length === 0) continue;
        this.store.updateRaw(link.parent, parentId, { SystemModstamp: now });
        this.validate(link.parent, { ...prior, ...changes, SystemModstamp: now }, false, prior);
      }
    }
  }

  // ------------------------------------------------------------------ operations

  /** Creates one record; returns its id. */
  public insert(objectName: string, input: Record<string, unknown>, options: DmlOptions = {}): string {
    const def = this.objectFor(objectName, 'inserted');
    const plan = this.plan(def);
    const now = (options.now ?? new Date()).toISOString();
    const values = this.readInput(def, input, 'insert', options.source ?? 'json');
    const record: Record<string, unknown> = {};
    for (const entry of plan.stored) {
      if (entry.name in values) record[entry.name] = values[entry.name];
      else if (entry.defaultValue !== undefined) record[entry.name] = entry.defaultValue;
      else record[entry.name] = entry.type === 'boolean' ? false : null;
    }
    const userId = options.userId ?? this.store.runningUserId;
    if (plan.hasOwner && (record.OwnerId === null || record.OwnerId === undefined)) record.OwnerId = userId;
    this.derive(def, record, values);
    this.checkValues(def, { ...values, ...(plan.hasOwner ? { OwnerId: record.OwnerId } : {}) }, record);
    if (def.name === 'PermissionSetAssignment') this.checkAssignmentIsNew(def, record);
    const id = this.store.newId(def);
    Object.assign(record, {
      Id: id,
      IsDeleted: false,
      CreatedDate: now,
      CreatedById: userId,
      LastModifiedDate: now,
      LastModifiedById: userId,
      SystemModstamp: now
    });
    if (plan.autoNumber) {
      const sequence = this.store.nextSequence(`auto:${def.name.toLowerCase()}`);
      record[plan.autoNumber.name] = formatAutoNumber(plan.autoNumber.autoNumber?.displayFormat ?? '{0}', sequence);
    }
    for (const entry of def.fields)
      if (entry.summary)
        record[entry.name] = entry.summary.operation === 'count' || entry.summary.operation === 'sum' ? 0 : null;
    this.validate(def, record, true);
    this.store.insertRaw(def, record);
    if (plan.history) recordCreated(this.store, plan.history, id, userId, now);
    this.touchParents(def, undefined, record, now);
    return id;
  }

  /** A user holds a permission set once: a second assignment fails with DUPLICATE_VALUE, as on Salesforce. */
  private checkAssignmentIsNew(def: ObjectDef, record: Record<string, unknown>): void {
    const existing = this.store
      .statement(
        `SELECT "Id" FROM ${tableName(def)} WHERE "AssigneeId" = ? AND "PermissionSetId" = ? AND "IsDeleted" = 0`
      )
      .pluck()
      .get(record.AssigneeId, record.PermissionSetId) as string | undefined;
    if (existing) {
      throw new SfApiError(
        'DUPLICATE_VALUE',
        `duplicate value found: <unknown> duplicates value on record with id: <unknown>`,
        400,
        []
      );
    }
  }

  /** Updates one record by id (15 or 18 characters). */
  public update(objectName: string, rawId: string, input: Record<string, unknown>, options: DmlOptions = {}): void {
    const def = this.objectFor(objectName, 'updated');
    const id = this.existingId(def, rawId);
    const prior = this.store.readRaw(def, id) as Record<string, unknown>;
    const now = (options.now ?? new Date()).toISOString();
    const values = this.readInput(def, input, 'update', options.source ?? 'json', prior);
    const record = { ...prior, ...values };
    this.derive(def, record, values, prior);
    this.checkValues(def, values, record, id);
    const userId = options.userId ?? this.store.runningUserId;
    Object.assign(record, { LastModifiedDate: now, LastModifiedById: userId, SystemModstamp: now });
    this.validate(def, record, false, prior);
    const plan = this.plan(def);
    const changed: Record<string, unknown> = {};
    for (const entry of plan.stored)
      if (record[entry.name] !== prior[entry.name]) changed[entry.name] = record[entry.name];
    this.store.updateRaw(def, id, changed);
    if (plan.history) recordChanges(this.store, plan.history, prior, record, userId, now);
    this.touchParents(def, prior, record, now);
  }

  /**
   * Upserts by external id: no match creates, one match updates, several fail with DUPLICATE_EXTERNAL_ID. The
   * external id value comes from `input[externalIdField]` (the REST path puts it there).
   */
  public upsert(
    objectName: string,
    externalIdField: string,
    input: Record<string, unknown>,
    options: DmlOptions = {}
  ): SaveResult {
    const def = this.objectFor(objectName, 'upserted');
    const keyField = this.store.getField(def, externalIdField);
    if (!keyField || !(keyField.externalId || keyField.name === 'Id' || keyField.unique)) {
      throw new SfApiError(
        'INVALID_FIELD',
        `Field name provided, ${externalIdField} is not an External ID or indexed field for ${def.name}`,
        400,
        [externalIdField]
      );
    }
    const rawKey = Object.entries(input).find(([name]) => name.toLowerCase() === keyField.name.toLowerCase())?.[1];
    if (keyField.name === 'Id') {
      if (rawKey === undefined || rawKey === null || rawKey === '')
        return { id: this.insert(objectName, input, options), created: true };
      const rest = { ...input };
      for (const name of Object.keys(rest)) if (name.toLowerCase() === 'id') delete rest[name];
      this.update(objectName, String(rawKey), rest, options);
      return { id: this.existingId(def, String(rawKey)), created: false };
    }
    if (rawKey === undefined || rawKey === null || rawKey === '') {
      throw new SfApiError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${keyField.name}]`, 400, [
        keyField.name
      ]);
    }
    const key = coerceValue(keyField, rawKey, options.source ?? 'json');
    const ids = this.store.findIdsByField(def, keyField, key);
    if (ids.length > 1) {
      throw new SfApiError(
        'DUPLICATE_EXTERNAL_ID',
        `${keyField.label}: more than one record found for external id field: [${ids.join(', ')}]`,
        300,
        [keyField.name]
      );
    }
    if (ids.length === 0) return { id: this.insert(objectName, input, options), created: true };
    // Salesforce does not write the matching key again on update (it may not even be updateable).
    const rest = { ...input };
    for (const name of Object.keys(rest)) if (name.toLowerCase() === keyField.name.toLowerCase()) delete rest[name];
    this.update(objectName, ids[0], rest, options);
    return { id: ids[0], created: false };
  }

  /** Deletes one record: cascades to master-detail (and Cascade lookup) children, clears SetNull lookups. */
  public delete(objectName: string, rawId: string): void {
    const def = this.objectFor(objectName, 'deleted');
    const id = this.existingId(def, rawId);
    this.deleteTree(def, id, new Date().toISOString());
  }

  private deleteTree(def: ObjectDef, id: string, now: string): void {
    const prior = this.store.readRaw(def, id) as Record<string, unknown>;
    const plan = this.plan(def);
    for (const { child, field, action } of plan.dependents) {
      const sql = `SELECT "Id" AS id FROM ${tableName(child)} WHERE ${quoteIdentifier(field.name)} = ? AND "IsDeleted" = 0`;
      const childIds = (this.store.statement(sql).all(id) as { id: string }[]).map((row) => row.id);
      if (childIds.length === 0) continue;
      if (action === 'restrict') {
        throw new SfApiError(
          'DELETE_FAILED',
          `Your attempt to delete ${String(prior.Name ?? id)} could not be completed because it is associated with ` +
            `the following ${child.labelPlural}.: ${childIds.slice(0, 5).join(', ')}`,
          400
        );
      }
      for (const childId of childIds) {
        if (action === 'cascade') this.deleteTree(child, childId, now);
        else {
          const childPrior = this.store.readRaw(child, childId);
          this.store.updateRaw(child, childId, { [field.name]: null, SystemModstamp: now });
          if (childPrior) this.touchParents(child, childPrior, { ...childPrior, [field.name]: null }, now);
        }
      }
    }
    this.store.updateRaw(def, id, { IsDeleted: true, SystemModstamp: now });
    this.touchParents(def, prior, undefined, now);
  }

  /** The canonical id of a live record of `def`, or the Salesforce error for a bad, foreign, deleted or unknown id. */
  public existingId(def: ObjectDef, rawId: string): string {
    const id = normalizeId(rawId);
    if (!id) throw new SfApiError('MALFORMED_ID', `Record ID: id value of incorrect type: ${rawId}`, 400, ['Id']);
    if (id.slice(0, 3) !== def.keyPrefix) {
      throw new SfApiError('MALFORMED_ID', `${def.label} ID: id value of incorrect type: ${rawId}`, 400, ['Id']);
    }
    const row = this.store.readRaw(def, id, true);
    if (!row) throw new SfApiError('NOT_FOUND', 'The requested resource does not exist', 404);
    if (row.IsDeleted === true) throw new SfApiError('ENTITY_IS_DELETED', 'entity is deleted', 404, []);
    return id;
  }
}
