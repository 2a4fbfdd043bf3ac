/**
 * XML for the Metadata API: a small element tree (names without namespace prefixes, attributes, text, children and
 * the line each element starts on, so that deploy failures can name a line) parsed with fast-xml-parser, and the
 * escaping used when writing SOAP responses.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  /** Local name (namespace prefix removed). */
  name: string;
  /** Attributes by their qualified name (`xsi:type`). */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content directly inside this element, entities decoded. */
  text: string;
  /** 1-based line and column where the element's start tag begins. */
  line: number;
  column: number;
}

/** Malformed XML, with the position the parser stopped at. */
export class XmlSyntaxError extends Error {
  public constructor(
    message: string,
    public readonly line?: number,
    public readonly column?: number
  ) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true
});
const META = XMLParser.getMetaDataSymbol() as unknown as string;

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/** Maps character offsets to 1-based lines and columns. */
function positionFinder(source: string): (offset: number) => { line: number; column: number } {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low] + 1 };
  };
}

/** Deepest element nesting accepted (metadata is a few levels deep; deeper would overflow the stack). */
const MAX_DEPTH = 200;

function convert(
  node: OrderedNode,
  locate: (offset: number) => { line: number; column: number },
  depth = 0
): XmlElement | undefined {
  if (depth > MAX_DEPTH) throw new XmlSyntaxError(`Elements are nested more than ${MAX_DEPTH} levels deep`);
  const key = Object.keys(node).find((k) => k !== ':@' && k !== '#text' && !k.startsWith('?'));
  if (!key) return undefined;
  const meta = (node as Record<string, unknown>)[META] as { startIndex?: number } | undefined;
  const { line, column } = locate(meta?.startIndex ?? 0);
  const element: XmlElement = {
    name: localName(key),
    attrs: { ...(node[':@'] ?? {}) },
    children: [],
    text: '',
    line,
    column
  };
  for (const child of (node[key] as OrderedNode[]) ?? []) {
    if ('#text' in child) element.text += String(child['#text']);
    else {
      const converted = convert(child, locate, depth + 1);
      if (converted) element.children.push(converted);
    }
  }
  // Only leaf elements carry meaningful text; the whitespace between child elements is formatting.
  if (element.children.length > 0 && element.text.trim() === '') element.text = '';
  return element;
}

/**
 * Parses an XML document to its root element. Throws {@link XmlSyntaxError} (with line and column) for malformed
 * XML, and refuses DOCTYPE declarations: metadata never has one, and entity definitions are an expansion risk.
 */
export function parseXml(source: string): XmlElement {
  if (/<!DOCTYPE/i.test(source)) throw new XmlSyntaxError('DOCTYPE is not allowed in metadata XML');
  const valid = XMLValidator.validate(source);
  if (valid !== true) throw new XmlSyntaxError(valid.err.msg, valid.err.line, valid.err.col);
  const locate = positionFinder(source);
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(source) as OrderedNode[];
  } catch (error) {
    // The validator passes a few documents the parser refuses (nesting deeper than its limit).
    throw new XmlSyntaxError((error as Error).message);
  }
  const roots = nodes.map((node) => convert(node, locate)).filter((e): e is XmlElement => e !== undefined);
  if (roots.length !== 1) throw new XmlSyntaxError('The document must have exactly one root element', 1, 1);
  return roots[0];
}

/** The first child element named `name`. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** Every child element named `name`. */
export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

/** The trimmed text of the first child named `name`, or undefined when absent. */
export function childText(element: XmlElement | undefined, name: string): string | undefined {
  const found = child(element, name);
  return found === undefined ? undefined : found.text.trim();
}

/** True when the child is `true` (case-insensitive), false when `false`, undefined when absent. */
export function childBoolean(element: XmlElement | undefined, name: string): boolean | undefined {
  const text = childText(element, name);
  if (text === undefined) return undefined;
  return text.toLowerCase() === 'true';
}

/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Escapes element content only as XML requires (& < >): quotes stay as written, as Salesforce writes metadata. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Writes an element tree back to XML (used to store and return child components such as one field). */
export function serializeElement(element: XmlElement, indent = ''): string {
  const attrs = Object.entries(element.attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  if (element.children.length === 0) {
    return element.text === ''
      ? `${indent}<${element.name}${attrs}/>`
      : `${indent}<${element.name}${attrs}>${escapeText(element.text)}</${element.name}>`;
  }
  const inner = element.children.map((c) => serializeElement(c, `${indent}    `)).join('\n');
  return `${indent}<${element.name}${attrs}>\n${inner}\n${indent}</${element.name}>`;
}
