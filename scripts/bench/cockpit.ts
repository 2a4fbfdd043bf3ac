/**
 * Maintenance Cockpit benchmark, in Chromium (issue 14's targets), on a local org seeded with the portfolio recipe
 * (BENCH_COCKPIT_RECIPE to choose another) at BENCH_COCKPIT_SCALE (default 200: issue 14's volume, 2,000 accounts,
 * 5,000 contracts, 50,000 incidents, 400 transition plans; the counts are read back from the org and printed):
 * - the requests the cockpit makes to load, counted at the browser, with the size of each answer;
 * - the time to the first screen: from the last data answer to the first rows of the ranking drawn (target: under
 *   1.5 s), median of RUNS page loads; and from navigation start, network included;
 * - the largest answer against what the page needs of it: the bytes of the field values the engine reads in its
 *   records (their JSON, without the UI API's per-record and per-field envelope), as a ratio.
 * Prints figures; asserts nothing.
 */
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, INSTALL_HELP, findBrowser } from '../ensure-browser.js';
import { startDemoOrg, startPreview, type DemoOrg } from '../../test/e2e/support/demoOrg.js';

const RECIPE = process.env.BENCH_COCKPIT_RECIPE ?? 'portfolio';
const SCALE = Number(process.env.BENCH_COCKPIT_SCALE ?? 200);
const RUNS = Number(process.env.BENCH_COCKPIT_RUNS ?? 3);
const FIRST_SCREEN_TARGET_MS = 1500;

interface Answer {
  path: string;
  bytes: number;
  records: number;
  /** JSON bytes of the records' field values alone. */
  valueBytes: number;
}

interface CockpitLoad {
  answers: Answer[];
  /** Last data answer -> first rows drawn, in ms. */
  firstScreenMs: number;
  /** Navigation start -> first rows drawn, in ms. */
  pageMs: number;
  rows: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface UiRecord {
  fields?: Record<string, { value?: unknown }>;
}

/** The field values of UI API records, nested records (Account__r) reduced to their values too. */
function values(records: UiRecord[]): unknown[] {
  const plain = (record: UiRecord): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(record.fields ?? {}).map(([name, field]) => {
        const value = field?.value;
        return [name, value && typeof value === 'object' ? plain(value) : value];
      })
    );
  return records.map(plain);
}

async function loadCockpit(page: Page, url: string): Promise<CockpitLoad> {
  const pending: Promise<Answer>[] = [];
  const onResponse = (response: { url(): string; body(): Promise<Buffer> }): void => {
    const path = new URL(response.url()).pathname;
    if (!path.startsWith('/services/')) return;
    pending.push(
      response.body().then((body) => {
        let records: UiRecord[] = [];
        try {
          records = (JSON.parse(body.toString('utf8')) as { records?: UiRecord[] }).records ?? [];
        } catch {
          records = [];
        }
        return {
          path: path.replace(/^\/services\/data\/v[\d.]+\/ui-api\//, ''),
          bytes: body.length,
          records: records.length,
          valueBytes: Buffer.byteLength(JSON.stringify(values(records)))
        };
      })
    );
  };
  page.on('response', onResponse);
  await page.goto(url);
  await page.locator('c-maintenance-portfolio tr.account-row').first().waitFor({ timeout: 600_000 });
  const drawnAt = await page.evaluate(() => performance.now());
  const lastAnswer = await page.evaluate(() =>
    Math.max(
      0,
      ...performance
        .getEntriesByType('resource')
        .filter((entry) => new URL(entry.name).pathname.startsWith('/services/'))
        .map((entry) => (entry as unknown as { responseEnd: number }).responseEnd)
    )
  );
  const rows = await page.locator('c-maintenance-portfolio tr.account-row').count();
  page.off('response', onResponse);
  return { answers: await Promise.all(pending), firstScreenMs: drawnAt - lastAnswer, pageMs: drawnAt, rows };
}

async function count(demo: DemoOrg, sobject: string, where = ''): Promise<number> {
  return (await demo.conn.query(`SELECT COUNT() FROM ${sobject}${where}`)).totalSize;
}

export async function run(): Promise<void> {
  const choice = findBrowser();
  if (!choice) {
    process.stdout.write(`skipped: ${INSTALL_HELP}\n`);
    return;
  }
  const started = Date.now();
  const demo = await startDemoOrg(RECIPE, undefined, SCALE);
  try {
    const preview = await startPreview(demo.org);
    const seeded = ((Date.now() - started) / 1000).toFixed(0);
    const figures = {
      accounts: await count(demo, 'Account'),
      contracts: await count(demo, 'Maintenance_Contract__c'),
      incidents: await count(demo, 'Maintenance_Incident__c'),
      judged: await count(
        demo,
        'Maintenance_Incident__c',
        " WHERE Contract__c != null AND (Resolved_At__c >= LAST_N_DAYS:91 OR (Resolved_At__c = null AND Status__c != 'Cancelled'))"
      ),
      checklists: await count(demo, 'Handover_Checklist__c'),
      transitions: await count(demo, 'Maintenance_Transition__c')
    };
    process.stdout.write(
      `${RECIPE} recipe at --scale ${SCALE} (set up in ${seeded} s): ${figures.accounts} accounts, ${figures.contracts} contracts, ` +
        `${figures.incidents} incidents (${figures.judged} in the cockpit's list view: open, or resolved within 91 days), ` +
        `${figures.checklists} checklists, ${figures.transitions} transition plans\n`
    );
    const browser = await chromium.launch({ executablePath: choice.path, args: CHROMIUM_FLAGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const url = `${preview.server.url}/lightning/n/Maintenance_Cockpit`;
      await loadCockpit(page, url); // warm: the browser caches the build, the org its statements
      const loads: CockpitLoad[] = [];
      for (let i = 0; i < RUNS; i++) loads.push(await loadCockpit(page, url));
      const last = loads[loads.length - 1];
      const data = last.answers.filter((answer) => answer.records > 0 || answer.path.startsWith('list-records'));
      for (const answer of last.answers) {
        process.stdout.write(
          `  ${answer.path.padEnd(60)} ${(answer.bytes / 1024).toFixed(0).padStart(7)} KB, ${answer.records} records\n`
        );
      }
      const largest = [...data].sort((a, b) => b.bytes - a.bytes)[0];
      const firstScreen = median(loads.map((load) => load.firstScreenMs));
      const total = last.answers.reduce((sum, answer) => sum + answer.bytes, 0);
      process.stdout.write(
        `  ${last.answers.length} requests, ${(total / 1024 / 1024).toFixed(1)} MB in all; ${last.rows} rows drawn\n` +
          `  first screen (last data answer -> first rows drawn): median ${firstScreen.toFixed(0)} ms of ${RUNS} ` +
          `[${loads.map((load) => load.firstScreenMs.toFixed(0)).join(', ')}]\n` +
          `  page (navigation -> first rows drawn): median ${median(loads.map((load) => load.pageMs)).toFixed(0)} ms\n` +
          (largest
            ? `  largest answer: ${largest.path}, ${(largest.bytes / 1024).toFixed(0)} KB for ${largest.records} records; ` +
              `the field values the page reads in them: ${(largest.valueBytes / 1024).toFixed(0)} KB ` +
              `(${(largest.bytes / Math.max(largest.valueBytes, 1)).toFixed(1)}x, the UI API's record envelope)\n`
            : '') +
          `Cockpit first screen at ${figures.accounts} accounts: ${firstScreen.toFixed(0)} ms after the last answer ` +
          `(target < ${FIRST_SCREEN_TARGET_MS} ms: ${firstScreen < FIRST_SCREEN_TARGET_MS ? 'met' : 'MISSED'})\n`
      );
    } finally {
      await browser.close();
      await preview.server.close();
    }
  } finally {
    await demo.stop();
  }
}
