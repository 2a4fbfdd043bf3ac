/**
 * The data model as the source files in force-app/main/default describe it (source format): objects with their
 * fields, validation rules, list views and compact layouts; page layouts; permission sets; custom metadata records.
 * Plain JSON-like data, so that a test can clone it and plant a defect to prove a check fails.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fieldText } from '../../../src/shared/recordFields.js';
import { children, filesUnder, flag, readMetadataXml, text, texts, type XmlNode } from './xml.js';

export interface FieldInfo {
  object: string;
  name: string;
  file: string;
  type: string;
  label: string;
  description: string;
  inlineHelpText: string;
  /** `<required>true</required>`; master-detail fields are required too but say so through their type. */
  required: boolean;
  formula?: string;
  referenceTo?: string;
  relationshipName?: string;
  deleteConstraint?: string;
  picklistValues: string[];
  defaultPicklistValue?: string;
  restrictedPicklist: boolean;
  summary?: SummaryInfo;
  trackHistory: boolean;
  raw: XmlNode;
}

export interface SummaryInfo {
  /** `Child__c.Field__c`: the master-detail field on the child that points to this object. */
  foreignKey: string;
  operation: string;
  summarizedField?: string;
  filters: { field: string; operation: string; value: string }[];
}

export interface ValidationRuleInfo {
  name: string;
  active: boolean;
  formula: string;
  errorMessage: string;
  errorDisplayField?: string;
  description: string;
}

export interface ListViewInfo {
  name: string;
  label: string;
  columns: string[];
  filterScope: string;
  booleanFilter?: string;
  filters: { field: string; operation: string; value: string }[];
}

export interface ObjectInfo {
  name: string;
  file: string;
  customMetadata: boolean;
  /** A standard object the package only adds fields, rules or list views to (no object file of its own). */
  standard: boolean;
  raw: XmlNode;
  fields: Record<string, FieldInfo>;
  validationRules: Record<string, ValidationRuleInfo>;
  listViews: Record<string, ListViewInfo>;
  compactLayouts: Record<string, { label: string; fields: string[] }>;
}

export type ObjectModel = Record<string, ObjectInfo>;

/** True for fields whose value Salesforce computes (formula and roll-up summary): nobody can edit them. */
export function isComputed(field: FieldInfo): boolean {
  return field.formula !== undefined || field.type === 'Summary';
}

/** True for fields Salesforce rejects in permission-set field permissions: master-detail and required fields. */
export function isAlwaysRequired(field: FieldInfo): boolean {
  return field.type === 'MasterDetail' || field.required;
}

function componentFiles(dir: string, suffix: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(suffix)).map((name) => join(dir, name)).sort() : [];
}

function readField(object: string, file: string): FieldInfo {
  const { root } = readMetadataXml(file);
  const valueSet = children(root, 'valueSet')[0];
  const values = children(children(valueSet, 'valueSetDefinition')[0], 'value');
  const foreignKey = text(root, 'summaryForeignKey');
  return {
    object,
    name: text(root, 'fullName') ?? '',
    file,
    type: text(root, 'type') ?? '',
    label: text(root, 'label') ?? '',
    description: text(root, 'description') ?? '',
    inlineHelpText: text(root, 'inlineHelpText') ?? '',
    required: flag(root, 'required'),
    formula: text(root, 'formula'),
    referenceTo: text(root, 'referenceTo'),
    relationshipName: text(root, 'relationshipName'),
    deleteConstraint: text(root, 'deleteConstraint'),
    picklistValues: values.map((v) => text(v, 'fullName') ?? ''),
    defaultPicklistValue: values.filter((v) => flag(v, 'default')).map((v) => text(v, 'fullName'))[0],
    restrictedPicklist: flag(valueSet, 'restricted'),
    summary: foreignKey
      ? {
          foreignKey,
          operation: text(root, 'summaryOperation') ?? '',
          summarizedField: text(root, 'summarizedField'),
          filters: children(root, 'summaryFilterItems').map((f) => ({
            field: text(f, 'field') ?? '',
            operation: text(f, 'operation') ?? '',
            value: text(f, 'value') ?? ''
          }))
        }
      : undefined,
    trackHistory: flag(root, 'trackHistory'),
    raw: root
  };
}

function readObject(dir: string): ObjectInfo {
  const name = basename(dir);
  const file = join(dir, `${name}.object-meta.xml`);
  // A standard object the package extends ships no object file: deploying one would replace the org's settings.
  const standard = !existsSync(file);
  const root = standard ? {} : readMetadataXml(file).root;
  const fields: Record<string, FieldInfo> = {};
  for (const fieldFile of componentFiles(join(dir, 'fields'), '.field-meta.xml')) {
    const field = readField(name, fieldFile);
    fields[field.name] = field;
  }
  const validationRules: Record<string, ValidationRuleInfo> = {};
  for (const ruleFile of componentFiles(join(dir, 'validationRules'), '.validationRule-meta.xml')) {
    const { root: rule } = readMetadataXml(ruleFile);
    const ruleName = text(rule, 'fullName') ?? '';
    validationRules[ruleName] = {
      name: ruleName,
      active: flag(rule, 'active'),
      formula: text(rule, 'errorConditionFormula') ?? '',
      errorMessage: text(rule, 'errorMessage') ?? '',
      errorDisplayField: text(rule, 'errorDisplayField'),
      description: text(rule, 'description') ?? ''
    };
  }
  const listViews: Record<string, ListViewInfo> = {};
  for (const viewFile of componentFiles(join(dir, 'listViews'), '.listView-meta.xml')) {
    const { root: view } = readMetadataXml(viewFile);
    const viewName = text(view, 'fullName') ?? '';
    listViews[viewName] = {
      name: viewName,
      label: text(view, 'label') ?? '',
      columns: texts(view, 'columns'),
      filterScope: text(view, 'filterScope') ?? '',
      booleanFilter: text(view, 'booleanFilter'),
      filters: children(view, 'filters').map((f) => ({
        field: text(f, 'field') ?? '',
        operation: text(f, 'operation') ?? '',
        value: text(f, 'value') ?? ''
      }))
    };
  }
  const compactLayouts: ObjectInfo['compactLayouts'] = {};
  for (const layoutFile of componentFiles(join(dir, 'compactLayouts'), '.compactLayout-meta.xml')) {
    const { root: layout } = readMetadataXml(layoutFile);
    compactLayouts[text(layout, 'fullName') ?? ''] = { label: text(layout, 'label') ?? '', fields: texts(layout, 'fields') };
  }
  return {
    name,
    file,
    customMetadata: name.endsWith('__mdt'),
    standard,
    raw: root,
    fields,
    validationRules,
    listViews,
    compactLayouts
  };
}

/** Every object folder under `objects/` of a source-format package directory (e.g. force-app/main/default). */
export function loadObjects(defaultDir: string): ObjectModel {
  const objectsDir = join(defaultDir, 'objects');
  const model: ObjectModel = {};
  for (const entry of readdirSync(objectsDir, { withFileTypes: true })) {
    if (entry.isDirectory()) model[entry.name] = readObject(join(objectsDir, entry.name));
  }
  return model;
}

export interface LayoutInfo {
  name: string;
  object: string;
  /** Every field placed on the layout with its behavior (Edit, Required, Readonly). */
  items: { field: string; behavior: string }[];
  relatedLists: { relatedList: string; fields: string[] }[];
}

/** Page layouts (`layouts/<Object>-<Name>.layout-meta.xml`). */
export function loadLayouts(defaultDir: string): LayoutInfo[] {
  return componentFiles(join(defaultDir, 'layouts'), '.layout-meta.xml').map((file) => {
    const name = basename(file, '.layout-meta.xml');
    const { root } = readMetadataXml(file);
    const items = children(root, 'layoutSections').flatMap((section) =>
      children(section, 'layoutColumns').flatMap((column) =>
        children(column, 'layoutItems').map((item) => ({ field: text(item, 'field') ?? '', behavior: text(item, 'behavior') ?? '' }))
      )
    );
    const relatedLists = children(root, 'relatedLists').map((r) => ({ relatedList: text(r, 'relatedList') ?? '', fields: texts(r, 'fields') }));
    return { name, object: name.slice(0, name.indexOf('-')), items, relatedLists };
  });
}

export interface PermissionSetInfo {
  name: string;
  file: string;
  label: string;
  description: string;
  objectPermissions: {
    object: string;
    allowCreate: boolean;
    allowRead: boolean;
    allowEdit: boolean;
    allowDelete: boolean;
    viewAllRecords: boolean;
    modifyAllRecords: boolean;
  }[];
  fieldPermissions: { field: string; readable: boolean; editable: boolean }[];
  tabSettings: { tab: string; visibility: string }[];
  applicationVisibilities: { application: string; visible: boolean }[];
  customMetadataTypeAccesses: { name: string; enabled: boolean }[];
  customPermissions: { name: string; enabled: boolean }[];
  userPermissions: { name: string; enabled: boolean }[];
}

/** Every permission set (`permissionsets/*.permissionset-meta.xml`), by API name. */
export function loadPermissionSets(defaultDir: string): Record<string, PermissionSetInfo> {
  const sets: Record<string, PermissionSetInfo> = {};
  for (const file of componentFiles(join(defaultDir, 'permissionsets'), '.permissionset-meta.xml')) {
    const { root } = readMetadataXml(file);
    const name = basename(file, '.permissionset-meta.xml');
    sets[name] = {
      name,
      file,
      label: text(root, 'label') ?? '',
      description: text(root, 'description') ?? '',
      objectPermissions: children(root, 'objectPermissions').map((p) => ({
        object: text(p, 'object') ?? '',
        allowCreate: flag(p, 'allowCreate'),
        allowRead: flag(p, 'allowRead'),
        allowEdit: flag(p, 'allowEdit'),
        allowDelete: flag(p, 'allowDelete'),
        viewAllRecords: flag(p, 'viewAllRecords'),
        modifyAllRecords: flag(p, 'modifyAllRecords')
      })),
      fieldPermissions: children(root, 'fieldPermissions').map((p) => ({
        field: text(p, 'field') ?? '',
        readable: flag(p, 'readable'),
        editable: flag(p, 'editable')
      })),
      tabSettings: children(root, 'tabSettings').map((t) => ({ tab: text(t, 'tab') ?? '', visibility: text(t, 'visibility') ?? '' })),
      applicationVisibilities: children(root, 'applicationVisibilities').map((a) => ({
        application: text(a, 'application') ?? '',
        visible: flag(a, 'visible')
      })),
      customMetadataTypeAccesses: children(root, 'customMetadataTypeAccesses').map((a) => ({
        name: text(a, 'name') ?? '',
        enabled: flag(a, 'enabled')
      })),
      customPermissions: children(root, 'customPermissions').map((a) => ({
        name: text(a, 'name') ?? '',
        enabled: flag(a, 'enabled')
      })),
      userPermissions: children(root, 'userPermissions').map((u) => ({ name: text(u, 'name') ?? '', enabled: flag(u, 'enabled') }))
    };
  }
  return sets;
}

export interface CustomMetadataRecord {
  /** Type without the `__mdt` suffix, as in the file name (`SLA_Template`). */
  type: string;
  developerName: string;
  file: string;
  label: string;
  /** Field values; `null` for `xsi:nil`. */
  values: Record<string, { value: string | null; xsiType?: string }>;
}

/** Custom metadata records (`customMetadata/<Type>.<Record>.md-meta.xml`). */
export function loadCustomMetadataRecords(defaultDir: string): CustomMetadataRecord[] {
  return filesUnder(join(defaultDir, 'customMetadata'), '.md-meta.xml').map((file) => {
    const [type, developerName] = basename(file, '.md-meta.xml').split('.');
    const { root } = readMetadataXml(file);
    const values: CustomMetadataRecord['values'] = {};
    for (const entry of children(root, 'values')) {
      const valueNode = children(entry, 'value')[0];
      const nil = valueNode?.['@_xsi:nil'] === 'true';
      values[text(entry, 'field') ?? ''] = {
        value: nil ? null : fieldText(valueNode?.['#text']),
        xsiType: typeof valueNode?.['@_xsi:type'] === 'string' ? (valueNode['@_xsi:type']) : undefined
      };
    }
    return { type, developerName, file, label: text(root, 'label') ?? '', values };
  });
}
