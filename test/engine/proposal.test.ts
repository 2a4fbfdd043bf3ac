// Maintenance proposals: what "Propose maintenance" creates for an account with a gap, and which opportunity counts
// as an open proposal. Figures worked out by hand from the Standard template's fee (2,500 a month).
import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_RENEWAL_TERM_MONTHS,
  maintenanceProposal,
  openProposal,
  PROPOSAL_STAGE,
  proposalFromRecord,
  type Contract,
  type Transition,
  type TransitionOption
} from '#engine';

const today = '2026-06-15';
const templates = [
  { DeveloperName: 'Standard', Monthly_Fee__c: 2500 },
  { DeveloperName: 'Premium', Monthly_Fee__c: 4500 },
  { DeveloperName: 'Critical', Monthly_Fee__c: null }
];
const options: TransitionOption[] = [
  { name: 'New_TMA', label: 'New TMA', leadTimeDays: 120, termMonths: 36 },
  { name: 'Time_And_Materials', label: 'Time and materials', leadTimeDays: 15, termMonths: 6 }
];
const contract = (id: string, endDate: string, slaTemplate: string | null): Contract => ({
  id,
  status: 'Active',
  startDate: '2025-01-01',
  endDate,
  slaTemplate
});
const transition = (id: string, goLiveDate: string, optionChosen: string | null = null): Transition => ({
  id,
  goLiveDate,
  optionChosen
});

describe('maintenanceProposal', () => {
  it('proposes 12 months of the latest contract template, to close the day before the gap, when nothing was decided', () => {
    const proposal = maintenanceProposal({
      accountId: '001A',
      gapStart: '2026-07-06',
      contracts: [contract('a01', '2026-07-05', 'Premium'), contract('a00', '2025-12-31', 'Standard')],
      templates,
      today
    });
    expect(proposal).toEqual({
      gapStart: '2026-07-06',
      closeDate: '2026-07-05',
      termMonths: DEFAULT_RENEWAL_TERM_MONTHS,
      slaTemplate: 'Premium',
      monthlyFee: 4500,
      amount: 54000,
      transitionId: null,
      fields: {
        AccountId: '001A',
        StageName: PROPOSAL_STAGE,
        CloseDate: '2026-07-05',
        Amount: 54000,
        Maintenance_Gap_Start__c: '2026-07-06',
        Maintenance_Transition__c: null,
        Proposed_Term_Months__c: 12,
        Proposed_SLA_Template__c: 'Premium'
      }
    });
  });

  it('links the go-live the gap follows and takes the term of the option chosen for it', () => {
    const proposal = maintenanceProposal({
      accountId: '001A',
      gapStart: '2026-11-12',
      transitions: [transition('t1', '2025-03-01', 'Time_And_Materials'), transition('t2', '2026-11-12', 'New_TMA')],
      options,
      templates,
      today
    });
    // No contract names a template: Standard, 2,500 x 36 months.
    expect(proposal).toEqual(
      expect.objectContaining({ transitionId: 't2', termMonths: 36, slaTemplate: 'Standard', amount: 90000 })
    );
  });

  it('closes today for an account already in a gap, and leaves the amount blank without a fee', () => {
    const proposal = maintenanceProposal({
      accountId: '001A',
      gapStart: today,
      contracts: [contract('a01', '2026-06-02', 'Critical')],
      templates,
      today
    });
    expect(proposal).toEqual(expect.objectContaining({ closeDate: today, monthlyFee: null, amount: null }));
  });

  it('proposes nothing without a gap, and refuses what it cannot price', () => {
    expect(maintenanceProposal({ accountId: '001A', gapStart: null, templates, today })).toBeNull();
    expect(() => maintenanceProposal({ accountId: '', gapStart: today, today })).toThrow(TypeError);
    expect(() => maintenanceProposal({ accountId: '001A', gapStart: '2026-02-30', today })).toThrow(RangeError);
  });
});

describe('openProposal', () => {
  const record = (id: string, stage: string, closed: boolean, gap: string | null, close = '2026-07-01') =>
    proposalFromRecord({
      Id: id,
      Name: `Maintenance ${id}`,
      AccountId: '001A',
      StageName: stage,
      CloseDate: close,
      Amount: 30000,
      IsClosed: closed,
      Maintenance_Gap_Start__c: gap,
      Maintenance_Transition__c: null
    });

  it('is an opportunity with a gap start that is neither won nor lost, the one to close first', () => {
    expect(
      openProposal([record('o1', 'Closed Lost', true, '2026-07-06'), record('o2', 'Prospecting', false, null)])
    ).toBeNull();
    const open = openProposal([
      record('o3', 'Qualification', false, '2026-07-06', '2026-07-05'),
      record('o4', 'Prospecting', false, '2026-07-06', '2026-06-30')
    ]);
    expect(open?.id).toBe('o4');
    expect(open).toEqual(
      expect.objectContaining({ stageName: 'Prospecting', gapStart: '2026-07-06', isClosed: false })
    );
  });
});
