// @ts-check
// Part of the engine (src/engine/index.js), bundled by npm run build:engine.
import { MINUTE_MS } from './constants.js';
import { arrayArg, instantMs, nonNegativeNumber, objectArg, optionalInstantMs, priorityArg } from './checks.js';
import { ALWAYS_OPEN, addOpenMs, compileCalendar, openMsBetween } from './calendars.js';
/** @typedef {import('./types.js').Calendar} Calendar */
/** @typedef {import('./types.js').ClockState} ClockState */
/** @typedef {import('./types.js').Contract} Contract */
/** @typedef {import('./types.js').Incident} Incident */
/** @typedef {import('./types.js').IncidentStatus} IncidentStatus */
/** @typedef {import('./types.js').Pause} Pause */
/** @typedef {import('./types.js').Priority} Priority */
/** @typedef {import('./types.js').SlaBand} SlaBand */
/** @typedef {import('./types.js').SlaState} SlaState */
/** @typedef {import('./types.js').SlaStatus} SlaStatus */
/** @typedef {import('./calendars.js').CompiledCalendar} CompiledCalendar */

// ---------------------------------------------------------------------------------------------------------------------
// SLA clocks
// ---------------------------------------------------------------------------------------------------------------------

/**
 * Pauses normalised to one shape: closed intervals (merged, sorted) and an open pause start, or a total of closed
 * clock minutes as the record stores it.
 * @typedef {Object} PauseModel
 * @property {number[]} closed flat [from, to, ...] epoch ms
 * @property {number|null} openSince epoch ms
 * @property {number} closedClockMs clock ms of closed pauses known only as a total (pausedMinutes)
 */

/**
 * @param {Record<string, any>} source object holding pauses | pausedMinutes/pausedSince
 * @param {string} fn
 * @param {string} prefix
 * @returns {PauseModel}
 */
function pauseModel(source, fn, prefix) {
  const hasIntervals = source.pauses !== undefined && source.pauses !== null;
  const hasMinutes = source.pausedMinutes !== undefined && source.pausedMinutes !== null;
  const hasSince = source.pausedSince !== undefined && source.pausedSince !== null;
  if (hasIntervals && (hasMinutes || hasSince)) {
    throw new TypeError(`${fn}: give either ${prefix}pauses or ${prefix}pausedMinutes/pausedSince, not both`);
  }
  if (!hasIntervals) {
    return {
      closed: [],
      openSince: hasSince ? instantMs(source.pausedSince, fn, `${prefix}pausedSince`) : null,
      closedClockMs: hasMinutes
        ? Math.round(nonNegativeNumber(source.pausedMinutes, fn, `${prefix}pausedMinutes`) * MINUTE_MS)
        : 0
    };
  }
  /** @type {[number, number][]} */
  const intervals = [];
  /** @type {number|null} */
  let openSince = null;
  arrayArg(source.pauses, fn, `${prefix}pauses`).forEach((pause, i) => {
    const label = `${prefix}pauses[${i}]`;
    objectArg(pause, fn, label);
    const from = instantMs(pause.from, fn, `${label}.from`);
    const to = optionalInstantMs(pause.to, fn, `${label}.to`);
    if (to === null) {
      if (openSince !== null) {
        throw new RangeError(`${fn}: ${label} is a second open pause (only the last pause may be open)`);
      }
      openSince = from;
    } else if (to < from) {
      throw new RangeError(`${fn}: ${label}.to is before ${label}.from`);
    } else {
      intervals.push([from, to]);
    }
  });
  intervals.sort((a, b) => a[0] - b[0]);
  /** @type {number[]} */
  const closed = [];
  for (const [from, to] of intervals) {
    if (openSince !== null && to > openSince) {
      throw new RangeError(`${fn}: ${prefix}pauses has a closed pause ending after the open pause starts`);
    }
    // Overlapping pauses stop the clock once: keep their union.
    if (closed.length > 0 && from <= closed[closed.length - 1]) {
      closed[closed.length - 1] = Math.max(closed[closed.length - 1], to);
    } else {
      closed.push(from, to);
    }
  }
  return { closed, openSince, closedClockMs: 0 };
}

/**
 * Clock ms during which the pauses held the clock, counting pause time from `reportedMs` up to `untilMs`.
 * @param {CompiledCalendar} clock
 * @param {PauseModel} pauses
 * @param {number} reportedMs
 * @param {number} untilMs
 */
export function pausedClockMs(clock, pauses, reportedMs, untilMs) {
  let total = pauses.closedClockMs;
  const closed = pauses.closed;
  for (let k = 0; k < closed.length; k += 2) {
    const from = closed[k] > reportedMs ? closed[k] : reportedMs;
    const to = closed[k + 1] < untilMs ? closed[k + 1] : untilMs;
    if (to > from) {
      total += openMsBetween(clock, from, to);
    }
  }
  if (pauses.openSince !== null) {
    const from = pauses.openSince > reportedMs ? pauses.openSince : reportedMs;
    if (untilMs > from) {
      total += openMsBetween(clock, from, untilMs);
    }
  }
  return total;
}

/**
 * The clocks and targets of one incident.
 * @typedef {Object} SlaClocks
 * @property {CompiledCalendar} clock the calendar both targets of this priority run on
 * @property {number|null} responseMs
 * @property {number|null} resolutionMs
 */

/**
 * @param {unknown} contract
 * @param {unknown} calendar
 * @param {Priority} priority
 * @param {string} fn
 * @returns {SlaClocks|null} null when the contract sets no target for the priority
 */
export function slaClocks(contract, calendar, priority, fn) {
  const terms = objectArg(contract, fn, 'contract');
  if (terms.sla === undefined || terms.sla === null) {
    return null;
  }
  const targets = objectArg(terms.sla, fn, 'contract.sla');
  const target = targets[priority];
  if (target === undefined || target === null) {
    return null;
  }
  objectArg(target, fn, `contract.sla.${priority}`);
  const responseMinutes = target.responseMinutes ?? null;
  const resolutionMinutes = target.resolutionMinutes ?? null;
  const responseMs =
    responseMinutes === null
      ? null
      : Math.round(nonNegativeNumber(responseMinutes, fn, `contract.sla.${priority}.responseMinutes`) * MINUTE_MS);
  const resolutionMs =
    resolutionMinutes === null
      ? null
      : Math.round(nonNegativeNumber(resolutionMinutes, fn, `contract.sla.${priority}.resolutionMinutes`) * MINUTE_MS);
  if (responseMs === null && resolutionMs === null) {
    return null;
  }
  // The business calendar is validated even for a 24x7 priority, so that a bad calendar never goes unnoticed.
  const business = compileCalendar(calendar, fn);
  return { clock: target.alwaysOn === true ? ALWAYS_OPEN : business, responseMs, resolutionMs };
}

/**
 * Response (GTI) and resolution (GTR) due times of an incident.
 *
 * Clocks: both targets run on the contract's calendar, or on a 24x7 clock when `contract.sla[priority].alwaysOn`.
 * The response clock runs from `reportedAt` until the response; pauses do not hold it (an incident can only wait on
 * the customer once it has been responded to). The resolution clock stops during pauses.
 *
 * Pauses come in one of two equivalent forms:
 * - `pauses`: `{ from, to }` intervals (an open pause has no `to`); overlapping pauses count once, time before
 *   `reportedAt` does not count;
 * - `pausedMinutes` (+ optional `pausedSince`): what a Maintenance_Incident__c stores, where
 *   `pausedMinutes = Σ businessMinutesBetween(pause.from, pause.to, clock)` over the closed pauses, measured on the
 *   priority's clock, and `pausedSince` = the `from` of the open pause.
 * Either way the resolution due is `addBusinessMinutes(reportedAt, resolutionMinutes + pausedMinutes, clock)`: each
 * pause pushes the due by its clock length. For a pause that starts before the due this is exactly "the clock
 * stops"; for one that starts after the target was already missed the due stays before the pause ends, so the
 * breach stands. An open pause counts up to `now` when `now` is given (the due if the clock restarted at `now`),
 * and not at all otherwise. The totals-only form cannot re-measure closed pauses on another clock: after a change
 * between a business-hours and a 24x7 priority it keeps the minutes as measured (pass `pauses` to be exact).
 *
 * A priority or contract change is a fresh call with the same `reportedAt` and pauses: paused time is never lost.
 * Callers keep the first resolution due as the original target.
 * @param {Object} input
 * @param {Priority} input.priority
 * @param {Date} input.reportedAt
 * @param {Pause[]} [input.pauses]
 * @param {number|null} [input.pausedMinutes] clock minutes of closed pauses
 * @param {Date|null} [input.pausedSince] start of the open pause
 * @param {Date} [input.now] how far an open pause counts
 * @param {Contract} input.contract reads `sla`
 * @param {Calendar} input.calendar the contract's business calendar
 * @returns {{ responseDue: Date|null, resolutionDue: Date|null }} null where the contract sets no target
 */
export function computeSlaTargets(input) {
  const fn = 'computeSlaTargets';
  const args = objectArg(input, fn, 'input');
  const priority = priorityArg(args.priority, fn, 'priority');
  const reportedMs = instantMs(args.reportedAt, fn, 'reportedAt');
  const nowMs = optionalInstantMs(args.now, fn, 'now');
  const pauses = pauseModel(args, fn, '');
  const clocks = slaClocks(args.contract, args.calendar, priority, fn);
  if (clocks === null) {
    return { responseDue: null, resolutionDue: null };
  }
  const until = nowMs ?? pauses.openSince ?? Number.POSITIVE_INFINITY;
  return {
    responseDue: clocks.responseMs === null ? null : new Date(addOpenMs(clocks.clock, reportedMs, clocks.responseMs)),
    resolutionDue:
      clocks.resolutionMs === null
        ? null
        : new Date(
            addOpenMs(
              clocks.clock,
              reportedMs,
              clocks.resolutionMs + pausedClockMs(clocks.clock, pauses, reportedMs, until)
            )
          )
  };
}

/**
 * Band of a target that is not breached: at exactly 100 % the due time has come but not passed, so orange; red is
 * reserved for breaches.
 * @param {number} percent
 * @returns {SlaBand}
 */
function bandFor(percent) {
  if (percent < 50) return 'green';
  if (percent < 75) return 'yellow';
  return 'orange';
}

/**
 * The facts of an incident that decide whether its clocks passed their targets.
 * @typedef {Object} ClockFacts
 * @property {IncidentStatus|null} status
 * @property {number} reportedMs
 * @property {number|null} respondedMs
 * @property {number|null} resolvedMs
 * @property {number|null} closedMs
 * @property {PauseModel} pauses
 */

/**
 * @param {Record<string, any>} incident
 * @param {string} fn
 * @returns {ClockFacts}
 */
export function clockFacts(incident, fn) {
  return {
    status: incident.status ?? null,
    reportedMs: instantMs(incident.reportedAt, fn, 'incident.reportedAt'),
    respondedMs: optionalInstantMs(incident.respondedAt, fn, 'incident.respondedAt'),
    resolvedMs: optionalInstantMs(incident.resolvedAt, fn, 'incident.resolvedAt'),
    closedMs: optionalInstantMs(incident.closedAt, fn, 'incident.closedAt'),
    pauses: pauseModel(incident, fn, 'incident.')
  };
}

/**
 * The instant at which each clock passed its target unmet, as seen at `nowMs`; null for a clock that did not (yet).
 * An open incident is judged at `nowMs`, a resolved or closed one at its resolution, a cancelled one at its Closed_At__c
 * (else `nowMs`); the response clock stops at the response. The restore clock stops during pauses: closed pauses push
 * its due by their clock length, and an open pause holds it from the pause's start, so a pause that began after the
 * target was missed leaves the breach where it was.
 * @param {SlaClocks} clocks
 * @param {ClockFacts} facts
 * @param {number} nowMs
 * @returns {{ atMs: number, responseJudgedMs: number, untilMs: number, response: number|null, resolution: number|null,
 *   responseDueMs: number, heldMs: number, resolutionDueMs: number }} the dues and the held time (closed pauses up to
 *   untilMs) it computed, for slaStatus to reuse
 */
export function clockPassage(clocks, facts, nowMs) {
  const judged = judgedInstants(facts, nowMs);
  /** @type {number|null} */
  let response = null;
  let responseDueMs = 0;
  if (clocks.responseMs !== null) {
    responseDueMs = addOpenMs(clocks.clock, facts.reportedMs, clocks.responseMs);
    if (judged.responseJudgedMs > responseDueMs) response = responseDueMs;
  }
  /** @type {number|null} */
  let resolution = null;
  let heldMs = 0;
  let resolutionDueMs = 0;
  if (clocks.resolutionMs !== null) {
    const pauses = facts.pauses;
    const closedOnly = { closed: pauses.closed, openSince: null, closedClockMs: pauses.closedClockMs };
    heldMs = pausedClockMs(clocks.clock, closedOnly, facts.reportedMs, judged.untilMs);
    resolutionDueMs = addOpenMs(clocks.clock, facts.reportedMs, clocks.resolutionMs + heldMs);
    if (judged.untilMs > resolutionDueMs) resolution = resolutionDueMs;
  }
  return {
    atMs: judged.atMs,
    responseJudgedMs: judged.responseJudgedMs,
    untilMs: judged.untilMs,
    response,
    resolution,
    responseDueMs,
    heldMs,
    resolutionDueMs
  };
}

/**
 * clockPassage on the due times stamped on the record (Response_Due__c, Resolution_Due__c), for a caller that has no
 * calendar: the stamped resolution due is the one before any open pause, which is what the open pause is judged on.
 * @param {Record<string, any>} incident
 * @param {ClockFacts} facts
 * @param {number} nowMs
 * @param {string} fn
 * @returns {{ atMs: number, responseJudgedMs: number, untilMs: number, response: number|null, resolution: number|null }}
 */
export function stampedDuePassage(incident, facts, nowMs, fn) {
  const judged = judgedInstants(facts, nowMs);
  const responseDueMs = optionalInstantMs(incident.responseDue, fn, 'incident.responseDue');
  const resolutionDueMs = optionalInstantMs(incident.resolutionDue, fn, 'incident.resolutionDue');
  return {
    atMs: judged.atMs,
    responseJudgedMs: judged.responseJudgedMs,
    untilMs: judged.untilMs,
    response: responseDueMs !== null && judged.responseJudgedMs > responseDueMs ? responseDueMs : null,
    resolution: resolutionDueMs !== null && judged.untilMs > resolutionDueMs ? resolutionDueMs : null
  };
}

/**
 * The instants an incident's clocks are judged at: `atMs` (now for an open incident, the resolution of a resolved one,
 * the Closed_At__c of a cancelled one), the response's (the response, when before atMs) and the restore clock's
 * (`untilMs`: the start of an open pause, when before atMs).
 * @param {ClockFacts} facts
 * @param {number} nowMs
 */
function judgedInstants(facts, nowMs) {
  const cancelled = facts.status === 'Cancelled';
  let atMs = cancelled ? (facts.closedMs ?? nowMs) : (facts.resolvedMs ?? nowMs);
  if (atMs < facts.reportedMs) {
    atMs = facts.reportedMs;
  }
  const responseJudgedMs = facts.respondedMs !== null && facts.respondedMs < atMs ? facts.respondedMs : atMs;
  const openSince = facts.pauses.openSince;
  const openFrom = openSince === null ? atMs : Math.max(openSince, facts.reportedMs);
  return { atMs, responseJudgedMs, untilMs: openFrom < atMs ? openFrom : atMs };
}

/**
 * A breach stamp that counts at an evaluation: set, and before the instant the clock is judged at (an evaluation of
 * an earlier moment does not see a breach that had not happened yet).
 * @param {unknown} value
 * @param {number} judgedMs
 * @param {string} fn
 * @param {string} name
 * @returns {number|null}
 */
export function stampBefore(value, judgedMs, fn, name) {
  const stampMs = optionalInstantMs(value, fn, name);
  return stampMs !== null && stampMs < judgedMs ? stampMs : null;
}

/**
 * @param {{ cancelled: boolean, hasSla: boolean, paused: boolean, finished: boolean, responseBreached: boolean,
 *   resolutionBreached: boolean }} facts
 * @returns {SlaState}
 */
function slaStateOf(facts) {
  if (facts.cancelled) return 'Cancelled';
  const breached = facts.responseBreached || facts.resolutionBreached;
  if (!facts.hasSla && !breached) return 'No SLA';
  if (facts.paused) return breached ? 'Breached (paused)' : 'Paused';
  if (facts.resolutionBreached) return 'Breached';
  if (facts.responseBreached) return 'Response Breached';
  return facts.finished ? 'Met' : 'On Track';
}

/**
 * SLA status of an incident at `now`. A resolved or closed incident is judged at its resolution time, a cancelled one
 * at its Closed_At__c (or `now`) and only counts as breached by a stamp. The response is judged at `respondedAt`.
 *
 * Bands (DESIGN.md): green below 50 % of the target elapsed, yellow 50-75 %, orange 75-100 %, red once a target is
 * breached, grey while paused (and for cancelled incidents and incidents without SLA). Before the response, the
 * governing target is whichever of response and resolution has used the larger share of its time; after it, the
 * resolution. Breaches are judged like the formula fields (an instant strictly after the due), except that a pause
 * which starts after the resolution target was missed does not hide the breach.
 *
 * Breaches are facts: a clock is breached when its stamp (Response_Breached_At__c, Resolution_Breached_At__c) is set
 * before the instant it is judged at, or when it has passed its due unmet (before anything stamped it; not for a
 * cancelled incident). The stamp wins over the due, so a later reprioritisation or pause never hides a breach; `state`
 * says "Breached (paused)" for a breached incident waiting on the customer. This is the rule of the
 * Response_Breached__c, Resolution_Breached__c and SLA_State__c formulas; compliance and penalties never count a
 * cancelled incident, stamped or not.
 * @param {Object} input
 * @param {Incident} input.incident reads priority, status, reportedAt, respondedAt, resolvedAt, closedAt, the pauses
 *   and the breach stamps
 * @param {Contract|null} input.contract reads `sla`; null = out of coverage, no SLA
 * @param {Calendar} input.calendar
 * @param {Date} input.now
 * @returns {SlaStatus}
 */
export function slaStatus(input) {
  const fn = 'slaStatus';
  const args = objectArg(input, fn, 'input');
  const incident = objectArg(args.incident, fn, 'incident');
  const nowMs = instantMs(args.now, fn, 'now');
  const priority = priorityArg(incident.priority, fn, 'incident.priority');
  const facts = clockFacts(incident, fn);
  const { reportedMs, respondedMs, resolvedMs, pauses, status } = facts;
  const cancelled = status === 'Cancelled';
  const finished = cancelled || resolvedMs !== null || status === 'Resolved' || status === 'Closed';
  const clocks =
    args.contract === null || args.contract === undefined
      ? null
      : slaClocks(args.contract, args.calendar, priority, fn);
  const passage = clockPassage(clocks ?? { clock: ALWAYS_OPEN, responseMs: null, resolutionMs: null }, facts, nowMs);
  const atMs = passage.atMs;
  const paused =
    !finished && ((pauses.openSince !== null && pauses.openSince <= atMs) || status === 'Waiting on Customer');
  const responseStamp = stampBefore(
    incident.responseBreachedAt,
    passage.responseJudgedMs,
    fn,
    'incident.responseBreachedAt'
  );
  const resolutionStamp = stampBefore(incident.resolutionBreachedAt, atMs, fn, 'incident.resolutionBreachedAt');
  const responseAtMs = responseStamp ?? (cancelled ? null : passage.response);
  const resolutionAtMs = resolutionStamp ?? (cancelled ? null : passage.resolution);
  const responseBreached = responseAtMs !== null;
  const resolutionBreached = resolutionAtMs !== null;
  /** @type {(breached: boolean, target: number|null|undefined, done: boolean) => ClockState} */
  const clockState = (breached, target, done) => {
    if (breached) return 'breached';
    if (target === null || target === undefined || cancelled) return 'none';
    if (done) return 'met';
    return 'running';
  };
  const resolutionClock = clockState(resolutionBreached, clocks?.resolutionMs, finished);
  // Plain locals listed in each result (no object spread: this runs for every incident of a list or a report).
  const responseBreachedAt = responseAtMs === null ? null : new Date(responseAtMs);
  const resolutionBreachedAt = resolutionAtMs === null ? null : new Date(resolutionAtMs);
  const state = slaStateOf({
    cancelled,
    hasSla: clocks !== null,
    paused,
    finished,
    responseBreached,
    resolutionBreached
  });
  const responseClock = clockState(responseBreached, clocks?.responseMs, finished || respondedMs !== null);
  const restoreClock = resolutionClock === 'running' && paused ? /** @type {ClockState} */ ('paused') : resolutionClock;
  const alwaysOn = clocks !== null && clocks.clock.alwaysOpen;
  if (clocks === null) {
    return {
      band: paused || cancelled || !(responseBreached || resolutionBreached) ? 'grey' : 'red',
      elapsedPercent: null,
      remainingMinutes: null,
      responseBreached,
      resolutionBreached,
      responseDue: null,
      resolutionDue: null,
      paused,
      governing: null,
      responseBreachedAt,
      resolutionBreachedAt,
      state,
      responseClock,
      resolutionClock: restoreClock,
      alwaysOn
    };
  }
  const clock = clocks.clock;
  const responseJudgedMs = passage.responseJudgedMs;
  const runningMs = openMsBetween(clock, reportedMs, atMs);

  let responseDue = null;
  let responsePercent = -1;
  let responseRemainingMs = 0;
  if (clocks.responseMs !== null) {
    responseDue = new Date(passage.responseDueMs);
    const usedMs = responseJudgedMs === atMs ? runningMs : openMsBetween(clock, reportedMs, responseJudgedMs);
    responsePercent =
      clocks.responseMs === 0 ? (usedMs > 0 || responseBreached ? 100 : 0) : (usedMs / clocks.responseMs) * 100;
    responseRemainingMs = clocks.responseMs - usedMs;
  }

  let resolutionDue = null;
  let resolutionPercent = -1;
  let resolutionRemainingMs = 0;
  if (clocks.resolutionMs !== null) {
    // Without an open pause before atMs, the held time and due are those clockPassage computed.
    const heldMs = passage.untilMs === atMs ? passage.heldMs : pausedClockMs(clock, pauses, reportedMs, atMs);
    resolutionDue = new Date(
      passage.untilMs === atMs ? passage.resolutionDueMs : addOpenMs(clock, reportedMs, clocks.resolutionMs + heldMs)
    );
    const usedMs = Math.max(0, runningMs - heldMs);
    resolutionPercent =
      clocks.resolutionMs === 0 ? (usedMs > 0 || resolutionBreached ? 100 : 0) : (usedMs / clocks.resolutionMs) * 100;
    resolutionRemainingMs = clocks.resolutionMs - usedMs;
  }

  const responded = respondedMs !== null || finished;
  /** @type {'response'|'resolution'} */
  const governing =
    clocks.resolutionMs === null || (!responded && clocks.responseMs !== null && responsePercent >= resolutionPercent)
      ? 'response'
      : 'resolution';
  const elapsedPercent = governing === 'response' ? responsePercent : resolutionPercent;
  const remainingMs = governing === 'response' ? responseRemainingMs : resolutionRemainingMs;
  /** @type {SlaBand} */
  let band;
  if (paused || cancelled) {
    band = 'grey';
  } else if (responseBreached || resolutionBreached) {
    band = 'red';
  } else {
    band = bandFor(elapsedPercent);
  }
  return {
    band,
    elapsedPercent,
    remainingMinutes: remainingMs / MINUTE_MS,
    responseBreached,
    resolutionBreached,
    responseDue,
    resolutionDue,
    paused,
    governing,
    responseBreachedAt,
    resolutionBreachedAt,
    state,
    responseClock,
    resolutionClock: restoreClock,
    alwaysOn
  };
}
