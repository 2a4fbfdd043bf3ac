/**
 * The checks Salesforce makes when a deploy brings analytics components: a custom report type must name existing
 * objects, child relationships and fields; a report must live in a deployed folder and, on a custom report type,
 * name only the columns that report type offers; a dashboard must live in a deployed folder and show deployed
 * reports. Reports are stored, not run: the local org has no reporting engine.
 *
 * Like the other reference checks, fields are checked when they are custom (`__c`) or belong to a custom object
 * (whose every field the org knows); standard fields of standard objects the local org does not fully model pass,
 * so that valid metadata never fails here for a field the org lacks.
 */
import type { FieldDef, ObjectDef } from '../schema.js';
import type { ComponentProblem, DeployComponent } from './components.js';
import { child, children, childText, childBoolean, type XmlElement } from '../xml.js';

/** What the analytics checks need from the org as the deploy would leave it. */
export interface AnalyticsContext {
  getObject(name: string): ObjectDef | undefined;
  /** Every object of the org as the deploy would leave it (to find child relationships). */
  listObjects(): ObjectDef[];
  componentExists(type: string, fullName: string): boolean;
  /** The root element of a component in the deploy, else in the org; undefined when neither has it. */
  componentElement(type: string, fullName: string): XmlElement | undefined;
}

export type AnalyticsCheck = (
  component: DeployComponent,
  root: XmlElement,
  ctx: AnalyticsContext
) => ComponentProblem[];

/** Base object plus joined objects, at most, in one custom report type (Salesforce's limit). */
const MAX_REPORT_TYPE_OBJECTS = 4;

function problem(element: XmlElement, message: string): ComponentProblem {
  return { problem: message, line: element.line, column: element.column };
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Which fields of an object the org can vouch for: all of a custom object's, the custom ones of a standard one. */
function checksFields(def: ObjectDef, name: string): boolean {
  return def.custom || name.endsWith('__c');
}

function fieldOf(def: ObjectDef, name: string): FieldDef | undefined {
  return def.fields.find((field) => same(field.name, name));
}

/** The object a child relationship of `parent` leads to: the child whose reference field names it. */
function childObject(ctx: AnalyticsContext, parent: ObjectDef, relationship: string): ObjectDef | undefined {
  return ctx
    .listObjects()
    .find((candidate) =>
      candidate.fields.some(
        (field) =>
          field.type === 'reference' &&
          field.childRelationshipName !== undefined &&
          same(field.childRelationshipName, relationship) &&
          (field.referenceTo ?? []).some((target) => same(target, parent.name))
      )
    );
}

/**
 * Checks a field path of a report type column (`Status__c`, `Owner.Email`, `Account__c.Name`) on an object: the
 * first part must be one of its fields, or the relationship of one; the rest is checked on the lookup's target.
 * @returns the problem message, or undefined when the path resolves (or cannot be judged)
 */
function fieldPathProblem(ctx: AnalyticsContext, def: ObjectDef, path: string): string | undefined {
  const [first, ...rest] = path.split('.');
  if (rest.length === 0) {
    return checksFields(def, first) && !fieldOf(def, first)
      ? `Invalid field '${first}' for object '${def.name}'`
      : undefined;
  }
  const lookup =
    def.fields.find((field) => field.type === 'reference' && same(field.name, first)) ??
    def.fields.find(
      (field) => field.type === 'reference' && field.relationshipName && same(field.relationshipName, first)
    );
  if (!lookup) {
    return checksFields(def, first) ? `Invalid field '${first}' for object '${def.name}'` : undefined;
  }
  const target = ctx.getObject(lookup.referenceTo?.[0] ?? '');
  return target ? fieldPathProblem(ctx, target, rest.join('.')) : undefined;
}

/** The objects of a report type by table path (`Account`, `Account.Maintenance_Contracts__r`), checking its joins. */
function reportTypeTables(
  root: XmlElement,
  ctx: AnalyticsContext,
  out: ComponentProblem[]
): Map<string, ObjectDef> | undefined {
  const baseElement = child(root, 'baseObject');
  const baseName = baseElement?.text.trim() ?? '';
  if (!baseElement || !baseName) {
    out.push(problem(root, 'Required field is missing: baseObject'));
    return undefined;
  }
  const base = ctx.getObject(baseName);
  if (!base) {
    out.push(problem(baseElement, `Invalid object name '${baseName}'`));
    return undefined;
  }
  const tables = new Map<string, ObjectDef>([[base.name.toLowerCase(), base]]);
  let parent = base;
  let path = base.name;
  let outer = false;
  for (let join = child(root, 'join'); join; join = child(join, 'join')) {
    const relationshipElement = child(join, 'relationship') ?? join;
    const relationship = childText(join, 'relationship') ?? '';
    const isOuter = childBoolean(join, 'outerJoin') === true;
    if (outer && !isOuter) {
      out.push(problem(join, `The join to ${relationship} must be an outer join: it follows an outer join`));
    }
    outer = outer || isOuter;
    if (tables.size >= MAX_REPORT_TYPE_OBJECTS) {
      out.push(problem(join, `A custom report type can join at most ${MAX_REPORT_TYPE_OBJECTS} objects`));
      break;
    }
    const joined = childObject(ctx, parent, relationship);
    if (!joined) {
      out.push(problem(relationshipElement, `Invalid relationship name '${relationship}' for object '${parent.name}'`));
      return tables;
    }
    path = `${path}.${relationship}`;
    tables.set(path.toLowerCase(), joined);
    parent = joined;
  }
  return tables;
}

/** A custom report type: base object, join chain (child relationships), and every section column. */
export const reportType: AnalyticsCheck = (_component, root, ctx) => {
  const out: ComponentProblem[] = [];
  const tables = reportTypeTables(root, ctx, out);
  if (!tables) return out;
  for (const section of children(root, 'sections')) {
    for (const column of children(section, 'columns')) {
      const table = childText(column, 'table') ?? '';
      const field = childText(column, 'field') ?? '';
      const def = tables.get(table.toLowerCase());
      if (!def) {
        out.push(
          problem(child(column, 'table') ?? column, `Invalid table '${table}': not an object of this report type`)
        );
        continue;
      }
      const message = fieldPathProblem(ctx, def, field);
      if (message) out.push(problem(child(column, 'field') ?? column, message));
    }
  }
  return out;
};

/** The columns a custom report type offers, as reports name them: `table$field`, lower case. */
function reportTypeColumns(root: XmlElement): Set<string> {
  const columns = new Set<string>();
  for (const section of children(root, 'sections')) {
    for (const column of children(section, 'columns')) {
      columns.add(`${childText(column, 'table') ?? ''}$${childText(column, 'field') ?? ''}`.toLowerCase());
    }
  }
  return columns;
}

/** Every element of a report that names a column: columns, groupings, filters, time frame, sort and chart. */
function columnElements(root: XmlElement): XmlElement[] {
  const named = (elements: XmlElement[], name: string): XmlElement[] =>
    elements.map((element) => child(element, name)).filter((element): element is XmlElement => !!element);
  const chart = child(root, 'chart');
  return [
    ...named(children(root, 'columns'), 'field'),
    ...named(children(root, 'groupingsDown'), 'field'),
    ...named(children(root, 'groupingsAcross'), 'field'),
    ...named(children(child(root, 'filter'), 'criteriaItems'), 'column'),
    ...named(
      [child(root, 'timeFrameFilter')].filter((e): e is XmlElement => !!e),
      'dateColumn'
    ),
    ...children(root, 'sortColumn'),
    ...children(chart, 'groupingColumn'),
    ...named(children(chart, 'chartSummaries'), 'column')
  ];
}

/** Summary names that are not columns (the record count, custom summary formulas, bucket fields). */
function isComputedColumn(root: XmlElement, name: string): boolean {
  if (name === 'RowCount') return true;
  const defined = [
    ...children(root, 'aggregates').map((aggregate) => childText(aggregate, 'developerName')),
    ...children(root, 'buckets').map((bucket) => childText(bucket, 'developerName'))
  ];
  return defined.some((candidate) => candidate !== undefined && same(candidate, name));
}

/**
 * The folder of an in-folder component (`Folder/Name`) must be deployed: the deploy's or the org's. A package.xml
 * lists folders among the members of their content type (`Report`: `Maintenance_Reports`), so either name counts.
 * @param folderType ReportFolder or DashboardFolder
 */
function folderProblem(component: DeployComponent, root: XmlElement, ctx: AnalyticsContext, folderType: string) {
  const slash = component.fullName.indexOf('/');
  const folder = slash > 0 ? component.fullName.slice(0, slash) : '';
  const exists = ctx.componentExists(folderType, folder) || ctx.componentExists(component.type, folder);
  return folder && folder !== 'unfiled$public' && !exists ? [problem(root, `Cannot find folder:${folder}`)] : [];
}

/**
 * A report: its folder exists; on a custom report type (`Name__c`), the report type exists and every column the
 * report names is one of the report type's (`table$field`), as Salesforce allows only those. Standard report types
 * are not checked (the local org does not know their columns).
 */
export const report: AnalyticsCheck = (component, root, ctx) => {
  const out = folderProblem(component, root, ctx, 'ReportFolder');
  const typeElement = child(root, 'reportType');
  const typeName = typeElement?.text.trim() ?? '';
  if (!typeElement || !typeName) return [...out, problem(root, 'Required field is missing: reportType')];
  if (!typeName.endsWith('__c')) return out;
  const typeRoot = ctx.componentElement('ReportType', typeName.slice(0, -3));
  if (!typeRoot) return [...out, problem(typeElement, `Invalid report type: ${typeName}`)];
  const offered = reportTypeColumns(typeRoot);
  for (const element of columnElements(root)) {
    const name = element.text.trim();
    if (!name || isComputedColumn(root, name) || offered.has(name.toLowerCase())) continue;
    out.push(problem(element, `Invalid column '${name}': report type ${typeName} has no such column`));
  }
  return out;
};

/** A dashboard: its folder exists, and every component shows a report that exists. */
export const dashboard: AnalyticsCheck = (component, root, ctx) => {
  const out = folderProblem(component, root, ctx, 'DashboardFolder');
  const sections = ['leftSection', 'middleSection', 'rightSection'].map((name) => child(root, name));
  const grid = child(root, 'dashboardGridLayout');
  const components = [
    ...sections.flatMap((section) => children(section, 'components')),
    ...children(grid, 'dashboardGridComponents').map((entry) => child(entry, 'dashboardComponent'))
  ].filter((element): element is XmlElement => !!element);
  for (const entry of components) {
    const reportElement = child(entry, 'report');
    const name = reportElement?.text.trim();
    if (reportElement && name && !ctx.componentExists('Report', name)) {
      out.push(problem(reportElement, `In field: report - no Report named ${name} found`));
    }
  }
  return out;
};
