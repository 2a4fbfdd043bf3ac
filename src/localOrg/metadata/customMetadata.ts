/**
 * Custom metadata records (`customMetadata/SLA_Template.Standard.md`): the record of type `SLA_Template__mdt` named
 * `Standard`, its label and its field values (`<value xsi:type="xsd:double">15.0</value>`, `xsi:nil` for blank),
 * checked against the type's fields, and stored as rows of the type's table by `saveMetadataRecords`.
 */
import { SfApiError } from '../errors.js';
import type { FieldDef, ObjectDef } from '../schema.js';
import type { Storage } from '../storage.js';
import { coerceValue } from '../values.js';
import type { ComponentProblem } from './components.js';
import { children, childText, type XmlElement } from '../xml.js';

/** One custom metadata record as the Metadata API deploys it. */
export interface MetadataRecordInput {
  DeveloperName: string;
  MasterLabel: string;
  [field: string]: unknown;
}

export interface MetadataRecord {
  typeName: string;
  record: MetadataRecordInput;
}

const XSD_FOR_TYPE: Record<string, string[]> = {
  boolean: ['xsd:boolean'],
  double: ['xsd:double', 'xsd:int', 'xsd:long', 'xsd:decimal'],
  percent: ['xsd:double', 'xsd:int', 'xsd:long', 'xsd:decimal'],
  currency: ['xsd:double', 'xsd:int', 'xsd:long', 'xsd:decimal'],
  int: ['xsd:int', 'xsd:long', 'xsd:double'],
  date: ['xsd:date'],
  datetime: ['xsd:dateTime']
};

/** Reads a `.md` record; `fullName` is `Type.Record`. Problems name the element's line. */
export function convertMetadataRecord(
  fullName: string,
  root: XmlElement,
  resolve: (name: string) => ObjectDef | undefined
): { value?: MetadataRecord; problems: ComponentProblem[] } {
  const problems: ComponentProblem[] = [];
  const dot = fullName.indexOf('.');
  const typeName = `${fullName.slice(0, dot)}__mdt`;
  const developerName = fullName.slice(dot + 1);
  if (dot <= 0 || !/^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/.test(developerName) || developerName.length > 40) {
    problems.push({
      problem: `Invalid custom metadata record name '${fullName}': expected Type.Record_Name`,
      line: root.line
    });
    return { problems };
  }
  const type = resolve(typeName);
  if (!type?.customMetadata) {
    problems.push({ problem: `The custom metadata type ${typeName} does not exist`, line: root.line });
    return { problems };
  }
  const label = childText(root, 'label');
  if (!label) problems.push({ problem: 'Must specify a label for the custom metadata record', line: root.line });
  const record: MetadataRecordInput = { DeveloperName: developerName, MasterLabel: label ?? developerName };
  for (const entry of children(root, 'values')) {
    const fieldName = childText(entry, 'field') ?? '';
    const field = type.fields.find((f) => f.custom && f.name.toLowerCase() === fieldName.toLowerCase());
    if (!field) {
      problems.push({
        problem: `In field: field - no CustomField named ${typeName}.${fieldName} found`,
        line: entry.line
      });
      continue;
    }
    const valueElement = entry.children.find((c) => c.name === 'value');
    const nil = !valueElement || valueElement.attrs['xsi:nil'] === 'true';
    const text = nil ? null : (valueElement as XmlElement).text;
    const declared = valueElement?.attrs['xsi:type'];
    const accepted = XSD_FOR_TYPE[field.type];
    if (!nil && declared && accepted && !accepted.includes(declared)) {
      problems.push({
        problem: `${field.name} is a ${field.type} field: a value of type ${declared} does not fit`,
        line: valueElement?.line
      });
      continue;
    }
    if (text !== null && field.type === 'picklist' && !(field.picklistValues ?? []).some((v) => v.value === text)) {
      problems.push({
        problem: `${field.name}: bad value for restricted picklist field: ${text}`,
        line: valueElement?.line
      });
      continue;
    }
    if (
      text !== null &&
      field.length !== undefined &&
      ['string', 'textarea', 'email', 'phone', 'url'].includes(field.type) &&
      text.length > field.length
    ) {
      problems.push({
        problem: `${field.name}: data value too large: max length=${field.length}`,
        line: valueElement?.line
      });
      continue;
    }
    record[field.name] = text;
  }
  for (const field of type.fields.filter((f) => f.custom && f.required)) {
    if (record[field.name] === undefined || record[field.name] === null || record[field.name] === '') {
      problems.push({ problem: `Required fields are missing: [${field.name}]`, line: root.line });
    }
  }
  return problems.length > 0 ? { problems } : { value: { typeName: type.name, record }, problems };
}

/**
 * Stores custom metadata records of type `typeName` (a `__mdt` object already applied), keyed by DeveloperName:
 * existing records are updated, others created. Values may be text (as in the XML) or typed. Custom metadata is not
 * data: no DML checks, validation rules or history apply.
 */
export function saveMetadataRecords(store: Storage, typeName: string, records: MetadataRecordInput[]): void {
  const def = store.getObject(typeName);
  if (!def?.customMetadata) throw new SfApiError('INVALID_TYPE', `Not a custom metadata type: ${typeName}`);
  const developerName = store.getField(def, 'DeveloperName') as FieldDef;
  const now = new Date().toISOString();
  for (const input of records) {
    const values: Record<string, unknown> = {};
    for (const [name, raw] of Object.entries(input)) {
      const target = store.getField(def, name);
      if (!target)
        throw new SfApiError('INVALID_FIELD', `No such column '${name}' on entity '${def.name}'`, 400, [name]);
      values[target.name] = coerceValue(target, raw, typeof raw === 'string' ? 'text' : 'json');
    }
    values.Label = values.MasterLabel;
    values.QualifiedApiName = values.DeveloperName;
    values.Language ??= 'en_US';
    values.SystemModstamp = now;
    const [existing] = store.findIdsByField(def, developerName, values.DeveloperName);
    if (existing) store.updateRaw(def, existing, values);
    else store.insertRaw(def, { ...values, Id: store.newId(def), IsDeleted: false });
  }
}
