// Every label a component imports must exist in CustomLabels, and every label must have a French translation with
// the same {n} placeholders: the package's first users are French, and a missing label fails the deployment.
const fs = require('fs');
const path = require('path');

const defaultDir = path.resolve(__dirname, '..', '..');

function readLabels(file, tag, nameTag, valueTag) {
  const xml = fs.readFileSync(path.join(defaultDir, file), 'utf8');
  const blocks = xml.match(new RegExp(`<${tag}>[\\s\\S]*?</${tag}>`, 'g')) ?? [];
  const result = new Map();
  for (const block of blocks) {
    const name = block.match(new RegExp(`<${nameTag}\\s*>([^<]*)</${nameTag}>`))[1];
    const value = block.match(new RegExp(`<${valueTag}\\s*>([^<]*)</${valueTag}>`))[1];
    result.set(name, value);
  }
  return result;
}

function componentSources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === '__tests__' ? [] : componentSources(full);
    }
    return entry.name.endsWith('.js') ? [full] : [];
  });
}

function placeholders(text) {
  return [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();
}

const english = readLabels('labels/CustomLabels.labels-meta.xml', 'labels', 'fullName', 'value');
const french = readLabels('translations/fr.translation-meta.xml', 'customLabels', 'name', 'label');

describe('custom labels', () => {
  it('defines every label the components import', () => {
    const imported = new Set();
    for (const file of componentSources(path.join(defaultDir, 'lwc'))) {
      const source = fs.readFileSync(file, 'utf8');
      for (const match of source.matchAll(/@salesforce\/label\/c\.([A-Za-z0-9_]+)/g)) {
        imported.add(match[1]);
      }
    }
    expect(imported.size).toBeGreaterThan(0);
    const missing = [...imported].filter((name) => !english.has(name));
    expect(missing).toEqual([]);
  });

  it('translates every label into French with the same placeholders', () => {
    const untranslated = [...english.keys()].filter((name) => !french.get(name));
    expect(untranslated).toEqual([]);
    const mismatched = [...english.entries()].filter(
      ([name, value]) => placeholders(value).join() !== placeholders(french.get(name)).join()
    );
    expect(mismatched).toEqual([]);
    const orphans = [...french.keys()].filter((name) => !english.has(name));
    expect(orphans).toEqual([]);
  });
});
