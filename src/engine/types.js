// @ts-check
// Part of the engine (src/engine/index.js), bundled by npm run build:engine.
export {};

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
