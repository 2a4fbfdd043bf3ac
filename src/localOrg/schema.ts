/**
 * The local org's schema model: what an sObject and its fields are, independent of how they are stored.
 * Standard objects are defined in code (standardObjects.ts); custom objects come from Metadata API deploys
 * (metadata/), which turn CustomObject/CustomField XML into these definitions. The store (SQLite), describe, SOQL,
 * DML, Bulk and UI API all read them; this file is the contract between those parts.
 */

export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'multipicklist'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'time'
  | 'reference'
  /** A value of any type (field history's OldValue and NewValue): stored as JSON, answered with its own type. */
  | 'anyType';

export interface PicklistValue {
  value: string;
  label: string;
  default: boolean;
  active: boolean;
  /** What the UI API gives as the value's `attributes` (Opportunity stages: closed, won, default probability...). */
  attributes?: Record<string, unknown>;
}

export interface FieldDef {
  /** API name, e.g. `Status__c` (case preserved; look-ups are case-insensitive). */
  name: string;
  label: string;
  /** Describe type as Salesforce reports it (`string`, `double`, `reference`, ...). */
  type: FieldType;
  /** The Metadata API type it was deployed as (`Text`, `Number`, `MasterDetail`, `Summary`, ...), when custom. */
  metadataType?: string;
  length?: number;
  precision?: number;
  scale?: number;
  /** Required on create (not nillable) — true for Name, master-detail and `<required>true</required>` fields. */
  required: boolean;
  nillable: boolean;
  unique: boolean;
  externalId: boolean;
  caseSensitive?: boolean;
  /** Value used on insert when the field is omitted (already converted to the field's type). */
  defaultValue?: unknown;
  picklistValues?: PicklistValue[];
  /** Restricted picklist: values outside the list fail with INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST. */
  restrictedPicklist?: boolean;
  /** For references: target sObjects, the relationship name (`Account__r`) and the child relationship name. */
  referenceTo?: string[];
  relationshipName?: string;
  childRelationshipName?: string;
  /** Master-detail: cascade delete of children, and the child is required. */
  cascadeDelete?: boolean;
  /** Lookup delete constraint: SetNull (default), Restrict or Cascade. */
  deleteConstraint?: 'SetNull' | 'Restrict' | 'Cascade';
  /** Computed fields: never written by clients. */
  calculated?: boolean;
  /** Formula source (Salesforce formula syntax) and the formula's return type. */
  formula?: string;
  formulaTreatBlanksAs?: 'BlankAsZero' | 'BlankAsBlank';
  /** Roll-up summary over a master-detail child. */
  summary?: {
    operation: 'count' | 'sum' | 'min' | 'max';
    /** Child object API name and the master-detail field on it that points here. */
    childObject: string;
    childField: string;
    /** Summed/min/max field on the child (absent for count). */
    summarizedField?: string;
    /** Child filter, ANDed: field, operation (equals, notEqual, lessThan, greaterThan, ...), value. */
    filters: { field: string; operation: string; value: string }[];
  };
  autoNumber?: { displayFormat: string };
  /** Field history tracking (`<trackHistory>`): changes are written to the object's history object. */
  trackHistory?: boolean;
  createable: boolean;
  updateable: boolean;
  custom: boolean;
  description?: string;
  inlineHelpText?: string;
}

export interface ValidationRuleDef {
  fullName: string;
  active: boolean;
  /** True when the record is INVALID (Salesforce semantics). */
  errorConditionFormula: string;
  errorMessage: string;
  /** Field the error is shown on, if any. */
  errorDisplayField?: string;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  /** Three-character id prefix, e.g. `001` for Account, `a01` for the first custom object. */
  keyPrefix: string;
  custom: boolean;
  /** Custom metadata types (`__mdt`) are queryable but not writable through the data APIs. */
  customMetadata?: boolean;
  fields: FieldDef[];
  validationRules: ValidationRuleDef[];
  nameField: { label: string; type: 'Text' | 'AutoNumber'; displayFormat?: string };
  description?: string;
  /** Field history tracking is on (`<enableHistory>`): inserts and tracked field changes write history rows. */
  enableHistory?: boolean;
  /** For a history object (`Foo__History`): the object whose history it holds. */
  historyOf?: string;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  queryable: boolean;
}

/**
 * What a formula or validation rule sees (shared by the store, which builds it, and formula.ts, which evaluates).
 * Values are as the REST API returns them: text as strings, numbers as numbers, checkboxes as booleans, dates as
 * `YYYY-MM-DD`, date/times as ISO 8601 UTC `YYYY-MM-DDTHH:mm:ss.sssZ`, references as 18-character ids, blank as null.
 * Added by the local org core (compatible extension): formula.ts may import it from here instead of redeclaring it.
 */
export interface FormulaContext {
  /** API name -> value, after the write (for reads: the stored record); formula fields already computed are included. */
  record: Record<string, unknown>;
  /** The record before an update; undefined on insert. */
  priorRecord?: Record<string, unknown>;
  objectDef: ObjectDef;
  /** Case-insensitive object lookup. */
  getObject(name: string): ObjectDef | undefined;
  /**
   * A record's stored values by (15- or 18-character) id; formula fields are left to the engine, which evaluates
   * the ones it reads on demand. Undefined when absent or deleted.
   */
  getRecord(objectName: string, id: string): Record<string, unknown> | undefined;
  now: Date;
  isNew: boolean;
}
