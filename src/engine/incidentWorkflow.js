// @ts-check
// Part of the engine (src/engine/index.js), bundled by npm run build:engine.
import { ALLOWED_FROM, INCIDENT_STATUSES, MINUTE_MS, PAUSE_REASONS } from './constants.js';
import { describe, instantMs, objectArg, optionalInstantMs, priorityArg } from './checks.js';
import { localDayOfZone, zoneFor } from './timeZones.js';
import { ALWAYS_OPEN, addOpenMs, compileCalendar, contractCalendar, openMsBetween } from './calendars.js';
import { priorityFor } from './priority.js';
import { clockFacts, clockPassage, pausedClockMs, slaClocks, stampedDuePassage } from './slaClocks.js';
import { contractCovers, pickCoveringContract } from './coverage.js';
/** @typedef {import('./types.js').Calendar} Calendar */
/** @typedef {import('./types.js').Contract} Contract */
/** @typedef {import('./types.js').Incident} Incident */
/** @typedef {import('./types.js').IncidentAction} IncidentAction */
/** @typedef {import('./types.js').IncidentFields} IncidentFields */
/** @typedef {import('./types.js').IncidentStatus} IncidentStatus */
/** @typedef {import('./types.js').Level} Level */
/** @typedef {import('./types.js').Pause} Pause */
/** @typedef {import('./types.js').Priority} Priority */
/** @typedef {import('./calendars.js').CompiledCalendar} CompiledCalendar */
/** @typedef {import('./slaClocks.js').ClockFacts} ClockFacts */
/** @typedef {import('./slaClocks.js').PauseModel} PauseModel */

// ---------------------------------------------------------------------------------------------------------------------
// Incident workflow
// ---------------------------------------------------------------------------------------------------------------------

/**
 * The actions an incident in `status` allows, in workflow order ('create' only for a record not yet created), so
 * that components offer exactly the buttons incidentTransition accepts.
 * @param {IncidentStatus|null} status null for a record not yet created
 * @returns {IncidentAction[]}
 */
export function allowedActions(status) {
  if (status !== null && !INCIDENT_STATUSES.includes(status)) {
    throw new RangeError(
      `allowedActions: status must be one of ${INCIDENT_STATUSES.join(', ')}, got ${describe(status)}`
    );
  }
  // 'create' also accepts a record whose status already defaults to New, but an existing record is never created.
  return /** @type {IncidentAction[]} */ (Object.keys(ALLOWED_FROM)).filter(
    (action) => ALLOWED_FROM[action].includes(status) && (action !== 'create' || status === null)
  );
}

/** @param {number|null} ms */
function isoOrNull(ms) {
  return ms === null ? null : new Date(ms).toISOString();
}

/**
 * Applies a workflow action to an incident and returns the Maintenance_Incident__c fields to write (datetimes as ISO
 * strings). Rules:
 * - create: New; priority from the matrix unless `incident.priorityOverridden`; the covering contract is `contract`,
 *   else picked with coveringContract from `contracts` on the reported day; Out_Of_Coverage__c when none covers that
 *   day (then no due times); due times stamped, and Original_Resolution_Due__c = the first resolution due.
 * - acknowledge (from New), start (from New/Acknowledged): stamp Responded_At__c if blank.
 * - wait (from Acknowledged/In Progress): open a pause (Paused_Since__c = now) for `pauseReason` (one of
 *   PAUSE_REASONS, written to Pause_Reason__c). Refused with a RangeError once the restore (GTR) target has passed
 *   (its stamp is set, or its due is past): a pause never hides a breach.
 * - resume (from Waiting on Customer): close the pause, add its clock minutes (rounded) to Paused_Minutes__c, push
 *   Resolution_Due__c, clear Pause_Reason__c.
 * - resolve (from any open status): close an open pause; stamp Resolved_At__c, and Responded_At__c if blank.
 * - close (from Resolved): stamp Closed_At__c. cancel (from any open status): close an open pause, Closed_At__c = now.
 * - reprioritize (from any open status): `priority` sets it by hand (Priority_Overridden__c), else `impact`/`urgency`
 *   (or the incident's) through the matrix; due times recomputed from Reported_At__c with the paused time kept.
 * - recompute (any status): due times recomputed for the current priority and `contract` (the bulk re-stamp).
 * Original_Resolution_Due__c is set once and never changed afterwards. An open pause counts up to `now` in the
 * recomputed Resolution_Due__c. Pause minutes are measured on the priority's clock (elapsed time without contract).
 *
 * Breach stamps: every action (create and recompute included) writes Response_Breached_At__c /
 * Resolution_Breached_At__c when that stamp is blank and the clock is seen past its due unmet at `now`, before or
 * after the action (see slaStatus for how each clock is judged); the stamp is the due the clock passed. A stamp once
 * set is never written again, so no later pause, resume, reprioritisation or recompute moves or clears it. Without a
 * calendar (allowed for the actions that do not recompute due times) the clocks are judged on the stamped due times.
 * create judges the clocks with the incident's respondedAt/resolvedAt when given (an import of past facts).
 * @param {Object} input
 * @param {Incident} input.incident current state (status null/undefined for a record being created)
 * @param {IncidentAction} input.action
 * @param {Date} [input.now] default: the current time
 * @param {Contract|null} [input.contract] the incident's contract (for create: overrides the choice from contracts)
 * @param {Contract[]} [input.contracts] create: candidates for the covering contract
 * @param {Calendar|null} [input.calendar] the contract's calendar
 * @param {Record<string, Calendar>} [input.calendars] instead of calendar: resolved with contractCalendar
 * @param {Priority} [input.priority] reprioritize by hand
 * @param {Level} [input.impact] reprioritize through the matrix
 * @param {Level} [input.urgency] reprioritize through the matrix
 * @param {string} [input.pauseReason] wait: one of PAUSE_REASONS
 * @returns {IncidentFields}
 * @throws {RangeError} naming the transition when the current status does not allow it; for a wait after the
 *   restore target, starting "Cannot wait on the customer: the restore target (GTR) passed at"
 */
export function incidentTransition(input) {
  const fn = 'incidentTransition';
  const args = objectArg(input, fn, 'input');
  const incident = /** @type {Incident} */ (objectArg(args.incident, fn, 'incident'));
  const action = /** @type {IncidentAction} */ (args.action);
  if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(ALLOWED_FROM, action)) {
    throw new RangeError(
      `${fn}: action must be one of ${Object.keys(ALLOWED_FROM).join(', ')}, got ${describe(action)}`
    );
  }
  const status = incident.status ?? null;
  if (!ALLOWED_FROM[action].includes(status)) {
    const from = ALLOWED_FROM[action].map((value) => value ?? '(new record)').join(', ');
    throw new RangeError(
      `${fn}: cannot '${action}' an incident in status '${status ?? '(new record)'}' (allowed from: ${from})`
    );
  }
  const nowMs = args.now === undefined ? Date.now() : instantMs(args.now, fn, 'now');
  const reportedMs =
    incident.reportedAt === undefined && action === 'create'
      ? nowMs
      : instantMs(incident.reportedAt, fn, 'incident.reportedAt');
  if (nowMs < reportedMs) {
    throw new RangeError(`${fn}: now is before incident.reportedAt`);
  }

  /** @type {Contract|null} */
  let contract = args.contract ?? null;
  if (contract !== null) {
    objectArg(contract, fn, 'contract');
  }
  /** @type {IncidentFields} */
  const fields = {};

  if (action === 'create') {
    // The reported day is read in the zone of the contract's clock: its own zone, else its calendar's, else UTC.
    /** @param {Contract} candidate */
    const zoneOf = (candidate) => {
      if (candidate.timeZone) return candidate.timeZone;
      if (args.calendar && typeof args.calendar === 'object' && args.calendar.timeZone) return args.calendar.timeZone;
      const named = args.calendars && candidate.calendarName ? args.calendars[candidate.calendarName] : undefined;
      return named?.timeZone || 'UTC';
    };
    if (contract === null && args.contracts !== undefined) {
      contract = pickCoveringContract(args.contracts, new Date(reportedMs), zoneOf, fn);
    }
    const covered =
      contract !== null &&
      contractCovers(
        contract,
        localDayOfZone(zoneFor(zoneOf(contract), fn, 'contract.timeZone'), reportedMs),
        fn,
        'contract'
      );
    const priority =
      incident.priorityOverridden && incident.priority
        ? priorityArg(incident.priority, fn, 'incident.priority')
        : priorityFor(incident.impact ?? 'Medium', incident.urgency ?? 'Medium');
    fields.Status__c = 'New';
    fields.Priority__c = priority;
    fields.Priority_Overridden__c = Boolean(incident.priorityOverridden && incident.priority);
    fields.Reported_At__c = new Date(reportedMs).toISOString();
    fields.Contract__c = contract?.id ?? null;
    fields.Out_Of_Coverage__c = !covered;
    fields.Paused_Minutes__c = 0;
    fields.Paused_Since__c = null;
    const noPause = { closed: [], openSince: null, closedClockMs: 0 };
    const due = covered && contract !== null ? dueTimes(args, contract, priority, reportedMs, noPause, nowMs) : null;
    fields.Response_Due__c = isoOrNull(due?.response ?? null);
    fields.Resolution_Due__c = isoOrNull(due?.resolution ?? null);
    fields.Original_Resolution_Due__c = fields.Resolution_Due__c;
    if (covered && contract !== null) {
      /** @type {ClockFacts} */
      const facts = {
        status: 'New',
        reportedMs,
        respondedMs: optionalInstantMs(incident.respondedAt, fn, 'incident.respondedAt'),
        resolvedMs: optionalInstantMs(incident.resolvedAt, fn, 'incident.resolvedAt'),
        closedMs: null,
        pauses: noPause
      };
      writeBreachStamps(fields, { response: null, resolution: null }, [
        breachesSeen(args, incident, contract, priority, facts, nowMs, fn)
      ]);
    }
    return fields;
  }

  let priority = priorityArg(incident.priority, fn, 'incident.priority');
  const facts = clockFacts(incident, fn);
  const pauses = facts.pauses;
  if (pauses.closed.length > 0) {
    throw new TypeError(`${fn}: incident.pauses is not supported here; records hold pausedMinutes and pausedSince`);
  }
  const stamps = breachStampsOf(incident, fn);
  const before = breachesSeen(args, incident, contract, priority, facts, nowMs, fn);
  let recompute = false;
  // Closing an open pause folds its clock minutes into the total, as the record stores it.
  const closePause = () => {
    if (pauses.openSince === null) {
      return;
    }
    const clock = pauseClock(args, contract, priority);
    const from = Math.max(pauses.openSince, reportedMs);
    const heldMs = nowMs > from ? openMsBetween(clock, from, nowMs) : 0;
    fields.Paused_Minutes__c = Math.round((pauses.closedClockMs + heldMs) / MINUTE_MS);
    fields.Paused_Since__c = null;
    pauses.closedClockMs = fields.Paused_Minutes__c * MINUTE_MS;
    pauses.openSince = null;
    recompute = true;
  };
  const nowIso = new Date(nowMs).toISOString();

  switch (action) {
    case 'acknowledge':
    case 'start':
      fields.Status__c = action === 'acknowledge' ? 'Acknowledged' : 'In Progress';
      if (!incident.respondedAt) {
        fields.Responded_At__c = nowIso;
        facts.respondedMs = nowMs;
      }
      break;
    case 'wait': {
      const reason = pauseReasonArg(args.pauseReason, fn, 'pauseReason');
      const passedMs = stamps.resolution ?? before.resolution;
      if (passedMs !== null) {
        throw new RangeError(waitRefusedMessage(passedMs));
      }
      fields.Status__c = 'Waiting on Customer';
      fields.Paused_Since__c = nowIso;
      fields.Pause_Reason__c = reason;
      break;
    }
    case 'resume':
      fields.Status__c = 'In Progress';
      closePause();
      fields.Paused_Since__c = null;
      fields.Pause_Reason__c = null;
      recompute = true;
      break;
    case 'resolve':
      closePause();
      fields.Status__c = 'Resolved';
      fields.Resolved_At__c = nowIso;
      facts.resolvedMs = nowMs;
      if (!incident.respondedAt) {
        fields.Responded_At__c = fields.Resolved_At__c;
        facts.respondedMs = nowMs;
      }
      break;
    case 'close':
      fields.Status__c = 'Closed';
      fields.Closed_At__c = nowIso;
      break;
    case 'cancel':
      closePause();
      fields.Status__c = 'Cancelled';
      fields.Closed_At__c = nowIso;
      facts.closedMs = nowMs;
      break;
    case 'reprioritize': {
      if (args.priority !== undefined) {
        priority = priorityArg(args.priority, fn, 'priority');
        fields.Priority_Overridden__c = true;
      } else {
        const impact = args.impact ?? incident.impact ?? 'Medium';
        const urgency = args.urgency ?? incident.urgency ?? 'Medium';
        priority = priorityFor(impact, urgency);
        fields.Priority_Overridden__c = false;
        if (args.impact !== undefined) fields.Impact__c = impact;
        if (args.urgency !== undefined) fields.Urgency__c = urgency;
      }
      fields.Priority__c = priority;
      recompute = true;
      break;
    }
    default:
      recompute = true;
      break;
  }
  if (recompute) {
    const due = contract === null ? null : dueTimes(args, contract, priority, reportedMs, pauses, nowMs);
    if (action === 'reprioritize' || action === 'recompute') {
      fields.Response_Due__c = isoOrNull(due?.response ?? null);
    }
    fields.Resolution_Due__c = isoOrNull(due?.resolution ?? null);
    const original = optionalInstantMs(incident.originalResolutionDue, fn, 'incident.originalResolutionDue');
    if (original === null && fields.Resolution_Due__c !== null) {
      fields.Original_Resolution_Due__c = fields.Resolution_Due__c;
    }
  }
  facts.status = fields.Status__c ?? status;
  // A response, resolution or cancellation stamped now judges the clocks at now, as before the action: only a new
  // priority or a closed pause (a recompute) can change what is seen.
  const after = recompute ? breachesSeen(args, incident, contract, priority, facts, nowMs, fn, true) : before;
  writeBreachStamps(fields, stamps, [before, after]);
  return fields;
}

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {string} name
 * @returns {string} one of PAUSE_REASONS
 */
function pauseReasonArg(value, fn, name) {
  if (typeof value !== 'string') {
    throw new TypeError(
      `${fn}: ${name} is required to wait on the customer: one of ${PAUSE_REASONS.join(', ')} (got ${describe(value)})`
    );
  }
  if (!PAUSE_REASONS.includes(value)) {
    throw new RangeError(`${fn}: ${name} must be one of ${PAUSE_REASONS.join(', ')}, got ${describe(value)}`);
  }
  return value;
}

/** @param {number} passedMs the instant the restore clock passed its target */
function waitRefusedMessage(passedMs) {
  return (
    `Cannot wait on the customer: the restore target (GTR) passed at ${new Date(passedMs).toISOString()}, ` +
    'and a pause cannot hide a breach. Resolve the incident, or keep working it while the breach stands.'
  );
}

/**
 * The breach stamps an incident already holds, in ms.
 * @param {Record<string, any>} incident
 * @param {string} fn
 * @returns {{ response: number|null, resolution: number|null }}
 */
function breachStampsOf(incident, fn) {
  return {
    response: optionalInstantMs(incident.responseBreachedAt, fn, 'incident.responseBreachedAt'),
    resolution: optionalInstantMs(incident.resolutionBreachedAt, fn, 'incident.resolutionBreachedAt')
  };
}

/**
 * Adds to `fields` the stamps that are blank and that one of the evaluations (in order, the first one wins) saw
 * passed.
 * @param {Record<string, any>} fields
 * @param {{ response: number|null, resolution: number|null }} stamps the incident's
 * @param {{ response: number|null, resolution: number|null }[]} seen
 */
function writeBreachStamps(fields, stamps, seen) {
  if (stamps.response === null) {
    const passed = seen.find((evaluation) => evaluation.response !== null)?.response ?? null;
    if (passed !== null) fields.Response_Breached_At__c = new Date(passed).toISOString();
  }
  if (stamps.resolution === null) {
    const passed = seen.find((evaluation) => evaluation.resolution !== null)?.resolution ?? null;
    if (passed !== null) fields.Resolution_Breached_At__c = new Date(passed).toISOString();
  }
}

/**
 * When each clock passed its target unmet, as seen at `nowMs`: on the contract's clocks when a calendar is given
 * (or `needCalendar`, which then throws without one), else on the due times stamped on the record.
 * @param {Record<string, any>} args input holding calendar or calendars
 * @param {Record<string, any>} incident
 * @param {Contract|null} contract
 * @param {Priority} priority
 * @param {ClockFacts} facts
 * @param {number} nowMs
 * @param {string} fn
 * @param {boolean} [needCalendar]
 * @returns {{ response: number|null, resolution: number|null }}
 */
function breachesSeen(args, incident, contract, priority, facts, nowMs, fn, needCalendar = false) {
  if (contract === null) {
    return { response: null, resolution: null };
  }
  const calendar = needCalendar ? transitionCalendar(args, contract) : givenCalendar(args, contract);
  if (calendar === null) {
    return stampedDuePassage(incident, facts, nowMs, fn);
  }
  const clocks = slaClocks(contract, calendar, priority, fn);
  return clocks === null ? { response: null, resolution: null } : clockPassage(clocks, facts, nowMs);
}

/**
 * @param {Record<string, any>} args input holding calendar or calendars
 * @param {Contract} contract
 * @returns {Calendar|null}
 */
function givenCalendar(args, contract) {
  if (args.calendar !== undefined && args.calendar !== null) {
    return args.calendar;
  }
  if (args.calendars !== undefined && args.calendars !== null) {
    return contractCalendar(contract, args.calendars);
  }
  return null;
}

/**
 * @param {Record<string, any>} args incidentTransition input
 * @param {Contract} contract
 * @returns {Calendar}
 */
function transitionCalendar(args, contract) {
  const calendar = givenCalendar(args, contract);
  if (calendar === null) {
    throw new TypeError('incidentTransition: calendar (or calendars) is required when the incident has a contract');
  }
  return calendar;
}

/**
 * Why "Wait on customer" is not allowed on an incident now, or null when it is: the status does not allow a pause
 * (only Acknowledged and In Progress do), or the restore (GTR) target has passed (its stamp is set, or its due is past
 * unmet), which is when incidentTransition refuses 'wait' with the same words. Components disable the row action with
 * this text as the reason.
 * @param {Object} input
 * @param {Incident} input.incident
 * @param {Contract|null} [input.contract] null or absent: no SLA, nothing to hide
 * @param {Calendar|null} [input.calendar] the contract's calendar
 * @param {Record<string, Calendar>} [input.calendars] instead of calendar; with neither, the stamped due times count
 * @param {Date} input.now
 * @returns {string|null}
 */
export function waitRefusal(input) {
  const fn = 'waitRefusal';
  const args = objectArg(input, fn, 'input');
  const incident = objectArg(args.incident, fn, 'incident');
  const nowMs = instantMs(args.now, fn, 'now');
  const status = incident.status ?? null;
  if (!ALLOWED_FROM.wait.includes(status)) {
    return (
      `Cannot wait on the customer: the incident is ${status ?? 'not created yet'} ` +
      `(a pause starts from ${ALLOWED_FROM.wait.join(' or ')}).`
    );
  }
  const passedMs = breachStampsOf(incident, fn).resolution ?? seenAt(args, incident, nowMs, fn).resolution;
  return passedMs === null ? null : waitRefusedMessage(passedMs);
}

/**
 * The breach stamps to write on an incident now: Response_Breached_At__c / Resolution_Breached_At__c for each clock
 * whose stamp is blank and that has passed its due unmet (the stamp is that due), as incidentTransition writes them at
 * every action. For `sla recompute` and `sla watch`, which stamp what has passed without another change.
 * @param {Object} input
 * @param {Incident} input.incident
 * @param {Contract|null} [input.contract] null or absent: no SLA, no stamp
 * @param {Calendar|null} [input.calendar] the contract's calendar
 * @param {Record<string, Calendar>} [input.calendars] instead of calendar; with neither, the stamped due times count
 * @param {Date} input.now
 * @returns {{ Response_Breached_At__c?: string, Resolution_Breached_At__c?: string }}
 */
export function breachStamps(input) {
  const fn = 'breachStamps';
  const args = objectArg(input, fn, 'input');
  const incident = objectArg(args.incident, fn, 'incident');
  const nowMs = instantMs(args.now, fn, 'now');
  /** @type {{ Response_Breached_At__c?: string, Resolution_Breached_At__c?: string }} */
  const fields = {};
  writeBreachStamps(fields, breachStampsOf(incident, fn), [seenAt(args, incident, nowMs, fn)]);
  return fields;
}

/**
 * @param {Record<string, any>} args input holding contract and calendar(s)
 * @param {Record<string, any>} incident
 * @param {number} nowMs
 * @param {string} fn
 */
function seenAt(args, incident, nowMs, fn) {
  const contract =
    args.contract === undefined || args.contract === null
      ? null
      : /** @type {Contract} */ (objectArg(args.contract, fn, 'contract'));
  const priority = priorityArg(incident.priority, fn, 'incident.priority');
  return breachesSeen(args, incident, contract, priority, clockFacts(incident, fn), nowMs, fn);
}

/**
 * @param {Record<string, any>} args
 * @param {Contract|null} contract
 * @param {Priority} priority
 * @returns {CompiledCalendar}
 */
function pauseClock(args, contract, priority) {
  if (contract === null) {
    return ALWAYS_OPEN;
  }
  const target = contract.sla?.[priority];
  if (target?.alwaysOn === true) {
    return ALWAYS_OPEN;
  }
  return compileCalendar(transitionCalendar(args, contract), 'incidentTransition');
}

/**
 * @param {Record<string, any>} args
 * @param {Contract} contract
 * @param {Priority} priority
 * @param {number} reportedMs
 * @param {PauseModel} pauses
 * @param {number} nowMs
 * @returns {{ response: number|null, resolution: number|null }}
 */
function dueTimes(args, contract, priority, reportedMs, pauses, nowMs) {
  const clocks = slaClocks(contract, transitionCalendar(args, contract), priority, 'incidentTransition');
  if (clocks === null) {
    return { response: null, resolution: null };
  }
  return {
    response: clocks.responseMs === null ? null : addOpenMs(clocks.clock, reportedMs, clocks.responseMs),
    resolution:
      clocks.resolutionMs === null
        ? null
        : addOpenMs(
            clocks.clock,
            reportedMs,
            clocks.resolutionMs + pausedClockMs(clocks.clock, pauses, reportedMs, nowMs)
          )
  };
}
