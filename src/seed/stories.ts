/**
 * One builder per story of recipeSchema: given an account and "today", it lays out the contracts and handover
 * checklists whose dates make the story true (a gap that opens in exactly N days, a notice deadline already passed,
 * a checklist with exactly N mandatory items open...), then lets incidents happen inside the story's window.
 * Every date is relative to today, so the demo tells the same stories whatever day it is generated.
 */
import type { Faker } from '@faker-js/faker';
import {
  addDays,
  budgetBurn,
  contractFromRecord,
  handoverItemsFromTemplate,
  incidentFromRecord,
  slaTemplateToContractFields,
  type Calendar,
  type Contract,
  type Level
} from '#engine';
import { RUNNING_USER, type FieldValue, type SeedObjectName, type SeedRecord } from './dataset.js';
import { weekday, zonedInstant } from './dates.js';
import { DESCRIPTION_OPENERS, INCIDENT_SUBJECTS, PROJECT_NAMES, type IncidentCategory } from './incidentTexts.js';
import { simulateIncident } from './incidentLifecycle.js';
import type { PackageConfig } from './packageConfig.js';
import { resolveRecipeValue, type StoryEntry } from './recipe.js';
import { STORY_DEFINITIONS, type RecipeLocale, type StoryName } from './recipeSchema.js';

/** Everything a story builder needs about the account it builds. */
export interface AccountContext {
  faker: Faker;
  locale: RecipeLocale;
  /** The account's key (AccountNumber); children's keys start with it. */
  key: string;
  name: string;
  /** The account's e-mail domain, e.g. `dupont-sa.example`. */
  domain: string;
  /** The account's time zone (contracts run their SLA clocks in it). */
  timeZone: string;
  today: string;
  /** The start of today: events planned from then on have not happened yet. */
  cutoff: Date;
  entry: StoryEntry;
  /** Position of the account inside its story entry (0-based): varies SLA templates across accounts. */
  index: number;
  config: PackageConfig;
}

/** The records of one account, grouped by sObject. */
export type AccountRecords = Map<SeedObjectName, SeedRecord[]>;

const SLA_TEMPLATE_ROTATION = ['Standard', 'Premium', 'Critical'];
const PROVIDERS: Record<RecipeLocale, string[]> = {
  fr: ['Intégra Services', 'Nuage Conseil', 'Pôle TMA Atlantique', 'Cap Maintenance'],
  en: ['Northwind Support', 'Blue Harbor Services', 'Steady Ops Ltd', 'Keystone Maintenance']
};
const CATEGORIES: { weight: number; value: IncidentCategory }[] = [
  { weight: 60, value: 'Corrective' },
  { weight: 20, value: 'Evolutive' },
  { weight: 10, value: 'Adaptive' },
  { weight: 10, value: 'Preventive' }
];
const LEVEL_WEIGHTS: { weight: number; value: Level }[] = [
  { weight: 20, value: 'High' },
  { weight: 50, value: 'Medium' },
  { weight: 30, value: 'Low' }
];

function add(records: AccountRecords, sobject: SeedObjectName, record: SeedRecord): SeedRecord {
  const list = records.get(sobject) ?? [];
  list.push(record);
  records.set(sobject, list);
  return record;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : text.slice(0, length - 1).trimEnd() + '…';
}

/** Applies the recipe's `set` values for an sObject, resolving relative dates against today. */
export function applyOverrides(ctx: AccountContext, sobject: SeedObjectName, fields: Record<string, FieldValue>): void {
  const overrides = ctx.entry.set[sobject];
  if (!overrides) return;
  const catalogFields = ctx.config.catalog.get(sobject.toLowerCase())?.fields;
  for (const [name, value] of Object.entries(overrides)) {
    fields[name] = resolveRecipeValue(catalogFields?.get(name.toLowerCase()), value, ctx.today);
  }
}

interface ContractPlan {
  suffix: string;
  status: 'Draft' | 'Active';
  start: string;
  end: string;
  noticeDays?: number;
  checklistKey?: string;
  /** Budget in man-days; derived from the incidents when absent. */
  budgetDays?: number;
}

/** Builds a contract record (SLA targets copied from its template) and its engine view. */
function buildContract(ctx: AccountContext, plan: ContractPlan): { record: SeedRecord; engine: Contract } {
  const { faker } = ctx;
  const templateName = SLA_TEMPLATE_ROTATION[ctx.index % SLA_TEMPLATE_ROTATION.length];
  const fields: Record<string, FieldValue> = {
    Name: truncate(`TMA ${ctx.name} ${plan.start.slice(0, 4)}`, 80),
    Status__c: plan.status,
    Contract_Type__c: 'TMA',
    Provider__c: faker.helpers.arrayElement(PROVIDERS[ctx.locale]),
    Start_Date__c: plan.start,
    End_Date__c: plan.end,
    Notice_Period_Days__c: plan.noticeDays ?? 90,
    Tacit_Renewal__c: plan.status === 'Active' && plan.noticeDays === undefined && faker.datatype.boolean(),
    Time_Zone__c: ctx.timeZone,
    Alert_Threshold_Percent__c: 80,
    Daily_Rate__c: faker.number.int({ min: 55, max: 95 }) * 10,
    Penalty_Rate_Percent__c: faker.number.int({ min: 4, max: 10 }) / 2,
    Penalty_Cap_Percent__c: faker.number.int({ min: 2, max: 4 }) * 5,
    Budget_Days__c: plan.budgetDays ?? null,
    Consumed_Days__c: 0
  };
  // The SLA targets come from the template the contract names, as the contract form copies them; a recipe may still
  // override single targets afterwards.
  const chosen = ctx.entry.set.Maintenance_Contract__c?.SLA_Template__c;
  Object.assign(fields, slaTemplateToContractFields(ctx.config.slaTemplates[String(chosen ?? templateName)]));
  applyOverrides(ctx, 'Maintenance_Contract__c', fields);
  const record: SeedRecord = { key: `${ctx.key}-${plan.suffix}`, fields, refs: {} };
  record.refs.Account__c = { sobject: 'Account', key: ctx.key };
  if (plan.checklistKey)
    record.refs.Handover_Checklist__c = { sobject: 'Handover_Checklist__c', key: plan.checklistKey };
  return { record, engine: contractFromRecord({ ...fields, Id: record.key }) };
}

interface ChecklistPlan {
  goLive: string;
  warrantyEnd: string;
  phase: string;
  signedOffOn?: string;
  /** Mandatory items left open; every other mandatory item is done. */
  mandatoryOpen: number;
}

/** Builds a checklist and its items from the handover template: done items are done before today (or sign-off). */
function buildChecklist(ctx: AccountContext, records: AccountRecords, plan: ChecklistPlan): SeedRecord {
  const { faker } = ctx;
  const project = truncate(`${faker.helpers.arrayElement(PROJECT_NAMES[ctx.locale])} ${ctx.name}`, 120);
  const fields: Record<string, FieldValue> = {
    Name: truncate(`Handover ${project}`, 80),
    Project_Name__c: project,
    Go_Live_Date__c: plan.goLive,
    Warranty_End_Date__c: plan.warrantyEnd,
    Phase__c: plan.phase,
    Signed_Off_On__c: plan.signedOffOn ?? null
  };
  applyOverrides(ctx, 'Handover_Checklist__c', fields);
  const checklist = add(records, 'Handover_Checklist__c', {
    key: `${ctx.key}-H1`,
    fields,
    refs: { Account__c: { sobject: 'Account', key: ctx.key } }
  });
  if (plan.signedOffOn) checklist.refs.Signed_Off_By__c = { sobject: 'User', key: RUNNING_USER };

  // The mandatory items due last (fewest days before go-live) are the ones still open, as in a real handover.
  const mandatory = ctx.config.templateItems
    .filter((item) => item.Mandatory__c === true)
    .sort((a, b) => Number(a.Due_Days_Before_Go_Live__c ?? 0) - Number(b.Due_Days_Before_Go_Live__c ?? 0));
  const openMandatory = new Set(mandatory.slice(0, plan.mandatoryOpen).map((item) => item.DeveloperName));
  const lastDoneDay = plan.signedOffOn ?? addDays(ctx.today, -1);
  // The items "add items from template" would create (the engine's rule for names and due dates), then done or not.
  const fromTemplate = handoverItemsFromTemplate({
    checklist: { goLiveDate: plan.goLive },
    existingItems: [],
    templateItems: ctx.config.templateItems
  });
  for (const item of fromTemplate) {
    const due = item.Due_Date__c ?? plan.goLive;
    const done =
      plan.signedOffOn !== undefined ||
      (item.Mandatory__c ? !openMandatory.has(item.Template_Item__c) : due < ctx.today);
    const doneOn = done ? [due, lastDoneDay].sort()[0] : null;
    const itemFields: Record<string, FieldValue> = {
      ...item,
      Done__c: done,
      Done_On__c: doneOn,
      Evidence_Link__c: done
        ? `https://wiki.example.com/handover/${ctx.key.toLowerCase()}/${item.Template_Item__c.toLowerCase()}`
        : null
    };
    applyOverrides(ctx, 'Handover_Item__c', itemFields);
    add(records, 'Handover_Item__c', {
      key: `${checklist.key}-${item.Template_Item__c}`,
      fields: itemFields,
      refs: { Checklist__c: { sobject: 'Handover_Checklist__c', key: checklist.key } }
    });
  }
  return checklist;
}

/** Office hours of the account's support team: the package's business calendar in the account's time zone. */
function officeCalendar(ctx: AccountContext): Calendar {
  const business =
    ctx.config.calendars.Paris_Business_Hours ??
    Object.values(ctx.config.calendars).find((calendar) => !calendar.alwaysOpen);
  return business ? { ...business, timeZone: ctx.timeZone } : { timeZone: ctx.timeZone, alwaysOpen: true };
}

/**
 * Who reported the incident, with an address at the account's domain. Built from first and last names rather than
 * faker's e-mail templates, which cost more than the rest of an incident at volume.
 */
function reporterLine(ctx: AccountContext): string {
  const { faker } = ctx;
  const first = faker.person.firstName();
  const last = faker.person.lastName();
  const local = `${first}.${last}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z.]/g, '')
    .toLowerCase();
  return `${faker.helpers.arrayElement(DESCRIPTION_OPENERS[ctx.locale])} ${first} ${last} (${local}@${ctx.domain}).`;
}

/** A reported time on a day: office hours mostly, sometimes evenings and weekends (when P1s hurt most). */
function reportedInstant(ctx: AccountContext, day: string): Date {
  const { faker } = ctx;
  const offHours = faker.datatype.boolean({ probability: 0.15 });
  let reportedDay = day;
  const dow = weekday(reportedDay);
  if (!offHours && (dow === 0 || dow === 6)) reportedDay = addDays(reportedDay, dow === 0 ? -2 : -1);
  const minute = offHours
    ? faker.number.int({ min: 0, max: 1439 })
    : faker.number.int({ min: 9 * 60, max: 17 * 60 + 30 });
  return zonedInstant(reportedDay, minute, ctx.timeZone);
}

/**
 * Incidents reported between `from` and `to` (inclusive days), a third of them in the last ten days so that the
 * demo has a live backlog. Returns the records and their engine views (for the budget).
 */
function buildIncidents(
  ctx: AccountContext,
  records: AccountRecords,
  contracts: Contract[],
  window: { from: string; to: string }
): { contractKey: string | null; effort: number; record: SeedRecord }[] {
  const { faker } = ctx;
  const span = Math.max(0, Math.round((Date.parse(window.to) - Date.parse(window.from)) / 86_400_000));
  const subjects = INCIDENT_SUBJECTS[ctx.locale];
  const office = officeCalendar(ctx);
  const result: { contractKey: string | null; effort: number; record: SeedRecord }[] = [];
  for (let n = 1; n <= ctx.entry.incidents; n++) {
    const recent = faker.datatype.boolean({ probability: 0.33 });
    const back = recent
      ? faker.number.int({ min: 0, max: Math.min(9, span) })
      : faker.number.int({ min: 0, max: span });
    let reportedAt = reportedInstant(ctx, addDays(window.to, -back));
    // A late evening in London is already today in Paris: keep every incident in the past, and the count exact.
    if (reportedAt.getTime() >= ctx.cutoff.getTime()) {
      reportedAt = new Date(ctx.cutoff.getTime() - faker.number.int({ min: 1, max: 120 }) * 60_000);
    }
    const category = faker.helpers.weightedArrayElement(CATEGORIES);
    const impact = faker.helpers.weightedArrayElement(LEVEL_WEIGHTS);
    const urgency = faker.helpers.weightedArrayElement(LEVEL_WEIGHTS);
    const simulated = simulateIncident({
      faker,
      reportedAt,
      impact,
      urgency,
      category,
      contracts,
      calendars: ctx.config.calendars,
      officeCalendar: office,
      cutoff: ctx.cutoff
    });
    const fields: Record<string, FieldValue> = {
      Subject__c: faker.helpers.arrayElement(subjects[category]),
      Description__c: reporterLine(ctx),
      ...simulated.fields
    };
    applyOverrides(ctx, 'Maintenance_Incident__c', fields);
    const record = add(records, 'Maintenance_Incident__c', {
      key: `${ctx.key}-I${String(n).padStart(5, '0')}`,
      fields,
      refs: { Account__c: { sobject: 'Account', key: ctx.key } }
    });
    if (simulated.contractKey)
      record.refs.Contract__c = { sobject: 'Maintenance_Contract__c', key: simulated.contractKey };
    result.push({ contractKey: simulated.contractKey, effort: Number(fields.Effort_Days__c ?? 0), record });
  }
  return result;
}

/**
 * Rescales the efforts of a contract's incidents so that they add up to exactly `targetDays` (to the hundredth),
 * keeping their proportions: the budget story needs an exact percentage.
 */
function scaleEfforts(incidents: { record: SeedRecord; effort: number }[], targetDays: number): void {
  if (incidents.length === 0) return;
  const weights = incidents.map((incident) => Math.max(incident.effort, 0.25));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const targetHundredths = Math.round(targetDays * 100);
  let assigned = 0;
  incidents.forEach((incident, index) => {
    const hundredths =
      index === incidents.length - 1
        ? targetHundredths - assigned
        : Math.floor((weights[index] / total) * targetHundredths);
    assigned += hundredths;
    incident.effort = hundredths / 100;
    incident.record.fields.Effort_Days__c = incident.effort;
  });
}

/** Stamps Consumed_Days__c (engine budgetBurn over the contract's incidents) and derives missing budgets. */
function stampBudgets(
  ctx: AccountContext,
  contracts: { record: SeedRecord; engine: Contract }[],
  incidents: { contractKey: string | null; effort: number; record: SeedRecord }[]
): void {
  for (const contract of contracts) {
    const linked = incidents.filter((incident) => incident.contractKey === contract.record.key);
    const burn = budgetBurn({
      contract: contract.engine,
      incidents: linked.map((incident) => incidentFromRecord({ ...incident.record.fields })),
      today: ctx.today
    });
    contract.record.fields.Consumed_Days__c = burn.consumedDays;
    if (contract.record.fields.Budget_Days__c === null) {
      // Enough budget that consumption stays well under the 80 % alert: only the budget story raises it.
      const budget = Math.max(
        20,
        Math.ceil((burn.consumedDays * ctx.faker.number.float({ min: 1.8, max: 3 })) / 5) * 5
      );
      contract.record.fields.Budget_Days__c = budget;
    }
    const fee = (
      (Number(contract.record.fields.Budget_Days__c) * Number(contract.record.fields.Daily_Rate__c)) /
      12
    ).toFixed(0);
    contract.record.fields.Monthly_Fee__c ??= Number(fee);
  }
}

type StoryBuilder = (ctx: AccountContext, records: AccountRecords) => void;

/** Shared tail of every story: incidents in a window, then budgets stamped from them. */
function finish(
  ctx: AccountContext,
  records: AccountRecords,
  contracts: { record: SeedRecord; engine: Contract }[],
  window: { from: string; to: string },
  budgetTarget?: { contractKey: string; days: number }
): void {
  for (const contract of contracts) add(records, 'Maintenance_Contract__c', contract.record);
  const incidents = buildIncidents(
    ctx,
    records,
    contracts.map((contract) => contract.engine),
    window
  );
  if (budgetTarget) {
    scaleEfforts(
      incidents.filter((incident) => incident.contractKey === budgetTarget.contractKey),
      budgetTarget.days
    );
  }
  stampBudgets(ctx, contracts, incidents);
}

function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}

const yesterday = (ctx: AccountContext): string => addDays(ctx.today, -1);
const sixMonthsBack = (ctx: AccountContext, start: string): string => laterOf(start, addDays(ctx.today, -180));

export const STORY_BUILDERS: Record<StoryName, StoryBuilder> = {
  covered(ctx, records) {
    const start = addDays(ctx.today, -ctx.faker.number.int({ min: 120, max: 400 }));
    const end = addDays(ctx.today, ctx.faker.number.int({ min: 200, max: 540 }));
    const contract = buildContract(ctx, { suffix: 'C1', status: 'Active', start, end });
    finish(ctx, records, [contract], { from: sixMonthsBack(ctx, start), to: yesterday(ctx) });
  },

  'gap-ahead'(ctx, records) {
    const gapInDays = ctx.entry.params.gapInDays;
    const start = addDays(ctx.today, -ctx.faker.number.int({ min: 200, max: 500 }));
    const end = addDays(ctx.today, gapInDays - 1);
    const current = buildContract(ctx, {
      suffix: 'C1',
      status: 'Active',
      start,
      end,
      noticeDays: Math.max(1, Math.floor(gapInDays / 3))
    });
    // The renewal exists but nobody signed it: a Draft never covers, so the gap is real.
    const renewalStart = addDays(end, 15);
    const renewal = buildContract(ctx, {
      suffix: 'C2',
      status: 'Draft',
      start: renewalStart,
      end: addDays(renewalStart, 364)
    });
    finish(ctx, records, [current, renewal], { from: sixMonthsBack(ctx, start), to: yesterday(ctx) });
  },

  'gap-today'(ctx, records) {
    const daysInGap = ctx.entry.params.daysInGap;
    const warrantyEnd = addDays(ctx.today, -daysInGap - 1);
    const goLive = addDays(warrantyEnd, -ctx.faker.number.int({ min: 60, max: 120 }));
    buildChecklist(ctx, records, {
      goLive,
      warrantyEnd,
      phase: 'Signed Off',
      signedOffOn: addDays(goLive, -ctx.faker.number.int({ min: 2, max: 7 })),
      mandatoryOpen: 0
    });
    // A TMA proposal waits for a signature: until then every incident arrives out of coverage.
    const proposalStart = addDays(ctx.today, ctx.faker.number.int({ min: 10, max: 40 }));
    const proposal = buildContract(ctx, {
      suffix: 'C1',
      status: 'Draft',
      start: proposalStart,
      end: addDays(proposalStart, 364)
    });
    finish(ctx, records, [proposal], { from: addDays(ctx.today, -daysInGap), to: yesterday(ctx) });
  },

  'notice-passed'(ctx, records) {
    const { daysToEnd, noticeDays } = ctx.entry.params;
    const start = addDays(ctx.today, -ctx.faker.number.int({ min: 300, max: 700 }));
    const contract = buildContract(ctx, {
      suffix: 'C1',
      status: 'Active',
      start,
      end: addDays(ctx.today, daysToEnd),
      noticeDays
    });
    contract.record.fields.Tacit_Renewal__c = false;
    finish(ctx, records, [contract], { from: sixMonthsBack(ctx, start), to: yesterday(ctx) });
  },

  'handover-in-progress'(ctx, records) {
    const { goLiveInDays, mandatoryOpen } = ctx.entry.params;
    const goLive = addDays(ctx.today, goLiveInDays);
    const warrantyEnd = addDays(goLive, 90);
    const phase = goLiveInDays > 45 ? 'Knowledge Transfer' : goLiveInDays > 15 ? 'Shadowing' : 'Reverse Shadowing';
    const checklist = buildChecklist(ctx, records, { goLive, warrantyEnd, phase, mandatoryOpen });
    // The TMA that takes over after the warranty: gated by the checklist, so it stays Draft until sign-off.
    const start = addDays(warrantyEnd, 1);
    const contract = buildContract(ctx, {
      suffix: 'C1',
      status: 'Draft',
      start,
      end: addDays(start, 729),
      checklistKey: checklist.key
    });
    finish(ctx, records, [contract], { from: addDays(ctx.today, -30), to: yesterday(ctx) });
  },

  'handover-signed-off'(ctx, records) {
    const signedOffDaysAgo = ctx.entry.params.signedOffDaysAgo;
    const warrantyEnd = addDays(ctx.today, -signedOffDaysAgo);
    const goLive = addDays(warrantyEnd, -ctx.faker.number.int({ min: 60, max: 90 }));
    const checklist = buildChecklist(ctx, records, {
      goLive,
      warrantyEnd,
      phase: 'Signed Off',
      signedOffOn: addDays(warrantyEnd, -ctx.faker.number.int({ min: 2, max: 7 })),
      mandatoryOpen: 0
    });
    const start = addDays(warrantyEnd, 1);
    const contract = buildContract(ctx, {
      suffix: 'C1',
      status: 'Active',
      start,
      end: addDays(start, 729),
      checklistKey: checklist.key
    });
    finish(ctx, records, [contract], { from: start, to: yesterday(ctx) });
  },

  'budget-burn'(ctx, records) {
    const { consumedPercent, budgetDays } = ctx.entry.params;
    const start = addDays(ctx.today, -ctx.faker.number.int({ min: 150, max: 300 }));
    const end = addDays(ctx.today, ctx.faker.number.int({ min: 200, max: 400 }));
    const contract = buildContract(ctx, { suffix: 'C1', status: 'Active', start, end, budgetDays });
    finish(
      ctx,
      records,
      [contract],
      { from: sixMonthsBack(ctx, start), to: yesterday(ctx) },
      {
        contractKey: contract.record.key,
        days: (consumedPercent / 100) * budgetDays
      }
    );
  }
};

/** Short code of a story in account keys: DEMO-GAP1-00001 is the first account of the first gap-ahead entry. */
export const STORY_CODES: Record<StoryName, string> = {
  covered: 'COV',
  'gap-ahead': 'GAP',
  'gap-today': 'GTD',
  'notice-passed': 'NOT',
  'handover-in-progress': 'HIP',
  'handover-signed-off': 'HSO',
  'budget-burn': 'BUD'
};

/** The one-line story an account tells, for its Description. */
export function storyDescription(story: StoryName): string {
  return `Demo story "${story}": ${STORY_DEFINITIONS[story].summary}`;
}
