// @ts-check
// Part of the engine (src/engine/index.js), bundled by npm run build:engine.
import {
  AMENDMENT_REASONS,
  CONTRACT_STATUSES,
  DEFAULT_ALERT_THRESHOLD_PERCENT,
  DEFAULT_NOTICE_PERIOD_DAYS,
  EFFORT_KINDS,
  INCIDENT_STATUSES,
  LEVELS,
  MINUTE_MS,
  PAUSE_REASONS,
  PRIORITIES
} from './constants.js';
import { describe, instantMs, objectArg } from './checks.js';
import { dayNumber } from './days.js';
import { zoneFor } from './timeZones.js';
import { noticeDeadline } from './coverage.js';
/** @typedef {import('./types.js').Amendment} Amendment */
/** @typedef {import('./types.js').Checklist} Checklist */
/** @typedef {import('./types.js').ChecklistItem} ChecklistItem */
/** @typedef {import('./types.js').Contract} Contract */
/** @typedef {import('./types.js').EffortEntry} EffortEntry */
/** @typedef {import('./types.js').Incident} Incident */
/** @typedef {import('./types.js').SlaTargets} SlaTargets */
/** @typedef {import('./types.js').Transition} Transition */
/** @typedef {import('./types.js').TransitionOption} TransitionOption */

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
export function recordFields(record, fn) {
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
export function textField(fields, name, fn) {
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
export function numberField(fields, name, fn) {
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
export function booleanField(fields, name, fn) {
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
export function dayField(fields, name, fn) {
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
