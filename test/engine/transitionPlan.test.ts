// The transition desk: which options are still open on a day, when each closes, the alert before the last long one
// closes, and the successor contract a decision creates.
import { describe, expect, it } from '@jest/globals';
import {
  addDays,
  successorContractFields,
  transitionDecisionFields,
  transitionOptionFromMetadata,
  transitionPlan,
  type Transition,
  type TransitionOption
} from '#engine';
import { readCustomMetadata } from '../../src/seed/customMetadata.js';

/** The default options, as the shipped Transition_Option__mdt records define them. */
const OPTIONS: TransitionOption[] = [
  { name: 'Tender', label: 'Tender', leadTimeDays: 180, contractType: 'TMA', termMonths: 36 },
  { name: 'New_TMA', label: 'New TMA', leadTimeDays: 120, contractType: 'TMA', termMonths: 36 },
  { name: 'Internalise', label: 'Internalise', leadTimeDays: 90, contractType: 'Internal', termMonths: 12 },
  {
    name: 'Partial_Extension',
    label: 'Partial extension of the integrator',
    leadTimeDays: 60,
    contractType: 'Project Extension',
    termMonths: 6
  },
  {
    name: 'Time_And_Materials',
    label: 'Time and materials',
    leadTimeDays: 30,
    contractType: 'Time and Materials',
    termMonths: 12
  }
];

// Go-live on 29 October 2026, no warranty: maintenance must work from the go-live.
const goLive = '2026-10-29';
const transition: Transition = { id: 'tr1', name: 'Atlas', accountId: '001A', goLiveDate: goLive };

const planOn = (today: string, extra: Partial<Parameters<typeof transitionPlan>[0]> = {}) =>
  transitionPlan({ transition, options: OPTIONS, today, ...extra });
const names = (list: { name: string }[]) => list.map((option) => option.name);

describe('transitionPlan', () => {
  it('150 days before the go-live: a tender is lost, a new TMA and the extension are open, with closing days', () => {
    const plan = planOn('2026-06-01');
    expect(plan.takeoverDate).toBe(goLive);
    expect(plan.daysLeft).toBe(150);
    expect(names(plan.lost)).toEqual(['Tender']);
    expect(plan.lost[0]).toMatchObject({ closesOn: '2026-05-02', daysLeft: -30 });
    expect(plan.open.map((option) => [option.name, option.closesOn, option.daysLeft])).toEqual([
      ['New_TMA', '2026-07-01', 30],
      ['Internalise', '2026-07-31', 60],
      ['Partial_Extension', '2026-08-30', 90],
      ['Time_And_Materials', '2026-09-29', 120]
    ]);
    // A new TMA is the next long option to close, within 30 days.
    expect(plan.alert).toEqual({ option: plan.open[0], last: false });
  });

  it('closes each option exactly when today + lead time passes the takeover day', () => {
    for (const option of OPTIONS) {
      const closes = addDays(goLive, -option.leadTimeDays);
      const isOpen = (day: string) => names(planOn(day).open).includes(option.name);
      expect([isOpen(addDays(closes, -1)), isOpen(closes), isOpen(addDays(closes, 1))]).toEqual([true, true, false]);
      expect(planOn(closes).open.find((o) => o.name === option.name)?.daysLeft).toBe(0);
      expect(planOn(addDays(closes, 1)).lost.find((o) => o.name === option.name)?.daysLeft).toBe(-1);
    }
  });

  it('alerts for the next long option within 30 days of closing, and says when it is the last long one', () => {
    // 31 days before the tender closes: no alert; 30 days before: alert.
    expect(planOn(addDays(goLive, -211)).alert).toBeNull();
    expect(planOn(addDays(goLive, -210)).alert).toMatchObject({ option: { name: 'Tender', daysLeft: 30 } });
    // "A tender is still possible for 12 more days".
    expect(planOn(addDays(goLive, -192)).alert).toMatchObject({
      option: { name: 'Tender', daysLeft: 12 },
      last: false
    });
    // Internalise is the last long option: the alert says so; after it closes, short options raise none.
    expect(planOn(addDays(goLive, -100)).alert).toMatchObject({ option: { name: 'Internalise' }, last: true });
    expect(planOn(addDays(goLive, -89)).alert).toBeNull();
    // A decision silences it.
    expect(planOn('2026-06-01', { transition: { ...transition, optionChosen: 'New_TMA' } }).alert).toBeNull();
  });

  it('judges the options against the end of the cover in place: warranty and contracts', () => {
    // A 90-day warranty from the go-live: maintenance takes over the day after it ends.
    const warranty = { ...transition, warrantyEndDate: '2027-01-26' };
    const plan = planOn('2026-06-01', { transition: warranty });
    expect(plan.takeoverDate).toBe('2027-01-27');
    expect(names(plan.lost)).toEqual([]);
    // A TMA in force past the go-live pushes the takeover to the day after it ends...
    const current = { id: 'c1', status: 'Active' as const, startDate: '2025-01-01', endDate: '2026-12-31' };
    expect(planOn('2026-06-01', { contracts: [current] }).takeoverDate).toBe('2027-01-01');
    // ... but the transition's own successor does not: signing it does not move the day the decision was due.
    const successor = { id: 's1', status: 'Signed' as const, startDate: goLive, endDate: '2029-10-28' };
    const decided = { ...transition, optionChosen: 'New_TMA', decisionDate: '2026-06-01', successorContractId: 's1' };
    const after = planOn('2026-07-15', { transition: decided, contracts: [successor] });
    expect(after).toMatchObject({ takeoverDate: goLive, decided: true, decisionDate: '2026-06-01' });
    expect(after.chosen?.name).toBe('New_TMA');
    // Another project's warranty does not maintain this application: only the transition's own checklist counts.
    const otherProject = { id: 'h9', goLiveDate: '2026-06-01', warrantyEndDate: '2026-12-31' };
    expect(planOn('2026-06-01', { checklists: [otherProject] }).takeoverDate).toBe(goLive);
    const own = { id: 'h1', goLiveDate: goLive, warrantyEndDate: '2026-12-31' };
    expect(
      planOn('2026-06-01', { transition: { ...transition, handoverChecklistId: 'h1' }, checklists: [own] }).takeoverDate
    ).toBe('2027-01-01');
    // Covered for ten years after the go-live: no takeover day, every option open.
    const forever = { ...current, tacitRenewal: true };
    const calm = planOn('2026-06-01', { contracts: [forever] });
    expect(calm).toMatchObject({ takeoverDate: null, daysLeft: null, alert: null });
    expect(calm.open).toHaveLength(5);
  });

  it('creates the successor in Draft, from the takeover day, for the option term', () => {
    const plan = planOn('2026-06-01');
    const fields = successorContractFields({
      transition: { ...transition, handoverChecklistId: 'a03H' },
      option: OPTIONS[1],
      takeoverDate: plan.takeoverDate
    });
    expect(fields).toEqual({
      Name: 'New TMA Atlas',
      Account__c: '001A',
      Status__c: 'Draft',
      Contract_Type__c: 'TMA',
      Start_Date__c: '2026-10-29',
      End_Date__c: '2029-10-28',
      Handover_Checklist__c: 'a03H'
    });
    expect(transitionDecisionFields({ option: OPTIONS[1], today: '2026-06-01', successorContractId: 'a01S' })).toEqual({
      Option_Chosen__c: 'New_TMA',
      Decision_Date__c: '2026-06-01',
      Successor_Contract__c: 'a01S'
    });
  });

  it('uses the options the package ships: the Transition_Option__mdt records hold these lead times and terms', () => {
    // The defaults argued for: tender 180 days, new TMA 120, internalise 90, partial extension 60, T&M 30.
    const shipped = readCustomMetadata('Transition_Option')
      .map((record) => transitionOptionFromMetadata(record))
      .sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0))
      .map(({ name, leadTimeDays, contractType, termMonths }) => ({ name, leadTimeDays, contractType, termMonths }));
    const sortedAsShipped = ['Tender', 'New_TMA', 'Internalise', 'Partial_Extension', 'Time_And_Materials'];
    expect(shipped).toEqual(
      sortedAsShipped.map((name) => {
        const { leadTimeDays, contractType, termMonths } = OPTIONS.find((option) => option.name === name) ?? {};
        return { name, leadTimeDays, contractType, termMonths };
      })
    );
  });

  it('reads the options from their custom metadata records and refuses bad ones', () => {
    expect(
      transitionOptionFromMetadata({
        DeveloperName: 'Tender',
        MasterLabel: 'Tender',
        Lead_Time_Days__c: 180,
        Contract_Type__c: 'TMA',
        Term_Months__c: 36,
        Sort_Order__c: 10,
        Description__c: 'A call for tenders.'
      })
    ).toEqual({
      name: 'Tender',
      label: 'Tender',
      leadTimeDays: 180,
      contractType: 'TMA',
      termMonths: 36,
      sortOrder: 10,
      description: 'A call for tenders.'
    });
    expect(() => transitionOptionFromMetadata({ DeveloperName: 'X', Lead_Time_Days__c: -1 })).toThrow(/whole days/);
    expect(() => planOn('2026-06-01', { options: [{ name: '', label: 'x', leadTimeDays: 1 }] })).toThrow(/name/);
    expect(() => planOn('2026-06-01', { transition: { ...transition, goLiveDate: '2026-13-01' } })).toThrow(
      /goLiveDate/
    );
  });
});
