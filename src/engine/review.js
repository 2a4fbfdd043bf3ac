// @ts-check
// Part of the engine (src/engine/index.js), bundled by npm run build:engine.
import { DAY_MS, PRIORITIES } from './constants.js';
import {
  arrayArg,
  describe,
  instantMs,
  nonNegativeNumber,
  objectArg,
  optionalInstantMs,
  priorityArg,
  round2
} from './checks.js';
import { addMonthsToDay, dayNumber, formatDay } from './days.js';
import { localDayOfZone, wallToInstant, zoneFor } from './timeZones.js';
import { contractCalendar } from './calendars.js';
import { clockFacts, slaStatus, stampBefore, stampedDuePassage } from './slaClocks.js';
import { amendmentList, compileContract, termsOn } from './contractTerms.js';
/** @typedef {import('./types.js').Amendment} Amendment */
/** @typedef {import('./types.js').Calendar} Calendar */
/** @typedef {import('./types.js').Contract} Contract */
/** @typedef {import('./types.js').Incident} Incident */
/** @typedef {import('./types.js').Priority} Priority */
/** @typedef {import('./timeZones.js').Zone} Zone */

// ---------------------------------------------------------------------------------------------------------------------
// Penalties and monthly review
// ---------------------------------------------------------------------------------------------------------------------

/**
 * @typedef {Object} BreachFacts
 * @property {boolean} responseBreached
 * @property {boolean} resolutionBreached
 * @property {number|null} breachMs the instant of the first breach (the due time that was missed)
 */

/**
 * Breaches of an incident judged at `atMs`: from the SLA rules when a calendar is given, else from the due times
 * stamped on the record (incident.responseDue / resolutionDue).
 * @param {Incident} incident
 * @param {Contract} contract
 * @param {Calendar|null} calendar
 * @param {number} atMs
 * @param {string} fn
 * @returns {BreachFacts}
 */
function breachFacts(incident, contract, calendar, atMs, fn) {
  if (incident.status === 'Cancelled') {
    return { responseBreached: false, resolutionBreached: false, breachMs: null };
  }
  let responseDueMs;
  let resolutionDueMs;
  let responseBreached;
  let resolutionBreached;
  if (calendar !== null) {
    const status = slaStatus({ incident, contract, calendar, now: new Date(atMs) });
    responseBreached = status.responseBreached;
    resolutionBreached = status.resolutionBreached;
    responseDueMs = status.responseDue?.getTime() ?? null;
    resolutionDueMs = status.resolutionDue?.getTime() ?? null;
  } else {
    const reportedMs = instantMs(incident.reportedAt, fn, 'incident.reportedAt');
    const respondedMs = optionalInstantMs(incident.respondedAt, fn, 'incident.respondedAt');
    const resolvedMs = optionalInstantMs(incident.resolvedAt, fn, 'incident.resolvedAt');
    responseDueMs = optionalInstantMs(incident.responseDue, fn, 'incident.responseDue');
    resolutionDueMs = optionalInstantMs(incident.resolutionDue, fn, 'incident.resolutionDue');
    const judgedAt = Math.max(reportedMs, Math.min(resolvedMs ?? atMs, atMs));
    const paused = incident.pausedSince !== undefined && incident.pausedSince !== null && resolvedMs === null;
    responseBreached =
      responseDueMs !== null &&
      (respondedMs !== null && respondedMs < judgedAt ? respondedMs : judgedAt) > responseDueMs;
    resolutionBreached = resolutionDueMs !== null && !paused && judgedAt > resolutionDueMs;
  }
  /** @type {number|null} */
  let breachMs = null;
  if (responseBreached && responseDueMs !== null) breachMs = responseDueMs;
  if (resolutionBreached && resolutionDueMs !== null && (breachMs === null || resolutionDueMs < breachMs)) {
    breachMs = resolutionDueMs;
  }
  return { responseBreached, resolutionBreached, breachMs };
}

/**
 * @param {Contract} contract
 * @param {Calendar|null} calendar
 * @param {string} fn
 * @returns {Zone}
 */
function reportingZone(contract, calendar, fn) {
  return zoneFor(contract.timeZone || calendar?.timeZone || 'UTC', fn, 'timeZone');
}

/**
 * Service credits for breached incidents between two days (inclusive), in the contract's currency.
 * Each incident whose first breach (the missed due time, response or resolution) falls in the period earns
 * penaltyRatePercent of the monthly fee; the credits of a calendar month are capped at penaltyCapPercent of the
 * monthly fee (no cap when blank). The monthly fee of a month is the one in effect on its last day within the period
 * (effectiveTerms: amendments effective by then). Months and days are those of the contract's time zone (else the calendar's, else
 * UTC). Open incidents are judged at the end of `to`; cancelled incidents never earn credits. With `calendar` the
 * breaches follow the SLA rules; without it, the due times stamped on the incidents.
 * @param {Object} input
 * @param {Incident[]} input.incidents
 * @param {Contract} input.contract reads monthlyFee, penaltyRatePercent, penaltyCapPercent, sla, timeZone
 * @param {string} input.from 'YYYY-MM-DD'
 * @param {string} input.to 'YYYY-MM-DD', not before from
 * @param {Calendar|null} [input.calendar]
 * @param {Amendment[]} [input.amendments] the contract's amendments (a new monthly fee)
 * @returns {{ total: number, months: { month: string, breachedIncidents: number, uncappedCredit: number,
 *   credit: number, capped: boolean }[], incidents: { id: string|null, month: string, breachedAt: Date,
 *   responseBreached: boolean, resolutionBreached: boolean }[] }}
 */
export function penalties(input) {
  const fn = 'penalties';
  const args = objectArg(input, fn, 'input');
  const contract = /** @type {Contract} */ (objectArg(args.contract, fn, 'contract'));
  const incidents = arrayArg(args.incidents, fn, 'incidents');
  const from = dayNumber(args.from, fn, 'from');
  const to = dayNumber(args.to, fn, 'to');
  if (to < from) {
    throw new RangeError(`${fn}: to is before from`);
  }
  const calendar = args.calendar ?? null;
  const zone = reportingZone(contract, calendar, fn);
  const endMs = wallToInstant(zone, (to + 1) * DAY_MS);
  const plan = compileContract(contract, amendmentList(args.amendments, fn, 'amendments'), fn, 'contract');
  /** @param {string} month 'YYYY-MM' @returns {number} the fee in effect on the month's last day of the period */
  const feeOf = (month) => {
    const monthEnd = addMonthsToDay(dayNumber(`${month}-01`, fn, 'month'), 1) - 1;
    return termsOn(plan, Math.min(monthEnd, to), fn).monthlyFee ?? 0;
  };
  const rate = contract.penaltyRatePercent ?? 0;
  const cap = contract.penaltyCapPercent ?? null;
  nonNegativeNumber(contract.monthlyFee ?? 0, fn, 'contract.monthlyFee');
  nonNegativeNumber(rate, fn, 'contract.penaltyRatePercent');
  if (cap !== null) nonNegativeNumber(cap, fn, 'contract.penaltyCapPercent');

  /** @type {Map<string, number>} */
  const counts = new Map();
  /** @type {{ id: string|null, month: string, breachedAt: Date, responseBreached: boolean, resolutionBreached: boolean }[]} */
  const breached = [];
  incidents.forEach((candidate, i) => {
    const incident = /** @type {Incident} */ (objectArg(candidate, fn, `incidents[${i}]`));
    const facts = breachFacts(incident, contract, calendar, endMs - 1, fn);
    if (facts.breachMs === null) {
      return;
    }
    const day = localDayOfZone(zone, facts.breachMs);
    if (day < from || day > to) {
      return;
    }
    const month = formatDay(day).slice(0, 7);
    counts.set(month, (counts.get(month) ?? 0) + 1);
    breached.push({
      id: incident.id ?? null,
      month,
      breachedAt: new Date(facts.breachMs),
      responseBreached: facts.responseBreached,
      resolutionBreached: facts.resolutionBreached
    });
  });
  const months = [...counts.keys()].sort().map((month) => {
    const breachedIncidents = /** @type {number} */ (counts.get(month));
    const fee = feeOf(month);
    const uncappedCredit = round2((breachedIncidents * rate * fee) / 100);
    const capAmount = cap === null ? Number.POSITIVE_INFINITY : round2((cap * fee) / 100);
    return {
      month,
      breachedIncidents,
      uncappedCredit,
      credit: Math.min(uncappedCredit, capAmount),
      capped: uncappedCredit > capAmount
    };
  });
  breached.sort((a, b) => a.breachedAt.getTime() - b.breachedAt.getTime());
  return { total: round2(months.reduce((sum, month) => sum + month.credit, 0)), months, incidents: breached };
}

/**
 * Compliance counts of a group of resolved incidents.
 * @typedef {Object} ComplianceTally
 * @property {number} resolved incidents judged
 * @property {number} met neither target breached
 * @property {number} responseBreached response (GTI) target breached
 * @property {number} resolutionBreached resolution (GTR) target breached
 */

/** @returns {Record<Priority|'All', ComplianceTally>} */
function emptyComplianceTallies() {
  /** @type {Record<string, ComplianceTally>} */
  const tallies = {};
  for (const key of [...PRIORITIES, 'All']) {
    tallies[key] = { resolved: 0, met: 0, responseBreached: 0, resolutionBreached: 0 };
  }
  return tallies;
}

/**
 * The compliance rule that monthlyReview and slaCompliance share: an incident counts when it was resolved in
 * [startMs, endMs) and not cancelled; it is judged at its resolution (breachFacts: the SLA rules with a calendar,
 * else the due times stamped on it) and has met its SLA when neither target was breached.
 * @param {Record<string, ComplianceTally>} tallies updated in place: the incident's priority and 'All'
 * @param {Incident} incident
 * @param {Contract} contract
 * @param {Calendar|null} calendar
 * @param {number} startMs epoch ms, inclusive
 * @param {number} endMs epoch ms, exclusive
 * @param {string} fn
 * @param {string} label how error messages name the incident
 */
function tallyCompliance(tallies, incident, contract, calendar, startMs, endMs, fn, label) {
  if (incident.status === 'Cancelled') {
    return;
  }
  const resolvedMs = optionalInstantMs(incident.resolvedAt, fn, `${label}.resolvedAt`);
  if (resolvedMs === null || resolvedMs < startMs || resolvedMs >= endMs) {
    return;
  }
  const priority = priorityArg(incident.priority, fn, `${label}.priority`);
  const facts = breachFacts(incident, contract, calendar, resolvedMs, fn);
  for (const key of [priority, 'All']) {
    const tally = tallies[key];
    tally.resolved += 1;
    if (facts.responseBreached) tally.responseBreached += 1;
    if (facts.resolutionBreached) tally.resolutionBreached += 1;
    if (!facts.responseBreached && !facts.resolutionBreached) tally.met += 1;
  }
}

/**
 * @param {ComplianceTally} tally
 * @returns {number|null} % (0-100) of the judged incidents that met their SLA; null when none was judged
 */
function compliancePercent(tally) {
  return tally.resolved > 0 ? (tally.met / tally.resolved) * 100 : null;
}

/**
 * @typedef {Object} ComplianceFigures
 * @property {number} total incidents judged
 * @property {number} met within both targets
 * @property {number} breached at least one target breached (total - met)
 * @property {number} responseBreached response (GTI) target breached
 * @property {number} resolutionBreached resolution (GTR) target breached
 * @property {number|null} percent met / total in % (0-100); null when no incident was judged
 */

/**
 * @param {ComplianceTally} tally
 * @returns {ComplianceFigures}
 */
function complianceFigures(tally) {
  return {
    total: tally.resolved,
    met: tally.met,
    breached: tally.resolved - tally.met,
    responseBreached: tally.responseBreached,
    resolutionBreached: tally.resolutionBreached,
    percent: compliancePercent(tally)
  };
}

/**
 * The window of a compliance count and each contract's terms in it: the contract, its calendar when `calendars` holds
 * it (else null: judged on the stamped due times), and the window's first and last instants in the contract's
 * reporting zone. Shared by slaCompliance and slaComplianceByClock, so both count the same incidents.
 * @param {Record<string, unknown>} args reads calendars, from, to
 * @param {unknown[]} contracts
 * @param {string} fn
 * @returns {{ from: number, to: number,
 *   terms: Map<string, { contract: Contract, calendar: Calendar|null, startMs: number, endMs: number }> }}
 */
function complianceWindow(args, contracts, fn) {
  const calendars =
    args.calendars === undefined || args.calendars === null ? null : objectArg(args.calendars, fn, 'calendars');
  const from = dayNumber(args.from, fn, 'from');
  const to = dayNumber(args.to, fn, 'to');
  if (to < from) {
    throw new RangeError(`${fn}: to is before from`);
  }
  /** @type {Map<string, { contract: Contract, calendar: Calendar|null, startMs: number, endMs: number }>} */
  const terms = new Map();
  contracts.forEach((candidate, i) => {
    const contract = /** @type {Contract} */ (objectArg(candidate, fn, `contracts[${i}]`));
    if (typeof contract.id !== 'string' || contract.id.length === 0) {
      throw new TypeError(`${fn}: contracts[${i}].id must be a non-empty string, got ${describe(contract.id)}`);
    }
    const known =
      calendars !== null &&
      (!contract.calendarName || Object.prototype.hasOwnProperty.call(calendars, contract.calendarName));
    const calendar = known ? contractCalendar(contract, /** @type {Record<string, Calendar>} */ (calendars)) : null;
    const zone = reportingZone(contract, calendar, fn);
    terms.set(contract.id, {
      contract,
      calendar,
      startMs: wallToInstant(zone, from * DAY_MS),
      endMs: wallToInstant(zone, (to + 1) * DAY_MS)
    });
  });
  return { from, to, terms };
}

/**
 * SLA compliance over any window of days, across an account's contracts, with the rule monthlyReview applies to a
 * month: of the incidents resolved from the start of `from` to the end of `to` and not cancelled, the share that met
 * both targets, judged at their resolution. Days are those of each incident's contract time zone, else its
 * calendar's, else UTC. An incident counts only under a contract of `contracts` (incident.contractId = contract.id):
 * without one there is no SLA to meet. Breaches follow the SLA rules on the contract's calendar (see
 * contractCalendar); when `calendars` is not given, or lacks the calendar a contract names, that contract's incidents
 * are judged on the due times stamped on them, as monthlyReview does without a calendar. Open incidents are not
 * judged yet, so the result does not depend on the time of the call.
 * @param {Object} input
 * @param {Incident[]} input.incidents reads contractId, priority, status, reportedAt, respondedAt, resolvedAt, the
 *   pauses and the stamped due times
 * @param {Contract[]} input.contracts reads id, sla, calendarName, timeZone
 * @param {Record<string, Calendar>|null} [input.calendars] Maintenance_Calendar__mdt calendars by DeveloperName
 * @param {string} input.from 'YYYY-MM-DD', first day of the window
 * @param {string} input.to 'YYYY-MM-DD', last day of the window (inclusive), not before from
 * @returns {ComplianceFigures & { from: string, to: string, byPriority: Record<Priority, ComplianceFigures> }}
 */
export function slaCompliance(input) {
  const fn = 'slaCompliance';
  const args = objectArg(input, fn, 'input');
  const incidents = arrayArg(args.incidents, fn, 'incidents');
  const contracts = arrayArg(args.contracts, fn, 'contracts');
  const { from, to, terms } = complianceWindow(args, contracts, fn);
  const tallies = emptyComplianceTallies();
  incidents.forEach((candidate, i) => {
    const incident = /** @type {Incident} */ (objectArg(candidate, fn, `incidents[${i}]`));
    const term = incident.contractId ? terms.get(incident.contractId) : undefined;
    if (term) {
      tallyCompliance(tallies, incident, term.contract, term.calendar, term.startMs, term.endMs, fn, `incidents[${i}]`);
    }
  });
  /** @type {Record<string, ComplianceFigures>} */
  const byPriority = {};
  for (const priority of PRIORITIES) {
    byPriority[priority] = complianceFigures(tallies[priority]);
  }
  return {
    from: formatDay(from),
    to: formatDay(to),
    ...complianceFigures(tallies.All),
    byPriority: /** @type {Record<Priority, ComplianceFigures>} */ (byPriority)
  };
}

/**
 * @typedef {Object} ClockCompliance
 * @property {number} met counted - breached
 * @property {number} breached counted incidents whose clock breached
 * @property {number} counted incidents resolved in the window, plus incidents still open whose clock breached in it
 * @property {number|null} percent met / counted in % (0-100); null when nothing was counted
 */

/**
 * SLA compliance per clock (GTI and GTR separately) over a window of days, the one figure the tab, the incident list,
 * `report` and `report --month` show. For each clock: counted = the incidents resolved from the start of `from` to the
 * end of `to`, plus the incidents still open whose clock breached within the window (by `now`); breached = those of
 * them whose clock breached (a resolved incident judged at its resolution); met = counted - breached. So an open
 * breach weighs on the figure as soon as it happens, not only once the incident is resolved. Cancelled incidents and
 * incidents not under one of `contracts` (incident.contractId) never count. Breaches are those of slaStatus (the stamps,
 * else the due passed unmet) on the contract's calendar; when `calendars` lacks it, on the stamps and the due times
 * stamped on the record. Days are those of the contract's time zone, else its calendar's, else UTC.
 * @param {Object} input
 * @param {Incident[]} input.incidents
 * @param {Contract[]} input.contracts
 * @param {Record<string, Calendar>|null} [input.calendars] by DeveloperName
 * @param {string} input.from 'YYYY-MM-DD', first day of the window
 * @param {string} input.to 'YYYY-MM-DD', last day (inclusive), not before from
 * @param {Date} input.now the instant open incidents are judged at
 * @returns {{ from: string, to: string, response: ClockCompliance, resolution: ClockCompliance }}
 */
export function slaComplianceByClock(input) {
  const fn = 'slaComplianceByClock';
  const args = objectArg(input, fn, 'input');
  const incidents = arrayArg(args.incidents, fn, 'incidents');
  const contracts = arrayArg(args.contracts, fn, 'contracts');
  const { from, to, terms } = complianceWindow(args, contracts, fn);
  const nowMs = instantMs(args.now, fn, 'now');
  const tally = { response: { counted: 0, breached: 0 }, resolution: { counted: 0, breached: 0 } };
  incidents.forEach((candidate, i) => {
    const label = `incidents[${i}]`;
    const incident = /** @type {Incident} */ (objectArg(candidate, fn, label));
    if (incident.status === 'Cancelled') return;
    const term = incident.contractId ? terms.get(incident.contractId) : undefined;
    if (!term) return;
    const resolvedMs = optionalInstantMs(incident.resolvedAt, fn, `${label}.resolvedAt`);
    const resolved = resolvedMs !== null || incident.status === 'Resolved' || incident.status === 'Closed';
    if (resolved && (resolvedMs === null || resolvedMs < term.startMs || resolvedMs >= term.endMs)) return;
    const breaches = clockBreaches(incident, term.contract, term.calendar, nowMs, fn);
    for (const clock of /** @type {const} */ (['response', 'resolution'])) {
      const breachMs = breaches[clock];
      if (resolved) {
        tally[clock].counted += 1;
        if (breachMs !== null) tally[clock].breached += 1;
      } else if (breachMs !== null && breachMs >= term.startMs && breachMs < term.endMs) {
        tally[clock].counted += 1;
        tally[clock].breached += 1;
      }
    }
  });
  /** @param {{ counted: number, breached: number }} figures */
  const clockFigures = ({ counted, breached }) => ({
    met: counted - breached,
    breached,
    counted,
    percent: counted > 0 ? ((counted - breached) / counted) * 100 : null
  });
  return {
    from: formatDay(from),
    to: formatDay(to),
    response: clockFigures(tally.response),
    resolution: clockFigures(tally.resolution)
  };
}

/**
 * When each clock of an incident breached, judged at `nowMs` (a resolved incident at its resolution): slaStatus on
 * the calendar when there is one, else the stamps and the due times stamped on the record.
 * @param {Incident} incident
 * @param {Contract} contract
 * @param {Calendar|null} calendar
 * @param {number} nowMs
 * @param {string} fn
 * @returns {{ response: number|null, resolution: number|null }} ms
 */
function clockBreaches(incident, contract, calendar, nowMs, fn) {
  if (calendar !== null) {
    const status = slaStatus({ incident, contract, calendar, now: new Date(nowMs) });
    return {
      response: status.responseBreachedAt?.getTime() ?? null,
      resolution: status.resolutionBreachedAt?.getTime() ?? null
    };
  }
  const facts = clockFacts(incident, fn);
  const passage = stampedDuePassage(incident, facts, nowMs, fn);
  return {
    response:
      stampBefore(incident.responseBreachedAt, passage.responseJudgedMs, fn, 'incident.responseBreachedAt') ??
      passage.response,
    resolution:
      stampBefore(incident.resolutionBreachedAt, passage.atMs, fn, 'incident.resolutionBreachedAt') ??
      passage.resolution
  };
}

const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;

/**
 * The figures of a monthly steering-committee (COPIL) pack for one contract and one month ('YYYY-MM', in the
 * contract's time zone, else the calendar's, else UTC):
 * - backlog: incidents opened (reported), resolved, closed and cancelled in the month, open at its start and end;
 * - compliance per priority over the incidents resolved in the month: met = neither target breached (null % when
 *   none was resolved), the rule slaCompliance applies to any window;
 * - budget: effort of the incidents reported in the month and up to its end, against the contract budget;
 * - penalties for the month (see penalties).
 * @param {Object} input
 * @param {Contract} input.contract
 * @param {Incident[]} input.incidents the contract's incidents
 * @param {string} input.month 'YYYY-MM'
 * @param {Calendar|null} [input.calendar] SLA rules for breaches; without it the stamped due times are used
 * @param {Amendment[]} [input.amendments] the contract's amendments (the monthly fee of the penalties)
 */
export function monthlyReview(input) {
  const fn = 'monthlyReview';
  const args = objectArg(input, fn, 'input');
  const contract = /** @type {Contract} */ (objectArg(args.contract, fn, 'contract'));
  const incidents = arrayArg(args.incidents, fn, 'incidents');
  const match = typeof args.month === 'string' ? MONTH_PATTERN.exec(args.month) : null;
  if (typeof args.month !== 'string') {
    throw new TypeError(`${fn}: month must be a 'YYYY-MM' string, got ${describe(args.month)}`);
  }
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) {
    throw new RangeError(`${fn}: month must be a real 'YYYY-MM' month, got ${JSON.stringify(args.month)}`);
  }
  const calendar = args.calendar ?? null;
  const zone = reportingZone(contract, calendar, fn);
  const firstDay = dayNumber(`${args.month}-01`, fn, 'month');
  const nextMonth = new Date(firstDay * DAY_MS);
  nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
  const lastDay = Math.round(nextMonth.getTime() / DAY_MS) - 1;
  const startMs = wallToInstant(zone, firstDay * DAY_MS);
  const endMs = wallToInstant(zone, (lastDay + 1) * DAY_MS);
  /** @param {number|null} ms */
  const inMonth = (ms) => ms !== null && ms >= startMs && ms < endMs;

  let opened = 0;
  let closed = 0;
  let cancelled = 0;
  let openAtStart = 0;
  let openAtEnd = 0;
  let effortInMonth = 0;
  let effortToDate = 0;
  const tallies = emptyComplianceTallies();
  incidents.forEach((candidate, i) => {
    const incident = /** @type {Incident} */ (objectArg(candidate, fn, `incidents[${i}]`));
    const label = `incidents[${i}]`;
    const reportedMs = instantMs(incident.reportedAt, fn, `${label}.reportedAt`);
    const resolvedMs = optionalInstantMs(incident.resolvedAt, fn, `${label}.resolvedAt`);
    const closedMs = optionalInstantMs(incident.closedAt, fn, `${label}.closedAt`);
    const isCancelled = incident.status === 'Cancelled';
    // When the incident stopped being open: resolution, or cancellation (stamped in Closed_At__c).
    const endedMs = isCancelled ? (closedMs ?? reportedMs) : resolvedMs;
    const effort = incident.effortDays ?? 0;
    if (reportedMs < endMs) {
      effortToDate += effort;
    }
    if (inMonth(reportedMs)) {
      opened += 1;
      effortInMonth += effort;
    }
    if (reportedMs < startMs && (endedMs === null || endedMs >= startMs)) openAtStart += 1;
    if (reportedMs < endMs && (endedMs === null || endedMs >= endMs)) openAtEnd += 1;
    if (isCancelled) {
      if (inMonth(endedMs)) cancelled += 1;
      return;
    }
    if (incident.status === 'Closed' && inMonth(closedMs)) closed += 1;
    tallyCompliance(tallies, incident, contract, calendar, startMs, endMs, fn, label);
  });
  /** @type {Record<string, ComplianceTally & { compliancePercent: number|null }>} */
  const compliance = {};
  for (const [key, tally] of Object.entries(tallies)) {
    compliance[key] = { ...tally, compliancePercent: compliancePercent(tally) };
  }
  const budget = contract.budgetDays ?? null;
  return {
    month: args.month,
    from: formatDay(firstDay),
    to: formatDay(lastDay),
    // Resolved in the month and not cancelled: exactly the incidents the compliance counts.
    backlog: { opened, resolved: tallies.All.resolved, closed, cancelled, openAtStart, openAtEnd },
    compliance,
    budget: {
      budgetDays: budget,
      consumedInMonthDays: round2(effortInMonth),
      consumedToDateDays: round2(effortToDate),
      percentConsumed: budget !== null && budget > 0 ? (round2(effortToDate) / budget) * 100 : 0
    },
    penalties: penalties({
      incidents,
      contract,
      from: formatDay(firstDay),
      to: formatDay(lastDay),
      calendar,
      amendments: args.amendments
    })
  };
}
