/**
 * Salesforce formulas for the local org: formula fields, validation rules and the deploy-time check of both.
 *
 * `formulon` parses every formula (its grammar gives the AST) and implements the long tail of functions (LEFT, MID,
 * ROUND, DATE, ADDMONTHS, ...). Around it this module adds what an org needs and formulon lacks (see
 * metadata/README.md, "What formulon cannot evaluate"): field values read from the record by their field types,
 * cross-object references (`Handover_Checklist__r.Phase__c`) through the org, other formula fields evaluated on
 * demand, NOW()/TODAY() from the caller's clock, ISNEW/ISCHANGED/PRIORVALUE, lazy IF/AND/OR/CASE, Salesforce's
 * blank handling, picklist rules, and a static type check run at deploy time.
 *
 * Values in and out use the store's canonical forms: dates `YYYY-MM-DD`, date-times ISO 8601 UTC
 * `YYYY-MM-DDTHH:mm:ss.SSSZ` on output (on input any ISO 8601 string, REST's `+0000` form, a Date or epoch
 * milliseconds), percents as percent numbers (50 = 50 %;
 * inside a formula a percent field is the fraction 0.5, as in Salesforce), multi-select picklists `a;b`.
 */
import { createRequire } from 'node:module';
import type {
  FieldDef,
  FieldType,
  FormulaContext as SchemaFormulaContext,
  ObjectDef,
  ValidationRuleDef
} from './schema.js';

/**
 * Everything a formula can see while it is evaluated for one record: the contract of schema.ts, plus optional
 * global merge fields, e.g. `{ '$User.Id': '005...' }` (matched case-insensitively; absent globals read blank).
 */
export interface FormulaContext extends SchemaFormulaContext {
  globals?: Record<string, unknown>;
}

/** How blank number fields read inside a formula (Metadata API `formulaTreatBlanksAs`). */
export type BlankHandling = 'BlankAsZero' | 'BlankAsBlank';

export interface FormulaOptions {
  /** Decimal places the numeric result is rounded to (the formula field's scale). */
  scale?: number;
  /** Default BlankAsZero, as formula fields deployed without the element. Validation rules use BlankAsBlank. */
  treatBlanksAs?: BlankHandling;
}

export type FormulaErrorKind = 'syntax' | 'reference' | 'type' | 'function' | 'runtime';

/** A formula that cannot be compiled or evaluated; `message` follows Salesforce's wording where one is known. */
export class FormulaError extends Error {
  public constructor(
    public readonly kind: FormulaErrorKind,
    message: string
  ) {
    super(message);
    this.name = 'FormulaError';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// formulon's shapes (it ships no type declarations)

type DataType =
  'number' | 'text' | 'checkbox' | 'date' | 'datetime' | 'time' | 'picklist' | 'multipicklist' | 'geolocation' | 'null';

interface Literal {
  type: 'literal';
  dataType: DataType;
  value: unknown;
  options: Record<string, unknown>;
}
interface CallNode {
  type: 'callExpression';
  id: string;
  arguments: AstNode[];
}
interface IdentifierNode {
  type: 'identifier';
  name: string;
}
interface ErrorNode {
  type: 'error';
  errorType: string;
  message: string;
}
type AstNode = CallNode | IdentifierNode | Literal | ErrorNode;

interface Formulon {
  ast(formula: string): AstNode | Record<string, never>;
  parse(formula: string, substitutions?: Record<string, Literal>): Literal | ErrorNode;
}

const formulon = createRequire(import.meta.url)('formulon') as Formulon;

// ---------------------------------------------------------------------------------------------------------------
// literals

const NULL: Literal = { type: 'literal', dataType: 'null', value: null, options: {} };
const TRUE: Literal = { type: 'literal', dataType: 'checkbox', value: true, options: {} };
const FALSE: Literal = { type: 'literal', dataType: 'checkbox', value: false, options: {} };

function bool(value: boolean): Literal {
  return value ? TRUE : FALSE;
}

function num(value: number): Literal {
  if (!Number.isFinite(value)) throw new FormulaError('runtime', 'Invalid numeric result.');
  return { type: 'literal', dataType: 'number', value: Number(value.toPrecision(15)), options: {} };
}

function text(value: string): Literal {
  return { type: 'literal', dataType: 'text', value, options: {} };
}

/**
 * A literal as formulon must receive it: formulon rounds substituted numbers to `options.scale` and cuts text to
 * `options.length`, so both are set to the value's exact length (only at this boundary: evaluation itself never reads
 * them).
 */
function forFormulon(literal: Literal): Literal {
  if (literal.dataType === 'number') {
    const value = literal.value as number;
    const [whole, fraction = ''] = Math.abs(value).toString().split('.');
    const scale = value.toString().includes('e') ? 20 : fraction.length;
    return { ...literal, options: { length: whole.length, scale } };
  }
  if (literal.dataType === 'text') return { ...literal, options: { length: (literal.value as string).length } };
  return literal;
}

function dateLit(value: Date): Literal {
  return { type: 'literal', dataType: 'date', value, options: {} };
}

function datetimeLit(value: Date): Literal {
  return { type: 'literal', dataType: 'datetime', value, options: {} };
}

const MS_PER_DAY = 86_400_000;

function utcMidnight(value: Date): Date {
  return new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate()));
}

/** Parses REST date-times (`+0000` offsets included), ISO strings, epoch milliseconds and Dates. */
function toDate(raw: unknown): Date | null {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw;
  if (typeof raw === 'number') return new Date(raw);
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  const normalised = raw.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(normalised)
    ? Date.parse(`${normalised}T00:00:00Z`)
    : Date.parse(/[zZ]|[+-]\d{2}:\d{2}$/.test(normalised) ? normalised : `${normalised}Z`);
  return Number.isNaN(parsed) ? null : new Date(parsed);
}

function toBoolean(raw: unknown): boolean {
  return raw === true || raw === 1 || raw === '1' || (typeof raw === 'string' && raw.toLowerCase() === 'true');
}

/** How a stored field reads in a formula: as a formula of its type would answer, picklists kept apart. */
function dataTypeOf(field: FieldDef): DataType {
  if (field.type === 'picklist' || field.type === 'multipicklist') return field.type;
  return expectedDataType(field.type);
}

/** A stored field value as the formula sees it. */
function fieldLiteral(field: FieldDef, raw: unknown, blanks: BlankHandling): Literal {
  const dataType = dataTypeOf(field);
  const blank = raw === null || raw === undefined || raw === '';
  switch (dataType) {
    case 'checkbox':
      return bool(toBoolean(raw));
    case 'number': {
      if (blank) return blanks === 'BlankAsZero' ? num(0) : NULL;
      const value = Number(raw);
      if (Number.isNaN(value)) return NULL;
      return num(field.type === 'percent' ? value / 100 : value);
    }
    case 'date': {
      const value = toDate(raw);
      return value ? dateLit(utcMidnight(value)) : NULL;
    }
    case 'datetime': {
      const value = toDate(raw);
      return value ? datetimeLit(value) : NULL;
    }
    case 'time': {
      if (blank) return NULL;
      const match = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?/.exec(String(raw));
      if (!match) return NULL;
      const ms = ((+match[1] * 60 + +match[2]) * 60 + +(match[3] ?? 0)) * 1000 + +(match[4] ?? '0').padEnd(3, '0');
      return { type: 'literal', dataType: 'time', value: new Date(ms), options: {} };
    }
    case 'picklist':
      return blank ? NULL : { type: 'literal', dataType: 'picklist', value: String(raw), options: {} };
    case 'multipicklist': {
      const values = blank
        ? []
        : String(raw)
            .split(';')
            .filter((v) => v !== '');
      return values.length === 0 ? NULL : { type: 'literal', dataType: 'multipicklist', value: values, options: {} };
    }
    default:
      // Salesforce does not tell blank text from empty text: both are ''.
      return blank ? (blanks === 'BlankAsZero' ? text('') : NULL) : text(String(raw));
  }
}

/** A non-blank value of the field's type, used by the static check (every branch is evaluated on samples). */
function sampleLiteral(field: FieldDef): Literal {
  switch (dataTypeOf(field)) {
    case 'checkbox':
      return TRUE;
    case 'number':
      return num(1);
    case 'date':
      return dateLit(new Date(Date.UTC(2000, 0, 1)));
    case 'datetime':
      return datetimeLit(new Date(Date.UTC(2000, 0, 1, 12)));
    case 'time':
      return { type: 'literal', dataType: 'time', value: new Date(43_200_000), options: {} };
    case 'picklist':
      return { type: 'literal', dataType: 'picklist', value: '1', options: {} };
    case 'multipicklist':
      return { type: 'literal', dataType: 'multipicklist', value: ['1'], options: {} };
    default:
      // '1' keeps value-sensitive functions (VALUE, DATEVALUE) from failing on the sample.
      return text('1');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// compilation

const compiled = new Map<string, AstNode>();

/** Salesforce allows block comments; formulon's grammar does not, so they are blanked outside string literals. */
function stripComments(formula: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < formula.length; i++) {
    const c = formula[i];
    if (quote) {
      out += c;
      if (c === '\\') out += formula[++i] ?? '';
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
      out += c;
    } else if (c === '/' && formula[i + 1] === '*') {
      const end = formula.indexOf('*/', i + 2);
      if (end < 0) throw new FormulaError('syntax', 'Syntax error. Missing */ at the end of a comment.');
      out += ' '.repeat(end + 2 - i).replace(/[^\n]/g, ' ');
      i = end + 1;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Salesforce's wording for unbalanced parentheses ("Syntax error. Missing ')'", "Syntax error. Extra ')'"), which
 * formulon reports as a bare "Syntax error."; undefined when the parentheses outside text literals balance.
 */
function parenthesisError(source: string): string | undefined {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return "Syntax error. Extra ')'";
  }
  return depth > 0 ? "Syntax error. Missing ')'" : undefined;
}

/** formulon parses `- 1` (a space after a unary minus) as a number without a value; refuse it rather than guess. */
function rejectBrokenLiterals(node: AstNode): void {
  if (node.type === 'callExpression') node.arguments.forEach(rejectBrokenLiterals);
  else if (node.type === 'literal' && node.dataType === 'number' && !Number.isFinite(node.value)) {
    throw new FormulaError('syntax', 'Syntax error. Write a negative number without a space after the minus sign.');
  }
}

function compile(formula: string): AstNode {
  const cached = compiled.get(formula);
  if (cached) return cached;
  const source = stripComments(formula);
  if (source.trim() === '') throw new FormulaError('syntax', 'Syntax error. The formula is empty.');
  const tree = formulon.ast(source) as AstNode;
  if (tree.type === 'error') {
    const message = tree.errorType === 'SyntaxError' ? parenthesisError(source) : undefined;
    throw new FormulaError('syntax', message ?? tree.message);
  }
  rejectBrokenLiterals(tree);
  if (compiled.size > 5_000) compiled.clear();
  compiled.set(formula, tree);
  return tree;
}

// ---------------------------------------------------------------------------------------------------------------
// evaluation

interface Scope {
  ctx: FormulaContext;
  blanks: BlankHandling;
  /** 'check' evaluates every branch on sample values, so that all type errors surface at deploy time. */
  mode: 'run' | 'check';
  /** Formula fields being evaluated, to stop cycles. */
  stack: string[];
}

const TYPE_LABEL: Record<DataType, string> = {
  number: 'Number',
  text: 'Text',
  checkbox: 'Boolean',
  date: 'Date',
  datetime: 'DateTime',
  time: 'Time',
  picklist: 'Picklist',
  multipicklist: 'Multi-Select Picklist',
  geolocation: 'Location',
  null: 'Null'
};

/** `fn`: a function's formulon id or its label (see functionLabel). */
function wrongType(fn: string, expected: string, received: DataType): FormulaError {
  return new FormulaError(
    'type',
    `Incorrect parameter type for function '${functionLabel(fn)}()'. Expected ${expected}, received ${TYPE_LABEL[received]}`
  );
}

function wrongCount(fn: string, expected: string, received: number): FormulaError {
  return new FormulaError(
    'function',
    `Incorrect number of parameters for function '${functionLabel(fn)}()'. Expected ${expected}, received ${received}`
  );
}

/** Fields and relationships of each object definition by lower-case name (formulas look them up on every read). */
const lookups = new WeakMap<ObjectDef, { fields: Map<string, FieldDef>; relationships: Map<string, FieldDef> }>();

function lookupsOf(objectDef: ObjectDef): { fields: Map<string, FieldDef>; relationships: Map<string, FieldDef> } {
  let found = lookups.get(objectDef);
  if (!found) {
    const fields = new Map<string, FieldDef>();
    const relationships = new Map<string, FieldDef>();
    for (const f of objectDef.fields) {
      if (!fields.has(f.name.toLowerCase())) fields.set(f.name.toLowerCase(), f);
      if (f.type !== 'reference') continue;
      const named = f.relationshipName?.toLowerCase();
      if (named && !relationships.has(named)) relationships.set(named, f);
      // Standard lookups are named `AccountId` and walked as `Account`.
      if (!f.custom && /id$/i.test(f.name)) {
        const walked = f.name.slice(0, -2).toLowerCase();
        if (!relationships.has(walked)) relationships.set(walked, f);
      }
    }
    found = { fields, relationships };
    lookups.set(objectDef, found);
  }
  return found;
}

/** Fields by the names formulas spell them (mostly their exact names), per object definition. */
const fieldsAsWritten = new WeakMap<ObjectDef, Map<string, FieldDef | undefined>>();

function findField(objectDef: ObjectDef, name: string): FieldDef | undefined {
  let written = fieldsAsWritten.get(objectDef);
  if (!written) fieldsAsWritten.set(objectDef, (written = new Map()));
  if (written.has(name)) return written.get(name);
  const field = lookupsOf(objectDef).fields.get(name.toLowerCase());
  if (written.size < 5_000) written.set(name, field);
  return field;
}

function readRaw(record: Record<string, unknown>, name: string): unknown {
  if (name in record) return record[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(record)) if (key.toLowerCase() === lower) return record[key];
  return undefined;
}

/** The reference field a relationship segment (`Account__r`, `Owner`) walks through. */
function relationshipField(objectDef: ObjectDef, segment: string): FieldDef | undefined {
  return lookupsOf(objectDef).relationships.get(segment.toLowerCase());
}

function targetObject(ctx: FormulaContext, field: FieldDef, id: string | undefined): ObjectDef | undefined {
  const targets = (field.referenceTo ?? []).map((n) => ctx.getObject(n)).filter((o): o is ObjectDef => !!o);
  if (targets.length === 1) return targets[0];
  if (id && targets.length > 1) return targets.find((o) => id.startsWith(o.keyPrefix)) ?? targets[0];
  return targets[0];
}

function unknownField(name: string): FormulaError {
  return new FormulaError('reference', `Field ${name} does not exist. Check spelling.`);
}

/** The dot-separated segments of each identifier formulas name (read for every record a formula is evaluated on). */
const identifierSegments = new Map<string, string[]>();

function segmentsOf(name: string): string[] {
  let segments = identifierSegments.get(name);
  if (!segments) {
    if (identifierSegments.size > 5_000) identifierSegments.clear();
    identifierSegments.set(name, (segments = name.split('.')));
  }
  return segments;
}

function resolveIdentifier(name: string, scope: Scope): Literal {
  if (name.startsWith('$')) return resolveGlobal(name, scope);
  const segments = segmentsOf(name);
  let ctx = scope.ctx;
  for (const segment of segments.slice(0, -1)) {
    const field = relationshipField(ctx.objectDef, segment);
    if (!field) throw unknownField(name);
    const id = scope.mode === 'run' ? readRaw(ctx.record, field.name) : undefined;
    const target = targetObject(ctx, field, typeof id === 'string' ? id : undefined);
    if (!target) throw unknownField(name);
    const record =
      scope.mode === 'run' && typeof id === 'string' && id !== '' ? ctx.getRecord(target.name, id) : undefined;
    if (scope.mode === 'run' && !record) {
      // A blank lookup reads as blank all the way down; the field must still exist.
      const last = resolveFieldDef(target, segments.slice(segments.indexOf(segment) + 1), ctx, name);
      return dataTypeOf(last) === 'checkbox' ? FALSE : NULL;
    }
    ctx = { ...ctx, objectDef: target, record: record ?? {}, priorRecord: undefined, isNew: false };
  }
  const field = findField(ctx.objectDef, segments[segments.length - 1]);
  if (!field) throw unknownField(name);
  if (field.formula) return evaluateFieldNode(field, { ...scope, ctx });
  return scope.mode === 'check'
    ? sampleLiteral(field)
    : fieldLiteral(field, readRaw(ctx.record, field.name), scope.blanks);
}

/** The field at the end of a relationship path, without reading any record (for blank lookups). */
function resolveFieldDef(objectDef: ObjectDef, segments: string[], ctx: FormulaContext, fullName: string): FieldDef {
  let current = objectDef;
  for (const segment of segments.slice(0, -1)) {
    const field = relationshipField(current, segment);
    const target = field ? targetObject(ctx, field, undefined) : undefined;
    if (!target) throw unknownField(fullName);
    current = target;
  }
  const field = findField(current, segments[segments.length - 1]);
  if (!field) throw unknownField(fullName);
  return field;
}

/** Each globals object by lower-case name (a context's globals are built once per request, then read per record). */
const globalsByLowerName = new WeakMap<Record<string, unknown>, Map<string, unknown>>();

function resolveGlobal(name: string, scope: Scope): Literal {
  const lower = name.toLowerCase();
  const isPermission = lower.startsWith('$permission.');
  if (scope.mode === 'check') return isPermission ? TRUE : text('1');
  const globals = scope.ctx.globals ?? {};
  let byLowerName = globalsByLowerName.get(globals);
  if (!byLowerName) {
    byLowerName = new Map(Object.entries(globals).map(([key, value]) => [key.toLowerCase(), value]));
    globalsByLowerName.set(globals, byLowerName);
  }
  const raw = byLowerName.get(lower);
  if (isPermission || typeof raw === 'boolean') return bool(toBoolean(raw));
  if (typeof raw === 'number') return num(raw);
  return raw === undefined || raw === null || raw === '' ? NULL : text(String(raw));
}

function evaluateFieldNode(field: FieldDef, scope: Scope): Literal {
  const key = `${scope.ctx.objectDef.name}.${field.name}`;
  if (scope.stack.includes(key)) {
    throw new FormulaError('reference', `Circular formula reference: ${[...scope.stack, key].join(' -> ')}`);
  }
  const inner: Scope = {
    ...scope,
    blanks: field.formulaTreatBlanksAs ?? 'BlankAsZero',
    stack: [...scope.stack, key]
  };
  const value = evaluateNode(compile(field.formula ?? ''), inner);
  if (scope.mode === 'check' || value.dataType !== 'number' || field.scale === undefined) return value;
  // Other formulas read the stored (rounded) value; a percent formula field reads as a fraction.
  const percent = field.type === 'percent' ? 100 : 1;
  return num(roundHalfUp((value.value as number) * percent, field.scale) / percent);
}

function roundHalfUp(value: number, scale: number): number {
  const factor = 10 ** scale;
  const rounded = Math.round(Math.abs(value) * factor + 1e-9) / factor;
  return value < 0 ? -rounded : rounded;
}

function isBlank(value: Literal): boolean {
  return value.dataType === 'null' || value.value === '';
}

function rejectPicklist(fn: string, value: Literal): void {
  if (value.dataType === 'picklist' || value.dataType === 'multipicklist') {
    throw new FormulaError(
      'type',
      `Picklist fields are only supported in certain functions (ISPICKVAL, CASE, TEXT, ISBLANK, ISCHANGED, PRIORVALUE, INCLUDES); not in ${functionLabel(fn)}().`
    );
  }
}

function asCondition(fn: string, value: Literal): boolean {
  if (value.dataType === 'null') return false;
  if (value.dataType !== 'checkbox') throw wrongType(fn, 'Boolean', value.dataType);
  return value.value === true;
}

function sameKind(fn: string, a: Literal, b: Literal): void {
  if (a.dataType !== 'null' && b.dataType !== 'null' && a.dataType !== b.dataType) {
    throw wrongType(fn, TYPE_LABEL[a.dataType], b.dataType);
  }
}

function comparable(value: Literal): number | string | boolean {
  const v = value.value;
  return v instanceof Date ? v.getTime() : (v as number | string | boolean);
}

/** Operator names as formulon's AST spells them, for messages. */
const OPERATOR_SYMBOL: Record<string, string> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  exponentiate: '^',
  equal: '=',
  unequal: '<>',
  greaterThan: '>',
  greaterThanOrEqual: '>=',
  lessThan: '<',
  lessThanOrEqual: '<='
};

function compare(id: string, a: Literal, b: Literal): Literal {
  const symbol = OPERATOR_SYMBOL[id];
  rejectPicklist(symbol, a);
  rejectPicklist(symbol, b);
  sameKind(symbol, a, b);
  if (id === 'equal' || id === 'unequal') {
    // Blank text equals "" (Salesforce does not distinguish them); any other blank equals only blank.
    const left = a.dataType === 'null' && b.dataType === 'text' ? '' : a.dataType === 'null' ? null : comparable(a);
    const right = b.dataType === 'null' && a.dataType === 'text' ? '' : b.dataType === 'null' ? null : comparable(b);
    return bool((left === right) === (id === 'equal'));
  }
  if (a.dataType === 'checkbox' || a.dataType === 'text' || b.dataType === 'checkbox' || b.dataType === 'text') {
    throw wrongType(symbol, 'Number, Date, DateTime, Time', a.dataType === 'null' ? b.dataType : a.dataType);
  }
  if (a.dataType === 'null' || b.dataType === 'null') return FALSE;
  const left = comparable(a);
  const right = comparable(b);
  switch (id) {
    case 'greaterThan':
      return bool(left > right);
    case 'greaterThanOrEqual':
      return bool(left >= right);
    case 'lessThan':
      return bool(left < right);
    default:
      return bool(left <= right);
  }
}

function arithmetic(id: string, a: Literal, b: Literal): Literal {
  const symbol = OPERATOR_SYMBOL[id];
  rejectPicklist(symbol, a);
  rejectPicklist(symbol, b);
  const kinds = `${a.dataType} ${b.dataType}`;
  // '+' on text concatenates, and blank text is '' there.
  if (id === 'add' && (a.dataType === 'text' || b.dataType === 'text')) {
    if (a.dataType !== 'text' && a.dataType !== 'null') throw wrongType(symbol, 'Text', a.dataType);
    if (b.dataType !== 'text' && b.dataType !== 'null') throw wrongType(symbol, 'Text', b.dataType);
    return text(`${(a.value as string | null) ?? ''}${(b.value as string | null) ?? ''}`);
  }
  const allowed: Record<string, string[]> = {
    add: [
      'number number',
      'date number',
      'number date',
      'datetime number',
      'number datetime',
      'time number',
      'number time'
    ],
    subtract: [
      'number number',
      'date number',
      'datetime number',
      'time number',
      'date date',
      'datetime datetime',
      'time time'
    ],
    multiply: ['number number'],
    divide: ['number number'],
    exponentiate: ['number number']
  };
  if (a.dataType === 'null' || b.dataType === 'null') {
    const other = a.dataType === 'null' ? b : a;
    if (['checkbox', 'text'].includes(other.dataType)) throw wrongType(symbol, 'Number', other.dataType);
    return NULL;
  }
  if (!allowed[id].includes(kinds))
    throw wrongType(symbol, 'Number', a.dataType === 'number' ? b.dataType : a.dataType);
  const av = a.value;
  const bv = b.value;
  const time = (d: unknown): number => (d as Date).getTime();
  switch (kinds) {
    case 'number number': {
      const x = av as number;
      const y = bv as number;
      if (id === 'add') return num(x + y);
      if (id === 'subtract') return num(x - y);
      if (id === 'multiply') return num(x * y);
      if (id === 'exponentiate') return num(x ** y);
      if (y === 0) throw new FormulaError('runtime', 'Division by zero.');
      return num(x / y);
    }
    case 'date number':
    case 'number date': {
      const [d, n] = a.dataType === 'date' ? [av, bv as number] : [bv, av as number];
      // A date moves by whole days (Salesforce drops the fraction).
      return dateLit(new Date(time(d) + (id === 'add' ? 1 : -1) * Math.trunc(n) * MS_PER_DAY));
    }
    case 'datetime number':
    case 'number datetime': {
      const [d, n] = a.dataType === 'datetime' ? [av, bv as number] : [bv, av as number];
      return datetimeLit(new Date(time(d) + Math.round((id === 'add' ? 1 : -1) * n * MS_PER_DAY)));
    }
    case 'time number':
    case 'number time': {
      const [d, n] = a.dataType === 'time' ? [av, bv as number] : [bv, av as number];
      const ms = (((time(d) + (id === 'add' ? 1 : -1) * n) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
      return { type: 'literal', dataType: 'time', value: new Date(ms), options: {} };
    }
    case 'date date':
    case 'datetime datetime':
      return num((time(av) - time(bv)) / MS_PER_DAY);
    default:
      return num(time(av) - time(bv));
  }
}

/** Functions whose text arguments Salesforce reads as '' when blank (formulon would crash on null). */
const TEXT_FUNCTIONS = new Set([
  'begins',
  'br',
  'casesafeid',
  'contains',
  'find',
  'hyperlink',
  'image',
  'left',
  'len',
  'lower',
  'lpad',
  'mid',
  'regex',
  'right',
  'rpad',
  'substitute',
  'trim',
  'upper'
]);

/** Everything not handled here goes to formulon through a one-call formula with the arguments substituted. */
function callFormulon(id: string, args: Literal[], scope: Scope): Literal {
  const fnName = id.toUpperCase();
  let prepared = args;
  if (TEXT_FUNCTIONS.has(id)) {
    prepared = args.map((a) => (a.dataType === 'null' ? text('') : a));
  } else if (args.some((a) => a.dataType === 'null') && scope.mode === 'run') {
    // Number and date functions answer blank for a blank argument.
    return NULL;
  }
  for (const a of prepared) rejectPicklist(fnName, a);
  const names = prepared.map((_, i) => `p${i}`);
  const substitutions: Record<string, Literal> = {};
  prepared.forEach((a, i) => (substitutions[names[i]] = forFormulon(a)));
  let result: Literal | ErrorNode;
  try {
    result = formulon.parse(`${id}(${names.join(',')})`, substitutions);
  } catch (error) {
    // A formulon implementation fed a value it does not expect (e.g. a null it dereferences).
    if (scope.mode === 'run') return NULL;
    throw new FormulaError('type', `${fnName}(): ${(error as Error).message}`);
  }
  if (result.type === 'error') {
    const kind: FormulaErrorKind =
      result.errorType === 'NoFunctionError' || result.errorType === 'NotImplementedError'
        ? 'function'
        : result.errorType === 'ArgumentError' && /number of parameters/.test(result.message)
          ? 'function'
          : result.errorType === 'ArgumentError' && /Invalid Value/.test(result.message)
            ? 'runtime'
            : 'type';
    const message =
      result.errorType === 'NotImplementedError'
        ? `Function ${fnName} is not supported by the local org's formula engine.`
        : result.message;
    throw new FormulaError(kind, message);
  }
  if (result.dataType === 'number' && typeof result.value === 'number') return num(result.value);
  return result;
}

function requireIdentifier(fn: string, node: AstNode | undefined): IdentifierNode {
  if (!node || node.type !== 'identifier' || node.name.includes('.') || node.name.startsWith('$')) {
    throw new FormulaError('type', `The argument of ${functionLabel(fn)}() must be a field of this object.`);
  }
  return node;
}

function evaluateNode(node: AstNode, scope: Scope): Literal {
  switch (node.type) {
    case 'literal':
      return node;
    case 'identifier':
      return resolveIdentifier(node.name, scope);
    case 'error':
      throw new FormulaError('syntax', node.message);
    default:
      return evaluateCall(node, scope);
  }
}

/**
 * How messages name a function or operator (`AND`, `>=`), by formulon's id; a label gives itself back, so that
 * message helpers take either.
 */
const functionLabels = new Map<string, string>();

function functionLabel(id: string): string {
  let label = functionLabels.get(id);
  if (label === undefined) functionLabels.set(id, (label = OPERATOR_SYMBOL[id] ?? id.toUpperCase()));
  return label;
}

function evaluateCall(node: CallNode, scope: Scope): Literal {
  const { id } = node;
  const args = node.arguments;
  const run = scope.mode === 'run';
  const arity = (min: number, max = min): void => {
    if (args.length < min || args.length > max) {
      throw wrongCount(id, min === max ? String(min) : `${min}-${max === Infinity ? '' : max}`, args.length);
    }
  };
  const value = (i: number): Literal => evaluateNode(args[i], scope);
  switch (id) {
    case 'and':
    case 'or': {
      arity(1, Infinity);
      // Salesforce stops at the first deciding argument; the check evaluates all of them for their types.
      const decisive = id === 'or';
      let result = !decisive;
      for (let i = 0; i < args.length; i++) {
        if (asCondition(id, value(i)) === decisive) {
          result = decisive;
          if (run) break;
        }
      }
      return bool(result);
    }
    case 'not':
      arity(1);
      return bool(!asCondition(id, value(0)));
    case 'if': {
      arity(3);
      const condition = asCondition(id, value(0));
      if (run) return value(condition ? 1 : 2);
      const [whenTrue, whenFalse] = [value(1), value(2)];
      sameKind(id, whenTrue, whenFalse);
      return whenTrue.dataType === 'null' ? whenFalse : whenTrue;
    }
    case 'case': {
      if (args.length < 4 || args.length % 2 !== 0)
        throw wrongCount(id, args.length < 4 ? '4+' : 'an even number', args.length);
      const subject = value(0);
      if (subject.dataType === 'multipicklist' || subject.dataType === 'checkbox') {
        throw wrongType(id, 'Text, Number, Date, Picklist', subject.dataType);
      }
      const subjectKind = subject.dataType === 'picklist' ? 'text' : subject.dataType;
      let resultKind: Literal | undefined;
      for (let i = 1; i < args.length - 1; i += 2) {
        const candidate = value(i);
        if (subjectKind !== 'null' && candidate.dataType !== 'null' && candidate.dataType !== subjectKind) {
          throw wrongType(id, TYPE_LABEL[subjectKind], candidate.dataType);
        }
        if (run) {
          if (subject.dataType !== 'null' && comparable(candidate) === comparable(subject)) return value(i + 1);
        } else {
          const result = value(i + 1);
          if (resultKind) sameKind(id, resultKind, result);
          if (!resultKind || resultKind.dataType === 'null') resultKind = result;
        }
      }
      const otherwise = value(args.length - 1);
      if (resultKind) sameKind(id, resultKind, otherwise);
      return run || !resultKind || resultKind.dataType === 'null' ? otherwise : resultKind;
    }
    case 'isblank':
    case 'isnull': {
      arity(1);
      const v = value(0);
      return bool(run && isBlank(v));
    }
    case 'blankvalue':
    case 'nullvalue': {
      arity(2);
      const v = value(0);
      rejectPicklist(id, v);
      if (!run) {
        const substitute = value(1);
        sameKind(id, v, substitute);
        return v;
      }
      return (id === 'blankvalue' ? isBlank(v) : v.dataType === 'null') ? value(1) : v;
    }
    case 'ispickval': {
      arity(2);
      const field = value(0);
      const expected = value(1);
      if (field.dataType !== 'picklist' && field.dataType !== 'null') throw wrongType(id, 'Picklist', field.dataType);
      if (expected.dataType !== 'text' && expected.dataType !== 'null') throw wrongType(id, 'Text', expected.dataType);
      return bool(((field.value as string | null) ?? '') === ((expected.value as string | null) ?? ''));
    }
    case 'includes': {
      arity(2);
      const field = value(0);
      const expected = value(1);
      if (field.dataType !== 'multipicklist' && field.dataType !== 'null') {
        throw wrongType(id, 'Multi-Select Picklist', field.dataType);
      }
      if (expected.dataType !== 'text') throw wrongType(id, 'Text', expected.dataType);
      return bool(field.dataType !== 'null' && (field.value as string[]).includes(expected.value as string));
    }
    case 'text': {
      arity(1);
      const v = value(0);
      if (v.dataType === 'picklist') return text(v.value as string);
      if (v.dataType === 'null') return text('');
      if (v.dataType === 'text' || v.dataType === 'checkbox' || v.dataType === 'multipicklist') {
        throw wrongType(id, 'Number, Date, DateTime, Time, Picklist', v.dataType);
      }
      return callFormulon(id, [v], scope);
    }
    case 'isnumber': {
      // formulon declares ISNUMBER but does not implement it.
      arity(1);
      const v = value(0);
      if (v.dataType !== 'text' && v.dataType !== 'null') throw wrongType(id, 'Text', v.dataType);
      return bool(run && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test((v.value as string | null) ?? ''));
    }
    case 'now':
      arity(0);
      return datetimeLit(scope.ctx.now);
    case 'today':
      arity(0);
      return dateLit(utcMidnight(scope.ctx.now));
    case 'timenow':
      arity(0);
      return { type: 'literal', dataType: 'time', value: new Date(scope.ctx.now.getTime() % MS_PER_DAY), options: {} };
    case 'isnew':
      arity(0);
      return bool(run && scope.ctx.isNew);
    case 'isclone':
      arity(0);
      return FALSE;
    case 'ischanged':
    case 'priorvalue': {
      arity(1);
      const identifier = requireIdentifier(id, args[0]);
      const field = findField(scope.ctx.objectDef, identifier.name);
      if (!field) throw unknownField(identifier.name);
      if (field.formula) {
        throw new FormulaError('type', `${functionLabel(id)}() cannot be used on the formula field ${field.name}.`);
      }
      if (!run) return id === 'ischanged' ? TRUE : sampleLiteral(field);
      const prior = scope.ctx.priorRecord;
      // On insert there is no prior value: ISCHANGED is false and PRIORVALUE answers the current value.
      const current = fieldLiteral(field, readRaw(scope.ctx.record, field.name), 'BlankAsBlank');
      if (scope.ctx.isNew || !prior) return id === 'ischanged' ? FALSE : current;
      const before = fieldLiteral(field, readRaw(prior, field.name), 'BlankAsBlank');
      if (id === 'priorvalue') return before;
      const same = JSON.stringify(comparableForChange(before)) === JSON.stringify(comparableForChange(current));
      return bool(!same);
    }
    case 'equal':
    case 'unequal':
    case 'greaterThan':
    case 'greaterThanOrEqual':
    case 'lessThan':
    case 'lessThanOrEqual':
      arity(2);
      return compare(id, value(0), value(1));
    case 'add':
    case 'subtract':
    case 'multiply':
    case 'divide':
    case 'exponentiate':
      arity(2);
      return arithmetic(id, value(0), value(1));
    default:
      return callFormulon(
        id,
        args.map((_, i) => value(i)),
        scope
      );
  }
}

function comparableForChange(value: Literal): unknown {
  if (value.dataType === 'null' || value.value === '') return null;
  return value.value instanceof Date ? value.value.getTime() : value.value;
}

// ---------------------------------------------------------------------------------------------------------------
// results

function expectedDataType(returnType: FieldType): DataType {
  switch (returnType) {
    case 'boolean':
      return 'checkbox';
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return 'number';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'time':
      return 'time';
    default:
      return 'text';
  }
}

function checkResultType(result: Literal, returnType: FieldType): void {
  const expected = expectedDataType(returnType);
  if (result.dataType !== 'null' && result.dataType !== expected) {
    throw new FormulaError(
      'type',
      `Formula result is data type (${TYPE_LABEL[result.dataType]}), incompatible with expected data type (${TYPE_LABEL[expected]}).`
    );
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Formats a Date as the store keeps date/times (`2026-03-01T10:00:00.000Z`; REST writes `+0000` instead of `Z`). */
export function formatDateTime(value: Date): string {
  return value.toISOString();
}

/** Formats the UTC calendar day of a Date as `YYYY-MM-DD`. */
export function formatDate(value: Date): string {
  return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
}

function toApiValue(result: Literal, returnType: FieldType, options: FormulaOptions): unknown {
  const expected = expectedDataType(returnType);
  if (expected === 'checkbox') return result.value === true;
  if (result.dataType === 'null') return null;
  switch (expected) {
    case 'number': {
      const raw = (result.value as number) * (returnType === 'percent' ? 100 : 1);
      const value = Number(raw.toPrecision(15));
      return options.scale === undefined ? value : roundHalfUp(value, options.scale);
    }
    case 'date':
      return formatDate(result.value as Date);
    case 'datetime':
      return formatDateTime(result.value as Date);
    case 'time': {
      const d = result.value as Date;
      return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}Z`;
    }
    default:
      return result.value === '' ? null : String(result.value);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// public API

/**
 * Evaluates a formula for one record and returns its value in canonical form (see the file header): boolean for
 * `boolean`, number (percent as a percent number, rounded to `options.scale` decimals) for numeric types,
 * `YYYY-MM-DD` for `date`, `YYYY-MM-DDTHH:mm:ss.SSSZ` for `datetime` (the store's canonical form), string or null for text types.
 * A runtime error (division by zero, a bad DATEVALUE text) answers null, as a formula field shows no value then;
 * syntax, reference and type errors throw {@link FormulaError} (deploy normally rejects those first).
 */
export function evaluateFormula(
  formula: string,
  returnType: FieldType,
  ctx: FormulaContext,
  options: FormulaOptions = {}
): unknown {
  const scope: Scope = { ctx, blanks: options.treatBlanksAs ?? 'BlankAsZero', mode: 'run', stack: [] };
  let result: Literal;
  try {
    result = evaluateNode(compile(formula), scope);
  } catch (error) {
    if (error instanceof FormulaError && error.kind === 'runtime')
      return expectedDataType(returnType) === 'checkbox' ? false : null;
    throw error;
  }
  checkResultType(result, returnType);
  return toApiValue(result, returnType, options);
}

/** Evaluates a formula field (its formula, return type, scale and blank handling) for one record. */
export function evaluateFormulaField(field: FieldDef, ctx: FormulaContext): unknown {
  if (!field.formula) throw new FormulaError('reference', `${field.name} is not a formula field.`);
  return evaluateFormula(field.formula, field.type, ctx, {
    scale: field.scale,
    treatBlanksAs: field.formulaTreatBlanksAs ?? 'BlankAsZero'
  });
}

/**
 * The active validation rules the record breaks (their error condition is TRUE), in definition order. Blank
 * numbers stay blank in rules, and a rule whose evaluation hits a runtime error does not fire.
 */
export function failingValidationRules(objectDef: ObjectDef, ctx: FormulaContext): ValidationRuleDef[] {
  const ruleContext = { ...ctx, objectDef };
  return objectDef.validationRules.filter(
    (rule) =>
      rule.active &&
      evaluateFormula(rule.errorConditionFormula, 'boolean', ruleContext, { treatBlanksAs: 'BlankAsBlank' }) === true
  );
}

/**
 * Checks a formula at deploy time the way Salesforce's compiler does: syntax, every field reference (own fields,
 * relationship paths, other formula fields and cycles), function names and argument counts, argument types on all
 * branches, and the result type against `returnType`. Throws {@link FormulaError} on the first problem.
 */
export function checkFormula(
  formula: string,
  returnType: FieldType,
  objectDef: ObjectDef,
  getObject: (name: string) => ObjectDef | undefined,
  stack: string[] = []
): void {
  const ctx: FormulaContext = {
    record: {},
    objectDef,
    getObject,
    getRecord: () => undefined,
    now: new Date(0),
    isNew: false
  };
  const result = evaluateNode(compile(formula), { ctx, blanks: 'BlankAsBlank', mode: 'check', stack });
  checkResultType(result, returnType);
}

/** True when a formula reads no field, global or clock (its value can be computed once, e.g. a default of 90). */
export function isConstantFormula(formula: string): boolean {
  const clock = new Set(['now', 'today', 'timenow', 'isnew', 'ischanged', 'priorvalue']);
  const constant = (node: AstNode): boolean =>
    node.type === 'identifier'
      ? false
      : node.type === 'callExpression'
        ? !clock.has(node.id) && node.arguments.every(constant)
        : true;
  try {
    return constant(compile(formula));
  } catch {
    return false;
  }
}

/** Field names a formula references (relationship paths and `$` globals as written), without duplicates. */
export function formulaReferences(formula: string): string[] {
  const names = new Set<string>();
  const walk = (node: AstNode): void => {
    if (node.type === 'identifier') names.add(node.name);
    else if (node.type === 'callExpression') node.arguments.forEach(walk);
  };
  walk(compile(formula));
  return [...names];
}
