/**
 * The package's custom labels as the browser build serves them to `@salesforce/label/c.*` imports: the values of
 * `labels/CustomLabels.labels-meta.xml` plus the translations under `translations/`, read from the project's source
 * (the same files a deploy sends), so that the preview shows exactly the words the org would.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

/** Label values by language: `default` is the labels' own language, other keys are translation languages (`fr`). */
export interface LabelCatalog {
  defaultLanguage: string;
  /** Label name -> value in the labels' own language. */
  values: Record<string, string>;
  /** Language (`fr`, `de`...) -> label name -> translated value. */
  translations: Record<string, Record<string, string>>;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === 'labels' || name === 'customLabels'
});

interface LabelsFile {
  CustomLabels?: { labels?: { fullName: string; value: string; language?: string }[] };
}

interface TranslationFile {
  Translations?: { customLabels?: { name: string; label: string }[] };
}

/**
 * Reads every custom label and translation of a source directory (`force-app/main/default`).
 * @param sourceDir the directory holding `labels/` and `translations/`
 * @returns the catalog; empty when the project has no labels
 */
export function readLabelCatalog(sourceDir: string): LabelCatalog {
  const catalog: LabelCatalog = { defaultLanguage: 'en_US', values: {}, translations: {} };
  const labelsDir = join(sourceDir, 'labels');
  if (existsSync(labelsDir)) {
    for (const file of readdirSync(labelsDir)
      .filter((name) => name.endsWith('.labels-meta.xml'))
      .sort()) {
      const parsed = parser.parse(readFileSync(join(labelsDir, file), 'utf8')) as LabelsFile;
      for (const label of parsed.CustomLabels?.labels ?? []) {
        catalog.values[label.fullName] = String(label.value ?? '');
        if (label.language) catalog.defaultLanguage = label.language;
      }
    }
  }
  const translationsDir = join(sourceDir, 'translations');
  if (existsSync(translationsDir)) {
    for (const file of readdirSync(translationsDir)
      .filter((name) => name.endsWith('.translation-meta.xml'))
      .sort()) {
      const language = file.slice(0, -'.translation-meta.xml'.length);
      const parsed = parser.parse(readFileSync(join(translationsDir, file), 'utf8')) as TranslationFile;
      const values: Record<string, string> = {};
      for (const entry of parsed.Translations?.customLabels ?? []) values[entry.name] = String(entry.label ?? '');
      catalog.translations[language] = values;
    }
  }
  return catalog;
}
