/**
 * The canonical data model (notes/datamodel.md) as data: the test oracle the metadata is compared with. API names,
 * types, relationships and picklist values are fixed here; descriptions and layouts are checked elsewhere.
 */

export interface ExpectedField {
  type: string;
  required?: boolean;
  formula?: boolean;
  referenceTo?: string;
  relationshipName?: string;
  deleteConstraint?: string;
  values?: string[];
  defaultValue?: string;
  length?: number;
  unique?: boolean;
}

export interface ExpectedObject {
  label: string;
  /** The label with an "s" when absent. */
  pluralLabel?: string;
  nameField: { label: string; type: 'Text' | 'AutoNumber'; displayFormat?: string };
  fields: Record<string, ExpectedField>;
  validationRules: string[];
}

const text = (length: number, extra: Partial<ExpectedField> = {}): ExpectedField => ({ type: 'Text', length, ...extra });
const picklist = (values: string[], defaultValue?: string): ExpectedField => ({ type: 'Picklist', values, defaultValue });
const externalId: ExpectedField = { type: 'Text', length: 80, unique: true };
const masterDetail = (referenceTo: string, relationshipName: string): ExpectedField => ({ type: 'MasterDetail', referenceTo, relationshipName });
const perPriority = (suffix: string, field: ExpectedField): Record<string, ExpectedField> =>
  Object.fromEntries(['P1', 'P2', 'P3', 'P4'].map((p) => [`${p}_${suffix}`, field]));

export const HANDOVER_CATEGORIES = [
  'Documentation',
  'Access & Accounts',
  'Environments',
  'Runbooks & Monitoring',
  'Knowledge Transfer',
  'Governance',
  'Known Defects'
];

/** Why an incident's SLA clock is paused (Pause_Reason__c), in order; the engine's PAUSE_REASONS are the same words. */
export const PAUSE_REASON_VALUES = [
  'Waiting for customer information',
  'Waiting for customer test',
  'Customer-side outage',
  'Planned change window'
];

/** Contract fields hidden from Maintenance Support. */
export const FINANCIAL_FIELDS = [
  'Daily_Rate__c',
  'Monthly_Fee__c',
  'Budget_Amount__c',
  'Penalty_Rate_Percent__c',
  'Penalty_Cap_Percent__c',
  'Monthly_Spend_Alert__c'
];

/** Amendment fields hidden from Maintenance Support: the new fee. */
export const AMENDMENT_FINANCIAL_FIELDS = ['New_Monthly_Fee__c'];

export const EXPECTED_OBJECTS: Record<string, ExpectedObject> = {
  Maintenance_Contract__c: {
    label: 'Maintenance Contract',
    nameField: { label: 'Contract Name', type: 'Text' },
    fields: {
      Account__c: masterDetail('Account', 'Maintenance_Contracts'),
      Status__c: picklist(['Draft', 'Signed', 'Active', 'Suspended', 'Expired', 'Terminated'], 'Draft'),
      Contract_Type__c: picklist(['TMA', 'Warranty', 'Project Extension', 'Time and Materials', 'Internal'], 'TMA'),
      Provider__c: text(120),
      Start_Date__c: { type: 'Date', required: true },
      End_Date__c: { type: 'Date', required: true },
      Notice_Period_Days__c: { type: 'Number', defaultValue: '90' },
      Notice_Deadline__c: { type: 'Date', formula: true },
      Tacit_Renewal__c: { type: 'Checkbox', defaultValue: 'false' },
      Renewal_Term_Months__c: { type: 'Number', defaultValue: '12' },
      Max_Renewals__c: { type: 'Number' },
      Notice_Given_On__c: { type: 'Date' },
      Calendar__c: text(80),
      Time_Zone__c: text(40),
      SLA_Template__c: text(80),
      ...perPriority('Response_Minutes__c', { type: 'Number' }),
      ...perPriority('Resolution_Hours__c', { type: 'Number' }),
      P1_24x7__c: { type: 'Checkbox', defaultValue: 'false' },
      Budget_Days__c: { type: 'Number' },
      Amended_Budget_Days__c: { type: 'Summary' },
      Consumed_Effort_Days__c: { type: 'Summary' },
      Budget_Consumed_Percent__c: { type: 'Percent', formula: true },
      Alert_Threshold_Percent__c: { type: 'Percent', defaultValue: '80' },
      Daily_Rate__c: { type: 'Currency' },
      Monthly_Fee__c: { type: 'Currency' },
      Monthly_Spend_Alert__c: { type: 'Currency' },
      Budget_Amount__c: { type: 'Currency', formula: true },
      Penalty_Rate_Percent__c: { type: 'Percent' },
      Penalty_Cap_Percent__c: { type: 'Percent' },
      Handover_Checklist__c: {
        type: 'Lookup',
        referenceTo: 'Handover_Checklist__c',
        relationshipName: 'Gated_Contracts',
        deleteConstraint: 'Restrict'
      },
      External_Id__c: externalId
    },
    validationRules: [
      'End_Not_Before_Start',
      'Activation_Requires_Signed_Off_Handover',
      'Handover_Checklist_Same_Account',
      'Budget_Not_Negative',
      'Renewal_Terms_Valid'
    ]
  },
  Maintenance_Incident__c: {
    label: 'Maintenance Incident',
    nameField: { label: 'Incident Number', type: 'AutoNumber', displayFormat: 'INC-{000000}' },
    fields: {
      Account__c: masterDetail('Account', 'Maintenance_Incidents'),
      Contract__c: { type: 'Lookup', referenceTo: 'Maintenance_Contract__c', relationshipName: 'Incidents', deleteConstraint: 'SetNull' },
      Subject__c: text(255, { required: true }),
      Description__c: { type: 'LongTextArea', length: 32000 },
      Category__c: picklist(['Corrective', 'Evolutive', 'Adaptive', 'Preventive'], 'Corrective'),
      Impact__c: picklist(['High', 'Medium', 'Low'], 'Medium'),
      Urgency__c: picklist(['High', 'Medium', 'Low'], 'Medium'),
      Priority__c: picklist(['P1', 'P2', 'P3', 'P4'], 'P3'),
      Priority_Overridden__c: { type: 'Checkbox', defaultValue: 'false' },
      Status__c: picklist(['New', 'Acknowledged', 'In Progress', 'Waiting on Customer', 'Resolved', 'Closed', 'Cancelled'], 'New'),
      Reported_At__c: { type: 'DateTime', required: true },
      Responded_At__c: { type: 'DateTime' },
      Resolved_At__c: { type: 'DateTime' },
      Closed_At__c: { type: 'DateTime' },
      Response_Due__c: { type: 'DateTime' },
      Resolution_Due__c: { type: 'DateTime' },
      Original_Resolution_Due__c: { type: 'DateTime' },
      Paused_Minutes__c: { type: 'Number', defaultValue: '0' },
      Paused_Since__c: { type: 'DateTime' },
      Pause_Reason__c: picklist(PAUSE_REASON_VALUES),
      Response_Breached_At__c: { type: 'DateTime' },
      Resolution_Breached_At__c: { type: 'DateTime' },
      Response_Breached__c: { type: 'Checkbox', formula: true },
      Resolution_Breached__c: { type: 'Checkbox', formula: true },
      SLA_State__c: { type: 'Text', formula: true },
      Effort_Days__c: { type: 'Number', defaultValue: '0' },
      Out_Of_Coverage__c: { type: 'Checkbox', defaultValue: 'false' },
      External_Id__c: externalId
    },
    validationRules: [
      'Resolved_Needs_Timestamp',
      'Closed_Needs_Timestamp',
      'Effort_Not_Negative',
      'Resolution_Not_Before_Report',
      'Covered_Incident_Needs_Due_Times',
      'Breach_Stamp_Is_Final',
      'No_Pause_After_Restore_Target',
      'Due_Times_Move_With_Their_Cause',
      'Coverage_Set_When_Logged',
      'Pause_Starts_When_Saved',
      'Paused_Minutes_Come_From_Pauses',
      'Breached_Incident_Not_Cancelled',
      'Reported_At_Set_When_Logged',
      'Response_And_Resolution_Set_When_Saved'
    ]
  },
  Handover_Checklist__c: {
    label: 'Handover Checklist',
    nameField: { label: 'Checklist Name', type: 'Text' },
    fields: {
      Account__c: masterDetail('Account', 'Handover_Checklists'),
      Project_Name__c: text(120, { required: true }),
      Go_Live_Date__c: { type: 'Date' },
      Warranty_End_Date__c: { type: 'Date' },
      Phase__c: picklist(
        ['Preparation', 'Knowledge Transfer', 'Shadowing', 'Reverse Shadowing', 'Signed Off', 'Signed Off with Reservations'],
        'Preparation'
      ),
      Signed_Off_By__c: { type: 'Lookup', referenceTo: 'User', relationshipName: 'Signed_Off_Handover_Checklists' },
      Signed_Off_On__c: { type: 'Date' },
      Items_Total__c: { type: 'Summary' },
      Items_Done__c: { type: 'Summary' },
      Mandatory_Open__c: { type: 'Summary' },
      Mandatory_Unreserved_Open__c: { type: 'Summary' },
      Reservations_Open__c: { type: 'Summary' },
      Readiness_Percent__c: { type: 'Percent', formula: true },
      External_Id__c: externalId
    },
    validationRules: ['Sign_Off_Needs_Mandatory_Items_Done', 'Sign_Off_Needs_Signer', 'Warranty_End_Not_Before_Go_Live']
  },
  Handover_Item__c: {
    label: 'Handover Item',
    nameField: { label: 'Item', type: 'Text' },
    fields: {
      Checklist__c: masterDetail('Handover_Checklist__c', 'Items'),
      Category__c: picklist(HANDOVER_CATEGORIES),
      Mandatory__c: { type: 'Checkbox', defaultValue: 'false' },
      Reservation__c: { type: 'Checkbox', defaultValue: 'false' },
      Done__c: { type: 'Checkbox', defaultValue: 'false' },
      Done_On__c: { type: 'Date' },
      Item_Owner__c: { type: 'Lookup', referenceTo: 'User', relationshipName: 'Handover_Items' },
      Due_Date__c: { type: 'Date' },
      Evidence_Link__c: { type: 'Url' },
      Sort_Order__c: { type: 'Number' },
      Template_Item__c: text(80),
      External_Id__c: externalId
    },
    validationRules: ['Done_Needs_Date', 'Reservation_Needs_Owner_And_Due_Date']
  },
  Maintenance_Transition__c: {
    label: 'Maintenance Transition',
    nameField: { label: 'Transition Name', type: 'Text' },
    fields: {
      Account__c: masterDetail('Account', 'Maintenance_Transitions'),
      Handover_Checklist__c: { type: 'Lookup', referenceTo: 'Handover_Checklist__c', relationshipName: 'Transitions', deleteConstraint: 'SetNull' },
      Go_Live_Date__c: { type: 'Date', required: true },
      Warranty_End_Date__c: { type: 'Date' },
      Option_Chosen__c: text(80),
      Decision_Date__c: { type: 'Date' },
      Decided_By__c: { type: 'Lookup', referenceTo: 'User', relationshipName: 'Maintenance_Transition_Decisions', deleteConstraint: 'SetNull' },
      Rationale__c: { type: 'LongTextArea', length: 32000 },
      Successor_Contract__c: { type: 'Lookup', referenceTo: 'Maintenance_Contract__c', relationshipName: 'Transitions_Succeeded', deleteConstraint: 'SetNull' },
      External_Id__c: externalId
    },
    validationRules: ['Decision_Needs_Option_And_Date', 'Warranty_End_Not_Before_Go_Live', 'Successor_Same_Account', 'Handover_Checklist_Same_Account']
  },
  Contract_Amendment__c: {
    label: 'Contract Amendment',
    nameField: { label: 'Amendment Number', type: 'AutoNumber', displayFormat: 'AMD-{0000}' },
    fields: {
      Contract__c: masterDetail('Maintenance_Contract__c', 'Amendments'),
      Account__c: { type: 'Lookup', referenceTo: 'Account', relationshipName: 'Contract_Amendments', deleteConstraint: 'SetNull' },
      Effective_Date__c: { type: 'Date', required: true },
      Reason__c: { type: 'Picklist', required: true, values: ['Project Delay', 'Reduced Go-Live Scope', 'Integrator Cost Cap', 'Renewal', 'Other'] },
      Budget_Days_Change__c: { type: 'Number' },
      New_Monthly_Fee__c: { type: 'Currency' },
      New_End_Date__c: { type: 'Date' },
      Scope_Note__c: { type: 'LongTextArea', length: 32000 },
      External_Id__c: externalId
    },
    validationRules: ['Amendment_Changes_Something', 'Account_Matches_Contract', 'New_End_Not_Before_Start', 'Budget_Not_Below_Zero']
  },
  Effort_Entry__c: {
    label: 'Effort Entry',
    pluralLabel: 'Effort Entries',
    nameField: { label: 'Entry Number', type: 'AutoNumber', displayFormat: 'EFF-{000000}' },
    fields: {
      Contract__c: masterDetail('Maintenance_Contract__c', 'Effort_Entries'),
      Account__c: { type: 'Lookup', referenceTo: 'Account', relationshipName: 'Effort_Entries', deleteConstraint: 'SetNull' },
      Incident__c: { type: 'Lookup', referenceTo: 'Maintenance_Incident__c', relationshipName: 'Effort_Entries', deleteConstraint: 'SetNull' },
      Work_Date__c: { type: 'Date', required: true },
      Days__c: { type: 'Number', required: true },
      Kind__c: picklist(['Corrective', 'Evolutive', 'Adaptive', 'Preventive'], 'Corrective'),
      Billable__c: { type: 'Checkbox', defaultValue: 'true' },
      Description__c: text(255),
      External_Id__c: externalId
    },
    validationRules: ['Days_Positive', 'Account_Matches_Contract', 'Incident_Same_Account']
  }
};

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Custom metadata types and their fields (API name -> type). */
export const EXPECTED_METADATA_TYPES: Record<string, Record<string, string>> = {
  Maintenance_Calendar__mdt: {
    Time_Zone__c: 'Text',
    Always_Open__c: 'Checkbox',
    ...Object.fromEntries(weekdays.map((day) => [`${day}_Hours__c`, 'Text'])),
    Holidays__c: 'LongTextArea'
  },
  SLA_Template__mdt: {
    ...Object.fromEntries(['P1', 'P2', 'P3', 'P4'].flatMap((p) => [[`${p}_Response_Minutes__c`, 'Number'], [`${p}_Resolution_Hours__c`, 'Number']])),
    P1_24x7__c: 'Checkbox',
    Calendar__c: 'Text',
    Description__c: 'TextArea',
    Monthly_Fee__c: 'Number'
  },
  Transition_Option__mdt: {
    Lead_Time_Days__c: 'Number',
    Contract_Type__c: 'Picklist',
    Term_Months__c: 'Number',
    Sort_Order__c: 'Number',
    Description__c: 'TextArea'
  },
  Handover_Template_Item__mdt: {
    Category__c: 'Picklist',
    Mandatory__c: 'Checkbox',
    Sort_Order__c: 'Number',
    Description__c: 'TextArea',
    Due_Days_Before_Go_Live__c: 'Number'
  }
};

/**
 * Standard objects the package adds fields, validation rules and list views to, without an object file of its own
 * (deploying one would replace the org's settings of that object): the maintenance proposals on Opportunity.
 */
export const EXPECTED_STANDARD_OBJECTS: Record<string, Pick<ExpectedObject, 'fields' | 'validationRules'>> = {
  Opportunity: {
    fields: {
      Maintenance_Gap_Start__c: { type: 'Date' },
      Maintenance_Transition__c: {
        type: 'Lookup',
        referenceTo: 'Maintenance_Transition__c',
        relationshipName: 'Maintenance_Proposals',
        deleteConstraint: 'SetNull'
      },
      Proposed_Term_Months__c: { type: 'Number' },
      Proposed_SLA_Template__c: text(40)
    },
    validationRules: ['Maintenance_Transition_Same_Account']
  }
};

/** Total number of custom fields the package ships (objects, custom metadata types, standard objects). */
export const EXPECTED_FIELD_COUNT =
  Object.values(EXPECTED_OBJECTS).reduce((sum, o) => sum + Object.keys(o.fields).length, 0) +
  Object.values(EXPECTED_METADATA_TYPES).reduce((sum, fields) => sum + Object.keys(fields).length, 0) +
  Object.values(EXPECTED_STANDARD_OBJECTS).reduce((sum, o) => sum + Object.keys(o.fields).length, 0);
