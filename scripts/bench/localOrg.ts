/**
 * Local org benchmark, each figure beside the same work done straight in SQLite (better-sqlite3, no HTTP, no
 * checks), as a ratio:
 * - a full deploy of force-app through source-deploy-retrieve (seconds) vs creating the same tables directly;
 * - a Bulk API 2.0 ingest of 100,000 incidents (records per second, from job creation to JobComplete) vs parsing the
 *   same CSV and inserting it in one transaction (target: within 3x), and meanwhile the latency of a REST query sent
 *   every 20 ms (p50 and p99; target: p99 under 100 ms: the server answers between Bulk chunks); then, to tell the
 *   storage's share from the checks', the rows the org stored for that ingest (each incident with its history
 *   `created` row) written straight into copies of the org's own tables and indexes, committed every 1,000 rows as
 *   the org commits each chunk (its 20 ms chunks are often smaller, so this favours SQLite);
 * - a Bulk ingest of 12,000 handover items, 6,000 under each of two checklists whose roll-ups (count, filtered
 *   counts) move with every item, with the same concurrent query latency (roll-up upkeep is per item, not per
 *   checklist);
 * - a SOQL query of one account's incidents with a relationship field and an ORDER BY, over those 100,000 rows
 *   (milliseconds, median of 20, through REST) vs the same SQL join;
 * plus the peak memory (VmHWM) of the org process. The org runs as its own process from the compiled plugin (lib/,
 * which `npm run bench` builds), as `sf maintenance org start` runs it. `LOCAL_ORG_BENCH_INCIDENTS` changes the
 * volume. Prints; asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AuthInfo, Connection } from '@salesforce/core';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { INCIDENT_CATEGORIES, PRIORITIES } from '#engine';

// The org process is started from the compiled plugin, as the sf CLI starts it (under tsx it would run the sources).
const { DATABASE_FILE, readIdentity, startBackground, stopBackground } = (await import(
  join(process.cwd(), 'lib', 'src', 'localOrg', 'daemon.js')
)) as typeof import('../../src/localOrg/daemon.js');

const INCIDENTS = Number(process.env.LOCAL_ORG_BENCH_INCIDENTS ?? 100_000);
const ACCOUNTS = 200;
const V = '/services/data/v62.0';

interface Org {
  url: string;
  token: string;
  pid: number;
}

async function api(
  org: Org,
  path: string,
  init: { method?: string; body?: string; type?: string } = {}
): Promise<unknown> {
  const response = await fetch(`${org.url}${path}`, {
    method: init.method ?? 'GET',
    body: init.body,
    headers: { Authorization: `Bearer ${org.token}`, 'Content-Type': init.type ?? 'application/json' }
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${path}: ${response.status} ${text.slice(0, 300)}`);
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/** Peak resident memory of a process, in MiB (Linux /proc). */
function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kib / 1024;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function line(label: string, local: string, raw: string, ratio: number): void {
  process.stdout.write(
    `${label.padEnd(58)} ${local.padStart(16)}   straight SQLite ${raw.padStart(14)}   ratio ${ratio.toFixed(1)}x\n`
  );
}

async function deploy(org: Org): Promise<number> {
  const authInfo = await AuthInfo.create({
    accessTokenOptions: { accessToken: org.token, instanceUrl: org.url, loginUrl: org.url }
  });
  const connection = await Connection.create({ authInfo });
  const started = performance.now();
  const operation = await ComponentSet.fromSource('force-app').deploy({ usernameOrConnection: connection });
  const result = await operation.pollStatus(100, 600);
  if (!result.response.success)
    throw new Error(`deploy failed: ${JSON.stringify(result.response.details).slice(0, 500)}`);
  return (performance.now() - started) / 1000;
}

/** The tables a deploy creates, made directly: one table per object with its columns and indexes. */
function rawSchema(db: Database.Database): number {
  const started = performance.now();
  const objects = [
    ['contract', 40],
    ['incident', 38],
    ['checklist', 20],
    ['item', 20]
  ] as const;
  db.transaction(() => {
    for (const [name, columns] of objects) {
      const list = Array.from({ length: columns }, (_, index) => `c${index} TEXT`).join(', ');
      db.exec(`CREATE TABLE ${name} (id TEXT PRIMARY KEY, ${list})`);
      db.exec(`CREATE INDEX ${name}_c1 ON ${name} (c1)`);
      db.exec(`CREATE UNIQUE INDEX ${name}_c2 ON ${name} (c2)`);
    }
  })();
  return (performance.now() - started) / 1000;
}

function incidentCsv(accountIds: string[], contractIds: string[]): string {
  const header =
    'External_Id__c,Subject__c,Account__c,Contract__c,Reported_At__c,Impact__c,Urgency__c,Priority__c,Category__c,Status__c,Resolved_At__c,Effort_Days__c';
  const lines = [header];
  const start = Date.UTC(2026, 0, 1);
  for (let index = 0; index < INCIDENTS; index++) {
    const account = index % accountIds.length;
    const reported = new Date(start + index * 60_000 * 7).toISOString();
    const resolved = index % 3 === 0 ? new Date(start + index * 60_000 * 7 + 3_600_000).toISOString() : '';
    lines.push(
      [
        `BENCH-${index}`,
        `Incident ${index}: service degraded`,
        accountIds[account],
        contractIds[account],
        reported,
        'Medium',
        'Medium',
        PRIORITIES[index % 4],
        INCIDENT_CATEGORIES[index % 4],
        resolved ? 'Resolved' : 'New',
        resolved,
        String((index % 8) / 4)
      ].join(',')
    );
  }
  return lines.join('\n') + '\n';
}

/** Latencies of a REST query sent every 20 ms until `done` resolves (milliseconds, in order sent). */
async function probeLatency(org: Org, done: Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let finished = false;
  void done.finally(() => (finished = true));
  const soql = encodeURIComponent('SELECT Id, Name FROM Account ORDER BY Name LIMIT 20');
  while (!finished) {
    const started = performance.now();
    await api(org, `${V}/query?q=${soql}`);
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return latencies;
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
}

/** A Bulk 2.0 insert job of `csv` into `object`, with the concurrent query latency; seconds and latencies. */
async function bulkIngest(org: Org, object: string, csv: string): Promise<{ seconds: number; latencies: number[] }> {
  const started = performance.now();
  const job = (await api(org, `${V}/jobs/ingest`, {
    method: 'POST',
    body: JSON.stringify({ object, operation: 'insert', contentType: 'CSV' })
  })) as { id: string };
  await api(org, `${V}/jobs/ingest/${job.id}/batches`, { method: 'PUT', body: csv, type: 'text/csv' });
  await api(org, `${V}/jobs/ingest/${job.id}`, { method: 'PATCH', body: JSON.stringify({ state: 'UploadComplete' }) });
  const completion = (async (): Promise<void> => {
    for (;;) {
      const info = (await api(org, `${V}/jobs/ingest/${job.id}`)) as {
        state: string;
        numberRecordsProcessed: number;
        numberRecordsFailed: number;
        errorMessage?: string;
      };
      if (info.state === 'JobComplete') {
        if (info.numberRecordsFailed > 0) throw new Error(`${info.numberRecordsFailed} rows failed`);
        return;
      }
      if (info.state === 'Failed') throw new Error(`bulk job failed: ${info.errorMessage ?? ''}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const latencies = await probeLatency(org, completion);
  await completion;
  return { seconds: (performance.now() - started) / 1000, latencies };
}

function latencyLine(label: string, latencies: number[]): void {
  process.stdout.write(
    `${label.padEnd(58)} p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms` +
      ` (${latencies.length} queries; target p99 < 100 ms)\n`
  );
}

function rawIngest(db: Database.Database, csv: string): number {
  const started = performance.now();
  const rows: string[][] = parse(csv, { from_line: 2 });
  db.exec(
    'CREATE TABLE incident_raw (id TEXT PRIMARY KEY, ext TEXT, subject TEXT, account TEXT, contract TEXT, reported TEXT, ' +
      'impact TEXT, urgency TEXT, priority TEXT, category TEXT, status TEXT, resolved TEXT, effort REAL)'
  );
  db.exec('CREATE INDEX incident_raw_account ON incident_raw (account)');
  db.exec('CREATE UNIQUE INDEX incident_raw_ext ON incident_raw (ext)');
  const insert = db.prepare('INSERT INTO incident_raw VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    rows.forEach((row, index) =>
      insert.run(`a02${String(index).padStart(15, '0')}`, ...row.slice(0, 11), Number(row[11]))
    );
  })();
  return (performance.now() - started) / 1000;
}

/**
 * The rows the org stored for the incident ingest (incidents and their history rows), inserted straight into copies
 * of the org's tables and indexes, parsing the CSV as rawIngest does and committing every 1,000 rows; seconds.
 */
function layoutIngest(raw: Database.Database, orgDb: Database.Database, csv: string): number {
  const tables = ['o_maintenance_incident__c', 'o_maintenance_incident__history'];
  const schema = orgDb
    .prepare(`SELECT sql FROM sqlite_master WHERE tbl_name IN (?, ?) AND sql IS NOT NULL ORDER BY type DESC`)
    .pluck()
    .all(...tables) as string[];
  for (const sql of schema) raw.exec(sql.replace(/"o_maintenance_incident__/g, '"copy_maintenance_incident__'));
  const incidents = orgDb.prepare(`SELECT * FROM ${tables[0]} ORDER BY rowid`).raw().all() as unknown[][];
  const history = new Map(
    (orgDb.prepare(`SELECT * FROM ${tables[1]} WHERE Field = 'created'`).raw().all() as unknown[][]).map((row) => [
      row[2],
      row
    ])
  );
  const insert = (table: string, width: number): Database.Statement =>
    raw.prepare(`INSERT INTO ${table} VALUES (${Array.from({ length: width }, () => '?').join(', ')})`);
  const insertIncident = insert('copy_maintenance_incident__c', incidents[0].length);
  const insertHistory = insert('copy_maintenance_incident__history', history.values().next().value?.length ?? 0);
  const started = performance.now();
  parse(csv, { from_line: 2 });
  for (let from = 0; from < incidents.length; from += 1000) {
    raw.transaction(() => {
      for (const row of incidents.slice(from, from + 1000)) {
        insertIncident.run(row);
        const created = history.get(row[0]);
        if (created) insertHistory.run(created);
      }
    })();
  }
  return (performance.now() - started) / 1000;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'localorg-bench-'));
  const dataDir = join(dir, 'org');
  try {
    const { org: running } = await startBackground({ dataDir });
    const org: Org = {
      url: running.instanceUrl,
      token: readIdentity(dataDir)?.accessToken as string,
      pid: running.pid
    };
    const raw = new Database(join(dir, 'raw.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');

    const deploySeconds = await deploy(org);
    const rawSchemaSeconds = rawSchema(raw);
    line(
      'deploy force-app (SDR -> Metadata API)',
      `${deploySeconds.toFixed(2)} s`,
      `${(rawSchemaSeconds * 1000).toFixed(1)} ms`,
      deploySeconds / rawSchemaSeconds
    );

    const accounts = (await api(org, `${V}/composite/sobjects`, {
      method: 'POST',
      body: JSON.stringify({
        allOrNone: true,
        records: Array.from({ length: ACCOUNTS }, (_, index) => ({
          attributes: { type: 'Account' },
          Name: `Bench ${index}`
        }))
      })
    })) as { id: string }[];
    const accountIds = accounts.map((result) => result.id);
    const contracts = (await api(org, `${V}/composite/sobjects`, {
      method: 'POST',
      body: JSON.stringify({
        allOrNone: true,
        records: accountIds.map((Account__c, index) => ({
          attributes: { type: 'Maintenance_Contract__c' },
          Name: `TMA ${index}`,
          Account__c,
          Start_Date__c: '2026-01-01',
          End_Date__c: '2027-12-31'
        }))
      })
    })) as { id: string }[];
    const contractIds = contracts.map((result) => result.id);

    const csv = incidentCsv(accountIds, contractIds);
    const ingest = await bulkIngest(org, 'Maintenance_Incident__c', csv);
    const rawIngestSeconds = rawIngest(raw, csv);
    line(
      `Bulk 2.0 ingest of ${INCIDENTS.toLocaleString('en-US')} incidents`,
      `${Math.round(INCIDENTS / ingest.seconds).toLocaleString('en-US')} rec/s`,
      `${Math.round(INCIDENTS / rawIngestSeconds).toLocaleString('en-US')} rec/s`,
      ingest.seconds / rawIngestSeconds
    );
    latencyLine('  concurrent REST query during that ingest', ingest.latencies);
    const orgDb = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    const layoutSeconds = layoutIngest(raw, orgDb, csv);
    orgDb.close();
    line(
      `  the same rows into the org's own tables, no checks`,
      `${Math.round(INCIDENTS / ingest.seconds).toLocaleString('en-US')} rec/s`,
      `${Math.round(INCIDENTS / layoutSeconds).toLocaleString('en-US')} rec/s`,
      ingest.seconds / layoutSeconds
    );

    const checklists = (await api(org, `${V}/composite/sobjects`, {
      method: 'POST',
      body: JSON.stringify({
        allOrNone: true,
        records: [0, 1].map((index) => ({
          attributes: { type: 'Handover_Checklist__c' },
          Name: `Big handover ${index}`,
          Project_Name__c: `Portal ${index}`,
          Account__c: accountIds[index],
          Go_Live_Date__c: '2026-06-01',
          Warranty_End_Date__c: '2026-09-01'
        }))
      })
    })) as { id: string }[];
    const itemLines = ['Name,Checklist__c,Category__c,Mandatory__c,Done__c,Done_On__c'];
    for (let index = 0; index < 12_000; index++) {
      itemLines.push(
        `Item ${index},${checklists[index % 2].id},Documentation,${index % 3 === 0},${index % 5 === 0},` +
          (index % 5 === 0 ? '2026-05-04' : '')
      );
    }
    const items = await bulkIngest(org, 'Handover_Item__c', itemLines.join('\n') + '\n');
    process.stdout.write(
      `${'Bulk 2.0 ingest of 12,000 handover items (6,000 per checklist)'.padEnd(58)} ` +
        `${Math.round(12_000 / items.seconds)
          .toLocaleString('en-US')
          .padStart(12)} rec/s\n`
    );
    latencyLine('  concurrent REST query during that ingest', items.latencies);

    raw.exec('CREATE TABLE contract_raw (id TEXT PRIMARY KEY, name TEXT)');
    const insertContract = raw.prepare('INSERT INTO contract_raw VALUES (?, ?)');
    raw.transaction(() => contractIds.forEach((id, index) => insertContract.run(id, `TMA ${index}`)))();
    const account = accountIds[17];
    const soql =
      'SELECT Id, Name, Subject__c, Priority__c, Status__c, Reported_At__c, Contract__r.Name FROM Maintenance_Incident__c ' +
      `WHERE Account__c = '${account}' ORDER BY Reported_At__c DESC`;
    const localTimes: number[] = [];
    let size = 0;
    for (let attempt = 0; attempt < 21; attempt++) {
      const started = performance.now();
      const result = (await api(org, `${V}/query?q=${encodeURIComponent(soql)}`)) as { totalSize: number };
      if (attempt > 0) localTimes.push(performance.now() - started);
      size = result.totalSize;
    }
    const statement = raw.prepare(
      'SELECT i.id, i.ext, i.subject, i.priority, i.status, i.reported, c.name FROM incident_raw i ' +
        'LEFT JOIN contract_raw c ON c.id = i.contract WHERE i.account = ? ORDER BY i.reported DESC'
    );
    const rawTimes: number[] = [];
    for (let attempt = 0; attempt < 21; attempt++) {
      const started = performance.now();
      statement.all(account);
      if (attempt > 0) rawTimes.push(performance.now() - started);
    }
    line(
      `SOQL one account's incidents (${size} rows, relationship, ORDER BY)`,
      `${median(localTimes).toFixed(1)} ms`,
      `${median(rawTimes).toFixed(2)} ms`,
      median(localTimes) / median(rawTimes)
    );
    process.stdout.write(`peak memory of the org process (VmHWM): ${peakRssMiB(org.pid).toFixed(0)} MiB\n`);
    raw.close();
  } finally {
    await stopBackground(dataDir);
    rmSync(dir, { recursive: true, force: true });
  }
}
