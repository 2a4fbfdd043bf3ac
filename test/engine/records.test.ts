// Record mappers: REST / UI API field maps of the data model (notes/datamodel.md) to engine shapes.
import { describe, expect, it } from '@jest/globals';
import {
  checklistFromRecord,
  contractFromRecord,
  incidentFromRecord,
  itemFromRecord,
  priorityFor,
  slaTemplateToContractFields
} from '#engine';

const contractRecord = {
  Id: 'a01000000000001AAA',
  Name: 'TMA Acme 2026',
  Account__c: '001000000000001AAA',
  Status__c: 'Active',
  Contract_Type__c: 'TMA',
  Provider__c: 'Infogreffe Services',
  Start_Date__c: '2026-01-01',
  End_Date__c: '2026-12-31',
  Notice_Period_Days__c: 60,
  Notice_Deadline__c: null,
  Tacit_Renewal__c: true,
  Renewal_Term_Months__c: 12,
  Max_Renewals__c: 3,
  Notice_Given_On__c: null,
  Calendar__c: 'Paris_Business_Hours',
  Time_Zone__c: 'Europe/Paris',
  SLA_Template__c: 'Standard',
  P1_Response_Minutes__c: 15,
  P2_Response_Minutes__c: 30,
  P3_Response_Minutes__c: 60,
  P4_Response_Minutes__c: 240,
  P1_Resolution_Hours__c: 4,
  P2_Resolution_Hours__c: 8,
  P3_Resolution_Hours__c: 24,
  P4_Resolution_Hours__c: 0.1,
  P1_24x7__c: true,
  Budget_Days__c: 120,
  Consumed_Effort_Days__c: 12.5,
  Amended_Budget_Days__c: 20,
  Alert_Threshold_Percent__c: 75,
  Daily_Rate__c: 650,
  Monthly_Fee__c: 8000,
  Monthly_Spend_Alert__c: null,
  Penalty_Rate_Percent__c: 2.5,
  Penalty_Cap_Percent__c: 10,
  Handover_Checklist__c: 'a03000000000001AAA',
  External_Id__c: 'CT-0001'
};

describe('contractFromRecord', () => {
  it('maps every field, hours to minutes, and computes the notice deadline when the formula is absent', () => {
    expect(contractFromRecord(contractRecord)).toEqual({
      id: 'a01000000000001AAA',
      name: 'TMA Acme 2026',
      accountId: '001000000000001AAA',
      status: 'Active',
      type: 'TMA',
      provider: 'Infogreffe Services',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      noticePeriodDays: 60,
      // 31 December minus 60 days.
      noticeDeadline: '2026-11-01',
      tacitRenewal: true,
      renewalTermMonths: 12,
      maxRenewals: 3,
      noticeGivenOn: null,
      calendarName: 'Paris_Business_Hours',
      timeZone: 'Europe/Paris',
      slaTemplate: 'Standard',
      sla: {
        P1: { responseMinutes: 15, resolutionMinutes: 240, alwaysOn: true },
        P2: { responseMinutes: 30, resolutionMinutes: 480, alwaysOn: false },
        P3: { responseMinutes: 60, resolutionMinutes: 1440, alwaysOn: false },
        // 0.1 h is 6 minutes, not 6.000000000000001.
        P4: { responseMinutes: 240, resolutionMinutes: 6, alwaysOn: false }
      },
      budgetDays: 120,
      consumedDays: 12.5,
      amendedBudgetDays: 20,
      alertThresholdPercent: 75,
      dailyRate: 650,
      monthlyFee: 8000,
      monthlySpendAlert: null,
      penaltyRatePercent: 2.5,
      penaltyCapPercent: 10,
      handoverChecklistId: 'a03000000000001AAA',
      externalId: 'CT-0001'
    });
  });

  it('applies the data-model defaults to a sparse record and keeps the formula deadline when present', () => {
    const contract = contractFromRecord({
      Start_Date__c: '2026-01-01',
      End_Date__c: '2026-12-31',
      Notice_Deadline__c: '2026-09-30'
    });
    expect(contract).toMatchObject({
      status: 'Draft',
      noticePeriodDays: 90,
      noticeDeadline: '2026-09-30',
      alertThresholdPercent: 80,
      tacitRenewal: false,
      sla: { P1: { responseMinutes: null, resolutionMinutes: null, alwaysOn: false } }
    });
  });

  it('reads a UI API record (getRecord) as well as a flat map', () => {
    const uiRecord = {
      apiName: 'Maintenance_Contract__c',
      id: 'a01000000000002AAA',
      fields: Object.fromEntries(
        Object.entries(contractRecord)
          .filter(([name]) => name !== 'Id')
          .map(([name, value]) => [name, { value, displayValue: null }])
      )
    };
    expect(contractFromRecord(uiRecord)).toEqual({ ...contractFromRecord(contractRecord), id: 'a01000000000002AAA' });
  });

  it('names the field of a bad value', () => {
    expect(() => contractFromRecord({ ...contractRecord, Start_Date__c: '2026-13-01' })).toThrow(/Start_Date__c/);
    expect(() => contractFromRecord({ ...contractRecord, End_Date__c: null })).toThrow(/End_Date__c is required/);
    expect(() => contractFromRecord({ ...contractRecord, End_Date__c: '2025-12-31' })).toThrow(/End_Date__c is before/);
    expect(() => contractFromRecord({ ...contractRecord, Status__c: 'Open' })).toThrow(/Status__c must be one of/);
    expect(() => contractFromRecord({ ...contractRecord, Budget_Days__c: 'lots' })).toThrow(/Budget_Days__c/);
    expect(() => contractFromRecord({ ...contractRecord, P1_24x7__c: 'yes' })).toThrow(/P1_24x7__c must be a boolean/);
    expect(() => contractFromRecord({ ...contractRecord, Time_Zone__c: 'Paris' })).toThrow(/Time_Zone__c/);
  });
});

describe('incidentFromRecord', () => {
  it('parses Salesforce datetimes (+0000) into Dates and keeps the pause totals', () => {
    const incident = incidentFromRecord({
      Id: 'a02000000000001AAA',
      Name: 'INC-000001',
      Account__c: '001000000000001AAA',
      Contract__c: 'a01000000000001AAA',
      Subject__c: 'Invoices stuck in the export queue',
      Category__c: 'Corrective',
      Impact__c: 'High',
      Urgency__c: 'Medium',
      Priority__c: 'P2',
      Priority_Overridden__c: false,
      Status__c: 'Waiting on Customer',
      Reported_At__c: '2026-03-05T09:00:00.000+0000',
      Responded_At__c: '2026-03-05T10:20:00.000+0100',
      Resolved_At__c: null,
      Closed_At__c: null,
      Response_Due__c: '2026-03-05T09:30:00Z',
      Resolution_Due__c: '2026-03-06T13:00:00.000Z',
      Original_Resolution_Due__c: '2026-03-05T17:00:00.000Z',
      Paused_Minutes__c: 120,
      Paused_Since__c: '2026-03-06T16:00:00.000+0000',
      Pause_Reason__c: 'Waiting for customer test',
      Response_Breached_At__c: null,
      Resolution_Breached_At__c: '2026-03-06T13:00:00.000+0000',
      Effort_Days__c: 1.5,
      Out_Of_Coverage__c: false,
      External_Id__c: 'INC-EXT-1'
    });
    expect(incident).toEqual({
      id: 'a02000000000001AAA',
      name: 'INC-000001',
      accountId: '001000000000001AAA',
      contractId: 'a01000000000001AAA',
      subject: 'Invoices stuck in the export queue',
      category: 'Corrective',
      impact: 'High',
      urgency: 'Medium',
      priority: 'P2',
      priorityOverridden: false,
      status: 'Waiting on Customer',
      reportedAt: new Date('2026-03-05T09:00:00Z'),
      respondedAt: new Date('2026-03-05T09:20:00Z'),
      resolvedAt: null,
      closedAt: null,
      responseDue: new Date('2026-03-05T09:30:00Z'),
      resolutionDue: new Date('2026-03-06T13:00:00Z'),
      originalResolutionDue: new Date('2026-03-05T17:00:00Z'),
      pausedMinutes: 120,
      pausedSince: new Date('2026-03-06T16:00:00Z'),
      pauseReason: 'Waiting for customer test',
      responseBreachedAt: null,
      resolutionBreachedAt: new Date('2026-03-06T13:00:00Z'),
      effortDays: 1.5,
      outOfCoverage: false,
      externalId: 'INC-EXT-1'
    });
    expect(priorityFor(incident.impact ?? 'Medium', incident.urgency ?? 'Medium')).toBe(incident.priority);
  });

  it('applies the picklist defaults of the data model', () => {
    expect(incidentFromRecord({ Reported_At__c: '2026-03-05T09:00:00Z' })).toMatchObject({
      impact: 'Medium',
      urgency: 'Medium',
      priority: 'P3',
      status: 'New',
      category: 'Corrective',
      pausedMinutes: 0,
      pausedSince: null,
      pauseReason: null,
      responseBreachedAt: null,
      resolutionBreachedAt: null,
      effortDays: 0
    });
    expect(() =>
      incidentFromRecord({ Reported_At__c: '2026-03-05T09:00:00Z', Pause_Reason__c: 'Gone fishing' })
    ).toThrow(/Pause_Reason__c must be one of Waiting for customer information, /);
    expect(() =>
      incidentFromRecord({ Reported_At__c: '2026-03-05T09:00:00Z', Resolution_Breached_At__c: 'yesterday' })
    ).toThrow(/Resolution_Breached_At__c is not an ISO 8601 datetime/);
  });

  it('names the field of a bad value', () => {
    expect(() => incidentFromRecord({})).toThrow(/Reported_At__c is required/);
    expect(() => incidentFromRecord({ Reported_At__c: '05/03/2026 10:00' })).toThrow(
      /Reported_At__c is not an ISO 8601/
    );
    expect(() => incidentFromRecord({ Reported_At__c: '2026-02-30T10:00:00Z' })).toThrow(RangeError);
    expect(() => incidentFromRecord({ Reported_At__c: '2026-03-05T09:00:00Z', Paused_Minutes__c: -5 })).toThrow(
      /Paused_Minutes__c must not be negative/
    );
    expect(() => incidentFromRecord({ Reported_At__c: '2026-03-05T09:00:00Z', Priority__c: 'P5' })).toThrow(
      /Priority__c/
    );
  });
});

describe('checklistFromRecord and itemFromRecord', () => {
  it('map handover checklists and items', () => {
    expect(
      checklistFromRecord({
        Id: 'a03000000000001AAA',
        Name: 'Acme billing go-live',
        Account__c: '001000000000001AAA',
        Project_Name__c: 'Billing revamp',
        Go_Live_Date__c: '2026-05-01',
        Warranty_End_Date__c: '2026-07-31',
        Phase__c: 'Shadowing',
        Signed_Off_By__c: null,
        Signed_Off_On__c: null,
        External_Id__c: 'CHK-1'
      })
    ).toEqual({
      id: 'a03000000000001AAA',
      name: 'Acme billing go-live',
      accountId: '001000000000001AAA',
      projectName: 'Billing revamp',
      goLiveDate: '2026-05-01',
      warrantyEndDate: '2026-07-31',
      phase: 'Shadowing',
      signedOffById: null,
      signedOffOn: null,
      externalId: 'CHK-1'
    });
    expect(
      itemFromRecord({
        Id: 'a04000000000001AAA',
        Name: 'Production access',
        Checklist__c: 'a03000000000001AAA',
        Category__c: 'Access & Accounts',
        Mandatory__c: true,
        Done__c: true,
        Done_On__c: '2026-04-20',
        Item_Owner__c: '005000000000001AAA',
        Due_Date__c: '2026-04-15',
        Evidence_Link__c: 'https://wiki.example.com/access',
        Sort_Order__c: 20,
        Template_Item__c: 'Production_Access',
        External_Id__c: 'ITEM-1'
      })
    ).toEqual({
      id: 'a04000000000001AAA',
      name: 'Production access',
      checklistId: 'a03000000000001AAA',
      category: 'Access & Accounts',
      mandatory: true,
      done: true,
      doneOn: '2026-04-20',
      ownerId: '005000000000001AAA',
      dueDate: '2026-04-15',
      evidenceLink: 'https://wiki.example.com/access',
      sortOrder: 20,
      templateItem: 'Production_Access',
      reservation: false,
      externalId: 'ITEM-1'
    });
    expect(() => itemFromRecord({ Done_On__c: '20/04/2026' })).toThrow(/Done_On__c/);
  });
});

describe('slaTemplateToContractFields', () => {
  it('copies the P* targets, the 24x7 flag, the template name and its calendar', () => {
    expect(
      slaTemplateToContractFields({
        DeveloperName: 'Standard',
        MasterLabel: 'Standard',
        P1_Response_Minutes__c: 15,
        P2_Response_Minutes__c: 30,
        P3_Response_Minutes__c: 60,
        P4_Response_Minutes__c: 240,
        P1_Resolution_Hours__c: 4,
        P2_Resolution_Hours__c: 8,
        P3_Resolution_Hours__c: 24,
        P4_Resolution_Hours__c: 72,
        P1_24x7__c: true,
        Calendar__c: 'Paris_Business_Hours',
        Description__c: 'Default tier'
      })
    ).toEqual({
      P1_Response_Minutes__c: 15,
      P1_Resolution_Hours__c: 4,
      P2_Response_Minutes__c: 30,
      P2_Resolution_Hours__c: 8,
      P3_Response_Minutes__c: 60,
      P3_Resolution_Hours__c: 24,
      P4_Response_Minutes__c: 240,
      P4_Resolution_Hours__c: 72,
      P1_24x7__c: true,
      SLA_Template__c: 'Standard',
      Calendar__c: 'Paris_Business_Hours'
    });
  });

  it('round-trips through contractFromRecord', () => {
    const fields = slaTemplateToContractFields({
      DeveloperName: 'Critical',
      P1_Response_Minutes__c: 10,
      P1_Resolution_Hours__c: 2
    });
    const contract = contractFromRecord({ Start_Date__c: '2026-01-01', End_Date__c: '2026-12-31', ...fields });
    expect(contract.sla?.P1).toEqual({ responseMinutes: 10, resolutionMinutes: 120, alwaysOn: false });
    expect(contract.slaTemplate).toBe('Critical');
    expect(() => slaTemplateToContractFields({ P2_Resolution_Hours__c: -1 })).toThrow(/P2_Resolution_Hours__c/);
  });
});
