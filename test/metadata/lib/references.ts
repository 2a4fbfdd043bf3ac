/**
 * Checks that every field a piece of metadata names exists, and that every picklist value it compares with exists on
 * that field: formulas and validation rules, roll-up summaries, list views, compact layouts, search layouts, page
 * layouts. Salesforce would reject most of these mistakes only at deploy time, on a real org; here they fail a test.
 * Each check returns a list of problems (empty = fine) so that tests can also plant a defect and see it reported.
 */
import { children, texts } from './xml.js';
import { fieldText } from '../../../src/shared/recordFields.js';
import type { FieldInfo, LayoutInfo, ObjectModel } from './model.js';

// Standard fields the metadata may name without defining them, per kind of object.
const STANDARD_FIELDS = ['Id', 'Name', 'CreatedById', 'CreatedDate', 'LastModifiedById', 'LastModifiedDate', 'SystemModstamp'];
const CUSTOM_METADATA_STANDARD_FIELDS = ['Id', 'DeveloperName', 'MasterLabel', 'Label', 'QualifiedApiName', 'NamespacePrefix', 'Language'];
const FORMULA_KEYWORDS = new Set(['TRUE', 'FALSE', 'NULL']);
// Functions in which Salesforce accepts a picklist field as an argument.
const PICKLIST_FUNCTIONS = new Set(['ISPICKVAL', 'TEXT', 'ISBLANK', 'ISNULL', 'ISCHANGED', 'PRIORVALUE', 'CASE']);

export type Resolved = { field?: FieldInfo; standard?: boolean; problem?: string };

/**
 * Resolves a field path as a formula writes it, from `object`: `Status__c`, `Handover_Checklist__r.Phase__c`,
 * `Account__r.Name`. Objects outside the model (Account, User) only resolve their standard fields.
 */
export function resolveFieldPath(model: ObjectModel, object: string, path: string): Resolved {
  const segments = path.split('.');
  let current = object;
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    const info = model[current];
    if (!last) {
      if (!segment.endsWith('__r')) return { problem: `${path}: ${segment} is not a custom relationship` };
      const lookup = info?.fields[segment.replace(/__r$/, '__c')];
      if (!lookup || !['Lookup', 'MasterDetail'].includes(lookup.type) || !lookup.referenceTo) {
        return { problem: `${path}: ${current} has no lookup or master-detail ${segment.replace(/__r$/, '__c')}` };
      }
      current = lookup.referenceTo;
      continue;
    }
    const standard = info?.customMetadata ? CUSTOM_METADATA_STANDARD_FIELDS : STANDARD_FIELDS;
    if (standard.includes(segment)) return { standard: true };
    // A standard object's own fields (Opportunity.AccountId) are Salesforce's: only its custom fields are ours.
    if (info?.standard && !segment.endsWith('__c')) return { standard: true };
    const field = info?.fields[segment];
    if (!field) return { problem: `${path}: ${current} has no field ${segment}` };
    return { field };
  }
  return { problem: `${path}: empty path` };
}

/** Removes string literals and comments, keeping offsets (replaced by spaces) so that positions still line up. */
function blankOutLiterals(formula: string): string {
  return formula
    .replace(/\/\*[\s\S]*?\*\//g, (m) => ' '.repeat(m.length))
    .replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, (m) => ' '.repeat(m.length));
}

/** The function whose argument list directly encloses `offset`, or undefined at the top level. */
function enclosingFunction(code: string, offset: number): string | undefined {
  let depth = 0;
  for (let i = offset - 1; i >= 0; i--) {
    const c = code[i];
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth === 0) return /([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(code.slice(0, i))?.[1]?.toUpperCase();
      depth--;
    }
  }
  return undefined;
}

/**
 * Problems in one formula (field formula or validation rule) evaluated on `object`: unknown fields, picklist fields
 * used outside the functions that accept them, ISPICKVAL/TEXT comparisons with values the picklist does not have.
 */
export function checkFormula(model: ObjectModel, object: string, where: string, formula: string): string[] {
  const problems: string[] = [];
  const code = blankOutLiterals(formula);
  for (const match of code.matchAll(/\$?[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/g)) {
    const token = match[0];
    const after = code.slice((match.index ?? 0) + token.length);
    if (token.startsWith('$') || FORMULA_KEYWORDS.has(token.toUpperCase()) || /^\s*\(/.test(after)) continue;
    const resolved = resolveFieldPath(model, object, token);
    if (resolved.problem) {
      problems.push(`${where}: ${resolved.problem}`);
      continue;
    }
    if (resolved.field?.type === 'Picklist') {
      const fn = enclosingFunction(code, match.index ?? 0);
      if (!fn || !PICKLIST_FUNCTIONS.has(fn)) {
        problems.push(`${where}: picklist ${token} is used outside ISPICKVAL/TEXT/ISBLANK/CASE (${fn ?? 'top level'})`);
      }
    }
  }
  const literal = String.raw`(['"])((?:\\.|(?!\2).)*)\2`;
  const comparisons: { path: string; value: string }[] = [];
  for (const m of formula.matchAll(new RegExp(String.raw`ISPICKVAL\s*\(\s*([\w.]+)\s*,\s*${literal}\s*\)`, 'gi'))) {
    comparisons.push({ path: m[1], value: m[3] });
  }
  for (const m of formula.matchAll(new RegExp(String.raw`TEXT\s*\(\s*([\w.]+)\s*\)\s*(?:==?|<>|!=)\s*${literal}`, 'gi'))) {
    comparisons.push({ path: m[1], value: m[3] });
  }
  for (const m of formula.matchAll(/(['"])((?:\\.|(?!\1).)*)\1\s*(?:==?|<>|!=)\s*TEXT\s*\(\s*([\w.]+)\s*\)/gi)) {
    comparisons.push({ path: m[3], value: m[2] });
  }
  for (const { path, value } of comparisons) {
    const { field, problem } = resolveFieldPath(model, object, path);
    if (problem) continue; // already reported above
    if (field?.type !== 'Picklist') problems.push(`${where}: ${path} is compared as a picklist but is ${field?.type ?? 'standard'}`);
    else if (!field.picklistValues.includes(value)) problems.push(`${where}: ${path} has no picklist value '${value}'`);
  }
  return problems;
}

/** Formulas of fields and validation rules, and the display field of each rule. */
export function checkFormulas(model: ObjectModel): string[] {
  const problems: string[] = [];
  for (const object of Object.values(model)) {
    for (const field of Object.values(object.fields)) {
      if (field.formula !== undefined) problems.push(...checkFormula(model, object.name, `${object.name}.${field.name}`, field.formula));
    }
    for (const rule of Object.values(object.validationRules)) {
      const where = `${object.name} rule ${rule.name}`;
      problems.push(...checkFormula(model, object.name, where, rule.formula));
      if (rule.errorDisplayField && !object.fields[rule.errorDisplayField]) {
        problems.push(`${where}: error display field ${rule.errorDisplayField} does not exist`);
      }
    }
  }
  return problems;
}

// Checkbox filters: list views write 1/0, roll-up summary filters True/False.
function checkFilterValue(field: FieldInfo, value: string, where: string, checkboxValues: string[]): string[] {
  if (field.type === 'Picklist') {
    return value
      .split(',')
      .filter((v) => !field.picklistValues.includes(v))
      .map((v) => `${where}: ${field.object}.${field.name} has no picklist value '${v}'`);
  }
  if (field.type === 'Checkbox' && !checkboxValues.includes(value)) {
    return [`${where}: checkbox ${field.name} filtered with '${value}' (expected ${checkboxValues.join(' or ')})`];
  }
  return [];
}

/** Roll-up summaries: the child, its master-detail back to this object, the summarized field and the filters. */
export function checkRollUps(model: ObjectModel): string[] {
  const problems: string[] = [];
  for (const object of Object.values(model)) {
    for (const field of Object.values(object.fields)) {
      if (field.type !== 'Summary') continue;
      const where = `${object.name}.${field.name}`;
      if (!field.summary) {
        problems.push(`${where}: roll-up summary without summaryForeignKey`);
        continue;
      }
      const [childName, foreignKey] = field.summary.foreignKey.split('.');
      const child = model[childName];
      const masterDetail = child?.fields[foreignKey];
      if (!masterDetail || masterDetail.type !== 'MasterDetail' || masterDetail.referenceTo !== object.name) {
        problems.push(`${where}: ${field.summary.foreignKey} is not a master-detail from ${childName} to ${object.name}`);
        continue;
      }
      const childField = (qualified: string): FieldInfo | undefined => {
        const [owner, name] = qualified.split('.');
        return owner === childName ? child.fields[name] : undefined;
      };
      if (field.summary.operation !== 'count' && !childField(field.summary.summarizedField ?? '')) {
        problems.push(`${where}: summarized field ${field.summary.summarizedField ?? '(none)'} does not exist on ${childName}`);
      }
      for (const filter of field.summary.filters) {
        const filtered = childField(filter.field);
        if (!filtered) problems.push(`${where}: filter field ${filter.field} does not exist on ${childName}`);
        else problems.push(...checkFilterValue(filtered, filter.value, where, ['True', 'False']));
      }
    }
  }
  return problems;
}

/** List views: columns and filter fields exist, filter values exist, boolean filters number existing filters. */
export function checkListViews(model: ObjectModel): string[] {
  const problems: string[] = [];
  for (const object of Object.values(model)) {
    for (const view of Object.values(object.listViews)) {
      const where = `${object.name} list view ${view.name}`;
      for (const column of view.columns) {
        if (column === 'NAME') continue;
        const { problem } = resolveFieldPath(model, object.name, column);
        if (problem) problems.push(`${where}: column ${problem}`);
      }
      for (const filter of view.filters) {
        const { field, problem } = resolveFieldPath(model, object.name, filter.field);
        if (problem) problems.push(`${where}: filter ${problem}`);
        else if (field) problems.push(...checkFilterValue(field, filter.value, where, ['0', '1']));
      }
      for (const ref of view.booleanFilter?.match(/\d+/g) ?? []) {
        if (Number(ref) < 1 || Number(ref) > view.filters.length) problems.push(`${where}: boolean filter names filter ${ref}`);
      }
    }
  }
  return problems;
}

/** Compact layouts, the compact layout assignment and the search layouts of each object. */
export function checkObjectLayouts(model: ObjectModel): string[] {
  const problems: string[] = [];
  for (const object of Object.values(model)) {
    for (const [name, layout] of Object.entries(object.compactLayouts)) {
      for (const field of layout.fields) {
        const { problem } = resolveFieldPath(model, object.name, field);
        if (problem) problems.push(`${object.name} compact layout ${name}: ${problem}`);
      }
    }
    const assigned = texts(object.raw, 'compactLayoutAssignment')[0];
    if (assigned && assigned !== 'SYSTEM' && !object.compactLayouts[assigned]) {
      problems.push(`${object.name}: compact layout assignment ${assigned} does not exist`);
    }
    for (const search of children(object.raw, 'searchLayouts')) {
      for (const [key, value] of Object.entries(search)) {
        for (const field of Array.isArray(value) ? value : [value]) {
          const { problem } = resolveFieldPath(model, object.name, fieldText(field));
          if (problem) problems.push(`${object.name} search layout ${key}: ${problem}`);
        }
      }
    }
  }
  return problems;
}

/** Page layouts: the object exists, every placed field exists, every related list is a child relationship. */
export function checkPageLayouts(model: ObjectModel, layouts: LayoutInfo[]): string[] {
  const problems: string[] = [];
  for (const layout of layouts) {
    const object = model[layout.object];
    if (!object) {
      problems.push(`layout ${layout.name}: object ${layout.object} does not exist`);
      continue;
    }
    for (const item of layout.items) {
      const { problem } = resolveFieldPath(model, object.name, item.field);
      if (problem) problems.push(`layout ${layout.name}: ${problem}`);
    }
    for (const related of layout.relatedLists) {
      if (related.relatedList === 'RelatedEntityHistoryList') continue;
      const [childName, fieldName] = related.relatedList.split('.');
      const link = model[childName]?.fields[fieldName ?? ''];
      if (!link || link.referenceTo !== object.name) {
        problems.push(`layout ${layout.name}: related list ${related.relatedList} is not a child relationship of ${object.name}`);
        continue;
      }
      for (const column of related.fields) {
        if (column === 'NAME') continue;
        const { problem } = resolveFieldPath(model, childName, column);
        if (problem) problems.push(`layout ${layout.name} related list ${related.relatedList}: ${problem}`);
      }
    }
  }
  return problems;
}
