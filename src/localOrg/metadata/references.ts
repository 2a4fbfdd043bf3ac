/**
 * The checks Salesforce makes on components that point at others: permission sets (fields, objects, custom metadata
 * types, apps), tabs, layouts, compact layouts, list views, quick actions and apps. They run after the deploy's
 * objects are applied, so they see the org as the deploy leaves it. Standard fields the local org does not model
 * are not checked (only `__c` fields are), so that valid metadata never fails here for a field the org lacks.
 */
import type { FieldDef, ObjectDef } from '../schema.js';
import { dashboard, report, reportType, type AnalyticsContext } from './analyticsChecks.js';
import type { ComponentProblem, DeployComponent } from './components.js';
import { child, childBoolean, children, childText, type XmlElement } from '../xml.js';

export interface ReferenceContext extends AnalyticsContext {
  getObject(name: string): ObjectDef | undefined;
  /** True when a component of `type` named `fullName` is in the deploy or already in the org. */
  componentExists(type: string, fullName: string): boolean;
}

type Check = (component: DeployComponent, root: XmlElement, ctx: ReferenceContext) => ComponentProblem[];

function problem(element: XmlElement, message: string): ComponentProblem {
  return { problem: message, line: element.line };
}

function findField(def: ObjectDef, name: string): FieldDef | undefined {
  return def.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
}

/** `Object.Field` must exist when it is a custom field (or any field of a custom object named with `__c`). */
function checkFieldPath(
  element: XmlElement,
  path: string,
  ctx: ReferenceContext
): { def?: ObjectDef; field?: FieldDef; problems: ComponentProblem[] } {
  const dot = path.indexOf('.');
  const objectName = path.slice(0, dot);
  const fieldName = path.slice(dot + 1);
  const def = dot > 0 ? ctx.getObject(objectName) : undefined;
  if (!def) {
    return /__(c|mdt)$/.test(objectName) || dot <= 0
      ? { problems: [problem(element, `In field: field - no CustomObject named ${objectName || path} found`)] }
      : { problems: [] };
  }
  const field = findField(def, fieldName);
  if (!field && fieldName.endsWith('__c')) {
    return {
      def,
      problems: [problem(element, `In field: field - no CustomField named ${def.name}.${fieldName} found`)]
    };
  }
  return { def, field, problems: [] };
}

function checkObjectName(
  element: XmlElement,
  name: string,
  ctx: ReferenceContext,
  what = 'CustomObject'
): ComponentProblem[] {
  if (!name || ctx.getObject(name) || !/__(c|mdt)$/.test(name)) return [];
  return [problem(element, `In field: object - no ${what} named ${name} found`)];
}

function checkFieldsOn(objectName: string, elements: XmlElement[], ctx: ReferenceContext): ComponentProblem[] {
  const def = ctx.getObject(objectName);
  if (!def) return [];
  return elements
    .filter((e) => e.text.trim().endsWith('__c') && !findField(def, e.text.trim()))
    .map((e) => problem(e, `In field: field - no CustomField named ${def.name}.${e.text.trim()} found`));
}

const permissionSet: Check = (_component, root, ctx) => {
  const out: ComponentProblem[] = [];
  for (const entry of children(root, 'fieldPermissions')) {
    const path = childText(entry, 'field') ?? '';
    const checked = checkFieldPath(entry, path, ctx);
    out.push(...checked.problems);
    const field = checked.field;
    if (!field || !checked.def) continue;
    const name = `${checked.def.name}.${field.name}`;
    // Salesforce manages access to required and master-detail fields through object access alone.
    if (field.custom && (field.required || field.metadataType === 'MasterDetail')) {
      out.push(problem(entry, `You cannot deploy to a required field: ${name}`));
    } else if (childBoolean(entry, 'editable') && (field.calculated || field.autoNumber)) {
      out.push(problem(entry, `${name} is a calculated field: field permissions cannot make it editable`));
    } else if (childBoolean(entry, 'editable') && !childBoolean(entry, 'readable')) {
      out.push(problem(entry, `${name}: a field that is editable must also be readable`));
    }
  }
  for (const entry of children(root, 'objectPermissions')) {
    out.push(...checkObjectName(entry, childText(entry, 'object') ?? '', ctx));
  }
  for (const entry of children(root, 'customMetadataTypeAccesses')) {
    const name = childText(entry, 'name') ?? '';
    if (!ctx.getObject(name)?.customMetadata) {
      out.push(problem(entry, `In field: name - no custom metadata type named ${name} found`));
    }
  }
  for (const entry of children(root, 'applicationVisibilities')) {
    const app = childText(entry, 'application') ?? '';
    if (!app.includes('__') && !app.startsWith('standard__') && !ctx.componentExists('CustomApplication', app)) {
      out.push(problem(entry, `In field: application - no CustomApplication named ${app} found`));
    }
  }
  for (const entry of children(root, 'customPermissions')) {
    const name = childText(entry, 'name') ?? '';
    if (!ctx.componentExists('CustomPermission', name)) {
      out.push(problem(entry, `In field: name - no CustomPermission named ${name} found`));
    }
  }
  for (const entry of children(root, 'tabSettings')) {
    const tab = childText(entry, 'tab') ?? '';
    if (tab.endsWith('__c') && !ctx.componentExists('CustomTab', tab)) {
      out.push(problem(entry, `In field: tab - no CustomTab named ${tab} found`));
    }
  }
  return out;
};

const customTab: Check = (component, root, ctx) => {
  const out: ComponentProblem[] = [];
  if (childBoolean(root, 'customObject')) out.push(...checkObjectName(root, component.fullName, ctx));
  const lwc = childText(root, 'lwcComponent');
  if (lwc && !ctx.componentExists('LightningComponentBundle', lwc)) {
    out.push(problem(root, `In field: lwcComponent - no LightningComponentBundle named ${lwc} found`));
  }
  return out;
};

const layout: Check = (component, root, ctx) => {
  const objectName = component.fullName.slice(0, component.fullName.indexOf('-'));
  const objectProblems = checkObjectName(root, objectName, ctx);
  if (objectProblems.length > 0) return objectProblems;
  const fields = children(root, 'layoutSections')
    .flatMap((s) => children(s, 'layoutColumns'))
    .flatMap((c) => children(c, 'layoutItems'))
    .map((i) => child(i, 'field'))
    .filter((f): f is XmlElement => f !== undefined);
  return checkFieldsOn(objectName, fields, ctx);
};

const compactLayout: Check = (component, root, ctx) =>
  checkFieldsOn(component.parentName ?? '', children(root, 'fields'), ctx);

const listView: Check = (component, root, ctx) =>
  checkFieldsOn(
    component.parentName ?? '',
    [
      ...children(root, 'columns'),
      ...children(root, 'filters')
        .map((f) => child(f, 'field'))
        .filter((f): f is XmlElement => !!f)
    ],
    ctx
  );

const quickAction: Check = (component, root, ctx) => {
  const out: ComponentProblem[] = [];
  const dot = component.fullName.indexOf('.');
  if (dot > 0) out.push(...checkObjectName(root, component.fullName.slice(0, dot), ctx));
  const target = childText(root, 'targetObject');
  if (target) {
    out.push(...checkObjectName(root, target, ctx));
    const fields = children(child(root, 'quickActionLayout'), 'quickActionLayoutColumns')
      .flatMap((c) => children(c, 'quickActionLayoutItems'))
      .map((i) => child(i, 'field'))
      .filter((f): f is XmlElement => f !== undefined);
    out.push(...checkFieldsOn(target, fields, ctx));
  }
  const lwc = childText(root, 'lightningWebComponent');
  if (lwc && !ctx.componentExists('LightningComponentBundle', lwc)) {
    out.push(problem(root, `In field: lightningWebComponent - no LightningComponentBundle named ${lwc} found`));
  }
  return out;
};

const customApplication: Check = (_component, root, ctx) =>
  children(root, 'tabs')
    .filter((t) => t.text.trim().endsWith('__c') && !ctx.componentExists('CustomTab', t.text.trim()))
    .map((t) => problem(t, `In field: tabs - no CustomTab named ${t.text.trim()} found`));

/** A custom permission needs a label and a valid API name. */
const customPermission: Check = (component, root) => {
  const out: ComponentProblem[] = [];
  if (!/^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/.test(component.fullName) || component.fullName.endsWith('_')) {
    out.push(
      problem(
        root,
        `The CustomPermission name ${component.fullName} can only contain underscores and alphanumeric characters, ` +
          `must begin with a letter, not end with an underscore and not contain two consecutive underscores`
      )
    );
  }
  if (!childText(root, 'label')) out.push(problem(root, 'Required field is missing: label'));
  return out;
};

const CHECKS: Partial<Record<string, Check>> = {
  CustomPermission: customPermission,
  PermissionSet: permissionSet,
  CustomTab: customTab,
  Layout: layout,
  CompactLayout: compactLayout,
  ListView: listView,
  QuickAction: quickAction,
  CustomApplication: customApplication,
  ReportType: reportType,
  Report: report,
  Dashboard: dashboard
};

/** The reference problems of one component (none for types without checks). */
export function checkReferences(component: DeployComponent, ctx: ReferenceContext): ComponentProblem[] {
  const check = CHECKS[component.type];
  return check && component.element ? check(component, component.element, ctx) : [];
}
