import {
  ACCOUNT_RELATED_LIST_PARAMETERS,
  RELATED_LISTS,
  CONTRACT_FIELDS,
  ITEM_FIELD_NAMES,
  relatedListFromBatch,
  toFieldMap,
  displayValueOf,
  qualifiedName
} from 'c/maintenanceRecords';

describe('c/maintenanceRecords', () => {
  it('asks for the seven related lists of the account with qualified field names, in one batch', () => {
    expect(ACCOUNT_RELATED_LIST_PARAMETERS.map((p) => p.relatedListId)).toEqual([
      'Maintenance_Contracts__r',
      'Maintenance_Incidents__r',
      'Handover_Checklists__r',
      'Maintenance_Transitions__r',
      'Contract_Amendments__r',
      'Effort_Entries__r',
      'Opportunities'
    ]);
    const [contracts, incidents, , , amendments, effort, opportunities] = ACCOUNT_RELATED_LIST_PARAMETERS;
    // The maintenance proposals among the account's opportunities: the latest to close first.
    expect(opportunities.fields).toEqual(
      expect.arrayContaining(['Opportunity.IsClosed', 'Opportunity.Maintenance_Gap_Start__c'])
    );
    expect(opportunities.sortBy).toEqual(['-Opportunity.CloseDate']);
    expect(contracts.fields).toContain('Maintenance_Contract__c.Consumed_Effort_Days__c');
    expect(effort.sortBy).toEqual(['-Effort_Entry__c.Work_Date__c']);
    expect(contracts.fields).toContain('Maintenance_Contract__c.Calendar__c');
    expect(contracts.fields).toContain('Maintenance_Contract__c.P1_24x7__c');
    expect(incidents.fields).toContain('Maintenance_Incident__c.Paused_Since__c');
    expect(incidents.pageSize).toBe(1999);
    // Newest first, so that an account with more incidents than one page keeps the most recent ones.
    expect(incidents.sortBy).toEqual(['-Maintenance_Incident__c.Reported_At__c']);
    expect(ITEM_FIELD_NAMES).toContain('Handover_Item__c.Template_Item__c');
    // Financial fields are only optional: the Support permission set cannot see them, and still gets the records.
    expect(contracts.fields.some((name) => /Rate|Fee|Amount|Penalty|Spend/.test(name))).toBe(false);
    expect(contracts.optionalFields).toEqual([
      'Maintenance_Contract__c.Daily_Rate__c',
      'Maintenance_Contract__c.Monthly_Fee__c',
      'Maintenance_Contract__c.Monthly_Spend_Alert__c'
    ]);
    expect(amendments.fields.some((name) => /Fee/.test(name))).toBe(false);
    expect(amendments.optionalFields).toEqual(['Contract_Amendment__c.New_Monthly_Fee__c']);
  });

  it('reads a related list out of a batch answer, by reference or by position', () => {
    const byReference = {
      results: [
        {
          statusCode: 200,
          result: { listReference: { relatedListId: 'Handover_Checklists__r' }, records: [{ id: 'c' }] }
        },
        {
          statusCode: 200,
          result: { listReference: { relatedListId: 'Maintenance_Contracts__r' }, records: [{ id: 'k' }] }
        }
      ]
    };
    expect(relatedListFromBatch(byReference, RELATED_LISTS.CHECKLISTS).records).toEqual([{ id: 'c' }]);
    const byPosition = {
      results: [
        { statusCode: 200, result: { records: [{ id: 'k' }] } },
        { statusCode: 200, result: {} }
      ]
    };
    expect(relatedListFromBatch(byPosition, RELATED_LISTS.CONTRACTS).records).toEqual([{ id: 'k' }]);
    expect(relatedListFromBatch(byPosition, RELATED_LISTS.INCIDENTS).records).toEqual([]);
    expect(relatedListFromBatch(byPosition, RELATED_LISTS.CHECKLISTS).records).toEqual([]);
    expect(relatedListFromBatch(undefined, RELATED_LISTS.CHECKLISTS).records).toEqual([]);
  });

  it('says when a list has records beyond its page', () => {
    const page = (nextPageToken) => ({
      results: [
        {
          statusCode: 200,
          result: {
            listReference: { relatedListId: 'Maintenance_Incidents__r' },
            records: [{ id: 'i' }],
            nextPageToken
          }
        }
      ]
    });
    expect(relatedListFromBatch(page('1999'), RELATED_LISTS.INCIDENTS)).toEqual({
      records: [{ id: 'i' }],
      hasMore: true
    });
    expect(relatedListFromBatch(page(null), RELATED_LISTS.INCIDENTS).hasMore).toBe(false);
  });

  it('returns a failed list of a batch as an error', () => {
    const failed = {
      results: [{ statusCode: 403, result: [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'No access' }] }]
    };
    const { records, error } = relatedListFromBatch(failed, RELATED_LISTS.CONTRACTS);
    expect(records).toEqual([]);
    expect(error).toEqual({ status: 403, body: [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'No access' }] });
  });

  it('turns a UI API record into a field map, missing fields as null', () => {
    const record = {
      id: 'a01000000000001AAA',
      fields: {
        Name: { value: 'TMA 2026', displayValue: null },
        Status__c: { value: 'Active', displayValue: 'Actif' },
        Budget_Days__c: { value: 120, displayValue: '120,00' }
      }
    };
    const map = toFieldMap(record, CONTRACT_FIELDS);
    expect(map.Id).toBe('a01000000000001AAA');
    expect(map.Name).toBe('TMA 2026');
    expect(map.Status__c).toBe('Active');
    expect(map.Budget_Days__c).toBe(120);
    expect(map.End_Date__c).toBeNull();
    expect(displayValueOf(record, CONTRACT_FIELDS.STATUS)).toBe('Actif');
    expect(displayValueOf(record, CONTRACT_FIELDS.NAME)).toBe('TMA 2026');
    expect(displayValueOf(record, CONTRACT_FIELDS.END_DATE)).toBe('');
    expect(qualifiedName(CONTRACT_FIELDS.STATUS)).toBe('Maintenance_Contract__c.Status__c');
  });
});
