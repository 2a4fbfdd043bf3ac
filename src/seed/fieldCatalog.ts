/**
 * What the package's objects and fields are, read from the metadata source in force-app (the same files that get
 * deployed), so that a recipe is checked against the real data model before any org is touched: an unknown field, a
 * computed one, a picklist value the restricted picklist would reject are caught with the recipe's line number.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { forceAppDir } from '../shared/projectPaths.js';

export type CatalogFieldType =
  | 'Text'
  | 'TextArea'
  | 'LongTextArea'
  | 'Url'
  | 'Email'
  | 'Phone'
  | 'Number'
  | 'Percent'
  | 'Currency'
  | 'Checkbox'
  | 'Date'
  | 'DateTime'
  | 'Picklist'
  | 'Lookup'
  | 'MasterDetail'
  | 'AutoNumber'
  | 'Summary'
  | 'Other';

export interface CatalogField {
  name: string;
  type: CatalogFieldType;
  /** Formula, roll-up summary or auto-number: the org computes it, nobody writes it. */
  computed: boolean;
  required: boolean;
  length?: number;
  /** Digits in total and after the decimal point, for numbers. */
  precision?: number;
  scale?: number;
  /** Allowed values of a picklist, and whether values outside them are rejected. */
  picklistValues?: string[];
  restricted?: boolean;
  referenceTo?: string;
}

export interface CatalogObject {
  name: string;
  /** Fields by lower-cased API name (Salesforce names are case-insensitive). */
  fields: Map<string, CatalogField>;
}

export type FieldCatalog = Map<string, CatalogObject>;

/**
 * The standard Account fields a recipe may set. The package does not deploy Account, so its fields are not in
 * force-app; this is the subset every org has, with the types Salesforce gives them.
 */
const ACCOUNT_STANDARD_FIELDS: CatalogField[] = [
  { name: 'Name', type: 'Text', computed: false, required: true, length: 255 },
  { name: 'AccountNumber', type: 'Text', computed: false, required: false, length: 40 },
  { name: 'Industry', type: 'Text', computed: false, required: false, length: 40 },
  { name: 'Type', type: 'Text', computed: false, required: false, length: 40 },
  { name: 'Description', type: 'LongTextArea', computed: false, required: false, length: 32000 },
  { name: 'Phone', type: 'Phone', computed: false, required: false, length: 40 },
  { name: 'Website', type: 'Url', computed: false, required: false, length: 255 },
  { name: 'BillingStreet', type: 'TextArea', computed: false, required: false, length: 255 },
  { name: 'BillingCity', type: 'Text', computed: false, required: false, length: 40 },
  { name: 'BillingPostalCode', type: 'Text', computed: false, required: false, length: 20 },
  { name: 'BillingCountry', type: 'Text', computed: false, required: false, length: 80 },
  { name: 'NumberOfEmployees', type: 'Number', computed: false, required: false, precision: 8, scale: 0 }
];

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === 'value' || name === 'fields'
});

type XmlNode = Record<string, unknown>;

function text(node: unknown): string | undefined {
  return typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean' ? String(node) : undefined;
}

function numberOrUndefined(node: unknown): number | undefined {
  const value = text(node);
  return value === undefined || value === '' ? undefined : Number(value);
}

const KNOWN_TYPES = new Set<string>([
  'Text',
  'TextArea',
  'LongTextArea',
  'Url',
  'Email',
  'Phone',
  'Number',
  'Percent',
  'Currency',
  'Checkbox',
  'Date',
  'DateTime',
  'Picklist',
  'Lookup',
  'MasterDetail',
  'AutoNumber',
  'Summary'
]);

/** Reads one `<CustomField>` source file into a catalog field. */
export function parseFieldXml(xml: string, fallbackName: string): CatalogField {
  const root = (parser.parse(xml) as { CustomField?: XmlNode }).CustomField ?? {};
  const declaredType = text(root.type) ?? 'Other';
  const type = (KNOWN_TYPES.has(declaredType) ? declaredType : 'Other') as CatalogFieldType;
  const valueSet = root.valueSet as XmlNode | undefined;
  const definition = valueSet?.valueSetDefinition as XmlNode | undefined;
  const values = (definition?.value as XmlNode[] | undefined)?.map((value) => text(value.fullName) ?? '');
  return {
    name: text(root.fullName) ?? fallbackName,
    type,
    computed: root.formula !== undefined || type === 'Summary' || type === 'AutoNumber',
    // Master-detail fields are always required, whatever the file says.
    required: text(root.required) === 'true' || type === 'MasterDetail',
    length: numberOrUndefined(root.length),
    precision: numberOrUndefined(root.precision),
    scale: numberOrUndefined(root.scale),
    picklistValues: values,
    restricted: values ? text(valueSet?.restricted) === 'true' : undefined,
    referenceTo: text(root.referenceTo)
  };
}

function nameField(objectDir: string, objectName: string): CatalogField {
  const file = join(objectDir, `${objectName}.object-meta.xml`);
  if (existsSync(file)) {
    const root = (parser.parse(readFileSync(file, 'utf8')) as { CustomObject?: XmlNode }).CustomObject ?? {};
    const name = root.nameField as XmlNode | undefined;
    if (text(name?.type) === 'AutoNumber') return { name: 'Name', type: 'AutoNumber', computed: true, required: false };
  }
  return { name: 'Name', type: 'Text', computed: false, required: true, length: 80 };
}

/**
 * Builds the catalog from `<root>/main/default/objects`. Custom objects get their Name field and every field file;
 * Account gets the standard fields above plus any custom field the package adds to it.
 * @param root the force-app directory (a test may point at a fixture)
 */
export function loadFieldCatalog(root: string = forceAppDir): FieldCatalog {
  const objectsDir = join(root, 'main', 'default', 'objects');
  const catalog: FieldCatalog = new Map();
  const objectNames = existsSync(objectsDir) ? readdirSync(objectsDir) : [];
  for (const objectName of new Set(['Account', ...objectNames])) {
    const objectDir = join(objectsDir, objectName);
    const fields = new Map<string, CatalogField>();
    const add = (field: CatalogField): void => void fields.set(field.name.toLowerCase(), field);
    if (objectName === 'Account') ACCOUNT_STANDARD_FIELDS.forEach(add);
    else add(nameField(objectDir, objectName));
    const fieldsDir = join(objectDir, 'fields');
    if (existsSync(fieldsDir)) {
      for (const file of readdirSync(fieldsDir).filter((name) => name.endsWith('.field-meta.xml'))) {
        add(parseFieldXml(readFileSync(join(fieldsDir, file), 'utf8'), basename(file, '.field-meta.xml')));
      }
    }
    catalog.set(objectName.toLowerCase(), { name: objectName, fields });
  }
  return catalog;
}
