// Two jest projects, run as two processes by scripts/test.ts:
// - "lwc": the Lightning Web Components under force-app, with @salesforce/sfdx-lwc-jest. Its transformer emits
//   CommonJS, so this project runs WITHOUT --experimental-vm-modules (with the flag, jest would load every .js file of
//   this "type": "module" package as ESM and the transformed output would not load).
// - "unit": the TypeScript tests under test/ (plugin, engine, metadata, local org), as native ESM through SWC, run
//   WITH --experimental-vm-modules because the plugin's dependencies include ESM-only packages.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
    sourceMaps: 'inline'
  }
];

export default {
  // Jest reads coverageThreshold only at the top level (inside a project it is ignored). Only the "lwc" run collects
  // coverage (scripts/test.ts), so this applies to the components: below 90 % of lines that run fails.
  coverageThreshold: {
    './force-app/main/default/lwc/': { lines: 90, statements: 90 }
  },
  projects: [
    {
      ...jestConfig,
      displayName: 'lwc',
      roots: ['<rootDir>/force-app'],
      testMatch: ['**/__tests__/**/*.test.js'],
      // The engine is measured by its own suite (test/engine, "unit" project); here only the components' code.
      collectCoverageFrom: ['force-app/**/lwc/**/*.js', '!**/__tests__/**'],
      coveragePathIgnorePatterns: ['/node_modules/', '/force-app/main/default/lwc/maintenanceEngine/'],
      // @lwc/jest-transformer's cache key ignores coverage instrumentation: a run without --coverage would leave
      // uninstrumented files in the cache and the next coverage run would report 0 %. The LWC suites are small.
      cache: false,
      setupFilesAfterEnv: [...(jestConfig.setupFilesAfterEnv ?? []), '<rootDir>/force-app/test/jest-sa11y-setup.js'],
      // Central mocks for platform modules the sfdx-lwc-jest stubs lack, and the shared test helpers.
      moduleNameMapper: {
        '^lightning/uiListsApi$': '<rootDir>/force-app/test/jest-mocks/lightning/uiListsApi.js',
        '^lightning/actions$': '<rootDir>/force-app/test/jest-mocks/lightning/actions.js',
        '^test/utils$': '<rootDir>/force-app/test/jest-mocks/testUtils.js'
      }
    },
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
      globalSetup: '<rootDir>/test/sfAuthStore.setup.js',
      extensionsToTreatAsEsm: ['.ts'],
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
      transform: { '^.+\\.(t|j)s$': swc },
      transformIgnorePatterns: ['/node_modules/']
    }
  ]
};
