// @ts-check
/**
 * maintenanceEngine: the only place where a maintenance business rule is written. The Lightning components and the
 * TypeScript CLI both import this module, so it imports nothing (no npm package loads on Salesforce) and relies only
 * on what browsers, Lightning Web Security and Node all provide: time zones come from `Intl.DateTimeFormat`.
 *
 * Conventions
 * - Instants are `Date` objects; calendar days are `'YYYY-MM-DD'` strings; durations are minutes unless a name says
 *   otherwise. Internally instants are epoch milliseconds and days are "day numbers" (days since 1970-01-01).
 * - Bad input throws a `TypeError` (wrong type) or a `RangeError` (right type, impossible value) whose message starts
 *   with the function and names the argument, rather than returning a wrong date.
 * - Calendars are treated as immutable values: each one is compiled once (cached by identity, and by content for
 *   look-alike copies), and its open intervals are cached in UTC by blocks of days.
 *
 * It is one file on purpose: Node needs `.js` in relative import specifiers while the Salesforce LWC bundler resolves
 * sibling files without it, and one self-contained module is what both are sure to load.
 */

// ---------------------------------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------------------------------

/** @typedef {'P1'|'P2'|'P3'|'P4'} Priority */
/** @typedef {'High'|'Medium'|'Low'} Level */
/** @typedef {'mon'|'tue'|'wed'|'thu'|'fri'|'sat'|'sun'} WeekdayKey */
/** @typedef {'Draft'|'Signed'|'Active'|'Suspended'|'Expired'|'Terminated'} ContractStatus */
/** @typedef {'New'|'Acknowledged'|'In Progress'|'Waiting on Customer'|'Resolved'|'Closed'|'Cancelled'} IncidentStatus */
/**
 * @typedef {'create'|'acknowledge'|'start'|'wait'|'resume'|'resolve'|'close'|'cancel'|'reprioritize'|'recompute'}
 *   IncidentAction
 */
/** @typedef {'green'|'yellow'|'orange'|'red'|'grey'} SlaBand */

/**
 * Wall-clock opening interval: `[start, end]` as `'HH:MM'`, start inclusive, end exclusive (`'24:00'` = midnight).
 * @typedef {[string, string]} HoursInterval
 */
/** @typedef {Partial<Record<WeekdayKey, HoursInterval[]>>} WeeklyHours */

/**
 * A calendar with opening hours: weekly intervals in its time zone, minus holidays (whole local days).
 * @typedef {Object} BusinessHoursCalendar
 * @property {string} [name] DeveloperName of the Maintenance_Calendar__mdt it came from
 * @property {string} timeZone IANA time zone, e.g. `'Europe/Paris'`
 * @property {WeeklyHours} weeklyHours missing or empty day = closed
 * @property {string[]} [holidays] `'YYYY-MM-DD'` local days on which the calendar is closed
 * @property {false} [alwaysOpen]
 */
/**
 * A 24x7 calendar: business time equals elapsed time (a DST night is 23 or 25 real hours long, and counts as such).
 * @typedef {Object} AlwaysOpenCalendar
 * @property {string} [name]
 * @property {string} [timeZone] only used to tell which local day an instant falls on
 * @property {true} alwaysOpen
 */
/** @typedef {BusinessHoursCalendar | AlwaysOpenCalendar} Calendar */

/**
 * Targets of one priority. A `null` target means the contract commits to none.
 * @typedef {Object} SlaTarget
 * @property {number|null} responseMinutes GTI, in clock minutes
 * @property {number|null} resolutionMinutes GTR, in clock minutes
 * @property {boolean} alwaysOn true when this priority runs on a 24x7 clock instead of the contract's calendar
 */
/** @typedef {Partial<Record<Priority, SlaTarget>>} SlaTargets */

/**
 * Engine view of a Maintenance_Contract__c. Only `status`, `startDate` and `endDate` are needed everywhere; each
 * function documents the other properties it reads.
 * @typedef {Object} Contract
 * @property {string|null} [id]
 * @property {string|null} [name]
 * @property {string|null} [accountId]
 * @property {ContractStatus} status
 * @property {string|null} [type]
 * @property {string|null} [provider]
 * @property {string} startDate inclusive
 * @property {string} endDate inclusive
 * @property {number|null} [noticePeriodDays] default 90
 * @property {string|null} [noticeDeadline] of the initial term; defaults to endDate - noticePeriodDays
 * @property {boolean} [tacitRenewal] renews term by term unless notice is given by the current term's deadline
 * @property {number|null} [renewalTermMonths] length of each tacit renewal, in months (default 12)
 * @property {number|null} [maxRenewals] tacit renewals allowed; null = no limit
 * @property {string|null} [noticeGivenOn] the day notice was given (the contract then ends at the end of a term)
 * @property {string|null} [calendarName] DeveloperName of a Maintenance_Calendar__mdt
 * @property {string|null} [timeZone] overrides the calendar's time zone
 * @property {string|null} [slaTemplate]
 * @property {SlaTargets} [sla]
 * @property {number|null} [budgetDays] man-days
 * @property {number|null} [consumedDays] man-days: the Consumed_Effort_Days__c roll-up (billable effort entries)
 * @property {number|null} [amendedBudgetDays] the Amended_Budget_Days__c roll-up (every amendment's budget change)
 * @property {number|null} [alertThresholdPercent] 0-100, default 80
 * @property {number|null} [dailyRate]
 * @property {number|null} [monthlyFee]
 * @property {number|null} [monthlySpendAlert] Time and Materials: a month's spend that raises the alert
 * @property {number|null} [penaltyRatePercent] service credit per breached incident, % of the monthly fee
 * @property {number|null} [penaltyCapPercent] cap of the credits in a month, % of the monthly fee
 * @property {string|null} [handoverChecklistId]
 * @property {string|null} [externalId]
 */

/**
 * A pause of the resolution clock ("Waiting on Customer"); an open pause has no `to`.
 * @typedef {Object} Pause
 * @property {Date} from
 * @property {Date|null} [to]
 */

/**
 * Engine view of a Maintenance_Incident__c. Pauses come either as `pauses` (intervals) or as `pausedMinutes` plus
 * `pausedSince` (what the record stores); see computeSlaTargets for the equivalence.
 * @typedef {Object} Incident
 * @property {string|null} [id]
 * @property {string|null} [name]
 * @property {string|null} [accountId]
 * @property {string|null} [contractId]
 * @property {string|null} [subject]
 * @property {string|null} [category]
 * @property {Level|null} [impact]
 * @property {Level|null} [urgency]
 * @property {Priority} [priority]
 * @property {boolean} [priorityOverridden]
 * @property {IncidentStatus|null} [status]
 * @property {Date} [reportedAt]
 * @property {Date|null} [respondedAt]
 * @property {Date|null} [resolvedAt]
 * @property {Date|null} [closedAt]
 * @property {Date|null} [responseDue] as stamped on the record
 * @property {Date|null} [resolutionDue] as stamped on the record
 * @property {Date|null} [originalResolutionDue] as stamped on the record
 * @property {Pause[]} [pauses]
 * @property {number|null} [pausedMinutes] clock minutes spent in closed pauses
 * @property {Date|null} [pausedSince] start of the open pause
 * @property {string|null} [pauseReason] Pause_Reason__c, one of PAUSE_REASONS, while waiting on the customer
 * @property {Date|null} [responseBreachedAt] Response_Breached_At__c: when the response clock passed its target
 * @property {Date|null} [resolutionBreachedAt] Resolution_Breached_At__c: when the restore clock passed its target
 * @property {number|null} [effortDays]
 * @property {boolean} [outOfCoverage]
 * @property {string|null} [externalId]
 */

/**
 * Engine view of a Handover_Checklist__c.
 * @typedef {Object} Checklist
 * @property {string|null} [id]
 * @property {string|null} [name]
 * @property {string|null} [accountId]
 * @property {string|null} [projectName]
 * @property {string|null} [goLiveDate]
 * @property {string|null} [warrantyEndDate] the day maintenance must take over
 * @property {string|null} [phase]
 * @property {string|null} [signedOffById]
 * @property {string|null} [signedOffOn]
 * @property {string|null} [externalId]
 */

/**
 * Engine view of a Contract_Amendment__c: a signed change of a contract's terms from its effective date on. Budget
 * changes add up; a new monthly fee or end date replaces the one before (amendments apply in effective-date order).
 * @typedef {Object} Amendment
 * @property {string|null} [id]
 * @property {string|null} [name]
 * @property {string|null} [contractId]
 * @property {string} effectiveDate 'YYYY-MM-DD'
 * @property {string|null} [reason] one of AMENDMENT_REASONS
 * @property {number|null} [budgetDaysChange] man-days added (negative: removed)
 * @property {number|null} [newMonthlyFee]
 * @property {string|null} [newEndDate] 'YYYY-MM-DD'
 * @property {string|null} [scopeNote]
 * @property {string|null} [externalId]
 */

/**
 * Engine view of an Effort_Entry__c: work done under a contract (optionally on an incident), in man-days.
 * @typedef {Object} EffortEntry
 * @property {string|null} [id]
 * @property {string|null} [contractId]
 * @property {string|null} [incidentId]
 * @property {string} workDate 'YYYY-MM-DD'
 * @property {number} days man-days, > 0
 * @property {string|null} [kind] one of EFFORT_KINDS
 * @property {boolean} [billable] default true
 * @property {string|null} [externalId]
 */

/**
 * Engine view of a Maintenance_Transition__c: one go-live and the decision about what maintains the application
 * after it.
 * @typedef {Object} Transition
 * @property {string|null} [id]
 * @property {string|null} [name]
 * @property {string|null} [accountId]
 * @property {string|null} [handoverChecklistId]
 * @property {string} goLiveDate 'YYYY-MM-DD'
 * @property {string|null} [warrantyEndDate]
 * @property {string|null} [optionChosen] DeveloperName of the chosen Transition_Option__mdt
 * @property {string|null} [decisionDate]
 * @property {string|null} [rationale]
 * @property {string|null} [successorContractId]
 * @property {string|null} [externalId]
 */

/**
 * A way to maintain an application after its go-live (Transition_Option__mdt).
 * @typedef {Object} TransitionOption
 * @property {string} name DeveloperName
 * @property {string} label MasterLabel
 * @property {number} leadTimeDays days needed from the decision to a working contract
 * @property {string|null} [contractType] Contract_Type__c of the successor contract
 * @property {number|null} [termMonths] length of the successor contract, in months
 * @property {number|null} [sortOrder]
 * @property {string|null} [description]
 */

/**
 * Engine view of a Handover_Item__c.
 * @typedef {Object} ChecklistItem
 * @property {string|null} [id]
 * @property {string|null} [name]
 * @property {string|null} [checklistId]
 * @property {string|null} [category]
 * @property {boolean} mandatory
 * @property {boolean} done
 * @property {string|null} [doneOn]
 * @property {string|null} [ownerId]
 * @property {string|null} [dueDate]
 * @property {string|null} [evidenceLink]
 * @property {number|null} [sortOrder]
 * @property {string|null} [templateItem]
 * @property {boolean} [reservation] accepted open at a sign-off with reservations
 * @property {string|null} [externalId]
 */

/**
 * Maintenance_Incident__c fields an incident transition writes, datetimes as ISO strings.
 * @typedef {Object} IncidentFields
 * @property {IncidentStatus} [Status__c]
 * @property {Priority} [Priority__c]
 * @property {boolean} [Priority_Overridden__c]
 * @property {Level} [Impact__c]
 * @property {Level} [Urgency__c]
 * @property {string|null} [Contract__c]
 * @property {boolean} [Out_Of_Coverage__c]
 * @property {string} [Reported_At__c]
 * @property {string|null} [Responded_At__c]
 * @property {string|null} [Resolved_At__c]
 * @property {string|null} [Closed_At__c]
 * @property {string|null} [Paused_Since__c]
 * @property {number} [Paused_Minutes__c]
 * @property {string|null} [Response_Due__c]
 * @property {string|null} [Resolution_Due__c]
 * @property {string|null} [Original_Resolution_Due__c]
 * @property {string|null} [Pause_Reason__c] one of PAUSE_REASONS
 * @property {string} [Response_Breached_At__c] written once, when the response clock is first seen past its target
 * @property {string} [Resolution_Breached_At__c] written once, when the restore clock is first seen past its target
 */

/**
 * @typedef {Object} SlaStatus
 * @property {SlaBand} band
 * @property {number|null} elapsedPercent clock time used of the governing target, in % (above 100 once overdue)
 * @property {number|null} remainingMinutes clock minutes left on the governing target (negative once overdue)
 * @property {boolean} responseBreached
 * @property {boolean} resolutionBreached
 * @property {Date|null} responseDue
 * @property {Date|null} resolutionDue for an open pause: the due if the clock restarted at the evaluation time
 * @property {boolean} paused
 * @property {'response'|'resolution'|null} governing the target the band and figures describe
 * @property {Date|null} responseBreachedAt the Response_Breached_At__c stamp, else the due when the response clock
 *   has passed it unmet; null when the response target was not missed
 * @property {Date|null} resolutionBreachedAt the same for the restore (GTR) clock
 * @property {SlaState} state one of SLA_STATES, the words of the SLA_State__c formula
 * @property {ClockState} responseClock where the response (GTI) clock stands: breached, met (responded in time),
 *   running, or none (no target)
 * @property {ClockState} resolutionClock where the restore (GTR) clock stands: breached, met (resolved in time),
 *   paused, running, or none (no target)
 * @property {boolean} alwaysOn the incident's clocks run 24x7 (its priority's alwaysOn target, or an alwaysOpen
 *   calendar): durations are elapsed time, not business time; false without SLA
 */
/** @typedef {'running'|'paused'|'met'|'breached'|'none'} ClockState */
/** @typedef {'On Track'|'Paused'|'Response Breached'|'Breached'|'Breached (paused)'|'Met'|'Cancelled'|'No SLA'} SlaState */

/**
 * @typedef {Object} CoverageSegment
 * @property {string} start first day, inclusive
 * @property {string} end last day, inclusive
 * @property {'covered'|'gap'|'pre-coverage'} kind `pre-coverage`: before the earliest day any source starts
 * @property {string[]} sourceIds the contracts and checklists covering these days, sorted
 */
/**
 * @typedef {Object} CoverageAlert
 * @property {'notice'|'notice-passed'|'coverage-end'|'gap'} kind
 * @property {string} date the notice deadline (coming or passed), the last covered day, or the first gap day
 * @property {string|null} sourceId
 * @property {number} daysLeft days from today to `date` (negative for a passed notice deadline)
 * @property {number} [threshold] for notice alerts: the 90/60/30/0 milestone reached
 * @property {string|null} [renewsUntil] notice-passed: the contract renews tacitly until this day
 * @property {string|null} [endsOn] notice-passed: the contract ends on this day (no renewal)
 */

// ---------------------------------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------------------------------

const MINUTE_MS = 60000;
const DAY_MS = 86400000;
/** Days per cached block of a calendar's open intervals. */
const CHUNK_DAYS = 64;
/** A calendar keeps at most this many blocks (~350 years); beyond, the cache restarts rather than grow forever. */
const MAX_CHUNKS = 2048;

/** @type {readonly Priority[]} */
export const PRIORITIES = Object.freeze(/** @type {Priority[]} */ (['P1', 'P2', 'P3', 'P4']));
/** @type {readonly Level[]} */
export const LEVELS = Object.freeze(/** @type {Level[]} */ (['High', 'Medium', 'Low']));
/** @type {readonly IncidentStatus[]} */
export const INCIDENT_STATUSES = Object.freeze(
  /** @type {IncidentStatus[]} */ ([
    'New',
    'Acknowledged',
    'In Progress',
    'Waiting on Customer',
    'Resolved',
    'Closed',
    'Cancelled'
  ])
);
/** @type {readonly ContractStatus[]} */
export const CONTRACT_STATUSES = Object.freeze(
  /** @type {ContractStatus[]} */ (['Draft', 'Signed', 'Active', 'Suspended', 'Expired', 'Terminated'])
);
/**
 * Statuses in which a contract covers its days: Signed (from its start date, even before it is activated) and Active.
 * Expired contracts covered their own period (no renewal); Draft, Suspended and Terminated cover nothing.
 * @type {readonly ContractStatus[]}
 */
export const COVERING_STATUSES = Object.freeze(/** @type {ContractStatus[]} */ (['Signed', 'Active']));
/** Contract_Type__c values. */
export const CONTRACT_TYPES = Object.freeze(['TMA', 'Warranty', 'Project Extension', 'Time and Materials', 'Internal']);
/** The contract type billed by the day with no budget cap (régie). */
export const TIME_AND_MATERIALS = 'Time and Materials';
/** Contract_Amendment__c.Reason__c values. */
export const AMENDMENT_REASONS = Object.freeze([
  'Project Delay',
  'Reduced Go-Live Scope',
  'Integrator Cost Cap',
  'Renewal',
  'Other'
]);
/**
 * How far ahead the Maintenance tab, the report and the preview's account list look for a gap, in days: as far as
 * the longest default transition lead time (a tender, 180 days), so that a gap shows while every option is open.
 */
export const COVERAGE_HORIZON_DAYS = 180;
/** Length of a tacit renewal when the contract does not say, in months. */
export const DEFAULT_RENEWAL_TERM_MONTHS = 12;
/** A transition option closing within this many days raises an alert (when it is a long one, see below). */
export const TRANSITION_ALERT_DAYS = 30;
/** Options with at least this lead time are the "long" ones (a tender, a new TMA, internalising). */
export const LONG_OPTION_LEAD_DAYS = 90;
/** @type {readonly string[]} */
export const INCIDENT_CATEGORIES = Object.freeze(['Corrective', 'Evolutive', 'Adaptive', 'Preventive']);
/** Effort_Entry__c.Kind__c values: the maintenance kinds, as for incidents. */
export const EFFORT_KINDS = INCIDENT_CATEGORIES;
/** Weekday keys, Monday first (ISO order). @type {readonly WeekdayKey[]} */
export const WEEKDAYS = Object.freeze(/** @type {WeekdayKey[]} */ (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']));
/** Notice-deadline milestones, in days before the deadline. */
export const NOTICE_ALERT_DAYS = Object.freeze([90, 60, 30, 0]);
/** Default budget alert threshold, in % consumed. */
export const DEFAULT_ALERT_THRESHOLD_PERCENT = 80;
/** Default notice period, in days. */
export const DEFAULT_NOTICE_PERIOD_DAYS = 90;

/** Mon-Fri 09:00-18:00: the hours of a contract that names no calendar (frozen: it is shared). @type {WeeklyHours} */
export const DEFAULT_WEEKLY_HOURS = Object.freeze(
  Object.fromEntries(
    WEEKDAYS.map((key) => [
      key,
      Object.freeze(
        key === 'sat' || key === 'sun' ? [] : [Object.freeze(/** @type {HoursInterval} */ (['09:00', '18:00']))]
      )
    ])
  )
);

/** @type {Record<Level, Record<Level, Priority>>} impact -> urgency -> priority (DESIGN.md "Domain reference figures") */
const PRIORITY_MATRIX = {
  High: { High: 'P1', Medium: 'P2', Low: 'P3' },
  Medium: { High: 'P2', Medium: 'P3', Low: 'P4' },
  Low: { High: 'P3', Medium: 'P4', Low: 'P4' }
};

/**
 * Pause_Reason__c values, in picklist order: why an incident waits on the customer. A pause needs one.
 * @type {readonly string[]}
 */
export const PAUSE_REASONS = Object.freeze([
  'Waiting for customer information',
  'Waiting for customer test',
  'Customer-side outage',
  'Planned change window'
]);

/**
 * Where an incident's SLA stands, in the words of the SLA_State__c formula, by precedence: Cancelled; No SLA (no
 * target and no breach stamp); Breached (paused) (waiting on the customer with either clock breached); Paused;
 * Breached (restore target missed); Response Breached; Met (resolved or closed in time); On Track.
 * @type {readonly SlaState[]}
 */
export const SLA_STATES = Object.freeze(
  /** @type {SlaState[]} */ ([
    'On Track',
    'Paused',
    'Response Breached',
    'Breached',
    'Breached (paused)',
    'Met',
    'Cancelled',
    'No SLA'
  ])
);

/** Statuses in which the incident is still being worked (its clocks may run). @type {readonly IncidentStatus[]} */
export const OPEN_STATUSES = Object.freeze(
  /** @type {IncidentStatus[]} */ (['New', 'Acknowledged', 'In Progress', 'Waiting on Customer'])
);

/**
 * Which statuses each action may leave. 'wait' needs a response first: the response clock stops at the response,
 * so a pause only ever holds the resolution clock.
 * @type {Record<IncidentAction, readonly (IncidentStatus|null)[]>}
 */
const ALLOWED_FROM = {
  create: [null, 'New'],
  acknowledge: ['New'],
  start: ['New', 'Acknowledged'],
  wait: ['Acknowledged', 'In Progress'],
  resume: ['Waiting on Customer'],
  resolve: OPEN_STATUSES,
  close: ['Resolved'],
  cancel: OPEN_STATUSES,
  reprioritize: OPEN_STATUSES,
  recompute: [null, ...INCIDENT_STATUSES]
};

// ---------------------------------------------------------------------------------------------------------------------
// Argument checks
// ---------------------------------------------------------------------------------------------------------------------

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {string} name
 * @returns {number} epoch ms
 */
function instantMs(value, fn, name) {
  if (!(value instanceof Date)) {
    throw new TypeError(`${fn}: ${name} must be a Date, got ${describe(value)}`);
  }
  const ms = value.getTime();
  if (Number.isNaN(ms)) {
    throw new RangeError(`${fn}: ${name} is an invalid Date`);
  }
  return ms;
}

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {string} name
 * @returns {number|null}
 */
function optionalInstantMs(value, fn, name) {
  return value === undefined || value === null ? null : instantMs(value, fn, name);
}

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {string} name
 * @returns {number} a finite number >= 0
 */
function nonNegativeNumber(value, fn, name) {
  if (typeof value !== 'number') {
    throw new TypeError(`${fn}: ${name} must be a number, got ${describe(value)}`);
  }
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${fn}: ${name} must be a finite number >= 0, got ${value}`);
  }
  return value;
}

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {string} name
 * @returns {Record<string, any>}
 */
function objectArg(value, fn, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${fn}: ${name} must be an object, got ${describe(value)}`);
  }
  return /** @type {Record<string, any>} */ (value);
}

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {string} name
 * @returns {any[]}
 */
function arrayArg(value, fn, name) {
  if (!Array.isArray(value)) {
    throw new TypeError(`${fn}: ${name} must be an array, got ${describe(value)}`);
  }
  return value;
}

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {string} name
 * @returns {Priority}
 */
function priorityArg(value, fn, name) {
  if (typeof value !== 'string' || !PRIORITIES.includes(/** @type {Priority} */ (value))) {
    throw new RangeError(`${fn}: ${name} must be one of ${PRIORITIES.join(', ')}, got ${describe(value)}`);
  }
  return /** @type {Priority} */ (value);
}

/** @param {unknown} value */
function describe(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : String(value);
}

// ---------------------------------------------------------------------------------------------------------------------
// Calendar days ('YYYY-MM-DD' <-> day numbers)
// ---------------------------------------------------------------------------------------------------------------------

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {string} name
 * @returns {number} days since 1970-01-01
 */
function dayNumber(value, fn, name) {
  if (typeof value !== 'string') {
    throw new TypeError(`${fn}: ${name} must be a 'YYYY-MM-DD' string, got ${describe(value)}`);
  }
  const match = DAY_PATTERN.exec(value);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    const probe = new Date(0);
    probe.setUTCFullYear(year, month - 1, day);
    if (probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day) {
      return Math.round(probe.getTime() / DAY_MS);
    }
  }
  throw new RangeError(`${fn}: ${name} must be a real 'YYYY-MM-DD' day, got ${JSON.stringify(value)}`);
}

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {string} name
 * @returns {number|null}
 */
function optionalDayNumber(value, fn, name) {
  return value === undefined || value === null || value === '' ? null : dayNumber(value, fn, name);
}

/**
 * @param {number} day days since 1970-01-01
 * @returns {string} 'YYYY-MM-DD'
 */
function formatDay(day) {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  return `${String(year).padStart(4, '0')}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
}

/** @param {number} value */
function pad2(value) {
  return value < 10 ? `0${value}` : String(value);
}

/**
 * Monday = 0 ... Sunday = 6. Day 0 (1970-01-01) was a Thursday.
 * @param {number} day
 */
function weekdayIndex(day) {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * The day `days` days after `day` (before, when negative).
 * @param {string} day 'YYYY-MM-DD'
 * @param {number} days whole days
 * @returns {string} 'YYYY-MM-DD'
 */
export function addDays(day, days) {
  const start = dayNumber(day, 'addDays', 'day');
  if (typeof days !== 'number' || !Number.isInteger(days)) {
    throw new TypeError(`addDays: days must be an integer, got ${describe(days)}`);
  }
  return formatDay(start + days);
}

/**
 * @param {number} day days since 1970-01-01
 * @param {number} months whole months
 * @returns {number} the same day of the month `months` later, on the month's last day when it has fewer days
 */
function addMonthsToDay(day, months) {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastOfMonth = new Date(0);
  lastOfMonth.setUTCFullYear(year, month + 1, 0);
  const probe = new Date(0);
  probe.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastOfMonth.getUTCDate()));
  return Math.round(probe.getTime() / DAY_MS);
}

/**
 * The same day `months` months later (earlier when negative), on the last day of the month when that month is
 * shorter (31 January + 1 month = 28 or 29 February). Unlike Salesforce's ADDMONTHS, a month's last day stays the same
 * day number (28 February + 1 month = 28 March): terms are counted from their first day, which this keeps exact.
 * @param {string} day 'YYYY-MM-DD'
 * @param {number} months whole months
 * @returns {string} 'YYYY-MM-DD'
 */
export function addMonths(day, months) {
  const start = dayNumber(day, 'addMonths', 'day');
  if (typeof months !== 'number' || !Number.isInteger(months)) {
    throw new TypeError(`addMonths: months must be an integer, got ${describe(months)}`);
  }
  return formatDay(addMonthsToDay(start, months));
}

/**
 * Whole days from `from` to `to` (negative when `to` is earlier).
 * @param {string} from 'YYYY-MM-DD'
 * @param {string} to 'YYYY-MM-DD'
 * @returns {number} days
 */
export function daysBetween(from, to) {
  return dayNumber(to, 'daysBetween', 'to') - dayNumber(from, 'daysBetween', 'from');
}

/**
 * The local day on which an instant falls in a time zone.
 * @param {Date} instant
 * @param {string} timeZone IANA zone
 * @returns {string} 'YYYY-MM-DD'
 */
export function dayOf(instant, timeZone) {
  const ms = instantMs(instant, 'dayOf', 'instant');
  return formatDay(localDayOfZone(zoneFor(timeZone, 'dayOf', 'timeZone'), ms));
}

// ---------------------------------------------------------------------------------------------------------------------
// Time zones
// ---------------------------------------------------------------------------------------------------------------------

/**
 * @typedef {Object} Zone
 * @property {string} name
 * @property {Intl.DateTimeFormat|null} formatter null for UTC
 */

/** @type {Map<string, Zone>} */
const zones = new Map();

/**
 * @param {unknown} timeZone
 * @param {string} fn
 * @param {string} name
 * @returns {Zone}
 */
function zoneFor(timeZone, fn, name) {
  if (typeof timeZone !== 'string' || timeZone.length === 0) {
    throw new TypeError(`${fn}: ${name} must be an IANA time zone name, got ${describe(timeZone)}`);
  }
  let zone = zones.get(timeZone);
  if (zone) {
    return zone;
  }
  /** @type {Intl.DateTimeFormat} */
  let formatter;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    });
  } catch {
    throw new RangeError(`${fn}: ${name} is not a known time zone: ${JSON.stringify(timeZone)}`);
  }
  const resolved = formatter.resolvedOptions().timeZone;
  zone = { name: resolved, formatter: resolved === 'UTC' ? null : formatter };
  zones.set(timeZone, zone);
  return zone;
}

/**
 * Offset of local time from UTC at an instant, in ms (Paris in winter: +3,600,000).
 * @param {Zone} zone
 * @param {number} ms epoch ms
 */
function offsetAt(zone, ms) {
  if (zone.formatter === null) {
    return 0;
  }
  let year = 1970;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of zone.formatter.formatToParts(ms)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      default:
        break;
    }
  }
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, second, 0);
  const wholeSecond = ms - (((ms % 1000) + 1000) % 1000);
  return wall.getTime() - wholeSecond;
}

/**
 * The instant at which a zone's clocks show a wall time (wall time expressed as "ms since 1970 as if in UTC").
 * Times repeated when clocks go back resolve to the earlier instant; times skipped when clocks go forward resolve to
 * the instant the skipped span ends at (02:30 on the spring-forward night in Paris is 03:30 CEST), as Temporal's
 * "compatible" disambiguation does.
 * @param {Zone} zone
 * @param {number} wall
 * @returns {number} epoch ms
 */
function wallToInstant(zone, wall) {
  if (zone.formatter === null) {
    return wall;
  }
  const before = offsetAt(zone, wall - DAY_MS);
  const after = offsetAt(zone, wall + DAY_MS);
  if (before === after) {
    return wall - before;
  }
  const early = wall - before;
  const late = wall - after;
  const earlyValid = offsetAt(zone, early) === before;
  const lateValid = offsetAt(zone, late) === after;
  if (earlyValid && lateValid) {
    return Math.min(early, late);
  }
  if (earlyValid) {
    return early;
  }
  if (lateValid) {
    return late;
  }
  return early;
}

/**
 * @param {Zone} zone
 * @param {number} ms
 * @returns {number} local day number
 */
function localDayOfZone(zone, ms) {
  return Math.floor((ms + offsetAt(zone, ms)) / DAY_MS);
}

// ---------------------------------------------------------------------------------------------------------------------
// Calendars: compilation and cached open intervals
// ---------------------------------------------------------------------------------------------------------------------

/**
 * A block of CHUNK_DAYS consecutive local days of a calendar, with everything in UTC ms.
 * @typedef {Object} DayChunk
 * @property {number} number chunk number (firstDay / CHUNK_DAYS)
 * @property {number} firstDay local day number of the first day
 * @property {Float64Array} starts CHUNK_DAYS + 1 instants: the local midnight starting each day (last = next chunk)
 * @property {Int32Array} index CHUNK_DAYS + 1 positions in `open` of each day's first interval
 * @property {Float64Array} open flat [start, end, start, end...] open intervals, in order
 * @property {Float64Array} cumulative CHUNK_DAYS + 1 open ms from the chunk start to each day's start (last = total)
 */

/**
 * @typedef {Object} CompiledCalendar
 * @property {boolean} alwaysOpen
 * @property {Zone} zone
 * @property {number[][]} weekly per weekday (Monday first) flat [startMinute, endMinute, ...] local minutes
 * @property {Set<number>} holidays local day numbers
 * @property {Map<number, DayChunk>} chunks
 * @property {number} lastOffset offset of the last day located, the first guess for the next lookup
 * @property {DayChunk|null} foundChunk result slot of locate() (avoids an allocation per lookup)
 * @property {number} foundDay result slot of locate(): day index within foundChunk
 */

/** @type {WeakMap<object, CompiledCalendar>} */
const compiledByIdentity = new WeakMap();
/** @type {Map<string, CompiledCalendar>} */
const compiledByContent = new Map();
/** @type {CompiledCalendar} */
const ALWAYS_OPEN = makeCompiled(true, zoneFor('UTC', 'calendar', 'timeZone'), [], new Set());

/**
 * @param {boolean} alwaysOpen
 * @param {Zone} zone
 * @param {number[][]} weekly
 * @param {Set<number>} holidays
 * @returns {CompiledCalendar}
 */
function makeCompiled(alwaysOpen, zone, weekly, holidays) {
  return {
    alwaysOpen,
    zone,
    weekly,
    holidays,
    chunks: new Map(),
    lastOffset: 0,
    foundChunk: null,
    foundDay: 0
  };
}

/**
 * @param {unknown} calendar
 * @param {string} fn
 * @param {string} [name]
 * @returns {CompiledCalendar}
 */
function compileCalendar(calendar, fn, name = 'calendar') {
  if (calendar === null || typeof calendar !== 'object' || Array.isArray(calendar)) {
    throw new TypeError(`${fn}: ${name} must be a calendar object, got ${describe(calendar)}`);
  }
  const cached = compiledByIdentity.get(calendar);
  if (cached) {
    return cached;
  }
  const source = /** @type {Record<string, any>} */ (calendar);
  let compiled;
  if (source.alwaysOpen === true) {
    compiled =
      source.timeZone === undefined || source.timeZone === null
        ? ALWAYS_OPEN
        : makeCompiled(true, zoneFor(source.timeZone, fn, `${name}.timeZone`), [], new Set());
  } else {
    const zone = zoneFor(source.timeZone, fn, `${name}.timeZone`);
    const weekly = compileWeeklyHours(source.weeklyHours, fn, `${name}.weeklyHours`);
    const holidayList = source.holidays === undefined || source.holidays === null ? [] : source.holidays;
    const holidays = new Set(
      arrayArg(holidayList, fn, `${name}.holidays`).map((day, i) => dayNumber(day, fn, `${name}.holidays[${i}]`))
    );
    const key = JSON.stringify([zone.name, weekly, [...holidays].sort((a, b) => a - b)]);
    compiled = compiledByContent.get(key);
    if (!compiled) {
      compiled = makeCompiled(false, zone, weekly, holidays);
      compiled.lastOffset = offsetAt(zone, Date.now());
      if (compiledByContent.size >= 256) {
        compiledByContent.clear();
      }
      compiledByContent.set(key, compiled);
    }
  }
  compiledByIdentity.set(calendar, compiled);
  return compiled;
}

/**
 * @param {unknown} weeklyHours
 * @param {string} fn
 * @param {string} name
 * @returns {number[][]}
 */
function compileWeeklyHours(weeklyHours, fn, name) {
  const hours = objectArg(weeklyHours, fn, name);
  for (const key of Object.keys(hours)) {
    if (!WEEKDAYS.includes(/** @type {WeekdayKey} */ (key))) {
      throw new RangeError(`${fn}: ${name} has an unknown day ${JSON.stringify(key)} (use ${WEEKDAYS.join(', ')})`);
    }
  }
  let openMinutes = 0;
  const weekly = WEEKDAYS.map((key) => {
    const list = hours[key] === undefined || hours[key] === null ? [] : arrayArg(hours[key], fn, `${name}.${key}`);
    const intervals = list.map((interval, i) => {
      const label = `${name}.${key}[${i}]`;
      if (!Array.isArray(interval) || interval.length !== 2) {
        throw new TypeError(`${fn}: ${label} must be a ['HH:MM', 'HH:MM'] pair, got ${describe(interval)}`);
      }
      const start = wallMinutes(interval[0], fn, label, false);
      const end = wallMinutes(interval[1], fn, label, true);
      if (end <= start) {
        throw new RangeError(`${fn}: ${label} ends before it starts (${interval[0]}-${interval[1]})`);
      }
      return [start, end];
    });
    intervals.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < intervals.length; i += 1) {
      if (intervals[i][0] < intervals[i - 1][1]) {
        throw new RangeError(`${fn}: ${name}.${key} has overlapping intervals`);
      }
    }
    // Touching intervals ("09:00-12:00", "12:00-18:00") are one stretch of open time.
    /** @type {number[]} */
    const flat = [];
    for (const [start, end] of intervals) {
      if (flat.length > 0 && flat[flat.length - 1] === start) {
        flat[flat.length - 1] = end;
      } else {
        flat.push(start, end);
      }
      openMinutes += end - start;
    }
    return flat;
  });
  if (openMinutes === 0) {
    throw new RangeError(`${fn}: ${name} has no open hours in the week (use alwaysOpen for a 24x7 calendar)`);
  }
  return weekly;
}

const WALL_TIME_PATTERN = /^(\d{1,2}):(\d{2})$/;

/**
 * @param {unknown} value
 * @param {string} fn
 * @param {string} name
 * @param {boolean} isEnd '24:00' is only an end
 * @returns {number} minutes since local midnight
 */
function wallMinutes(value, fn, name, isEnd) {
  if (typeof value !== 'string') {
    throw new TypeError(`${fn}: ${name} must hold 'HH:MM' strings, got ${describe(value)}`);
  }
  const match = WALL_TIME_PATTERN.exec(value);
  const hours = match ? Number(match[1]) : NaN;
  const minutes = match ? Number(match[2]) : NaN;
  const valid = match !== null && minutes < 60 && (hours < 24 || (isEnd && hours === 24 && minutes === 0));
  if (!valid) {
    throw new RangeError(`${fn}: ${name} has an invalid time ${JSON.stringify(value)} (expected HH:MM, 00:00-24:00)`);
  }
  return hours * 60 + minutes;
}

/**
 * @param {CompiledCalendar} cal
 * @param {number} number
 * @returns {DayChunk}
 */
function chunkAt(cal, number) {
  let chunk = cal.chunks.get(number);
  if (!chunk) {
    if (cal.chunks.size >= MAX_CHUNKS) {
      cal.chunks.clear();
    }
    chunk = buildChunk(cal, number);
    cal.chunks.set(number, chunk);
  }
  return chunk;
}

/**
 * Converts CHUNK_DAYS local days of opening hours into UTC intervals. Only days whose two midnights have different
 * offsets (DST change days) need an exact conversion of each opening time; other days shift by one offset.
 * @param {CompiledCalendar} cal
 * @param {number} number
 * @returns {DayChunk}
 */
function buildChunk(cal, number) {
  const zone = cal.zone;
  const firstDay = number * CHUNK_DAYS;
  const starts = new Float64Array(CHUNK_DAYS + 1);
  for (let i = 0; i <= CHUNK_DAYS; i += 1) {
    starts[i] = wallToInstant(zone, (firstDay + i) * DAY_MS);
  }
  const index = new Int32Array(CHUNK_DAYS + 1);
  const cumulative = new Float64Array(CHUNK_DAYS + 1);
  /** @type {number[]} */
  const open = [];
  let total = 0;
  for (let i = 0; i < CHUNK_DAYS; i += 1) {
    index[i] = open.length;
    cumulative[i] = total;
    const day = firstDay + i;
    if (cal.holidays.has(day)) {
      continue;
    }
    const wallMidnight = day * DAY_MS;
    const offset = wallMidnight - starts[i];
    const steady = offset === (day + 1) * DAY_MS - starts[i + 1];
    const minutes = cal.weekly[weekdayIndex(day)];
    for (let k = 0; k < minutes.length; k += 2) {
      const wallStart = wallMidnight + minutes[k] * MINUTE_MS;
      const wallEnd = wallMidnight + minutes[k + 1] * MINUTE_MS;
      const start = minutes[k] === 0 ? starts[i] : steady ? wallStart - offset : wallToInstant(zone, wallStart);
      const end = minutes[k + 1] === 1440 ? starts[i + 1] : steady ? wallEnd - offset : wallToInstant(zone, wallEnd);
      // An interval inside the hour skipped by a spring-forward change does not exist that day.
      if (end > start) {
        open.push(start, end);
        total += end - start;
      }
    }
  }
  index[CHUNK_DAYS] = open.length;
  cumulative[CHUNK_DAYS] = total;
  return { number, firstDay, starts, index, open: Float64Array.from(open), cumulative };
}

/**
 * Finds the chunk and day containing an instant; the result lands in cal.foundChunk / cal.foundDay.
 * @param {CompiledCalendar} cal
 * @param {number} ms
 * @returns {DayChunk}
 */
function locate(cal, ms) {
  const guess = Math.floor((ms + cal.lastOffset) / DAY_MS);
  let chunk = chunkAt(cal, Math.floor(guess / CHUNK_DAYS));
  let i = guess - chunk.firstDay;
  while (ms < chunk.starts[i]) {
    if (i === 0) {
      chunk = chunkAt(cal, chunk.number - 1);
      i = CHUNK_DAYS - 1;
    } else {
      i -= 1;
    }
  }
  while (ms >= chunk.starts[i + 1]) {
    if (i === CHUNK_DAYS - 1) {
      chunk = chunkAt(cal, chunk.number + 1);
      i = 0;
    } else {
      i += 1;
    }
  }
  cal.lastOffset = (chunk.firstDay + i) * DAY_MS - chunk.starts[i];
  cal.foundChunk = chunk;
  cal.foundDay = i;
  return chunk;
}

/**
 * Open ms from the start of `chunk` up to `ms`, which lies in day `day` of the chunk.
 * @param {DayChunk} chunk
 * @param {number} day
 * @param {number} ms
 */
function positionInChunk(chunk, day, ms) {
  let position = chunk.cumulative[day];
  const open = chunk.open;
  for (let k = chunk.index[day], end = chunk.index[day + 1]; k < end; k += 2) {
    if (ms <= open[k]) {
      break;
    }
    position += (ms < open[k + 1] ? ms : open[k + 1]) - open[k];
  }
  return position;
}

/**
 * Business ms between two instants (end >= start) on a compiled calendar.
 * @param {CompiledCalendar} cal
 * @param {number} startMs
 * @param {number} endMs
 */
function openMsBetween(cal, startMs, endMs) {
  if (cal.alwaysOpen) {
    return endMs - startMs;
  }
  const first = locate(cal, startMs);
  const fromStart = positionInChunk(first, cal.foundDay, startMs);
  const last = locate(cal, endMs);
  const toEnd = positionInChunk(last, cal.foundDay, endMs);
  if (first === last) {
    return toEnd - fromStart;
  }
  let total = first.cumulative[CHUNK_DAYS] - fromStart + toEnd;
  for (let number = first.number + 1; number < last.number; number += 1) {
    total += chunkAt(cal, number).cumulative[CHUNK_DAYS];
  }
  return total;
}

/**
 * The earliest instant at which `amountMs` (> 0) of open time has passed since `startMs`.
 * @param {CompiledCalendar} cal
 * @param {number} startMs
 * @param {number} amountMs
 */
function addOpenMs(cal, startMs, amountMs) {
  if (cal.alwaysOpen || amountMs === 0) {
    return startMs + amountMs;
  }
  let chunk = locate(cal, startMs);
  let target = positionInChunk(chunk, cal.foundDay, startMs) + amountMs;
  while (target > chunk.cumulative[CHUNK_DAYS]) {
    target -= chunk.cumulative[CHUNK_DAYS];
    chunk = chunkAt(cal, chunk.number + 1);
  }
  // First day whose end position reaches the target: its start position is strictly below the target.
  let low = 0;
  let high = CHUNK_DAYS - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (chunk.cumulative[middle + 1] >= target) {
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  let position = chunk.cumulative[low];
  const open = chunk.open;
  for (let k = chunk.index[low], end = chunk.index[low + 1]; k < end; k += 2) {
    const length = open[k + 1] - open[k];
    if (position + length >= target) {
      return open[k] + (target - position);
    }
    position += length;
  }
  /* c8 ignore next */
  throw new Error('addOpenMs: inconsistent calendar cache');
}

/**
 * Adds business minutes to an instant: the earliest instant at which `minutes` minutes of open calendar time have
 * passed since `start`. Open time is counted in real elapsed time, so it stays right across DST changes (a
 * 00:00-24:00 day lasts 23 h on the spring-forward Sunday); holidays and weekends are skipped; several intervals a day
 * are allowed. Adding 540 minutes to Monday 09:00 on a 09:00-18:00 calendar gives Monday 18:00, not Tuesday 09:00.
 * On an `alwaysOpen` calendar this is `start + minutes` (elapsed, wall-clock time). Adding 0 returns `start`.
 * @param {Date} start
 * @param {number} minutes business minutes (>= 0; fractions allowed, rounded to the millisecond)
 * @param {Calendar} calendar
 * @returns {Date}
 */
export function addBusinessMinutes(start, minutes, calendar) {
  const fn = 'addBusinessMinutes';
  const startMs = instantMs(start, fn, 'start');
  const amount = nonNegativeNumber(minutes, fn, 'minutes');
  const cal = compileCalendar(calendar, fn);
  return new Date(addOpenMs(cal, startMs, Math.round(amount * MINUTE_MS)));
}

/**
 * Business minutes between two instants: the open calendar time inside [start, end], in real elapsed minutes
 * (fractional when the instants are not on whole minutes). Inverse of addBusinessMinutes:
 * `businessMinutesBetween(s, addBusinessMinutes(s, m, c), c) === m`.
 * @param {Date} start
 * @param {Date} end must not be before start
 * @param {Calendar} calendar
 * @returns {number} business minutes
 */
export function businessMinutesBetween(start, end, calendar) {
  const fn = 'businessMinutesBetween';
  const startMs = instantMs(start, fn, 'start');
  const endMs = instantMs(end, fn, 'end');
  if (endMs < startMs) {
    throw new RangeError(`${fn}: end (${end.toISOString()}) is before start (${start.toISOString()})`);
  }
  return openMsBetween(compileCalendar(calendar, fn), startMs, endMs) / MINUTE_MS;
}

/**
 * Whether an instant falls inside the calendar's open hours.
 * @param {Date} instant
 * @param {Calendar} calendar
 * @returns {boolean}
 */
export function isOpenAt(instant, calendar) {
  const ms = instantMs(instant, 'isOpenAt', 'instant');
  const cal = compileCalendar(calendar, 'isOpenAt');
  if (cal.alwaysOpen) {
    return true;
  }
  const chunk = locate(cal, ms);
  for (let k = chunk.index[cal.foundDay], end = chunk.index[cal.foundDay + 1]; k < end; k += 2) {
    if (ms >= chunk.open[k] && ms < chunk.open[k + 1]) {
      return true;
    }
  }
  return false;
}

const HOLIDAY_SEPARATORS = /[\s,;]+/;
const METADATA_DAY_FIELDS = /** @type {const} */ ([
  ['mon', 'Monday_Hours__c'],
  ['tue', 'Tuesday_Hours__c'],
  ['wed', 'Wednesday_Hours__c'],
  ['thu', 'Thursday_Hours__c'],
  ['fri', 'Friday_Hours__c'],
  ['sat', 'Saturday_Hours__c'],
  ['sun', 'Sunday_Hours__c']
]);

/**
 * Builds an engine calendar from a Maintenance_Calendar__mdt record: Time_Zone__c, Always_Open__c,
 * Monday_Hours__c..Sunday_Hours__c as "09:00-12:30,13:30-18:00" (blank = closed), Holidays__c as YYYY-MM-DD days
 * separated by commas, semicolons, spaces or newlines. The result is validated as a whole.
 * @param {Record<string, unknown>} record field map (values may also be UI API `{ value }` wrappers)
 * @returns {Calendar}
 * @throws {RangeError} naming the record and field of a malformed value
 */
export function calendarFromMetadata(record) {
  const fn = 'calendarFromMetadata';
  const fields = recordFields(record, fn);
  const name = textField(fields, 'DeveloperName', fn) ?? textField(fields, 'QualifiedApiName', fn) ?? undefined;
  const where = `${fn}: Maintenance_Calendar__mdt${name ? ` ${name}` : ''}`;
  const timeZone = textField(fields, 'Time_Zone__c', fn);
  if (booleanField(fields, 'Always_Open__c', fn)) {
    const zone = timeZone ?? 'UTC';
    zoneFor(zone, where, 'Time_Zone__c');
    return name === undefined ? { timeZone: zone, alwaysOpen: true } : { name, timeZone: zone, alwaysOpen: true };
  }
  if (timeZone === null) {
    throw new RangeError(`${where}: Time_Zone__c is required unless Always_Open__c is checked`);
  }
  zoneFor(timeZone, where, 'Time_Zone__c');
  /** @type {WeeklyHours} */
  const weeklyHours = {};
  for (const [key, field] of METADATA_DAY_FIELDS) {
    const text = textField(fields, field, fn);
    weeklyHours[key] = text === null ? [] : parseHoursText(text, where, field);
  }
  const holidayText = textField(fields, 'Holidays__c', fn) ?? '';
  const holidays = holidayText
    .split(HOLIDAY_SEPARATORS)
    .filter((day) => day.length > 0)
    .map((day) => {
      dayNumber(day, where, 'Holidays__c');
      return day;
    });
  /** @type {BusinessHoursCalendar} */
  const calendar = { timeZone, weeklyHours, holidays };
  if (name !== undefined) {
    calendar.name = name;
  }
  compileCalendar(calendar, where, 'record');
  return calendar;
}

/**
 * @param {string} text "09:00-12:30,13:30-18:00"
 * @param {string} where
 * @param {string} field
 * @returns {HoursInterval[]}
 */
function parseHoursText(text, where, field) {
  return text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const bounds = part.split('-').map((bound) => bound.trim());
      if (bounds.length !== 2) {
        throw new RangeError(
          `${where}: ${field} has a malformed interval ${JSON.stringify(part)} (expected HH:MM-HH:MM)`
        );
      }
      wallMinutes(bounds[0], where, field, false);
      wallMinutes(bounds[1], where, field, true);
      return /** @type {HoursInterval} */ ([bounds[0], bounds[1]]);
    });
}

/**
 * The calendar a contract's SLA clock runs on: the Maintenance_Calendar__mdt it names (from `calendars`, keyed by
 * DeveloperName), in the contract's time zone when it sets one. A contract that names no calendar runs on
 * DEFAULT_WEEKLY_HOURS (Mon-Fri 09:00-18:00, no holidays) in its time zone, or UTC.
 * @param {Contract} contract
 * @param {Record<string, Calendar>} calendars by DeveloperName
 * @returns {Calendar}
 * @throws {RangeError} when the named calendar is not in `calendars`
 */
export function contractCalendar(contract, calendars) {
  const fn = 'contractCalendar';
  objectArg(contract, fn, 'contract');
  objectArg(calendars, fn, 'calendars');
  const timeZone = contract.timeZone || null;
  if (!contract.calendarName) {
    return { timeZone: timeZone ?? 'UTC', weeklyHours: DEFAULT_WEEKLY_HOURS, holidays: [] };
  }
  const calendar = Object.prototype.hasOwnProperty.call(calendars, contract.calendarName)
    ? calendars[contract.calendarName]
    : undefined;
  if (!calendar) {
    throw new RangeError(
      `${fn}: contract.calendarName ${JSON.stringify(contract.calendarName)} is not a known calendar (known: ${Object.keys(calendars).join(', ') || 'none'})`
    );
  }
  if (!timeZone || timeZone === calendar.timeZone) {
    return calendar;
  }
  zoneFor(timeZone, fn, 'contract.timeZone');
  return { ...calendar, timeZone };
}

/**
 * Whether a calendar's holidays run out: null when it is 24x7 (no holidays to miss) or lists a holiday after
 * today + `days`; otherwise `{ lastHoliday }`, its last listed holiday ('YYYY-MM-DD', null when it lists none), so that
 * the tab, the logger and `report` can warn before due times silently stop skipping holidays.
 * @param {Object} input
 * @param {Calendar} input.calendar
 * @param {string} input.today 'YYYY-MM-DD'
 * @param {number} [input.days] default 90
 * @returns {{ lastHoliday: string|null }|null}
 */
export function holidayHorizon(input) {
  const fn = 'holidayHorizon';
  const args = objectArg(input, fn, 'input');
  const cal = compileCalendar(args.calendar, fn);
  const today = dayNumber(args.today, fn, 'today');
  const days = args.days ?? 90;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 0) {
    throw new RangeError(`${fn}: days must be a whole number >= 0, got ${describe(days)}`);
  }
  if (cal.alwaysOpen) {
    return null;
  }
  let last = Number.NEGATIVE_INFINITY;
  for (const day of cal.holidays) {
    if (day > last) last = day;
  }
  if (last > today + days) {
    return null;
  }
  return { lastHoliday: last === Number.NEGATIVE_INFINITY ? null : formatDay(last) };
}

// ---------------------------------------------------------------------------------------------------------------------
// Public holidays
// ---------------------------------------------------------------------------------------------------------------------

/** Countries (and UK nations) whose public holidays `publicHolidays` computes. */
export const HOLIDAY_COUNTRIES = Object.freeze(['FR', 'GB-EAW']);
/** The years `publicHolidays` computes: the current lists of both countries apply from 1982 (8 May restored in FR). */
export const HOLIDAY_YEARS = Object.freeze({ min: 1982, max: 2199 });

/**
 * Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).
 * @param {number} year
 * @returns {number} days since 1970-01-01
 */
function easterSunday(year) {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utcDay(year, month, day);
}

/**
 * @param {number} year
 * @param {number} month 1-12
 * @param {number} day 1-31
 * @returns {number} days since 1970-01-01
 */
function utcDay(year, month, day) {
  const probe = new Date(0);
  probe.setUTCFullYear(year, month - 1, day);
  return Math.round(probe.getTime() / DAY_MS);
}

/**
 * The first (`which` = 1) or last (`which` = -1) Monday of a month.
 * @param {number} year
 * @param {number} month 1-12
 * @param {1|-1} which
 * @returns {number} days since 1970-01-01
 */
function mondayOfMonth(year, month, which) {
  if (which === 1) {
    const first = utcDay(year, month, 1);
    return first + ((7 - weekdayIndex(first)) % 7);
  }
  const last = utcDay(year, month + 1, 0);
  return last - weekdayIndex(last);
}

/**
 * The day a bank holiday is taken in England and Wales: the day itself, or the next weekday not already taken when
 * it falls on a weekend (Christmas on a Saturday: Monday 27 for Christmas, Tuesday 28 for Boxing Day).
 * @param {number} day
 * @param {Set<number>} taken days already holidays
 * @returns {number}
 */
function substituteDay(day, taken) {
  let observed = day;
  while (weekdayIndex(observed) >= 5 || taken.has(observed)) observed += 1;
  return observed;
}

/**
 * The statutory public holidays of a country over whole years, Easter-based ones computed:
 * - `FR` (metropolitan France, Code du travail L3133-1): 1 January, Easter Monday, 1 May, 8 May, Ascension
 *   (Easter + 39 days), Whit Monday (Easter + 50), 14 July, 15 August, 1 November, 11 November, 25 December; a
 *   holiday on a weekend is not moved. Alsace-Moselle's two extra days are not included.
 * - `GB-EAW` (England and Wales bank holidays): New Year's Day, Good Friday (Easter - 2), Easter Monday, the first and
 *   last Mondays of May, the last Monday of August, Christmas Day and Boxing Day, a weekend one moved to the next
 *   weekday not already a holiday. One-off holidays proclaimed for a year (a coronation, a jubilee) are not foreseeable
 *   and must be added by hand.
 * @param {{ country: string, fromYear: number, toYear: number }} input years inclusive, within HOLIDAY_YEARS
 * @returns {string[]} 'YYYY-MM-DD' days the holidays are taken on, sorted, without duplicates
 * @throws {TypeError|RangeError} for an unknown country, a year that is not an integer in HOLIDAY_YEARS, or
 *   fromYear > toYear
 */
export function publicHolidays(input) {
  const fn = 'publicHolidays';
  objectArg(input, fn, 'input');
  const { country, fromYear, toYear } = input;
  if (typeof country !== 'string' || !HOLIDAY_COUNTRIES.includes(country)) {
    throw new RangeError(
      `${fn}: country must be one of ${HOLIDAY_COUNTRIES.join(', ')}, got ${typeof country === 'string' ? JSON.stringify(country) : describe(country)}`
    );
  }
  for (const [name, year] of /** @type {const} */ ([
    ['fromYear', fromYear],
    ['toYear', toYear]
  ])) {
    if (typeof year !== 'number' || !Number.isInteger(year)) {
      throw new TypeError(`${fn}: ${name} must be an integer year, got ${describe(year)}`);
    }
    if (year < HOLIDAY_YEARS.min || year > HOLIDAY_YEARS.max) {
      throw new RangeError(`${fn}: ${name} must be between ${HOLIDAY_YEARS.min} and ${HOLIDAY_YEARS.max}, got ${year}`);
    }
  }
  if (fromYear > toYear) {
    throw new RangeError(`${fn}: fromYear (${fromYear}) is after toYear (${toYear})`);
  }
  /** @type {number[]} */
  const days = [];
  for (let year = fromYear; year <= toYear; year += 1) {
    const easter = easterSunday(year);
    if (country === 'FR') {
      days.push(
        utcDay(year, 1, 1),
        easter + 1,
        utcDay(year, 5, 1),
        utcDay(year, 5, 8),
        easter + 39,
        easter + 50,
        utcDay(year, 7, 14),
        utcDay(year, 8, 15),
        utcDay(year, 11, 1),
        utcDay(year, 11, 11),
        utcDay(year, 12, 25)
      );
    } else {
      /** @type {Set<number>} */
      const taken = new Set([easter - 2, easter + 1, mondayOfMonth(year, 5, 1), mondayOfMonth(year, 5, -1)]);
      taken.add(mondayOfMonth(year, 8, -1));
      // In date order, so that Boxing Day's substitute comes after Christmas's.
      for (const fixed of [utcDay(year, 1, 1), utcDay(year, 12, 25), utcDay(year, 12, 26)]) {
        taken.add(substituteDay(fixed, taken));
      }
      days.push(...taken);
    }
  }
  return [...new Set(days)].sort((a, b) => a - b).map(formatDay);
}

// ---------------------------------------------------------------------------------------------------------------------
// Priority
// ---------------------------------------------------------------------------------------------------------------------

/**
 * Priority from the impact x urgency matrix: High/High P1; High/Medium and Medium/High P2; High/Low, Medium/Medium
 * and Low/High P3; the rest P4.
 * @param {Level} impact
 * @param {Level} urgency
 * @returns {Priority}
 */
export function priorityFor(impact, urgency) {
  for (const [name, value] of /** @type {const} */ ([
    ['impact', impact],
    ['urgency', urgency]
  ])) {
    if (!LEVELS.includes(value)) {
      throw new RangeError(`priorityFor: ${name} must be one of ${LEVELS.join(', ')}, got ${describe(value)}`);
    }
  }
  return PRIORITY_MATRIX[impact][urgency];
}

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
function pausedClockMs(clock, pauses, reportedMs, untilMs) {
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
function slaClocks(contract, calendar, priority, fn) {
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
function clockFacts(incident, fn) {
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
function clockPassage(clocks, facts, nowMs) {
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
function stampedDuePassage(incident, facts, nowMs, fn) {
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
function stampBefore(value, judgedMs, fn, name) {
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

// ---------------------------------------------------------------------------------------------------------------------
// SLA clocks: at risk, readable durations, badges
// ---------------------------------------------------------------------------------------------------------------------

/** The window of the "at risk" alerts and `sla watch`: clocks that break within 4 hours of their clock (240 min). */
export const SLA_AT_RISK_MINUTES = 240;

/**
 * @typedef {Object} AtRisk
 * @property {Incident} incident
 * @property {'response'|'resolution'} clock
 * @property {Date} due when the clock breaks
 * @property {number} minutesLeft clock minutes from now to the due: business minutes on a business-hours clock,
 *   plain minutes on a 24x7 one
 */

/**
 * The clocks about to break: for each open incident under one of `contracts` (by incident.contractId), not waiting on
 * the customer, each clock still running and not breached (the response until the response, the restore until the
 * resolution) whose due is at most `withinMinutes` clock minutes away (the due instant itself included). An incident
 * can appear twice, once per clock. Incidents whose contract names a calendar missing from `calendars` are left out
 * (the tab and the CLI warn about missing calendars).
 * @param {Object} input
 * @param {Incident[]} input.incidents
 * @param {Contract[]} input.contracts
 * @param {Record<string, Calendar>} input.calendars by DeveloperName
 * @param {Date} input.now
 * @param {number} [input.withinMinutes] default SLA_AT_RISK_MINUTES
 * @returns {AtRisk[]} sorted by due, then incident name and id, response before resolution
 */
export function atRiskIncidents(input) {
  const fn = 'atRiskIncidents';
  const args = objectArg(input, fn, 'input');
  const incidents = arrayArg(args.incidents, fn, 'incidents');
  const contracts = arrayArg(args.contracts, fn, 'contracts');
  const calendars = objectArg(args.calendars, fn, 'calendars');
  const nowMs = instantMs(args.now, fn, 'now');
  const withinMs = nonNegativeNumber(args.withinMinutes ?? SLA_AT_RISK_MINUTES, fn, 'withinMinutes') * MINUTE_MS;
  /** @type {Map<unknown, Contract>} */
  const byId = new Map();
  contracts.forEach((candidate, i) => {
    const contract = /** @type {Contract} */ (objectArg(candidate, fn, `contracts[${i}]`));
    byId.set(contract.id, contract);
  });
  /** @type {AtRisk[]} */
  const found = [];
  incidents.forEach((candidate, i) => {
    const incident = /** @type {Incident} */ (objectArg(candidate, fn, `incidents[${i}]`));
    const status = incident.status ?? null;
    if (!OPEN_STATUSES.includes(/** @type {IncidentStatus} */ (status)) || incident.resolvedAt) return;
    const contract = incident.contractId ? byId.get(incident.contractId) : undefined;
    if (!contract) return;
    if (contract.calendarName && !Object.prototype.hasOwnProperty.call(calendars, contract.calendarName)) return;
    const calendar = contractCalendar(contract, /** @type {Record<string, Calendar>} */ (calendars));
    const sla = slaStatus({ incident, contract, calendar, now: new Date(nowMs) });
    if (sla.paused) return;
    const clocks = slaClocks(contract, calendar, priorityArg(incident.priority, fn, `incidents[${i}].priority`), fn);
    if (clocks === null) return;
    /** @type {[('response'|'resolution'), ClockState, Date|null][]} */
    const candidates = [
      ['response', sla.responseClock, sla.responseDue],
      ['resolution', sla.resolutionClock, sla.resolutionDue]
    ];
    for (const [clock, state, due] of candidates) {
      if (state !== 'running' || due === null || due.getTime() < nowMs) continue;
      const leftMs = openMsBetween(clocks.clock, nowMs, due.getTime());
      if (leftMs <= withinMs) {
        found.push({ incident, clock, due, minutesLeft: leftMs / MINUTE_MS });
      }
    }
  });
  return found.sort(
    (a, b) =>
      a.due.getTime() - b.due.getTime() ||
      String(a.incident.name ?? '').localeCompare(String(b.incident.name ?? '')) ||
      String(a.incident.id ?? '').localeCompare(String(b.incident.id ?? '')) ||
      (a.clock === b.clock ? 0 : a.clock === 'response' ? -1 : 1)
  );
}

/** @type {Record<'en'|'fr', { businessDay: string, businessDays: string, day: string, hour: string, minute: string }>} */
const DURATION_WORDS = {
  en: { businessDay: 'business day', businessDays: 'business days', day: 'd', hour: 'h', minute: 'min' },
  fr: { businessDay: 'jour ouvré', businessDays: 'jours ouvrés', day: 'j', hour: 'h', minute: 'min' }
};

/**
 * @param {unknown} value
 * @param {string} fn
 * @returns {'en'|'fr'}
 */
function localeArg(value, fn) {
  if (value !== 'en' && value !== 'fr') {
    throw new RangeError(`${fn}: locale must be 'en' or 'fr', got ${describe(value)}`);
  }
  return value;
}

/**
 * Minutes in a typical open day of a calendar: the daily opening time most of its open weekdays have (the longer one
 * on a tie). Mon-Fri 09:00-18:00 gives 540; 09:00-12:30 and 13:30-18:00 gives 480.
 * @param {CompiledCalendar} cal a business-hours calendar
 */
function typicalDayMinutes(cal) {
  /** @type {Map<number, number>} */
  const counts = new Map();
  for (const flat of cal.weekly) {
    let minutes = 0;
    for (let k = 0; k < flat.length; k += 2) minutes += flat[k + 1] - flat[k];
    if (minutes > 0) counts.set(minutes, (counts.get(minutes) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [minutes, count] of counts) {
    if (count > bestCount || (count === bestCount && minutes > best)) {
      best = minutes;
      bestCount = count;
    }
  }
  return best;
}

/**
 * A clock duration as people read it: under a day "3 h 20 min" ("45 min", "3 h"); from a day on, whole days and hours
 * (minutes dropped): "12 business days 3 h" on a business-hours clock, where a business day is the calendar's opening
 * time on a typical open day (540 minutes on Mon-Fri 09:00-18:00), and "2 d 4 h" on a 24x7 clock (a target with
 * alwaysOn, or an alwaysOpen calendar). French: "12 jours ouvrés 3 h", "2 j 4 h". The sign is the caller's to word
 * ("overdue by", "left"): a negative duration is formatted by its size. Minutes are rounded to the nearest whole one.
 * @param {number} minutes clock minutes (business minutes on a business-hours clock)
 * @param {Object} options
 * @param {boolean} [options.alwaysOn] the clock is 24x7
 * @param {Calendar|null} [options.calendar] the business calendar (default: Mon-Fri 09:00-18:00, 540 minutes a day)
 * @param {'en'|'fr'} options.locale
 * @returns {string}
 */
export function formatSlaDuration(minutes, options) {
  const fn = 'formatSlaDuration';
  if (typeof minutes !== 'number') {
    throw new TypeError(`${fn}: minutes must be a number, got ${describe(minutes)}`);
  }
  if (!Number.isFinite(minutes)) {
    throw new RangeError(`${fn}: minutes must be finite, got ${minutes}`);
  }
  const opts = objectArg(options, fn, 'options');
  const words = DURATION_WORDS[localeArg(opts.locale, fn)];
  const calendar =
    opts.calendar === undefined || opts.calendar === null ? null : compileCalendar(opts.calendar, fn, 'calendar');
  const alwaysOn = opts.alwaysOn === true || calendar?.alwaysOpen === true;
  const dayMinutes = alwaysOn ? 1440 : calendar === null ? 540 : typicalDayMinutes(calendar);
  const total = Math.round(Math.abs(minutes));
  const hoursText = (/** @type {number} */ value) => `${value} ${words.hour}`;
  if (total < dayMinutes) {
    const hours = Math.floor(total / 60);
    const rest = total % 60;
    if (hours === 0) return `${rest} ${words.minute}`;
    return rest === 0 ? hoursText(hours) : `${hoursText(hours)} ${rest} ${words.minute}`;
  }
  const days = Math.floor(total / dayMinutes);
  const hours = Math.floor((total - days * dayMinutes) / 60);
  const daysText = alwaysOn ? `${days} ${words.day}` : `${days} ${days === 1 ? words.businessDay : words.businessDays}`;
  return hours === 0 ? daysText : `${daysText} ${hoursText(hours)}`;
}

/** @type {Record<'en'|'fr', Record<ClockState, string> & { cancelled: string, noSla: string }>} */
const BADGE_WORDS = {
  en: {
    running: 'running',
    paused: 'paused',
    met: 'met',
    breached: 'breached',
    none: 'none',
    cancelled: 'Cancelled',
    noSla: 'No SLA'
  },
  fr: {
    running: 'en cours',
    paused: 'en pause',
    met: 'tenue',
    breached: 'dépassée',
    none: 'aucune',
    cancelled: 'Annulé',
    noSla: 'Sans SLA'
  }
};

const CLOCK_STATES = /** @type {readonly ClockState[]} */ (['running', 'paused', 'met', 'breached', 'none']);

/**
 * The words of an incident's SLA badge, naming each clock: "GTI met · GTR breached", "GTI running · GTR running",
 * "GTI met · GTR paused"; "No SLA" when neither clock has a target, "Cancelled" for a cancelled incident. French:
 * "GTI tenue · GTR dépassée", "en cours", "en pause", "aucune", "Sans SLA", "Annulé".
 * @param {SlaStatus} status a slaStatus result
 * @param {'en'|'fr'} locale
 * @returns {string}
 */
export function slaBadgeText(status, locale) {
  const fn = 'slaBadgeText';
  const sla = objectArg(status, fn, 'status');
  const words = BADGE_WORDS[localeArg(locale, fn)];
  for (const name of ['responseClock', 'resolutionClock']) {
    if (!CLOCK_STATES.includes(sla[name])) {
      throw new RangeError(
        `${fn}: status.${name} must be one of ${CLOCK_STATES.join(', ')}, got ${describe(sla[name])}`
      );
    }
  }
  if (sla.state === 'Cancelled') return words.cancelled;
  if (sla.responseClock === 'none' && sla.resolutionClock === 'none') return words.noSla;
  return `GTI ${words[/** @type {ClockState} */ (sla.responseClock)]} · GTR ${words[/** @type {ClockState} */ (sla.resolutionClock)]}`;
}

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

// ---------------------------------------------------------------------------------------------------------------------
// Contract terms: amendments, tacit renewals, notice
// ---------------------------------------------------------------------------------------------------------------------

/** Average month length in days (365.25 / 12), to turn daily rates into monthly ones. */
const AVERAGE_MONTH_DAYS = 30.4375;
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
function contractDays(contract, fn, name) {
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
function amendmentList(value, fn, name) {
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
function compileContract(candidate, amendments, fn, name) {
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
function termsOn(plan, day, fn) {
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
function coverPeriods(plan, until, fn) {
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
function noticeOn(plan, today, fn) {
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
function contractCovers(contract, day, fn, name) {
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
function pickCoveringContract(list, at, zoneOf, fn, amendments = []) {
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
function coverageSources(args, until, fn, skipContractId = null) {
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
function coverageRuns(collected, from, to) {
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

// ---------------------------------------------------------------------------------------------------------------------
// Budget, effort and cost
// ---------------------------------------------------------------------------------------------------------------------

/** @param {number} value */
function round2(value) {
  return Math.round(value * 100) / 100;
}

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

// ---------------------------------------------------------------------------------------------------------------------
// Handover
// ---------------------------------------------------------------------------------------------------------------------

/** Checklist phases of a handover signed off (Phase__c). */
export const SIGNED_OFF_PHASES = Object.freeze(['Signed Off', 'Signed Off with Reservations']);

/**
 * The checklist a handover view puts in focus (the tab's checklist and readiness KPI, the cockpit's handover figure):
 * the next handover still to sign off, by earliest warranty end (one without warranty end after those with one); when
 * every checklist is signed off, the one whose warranty ends last (one without warranty end counting as last; among
 * equal dates, the last given). Null without checklists.
 * @template {{ phase?: string|null, warrantyEndDate?: string|null }} T
 * @param {T[]} checklists engine checklists (checklistFromRecord) or anything with phase and warrantyEndDate
 * @returns {T|null}
 */
export function checklistInFocus(checklists) {
  const fn = 'checklistInFocus';
  const list = arrayArg(checklists, fn, 'checklists').map((candidate, i) => {
    const checklist = objectArg(candidate, fn, `checklists[${i}]`);
    const end = checklist.warrantyEndDate;
    return { checklist, end: end === null || end === undefined ? '9999' : String(end) };
  });
  const byWarrantyEnd = (/** @type {{ end: string }} */ a, /** @type {{ end: string }} */ b) =>
    a.end.localeCompare(b.end);
  const open = list.filter(({ checklist }) => !SIGNED_OFF_PHASES.includes(checklist.phase ?? '')).sort(byWarrantyEnd);
  const chosen = open[0] ?? list.sort(byWarrantyEnd).pop();
  return chosen ? /** @type {T} */ (chosen.checklist) : null;
}

/**
 * Readiness of a handover checklist, as its roll-ups and sign-off rule see it: percent of items done (0 without
 * items, like Readiness_Percent__c), open mandatory items, and whether a sign-off would pass the
 * Sign_Off_Needs_Mandatory_Items_Done rule. Blocking items are the open mandatory ones by sortOrder, then name.
 * Reservations are the items accepted open at a sign-off with reservations and not done yet, the first due first;
 * unreservedMandatoryOpen counts the blocking items that are not reservations (Mandatory_Unreserved_Open__c).
 * @param {Object} input
 * @param {Checklist} input.checklist
 * @param {ChecklistItem[]} input.items the checklist's items
 * @returns {{ percent: number, total: number, done: number, mandatoryOpen: number, canSignOff: boolean,
 *   blockingItems: ChecklistItem[], byCategory: Record<string, { total: number, done: number }>,
 *   reservations: ChecklistItem[], unreservedMandatoryOpen: number }}
 */
export function handoverReadiness(input) {
  const fn = 'handoverReadiness';
  const args = objectArg(input, fn, 'input');
  objectArg(args.checklist, fn, 'checklist');
  const items = arrayArg(args.items, fn, 'items').map(
    (item, i) => /** @type {ChecklistItem} */ (objectArg(item, fn, `items[${i}]`))
  );
  let done = 0;
  /** @type {Record<string, { total: number, done: number }>} */
  const byCategory = {};
  /** @type {ChecklistItem[]} */
  const blockingItems = [];
  for (const item of items) {
    const category = item.category ?? 'Uncategorised';
    byCategory[category] = byCategory[category] ?? { total: 0, done: 0 };
    byCategory[category].total += 1;
    if (item.done === true) {
      done += 1;
      byCategory[category].done += 1;
    } else if (item.mandatory === true) {
      blockingItems.push(item);
    }
  }
  blockingItems.sort(
    (a, b) =>
      (a.sortOrder ?? Number.POSITIVE_INFINITY) - (b.sortOrder ?? Number.POSITIVE_INFINITY) ||
      String(a.name ?? '').localeCompare(String(b.name ?? '')) ||
      String(a.id ?? '').localeCompare(String(b.id ?? ''))
  );
  const reservations = items
    .filter((item) => item.reservation === true && item.done !== true)
    .sort((a, b) => String(a.dueDate ?? '9999').localeCompare(String(b.dueDate ?? '9999')));
  return {
    percent: items.length > 0 ? (done / items.length) * 100 : 0,
    total: items.length,
    done,
    mandatoryOpen: blockingItems.length,
    canSignOff: blockingItems.length === 0,
    blockingItems,
    byCategory,
    reservations,
    unreservedMandatoryOpen: blockingItems.filter((item) => item.reservation !== true).length
  };
}

/**
 * The Handover_Item__c updates that turn the open mandatory items of a checklist into reservations, so that it can
 * be signed off with reservations (Sign_Off_Needs_Mandatory_Items_Done): each keeps its owner and due date when it
 * has them, else takes the ones given (Reservation_Needs_Owner_And_Due_Date wants both).
 * @param {Object} input
 * @param {ChecklistItem[]} input.items the checklist's items
 * @param {string} input.ownerId who owns the reservations that have no owner
 * @param {string} input.dueDate 'YYYY-MM-DD', the due date of those without one
 * @returns {{ Id: string, Reservation__c: true, Item_Owner__c: string, Due_Date__c: string }[]}
 */
export function reservationUpdates(input) {
  const fn = 'reservationUpdates';
  const args = objectArg(input, fn, 'input');
  dayNumber(args.dueDate, fn, 'dueDate');
  if (typeof args.ownerId !== 'string' || args.ownerId.length === 0) {
    throw new TypeError(`${fn}: ownerId must be a user id, got ${describe(args.ownerId)}`);
  }
  const { blockingItems } = handoverReadiness({ checklist: {}, items: args.items });
  return blockingItems.map((item) => ({
    Id: String(item.id),
    Reservation__c: true,
    Item_Owner__c: item.ownerId ?? args.ownerId,
    Due_Date__c: item.dueDate ?? args.dueDate
  }));
}

/**
 * Handover_Item__c fields of an item added from the template (the caller sets Checklist__c).
 * @typedef {Object} TemplateItemFields
 * @property {string} Name the template item's MasterLabel (its DeveloperName when it has none)
 * @property {string|null} Category__c
 * @property {boolean} Mandatory__c
 * @property {false} Done__c
 * @property {number|null} Sort_Order__c
 * @property {string} Template_Item__c the template item's DeveloperName
 * @property {string|null} Due_Date__c 'YYYY-MM-DD'
 */

/**
 * The Handover_Item__c records to create so that a checklist holds every Handover_Template_Item__mdt once ("add
 * items from template" is idempotent): template items already on the checklist, by Template_Item__c = DeveloperName,
 * are skipped, and so is a second template record with the same DeveloperName. Each new item is due
 * Due_Days_Before_Go_Live__c whole days before the checklist's go-live (after it when negative); without a go-live
 * date or without that number it has no due date. The items come in template order: Sort_Order__c ascending, a blank
 * order counting as 0, ties in the order given.
 * @param {Object} input
 * @param {Checklist} input.checklist reads goLiveDate
 * @param {ChecklistItem[]} input.existingItems the checklist's items; reads templateItem
 * @param {Record<string, unknown>[]} input.templateItems Handover_Template_Item__mdt field maps (DeveloperName,
 *   MasterLabel, Category__c, Mandatory__c, Sort_Order__c, Due_Days_Before_Go_Live__c), flat or UI API `{ value }`
 * @returns {TemplateItemFields[]}
 */
export function handoverItemsFromTemplate(input) {
  const fn = 'handoverItemsFromTemplate';
  const args = objectArg(input, fn, 'input');
  const checklist = objectArg(args.checklist, fn, 'checklist');
  const goLive = optionalDayNumber(checklist.goLiveDate, fn, 'checklist.goLiveDate');
  /** @type {Set<string>} */
  const present = new Set();
  arrayArg(args.existingItems, fn, 'existingItems').forEach((item, i) => {
    const templateItem = objectArg(item, fn, `existingItems[${i}]`).templateItem;
    if (typeof templateItem === 'string' && templateItem.length > 0) {
      present.add(templateItem);
    }
  });
  const template = arrayArg(args.templateItems, fn, 'templateItems').map((record, i) => {
    const where = `${fn}: templateItems[${i}]`;
    const fields = recordFields(record, where);
    const developerName = textField(fields, 'DeveloperName', where);
    if (developerName === null) {
      // Without it the item could not be recognised next time, and would be added again.
      throw new RangeError(`${where}: DeveloperName is required`);
    }
    const dueDays = numberField(fields, 'Due_Days_Before_Go_Live__c', where);
    if (dueDays !== null && !Number.isInteger(dueDays)) {
      throw new RangeError(`${where}: Due_Days_Before_Go_Live__c must be whole days, got ${dueDays}`);
    }
    return {
      developerName,
      label: textField(fields, 'MasterLabel', where) ?? developerName,
      category: textField(fields, 'Category__c', where),
      mandatory: booleanField(fields, 'Mandatory__c', where),
      sortOrder: numberField(fields, 'Sort_Order__c', where),
      dueDays
    };
  });
  /** @type {TemplateItemFields[]} */
  const toAdd = [];
  for (const entry of [...template].sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0))) {
    if (present.has(entry.developerName)) {
      continue;
    }
    present.add(entry.developerName);
    toAdd.push({
      Name: entry.label,
      Category__c: entry.category,
      Mandatory__c: entry.mandatory,
      Done__c: false,
      Sort_Order__c: entry.sortOrder,
      Template_Item__c: entry.developerName,
      Due_Date__c: goLive !== null && entry.dueDays !== null ? formatDay(goLive - entry.dueDays) : null
    });
  }
  return toAdd;
}

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

// ---------------------------------------------------------------------------------------------------------------------
// Record mappers (REST / UI API field maps -> engine shapes)
// ---------------------------------------------------------------------------------------------------------------------

/**
 * Accepts a flat REST field map, a UI API record (`{ apiName, id, fields: { X: { value } } }`) or a field map whose
 * values are UI API `{ value }` wrappers.
 * @param {unknown} record
 * @param {string} fn
 * @returns {Record<string, unknown>}
 */
function recordFields(record, fn) {
  const source = objectArg(record, fn, 'fields');
  if (source.fields && typeof source.fields === 'object' && !Array.isArray(source.fields) && 'apiName' in source) {
    return { Id: source.id, ...source.fields };
  }
  return source;
}

/**
 * @param {Record<string, unknown>} fields
 * @param {string} name
 * @returns {unknown}
 */
function rawField(fields, name) {
  const value = fields[name];
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && 'value' in value) {
    return /** @type {{ value: unknown }} */ (value).value;
  }
  return value;
}

/**
 * @param {Record<string, unknown>} fields
 * @param {string} name
 * @param {string} fn
 * @returns {string|null}
 */
function textField(fields, name, fn) {
  const value = rawField(fields, name);
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    throw new TypeError(`${fn}: ${name} must be text, got ${describe(value)}`);
  }
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : null;
}

/**
 * @param {Record<string, unknown>} fields
 * @param {string} name
 * @param {string} fn
 * @returns {number|null}
 */
function numberField(fields, name, fn) {
  const value = rawField(fields, name);
  if (value === undefined || value === null || value === '') return null;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number') {
    throw new TypeError(`${fn}: ${name} must be a number, got ${describe(value)}`);
  }
  if (!Number.isFinite(number)) {
    throw new RangeError(`${fn}: ${name} must be a finite number, got ${describe(value)}`);
  }
  return number;
}

/**
 * @param {Record<string, unknown>} fields
 * @param {string} name
 * @param {string} fn
 * @returns {boolean}
 */
function booleanField(fields, name, fn) {
  const value = rawField(fields, name);
  if (value === undefined || value === null || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  throw new TypeError(`${fn}: ${name} must be a boolean, got ${describe(value)}`);
}

/**
 * @param {Record<string, unknown>} fields
 * @param {string} name
 * @param {string} fn
 * @returns {string|null}
 */
function dayField(fields, name, fn) {
  const value = rawField(fields, name);
  if (value === undefined || value === null || value === '') return null;
  dayNumber(value, fn, name);
  return /** @type {string} */ (value);
}

const DATETIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Parses Salesforce datetimes ("2026-03-02T09:00:00.000+0000", which not every engine's Date parser accepts) and
 * ordinary ISO 8601 ones.
 * @param {Record<string, unknown>} fields
 * @param {string} name
 * @param {string} fn
 * @returns {Date|null}
 */
function instantField(fields, name, fn) {
  const value = rawField(fields, name);
  if (value === undefined || value === null || value === '') return null;
  if (value instanceof Date) {
    instantMs(value, fn, name);
    return value;
  }
  if (typeof value !== 'string') {
    throw new TypeError(`${fn}: ${name} must be an ISO 8601 datetime string, got ${describe(value)}`);
  }
  const match = DATETIME_PATTERN.exec(value);
  if (match) {
    const [, year, month, day, hour, minute, second, fraction, zone] = match;
    const date = new Date(0);
    date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
    date.setUTCHours(
      Number(hour),
      Number(minute),
      Number(second ?? 0),
      Number((fraction ?? '0').padEnd(3, '0').slice(0, 3))
    );
    const valid =
      date.getUTCDate() === Number(day) &&
      date.getUTCMonth() === Number(month) - 1 &&
      Number(hour) < 24 &&
      Number(minute) < 60 &&
      Number(second ?? 0) < 60;
    if (valid) {
      const offsetMinutes =
        zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
      return new Date(date.getTime() - offsetMinutes * MINUTE_MS);
    }
  }
  throw new RangeError(`${fn}: ${name} is not an ISO 8601 datetime: ${JSON.stringify(value)}`);
}

/**
 * @template {string} T
 * @param {Record<string, unknown>} fields
 * @param {string} name
 * @param {string} fn
 * @param {readonly T[]} allowed
 * @returns {T|null}
 */
function picklistField(fields, name, fn, allowed) {
  const value = textField(fields, name, fn);
  if (value === null) return null;
  if (!allowed.includes(/** @type {T} */ (value))) {
    throw new RangeError(`${fn}: ${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return /** @type {T} */ (value);
}

/**
 * @param {number|null} hours
 * @returns {number|null} minutes, without the float noise of 0.1 h * 60
 */
function hoursToMinutes(hours) {
  return hours === null ? null : Math.round(hours * 60 * 1000) / 1000;
}

/**
 * Maps a Maintenance_Contract__c field map (API names as keys, REST values: dates 'YYYY-MM-DD', numbers, booleans;
 * percent fields as 0-100) to the engine contract. SLA targets: P*_Response_Minutes__c (minutes) and
 * P*_Resolution_Hours__c (hours, turned into minutes); P1_24x7__c sets P1's alwaysOn. Notice deadline: the formula
 * value when present, else End_Date__c minus Notice_Period_Days__c (default 90).
 * @param {Record<string, unknown>} fields
 * @returns {Contract}
 */
export function contractFromRecord(fields) {
  const fn = 'contractFromRecord';
  const f = recordFields(fields, fn);
  const status = picklistField(f, 'Status__c', fn, CONTRACT_STATUSES) ?? 'Draft';
  const startDate = dayField(f, 'Start_Date__c', fn);
  const endDate = dayField(f, 'End_Date__c', fn);
  if (startDate === null || endDate === null) {
    throw new RangeError(`${fn}: ${startDate === null ? 'Start_Date__c' : 'End_Date__c'} is required`);
  }
  /** @type {SlaTargets} */
  const sla = {};
  for (const priority of PRIORITIES) {
    sla[priority] = {
      responseMinutes: numberField(f, `${priority}_Response_Minutes__c`, fn),
      resolutionMinutes: hoursToMinutes(numberField(f, `${priority}_Resolution_Hours__c`, fn)),
      alwaysOn: priority === 'P1' && booleanField(f, 'P1_24x7__c', fn)
    };
  }
  const noticePeriodDays = numberField(f, 'Notice_Period_Days__c', fn) ?? DEFAULT_NOTICE_PERIOD_DAYS;
  /** @type {Contract} */
  const contract = {
    id: textField(f, 'Id', fn),
    name: textField(f, 'Name', fn),
    accountId: textField(f, 'Account__c', fn),
    status,
    type: textField(f, 'Contract_Type__c', fn),
    provider: textField(f, 'Provider__c', fn),
    startDate,
    endDate,
    noticePeriodDays,
    noticeDeadline: dayField(f, 'Notice_Deadline__c', fn),
    tacitRenewal: booleanField(f, 'Tacit_Renewal__c', fn),
    renewalTermMonths: numberField(f, 'Renewal_Term_Months__c', fn),
    maxRenewals: numberField(f, 'Max_Renewals__c', fn),
    noticeGivenOn: dayField(f, 'Notice_Given_On__c', fn),
    calendarName: textField(f, 'Calendar__c', fn),
    timeZone: textField(f, 'Time_Zone__c', fn),
    slaTemplate: textField(f, 'SLA_Template__c', fn),
    sla,
    budgetDays: numberField(f, 'Budget_Days__c', fn),
    consumedDays: numberField(f, 'Consumed_Effort_Days__c', fn),
    amendedBudgetDays: numberField(f, 'Amended_Budget_Days__c', fn),
    alertThresholdPercent: numberField(f, 'Alert_Threshold_Percent__c', fn) ?? DEFAULT_ALERT_THRESHOLD_PERCENT,
    dailyRate: numberField(f, 'Daily_Rate__c', fn),
    monthlyFee: numberField(f, 'Monthly_Fee__c', fn),
    monthlySpendAlert: numberField(f, 'Monthly_Spend_Alert__c', fn),
    penaltyRatePercent: numberField(f, 'Penalty_Rate_Percent__c', fn),
    penaltyCapPercent: numberField(f, 'Penalty_Cap_Percent__c', fn),
    handoverChecklistId: textField(f, 'Handover_Checklist__c', fn),
    externalId: textField(f, 'External_Id__c', fn)
  };
  if (contract.timeZone !== null) {
    zoneFor(contract.timeZone, fn, 'Time_Zone__c');
  }
  if (endDate < startDate) {
    throw new RangeError(`${fn}: End_Date__c is before Start_Date__c`);
  }
  if (contract.noticeDeadline === null) {
    contract.noticeDeadline = noticeDeadline(contract);
  }
  return contract;
}

/**
 * Maps a Contract_Amendment__c field map to the engine amendment.
 * @param {Record<string, unknown>} fields
 * @returns {Amendment}
 */
export function amendmentFromRecord(fields) {
  const fn = 'amendmentFromRecord';
  const f = recordFields(fields, fn);
  const effectiveDate = dayField(f, 'Effective_Date__c', fn);
  if (effectiveDate === null) {
    throw new RangeError(`${fn}: Effective_Date__c is required`);
  }
  return {
    id: textField(f, 'Id', fn),
    name: textField(f, 'Name', fn),
    contractId: textField(f, 'Contract__c', fn),
    effectiveDate,
    reason: picklistField(f, 'Reason__c', fn, AMENDMENT_REASONS),
    budgetDaysChange: numberField(f, 'Budget_Days_Change__c', fn),
    newMonthlyFee: numberField(f, 'New_Monthly_Fee__c', fn),
    newEndDate: dayField(f, 'New_End_Date__c', fn),
    scopeNote: textField(f, 'Scope_Note__c', fn),
    externalId: textField(f, 'External_Id__c', fn)
  };
}

/**
 * Maps an Effort_Entry__c field map to the engine effort entry.
 * @param {Record<string, unknown>} fields
 * @returns {EffortEntry}
 */
export function effortEntryFromRecord(fields) {
  const fn = 'effortEntryFromRecord';
  const f = recordFields(fields, fn);
  const workDate = dayField(f, 'Work_Date__c', fn);
  const days = numberField(f, 'Days__c', fn);
  if (workDate === null || days === null) {
    throw new RangeError(`${fn}: ${workDate === null ? 'Work_Date__c' : 'Days__c'} is required`);
  }
  if (days < 0) {
    throw new RangeError(`${fn}: Days__c must not be negative`);
  }
  return {
    id: textField(f, 'Id', fn),
    contractId: textField(f, 'Contract__c', fn),
    incidentId: textField(f, 'Incident__c', fn),
    workDate,
    days,
    kind: picklistField(f, 'Kind__c', fn, EFFORT_KINDS) ?? 'Corrective',
    // A blank checkbox reads false on the platform; absent from the field map (not asked for), it counts as billable.
    billable: rawField(f, 'Billable__c') === undefined ? true : booleanField(f, 'Billable__c', fn),
    externalId: textField(f, 'External_Id__c', fn)
  };
}

/**
 * Maps a Maintenance_Transition__c field map to the engine transition.
 * @param {Record<string, unknown>} fields
 * @returns {Transition}
 */
export function transitionFromRecord(fields) {
  const fn = 'transitionFromRecord';
  const f = recordFields(fields, fn);
  const goLiveDate = dayField(f, 'Go_Live_Date__c', fn);
  if (goLiveDate === null) {
    throw new RangeError(`${fn}: Go_Live_Date__c is required`);
  }
  return {
    id: textField(f, 'Id', fn),
    name: textField(f, 'Name', fn),
    accountId: textField(f, 'Account__c', fn),
    handoverChecklistId: textField(f, 'Handover_Checklist__c', fn),
    goLiveDate,
    warrantyEndDate: dayField(f, 'Warranty_End_Date__c', fn),
    optionChosen: textField(f, 'Option_Chosen__c', fn),
    decisionDate: dayField(f, 'Decision_Date__c', fn),
    rationale: textField(f, 'Rationale__c', fn),
    successorContractId: textField(f, 'Successor_Contract__c', fn),
    externalId: textField(f, 'External_Id__c', fn)
  };
}

/**
 * Maps a Transition_Option__mdt record (flat or UI API field map, or the config resource's record) to the engine
 * option.
 * @param {Record<string, unknown>} record
 * @returns {TransitionOption}
 */
export function transitionOptionFromMetadata(record) {
  const fn = 'transitionOptionFromMetadata';
  const f = recordFields(record, fn);
  const name = textField(f, 'DeveloperName', fn) ?? textField(f, 'QualifiedApiName', fn);
  if (name === null) {
    throw new RangeError(`${fn}: DeveloperName is required`);
  }
  const lead = numberField(f, 'Lead_Time_Days__c', fn);
  if (lead === null || lead < 0 || !Number.isInteger(lead)) {
    throw new RangeError(`${fn}: Lead_Time_Days__c of ${name} must be whole days >= 0, got ${describe(lead)}`);
  }
  return {
    name,
    label: textField(f, 'MasterLabel', fn) ?? textField(f, 'Label', fn) ?? name,
    leadTimeDays: lead,
    contractType: textField(f, 'Contract_Type__c', fn),
    termMonths: numberField(f, 'Term_Months__c', fn),
    sortOrder: numberField(f, 'Sort_Order__c', fn),
    description: textField(f, 'Description__c', fn)
  };
}

/**
 * Maps a Maintenance_Incident__c field map to the engine incident: timestamps (ISO strings, including Salesforce's
 * "+0000" form) become Dates, pauses come as pausedMinutes (Paused_Minutes__c) and pausedSince (Paused_Since__c), the
 * breach stamps as responseBreachedAt / resolutionBreachedAt and Pause_Reason__c as pauseReason (null when blank).
 * @param {Record<string, unknown>} fields
 * @returns {Incident}
 */
export function incidentFromRecord(fields) {
  const fn = 'incidentFromRecord';
  const f = recordFields(fields, fn);
  const reportedAt = instantField(f, 'Reported_At__c', fn);
  if (reportedAt === null) {
    throw new RangeError(`${fn}: Reported_At__c is required`);
  }
  const pausedMinutes = numberField(f, 'Paused_Minutes__c', fn) ?? 0;
  if (pausedMinutes < 0) {
    throw new RangeError(`${fn}: Paused_Minutes__c must not be negative`);
  }
  return {
    id: textField(f, 'Id', fn),
    name: textField(f, 'Name', fn),
    accountId: textField(f, 'Account__c', fn),
    contractId: textField(f, 'Contract__c', fn),
    subject: textField(f, 'Subject__c', fn),
    category: textField(f, 'Category__c', fn) ?? 'Corrective',
    impact: picklistField(f, 'Impact__c', fn, LEVELS) ?? 'Medium',
    urgency: picklistField(f, 'Urgency__c', fn, LEVELS) ?? 'Medium',
    priority: picklistField(f, 'Priority__c', fn, PRIORITIES) ?? 'P3',
    priorityOverridden: booleanField(f, 'Priority_Overridden__c', fn),
    status: picklistField(f, 'Status__c', fn, INCIDENT_STATUSES) ?? 'New',
    reportedAt,
    respondedAt: instantField(f, 'Responded_At__c', fn),
    resolvedAt: instantField(f, 'Resolved_At__c', fn),
    closedAt: instantField(f, 'Closed_At__c', fn),
    responseDue: instantField(f, 'Response_Due__c', fn),
    resolutionDue: instantField(f, 'Resolution_Due__c', fn),
    originalResolutionDue: instantField(f, 'Original_Resolution_Due__c', fn),
    pausedMinutes,
    pausedSince: instantField(f, 'Paused_Since__c', fn),
    pauseReason: picklistField(f, 'Pause_Reason__c', fn, PAUSE_REASONS),
    responseBreachedAt: instantField(f, 'Response_Breached_At__c', fn),
    resolutionBreachedAt: instantField(f, 'Resolution_Breached_At__c', fn),
    effortDays: numberField(f, 'Effort_Days__c', fn) ?? 0,
    outOfCoverage: booleanField(f, 'Out_Of_Coverage__c', fn),
    externalId: textField(f, 'External_Id__c', fn)
  };
}

/**
 * Maps a Handover_Checklist__c field map to the engine checklist.
 * @param {Record<string, unknown>} fields
 * @returns {Checklist}
 */
export function checklistFromRecord(fields) {
  const fn = 'checklistFromRecord';
  const f = recordFields(fields, fn);
  return {
    id: textField(f, 'Id', fn),
    name: textField(f, 'Name', fn),
    accountId: textField(f, 'Account__c', fn),
    projectName: textField(f, 'Project_Name__c', fn),
    goLiveDate: dayField(f, 'Go_Live_Date__c', fn),
    warrantyEndDate: dayField(f, 'Warranty_End_Date__c', fn),
    phase: textField(f, 'Phase__c', fn) ?? 'Preparation',
    signedOffById: textField(f, 'Signed_Off_By__c', fn),
    signedOffOn: dayField(f, 'Signed_Off_On__c', fn),
    externalId: textField(f, 'External_Id__c', fn)
  };
}

/**
 * Maps a Handover_Item__c field map to the engine checklist item.
 * @param {Record<string, unknown>} fields
 * @returns {ChecklistItem}
 */
export function itemFromRecord(fields) {
  const fn = 'itemFromRecord';
  const f = recordFields(fields, fn);
  return {
    id: textField(f, 'Id', fn),
    name: textField(f, 'Name', fn),
    checklistId: textField(f, 'Checklist__c', fn),
    category: textField(f, 'Category__c', fn),
    mandatory: booleanField(f, 'Mandatory__c', fn),
    done: booleanField(f, 'Done__c', fn),
    doneOn: dayField(f, 'Done_On__c', fn),
    ownerId: textField(f, 'Item_Owner__c', fn),
    dueDate: dayField(f, 'Due_Date__c', fn),
    evidenceLink: textField(f, 'Evidence_Link__c', fn),
    sortOrder: numberField(f, 'Sort_Order__c', fn),
    templateItem: textField(f, 'Template_Item__c', fn),
    reservation: booleanField(f, 'Reservation__c', fn),
    externalId: textField(f, 'External_Id__c', fn)
  };
}

/**
 * The Maintenance_Contract__c SLA fields to copy from an SLA_Template__mdt record: P1..P4 response minutes and
 * resolution hours, P1_24x7__c, SLA_Template__c (the template's DeveloperName) and, when the template names one,
 * Calendar__c.
 * @param {Record<string, unknown>} templateRecord
 * @returns {Record<string, string|number|boolean|null>}
 */
export function slaTemplateToContractFields(templateRecord) {
  const fn = 'slaTemplateToContractFields';
  const f = recordFields(templateRecord, fn);
  /** @type {Record<string, string|number|boolean|null>} */
  const result = {};
  for (const priority of PRIORITIES) {
    for (const suffix of ['_Response_Minutes__c', '_Resolution_Hours__c']) {
      const name = `${priority}${suffix}`;
      const value = numberField(f, name, fn);
      if (value !== null && value < 0) {
        throw new RangeError(`${fn}: ${name} must not be negative`);
      }
      result[name] = value;
    }
  }
  result.P1_24x7__c = booleanField(f, 'P1_24x7__c', fn);
  result.SLA_Template__c = textField(f, 'DeveloperName', fn) ?? textField(f, 'QualifiedApiName', fn);
  const calendar = textField(f, 'Calendar__c', fn);
  if (calendar !== null) {
    result.Calendar__c = calendar;
  }
  return result;
}

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

// ---------------------------------------------------------------------------------------------------------------------
// Maintenance proposals: a coming gap becomes a sales opportunity
// ---------------------------------------------------------------------------------------------------------------------

/** The stage a maintenance proposal opens at: the first stage of Salesforce's standard sales process. */
export const PROPOSAL_STAGE = 'Prospecting';

/** The SLA template a proposal is priced on when no contract of the account names one. */
export const DEFAULT_SLA_TEMPLATE = 'Standard';

/**
 * Engine view of an Opportunity that may be a maintenance proposal (one with a gap start).
 * @typedef {Object} Proposal
 * @property {string|null} id
 * @property {string|null} name
 * @property {string|null} accountId
 * @property {string|null} stageName
 * @property {string|null} closeDate
 * @property {number|null} amount
 * @property {boolean} isClosed
 * @property {string|null} gapStart Maintenance_Gap_Start__c: set exactly on maintenance proposals
 * @property {string|null} transitionId Maintenance_Transition__c
 */

/**
 * Maps an Opportunity field map to the engine proposal.
 * @param {Record<string, unknown>} fields
 * @returns {Proposal}
 */
export function proposalFromRecord(fields) {
  const fn = 'proposalFromRecord';
  const f = recordFields(fields, fn);
  return {
    id: textField(f, 'Id', fn),
    name: textField(f, 'Name', fn),
    accountId: textField(f, 'AccountId', fn),
    stageName: textField(f, 'StageName', fn),
    closeDate: dayField(f, 'CloseDate', fn),
    amount: numberField(f, 'Amount', fn),
    isClosed: booleanField(f, 'IsClosed', fn),
    gapStart: dayField(f, 'Maintenance_Gap_Start__c', fn),
    transitionId: textField(f, 'Maintenance_Transition__c', fn)
  };
}

/**
 * The account's maintenance proposal still open, if any: an opportunity with a gap start that is not closed (won or
 * lost). One is shown instead of proposing maintenance twice; with several, the one to close first.
 * @param {Proposal[]} proposals the account's opportunities (others than proposals are ignored)
 * @returns {Proposal|null}
 */
export function openProposal(proposals) {
  const fn = 'openProposal';
  const open = arrayArg(proposals, fn, 'proposals')
    .map((proposal, i) => /** @type {Proposal} */ (objectArg(proposal, fn, `proposals[${i}]`)))
    .filter((proposal) => proposal.gapStart !== null && proposal.gapStart !== undefined && !proposal.isClosed);
  open.sort(
    (a, b) =>
      String(a.closeDate ?? '9999').localeCompare(String(b.closeDate ?? '9999')) ||
      String(a.id ?? '').localeCompare(String(b.id ?? ''))
  );
  return open[0] ?? null;
}

/**
 * What "Propose maintenance" offers for an account with a gap in its coverage (coverageSummary's gapStart: today when
 * in a gap, else the first gap day within the horizon), as the Opportunity to create:
 * - the transition plan: the one whose go-live is the latest on or before the gap starts (the go-live the gap
 *   follows); none when no go-live precedes the gap;
 * - the term: the months of the option chosen on that transition, else DEFAULT_RENEWAL_TERM_MONTHS;
 * - the SLA template: that of the account's contract ending last that names one, else DEFAULT_SLA_TEMPLATE; the
 *   amount is its Monthly_Fee__c times the term (null when the template has no fee, or is not in `templates`);
 * - the close date: the day before the gap starts, so that a contract can start on the first uncovered day; today
 *   when that day has passed (the account is in a gap: the sooner the better).
 * @param {Object} input
 * @param {string} input.accountId
 * @param {string|null} input.gapStart 'YYYY-MM-DD' or null
 * @param {Contract[]} [input.contracts] the account's contracts
 * @param {Transition[]} [input.transitions] the account's transition plans
 * @param {TransitionOption[]} [input.options] the transition options
 * @param {Record<string, unknown>[]} [input.templates] SLA_Template__mdt records (DeveloperName, Monthly_Fee__c)
 * @param {string} input.today 'YYYY-MM-DD'
 * @returns {{ gapStart: string, closeDate: string, termMonths: number, slaTemplate: string,
 *   monthlyFee: number|null, amount: number|null, transitionId: string|null,
 *   fields: Record<string, string|number|null> }|null} null when there is no gap to close; `fields` are the
 *   Opportunity's fields but its Name
 */
export function maintenanceProposal(input) {
  const fn = 'maintenanceProposal';
  const args = objectArg(input, fn, 'input');
  const today = dayNumber(args.today, fn, 'today');
  const gap = optionalDayNumber(args.gapStart, fn, 'gapStart');
  if (gap === null) return null;
  if (typeof args.accountId !== 'string' || args.accountId.length === 0) {
    throw new TypeError(`${fn}: accountId must be a non-empty string, got ${describe(args.accountId)}`);
  }
  const contracts = /** @type {Contract[]} */ (arrayArg(args.contracts ?? [], fn, 'contracts'));
  const transitions = /** @type {Transition[]} */ (arrayArg(args.transitions ?? [], fn, 'transitions'));
  const options = /** @type {TransitionOption[]} */ (arrayArg(args.options ?? [], fn, 'options'));
  const templates = arrayArg(args.templates ?? [], fn, 'templates');

  const gapDay = formatDay(gap);
  const transition =
    transitions
      .filter((candidate) => candidate.goLiveDate && candidate.goLiveDate <= gapDay)
      .sort(
        (a, b) => b.goLiveDate.localeCompare(a.goLiveDate) || String(a.id ?? '').localeCompare(String(b.id ?? ''))
      )[0] ?? null;
  const chosen = transition?.optionChosen
    ? options.find((option) => option.name === transition.optionChosen)
    : undefined;
  const termMonths = chosen?.termMonths ?? DEFAULT_RENEWAL_TERM_MONTHS;
  const latest = contracts
    .filter((contract) => typeof contract.slaTemplate === 'string' && contract.slaTemplate.length > 0)
    .sort((a, b) => b.endDate.localeCompare(a.endDate) || String(a.id ?? '').localeCompare(String(b.id ?? '')))[0];
  const slaTemplate = /** @type {string} */ (latest?.slaTemplate ?? DEFAULT_SLA_TEMPLATE);
  const template = templates.find(
    (record) => /** @type {Record<string, unknown>} */ (record)?.DeveloperName === slaTemplate
  );
  const fee = template ? numberField(recordFields(template, fn), 'Monthly_Fee__c', fn) : null;
  const amount = fee === null ? null : Math.round(fee * termMonths * 100) / 100;
  const closeDate = formatDay(Math.max(today, gap - 1));
  return {
    gapStart: gapDay,
    closeDate,
    termMonths,
    slaTemplate,
    monthlyFee: fee,
    amount,
    transitionId: transition?.id ?? null,
    fields: {
      AccountId: args.accountId,
      StageName: PROPOSAL_STAGE,
      CloseDate: closeDate,
      Amount: amount,
      Maintenance_Gap_Start__c: gapDay,
      Maintenance_Transition__c: transition?.id ?? null,
      Proposed_Term_Months__c: termMonths,
      Proposed_SLA_Template__c: slaTemplate
    }
  };
}
