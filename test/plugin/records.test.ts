import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { RUNNING_USER, type SeedRecord } from '../../src/seed/dataset.js';
import { refusedReferenceFields } from '../../src/seed/loader.js';
import { soqlString } from '../../src/shared/orgHelpers.js';
import {
  csvColumns,
  readCsvColumns,
  relationshipName,
  toCsv,
  toRestRecord,
  UnresolvedReferenceError
} from '../../src/seed/records.js';

const incident: SeedRecord = {
  key: 'T-I1',
  fields: { Subject__c: 'Export, "nightly"', Resolved_At__c: null, Effort_Days__c: 1.5, Out_Of_Coverage__c: false },
  refs: {
    Account__c: { sobject: 'Account', key: 'T-ACC' },
    Contract__c: { sobject: 'Maintenance_Contract__c', key: 'T-C1' }
  }
};
const ids = { accounts: new Map([['T-ACC', '001000000000001AAA']]), runningUserId: '005000000000001AAA' };

describe('records for the data APIs', () => {
  it('sends package references by external id and accounts by id', () => {
    expect(toRestRecord('Maintenance_Incident__c', incident, ids)).toEqual({
      attributes: { type: 'Maintenance_Incident__c' },
      External_Id__c: 'T-I1',
      Subject__c: 'Export, "nightly"',
      Resolved_At__c: null,
      Effort_Days__c: 1.5,
      Out_Of_Coverage__c: false,
      Account__c: '001000000000001AAA',
      Contract__r: { External_Id__c: 'T-C1' }
    });
  });

  it('resolves the running user, and refuses a reference it cannot resolve', () => {
    const checklist: SeedRecord = {
      key: 'T-H1',
      fields: {},
      refs: { Signed_Off_By__c: { sobject: 'User', key: RUNNING_USER } }
    };
    expect(toRestRecord('Handover_Checklist__c', checklist, ids).Signed_Off_By__c).toBe('005000000000001AAA');
    expect(() => toRestRecord('Maintenance_Incident__c', incident, { accounts: new Map() })).toThrow(
      UnresolvedReferenceError
    );
  });

  it('writes Bulk API 2.0 CSV: key first, #N/A for null, quoted text, relationship columns', () => {
    expect(csvColumns('Maintenance_Incident__c', [incident])).toEqual([
      'External_Id__c',
      'Subject__c',
      'Resolved_At__c',
      'Effort_Days__c',
      'Out_Of_Coverage__c',
      'Account__c',
      'Contract__r.External_Id__c'
    ]);
    const [row] = parse<Record<string, string>>(toCsv('Maintenance_Incident__c', [incident], ids), { columns: true });
    expect(row).toEqual({
      External_Id__c: 'T-I1',
      Subject__c: 'Export, "nightly"',
      Resolved_At__c: '#N/A',
      Effort_Days__c: '1.5',
      Out_Of_Coverage__c: 'false',
      Account__c: '001000000000001AAA',
      'Contract__r.External_Id__c': 'T-C1'
    });
    // Without ids (a dry run), the account column keeps the account's key.
    const [dry] = parse<Record<string, string>>(toCsv('Maintenance_Incident__c', [incident]), { columns: true });
    expect(dry.Account__c).toBe('T-ACC');
  });

  it('derives relationship names as Salesforce does', () => {
    expect(relationshipName('Contract__c')).toBe('Contract__r');
    expect(relationshipName('AccountId')).toBe('Account');
  });

  it('escapes SOQL literals', () => {
    expect(soqlString("O'Brien \\ Co")).toBe("'O\\'Brien \\\\ Co'");
  });
});

describe('a master-detail field refused on update', () => {
  it('is recognised in a collections error and in a Bulk API 2.0 error, when it is a reference of the record', () => {
    expect(
      refusedReferenceFields(
        'INVALID_FIELD_FOR_INSERT_UPDATE: Unable to create/update fields: Account__c. Please check the security settings of this field. [Account__c]',
        incident
      )
    ).toEqual(['Account__c']);
    expect(
      refusedReferenceFields(
        'INVALID_FIELD_FOR_INSERT_UPDATE: Unable to create/update fields: Account__c, Contract__c. Please check the security settings:Account__c --',
        incident
      )
    ).toEqual(['Account__c', 'Contract__c']);
  });

  it('is not confused with another error or a field that is not a reference', () => {
    expect(
      refusedReferenceFields('REQUIRED_FIELD_MISSING: Required fields are missing: [Subject__c]', incident)
    ).toBeUndefined();
    expect(
      refusedReferenceFields(
        'INVALID_FIELD_FOR_INSERT_UPDATE: Unable to create/update fields: Subject__c. Please check',
        incident
      )
    ).toBeUndefined();
  });
});

describe('reading Bulk API 2.0 results', () => {
  it('keeps the named columns of each row, through quotes, doubled quotes, commas and line breaks', () => {
    const text =
      '"sf__Id","sf__Created",External_Id__c,Description__c,Effort_Days__c\r\n' +
      'a04A,true,K-1,"Line one,\nline ""two""",1.5\r\n' +
      'a04B,false,K-2,,\n' +
      'a04C,true,"K-3",plain,2';
    expect(readCsvColumns(text, ['sf__Id', 'sf__Created', 'External_Id__c', 'Missing__c'])).toEqual([
      { sf__Id: 'a04A', sf__Created: 'true', External_Id__c: 'K-1', Missing__c: '' },
      { sf__Id: 'a04B', sf__Created: 'false', External_Id__c: 'K-2', Missing__c: '' },
      { sf__Id: 'a04C', sf__Created: 'true', External_Id__c: 'K-3', Missing__c: '' }
    ]);
    expect(readCsvColumns(text, ['Description__c'])[0].Description__c).toBe('Line one,\nline "two"');
  });

  it('reads what toCsv writes, and nothing from an empty result', () => {
    const csv = toCsv('Maintenance_Incident__c', [incident], ids);
    expect(readCsvColumns(csv, ['External_Id__c', 'Subject__c'])).toEqual([
      { External_Id__c: 'T-I1', Subject__c: 'Export, "nightly"' }
    ]);
    expect(readCsvColumns('', ['sf__Id'])).toEqual([]);
    expect(readCsvColumns('sf__Id,sf__Created\n', ['sf__Id'])).toEqual([]);
  });

  it('refuses a quoted field that never ends', () => {
    expect(() => readCsvColumns('a,b\n"open,1\n', ['a'])).toThrow(/The CSV is not valid: Quote Not Closed/);
  });
});
