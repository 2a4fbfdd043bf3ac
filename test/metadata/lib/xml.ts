/**
 * Reading Salesforce metadata XML for the metadata tests: one parser configuration for every file, and the small
 * helpers that turn fast-xml-parser's output (a single element is an object, a repeated one an array) into plain
 * values.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fieldText } from '../../../src/shared/recordFields.js';

/** A parsed XML element: child elements by name, attributes as `@_name`, text as `#text` when there are attributes. */
export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

// Values stay strings (a picklist value "1" or a Number default "90" must not become numbers) and text is not
// reflowed: the tests must see formulas exactly as Salesforce will.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true
});

/** Checks that a file is well-formed XML; returns the parser's message, or undefined when it is. */
export function xmlSyntaxError(file: string): string | undefined {
  const result = XMLValidator.validate(readFileSync(file, 'utf8'));
  return result === true ? undefined : `${result.err.code} line ${result.err.line}: ${result.err.msg}`;
}

/** Parses a metadata file and returns its root element name and content. */
export function readMetadataXml(file: string): { rootName: string; root: XmlNode } {
  return parseMetadataXml(readFileSync(file, 'utf8'), file);
}

/** Parses metadata XML text (`source` names it in errors) and returns its root element name and content. */
export function parseMetadataXml(xml: string, source = 'XML'): { rootName: string; root: XmlNode } {
  const doc = parser.parse(xml) as XmlNode;
  const rootName = Object.keys(doc).find((key) => key !== '?xml');
  if (!rootName) throw new Error(`${source}: no root element`);
  const root = doc[rootName];
  return { rootName, root: typeof root === 'object' && !Array.isArray(root) ? root : {} };
}

/** The child elements called `name`, always as a list (absent = empty). */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const value = node?.[name];
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  return values.map((v) => (typeof v === 'string' ? { '#text': v } : (v as XmlNode)));
}

/** The text of the child element `name` (or of an element that carries attributes); undefined when absent. */
export function text(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) throw new Error(`<${name}> is repeated where one was expected`);
  const inner = value['#text'];
  return typeof inner === 'string' ? inner : '';
}

/** The texts of every repeated child element `name`. */
export function texts(node: XmlNode | undefined, name: string): string[] {
  const value = node?.[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' ? v : fieldText((v as XmlNode)['#text'])));
}

/** `<x>true</x>` as a boolean; absent or anything else is false. */
export function flag(node: XmlNode | undefined, name: string): boolean {
  return text(node, name) === 'true';
}

/** The names of the direct child elements in document order (attributes and text excluded). */
export function elementOrder(file: string): string[] {
  // fast-xml-parser groups repeated elements, which loses the order; the order is what the Metadata API checks.
  const xml = readFileSync(file, 'utf8');
  const body = xml.replace(/<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '');
  const names: string[] = [];
  let depth = 0;
  for (const match of body.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (closing) depth--;
    else {
      if (depth === 1) names.push(name);
      if (!selfClosing) depth++;
    }
  }
  return names;
}

/** Every file under `dir` (recursively) whose name ends with `suffix`, sorted. */
export function filesUnder(dir: string, suffix = ''): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(suffix)) found.push(path);
    }
  };
  walk(dir);
  return found.sort();
}
