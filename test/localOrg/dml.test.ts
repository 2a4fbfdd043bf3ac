import { describe, expect, it } from '@jest/globals';
import { SfApiError, SfRecordErrors } from '../../src/localOrg/errors.js';
import type { Store } from '../../src/localOrg/store.js';
import { saveMetadataRecords } from '../../src/localOrg/metadata/customMetadata.js';
import { useFixtureStore } from './orgFixtures.js';

let store: Store;
useFixtureStore((opened) => {
  store = opened;
});

/** The Salesforce error code(s) `fn` fails with. */
function failure(fn: () => unknown): { codes: string[]; messages: string[]; fields: string[][] } {
  try {
    store.transaction(fn);
  } catch (error) {
    const errors = error instanceof SfRecordErrors ? error.errors : [error as SfApiError];
    return {
      codes: errors.map((entry) => entry.errorCode),
      messages: errors.map((entry) => entry.message),
      fields: errors.map((entry) => entry.fields)
    };
  }
  throw new Error('expected a failure');
}

function account(name = 'Acme'): string {
  return store.transaction(() => store.insert('Account', { Name: name }));
}

describe('ids and system fields', () => {
  it('mints 18-character ids with the object key prefix and fills the audit fields', () => {
    const id = account();
    expect(id).toMatch(/^001[0-9A-Za-z]{15}$/);
    const record = store.getRecord('account', id.slice(0, 15)) as Record<string, unknown>;
    expect(record.Id).toBe(id);
    expect(record.OwnerId).toBe(store.identity.userId);
    expect(record.CreatedById).toBe(store.identity.userId);
    expect(record.CreatedDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(record.IsDeleted).toBe(false);
  });

  it('gives custom objects key prefixes a01.. and their own auto-number sequence', () => {
    const prefixes = store
      .listObjects()
      .filter((def) => def.custom)
      .map((def) => def.keyPrefix);
    expect(prefixes).toEqual(['a01', 'a02', 'a03', 'a04']);
    const accountId = account();
    const first = store.transaction(() =>
      store.insert('Maintenance_Incident__c', {
        Account__c: accountId,
        Subject__c: 'Down',
        Reported_At__c: '2026-01-05T09:00:00+01:00'
      })
    );
    const second = store.transaction(() =>
      store.insert('Maintenance_Incident__c', {
        Account__c: accountId,
        Subject__c: 'Slow',
        Reported_At__c: '2026-01-05'
      })
    );
    expect(first.slice(0, 3)).toBe('a04');
    expect(store.getRecord('Maintenance_Incident__c', first)?.Name).toBe('INC-000001');
    expect(store.getRecord('Maintenance_Incident__c', second)?.Name).toBe('INC-000002');
    expect(store.getRecord('Maintenance_Incident__c', first)?.Reported_At__c).toBe('2026-01-05T08:00:00.000Z');
    expect(store.getRecord('Maintenance_Incident__c', first)?.Priority__c).toBe('P3');
  });
});

describe('Salesforce checks on write', () => {
  it('REQUIRED_FIELD_MISSING lists every missing field', () => {
    const result = failure(() => store.insert('Maintenance_Contract__c', { Name: 'C' }));
    expect(result.codes).toEqual(['REQUIRED_FIELD_MISSING']);
    expect(result.messages[0]).toBe('Required fields are missing: [Account__c, Start_Date__c, End_Date__c]');
    expect(result.fields[0]).toEqual(['Account__c', 'Start_Date__c', 'End_Date__c']);
  });

  it('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, STRING_TOO_LONG, INVALID_FIELD, MALFORMED_ID', () => {
    const accountId = account();
    const base = { Name: 'C', Account__c: accountId, Start_Date__c: '2026-01-01', End_Date__c: '2026-12-31' };
    const picklistError = failure(() => store.insert('Maintenance_Contract__c', { ...base, Status__c: 'Open' }));
    expect(picklistError.codes).toEqual(['INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST']);
    expect(picklistError.messages[0]).toBe('Status: bad value for restricted picklist field: Open');
    const tooLong = failure(() => store.insert('Maintenance_Contract__c', { ...base, Provider__c: 'x'.repeat(21) }));
    expect(tooLong.codes).toEqual(['STRING_TOO_LONG']);
    expect(tooLong.messages[0]).toContain('(max length=20)');
    const unknown = failure(() => store.insert('Maintenance_Contract__c', { ...base, Nope__c: 1 }));
    expect(unknown.codes).toEqual(['INVALID_FIELD']);
    expect(unknown.messages[0]).toBe("No such column 'Nope__c' on sobject of type Maintenance_Contract__c");
    const badId = failure(() => store.insert('Maintenance_Contract__c', { ...base, Account__c: 'not-an-id' }));
    expect(badId.codes).toEqual(['MALFORMED_ID']);
    const wrongType = failure(() =>
      store.insert('Maintenance_Contract__c', { ...base, Account__c: store.identity.userId })
    );
    expect(wrongType.codes).toEqual(['FIELD_INTEGRITY_EXCEPTION']);
  });

  it('DUPLICATE_VALUE on a unique external id, case-insensitively', () => {
    store.transaction(() => store.insert('Account', { Name: 'Dup' }));
    const accountId = account();
    const base = { Account__c: accountId, Name: 'C1' };
    store.transaction(() => store.insert('Handover_Checklist__c', { ...base, External_Id__c: 'HC-1' }));
    const result = failure(() => store.insert('Handover_Checklist__c', { ...base, External_Id__c: 'hc-1' }));
    expect(result.codes).toEqual(['DUPLICATE_VALUE']);
    expect(result.messages[0]).toMatch(
      /^duplicate value found: External_Id__c duplicates value on record with id: a01/
    );
  });

  it('runs validation rules after the write, with the rule message and field', () => {
    const accountId = account();
    const result = failure(() =>
      store.insert('Maintenance_Contract__c', {
        Name: 'Backwards',
        Account__c: accountId,
        Start_Date__c: '2026-06-01',
        End_Date__c: '2026-01-01'
      })
    );
    expect(result.codes).toEqual(['FIELD_CUSTOM_VALIDATION_EXCEPTION']);
    expect(result.messages).toEqual(['The end date cannot be before the start date.']);
    expect(result.fields).toEqual([['End_Date__c']]);
  });

  it('refuses to write formula and roll-up fields', () => {
    const accountId = account();
    const result = failure(() =>
      store.insert('Handover_Checklist__c', { Name: 'X', Account__c: accountId, Items_Total__c: 3 })
    );
    expect(result.codes).toEqual(['INVALID_FIELD_FOR_INSERT_UPDATE']);
  });

  it('computes formula fields on read', () => {
    const accountId = account();
    const id = store.transaction(() =>
      store.insert('Maintenance_Contract__c', {
        Name: 'F',
        Account__c: accountId,
        Start_Date__c: '2026-01-01',
        End_Date__c: '2026-12-31'
      })
    );
    expect(store.getRecord('Maintenance_Contract__c', id)?.Notice_Deadline__c).toBe('2026-10-02');
  });
});

describe('roll-up summaries and delete rules', () => {
  it('keeps COUNT/SUM roll-ups current on insert, update and delete, and the parent rule sees them', () => {
    const accountId = account();
    const checklistId = store.transaction(() =>
      store.insert('Handover_Checklist__c', { Name: 'Go-live', Account__c: accountId })
    );
    const itemIds = store.transaction(() => [
      store.insert('Handover_Item__c', { Name: 'Docs', Checklist__c: checklistId, Mandatory__c: true, Effort__c: 1.5 }),
      store.insert('Handover_Item__c', { Name: 'Access', Checklist__c: checklistId, Effort__c: 2 }),
      store.insert('Handover_Item__c', {
        Name: 'Runbook',
        Checklist__c: checklistId,
        Mandatory__c: true,
        Done__c: true
      })
    ]);
    let checklist = store.getRecord('Handover_Checklist__c', checklistId) as Record<string, unknown>;
    expect([checklist.Items_Total__c, checklist.Mandatory_Open__c, checklist.Effort_Sum__c]).toEqual([3, 1, 3.5]);
    const signOff = failure(() => store.update('Handover_Checklist__c', checklistId, { Phase__c: 'Signed Off' }));
    expect(signOff.messages).toEqual(['Close every mandatory item before signing off.']);
    store.transaction(() => store.update('Handover_Item__c', itemIds[0], { Done__c: true }));
    store.transaction(() => store.update('Handover_Checklist__c', checklistId, { Phase__c: 'Signed Off' }));
    // A new open mandatory item would break the signed-off checklist's rule: the child insert fails.
    const reopen = failure(() =>
      store.insert('Handover_Item__c', { Name: 'Late', Checklist__c: checklistId, Mandatory__c: true })
    );
    expect(reopen.codes).toEqual(['FIELD_CUSTOM_VALIDATION_EXCEPTION']);
    store.transaction(() => store.delete('Handover_Item__c', itemIds[1]));
    checklist = store.getRecord('Handover_Checklist__c', checklistId) as Record<string, unknown>;
    expect([checklist.Items_Total__c, checklist.Mandatory_Open__c, checklist.Effort_Sum__c]).toEqual([2, 0, 1.5]);
  });

  it('cascades master-detail deletes, clears SetNull lookups and refuses Restrict ones', () => {
    const accountId = account('Cascade');
    const otherAccount = account('Other');
    const checklistId = store.transaction(() =>
      store.insert('Handover_Checklist__c', { Name: 'HC', Account__c: accountId })
    );
    const itemId = store.transaction(() => store.insert('Handover_Item__c', { Name: 'I', Checklist__c: checklistId }));
    const contractId = store.transaction(() =>
      store.insert('Maintenance_Contract__c', {
        Name: 'Gated',
        Account__c: otherAccount,
        Start_Date__c: '2026-01-01',
        End_Date__c: '2026-12-31',
        Checklist__c: checklistId
      })
    );
    const incidentId = store.transaction(() =>
      store.insert('Maintenance_Incident__c', {
        Account__c: otherAccount,
        Contract__c: contractId,
        Subject__c: 'S',
        Reported_At__c: '2026-02-01T10:00:00Z'
      })
    );
    const restricted = failure(() => store.delete('Account', accountId));
    expect(restricted.codes).toEqual(['DELETE_FAILED']);
    expect(store.getRecord('Handover_Item__c', itemId)).toBeDefined();
    store.transaction(() => store.update('Maintenance_Contract__c', contractId, { Checklist__c: null }));
    store.transaction(() => store.delete('Account', accountId));
    expect(store.getRecord('Handover_Checklist__c', checklistId)).toBeUndefined();
    expect(store.getRecord('Handover_Item__c', itemId)).toBeUndefined();
    store.transaction(() => store.delete('Maintenance_Contract__c', contractId));
    expect(store.getRecord('Maintenance_Incident__c', incidentId)?.Contract__c).toBeNull();
    const again = failure(() => store.delete('Maintenance_Contract__c', contractId));
    expect(again.codes).toEqual(['ENTITY_IS_DELETED']);
  });
});

describe('schema changes', () => {
  it('re-applying unchanged definitions changes nothing, and a new field keeps existing data', () => {
    const before = store.getObject('Handover_Item__c');
    const itemCount = store.countRecords(before as never);
    store.transaction(() => store.applyObjects([structuredClone(before) as never]));
    expect(store.getObject('Handover_Item__c')).toBe(before);
    const withField = structuredClone(before) as NonNullable<typeof before>;
    withField.fields.push({
      ...withField.fields.find((entry) => entry.name === 'Done__c')!,
      name: 'Blocked__c',
      label: 'Blocked'
    });
    store.transaction(() => store.applyObjects([withField]));
    expect(store.getObject('Handover_Item__c')?.keyPrefix).toBe('a03');
    expect(store.countRecords(store.getObject('Handover_Item__c') as never)).toBe(itemCount);
  });

  it('stores custom metadata records, keyed by DeveloperName', () => {
    store.transaction(() =>
      store.applyObjects([
        {
          name: 'Maintenance_Calendar__mdt',
          label: 'Maintenance Calendar',
          labelPlural: 'Maintenance Calendars',
          keyPrefix: '',
          custom: true,
          customMetadata: true,
          fields: [
            {
              name: 'Time_Zone__c',
              label: 'Time Zone',
              type: 'string',
              length: 40,
              required: false,
              nillable: true,
              unique: false,
              externalId: false,
              createable: true,
              updateable: true,
              custom: true
            }
          ],
          validationRules: [],
          nameField: { label: 'Label', type: 'Text' },
          createable: false,
          updateable: false,
          deletable: false,
          queryable: true
        }
      ])
    );
    store.transaction(() =>
      saveMetadataRecords(store, 'Maintenance_Calendar__mdt', [
        { DeveloperName: 'Paris', MasterLabel: 'Paris', Time_Zone__c: 'Europe/Paris' }
      ])
    );
    store.transaction(() =>
      saveMetadataRecords(store, 'maintenance_calendar__mdt', [
        { DeveloperName: 'Paris', MasterLabel: 'Paris hours', Time_Zone__c: 'Europe/Paris' }
      ])
    );
    const def = store.getObject('Maintenance_Calendar__mdt');
    expect(def?.keyPrefix).toMatch(/^m/);
    expect(store.countRecords(def as never)).toBe(1);
    const insert = failure(() => store.insert('Maintenance_Calendar__mdt', { DeveloperName: 'X' }));
    expect(insert.codes).toEqual(['INVALID_TYPE_FOR_OPERATION']);
  });
});

describe('fields that cannot be updated', () => {
  it('accept their current value on update (upserts of detail records) and refuse a change', () => {
    const accountId = account('Master');
    const otherId = account('Other master');
    const contract = {
      Name: 'MD',
      Account__c: accountId,
      Start_Date__c: '2026-01-01',
      End_Date__c: '2026-12-31',
      External_Id__c: 'MD-1'
    };
    store.transaction(() => store.upsert('Maintenance_Contract__c', 'External_Id__c', contract));
    const again = store.transaction(() =>
      store.upsert('Maintenance_Contract__c', 'External_Id__c', { ...contract, Name: 'MD v2' })
    );
    expect(again.created).toBe(false);
    expect(store.getRecord('Maintenance_Contract__c', again.id)?.Name).toBe('MD v2');
    const reparent = failure(() =>
      store.upsert('Maintenance_Contract__c', 'External_Id__c', { ...contract, Account__c: otherId })
    );
    expect(reparent.codes).toEqual(['INVALID_FIELD_FOR_INSERT_UPDATE']);
    expect(reparent.fields).toEqual([['Account__c']]);
  });
});
