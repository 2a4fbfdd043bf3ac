// The browser end-to-end tests, a jest project of their own: they start a local org, deploy, seed the demo recipe,
// build the components and drive Chromium, so they run apart from the fast "unit" project, one file at a time
// (`--runInBand`), as native ESM like the unit tests. Run: see test/e2e/README.md.
export default {
  rootDir: '../..',
  displayName: 'e2e',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  globalSetup: '<rootDir>/test/sfAuthStore.setup.js',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.(t|j)s$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' }, sourceMaps: 'inline' }
    ]
  },
  transformIgnorePatterns: ['/node_modules/'],
  // The first run compiles the components (about 30 s on two cores); the org setup and the browser add seconds.
  testTimeout: 180000
};
