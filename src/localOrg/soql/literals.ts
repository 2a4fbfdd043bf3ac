/**
 * SOQL literals as the parser returns them (strings still quoted and escaped) turned into bound values of the type
 * of the field they are compared with, with Salesforce's errors for a literal of the wrong type.
 */
import { SfApiError, malformedQuery } from '../errors.js';
import { normalizeId } from '../ids.js';
import type { FieldType } from '../schema.js';
import { parseDate, parseDateTime } from '../values.js';
import { dateLiteralRange, type DateRange } from './dateLiterals.js';

export type BoundValue = { kind: 'value'; value: unknown } | { kind: 'null' } | { kind: 'range'; range: DateRange };

/** What the comparison's left side is: a field type, or the result type of a function. */
export interface OperandType {
  type: FieldType;
  /** For messages: the field (or function) as written. */
  name: string;
}

export interface LiteralContext {
  now: Date;
  timeZone: string;
  mondayFirst: boolean;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };

/**
 * Removes the quotes and resolves escapes of a SOQL string literal. `\%` and `\_` stay escaped for LIKE (SQLite
 * reads them with ESCAPE '\'); elsewhere they are the plain characters.
 */
export function unquote(literal: string, forLike: boolean): string {
  const body = literal.startsWith("'") && literal.endsWith("'") && literal.length >= 2 ? literal.slice(1, -1) : literal;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char !== '\\' || i === body.length - 1) {
      out += char;
      continue;
    }
    const next = body[++i];
    if (next === '%' || next === '_') out += forLike ? `\\${next}` : next;
    else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (ESCAPES[next] !== undefined) {
      out += next === '\\' && forLike ? '\\\\' : ESCAPES[next];
    } else throw malformedQuery(`Invalid string literal: ${literal}`);
  }
  return out;
}

function typeMismatch(operand: OperandType, expected: string, quoted: boolean): SfApiError {
  return new SfApiError(
    'INVALID_FIELD',
    `value of filter criterion for field '${operand.name}' must be of type ${expected} and should ` +
      `${quoted ? '' : 'not '}be enclosed in quotes`,
    400
  );
}

const NUMERIC = new Set<FieldType>(['int', 'double', 'currency', 'percent']);
const TEXTUAL = new Set<FieldType>(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist']);

function expectedTypeName(type: FieldType): string {
  if (NUMERIC.has(type)) return 'double';
  if (type === 'datetime') return 'dateTime';
  if (type === 'id' || type === 'reference') return 'id';
  if (TEXTUAL.has(type)) return 'string';
  return type;
}

/**
 * The bound value of one literal of type `literalType` (as the parser labels it) compared with `operand`.
 * `dateLiteralVariable` is the N of `LAST_N_DAYS:N`-style literals.
 */
export function bindLiteral(
  raw: string,
  literalType: string,
  operand: OperandType,
  context: LiteralContext,
  forLike = false
): BoundValue {
  const type = operand.type;
  switch (literalType) {
    case 'NULL':
      return { kind: 'null' };
    case 'STRING': {
      const text = unquote(raw, forLike);
      if (type === 'id' || type === 'reference') {
        if (forLike) return { kind: 'value', value: text };
        const id = normalizeId(text);
        if (!id) throw new SfApiError('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${text}`, 400);
        return { kind: 'value', value: id };
      }
      if (!TEXTUAL.has(type)) throw typeMismatch(operand, expectedTypeName(type), false);
      return { kind: 'value', value: text };
    }
    case 'INTEGER':
    case 'DECIMAL':
    case 'INTEGER_WITH_CURRENCY_PREFIX':
    case 'DECIMAL_WITH_CURRENCY_PREFIX': {
      if (!NUMERIC.has(type)) throw typeMismatch(operand, expectedTypeName(type), TEXTUAL.has(type));
      const value = Number(raw.replace(/^[A-Za-z]{3}/, ''));
      if (!Number.isFinite(value)) throw malformedQuery(`Invalid number: ${raw}`);
      return { kind: 'value', value };
    }
    case 'BOOLEAN':
      if (type !== 'boolean') throw typeMismatch(operand, expectedTypeName(type), TEXTUAL.has(type));
      return { kind: 'value', value: raw.toUpperCase() === 'TRUE' ? 1 : 0 };
    case 'DATE': {
      if (type !== 'date') throw typeMismatch(operand, expectedTypeName(type), TEXTUAL.has(type));
      const value = parseDate(raw);
      if (!value || value !== raw) throw malformedQuery(`Invalid date: ${raw}`);
      return { kind: 'value', value };
    }
    case 'DATETIME': {
      if (type !== 'datetime') throw typeMismatch(operand, expectedTypeName(type), TEXTUAL.has(type));
      const value = parseDateTime(raw);
      if (!value) throw malformedQuery(`Invalid dateTime: ${raw}`);
      return { kind: 'value', value };
    }
    case 'DATE_LITERAL':
    case 'DATE_N_LITERAL': {
      if (type !== 'date' && type !== 'datetime')
        throw typeMismatch(operand, expectedTypeName(type), TEXTUAL.has(type));
      return { kind: 'range', range: dateLiteralRange(raw, { ...context, datetime: type === 'datetime' }) };
    }
    default:
      throw malformedQuery(`Unsupported value in the WHERE clause: ${raw}`);
  }
}
