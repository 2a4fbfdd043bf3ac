/**
 * Where the store meets the formula engine (formula.ts, evaluated with formulon): computes formula fields on read
 * and runs validation rules on write, building the FormulaContext both need.
 */
import { SfApiError } from './errors.js';
import { normalizeId } from './ids.js';
import { evaluateFormulaField, failingValidationRules, type FormulaContext } from './formula.js';
import { customPermissionsOf } from './permissions.js';
import type { FieldDef, ObjectDef } from './schema.js';
import type { Store } from './store.js';

/** Cross-object formulas can reference each other; past this depth a reference reads as blank. */
const MAX_DEPTH = 5;
let depth = 0;

/**
 * The global merge fields of the running user: `$Permission.<Name>` (true for each custom permission the user's
 * permission sets enable), `$User.Id`, `$User.Username`, `$Profile.Name`, `$Organization.Id`. Computed once per
 * request.
 */
function globalsOf(store: Store): Record<string, unknown> {
  return store.memo('formulaGlobals', () => {
    const userId = store.runningUserId;
    const user = store.getRecord('User', userId);
    const profile = typeof user?.ProfileId === 'string' ? store.getRecord('Profile', user.ProfileId) : undefined;
    const globals: Record<string, unknown> = {
      '$User.Id': userId,
      '$User.Username': user?.Username ?? null,
      '$Profile.Name': profile?.Name ?? null,
      '$Organization.Id': store.identity.orgId
    };
    for (const name of customPermissionsOf(store, userId)) globals[`$Permission.${name}`] = true;
    return globals;
  });
}

/** Whether any of `formulas` reads a global merge field (`$Permission.X`, `$User.Id`...). */
const readsGlobals = (formulas: (string | undefined)[]): boolean => formulas.some((text) => text?.includes('$'));

function context(
  store: Store,
  def: ObjectDef,
  record: Record<string, unknown>,
  isNew: boolean,
  priorRecord?: Record<string, unknown>,
  withGlobals = false
): FormulaContext {
  // A rule or formula often reads the same parent several times (`Contract__r.P1_...`, `Contract__r.P2_...`): each
  // parent is read once per context. Nothing is written while a context evaluates, so the copy stays current.
  const parents = new Map<string, Record<string, unknown> | undefined>();
  return {
    globals: withGlobals ? globalsOf(store) : undefined,
    record,
    priorRecord,
    objectDef: def,
    isNew,
    now: new Date(),
    getObject: (name) => store.getObject(name),
    getRecord: (objectName, id) => {
      if (depth >= MAX_DEPTH) return undefined;
      depth++;
      try {
        // Stored values only: the engine evaluates the parent's formula fields it reads, on demand.
        // Keyed by the id as the record holds it (a lookup holds the canonical 18-character id): no need to
        // normalise it again for every field read through the same parent.
        const key = `${objectName}:${id}`;
        if (!parents.has(key)) {
          const parent = store.getObject(objectName);
          const canonical = normalizeId(id);
          parents.set(key, parent && canonical ? store.readRaw(parent, canonical) : undefined);
        }
        return parents.get(key);
      } finally {
        depth--;
      }
    }
  };
}

const orderCache = new WeakMap<ObjectDef, FieldDef[]>();

/** The formula fields of `def`, those referenced by other formulas first. */
function formulaFieldsInOrder(def: ObjectDef): FieldDef[] {
  const cached = orderCache.get(def);
  if (cached) return cached;
  const formulas = def.fields.filter((entry) => entry.formula !== undefined && entry.summary === undefined);
  const ordered: FieldDef[] = [];
  const visiting = new Set<FieldDef>();
  const visit = (entry: FieldDef): void => {
    if (ordered.includes(entry) || visiting.has(entry)) return;
    visiting.add(entry);
    for (const other of formulas) {
      if (other !== entry && new RegExp(`\\b${other.name}\\b`, 'i').test(entry.formula ?? '')) visit(other);
    }
    ordered.push(entry);
  };
  formulas.forEach(visit);
  orderCache.set(def, ordered);
  return ordered;
}

/**
 * `record` plus its formula fields, computed now (formulas may use NOW()). A formula that cannot be evaluated reads
 * as blank, as Salesforce's API answers a `#Error!` formula.
 */
export function computeFormulaFields(
  store: Store,
  def: ObjectDef,
  record: Record<string, unknown>
): Record<string, unknown> {
  const formulas = formulaFieldsInOrder(def);
  if (formulas.length === 0) return record;
  const result = { ...record };
  const ctx = context(store, def, result, false, undefined, readsGlobals(formulas.map((entry) => entry.formula)));
  for (const entry of formulas) {
    let value: unknown = null;
    try {
      value = evaluateFormulaField(entry, ctx) ?? null;
    } catch {
      // A formula the engine cannot evaluate reads as blank rather than failing the whole read.
      value = null;
    }
    result[entry.name] = entry.type === 'boolean' ? value === true : value;
  }
  return result;
}

/** Whether each object definition has active validation rules, and whether they read global merge fields. */
const ruleFacts = new WeakMap<ObjectDef, { active: boolean; withGlobals: boolean }>();

/**
 * The FIELD_CUSTOM_VALIDATION_EXCEPTION errors of every active validation rule that `record` breaks (the record
 * after the write, formula fields included).
 */

export function validationErrors(
  store: Store,
  def: ObjectDef,
  record: Record<string, unknown>,
  isNew: boolean,
  priorRecord?: Record<string, unknown>
): SfApiError[] {
  let facts = ruleFacts.get(def);
  if (!facts) {
    const active = def.validationRules.filter((rule) => rule.active);
    facts = { active: active.length > 0, withGlobals: readsGlobals(active.map((rule) => rule.errorConditionFormula)) };
    ruleFacts.set(def, facts);
  }
  if (!facts.active) return [];
  const { withGlobals } = facts;
  const failing = failingValidationRules(def, context(store, def, record, isNew, priorRecord, withGlobals));
  return failing.map(
    (rule) =>
      new SfApiError(
        'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        rule.errorMessage,
        400,
        rule.errorDisplayField ? [rule.errorDisplayField] : []
      )
  );
}
