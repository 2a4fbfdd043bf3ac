/**
 * The `Maintenance_Config` static resource: every custom metadata record of the package (every `__mdt` type under
 * `customMetadata/`), as one JSON document that the Lightning components read through `@salesforce/resourceUrl`
 * (c/maintenanceConfig). Salesforce documents no UI API path to custom metadata records for Apex-free components;
 * a static resource read from its resource URL is documented, so the records travel with the deploy that ships them.
 *
 * The resource is generated, never edited by hand: `npm run generate:config`, `sf maintenance deploy` and
 * `sf maintenance calendar holidays` rewrite it from the records, and a test fails when the committed file differs
 * from a fresh generation. Its content depends on nothing but the records (no timestamp), so a regeneration of the
 * same records writes the same bytes.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { forceAppDir } from '../shared/projectPaths.js';
import { parseCustomMetadataXml, type MetadataRecord } from '../seed/customMetadata.js';

/** The static resource's API name (what `@salesforce/resourceUrl/<name>` imports). */
export const CONFIG_RESOURCE_NAME = 'Maintenance_Config';
/** Version of the JSON layout; c/maintenanceConfig refuses a resource of another format. */
export const CONFIG_FORMAT = 1;

export interface ConfigResource {
  format: number;
  /** `<Type>__mdt` -> its records sorted by DeveloperName, each with every field of the type (null when blank). */
  types: Record<string, MetadataRecord[]>;
}

const fieldParser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

function defaultDir(root: string): string {
  return join(root, 'main', 'default');
}

/** The custom fields of a custom metadata type, from its object folder (none when the folder is absent). */
function typeFields(root: string, typeApiName: string): string[] {
  const dir = join(defaultDir(root), 'objects', typeApiName, 'fields');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.field-meta.xml'))
    .map((file) => {
      const parsed = fieldParser.parse(readFileSync(join(dir, file), 'utf8')) as {
        CustomField?: { fullName?: string };
      };
      return String(parsed.CustomField?.fullName ?? file.slice(0, -'.field-meta.xml'.length));
    })
    .sort();
}

/**
 * Builds the resource from the custom metadata records of a source directory.
 * @param root a package directory such as force-app (its `main/default/customMetadata` holds the records)
 */
export function buildConfigResource(root: string = forceAppDir): ConfigResource {
  const dir = join(defaultDir(root), 'customMetadata');
  const files = existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.md-meta.xml')) : [];
  const byType = new Map<string, MetadataRecord[]>();
  for (const file of files.sort()) {
    const base = file.slice(0, -'.md-meta.xml'.length);
    const dot = base.indexOf('.');
    if (dot <= 0)
      throw new Error(`${join(dir, file)}: a custom metadata record file is named <Type>.<Record>.md-meta.xml`);
    const typeApiName = `${base.slice(0, dot)}__mdt`;
    const record = parseCustomMetadataXml(readFileSync(join(dir, file), 'utf8'), base.slice(dot + 1));
    byType.set(typeApiName, [...(byType.get(typeApiName) ?? []), record]);
  }
  const types: Record<string, MetadataRecord[]> = {};
  for (const typeApiName of [...byType.keys()].sort()) {
    const fields = typeFields(root, typeApiName);
    types[typeApiName] = (byType.get(typeApiName) ?? [])
      .sort((a, b) => (a.DeveloperName < b.DeveloperName ? -1 : a.DeveloperName > b.DeveloperName ? 1 : 0))
      .map((record) => {
        const complete: MetadataRecord = { DeveloperName: record.DeveloperName, MasterLabel: record.MasterLabel };
        for (const field of fields) complete[field] = record[field] ?? null;
        // A value for a field the type does not (or no longer) define is kept: the deploy will say what is wrong.
        for (const [field, value] of Object.entries(record)) if (!(field in complete)) complete[field] = value;
        return complete;
      });
  }
  return { format: CONFIG_FORMAT, types };
}

/** The resource file's text, as committed (two-space JSON and a final newline). */
export function configResourceText(resource: ConfigResource): string {
  return `${JSON.stringify(resource, null, 2)}\n`;
}

const RESOURCE_META = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<StaticResource xmlns="http://soap.sforce.com/2006/04/metadata">',
  '  <cacheControl>Private</cacheControl>',
  '  <contentType>application/json</contentType>',
  '  <description>Generated from the custom metadata records of the package (calendars, SLA templates, handover template items...) for the Maintenance components, which read it through @salesforce/resourceUrl. Do not edit: run npm run generate:config, sf maintenance deploy or sf maintenance calendar holidays.</description>',
  '</StaticResource>',
  ''
].join('\n');

/** Where the resource and its meta file live in a source directory. */
export function configResourcePaths(root: string = forceAppDir): { body: string; meta: string } {
  const dir = join(defaultDir(root), 'staticresources');
  return {
    body: join(dir, `${CONFIG_RESOURCE_NAME}.json`),
    meta: join(dir, `${CONFIG_RESOURCE_NAME}.resource-meta.xml`)
  };
}

/**
 * Regenerates the resource of a source directory, writing only the files whose content changes.
 * @returns whether a file was written, and the record count per type
 */
export function writeConfigResource(root: string = forceAppDir): { written: boolean; records: Record<string, number> } {
  const resource = buildConfigResource(root);
  const paths = configResourcePaths(root);
  let written = false;
  for (const [file, text] of [
    [paths.body, configResourceText(resource)],
    [paths.meta, RESOURCE_META]
  ] as const) {
    if (existsSync(file) && readFileSync(file, 'utf8') === text) continue;
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
    written = true;
  }
  const records: Record<string, number> = {};
  for (const [type, list] of Object.entries(resource.types)) records[type] = list.length;
  return { written, records };
}

/**
 * Before a deploy: regenerates the resource of a source directory that holds custom metadata records (a directory
 * without any is left alone, so that deploying a partial source directory never ships an empty configuration).
 * @returns whether the resource was regenerated
 */
export function regenerateConfigResource(root: string): boolean {
  if (!existsSync(join(defaultDir(root), 'customMetadata'))) return false;
  writeConfigResource(root);
  return true;
}
