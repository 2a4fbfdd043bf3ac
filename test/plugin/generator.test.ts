import { describe, expect, it } from '@jest/globals';
import { base, en, Faker, fr } from '@faker-js/faker';
import {
  addDays,
  addMonths,
  COVERAGE_HORIZON_DAYS,
  amendmentFromRecord,
  budgetBurn,
  checklistFromRecord,
  contractCalendar,
  contractFromRecord,
  coverageSummary,
  coverageTimeline,
  effortEntryFromRecord,
  effortOutOfCoverage,
  handoverReadiness,
  holidayHorizon,
  incidentFromRecord,
  incidentTransition,
  itemFromRecord,
  monthlySpend,
  noticeDeadline,
  noticeStatus,
  priorityFor,
  transitionFromRecord,
  transitionPlan,
  type Level
} from '#engine';
import { KEY_FIELD, RUNNING_USER, type SeedRecord } from '../../src/seed/dataset.js';
import { zonedInstant } from '../../src/shared/dates.js';
import { generateDataset, LOCALE_DEFINITIONS, type GeneratedDataset } from '../../src/seed/generator.js';
import { loadPackageConfig, recipeContext } from '../../src/seed/packageConfig.js';
import { checkFieldValue, locateRecipe, readRecipe } from '../../src/seed/recipe.js';

const config = loadPackageConfig();
const context = recipeContext(config);
const demo = readRecipe(locateRecipe('demo') as string, context);
const volume = readRecipe(locateRecipe('volume') as string, context);
const portfolio = readRecipe(locateRecipe('portfolio') as string, context);

function records(dataset: GeneratedDataset, sobject: string): SeedRecord[] {
  return dataset.objects.find((group) => group.sobject === sobject)?.records ?? [];
}

function ofAccount(dataset: GeneratedDataset, sobject: string, accountKey: string): SeedRecord[] {
  return records(dataset, sobject).filter((record) => record.key.startsWith(`${accountKey}-`));
}

/** The engine's view of an account's contracts and checklists, ids = keys. */
function accountModel(dataset: GeneratedDataset, accountKey: string) {
  const contracts = ofAccount(dataset, 'Maintenance_Contract__c', accountKey).map((record) =>
    contractFromRecord({ ...record.fields, Id: record.key })
  );
  const checklists = ofAccount(dataset, 'Handover_Checklist__c', accountKey).map((record) =>
    checklistFromRecord({ ...record.fields, Id: record.key })
  );
  const coverage = coverageTimeline({
    contracts,
    checklists,
    today: dataset.today,
    horizonDays: COVERAGE_HORIZON_DAYS
  });
  return { contracts, checklists, coverage };
}

/** The effort entries billed under a contract, in engine shape. */
function entriesOf(dataset: GeneratedDataset, contractKey: string) {
  return records(dataset, 'Effort_Entry__c')
    .filter((entry) => entry.refs.Contract__c?.key === contractKey)
    .map((entry) => effortEntryFromRecord(entry.fields));
}

function sum(values: number[]): number {
  return Math.round(values.reduce((total, value) => total + value, 0) * 100) / 100;
}

function accountsOf(dataset: GeneratedDataset, story: string): string[] {
  return dataset.accounts.filter((account) => account.story === story).map((account) => account.key);
}

describe('generator: faker locale data', () => {
  it.each<['fr' | 'en', typeof fr]>([
    ['fr', fr],
    ['en', en]
  ])('gives every definition of %s over base the value it has there', (name, locale) => {
    const expected = new Faker({ locale: [locale, base] }).rawDefinitions as Record<string, Record<string, unknown>>;
    const actual = LOCALE_DEFINITIONS[name] as Record<string, Record<string, unknown> | undefined>;
    const entries = Object.entries(expected).flatMap(([category, values]) =>
      Object.entries(values ?? {}).map(([key, value]) => [`${category}.${key}`, value] as const)
    );
    expect(entries.length).toBeGreaterThan(50);
    for (const [path, value] of entries) {
      const [category, key] = path.split('.');
      expect([path, actual[category]?.[key]]).toEqual([path, value]);
    }
  });
});

describe('generator: determinism and size', () => {
  const first = generateDataset(demo, config, { today: '2026-05-04' });

  it('gives the same records for the same recipe, seed and day', () => {
    expect(generateDataset(demo, config, { today: '2026-05-04' })).toEqual(first);
  });

  it('gives other records for another seed', () => {
    const other = generateDataset(demo, config, { today: '2026-05-04', seed: 99 });
    expect(other.accounts.map((account) => account.name)).not.toEqual(first.accounts.map((account) => account.name));
  });

  it('tells the demo with twenty-seven accounts, in French and English', () => {
    expect(first.accounts).toHaveLength(27);
    expect(new Set(first.accounts.map((account) => account.locale))).toEqual(new Set(['fr', 'en']));
    const byStory = Object.fromEntries(demo.stories.map((entry) => [entry.story, entry.accounts]));
    for (const [story, count] of Object.entries(byStory)) expect(accountsOf(first, story)).toHaveLength(count);
    expect(records(first, 'Account')).toHaveLength(27);
    expect(new Set(first.accounts.map((account) => account.name)).size).toBe(27);
  });

  it('scales the volume recipe to about 1,000 records per unit, and a larger scale only adds accounts', () => {
    const one = generateDataset(volume, config, { today: '2026-05-04' });
    const two = generateDataset(volume, config, { today: '2026-05-04', scale: 2 });
    const total = (dataset: GeneratedDataset): number =>
      dataset.objects.reduce((sum, group) => sum + group.records.length, 0);
    expect(total(one)).toBeGreaterThanOrEqual(1000);
    expect(total(one)).toBeLessThan(1100);
    // Twice the accounts; the records differ a little from one account to the next (effort entries exist only for
    // the incidents worked on).
    expect(records(two, 'Account')).toHaveLength(2 * records(one, 'Account').length);
    expect(Math.abs(total(two) - 2 * total(one))).toBeLessThan(0.05 * total(one));
    const twoByKey = new Map(two.objects.flatMap((group) => group.records.map((record) => [record.key, record])));
    for (const group of one.objects) {
      for (const record of group.records) expect(twoByKey.get(record.key)).toEqual(record);
    }
  });

  it("scales the portfolio recipe to the cockpit's volume: per unit 10 accounts, 25 contracts, 250 incidents, 2 plans", () => {
    // By hand from config/seed/portfolio.yaml, per unit: covered 2 x (1 + 4 past terms) + 1 x (1 + 5), gap-ahead 2,
    // gap-today 2, notice-passed 1, budget-burn 1, amended-delay 2, transition-undecided 0, transition-decided 1 = 25
    // contracts; incidents 2 x 40 + 40 + 25 + 25 + 25 + 30 + 25 = 250; one plan per transition story = 2.
    for (const scale of [1, 3]) {
      const dataset = generateDataset(portfolio, config, { today: '2026-05-04', scale });
      expect({
        accounts: records(dataset, 'Account').length,
        contracts: records(dataset, 'Maintenance_Contract__c').length,
        incidents: records(dataset, 'Maintenance_Incident__c').length,
        transitions: records(dataset, 'Maintenance_Transition__c').length
      }).toEqual({ accounts: 10 * scale, contracts: 25 * scale, incidents: 250 * scale, transitions: 2 * scale });
    }
  });

  it('writes only values the data model accepts, with unique keys of at most 80 characters', () => {
    const keys = new Set<string>();
    for (const { sobject, records: list } of first.objects) {
      const fields = config.catalog.get(sobject.toLowerCase())?.fields;
      expect(fields).toBeDefined();
      for (const record of list) {
        expect(keys.has(record.key)).toBe(false);
        keys.add(record.key);
        expect(record.key.length).toBeLessThanOrEqual(80);
        for (const [name, value] of Object.entries(record.fields)) {
          const field = fields?.get(name.toLowerCase());
          expect({ sobject, name, known: field !== undefined }).toEqual({ sobject, name, known: true });
          const problem = field ? checkFieldValue(field, value, context) : undefined;
          expect({ sobject, name, value, problem }).toEqual({ sobject, name, value, problem: undefined });
        }
        expect(KEY_FIELD[sobject]).toBeDefined();
      }
    }
  });

  it('takes parents before children and references only keys it generated', () => {
    const seen = new Set<string>();
    for (const { records: list } of first.objects) {
      for (const record of list) {
        for (const ref of Object.values(record.refs)) {
          if (ref.sobject === 'User') expect(ref.key).toBe(RUNNING_USER);
          else expect(seen.has(ref.key)).toBe(true);
        }
      }
      for (const record of list) seen.add(record.key);
    }
  });
});

describe.each(['2026-05-04', '2027-02-15'])('the demo stories hold on %s', (today) => {
  const dataset = generateDataset(demo, config, { today });

  it('covered: covered today and over the whole coverage horizon', () => {
    for (const key of accountsOf(dataset, 'covered')) {
      const { coverage } = accountModel(dataset, key);
      expect(coverage).toMatchObject({ coveredToday: true, firstGapStart: null });
    }
  });

  it('gap-ahead: the first uncovered day is today + 21, the renewal is still a Draft', () => {
    for (const key of accountsOf(dataset, 'gap-ahead')) {
      const { contracts, coverage } = accountModel(dataset, key);
      expect(coverage.coveredToday).toBe(true);
      expect(coverage.firstGapStart).toBe(addDays(today, 21));
      expect(contracts.map((contract) => contract.status).sort()).toEqual(['Active', 'Draft']);
    }
  });

  it('gap-today: in a gap today, and every incident arrived out of coverage', () => {
    for (const key of accountsOf(dataset, 'gap-today')) {
      const { contracts, coverage } = accountModel(dataset, key);
      expect(coverage).toMatchObject({ coveredToday: false, firstGapStart: today });
      expect(contracts.every((contract) => contract.status !== 'Active')).toBe(true);
      const incidents = ofAccount(dataset, 'Maintenance_Incident__c', key);
      expect(incidents.length).toBe(3);
      for (const incident of incidents) {
        expect(incident.fields.Out_Of_Coverage__c).toBe(true);
        expect(incident.refs.Contract__c).toBeUndefined();
        expect(incident.fields.Resolution_Due__c).toBeNull();
      }
    }
  });

  it('notice-passed: ends in 45 days, the notice deadline passed 45 days ago', () => {
    for (const key of accountsOf(dataset, 'notice-passed')) {
      const { contracts, coverage } = accountModel(dataset, key);
      const [contract] = contracts;
      expect(contract).toMatchObject({ status: 'Active', endDate: addDays(today, 45), tacitRenewal: false });
      expect(noticeDeadline(contract)).toBe(addDays(today, -45));
      expect(coverage.firstGapStart).toBe(addDays(today, 46));
    }
  });

  it('handover-in-progress: go-live in 30 days, exactly 3 mandatory items open, the gated TMA is a Draft', () => {
    for (const key of accountsOf(dataset, 'handover-in-progress')) {
      const [checklist] = ofAccount(dataset, 'Handover_Checklist__c', key);
      const items = ofAccount(dataset, 'Handover_Item__c', key);
      expect(checklist.fields.Go_Live_Date__c).toBe(addDays(today, 30));
      expect(checklist.fields.Phase__c).not.toBe('Signed Off');
      const readiness = handoverReadiness({
        checklist: checklistFromRecord(checklist.fields),
        items: items.map((item) => itemFromRecord(item.fields))
      });
      expect(readiness).toMatchObject({ total: config.templateItems.length, mandatoryOpen: 3, canSignOff: false });
      const [contract] = ofAccount(dataset, 'Maintenance_Contract__c', key);
      expect(contract.fields.Status__c).toBe('Draft');
      expect(contract.refs.Handover_Checklist__c).toEqual({ sobject: 'Handover_Checklist__c', key: checklist.key });
    }
  });

  it('handover-signed-off: signed off by the running user with every item done, the gated contract Active, no gap', () => {
    for (const key of accountsOf(dataset, 'handover-signed-off')) {
      const [checklist] = ofAccount(dataset, 'Handover_Checklist__c', key);
      expect(checklist.fields.Phase__c).toBe('Signed Off');
      expect(checklist.refs.Signed_Off_By__c).toEqual({ sobject: 'User', key: RUNNING_USER });
      expect((checklist.fields.Signed_Off_On__c as string) < today).toBe(true);
      const items = ofAccount(dataset, 'Handover_Item__c', key);
      expect(items.every((item) => item.fields.Done__c === true && typeof item.fields.Done_On__c === 'string')).toBe(
        true
      );
      const [contract] = ofAccount(dataset, 'Maintenance_Contract__c', key);
      expect(contract.fields.Status__c).toBe('Active');
      expect(contract.refs.Handover_Checklist__c?.key).toBe(checklist.key);
      expect(accountModel(dataset, key).coverage).toMatchObject({ coveredToday: true, firstGapStart: null });
    }
  });

  it('budget-burn: 85 % of a 40-day budget consumed, and the engine raises the alert', () => {
    for (const key of accountsOf(dataset, 'budget-burn')) {
      const [contract] = accountModel(dataset, key).contracts;
      expect(contract).toMatchObject({ budgetDays: 40 });
      const entries = entriesOf(dataset, contract.id as string);
      // By hand: the billable days of the contract's entries, which the Consumed_Effort_Days__c roll-up adds up.
      expect(sum(entries.filter((entry) => entry.billable).map((entry) => entry.days))).toBeCloseTo(34, 2);
      const burn = budgetBurn({ contract, entries, today });
      expect(burn).toMatchObject({ consumedDays: 34, percentConsumed: 85, alert: 'threshold' });
      // The burn since the start runs the 6 days left out before the term ends.
      expect(burn.shortfall).toBe(true);
    }
  });

  it("logs one billable effort entry per incident worked on, with its days, under the incident's contract", () => {
    for (const incident of records(dataset, 'Maintenance_Incident__c')) {
      const entries = records(dataset, 'Effort_Entry__c').filter(
        (entry) => entry.refs.Incident__c?.key === incident.key
      );
      const effort = Number(incident.fields.Effort_Days__c);
      expect(entries).toHaveLength(effort > 0 ? 1 : 0);
      if (effort === 0) continue;
      const [entry] = entries;
      expect(entry.fields).toMatchObject({ Days__c: effort, Billable__c: true, Kind__c: incident.fields.Category__c });
      expect(String(entry.fields.Work_Date__c) < today).toBe(true);
      expect(entry.refs.Account__c.key).toBe(incident.refs.Account__c.key);
      if (incident.refs.Contract__c) expect(entry.refs.Contract__c.key).toBe(incident.refs.Contract__c.key);
    }
  });

  it('gives every other budget room: under the alert threshold', () => {
    for (const record of records(dataset, 'Maintenance_Contract__c')) {
      if (record.key.includes('-BUD') || record.fields.Contract_Type__c === 'Time and Materials') continue;
      const consumed = sum(entriesOf(dataset, record.key).map((entry) => entry.days));
      expect(consumed / Number(record.fields.Budget_Days__c)).toBeLessThan(0.8);
    }
  });

  it('gap-today: the work of the gap days, billed under the expired extension, counted and priced by hand', () => {
    for (const key of accountsOf(dataset, 'gap-today')) {
      const { contracts, checklists } = accountModel(dataset, key);
      const extension = contracts.find((contract) => contract.status === 'Expired');
      expect(extension).toMatchObject({ type: 'Project Extension', endDate: checklists[0].warrantyEndDate });
      const entries = ofAccount(dataset, 'Effort_Entry__c', key).map((entry) => effortEntryFromRecord(entry.fields));
      const gapDays = sum(
        entries.filter((entry) => entry.workDate > (extension?.endDate as string)).map((entry) => entry.days)
      );
      expect(gapDays).toBeGreaterThan(0);
      expect(effortOutOfCoverage({ contracts, checklists, entries })).toMatchObject({
        days: gapDays,
        amount: Math.round(gapDays * (extension?.dailyRate as number) * 100) / 100
      });
    }
  });

  it('transition-undecided: go-live in 150 days, no warranty, no decision; tender lost, a new TMA closes in 30 days', () => {
    for (const key of accountsOf(dataset, 'transition-undecided')) {
      const [record] = ofAccount(dataset, 'Maintenance_Transition__c', key);
      const transition = transitionFromRecord(record.fields);
      expect(transition).toMatchObject({ goLiveDate: addDays(today, 150), warrantyEndDate: null, optionChosen: null });
      expect(ofAccount(dataset, 'Maintenance_Contract__c', key)).toEqual([]);
      const plan = transitionPlan({ transition, options: Object.values(config.transitionOptions), today });
      // By hand: the takeover day is the go-live; Tender (180) closed 30 days ago; New TMA (120) closes in 30 days.
      expect(plan.takeoverDate).toBe(addDays(today, 150));
      expect(plan.lost.map((option) => option.name)).toEqual(['Tender']);
      expect(plan.open[0]).toMatchObject({ name: 'New_TMA', closesOn: addDays(today, 30), daysLeft: 30 });
      expect(plan.open.map((option) => option.name)).toContain('Partial_Extension');
      const summary = coverageSummary({ contracts: [], checklists: accountModel(dataset, key).checklists, today });
      expect(summary).toMatchObject({ kind: 'pre-coverage', goLiveDate: addDays(today, 150) });
    }
  });

  it('transition-decided: the decision of 20 days ago created the successor TMA in Draft from the takeover day', () => {
    for (const key of accountsOf(dataset, 'transition-decided')) {
      const [record] = ofAccount(dataset, 'Maintenance_Transition__c', key);
      const [contract] = ofAccount(dataset, 'Maintenance_Contract__c', key);
      expect(record.fields).toMatchObject({ Option_Chosen__c: 'New_TMA', Decision_Date__c: addDays(today, -20) });
      expect(record.refs.Successor_Contract__c.key).toBe(contract.key);
      // By hand: go-live + 90 days of warranty, then 36 months of TMA from the next day.
      const takeover = addDays(today, 191);
      expect(contract.fields).toMatchObject({
        Status__c: 'Draft',
        Contract_Type__c: 'TMA',
        Start_Date__c: takeover,
        End_Date__c: addDays(addMonths(takeover, 36), -1)
      });
    }
  });

  it('amended-delay: the amendment moves the end by 4 months and adds 15 days; the signed TMA follows: no gap', () => {
    for (const key of accountsOf(dataset, 'amended-delay')) {
      const { contracts, checklists } = accountModel(dataset, key);
      const amendments = ofAccount(dataset, 'Contract_Amendment__c', key).map((a) => amendmentFromRecord(a.fields));
      const [extension, tma] = contracts;
      const amendedEnd = addMonths(addDays(today, 20), 4);
      expect(amendments).toEqual([
        expect.objectContaining({ reason: 'Project Delay', budgetDaysChange: 15, newEndDate: amendedEnd })
      ]);
      expect(tma).toMatchObject({ status: 'Signed', startDate: addDays(amendedEnd, 1) });
      const withIds = amendments.map((amendment) => ({ ...amendment, contractId: extension.id }));
      expect(coverageSummary({ contracts, checklists, amendments: withIds, today })).toMatchObject({
        kind: 'covered',
        gapStart: null
      });
      // Without the amendment the extension would leave a gap the day after its original end.
      expect(coverageSummary({ contracts, checklists, today }).gapStart).toBe(addDays(today, 21));
      const burn = budgetBurn({ contract: extension, amendments: withIds, entries: [], today });
      expect(burn.budgetDays).toBe((extension.budgetDays as number) + 15);
    }
  });

  it("time-and-materials: last month's 10 days at the daily rate crossed the alert of 8 days' worth", () => {
    for (const key of accountsOf(dataset, 'time-and-materials')) {
      const [contract] = accountModel(dataset, key).contracts;
      const rate = contract.dailyRate as number;
      expect(contract).toMatchObject({ type: 'Time and Materials', monthlySpendAlert: 8 * rate });
      const entries = entriesOf(dataset, contract.id as string);
      const lastMonth = addMonths(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
      // By hand: at least the 10 days the story tops last month up to (incidents may add more).
      const lastMonthDays = sum(entries.filter((entry) => entry.workDate.startsWith(lastMonth)).map((e) => e.days));
      expect(lastMonthDays).toBeGreaterThanOrEqual(10);
      const spend = monthlySpend({ contract, entries, today });
      expect(spend.months.find((month) => month.month === lastMonth)).toEqual({
        month: lastMonth,
        days: lastMonthDays,
        amount: Math.round(lastMonthDays * rate * 100) / 100,
        overAlert: true
      });
      expect(spend.alertMonth).not.toBeNull();
      expect(budgetBurn({ contract, entries, today })).toMatchObject({ budgetDays: null, alert: null });
    }
  });

  it('tacit-renewal: the notice deadline passed 45 days ago, the contract renews for a year: no gap', () => {
    for (const key of accountsOf(dataset, 'tacit-renewal')) {
      const { contracts, checklists } = accountModel(dataset, key);
      const [contract] = contracts;
      const end = addDays(today, 45);
      expect(contract).toMatchObject({ status: 'Active', tacitRenewal: true, renewalTermMonths: 12, endDate: end });
      expect(noticeStatus({ contract, today })).toMatchObject({
        deadline: addDays(today, -45),
        daysLeft: -45,
        renews: true,
        renewsUntil: addDays(addMonths(addDays(end, 1), 12), -1)
      });
      expect(coverageSummary({ contracts, checklists, today })).toMatchObject({ kind: 'covered', gapStart: null });
    }
  });

  it('signed-waiting: a Signed TMA starts in 21 days, right after the warranty; two reservations: no gap', () => {
    for (const key of accountsOf(dataset, 'signed-waiting')) {
      const { contracts, checklists } = accountModel(dataset, key);
      expect(contracts[0]).toMatchObject({ status: 'Signed', startDate: addDays(today, 21) });
      expect(checklists[0]).toMatchObject({
        phase: 'Signed Off with Reservations',
        warrantyEndDate: addDays(today, 20)
      });
      const items = ofAccount(dataset, 'Handover_Item__c', key);
      const reservations = items.filter((item) => item.fields.Reservation__c === true);
      expect(reservations).toHaveLength(2);
      for (const item of reservations) {
        expect(item.fields).toMatchObject({ Mandatory__c: true, Done__c: false, Due_Date__c: addDays(today, 30) });
        expect(item.refs.Item_Owner__c).toEqual({ sobject: 'User', key: RUNNING_USER });
      }
      expect(items.filter((item) => item.fields.Mandatory__c && !item.fields.Done__c)).toHaveLength(2);
      expect(coverageSummary({ contracts, checklists, today })).toMatchObject({ kind: 'covered', gapStart: null });
    }
  });
});

describe('generator: a covered account with past terms', () => {
  const today = '2026-05-04';
  const dataset = generateDataset(portfolio, config, { today });
  const accounts = dataset.accounts.filter((account) => account.story === 'covered');

  it('adds pastTerms yearly Expired contracts back to back before the Active one, and stays covered', () => {
    // portfolio.yaml: two covered accounts with 4 past terms, one with 5.
    expect(accounts.map((account) => ofAccount(dataset, 'Maintenance_Contract__c', account.key).length)).toEqual([
      5, 5, 6
    ]);
    for (const { key } of accounts) {
      const { contracts, coverage } = accountModel(dataset, key);
      const [current, ...past] = contracts;
      expect(current).toMatchObject({ id: `${key}-C1`, status: 'Active' });
      let nextStart = current.startDate;
      past.forEach((contract, index) => {
        // P1 ends the day before C1 starts, P2 the day before P1 starts...; each term 365 days, first and last day in.
        expect(contract).toMatchObject({
          id: `${key}-P${index + 1}`,
          status: 'Expired',
          endDate: addDays(nextStart, -1),
          startDate: addDays(nextStart, -365)
        });
        nextStart = contract.startDate;
      });
      expect(coverage).toMatchObject({ coveredToday: true, firstGapStart: null });
    }
  });

  it('leaves a covered account without pastTerms with its one contract', () => {
    const demoSet = generateDataset(demo, config, { today });
    for (const key of accountsOf(demoSet, 'covered')) {
      expect(ofAccount(demoSet, 'Maintenance_Contract__c', key).map((record) => record.key)).toEqual([`${key}-C1`]);
    }
  });
});

describe('seeded incidents look exactly like logged ones', () => {
  const today = '2026-05-04';
  const dataset = generateDataset(demo, config, { today });
  const cutoff = zonedInstant(today, 0, demo.timeZone).getTime();
  const contractsByKey = new Map(
    records(dataset, 'Maintenance_Contract__c').map((record) => [
      record.key,
      contractFromRecord({ ...record.fields, Id: record.key })
    ])
  );
  const incidents = records(dataset, 'Maintenance_Incident__c');

  it('has incidents in every status of the workflow', () => {
    const statuses = new Set(incidents.map((incident) => incident.fields.Status__c));
    expect([...statuses]).toEqual(
      expect.arrayContaining(['New', 'Acknowledged', 'In Progress', 'Waiting on Customer', 'Resolved', 'Closed'])
    );
  });

  it('keeps the priority matrix, the timestamps the validation rules need, and nothing after the start of today', () => {
    for (const { fields } of incidents) {
      expect(fields.Priority__c).toBe(priorityFor(fields.Impact__c as Level, fields.Urgency__c as Level));
      const reported = Date.parse(String(fields.Reported_At__c));
      for (const name of ['Reported_At__c', 'Responded_At__c', 'Resolved_At__c', 'Closed_At__c', 'Paused_Since__c']) {
        if (fields[name]) expect(Date.parse(String(fields[name]))).toBeLessThan(cutoff);
      }
      if (fields.Status__c === 'Resolved' || fields.Status__c === 'Closed') expect(fields.Resolved_At__c).toBeTruthy();
      if (fields.Status__c === 'Closed') expect(fields.Closed_At__c).toBeTruthy();
      if (fields.Resolved_At__c) expect(Date.parse(String(fields.Resolved_At__c))).toBeGreaterThanOrEqual(reported);
      expect((fields.Status__c === 'Waiting on Customer') === Boolean(fields.Paused_Since__c)).toBe(true);
      expect(Number(fields.Effort_Days__c)).toBeGreaterThanOrEqual(0);
    }
  });

  it('carries the due times the engine recomputes, and the first target as the original', () => {
    let recomputed = 0;
    for (const incident of incidents) {
      const contract = incident.refs.Contract__c ? (contractsByKey.get(incident.refs.Contract__c.key) ?? null) : null;
      const model = incidentFromRecord(incident.fields);
      const fresh = incidentTransition({
        incident: model,
        action: 'recompute',
        now: model.pausedSince ?? new Date(cutoff),
        contract,
        calendar: contract ? contractCalendar(contract, config.calendars) : null
      });
      expect({ key: incident.key, response: fresh.Response_Due__c, resolution: fresh.Resolution_Due__c }).toEqual({
        key: incident.key,
        response: incident.fields.Response_Due__c,
        resolution: incident.fields.Resolution_Due__c
      });
      if (Number(incident.fields.Paused_Minutes__c) === 0) {
        expect(incident.fields.Original_Resolution_Due__c).toBe(incident.fields.Resolution_Due__c);
      }
      recomputed += 1;
    }
    expect(recomputed).toBe(99);
  });
});

describe('generator: the sla-evidence story, counted by hand', () => {
  // Today is Monday 4 May 2026. The breached P2 is reported on the Monday on or before 14 days ago (20 April), the
  // imported one on the Tuesday on or before 28 days ago (31 March). The contract names no calendar: Mon-Fri
  // 09:00-18:00 in its time zone, no holiday. Times below are local wall times in that zone.
  const today = '2026-05-04';
  const dataset = generateDataset(demo, config, { today });
  const [key] = accountsOf(dataset, 'sla-evidence');
  const [contractRecord] = ofAccount(dataset, 'Maintenance_Contract__c', key);
  const zone = String(contractRecord.fields.Time_Zone__c);
  const local = (day: string, hour: number, minute = 0): string =>
    zonedInstant(day, hour * 60 + minute, zone).toISOString();
  const incidents = ofAccount(dataset, 'Maintenance_Incident__c', key);

  it('runs its Active contract on the default hours, whose holidays have run out: the report and the tab warn', () => {
    expect(contractRecord.fields).toMatchObject({
      Status__c: 'Active',
      Calendar__c: null,
      SLA_Template__c: 'Standard'
    });
    const contract = contractFromRecord({ ...contractRecord.fields, Id: contractRecord.key });
    expect(holidayHorizon({ calendar: contractCalendar(contract, config.calendars), today })).toEqual({
      lastHoliday: null
    });
    expect(incidents.map((incident) => incident.key)).toEqual([`${key}-I90001`, `${key}-I90002`]);
  });

  it('records the Wait on customer refused after the restore target of a P2, and stamps that breach', () => {
    const [breached] = incidents;
    // P2 (High x Medium): respond within 30 min, restore within 8 business hours. Reported Monday 20 April 10:00,
    // acknowledged 10:15 (met), started 10:20; 8 h from 10:00 is 18:00 the same day. The wait tried on Tuesday at
    // 11:00 is refused; nothing pauses.
    expect(breached.fields).toMatchObject({
      Priority__c: 'P2',
      Status__c: 'In Progress',
      Reported_At__c: local('2026-04-20', 10),
      Responded_At__c: local('2026-04-20', 10, 15),
      Response_Due__c: local('2026-04-20', 10, 30),
      Resolution_Due__c: local('2026-04-20', 18),
      Resolution_Breached_At__c: local('2026-04-20', 18),
      Response_Breached_At__c: null,
      Paused_Since__c: null,
      Paused_Minutes__c: 0,
      Pause_Reason__c: null
    });
    expect(String(breached.fields.Description__c)).toContain(
      `refused on ${local('2026-04-21', 11)}: Cannot wait on the customer: the restore target (GTR) passed at ${local('2026-04-20', 18)}`
    );
  });

  it('stamps the imported P2 as the import does: due times, both clocks met', () => {
    const [, imported] = incidents;
    // P2 (Medium x High) reported Tuesday 31 March 14:00: response due 14:30 (answered 14:10); restore due 8 business
    // hours later, 4 h on Tuesday and 4 h on Wednesday: Wednesday 1 April 13:00. Resolved Tuesday 19:00, closed
    // Wednesday 10:00: no breach.
    expect(imported.fields).toMatchObject({
      Priority__c: 'P2',
      Status__c: 'Closed',
      Reported_At__c: local('2026-03-31', 14),
      Response_Due__c: local('2026-03-31', 14, 30),
      Resolution_Due__c: local('2026-04-01', 13),
      Responded_At__c: local('2026-03-31', 14, 10),
      Resolved_At__c: local('2026-03-31', 19),
      Closed_At__c: local('2026-04-01', 10),
      Response_Breached_At__c: null,
      Resolution_Breached_At__c: null
    });
    expect(imported.refs.Contract__c).toEqual({ sobject: 'Maintenance_Contract__c', key: contractRecord.key });
    expect(String(imported.fields.Description__c)).toMatch(/sf maintenance incident import/);
  });
});
