/**
 * The deploy zip: its files (with limits against zip bombs), the package root (`package.xml` at the top, or one
 * folder down as in `unpackaged/package.xml`) and the manifest that says what to deploy.
 */
import { unzipSync } from 'fflate';
import { child, childText, children, parseXml, XmlSyntaxError } from '../xml.js';

/** Deploys bigger than Salesforce's own limits are refused before unzipping. */
export const MAX_ZIP_ENTRIES = 10_000;
export const MAX_UNZIPPED_BYTES = 400 * 1024 * 1024;

export interface DeployPackage {
  /** Folder holding package.xml inside the zip (`''`, or `unpackaged/` for multi-package zips). */
  root: string;
  /** Files by path relative to the package root. */
  files: Map<string, Uint8Array>;
  /** Members by type name; `*` stands for every component of the type in the zip. */
  manifest: Map<string, string[]>;
  apiVersion?: string;
  /** Paths of destructive manifests found (deletions are not supported and are reported). */
  destructiveManifests: string[];
}

/** A problem with the zip or its manifest as a whole (reported against `package.xml`). */
export class PackageError extends Error {
  public constructor(
    message: string,
    public readonly line?: number,
    public readonly column?: number
  ) {
    super(message);
    this.name = 'PackageError';
  }
}

/** Unzips a base64 zip, refusing oversized, encrypted or unusually compressed archives. */
export function readZip(base64: string): Map<string, Uint8Array> {
  const bytes = Buffer.from(base64.replace(/\s+/g, ''), 'base64');
  if (bytes.length < 22) throw new PackageError('The deploy payload is not a zip file');
  let entries = 0;
  let declared = 0;
  let unzipped: Record<string, Uint8Array>;
  try {
    unzipped = unzipSync(bytes, {
      filter: (file) => {
        entries++;
        declared += file.originalSize;
        if (entries > MAX_ZIP_ENTRIES) throw new PackageError(`The zip holds more than ${MAX_ZIP_ENTRIES} files`);
        if (declared > MAX_UNZIPPED_BYTES) {
          throw new PackageError(`The zip expands to more than ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB`);
        }
        if (file.compression !== 0 && file.compression !== 8) {
          throw new PackageError(`Unsupported compression method ${file.compression} for ${file.name}`);
        }
        return !file.name.endsWith('/');
      }
    });
  } catch (error) {
    if (error instanceof PackageError) throw error;
    throw new PackageError(`The deploy payload is not a valid zip file: ${(error as Error).message}`);
  }
  const files = new Map<string, Uint8Array>();
  let total = 0;
  for (const [name, data] of Object.entries(unzipped)) {
    total += data.length;
    // The declared sizes can lie; the real ones cannot.
    if (total > MAX_UNZIPPED_BYTES) throw new PackageError('The zip expands beyond the size limit');
    files.set(name.replace(/\\/g, '/').replace(/^\.\//, ''), data);
  }
  return files;
}

/** Parses a package.xml manifest into members by type. */
export function parseManifest(xml: string): { members: Map<string, string[]>; version?: string } {
  let root;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlSyntaxError)
      throw new PackageError(`Error parsing package.xml: ${error.message}`, error.line, error.column);
    throw error;
  }
  if (root.name !== 'Package')
    throw new PackageError('package.xml must have a Package root element', root.line, root.column);
  const members = new Map<string, string[]>();
  for (const types of children(root, 'types')) {
    const name = childText(types, 'name');
    if (!name) throw new PackageError('A <types> element of package.xml has no <name>', types.line, types.column);
    const list = members.get(name) ?? [];
    list.push(...children(types, 'members').map((m) => m.text.trim()));
    members.set(name, list);
  }
  return { members, version: child(root, 'version')?.text.trim() };
}

/** Reads the deploy zip: finds the package root and parses its manifest. */
export function readDeployPackage(base64: string): DeployPackage {
  const all = readZip(base64);
  const manifestPaths = [...all.keys()].filter((p) => /^([^/]+\/)?package\.xml$/.test(p));
  if (manifestPaths.length === 0) throw new PackageError('No package.xml found');
  if (manifestPaths.length > 1) throw new PackageError(`More than one package.xml found: ${manifestPaths.join(', ')}`);
  const root = manifestPaths[0].slice(0, -'package.xml'.length);
  const files = new Map<string, Uint8Array>();
  for (const [path, data] of all) {
    if (path.startsWith(root)) files.set(path.slice(root.length), data);
  }
  const { members, version } = parseManifest(Buffer.from(files.get('package.xml') as Uint8Array).toString('utf8'));
  const destructiveManifests = [...files.keys()].filter((p) => /^destructiveChanges(Pre|Post)?\.xml$/.test(p));
  return { root, files, manifest: members, apiVersion: version, destructiveManifests };
}
