/**
 * Turns the CustomObject, CustomField and ValidationRule components of a deploy into the object definitions to
 * apply: each affected object is its current definition (or a new one) with the deployed properties, fields and
 * rules merged in (a deploy never removes a field). Checks what needs the other objects: lookup and master-detail
 * targets, relationship names, roll-up children and summarized fields, global value sets. Formulas are checked by
 * the deploy once the definitions are applied (formulas see the completed objects, system fields included).
 */
import { isTrackable, MAX_TRACKED_FIELDS, withHistoryObjects } from '../history.js';
import type { FieldDef, FieldType, ObjectDef, ValidationRuleDef } from '../schema.js';
import type { Store } from '../store.js';
import type { ComponentProblem, DeployComponent } from './components.js';
import {
  convertField,
  convertObjectProperties,
  convertValidationRule,
  readValues,
  type ObjectProperties
} from './customObject.js';
import { listComponents } from './repository.js';
import { childBoolean, children, parseXml, type XmlElement } from '../xml.js';

export interface SchemaPlan {
  /** Complete definitions to hand to `store.applyObjects`, in an order that creates roll-up children first. */
  defs: ObjectDef[];
  /** Problems by component (`type#fullName`). */
  problems: Map<DeployComponent, ComponentProblem[]>;
  /** The component that owns each field and rule of `defs`, to attribute later problems (formulas). */
  owners: Map<string, DeployComponent>;
}

/** `Object.Field` key for owners. */
export function ownerKey(objectName: string, member: string): string {
  return `${objectName}.${member}`.toLowerCase();
}

function at(element: XmlElement | undefined, problem: string): ComponentProblem {
  // Semantic problems carry the line only: SDR shows line:column against the source file, which differs.
  return { problem, line: element?.line };
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function newObject(props: ObjectProperties): ObjectDef {
  return {
    name: props.name,
    label: props.label,
    labelPlural: props.labelPlural,
    keyPrefix: '',
    custom: true,
    customMetadata: props.customMetadata || undefined,
    fields: [],
    validationRules: [],
    nameField: props.nameField,
    description: props.description,
    enableHistory: props.enableHistory || undefined,
    createable: !props.customMetadata,
    updateable: !props.customMetadata,
    deletable: !props.customMetadata,
    queryable: true
  };
}

function upsertBy<T>(list: T[], item: T, key: (t: T) => string): T[] {
  const index = list.findIndex((entry) => sameName(key(entry), key(item)));
  if (index < 0) return [...list, item];
  const copy = [...list];
  copy[index] = item;
  return copy;
}

/** Picklist values of the global value sets deployed now or before. */
function globalValueSets(store: Store, components: DeployComponent[]): Map<string, XmlElement> {
  const sets = new Map<string, XmlElement>();
  for (const stored of listComponents(store, 'GlobalValueSet')) {
    try {
      sets.set(stored.fullName.toLowerCase(), parseXml(stored.content));
    } catch {
      // A stored set that no longer parses cannot be used; the picklist then reports it missing.
    }
  }
  for (const component of components) {
    if (component.type === 'GlobalValueSet' && component.element)
      sets.set(component.fullName.toLowerCase(), component.element);
  }
  return sets;
}

const NUMERIC: FieldType[] = ['double', 'currency', 'percent', 'int'];

/** Builds the definitions a deploy changes, and the problems that keep components from deploying. */
export function planSchema(store: Store, components: DeployComponent[]): SchemaPlan {
  const problems = new Map<DeployComponent, ComponentProblem[]>();
  const report = (component: DeployComponent, problem: ComponentProblem): void => {
    problems.set(component, [...(problems.get(component) ?? []), problem]);
  };
  const owners = new Map<string, DeployComponent>();
  const byObject = new Map<string, { object?: DeployComponent; fields: DeployComponent[]; rules: DeployComponent[] }>();
  const entry = (name: string): { object?: DeployComponent; fields: DeployComponent[]; rules: DeployComponent[] } => {
    const key = name.toLowerCase();
    let found = byObject.get(key);
    if (!found) {
      found = { fields: [], rules: [] };
      byObject.set(key, found);
    }
    return found;
  };
  for (const component of components) {
    if (component.problems.length > 0) continue;
    if (component.type === 'CustomObject') entry(component.fullName).object = component;
    else if (component.type === 'CustomField') entry(component.parentName ?? '').fields.push(component);
    else if (component.type === 'ValidationRule') entry(component.parentName ?? '').rules.push(component);
  }

  // 1. Merge each object's deployed parts into its definition.
  const candidates = new Map<string, ObjectDef>();
  const extras = new Map<FieldDef, { globalValueSet?: string; component: DeployComponent }>();
  for (const [key, parts] of byObject) {
    const name = parts.object?.fullName ?? parts.fields[0]?.parentName ?? parts.rules[0]?.parentName ?? key;
    const existing = store.getObject(name);
    let def: ObjectDef | undefined = existing ? structuredClone(existing) : undefined;
    if (parts.object) {
      const isCustomName = /__(c|mdt)$/.test(name);
      if (existing && !existing.custom) {
        // Standard objects take deployed fields, rules and history tracking; their other properties are Salesforce's.
        if (def) def.enableHistory = childBoolean(parts.object.element, 'enableHistory') === true || undefined;
      } else if (!isCustomName) {
        report(parts.object, at(parts.object.element, `The local org has no standard object named ${name}`));
        def = undefined;
      } else {
        const props = convertObjectProperties(parts.object.element as XmlElement, name);
        props.problems.forEach((p) => report(parts.object as DeployComponent, p));
        if (props.value) {
          def = def
            ? {
                ...def,
                label: props.value.label,
                labelPlural: props.value.labelPlural,
                nameField: props.value.nameField,
                description: props.value.description,
                enableHistory: props.value.enableHistory || undefined
              }
            : newObject(props.value);
        } else def = undefined;
      }
    }
    const orphans = [...parts.fields, ...parts.rules];
    if (!def) {
      if (!parts.object) {
        for (const component of orphans) {
          report(component, at(component.element, `Object ${name} does not exist: deploy its CustomObject as well`));
        }
      } else {
        for (const component of orphans)
          report(component, at(component.element, `Its object ${name} could not be deployed`));
      }
      continue;
    }
    for (const component of parts.fields) {
      const converted = convertField(component.element as XmlElement, def.name);
      converted.problems.forEach((p) => report(component, p));
      if (!converted.value) continue;
      const field = converted.value.def;
      const previous = def.fields.find((f) => sameName(f.name, field.name));
      if (previous && !previous.custom) {
        report(component, at(component.element, `${field.name} is a standard field of ${def.name}`));
        continue;
      }
      if (previous?.metadataType === 'MasterDetail' && field.metadataType !== 'MasterDetail') {
        report(component, at(component.element, `Cannot change the type of master-detail field ${field.name}`));
        continue;
      }
      def.fields = upsertBy(def.fields, field, (f) => f.name);
      extras.set(field, { globalValueSet: converted.value.globalValueSet, component });
      owners.set(ownerKey(def.name, field.name), component);
    }
    for (const component of parts.rules) {
      const converted = convertValidationRule(component.element as XmlElement);
      converted.problems.forEach((p) => report(component, p));
      if (!converted.value) continue;
      def.validationRules = upsertBy<ValidationRuleDef>(def.validationRules, converted.value, (r) => r.fullName);
      owners.set(ownerKey(def.name, converted.value.fullName), component);
    }
    if (parts.object) owners.set(ownerKey(def.name, ''), parts.object);
    candidates.set(def.name.toLowerCase(), def);
  }

  // 2. Checks across objects, against the deploy's definitions first and the org's second.
  const resolve = (name: string): ObjectDef | undefined => candidates.get(name.toLowerCase()) ?? store.getObject(name);
  const sets = globalValueSets(store, components);
  const fieldOf = (def: ObjectDef, name: string): FieldDef | undefined =>
    def.fields.find((f) => sameName(f.name, name));
  for (const def of candidates.values()) {
    const masterDetails = def.fields.filter((f) => f.metadataType === 'MasterDetail');
    for (const field of def.fields) {
      const extra = extras.get(field);
      if (!extra) continue;
      const problem = (message: string): void => report(extra.component, at(extra.component.element, message));
      if (field.type === 'reference' && field.custom) {
        const target = field.referenceTo?.[0] ?? '';
        const targetDef = resolve(target);
        if (!targetDef) problem(`referenceTo value of '${target}' does not resolve to a valid sObject type`);
        else {
          field.referenceTo = [targetDef.name];
          if (targetDef.customMetadata)
            problem(`Cannot create a relationship to the custom metadata type ${targetDef.name}`);
          if (def.customMetadata) problem('Custom metadata types cannot have relationship fields');
          // The child relationship name must be unique on the parent.
          const clash = [
            ...candidates.values(),
            ...store.listObjects().filter((o) => !candidates.has(o.name.toLowerCase()))
          ]
            .flatMap((o) => o.fields.filter((f) => f !== field && f.type === 'reference').map((f) => ({ o, f })))
            .find(
              ({ f }) =>
                f.childRelationshipName !== undefined &&
                sameName(f.childRelationshipName, field.childRelationshipName ?? '') &&
                (f.referenceTo ?? []).some((t) => sameName(t, targetDef.name))
            );
          if (clash) {
            problem(
              `The relationship name ${field.childRelationshipName} is already used on ${targetDef.name} by ${clash.o.name}.${clash.f.name}`
            );
          }
        }
        if (field.metadataType === 'MasterDetail' && masterDetails.length > 2) {
          problem(`An object can have at most 2 master-detail relationships; ${def.name} has ${masterDetails.length}`);
        }
      }
      if (extra.globalValueSet) {
        const set = sets.get(extra.globalValueSet.toLowerCase());
        if (!set) problem(`The global value set ${extra.globalValueSet} does not exist`);
        else {
          const setProblems: ComponentProblem[] = [];
          field.picklistValues = readValues(children(set, 'customValue'), setProblems);
          field.restrictedPicklist = true;
          field.defaultValue = field.picklistValues.find((v) => v.default)?.value;
          setProblems.forEach((p) => problem(`Global value set ${extra.globalValueSet}: ${p.problem}`));
        }
      }
      if (field.summary) checkSummary(def, field, resolve, fieldOf, problem);
    }
    checkHistoryTracking(def, owners, report);
    for (const rule of def.validationRules) {
      const component = owners.get(ownerKey(def.name, rule.fullName));
      if (component && rule.errorDisplayField && !fieldOf(def, rule.errorDisplayField)) {
        report(
          component,
          at(component.element, `errorDisplayField ${rule.errorDisplayField} does not exist on ${def.name}`)
        );
      }
    }
  }

  // 3. Roll-up children before their parents, so that the store can compute the roll-ups on apply.
  const ordered: ObjectDef[] = [];
  const visit = (def: ObjectDef, stack: Set<ObjectDef>): void => {
    if (ordered.includes(def) || stack.has(def)) return;
    stack.add(def);
    for (const field of def.fields) {
      const childDef = field.summary && candidates.get(field.summary.childObject.toLowerCase());
      if (childDef) visit(childDef, stack);
    }
    ordered.push(def);
  };
  for (const def of candidates.values()) visit(def, new Set());
  return { defs: withHistoryObjects(ordered, (name) => store.getObject(name)), problems, owners };
}

/** Salesforce's checks on tracked fields: history enabled on the object, trackable types, at most 20 fields. */
function checkHistoryTracking(
  def: ObjectDef,
  owners: Map<string, DeployComponent>,
  report: (component: DeployComponent, problem: ComponentProblem) => void
): void {
  const tracked = def.fields.filter((f) => f.trackHistory);
  for (const field of tracked) {
    const component = owners.get(ownerKey(def.name, field.name));
    if (!component) continue;
    if (!def.enableHistory) {
      report(component, at(component.element, `The entity: ${def.name} does not have history tracking enabled`));
    } else if (!isTrackable(field)) {
      report(
        component,
        at(
          component.element,
          `${def.name}.${field.name}: field history tracking is not available for formula, roll-up summary and ` +
            `auto-number fields`
        )
      );
    }
  }
  if (def.enableHistory && tracked.length > MAX_TRACKED_FIELDS) {
    const component =
      owners.get(ownerKey(def.name, '')) ?? owners.get(ownerKey(def.name, tracked[MAX_TRACKED_FIELDS].name));
    if (component) {
      report(component, at(component.element, 'exceeded the allowed number of fields to track on a given entity'));
    }
  }
}

function checkSummary(
  def: ObjectDef,
  field: FieldDef,
  resolve: (name: string) => ObjectDef | undefined,
  fieldOf: (def: ObjectDef, name: string) => FieldDef | undefined,
  problem: (message: string) => void
): void {
  const summary = field.summary as NonNullable<FieldDef['summary']>;
  const childDef = resolve(summary.childObject);
  if (!childDef) {
    problem(`summaryForeignKey: the object ${summary.childObject} does not exist`);
    return;
  }
  summary.childObject = childDef.name;
  const foreignKey = fieldOf(childDef, summary.childField);
  if (!foreignKey) {
    problem(`summaryForeignKey: ${childDef.name}.${summary.childField} does not exist`);
    return;
  }
  summary.childField = foreignKey.name;
  if (
    foreignKey.metadataType !== 'MasterDetail' ||
    !(foreignKey.referenceTo ?? []).some((t) => sameName(t, def.name))
  ) {
    problem(
      `summaryForeignKey ${childDef.name}.${foreignKey.name} must be a master-detail relationship to ${def.name}`
    );
    return;
  }
  if (summary.operation !== 'count') {
    const summarized = fieldOf(childDef, summary.summarizedField ?? '');
    if (!summarized) {
      problem(`summarizedField ${childDef.name}.${summary.summarizedField ?? ''} does not exist`);
      return;
    }
    summary.summarizedField = summarized.name;
    const allowed = summary.operation === 'sum' ? NUMERIC : [...NUMERIC, 'date', 'datetime'];
    if (!allowed.includes(summarized.type)) {
      problem(`Cannot ${summary.operation} the ${summarized.type} field ${childDef.name}.${summarized.name}`);
      return;
    }
    // A sum, min or max has the type of what it summarizes.
    field.type = summarized.type;
    field.precision = summarized.precision;
    field.scale = summarized.scale;
  }
  for (const filter of summary.filters) {
    const target = fieldOf(childDef, filter.field);
    if (!target) {
      problem(`summaryFilterItems: ${childDef.name}.${filter.field} does not exist`);
      continue;
    }
    filter.field = target.name;
    const operations = [
      'equals',
      'notEqual',
      'lessThan',
      'greaterThan',
      'lessOrEqual',
      'greaterOrEqual',
      'contains',
      'notContain',
      'startsWith'
    ];
    if (!operations.includes(filter.operation))
      problem(`'${filter.operation}' is not a valid roll-up filter operation`);
  }
}
