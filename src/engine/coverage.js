// @ts-check
// Part of the engine (src/engine/index.js), bundled by npm run build:engine.
import {
  COVERAGE_HORIZON_DAYS,
  COVERING_STATUSES,
  DEFAULT_NOTICE_PERIOD_DAYS,
  NOTICE_ALERT_DAYS
} from './constants.js';
import { arrayArg, describe, instantMs, nonNegativeNumber, objectArg } from './checks.js';
import { dayNumber, formatDay, optionalDayNumber } from './days.js';
import { localDayOfZone, zoneFor } from './timeZones.js';
import { amendmentList, compileContract, contractDays, coverPeriods, noticeOn } from './contractTerms.js';
/** @typedef {import('./types.js').Amendment} Amendment */
/** @typedef {import('./types.js').Checklist} Checklist */
/** @typedef {import('./types.js').Contract} Contract */
/** @typedef {import('./types.js').CoverageAlert} CoverageAlert */
/** @typedef {import('./types.js').CoverageSegment} CoverageSegment */
/** @typedef {import('./types.js').Transition} Transition */
/** @typedef {import('./contractTerms.js').ContractPlan} ContractPlan */

// ---------------------------------------------------------------------------------------------------------------------
// Coverage
// ---------------------------------------------------------------------------------------------------------------------

/**
 * Whether a Signed or Active contract covers a day, tacit renewals and its amendments counted.
 * @param {ContractPlan} plan
 * @param {number} day
 * @param {string} fn
 */
function planCovers(plan, day, fn) {
  if (!plan.covering || day < plan.start) return false;
  if (!plan.renews && plan.amendments.length === 0) return day <= plan.end;
  return coverPeriods(plan, day, fn).some((period) => period.start <= day && day <= period.end);
}

/**
 * @param {Contract} contract
 * @param {number} day
 * @param {string} fn
 * @param {string} name
 */
export function contractCovers(contract, day, fn, name) {
  return planCovers(compileContract(contract, [], fn, name), day, fn);
}

/**
 * The contract covering a day (start and end days inclusive, tacit renewals and amendments counted), or null:
 * only Signed and Active contracts cover today's incidents. When several cover it, the one that started last wins
 * (a renewal overlapping its predecessor takes the new incidents), then the one ending last, then the smallest id:
 * the choice does not depend on the order of `contracts`.
 * @param {Object} input
 * @param {Contract[]} input.contracts
 * @param {Amendment[]} [input.amendments] amendments of these contracts, by contractId
 * @param {Date|string} input.at an instant (its local day in each contract's time zone, else `timeZone`) or a day
 * @param {string} [input.timeZone] zone for instants when a contract sets none; default UTC
 * @returns {Contract|null}
 */
export function coveringContract(input) {
  const fn = 'coveringContract';
  const args = objectArg(input, fn, 'input');
  const fallbackZone = args.timeZone ?? 'UTC';
  const amendments = amendmentList(args.amendments, fn, 'amendments');
  return pickCoveringContract(args.contracts, args.at, (contract) => contract.timeZone || fallbackZone, fn, amendments);
}

/**
 * @param {unknown} list
 * @param {unknown} at Date or day string
 * @param {(contract: Contract) => string} zoneOf the zone in which an instant's day is read for this contract
 * @param {string} fn
 * @param {Amendment[]} [amendments]
 * @returns {Contract|null}
 */
export function pickCoveringContract(list, at, zoneOf, fn, amendments = []) {
  const contracts = arrayArg(list, fn, 'contracts');
  const atMs = at instanceof Date ? instantMs(at, fn, 'at') : null;
  const atDay = atMs === null ? dayNumber(at, fn, 'at') : null;
  /** @type {Contract|null} */
  let best = null;
  contracts.forEach((candidate, i) => {
    const contract = /** @type {Contract} */ (objectArg(candidate, fn, `contracts[${i}]`));
    const day =
      atDay ?? localDayOfZone(zoneFor(zoneOf(contract), fn, `contracts[${i}].timeZone`), /** @type {number} */ (atMs));
    if (!COVERING_STATUSES.includes(contract.status)) {
      contractDays(contract, fn, `contracts[${i}]`);
      return;
    }
    const plan = compileContract(contract, amendments, fn, `contracts[${i}]`);
    if (planCovers(plan, day, fn) && (best === null || preferContract(contract, best))) {
      best = contract;
    }
  });
  return best;
}

/**
 * @param {Contract} a
 * @param {Contract} b
 * @returns {boolean} a is preferred over b
 */
function preferContract(a, b) {
  if (a.startDate !== b.startDate) return a.startDate > b.startDate;
  if (a.endDate !== b.endDate) return a.endDate > b.endDate;
  return String(a.id ?? '') < String(b.id ?? '');
}

/**
 * @typedef {Object} CoverageSources
 * @property {{ id: string, kind: 'contract'|'warranty', start: number, end: number, renewal: number }[]} sources
 * @property {number} anchor the first day maintenance is due (Infinity when nothing says)
 * @property {number|null} firstGoLive the earliest go-live of the checklists and transitions
 * @property {ContractPlan[]} plans
 */

/**
 * What covers an account, up to `until`: the cover periods of its contracts (coverPeriods) and the warranties of its
 * handover checklists and transitions (go-live, or the warranty end alone when go-live is blank, to warranty end).
 * A transition linked to one of the checklists given counts once, through its checklist. The anchor is the earliest
 * day a non-Draft contract starts or an application goes live: a day before it is pre-coverage, not a gap.
 * @param {Record<string, any>} args coverageTimeline's input
 * @param {number} until
 * @param {string} fn
 * @param {string|null} [skipContractId] a contract to leave out (a transition's own successor)
 * @returns {CoverageSources}
 */
export function coverageSources(args, until, fn, skipContractId = null) {
  const contracts = arrayArg(args.contracts, fn, 'contracts');
  const amendments = amendmentList(args.amendments, fn, 'amendments');
  const checklists =
    args.checklists === undefined || args.checklists === null ? [] : arrayArg(args.checklists, fn, 'checklists');
  const transitions =
    args.transitions === undefined || args.transitions === null ? [] : arrayArg(args.transitions, fn, 'transitions');
  /** @type {CoverageSources['sources']} */
  const sources = [];
  /** @type {ContractPlan[]} */
  const plans = [];
  let anchor = Number.POSITIVE_INFINITY;
  /** @type {number|null} */
  let firstGoLive = null;
  contracts.forEach((candidate, i) => {
    const plan = compileContract(candidate, amendments, fn, `contracts[${i}]`);
    plans.push(plan);
    if (plan.contract.status === 'Draft' || (skipContractId !== null && plan.contract.id === skipContractId)) {
      return;
    }
    anchor = Math.min(anchor, plan.start);
    for (const period of coverPeriods(plan, until, fn)) {
      sources.push({ id: plan.id, kind: 'contract', start: period.start, end: period.end, renewal: period.renewal });
    }
  });
  const checklistIds = new Set(checklists.map((checklist) => checklist?.id).filter(Boolean));
  /** @param {Record<string, any>} record @param {string} name */
  const addWarranty = (record, name) => {
    const end = optionalDayNumber(record.warrantyEndDate, fn, `${name}.warrantyEndDate`);
    const goLive = optionalDayNumber(record.goLiveDate, fn, `${name}.goLiveDate`);
    if (goLive !== null) {
      firstGoLive = firstGoLive === null ? goLive : Math.min(firstGoLive, goLive);
    }
    if (end === null) {
      // Live without a warranty: maintenance is due from go-live, and nothing covers it yet.
      if (goLive !== null) anchor = Math.min(anchor, goLive);
      return;
    }
    const start = goLive ?? end;
    if (end < start) {
      throw new RangeError(`${fn}: ${name}.warrantyEndDate is before its goLiveDate`);
    }
    anchor = Math.min(anchor, start);
    sources.push({ id: String(record.id ?? name), kind: 'warranty', start, end, renewal: 0 });
  };
  checklists.forEach((candidate, i) => addWarranty(objectArg(candidate, fn, `checklists[${i}]`), `checklists[${i}]`));
  transitions.forEach((candidate, i) => {
    const transition = objectArg(candidate, fn, `transitions[${i}]`);
    if (!transition.handoverChecklistId || !checklistIds.has(transition.handoverChecklistId)) {
      addWarranty(transition, `transitions[${i}]`);
    }
  });
  return { sources, anchor, firstGoLive, plans };
}

/**
 * @typedef {Object} CoverageRun
 * @property {number} start
 * @property {number} end
 * @property {CoverageSegment['kind']} kind
 * @property {string[]} ids
 */

/**
 * Consecutive days with the same kind and the same sources, over [from, to].
 * @param {CoverageSources} collected
 * @param {number} from
 * @param {number} to
 * @returns {CoverageRun[]}
 */
export function coverageRuns(collected, from, to) {
  const { sources, anchor } = collected;
  // Coverage can only change on these days, so one look per stretch between them is enough.
  const changes = new Set([from, to + 1]);
  for (const source of sources) {
    changes.add(source.start);
    changes.add(source.end + 1);
  }
  if (Number.isFinite(anchor)) changes.add(anchor);
  const points = [...changes].filter((day) => day >= from && day <= to + 1).sort((a, b) => a - b);
  /** @type {(CoverageRun & { key: string })[]} */
  const runs = [];
  for (let p = 0; p < points.length - 1; p += 1) {
    const start = points[p];
    const end = points[p + 1] - 1;
    const ids = [
      ...new Set(sources.filter((source) => source.start <= start && start <= source.end).map((source) => source.id))
    ].sort();
    /** @type {CoverageSegment['kind']} */
    const kind = ids.length > 0 ? 'covered' : start >= anchor ? 'gap' : 'pre-coverage';
    const key = `${kind}|${ids.join('\u0000')}`;
    const previous = runs[runs.length - 1];
    if (previous && previous.key === key) previous.end = end;
    else runs.push({ start, end, kind, ids, key });
  }
  return runs;
}

/**
 * @param {unknown} value
 * @param {string} fn
 * @returns {number}
 */
function horizonArg(value, fn) {
  if (typeof value !== 'number') {
    throw new TypeError(`${fn}: horizonDays must be a number, got ${describe(value)}`);
  }
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${fn}: horizonDays must be a whole number >= 0, got ${value}`);
  }
  return value;
}

/**
 * Coverage of an account over [today, today + horizonDays] (both inclusive).
 *
 * Sources: Signed and Active contracts from their start date to their end date as amended (an amendment changing the
 * end date applies from its effective date), then term by term while they renew tacitly (Tacit_Renewal__c: every
 * Renewal_Term_Months__c, until notice given on or before a term's notice deadline ends the contract with that term,
 * or Max_Renewals__c renewals); Expired contracts over their own term; handover checklists' and transitions'
 * warranty (goLiveDate, or the warranty end alone when go-live is blank, .. warrantyEndDate inclusive). Draft,
 * Suspended and Terminated contracts never cover; non-Draft ones still mark when maintenance began (an expired
 * contract leaves a gap behind it), and so does the go-live of a checklist or transition without warranty end. A
 * gap is a day no source covers, counted from the earliest day any source (or non-Draft contract) starts; earlier
 * days are `pre-coverage`. The segments partition the horizon: consecutive days with the same kind and sources.
 *
 * Alerts, for Signed and Active contracts, on the term in force today (see noticeStatus): `notice` when its notice
 * deadline is 0-90 days away, with the 90/60/30/0 milestone reached; `notice-passed` from the day after the deadline
 * to the end of the term, with the day it renews until or the day it ends (notice given in time raises neither).
 * Then `coverage-end` on the last covered day before a gap, and `gap` on the first day of each gap. Sorted by date.
 * @param {Object} input
 * @param {Contract[]} input.contracts
 * @param {Amendment[]} [input.amendments] amendments of these contracts, by contractId
 * @param {Checklist[]} [input.checklists]
 * @param {Transition[]} [input.transitions]
 * @param {string} input.today 'YYYY-MM-DD'
 * @param {number} input.horizonDays whole days >= 0 (the tab looks COVERAGE_HORIZON_DAYS ahead)
 * @returns {{ coveredToday: boolean, firstGapStart: string|null, segments: CoverageSegment[], alerts: CoverageAlert[] }}
 */
export function coverageTimeline(input) {
  const fn = 'coverageTimeline';
  const args = objectArg(input, fn, 'input');
  const today = dayNumber(args.today, fn, 'today');
  const last = today + horizonArg(args.horizonDays, fn);
  const collected = coverageSources(args, last, fn);
  const runs = coverageRuns(collected, today, last);
  const { sources } = collected;

  /** @type {CoverageAlert[]} */
  const alerts = [];
  for (const plan of collected.plans) {
    if (!plan.covering) continue;
    const status = noticeOn(plan, today, fn);
    const { term } = status;
    const daysLeft = term.deadline - today;
    const noticeInTime = status.noticeGiven !== null && status.noticeGiven <= term.deadline;
    if (noticeInTime) continue;
    if (daysLeft >= 0 && daysLeft <= NOTICE_ALERT_DAYS[0]) {
      const threshold = [...NOTICE_ALERT_DAYS].sort((a, b) => a - b).find((milestone) => daysLeft <= milestone);
      alerts.push({
        kind: 'notice',
        date: formatDay(term.deadline),
        sourceId: plan.contract.id ?? null,
        daysLeft,
        threshold: /** @type {number} */ (threshold)
      });
    } else if (daysLeft < 0 && today <= term.end) {
      alerts.push({
        kind: 'notice-passed',
        date: formatDay(term.deadline),
        sourceId: plan.contract.id ?? null,
        daysLeft,
        renewsUntil: status.next ? formatDay(status.next.end) : null,
        endsOn: status.next ? null : formatDay(term.end)
      });
    }
  }
  runs.forEach((run, r) => {
    if (run.kind !== 'gap') return;
    const previous = runs[r - 1];
    if (previous && previous.kind === 'covered') {
      const ending = [...new Set(sources.filter((source) => source.end === previous.end).map((source) => source.id))];
      alerts.push({
        kind: 'coverage-end',
        date: formatDay(previous.end),
        sourceId: ending.sort()[0] ?? null,
        daysLeft: previous.end - today
      });
    }
    const before = sources
      .filter((source) => source.end < run.start)
      .sort((a, b) => b.end - a.end || (a.id < b.id ? -1 : 1));
    alerts.push({
      kind: 'gap',
      date: formatDay(run.start),
      sourceId: before[0]?.id ?? null,
      daysLeft: run.start - today
    });
  });
  /** @type {Record<CoverageAlert['kind'], number>} */
  const kindOrder = { 'notice-passed': 0, notice: 1, 'coverage-end': 2, gap: 3 };
  alerts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : kindOrder[a.kind] - kindOrder[b.kind]));

  const firstGap = runs.find((run) => run.kind === 'gap');
  return {
    coveredToday: runs.length > 0 && runs[0].kind === 'covered',
    firstGapStart: firstGap ? formatDay(firstGap.start) : null,
    segments: runs.map((run) => ({
      start: formatDay(run.start),
      end: formatDay(run.end),
      kind: run.kind,
      sourceIds: run.ids
    })),
    alerts
  };
}

/**
 * @typedef {Object} CoverageSummary
 * @property {'none'|'pre-coverage'|'covered'|'gap-ahead'|'in-gap'} kind `none`: nothing signed and no go-live;
 *   `pre-coverage`: before the first go-live (or the first contract start); `gap-ahead`: covered today, a gap within
 *   the horizon; `in-gap`: today is a gap day
 * @property {boolean} coveredToday
 * @property {string|null} coveredUntil gap-ahead: the last covered day before the gap (null when covered throughout)
 * @property {string|null} gapStart the first gap day within the horizon (today when in-gap)
 * @property {string|null} gapEnd the last day of that gap, null when it lasts beyond the horizon
 * @property {string|null} inGapSince in-gap: the first day of the gap today belongs to
 * @property {string|null} coverageStartsOn pre-coverage or in-gap: the next covered day within the horizon
 * @property {string|null} goLiveDate pre-coverage: the go-live that starts maintenance, when it is what starts it
 * @property {string} horizonEnd today + horizonDays
 * @property {{ id: string|null, name: string|null, startDate: string }[]} draftContracts Draft contracts that would
 *   cover days of the horizon once signed: the reason a gap is not closed yet
 */

/**
 * What the account's coverage is today, in one answer for the banner of the tab, the report and the account list:
 * the same rules as coverageTimeline, over [today, today + horizonDays], and back to when the gap of today began.
 * @param {Object} input
 * @param {Contract[]} input.contracts
 * @param {Amendment[]} [input.amendments]
 * @param {Checklist[]} [input.checklists]
 * @param {Transition[]} [input.transitions]
 * @param {string} input.today 'YYYY-MM-DD'
 * @param {number} [input.horizonDays] default COVERAGE_HORIZON_DAYS
 * @returns {CoverageSummary}
 */
export function coverageSummary(input) {
  const fn = 'coverageSummary';
  const args = objectArg(input, fn, 'input');
  const today = dayNumber(args.today, fn, 'today');
  const last = today + horizonArg(args.horizonDays ?? COVERAGE_HORIZON_DAYS, fn);
  const collected = coverageSources(args, last, fn);
  const from = Number.isFinite(collected.anchor) ? Math.min(collected.anchor, today) : today;
  const runs = coverageRuns(collected, from, last);
  const todayRun = /** @type {CoverageRun} */ (runs.find((run) => run.start <= today && today <= run.end));
  const ahead = runs.filter((run) => run.end >= today);
  const gap = ahead.find((run) => run.kind === 'gap');
  const nextCovered = ahead.find((run) => run.kind === 'covered' && run.start > today);
  /** @type {CoverageSummary['kind']} */
  let kind;
  if (todayRun.kind === 'covered') kind = gap ? 'gap-ahead' : 'covered';
  else if (todayRun.kind === 'gap') kind = 'in-gap';
  else kind = Number.isFinite(collected.anchor) ? 'pre-coverage' : 'none';
  const gapStart = gap ? Math.max(gap.start, today) : null;
  const coveredBeforeGap = gap ? runs[runs.indexOf(gap) - 1] : undefined;
  const draftContracts = collected.plans
    .filter((plan) => plan.contract.status === 'Draft' && plan.start <= last && plan.end >= today)
    .sort((a, b) => a.start - b.start)
    .map((plan) => ({
      id: plan.contract.id ?? null,
      name: plan.contract.name ?? null,
      startDate: formatDay(plan.start)
    }));
  const goLive = collected.firstGoLive;
  return {
    kind,
    coveredToday: todayRun.kind === 'covered',
    coveredUntil: todayRun.kind === 'covered' && coveredBeforeGap ? formatDay(coveredBeforeGap.end) : null,
    gapStart: gapStart === null ? null : formatDay(gapStart),
    gapEnd: gap && gap.end < last ? formatDay(gap.end) : null,
    inGapSince: todayRun.kind === 'gap' ? formatDay(todayRun.start) : null,
    coverageStartsOn: todayRun.kind !== 'covered' && nextCovered ? formatDay(nextCovered.start) : null,
    goLiveDate: kind === 'pre-coverage' && goLive !== null && goLive === collected.anchor ? formatDay(goLive) : null,
    horizonEnd: formatDay(last),
    draftContracts
  };
}

/**
 * The notice deadline of a contract's initial term: noticeDeadline when set, else endDate minus noticePeriodDays
 * (default 90), as the Notice_Deadline__c formula computes it. noticeStatus gives the deadline of the term in force.
 * @param {Contract} contract
 * @returns {string} 'YYYY-MM-DD'
 */
export function noticeDeadline(contract) {
  objectArg(contract, 'noticeDeadline', 'contract');
  const explicit = optionalDayNumber(contract.noticeDeadline, 'noticeDeadline', 'contract.noticeDeadline');
  if (explicit !== null) {
    return formatDay(explicit);
  }
  const period = contract.noticePeriodDays ?? DEFAULT_NOTICE_PERIOD_DAYS;
  nonNegativeNumber(period, 'noticeDeadline', 'contract.noticePeriodDays');
  return formatDay(dayNumber(contract.endDate, 'noticeDeadline', 'contract.endDate') - Math.round(period));
}
