// ESLint flat config: Salesforce's LWC rules for the components; typescript-eslint with type information for the
// plugin, its tests and scripts; Salesforce's sf-plugin rules for the commands.
import { createRequire } from 'node:module';
import tseslint from 'typescript-eslint';
import eslintJs from '@eslint/js';
import globals from 'globals';
import { fixupPluginRules } from '@eslint/compat';
import sfPlugin from 'eslint-plugin-sf-plugin';

const require = createRequire(import.meta.url);
const lwcConfig = require('@salesforce/eslint-config-lwc');

// The engine's modules (src/engine/) are bundled into an LWC module: they keep the components' rules.
const lwcFiles = ['force-app/**/lwc/**/*.js', 'src/engine/**/*.js'];
const localOrgFiles = ['src/localOrg/**/*.ts', 'test/localOrg/**/*.ts'];
// The project's own resolver: `./x.js` imports of TypeScript sources, `#engine`, and components' `c/name` modules.
const importResolver = { [require.resolve('./eslint/resolver.cjs')]: {} };
// The LWC config brings its own eslint-plugin-import; a second instance under the same name is refused.
const importPlugin =
  lwcConfig.configs.recommended.map((config) => config.plugins?.import).find(Boolean) ??
  require('eslint-plugin-import');

export default [
  {
    ignores: ['node_modules/**', 'lib/**', 'coverage/**', 'reports/**', '.localorg/**', '**/__tests__/data/**']
  },
  ...lwcConfig.configs.recommended.map((config) => ({ ...config, files: lwcFiles })),
  {
    files: ['force-app/**/lwc/**/__tests__/**/*.js', 'force-app/test/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    // Tests drive the LDS adapters' test doubles (emit, error, getLastConfig), which this rule forbids in components.
    rules: { '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off' }
  },
  ...tseslint.config({
    files: ['src/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    // The local org (and its tests) moves to the type-aware rules once its ~160 findings are fixed; until then it
    // keeps the rules without type information (next block).
    ignores: localOrgFiles,
    extends: [eslintJs.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      globals: { ...globals.node },
      // tsconfig.test.json covers src, test and scripts: the rules that need types see the whole program.
      parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  }),
  ...tseslint.config({
    files: localOrgFiles,
    extends: [eslintJs.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  }),
  // The sf CLI plugin conventions, as Salesforce's own plugins lint them. The plugin is written for ESLint 8's rule
  // API: fixupPluginRules gives its rules the context methods ESLint 9 removed.
  {
    files: ['src/commands/**/*.ts'],
    plugins: { 'sf-plugin': fixupPluginRules(sfPlugin) },
    rules: sfPlugin.configs.recommended.rules
  },
  {
    files: ['*.js', 'bin/*.js', '.ci/*.js'],
    ...eslintJs.configs.recommended,
    languageOptions: { globals: { ...globals.node }, sourceType: 'module' }
  },
  // No import cycle anywhere: layers depend one way (e.g. the local org's storage below its org layer, below the
  // request handlers). Type-only imports are not cycles.
  {
    files: ['**/*.js', '**/*.ts'],
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': importResolver,
      'import/extensions': ['.js', '.ts'],
      // Imported TypeScript files are read with the TypeScript parser (espree would fail on them silently).
      'import/parsers': { '@typescript-eslint/parser': ['.ts'] }
    },
    rules: { 'import/no-cycle': 'error' }
  }
];
