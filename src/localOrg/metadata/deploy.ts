/**
 * One deploy, all or nothing: read the zip, collect the components package.xml names, plan the schema changes,
 * then in one transaction apply the objects, check every formula against the applied schema, store custom
 * metadata records and every component, check references, and roll everything back when anything failed or the
 * deploy only checks. The outcome lists one message per component, as Salesforce's DeployResult details do.
 */
import { SfApiError } from '../errors.js';
import { checkFormula, FormulaError, formulaReferences } from '../formula.js';
import { syncCustomPermissionRecords } from '../permissions.js';
import { field as makeField, systemField, systemFields } from '../fieldFactory.js';
import type { FieldDef, FieldType, ObjectDef } from '../schema.js';
import type { Store } from '../store.js';
import { parseXml, type XmlElement } from '../xml.js';
import { collectComponents, type ComponentProblem, type DeployComponent } from './components.js';
import { convertMetadataRecord, saveMetadataRecords, type MetadataRecord } from './customMetadata.js';
import { PackageError, readDeployPackage, type DeployPackage } from './deployPackage.js';
import { checkReferences } from './references.js';
import {
  getComponent,
  hasComponentFiles,
  newComponentId,
  saveComponent,
  saveComponentFiles,
  type StoredComponent
} from './repository.js';
import { ownerKey, planSchema } from './schemaChanges.js';
import { checkStaticResource, findStaticResource, saveStaticResource } from './staticResources.js';

/** One entry of DeployResult.details.componentSuccesses / componentFailures. */
export interface DeployMessage {
  changed: boolean;
  columnNumber?: number;
  componentType: string;
  created: boolean;
  createdDate: string;
  deleted: boolean;
  fileName: string;
  fullName: string;
  id?: string;
  lineNumber?: number;
  problem?: string;
  problemType?: 'Error' | 'Warning';
  success: boolean;
}

export interface DeployOutcome {
  successes: DeployMessage[];
  failures: DeployMessage[];
  /** Components named by the deploy (package.xml excluded). */
  total: number;
}

export interface DeployOptions {
  checkOnly: boolean;
}

/** Thrown inside the transaction to undo a failed or check-only deploy. */
class Rollback extends Error {}

function failure(
  fileName: string,
  fullName: string,
  componentType: string,
  p: ComponentProblem,
  now: string
): DeployMessage {
  return {
    changed: false,
    columnNumber: p.column,
    componentType,
    created: false,
    createdDate: now,
    deleted: false,
    fileName,
    fullName,
    lineNumber: p.line,
    problem: p.problem,
    problemType: 'Error',
    success: false
  };
}

function packageFailure(message: string, now: string, line?: number, column?: number): DeployOutcome {
  return {
    successes: [],
    failures: [failure('package.xml', 'package.xml', '', { problem: message, line, column }, now)],
    total: 0
  };
}

/**
 * The standard fields the org adds to every custom object or custom metadata type (the store adds the same ones
 * on apply), so that formulas can be checked against `Name`, `CreatedDate`, `Owner.Name`... before applying.
 */
function completeDefinition(def: ObjectDef): ObjectDef {
  if (!def.custom) return def;
  const has = (name: string): boolean => def.fields.some((f) => f.name.toLowerCase() === name.toLowerCase());
  const extra: FieldDef[] = def.customMetadata
    ? [
        systemField('Id', 'id', { length: 18 }),
        makeField('DeveloperName', 'string', { length: 40, required: true }),
        makeField('MasterLabel', 'string', { length: 40, required: true }),
        makeField('Label', 'string', { length: 40 }),
        makeField('QualifiedApiName', 'string', { length: 70 }),
        makeField('NamespacePrefix', 'string', { length: 15 }),
        systemField('SystemModstamp', 'datetime')
      ]
    : [
        ...systemFields({ owner: !def.fields.some((f) => f.metadataType === 'MasterDetail'), label: def.label }),
        makeField('Name', 'string', { length: 80, label: def.nameField.label })
      ];
  return { ...def, fields: [...extra.filter((f) => !has(f.name)), ...def.fields] };
}

/** The `$Permission.Name` merge fields of a formula that name no custom permission (of the deploy or the org). */
function unknownPermissions(formula: string, customPermissionExists: (name: string) => boolean): string[] {
  let references: string[];
  try {
    references = formulaReferences(formula);
  } catch {
    return []; // a syntax error is reported by checkFormula
  }
  return references.filter((name) => {
    const match = /^\$Permission\.(.+)$/i.exec(name);
    return match !== null && !customPermissionExists(match[1]);
  });
}

/** Formula problems of every formula field and rule of the deploy's objects, checked against `resolve`. */
function checkFormulas(
  defs: ObjectDef[],
  resolve: (name: string) => ObjectDef | undefined,
  customPermissionExists: (name: string) => boolean,
  owners: Map<string, DeployComponent>,
  report: (c: DeployComponent, p: ComponentProblem) => void
): void {
  for (const def of defs) {
    const items: { member: string; formula: string; type: FieldType; element: string }[] = [
      ...def.fields
        .filter((f) => f.formula !== undefined)
        .map((f) => ({ member: f.name, formula: f.formula as string, type: f.type, element: 'formula' })),
      ...def.validationRules.map((r) => ({
        member: r.fullName,
        formula: r.errorConditionFormula,
        type: 'boolean' as FieldType,
        element: 'errorConditionFormula'
      }))
    ];
    for (const item of items) {
      const owner = owners.get(ownerKey(def.name, item.member));
      if (!owner) continue;
      try {
        const [unknown] = unknownPermissions(item.formula, customPermissionExists);
        if (unknown) throw new FormulaError('reference', `Field ${unknown} does not exist. Check spelling.`);
        checkFormula(item.formula, item.type, def, resolve, [`${def.name}.${item.member}`]);
      } catch (error) {
        if (!(error instanceof FormulaError)) throw error;
        const element = owner.element?.children.find((c) => c.name === item.element);
        report(owner, { problem: error.message, line: element?.line ?? owner.element?.line });
      }
    }
  }
}

/** Runs a deploy against the org and returns its messages. Never throws for bad input: problems become failures. */
export function runDeploy(store: Store, zipBase64: string, options: DeployOptions, now = new Date()): DeployOutcome {
  const stamp = now.toISOString();
  let pkg: DeployPackage;
  try {
    pkg = readDeployPackage(zipBase64);
  } catch (error) {
    if (error instanceof PackageError) return packageFailure(error.message, stamp, error.line, error.column);
    throw error;
  }
  // Messages name files as they are in the zip, package folder included.
  const root = pkg.root;
  const { components, manifestProblems } = collectComponents(pkg);
  const problems = new Map<DeployComponent, ComponentProblem[]>();
  const report = (component: DeployComponent, p: ComponentProblem): void => {
    problems.set(component, [...(problems.get(component) ?? []), p]);
  };
  for (const component of components) component.problems.forEach((p) => report(component, p));
  const packageProblems: DeployMessage[] = manifestProblems.map((m) =>
    failure('package.xml', m.fullName, m.type, { problem: m.problem }, stamp)
  );
  for (const path of pkg.destructiveManifests) {
    packageProblems.push(
      failure(
        path,
        path,
        '',
        { problem: 'Deleting components (destructive changes) is not supported by the local org' },
        stamp
      )
    );
  }

  const outcome = (): DeployOutcome => {
    const successes: DeployMessage[] = [];
    const failures: DeployMessage[] = [...packageProblems];
    for (const component of components) {
      const found = problems.get(component);
      if (found?.length) {
        for (const p of found)
          failures.push(failure(root + component.fileName, component.fullName, component.type, p, stamp));
      }
    }
    return { successes, failures, total: components.length };
  };

  const plan = planSchema(store, components);
  for (const [component, list] of plan.problems) list.forEach((p) => report(component, p));

  // Everything is checked against the deploy's definitions before the org changes at all, so that a check-only or
  // failing deploy leaves no trace; only a clean deploy opens the transaction.
  const candidates = new Map(plan.defs.map((def) => [def.name.toLowerCase(), completeDefinition(def)]));
  const resolve = (name: string): ObjectDef | undefined => candidates.get(name.toLowerCase()) ?? store.getObject(name);
  const deployed = new Set(components.map((c) => `${c.type}#${c.fullName}`.toLowerCase()));
  const componentExists = (type: string, fullName: string): boolean =>
    deployed.has(`${type}#${fullName}`.toLowerCase()) || getComponent(store, type, fullName) !== undefined;
  const listObjects = (): ObjectDef[] => [
    ...candidates.values(),
    ...store.listObjects().filter((def) => !candidates.has(def.name.toLowerCase()))
  ];
  const componentElement = (type: string, fullName: string): XmlElement | undefined => {
    const inDeploy = components.find((c) => c.type === type && c.fullName.toLowerCase() === fullName.toLowerCase());
    if (inDeploy) return inDeploy.element;
    const stored = getComponent(store, type, fullName);
    return stored ? parseXml(stored.content) : undefined;
  };
  checkFormulas(
    plan.defs.map((def) => candidates.get(def.name.toLowerCase()) as ObjectDef),
    resolve,
    (name) => componentExists('CustomPermission', name),
    plan.owners,
    report
  );
  const records = new Map<DeployComponent, MetadataRecord>();
  for (const component of components) {
    if (problems.get(component)?.length) continue;
    if (component.type === 'CustomMetadata' && component.element) {
      const converted = convertMetadataRecord(component.fullName, component.element, resolve);
      converted.problems.forEach((p) => report(component, p));
      if (converted.value) records.set(component, converted.value);
    }
    checkReferences(component, { getObject: resolve, listObjects, componentExists, componentElement }).forEach((p) =>
      report(component, p)
    );
    if (component.type === 'StaticResource') checkStaticResource(component).forEach((p) => report(component, p));
  }

  const stored = new Map<DeployComponent, DeployMessage>();
  const messageFor = (
    component: DeployComponent,
    previous: StoredComponent | undefined,
    id: string | undefined
  ): DeployMessage => ({
    changed: previous !== undefined && previous.hash !== component.hash,
    componentType: component.type,
    created: previous === undefined,
    createdDate: stamp,
    deleted: false,
    fileName: root + component.fileName,
    fullName: component.fullName,
    id,
    success: true
  });
  const clean = packageProblems.length === 0 && !components.some((c) => problems.get(c)?.length);
  if (clean && options.checkOnly) {
    for (const component of components) {
      const previous = getComponent(store, component.type, component.fullName);
      stored.set(component, messageFor(component, previous, previous?.id));
    }
  } else if (clean) {
    try {
      store.transaction(() => {
        // Objects one at a time, so that a refusal (duplicate values under a new unique field...) names its object.
        for (const def of plan.defs) {
          try {
            store.applyObjects([def]);
          } catch (error) {
            if (!(error instanceof SfApiError)) throw error;
            const owner =
              plan.owners.get(ownerKey(def.name, '')) ??
              [...plan.owners.entries()].find(([k]) => k.startsWith(`${def.name.toLowerCase()}.`))?.[1];
            if (owner) report(owner, { problem: error.message });
            throw new Rollback();
          }
        }
        for (const [component, record] of records) {
          // An unchanged record is left alone (its SystemModstamp too).
          if (getComponent(store, component.type, component.fullName)?.hash === component.hash) continue;
          try {
            saveMetadataRecords(store, record.typeName, [record.record]);
          } catch (error) {
            if (!(error instanceof SfApiError)) throw error;
            report(component, { problem: error.message, line: component.element?.line });
            throw new Rollback();
          }
        }
        for (const component of components) {
          const previous = getComponent(store, component.type, component.fullName);
          const id = previous?.id ?? newComponentId(store, component.type);
          if (!previous || previous.hash !== component.hash) {
            saveComponent(store, {
              type: component.type,
              fullName: component.fullName,
              fileName: component.fileName,
              id,
              content: component.content,
              hash: component.hash,
              createdDate: previous?.createdDate ?? stamp,
              lastModifiedDate: stamp
            });
          }
          // Top-level components keep their files as deployed, which retrieve gives back.
          const changed = !previous || previous.hash !== component.hash;
          if (component.files && (changed || !hasComponentFiles(store, component.type, component.fullName))) {
            saveComponentFiles(store, component.type, component.fullName, component.files);
          }
          if (
            component.type === 'StaticResource' &&
            (previous?.hash !== component.hash || !findStaticResource(store, { name: component.fullName }))
          ) {
            saveStaticResource(store, component, stamp);
          }
          stored.set(component, messageFor(component, previous, id));
        }
        syncCustomPermissionRecords(store);
      });
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
      stored.clear();
    }
  }

  const result = outcome();
  const failedAny = result.failures.length > 0;
  for (const component of components) {
    if (problems.get(component)?.length) continue;
    result.successes.push(
      stored.get(component) ?? {
        changed: false,
        componentType: component.type,
        created: false,
        createdDate: stamp,
        deleted: false,
        fileName: root + component.fileName,
        fullName: component.fullName,
        success: true
      }
    );
  }
  // Salesforce lists package.xml itself among the successes of a deploy that went through.
  if (!failedAny) {
    result.successes.push({
      changed: true,
      componentType: '',
      created: false,
      createdDate: stamp,
      deleted: false,
      fileName: 'package.xml',
      fullName: 'package.xml',
      success: true
    });
  }
  return result;
}
