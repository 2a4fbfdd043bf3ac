/**
 * Records as the REST API writes them: `attributes` (type and url) first, then the fields in describe order, with
 * date/times in Salesforce's `+0000` form and formula fields computed at read time.
 */
import { SfApiError, noSuchFieldOnSobject } from '../errors.js';
import { visibleHistoryFields } from '../history.js';
import type { FieldDef, ObjectDef } from '../schema.js';
import type { Store } from '../store.js';
import { toApi } from '../values.js';

/** `{type, url}` of a record. */
export function attributesOf(def: ObjectDef, id: unknown, base: string): { type: string; url: string } {
  return { type: def.name, url: `${base}/sobjects/${def.name}/${String(id)}` };
}

/** The fields named in a `fields=a,b` parameter (all fields when absent). */
export function selectFields(store: Store, def: ObjectDef, list: string | null | undefined): FieldDef[] {
  const access = store.access;
  if (!list) return access ? def.fields.filter((field) => access.canReadField(def, field)) : def.fields;
  const out: FieldDef[] = [];
  for (const name of list
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const field = store.getField(def, name);
    if (!field || (access && !access.canReadField(def, field))) throw noSuchFieldOnSobject(name, def.name);
    if (!out.includes(field)) out.push(field);
  }
  return out;
}

/**
 * A record of `def` as the running user may retrieve it (formulas computed), or undefined: absent, deleted, or a
 * history row of a field the user cannot read.
 */
export function readableRecord(store: Store, def: ObjectDef, id: string): Record<string, unknown> | undefined {
  const record = store.getRecord(def.name, id);
  const visible = record && visibleHistoryFields(store, def, store.access);
  if (visible && !visible.some((name) => name.toLowerCase() === String(record?.Field).toLowerCase())) return undefined;
  return record;
}

/** A record (with formulas computed) as a REST body. */
export function apiRecord(
  def: ObjectDef,
  record: Record<string, unknown>,
  base: string,
  fields: FieldDef[] = def.fields
): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: attributesOf(def, record.Id, base) };
  for (const field of fields) out[field.name] = toApi(field, record[field.name]);
  return out;
}

/** `{id, success, errors}` of a save, with errors as collections write them (`statusCode`, not `errorCode`). */
export function saveResult(id: string | null, errors: SfApiError[] = [], created?: boolean): Record<string, unknown> {
  const result: Record<string, unknown> = {
    id,
    success: errors.length === 0,
    errors: errors.map((error) => error.toSaveError())
  };
  if (created !== undefined) result.created = created;
  return result;
}
