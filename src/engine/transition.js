// @ts-check
// Part of the engine (src/engine/index.js), bundled by npm run build:engine.
import { DEFAULT_RENEWAL_TERM_MONTHS, LONG_OPTION_LEAD_DAYS, TRANSITION_ALERT_DAYS } from './constants.js';
import { arrayArg, describe, nonNegativeNumber, objectArg } from './checks.js';
import { addMonthsToDay, dayNumber, formatDay, optionalDayNumber } from './days.js';
import { coverageRuns, coverageSources } from './coverage.js';
/** @typedef {import('./types.js').Amendment} Amendment */
/** @typedef {import('./types.js').Checklist} Checklist */
/** @typedef {import('./types.js').Contract} Contract */
/** @typedef {import('./types.js').Transition} Transition */
/** @typedef {import('./types.js').TransitionOption} TransitionOption */

// ---------------------------------------------------------------------------------------------------------------------
// Transition: what maintains the application after a go-live
// ---------------------------------------------------------------------------------------------------------------------

/**
 * @typedef {Object} OptionWindow
 * @property {string} name
 * @property {string} label
 * @property {number} leadTimeDays
 * @property {string|null} contractType
 * @property {number|null} termMonths
 * @property {string|null} closesOn the last day the option can still be decided (takeover day - lead time); null
 *   when no takeover day is in sight
 * @property {number|null} daysLeft days from today to closesOn (negative once lost)
 */

/**
 * @typedef {Object} TransitionPlan
 * @property {string|null} takeoverDate the day maintenance must be working: the first day on or after the go-live
 *   that nothing covers (a warranty, or a contract that runs on), searched up to ten years after the go-live;
 *   null when covered all that time
 * @property {number|null} daysLeft days from today to the takeover day
 * @property {boolean} decided an option was chosen
 * @property {string|null} decisionDate
 * @property {OptionWindow|null} chosen the option chosen (null when undecided, or unknown to the options given)
 * @property {OptionWindow[]} open options still possible today, the first to close first
 * @property {OptionWindow[]} lost options no longer possible: today + lead time is past the takeover day
 * @property {{ option: OptionWindow, last: boolean }|null} alert undecided, and the next option to close is a long
 *   one (lead time >= LONG_OPTION_LEAD_DAYS) closing within TRANSITION_ALERT_DAYS; last: no other long option is open
 */

/**
 * Which options are still open for a transition on a day. An option with lead time L is open while
 * today + L <= the takeover day, and closes on takeover day - L (the last day it can still be decided). The takeover
 * day is worked out from what covers this application: the account's contracts (without the transition's own
 * successor, so that signing it does not move the day the decision was due) and the warranty of this go-live (its
 * own, or its checklist's); the warranty of another project does not maintain this one.
 * @param {Object} input
 * @param {Transition} input.transition
 * @param {TransitionOption[]} input.options
 * @param {Contract[]} [input.contracts] the account's contracts
 * @param {Amendment[]} [input.amendments]
 * @param {Checklist[]} [input.checklists] the account's checklists (only the transition's own one counts)
 * @param {string} input.today 'YYYY-MM-DD'
 * @returns {TransitionPlan}
 */
export function transitionPlan(input) {
  const fn = 'transitionPlan';
  const args = objectArg(input, fn, 'input');
  const transition = /** @type {Transition} */ (objectArg(args.transition, fn, 'transition'));
  const today = dayNumber(args.today, fn, 'today');
  const goLive = dayNumber(transition.goLiveDate, fn, 'transition.goLiveDate');
  const options = arrayArg(args.options, fn, 'options').map((option, i) => transitionOptionArg(option, fn, i));
  const searchEnd = goLive + 3653;
  const collected = coverageSources(
    {
      contracts: args.contracts ?? [],
      amendments: args.amendments,
      checklists: (args.checklists ?? []).filter(
        (/** @type {Checklist} */ checklist) =>
          Boolean(transition.handoverChecklistId) && checklist?.id === transition.handoverChecklistId
      ),
      transitions: [transition]
    },
    searchEnd,
    fn,
    transition.successorContractId ?? null
  );
  const uncovered = coverageRuns(collected, goLive, searchEnd).find((run) => run.kind !== 'covered');
  const takeover = uncovered ? uncovered.start : null;
  /** @type {(option: TransitionOption) => OptionWindow} */
  const windowOf = (option) => {
    const closes = takeover === null ? null : takeover - option.leadTimeDays;
    return {
      name: option.name,
      label: option.label,
      leadTimeDays: option.leadTimeDays,
      contractType: option.contractType ?? null,
      termMonths: option.termMonths ?? null,
      closesOn: closes === null ? null : formatDay(closes),
      daysLeft: closes === null ? null : closes - today
    };
  };
  const windows = options
    .map(windowOf)
    .sort((a, b) => b.leadTimeDays - a.leadTimeDays || a.label.localeCompare(b.label) || a.name.localeCompare(b.name));
  const open = windows.filter((option) => option.daysLeft === null || option.daysLeft >= 0);
  const lost = windows.filter((option) => option.daysLeft !== null && option.daysLeft < 0);
  const chosenName = transition.optionChosen ?? null;
  const decided = typeof chosenName === 'string' && chosenName.length > 0;
  const next = open[0];
  const longOpen = open.filter((option) => option.leadTimeDays >= LONG_OPTION_LEAD_DAYS);
  const alert =
    !decided &&
    next !== undefined &&
    next.daysLeft !== null &&
    next.leadTimeDays >= LONG_OPTION_LEAD_DAYS &&
    next.daysLeft <= TRANSITION_ALERT_DAYS
      ? { option: next, last: longOpen.length === 1 }
      : null;
  return {
    takeoverDate: takeover === null ? null : formatDay(takeover),
    daysLeft: takeover === null ? null : takeover - today,
    decided,
    decisionDate: transition.decisionDate ?? null,
    chosen: decided ? (windows.find((option) => option.name === chosenName) ?? null) : null,
    open,
    lost,
    alert
  };
}

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {number} i
 * @returns {TransitionOption}
 */
function transitionOptionArg(value, fn, i) {
  const option = /** @type {TransitionOption} */ (objectArg(value, fn, `options[${i}]`));
  if (typeof option.name !== 'string' || option.name.length === 0) {
    throw new TypeError(`${fn}: options[${i}].name must be a non-empty string, got ${describe(option.name)}`);
  }
  const lead = nonNegativeNumber(option.leadTimeDays, fn, `options[${i}].leadTimeDays`);
  if (!Number.isInteger(lead)) {
    throw new RangeError(`${fn}: options[${i}].leadTimeDays must be whole days, got ${lead}`);
  }
  return { ...option, label: typeof option.label === 'string' && option.label ? option.label : option.name };
}

/**
 * The Maintenance_Contract__c to create when a transition's decision is taken: a Draft (it covers nothing until
 * signed) of the option's contract type, from the takeover day (the go-live when no takeover day is in sight) for
 * the option's term (12 months when it names none), gated by the transition's handover checklist. The caller adds
 * the contract name it wants and writes the decision on the transition (see transitionDecisionFields).
 * @param {Object} input
 * @param {Transition} input.transition reads accountId, goLiveDate, handoverChecklistId, name
 * @param {TransitionOption} input.option
 * @param {string|null} input.takeoverDate from transitionPlan
 * @returns {Record<string, string|null>}
 */
export function successorContractFields(input) {
  const fn = 'successorContractFields';
  const args = objectArg(input, fn, 'input');
  const transition = /** @type {Transition} */ (objectArg(args.transition, fn, 'transition'));
  const option = transitionOptionArg(args.option, fn, 0);
  const start =
    optionalDayNumber(args.takeoverDate, fn, 'takeoverDate') ??
    dayNumber(transition.goLiveDate, fn, 'transition.goLiveDate');
  const months = option.termMonths ?? DEFAULT_RENEWAL_TERM_MONTHS;
  if (!Number.isInteger(months) || months < 1) {
    throw new RangeError(`${fn}: option.termMonths must be a whole number >= 1, got ${months}`);
  }
  const subject = transition.name ? ` ${transition.name}` : '';
  return {
    Name: `${option.label}${subject}`.slice(0, 80),
    Account__c: transition.accountId ?? null,
    Status__c: 'Draft',
    Contract_Type__c: option.contractType ?? 'TMA',
    Start_Date__c: formatDay(start),
    End_Date__c: formatDay(addMonthsToDay(start, months) - 1),
    Handover_Checklist__c: transition.handoverChecklistId ?? null
  };
}

/**
 * The Maintenance_Transition__c fields that record a decision: the option (its DeveloperName), the day, and the
 * successor contract created for it.
 * @param {Object} input
 * @param {TransitionOption} input.option
 * @param {string} input.today 'YYYY-MM-DD'
 * @param {string|null} input.successorContractId
 * @returns {{ Option_Chosen__c: string, Decision_Date__c: string, Successor_Contract__c: string|null }}
 */
export function transitionDecisionFields(input) {
  const fn = 'transitionDecisionFields';
  const args = objectArg(input, fn, 'input');
  const option = transitionOptionArg(args.option, fn, 0);
  dayNumber(args.today, fn, 'today');
  return {
    Option_Chosen__c: option.name,
    Decision_Date__c: args.today,
    Successor_Contract__c: args.successorContractId ?? null
  };
}
