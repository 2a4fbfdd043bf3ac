/**
 * Where the Maintenance components get their records, in one place so that every component asks Lightning Data
 * Service for exactly the same thing (LDS then serves them all from one request and one cache entry), and the
 * conversion from UI API records to the plain field maps that maintenanceEngine's *FromRecord functions read.
 *
 * Custom metadata (calendars, SLA templates, handover template items) does not come through Lightning Data Service:
 * c/maintenanceConfig reads it from the generated Maintenance_Config static resource. OBJECTS names the types.
 */
import { getFieldValue, getFieldDisplayValue } from 'lightning/uiRecordApi';
import CONTRACT_OBJECT from '@salesforce/schema/Maintenance_Contract__c';
import CONTRACT_NAME from '@salesforce/schema/Maintenance_Contract__c.Name';
import CONTRACT_STATUS from '@salesforce/schema/Maintenance_Contract__c.Status__c';
import CONTRACT_CONTRACT_TYPE from '@salesforce/schema/Maintenance_Contract__c.Contract_Type__c';
import CONTRACT_PROVIDER from '@salesforce/schema/Maintenance_Contract__c.Provider__c';
import CONTRACT_START_DATE from '@salesforce/schema/Maintenance_Contract__c.Start_Date__c';
import CONTRACT_END_DATE from '@salesforce/schema/Maintenance_Contract__c.End_Date__c';
import CONTRACT_NOTICE_PERIOD_DAYS from '@salesforce/schema/Maintenance_Contract__c.Notice_Period_Days__c';
import CONTRACT_NOTICE_DEADLINE from '@salesforce/schema/Maintenance_Contract__c.Notice_Deadline__c';
import CONTRACT_TACIT_RENEWAL from '@salesforce/schema/Maintenance_Contract__c.Tacit_Renewal__c';
import CONTRACT_CALENDAR from '@salesforce/schema/Maintenance_Contract__c.Calendar__c';
import CONTRACT_TIME_ZONE from '@salesforce/schema/Maintenance_Contract__c.Time_Zone__c';
import CONTRACT_SLA_TEMPLATE from '@salesforce/schema/Maintenance_Contract__c.SLA_Template__c';
import CONTRACT_P1_RESPONSE_MINUTES from '@salesforce/schema/Maintenance_Contract__c.P1_Response_Minutes__c';
import CONTRACT_P2_RESPONSE_MINUTES from '@salesforce/schema/Maintenance_Contract__c.P2_Response_Minutes__c';
import CONTRACT_P3_RESPONSE_MINUTES from '@salesforce/schema/Maintenance_Contract__c.P3_Response_Minutes__c';
import CONTRACT_P4_RESPONSE_MINUTES from '@salesforce/schema/Maintenance_Contract__c.P4_Response_Minutes__c';
import CONTRACT_P1_RESOLUTION_HOURS from '@salesforce/schema/Maintenance_Contract__c.P1_Resolution_Hours__c';
import CONTRACT_P2_RESOLUTION_HOURS from '@salesforce/schema/Maintenance_Contract__c.P2_Resolution_Hours__c';
import CONTRACT_P3_RESOLUTION_HOURS from '@salesforce/schema/Maintenance_Contract__c.P3_Resolution_Hours__c';
import CONTRACT_P4_RESOLUTION_HOURS from '@salesforce/schema/Maintenance_Contract__c.P4_Resolution_Hours__c';
import CONTRACT_P1_24X7 from '@salesforce/schema/Maintenance_Contract__c.P1_24x7__c';
import CONTRACT_BUDGET_DAYS from '@salesforce/schema/Maintenance_Contract__c.Budget_Days__c';
import CONTRACT_CONSUMED_DAYS from '@salesforce/schema/Maintenance_Contract__c.Consumed_Effort_Days__c';
import CONTRACT_AMENDED_BUDGET_DAYS from '@salesforce/schema/Maintenance_Contract__c.Amended_Budget_Days__c';
import CONTRACT_RENEWAL_TERM_MONTHS from '@salesforce/schema/Maintenance_Contract__c.Renewal_Term_Months__c';
import CONTRACT_MAX_RENEWALS from '@salesforce/schema/Maintenance_Contract__c.Max_Renewals__c';
import CONTRACT_NOTICE_GIVEN_ON from '@salesforce/schema/Maintenance_Contract__c.Notice_Given_On__c';
import CONTRACT_DAILY_RATE from '@salesforce/schema/Maintenance_Contract__c.Daily_Rate__c';
import CONTRACT_MONTHLY_FEE from '@salesforce/schema/Maintenance_Contract__c.Monthly_Fee__c';
import CONTRACT_MONTHLY_SPEND_ALERT from '@salesforce/schema/Maintenance_Contract__c.Monthly_Spend_Alert__c';
import TRANSITION_OBJECT from '@salesforce/schema/Maintenance_Transition__c';
import TRANSITION_NAME from '@salesforce/schema/Maintenance_Transition__c.Name';
import TRANSITION_ACCOUNT from '@salesforce/schema/Maintenance_Transition__c.Account__c';
import TRANSITION_HANDOVER_CHECKLIST from '@salesforce/schema/Maintenance_Transition__c.Handover_Checklist__c';
import TRANSITION_GO_LIVE_DATE from '@salesforce/schema/Maintenance_Transition__c.Go_Live_Date__c';
import TRANSITION_WARRANTY_END_DATE from '@salesforce/schema/Maintenance_Transition__c.Warranty_End_Date__c';
import TRANSITION_OPTION_CHOSEN from '@salesforce/schema/Maintenance_Transition__c.Option_Chosen__c';
import TRANSITION_DECISION_DATE from '@salesforce/schema/Maintenance_Transition__c.Decision_Date__c';
import TRANSITION_DECIDED_BY from '@salesforce/schema/Maintenance_Transition__c.Decided_By__c';
import TRANSITION_RATIONALE from '@salesforce/schema/Maintenance_Transition__c.Rationale__c';
import TRANSITION_SUCCESSOR_CONTRACT from '@salesforce/schema/Maintenance_Transition__c.Successor_Contract__c';
import AMENDMENT_OBJECT from '@salesforce/schema/Contract_Amendment__c';
import AMENDMENT_NAME from '@salesforce/schema/Contract_Amendment__c.Name';
import AMENDMENT_CONTRACT from '@salesforce/schema/Contract_Amendment__c.Contract__c';
import AMENDMENT_ACCOUNT from '@salesforce/schema/Contract_Amendment__c.Account__c';
import AMENDMENT_EFFECTIVE_DATE from '@salesforce/schema/Contract_Amendment__c.Effective_Date__c';
import AMENDMENT_REASON from '@salesforce/schema/Contract_Amendment__c.Reason__c';
import AMENDMENT_BUDGET_DAYS_CHANGE from '@salesforce/schema/Contract_Amendment__c.Budget_Days_Change__c';
import AMENDMENT_NEW_MONTHLY_FEE from '@salesforce/schema/Contract_Amendment__c.New_Monthly_Fee__c';
import AMENDMENT_NEW_END_DATE from '@salesforce/schema/Contract_Amendment__c.New_End_Date__c';
import EFFORT_OBJECT from '@salesforce/schema/Effort_Entry__c';
import EFFORT_CONTRACT from '@salesforce/schema/Effort_Entry__c.Contract__c';
import EFFORT_ACCOUNT from '@salesforce/schema/Effort_Entry__c.Account__c';
import EFFORT_INCIDENT from '@salesforce/schema/Effort_Entry__c.Incident__c';
import EFFORT_WORK_DATE from '@salesforce/schema/Effort_Entry__c.Work_Date__c';
import EFFORT_DAYS from '@salesforce/schema/Effort_Entry__c.Days__c';
import EFFORT_KIND from '@salesforce/schema/Effort_Entry__c.Kind__c';
import EFFORT_BILLABLE from '@salesforce/schema/Effort_Entry__c.Billable__c';
import EFFORT_DESCRIPTION from '@salesforce/schema/Effort_Entry__c.Description__c';
import CONTRACT_ALERT_THRESHOLD_PERCENT from '@salesforce/schema/Maintenance_Contract__c.Alert_Threshold_Percent__c';
import CONTRACT_HANDOVER_CHECKLIST from '@salesforce/schema/Maintenance_Contract__c.Handover_Checklist__c';
import INCIDENT_OBJECT from '@salesforce/schema/Maintenance_Incident__c';
import INCIDENT_NAME from '@salesforce/schema/Maintenance_Incident__c.Name';
import INCIDENT_ACCOUNT from '@salesforce/schema/Maintenance_Incident__c.Account__c';
import INCIDENT_CONTRACT from '@salesforce/schema/Maintenance_Incident__c.Contract__c';
import INCIDENT_SUBJECT from '@salesforce/schema/Maintenance_Incident__c.Subject__c';
import INCIDENT_CATEGORY from '@salesforce/schema/Maintenance_Incident__c.Category__c';
import INCIDENT_IMPACT from '@salesforce/schema/Maintenance_Incident__c.Impact__c';
import INCIDENT_URGENCY from '@salesforce/schema/Maintenance_Incident__c.Urgency__c';
import INCIDENT_PRIORITY from '@salesforce/schema/Maintenance_Incident__c.Priority__c';
import INCIDENT_PRIORITY_OVERRIDDEN from '@salesforce/schema/Maintenance_Incident__c.Priority_Overridden__c';
import INCIDENT_STATUS from '@salesforce/schema/Maintenance_Incident__c.Status__c';
import INCIDENT_REPORTED_AT from '@salesforce/schema/Maintenance_Incident__c.Reported_At__c';
import INCIDENT_RESPONDED_AT from '@salesforce/schema/Maintenance_Incident__c.Responded_At__c';
import INCIDENT_RESOLVED_AT from '@salesforce/schema/Maintenance_Incident__c.Resolved_At__c';
import INCIDENT_CLOSED_AT from '@salesforce/schema/Maintenance_Incident__c.Closed_At__c';
import INCIDENT_RESPONSE_DUE from '@salesforce/schema/Maintenance_Incident__c.Response_Due__c';
import INCIDENT_RESOLUTION_DUE from '@salesforce/schema/Maintenance_Incident__c.Resolution_Due__c';
import INCIDENT_ORIGINAL_RESOLUTION_DUE from '@salesforce/schema/Maintenance_Incident__c.Original_Resolution_Due__c';
import INCIDENT_PAUSED_MINUTES from '@salesforce/schema/Maintenance_Incident__c.Paused_Minutes__c';
import INCIDENT_PAUSED_SINCE from '@salesforce/schema/Maintenance_Incident__c.Paused_Since__c';
import INCIDENT_EFFORT_DAYS from '@salesforce/schema/Maintenance_Incident__c.Effort_Days__c';
import INCIDENT_OUT_OF_COVERAGE from '@salesforce/schema/Maintenance_Incident__c.Out_Of_Coverage__c';
import INCIDENT_PAUSE_REASON from '@salesforce/schema/Maintenance_Incident__c.Pause_Reason__c';
import INCIDENT_RESPONSE_BREACHED_AT from '@salesforce/schema/Maintenance_Incident__c.Response_Breached_At__c';
import INCIDENT_RESOLUTION_BREACHED_AT from '@salesforce/schema/Maintenance_Incident__c.Resolution_Breached_At__c';
import CHECKLIST_OBJECT from '@salesforce/schema/Handover_Checklist__c';
import CHECKLIST_NAME from '@salesforce/schema/Handover_Checklist__c.Name';
import CHECKLIST_PROJECT_NAME from '@salesforce/schema/Handover_Checklist__c.Project_Name__c';
import CHECKLIST_GO_LIVE_DATE from '@salesforce/schema/Handover_Checklist__c.Go_Live_Date__c';
import CHECKLIST_WARRANTY_END_DATE from '@salesforce/schema/Handover_Checklist__c.Warranty_End_Date__c';
import CHECKLIST_PHASE from '@salesforce/schema/Handover_Checklist__c.Phase__c';
import CHECKLIST_SIGNED_OFF_BY from '@salesforce/schema/Handover_Checklist__c.Signed_Off_By__c';
import CHECKLIST_SIGNED_OFF_ON from '@salesforce/schema/Handover_Checklist__c.Signed_Off_On__c';
import ITEM_OBJECT from '@salesforce/schema/Handover_Item__c';
import ITEM_NAME from '@salesforce/schema/Handover_Item__c.Name';
import ITEM_CHECKLIST from '@salesforce/schema/Handover_Item__c.Checklist__c';
import ITEM_CATEGORY from '@salesforce/schema/Handover_Item__c.Category__c';
import ITEM_MANDATORY from '@salesforce/schema/Handover_Item__c.Mandatory__c';
import ITEM_DONE from '@salesforce/schema/Handover_Item__c.Done__c';
import ITEM_DONE_ON from '@salesforce/schema/Handover_Item__c.Done_On__c';
import ITEM_DUE_DATE from '@salesforce/schema/Handover_Item__c.Due_Date__c';
import ITEM_EVIDENCE_LINK from '@salesforce/schema/Handover_Item__c.Evidence_Link__c';
import ITEM_SORT_ORDER from '@salesforce/schema/Handover_Item__c.Sort_Order__c';
import ITEM_TEMPLATE_ITEM from '@salesforce/schema/Handover_Item__c.Template_Item__c';
import ITEM_RESERVATION from '@salesforce/schema/Handover_Item__c.Reservation__c';
import ITEM_OWNER from '@salesforce/schema/Handover_Item__c.Item_Owner__c';
import CHECKLIST_RESERVATIONS_OPEN from '@salesforce/schema/Handover_Checklist__c.Reservations_Open__c';
import CALENDAR_OBJECT from '@salesforce/schema/Maintenance_Calendar__mdt';
import TEMPLATE_ITEM_OBJECT from '@salesforce/schema/Handover_Template_Item__mdt';
import TRANSITION_OPTION_OBJECT from '@salesforce/schema/Transition_Option__mdt';
import SLA_TEMPLATE_OBJECT from '@salesforce/schema/SLA_Template__mdt';
import OPPORTUNITY_OBJECT from '@salesforce/schema/Opportunity';
import OPPORTUNITY_NAME from '@salesforce/schema/Opportunity.Name';
import OPPORTUNITY_ACCOUNT from '@salesforce/schema/Opportunity.AccountId';
import OPPORTUNITY_STAGE from '@salesforce/schema/Opportunity.StageName';
import OPPORTUNITY_CLOSE_DATE from '@salesforce/schema/Opportunity.CloseDate';
import OPPORTUNITY_AMOUNT from '@salesforce/schema/Opportunity.Amount';
import OPPORTUNITY_IS_CLOSED from '@salesforce/schema/Opportunity.IsClosed';
import OPPORTUNITY_GAP_START from '@salesforce/schema/Opportunity.Maintenance_Gap_Start__c';
import OPPORTUNITY_TRANSITION from '@salesforce/schema/Opportunity.Maintenance_Transition__c';

export const CONTRACT_FIELDS = Object.freeze({
  NAME: CONTRACT_NAME,
  STATUS: CONTRACT_STATUS,
  CONTRACT_TYPE: CONTRACT_CONTRACT_TYPE,
  PROVIDER: CONTRACT_PROVIDER,
  START_DATE: CONTRACT_START_DATE,
  END_DATE: CONTRACT_END_DATE,
  NOTICE_PERIOD_DAYS: CONTRACT_NOTICE_PERIOD_DAYS,
  NOTICE_DEADLINE: CONTRACT_NOTICE_DEADLINE,
  TACIT_RENEWAL: CONTRACT_TACIT_RENEWAL,
  CALENDAR: CONTRACT_CALENDAR,
  TIME_ZONE: CONTRACT_TIME_ZONE,
  SLA_TEMPLATE: CONTRACT_SLA_TEMPLATE,
  P1_RESPONSE_MINUTES: CONTRACT_P1_RESPONSE_MINUTES,
  P2_RESPONSE_MINUTES: CONTRACT_P2_RESPONSE_MINUTES,
  P3_RESPONSE_MINUTES: CONTRACT_P3_RESPONSE_MINUTES,
  P4_RESPONSE_MINUTES: CONTRACT_P4_RESPONSE_MINUTES,
  P1_RESOLUTION_HOURS: CONTRACT_P1_RESOLUTION_HOURS,
  P2_RESOLUTION_HOURS: CONTRACT_P2_RESOLUTION_HOURS,
  P3_RESOLUTION_HOURS: CONTRACT_P3_RESOLUTION_HOURS,
  P4_RESOLUTION_HOURS: CONTRACT_P4_RESOLUTION_HOURS,
  P1_24X7: CONTRACT_P1_24X7,
  BUDGET_DAYS: CONTRACT_BUDGET_DAYS,
  CONSUMED_DAYS: CONTRACT_CONSUMED_DAYS,
  AMENDED_BUDGET_DAYS: CONTRACT_AMENDED_BUDGET_DAYS,
  RENEWAL_TERM_MONTHS: CONTRACT_RENEWAL_TERM_MONTHS,
  MAX_RENEWALS: CONTRACT_MAX_RENEWALS,
  NOTICE_GIVEN_ON: CONTRACT_NOTICE_GIVEN_ON,
  ALERT_THRESHOLD_PERCENT: CONTRACT_ALERT_THRESHOLD_PERCENT,
  HANDOVER_CHECKLIST: CONTRACT_HANDOVER_CHECKLIST
});

/**
 * Contract fields hidden from Maintenance Support (money): asked for as optionalFields, so that a user who cannot
 * read them still gets the contracts, without them.
 */
export const CONTRACT_FINANCIAL_FIELDS = Object.freeze({
  DAILY_RATE: CONTRACT_DAILY_RATE,
  MONTHLY_FEE: CONTRACT_MONTHLY_FEE,
  MONTHLY_SPEND_ALERT: CONTRACT_MONTHLY_SPEND_ALERT
});

export const TRANSITION_FIELDS = Object.freeze({
  NAME: TRANSITION_NAME,
  ACCOUNT: TRANSITION_ACCOUNT,
  HANDOVER_CHECKLIST: TRANSITION_HANDOVER_CHECKLIST,
  GO_LIVE_DATE: TRANSITION_GO_LIVE_DATE,
  WARRANTY_END_DATE: TRANSITION_WARRANTY_END_DATE,
  OPTION_CHOSEN: TRANSITION_OPTION_CHOSEN,
  DECISION_DATE: TRANSITION_DECISION_DATE,
  DECIDED_BY: TRANSITION_DECIDED_BY,
  RATIONALE: TRANSITION_RATIONALE,
  SUCCESSOR_CONTRACT: TRANSITION_SUCCESSOR_CONTRACT
});

export const AMENDMENT_FIELDS = Object.freeze({
  NAME: AMENDMENT_NAME,
  CONTRACT: AMENDMENT_CONTRACT,
  ACCOUNT: AMENDMENT_ACCOUNT,
  EFFECTIVE_DATE: AMENDMENT_EFFECTIVE_DATE,
  REASON: AMENDMENT_REASON,
  BUDGET_DAYS_CHANGE: AMENDMENT_BUDGET_DAYS_CHANGE,
  NEW_END_DATE: AMENDMENT_NEW_END_DATE
});

/** Amendment fields hidden from Maintenance Support, asked for as optionalFields. */
export const AMENDMENT_FINANCIAL_FIELDS = Object.freeze({ NEW_MONTHLY_FEE: AMENDMENT_NEW_MONTHLY_FEE });

export const EFFORT_FIELDS = Object.freeze({
  CONTRACT: EFFORT_CONTRACT,
  ACCOUNT: EFFORT_ACCOUNT,
  INCIDENT: EFFORT_INCIDENT,
  WORK_DATE: EFFORT_WORK_DATE,
  DAYS: EFFORT_DAYS,
  KIND: EFFORT_KIND,
  BILLABLE: EFFORT_BILLABLE,
  DESCRIPTION: EFFORT_DESCRIPTION
});

export const INCIDENT_FIELDS = Object.freeze({
  NAME: INCIDENT_NAME,
  ACCOUNT: INCIDENT_ACCOUNT,
  CONTRACT: INCIDENT_CONTRACT,
  SUBJECT: INCIDENT_SUBJECT,
  CATEGORY: INCIDENT_CATEGORY,
  IMPACT: INCIDENT_IMPACT,
  URGENCY: INCIDENT_URGENCY,
  PRIORITY: INCIDENT_PRIORITY,
  PRIORITY_OVERRIDDEN: INCIDENT_PRIORITY_OVERRIDDEN,
  STATUS: INCIDENT_STATUS,
  REPORTED_AT: INCIDENT_REPORTED_AT,
  RESPONDED_AT: INCIDENT_RESPONDED_AT,
  RESOLVED_AT: INCIDENT_RESOLVED_AT,
  CLOSED_AT: INCIDENT_CLOSED_AT,
  RESPONSE_DUE: INCIDENT_RESPONSE_DUE,
  RESOLUTION_DUE: INCIDENT_RESOLUTION_DUE,
  ORIGINAL_RESOLUTION_DUE: INCIDENT_ORIGINAL_RESOLUTION_DUE,
  PAUSED_MINUTES: INCIDENT_PAUSED_MINUTES,
  PAUSED_SINCE: INCIDENT_PAUSED_SINCE,
  EFFORT_DAYS: INCIDENT_EFFORT_DAYS,
  OUT_OF_COVERAGE: INCIDENT_OUT_OF_COVERAGE,
  PAUSE_REASON: INCIDENT_PAUSE_REASON,
  RESPONSE_BREACHED_AT: INCIDENT_RESPONSE_BREACHED_AT,
  RESOLUTION_BREACHED_AT: INCIDENT_RESOLUTION_BREACHED_AT
});

export const CHECKLIST_FIELDS = Object.freeze({
  NAME: CHECKLIST_NAME,
  PROJECT_NAME: CHECKLIST_PROJECT_NAME,
  GO_LIVE_DATE: CHECKLIST_GO_LIVE_DATE,
  WARRANTY_END_DATE: CHECKLIST_WARRANTY_END_DATE,
  PHASE: CHECKLIST_PHASE,
  SIGNED_OFF_BY: CHECKLIST_SIGNED_OFF_BY,
  SIGNED_OFF_ON: CHECKLIST_SIGNED_OFF_ON,
  RESERVATIONS_OPEN: CHECKLIST_RESERVATIONS_OPEN
});

export const ITEM_FIELDS = Object.freeze({
  NAME: ITEM_NAME,
  CHECKLIST: ITEM_CHECKLIST,
  CATEGORY: ITEM_CATEGORY,
  MANDATORY: ITEM_MANDATORY,
  DONE: ITEM_DONE,
  DONE_ON: ITEM_DONE_ON,
  DUE_DATE: ITEM_DUE_DATE,
  EVIDENCE_LINK: ITEM_EVIDENCE_LINK,
  SORT_ORDER: ITEM_SORT_ORDER,
  TEMPLATE_ITEM: ITEM_TEMPLATE_ITEM,
  RESERVATION: ITEM_RESERVATION,
  OWNER: ITEM_OWNER
});

/** Child relationship names of the data model, which the related-list adapters take as relatedListId. */
/** The Opportunity fields a maintenance proposal is read with (maintenanceEngine.proposalFromRecord). */
export const PROPOSAL_FIELDS = Object.freeze({
  NAME: OPPORTUNITY_NAME,
  ACCOUNT: OPPORTUNITY_ACCOUNT,
  STAGE: OPPORTUNITY_STAGE,
  CLOSE_DATE: OPPORTUNITY_CLOSE_DATE,
  AMOUNT: OPPORTUNITY_AMOUNT,
  IS_CLOSED: OPPORTUNITY_IS_CLOSED,
  GAP_START: OPPORTUNITY_GAP_START,
  TRANSITION: OPPORTUNITY_TRANSITION
});

export const RELATED_LISTS = Object.freeze({
  CONTRACTS: 'Maintenance_Contracts__r',
  INCIDENTS: 'Maintenance_Incidents__r',
  CHECKLISTS: 'Handover_Checklists__r',
  ITEMS: 'Items__r',
  TRANSITIONS: 'Maintenance_Transitions__r',
  AMENDMENTS: 'Contract_Amendments__r',
  EFFORT: 'Effort_Entries__r',
  OPPORTUNITIES: 'Opportunities'
});

/** Incidents read per account. The related-list resource answers at most 1,999 records a page. */
export const INCIDENT_PAGE_SIZE = 1999;
/** Effort entries read per account, as many as one page holds. */
export const EFFORT_PAGE_SIZE = 1999;

export const OBJECTS = Object.freeze({
  CONTRACT: CONTRACT_OBJECT,
  INCIDENT: INCIDENT_OBJECT,
  CHECKLIST: CHECKLIST_OBJECT,
  ITEM: ITEM_OBJECT,
  TRANSITION: TRANSITION_OBJECT,
  AMENDMENT: AMENDMENT_OBJECT,
  EFFORT: EFFORT_OBJECT,
  CALENDAR: CALENDAR_OBJECT,
  TEMPLATE_ITEM: TEMPLATE_ITEM_OBJECT,
  TRANSITION_OPTION: TRANSITION_OPTION_OBJECT,
  SLA_TEMPLATE: SLA_TEMPLATE_OBJECT,
  OPPORTUNITY: OPPORTUNITY_OBJECT
});

/**
 * `Object.Field` as the related-list and list-view resources take it.
 * @param {{ objectApiName: string, fieldApiName: string }} fieldId a static schema import
 * @returns {string}
 */
export function qualifiedName(fieldId) {
  return `${fieldId.objectApiName}.${fieldId.fieldApiName}`;
}

function qualifiedNames(fields) {
  return Object.values(fields).map(qualifiedName);
}

/**
 * The one request for everything the Maintenance tab shows about an account: its contracts, incidents and handover
 * checklists, as the `relatedListParameters` of getRelatedListRecordsBatch. Every component passes this same array.
 */
export const ACCOUNT_RELATED_LIST_PARAMETERS = Object.freeze([
  Object.freeze({
    relatedListId: RELATED_LISTS.CONTRACTS,
    fields: qualifiedNames(CONTRACT_FIELDS),
    optionalFields: qualifiedNames(CONTRACT_FINANCIAL_FIELDS),
    pageSize: 100
  }),
  // Newest first: when an account has more incidents than one page holds, the page keeps the most recent ones.
  Object.freeze({
    relatedListId: RELATED_LISTS.INCIDENTS,
    fields: qualifiedNames(INCIDENT_FIELDS),
    pageSize: INCIDENT_PAGE_SIZE,
    sortBy: Object.freeze([`-${qualifiedName(INCIDENT_FIELDS.REPORTED_AT)}`])
  }),
  Object.freeze({ relatedListId: RELATED_LISTS.CHECKLISTS, fields: qualifiedNames(CHECKLIST_FIELDS), pageSize: 50 }),
  Object.freeze({ relatedListId: RELATED_LISTS.TRANSITIONS, fields: qualifiedNames(TRANSITION_FIELDS), pageSize: 50 }),
  Object.freeze({
    relatedListId: RELATED_LISTS.AMENDMENTS,
    fields: qualifiedNames(AMENDMENT_FIELDS),
    optionalFields: qualifiedNames(AMENDMENT_FINANCIAL_FIELDS),
    pageSize: 200
  }),
  // Newest first, as the incidents: the budget of an account with more entries than a page counts the recent ones.
  Object.freeze({
    relatedListId: RELATED_LISTS.EFFORT,
    fields: qualifiedNames(EFFORT_FIELDS),
    pageSize: EFFORT_PAGE_SIZE,
    sortBy: Object.freeze([`-${qualifiedName(EFFORT_FIELDS.WORK_DATE)}`])
  }),
  // The account's opportunities, latest to close first: the maintenance proposals among them (Propose maintenance).
  Object.freeze({
    relatedListId: RELATED_LISTS.OPPORTUNITIES,
    fields: qualifiedNames(PROPOSAL_FIELDS),
    pageSize: 50,
    sortBy: Object.freeze([`-${qualifiedName(PROPOSAL_FIELDS.CLOSE_DATE)}`])
  })
]);

/** The fields of a checklist's items, for getRelatedListRecords on `Items__r`. */
export const ITEM_FIELD_NAMES = Object.freeze(qualifiedNames(ITEM_FIELDS));

/**
 * Reads one related list out of a getRelatedListRecordsBatch answer. Each list of a batch succeeds or fails on its
 * own (a user without access to one object still gets the others), so a failed list is returned as an error.
 * @param {object} batchData the `data` the adapter emitted
 * @param {string} relatedListId one of RELATED_LISTS
 * @returns {{ records: object[], error?: object, hasMore?: boolean }} hasMore: the list has records beyond this page
 */
export function relatedListFromBatch(batchData, relatedListId) {
  const results = batchData?.results ?? [];
  const index = ACCOUNT_RELATED_LIST_PARAMETERS.findIndex((params) => params.relatedListId === relatedListId);
  const entry =
    results.find((candidate) => candidate?.result?.listReference?.relatedListId === relatedListId) ?? results[index];
  if (!entry) {
    return { records: [] };
  }
  if (entry.statusCode >= 400) {
    return { records: [], error: { status: entry.statusCode, body: entry.result } };
  }
  return { records: entry.result?.records ?? [], hasMore: Boolean(entry.result?.nextPageToken) };
}

/**
 * A UI API record as a plain map of field API name -> value (plus `Id`), the shape maintenanceEngine's
 * contractFromRecord / incidentFromRecord / checklistFromRecord / itemFromRecord / calendarFromMetadata read.
 * @param {object} record a UI API record (`{ id, fields: { Name: { value, displayValue } } }`)
 * @param {Record<string, { objectApiName: string, fieldApiName: string }>} fields one of the *_FIELDS maps
 * @param {Record<string, { objectApiName: string, fieldApiName: string }>} [optionalFields] fields asked for as
 *   optionalFields: null when the user cannot read them
 * @returns {Record<string, unknown>}
 */
export function toFieldMap(record, fields, optionalFields = {}) {
  const map = { Id: record.id };
  for (const fieldId of [...Object.values(fields), ...Object.values(optionalFields)]) {
    const value = getFieldValue(record, fieldId);
    map[fieldId.fieldApiName] = value === undefined ? null : value;
  }
  return map;
}

/**
 * What the org shows for a field (a picklist's translated label, a formatted number), falling back to its value.
 * @param {object} record a UI API record
 * @param {{ objectApiName: string, fieldApiName: string }} fieldId
 * @returns {string}
 */
export function displayValueOf(record, fieldId) {
  const display = getFieldDisplayValue(record, fieldId);
  if (display !== null && display !== undefined) {
    return String(display);
  }
  const value = getFieldValue(record, fieldId);
  return value === null || value === undefined ? '' : String(value);
}
