/**
 * A rollup plugin that provides the `@salesforce/*` scoped modules the platform compiles into a component, for the
 * browser build:
 * - `@salesforce/schema/Object.Field` -> `{ objectApiName, fieldApiName }` (what the platform inlines);
 * - `@salesforce/label/c.Name` -> the label's value in the user's language, from the project's custom labels and
 *   translations (an unknown label fails the build, as it fails a deploy);
 * - `@salesforce/i18n/locale|lang|timeZone|currency|dir` and `@salesforce/user/Id|isGuest` -> the signed-in user's
 *   settings, which the preview page hands over at run time (the client's `preview/context` module);
 * - `@salesforce/i18n/number.decimalSeparator|groupingSeparator` -> the user's locale's, from the browser's Intl: a
 *   number input reads what the user types with them (`1,5` is one and a half in French, not fifteen);
 * - `@salesforce/resourceUrl/Name` -> the resource's URL in the org, `/resource/<timestamp>/<Name>`, also handed over
 *   by the page (the preview server serves that URL from the org), else `/resource/<Name>`.
 * Other `@salesforce/*` modules the base components import (number and date formats, gates) keep the stubs that
 * lightning-base-components ships.
 */
import type { Plugin } from 'rollup';
import type { LabelCatalog } from './labels.js';

const PREFIX = '\0preview-platform:';
const CATALOG_ID = `${PREFIX}labels`;

/** i18n modules answered from the user's settings, by module name -> property of `preview/context`. */
const I18N_FROM_CONTEXT: Record<string, string> = {
  locale: 'locale',
  lang: 'language',
  timeZone: 'timeZone',
  currency: 'currency',
  dir: 'direction'
};

/** Number symbols of the user's locale, by module name -> Intl.NumberFormat part type, and the en-US fallback. */
const NUMBER_SYMBOLS: Record<string, { part: string; fallback: string }> = {
  'number.decimalSeparator': { part: 'decimal', fallback: '.' },
  'number.groupingSeparator': { part: 'group', fallback: ',' }
};

const USER_FROM_CONTEXT: Record<string, string> = { Id: 'userId', isGuest: 'isGuest' };

const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const RESOURCE_URL = /^@salesforce\/resourceUrl\/([A-Za-z][A-Za-z0-9_]*)$/;

/**
 * The schema import's value, as the platform compiles it.
 * @param path what follows `@salesforce/schema/`, e.g. `Maintenance_Incident__c.Contract__r.Name`
 */
function schemaModule(path: string): string {
  const [objectApiName, ...fieldPath] = path.split('.');
  if (!API_NAME.test(objectApiName) || !fieldPath.every((part) => API_NAME.test(part))) {
    throw new Error(`Invalid schema import @salesforce/schema/${path}`);
  }
  const value = fieldPath.length === 0 ? { objectApiName } : { objectApiName, fieldApiName: fieldPath.join('.') };
  return `export default ${JSON.stringify(value)};\n`;
}

function catalogModule(catalog: LabelCatalog, contextModule: string): string {
  // The user's language picks the translation (`fr_FR` and `fr` both read the `fr` file), else the labels' own.
  return [
    `import { context } from ${JSON.stringify(contextModule)};`,
    `const catalog = ${JSON.stringify(catalog)};`,
    `const language = String(context.language || '').replace('-', '_');`,
    `const translation = catalog.translations[language] || catalog.translations[language.split('_')[0]] || {};`,
    `export function label(name) { return name in translation ? translation[name] : catalog.values[name]; }`,
    ''
  ].join('\n');
}

/**
 * The plugin; put it before the LWC plugin so that it answers these imports first.
 * @param catalog the project's labels (readLabelCatalog)
 * @param contextModule absolute path of the client module that exports the user's `context`
 */
export function platformModules(catalog: LabelCatalog, contextModule: string): Plugin {
  return {
    name: 'preview-platform-modules',
    resolveId(source) {
      if (source === CATALOG_ID) return source;
      if (source.startsWith('@salesforce/schema/')) return PREFIX + source;
      if (source.startsWith('@salesforce/label/c.')) return PREFIX + source;
      const i18n = /^@salesforce\/i18n\/([\w.]+)$/.exec(source);
      if (i18n && (I18N_FROM_CONTEXT[i18n[1]] || NUMBER_SYMBOLS[i18n[1]])) return PREFIX + source;
      const user = /^@salesforce\/user\/(\w+)$/.exec(source);
      if (user && USER_FROM_CONTEXT[user[1]]) return PREFIX + source;
      if (RESOURCE_URL.test(source)) return PREFIX + source;
      return null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      if (id === CATALOG_ID) return catalogModule(catalog, contextModule);
      const source = id.slice(PREFIX.length);
      if (source.startsWith('@salesforce/schema/')) return schemaModule(source.slice('@salesforce/schema/'.length));
      if (source.startsWith('@salesforce/label/c.')) {
        const name = source.slice('@salesforce/label/c.'.length);
        if (!(name in catalog.values)) {
          this.error(`Unknown custom label c.${name}: add it to labels/CustomLabels.labels-meta.xml`);
        }
        return `import { label } from ${JSON.stringify(CATALOG_ID)};\nexport default label(${JSON.stringify(name)});\n`;
      }
      const resource = RESOURCE_URL.exec(source);
      if (resource) {
        const name = JSON.stringify(resource[1]);
        return [
          `import { context } from ${JSON.stringify(contextModule)};`,
          `export default (context.resourceUrls && context.resourceUrls[${name}]) || ${JSON.stringify(`/resource/${resource[1]}`)};`,
          ''
        ].join('\n');
      }
      const [, kind, name] = /^@salesforce\/(i18n|user)\/([\w.]+)$/.exec(source) as RegExpExecArray;
      const symbol = kind === 'i18n' ? NUMBER_SYMBOLS[name] : undefined;
      if (symbol) {
        return [
          `import { context } from ${JSON.stringify(contextModule)};`,
          'const parts = new Intl.NumberFormat(context.locale).formatToParts(1234567.5);',
          `const symbol = parts.find((part) => part.type === ${JSON.stringify(symbol.part)});`,
          `export default symbol ? symbol.value : ${JSON.stringify(symbol.fallback)};`,
          ''
        ].join('\n');
      }
      const property = kind === 'i18n' ? I18N_FROM_CONTEXT[name] : USER_FROM_CONTEXT[name];
      return `import { context } from ${JSON.stringify(contextModule)};\nexport default context.${property};\n`;
    }
  };
}
