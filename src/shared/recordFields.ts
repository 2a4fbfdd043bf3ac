/**
 * The fields the CLI reads of the package's records (contracts, amendments, transitions, handover checklists,
 * incidents), named once for every command that queries them, in the shapes the engine's *FromRecord functions take.
 */
import { OPEN_STATUSES } from '#engine';
import { soqlString } from './orgHelpers.js';

/** A record as the REST API returns it: field API name -> value. */
export type FieldMap = Record<string, unknown>;

export const CONTRACT_FIELDS = [
  'Id',
  'Name',
  'Account__c',
  'Status__c',
  'Contract_Type__c',
  'Provider__c',
  'Start_Date__c',
  'End_Date__c',
  'Notice_Period_Days__c',
  'Notice_Deadline__c',
  'Tacit_Renewal__c',
  'Renewal_Term_Months__c',
  'Max_Renewals__c',
  'Notice_Given_On__c',
  'Calendar__c',
  'Time_Zone__c',
  'SLA_Template__c',
  'P1_Response_Minutes__c',
  'P2_Response_Minutes__c',
  'P3_Response_Minutes__c',
  'P4_Response_Minutes__c',
  'P1_Resolution_Hours__c',
  'P2_Resolution_Hours__c',
  'P3_Resolution_Hours__c',
  'P4_Resolution_Hours__c',
  'P1_24x7__c',
  'Budget_Days__c',
  'Amended_Budget_Days__c',
  'Consumed_Effort_Days__c',
  'Budget_Consumed_Percent__c',
  'Alert_Threshold_Percent__c',
  'Daily_Rate__c',
  'Monthly_Fee__c',
  'Monthly_Spend_Alert__c',
  'Penalty_Rate_Percent__c',
  'Penalty_Cap_Percent__c',
  'Handover_Checklist__c',
  'External_Id__c'
];

export const CHECKLIST_FIELDS = [
  'Id',
  'Name',
  'Account__c',
  'Project_Name__c',
  'Go_Live_Date__c',
  'Warranty_End_Date__c',
  'Phase__c',
  'Signed_Off_On__c',
  'Items_Total__c',
  'Items_Done__c',
  'Mandatory_Open__c',
  'Readiness_Percent__c',
  'External_Id__c'
];

export const AMENDMENT_FIELDS = [
  'Id',
  'Name',
  'Contract__c',
  'Effective_Date__c',
  'Reason__c',
  'Budget_Days_Change__c',
  'New_Monthly_Fee__c',
  'New_End_Date__c',
  'External_Id__c'
];

export const TRANSITION_FIELDS = [
  'Id',
  'Name',
  'Account__c',
  'Handover_Checklist__c',
  'Go_Live_Date__c',
  'Warranty_End_Date__c',
  'Option_Chosen__c',
  'Decision_Date__c',
  'Successor_Contract__c',
  'External_Id__c'
];

export const INCIDENT_FIELDS = [
  'Id',
  'Name',
  'Account__c',
  'Contract__c',
  'Subject__c',
  'Category__c',
  'Impact__c',
  'Urgency__c',
  'Priority__c',
  'Priority_Overridden__c',
  'Status__c',
  'Reported_At__c',
  'Responded_At__c',
  'Resolved_At__c',
  'Closed_At__c',
  'Response_Due__c',
  'Resolution_Due__c',
  'Original_Resolution_Due__c',
  'Paused_Minutes__c',
  'Paused_Since__c',
  'Pause_Reason__c',
  'Response_Breached_At__c',
  'Resolution_Breached_At__c',
  'Effort_Days__c',
  'Out_Of_Coverage__c',
  'External_Id__c'
];

/** The open statuses as a SOQL list, for `Status__c IN (...)`. */
export const OPEN_STATUS_LIST = OPEN_STATUSES.map(soqlString).join(',');

/**
 * A field value as text: a string as it is, a number or a boolean printed, anything else (blank, or a value that is
 * not a field value at all) as `fallback`, never "[object Object]".
 */
export function fieldText(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fallback;
}
