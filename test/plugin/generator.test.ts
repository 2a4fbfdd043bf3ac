import { describe, expect, it } from '@jest/globals';
import {
  addDays,
  budgetBurn,
  checklistFromRecord,
  contractCalendar,
  contractFromRecord,
  coverageTimeline,
  handoverReadiness,
  incidentFromRecord,
  incidentTransition,
  itemFromRecord,
  noticeDeadline,
  priorityFor,
  type Level
} from '#engine';
import { KEY_FIELD, RUNNING_USER, type SeedRecord } from '../../src/seed/dataset.js';
import { zonedInstant } from '../../src/seed/dates.js';
import { generateDataset, type GeneratedDataset } from '../../src/seed/generator.js';
import { loadPackageConfig, recipeContext } from '../../src/seed/packageConfig.js';
import { checkFieldValue, locateRecipe, readRecipe } from '../../src/seed/recipe.js';

const config = loadPackageConfig();
const context = recipeContext(config);
const demo = readRecipe(locateRecipe('demo') as string, context);
const volume = readRecipe(locateRecipe('volume') as string, context);

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
  const coverage = coverageTimeline({ contracts, checklists, today: dataset.today, horizonDays: 90 });
  return { contracts, checklists, coverage };
}

function accountsOf(dataset: GeneratedDataset, story: string): string[] {
  return dataset.accounts.filter((account) => account.story === story).map((account) => account.key);
}

describe('generator: determinism and size', () => {
  const first = generateDataset(demo, config, { today: '2026-05-04' });

  it('gives the same records for the same recipe, seed and day', () => {
    expect(generateDataset(demo, config, { today: '2026-05-04' })).toEqual(first);
  });

  it('gives other records for another seed', () => {
    const other = generateDataset(demo, config, { today: '2026-05-04', seed: 99 });
    expect(other.accounts.map((account) => account.name)).not.toEqual(first.accounts.map((account) => account.name));
  });

  it('tells the demo with twenty accounts, in French and English', () => {
    expect(first.accounts).toHaveLength(20);
    expect(new Set(first.accounts.map((account) => account.locale))).toEqual(new Set(['fr', 'en']));
    const byStory = Object.fromEntries(demo.stories.map((entry) => [entry.story, entry.accounts]));
    for (const [story, count] of Object.entries(byStory)) expect(accountsOf(first, story)).toHaveLength(count);
    expect(records(first, 'Account')).toHaveLength(20);
    expect(new Set(first.accounts.map((account) => account.name)).size).toBe(20);
  });

  it('scales the volume recipe to about 1,000 records per unit, and a larger scale only adds accounts', () => {
    const one = generateDataset(volume, config, { today: '2026-05-04' });
    const two = generateDataset(volume, config, { today: '2026-05-04', scale: 2 });
    const total = (dataset: GeneratedDataset): number =>
      dataset.objects.reduce((sum, group) => sum + group.records.length, 0);
    expect(total(one)).toBeGreaterThanOrEqual(1000);
    expect(total(one)).toBeLessThan(1100);
    expect(total(two)).toBe(2 * total(one));
    const twoByKey = new Map(two.objects.flatMap((group) => group.records.map((record) => [record.key, record])));
    for (const group of one.objects) {
      for (const record of group.records) expect(twoByKey.get(record.key)).toEqual(record);
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

  it('covered: covered today and for the next 90 days', () => {
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
      expect(contract).toMatchObject({ budgetDays: 40, consumedDays: 34 });
      const incidents = ofAccount(dataset, 'Maintenance_Incident__c', key)
        .filter((incident) => incident.refs.Contract__c?.key === contract.id)
        .map((incident) => incidentFromRecord(incident.fields));
      const burn = budgetBurn({ contract, incidents, today });
      expect(burn).toMatchObject({ consumedDays: 34, percentConsumed: 85, alert: 'threshold' });
    }
  });

  it('stamps every other contract with the effort of its incidents, under the alert threshold', () => {
    for (const record of records(dataset, 'Maintenance_Contract__c')) {
      const contract = contractFromRecord({ ...record.fields, Id: record.key });
      const effort = records(dataset, 'Maintenance_Incident__c')
        .filter((incident) => incident.refs.Contract__c?.key === record.key)
        .reduce((sum, incident) => sum + Number(incident.fields.Effort_Days__c), 0);
      expect(contract.consumedDays).toBeCloseTo(effort, 2);
      if (!record.key.includes('-BUD'))
        expect((contract.consumedDays ?? 0) / (contract.budgetDays ?? 1)).toBeLessThan(0.8);
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
    expect(recomputed).toBe(85);
  });
});
