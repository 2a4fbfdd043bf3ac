/**
 * The column metadata of a query (`GET /query?q=...&columns=true`), which `sf data query` asks for to lay out its
 * table: one entry per selected column, relationship fields nested under `joinColumns`, child subqueries and
 * aggregate functions marked `aggregate`.
 */
import type { FieldDef, FieldType } from '../schema.js';
import { isNumberType, isTextType } from '../values.js';
import type { QueryPlan, RecordPlan } from './compile.js';

export interface ColumnMetadata {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: ColumnMetadata[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
}

const APEX_TYPES: Partial<Record<FieldType, string>> = {
  id: 'Id',
  reference: 'Id',
  boolean: 'Boolean',
  int: 'Integer',
  double: 'Double',
  currency: 'Double',
  percent: 'Double',
  date: 'Date',
  datetime: 'Datetime',
  time: 'Time'
};

function column(name: string, type: FieldType | undefined, field?: FieldDef, aggregate = false): ColumnMetadata {
  return {
    aggregate,
    apexType: type ? (APEX_TYPES[type] ?? 'String') : null,
    booleanType: type === 'boolean',
    columnName: name,
    custom: field?.custom ?? false,
    displayName: name,
    foreignKeyName: null,
    insertable: field?.createable ?? false,
    joinColumns: [],
    numberType: type !== undefined && isNumberType(type),
    textType: type !== undefined && (isTextType(type) || type === 'reference'),
    updatable: field?.updateable ?? false
  };
}

function recordColumns(plan: RecordPlan): ColumnMetadata[] {
  const columns: ColumnMetadata[] = [];
  for (const output of plan.outputs) {
    if (output.kind === 'subquery') {
      const subquery = plan.subqueries[output.index];
      const entry = column(subquery.relationshipName, undefined, undefined, true);
      entry.joinColumns = recordColumns(subquery.plan);
      columns.push(entry);
      continue;
    }
    let level = columns;
    for (const name of output.path) {
      let parent = level.find((entry) => entry.columnName === name && !entry.aggregate);
      if (!parent) {
        parent = column(name, undefined);
        level.push(parent);
      }
      level = parent.joinColumns;
    }
    level.push(column(output.field.name, output.field.type, output.field));
  }
  return columns;
}

/** The `columns=true` body for a compiled query. */
export function columnMetadata(plan: QueryPlan, entityName: string, keyPrefix: string): Record<string, unknown> {
  let columns: ColumnMetadata[] = [];
  if (plan.kind === 'records') columns = recordColumns(plan);
  if (plan.kind === 'aggregate') {
    columns = plan.outputs.map((output) => {
      const entry = column(output.key, output.type, output.field, output.aggregate);
      entry.displayName = output.aggregate ? output.display : output.key;
      return entry;
    });
  }
  return {
    columnMetadata: columns,
    entityName,
    groupBy: plan.kind === 'aggregate',
    idSelected:
      plan.kind === 'records' &&
      plan.outputs.some((output) => output.kind === 'field' && output.field.name === 'Id' && output.path.length === 0),
    keyPrefix
  };
}
