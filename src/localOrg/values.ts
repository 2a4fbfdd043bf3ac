/**
 * Field values between their three forms: what clients send (JSON values or CSV text), what SQLite stores
 * (booleans as 0/1, date/times as ISO 8601 UTC text so that text order is time order) and what the APIs answer
 * (date/times as `2026-01-31T09:30:00.000+0000`, as Salesforce writes them).
 */
import { SfApiError } from './errors.js';
import { normalizeId } from './ids.js';
import type { FieldDef } from './schema.js';

/** Where a value came from: JSON keeps its types, text (CSV, XML, SOQL literals) must be parsed. */
export type ValueSource = 'json' | 'text';

const TEXT_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'id']);
const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent']);

/** True for types whose values SQLite stores as text compared without regard to case. */
export function isTextType(type: string): boolean {
  return TEXT_TYPES.has(type);
}

/** True for numeric types. */
export function isNumberType(type: string): boolean {
  return NUMBER_TYPES.has(type);
}

/** Whether a field has a column (formula fields are computed on read; roll-ups are stored). */
export function isStoredField(field: FieldDef): boolean {
  return field.formula === undefined || field.summary !== undefined;
}

function typeError(field: FieldDef, raw: unknown, source: ValueSource): SfApiError {
  const shown = typeof raw === 'string' ? raw : JSON.stringify(raw);
  if (source === 'json') {
    const javaType = isNumberType(field.type) ? 'double' : field.type === 'boolean' ? 'boolean' : 'String';
    return new SfApiError(
      'JSON_PARSER_ERROR',
      `Cannot deserialize instance of ${javaType} from ${jsonKind(raw)} value ${shown} or request may be missing a ` +
        `required field`,
      400,
      [field.name]
    );
  }
  return new SfApiError(
    'INVALID_TYPE_ON_FIELD_IN_RECORD',
    `${field.label}: value not of required type: ${shown}`,
    400,
    [field.name]
  );
}

function jsonKind(raw: unknown): string {
  if (typeof raw === 'string') return 'VALUE_STRING';
  if (typeof raw === 'number') return Number.isInteger(raw) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
  if (typeof raw === 'boolean') return raw ? 'VALUE_TRUE' : 'VALUE_FALSE';
  if (Array.isArray(raw)) return 'START_ARRAY';
  return 'START_OBJECT';
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** `YYYY-MM-DD` for a valid calendar date string, else undefined. */
export function parseDate(text: string): string | undefined {
  const match = DATE_RE.exec(text);
  if (!match) {
    const datetime = parseDateTime(text);
    return datetime?.slice(0, 10);
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return text;
}

/** ISO 8601 UTC with milliseconds for a date/time string (any offset; a bare date is midnight UTC), else undefined. */
export function parseDateTime(text: string): string | undefined {
  const match = DATETIME_RE.exec(text);
  if (!match) {
    const date = DATE_RE.test(text) ? parseDate(text) : undefined;
    return date ? `${date}T00:00:00.000Z` : undefined;
  }
  const [, year, month, day, hour, minute, second = '00', fraction = '0', zone = 'Z'] = match;
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31) return undefined;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const parsed = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${offset}`);
  if (Number.isNaN(parsed.getTime())) return undefined;
  return parsed.toISOString();
}

/** `HH:mm:ss.sssZ` for a time string, else undefined. */
function parseTime(text: string): string | undefined {
  const match = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z?$/.exec(text);
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59 || Number(match[3] ?? 0) > 59) return undefined;
  return `${match[1]}:${match[2]}:${match[3] ?? '00'}.${(match[4] ?? '0').padEnd(3, '0')}Z`;
}

/**
 * Converts a client-supplied value to the field's canonical form (see the file comment), or throws the Salesforce
 * error for a value of the wrong type. Blank strings are null, as on Salesforce. Range, length and picklist checks
 * are the DML layer's job, not this one's.
 */
export function coerceValue(field: FieldDef, raw: unknown, source: ValueSource): unknown {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string' && raw === '' && field.type !== 'boolean') return null;
  if (typeof raw === 'object') throw typeError(field, raw, source);
  switch (field.type) {
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      if (typeof raw === 'number' && source === 'text') return raw !== 0;
      if (typeof raw === 'string') {
        const lower = raw.trim().toLowerCase();
        if (lower === 'true' || (source === 'text' && (lower === '1' || lower === 'yes'))) return true;
        if (lower === 'false' || (source === 'text' && (lower === '0' || lower === 'no' || lower === ''))) return false;
      }
      throw typeError(field, raw, source);
    }
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN;
      if (typeof raw === 'boolean' || !Number.isFinite(value)) throw typeError(field, raw, source);
      if (field.type === 'int') return Math.trunc(value);
      return field.scale === undefined ? value : roundTo(value, field.scale);
    }
    case 'date': {
      const value = typeof raw === 'string' ? parseDate(raw.trim()) : undefined;
      if (value === undefined) throw typeError(field, raw, source);
      return value;
    }
    case 'datetime': {
      const value =
        typeof raw === 'string' ? parseDateTime(raw.trim()) : typeof raw === 'number' ? isoFromEpoch(raw) : undefined;
      if (value === undefined) throw typeError(field, raw, source);
      return value;
    }
    case 'time': {
      const value = typeof raw === 'string' ? parseTime(raw.trim()) : undefined;
      if (value === undefined) throw typeError(field, raw, source);
      return value;
    }
    case 'reference':
    case 'id': {
      const text = String(raw).trim();
      const id = normalizeId(text);
      if (id === undefined) throw new SfApiError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${text}`);
      return id;
    }
    default:
      if (typeof raw === 'boolean' && source === 'json') throw typeError(field, raw, source);
      return String(raw);
  }
}

function isoFromEpoch(millis: number): string | undefined {
  const date = new Date(millis);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Rounds half away from zero to `scale` decimals, as Salesforce stores numbers. */
export function roundTo(value: number, scale: number): number {
  const factor = 10 ** scale;
  const rounded = Math.round(Math.abs(value) * factor + Number.EPSILON) / factor;
  return value < 0 ? -rounded : rounded;
}

/** The SQLite value for a canonical field value. */
export function toDb(field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (field.type === 'boolean') return value ? 1 : 0;
  if (field.type === 'anyType') return JSON.stringify(value);
  return value;
}

/** The canonical value for what SQLite returned for a field. */
export function fromDb(field: FieldDef, raw: unknown): unknown {
  if (field.type === 'boolean') return raw === 1 || raw === true || raw === '1';
  if (raw === null || raw === undefined) return null;
  if (field.type === 'anyType') return typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  if (isNumberType(field.type)) return typeof raw === 'number' ? raw : Number(raw);
  return typeof raw === 'string' ? raw : String(raw);
}

/** The value as the REST API writes it: date/times in Salesforce's `.000+0000` form, the rest unchanged. */
export function toApi(field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (field.type === 'datetime' && typeof value === 'string') return apiDateTime(value);
  return value;
}

/** `2026-01-31T09:30:00.000Z` -> `2026-01-31T09:30:00.000+0000`. */
export function apiDateTime(iso: string): string {
  return iso.endsWith('Z') ? `${iso.slice(0, -1)}+0000` : iso;
}
