import { afterAll, beforeAll, describe, it, expect } from '@jest/globals';
import {
  checkFormula,
  evaluateFormula,
  evaluateFormulaField,
  failingValidationRules,
  FormulaError,
  formulaReferences,
  type FormulaContext
} from '../../src/localOrg/formula.js';
import type { ObjectDef } from '../../src/localOrg/schema.js';
import { deployDataModel, type DataModel } from './formulaFixtures.js';

let model: DataModel;
let contract: ObjectDef;
let incident: ObjectDef;
let checklist: ObjectDef;
let item: ObjectDef;
beforeAll(async () => {
  model = await deployDataModel();
  contract = model.object('Maintenance_Contract__c');
  incident = model.object('Maintenance_Incident__c');
  checklist = model.object('Handover_Checklist__c');
  item = model.object('Handover_Item__c');
}, 60_000);
afterAll(() => model.dispose());

const NOW = new Date('2026-03-10T12:00:00.000Z');
const records: Record<string, Record<string, unknown>> = {
  a03000000000001AAA: { Id: 'a03000000000001AAA', Phase__c: 'Signed Off', Account__c: '001000000000001AAA' },
  a03000000000002AAA: { Id: 'a03000000000002AAA', Phase__c: 'Shadowing', Account__c: '001000000000001AAA' },
  a03000000000003AAA: { Id: 'a03000000000003AAA', Phase__c: 'Signed Off', Account__c: '001000000000002AAA' },
  // A contract with GTI/GTR targets for P1 and P2 only (P3 and P4 carry no SLA).
  a01000000000001AAA: {
    Id: 'a01000000000001AAA',
    P1_Response_Minutes__c: 15,
    P1_Resolution_Hours__c: 4,
    P2_Response_Minutes__c: 30,
    P2_Resolution_Hours__c: 8,
    P3_Response_Minutes__c: null,
    P3_Resolution_Hours__c: null
  },
  a03000000000004AAA: {
    Id: 'a03000000000004AAA',
    Phase__c: 'Signed Off with Reservations',
    Account__c: '001000000000001AAA'
  }
};

function ctx(
  objectDef: ObjectDef,
  record: Record<string, unknown>,
  extra: Partial<FormulaContext> = {}
): FormulaContext {
  return {
    record,
    objectDef,
    getObject: (name) => model.store.getObject(name),
    getRecord: (_objectName, id) => records[id],
    now: NOW,
    isNew: false,
    ...extra
  };
}

function fieldValue(objectDef: ObjectDef, name: string, record: Record<string, unknown>): unknown {
  const def = objectDef.fields.find((f) => f.name === name);
  if (!def) throw new Error(name);
  return evaluateFormulaField(def, ctx(objectDef, record));
}

function failing(objectDef: ObjectDef, record: Record<string, unknown>, extra: Partial<FormulaContext> = {}): string[] {
  return failingValidationRules(objectDef, ctx(objectDef, record, extra))
    .map((r) => r.fullName)
    .sort();
}

describe('data model formula fields', () => {
  it('covers every formula field and validation rule of force-app', () => {
    const inventory = [contract, incident, checklist, item].flatMap((o) => [
      ...o.fields.filter((f) => f.formula).map((f) => `${o.name}.${f.name}`),
      ...o.validationRules.map((r) => `${o.name}.${r.fullName}`)
    ]);
    // Each of these has hand-computed cases below; a new formula or rule must get its own.
    expect(inventory.sort()).toEqual([
      'Handover_Checklist__c.Readiness_Percent__c',
      'Handover_Checklist__c.Sign_Off_Needs_Mandatory_Items_Done',
      'Handover_Checklist__c.Sign_Off_Needs_Signer',
      'Handover_Checklist__c.Warranty_End_Not_Before_Go_Live',
      'Handover_Item__c.Done_Needs_Date',
      'Handover_Item__c.Reservation_Needs_Owner_And_Due_Date',
      'Maintenance_Contract__c.Activation_Requires_Signed_Off_Handover',
      'Maintenance_Contract__c.Budget_Amount__c',
      'Maintenance_Contract__c.Budget_Consumed_Percent__c',
      'Maintenance_Contract__c.Budget_Not_Negative',
      'Maintenance_Contract__c.End_Not_Before_Start',
      'Maintenance_Contract__c.Handover_Checklist_Same_Account',
      'Maintenance_Contract__c.Notice_Deadline__c',
      'Maintenance_Contract__c.Renewal_Terms_Valid',
      'Maintenance_Incident__c.Breach_Stamp_Is_Final',
      'Maintenance_Incident__c.Breached_Incident_Not_Cancelled',
      'Maintenance_Incident__c.Closed_Needs_Timestamp',
      'Maintenance_Incident__c.Coverage_Set_When_Logged',
      'Maintenance_Incident__c.Covered_Incident_Needs_Due_Times',
      'Maintenance_Incident__c.Due_Times_Move_With_Their_Cause',
      'Maintenance_Incident__c.Effort_Not_Negative',
      'Maintenance_Incident__c.No_Pause_After_Restore_Target',
      'Maintenance_Incident__c.Pause_Starts_When_Saved',
      'Maintenance_Incident__c.Paused_Minutes_Come_From_Pauses',
      'Maintenance_Incident__c.Reported_At_Set_When_Logged',
      'Maintenance_Incident__c.Resolution_Breached__c',
      'Maintenance_Incident__c.Resolution_Not_Before_Report',
      'Maintenance_Incident__c.Resolved_Needs_Timestamp',
      'Maintenance_Incident__c.Response_And_Resolution_Set_When_Saved',
      'Maintenance_Incident__c.Response_Breached__c',
      'Maintenance_Incident__c.SLA_State__c'
    ]);
  });

  it('Notice_Deadline__c is the end date minus the notice period in days', () => {
    expect(fieldValue(contract, 'Notice_Deadline__c', { End_Date__c: '2026-12-31', Notice_Period_Days__c: 90 })).toBe(
      '2026-10-02'
    );
    // Across a month boundary and a leap day: 2028-03-01 - 1 day = 2028-02-29.
    expect(fieldValue(contract, 'Notice_Deadline__c', { End_Date__c: '2028-03-01', Notice_Period_Days__c: 1 })).toBe(
      '2028-02-29'
    );
    expect(fieldValue(contract, 'Notice_Deadline__c', { End_Date__c: null, Notice_Period_Days__c: 90 })).toBeNull();
    // A blank notice period is zero (formula fields treat blanks as zeroes by default).
    expect(fieldValue(contract, 'Notice_Deadline__c', { End_Date__c: '2026-12-31' })).toBe('2026-12-31');
  });

  it('Budget_Consumed_Percent__c is consumed over the budget with its amendments, as a percent number', () => {
    const percent = (budget: number | null, amended: number | null, consumed: number): unknown =>
      fieldValue(contract, 'Budget_Consumed_Percent__c', {
        Budget_Days__c: budget,
        Amended_Budget_Days__c: amended,
        Consumed_Effort_Days__c: consumed
      });
    expect(percent(40, 0, 10)).toBe(25);
    // 7 / 30 = 0.2333... -> 23.3 % at the field's scale of 1.
    expect(percent(30, null, 7)).toBe(23.3);
    expect(percent(0, 0, 5)).toBe(0);
    expect(percent(null, null, 5)).toBe(0);
    expect(percent(10, 0, 12.5)).toBe(125);
    // 40 days amended by +10: 10 / 50.
    expect(percent(40, 10, 10)).toBe(20);
    expect(percent(40, -40, 10)).toBe(0);
  });

  it('Budget_Amount__c is days times the daily rate', () => {
    expect(fieldValue(contract, 'Budget_Amount__c', { Budget_Days__c: 12.5, Daily_Rate__c: 650 })).toBe(8125);
    expect(fieldValue(contract, 'Budget_Amount__c', { Budget_Days__c: 0.1, Daily_Rate__c: 0.2 })).toBe(0.02);
    expect(fieldValue(contract, 'Budget_Amount__c', { Budget_Days__c: 3, Daily_Rate__c: null })).toBe(0);
  });

  it('Response_Breached__c: the stamp, or the response (or restore, or now) past the due time', () => {
    const due = '2026-03-10T11:00:00.000+0000';
    const breached = (record: Record<string, unknown>): unknown =>
      fieldValue(incident, 'Response_Breached__c', { Status__c: 'New', ...record });
    expect(breached({ Response_Due__c: null })).toBe(false);
    // Not responded and now (12:00) is past due (11:00).
    expect(breached({ Response_Due__c: due })).toBe(true);
    expect(breached({ Response_Due__c: '2026-03-10T13:00:00.000+0000' })).toBe(false);
    expect(breached({ Response_Due__c: due, Responded_At__c: '2026-03-10T10:59:00Z' })).toBe(false);
    expect(breached({ Response_Due__c: due, Responded_At__c: '2026-03-10T11:00:01Z' })).toBe(true);
    // Restored at 10:30 without a response first: the clock stopped before its 11:00 target.
    expect(breached({ Response_Due__c: due, Resolved_At__c: '2026-03-10T10:30:00Z' })).toBe(false);
    expect(breached({ Response_Due__c: due, Resolved_At__c: '2026-03-10T11:30:00Z' })).toBe(true);
    // A pause does not stop the response clock.
    expect(breached({ Response_Due__c: due, Paused_Since__c: '2026-03-10T10:00:00Z' })).toBe(true);
    // A cancelled incident's clock stops, unless the breach was stamped before.
    expect(breached({ Response_Due__c: due, Status__c: 'Cancelled' })).toBe(false);
    const stamp = '2026-03-10T11:00:00Z';
    expect(breached({ Response_Due__c: due, Status__c: 'Cancelled', Response_Breached_At__c: stamp })).toBe(true);
    // A stamp stays a breach whatever the due time says now (a later due, a response given after it).
    expect(
      breached({
        Response_Due__c: '2026-03-11T11:00:00Z',
        Responded_At__c: '2026-03-10T11:30:00Z',
        Response_Breached_At__c: stamp
      })
    ).toBe(true);
    expect(breached({ Response_Breached_At__c: stamp })).toBe(true);
  });

  it('Resolution_Breached__c: the stamp, or the due passed while the clock ran; a pause hides no breach', () => {
    const due = '2026-03-10T08:00:00.000+0000';
    const breached = (record: Record<string, unknown>): unknown =>
      fieldValue(incident, 'Resolution_Breached__c', { Status__c: 'In Progress', ...record });
    expect(breached({ Resolution_Due__c: null })).toBe(false);
    // Now (12:00) is past due (08:00).
    expect(breached({ Resolution_Due__c: due })).toBe(true);
    expect(breached({ Resolution_Due__c: '2026-03-10T12:00:01Z' })).toBe(false);
    // Paused at 07:00, before the due: the clock stands at 07:00, one hour short of its target.
    expect(breached({ Resolution_Due__c: due, Paused_Since__c: '2026-03-10T07:00:00Z' })).toBe(false);
    // Paused at 09:00, after the due: the breach shows although the clock is paused.
    expect(breached({ Resolution_Due__c: due, Paused_Since__c: '2026-03-10T09:00:00Z' })).toBe(true);
    // A stamp shows through a pause that started before a (moved) due.
    expect(
      breached({
        Resolution_Due__c: '2026-03-11T08:00:00Z',
        Paused_Since__c: '2026-03-10T07:00:00Z',
        Resolution_Breached_At__c: due
      })
    ).toBe(true);
    expect(breached({ Resolution_Due__c: due, Resolved_At__c: '2026-03-10T07:59:59Z' })).toBe(false);
    expect(breached({ Resolution_Due__c: due, Resolved_At__c: '2026-03-10T08:00:01Z' })).toBe(true);
    expect(breached({ Resolution_Due__c: due, Status__c: 'Cancelled' })).toBe(false);
    expect(breached({ Resolution_Due__c: due, Status__c: 'Cancelled', Resolution_Breached_At__c: due })).toBe(true);
  });

  it('SLA_State__c: the words of SLA_STATES, a breach read through a pause', () => {
    const late = '2026-03-10T08:00:00.000+0000';
    const later = '2026-03-11T08:00:00.000+0000';
    const state = (record: Record<string, unknown>): unknown => fieldValue(incident, 'SLA_State__c', record);
    expect(state({ Status__c: 'New', Response_Due__c: later, Resolution_Due__c: later })).toBe('On Track');
    expect(state({ Status__c: 'New', Response_Due__c: later, Paused_Since__c: late })).toBe('Paused');
    expect(state({ Status__c: 'Waiting on Customer', Resolution_Due__c: later })).toBe('Paused');
    expect(state({ Status__c: 'New', Resolution_Due__c: late })).toBe('Breached');
    expect(state({ Status__c: 'New', Response_Due__c: late, Resolution_Due__c: later })).toBe('Response Breached');
    // Paused at 09:00 after the 08:00 restore target.
    expect(
      state({ Status__c: 'Waiting on Customer', Resolution_Due__c: late, Paused_Since__c: '2026-03-10T09:00:00Z' })
    ).toBe('Breached (paused)');
    // Paused before a due that then moved, with the breach stamped.
    expect(
      state({
        Status__c: 'Waiting on Customer',
        Resolution_Due__c: later,
        Paused_Since__c: '2026-03-10T07:00:00Z',
        Resolution_Breached_At__c: late
      })
    ).toBe('Breached (paused)');
    // The response target missed (08:00, nobody responded), then a pause: still a breach.
    expect(
      state({
        Status__c: 'Waiting on Customer',
        Response_Due__c: late,
        Resolution_Due__c: later,
        Paused_Since__c: '2026-03-10T09:00:00Z'
      })
    ).toBe('Breached (paused)');
    expect(state({ Status__c: 'Resolved', Resolved_At__c: late, Resolution_Due__c: later })).toBe('Met');
    expect(
      state({ Status__c: 'Closed', Resolved_At__c: later, Resolution_Due__c: later, Response_Breached_At__c: late })
    ).toBe('Response Breached');
    expect(state({ Status__c: 'Cancelled', Resolution_Breached_At__c: late })).toBe('Cancelled');
    expect(state({ Status__c: 'New' })).toBe('No SLA');
    expect(state({ Status__c: 'Resolved', Resolved_At__c: late })).toBe('No SLA');
  });

  it('Readiness_Percent__c reads roll-up values', () => {
    expect(fieldValue(checklist, 'Readiness_Percent__c', { Items_Total__c: 3, Items_Done__c: 2 })).toBe(67);
    expect(fieldValue(checklist, 'Readiness_Percent__c', { Items_Total__c: 0, Items_Done__c: 0 })).toBe(0);
  });
});

describe('data model validation rules', () => {
  const validContract = {
    Account__c: '001000000000001AAA',
    Status__c: 'Active',
    Start_Date__c: '2026-01-01',
    End_Date__c: '2026-12-31',
    Budget_Days__c: 10,
    Daily_Rate__c: 500,
    Monthly_Fee__c: 1000,
    Amended_Budget_Days__c: 0,
    Handover_Checklist__c: 'a03000000000001AAA'
  };

  it('contract rules', () => {
    expect(failing(contract, validContract)).toEqual([]);
    expect(failing(contract, { ...validContract, End_Date__c: '2025-12-31' })).toEqual(['End_Not_Before_Start']);
    expect(failing(contract, { ...validContract, End_Date__c: '2026-01-01' })).toEqual([]);
    // The gating checklist is read across the lookup.
    expect(failing(contract, { ...validContract, Handover_Checklist__c: 'a03000000000002AAA' })).toEqual([
      'Activation_Requires_Signed_Off_Handover'
    ]);
    expect(
      failing(contract, { ...validContract, Status__c: 'Draft', Handover_Checklist__c: 'a03000000000002AAA' })
    ).toEqual([]);
    expect(failing(contract, { ...validContract, Handover_Checklist__c: null })).toEqual([]);
    // A signed-off checklist of another account does not gate this contract.
    expect(failing(contract, { ...validContract, Handover_Checklist__c: 'a03000000000003AAA' })).toEqual([
      'Handover_Checklist_Same_Account'
    ]);
    expect(failing(contract, { ...validContract, Monthly_Fee__c: -1 })).toEqual(['Budget_Not_Negative']);
    // Amendments may take days off, not more than the budget has.
    expect(failing(contract, { ...validContract, Amended_Budget_Days__c: -10 })).toEqual([]);
    expect(failing(contract, { ...validContract, Amended_Budget_Days__c: -10.5 })).toEqual(['Budget_Not_Negative']);
    expect(failing(contract, { ...validContract, Monthly_Spend_Alert__c: -1 })).toEqual(['Budget_Not_Negative']);
    // A contract signed off with reservations may be activated; a Signed one is not gated.
    expect(failing(contract, { ...validContract, Handover_Checklist__c: 'a03000000000004AAA' })).toEqual([]);
    expect(
      failing(contract, { ...validContract, Status__c: 'Signed', Handover_Checklist__c: 'a03000000000002AAA' })
    ).toEqual([]);
    expect(failing(contract, { ...validContract, Renewal_Term_Months__c: 0 })).toEqual(['Renewal_Terms_Valid']);
    expect(failing(contract, { ...validContract, Renewal_Term_Months__c: 1, Max_Renewals__c: 0 })).toEqual([]);
    expect(failing(contract, { ...validContract, Max_Renewals__c: -1 })).toEqual(['Renewal_Terms_Valid']);
    // Blank amounts are not negative.
    expect(failing(contract, { ...validContract, Budget_Days__c: null, Daily_Rate__c: null })).toEqual([]);
  });

  it('incident rules', () => {
    const base = { Status__c: 'New', Reported_At__c: '2026-03-01T09:00:00.000+0000' };
    expect(failing(incident, base)).toEqual([]);
    expect(failing(incident, { ...base, Status__c: 'Resolved' })).toEqual(['Resolved_Needs_Timestamp']);
    expect(failing(incident, { ...base, Status__c: 'Closed' })).toEqual([
      'Closed_Needs_Timestamp',
      'Resolved_Needs_Timestamp'
    ]);
    expect(
      failing(incident, {
        ...base,
        Status__c: 'Closed',
        Resolved_At__c: '2026-03-01T10:00:00.000+0000',
        Closed_At__c: '2026-03-02T10:00:00.000+0000'
      })
    ).toEqual([]);
    expect(failing(incident, { ...base, Effort_Days__c: -1 })).toEqual(['Effort_Not_Negative']);
    expect(failing(incident, { ...base, Effort_Days__c: null })).toEqual([]);
    expect(failing(incident, { ...base, Resolved_At__c: '2026-03-01T08:59:59.000+0000' })).toEqual([
      'Resolution_Not_Before_Report'
    ]);
  });

  describe('SLA guard rules, bypassed by $Permission.Maintenance_SLA_Correction', () => {
    const CONTRACT = 'a01000000000001AAA';
    const correction = { globals: { '$Permission.Maintenance_SLA_Correction': true } };
    const due = { Response_Due__c: '2026-03-10T09:15:00.000Z', Resolution_Due__c: '2026-03-10T13:00:00.000Z' };
    const stored = {
      Status__c: 'In Progress',
      Priority__c: 'P1',
      Reported_At__c: '2026-03-10T09:00:00.000Z',
      Contract__c: CONTRACT,
      Out_Of_Coverage__c: false,
      Paused_Minutes__c: 0,
      ...due
    };
    const update = (
      prior: Record<string, unknown>,
      change: Record<string, unknown>,
      extra: Partial<FormulaContext> = {}
    ): string[] => failing(incident, { ...prior, ...change }, { priorRecord: prior, ...extra });
    const insert = (record: Record<string, unknown>, extra: Partial<FormulaContext> = {}): string[] =>
      failing(incident, record, { isNew: true, ...extra });

    it('Covered_Incident_Needs_Due_Times: a covered incident carries the dues its contract sets for its priority', () => {
      const bare = { Status__c: 'New', Priority__c: 'P1', Reported_At__c: '2026-03-10T09:00:00.000Z' };
      expect(insert({ ...bare, Contract__c: CONTRACT })).toEqual(['Covered_Incident_Needs_Due_Times']);
      expect(insert({ ...bare, Contract__c: CONTRACT, Response_Due__c: due.Response_Due__c })).toEqual([
        'Covered_Incident_Needs_Due_Times'
      ]);
      expect(insert({ ...bare, Contract__c: CONTRACT, ...due })).toEqual([]);
      // Out of coverage, no contract, or a priority the contract sets no target for: nothing to stamp.
      expect(insert({ ...bare, Contract__c: CONTRACT, Out_Of_Coverage__c: true })).toEqual([]);
      expect(insert(bare)).toEqual([]);
      expect(insert({ ...bare, Priority__c: 'P3', Contract__c: CONTRACT })).toEqual([]);
      // Clearing the dues of a stored incident is refused as well (and is a due move without its cause).
      expect(update(stored, { Response_Due__c: null, Resolution_Due__c: null })).toEqual([
        'Covered_Incident_Needs_Due_Times',
        'Due_Times_Move_With_Their_Cause'
      ]);
      expect(insert({ ...bare, Contract__c: CONTRACT }, correction)).toEqual([]);
    });

    it('Breach_Stamp_Is_Final: a stamp once set is never cleared or moved', () => {
      const stamped = { ...stored, Resolution_Breached_At__c: '2026-03-10T13:00:00.000Z' };
      // Setting a blank stamp is what the engine does.
      expect(update(stored, { Resolution_Breached_At__c: '2026-03-10T13:00:00.000Z' })).toEqual([]);
      expect(update(stored, { Response_Breached_At__c: '2026-03-10T09:15:00.000Z' })).toEqual([]);
      expect(update(stamped, { Resolution_Breached_At__c: null })).toEqual(['Breach_Stamp_Is_Final']);
      expect(update(stamped, { Resolution_Breached_At__c: '2026-03-10T13:00:01.000Z' })).toEqual([
        'Breach_Stamp_Is_Final'
      ]);
      // The same instant written in another form is no change.
      expect(update(stamped, { Resolution_Breached_At__c: '2026-03-10T13:00:00.000+0000' })).toEqual([]);
      const both = { ...stamped, Response_Breached_At__c: '2026-03-10T09:15:00.000Z' };
      expect(update(both, { Response_Breached_At__c: null })).toEqual(['Breach_Stamp_Is_Final']);
      // Inserting a record with a stamp (an import of history) is allowed.
      expect(insert({ ...stamped })).toEqual([]);
      expect(update(both, { Response_Breached_At__c: null, Resolution_Breached_At__c: null }, correction)).toEqual([]);
    });

    it('No_Pause_After_Restore_Target: no pause once Resolution Due has passed (now is 12:00)', () => {
      const pause = { Status__c: 'Waiting on Customer', Paused_Since__c: '2026-03-10T12:00:00.000Z' };
      // Due 13:00, now 12:00: the pause is in time.
      expect(update(stored, pause)).toEqual([]);
      const late = { ...stored, Resolution_Due__c: '2026-03-10T11:59:00.000Z' };
      expect(update(late, pause)).toEqual(['No_Pause_After_Restore_Target']);
      // Backdating the pause before the target does not help: the target passed before this save.
      expect(update(late, { ...pause, Paused_Since__c: '2026-03-10T11:00:00.000Z' })).toEqual([
        'No_Pause_After_Restore_Target',
        'Pause_Starts_When_Saved'
      ]);
      // Nor does moving the target in the same save (the status changes, so the due rule lets the move through).
      expect(update(late, { ...pause, Resolution_Due__c: '2026-03-11T12:00:00.000Z' })).toEqual([
        'No_Pause_After_Restore_Target'
      ]);
      // The status alone starts a pause too; an open pause kept unchanged is not a new one.
      expect(update(late, { Status__c: 'Waiting on Customer' })).toEqual(['No_Pause_After_Restore_Target']);
      const waiting = { ...late, ...pause, Paused_Since__c: '2026-03-10T11:00:00.000Z' };
      expect(update(waiting, { Description__c: 'Customer called' })).toEqual([]);
      // Inserted paused (an import): the pause must have started before the target, whatever the time now.
      expect(insert({ ...late, ...pause })).toEqual(['No_Pause_After_Restore_Target']);
      expect(insert({ ...late, ...pause, Paused_Since__c: '2026-03-10T11:00:00.000Z' })).toEqual([]);
      expect(insert({ ...late, Status__c: 'Waiting on Customer' })).toEqual(['No_Pause_After_Restore_Target']);
      // No restore target: nothing to pass.
      expect(update({ ...stored, Resolution_Due__c: null, Contract__c: null }, pause)).toEqual([]);
      expect(update(late, pause, correction)).toEqual([]);
    });

    it('Due_Times_Move_With_Their_Cause: a due moves only with the priority, the status or the paused minutes', () => {
      const later = '2026-03-10T17:00:00.000Z';
      expect(update(stored, { Resolution_Due__c: later })).toEqual(['Due_Times_Move_With_Their_Cause']);
      expect(update(stored, { Response_Due__c: '2026-03-10T09:30:00.000Z' })).toEqual([
        'Due_Times_Move_With_Their_Cause'
      ]);
      expect(update(stored, { Resolution_Due__c: later, Priority__c: 'P2' })).toEqual([]);
      expect(update(stored, { Resolution_Due__c: later, Status__c: 'Acknowledged' })).toEqual([]);
      // A pause ending (an hour, 11:00 to now) pushes the restore target by its minutes.
      const paused = { ...stored, Status__c: 'Waiting on Customer', Paused_Since__c: '2026-03-10T11:00:00.000Z' };
      const resumed = { Status__c: 'In Progress', Paused_Since__c: null, Paused_Minutes__c: 60 };
      expect(update(paused, { ...resumed, Resolution_Due__c: '2026-03-10T14:00:00.000Z' })).toEqual([]);
      // The original target is set once: filling a blank one is allowed, moving it is not.
      expect(update(stored, { Original_Resolution_Due__c: due.Resolution_Due__c })).toEqual([]);
      const original = { ...stored, Original_Resolution_Due__c: due.Resolution_Due__c };
      expect(update(original, { Original_Resolution_Due__c: later })).toEqual(['Due_Times_Move_With_Their_Cause']);
      // Other edits, and inserts, leave the dues alone.
      expect(update(stored, { Effort_Days__c: 2 })).toEqual([]);
      expect(insert({ ...stored })).toEqual([]);
      expect(update(stored, { Resolution_Due__c: later }, correction)).toEqual([]);
    });

    it('Coverage_Set_When_Logged: the contract and the coverage stay as logged', () => {
      const other = 'a01000000000002AAA';
      expect(update(stored, { Contract__c: other })).toEqual(['Coverage_Set_When_Logged']);
      expect(update(stored, { Contract__c: null })).toEqual(['Coverage_Set_When_Logged']);
      expect(update(stored, { Out_Of_Coverage__c: true })).toEqual(['Coverage_Set_When_Logged']);
      const uncovered = { ...stored, Contract__c: null, Out_Of_Coverage__c: true, Resolution_Due__c: null };
      expect(update(uncovered, { Contract__c: CONTRACT, Out_Of_Coverage__c: false })).toContain(
        'Coverage_Set_When_Logged'
      );
      // Logging sets them; unchanged values and other edits pass; a manager corrects them.
      expect(insert({ ...stored, Contract__c: other })).toEqual([]);
      expect(update(stored, { Contract__c: CONTRACT, Description__c: 'More detail' })).toEqual([]);
      expect(update(stored, { Contract__c: other, Out_Of_Coverage__c: true }, correction)).toEqual([]);
    });

    it('Pause_Starts_When_Saved: a pause starts at the save, within 15 minutes (now is 12:00)', () => {
      const pause = { Status__c: 'Waiting on Customer', Pause_Reason__c: 'Waiting for customer information' };
      expect(update(stored, { ...pause, Paused_Since__c: '2026-03-10T12:00:00.000Z' })).toEqual([]);
      // A browser clock a few minutes behind the server's.
      expect(update(stored, { ...pause, Paused_Since__c: '2026-03-10T11:50:00.000Z' })).toEqual([]);
      // Backdated by an hour, with the restore target still ahead: the pause would swallow an hour already spent.
      expect(update(stored, { ...pause, Paused_Since__c: '2026-03-10T11:00:00.000Z' })).toEqual([
        'Pause_Starts_When_Saved'
      ]);
      // An open pause moved back, too.
      const waiting = { ...stored, ...pause, Paused_Since__c: '2026-03-10T11:58:00.000Z' };
      expect(update(waiting, { Paused_Since__c: '2026-03-10T10:00:00.000Z' })).toEqual(['Pause_Starts_When_Saved']);
      // An import inserts a pause that started earlier; a manager corrects a pause.
      expect(insert({ ...stored, ...pause, Paused_Since__c: '2026-03-10T11:00:00.000Z' })).toEqual([]);
      expect(update(stored, { ...pause, Paused_Since__c: '2026-03-10T11:00:00.000Z' }, correction)).toEqual([]);
    });

    it('Breached_Incident_Not_Cancelled: a breach is not cancelled away (now is 12:00)', () => {
      const cancel = { Status__c: 'Cancelled', Closed_At__c: '2026-03-10T12:00:00.000Z' };
      // Responded at 09:10, restore due 13:00: nothing has breached yet.
      const answered = { ...stored, Responded_At__c: '2026-03-10T09:10:00.000Z' };
      expect(update(answered, cancel)).toEqual([]);
      // Unanswered past its 09:15 response due; answered late; restore due passed; a stamp set.
      expect(update(stored, cancel)).toEqual(['Breached_Incident_Not_Cancelled']);
      expect(update({ ...stored, Responded_At__c: '2026-03-10T09:20:00.000Z' }, cancel)).toEqual([
        'Breached_Incident_Not_Cancelled'
      ]);
      const late = { ...answered, Resolution_Due__c: '2026-03-10T11:00:00.000Z' };
      expect(update(late, cancel)).toEqual(['Breached_Incident_Not_Cancelled']);
      expect(update({ ...answered, Resolution_Breached_At__c: '2026-03-10T11:00:00.000Z' }, cancel)).toEqual([
        'Breached_Incident_Not_Cancelled'
      ]);
      // A pause since 10:30 holds the restore clock before its 11:00 due.
      expect(update({ ...late, Paused_Since__c: '2026-03-10T10:30:00.000Z' }, cancel)).toEqual([]);
      // Inserted cancelled (an import), and a manager's correction, pass.
      expect(insert({ ...stored, ...cancel })).toEqual([]);
      expect(update(stored, cancel, correction)).toEqual([]);
    });

    it('Reported_At_Set_When_Logged and Response_And_Resolution_Set_When_Saved: the clocks start and stop as saved', () => {
      expect(update(stored, { Reported_At__c: '2026-03-10T11:00:00.000Z' })).toEqual(['Reported_At_Set_When_Logged']);
      expect(update(stored, { Reported_At__c: '2026-03-10T09:00:00.000+0000' })).toEqual([]);
      // Responded at 12:00 (now), or 11:50 by a browser clock a little behind: in time; at 09:10, backdated.
      expect(update(stored, { Responded_At__c: '2026-03-10T12:00:00.000Z' })).toEqual([]);
      expect(update(stored, { Responded_At__c: '2026-03-10T11:50:00.000Z' })).toEqual([]);
      expect(update(stored, { Responded_At__c: '2026-03-10T09:10:00.000Z' })).toEqual([
        'Response_And_Resolution_Set_When_Saved'
      ]);
      const resolved = { Status__c: 'Resolved', Resolved_At__c: '2026-03-10T12:00:00.000Z' };
      expect(update({ ...stored, Responded_At__c: '2026-03-10T09:10:00.000Z' }, resolved)).toEqual([]);
      expect(update(stored, { ...resolved, Resolved_At__c: '2026-03-10T10:00:00.000Z' })).toEqual([
        'Response_And_Resolution_Set_When_Saved'
      ]);
      // Reopening clears Resolved At; an import inserts its recorded times; a manager corrects them.
      const done = { ...stored, ...resolved, Resolved_At__c: '2026-03-10T10:00:00.000Z' };
      expect(update(done, { Status__c: 'In Progress', Resolved_At__c: null })).toEqual([]);
      expect(insert(done)).toEqual([]);
      expect(
        update(
          stored,
          { Reported_At__c: '2026-03-10T08:00:00.000Z', Responded_At__c: '2026-03-10T09:10:00.000Z' },
          correction
        )
      ).toEqual([]);
    });

    it('Paused_Minutes_Come_From_Pauses: paused minutes grow only by the pause that ends (now is 12:00)', () => {
      const waiting = {
        ...stored,
        Status__c: 'Waiting on Customer',
        Paused_Since__c: '2026-03-10T11:00:00.000Z',
        Paused_Minutes__c: 30
      };
      const resume = { Status__c: 'In Progress', Paused_Since__c: null };
      // 11:00 to 12:00: up to 60 more minutes (75 with the clock margin).
      expect(update(waiting, { ...resume, Paused_Minutes__c: 90 })).toEqual([]);
      expect(update(waiting, { ...resume, Paused_Minutes__c: 105 })).toEqual([]);
      expect(update(waiting, { ...resume, Paused_Minutes__c: 600 })).toEqual(['Paused_Minutes_Come_From_Pauses']);
      // Shrinking them, or changing them with no pause ending, is refused.
      expect(update(waiting, { ...resume, Paused_Minutes__c: 0 })).toEqual(['Paused_Minutes_Come_From_Pauses']);
      expect(update(waiting, { Paused_Minutes__c: 60 })).toEqual(['Paused_Minutes_Come_From_Pauses']);
      expect(
        update({ ...stored, Paused_Minutes__c: 0 }, { Paused_Minutes__c: 240, Status__c: 'Acknowledged' })
      ).toEqual(['Paused_Minutes_Come_From_Pauses']);
      expect(update(waiting, { ...resume, Paused_Minutes__c: 600 }, correction)).toEqual([]);
    });
  });

  it('checklist and item rules', () => {
    const signedOff = {
      Phase__c: 'Signed Off',
      Mandatory_Open__c: 0,
      Signed_Off_By__c: '005000000000001AAA',
      Signed_Off_On__c: '2026-02-01'
    };
    expect(failing(checklist, signedOff)).toEqual([]);
    expect(failing(checklist, { ...signedOff, Mandatory_Open__c: 2 })).toEqual(['Sign_Off_Needs_Mandatory_Items_Done']);
    expect(failing(checklist, { ...signedOff, Signed_Off_On__c: null })).toEqual(['Sign_Off_Needs_Signer']);
    // With reservations: open mandatory items are allowed when each is a reservation.
    const reserved = { ...signedOff, Phase__c: 'Signed Off with Reservations', Mandatory_Open__c: 2 };
    expect(failing(checklist, { ...reserved, Mandatory_Unreserved_Open__c: 0 })).toEqual([]);
    expect(failing(checklist, { ...reserved, Mandatory_Unreserved_Open__c: 1 })).toEqual([
      'Sign_Off_Needs_Mandatory_Items_Done'
    ]);
    expect(failing(checklist, { ...reserved, Mandatory_Unreserved_Open__c: 0, Signed_Off_By__c: null })).toEqual([
      'Sign_Off_Needs_Signer'
    ]);
    expect(
      failing(checklist, { ...signedOff, Phase__c: 'Shadowing', Signed_Off_By__c: null, Mandatory_Open__c: 4 })
    ).toEqual([]);
    expect(failing(checklist, { Go_Live_Date__c: '2026-05-01', Warranty_End_Date__c: '2026-04-30' })).toEqual([
      'Warranty_End_Not_Before_Go_Live'
    ]);
    expect(failing(item, { Done__c: true })).toEqual(['Done_Needs_Date']);
    expect(failing(item, { Done__c: 1, Done_On__c: '2026-01-02' })).toEqual([]);
    expect(failing(item, { Done__c: false })).toEqual([]);
    const reservation = { Reservation__c: true, Item_Owner__c: '005000000000001AAA', Due_Date__c: '2026-04-30' };
    expect(failing(item, reservation)).toEqual([]);
    expect(failing(item, { ...reservation, Due_Date__c: null })).toEqual(['Reservation_Needs_Owner_And_Due_Date']);
    expect(failing(item, { ...reservation, Item_Owner__c: null })).toEqual(['Reservation_Needs_Owner_And_Due_Date']);
    expect(failing(item, { Reservation__c: false })).toEqual([]);
  });

  it('inactive rules never fire', () => {
    const inactive = { ...item, validationRules: item.validationRules.map((r) => ({ ...r, active: false })) };
    expect(failing(inactive, { Done__c: true })).toEqual([]);
  });
});

describe('context functions', () => {
  const ev = (formula: string, record: Record<string, unknown>, extra: Partial<FormulaContext> = {}): unknown =>
    evaluateFormula(formula, 'boolean', ctx(incident, record, extra));

  it('ISNEW, ISCHANGED and PRIORVALUE read the prior record', () => {
    expect(ev('ISNEW()', {}, { isNew: true })).toBe(true);
    expect(ev('ISNEW()', {}, { isNew: false })).toBe(false);
    expect(ev('ISCHANGED(Status__c)', { Status__c: 'New' }, { isNew: true })).toBe(false);
    expect(ev('ISCHANGED(Status__c)', { Status__c: 'Closed' }, { priorRecord: { Status__c: 'New' } })).toBe(true);
    expect(ev('ISCHANGED(Status__c)', { Status__c: 'New' }, { priorRecord: { Status__c: 'New' } })).toBe(false);
    expect(ev('ISCHANGED(Effort_Days__c)', { Effort_Days__c: 1 }, { priorRecord: { Effort_Days__c: null } })).toBe(
      true
    );
    expect(
      ev(
        `ISPICKVAL(PRIORVALUE(Status__c), 'Closed') && NOT(ISPICKVAL(Status__c, 'Closed'))`,
        { Status__c: 'New' },
        {
          priorRecord: { Status__c: 'Closed' }
        }
      )
    ).toBe(true);
  });

  it('NOW and TODAY come from the context clock', () => {
    expect(evaluateFormula('NOW()', 'datetime', ctx(incident, {}))).toBe('2026-03-10T12:00:00.000Z');
    expect(evaluateFormula('TODAY() + 1', 'date', ctx(incident, {}))).toBe('2026-03-11');
    expect(evaluateFormula('TIMENOW()', 'time', ctx(incident, {}))).toBe('12:00:00.000Z');
    expect(
      evaluateFormula('NOW() - Reported_At__c', 'double', ctx(incident, { Reported_At__c: '2026-03-09T12:00:00Z' }))
    ).toBe(1);
  });

  it('text of picklists, CASE and functions delegated to formulon', () => {
    const c = ctx(incident, { Status__c: 'In Progress', Reported_At__c: '2026-03-01T09:30:00Z' });
    expect(evaluateFormula('TEXT(Status__c) & "!"', 'string', c)).toBe('In Progress!');
    expect(evaluateFormula('CASE(Status__c, "New", 1, "In Progress", 2, 0)', 'double', c)).toBe(2);
    expect(evaluateFormula('LEFT(TEXT(Status__c), 2) & LOWER("AB")', 'string', c)).toBe('Inab');
    expect(
      evaluateFormula('YEAR(DATEVALUE(Reported_At__c)) * 100 + MONTH(DATEVALUE(Reported_At__c))', 'double', c)
    ).toBe(202603);
    expect(evaluateFormula('ROUND(10 / 3, 2)', 'double', c)).toBe(3.33);
    expect(evaluateFormula('ADDMONTHS(DATE(2026, 1, 31), 1)', 'date', c)).toBe('2026-02-28');
    expect(evaluateFormula('LEN(Name)', 'double', c)).toBe(0);
    expect(evaluateFormula('ISNUMBER("12.5") && NOT(ISNUMBER("x"))', 'boolean', c)).toBe(true);
    expect(evaluateFormula('/* comment with a " quote */ 1 + 1', 'double', c)).toBe(2);
  });

  it('walks several relationships, standard ones included, and reads globals', () => {
    const chain: Record<string, Record<string, unknown>> = {
      a03000000000009AAA: { Id: 'a03000000000009AAA', Account__c: '001000000000001AAA', Phase__c: 'Shadowing' },
      '001000000000001AAA': { Id: '001000000000001AAA', Name: 'Acme', OwnerId: '005000000000001AAA' },
      '005000000000001AAA': { Id: '005000000000001AAA', Name: 'Ada Admin' }
    };
    const c = ctx(item, { Checklist__c: 'a03000000000009AAA' }, { getRecord: (_o, id) => chain[id] });
    expect(
      evaluateFormula('Checklist__r.Account__r.Name & " / " & Checklist__r.Account__r.Owner.Name', 'string', c)
    ).toBe('Acme / Ada Admin');
    expect(evaluateFormula('ISBLANK(Checklist__r.Account__r.Name)', 'boolean', ctx(item, { Checklist__c: null }))).toBe(
      true
    );
    expect(evaluateFormula('$User.Id', 'string', { ...c, globals: { '$user.id': '005000000000001AAA' } })).toBe(
      '005000000000001AAA'
    );
    expect(evaluateFormula('ISBLANK($User.Id)', 'boolean', c)).toBe(true);
  });

  it('division by zero answers blank instead of failing the record', () => {
    expect(evaluateFormula('1 / 0', 'double', ctx(incident, {}))).toBeNull();
  });
});

describe('deploy-time check', () => {
  const getObject = (name: string): ObjectDef | undefined => model.store.getObject(name);
  const check = (formula: string, returnType: Parameters<typeof checkFormula>[1] = 'boolean', objectDef = contract) => {
    try {
      checkFormula(formula, returnType, objectDef, getObject);
      return 'ok';
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      return `${error.kind}: ${error.message}`;
    }
  };

  it('accepts every formula and rule of the data model', () => {
    for (const objectDef of [contract, incident, checklist, item]) {
      for (const f of objectDef.fields.filter((x) => x.formula))
        expect([f.name, check(f.formula!, f.type, objectDef)]).toEqual([f.name, 'ok']);
      for (const r of objectDef.validationRules)
        expect([r.fullName, check(r.errorConditionFormula, 'boolean', objectDef)]).toEqual([r.fullName, 'ok']);
    }
  });

  it('rejects unknown fields, relationships, functions and type errors', () => {
    expect(check('Nope__c > 0')).toBe('reference: Field Nope__c does not exist. Check spelling.');
    expect(check("ISPICKVAL(Handover_Checklist__r.Nope__c, 'x')")).toBe(
      'reference: Field Handover_Checklist__r.Nope__c does not exist. Check spelling.'
    );
    expect(check('Missing__r.Name = "x"')).toMatch(/^reference:/);
    expect(check('VLOOKUP(1, 2, 3)')).toBe('function: Unknown function VLOOKUP. Check spelling.');
    expect(check('IF(TRUE)')).toMatch(/^function: Incorrect number of parameters for function 'IF\(\)'/);
    expect(check('Status__c = "Active"')).toMatch(/^type: Picklist fields are only supported.*not in =\(\)\.$/);
    expect(check("ISPICKVAL(Budget_Days__c, 'x')")).toMatch(
      /^type: Incorrect parameter type for function 'ISPICKVAL\(\)'/
    );
    expect(check('End_Date__c + "x" > 1')).toMatch(/^type:/);
    expect(check('Budget_Days__c * 2', 'date')).toBe(
      'type: Formula result is data type (Number), incompatible with expected data type (Date).'
    );
    expect(check('IF(Budget_Days__c > 0, "a", 1)', 'string')).toMatch(
      /^type: Incorrect parameter type for function 'IF\(\)'/
    );
    // The unreached branch is type-checked too.
    expect(check('IF(FALSE, AND(1, TRUE), TRUE)')).toMatch(/^type: Incorrect parameter type for function 'AND\(\)'/);
    expect(check('1 +')).toBe('syntax: Syntax error.');
    // Unbalanced parentheses named as Salesforce names them; those inside text literals do not count.
    expect(check("NOT(ISBLANK(Name) && Name <> ')'")).toBe("syntax: Syntax error. Missing ')'");
    expect(check('(Budget_Days__c > 1))')).toBe("syntax: Syntax error. Extra ')'");
    expect(check("Name = '(' && (Budget_Days__c > 1")).toBe("syntax: Syntax error. Missing ')'");
    // formulon would read '- 1' as a number without a value.
    expect(check('Budget_Days__c > - 1')).toMatch(/^syntax: Syntax error. Write a negative number/);
    expect(check('Budget_Days__c > -1')).toBe('ok');
  });

  it('detects formula cycles', () => {
    const loop = {
      ...contract,
      fields: [
        ...contract.fields,
        { ...contract.fields[0], name: 'A__c', type: 'double' as const, formula: 'B__c + 1' },
        { ...contract.fields[0], name: 'B__c', type: 'double' as const, formula: 'A__c + 1' }
      ]
    };
    expect(check('A__c > 0', 'boolean', loop)).toMatch(/^reference: Circular formula reference/);
  });

  it('lists the references of a formula', () => {
    const rule = contract.validationRules.find((r) => r.fullName === 'Activation_Requires_Signed_Off_Handover')!;
    expect(formulaReferences(rule.errorConditionFormula)).toEqual([
      'Status__c',
      'Handover_Checklist__c',
      'Handover_Checklist__r.Phase__c'
    ]);
  });
});
