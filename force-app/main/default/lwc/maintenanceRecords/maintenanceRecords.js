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
import CONTRACT_CONSUMED_DAYS from '@salesforce/schema/Maintenance_Contract__c.Consumed_Days__c';
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
import CALENDAR_OBJECT from '@salesforce/schema/Maintenance_Calendar__mdt';
import TEMPLATE_ITEM_OBJECT from '@salesforce/schema/Handover_Template_Item__mdt';

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
  ALERT_THRESHOLD_PERCENT: CONTRACT_ALERT_THRESHOLD_PERCENT,
  HANDOVER_CHECKLIST: CONTRACT_HANDOVER_CHECKLIST
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
  OUT_OF_COVERAGE: INCIDENT_OUT_OF_COVERAGE
});

export const CHECKLIST_FIELDS = Object.freeze({
  NAME: CHECKLIST_NAME,
  PROJECT_NAME: CHECKLIST_PROJECT_NAME,
  GO_LIVE_DATE: CHECKLIST_GO_LIVE_DATE,
  WARRANTY_END_DATE: CHECKLIST_WARRANTY_END_DATE,
  PHASE: CHECKLIST_PHASE,
  SIGNED_OFF_BY: CHECKLIST_SIGNED_OFF_BY,
  SIGNED_OFF_ON: CHECKLIST_SIGNED_OFF_ON
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
  TEMPLATE_ITEM: ITEM_TEMPLATE_ITEM
});

/** Child relationship names of the data model, which the related-list adapters take as relatedListId. */
export const RELATED_LISTS = Object.freeze({
  CONTRACTS: 'Maintenance_Contracts__r',
  INCIDENTS: 'Maintenance_Incidents__r',
  CHECKLISTS: 'Handover_Checklists__r',
  ITEMS: 'Items__r'
});

/** Incidents read per account. The related-list resource answers at most 1,999 records a page. */
export const INCIDENT_PAGE_SIZE = 1999;

export const OBJECTS = Object.freeze({
  CONTRACT: CONTRACT_OBJECT,
  INCIDENT: INCIDENT_OBJECT,
  CHECKLIST: CHECKLIST_OBJECT,
  ITEM: ITEM_OBJECT,
  CALENDAR: CALENDAR_OBJECT,
  TEMPLATE_ITEM: TEMPLATE_ITEM_OBJECT
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
  Object.freeze({ relatedListId: RELATED_LISTS.CONTRACTS, fields: qualifiedNames(CONTRACT_FIELDS), pageSize: 100 }),
  // Newest first: when an account has more incidents than one page holds, the page keeps the most recent ones.
  Object.freeze({
    relatedListId: RELATED_LISTS.INCIDENTS,
    fields: qualifiedNames(INCIDENT_FIELDS),
    pageSize: INCIDENT_PAGE_SIZE,
    sortBy: Object.freeze([`-${qualifiedName(INCIDENT_FIELDS.REPORTED_AT)}`])
  }),
  Object.freeze({ relatedListId: RELATED_LISTS.CHECKLISTS, fields: qualifiedNames(CHECKLIST_FIELDS), pageSize: 50 })
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
 * @returns {Record<string, unknown>}
 */
export function toFieldMap(record, fields) {
  const map = { Id: record.id };
  for (const fieldId of Object.values(fields)) {
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
