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
 * It is written as modules under `src/engine/` (`index.js` re-exports the public API) and bundled by
 * `npm run build:engine` into one self-contained file, `lwc/maintenanceEngine/maintenanceEngine.js`: Node needs `.js`
 * in relative import specifiers while the Salesforce LWC bundler resolves sibling files without it, and one
 * self-contained module is what both are sure to load. Edit the modules, never the bundle.
 */

// The shared JSDoc types: imported for the bundle to carry them.
import './types.js';
export {
  PRIORITIES,
  LEVELS,
  INCIDENT_STATUSES,
  CONTRACT_STATUSES,
  COVERING_STATUSES,
  CONTRACT_TYPES,
  TIME_AND_MATERIALS,
  AMENDMENT_REASONS,
  COVERAGE_HORIZON_DAYS,
  DEFAULT_RENEWAL_TERM_MONTHS,
  TRANSITION_ALERT_DAYS,
  LONG_OPTION_LEAD_DAYS,
  INCIDENT_CATEGORIES,
  EFFORT_KINDS,
  WEEKDAYS,
  NOTICE_ALERT_DAYS,
  DEFAULT_ALERT_THRESHOLD_PERCENT,
  DEFAULT_NOTICE_PERIOD_DAYS,
  DEFAULT_WEEKLY_HOURS,
  PAUSE_REASONS,
  SLA_STATES,
  OPEN_STATUSES
} from './constants.js';
export { addDays, addMonths, daysBetween, dayOf } from './days.js';
export {
  addBusinessMinutes,
  businessMinutesBetween,
  isOpenAt,
  calendarFromMetadata,
  contractCalendar,
  holidayHorizon
} from './calendars.js';
export { HOLIDAY_COUNTRIES, HOLIDAY_YEARS, publicHolidays } from './holidays.js';
export { priorityFor } from './priority.js';
export { computeSlaTargets, slaStatus } from './slaClocks.js';
export { SLA_AT_RISK_MINUTES, atRiskIncidents, formatSlaDuration, slaBadgeText } from './slaStatus.js';
export { allowedActions, incidentTransition, waitRefusal, breachStamps } from './incidentWorkflow.js';
export { effectiveTerms, contractCoverPeriods, noticeStatus } from './contractTerms.js';
export { coveringContract, coverageTimeline, coverageSummary, noticeDeadline } from './coverage.js';
export { transitionPlan, successorContractFields, transitionDecisionFields } from './transition.js';
export { budgetBurn, monthlySpend, effortLogFields, effortOutOfCoverage } from './budget.js';
export {
  SIGNED_OFF_PHASES,
  checklistInFocus,
  handoverReadiness,
  reservationUpdates,
  handoverItemsFromTemplate
} from './handover.js';
export { penalties, slaCompliance, slaComplianceByClock, monthlyReview } from './review.js';
export {
  contractFromRecord,
  amendmentFromRecord,
  effortEntryFromRecord,
  transitionFromRecord,
  transitionOptionFromMetadata,
  incidentFromRecord,
  checklistFromRecord,
  itemFromRecord,
  slaTemplateToContractFields
} from './recordMappers.js';
export {
  NOTICE_SOON_DAYS,
  RISK_FLAGS,
  COMPLIANCE_WINDOW_DAYS,
  accountFigures,
  readinessFromRecord,
  portfolioFigures,
  riskFlags,
  portfolioRisk
} from './portfolio.js';
export {
  PROPOSAL_STAGE,
  DEFAULT_SLA_TEMPLATE,
  proposalFromRecord,
  openProposal,
  maintenanceProposal
} from './proposals.js';
