/**
 * `sf maintenance report --risk` on the demo seeded into a local org: the Maintenance Cockpit's ranking in the
 * terminal. The order and the figures are those the recipe's stories make true (config/seed/demo.yaml), checked by
 * hand, and equal to the engine's portfolioFigures over the records the seed generated.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  addDays,
  amendmentFromRecord,
  checklistFromRecord,
  contractFromRecord,
  effortEntryFromRecord,
  type EffortEntry,
  incidentFromRecord,
  portfolioFigures,
  readinessFromRecord,
  transitionFromRecord
} from '#engine';
import Deploy from '../../src/commands/maintenance/deploy.js';
import Report, { type RiskReportResult } from '../../src/commands/maintenance/report.js';
import Seed from '../../src/commands/maintenance/seed.js';
import { todayIn } from '../../src/shared/dates.js';
import type { SeedRecord } from '../../src/seed/dataset.js';
import { generateDataset } from '../../src/seed/generator.js';
import { loadPackageConfig, recipeContext } from '../../src/seed/packageConfig.js';
import { locateRecipe, readRecipe } from '../../src/seed/recipe.js';
import { isolateSfHome, runCommand, runScript, startTestOrg, type TestOrg } from './pluginFixtures.js';

const sandbox = isolateSfHome();
let org: TestOrg;
const today = todayIn('Europe/Paris');
const config = loadPackageConfig();
const demo = generateDataset(readRecipe(locateRecipe('demo') as string, recipeContext(config)), config, { today });
const storyOf = new Map(demo.accounts.map((account) => [account.name, account.story]));

beforeAll(async () => {
  org = await startTestOrg('risk');
  expect((await runCommand(Deploy, ['-o', 'risk'])).error).toBeUndefined();
  expect((await runCommand(Seed, ['-o', 'risk'])).error).toBeUndefined();
}, 240_000);

afterAll(async () => {
  await org?.stop();
  sandbox.restore();
});

async function risk(extra: string[] = []): Promise<RiskReportResult> {
  const { result, error } = await runCommand<RiskReportResult>(Report, [
    '-o',
    'risk',
    '--risk',
    '--today',
    today,
    ...extra
  ]);
  expect(error).toBeUndefined();
  return result as RiskReportResult;
}

describe('sf maintenance report --risk', () => {
  it('ranks the demo stories: the accounts in a gap first, then the gap in 3 weeks, with the stories’ figures', async () => {
    const report = await risk();
    expect(report.ranking).toHaveLength(27);
    const stories = report.ranking.map((line) => storyOf.get(line.accountName));
    // The 2 accounts whose warranty ended 12 days ago, then the 2 whose contract ends in 20 days.
    expect(stories.slice(0, 4)).toEqual(['gap-today', 'gap-today', 'gap-ahead', 'gap-ahead']);
    // 12 days in the gap: it began 12 days ago.
    for (const line of report.ranking.slice(0, 2)) {
      expect(line).toMatchObject({ coverage: 'in-gap', inGapSince: addDays(today, -12), gapStart: today });
      expect(line.flags[0]).toBe('in-gap');
    }
    for (const line of report.ranking.slice(2, 4)) {
      expect(line).toMatchObject({ coverage: 'gap-ahead', gapStart: addDays(today, 21) });
    }
    expect(report.ranking.map((line) => line.rank)).toEqual(report.ranking.map((_, index) => index + 1));
    expect(report.counts).toMatchObject({ accounts: 27, 'in-gap': 2 });
    const of = (story: string) => report.ranking.filter((line) => storyOf.get(line.accountName) === story);
    // 85 % of 40 days consumed.
    for (const line of of('budget-burn')) expect(line.budget?.percentConsumed).toBe(85);
    // Three mandatory items open on the checklist going live in 30 days.
    for (const line of of('handover-in-progress')) expect(line.handover?.mandatoryOpen).toBe(3);
    // Go-live in 150 days, no warranty: a new TMA (120 days) closes in 30 days, the alert.
    for (const line of of('transition-undecided')) {
      expect(line.transition).toMatchObject({ option: 'New TMA', closesOn: addDays(today, 30), alert: true });
      expect(line.flags).toContain('options-closing');
    }
  }, 60_000);

  it('equals the engine over the records the seed generated', async () => {
    const report = await risk();
    const records = (sobject: string): SeedRecord[] =>
      demo.objects.find((group) => group.sobject === sobject)?.records ?? [];
    const withIds = (record: SeedRecord): Record<string, unknown> => ({
      ...record.fields,
      Id: record.key,
      ...Object.fromEntries(Object.entries(record.refs).map(([field, ref]) => [field, ref?.key ?? null]))
    });
    const names = Object.fromEntries(demo.accounts.map((account) => [account.key, account.name]));
    const checklists = records('Handover_Checklist__c').map(withIds);
    const items = records('Handover_Item__c');
    const figures = portfolioFigures({
      accountNames: names,
      contracts: records('Maintenance_Contract__c').map((record) => contractFromRecord(withIds(record))),
      amendments: records('Contract_Amendment__c').map((record) => amendmentFromRecord(withIds(record))),
      incidents: records('Maintenance_Incident__c').map((record) => incidentFromRecord(withIds(record))),
      checklists: checklists.map((record) => checklistFromRecord(record)),
      transitions: records('Maintenance_Transition__c').map((record) => transitionFromRecord(withIds(record))),
      options: Object.values(config.transitionOptions),
      calendars: config.calendars,
      // The org burns budgets from its Consumed_Effort_Days__c roll-up; here from the effort entries themselves.
      effort: records('Effort_Entry__c').reduce<Record<string, EffortEntry[]>>((byContract, record) => {
        const entry = effortEntryFromRecord(withIds(record));
        (byContract[String(entry.contractId)] ??= []).push(entry);
        return byContract;
      }, {}),
      // The roll-ups, added up by hand from the items.
      readiness: Object.fromEntries(
        checklists.map((record) => {
          const mine = items.filter((item) => item.refs.Checklist__c?.key === record.Id);
          const done = mine.filter((item) => item.fields.Done__c === true).length;
          return [
            String(record.Id),
            readinessFromRecord({
              Items_Total__c: mine.length,
              Items_Done__c: done,
              Mandatory_Open__c: mine.filter(
                (item) => item.fields.Mandatory__c === true && item.fields.Done__c !== true
              ).length,
              Readiness_Percent__c: mine.length === 0 ? 0 : (done / mine.length) * 100
            })
          ];
        })
      ),
      today,
      now: new Date(`${today}T12:00:00Z`)
    });
    for (const expected of figures) {
      const line = report.ranking.find((candidate) => candidate.accountName === expected.accountName);
      expect({ account: expected.accountName, gapStart: line?.gapStart, notice: line?.notice?.deadline }).toEqual({
        account: expected.accountName,
        gapStart: expected.gapStart,
        notice: expected.notice?.deadline
      });
      expect({ account: expected.accountName, breached: line?.openBreached }).toEqual({
        account: expected.accountName,
        breached: expected.openBreached
      });
      expect({ account: expected.accountName, compliance: line?.compliance }).toEqual({
        account: expected.accountName,
        compliance: expected.compliance
      });
      expect(line?.budget?.consumedDays).toBe(expected.budget?.consumedDays);
      const handover = (h: { phase: string; percent: number; mandatoryOpen: number } | null | undefined) =>
        h ? { phase: h.phase, mandatoryOpen: h.mandatoryOpen, percent: Math.round(h.percent * 10) / 10 } : null;
      expect({ account: expected.accountName, handover: handover(line?.handover) }).toEqual({
        account: expected.accountName,
        handover: handover(expected.handover)
      });
    }
  }, 60_000);

  it('prints the ranking as Markdown for a weekly e-mail, from a real process', async () => {
    const run = await runScript('test/plugin/runPluginCommand.ts', [
      'report',
      '-o',
      'risk',
      '--risk',
      '--format',
      'md',
      '--today',
      today
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`# Maintenance risk ranking, ${today}`);
    expect(run.stdout).toMatch(/27 account\(s\), \d+ at risk: 2 in a gap today, /);
    const tableLines = run.stdout.split('\n').filter((line) => line.startsWith('| '));
    // Header, separator, 27 accounts; the first account is one of the two in a gap.
    expect(tableLines).toHaveLength(29);
    expect(storyOf.get(tableLines[2].split(' | ')[1])).toBe('gap-today');
  }, 60_000);

  it('refuses --risk with --month or --account', async () => {
    const { error } = await runCommand(Report, ['-o', 'risk', '--risk', '--month', '2026-03']);
    expect(error?.message).toContain('--month');
  });
});
