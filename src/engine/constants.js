// @ts-check
// Part of the engine (src/engine/index.js), bundled by npm run build:engine.
/** @typedef {import('./types.js').ContractStatus} ContractStatus */
/** @typedef {import('./types.js').HoursInterval} HoursInterval */
/** @typedef {import('./types.js').IncidentAction} IncidentAction */
/** @typedef {import('./types.js').IncidentStatus} IncidentStatus */
/** @typedef {import('./types.js').Level} Level */
/** @typedef {import('./types.js').Priority} Priority */
/** @typedef {import('./types.js').SlaState} SlaState */
/** @typedef {import('./types.js').WeekdayKey} WeekdayKey */
/** @typedef {import('./types.js').WeeklyHours} WeeklyHours */

// ---------------------------------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------------------------------

export const MINUTE_MS = 60000;
export const DAY_MS = 86400000;
/** Days per cached block of a calendar's open intervals. */
export const CHUNK_DAYS = 64;
/** A calendar keeps at most this many blocks (~350 years); beyond, the cache restarts rather than grow forever. */
export const MAX_CHUNKS = 2048;

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
export const PRIORITY_MATRIX = {
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
export const ALLOWED_FROM = {
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
