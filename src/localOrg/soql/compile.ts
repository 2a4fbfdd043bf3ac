/**
 * Compiles a parsed SOQL query into one SQLite statement plus the instructions to shape its rows into Salesforce
 * records. Parent relationships become LEFT JOINs (up to 5 levels), child subqueries become separate statements
 * run per page of parents, formula fields in WHERE/ORDER BY call the `lo_formula` SQLite function. Every value is a
 * named bound parameter; the SQL text only holds identifiers taken from the schema after lookup.
 */
import type {
  FieldFunctionExpression,
  FieldType as ParsedField,
  FunctionExp,
  OrderByClause,
  Query,
  QueryBase,
  Subquery
} from '@jetstreamapp/soql-parser-js';
import { SfApiError, malformedQuery, type ErrorCode } from '../errors.js';
import { visibleHistoryFields } from '../history.js';
import type { AccessPolicy } from '../permissions.js';
import type { FieldDef, FieldType, ObjectDef } from '../schema.js';
import type { Store } from '../store.js';
import { quoteIdentifier, tableName } from '../storage.js';
import { isStoredField, isTextType } from '../values.js';
import { buildConditionTree, type ConditionNode, type Leaf } from './conditionTree.js';
import { bindLiteral, type BoundValue, type LiteralContext, type OperandType } from './literals.js';

/** Salesforce's limit on parent relationship depth. */
const MAX_RELATIONSHIP_DEPTH = 5;
/** Salesforce's largest OFFSET. */
export const MAX_OFFSET = 2000;

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);
const PASS_THROUGH = new Set(['TOLABEL', 'FORMAT', 'CONVERTCURRENCY', 'CONVERTTIMEZONE']);

export interface CompileEnv extends LiteralContext {
  store: Store;
  /** The query as sent, for error positions. */
  text: string;
  queryAll: boolean;
}

/** One value a shaped record shows. */
export type Output =
  | { kind: 'field'; path: string[]; field: FieldDef; column: number }
  | { kind: 'formula'; path: string[]; field: FieldDef; owner: ObjectDef; idColumn: number }
  | { kind: 'subquery'; index: number };

export interface RecordPlan {
  kind: 'records';
  sql: string;
  params: Record<string, unknown>;
  root: ObjectDef;
  outputs: Output[];
  /** Joined parents by lower-case relationship path (`account__r.owner`): object and the column of its Id. */
  relationships: Map<string, { def: ObjectDef; idColumn: number; name: string }>;
  rootIdColumn: number;
  subqueries: SubqueryPlan[];
  /** For a child subquery's plan: the column holding the parent's id. */
  parentColumn?: number;
}

export interface SubqueryPlan {
  relationshipName: string;
  /** The child plan; its SQL filters on the parents in `@parentIds` (a JSON array) and orders by parent first. */
  plan: RecordPlan;
  parentColumn: number;
  limit?: number;
  offset?: number;
}

export interface AggregatePlan {
  kind: 'aggregate';
  sql: string;
  params: Record<string, unknown>;
  /** `display` is the expression as written (COUNT(Id)); `aggregate` false for grouped fields. */
  outputs: { key: string; column: number; type: FieldType; field?: FieldDef; display: string; aggregate: boolean }[];
}

export interface CountPlan {
  kind: 'count';
  sql: string;
  params: Record<string, unknown>;
}

export type QueryPlan = RecordPlan | AggregatePlan | CountPlan;

/** A field reference resolved to SQL. */
interface Resolved {
  sql: string;
  field: FieldDef;
  owner: ObjectDef;
  /** Canonical relationship names from the root to the owner. */
  path: string[];
  ownerAlias: string;
  formula: boolean;
}

interface Join {
  key: string;
  alias: string;
  def: ObjectDef;
  sql: string;
  name: string;
}

/** Typed result of a function or field expression. */
interface Expression {
  sql: string;
  type: FieldType;
  aggregate: boolean;
  field?: FieldDef;
  name: string;
}

class Params {
  public readonly values: Record<string, unknown> = {};
  private count = 0;

  public add(value: unknown): string {
    const name = `p${this.count++}`;
    this.values[name] = value;
    return `@${name}`;
  }
}

/** Shared by a query and its semi-join and child subqueries: one alias space, one parameter set. */
interface Shared {
  env: CompileEnv;
  params: Params;
  aliases: number;
}

/** An error pointing at `token` in the query text, formatted as Salesforce formats query errors. */
export function queryError(code: ErrorCode, text: string, token: string, message: string): SfApiError {
  const index = Math.max(0, text.toLowerCase().indexOf(token.toLowerCase()));
  const before = text.slice(0, index);
  const row = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  const line = text.split('\n')[row - 1] ?? text;
  return new SfApiError(
    code,
    `\n${line}\n${' '.repeat(Math.max(0, column - 1))}^\nERROR at Row:${row}:Column:${column}\n${message}`,
    400
  );
}

function noSuchColumn(env: CompileEnv, name: string, def: ObjectDef): SfApiError {
  return queryError(
    'INVALID_FIELD',
    env.text,
    name,
    `No such column '${name.slice(name.lastIndexOf('.') + 1)}' on entity '${def.name}'. If you are attempting to ` +
      `use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or ` +
      `the describe call for the appropriate names.`
  );
}

/** The SQL of one query level (root object, joins, conditions). */
class Scope {
  public readonly alias: string;
  private readonly joins = new Map<string, Join>();

  public constructor(
    private readonly shared: Shared,
    public readonly root: ObjectDef,
    private readonly objectAlias: string | undefined
  ) {
    this.alias = `t${shared.aliases++}`;
  }

  private get env(): CompileEnv {
    return this.shared.env;
  }

  public get params(): Params {
    return this.shared.params;
  }

  /** Resolves `Name`, `Account__r.Owner.Name` or `a.Name` (with the FROM alias) to SQL. */
  public resolve(written: string): Resolved {
    const store = this.env.store;
    let segments = written.split('.');
    if (segments.length > 1) {
      const first = segments[0].toLowerCase();
      const isRelationship = this.root.fields.some((entry) => entry.relationshipName?.toLowerCase() === first);
      if (first === this.objectAlias?.toLowerCase() || (!isRelationship && first === this.root.name.toLowerCase())) {
        segments = segments.slice(1);
      }
    }
    if (segments.length - 1 > MAX_RELATIONSHIP_DEPTH) {
      throw malformedQuery(
        `SOQL statements cannot query relationships that are more than ${MAX_RELATIONSHIP_DEPTH} levels away from ` +
          `the root entity object.`
      );
    }
    let def = this.root;
    let alias = this.alias;
    const path: string[] = [];
    for (const segment of segments.slice(0, -1)) {
      const reference = def.fields.find(
        (entry) => entry.type === 'reference' && entry.relationshipName?.toLowerCase() === segment.toLowerCase()
      );
      const target = reference?.referenceTo?.[0] ? store.getObject(reference.referenceTo[0]) : undefined;
      // A relationship the running user cannot see (its field or its target object) is not understood.
      const hidden =
        store.access !== undefined &&
        (!reference || !target || !store.access.canReadField(def, reference) || !store.access.can(target, 'read'));
      if (!reference || !target || hidden) {
        throw queryError(
          'INVALID_FIELD',
          this.env.text,
          written,
          `Didn't understand relationship '${segment}' in field path. If you are attempting to use a custom ` +
            `relationship, be sure to append the '__r' after the custom relationship name. Please reference your ` +
            `WSDL or the describe call for the appropriate names.`
        );
      }
      path.push(reference.relationshipName as string);
      const key = path.join('.').toLowerCase();
      let join = this.joins.get(key);
      if (!join) {
        const joinAlias = `t${this.shared.aliases++}`;
        join = {
          key,
          alias: joinAlias,
          def: target,
          name: reference.relationshipName as string,
          sql: `LEFT JOIN ${tableName(target)} ${joinAlias} ON ${joinAlias}."Id" = ${alias}.${quoteIdentifier(reference.name)}`
        };
        this.joins.set(key, join);
      }
      def = target;
      alias = join.alias;
    }
    const name = segments[segments.length - 1];
    const field = store.getField(def, name);
    // Salesforce answers a field without read access exactly as a field that does not exist.
    if (!field || (store.access && !store.access.canReadField(def, field))) throw noSuchColumn(this.env, written, def);
    const formula = !isStoredField(field);
    const sql = formula
      ? `lo_formula(${this.params.add(def.name)}, ${this.params.add(field.name)}, ${alias}."Id")`
      : `${alias}.${quoteIdentifier(field.name)}`;
    return { sql, field, owner: def, path, ownerAlias: alias, formula };
  }

  /** The joined parent at a lower-case path. */
  public join(key: string): Join | undefined {
    return this.joins.get(key);
  }

  public fromSql(): string {
    return [`${tableName(this.root)} ${this.alias}`, ...[...this.joins.values()].map((join) => join.sql)].join(' ');
  }

  /**
   * The conditions every row of the root must meet besides the query's own: live (queryAll sees the recycle bin),
   * and for history objects, a field the running user may read.
   */
  public rowFilters(): string[] {
    const filters = this.env.queryAll ? [] : [`${this.alias}."IsDeleted" = 0`];
    const visible = visibleHistoryFields(this.env.store, this.root, this.env.store.access);
    if (visible) filters.push(`${this.alias}."Field" IN (${visible.map((name) => this.params.add(name)).join(', ')})`);
    return filters;
  }

  // ------------------------------------------------------------------------------------------------ expressions

  /** A field or function expression (`Name`, `COUNT(Id)`, `CALENDAR_YEAR(CreatedDate)`). */
  public expression(item: string | FunctionExp): Expression {
    if (typeof item === 'string') {
      const resolved = this.resolve(item);
      return { sql: resolved.sql, type: resolved.field.type, aggregate: false, field: resolved.field, name: item };
    }
    const name = (item.functionName ?? '').toUpperCase();
    const args = item.parameters ?? [];
    const raw = item.rawValue ?? name;
    if (name === 'COUNT' && args.length === 0) return { sql: 'COUNT(*)', type: 'int', aggregate: true, name: raw };
    if (args.length !== 1) throw malformedQuery(`Wrong number of arguments for ${name}: ${raw}`);
    const inner = this.expression(args[0] as string | FunctionExp);
    if (AGGREGATES.has(name)) {
      if (inner.aggregate) throw malformedQuery(`Aggregate functions cannot be nested: ${raw}`);
      switch (name) {
        case 'COUNT':
          return { sql: `COUNT(${inner.sql})`, type: 'int', aggregate: true, name: raw };
        case 'COUNT_DISTINCT':
          return { sql: `COUNT(DISTINCT ${inner.sql})`, type: 'int', aggregate: true, name: raw };
        case 'SUM':
        case 'AVG':
          if (!['int', 'double', 'currency', 'percent'].includes(inner.type)) {
            throw queryError(
              'MALFORMED_QUERY',
              this.env.text,
              raw,
              `field ${inner.name} does not support aggregate operator ${name}`
            );
          }
          return { sql: `${name}(${inner.sql})`, type: 'double', aggregate: true, name: raw };
        default:
          return { sql: `${name}(${inner.sql})`, type: inner.type, aggregate: true, field: inner.field, name: raw };
      }
    }
    if (PASS_THROUGH.has(name)) return { ...inner, name: raw };
    const dateFunction = dateFunctionSql(name, inner.sql);
    if (!dateFunction) throw malformedQuery(`Unknown function: ${name}`);
    if (inner.type !== 'date' && inner.type !== 'datetime') {
      throw malformedQuery(`Date functions require a date or dateTime field: ${raw}`);
    }
    return { sql: dateFunction.sql, type: dateFunction.type, aggregate: inner.aggregate, name: raw };
  }

  // ------------------------------------------------------------------------------------------------ conditions

  /**
   * SQL of a condition tree. SOQL compares blanks as values (a blank Industry is simply not 'Banking'), while SQL
   * answers NULL, which NOT would keep NULL: under a NOT, each comparison is made two-valued with COALESCE (only
   * there, so that plain filters keep using indexes).
   */
  public condition(node: ConditionNode, negated = false): string {
    switch (node.kind) {
      case 'leaf':
        return negated ? `COALESCE(${this.leaf(node.condition)}, 0)` : this.leaf(node.condition);
      case 'not':
        return `NOT (${this.condition(node.operand, true)})`;
      default:
        return `(${node.operands
          .map((operand) => this.condition(operand, negated))
          .join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
    }
  }

  private leaf(leaf: Leaf): string {
    const operator = String(leaf.operator ?? '').toUpperCase();
    const left: Expression =
      typeof leaf.field === 'string' ? this.expression(leaf.field) : this.expression(leaf.fn as FunctionExp);
    if (left.type === 'anyType') {
      throw queryError(
        'INVALID_FIELD',
        this.env.text,
        left.name,
        `field '${left.name}' can not be filtered in a query call`
      );
    }
    const text = isTextType(left.type) || left.type === 'reference' || left.type === 'id';
    const collate = isTextType(left.type) && left.type !== 'id' ? ' COLLATE NOCASE' : '';
    if (leaf.literalType === 'SUBQUERY' || leaf.valueQuery) {
      if (operator !== 'IN' && operator !== 'NOT IN') throw malformedQuery('A semi-join subquery needs IN or NOT IN');
      const inner = compileSemiJoin(this.shared, leaf.valueQuery as Query);
      return operator === 'IN' ? `${left.sql} IN (${inner})` : `(${left.sql} IS NULL OR ${left.sql} NOT IN (${inner}))`;
    }
    const operand: OperandType = { type: left.type === 'id' ? 'id' : left.type, name: left.name };
    const rawValues = Array.isArray(leaf.value) ? (leaf.value as string[]) : [String(leaf.value)];
    const literalTypes = Array.isArray(leaf.literalType)
      ? (leaf.literalType as string[])
      : rawValues.map(() => String(leaf.literalType));
    const dateVariables = Array.isArray(leaf.dateLiteralVariable) ? leaf.dateLiteralVariable : [];
    const values: BoundValue[] = rawValues.map((raw, index) => {
      const literalType = literalTypes[index] ?? literalTypes[0];
      const withCount =
        literalType === 'DATE_N_LITERAL' && !raw.includes(':') && dateVariables[index] !== undefined
          ? `${raw}:${String(dateVariables[index])}`
          : raw;
      return bindLiteral(withCount, literalType, operand, this.shared.env, operator === 'LIKE');
    });
    const lhs = left.sql;
    const bind = (value: unknown): string => this.params.add(value);
    const one = values[0];
    switch (operator) {
      case '=':
        if (one.kind === 'null') return `${lhs} IS NULL`;
        if (one.kind === 'range') return `(${lhs} >= ${bind(one.range.start)} AND ${lhs} < ${bind(one.range.end)})`;
        return `${lhs} = ${bind(one.value)}${collate}`;
      case '!=':
      case '<>':
        if (one.kind === 'null') return `${lhs} IS NOT NULL`;
        if (one.kind === 'range') {
          return `(${lhs} IS NULL OR ${lhs} < ${bind(one.range.start)} OR ${lhs} >= ${bind(one.range.end)})`;
        }
        return `(${lhs} IS NULL OR ${lhs} != ${bind(one.value)}${collate})`;
      case '<':
      case '<=':
      case '>':
      case '>=': {
        if (one.kind === 'null') throw malformedQuery(`invalid operator on null: ${operator}`);
        if (one.kind === 'range') {
          const bound = operator === '<' || operator === '>=' ? bind(one.range.start) : bind(one.range.end);
          const sqlOperator = operator === '<=' ? '<' : operator === '>' ? '>=' : operator;
          return `${lhs} ${sqlOperator} ${bound}`;
        }
        return `${lhs} ${operator} ${bind(one.value)}${collate}`;
      }
      case 'LIKE':
        if (!text || one.kind !== 'value') throw malformedQuery(`invalid operator on field ${left.name}: LIKE`);
        return `${lhs} LIKE ${bind(one.value)} ESCAPE '\\'`;
      case 'IN':
      case 'NOT IN': {
        const parts: string[] = [];
        const plain = values.filter((value) => value.kind === 'value') as { kind: 'value'; value: unknown }[];
        if (plain.length > 0) parts.push(`${lhs}${collate} IN (${plain.map((value) => bind(value.value)).join(', ')})`);
        for (const value of values) {
          if (value.kind === 'null') parts.push(`${lhs} IS NULL`);
          if (value.kind === 'range') {
            parts.push(`(${lhs} >= ${bind(value.range.start)} AND ${lhs} < ${bind(value.range.end)})`);
          }
        }
        const any = `(${parts.join(' OR ')})`;
        if (operator === 'IN') return any;
        const hasNull = values.some((value) => value.kind === 'null');
        return hasNull ? `NOT ${any}` : `(${lhs} IS NULL OR NOT ${any})`;
      }
      case 'INCLUDES':
      case 'EXCLUDES': {
        if (left.type !== 'multipicklist') throw malformedQuery(`invalid operator on field ${left.name}: ${operator}`);
        const sets = values.map((value) =>
          value.kind === 'value'
            ? String(value.value)
                .split(';')
                .map((part) => part.trim())
            : []
        );
        const call = `lo_includes(${lhs}, ${bind(JSON.stringify(sets))})`;
        return operator === 'INCLUDES' ? `${call} = 1` : `${call} = 0`;
      }
      default:
        throw malformedQuery(`unexpected token: ${operator}`);
    }
  }

  // ------------------------------------------------------------------------------------------------ order by

  public orderBy(clauses: OrderByClause[]): string[] {
    return clauses.map((clause) => {
      const expression =
        'field' in clause && clause.field !== undefined
          ? this.expression(clause.field)
          : this.expression((clause as { fn: FunctionExp }).fn);
      const collate = isTextType(expression.type) && expression.type !== 'id' ? ' COLLATE NOCASE' : '';
      const direction = (clause.order ?? 'ASC').toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
      const nulls = clause.nulls ? (clause.nulls.toUpperCase() === 'LAST' ? ' NULLS LAST' : ' NULLS FIRST') : '';
      return `${expression.sql}${collate} ${direction}${nulls}`;
    });
  }
}

/** SQL for SOQL's date functions on ISO 8601 text (UTC). */
function dateFunctionSql(name: string, sql: string): { sql: string; type: FieldType } | undefined {
  const part = (format: string): string => `CAST(strftime('${format}', ${sql}) AS INTEGER)`;
  switch (name) {
    case 'CALENDAR_YEAR':
    case 'FISCAL_YEAR':
      return { sql: part('%Y'), type: 'int' };
    case 'CALENDAR_MONTH':
    case 'FISCAL_MONTH':
      return { sql: part('%m'), type: 'int' };
    case 'CALENDAR_QUARTER':
    case 'FISCAL_QUARTER':
      return { sql: `((${part('%m')} - 1) / 3 + 1)`, type: 'int' };
    case 'DAY_IN_MONTH':
      return { sql: part('%d'), type: 'int' };
    case 'DAY_IN_WEEK':
      return { sql: `(${part('%w')} + 1)`, type: 'int' };
    case 'DAY_IN_YEAR':
      return { sql: part('%j'), type: 'int' };
    case 'WEEK_IN_YEAR':
      return { sql: `((${part('%j')} - 1) / 7 + 1)`, type: 'int' };
    case 'WEEK_IN_MONTH':
      return { sql: `((${part('%d')} - 1) / 7 + 1)`, type: 'int' };
    case 'HOUR_IN_DAY':
      return { sql: part('%H'), type: 'int' };
    case 'DAY_ONLY':
      return { sql: `substr(${sql}, 1, 10)`, type: 'date' };
    default:
      return undefined;
  }
}

function whereSql(scope: Scope, query: QueryBase, extra: string[] = []): string {
  const conditions = [...scope.rowFilters(), ...extra];
  if (query.where) conditions.push(scope.condition(buildConditionTree(query.where as never)));
  return conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
}

function orderByList(query: QueryBase): OrderByClause[] {
  if (!query.orderBy) return [];
  return Array.isArray(query.orderBy) ? query.orderBy : [query.orderBy];
}

function limitSql(scope: Scope, query: QueryBase): string {
  let sql = '';
  if (query.limit !== undefined) sql += ` LIMIT ${scope.params.add(query.limit)}`;
  if (query.offset !== undefined) {
    if (query.offset > MAX_OFFSET) {
      throw new SfApiError('NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
    }
    if (query.limit === undefined) sql += ' LIMIT -1';
    sql += ` OFFSET ${scope.params.add(query.offset)}`;
  }
  return sql;
}

function objectOf(env: CompileEnv, name: string | undefined): ObjectDef {
  const def = name ? env.store.getObject(name) : undefined;
  if (!def || !def.queryable || (env.store.access && !env.store.access.can(def, 'read'))) {
    throw queryError(
      'INVALID_TYPE',
      env.text,
      name ?? 'FROM',
      `sObject type '${name ?? ''}' is not supported. If you are attempting to use a custom object, be sure to ` +
        `append the '__c' after the entity name. Please reference your WSDL or the describe call for the ` +
        `appropriate names.`
    );
  }
  return def;
}

function isAggregateItem(item: ParsedField): boolean {
  return item.type === 'FieldFunctionExpression' && AGGREGATES.has(item.functionName.toUpperCase());
}

/** `SELECT x FROM y WHERE ...` inside `IN (...)`: exactly one id or reference field. */
function compileSemiJoin(shared: Shared, query: Query): string {
  const def = objectOf(shared.env, query.sObject);
  const scope = new Scope(shared, def, query.sObjectAlias);
  const fields = query.fields ?? [];
  const only = fields[0];
  if (fields.length !== 1 || !only || (only.type !== 'Field' && only.type !== 'FieldRelationship')) {
    throw malformedQuery('A semi-join subquery must select exactly one Id or reference field');
  }
  const written = only.type === 'Field' ? only.field : [...only.relationships, only.field].join('.');
  const resolved = scope.resolve(written);
  if (resolved.field.type !== 'id' && resolved.field.type !== 'reference') {
    throw malformedQuery(`The selected field in a semi-join subquery must be an Id or a reference: ${written}`);
  }
  const where = whereSql(scope, query, [`${resolved.sql} IS NOT NULL`]);
  return `SELECT ${resolved.sql} FROM ${scope.fromSql()}${where}`;
}

/** Expands FIELDS(ALL|STANDARD|CUSTOM) into field names of `def`. */
function fieldsMacro(def: ObjectDef, which: string, access?: AccessPolicy): string[] {
  const kind = which.toUpperCase();
  return def.fields
    .filter((entry) => (kind === 'ALL' ? true : kind === 'CUSTOM' ? entry.custom : !entry.custom))
    .filter((entry) => !access || access.canReadField(def, entry))
    .map((entry) => entry.name);
}

function compileRecords(
  shared: Shared,
  query: QueryBase,
  def: ObjectDef,
  child?: { parentField: FieldDef }
): RecordPlan {
  const scope = new Scope(shared, def, query.sObjectAlias);
  const columns: string[] = [];
  const column = (sql: string): number => {
    const known = columns.indexOf(sql);
    if (known >= 0) return known;
    columns.push(sql);
    return columns.length - 1;
  };
  const rootIdColumn = column(`${scope.alias}."Id"`);
  const outputs: Output[] = [];
  const relationships: RecordPlan['relationships'] = new Map();
  const subqueries: SubqueryPlan[] = [];
  const seen = new Set<string>();

  const addField = (written: string): void => {
    const resolved = scope.resolve(written);
    const key = [...resolved.path, resolved.field.name].join('.').toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    for (let depth = 1; depth <= resolved.path.length; depth++) {
      const pathKey = resolved.path.slice(0, depth).join('.').toLowerCase();
      const join = scope.join(pathKey) as Join;
      if (!relationships.has(pathKey)) {
        relationships.set(pathKey, { def: join.def, idColumn: column(`${join.alias}."Id"`), name: join.name });
      }
    }
    if (resolved.formula) {
      outputs.push({
        kind: 'formula',
        path: resolved.path,
        field: resolved.field,
        owner: resolved.owner,
        idColumn: column(`${resolved.ownerAlias}."Id"`)
      });
    } else {
      outputs.push({ kind: 'field', path: resolved.path, field: resolved.field, column: column(resolved.sql) });
    }
  };

  for (const item of query.fields ?? []) {
    switch (item.type) {
      case 'Field':
        addField(item.field);
        break;
      case 'FieldRelationship':
        addField([...item.relationships, item.field].join('.'));
        break;
      case 'FieldFunctionExpression': {
        const name = item.functionName.toUpperCase();
        const argument = item.parameters[0];
        if (name === 'FIELDS' && typeof argument === 'string') {
          for (const field of fieldsMacro(def, argument, shared.env.store.access)) addField(field);
        } else if (PASS_THROUGH.has(name) && typeof argument === 'string') {
          addField(argument);
        } else {
          throw queryError('MALFORMED_QUERY', shared.env.text, item.rawValue ?? name, `${name} is not allowed here`);
        }
        break;
      }
      case 'FieldSubquery': {
        if (child) throw malformedQuery('Nested subqueries are not supported');
        subqueries.push(compileChild(shared, def, item.subquery));
        outputs.push({ kind: 'subquery', index: subqueries.length - 1 });
        break;
      }
      default:
        throw malformedQuery('TYPEOF is not supported by the local org');
    }
  }
  const extra: string[] = [];
  const order = scope.orderBy(orderByList(query));
  let parentColumn = -1;
  if (child) {
    const parentSql = `${scope.alias}.${quoteIdentifier(child.parentField.name)}`;
    parentColumn = column(parentSql);
    extra.push(`${parentSql} IN (SELECT value FROM json_each(@parentIds))`);
    order.unshift(`${parentSql} ASC`);
  }
  const where = whereSql(scope, query, extra);
  order.push(`${scope.alias}."Id" ASC`);
  const limit = child ? '' : limitSql(scope, query);
  const sql = `SELECT ${columns.join(', ')} FROM ${scope.fromSql()}${where} ORDER BY ${order.join(', ')}${limit}`;
  return {
    kind: 'records',
    sql,
    params: shared.params.values,
    root: def,
    outputs,
    relationships,
    rootIdColumn,
    subqueries,
    parentColumn: child ? parentColumn : undefined
  };
}

function compileChild(shared: Shared, parent: ObjectDef, subquery: Subquery): SubqueryPlan {
  const store = shared.env.store;
  const wanted = subquery.relationshipName.toLowerCase();
  for (const candidate of store.listObjects()) {
    for (const field of candidate.fields) {
      if (field.childRelationshipName?.toLowerCase() !== wanted) continue;
      if (!field.referenceTo?.some((target) => target.toLowerCase() === parent.name.toLowerCase())) continue;
      if (store.access && (!store.access.can(candidate, 'read') || !store.access.canReadField(candidate, field))) {
        continue;
      }
      // Child statements get their own parameter set: they run separately, once per page of parents.
      const childShared: Shared = { env: shared.env, params: new Params(), aliases: 0 };
      const plan = compileRecords(childShared, subquery, candidate, { parentField: field });
      return {
        relationshipName: field.childRelationshipName as string,
        plan,
        parentColumn: plan.parentColumn as number,
        limit: subquery.limit,
        offset: subquery.offset
      };
    }
  }
  throw queryError(
    'INVALID_TYPE',
    shared.env.text,
    subquery.relationshipName,
    `Didn't understand relationship '${subquery.relationshipName}' in FROM part of query call. If you are ` +
      `attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. ` +
      `Please reference your WSDL or the describe call for the appropriate names.`
  );
}

function compileAggregate(shared: Shared, query: Query, def: ObjectDef): AggregatePlan {
  const scope = new Scope(shared, def, query.sObjectAlias);
  const groupItems = query.groupBy ? (Array.isArray(query.groupBy) ? query.groupBy : [query.groupBy]) : [];
  const groups = groupItems.map((item) => {
    if ('fn' in item && item.fn) return scope.expression(item.fn);
    return scope.expression((item as { field: string }).field);
  });
  const groupSql = new Set(groups.map((group) => group.sql));
  const outputs: AggregatePlan['outputs'] = [];
  const columns: string[] = [];
  let exprIndex = 0;
  for (const item of query.fields ?? []) {
    let expression: Expression;
    let key: string;
    if (item.type === 'FieldFunctionExpression') {
      expression = scope.expression(item as FieldFunctionExpression);
      key = item.alias ?? `expr${exprIndex++}`;
    } else if (item.type === 'Field' || item.type === 'FieldRelationship') {
      const written = item.type === 'Field' ? item.field : [...item.relationships, item.field].join('.');
      expression = scope.expression(written);
      key = (item as { alias?: string }).alias ?? (expression.field as FieldDef).name;
    } else {
      throw malformedQuery('Subqueries are not allowed in aggregate queries');
    }
    if (!expression.aggregate && !groupSql.has(expression.sql)) {
      throw queryError(
        'MALFORMED_QUERY',
        shared.env.text,
        expression.name,
        `Field must be grouped or aggregated: ${expression.name}`
      );
    }
    columns.push(expression.sql);
    outputs.push({
      key,
      column: columns.length - 1,
      type: expression.type,
      field: expression.field,
      display: expression.name,
      aggregate: item.type === 'FieldFunctionExpression'
    });
  }
  // Every clause is compiled before FROM is written: each may add a join.
  const where = whereSql(scope, query);
  const groupBy = groups.length > 0 ? ` GROUP BY ${groups.map((group) => group.sql).join(', ')}` : '';
  const having = query.having ? ` HAVING ${scope.condition(buildConditionTree(query.having as never))}` : '';
  const order = scope.orderBy(orderByList(query));
  const orderBy = order.length > 0 ? ` ORDER BY ${order.join(', ')}` : '';
  const sql =
    `SELECT ${columns.join(', ')} FROM ${scope.fromSql()}${where}${groupBy}${having}${orderBy}` +
    limitSql(scope, query);
  return { kind: 'aggregate', sql, params: shared.params.values, outputs };
}

/** Compiles a parsed top-level query. */
export function compileQuery(query: Query, env: CompileEnv): QueryPlan {
  const def = objectOf(env, query.sObject);
  const shared: Shared = { env, params: new Params(), aliases: 0 };
  const fields = query.fields ?? [];
  if (fields.length === 0) throw malformedQuery('unexpected token: FROM');
  const only = fields[0];
  if (
    fields.length === 1 &&
    only.type === 'FieldFunctionExpression' &&
    only.functionName.toUpperCase() === 'COUNT' &&
    only.parameters.length === 0 &&
    !query.groupBy
  ) {
    const scope = new Scope(shared, def, query.sObjectAlias);
    const where = whereSql(scope, query);
    const inner = `SELECT 1 FROM ${scope.fromSql()}${where}${limitSql(scope, query)}`;
    return { kind: 'count', sql: `SELECT COUNT(*) FROM (${inner})`, params: shared.params.values };
  }
  if (query.groupBy || fields.some(isAggregateItem)) return compileAggregate(shared, query, def);
  return compileRecords(shared, query, def);
}
