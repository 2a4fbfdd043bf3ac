/**
 * Seed benchmark: the same records loaded three ways, each into a fresh local org with the package deployed:
 * - `sf maintenance seed` (this plugin, compiled: `bin/run.js`), from the recipe;
 * - `sf data import tree --plan` (the real sf CLI, pinned in test/sfcli), from tree files of the same records;
 * - `sf data import bulk` for accounts (they have no external id), a query for their ids, then
 *   `sf data upsert bulk` for every other object, from CSV files of the same records.
 * For the demo recipe and for the volume recipe at 50,000 records (BENCH_SEED_SCALE changes the scale). Prints wall
 * time, API requests counted at the org (every HTTP request its server receives), requests per 1,000 records, and
 * the Bulk API 2.0 requests per 1,000 records of the objects above the bulk threshold. A loader still running after
 * BENCH_SEED_LIMIT_SECONDS (900) is stopped and reported with what it had loaded. Prints; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { AuthInfo, Connection } from '@salesforce/core';
import { SF_CLI_BIN, ensureSfCli } from '../ensure-sf-cli.js';
import { deploySource } from '../../src/deploy/deploySource.js';
import { startLocalOrg, stopLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';
import { registerLocalOrg } from '../../src/localOrg/registration.js';
import { KEY_FIELD, RUNNING_USER, type Dataset } from '../../src/seed/dataset.js';
import { todayIn } from '../../src/shared/dates.js';
import { generateDataset } from '../../src/seed/generator.js';
import { DEFAULT_BULK_THRESHOLD } from '../../src/seed/loader.js';
import { loadPackageConfig, recipeContext } from '../../src/seed/packageConfig.js';
import { locateRecipe, readRecipe } from '../../src/seed/recipe.js';
import { toCsv } from '../../src/seed/records.js';

const root = process.cwd();
let home = '';
const VOLUME_SCALE = Number(process.env.BENCH_SEED_SCALE ?? 50);
/** Longest a loader may take, in seconds: past it, the loader is stopped and reported as not finished. */
const LOADER_LIMIT_SECONDS = Number(process.env.BENCH_SEED_LIMIT_SECONDS ?? 900);
/** When the loader being measured must have finished (epoch ms). */
let deadline = Number.POSITIVE_INFINITY;

class LoaderTimeout extends Error {}

interface Measure {
  scenario: string;
  loader: string;
  records: number;
  seconds: number;
  requests: number;
  bulkRequests: number;
  bulkRecords: number;
  loaded: number;
  /** True when the loader was stopped at the time limit. */
  timedOut: boolean;
}

interface BenchOrg {
  org: LocalOrg;
  alias: string;
  conn: Connection;
  /** Method and path of every request the org received since the last reset. */
  requests: string[];
}

/** A fresh org with the package deployed and a request log that starts empty. */
async function freshOrg(alias: string): Promise<BenchOrg> {
  const org = await startLocalOrg({ dataDir: mkdtempSync(join(home, 'org-')), writeServerFile: false });
  await registerLocalOrg(org, alias);
  const authInfo = await AuthInfo.create({
    accessTokenOptions: { accessToken: org.accessToken, instanceUrl: org.instanceUrl, loginUrl: org.instanceUrl }
  });
  const conn = await Connection.create({ authInfo });
  const deploy = await deploySource(conn, { checkOnly: false, waitMinutes: 10 });
  if (!deploy.success) throw new Error(`deploy failed: ${JSON.stringify(deploy.failures)}`);
  const requests: string[] = [];
  org.server.on('request', (request: { method?: string; url?: string }) =>
    requests.push(`${request.method} ${request.url}`)
  );
  return { org, alias, conn, requests };
}

/** Runs a command in a child process (asynchronously: the org answering it runs in this process). */
function exec(
  command: string,
  args: string[],
  env: Record<string, string> = {}
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: home,
      env: {
        ...process.env,
        PATH: `${dirname(SF_CLI_BIN)}${delimiter}${process.env.PATH ?? ''}`,
        SF_AUTOUPDATE_DISABLE: 'true',
        SF_DISABLE_AUTOUPDATE: 'true',
        SF_SKIP_NEW_VERSION_CHECK: 'true',
        SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
        ...env
      },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        child.kill('SIGKILL');
      },
      Math.max(0, Math.min(deadline - Date.now(), 2 ** 31 - 1))
    );
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      if (timedOut) reject(new LoaderTimeout(`${command} stopped at the time limit`));
      else resolve({ status, stdout, stderr });
    });
  });
}

async function sf(args: string[]): Promise<Record<string, unknown>> {
  const run = await exec(SF_CLI_BIN, [...args, '--json']);
  let output: { status: number; result: Record<string, unknown>; message?: string };
  try {
    output = JSON.parse(run.stdout) as typeof output;
  } catch {
    throw new Error(
      `sf ${args.slice(0, 3).join(' ')} printed no JSON (exit ${run.status}): ${run.stderr.slice(0, 500)}`
    );
  }
  if (output.status !== 0) throw new Error(`sf ${args.slice(0, 3).join(' ')} failed: ${output.message}`);
  return output.result;
}

/** Records per tree file: the tree API's limit per request, so that the CLI sends each file as it is. */
const TREE_FILE_RECORDS = 200;

/**
 * Tree files of the dataset (@references between them) and their plan, 200 records a file: given one big file per
 * object, sf data import tree splits it itself, but in a way whose cost grows with the square of its size.
 */
function writeTreePlan(dataset: Dataset, dir: string, userId: string): string {
  mkdirSync(dir, { recursive: true });
  const referenceIds = new Map<string, string>();
  let counter = 0;
  const plan = dataset.objects.map(({ sobject, records }) => {
    const files: string[] = [];
    for (let start = 0; start < records.length; start += TREE_FILE_RECORDS) {
      const tree = records.slice(start, start + TREE_FILE_RECORDS).map((record) => {
        const referenceId = `Ref${++counter}`;
        referenceIds.set(record.key, referenceId);
        const body: Record<string, unknown> = {
          attributes: { type: sobject, referenceId },
          [KEY_FIELD[sobject]]: record.key
        };
        for (const [field, value] of Object.entries(record.fields)) if (value !== null) body[field] = value;
        for (const [field, ref] of Object.entries(record.refs)) {
          body[field] = ref.sobject === 'User' && ref.key === RUNNING_USER ? userId : `@${referenceIds.get(ref.key)}`;
        }
        return body;
      });
      const file = `${sobject}-${files.length + 1}.json`;
      writeFileSync(join(dir, file), JSON.stringify({ records: tree }));
      files.push(file);
    }
    return { sobject, files };
  });
  const planFile = join(dir, 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan, null, 2));
  return planFile;
}

function countLoaded(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

async function loadedRecords(conn: Connection, dataset: Dataset): Promise<number> {
  const counts: Record<string, number> = {};
  for (const { sobject } of dataset.objects)
    counts[sobject] = (await conn.query(`SELECT COUNT() FROM ${sobject}`)).totalSize;
  return countLoaded(counts);
}

async function measure(
  scenario: string,
  loader: string,
  dataset: Dataset,
  load: (org: BenchOrg) => Promise<void>
): Promise<Measure> {
  const alias = `bench-${Math.random().toString(36).slice(2, 8)}`;
  const org = await freshOrg(alias);
  try {
    org.requests.length = 0;
    const started = process.hrtime.bigint();
    deadline = Date.now() + LOADER_LIMIT_SECONDS * 1000;
    let timedOut = false;
    try {
      await load(org);
    } catch (error) {
      if (!(error instanceof LoaderTimeout)) throw error;
      timedOut = true;
    } finally {
      deadline = Number.POSITIVE_INFINITY;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const requests = [...org.requests];
    const records = dataset.objects.reduce((sum, group) => sum + group.records.length, 0);
    const bulkRecords = dataset.objects
      .filter((group) => group.records.length >= DEFAULT_BULK_THRESHOLD)
      .reduce((sum, group) => sum + group.records.length, 0);
    return {
      scenario,
      loader,
      records,
      seconds,
      requests: requests.length,
      bulkRequests: requests.filter((request) => request.includes('/jobs/ingest')).length,
      bulkRecords,
      loaded: await loadedRecords(org.conn, dataset),
      timedOut
    };
  } finally {
    await stopLocalOrg(org.org);
  }
}

const ours =
  (recipe: string, scale: number) =>
  async (org: BenchOrg): Promise<void> => {
    const run = await exec(process.execPath, [
      join(root, 'bin', 'run.js'),
      'maintenance',
      'seed',
      '-o',
      org.alias,
      '--recipe',
      recipe,
      '--scale',
      String(scale),
      '--json'
    ]);
    if (run.status !== 0) throw new Error(`sf maintenance seed failed: ${run.stdout.slice(0, 800)}`);
  };

const importTree =
  (dataset: Dataset, dir: string) =>
  async (org: BenchOrg): Promise<void> => {
    const plan = writeTreePlan(dataset, dir, org.org.userId);
    await sf(['data', 'import', 'tree', '--plan', plan, '--target-org', org.alias]);
  };

const upsertBulk =
  (dataset: Dataset, dir: string) =>
  async (org: BenchOrg): Promise<void> => {
    mkdirSync(dir, { recursive: true });
    const [accounts, ...children] = dataset.objects;
    const accountFile = join(dir, 'Account.csv');
    writeFileSync(accountFile, toCsv('Account', accounts.records));
    await sf([
      'data',
      'import',
      'bulk',
      '--sobject',
      'Account',
      '--file',
      accountFile,
      '--wait',
      '30',
      '--target-org',
      org.alias
    ]);
    const query = await sf([
      'data',
      'query',
      '--query',
      'SELECT Id, AccountNumber FROM Account',
      '--target-org',
      org.alias
    ]);
    const ids = {
      accounts: new Map(
        (query.records as { Id: string; AccountNumber: string }[]).map((row) => [row.AccountNumber, row.Id])
      ),
      runningUserId: org.org.userId
    };
    for (const { sobject, records } of children) {
      const file = join(dir, `${sobject}.csv`);
      writeFileSync(file, toCsv(sobject, records, ids));
      await sf([
        'data',
        'upsert',
        'bulk',
        '--sobject',
        sobject,
        '--file',
        file,
        '--external-id',
        'External_Id__c',
        '--wait',
        '30',
        '--target-org',
        org.alias
      ]);
    }
  };

function print(measures: Measure[]): void {
  const rows = measures.map((m) => [
    m.scenario,
    m.loader,
    String(m.records),
    m.loaded === m.records ? 'yes' : `NO (${m.loaded})${m.timedOut ? `, stopped at ${LOADER_LIMIT_SECONDS} s` : ''}`,
    m.seconds.toFixed(1),
    String(m.requests),
    ((m.requests * 1000) / m.records).toFixed(1),
    m.bulkRecords > 0
      ? `${m.bulkRequests} for ${m.bulkRecords} (${((m.bulkRequests * 1000) / m.bulkRecords).toFixed(2)}/1000)`
      : '-'
  ]);
  const header = [
    'scenario',
    'loader',
    'records',
    'all loaded',
    'wall s',
    'requests',
    'req/1000 rec',
    `Bulk 2.0 requests (objects >= ${DEFAULT_BULK_THRESHOLD})`
  ];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  for (const row of [header, ...rows])
    process.stdout.write(row.map((cell, column) => cell.padEnd(widths[column])).join('  ') + '\n');
}

export async function run(): Promise<void> {
  ensureSfCli();
  // Auth files of the orgs the benchmark creates stay out of the user's home (@salesforce/core reads HOME each time).
  const originalHome = process.env.HOME;
  home = mkdtempSync(join(tmpdir(), 'bench-seed-'));
  process.env.HOME = home;
  process.env.SF_DISABLE_TELEMETRY = 'true';
  if (!existsSync(join(root, 'lib', 'src', 'commands', 'maintenance', 'seed.js')))
    throw new Error('build first: npm run build');
  const config = loadPackageConfig();
  const context = recipeContext(config);
  const measures: Measure[] = [];
  try {
    for (const [scenario, recipeName, scale] of [
      ['demo', 'demo', 1],
      [`volume x${VOLUME_SCALE}`, 'volume', VOLUME_SCALE]
    ] as const) {
      const recipe = readRecipe(locateRecipe(recipeName) as string, context);
      const dataset = generateDataset(recipe, config, { scale, today: todayIn(recipe.timeZone) });
      const dir = join(home, `${recipeName}-${scale}`);
      for (const [loader, load] of [
        ['sf maintenance seed', ours(recipeName, scale)],
        ['sf data import tree', importTree(dataset, join(dir, 'tree'))],
        ['sf data upsert bulk', upsertBulk(dataset, join(dir, 'csv'))]
      ] as const) {
        process.stdout.write(`${scenario}: ${loader}...\n`);
        measures.push(await measure(scenario, loader, dataset, load));
      }
    }
    process.stdout.write('\n');
    print(measures);
  } finally {
    process.env.HOME = originalHome;
    rmSync(home, { recursive: true, force: true });
  }
}
