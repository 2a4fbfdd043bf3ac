/**
 * Builders for field definitions, shared by the standard objects and by the system fields that every custom object
 * gets (Id, OwnerId, audit fields). Defaults follow what Salesforce reports for a plain, editable, optional field.
 */
import type { FieldDef, FieldType, PicklistValue } from './schema.js';

export type FieldOptions = Partial<Omit<FieldDef, 'name' | 'type'>>;

/** A field with Salesforce's defaults for an optional, editable, standard (non-custom) field. */
export function field(name: string, type: FieldType, options: FieldOptions = {}): FieldDef {
  const required = options.required ?? false;
  return {
    name,
    label: options.label ?? labelFromName(name),
    type,
    required,
    nillable: options.nillable ?? (!required && type !== 'boolean'),
    unique: false,
    externalId: false,
    createable: true,
    updateable: true,
    custom: name.endsWith('__c'),
    ...options
  };
}

/** A read-only field the org computes or stamps itself. */
export function systemField(name: string, type: FieldType, options: FieldOptions = {}): FieldDef {
  return field(name, type, { createable: false, updateable: false, nillable: false, ...options });
}

/** A lookup to one sObject. */
export function lookup(name: string, target: string, relationshipName: string, options: FieldOptions = {}): FieldDef {
  return field(name, 'reference', { length: 18, referenceTo: [target], relationshipName, ...options });
}

/** Picklist entries from plain values; the first listed in `defaults` is the default. */
export function picklist(values: string[], defaults: string[] = []): PicklistValue[] {
  return values.map((value) => ({ value, label: value, default: defaults.includes(value), active: true }));
}

/** `CreatedById` -> `Created By ID`, `BillingCity` -> `Billing City`, as standard labels read. */
function labelFromName(name: string): string {
  const base = name.replace(/__c$/, '').replace(/_/g, ' ');
  const spaced = base.replace(/([a-z])([A-Z])/g, '$1 $2');
  return spaced.replace(/ Id$/, ' ID').replace(/^Id$/, 'Record ID');
}

/**
 * The audit and identity fields every sObject has. `owner` adds OwnerId (objects that are not the detail side of a
 * master-detail relationship); `audit` adds the Created/LastModified pairs (a few setup objects only have
 * SystemModstamp).
 */
export function systemFields(options: { owner: boolean; audit?: boolean; label?: string }): FieldDef[] {
  const audit = options.audit ?? true;
  const fields: FieldDef[] = [
    systemField('Id', 'id', { label: `${options.label ?? 'Record'} ID`, length: 18 }),
    systemField('IsDeleted', 'boolean', { label: 'Deleted', defaultValue: false })
  ];
  if (options.owner) {
    fields.push(
      lookup('OwnerId', 'User', 'Owner', { label: 'Owner ID', createable: true, updateable: true, nillable: false })
    );
  }
  if (audit) {
    fields.push(
      systemField('CreatedDate', 'datetime', { label: 'Created Date' }),
      lookup('CreatedById', 'User', 'CreatedBy', { label: 'Created By ID', createable: false, updateable: false }),
      systemField('LastModifiedDate', 'datetime', { label: 'Last Modified Date' }),
      lookup('LastModifiedById', 'User', 'LastModifiedBy', {
        label: 'Last Modified By ID',
        createable: false,
        updateable: false
      })
    );
  }
  fields.push(systemField('SystemModstamp', 'datetime', { label: 'System Modstamp' }));
  return fields.map((entry) => ({
    ...entry,
    custom: false,
    nillable: entry.name === 'OwnerId' ? false : entry.nillable
  }));
}

/** Names of the fields the org stamps itself and clients never write. */
export const AUDIT_FIELD_NAMES = new Set(
  ['Id', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'].map(
    (name) => name.toLowerCase()
  )
);
