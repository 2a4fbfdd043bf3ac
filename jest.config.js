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
  projects: [
    {
      ...jestConfig,
      displayName: 'lwc',
      roots: ['<rootDir>/force-app'],
      testMatch: ['**/__tests__/**/*.test.js'],
      setupFilesAfterEnv: [...(jestConfig.setupFilesAfterEnv ?? []), '<rootDir>/force-app/test/jest-sa11y-setup.js'],
    },
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
      extensionsToTreatAsEsm: ['.ts'],
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
      transform: { '^.+\\.(t|j)s$': swc },
      transformIgnorePatterns: ['/node_modules/']
    }
  ]
};
