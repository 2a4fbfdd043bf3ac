/**
 * Incident import benchmark, beside the seed's (scripts/bench/seed.ts prints the same columns): a fresh local org with
 * the package deployed and the demo recipe loaded (its accounts and contracts), then `sf maintenance incident import`
 * (this plugin, compiled: `bin/run.js`) of a CSV of BENCH_IMPORT_ROWS (50,000) incidents spread over the demo
 * accounts, in every status the file can carry; then the same file again (a rerun: every row updated, none created).
 * Prints wall time, API requests counted at the org (every HTTP request its server receives), requests per 1,000
 * records and the Bulk API 2.0 requests. Prints; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthInfo, Connection } from '@salesforce/core';
import { stringify } from 'csv-stringify/sync';
import { LEVELS, PAUSE_REASONS } from '#engine';
import { deploySource } from '../../src/deploy/deploySource.js';
import { startLocalOrg, stopLocalOrg } from '../../src/localOrg/index.js';
import { registerLocalOrg } from '../../src/localOrg/registration.js';
import { todayIn } from '../../src/shared/dates.js';
import { generateDataset } from '../../src/seed/generator.js';
import { DEFAULT_BULK_THRESHOLD, loadDataset } from '../../src/seed/loader.js';
import { loadPackageConfig, recipeContext } from '../../src/seed/packageConfig.js';
import { locateRecipe, readRecipe } from '../../src/seed/recipe.js';

const root = process.cwd();
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
const MINUTE = 60_000;

/**
 * The CSV: row i on account i mod n (by AccountNumber, every third by name), impact and urgency cycling through the
 * nine cells of the matrix, reported on a weekday 2 to 180 days ago, and a status cycling New, In Progress, Waiting on
 * Customer, Resolved, Closed, Cancelled with the instants each needs.
 */
function writeCsv(file: string, accounts: { key: string; name: string }[], now: number): void {
  const header = [
    'External Id',
    'Subject',
    'Account',
    'Impact',
    'Urgency',
    'Reported At',
    'Status',
    'Responded At',
    'Paused Since',
    'Pause Reason',
    'Resolved At',
    'Closed At'
  ];
  const statuses = ['New', 'In Progress', 'Waiting on Customer', 'Resolved', 'Closed', 'Cancelled'];
  const rows: string[][] = [header];
  for (let i = 0; i < ROWS; i += 1) {
    const account = accounts[i % accounts.length];
    const daysAgo = 2 + (i % 179);
    const reported = now - daysAgo * 1440 * MINUTE + ((i * 37) % 480) * MINUTE;
    const at = (minutes: number): string => new Date(reported + minutes * MINUTE).toISOString();
    const status = statuses[i % statuses.length];
    // A wait starts 10 minutes after the response: before any restore target has passed.
    const waiting = status === 'Waiting on Customer';
    rows.push([
      `BENCH-${String(i).padStart(6, '0')}`,
      `Imported incident ${i}`,
      i % 3 === 0 ? account.name : account.key,
      LEVELS[i % 3],
      LEVELS[Math.floor(i / 3) % 3],
      at(0),
      status,
      ['In Progress', 'Waiting on Customer', 'Resolved', 'Closed'].includes(status) ? at(5) : '',
      waiting ? at(10) : '',
      waiting ? PAUSE_REASONS[i % PAUSE_REASONS.length] : '',
      ['Resolved', 'Closed'].includes(status) ? at(120) : '',
      status === 'Closed' ? at(1440) : status === 'Cancelled' ? at(30) : ''
    ]);
  }
  writeFileSync(file, stringify(rows, { record_delimiter: '\n' }));
}

function importCommand(alias: string, file: string, home: string): Promise<{ status: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, 'bin', 'run.js'), 'maintenance', 'incident', 'import', '-o', alias, '--file', file, '--json'],
      { cwd: home, env: { ...process.env, SF_DISABLE_TELEMETRY: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] }
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout }));
  });
}

export async function run(): Promise<void> {
  if (!existsSync(join(root, 'lib', 'src', 'commands', 'maintenance', 'incident', 'import.js')))
    throw new Error('build first: npm run build');
  const originalHome = process.env.HOME;
  const home = mkdtempSync(join(tmpdir(), 'bench-import-'));
  process.env.HOME = home;
  process.env.SF_DISABLE_TELEMETRY = 'true';
  const org = await startLocalOrg({ dataDir: mkdtempSync(join(home, 'org-')), writeServerFile: false });
  try {
    const alias = 'bench-import';
    await registerLocalOrg(org, alias);
    const authInfo = await AuthInfo.create({
      accessTokenOptions: { accessToken: org.accessToken, instanceUrl: org.instanceUrl, loginUrl: org.instanceUrl }
    });
    const conn = await Connection.create({ authInfo });
    const deploy = await deploySource(conn, { checkOnly: false, waitMinutes: 10 });
    if (!deploy.success) throw new Error(`deploy failed: ${JSON.stringify(deploy.failures)}`);
    const config = loadPackageConfig();
    const recipe = readRecipe(locateRecipe('demo') as string, recipeContext(config));
    const demo = generateDataset(recipe, config, { today: todayIn(recipe.timeZone) });
    const seeded = await loadDataset(conn, demo);
    if (seeded.failed > 0) throw new Error(`demo seed failed: ${JSON.stringify(seeded.failures.slice(0, 3))}`);
    const accounts = (demo.objects.find((group) => group.sobject === 'Account')?.records ?? []).map((record) => ({
      key: record.key,
      name: String(record.fields.Name)
    }));
    const demoIncidents = (await conn.query('SELECT COUNT() FROM Maintenance_Incident__c')).totalSize;
    const file = join(home, 'incidents.csv');
    writeCsv(file, accounts, Date.now());
    const requests: string[] = [];
    org.server.on('request', (request: { method?: string; url?: string }) =>
      requests.push(`${request.method} ${request.url}`)
    );
    const lines: string[][] = [];
    for (const pass of ['first import', 'rerun (same file)']) {
      process.stdout.write(`incident import, ${pass}...\n`);
      requests.length = 0;
      const started = process.hrtime.bigint();
      const result = await importCommand(alias, file, home);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const output = JSON.parse(result.stdout) as {
        status: number;
        message?: string;
        result?: { created: number; updated: number; rejected: unknown[]; failed: unknown[]; api?: string };
      };
      if (!output.result) throw new Error(`incident import failed: ${output.message ?? result.stdout.slice(0, 500)}`);
      const loaded = (await conn.query('SELECT COUNT() FROM Maintenance_Incident__c')).totalSize - demoIncidents;
      const bulk = requests.filter((request) => request.includes('/jobs/ingest')).length;
      lines.push([
        pass,
        String(ROWS),
        `${output.result.created} created, ${output.result.updated} updated, ${output.result.rejected.length + output.result.failed.length} not imported`,
        loaded === ROWS ? 'yes' : `NO (${loaded})`,
        seconds.toFixed(1),
        String(requests.length),
        ((requests.length * 1000) / ROWS).toFixed(1),
        output.result.api === 'bulk2' ? `${bulk} (${((bulk * 1000) / ROWS).toFixed(2)}/1000)` : '-'
      ]);
    }
    const header = [
      'scenario',
      'rows',
      'outcome',
      'all in the org',
      'wall s',
      'requests',
      'req/1000 rec',
      `Bulk 2.0 requests (>= ${DEFAULT_BULK_THRESHOLD} rows)`
    ];
    const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
    process.stdout.write('\n');
    for (const line of [header, ...lines])
      process.stdout.write(line.map((cell, column) => cell.padEnd(widths[column])).join('  ') + '\n');
  } finally {
    await stopLocalOrg(org);
    process.env.HOME = originalHome;
    rmSync(home, { recursive: true, force: true });
  }
}
