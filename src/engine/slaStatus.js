// @ts-check
// Part of the engine (src/engine/index.js), bundled by npm run build:engine.
import { MINUTE_MS, OPEN_STATUSES } from './constants.js';
import { arrayArg, describe, instantMs, nonNegativeNumber, objectArg, priorityArg } from './checks.js';
import { compileCalendar, contractCalendar, openMsBetween } from './calendars.js';
import { slaClocks, slaStatus } from './slaClocks.js';
/** @typedef {import('./types.js').Calendar} Calendar */
/** @typedef {import('./types.js').ClockState} ClockState */
/** @typedef {import('./types.js').Contract} Contract */
/** @typedef {import('./types.js').Incident} Incident */
/** @typedef {import('./types.js').IncidentStatus} IncidentStatus */
/** @typedef {import('./types.js').SlaStatus} SlaStatus */
/** @typedef {import('./calendars.js').CompiledCalendar} CompiledCalendar */

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
