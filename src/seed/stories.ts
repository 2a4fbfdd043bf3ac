/**
 * One builder per story of recipeSchema: given an account and "today", it lays out the contracts and handover
 * checklists whose dates make the story true (a gap that opens in exactly N days, a notice deadline already passed,
 * a checklist with exactly N mandatory items open...), then lets incidents happen inside the story's window.
 * Every date is relative to today, so the demo tells the same stories whatever day it is generated.
 */
import type { Faker } from '@faker-js/faker';
import {
  addDays,
  addMonths,
  budgetBurn,
  contractFromRecord,
  dayOf,
  effortEntryFromRecord,
  incidentFromRecord,
  incidentTransition,
  breachStamps,
  waitRefusal,
  handoverItemsFromTemplate,
  successorContractFields,
  TIME_AND_MATERIALS,
  transitionDecisionFields,
  transitionPlan,
  slaTemplateToContractFields,
  type Calendar,
  type Contract,
  type Level
} from '#engine';
import { RUNNING_USER, type FieldValue, type SeedObjectName, type SeedRecord } from './dataset.js';
import { weekday, zonedInstant } from '../shared/dates.js';
import { DESCRIPTION_OPENERS, INCIDENT_SUBJECTS, PROJECT_NAMES, type IncidentCategory } from './incidentTexts.js';
import { simulateIncident } from './incidentLifecycle.js';
import { importedIncidentFields } from '../shared/importedIncident.js';
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
  status: 'Draft' | 'Signed' | 'Active' | 'Expired';
  start: string;
  end: string;
  noticeDays?: number;
  checklistKey?: string;
  /** Budget in man-days; derived from the effort when absent. */
  budgetDays?: number;
  /** Contract_Type__c, TMA by default. */
  type?: string;
  /** Renews tacitly by yearly terms; by default a coin toss for Active contracts with the usual notice. */
  tacitRenewal?: boolean;
  /** The contract's name, `TMA <account> <start year>` by default. */
  name?: string;
  /** Calendar__c instead of the template's; null: none, the default hours (Mon-Fri 09:00-18:00, no holiday). */
  calendar?: string | null;
}

/** Builds a contract record (SLA targets copied from its template) and its engine view. */
function buildContract(ctx: AccountContext, plan: ContractPlan): { record: SeedRecord; engine: Contract } {
  const { faker } = ctx;
  const templateName = SLA_TEMPLATE_ROTATION[ctx.index % SLA_TEMPLATE_ROTATION.length];
  const tacit =
    plan.tacitRenewal ?? (plan.status === 'Active' && plan.noticeDays === undefined && faker.datatype.boolean());
  const fields: Record<string, FieldValue> = {
    Name: truncate(plan.name ?? `TMA ${ctx.name} ${plan.start.slice(0, 4)}`, 80),
    Status__c: plan.status,
    Contract_Type__c: plan.type ?? 'TMA',
    Provider__c: faker.helpers.arrayElement(PROVIDERS[ctx.locale]),
    Start_Date__c: plan.start,
    End_Date__c: plan.end,
    Notice_Period_Days__c: plan.noticeDays ?? 90,
    Tacit_Renewal__c: tacit,
    Renewal_Term_Months__c: tacit ? 12 : null,
    Time_Zone__c: ctx.timeZone,
    Alert_Threshold_Percent__c: 80,
    Daily_Rate__c: faker.number.int({ min: 55, max: 95 }) * 10,
    Penalty_Rate_Percent__c: faker.number.int({ min: 4, max: 10 }) / 2,
    Penalty_Cap_Percent__c: faker.number.int({ min: 2, max: 4 }) * 5,
    Budget_Days__c: plan.budgetDays ?? null
  };
  // The SLA targets come from the template the contract names, as the contract form copies them; a recipe may still
  // override single targets afterwards.
  const chosen = ctx.entry.set.Maintenance_Contract__c?.SLA_Template__c;
  Object.assign(fields, slaTemplateToContractFields(ctx.config.slaTemplates[String(chosen ?? templateName)]));
  if (plan.calendar !== undefined) fields.Calendar__c = plan.calendar;
  applyOverrides(ctx, 'Maintenance_Contract__c', fields);
  const record: SeedRecord = { key: `${ctx.key}-${plan.suffix}`, fields, refs: {} };
  record.refs.Account__c = { sobject: 'Account', key: ctx.key };
  if (plan.checklistKey)
    record.refs.Handover_Checklist__c = { sobject: 'Handover_Checklist__c', key: plan.checklistKey };
  return { record, engine: contractFromRecord({ ...fields, Id: record.key }) };
}

interface ChecklistPlan {
  goLive: string;
  /** The last day of the warranty; null: no warranty (maintenance is due from the go-live). */
  warrantyEnd: string | null;
  phase: string;
  signedOffOn?: string;
  /** Mandatory items left open; every other mandatory item is done. */
  mandatoryOpen: number;
  /** Signed off with reservations: the open mandatory items are reservations owned by the running user, due then. */
  reservationsDue?: string;
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
  const reserving = plan.reservationsDue !== undefined;

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
    const open = item.Mandatory__c && openMandatory.has(item.Template_Item__c);
    const reservation = reserving && open;
    const done = (plan.signedOffOn !== undefined && !reservation) || (item.Mandatory__c ? !open : due < ctx.today);
    const doneOn = done ? [due, lastDoneDay].sort()[0] : null;
    const itemFields: Record<string, FieldValue> = {
      ...item,
      Due_Date__c: reservation ? (plan.reservationsDue as string) : item.Due_Date__c,
      Reservation__c: reservation,
      Done__c: done,
      Done_On__c: doneOn,
      Evidence_Link__c: done
        ? `https://wiki.example.com/handover/${ctx.key.toLowerCase()}/${item.Template_Item__c.toLowerCase()}`
        : null
    };
    applyOverrides(ctx, 'Handover_Item__c', itemFields);
    const itemRecord = add(records, 'Handover_Item__c', {
      key: `${checklist.key}-${item.Template_Item__c}`,
      fields: itemFields,
      refs: { Checklist__c: { sobject: 'Handover_Checklist__c', key: checklist.key } }
    });
    if (reservation) itemRecord.refs.Item_Owner__c = { sobject: 'User', key: RUNNING_USER };
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

type SimulatedIncidents = { contractKey: string | null; effort: number; record: SeedRecord }[];

/**
 * One Effort_Entry__c per incident worked on, on the day the work ended (its resolution, else the last day before
 * today it stayed open), billed under `contractKey` (the incident's contract by default): the entries are where the
 * contract's Consumed_Effort_Days__c roll-up comes from, so they carry exactly the incidents' Effort_Days__c.
 */
function logIncidentEffort(
  ctx: AccountContext,
  records: AccountRecords,
  incidents: SimulatedIncidents,
  billTo: (incident: SimulatedIncidents[number]) => string | null = (incident) => incident.contractKey
): void {
  for (const incident of incidents) {
    const contractKey = billTo(incident);
    if (incident.effort <= 0 || contractKey === null) continue;
    const { fields } = incident.record;
    const ended = fields.Resolved_At__c ?? fields.Closed_At__c;
    const workDate = ended ? dayOf(new Date(String(ended)), ctx.timeZone) : yesterday(ctx);
    addEffort(ctx, records, {
      key: `${incident.record.key}-E1`,
      contractKey,
      incidentKey: incident.record.key,
      workDate: workDate < ctx.today ? workDate : yesterday(ctx),
      days: incident.effort,
      kind: String(fields.Category__c ?? 'Corrective'),
      description: String(fields.Subject__c ?? '')
    });
  }
}

interface EffortPlan {
  key: string;
  contractKey: string;
  incidentKey?: string;
  workDate: string;
  days: number;
  kind: string;
  description: string;
}

function addEffort(ctx: AccountContext, records: AccountRecords, plan: EffortPlan): SeedRecord {
  const fields: Record<string, FieldValue> = {
    Work_Date__c: plan.workDate,
    Days__c: plan.days,
    Kind__c: plan.kind,
    Billable__c: true,
    Description__c: truncate(plan.description, 255)
  };
  applyOverrides(ctx, 'Effort_Entry__c', fields);
  const record = add(records, 'Effort_Entry__c', {
    key: plan.key,
    fields,
    refs: {
      Contract__c: { sobject: 'Maintenance_Contract__c', key: plan.contractKey },
      Account__c: { sobject: 'Account', key: ctx.key }
    }
  });
  if (plan.incidentKey) record.refs.Incident__c = { sobject: 'Maintenance_Incident__c', key: plan.incidentKey };
  return record;
}

/** The account's effort entries billed under a contract, in engine shape. */
function effortOf(records: AccountRecords, contractKey: string) {
  return (records.get('Effort_Entry__c') ?? [])
    .filter((entry) => entry.refs.Contract__c?.key === contractKey)
    .map((entry) => effortEntryFromRecord({ ...entry.fields }));
}

/**
 * Derives the budgets a story leaves open from the effort logged (the engine's budgetBurn over the contract's
 * entries), and the monthly fee from the budget; time-and-materials contracts have neither.
 */
function settleBudgets(
  ctx: AccountContext,
  records: AccountRecords,
  contracts: { record: SeedRecord; engine: Contract }[]
): void {
  for (const contract of contracts) {
    const { fields } = contract.record;
    if (fields.Contract_Type__c === TIME_AND_MATERIALS) continue;
    if (fields.Budget_Days__c === null) {
      const burn = budgetBurn({
        contract: contract.engine,
        entries: effortOf(records, contract.record.key),
        today: ctx.today
      });
      // Enough budget that consumption stays well under the 80 % alert: only the budget story raises it.
      fields.Budget_Days__c = Math.max(
        20,
        Math.ceil((burn.consumedDays * ctx.faker.number.float({ min: 1.8, max: 3 })) / 5) * 5
      );
    }
    fields.Monthly_Fee__c ??= Number(((Number(fields.Budget_Days__c) * Number(fields.Daily_Rate__c)) / 12).toFixed(0));
  }
}

type StoryBuilder = (ctx: AccountContext, records: AccountRecords) => void;

/**
 * Shared tail of every story: incidents in a window, their effort logged under the contract that covered them (or
 * `billTo`), then the budgets the story leaves open.
 */
function finish(
  ctx: AccountContext,
  records: AccountRecords,
  contracts: { record: SeedRecord; engine: Contract }[],
  window: { from: string; to: string },
  options: {
    budgetTarget?: { contractKey: string; days: number };
    billTo?: (incident: SimulatedIncidents[number]) => string | null;
  } = {}
): SimulatedIncidents {
  for (const contract of contracts) add(records, 'Maintenance_Contract__c', contract.record);
  const incidents = buildIncidents(
    ctx,
    records,
    contracts.map((contract) => contract.engine),
    window
  );
  if (options.budgetTarget) {
    const { contractKey, days } = options.budgetTarget;
    scaleEfforts(
      incidents.filter((incident) => incident.contractKey === contractKey),
      days
    );
  }
  logIncidentEffort(ctx, records, incidents, options.billTo);
  settleBudgets(ctx, records, contracts);
  return incidents;
}

/** The account's transition plan for a go-live, optionally decided (then with its successor contract). */
function buildTransition(
  ctx: AccountContext,
  records: AccountRecords,
  checklist: SeedRecord,
  decision?: { option: string; day: string; successorKey: string; rationale: string }
): SeedRecord {
  const fields: Record<string, FieldValue> = {
    Name: truncate(String(checklist.fields.Project_Name__c), 80),
    Go_Live_Date__c: checklist.fields.Go_Live_Date__c,
    Warranty_End_Date__c: checklist.fields.Warranty_End_Date__c,
    Option_Chosen__c: decision?.option ?? null,
    Decision_Date__c: decision?.day ?? null,
    Rationale__c: decision?.rationale ?? null
  };
  applyOverrides(ctx, 'Maintenance_Transition__c', fields);
  const transition = add(records, 'Maintenance_Transition__c', {
    key: `${ctx.key}-T1`,
    fields,
    refs: {
      Account__c: { sobject: 'Account', key: ctx.key },
      Handover_Checklist__c: { sobject: 'Handover_Checklist__c', key: checklist.key }
    }
  });
  if (decision) {
    transition.refs.Successor_Contract__c = { sobject: 'Maintenance_Contract__c', key: decision.successorKey };
    transition.refs.Decided_By__c = { sobject: 'User', key: RUNNING_USER };
  }
  return transition;
}

function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}

const yesterday = (ctx: AccountContext): string => addDays(ctx.today, -1);
const sixMonthsBack = (ctx: AccountContext, start: string): string => laterOf(start, addDays(ctx.today, -180));

/** A story's option by DeveloperName; the seed cannot tell a story with an option the package does not ship. */
function option(ctx: AccountContext, name: string) {
  const found = ctx.config.transitionOptions[name];
  if (!found) throw new Error(`The package has no Transition_Option__mdt named ${name}`);
  return found;
}

export const STORY_BUILDERS: Record<StoryName, StoryBuilder> = {
  covered(ctx, records) {
    const start = addDays(ctx.today, -ctx.faker.number.int({ min: 120, max: 400 }));
    const end = addDays(ctx.today, ctx.faker.number.int({ min: 200, max: 540 }));
    const contract = buildContract(ctx, { suffix: 'C1', status: 'Active', start, end });
    // The history: pastTerms yearly contracts before this one, back to back, P1 ending the day before it starts.
    const past = Array.from({ length: ctx.entry.params.pastTerms }, (_, index) => {
      const termEnd = addDays(start, -1 - 365 * index);
      return buildContract(ctx, {
        suffix: `P${index + 1}`,
        status: 'Expired',
        start: addDays(termEnd, -364),
        end: termEnd,
        tacitRenewal: false
      });
    });
    finish(ctx, records, [contract, ...past], { from: sixMonthsBack(ctx, start), to: yesterday(ctx) });
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
    // The integrator's extension expired with the warranty; it keeps fixing what breaks, billed by the day under
    // that contract: the work of the gap days, which nothing covers.
    const extension = buildContract(ctx, {
      suffix: 'C0',
      status: 'Expired',
      type: 'Project Extension',
      name: `Extension ${ctx.name}`,
      start: goLive,
      end: warrantyEnd,
      tacitRenewal: false
    });
    // A TMA proposal waits for a signature: until then every incident arrives out of coverage.
    const proposalStart = addDays(ctx.today, ctx.faker.number.int({ min: 10, max: 40 }));
    const proposal = buildContract(ctx, {
      suffix: 'C1',
      status: 'Draft',
      start: proposalStart,
      end: addDays(proposalStart, 364)
    });
    finish(
      ctx,
      records,
      [extension, proposal],
      { from: addDays(ctx.today, -daysInGap), to: yesterday(ctx) },
      { billTo: () => extension.record.key }
    );
  },

  'notice-passed'(ctx, records) {
    const { daysToEnd, noticeDays } = ctx.entry.params;
    const start = addDays(ctx.today, -ctx.faker.number.int({ min: 300, max: 700 }));
    const contract = buildContract(ctx, {
      suffix: 'C1',
      status: 'Active',
      start,
      end: addDays(ctx.today, daysToEnd),
      noticeDays,
      tacitRenewal: false
    });
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
      { budgetTarget: { contractKey: contract.record.key, days: (consumedPercent / 100) * budgetDays } }
    );
  },

  'transition-undecided'(ctx, records) {
    const { goLiveInDays, mandatoryOpen } = ctx.entry.params;
    const goLive = addDays(ctx.today, goLiveInDays);
    // No warranty: maintenance is due from the go-live, and nothing is decided for it.
    const checklist = buildChecklist(ctx, records, {
      goLive,
      warrantyEnd: null,
      phase: 'Knowledge Transfer',
      mandatoryOpen
    });
    buildTransition(ctx, records, checklist);
  },

  'transition-decided'(ctx, records) {
    const { goLiveInDays, warrantyDays, decidedDaysAgo } = ctx.entry.params;
    const goLive = addDays(ctx.today, goLiveInDays);
    const checklist = buildChecklist(ctx, records, {
      goLive,
      warrantyEnd: addDays(goLive, warrantyDays),
      phase: 'Knowledge Transfer',
      mandatoryOpen: 3
    });
    // The decision, as "Decide" on the tab takes it: the successor contract in Draft from the takeover day.
    const decisionDay = addDays(ctx.today, -decidedDaysAgo);
    const chosen = option(ctx, 'New_TMA');
    const plan = transitionPlan({
      transition: { goLiveDate: goLive, warrantyEndDate: String(checklist.fields.Warranty_End_Date__c) },
      options: Object.values(ctx.config.transitionOptions),
      today: decisionDay
    });
    const successorFields = successorContractFields({
      transition: { name: ctx.name, goLiveDate: goLive, handoverChecklistId: checklist.key },
      option: chosen,
      takeoverDate: plan.takeoverDate
    });
    const successor = buildContract(ctx, {
      suffix: 'C1',
      status: 'Draft',
      type: String(successorFields.Contract_Type__c),
      name: String(successorFields.Name),
      start: String(successorFields.Start_Date__c),
      end: String(successorFields.End_Date__c),
      checklistKey: checklist.key,
      tacitRenewal: false
    });
    const decision = transitionDecisionFields({ option: chosen, today: decisionDay, successorContractId: null });
    finish(ctx, records, [successor], { from: addDays(ctx.today, -30), to: yesterday(ctx) });
    buildTransition(ctx, records, checklist, {
      option: decision.Option_Chosen__c,
      day: decision.Decision_Date__c,
      successorKey: successor.record.key,
      rationale: `${chosen.label}: a tender (${ctx.config.transitionOptions.Tender?.leadTimeDays ?? 180} days) no longer fitted before the takeover on ${plan.takeoverDate}.`
    });
  },

  'amended-delay'(ctx, records) {
    const { daysToEnd, extensionMonths, addedBudgetDays } = ctx.entry.params;
    const start = addDays(ctx.today, -ctx.faker.number.int({ min: 200, max: 400 }));
    const originalEnd = addDays(ctx.today, daysToEnd);
    const extension = buildContract(ctx, {
      suffix: 'C1',
      status: 'Active',
      type: 'Project Extension',
      name: `Extension ${ctx.name}`,
      start,
      end: originalEnd,
      tacitRenewal: false
    });
    // The go-live slipped: the amendment keeps the integrator on the run for extensionMonths more months.
    const amendedEnd = addMonths(originalEnd, extensionMonths);
    const amendment: Record<string, FieldValue> = {
      Effective_Date__c: addDays(ctx.today, -ctx.faker.number.int({ min: 10, max: 40 })),
      Reason__c: 'Project Delay',
      Budget_Days_Change__c: addedBudgetDays,
      New_End_Date__c: amendedEnd,
      Scope_Note__c: `The go-live slipped by ${extensionMonths} months: the integrator keeps the run until the TMA starts.`
    };
    applyOverrides(ctx, 'Contract_Amendment__c', amendment);
    // The TMA signed to follow the extension: it covers from its start date, although not yet active.
    const tmaStart = addDays(amendedEnd, 1);
    const tma = buildContract(ctx, {
      suffix: 'C2',
      status: 'Signed',
      start: tmaStart,
      end: addDays(addMonths(tmaStart, 36), -1)
    });
    finish(ctx, records, [extension, tma], { from: sixMonthsBack(ctx, start), to: yesterday(ctx) });
    add(records, 'Contract_Amendment__c', {
      key: `${extension.record.key}-A1`,
      fields: amendment,
      refs: {
        Contract__c: { sobject: 'Maintenance_Contract__c', key: extension.record.key },
        Account__c: { sobject: 'Account', key: ctx.key }
      }
    });
  },

  'time-and-materials'(ctx, records) {
    const { alertDays, lastMonthDays, monthlyDays } = ctx.entry.params;
    const start = addDays(ctx.today, -ctx.faker.number.int({ min: 200, max: 300 }));
    const contract = buildContract(ctx, {
      suffix: 'C1',
      status: 'Active',
      type: TIME_AND_MATERIALS,
      name: `Régie ${ctx.name}`,
      start,
      end: addDays(ctx.today, ctx.faker.number.int({ min: 200, max: 300 })),
      tacitRenewal: false
    });
    const rate = Number(contract.record.fields.Daily_Rate__c);
    contract.record.fields.Monthly_Spend_Alert__c = alertDays * rate;
    contract.record.fields.Monthly_Fee__c = null;
    finish(ctx, records, [contract], { from: sixMonthsBack(ctx, start), to: yesterday(ctx) });
    // Work besides the incidents (evolutions, studies) tops each month up to its days: last month crossed the alert.
    const thisMonth = ctx.today.slice(0, 7);
    const worked = new Map<string, number>();
    for (const entry of effortOf(records, contract.record.key)) {
      worked.set(entry.workDate.slice(0, 7), (worked.get(entry.workDate.slice(0, 7)) ?? 0) + entry.days);
    }
    for (let back = 1; back <= 5; back++) {
      const monthStart = addMonths(`${thisMonth}-01`, -back);
      const monthEnd = addDays(addMonths(monthStart, 1), -1);
      if (monthEnd < start) break;
      const target = back === 1 ? lastMonthDays : monthlyDays;
      let missing = Math.round((target - (worked.get(monthStart.slice(0, 7)) ?? 0)) * 100) / 100;
      let day = laterOf(monthStart, start);
      for (let n = 1; missing > 0 && day <= monthEnd; n++, day = addDays(day, 3)) {
        const days = Math.min(missing, ctx.faker.helpers.arrayElement([0.5, 1, 1.5, 2]));
        addEffort(ctx, records, {
          key: `${contract.record.key}-W${monthStart.slice(0, 7)}-${n}`,
          contractKey: contract.record.key,
          workDate: day,
          days,
          kind: 'Evolutive',
          description: ctx.locale === 'fr' ? 'Évolution demandée par le métier' : 'Change requested by the business'
        });
        missing = Math.round((missing - days) * 100) / 100;
      }
    }
  },

  'tacit-renewal'(ctx, records) {
    const { daysToEnd, noticeDays } = ctx.entry.params;
    const end = addDays(ctx.today, daysToEnd);
    const contract = buildContract(ctx, {
      suffix: 'C1',
      status: 'Active',
      start: addDays(addMonths(end, -12), 1),
      end,
      noticeDays,
      tacitRenewal: true
    });
    finish(ctx, records, [contract], {
      from: sixMonthsBack(ctx, String(contract.record.fields.Start_Date__c)),
      to: yesterday(ctx)
    });
  },

  'signed-waiting'(ctx, records) {
    const { startInDays, reservations } = ctx.entry.params;
    const warrantyEnd = addDays(ctx.today, startInDays - 1);
    const goLive = addDays(warrantyEnd, -ctx.faker.number.int({ min: 60, max: 90 }));
    const checklist = buildChecklist(ctx, records, {
      goLive,
      warrantyEnd,
      phase: reservations > 0 ? 'Signed Off with Reservations' : 'Signed Off',
      signedOffOn: addDays(ctx.today, -ctx.faker.number.int({ min: 2, max: 10 })),
      mandatoryOpen: reservations,
      reservationsDue: reservations > 0 ? addDays(ctx.today, 30) : undefined
    });
    const start = addDays(warrantyEnd, 1);
    const contract = buildContract(ctx, {
      suffix: 'C1',
      status: 'Signed',
      start,
      end: addDays(addMonths(start, 24), -1),
      checklistKey: checklist.key
    });
    finish(ctx, records, [contract], { from: addDays(ctx.today, -30), to: yesterday(ctx) });
  },

  'sla-evidence'(ctx, records) {
    // No calendar: the clock runs on the default hours, which list no holiday, so the tab and the report warn.
    const contract = buildContract(ctx, {
      suffix: 'C1',
      status: 'Active',
      start: addDays(ctx.today, -400),
      end: addDays(ctx.today, 365),
      noticeDays: 90,
      tacitRenewal: false,
      calendar: null
    });
    slaEvidenceIncidents(ctx, records, contract);
    finish(ctx, records, [contract], { from: addDays(ctx.today, -120), to: yesterday(ctx) });
  }
};

/** The day on or before `day` that falls on `dow` (0 Sunday ... 6 Saturday). */
function onOrBefore(day: string, dow: number): string {
  return addDays(day, -((weekday(day) - dow + 7) % 7));
}

/**
 * The two incidents of the sla-evidence story. A P2 (High x Medium: respond within 30 min, restore within 8 business
 * hours) reported on a Monday at 10:00, acknowledged at 10:15 and started at 10:20: its restore target passes at 18:00.
 * On Tuesday at 11:00 the agent tries "Wait on customer": the engine refuses (a pause never hides a breach), the
 * refusal is written on the incident, and the breach is stamped at the target it passed. The other P2 (Medium x High)
 * was imported from the former service desk's export: reported on a Tuesday at 14:00, answered at 14:10, resolved at
 * 19:00 (4 business hours used of 8), closed the next day at 10:00, all through the import's own code.
 */
function slaEvidenceIncidents(
  ctx: AccountContext,
  records: AccountRecords,
  contract: { record: SeedRecord; engine: Contract }
): void {
  const calendars = ctx.config.calendars;
  const at = (day: string, hour: number, minute = 0): Date => zonedInstant(day, hour * 60 + minute, ctx.timeZone);
  const monday = onOrBefore(addDays(ctx.today, -ctx.entry.params.breachedDaysAgo), 1);
  const reportedAt = at(monday, 10);
  const fields: Record<string, FieldValue> = { Impact__c: 'High', Urgency__c: 'Medium', Category__c: 'Corrective' };
  const apply = (written: object): void => void Object.assign(fields, written);
  apply(
    incidentTransition({
      incident: { impact: 'High', urgency: 'Medium', reportedAt },
      action: 'create',
      now: reportedAt,
      contracts: [contract.engine],
      calendars
    })
  );
  for (const [action, now] of [
    ['acknowledge', at(monday, 10, 15)],
    ['start', at(monday, 10, 20)]
  ] as const) {
    apply(
      incidentTransition({ incident: incidentFromRecord(fields), action, now, contract: contract.engine, calendars })
    );
  }
  const attempt = at(addDays(monday, 1), 11);
  const refusal = waitRefusal({
    incident: incidentFromRecord(fields),
    contract: contract.engine,
    calendars,
    now: attempt
  });
  apply(breachStamps({ incident: incidentFromRecord(fields), contract: contract.engine, calendars, now: attempt }));
  const refused =
    ctx.locale === 'fr'
      ? `« Attente client » refusée le ${attempt.toISOString()} : ${String(refusal)}`
      : `"Wait on customer" refused on ${attempt.toISOString()}: ${String(refusal)}`;
  delete fields.Contract__c;
  add(records, 'Maintenance_Incident__c', {
    key: `${ctx.key}-I90001`,
    fields: {
      Subject__c: ctx.locale === 'fr' ? 'Facturation bloquée en production' : 'Invoicing blocked in production',
      Description__c: `${reporterLine(ctx)}\n${refused}`,
      Effort_Days__c: 0,
      ...fields
    },
    refs: {
      Account__c: { sobject: 'Account', key: ctx.key },
      Contract__c: { sobject: 'Maintenance_Contract__c', key: contract.record.key }
    }
  });

  const tuesday = onOrBefore(addDays(ctx.today, -28), 2);
  const imported = importedIncidentFields({
    subject: ctx.locale === 'fr' ? 'Export comptable incomplet' : 'Accounting export incomplete',
    description:
      ctx.locale === 'fr'
        ? "Importé avec sf maintenance incident import depuis l'export de l'ancien outil de support."
        : "Imported with sf maintenance incident import from the former service desk's export.",
    category: 'Corrective',
    impact: 'Medium',
    urgency: 'High',
    status: 'Closed',
    instants: new Map([
      ['reported at', at(tuesday, 14)],
      ['responded at', at(tuesday, 14, 10)],
      ['resolved at', at(tuesday, 19)],
      ['closed at', at(addDays(tuesday, 1), 10)]
    ]),
    contracts: [contract.engine],
    calendars,
    now: ctx.cutoff
  });
  const contractKey = imported.Contract__c;
  delete imported.Contract__c;
  const record = add(records, 'Maintenance_Incident__c', {
    key: `${ctx.key}-I90002`,
    fields: { ...imported, Effort_Days__c: 0 },
    refs: { Account__c: { sobject: 'Account', key: ctx.key } }
  });
  if (typeof contractKey === 'string')
    record.refs.Contract__c = { sobject: 'Maintenance_Contract__c', key: contractKey };
}

/** Short code of a story in account keys: DEMO-GAP1-00001 is the first account of the first gap-ahead entry. */
export const STORY_CODES: Record<StoryName, string> = {
  covered: 'COV',
  'gap-ahead': 'GAP',
  'gap-today': 'GTD',
  'notice-passed': 'NOT',
  'handover-in-progress': 'HIP',
  'handover-signed-off': 'HSO',
  'budget-burn': 'BUD',
  'transition-undecided': 'TRU',
  'transition-decided': 'TRD',
  'amended-delay': 'AMD',
  'time-and-materials': 'TAM',
  'tacit-renewal': 'TAC',
  'signed-waiting': 'SGN',
  'sla-evidence': 'SLA'
};

/** The one-line story an account tells, for its Description. */
export function storyDescription(story: StoryName): string {
  return `Demo story "${story}": ${STORY_DEFINITIONS[story].summary}`;
}
