/**
 * The Metadata API's `retrieve` and `checkRetrieveStatus`, as `sf project retrieve start` and SDR use them: the
 * components a RetrieveRequest names (`unpackaged` types with members or `*`), zipped in Metadata API format
 * (`package.xml` and the files, under `unpackaged/` unless `singlePackage`), with their FileProperties and, for
 * members the org does not have, the messages Salesforce gives. What comes back is what was deployed: a top-level
 * component's files as deployed; a parent with child types (CustomObject, CustomLabels) rebuilt from its own
 * definition and its current children, which later deploys may have changed one by one; a child type asked alone
 * (CustomField `Obj.Field`) in its parent's file with only the children asked.
 *
 * The zip is built when `retrieve` is called (a snapshot) and kept for `checkRetrieveStatus` (the 20 most recent).
 */
import { strToU8, zipSync } from 'fflate';
import { SfApiError } from '../errors.js';
import { makeId, normalizeId } from '../ids.js';
import { soapResult, type SoapResponse, type XmlObject } from '../soap.js';
import type { Store } from '../store.js';
import { child, childBoolean, children, childText, parseXml, serializeElement, type XmlElement } from '../xml.js';
import { childTypeByName, fileNameOf, typeByName, type MetadataType } from './registry.js';
import {
  componentFiles,
  getComponent,
  getRetrieve,
  listComponents,
  saveRetrieve,
  type StoredComponent
} from './repository.js';

const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

interface FileEntry {
  path: string;
  bytes: Uint8Array;
}

/** What one retrieve gathers: files by path, their FileProperties, and messages for what is missing. */
interface Gathered {
  files: Map<string, Uint8Array>;
  properties: { type: string; fullName: string; fileName: string; stored?: StoredComponent }[];
  messages: { fileName: string; problem: string }[];
  /** Members actually retrieved, by type, for the package.xml of the zip. */
  members: Map<string, Set<string>>;
}

function xmlFile(root: XmlElement): Uint8Array {
  return strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n${serializeElement(root)}\n`);
}

/**
 * A parent's file rebuilt from its own stored definition (when deployed) and the stored children `kids` (already
 * filtered): its own elements and the children's, in element name order (Salesforce's schema order is
 * alphabetical), children by full name.
 */
function parentFile(type: MetadataType, stored: StoredComponent | undefined, kids: StoredComponent[]): XmlElement {
  const own = stored?.content ? parseXml(stored.content) : undefined;
  const root: XmlElement = {
    name: type.name,
    attrs: own?.attrs ?? { xmlns: METADATA_NS },
    children: [],
    text: '',
    line: 1,
    column: 1
  };
  const childElements = [...kids]
    .sort((a, b) => a.fullName.localeCompare(b.fullName))
    .map((kid) => parseXml(kid.content));
  root.children = [...(own?.children ?? []), ...childElements].sort((a, b) => a.name.localeCompare(b.name));
  return root;
}

/** Stored children of the parent `parentName` of `type` (every child type), or those of one child type. */
function childrenOf(store: Store, type: MetadataType, parentName: string, only?: string): StoredComponent[] {
  const kids: StoredComponent[] = [];
  for (const childType of type.children) {
    if (only && childType.name !== only) continue;
    for (const stored of listComponents(store, childType.name)) {
      const belongs =
        childType.ignoreParentName || stored.fullName.toLowerCase().startsWith(`${parentName.toLowerCase()}.`);
      if (belongs && stored.content) kids.push(stored);
    }
  }
  return kids;
}

function addMember(gathered: Gathered, type: string, fullName: string): void {
  const set = gathered.members.get(type) ?? new Set<string>();
  set.add(fullName);
  gathered.members.set(type, set);
}

/** One top-level component into the gathered files; false when the org does not have it. */
function gatherTopLevel(
  store: Store,
  type: MetadataType,
  fullName: string,
  gathered: Gathered,
  prefix: string
): boolean {
  const stored = getComponent(store, type.name, fullName);
  if (type.children.length > 0) {
    const kids = childrenOf(store, type, stored?.fullName ?? fullName);
    if (!stored && kids.length === 0) return false;
    const name = stored?.fullName ?? fullName;
    const path = fileNameOf(type, name);
    gathered.files.set(prefix + path, xmlFile(parentFile(type, stored, kids)));
    gathered.properties.push({ type: type.name, fullName: name, fileName: prefix + path, stored });
    addMember(gathered, type.name, name);
    return true;
  }
  if (!stored) return false;
  let files: FileEntry[] = componentFiles(store, type.name, stored.fullName);
  // Components deployed before their files were kept come back as their definition alone.
  if (files.length === 0 && stored.content) {
    files = [{ path: stored.fileName, bytes: strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n${stored.content}\n`) }];
  }
  for (const file of files) gathered.files.set(prefix + file.path, file.bytes);
  gathered.properties.push({ type: type.name, fullName: stored.fullName, fileName: prefix + stored.fileName, stored });
  addMember(gathered, type.name, stored.fullName);
  return true;
}

/** The full names `*` stands for: every component of the type (custom objects only, as Salesforce's wildcard). */
function wildcard(store: Store, type: MetadataType): string[] {
  const names = new Set(listComponents(store, type.name).map((stored) => stored.fullName));
  if (type.name === 'CustomObject') {
    for (const name of [...names]) if (!/__(c|mdt)$/.test(name)) names.delete(name);
  }
  return [...names].sort();
}

function notFound(gathered: Gathered, prefix: string, type: string, fullName: string): void {
  gathered.messages.push({
    fileName: `${prefix}package.xml`,
    problem: `Entity of type '${type}' named '${fullName}' cannot be found`
  });
}

function gather(store: Store, manifest: { name: string; members: string[] }[], prefix: string): Gathered {
  const gathered: Gathered = { files: new Map(), properties: [], messages: [], members: new Map() };
  const wholeParents = new Set<string>();
  // Top-level types first, so that a child type asked as well does not replace its whole parent's file.
  const ordered = [...manifest].sort((a, b) => Number(!typeByName(a.name)) - Number(!typeByName(b.name)));
  const partial = new Map<string, { type: MetadataType; parentName: string; kids: StoredComponent[] }>();
  for (const { name, members } of ordered) {
    const type = typeByName(name);
    if (type) {
      const names = members.includes('*')
        ? [...new Set([...wildcard(store, type), ...members.filter((m) => m !== '*')])]
        : members;
      for (const fullName of names) {
        if (gatherTopLevel(store, type, fullName, gathered, prefix)) {
          wholeParents.add(`${type.name}#${fullName}`.toLowerCase());
          continue;
        }
        // A folder of an in-folder type is named as a member of that type (`Maintenance_Reports/` under Report).
        const folderType = type.folderTypeName ? typeByName(type.folderTypeName) : undefined;
        const folder = fullName.replace(/\/$/, '');
        if (!(folderType && !folder.includes('/') && gatherTopLevel(store, folderType, folder, gathered, prefix))) {
          notFound(gathered, prefix, type.name, fullName);
        }
      }
      continue;
    }
    const childInfo = childTypeByName(name);
    if (!childInfo) {
      gathered.messages.push({ fileName: `${prefix}package.xml`, problem: `Entity type: '${name}' is unknown` });
      continue;
    }
    const stored = listComponents(store, childInfo.child.name).filter((kid) => kid.content);
    const wanted = members.includes('*')
      ? stored
      : members.flatMap((member) => {
          const found = stored.find((kid) => kid.fullName.toLowerCase() === member.toLowerCase());
          if (!found) notFound(gathered, prefix, childInfo.child.name, member);
          return found ? [found] : [];
        });
    for (const kid of wanted) {
      const parentName = childInfo.child.ignoreParentName ? childInfo.parent.name : kid.fullName.split('.')[0];
      if (wholeParents.has(`${childInfo.parent.name}#${parentName}`.toLowerCase())) continue;
      const key = `${childInfo.parent.name}#${parentName}`.toLowerCase();
      const entry = partial.get(key) ?? { type: childInfo.parent, parentName, kids: [] };
      entry.kids.push(kid);
      partial.set(key, entry);
      gathered.properties.push({
        type: childInfo.child.name,
        fullName: kid.fullName,
        fileName: prefix + fileNameOf(childInfo.parent, parentName),
        stored: kid
      });
      addMember(gathered, childInfo.child.name, kid.fullName);
    }
  }
  for (const { type, parentName, kids } of partial.values()) {
    gathered.files.set(prefix + fileNameOf(type, parentName), xmlFile(parentFile(type, undefined, kids)));
  }
  return gathered;
}

/** The package.xml of the zip: what was retrieved, type by type. */
function packageXml(members: Map<string, Set<string>>, version: string): Uint8Array {
  const types = [...members.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([name, names]) =>
        `    <types>\n${[...names]
          .sort()
          .map((member) => `        <members>${member}</members>\n`)
          .join('')}        <name>${name}</name>\n    </types>\n`
    )
    .join('');
  return strToU8(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="${METADATA_NS}">\n${types}    <version>${version}</version>\n</Package>\n`
  );
}

/** `retrieve`: builds the zip now and answers an AsyncResult (`checkRetrieveStatus` answers the rest). */
export function retrieve(args: XmlElement | undefined, store: Store): SoapResponse {
  const request = child(args, 'request') ?? child(args, 'retrieveRequest');
  if (!request) throw new SfApiError('soapenv:Client', 'The retrieve call carries no RetrieveRequest');
  const packageNames = children(request, 'packageNames').map((element) => element.text.trim());
  const unpackaged = child(request, 'unpackaged');
  const version = childText(unpackaged, 'version') ?? childText(request, 'apiVersion') ?? '64.0';
  const singlePackage = childBoolean(request, 'singlePackage') === true;
  const prefix = singlePackage ? '' : 'unpackaged/';
  const manifest = children(unpackaged, 'types').map((types) => ({
    name: childText(types, 'name') ?? '',
    members: children(types, 'members').map((member) => member.text.trim())
  }));
  const gathered = gather(store, manifest, prefix);
  for (const name of packageNames) {
    gathered.messages.push({ fileName: `${name}/package.xml`, problem: `No package named '${name}' found` });
  }
  gathered.files.set(`${prefix}package.xml`, packageXml(gathered.members, version));
  const zip = Buffer.from(zipSync(Object.fromEntries(gathered.files), { level: 6 })).toString('base64');
  const id = makeId('09S', store.nextSequence('id:09S'));
  const by = store.identity.userId;
  const user = store.getRecord('User', by);
  const byName = typeof user?.Name === 'string' ? user.Name : store.identity.username;
  const fileProperties: XmlObject[] = [
    ...gathered.properties.map((entry) => ({
      createdById: by,
      createdByName: byName,
      createdDate: entry.stored?.createdDate ?? store.identity.createdDate,
      fileName: entry.fileName,
      fullName: entry.fullName,
      id: entry.stored?.id ?? '',
      lastModifiedById: by,
      lastModifiedByName: byName,
      lastModifiedDate: entry.stored?.lastModifiedDate ?? store.identity.createdDate,
      manageableState: 'unmanaged',
      type: entry.type
    })),
    {
      createdById: by,
      createdByName: byName,
      createdDate: new Date().toISOString(),
      fileName: `${prefix}package.xml`,
      fullName: `${prefix}package.xml`,
      id: '',
      lastModifiedById: by,
      lastModifiedByName: byName,
      lastModifiedDate: new Date().toISOString(),
      manageableState: 'unmanaged',
      type: 'Package'
    }
  ];
  store.transaction(() =>
    saveRetrieve(store, id, JSON.stringify({ fileProperties, messages: gathered.messages }), zip)
  );
  return soapResult('retrieve', { done: false, id, state: 'Queued' });
}

/** `checkRetrieveStatus`: the RetrieveResult of a retrieve (with its zip unless `includeZip` is false). */
export function checkRetrieveStatus(args: XmlElement | undefined, store: Store): SoapResponse {
  const rawId = childText(args, 'asyncProcessId') ?? childText(args, 'id') ?? '';
  const id = normalizeId(rawId);
  const saved = id ? getRetrieve(store, id) : undefined;
  if (!id || !saved) throw new SfApiError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id: ${rawId}`);
  const { fileProperties, messages } = JSON.parse(saved.result) as {
    fileProperties: XmlObject[];
    messages: { fileName: string; problem: string }[];
  };
  return soapResult('checkRetrieveStatus', {
    done: true,
    fileProperties,
    id,
    messages,
    status: 'Succeeded',
    success: true,
    zipFile: childText(args, 'includeZip') === 'false' ? undefined : saved.zip
  });
}
