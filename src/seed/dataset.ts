/**
 * The shape of what a seed loads, whatever produced it (a recipe, a tree plan): records grouped by sObject, in load
 * order (parents first), each record carrying its own key and references to its parents by THEIR keys, never by ids.
 * Ids only exist inside one org, keys exist in files; the loader turns keys into whatever the org needs.
 */

/** The sObjects a seed writes, in the order they must be loaded (every reference points to an earlier one). */
export const LOAD_ORDER = [
  'Account',
  'Handover_Checklist__c',
  'Handover_Item__c',
  'Maintenance_Contract__c',
  'Contract_Amendment__c',
  'Maintenance_Transition__c',
  'Maintenance_Incident__c',
  'Effort_Entry__c'
] as const;

export type SeedObjectName = (typeof LOAD_ORDER)[number];

/**
 * The field that identifies a record across runs. The package's objects have a unique external id; Account is a
 * standard object the package does not extend, so its key lives in the standard AccountNumber field and the loader
 * emulates the upsert (query by key, then update or insert).
 */
export const KEY_FIELD: Record<SeedObjectName, 'AccountNumber' | 'External_Id__c'> = {
  Account: 'AccountNumber',
  Handover_Checklist__c: 'External_Id__c',
  Handover_Item__c: 'External_Id__c',
  Maintenance_Contract__c: 'External_Id__c',
  Contract_Amendment__c: 'External_Id__c',
  Maintenance_Transition__c: 'External_Id__c',
  Maintenance_Incident__c: 'External_Id__c',
  Effort_Entry__c: 'External_Id__c'
};

/** A field value as the data APIs take it: dates as `YYYY-MM-DD`, date-times as ISO-8601 UTC strings. */
export type FieldValue = string | number | boolean | null;

/** The running user of the target org: resolved when loading (a seed file cannot know a user id). */
export const RUNNING_USER = '$runningUser';

/** A reference from a record to a parent record, by the parent's key. */
export interface SeedReference {
  sobject: SeedObjectName | 'User';
  /** The parent's key (AccountNumber or External_Id__c), or {@link RUNNING_USER} for a User. */
  key: string;
}

export interface SeedRecord {
  /** The record's key (the value of its KEY_FIELD). */
  key: string;
  /** Scalar field values, without the key field and without references. */
  fields: Record<string, FieldValue>;
  /** Reference fields (`Account__c`, `Contract__c`...) to the parent they point to. */
  refs: Record<string, SeedReference>;
}

export interface ObjectRecords {
  sobject: SeedObjectName;
  records: SeedRecord[];
}

export interface Dataset {
  /** Where the data came from: a recipe name or a plan file. */
  source: string;
  /** One entry per sObject that has records, in LOAD_ORDER. */
  objects: ObjectRecords[];
}

/** Number of records in a dataset, per sObject and in total. */
export function countRecords(dataset: Dataset): { total: number; bySObject: Record<string, number> } {
  const bySObject: Record<string, number> = {};
  let total = 0;
  for (const { sobject, records } of dataset.objects) {
    bySObject[sobject] = records.length;
    total += records.length;
  }
  return { total, bySObject };
}

/** Puts records into LOAD_ORDER, dropping empty groups, so that every consumer can rely on parents coming first. */
export function orderedObjects(groups: Map<SeedObjectName, SeedRecord[]>): ObjectRecords[] {
  return LOAD_ORDER.filter((sobject) => (groups.get(sobject)?.length ?? 0) > 0).map((sobject) => ({
    sobject,
    records: groups.get(sobject) ?? []
  }));
}
