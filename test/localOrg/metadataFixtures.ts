/**
 * Builders for Metadata API deploy zips in the exact layout SDR sends (package.xml at the root, `objects/X.object`
 * holding fields and rules), and a throw-away org store per test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { Store } from '../../src/localOrg/store.js';

const NS = 'http://soap.sforce.com/2006/04/metadata';

/** A base64 zip of `files` (path -> text), as the deploy call carries it. */
export function zipOf(files: Record<string, string>): string {
  const entries: Record<string, Uint8Array> = {};
  for (const [path, text] of Object.entries(files)) entries[path] = strToU8(text);
  return Buffer.from(zipSync(entries)).toString('base64');
}

export function packageXml(types: Record<string, string[]>, version = '62.0'): string {
  const body = Object.entries(types)
    .map(
      ([name, members]) =>
        `    <types>\n${members.map((m) => `        <members>${m}</members>\n`).join('')}        <name>${name}</name>\n    </types>\n`
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="${NS}">\n${body}    <version>${version}</version>\n</Package>\n`;
}

/** `<tag>value</tag>` lines for the given properties (arrays repeat the tag, objects nest). */
function elements(props: Record<string, unknown>, indent: string): string {
  return Object.entries(props)
    .filter(([, v]) => v !== undefined)
    .flatMap(([k, v]) => (Array.isArray(v) ? v.map((item) => [k, item] as const) : [[k, v] as const]))
    .map(([k, v]) =>
      typeof v === 'object' && v !== null
        ? `${indent}<${k}>\n${elements(v as Record<string, unknown>, `${indent}    `)}${indent}</${k}>\n`
        : `${indent}<${k}>${String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</${k}>\n`
    )
    .join('');
}

export type Props = Record<string, unknown>;

export function field(fullName: string, type: string, props: Props = {}): Props {
  return { fullName, label: fullName.replace(/__c$/, '').replace(/_/g, ' '), type, ...props };
}

export function picklistField(fullName: string, values: string[], defaultValue?: string, props: Props = {}): Props {
  return field(fullName, 'Picklist', {
    valueSet: {
      restricted: true,
      valueSetDefinition: {
        sorted: false,
        value: values.map((v) => ({ fullName: v, default: v === defaultValue, label: v }))
      }
    },
    ...props
  });
}

export function rule(fullName: string, errorConditionFormula: string, props: Props = {}): Props {
  return { fullName, active: true, errorConditionFormula, errorMessage: `${fullName} broken`, ...props };
}

/** A CustomObject file in Metadata API format. */
export function objectXml(
  name: string,
  options: { fields?: Props[]; rules?: Props[]; props?: Props; listViews?: Props[] } = {}
): string {
  const label = name.replace(/__(c|mdt)$/, '').replace(/_/g, ' ');
  const base: Props = name.endsWith('__mdt')
    ? { label, pluralLabel: `${label}s`, visibility: 'Public' }
    : {
        deploymentStatus: 'Deployed',
        label,
        nameField: { label: `${label} Name`, type: 'Text' },
        pluralLabel: `${label}s`,
        sharingModel: 'ReadWrite'
      };
  const body =
    elements({ ...base, ...options.props }, '    ') +
    (options.fields ?? []).map((f) => `    <fields>\n${elements(f, '        ')}    </fields>\n`).join('') +
    (options.listViews ?? []).map((f) => `    <listViews>\n${elements(f, '        ')}    </listViews>\n`).join('') +
    (options.rules ?? [])
      .map((r) => `    <validationRules>\n${elements(r, '        ')}    </validationRules>\n`)
      .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="${NS}">\n${body}</CustomObject>\n`;
}

/** Any other metadata file: root element `type` with the given properties. */
export function metadataXml(type: string, props: Props, extraNamespaces = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${type} xmlns="${NS}"${extraNamespaces}>\n${elements(props, '    ')}</${type}>\n`;
}

/** A custom metadata record file (`customMetadata/Type.Name.md`). */
export function metadataRecordXml(label: string, values: [string, string | null, string?][]): string {
  const body = values
    .map(([fieldName, value, xsdType = 'xsd:string']) =>
      value === null
        ? `    <values>\n        <field>${fieldName}</field>\n        <value xsi:nil="true"/>\n    </values>\n`
        : `    <values>\n        <field>${fieldName}</field>\n        <value xsi:type="${xsdType}">${value}</value>\n    </values>\n`
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<CustomMetadata xmlns="${NS}" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">\n` +
    `    <label>${label}</label>\n    <protected>false</protected>\n${body}</CustomMetadata>\n`
  );
}

/** A fresh org in a temporary directory, and its disposal. */
export function tempStore(): { store: Store; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'md-test-'));
  const store = Store.open(dir);
  return {
    store,
    dispose: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
