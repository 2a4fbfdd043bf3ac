/**
 * From a deploy package to components: every member of package.xml found in the zip, with its file, the XML
 * element that defines it (a whole file, or one child element such as a `<fields>` block of an `.object` file), a
 * content fingerprint (to tell created, changed and unchanged apart) and any problem found while reading it.
 */
import { createHash } from 'node:crypto';
import type { DeployPackage } from './deployPackage.js';
import { childTypeByName, componentOfPath, typeByName, type ChildType, type MetadataType } from './registry.js';
import { childText, parseXml, serializeElement, XmlSyntaxError, type XmlElement } from '../xml.js';

export interface ComponentProblem {
  problem: string;
  line?: number;
  column?: number;
}

export interface DeployComponent {
  /** Metadata type name (`CustomObject`, `CustomField`, ...). */
  type: string;
  fullName: string;
  /** Path in the zip, relative to the package root (what deploy messages call `fileName`). */
  fileName: string;
  /** The defining element: the file's root element, or the child element inside the parent's file. */
  element?: XmlElement;
  /** Stored representation: the XML of this component alone (children of a parent are stored separately). */
  content: string;
  /** Fingerprint of everything the component is made of. */
  hash: string;
  /** Set for child components: the parent's full name (`Account` for `Account.Foo__c`). */
  parentName?: string;
  /** For types made of a content file plus its `-meta.xml` (StaticResource...): the content file. */
  contentFile?: { path: string; bytes: Uint8Array };
  /** A top-level component's files as deployed (paths relative to the package root), kept for retrieve. */
  files?: { path: string; bytes: Uint8Array }[];
  problems: ComponentProblem[];
}

export interface ComponentSet {
  components: DeployComponent[];
  /** Problems of package.xml itself (unknown types, members without files). */
  manifestProblems: { type: string; fullName: string; problem: string }[];
}

interface FileGroup {
  type: MetadataType;
  fullName: string;
  paths: string[];
}

function sha(parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(part);
    hash.update('\0');
  }
  return hash.digest('hex');
}

function decode(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
}

/** The XML file that defines a component of `type`: the file itself, or its `-meta.xml` companion. */
function definingPath(group: FileGroup): string | undefined {
  const metaFiles = group.paths.filter((p) => p.endsWith('-meta.xml'));
  if (group.type.isBundle || group.type.metaFile) return metaFiles[0];
  return group.paths.find((p) => !p.endsWith('-meta.xml')) ?? metaFiles[0];
}

function elementsOfChildType(root: XmlElement, childType: ChildType): XmlElement[] {
  return root.children.filter((c) => c.name === childType.elementName);
}

function childFullName(parentName: string, childType: ChildType, element: XmlElement): string | undefined {
  const own = childText(element, childType.idElement);
  if (!own) return undefined;
  return childType.ignoreParentName ? own : `${parentName}.${own}`;
}

/** The parent's own XML without its child components (so that a field change does not change the object). */
function withoutChildren(root: XmlElement, type: MetadataType): XmlElement {
  const childElements = new Set(type.children.map((c) => c.elementName));
  return { ...root, children: root.children.filter((c) => !childElements.has(c.name)) };
}

/** Finds every package.xml member in the zip and reads the XML that defines it. */
export function collectComponents(pkg: DeployPackage): ComponentSet {
  const groups = new Map<string, FileGroup>();
  for (const path of pkg.files.keys()) {
    if (path === 'package.xml' || pkg.destructiveManifests.includes(path)) continue;
    const located = componentOfPath(path);
    if (!located) continue;
    const key = `${located.type.name}#${located.fullName}`;
    const group = groups.get(key) ?? { type: located.type, fullName: located.fullName, paths: [] };
    group.paths.push(path);
    groups.set(key, group);
  }

  const parsed = new Map<string, { root?: XmlElement; problem?: ComponentProblem }>();
  const parse = (path: string): { root?: XmlElement; problem?: ComponentProblem } => {
    let entry = parsed.get(path);
    if (!entry) {
      try {
        entry = { root: parseXml(decode(pkg.files.get(path) as Uint8Array)) };
      } catch (error) {
        const syntax = error instanceof XmlSyntaxError ? error : undefined;
        entry = {
          problem: {
            problem: `Error parsing file: ${(error as Error).message}`,
            line: syntax?.line,
            column: syntax?.column
          }
        };
      }
      parsed.set(path, entry);
    }
    return entry;
  };

  const components: DeployComponent[] = [];
  const manifestProblems: ComponentSet['manifestProblems'] = [];
  const seen = new Set<string>();
  const add = (component: DeployComponent): void => {
    const key = `${component.type}#${component.fullName}`.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    components.push(component);
  };

  const topLevel = (group: FileGroup): void => {
    const path = definingPath(group);
    const fileName = path ?? group.paths[0];
    const problems: ComponentProblem[] = [];
    let element: XmlElement | undefined;
    if (path) {
      const { root, problem } = parse(path);
      if (problem) problems.push(problem);
      element = root;
      if (root && root.name !== group.type.name && !group.type.isBundle) {
        problems.push({
          problem: `Expected a ${group.type.name} root element but found <${root.name}>`,
          line: root.line
        });
      }
    }
    const contentElement = element && group.type.children.length > 0 ? withoutChildren(element, group.type) : element;
    const sortedPaths = [...group.paths].sort();
    const contentPath = group.type.metaFile ? group.paths.find((p) => !p.endsWith('-meta.xml')) : undefined;
    add({
      type: group.type.name,
      fullName: group.fullName,
      fileName,
      element,
      content: contentElement ? serializeElement(contentElement) : '',
      hash: sha(
        group.type.children.length > 0 && contentElement
          ? [serializeElement(contentElement)]
          : sortedPaths.flatMap((p) => [p, pkg.files.get(p) as Uint8Array])
      ),
      contentFile: contentPath ? { path: contentPath, bytes: pkg.files.get(contentPath) as Uint8Array } : undefined,
      files: sortedPaths.map((path) => ({ path, bytes: pkg.files.get(path) as Uint8Array })),
      problems
    });
    // A parent deploys its whole definition, children included, even those package.xml does not list.
    if (element) for (const childType of group.type.children) addChildren(group, childType, element, undefined);
  };

  const addChildren = (
    group: FileGroup,
    childType: ChildType,
    root: XmlElement,
    only: Set<string> | undefined
  ): void => {
    const fileName = definingPath(group) ?? group.paths[0];
    for (const element of elementsOfChildType(root, childType)) {
      const fullName = childFullName(group.fullName, childType, element);
      if (!fullName) {
        add({
          type: childType.name,
          fullName: `${group.fullName}.<missing ${childType.idElement}>`,
          fileName,
          element,
          content: '',
          hash: '',
          parentName: group.fullName,
          problems: [
            {
              problem: `A ${childType.name} has no <${childType.idElement}>`,
              line: element.line
            }
          ]
        });
        continue;
      }
      if (only && !only.has(fullName.toLowerCase())) continue;
      const content = serializeElement(element);
      add({
        type: childType.name,
        fullName,
        fileName,
        element,
        content,
        hash: sha([content]),
        parentName: group.fullName,
        problems: []
      });
    }
  };

  const missing = (type: string, fullName: string): void => {
    manifestProblems.push({
      type,
      fullName,
      problem: `An object '${fullName}' of type ${type} was named in package.xml, but was not found in zipped directory`
    });
  };

  for (const [typeName, members] of pkg.manifest) {
    const type = typeByName(typeName);
    const wildcard = members.includes('*');
    if (type) {
      // package.xml lists the folders of an in-folder type among its members (`Report`: `Sales/`, `Sales/Pipeline`).
      const ofType = [...groups.values()].filter(
        (g) => g.type === type || (type.folderTypeName !== undefined && g.type.name === type.folderTypeName)
      );
      if (wildcard) ofType.forEach(topLevel);
      for (const member of members.filter((m) => m !== '*')) {
        const group = ofType.find((g) => g.fullName === (g.type.isFolder ? member.replace(/\/$/, '') : member));
        if (group) topLevel(group);
        else if (!wildcard) missing(type.name, member);
      }
      continue;
    }
    const childInfo = childTypeByName(typeName);
    if (!childInfo) {
      manifestProblems.push({
        type: typeName,
        fullName: typeName,
        problem: `Unknown type name '${typeName}' specified in package.xml`
      });
      continue;
    }
    const parents = [...groups.values()].filter((g) => g.type === childInfo.parent);
    for (const member of members) {
      const candidates =
        member === '*'
          ? parents
          : parents.filter((g) => childInfo.child.ignoreParentName || member.startsWith(`${g.fullName}.`));
      const before = components.length;
      for (const group of candidates) {
        const path = definingPath(group);
        const { root, problem } = path ? parse(path) : { root: undefined, problem: undefined };
        if (root)
          addChildren(group, childInfo.child, root, member === '*' ? undefined : new Set([member.toLowerCase()]));
        else if (problem && member !== '*') {
          add({
            type: childInfo.child.name,
            fullName: member,
            fileName: path ?? group.paths[0],
            content: '',
            hash: '',
            parentName: group.fullName,
            problems: [problem]
          });
        }
      }
      const found =
        member === '*' ||
        components.slice(before).length > 0 ||
        components.some((c) => c.type === childInfo.child.name && c.fullName.toLowerCase() === member.toLowerCase());
      if (!found) missing(childInfo.child.name, member);
    }
  }
  return { components, manifestProblems };
}
