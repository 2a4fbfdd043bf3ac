// @ts-check
// Part of the engine (src/engine/index.js), bundled by npm run build:engine.
import { COVERING_STATUSES, TIME_AND_MATERIALS } from './constants.js';
import { arrayArg, describe, instantMs, objectArg } from './checks.js';
import { addDays, dayNumber, formatDay } from './days.js';
import { contractCalendar } from './calendars.js';
import { slaStatus } from './slaClocks.js';
import { allowedActions } from './incidentWorkflow.js';
import { noticeStatus } from './contractTerms.js';
import { coverageSummary, coveringContract } from './coverage.js';
import { transitionPlan } from './transition.js';
import { budgetBurn } from './budget.js';
import { checklistInFocus } from './handover.js';
import { slaComplianceByClock } from './review.js';
import { numberField, recordFields } from './recordMappers.js';
/** @typedef {import('./types.js').Amendment} Amendment */
/** @typedef {import('./types.js').Calendar} Calendar */
/** @typedef {import('./types.js').Checklist} Checklist */
/** @typedef {import('./types.js').Contract} Contract */
/** @typedef {import('./types.js').EffortEntry} EffortEntry */
/** @typedef {import('./types.js').Incident} Incident */
/** @typedef {import('./types.js').Transition} Transition */
/** @typedef {import('./types.js').TransitionOption} TransitionOption */
/** @typedef {import('./review.js').ClockCompliance} ClockCompliance */

// ---------------------------------------------------------------------------------------------------------------------
// Portfolio: every account's continuity risk on one page (the Maintenance Cockpit and `report --risk`)
// ---------------------------------------------------------------------------------------------------------------------

/** A notice deadline this close (in days, today included) is a risk of its own: after it, the contract renews or ends. */
export const NOTICE_SOON_DAYS = 30;

/**
 * The risks the portfolio ranks accounts by, most serious first; each is also a filter of the cockpit and a count at
 * its top:
 * - `in-gap`: nothing covers the account today (a gap day);
 * - `gap-ahead`: not in a gap, but a gap day comes within the coverage horizon;
 * - `notice-soon`: a notice deadline of a contract in force comes within NOTICE_SOON_DAYS (notice not given);
 * - `options-closing`: a transition is undecided and its next long option closes soon (transitionPlan's alert);
 * - `breaches`: open incidents past a response (GTI) or restore (GTR) target;
 * - `budget-shortfall`: at the present burn, the budget of the covering contract runs out before its term ends.
 */
export const RISK_FLAGS = Object.freeze(
  /** @type {RiskFlag[]} */ (['in-gap', 'gap-ahead', 'notice-soon', 'options-closing', 'breaches', 'budget-shortfall'])
);

/** @typedef {'in-gap'|'gap-ahead'|'notice-soon'|'options-closing'|'breaches'|'budget-shortfall'} RiskFlag */

/** One order of account names wherever the ranking runs (a browser in French, a terminal in English). */
const NAME_ORDER = new Intl.Collator('en');

/**
 * One clock's SLA compliance over a window (slaComplianceByClock): met of total, in % (null when nothing was judged);
 * total counts the incidents resolved in the window and the open ones whose clock breached in it.
 * @typedef {Object} ClockFigures
 * @property {number} met
 * @property {number} total
 * @property {number|null} percent
 */

/**
 * One account's figures, as the Maintenance tab shows them and `report` prints them (see accountFigures).
 * @typedef {Object} AccountFigures
 * @property {string} accountId
 * @property {string} accountName
 * @property {'none'|'pre-coverage'|'covered'|'gap-ahead'|'in-gap'} coverage what covers the account today
 * @property {boolean} coveredToday
 * @property {string|null} gapStart the first gap day within the coverage horizon (today when in a gap)
 * @property {string|null} inGapSince in a gap today: the first day of that gap
 * @property {{ contractId: string|null, contractName: string|null, deadline: string, daysLeft: number }|null} notice
 *   the next notice deadline to act on: of a contract in force, notice not given in time, today or later; the soonest
 * @property {{ transitionId: string|null, transitionName: string|null, option: string, closesOn: string,
 *   daysLeft: number, alert: boolean }|null} transition the undecided transition whose next option closes first;
 *   alert: that option is a long one closing within TRANSITION_ALERT_DAYS (the tab's alert)
 * @property {{ response: number, resolution: number, any: number, unjudged: number }} openBreached open incidents
 *   past their response target, past their restore target, past either; unjudged: open incidents whose contract's
 *   calendar is missing (not counted)
 * @property {{ from: string, to: string, response: ClockFigures, resolution: ClockFigures }} compliance the
 *   SLA compliance of the last COMPLIANCE_WINDOW_DAYS days
 * @property {{ contractId: string|null, contractName: string|null, budgetDays: number|null, consumedDays: number,
 *   percentConsumed: number, forecastExhaustionDate: string|null, contractEndDate: string, shortfallDays: number,
 *   alert: 'threshold'|'exhausted'|null }|null} budget the covering contract's budget (null: none, or no budget)
 * @property {{ checklistId: string|null, name: string|null, phase: string, percent: number, total: number,
 *   done: number, mandatoryOpen: number }|null} handover the checklist the tab shows (checklistInFocus)
 */

/**
 * @typedef {Object} PortfolioRow
 * @property {AccountFigures} figures
 * @property {RiskFlag[]} flags the account's risks, in RISK_FLAGS order
 * @property {number} rank 1 for the account at most risk
 * @property {0|1|2|3} tier 0 in a gap, 1 a gap ahead, 2 another risk, 3 none
 * @property {string|null} urgentOn the day the most urgent of its risks bites (see portfolioRisk)
 */

/** The window of the SLA compliance the tab, the cockpit and `report --risk` show: the last 90 days up to today. */
export const COMPLIANCE_WINDOW_DAYS = 90;

/**
 * Handover readiness of a checklist, as its roll-ups count it (Items_Total__c, Items_Done__c, Mandatory_Open__c,
 * Readiness_Percent__c) or handoverReadiness counts its items.
 * @typedef {Object} ReadinessFigures
 * @property {number} percent 0-100
 * @property {number} total
 * @property {number} done
 * @property {number} mandatoryOpen
 */

/**
 * One account's figures for the Maintenance Cockpit and `report --risk`, with the rules the Maintenance tab applies
 * to the same records:
 * - coverage: coverageSummary over COVERAGE_HORIZON_DAYS;
 * - notice: of the contracts in force (COVERING_STATUSES), the soonest notice deadline (noticeStatus: the term in
 *   force, tacit renewals and amendments counted) that is today or later and for which no notice was given;
 * - transition: of the undecided transitions, the one whose alert option (transitionPlan's alert) closes first, else
 *   the one whose next open option closes first;
 * - openBreached: open incidents under a contract past their response / restore target now (slaStatus on the
 *   contract's calendar); an incident whose contract's calendar is missing from `calendars` is counted as unjudged;
 * - compliance: per clock over the last COMPLIANCE_WINDOW_DAYS days, slaComplianceByClock's figures (total = its
 *   `counted`: the incidents resolved in the window plus the open ones whose clock breached in it);
 * - budget: the budgeted contract (not time and materials) covering the account today, burnt by budgetBurn (its
 *   effort entries when given, else its Consumed_Effort_Days__c roll-up); null without one or without a budget;
 * - handover: the checklist in focus (checklistInFocus) with its readiness from `readiness`.
 * @param {Object} input
 * @param {{ id: string, name?: string|null }} input.account
 * @param {Contract[]} input.contracts the account's contracts
 * @param {Amendment[]} [input.amendments] their amendments
 * @param {Incident[]} [input.incidents] the account's incidents; only the open ones and those resolved in the window
 *   matter
 * @param {Checklist[]} [input.checklists]
 * @param {Transition[]} [input.transitions]
 * @param {TransitionOption[]} [input.options] the transition options (Transition_Option__mdt)
 * @param {Record<string, Calendar>|null} [input.calendars] by DeveloperName
 * @param {Record<string, EffortEntry[]>} [input.effort] effort entries by contract id (omit to use the roll-up)
 * @param {Record<string, ReadinessFigures>} [input.readiness] by checklist id; required for the checklist in focus
 * @param {string} input.today 'YYYY-MM-DD', the user's day
 * @param {Date} input.now the instant SLA clocks are read at
 * @returns {AccountFigures}
 */
export function accountFigures(input) {
  const fn = 'accountFigures';
  const args = objectArg(input, fn, 'input');
  const account = objectArg(args.account, fn, 'account');
  if (typeof account.id !== 'string' || account.id.length === 0) {
    throw new TypeError(`${fn}: account.id must be a non-empty string, got ${describe(account.id)}`);
  }
  const today = formatDay(dayNumber(args.today, fn, 'today'));
  const now = new Date(instantMs(args.now, fn, 'now'));
  const contracts = /** @type {Contract[]} */ (arrayArg(args.contracts, fn, 'contracts'));
  const amendments = /** @type {Amendment[]} */ (arrayArg(args.amendments ?? [], fn, 'amendments'));
  const incidents = /** @type {Incident[]} */ (arrayArg(args.incidents ?? [], fn, 'incidents'));
  const checklists = /** @type {Checklist[]} */ (arrayArg(args.checklists ?? [], fn, 'checklists'));
  const transitions = /** @type {Transition[]} */ (arrayArg(args.transitions ?? [], fn, 'transitions'));
  const options = /** @type {TransitionOption[]} */ (arrayArg(args.options ?? [], fn, 'options'));
  const calendars =
    args.calendars === undefined || args.calendars === null
      ? null
      : /** @type {Record<string, Calendar>} */ (objectArg(args.calendars, fn, 'calendars'));
  const effort =
    args.effort === undefined || args.effort === null
      ? null
      : /** @type {Record<string, EffortEntry[]>} */ (objectArg(args.effort, fn, 'effort'));
  const readiness = /** @type {Record<string, ReadinessFigures>} */ (objectArg(args.readiness ?? {}, fn, 'readiness'));

  const summary = coverageSummary({ contracts, amendments, checklists, transitions, today });

  /** @type {AccountFigures['notice']} */
  let notice = null;
  for (const contract of contracts) {
    if (!COVERING_STATUSES.includes(contract.status)) continue;
    const status = noticeStatus({ contract, amendments, today });
    if (status.daysLeft < 0 || status.noticeGivenOn !== null) continue;
    if (notice === null || status.deadline < notice.deadline) {
      notice = {
        contractId: contract.id ?? null,
        contractName: contract.name ?? null,
        deadline: status.deadline,
        daysLeft: status.daysLeft
      };
    }
  }

  /** @type {AccountFigures['transition']} */
  let transition = null;
  if (options.length > 0) {
    for (const candidate of transitions) {
      const plan = transitionPlan({ transition: candidate, options, contracts, amendments, checklists, today });
      const option = plan.decided ? null : (plan.alert?.option ?? plan.open[0] ?? null);
      if (!option || option.closesOn === null || option.daysLeft === null) continue;
      const alert = plan.alert !== null;
      const better =
        transition === null ||
        (alert && !transition.alert) ||
        (alert === transition.alert && option.closesOn < transition.closesOn);
      if (better) {
        transition = {
          transitionId: candidate.id ?? null,
          transitionName: candidate.name ?? null,
          option: option.label,
          closesOn: option.closesOn,
          daysLeft: option.daysLeft,
          alert
        };
      }
    }
  }

  const byId = new Map(contracts.map((contract) => [contract.id, contract]));
  const openBreached = { response: 0, resolution: 0, any: 0, unjudged: 0 };
  for (const incident of incidents) {
    if (!allowedActions(incident.status ?? null).includes('resolve')) continue;
    const contract = incident.contractId ? byId.get(incident.contractId) : undefined;
    if (!contract) continue;
    if (calendars === null || (contract.calendarName && !(contract.calendarName in calendars))) {
      openBreached.unjudged += 1;
      continue;
    }
    const status = slaStatus({ incident, contract, calendar: contractCalendar(contract, calendars), now });
    if (status.responseBreached) openBreached.response += 1;
    if (status.resolutionBreached) openBreached.resolution += 1;
    if (status.responseBreached || status.resolutionBreached) openBreached.any += 1;
  }

  const judged = slaComplianceByClock({
    incidents,
    contracts,
    calendars,
    from: addDays(today, -COMPLIANCE_WINDOW_DAYS),
    to: today,
    now
  });
  const clock = (/** @type {ClockCompliance} */ figures) => ({
    met: figures.met,
    total: figures.counted,
    percent: figures.percent
  });
  const compliance = {
    from: judged.from,
    to: judged.to,
    response: clock(judged.response),
    resolution: clock(judged.resolution)
  };

  /** @type {AccountFigures['budget']} */
  let budget = null;
  const budgeted = contracts.filter((contract) => contract.type !== TIME_AND_MATERIALS);
  const covering = coveringContract({ contracts: budgeted, amendments, at: today });
  if (covering) {
    const entries = effort ? (effort[String(covering.id)] ?? []) : undefined;
    const burn = budgetBurn({ contract: covering, amendments, entries, today });
    if (burn.budgetDays !== null) {
      budget = {
        contractId: covering.id ?? null,
        contractName: covering.name ?? null,
        budgetDays: burn.budgetDays,
        consumedDays: burn.consumedDays,
        percentConsumed: burn.percentConsumed,
        forecastExhaustionDate: burn.forecastExhaustionDate,
        contractEndDate: burn.contractEndDate,
        shortfallDays: burn.shortfallDays,
        alert: burn.alert
      };
    }
  }

  /** @type {AccountFigures['handover']} */
  let handover = null;
  const focus = checklistInFocus(checklists);
  if (focus) {
    const figures = focus.id ? readiness[focus.id] : undefined;
    if (!figures || typeof figures !== 'object') {
      throw new TypeError(`${fn}: readiness has no figures for checklist ${describe(focus.id)}`);
    }
    handover = {
      checklistId: focus.id ?? null,
      name: focus.projectName ?? focus.name ?? null,
      phase: focus.phase ?? 'Preparation',
      percent: Number(figures.percent ?? 0),
      total: Number(figures.total ?? 0),
      done: Number(figures.done ?? 0),
      mandatoryOpen: Number(figures.mandatoryOpen ?? 0)
    };
  }

  return {
    accountId: account.id,
    accountName: typeof account.name === 'string' ? account.name : account.id,
    coverage: summary.kind,
    coveredToday: summary.coveredToday,
    gapStart: summary.gapStart,
    inGapSince: summary.inGapSince,
    notice,
    transition,
    openBreached,
    compliance,
    budget,
    handover
  };
}

/**
 * A checklist's readiness as its roll-ups count it (Items_Total__c, Items_Done__c, Mandatory_Open__c,
 * Readiness_Percent__c): what the cockpit and the report read instead of every item.
 * @param {Record<string, unknown>} fields
 * @returns {ReadinessFigures}
 */
export function readinessFromRecord(fields) {
  const fn = 'readinessFromRecord';
  const f = recordFields(fields, fn);
  return {
    percent: numberField(f, 'Readiness_Percent__c', fn) ?? 0,
    total: numberField(f, 'Items_Total__c', fn) ?? 0,
    done: numberField(f, 'Items_Done__c', fn) ?? 0,
    mandatoryOpen: numberField(f, 'Mandatory_Open__c', fn) ?? 0
  };
}

/**
 * accountFigures for every account with maintenance data (a contract, a handover checklist or a transition plan; an
 * incident always belongs to the account of its contract), out of the records of the whole portfolio: each record
 * goes to its account (accountId; an amendment to its contract's account; effort entries and readiness by contract /
 * checklist id). What the Maintenance Cockpit and `report --risk` rank with portfolioRisk.
 * @param {Object} input
 * @param {Record<string, string>} [input.accountNames] account id -> name (an account without one is named by id)
 * @param {Contract[]} input.contracts
 * @param {Amendment[]} [input.amendments]
 * @param {Incident[]} [input.incidents]
 * @param {Checklist[]} [input.checklists]
 * @param {Transition[]} [input.transitions]
 * @param {TransitionOption[]} [input.options]
 * @param {Record<string, Calendar>|null} [input.calendars]
 * @param {Record<string, EffortEntry[]>} [input.effort]
 * @param {Record<string, ReadinessFigures>} [input.readiness] by checklist id
 * @param {string} input.today 'YYYY-MM-DD'
 * @param {Date} input.now
 * @returns {AccountFigures[]} in the order the accounts first appear (contracts, checklists, transitions)
 */
export function portfolioFigures(input) {
  const fn = 'portfolioFigures';
  const args = objectArg(input, fn, 'input');
  const names = /** @type {Record<string, string>} */ (objectArg(args.accountNames ?? {}, fn, 'accountNames'));
  /** @type {Map<string, { contracts: Contract[], amendments: Amendment[], incidents: Incident[],
   *   checklists: Checklist[], transitions: Transition[] }>} */
  const accounts = new Map();
  const of = (/** @type {unknown} */ accountId, /** @type {string} */ what) => {
    if (typeof accountId !== 'string' || accountId.length === 0) {
      throw new TypeError(`${fn}: ${what}.accountId must be a non-empty string, got ${describe(accountId)}`);
    }
    let records = accounts.get(accountId);
    if (!records) {
      records = { contracts: [], amendments: [], incidents: [], checklists: [], transitions: [] };
      accounts.set(accountId, records);
    }
    return records;
  };
  /** @type {Map<string, string>} */
  const accountOfContract = new Map();
  arrayArg(args.contracts, fn, 'contracts').forEach((candidate, i) => {
    const contract = /** @type {Contract} */ (objectArg(candidate, fn, `contracts[${i}]`));
    of(contract.accountId, `contracts[${i}]`).contracts.push(contract);
    if (contract.id) accountOfContract.set(contract.id, /** @type {string} */ (contract.accountId));
  });
  arrayArg(args.checklists ?? [], fn, 'checklists').forEach((candidate, i) => {
    const checklist = /** @type {Checklist} */ (objectArg(candidate, fn, `checklists[${i}]`));
    of(checklist.accountId, `checklists[${i}]`).checklists.push(checklist);
  });
  arrayArg(args.transitions ?? [], fn, 'transitions').forEach((candidate, i) => {
    const transition = /** @type {Transition} */ (objectArg(candidate, fn, `transitions[${i}]`));
    of(transition.accountId, `transitions[${i}]`).transitions.push(transition);
  });
  arrayArg(args.amendments ?? [], fn, 'amendments').forEach((candidate, i) => {
    const amendment = /** @type {Amendment} */ (objectArg(candidate, fn, `amendments[${i}]`));
    const accountId = amendment.contractId ? accountOfContract.get(amendment.contractId) : undefined;
    if (accountId) of(accountId, `amendments[${i}]`).amendments.push(amendment);
  });
  arrayArg(args.incidents ?? [], fn, 'incidents').forEach((candidate, i) => {
    const incident = /** @type {Incident} */ (objectArg(candidate, fn, `incidents[${i}]`));
    const records = typeof incident.accountId === 'string' ? accounts.get(incident.accountId) : undefined;
    // An incident of an account without contract, checklist or plan has no SLA to judge: not in the portfolio.
    if (records) records.incidents.push(incident);
  });
  return [...accounts].map(([accountId, records]) =>
    accountFigures({
      account: { id: accountId, name: names[accountId] ?? accountId },
      ...records,
      options: args.options,
      calendars: args.calendars,
      effort: args.effort,
      readiness: args.readiness,
      today: args.today,
      now: args.now
    })
  );
}

/**
 * The day each risk bites, for ranking: the first day of the gap, the notice deadline, the day the option closes,
 * today for open breaches, the day the budget runs out.
 * @param {AccountFigures} figures
 * @param {RiskFlag} flag
 * @param {string} today
 * @returns {string}
 */
function riskDay(figures, flag, today) {
  switch (flag) {
    case 'in-gap':
      return /** @type {string} */ (figures.inGapSince ?? figures.gapStart ?? today);
    case 'gap-ahead':
      return /** @type {string} */ (figures.gapStart);
    case 'notice-soon':
      return /** @type {NonNullable<AccountFigures['notice']>} */ (figures.notice).deadline;
    case 'options-closing':
      return /** @type {NonNullable<AccountFigures['transition']>} */ (figures.transition).closesOn;
    case 'budget-shortfall':
      return /** @type {NonNullable<AccountFigures['budget']>} */ (figures.budget).forecastExhaustionDate ?? today;
    default:
      return today;
  }
}

/**
 * The risks of one account (see RISK_FLAGS).
 * @param {AccountFigures} figures
 * @returns {RiskFlag[]}
 */
export function riskFlags(figures) {
  const fn = 'riskFlags';
  const f = /** @type {AccountFigures} */ (objectArg(figures, fn, 'figures'));
  /** @type {RiskFlag[]} */
  const flags = [];
  const inGap = f.coverage === 'in-gap';
  if (inGap) flags.push('in-gap');
  else if (f.gapStart) flags.push('gap-ahead');
  if (f.notice && f.notice.daysLeft >= 0 && f.notice.daysLeft <= NOTICE_SOON_DAYS) flags.push('notice-soon');
  if (f.transition && f.transition.alert) flags.push('options-closing');
  if (f.openBreached && f.openBreached.any > 0) flags.push('breaches');
  if (f.budget && f.budget.shortfallDays > 0) flags.push('budget-shortfall');
  return flags;
}

/**
 * Ranks accounts by continuity risk, and counts each risk, for the Maintenance Cockpit and `report --risk`.
 *
 * Order: first the accounts in a gap today (the longest gap first), then those with a gap ahead within the horizon
 * (the soonest first): coverage is what maintenance is for. Then the accounts with any other risk, the one whose
 * risk bites first (a notice deadline, an option closing, the budget running out; an open breach bites today)
 * first; then the accounts without risk. Ties: more risks first, then the account name, then the id.
 * @param {Object} input
 * @param {AccountFigures[]} input.accounts one entry per account (accountFigures)
 * @param {string} input.today 'YYYY-MM-DD'
 * @returns {{ rows: PortfolioRow[], counts: Record<RiskFlag, number> & { accounts: number, atRisk: number } }}
 */
export function portfolioRisk(input) {
  const fn = 'portfolioRisk';
  const args = objectArg(input, fn, 'input');
  const today = formatDay(dayNumber(args.today, fn, 'today'));
  const accounts = arrayArg(args.accounts, fn, 'accounts');
  /** @type {Record<string, number>} */
  const counts = { accounts: accounts.length, atRisk: 0 };
  for (const flag of RISK_FLAGS) counts[flag] = 0;
  const rows = accounts.map((candidate, i) => {
    const figures = /** @type {AccountFigures} */ (objectArg(candidate, fn, `accounts[${i}]`));
    if (typeof figures.accountId !== 'string' || figures.accountId.length === 0) {
      throw new TypeError(
        `${fn}: accounts[${i}].accountId must be a non-empty string, got ${describe(figures.accountId)}`
      );
    }
    const flags = riskFlags(figures);
    for (const flag of flags) counts[flag] += 1;
    if (flags.length > 0) counts.atRisk += 1;
    /** @type {0|1|2|3} */
    let tier = 3;
    if (flags.includes('in-gap')) tier = 0;
    else if (flags.includes('gap-ahead')) tier = 1;
    else if (flags.length > 0) tier = 2;
    const urgentOn =
      tier === 0 || tier === 1
        ? riskDay(figures, flags[0], today)
        : flags.reduce((/** @type {string|null} */ soonest, flag) => {
            const day = riskDay(figures, flag, today);
            return soonest === null || day < soonest ? day : soonest;
          }, null);
    return { figures, flags, rank: 0, tier, urgentOn };
  });
  rows.sort(
    (a, b) =>
      a.tier - b.tier ||
      String(a.urgentOn ?? '').localeCompare(String(b.urgentOn ?? '')) ||
      b.flags.length - a.flags.length ||
      NAME_ORDER.compare(String(a.figures.accountName ?? ''), String(b.figures.accountName ?? '')) ||
      (a.figures.accountId < b.figures.accountId ? -1 : a.figures.accountId > b.figures.accountId ? 1 : 0)
  );
  rows.forEach((row, index) => {
    row.rank = index + 1;
  });
  return {
    rows,
    counts: /** @type {Record<RiskFlag, number> & { accounts: number, atRisk: number }} */ (counts)
  };
}
