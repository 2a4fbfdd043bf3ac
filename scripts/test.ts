/**
 * The project's one test command (`npm test`): build, lint, type-check, then every jest project, each in the process
 * mode it needs (see jest.config.js). It keeps going after a failing step so that one run reports everything, writes
 * each jest project's JSON result under reports/, and ends with the plain line `N passed, N failed` that CI reads:
 * tests from every jest project, plus one failure for each failed build, lint or type-check step.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

type Step = { name: string; command: string; args: string[]; env?: NodeJS.ProcessEnv; report?: string };

const root = process.cwd();
const reports = join(root, 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const jestBin = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
// The jest runs get a home of their own: the tests create sf auth files, and they must neither read nor change the
// user's sf auth store (~/.sfdx, ~/.sf), nor depend on whether some sf command ever ran on this machine. Two runs at
// once on one machine then do not race on the same store either. npm keeps the user's cache (the pinned sf CLI of
// test/sfcli installs from it).
const testHome = mkdtempSync(join(tmpdir(), 'maintenance-test-home-'));
const testEnv = { HOME: testHome, npm_config_cache: process.env.npm_config_cache ?? join(homedir(), '.npm') };
const passThrough = process.argv.slice(2);

const steps: Step[] = [
  { name: 'build', command: 'npx', args: ['tsc', '-p', 'tsconfig.json'] },
  { name: 'lint', command: 'npm', args: ['run', '--silent', 'lint'] },
  { name: 'typecheck', command: 'npm', args: ['run', '--silent', 'typecheck'] },
  {
    name: 'jest lwc',
    command: process.execPath,
    args: [
      jestBin,
      '--selectProjects',
      'lwc',
      '--passWithNoTests',
      '--coverage',
      '--coverageReporters=text-summary',
      '--coverageReporters=json-summary',
      '--coverageDirectory=coverage/lwc',
      '--json',
      `--outputFile=${join(reports, 'jest-lwc.json')}`,
      ...passThrough
    ],
    report: 'jest-lwc.json'
  },
  {
    name: 'jest unit',
    command: process.execPath,
    args: [
      '--experimental-vm-modules',
      '--no-warnings=ExperimentalWarning',
      jestBin,
      '--selectProjects',
      'unit',
      '--passWithNoTests',
      '--runInBand',
      '--json',
      `--outputFile=${join(reports, 'jest-unit.json')}`,
      ...passThrough
    ],
    env: testEnv,
    report: 'jest-unit.json'
  },
  // The browser tests need a Chromium: find one or install it (apt as root on Debian), or stop saying what to run.
  { name: 'browser', command: process.execPath, args: ['--import', 'tsx', join(root, 'scripts', 'ensure-browser.ts')] },
  {
    name: 'jest e2e',
    command: process.execPath,
    args: [
      '--experimental-vm-modules',
      '--no-warnings=ExperimentalWarning',
      jestBin,
      '-c',
      join(root, 'test', 'e2e', 'jest.config.js'),
      '--runInBand',
      '--json',
      `--outputFile=${join(reports, 'jest-e2e.json')}`,
      ...passThrough
    ],
    env: testEnv,
    report: 'jest-e2e.json'
  }
];

let passed = 0;
let failed = 0;
const lines: string[] = [];
for (const step of steps) {
  const started = Date.now();
  process.stdout.write(`\n=== ${step.name} ===\n`);
  const result = spawnSync(step.command, step.args, { stdio: 'inherit', env: { ...process.env, ...step.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (step.report) {
    const file = join(reports, step.report);
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, 'utf8')) as {
        numPassedTests: number;
        numFailedTests: number;
        numRuntimeErrorTestSuites: number;
      };
      passed += json.numPassedTests;
      // A suite that cannot even load has no failed test to count: count it, or a broken file would go unnoticed.
      failed += json.numFailedTests + json.numRuntimeErrorTestSuites;
      lines.push(
        `${step.name}: ${json.numPassedTests} passed, ${json.numFailedTests} failed, ` +
          `${json.numRuntimeErrorTestSuites} suites failed to run (${seconds} s)`
      );
    } else {
      failed += 1;
      lines.push(`${step.name}: no result file (exit ${result.status}) (${seconds} s)`);
    }
  } else if (result.status === 0) {
    lines.push(`${step.name}: ok (${seconds} s)`);
  } else {
    failed += 1;
    lines.push(`${step.name}: FAILED (exit ${result.status}) (${seconds} s)`);
  }
}

rmSync(testHome, { recursive: true, force: true });
const summary = `${passed} passed, ${failed} failed`;
writeFileSync(join(reports, 'summary.txt'), summary + '\n');
process.stdout.write(`\n${lines.join('\n')}\n${summary}\n`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
