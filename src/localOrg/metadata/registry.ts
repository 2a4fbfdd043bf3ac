/**
 * Metadata types as the Metadata API knows them: folder and suffix of each type in a Metadata API zip, the child
 * types held inside a parent file (fields inside an `.object`), for mapping deployed files to components and for
 * `describeMetadata`. The data is the type registry that @salesforce/source-deploy-retrieve ships (the same table the
 * client used to build the zip), read as JSON so that the org does not load the whole library.
 */
import { createRequire } from 'node:module';

interface RegistryChildType {
  name: string;
  directoryName?: string;
  xmlElementName?: string;
  uniqueIdElement?: string;
  ignoreParentName?: boolean;
  isAddressable?: boolean;
}

interface RegistryType {
  id: string;
  name: string;
  directoryName?: string;
  suffix?: string;
  inFolder?: boolean;
  folderType?: string;
  folderContentType?: string;
  strategies?: { adapter?: string };
  children?: { types: Record<string, RegistryChildType> };
}

interface RegistryJson {
  types: Record<string, RegistryType>;
}

const registry = createRequire(import.meta.url)(
  '@salesforce/source-deploy-retrieve/lib/src/registry/metadataRegistry.json'
) as RegistryJson;

/** A type that lives in its own file(s) in the zip. */
export interface MetadataType {
  name: string;
  directoryName: string;
  suffix?: string;
  inFolder: boolean;
  /** The folder type (`ReportFolder`) of an in-folder type. */
  folderTypeName?: string;
  /** True for folder types themselves. */
  isFolder: boolean;
  /** One component spans several files (LWC and Aura bundles, static resources, experience bundles). */
  isBundle: boolean;
  /** Content file plus `-meta.xml` (ApexClass, StaticResource, Document). */
  metaFile: boolean;
  children: ChildType[];
}

/** A type held inside its parent's file (CustomField inside CustomObject). */
export interface ChildType {
  name: string;
  /** Element name inside the parent file (`fields`). */
  elementName: string;
  /** Child element holding the child's own name (`fullName`). */
  idElement: string;
  /** When true the child's full name is its own name, not `Parent.Child` (CustomLabel). */
  ignoreParentName: boolean;
}

const BUNDLE_ADAPTERS = new Set(['bundle', 'mixedContent', 'digitalExperience', 'uiBundles']);

function toType(raw: RegistryType): MetadataType | undefined {
  if (!raw.directoryName) return undefined;
  const adapter = raw.strategies?.adapter;
  return {
    name: raw.name,
    directoryName: raw.directoryName,
    suffix: raw.suffix,
    inFolder: raw.inFolder === true,
    folderTypeName: raw.folderType ? registry.types[raw.folderType]?.name : undefined,
    isFolder: raw.folderContentType !== undefined,
    isBundle: adapter !== undefined && BUNDLE_ADAPTERS.has(adapter),
    metaFile: adapter === 'matchingContentFile' || adapter === 'mixedContent',
    children: Object.values(raw.children?.types ?? {})
      .filter((c) => c.isAddressable !== false)
      .map((c) => ({
        name: c.name,
        elementName: c.xmlElementName ?? c.directoryName ?? c.name,
        idElement: c.uniqueIdElement ?? 'fullName',
        ignoreParentName: c.ignoreParentName === true
      }))
  };
}

const TYPES: MetadataType[] = Object.values(registry.types)
  .map(toType)
  .filter((t): t is MetadataType => t !== undefined);
const BY_NAME = new Map(TYPES.map((t) => [t.name.toLowerCase(), t]));
const CHILD_PARENT = new Map<string, { parent: MetadataType; child: ChildType }>();
for (const parent of TYPES) {
  for (const c of parent.children) CHILD_PARENT.set(c.name.toLowerCase(), { parent, child: c });
}

/** Every top-level type. */
export function allTypes(): MetadataType[] {
  return TYPES;
}

/** The top-level type named `name` (case-insensitive). */
export function typeByName(name: string): MetadataType | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** For a child type name (`CustomField`), its parent type and child description. */
export function childTypeByName(name: string): { parent: MetadataType; child: ChildType } | undefined {
  return CHILD_PARENT.get(name.toLowerCase());
}

/** The type and component full name of a file of a Metadata API zip (path relative to the package root). */
export function componentOfPath(path: string): { type: MetadataType; fullName: string } | undefined {
  const segments = path.split('/');
  if (segments.length < 2 || segments.some((s) => s === '' || s === '.' || s === '..')) return undefined;
  const [directory, ...rest] = segments;
  const candidates = TYPES.filter((t) => t.directoryName === directory);
  if (candidates.length === 0) return undefined;
  const relative = rest.join('/').replace(/-meta\.xml$/, '');

  const bundle = candidates.find((t) => t.isBundle);
  if (bundle) {
    const depth = bundle.inFolder ? 2 : 1;
    if (rest.length > depth || !bundle.suffix) {
      return { type: bundle, fullName: rest.slice(0, depth).join('/') };
    }
  }
  for (const type of candidates) {
    if (type.isFolder || !type.suffix) continue;
    const ending = `.${type.suffix}`;
    if (relative.endsWith(ending)) return { type, fullName: relative.slice(0, -ending.length) };
  }
  // Folders of in-folder types: `reports/Sales-meta.xml` or `reports/Sales.reportFolder-meta.xml`.
  const folder = candidates.find((t) => t.isFolder);
  if (folder && rest.length === 1 && path.endsWith('-meta.xml')) {
    const name = relative.replace(new RegExp(`\\.${folder.suffix ?? 'folder'}$`), '');
    return { type: folder, fullName: name };
  }
  if (bundle?.suffix) {
    // Mixed-content types keep any extension on the content file (`Logo.png` for a Document).
    const withoutExtension = relative.replace(/\.[^./]+$/, '');
    if (withoutExtension !== relative || path.endsWith('-meta.xml'))
      return { type: bundle, fullName: withoutExtension };
  }
  return undefined;
}

/** The zip path of a single-file component (`objects/Account.object`), for listMetadata and deploy messages. */
export function fileNameOf(type: MetadataType, fullName: string): string {
  if (type.isBundle && !type.suffix) return `${type.directoryName}/${fullName}`;
  return `${type.directoryName}/${fullName}${type.suffix ? `.${type.suffix}` : ''}`;
}
