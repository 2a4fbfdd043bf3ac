// @ts-check
// Part of the engine (src/engine/index.js), bundled by npm run build:engine.
import {
  CONTRACT_STATUSES,
  COVERING_STATUSES,
  DEFAULT_NOTICE_PERIOD_DAYS,
  DEFAULT_RENEWAL_TERM_MONTHS
} from './constants.js';
import { arrayArg, describe, nonNegativeNumber, objectArg, round2 } from './checks.js';
import { addMonthsToDay, dayNumber, formatDay, optionalDayNumber } from './days.js';
/** @typedef {import('./types.js').Amendment} Amendment */
/** @typedef {import('./types.js').Contract} Contract */

// ---------------------------------------------------------------------------------------------------------------------
// Contract terms: amendments, tacit renewals, notice
// ---------------------------------------------------------------------------------------------------------------------

/** Average month length in days (365.25 / 12), to turn daily rates into monthly ones. */
export const AVERAGE_MONTH_DAYS = 30.4375;
/** Renewals generated at most per contract: beyond, the horizon asked for is absurd (a 1-month term over 800 years). */
const MAX_GENERATED_RENEWALS = 10000;

/**
 * @typedef {Object} CompiledAmendment
 * @property {number} effective day number
 * @property {number|null} budgetDaysChange
 * @property {number|null} monthlyFee
 * @property {number|null} end day number
 * @property {Amendment} source
 */

/**
 * A contract and its amendments, checked once and in the form the term rules work on.
 * @typedef {Object} ContractPlan
 * @property {Contract} contract
 * @property {string} id
 * @property {number} start
 * @property {number} end the initial end day, before amendments
 * @property {boolean} covering Signed or Active
 * @property {boolean} renews tacit renewal applies (a covering contract with Tacit_Renewal__c)
 * @property {number} termMonths
 * @property {number} maxRenewals Infinity when unlimited
 * @property {number|null} noticeGiven day number
 * @property {number} noticePeriod days
 * @property {number|null} explicitDeadline the record's Notice_Deadline__c (initial term)
 * @property {CompiledAmendment[]} amendments in the order they apply
 */

/**
 * @param {Contract} contract
 * @param {string} fn
 * @param {string} name
 * @returns {[number, number]}
 */
export function contractDays(contract, fn, name) {
  const start = dayNumber(contract.startDate, fn, `${name}.startDate`);
  const end = dayNumber(contract.endDate, fn, `${name}.endDate`);
  if (end < start) {
    throw new RangeError(`${fn}: ${name}.endDate is before ${name}.startDate`);
  }
  return [start, end];
}

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {string} name
 * @returns {Amendment[]}
 */
export function amendmentList(value, fn, name) {
  return value === undefined || value === null ? [] : arrayArg(value, fn, name);
}

/**
 * Checks a contract and the amendments of it (those whose contractId is blank or the contract's id) and puts them in
 * the order they apply: effective date, then name, then id.
 * @param {unknown} candidate
 * @param {Amendment[]} amendments
 * @param {string} fn
 * @param {string} name
 * @returns {ContractPlan}
 */
export function compileContract(candidate, amendments, fn, name) {
  const contract = /** @type {Contract} */ (objectArg(candidate, fn, name));
  if (!CONTRACT_STATUSES.includes(contract.status)) {
    throw new RangeError(
      `${fn}: ${name}.status must be one of ${CONTRACT_STATUSES.join(', ')}, got ${describe(contract.status)}`
    );
  }
  const [start, end] = contractDays(contract, fn, name);
  const termMonths = contract.renewalTermMonths ?? DEFAULT_RENEWAL_TERM_MONTHS;
  if (typeof termMonths !== 'number' || !Number.isInteger(termMonths) || termMonths < 1) {
    throw new RangeError(`${fn}: ${name}.renewalTermMonths must be a whole number >= 1, got ${describe(termMonths)}`);
  }
  const maxRenewals = contract.maxRenewals ?? null;
  if (maxRenewals !== null && (typeof maxRenewals !== 'number' || !Number.isInteger(maxRenewals) || maxRenewals < 0)) {
    throw new RangeError(`${fn}: ${name}.maxRenewals must be a whole number >= 0, got ${describe(maxRenewals)}`);
  }
  const noticePeriod = contract.noticePeriodDays ?? DEFAULT_NOTICE_PERIOD_DAYS;
  nonNegativeNumber(noticePeriod, fn, `${name}.noticePeriodDays`);
  const id = String(contract.id ?? name);
  /** @type {CompiledAmendment[]} */
  const compiled = [];
  amendments.forEach((item, i) => {
    const where = `${name}.amendments[${i}]`;
    const amendment = /** @type {Amendment} */ (objectArg(item, fn, where));
    if (amendment.contractId !== undefined && amendment.contractId !== null && amendment.contractId !== contract.id) {
      return;
    }
    const change = amendment.budgetDaysChange ?? null;
    if (change !== null && (typeof change !== 'number' || !Number.isFinite(change))) {
      throw new TypeError(`${fn}: ${where}.budgetDaysChange must be a finite number, got ${describe(change)}`);
    }
    const fee = amendment.newMonthlyFee ?? null;
    if (fee !== null) nonNegativeNumber(fee, fn, `${where}.newMonthlyFee`);
    const newEnd = optionalDayNumber(amendment.newEndDate, fn, `${where}.newEndDate`);
    if (newEnd !== null && newEnd < start) {
      throw new RangeError(`${fn}: ${where}.newEndDate is before the contract's startDate`);
    }
    compiled.push({
      effective: dayNumber(amendment.effectiveDate, fn, `${where}.effectiveDate`),
      budgetDaysChange: change,
      monthlyFee: fee,
      end: newEnd,
      source: amendment
    });
  });
  compiled.sort(
    (a, b) =>
      a.effective - b.effective ||
      String(a.source.name ?? '').localeCompare(String(b.source.name ?? '')) ||
      String(a.source.id ?? '').localeCompare(String(b.source.id ?? ''))
  );
  return {
    contract,
    id,
    start,
    end,
    covering: COVERING_STATUSES.includes(contract.status),
    renews: COVERING_STATUSES.includes(contract.status) && contract.tacitRenewal === true,
    termMonths,
    maxRenewals: maxRenewals ?? Number.POSITIVE_INFINITY,
    noticeGiven: optionalDayNumber(contract.noticeGivenOn, fn, `${name}.noticeGivenOn`),
    noticePeriod: Math.round(noticePeriod),
    explicitDeadline: optionalDayNumber(contract.noticeDeadline, fn, `${name}.noticeDeadline`),
    amendments: compiled
  };
}

/**
 * The terms in force on a day: the contract's own, changed by every amendment effective on or before it, in order.
 * @param {ContractPlan} plan
 * @param {number|null} day null: every amendment
 * @param {string} fn
 * @returns {{ end: number, budgetDays: number|null, monthlyFee: number|null, applied: Amendment[] }}
 */
export function termsOn(plan, day, fn) {
  let end = plan.end;
  let budgetDays = plan.contract.budgetDays ?? null;
  if (budgetDays !== null) nonNegativeNumber(budgetDays, fn, 'contract.budgetDays');
  let monthlyFee = plan.contract.monthlyFee ?? null;
  /** @type {Amendment[]} */
  const applied = [];
  for (const amendment of plan.amendments) {
    if (day !== null && amendment.effective > day) break;
    if (amendment.budgetDaysChange !== null) budgetDays = round2((budgetDays ?? 0) + amendment.budgetDaysChange);
    if (amendment.monthlyFee !== null) monthlyFee = amendment.monthlyFee;
    if (amendment.end !== null) end = amendment.end;
    applied.push(amendment.source);
  }
  if (budgetDays !== null && budgetDays < 0) {
    throw new RangeError(`${fn}: the amendments of ${plan.id} take its budget below 0 days`);
  }
  return { end, budgetDays, monthlyFee, applied };
}

/**
 * The terms of a contract whose initial term ends on `end`: the initial one, then one per tacit renewal until notice
 * stops it (notice given on or before a term's deadline ends the contract with that term), renewals run out, or a
 * term reaches `until`.
 * @param {ContractPlan} plan
 * @param {number} end the initial term's end, as amended
 * @param {number} until last day of interest
 * @returns {{ start: number, end: number, renewal: number, deadline: number }[]}
 */
function termChain(plan, end, until) {
  const initialDeadline =
    plan.explicitDeadline !== null && end === plan.end ? plan.explicitDeadline : end - plan.noticePeriod;
  const terms = [{ start: plan.start, end, renewal: 0, deadline: initialDeadline }];
  if (!plan.renews) return terms;
  const anchor = end + 1;
  for (let k = 1; k <= plan.maxRenewals && k <= MAX_GENERATED_RENEWALS; k += 1) {
    const previous = terms[terms.length - 1];
    if (previous.end >= until || (plan.noticeGiven !== null && plan.noticeGiven <= previous.deadline)) break;
    const termEnd = addMonthsToDay(anchor, k * plan.termMonths) - 1;
    terms.push({
      start: addMonthsToDay(anchor, (k - 1) * plan.termMonths),
      end: termEnd,
      renewal: k,
      deadline: termEnd - plan.noticePeriod
    });
  }
  return terms;
}

/**
 * The days a contract covers up to `until`, as periods: nothing unless Signed, Active or Expired; an Expired contract
 * covered its own term (as amended) and no renewal. An amendment changing the end date applies from its effective
 * date: the days before it follow the earlier end.
 * @param {ContractPlan} plan
 * @param {number} until
 * @param {string} fn
 * @returns {{ start: number, end: number, renewal: number }[]} in date order, adjacent parts of one term merged
 */
export function coverPeriods(plan, until, fn) {
  const expired = plan.contract.status === 'Expired';
  if (!plan.covering && !expired) return [];
  const changes = plan.amendments.filter((amendment) => amendment.end !== null).map((a) => a.effective);
  const bounds = [Number.NEGATIVE_INFINITY, ...new Set(changes)].sort((a, b) => a - b);
  /** @type {{ start: number, end: number, renewal: number }[]} */
  const periods = [];
  bounds.forEach((from, b) => {
    const to = Math.min(b + 1 < bounds.length ? bounds[b + 1] - 1 : until, until);
    const pieceStart = Math.max(from, plan.start);
    if (pieceStart > to) return;
    const { end } = termsOn(plan, from === Number.NEGATIVE_INFINITY ? plan.start : from, fn);
    const terms = expired ? [{ start: plan.start, end, renewal: 0 }] : termChain(plan, end, to);
    for (const term of terms) {
      const start = Math.max(term.start, pieceStart);
      const stop = Math.min(term.end, to);
      if (start > stop) continue;
      const last = periods[periods.length - 1];
      if (last && last.end + 1 === start && last.renewal === term.renewal) last.end = stop;
      else periods.push({ start, end: stop, renewal: term.renewal });
    }
  });
  return periods;
}

/**
 * The terms of a contract in force on a day, with every amendment effective on or before that day applied in order
 * (effective date, then name): budget changes add up, a new monthly fee or end date replaces the previous one.
 * @param {Object} input
 * @param {Contract} input.contract
 * @param {Amendment[]} [input.amendments] the contract's amendments (others, by contractId, are ignored)
 * @param {string|null} [input.on] 'YYYY-MM-DD'; null or absent: every amendment, whatever its effective date
 * @returns {{ startDate: string, endDate: string, budgetDays: number|null, monthlyFee: number|null,
 *   dailyRate: number|null, applied: Amendment[] }}
 */
export function effectiveTerms(input) {
  const fn = 'effectiveTerms';
  const args = objectArg(input, fn, 'input');
  const plan = compileContract(args.contract, amendmentList(args.amendments, fn, 'amendments'), fn, 'contract');
  const on = optionalDayNumber(args.on, fn, 'on');
  const terms = termsOn(plan, on, fn);
  return {
    startDate: formatDay(plan.start),
    endDate: formatDay(terms.end),
    budgetDays: terms.budgetDays,
    monthlyFee: terms.monthlyFee,
    dailyRate: plan.contract.dailyRate ?? null,
    applied: terms.applied
  };
}

/**
 * The periods a contract covers up to a day: its term as amended, then its tacit renewals (see coverageTimeline).
 * `renewal` is 0 for the initial term and k for the k-th renewal, so a timeline can draw renewals differently.
 * @param {Object} input
 * @param {Contract} input.contract
 * @param {Amendment[]} [input.amendments]
 * @param {string} input.until 'YYYY-MM-DD', last day of interest
 * @returns {{ start: string, end: string, renewal: number }[]}
 */
export function contractCoverPeriods(input) {
  const fn = 'contractCoverPeriods';
  const args = objectArg(input, fn, 'input');
  const plan = compileContract(args.contract, amendmentList(args.amendments, fn, 'amendments'), fn, 'contract');
  const until = dayNumber(args.until, fn, 'until');
  return coverPeriods(plan, until, fn).map((period) => ({
    start: formatDay(period.start),
    end: formatDay(period.end),
    renewal: period.renewal
  }));
}

/**
 * @typedef {Object} NoticeStatus
 * @property {string} termStart first day of the term in force on the day (the first term before the start)
 * @property {string} termEnd last day of that term
 * @property {number} renewal 0 for the initial term, k for the k-th renewal
 * @property {string} deadline the last day to give notice before the term ends
 * @property {number} daysLeft days from the day to the deadline (negative once passed)
 * @property {string|null} noticeGivenOn
 * @property {boolean} renews the contract renews at the end of this term (tacit renewal, no notice in time, a
 *   renewal left)
 * @property {string|null} renewsUntil the end of the next term when it renews
 * @property {string} endsOn the last day of the term in force
 * @property {boolean} openEnded it renews, with no limit on renewals and no notice given in time
 */

/**
 * Where a contract stands with notice on a day: the term in force (tacit renewals and amendments counted), its
 * notice deadline, and what happens at its end.
 * @param {Object} input
 * @param {Contract} input.contract
 * @param {Amendment[]} [input.amendments]
 * @param {string} input.today 'YYYY-MM-DD'
 * @returns {NoticeStatus}
 */
export function noticeStatus(input) {
  const fn = 'noticeStatus';
  const args = objectArg(input, fn, 'input');
  const plan = compileContract(args.contract, amendmentList(args.amendments, fn, 'amendments'), fn, 'contract');
  return formatNoticeStatus(noticeOn(plan, dayNumber(args.today, fn, 'today'), fn));
}

/**
 * @param {ContractPlan} plan
 * @param {number} today
 * @param {string} fn
 */
export function noticeOn(plan, today, fn) {
  const { end } = termsOn(plan, today, fn);
  // One term past the one in force, to know whether it renews.
  const chain = termChain(plan, end, Math.max(today, end) + 1);
  let index = chain.findIndex((term) => term.start <= today && today <= term.end);
  if (index < 0) index = today < plan.start ? 0 : chain.length - 1;
  const term = chain[index];
  const next = chain[index + 1] ?? null;
  const unlimited = plan.renews && plan.maxRenewals === Number.POSITIVE_INFINITY;
  return {
    term,
    today,
    noticeGiven: plan.noticeGiven,
    next,
    openEnded: unlimited && (plan.noticeGiven === null || plan.noticeGiven > term.deadline) && next !== null,
    lastEnd: next === null ? term.end : null
  };
}

/** @param {ReturnType<typeof noticeOn>} status @returns {NoticeStatus} */
function formatNoticeStatus(status) {
  const { term, next } = status;
  return {
    termStart: formatDay(term.start),
    termEnd: formatDay(term.end),
    renewal: term.renewal,
    deadline: formatDay(term.deadline),
    daysLeft: term.deadline - status.today,
    noticeGivenOn: status.noticeGiven === null ? null : formatDay(status.noticeGiven),
    renews: next !== null,
    renewsUntil: next === null ? null : formatDay(next.end),
    endsOn: formatDay(term.end),
    openEnded: status.openEnded
  };
}
