/**
 * The `@salesforce/*` modules of the browser build: schema imports compile to the platform's `{ objectApiName,
 * fieldApiName }`, labels come from the project's custom labels with their translations, an unknown label fails the
 * build (as it fails a deploy), and the user's settings come from the page context.
 */
import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { Plugin, PluginContext } from 'rollup';
import { readLabelCatalog } from '../../src/preview/labels.js';
import { platformModules } from '../../src/preview/platformModules.js';
import { scriptSafeJson } from '../../src/preview/html.js';
import { forceAppDir } from '../../src/shared/projectPaths.js';

const catalog = readLabelCatalog(join(forceAppDir, 'main', 'default'));
const CONTEXT = '/virtual/preview/context.js';
const plugin = platformModules(catalog, CONTEXT) as Plugin & {
  resolveId: (source: string) => string | null;
  load: (this: Pick<PluginContext, 'error'>, id: string) => string | null;
};
const context = {
  error(message: unknown): never {
    throw new Error(String(message));
  }
};

function moduleOf(source: string): string {
  const id = plugin.resolveId(source);
  if (id === null) throw new Error(`${source} is not resolved by the plugin`);
  return plugin.load.call(context, id) as string;
}

describe('custom labels', () => {
  it('reads the labels and their French translations from force-app', () => {
    expect(catalog.defaultLanguage).toBe('en_US');
    expect(catalog.values.Incident_Action_Wait).toBe('Wait on customer');
    expect(Object.keys(catalog.values).length).toBeGreaterThan(50);
    expect(catalog.translations.fr.Alert_Budget).toBe('{0} a consommé {1} de son budget.');
  });

  it('compiles a label import to its value in the user language, and refuses an unknown label', () => {
    const code = moduleOf('@salesforce/label/c.Incident_Action_Wait');
    expect(code).toContain('label("Incident_Action_Wait")');
    const catalogModule = plugin.load.call(context, plugin.resolveId('\0preview-platform:labels') as string) as string;
    expect(catalogModule).toContain(JSON.stringify(CONTEXT));
    expect(catalogModule).toContain('"Wait on customer"');
    expect(() => moduleOf('@salesforce/label/c.No_Such_Label')).toThrow('Unknown custom label c.No_Such_Label');
  });
});

describe('schema, i18n and user modules', () => {
  it('compiles schema imports as the platform does', () => {
    expect(moduleOf('@salesforce/schema/Maintenance_Incident__c.Priority__c')).toBe(
      'export default {"objectApiName":"Maintenance_Incident__c","fieldApiName":"Priority__c"};\n'
    );
    expect(moduleOf('@salesforce/schema/Maintenance_Incident__c.Contract__r.Name')).toContain(
      '"fieldApiName":"Contract__r.Name"'
    );
    expect(moduleOf('@salesforce/schema/Maintenance_Incident__c')).toBe(
      'export default {"objectApiName":"Maintenance_Incident__c"};\n'
    );
    expect(() => moduleOf('@salesforce/schema/Bad-Name.X')).toThrow('Invalid schema import');
  });

  it("answers the user's settings from the page context, and leaves other modules to the base components", () => {
    expect(moduleOf('@salesforce/i18n/locale')).toContain('export default context.locale;');
    expect(moduleOf('@salesforce/i18n/timeZone')).toContain('export default context.timeZone;');
    expect(moduleOf('@salesforce/user/Id')).toContain('export default context.userId;');
    expect(plugin.resolveId('@salesforce/i18n/number.numberFormat')).toBeNull();
    expect(plugin.resolveId('lightning/uiRecordApi')).toBeNull();
  });

  it("answers the number separators of the user's locale, which number inputs read what is typed with", () => {
    const separator = (name: string, locale: string): unknown => {
      const code = moduleOf(`@salesforce/i18n/number.${name}`);
      expect(code).toContain(`import { context } from ${JSON.stringify(CONTEXT)};`);
      // The module as the browser runs it, with the page context's locale in place of its import.
      const body = code.replace(/^import .*$/m, '').replace('export default', 'return');
      return runInNewContext(`(() => {${body}})()`, { context: { locale } }) as unknown;
    };
    expect(separator('decimalSeparator', 'fr-FR')).toBe(',');
    expect(separator('decimalSeparator', 'en-US')).toBe('.');
    expect(separator('decimalSeparator', 'de-DE')).toBe(',');
    expect(separator('groupingSeparator', 'en-US')).toBe(',');
    expect(separator('groupingSeparator', 'de-DE')).toBe('.');
    // French groups with a (narrow) no-break space.
    expect(String(separator('groupingSeparator', 'fr-FR'))).toMatch(/^[\u00a0\u202f]$/);
  });

  it("compiles a static resource import to the resource's URL in the org, handed over by the page", () => {
    const code = moduleOf('@salesforce/resourceUrl/Maintenance_Config');
    expect(code).toContain('context.resourceUrls["Maintenance_Config"]');
    expect(code).toContain('"/resource/Maintenance_Config"');
    expect(plugin.resolveId('@salesforce/resourceUrl/../secret')).toBeNull();
  });
});

describe('the page context', () => {
  it('cannot close its script element nor open a comment', () => {
    const json = scriptSafeJson({ name: '</script><!-- & \u2028' });
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual({ name: '</script><!-- & \u2028' });
  });
});
