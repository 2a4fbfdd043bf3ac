/**
 * Where the store meets the formula engine (formula.ts, evaluated with formulon): computes formula fields on read
 * and runs validation rules on write, building the FormulaContext both need.
 */
import { SfApiError } from './errors.js';
import { normalizeId } from './ids.js';
import { evaluateFormulaField, failingValidationRules } from './formula.js';
import type { FieldDef, FormulaContext, ObjectDef } from './schema.js';
import type { Store } from './store.js';

/** Cross-object formulas can reference each other; past this depth a reference reads as blank. */
const MAX_DEPTH = 5;
let depth = 0;

function context(
  store: Store,
  def: ObjectDef,
  record: Record<string, unknown>,
  isNew: boolean,
  priorRecord?: Record<string, unknown>
): FormulaContext {
  return {
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
        const parent = store.getObject(objectName);
        const canonical = normalizeId(id);
        return parent && canonical ? store.readRaw(parent, canonical) : undefined;
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
  const ctx = context(store, def, result, false);
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
  if (!def.validationRules.some((rule) => rule.active)) return [];
  const failing = failingValidationRules(def, context(store, def, record, isNew, priorRecord));
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
