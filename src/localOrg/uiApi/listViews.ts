/**
 * The UI API list view resources: records (`/ui-api/list-records/{objectApiName}/{listViewApiName}`, GET with
 * query parameters or POST with a body) and metadata (`/ui-api/list-info/{objectApiName}/{listViewApiName}`).
 * List views are the ListView components the org received through the Metadata API; their filter scope (Everything,
 * Mine) and filters (with `booleanFilter` logic) select the records. The Maintenance components read custom
 * metadata records this way (each type ships an `All` list view).
 */
import { createHash } from 'node:crypto';
import { SfApiError } from '../errors.js';
import { dataPath, json, readJsonObject, type ApiRequest, type ApiResponse } from '../http.js';
import { getComponent, type StoredComponent } from '../metadata/repository.js';
import type { ObjectDef } from '../schema.js';
import type { Store } from '../store.js';
import { children, childText, parseXml } from '../xml.js';
import { assertReadable } from './errors.js';
import { pageMembers, parametersFromBody, parametersFromQuery, type ListParameters } from './parameters.js';
import { orderTerms, readRecordPage, soqlLiteral, soqlString } from './readRecords.js';
import { LIST_RECORD_STANDARD_FIELDS, addFieldPath, addFieldsIfPresent, fieldTree } from './recordShape.js';
import { userSettings } from './userSettings.js';

interface ListViewFilter {
  field: string;
  operation: string;
  value: string;
}

interface ListView {
  component: StoredComponent;
  def: ObjectDef;
  apiName: string;
  label: string;
  filterScope: string;
  filters: ListViewFilter[];
  booleanFilter?: string;
  columns: string[];
}

/** The deployed list view, or Salesforce's 404 for an unknown object or list view. */
function listViewOf(store: Store, objectApiName: string, listViewApiName: string): ListView {
  const def = store.getObject(objectApiName);
  const component = def && getComponent(store, 'ListView', `${def.name}.${listViewApiName}`);
  if (!def || !component) {
    throw new SfApiError('NOT_FOUND', `The list view ${objectApiName}.${listViewApiName} doesn't exist`, 404);
  }
  assertReadable(store, def);
  // Deployed inside a CustomObject the view is stored as its <listViews> element; alone, as a <ListView> file.
  const view = parseXml(component.content);
  const filters = children(view, 'filters').map((filter) => ({
    field: childText(filter, 'field') ?? '',
    operation: childText(filter, 'operation') ?? 'equals',
    value: childText(filter, 'value') ?? ''
  }));
  return {
    component,
    def,
    apiName: component.fullName.slice(component.fullName.indexOf('.') + 1),
    label: childText(view, 'label') ?? listViewApiName,
    filterScope: childText(view, 'filterScope') ?? 'Everything',
    filters,
    booleanFilter: childText(view, 'booleanFilter'),
    columns: children(view, 'columns').map((column) => column.text.trim())
  };
}

/** One list view filter as a SOQL condition; undefined for a field the object does not have. */
function filterCondition(store: Store, def: ObjectDef, filter: ListViewFilter): string | undefined {
  const field = store.getField(def, filter.field);
  if (!field) return undefined;
  const values = filter.value.split(',').map((value) => soqlLiteral(field, value));
  const name = field.name;
  switch (filter.operation) {
    case 'equals':
      return values.length > 1 ? `${name} IN (${values.join(', ')})` : `${name} = ${values[0]}`;
    case 'notEqual':
      return values.length > 1 ? `${name} NOT IN (${values.join(', ')})` : `${name} != ${values[0]}`;
    case 'lessThan':
      return `${name} < ${values[0]}`;
    case 'greaterThan':
      return `${name} > ${values[0]}`;
    case 'lessOrEqual':
      return `${name} <= ${values[0]}`;
    case 'greaterOrEqual':
      return `${name} >= ${values[0]}`;
    case 'contains':
      return `(${filter.value
        .split(',')
        .map((value) => `${name} LIKE ${soqlString(`%${value.trim()}%`)}`)
        .join(' OR ')})`;
    case 'notContain':
      return `(NOT ${name} LIKE ${soqlString(`%${filter.value.trim()}%`)})`;
    case 'startsWith':
      return `${name} LIKE ${soqlString(`${filter.value.trim()}%`)}`;
    case 'includes':
      return `${name} INCLUDES (${values.join(', ')})`;
    case 'excludes':
      return `${name} EXCLUDES (${values.join(', ')})`;
    default:
      throw new SfApiError('INVALID_INPUT', `Unsupported list view filter operation ${filter.operation}`, 400);
  }
}

/** The list view's record condition: its scope and its filters, combined by `booleanFilter` (default AND). */
function listViewCondition(store: Store, view: ListView): string | undefined {
  const conditions = view.filters.map((filter) => filterCondition(store, view.def, filter));
  let combined: string | undefined;
  if (view.booleanFilter && /^[\d\s()ANDORNT]+$/i.test(view.booleanFilter)) {
    combined = view.booleanFilter.replace(/\d+/g, (index) => conditions[Number(index) - 1] ?? '(Id != null)');
  } else {
    const present = conditions.filter(Boolean);
    combined = present.length > 0 ? present.join(' AND ') : undefined;
  }
  const scope =
    view.filterScope === 'Mine' && store.getField(view.def, 'OwnerId')
      ? `OwnerId = ${soqlString(store.runningUserId)}`
      : undefined;
  return [scope, combined && `(${combined})`].filter(Boolean).join(' AND ') || undefined;
}

function listReference(view: ListView): Record<string, unknown> {
  return { id: view.component.id, listViewApiName: view.apiName, objectApiName: view.def.name, type: 'listView' };
}

function eTagOf(view: ListView): string {
  return createHash('md5').update(view.component.hash).digest('hex');
}

function listRecords(request: ApiRequest, view: ListView, parameters: ListParameters): Record<string, unknown> {
  const { store } = request;
  const tree = fieldTree(view.def);
  addFieldsIfPresent(store, tree, LIST_RECORD_STANDARD_FIELDS);
  for (const name of parameters.fields) addFieldPath(store, tree, name, true);
  for (const name of parameters.optionalFields) addFieldPath(store, tree, name, false);
  // Lists are ordered by name unless asked otherwise, as list views open in Lightning Experience.
  const defaultOrder = store.getField(view.def, 'Name')
    ? ['Name']
    : store.getField(view.def, 'MasterLabel')
      ? ['MasterLabel']
      : [];
  const page = readRecordPage(store, tree, userSettings(store), {
    where: listViewCondition(store, view),
    orderBy: orderTerms(store, tree, parameters.sortBy.length > 0 ? parameters.sortBy : defaultOrder),
    offset: parameters.offset,
    pageSize: parameters.pageSize
  });
  const url = `${dataPath(request)}/ui-api/list-records/${view.def.name}/${view.apiName}`;
  return {
    count: page.records.length,
    ...pageMembers(url, parameters, page.hasMore),
    fields: parameters.fields,
    listInfoETag: eTagOf(view),
    listReference: listReference(view),
    records: page.records
  };
}

/** GET and POST /ui-api/list-records/{objectApiName}/{listViewApiName}. */
export function getListRecords(request: ApiRequest): ApiResponse {
  const view = listViewOf(request.store, request.params.objectApiName, request.params.listViewApiName);
  const parameters =
    request.method === 'POST' ? parametersFromBody(readJsonObject(request)) : parametersFromQuery(request.query);
  return json(200, listRecords(request, view, parameters));
}

/** GET /ui-api/list-info/{objectApiName}/{listViewApiName}: the list view's columns, filters and sharing. */
export function getListInfo(request: ApiRequest): ApiResponse {
  const { store } = request;
  const view = listViewOf(store, request.params.objectApiName, request.params.listViewApiName);
  const displayColumns = view.columns.flatMap((column) => {
    const field = store.getField(view.def, column === 'NAME' ? 'Name' : column);
    return field
      ? [
          {
            fieldApiName: field.name,
            label: field.label,
            lookupId: field.name === 'Name' ? 'Id' : null,
            sortable: true
          }
        ]
      : [];
  });
  const allowed = store.access?.objectPermission(view.def) ?? { create: true, edit: true, delete: true };
  return json(200, {
    cloneable: true,
    createable: view.def.createable && allowed.create,
    deletable: view.def.deletable && allowed.delete,
    displayColumns,
    eTag: eTagOf(view),
    filterLogicString: view.booleanFilter ?? null,
    filteredByInfo: view.filters.map((filter) => ({
      fieldApiName: filter.field,
      label: store.getField(view.def, filter.field)?.label ?? filter.field,
      operandLabels: filter.value.split(','),
      operator: filter.operation.charAt(0).toUpperCase() + filter.operation.slice(1)
    })),
    label: view.label,
    listReference: listReference(view),
    orderedByInfo: [],
    updateable: view.def.updateable && allowed.edit,
    userPreferences: { columnWidths: {}, columnWrap: {} },
    visibility: 'Public',
    visibilityEditable: false
  });
}
