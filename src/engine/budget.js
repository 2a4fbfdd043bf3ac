// @ts-check
// Part of the engine (src/engine/index.js), bundled by npm run build:engine.
import { DEFAULT_ALERT_THRESHOLD_PERCENT, EFFORT_KINDS, TIME_AND_MATERIALS } from './constants.js';
import { arrayArg, describe, nonNegativeNumber, objectArg, round2 } from './checks.js';
import { addMonthsToDay, dayNumber, formatDay } from './days.js';
import { AVERAGE_MONTH_DAYS, amendmentList, compileContract, noticeOn, termsOn } from './contractTerms.js';
import { coverageRuns, coverageSources } from './coverage.js';
/** @typedef {import('./types.js').Amendment} Amendment */
/** @typedef {import('./types.js').Checklist} Checklist */
/** @typedef {import('./types.js').Contract} Contract */
/** @typedef {import('./types.js').EffortEntry} EffortEntry */
/** @typedef {import('./types.js').Incident} Incident */
/** @typedef {import('./types.js').Transition} Transition */
/** @typedef {import('./contractTerms.js').ContractPlan} ContractPlan */

/**
 * @param {unknown} list
 * @param {string} fn
 * @returns {{ entry: EffortEntry, day: number, days: number, billable: boolean }[]}
 */
function effortEntries(list, fn) {
  return arrayArg(list, fn, 'entries').map((candidate, i) => {
    const entry = /** @type {EffortEntry} */ (objectArg(candidate, fn, `entries[${i}]`));
    const days = nonNegativeNumber(entry.days, fn, `entries[${i}].days`);
    return {
      entry,
      day: dayNumber(entry.workDate, fn, `entries[${i}].workDate`),
      days,
      billable: entry.billable !== false
    };
  });
}

/**
 * Budget consumption of a contract on a day, in man-days, with its effective terms (amendments effective by then).
 * Consumed days are the billable effort entries of the contract, whatever their date: exactly what the
 * Consumed_Effort_Days__c roll-up adds up. The forecast extrapolates the average burn since the start (days counted
 * inclusively up to today) to the day the budget runs out: null without budget, without consumption, or before the
 * start; today once exhausted. It is then compared with the end of the term in force (tacit renewals and amended end
 * dates counted): a shortfall is the days of that term left without budget, and sustainableMonthlyBurnDays the burn
 * at which the remaining budget would last to the end. Time and Materials contracts have no budget cap: their budget
 * figures are null (see monthlySpend). Alerts: 'exhausted' at 100 %, 'threshold' at alertThresholdPercent (default
 * 80 %); `shortfall` separately.
 * @param {Object} input
 * @param {Contract} input.contract
 * @param {Amendment[]} [input.amendments] the contract's amendments
 * @param {EffortEntry[]} [input.entries] the contract's effort entries; reads workDate, days, kind, billable. Omitted:
 *   the consumed days are contract.consumedDays (the Consumed_Effort_Days__c roll-up, the same billable sum), and
 *   byKind and nonBillableDays are null
 * @param {string} input.today 'YYYY-MM-DD'
 */
export function budgetBurn(input) {
  const fn = 'budgetBurn';
  const args = objectArg(input, fn, 'input');
  const plan = compileContract(args.contract, amendmentList(args.amendments, fn, 'amendments'), fn, 'contract');
  const contract = plan.contract;
  const today = dayNumber(args.today, fn, 'today');
  const terms = termsOn(plan, today, fn);
  const timeAndMaterials = contract.type === TIME_AND_MATERIALS;
  const budget = timeAndMaterials ? null : terms.budgetDays;
  /** @type {Record<string, number>|null} */
  let byKind = null;
  /** @type {number|null} */
  let nonBillableDays = null;
  let consumed = 0;
  if (args.entries === undefined) {
    // Without entries (the portfolio cockpit reads no effort), the roll-up is the billable sum.
    consumed = nonNegativeNumber(contract.consumedDays ?? 0, fn, 'contract.consumedDays');
  } else {
    /** @type {Record<string, number>} */
    const kinds = Object.fromEntries(EFFORT_KINDS.map((kind) => [kind, 0]));
    let nonBillable = 0;
    for (const { entry, days, billable } of effortEntries(args.entries, fn)) {
      if (!billable) {
        nonBillable += days;
        continue;
      }
      consumed += days;
      const kind = entry.kind ?? 'Corrective';
      kinds[kind] = (kinds[kind] ?? 0) + days;
    }
    for (const kind of Object.keys(kinds)) kinds[kind] = round2(kinds[kind]);
    byKind = kinds;
    nonBillableDays = round2(nonBillable);
  }
  const consumedDays = round2(consumed);
  const hasBudget = budget !== null && budget > 0;
  const percentConsumed = hasBudget ? (consumedDays * 100) / /** @type {number} */ (budget) : 0;
  const elapsedDays = today - plan.start + 1;
  const burnRatePerDay = elapsedDays > 0 ? consumedDays / elapsedDays : null;
  const remaining = budget === null ? null : round2(budget - consumedDays);
  /** @type {number|null} */
  let exhaustion = null;
  if (hasBudget && burnRatePerDay !== null && burnRatePerDay > 0) {
    const left = /** @type {number} */ (remaining);
    exhaustion = left <= 0 ? today : today + Math.ceil(left / burnRatePerDay - 1e-9);
  }
  const termEnd = noticeOn(plan, today, fn).term.end;
  const shortfallDays = exhaustion !== null && exhaustion < termEnd ? termEnd - exhaustion : 0;
  const daysToEnd = termEnd - Math.max(today, plan.start) + 1;
  const threshold = contract.alertThresholdPercent ?? DEFAULT_ALERT_THRESHOLD_PERCENT;
  nonNegativeNumber(threshold, fn, 'contract.alertThresholdPercent');
  /** @type {'threshold'|'exhausted'|null} */
  let alert = null;
  if (hasBudget) {
    alert = percentConsumed >= 100 ? 'exhausted' : percentConsumed >= threshold ? 'threshold' : null;
  }
  return {
    consumedDays,
    nonBillableDays,
    budgetDays: budget,
    initialBudgetDays: timeAndMaterials ? null : (contract.budgetDays ?? null),
    remainingDays: remaining,
    percentConsumed,
    byKind,
    burnRatePerDay,
    monthlyBurnDays: burnRatePerDay === null ? null : round2(burnRatePerDay * AVERAGE_MONTH_DAYS),
    forecastExhaustionDate: exhaustion === null ? null : formatDay(exhaustion),
    contractEndDate: formatDay(termEnd),
    exhaustsBeforeEnd: shortfallDays > 0,
    shortfallDays,
    sustainableMonthlyBurnDays:
      remaining === null || !hasBudget || daysToEnd <= 0
        ? null
        : round2((Math.max(remaining, 0) / daysToEnd) * AVERAGE_MONTH_DAYS),
    alert,
    shortfall: shortfallDays > 0,
    monthlyFee: terms.monthlyFee,
    amendmentsApplied: terms.applied.length
  };
}

/**
 * The monthly spend of a contract billed by the day (any contract, but Time and Materials is what it is for): per
 * calendar month, the billable days of its effort entries and their cost at the contract's daily rate, over the
 * `months` months ending with today's. The alert is raised when this month or the month before reached
 * monthlySpendAlert.
 * @param {Object} input
 * @param {Contract} input.contract reads dailyRate, monthlySpendAlert
 * @param {EffortEntry[]} input.entries the contract's effort entries
 * @param {string} input.today 'YYYY-MM-DD'
 * @param {number} [input.months] whole months >= 1, default 6
 * @returns {{ months: { month: string, days: number, amount: number|null, overAlert: boolean }[],
 *   dailyRate: number|null, alertAmount: number|null, alertMonth: string|null, totalDays: number,
 *   totalAmount: number|null }}
 */
export function monthlySpend(input) {
  const fn = 'monthlySpend';
  const args = objectArg(input, fn, 'input');
  const contract = /** @type {Contract} */ (objectArg(args.contract, fn, 'contract'));
  const entries = effortEntries(args.entries, fn);
  const today = dayNumber(args.today, fn, 'today');
  const count = args.months ?? 6;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
    throw new RangeError(`${fn}: months must be a whole number >= 1, got ${describe(count)}`);
  }
  const rate = contract.dailyRate ?? null;
  if (rate !== null) nonNegativeNumber(rate, fn, 'contract.dailyRate');
  const alertAmount = contract.monthlySpendAlert ?? null;
  if (alertAmount !== null) nonNegativeNumber(alertAmount, fn, 'contract.monthlySpendAlert');
  const thisMonth = formatDay(today).slice(0, 7);
  const firstDay = dayNumber(`${thisMonth}-01`, fn, 'today');
  const keys = [];
  for (let m = count - 1; m >= 0; m -= 1) keys.push(formatDay(addMonthsToDay(firstDay, -m)).slice(0, 7));
  /** @type {Map<string, number>} */
  const days = new Map(keys.map((key) => [key, 0]));
  let totalDays = 0;
  for (const entry of entries) {
    if (!entry.billable) continue;
    totalDays += entry.days;
    const key = formatDay(entry.day).slice(0, 7);
    if (days.has(key)) days.set(key, /** @type {number} */ (days.get(key)) + entry.days);
  }
  const months = keys.map((month) => {
    const worked = round2(/** @type {number} */ (days.get(month)));
    const amount = rate === null ? null : round2(worked * rate);
    return { month, days: worked, amount, overAlert: alertAmount !== null && amount !== null && amount >= alertAmount };
  });
  const recent = months.slice(-2).filter((month) => month.overAlert);
  return {
    months,
    dailyRate: rate,
    alertAmount,
    alertMonth: recent.length > 0 ? recent[recent.length - 1].month : null,
    totalDays: round2(totalDays),
    totalAmount: rate === null ? null : round2(totalDays * rate)
  };
}

/**
 * What "Log effort" on an incident writes: the Effort_Entry__c to create and the incident's new Effort_Days__c (its
 * effort so far plus these days, so that the incident shows the work logged on it). The entry goes under the
 * incident's contract; an incident out of coverage has none, and its work goes under the account's contract that
 * last started on or before the work day and is not a Draft (else the latest-starting non-Draft one): the contract
 * the work would be billed under. Work on a day that contract does not cover then counts as effort out of coverage.
 * @param {Object} input
 * @param {Incident} input.incident reads id, accountId, contractId, category, effortDays
 * @param {Contract[]} input.contracts the account's contracts
 * @param {string} input.workDate 'YYYY-MM-DD'
 * @param {number} input.days man-days worked, > 0
 * @param {string|null} [input.kind] one of EFFORT_KINDS; default the incident's category
 * @param {boolean} [input.billable] default true
 * @param {string|null} [input.description]
 * @returns {{ contractId: string, entry: Record<string, string|number|boolean|null>,
 *   incident: { Id: string, Effort_Days__c: number } }}
 * @throws {RangeError} when the account has no contract to log the work under
 */
export function effortLogFields(input) {
  const fn = 'effortLogFields';
  const args = objectArg(input, fn, 'input');
  const incident = /** @type {Incident} */ (objectArg(args.incident, fn, 'incident'));
  const day = dayNumber(args.workDate, fn, 'workDate');
  const days = nonNegativeNumber(args.days, fn, 'days');
  if (days <= 0) {
    throw new RangeError(`${fn}: days must be more than 0, got ${days}`);
  }
  const kind = args.kind ?? incident.category ?? 'Corrective';
  if (!EFFORT_KINDS.includes(kind)) {
    throw new RangeError(`${fn}: kind must be one of ${EFFORT_KINDS.join(', ')}, got ${describe(kind)}`);
  }
  const plans = arrayArg(args.contracts, fn, 'contracts').map((contract, i) =>
    compileContract(contract, [], fn, `contracts[${i}]`)
  );
  const signed = plans.filter((plan) => plan.contract.status !== 'Draft');
  const byStart = (/** @type {ContractPlan} */ a, /** @type {ContractPlan} */ b) => b.start - a.start;
  const contract =
    plans.find((plan) => incident.contractId && plan.contract.id === incident.contractId)?.contract ??
    (signed.filter((plan) => plan.start <= day).sort(byStart)[0] ?? [...signed].sort(byStart)[0])?.contract;
  if (!contract || !contract.id) {
    throw new RangeError(`${fn}: the account has no signed contract to log this effort under`);
  }
  return {
    contractId: contract.id,
    entry: {
      Contract__c: contract.id,
      Account__c: incident.accountId ?? contract.accountId ?? null,
      Incident__c: incident.id ?? null,
      Work_Date__c: formatDay(day),
      Days__c: round2(days),
      Kind__c: kind,
      Billable__c: args.billable !== false,
      Description__c: args.description ?? null
    },
    incident: { Id: String(incident.id), Effort_Days__c: round2((incident.effortDays ?? 0) + days) }
  };
}

/**
 * The account's last daily rate on a day: the Daily_Rate__c of the latest-starting non-Draft contract that started
 * on or before it and has one; else of any contract that has one, the latest-starting first.
 * @param {ContractPlan[]} plans
 * @param {number} day
 * @returns {number|null}
 */
function lastDailyRate(plans, day) {
  const rated = plans.filter((plan) => typeof plan.contract.dailyRate === 'number');
  const byStart = (/** @type {ContractPlan} */ a, /** @type {ContractPlan} */ b) => b.start - a.start;
  const current = rated.filter((plan) => plan.contract.status !== 'Draft' && plan.start <= day).sort(byStart)[0];
  const fallback = [...rated].sort(byStart)[0];
  return (current ?? fallback)?.contract.dailyRate ?? null;
}

/**
 * Effort worked on days nothing covered the account (coverageTimeline's rules: not covered by a Signed, Active or
 * Expired contract's term nor by a warranty), whatever contract it was logged on: counted, and priced at the
 * account's last daily rate on the day of the work (billable entries only). "1.5 days worked out of coverage
 * (EUR 975)".
 * @param {Object} input
 * @param {Contract[]} input.contracts the account's contracts
 * @param {Amendment[]} [input.amendments]
 * @param {Checklist[]} [input.checklists]
 * @param {Transition[]} [input.transitions]
 * @param {EffortEntry[]} input.entries the account's effort entries
 * @returns {{ days: number, billableDays: number, amount: number, unpricedDays: number,
 *   entries: { entry: EffortEntry, dailyRate: number|null }[] }}
 */
export function effortOutOfCoverage(input) {
  const fn = 'effortOutOfCoverage';
  const args = objectArg(input, fn, 'input');
  const entries = effortEntries(args.entries, fn);
  const empty = { days: 0, billableDays: 0, amount: 0, unpricedDays: 0, entries: [] };
  if (entries.length === 0) {
    coverageSources(args, 0, fn);
    return empty;
  }
  const first = Math.min(...entries.map((entry) => entry.day));
  const last = Math.max(...entries.map((entry) => entry.day));
  const collected = coverageSources(args, last, fn);
  const runs = coverageRuns(collected, first, last);
  let days = 0;
  let billableDays = 0;
  let amount = 0;
  let unpricedDays = 0;
  /** @type {{ entry: EffortEntry, dailyRate: number|null }[]} */
  const outside = [];
  for (const item of entries) {
    const run = runs.find((candidate) => candidate.start <= item.day && item.day <= candidate.end);
    if (!run || run.kind === 'covered') continue;
    const rate = lastDailyRate(collected.plans, item.day);
    days += item.days;
    if (item.billable) {
      billableDays += item.days;
      if (rate === null) unpricedDays += item.days;
      else amount += item.days * rate;
    }
    outside.push({ entry: item.entry, dailyRate: rate });
  }
  return {
    days: round2(days),
    billableDays: round2(billableDays),
    amount: round2(amount),
    unpricedDays: round2(unpricedDays),
    entries: outside
  };
}
