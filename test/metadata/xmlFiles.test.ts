import { describe, expect, it } from '@jest/globals';
import { ComponentSet, type SourceComponent } from '@salesforce/source-deploy-retrieve';
import { relative } from 'node:path';
import { fieldText } from '../../src/shared/recordFields.js';
import { elementOrder, filesUnder, readMetadataXml, xmlSyntaxError } from './lib/xml.js';
import { dataModelDirs, forceAppDir, projectRoot } from './lib/paths.js';

const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';
const xmlFiles = filesUnder(forceAppDir, '.xml');

/** Metadata XML file -> metadata type name, from source-deploy-retrieve's own resolution. */
function typesByXmlFile(): Map<string, string> {
  const types = new Map<string, string>();
  const add = (component: SourceComponent): void => {
    // Children that live in their parent's file (custom labels) keep the parent's type.
    if (component.xml && !types.has(component.xml)) types.set(component.xml, component.type.name);
    component.getChildren().forEach(add);
  };
  ComponentSet.fromSource(forceAppDir).getSourceComponents().toArray().forEach(add);
  return types;
}

describe('metadata XML files', () => {
  it('exist', () => {
    expect(xmlFiles.length).toBeGreaterThan(100);
  });

  it('are all well-formed', () => {
    const broken = xmlFiles
      .map((file) => [relative(projectRoot, file), xmlSyntaxError(file)])
      .filter(([, error]) => error);
    expect(broken).toEqual([]);
  });

  it('have the root element of their metadata type, in the metadata namespace', () => {
    const types = typesByXmlFile();
    const wrong: string[] = [];
    for (const file of xmlFiles) {
      const type = types.get(file);
      if (!type) continue; // not a metadata file of its own (e.g. a test fixture); the SDR test covers coverage
      const { rootName, root } = readMetadataXml(file);
      if (rootName !== type) wrong.push(`${relative(projectRoot, file)}: <${rootName}> for ${type}`);
      if (root['@_xmlns'] !== METADATA_NAMESPACE)
        wrong.push(`${relative(projectRoot, file)}: xmlns ${fieldText(root['@_xmlns'], '(none)')}`);
    }
    expect(types.size).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });

  it('list their elements in schema order (alphabetical, fullName first) in the data model folders', () => {
    // The Metadata API rejects elements out of their schema sequence ("Element ... invalid at this location").
    const unordered: string[] = [];
    for (const file of dataModelDirs.flatMap((dir) => filesUnder(dir, '-meta.xml'))) {
      // One run per element name: repeated elements must stay together, then runs must be sorted.
      const runs = elementOrder(file).filter((name, i, all) => i === 0 || all[i - 1] !== name);
      const rank = (name: string): string => (name === 'fullName' ? '' : name);
      const sorted = [...runs].sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
      if (runs.join() !== sorted.join()) unordered.push(`${relative(projectRoot, file)}: ${runs.join(', ')}`);
    }
    expect(unordered).toEqual([]);
  });
});
