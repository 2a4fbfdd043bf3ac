/**
 * What starting a command costs. sf loads every command module of a linked plugin at each start (whatever command
 * runs, core ones included), and an installed plugin's command module when that command runs: a command module must
 * not load, when imported, the heavy modules only some runs need (source-deploy-retrieve, SQLite, the local org's
 * server, the preview build, faker, the recipe and XML parsers, the stage view). They are imported in the code paths
 * that use them; `npm run bench startup` measures the effect against `sf org display --help`.
 *
 * Checked in a child process (a fresh module cache) that imports every command module from the sources and lists
 * what got loaded: the ES modules through a resolve hook, the CommonJS ones from require.cache.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../../src/shared/projectPaths.js';
import { tempDir } from './pluginFixtures.js';

const HEAVY = [
  '@salesforce/source-deploy-retrieve',
  'better-sqlite3',
  '@faker-js/faker',
  'rollup',
  '@lwc/',
  'lightning-base-components',
  'yaml',
  'fast-xml-parser',
  'formulon',
  '@jetstreamapp/soql-parser-js',
  'fflate',
  '@oclif/multi-stage-output',
  // the server of the local org, and the preview
  'src/localOrg/server.',
  'src/localOrg/store.',
  'src/preview/'
];

/**
 * What a seed dry run needs beyond its command module: the generator with faker and the recipe reader (YAML, the
 * package's XML metadata) and the stage view. The rest of the heavy modules load only when a seed loads an org.
 */
const DRY_RUN_NEEDS = ['@faker-js/faker', 'yaml', 'fast-xml-parser', '@oclif/multi-stage-output'];

const commandsDir = join(projectRoot, 'src', 'commands');
const commandFiles = readdirSync(commandsDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => join(commandsDir, file));

/** The modules (file URLs and paths) a fresh process loads when it imports the given files. */
function loadedBy(files: string[]): string[] {
  const dir = tempDir('startup-');
  const log = join(dir, 'resolved.txt');
  const hook = `
    import { appendFileSync } from 'node:fs';
    export async function resolve(specifier, context, next) {
      const resolved = await next(specifier, context);
      appendFileSync(${JSON.stringify(log)}, resolved.url + '\\n');
      return resolved;
    }`;
  const script = `
    import { register, createRequire } from 'node:module';
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));
    for (const file of ${JSON.stringify(files.map((file) => pathToFileURL(file).href))}) await import(file);
    process.stdout.write(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 120_000
  });
  if (child.status !== 0) throw new Error(`the child failed (exit ${child.status}):\n${child.stderr}`);
  const esm = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  rmSync(dir, { recursive: true, force: true });
  return [...esm, ...(JSON.parse(child.stdout) as string[])].map((file) => file.split('\\').join('/'));
}

describe('starting a command', () => {
  it('finds the command modules', () => {
    expect(commandFiles.map((file) => file.slice(commandsDir.length + 1))).toEqual(
      expect.arrayContaining(['maintenance/report.ts', 'maintenance/seed.ts', 'maintenance/org/status.ts'])
    );
  });

  it('loads none of the heavy modules when every command module is imported', () => {
    const loaded = loadedBy(commandFiles);
    expect(loaded.length).toBeGreaterThan(100);
    const heavy = loaded.filter((file) => HEAVY.some((name) => file.includes(`/${name}`)));
    expect(heavy).toEqual([]);
  }, 120_000);

  it('runs seed --dry-run on faker with its base, en and fr locales only, one zod, and none of the org-side modules', () => {
    const loaded = loadedBy([
      join(commandsDir, 'maintenance', 'seed.ts'),
      // what its run imports before it generates
      join(projectRoot, 'src', 'seed', 'seedRun.ts'),
      join(projectRoot, 'src', 'seed', 'dryRun.ts')
    ]);
    // faker's main entry point loads its 77 locales: some 130 ms of CPU at every seed
    const faker = loaded.filter((file) => file.includes('/@faker-js/faker/dist/'));
    expect(faker.length).toBeGreaterThan(0);
    expect(faker.filter((file) => !/\/dist\/(locale\/)?(base|en|fr)[-.][^/]*$/.test(file))).toEqual([]);
    // one copy of zod: the CommonJS build that @salesforce/core loads, not its ES module build beside it
    expect(loaded.some((file) => /\/node_modules\/zod\/.*\.cjs$/.test(file))).toBe(true);
    expect(loaded.filter((file) => /\/node_modules\/zod\/.*\.js$/.test(file))).toEqual([]);
    const heavy = loaded.filter((file) =>
      HEAVY.some((name) => !DRY_RUN_NEEDS.includes(name) && file.includes(`/${name}`))
    );
    expect(heavy).toEqual([]);
  }, 120_000);

  it('sees a heavy module when one is imported (the check can fail)', () => {
    const loaded = loadedBy([join(projectRoot, 'src', 'seed', 'generator.ts')]);
    expect(loaded.some((file) => file.includes('/@faker-js/faker/'))).toBe(true);
  }, 120_000);

  it('ends its log-file writer thread when the command ends, and the log file keeps every line', () => {
    // @salesforce/core writes the sf log file through pino, in a worker thread of thread-stream. Version 3 of
    // thread-stream (what pino 9 asks for) has the thread poll for news with a back-off that grows to a second, and
    // the process waits for the thread's next poll to exit: up to a second after every command that ran a second.
    // Version 4 wakes the thread at once (Atomics.waitAsync); package.json overrides the version, and the lock file
    // (shipped as npm-shrinkwrap.json) carries it to a registry install.
    const fromCore = createRequire(createRequire(join(projectRoot, 'package.json')).resolve('@salesforce/core'));
    const fromPino = createRequire(fromCore.resolve('pino'));
    const threadStream = JSON.parse(readFileSync(fromPino.resolve('thread-stream/package.json'), 'utf8')) as {
      version: string;
    };
    expect(Number(threadStream.version.split('.')[0])).toBeGreaterThanOrEqual(4);

    // pino 9 still writes through it: a line logged just before the end of a command reaches the file.
    const home = tempDir('startup-log-');
    const script = `
      const { Logger } = require('@salesforce/core');
      const logger = Logger.childFromRoot('startup-test');
      logger.warn('first line');
      setTimeout(() => { logger.error('last line'); process.exit(0); }, 300);`;
    // (no test mode, log file on, the default level: warnings and errors reach the file)
    const {
      SF_ENV: _sfEnv,
      SFDX_ENV: _sfdxEnv,
      SF_DISABLE_LOG_FILE: _disabled,
      SF_LOG_LEVEL: _level,
      NODE_OPTIONS: _nodeOptions,
      ...env
    } = process.env;
    const child = spawnSync(process.execPath, ['-e', script], {
      cwd: projectRoot,
      env: { ...env, HOME: home, USERPROFILE: home },
      encoding: 'utf8',
      timeout: 60_000
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const logDir = join(home, '.sf');
    const lines = readdirSync(logDir)
      .filter((file) => file.endsWith('.log'))
      .flatMap((file) => readFileSync(join(logDir, file), 'utf8').split('\n').filter(Boolean))
      .map((line) => JSON.parse(line) as { msg: string; name: string });
    rmSync(home, { recursive: true, force: true });
    expect(lines.filter((line) => line.name === 'sf:startup-test').map((line) => line.msg)).toEqual([
      'first line',
      'last line'
    ]);
  }, 60_000);
});
