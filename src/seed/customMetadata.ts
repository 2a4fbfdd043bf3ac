/**
 * Custom metadata records (calendars, SLA templates, handover template items) read from force-app, in the shape a
 * SOQL query on the `__mdt` type returns them (DeveloperName, MasterLabel, one property per field). The seed works
 * offline from these files, so a dry run needs no org; commands that work on an org read the org's copy instead.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { forceAppDir } from '../shared/projectPaths.js';

export type MetadataRecord = Record<string, string | number | boolean | null> & {
  DeveloperName: string;
  MasterLabel: string;
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  isArray: (name) => name === 'values' || name === 'value'
});

interface XmlValue {
  '#text'?: string;
  '@_xsi:type'?: string;
  '@_xsi:nil'?: string;
}

function convert(value: XmlValue | string | undefined): string | number | boolean | null {
  if (value === undefined) return null;
  if (typeof value === 'string') return value;
  if (value['@_xsi:nil'] === 'true') return null;
  const raw = value['#text'] ?? '';
  switch (value['@_xsi:type']) {
    case 'xsd:boolean':
      return raw === 'true';
    case 'xsd:double':
    case 'xsd:int':
    case 'xsd:long':
      return Number(raw);
    default:
      return raw;
  }
}

/** Parses one `.md-meta.xml` file; the DeveloperName is the part of the file name after the type. */
export function parseCustomMetadataXml(xml: string, developerName: string): MetadataRecord {
  const root = (parser.parse(xml) as { CustomMetadata?: { label?: string; values?: unknown[] } }).CustomMetadata;
  const record: MetadataRecord = { DeveloperName: developerName, MasterLabel: String(root?.label ?? developerName) };
  for (const entry of (root?.values ?? []) as { field: string; value?: (XmlValue | string)[] }[]) {
    record[entry.field] = convert(entry.value?.[0]);
  }
  return record;
}

/**
 * Every record of a custom metadata type in force-app, sorted by DeveloperName.
 * @param typeName the type without its suffix, e.g. `Maintenance_Calendar` for `Maintenance_Calendar__mdt`
 */
export function readCustomMetadata(typeName: string, root: string = forceAppDir): MetadataRecord[] {
  const dir = join(root, 'main', 'default', 'customMetadata');
  if (!existsSync(dir)) return [];
  const prefix = `${typeName}.`;
  return readdirSync(dir)
    .filter((file) => file.startsWith(prefix) && file.endsWith('.md-meta.xml'))
    .sort()
    .map((file) =>
      parseCustomMetadataXml(readFileSync(join(dir, file), 'utf8'), file.slice(prefix.length, -'.md-meta.xml'.length))
    );
}
