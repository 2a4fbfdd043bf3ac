/**
 * Hand-built schema for the formula tests: the data model's objects (notes/datamodel.md) reduced to the fields the
 * formulas and validation rules read, so the formula engine is tested without the deploy path.
 */
import type { FieldDef, FieldType, ObjectDef, ValidationRuleDef } from '../../src/localOrg/schema.js';

export function field(name: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef {
  return {
    name,
    label: name,
    type,
    required: false,
    nillable: true,
    unique: false,
    externalId: false,
    createable: !extra.formula,
    updateable: !extra.formula,
    custom: name.endsWith('__c'),
    ...extra
  };
}

export function object(
  name: string,
  keyPrefix: string,
  fields: FieldDef[],
  rules: ValidationRuleDef[] = []
): ObjectDef {
  return {
    name,
    label: name,
    labelPlural: name,
    keyPrefix,
    custom: name.endsWith('__c'),
    fields: [field('Id', 'id'), field('Name', 'string'), ...fields],
    validationRules: rules,
    nameField: { label: 'Name', type: 'Text' },
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true
  };
}

export function rule(fullName: string, errorConditionFormula: string): ValidationRuleDef {
  return { fullName, active: true, errorConditionFormula, errorMessage: `${fullName} failed` };
}

const picklist = (name: string): FieldDef => field(name, 'picklist');
const lookup = (name: string, target: string, relationshipName: string): FieldDef =>
  field(name, 'reference', { referenceTo: [target], relationshipName });

export const slaStateFormula = `IF(NOT(ISBLANK(Paused_Since__c)), "Paused",
  IF(Resolution_Breached__c, "Breached",
  IF(Response_Breached__c, "Response Breached",
  IF(OR(ISPICKVAL(Status__c, "Resolved"), ISPICKVAL(Status__c, "Closed")), "Met",
  IF(ISPICKVAL(Status__c, "Cancelled"), "Cancelled", "On Track")))))`;

export const contract = object(
  'Maintenance_Contract__c',
  'a01',
  [
    lookup('Account__c', 'Account', 'Account__r'),
    picklist('Status__c'),
    field('Start_Date__c', 'date'),
    field('End_Date__c', 'date'),
    field('Notice_Period_Days__c', 'double', { precision: 4, scale: 0 }),
    field('Notice_Deadline__c', 'date', { formula: 'End_Date__c - Notice_Period_Days__c', calculated: true }),
    field('Budget_Days__c', 'double', { precision: 8, scale: 2 }),
    field('Consumed_Days__c', 'double', { precision: 8, scale: 2 }),
    field('Budget_Consumed_Percent__c', 'percent', {
      formula: 'IF(Budget_Days__c > 0, Consumed_Days__c / Budget_Days__c, 0)',
      precision: 18,
      scale: 2,
      calculated: true
    }),
    field('Alert_Threshold_Percent__c', 'percent', { precision: 3, scale: 0 }),
    field('Daily_Rate__c', 'currency', { precision: 10, scale: 2 }),
    field('Monthly_Fee__c', 'currency', { precision: 12, scale: 2 }),
    field('Budget_Amount__c', 'currency', {
      formula: 'Budget_Days__c * Daily_Rate__c',
      precision: 18,
      scale: 2,
      calculated: true
    }),
    lookup('Handover_Checklist__c', 'Handover_Checklist__c', 'Handover_Checklist__r')
  ],
  [
    rule('End_Not_Before_Start', 'End_Date__c < Start_Date__c'),
    rule(
      'Activation_Requires_Signed_Off_Handover',
      "ISPICKVAL(Status__c,'Active') && NOT(ISBLANK(Handover_Checklist__c)) && NOT(ISPICKVAL(Handover_Checklist__r.Phase__c,'Signed Off'))"
    ),
    rule('Budget_Not_Negative', 'Budget_Days__c < 0 || Daily_Rate__c < 0 || Monthly_Fee__c < 0 || Consumed_Days__c < 0')
  ]
);

export const incident = object(
  'Maintenance_Incident__c',
  'a02',
  [
    lookup('Account__c', 'Account', 'Account__r'),
    lookup('Contract__c', 'Maintenance_Contract__c', 'Contract__r'),
    picklist('Status__c'),
    field('Reported_At__c', 'datetime'),
    field('Responded_At__c', 'datetime'),
    field('Resolved_At__c', 'datetime'),
    field('Closed_At__c', 'datetime'),
    field('Response_Due__c', 'datetime'),
    field('Resolution_Due__c', 'datetime'),
    field('Paused_Since__c', 'datetime'),
    field('Effort_Days__c', 'double', { precision: 6, scale: 2 }),
    field('Response_Breached__c', 'boolean', {
      formula:
        'NOT(ISBLANK(Response_Due__c)) && IF(ISBLANK(Responded_At__c), NOW() > Response_Due__c, Responded_At__c > Response_Due__c)',
      calculated: true
    }),
    field('Resolution_Breached__c', 'boolean', {
      formula:
        'NOT(ISBLANK(Resolution_Due__c)) && IF(ISBLANK(Resolved_At__c), AND(ISBLANK(Paused_Since__c), NOW() > Resolution_Due__c), Resolved_At__c > Resolution_Due__c)',
      calculated: true
    }),
    field('SLA_State__c', 'string', { formula: slaStateFormula, calculated: true })
  ],
  [
    rule(
      'Resolved_Needs_Timestamp',
      "(ISPICKVAL(Status__c, 'Resolved') || ISPICKVAL(Status__c, 'Closed')) && ISBLANK(Resolved_At__c)"
    ),
    rule('Closed_Needs_Timestamp', "ISPICKVAL(Status__c, 'Closed') && ISBLANK(Closed_At__c)"),
    rule('Effort_Not_Negative', 'Effort_Days__c < 0'),
    rule('Resolution_Not_Before_Report', 'Resolved_At__c < Reported_At__c')
  ]
);

export const checklist = object(
  'Handover_Checklist__c',
  'a03',
  [
    lookup('Account__c', 'Account', 'Account__r'),
    field('Go_Live_Date__c', 'date'),
    field('Warranty_End_Date__c', 'date'),
    picklist('Phase__c'),
    lookup('Signed_Off_By__c', 'User', 'Signed_Off_By__r'),
    field('Signed_Off_On__c', 'date'),
    field('Items_Total__c', 'double', { precision: 18, scale: 0, calculated: true }),
    field('Items_Done__c', 'double', { precision: 18, scale: 0, calculated: true }),
    field('Mandatory_Open__c', 'double', { precision: 18, scale: 0, calculated: true }),
    field('Readiness_Percent__c', 'percent', {
      formula: 'IF(Items_Total__c > 0, Items_Done__c / Items_Total__c, 0)',
      precision: 18,
      scale: 0,
      calculated: true
    })
  ],
  [
    rule('Sign_Off_Needs_Mandatory_Items_Done', "ISPICKVAL(Phase__c, 'Signed Off') && Mandatory_Open__c > 0"),
    rule(
      'Sign_Off_Needs_Signer',
      "ISPICKVAL(Phase__c, 'Signed Off') && (ISBLANK(Signed_Off_By__c) || ISBLANK(Signed_Off_On__c))"
    ),
    rule(
      'Warranty_End_Not_Before_Go_Live',
      'NOT(ISBLANK(Warranty_End_Date__c)) && NOT(ISBLANK(Go_Live_Date__c)) && Warranty_End_Date__c < Go_Live_Date__c'
    )
  ]
);

export const item = object(
  'Handover_Item__c',
  'a04',
  [
    field('Checklist__c', 'reference', { referenceTo: ['Handover_Checklist__c'], relationshipName: 'Checklist__r' }),
    field('Done__c', 'boolean'),
    field('Done_On__c', 'date')
  ],
  [rule('Done_Needs_Date', 'Done__c && ISBLANK(Done_On__c)')]
);

export const user = object('User', '005', [field('IsActive', 'boolean')]);
export const account = object('Account', '001', []);

export const allObjects = [contract, incident, checklist, item, user, account];
