// Budget burn, monthly spend and out-of-coverage effort of contracts, and readiness of a handover checklist.
import { describe, expect, it } from '@jest/globals';
import {
  budgetBurn,
  checklistInFocus,
  effortLogFields,
  effortOutOfCoverage,
  handoverReadiness,
  monthlySpend,
  reservationUpdates,
  type Amendment,
  type ChecklistItem,
  type Contract,
  type EffortEntry
} from '#engine';

const yearly: Contract = {
  id: 'a01A',
  status: 'Active',
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  budgetDays: 100
};

function efforts(...days: number[]): EffortEntry[] {
  return days.map((amount) => ({ workDate: '2026-01-05', days: amount, kind: 'Corrective' }));
}

describe('budgetBurn', () => {
  it('sums billable effort by kind and forecasts exhaustion from the burn rate since the start', () => {
    const entries: EffortEntry[] = [
      { workDate: '2026-01-05', days: 10, kind: 'Corrective' },
      { workDate: '2026-01-12', days: 5.5, kind: 'Evolutive', billable: true },
      { workDate: '2026-01-15', days: 4.5, kind: 'Corrective' },
      // Not billable: worked, but not on the budget (nor in the Consumed_Effort_Days__c roll-up).
      { workDate: '2026-01-16', days: 3, kind: 'Preventive', billable: false }
    ];
    // 20 days consumed in the 20 days from 1 to 20 January: 1 a day, 80 left -> 80 days after 20 January = 10 April.
    // The term ends on 31 December: 265 days after 10 April without budget. 80 days over the 346 days from 20
    // January to 31 December inclusive is 7.04 days a month (x 30.4375).
    expect(budgetBurn({ contract: yearly, entries, today: '2026-01-20' })).toEqual({
      consumedDays: 20,
      nonBillableDays: 3,
      budgetDays: 100,
      initialBudgetDays: 100,
      remainingDays: 80,
      percentConsumed: 20,
      byKind: { Corrective: 14.5, Evolutive: 5.5, Adaptive: 0, Preventive: 0 },
      burnRatePerDay: 1,
      monthlyBurnDays: 30.44,
      forecastExhaustionDate: '2026-04-10',
      contractEndDate: '2026-12-31',
      exhaustsBeforeEnd: true,
      shortfallDays: 265,
      sustainableMonthlyBurnDays: 7.04,
      alert: null,
      shortfall: true,
      monthlyFee: null,
      amendmentsApplied: 0
    });
  });

  it('alerts at the threshold (default 80 %) and when exhausted', () => {
    // 85 days in 20 days: 4.25 a day; 15 left = 3.5 days -> runs out on the 4th day, 24 January.
    const near = budgetBurn({ contract: yearly, entries: efforts(85), today: '2026-01-20' });
    expect(near).toMatchObject({ percentConsumed: 85, alert: 'threshold', forecastExhaustionDate: '2026-01-24' });
    expect(budgetBurn({ contract: yearly, entries: efforts(60, 40), today: '2026-01-20' })).toMatchObject({
      alert: 'exhausted',
      forecastExhaustionDate: '2026-01-20',
      remainingDays: 0,
      sustainableMonthlyBurnDays: 0
    });
    expect(budgetBurn({ contract: yearly, entries: efforts(120), today: '2026-01-20' })).toMatchObject({
      alert: 'exhausted',
      remainingDays: -20,
      percentConsumed: 120
    });
    expect(
      budgetBurn({ contract: { ...yearly, alertThresholdPercent: 50 }, entries: efforts(60), today: '2026-01-20' })
        .alert
    ).toBe('threshold');
    expect(budgetBurn({ contract: yearly, entries: efforts(79.99), today: '2026-01-20' }).alert).toBeNull();
  });

  it('forecasts past the contract end when the burn is slow: no shortfall', () => {
    // 20 in 20 days against 1,000: 980 days after 20 January 2026 = 26 September 2028 (2028 is a leap year).
    const slow = budgetBurn({ contract: { ...yearly, budgetDays: 1000 }, entries: efforts(20), today: '2026-01-20' });
    expect(slow).toMatchObject({
      forecastExhaustionDate: '2028-09-26',
      exhaustsBeforeEnd: false,
      shortfallDays: 0,
      shortfall: false
    });
  });

  it('compares the forecast with the end of the term in force of a tacitly renewed contract', () => {
    // Breton-like: a yearly term renewed tacitly; on 15 September 2026 the term in force runs to 31 August 2027.
    const breton: Contract = {
      id: 'a01B',
      status: 'Active',
      startDate: '2025-09-01',
      endDate: '2026-08-31',
      tacitRenewal: true,
      budgetDays: 60
    };
    // 40 days in the 380 days from 1 September 2025 to 15 September 2026: 20 left at 40/380 a day = 190 days
    // -> 24 March 2027, 160 days before 31 August 2027.
    const burn = budgetBurn({
      contract: breton,
      entries: [{ workDate: '2026-03-01', days: 40, kind: 'Corrective' }],
      today: '2026-09-15'
    });
    expect(burn).toMatchObject({
      contractEndDate: '2027-08-31',
      forecastExhaustionDate: '2027-03-24',
      shortfallDays: 160,
      shortfall: true
    });
  });

  it('uses the effective budget: amendments effective by today, in order', () => {
    const amendments: Amendment[] = [
      { id: 'm2', contractId: 'a01A', effectiveDate: '2026-03-01', budgetDaysChange: -10 },
      { id: 'm1', contractId: 'a01A', effectiveDate: '2026-02-01', budgetDaysChange: 20, newMonthlyFee: 9000 },
      // Another contract's amendment is ignored.
      { id: 'x1', contractId: 'a01Z', effectiveDate: '2026-01-01', budgetDaysChange: 500 }
    ];
    const on = (today: string) => budgetBurn({ contract: yearly, amendments, entries: efforts(55), today });
    expect(on('2026-01-31')).toMatchObject({ budgetDays: 100, percentConsumed: 55, amendmentsApplied: 0 });
    expect(on('2026-02-01')).toMatchObject({ budgetDays: 120, monthlyFee: 9000, amendmentsApplied: 1 });
    expect(on('2026-03-01')).toMatchObject({ budgetDays: 110, percentConsumed: 50, amendmentsApplied: 2 });
    expect(() =>
      budgetBurn({
        contract: yearly,
        amendments: [{ contractId: 'a01A', effectiveDate: '2026-01-02', budgetDaysChange: -101 }],
        entries: [],
        today: '2026-02-01'
      })
    ).toThrow(/take its budget below 0/);
  });

  it('gives a Time and Materials contract no budget cap', () => {
    const regie: Contract = { ...yearly, type: 'Time and Materials', budgetDays: 10, dailyRate: 700 };
    expect(budgetBurn({ contract: regie, entries: efforts(30), today: '2026-01-20' })).toMatchObject({
      consumedDays: 30,
      budgetDays: null,
      remainingDays: null,
      percentConsumed: 0,
      forecastExhaustionDate: null,
      alert: null,
      shortfall: false
    });
  });

  it('has no forecast before the start, without consumption or without budget', () => {
    expect(
      budgetBurn({ contract: yearly, entries: efforts(5), today: '2025-12-15' }).forecastExhaustionDate
    ).toBeNull();
    expect(budgetBurn({ contract: yearly, entries: [], today: '2026-03-01' })).toMatchObject({
      consumedDays: 0,
      forecastExhaustionDate: null,
      alert: null
    });
    expect(
      budgetBurn({ contract: { ...yearly, budgetDays: null }, entries: efforts(5), today: '2026-03-01' })
    ).toMatchObject({
      percentConsumed: 0,
      remainingDays: null,
      forecastExhaustionDate: null,
      sustainableMonthlyBurnDays: null,
      alert: null
    });
  });

  it('adds up without floating-point noise, as the roll-up does', () => {
    expect(budgetBurn({ contract: yearly, entries: efforts(0.1, 0.2), today: '2026-01-20' }).consumedDays).toBe(0.3);
  });

  it('reads the Consumed_Effort_Days__c roll-up when no entries are given, with the same figures', () => {
    const entries: EffortEntry[] = [
      { workDate: '2026-01-05', days: 10, kind: 'Corrective' },
      { workDate: '2026-01-12', days: 5.5, kind: 'Evolutive' },
      { workDate: '2026-01-16', days: 3, kind: 'Preventive', billable: false }
    ];
    const amendments: Amendment[] = [
      { id: 'm1', contractId: 'a01A', effectiveDate: '2026-01-10', budgetDaysChange: 20 }
    ];
    const fromEntries = budgetBurn({ contract: yearly, amendments, entries, today: '2026-01-20' });
    // The roll-up adds the billable entries only: 15.5.
    const fromRollUp = budgetBurn({ contract: { ...yearly, consumedDays: 15.5 }, amendments, today: '2026-01-20' });
    expect(fromRollUp).toEqual({ ...fromEntries, byKind: null, nonBillableDays: null });
    expect(fromRollUp).toMatchObject({ consumedDays: 15.5, budgetDays: 120, remainingDays: 104.5 });
    // A contract without effort yet: the roll-up reads 0 (or is blank on a record read before it was computed).
    expect(budgetBurn({ contract: yearly, today: '2026-01-20' })).toMatchObject({
      consumedDays: 0,
      forecastExhaustionDate: null,
      alert: null
    });
    expect(() => budgetBurn({ contract: { ...yearly, consumedDays: -1 }, today: '2026-01-20' })).toThrow(
      /budgetBurn: contract.consumedDays/
    );
  });
});

describe('monthlySpend', () => {
  const regie: Contract = {
    id: 'a01T',
    status: 'Active',
    type: 'Time and Materials',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    dailyRate: 650,
    monthlySpendAlert: 6000
  };
  const entries: EffortEntry[] = [
    { workDate: '2026-03-31', days: 4, kind: 'Corrective' },
    { workDate: '2026-04-01', days: 5, kind: 'Corrective' },
    { workDate: '2026-04-20', days: 4.5, kind: 'Evolutive' },
    { workDate: '2026-04-21', days: 2, kind: 'Evolutive', billable: false },
    { workDate: '2026-05-02', days: 1.5, kind: 'Corrective' },
    // Before the six months shown: in the total only.
    { workDate: '2025-10-15', days: 1, kind: 'Corrective' }
  ];

  it('sums billable days and cost per month over the last months, and flags the months over the alert', () => {
    // April: 5 + 4.5 = 9.5 billable days x 650 = 6,175 >= 6,000. May: 1.5 x 650 = 975.
    expect(monthlySpend({ contract: regie, entries, today: '2026-05-10', months: 3 })).toEqual({
      months: [
        { month: '2026-03', days: 4, amount: 2600, overAlert: false },
        { month: '2026-04', days: 9.5, amount: 6175, overAlert: true },
        { month: '2026-05', days: 1.5, amount: 975, overAlert: false }
      ],
      dailyRate: 650,
      alertAmount: 6000,
      alertMonth: '2026-04',
      totalDays: 16,
      totalAmount: 10400
    });
  });

  it('keeps the alert for this month and the month before only', () => {
    expect(monthlySpend({ contract: regie, entries, today: '2026-06-01' }).alertMonth).toBeNull();
    expect(monthlySpend({ contract: regie, entries, today: '2026-06-01' }).months).toHaveLength(6);
    expect(monthlySpend({ contract: { ...regie, dailyRate: null }, entries, today: '2026-05-10' })).toMatchObject({
      alertMonth: null,
      totalAmount: null
    });
  });
});

describe('effortOutOfCoverage', () => {
  // The warranty ended on 31 March; the integrator's extension expired with it; the new TMA starts on 1 May.
  const extension: Contract = {
    id: 'a01X',
    status: 'Expired',
    type: 'Project Extension',
    startDate: '2025-10-01',
    endDate: '2026-03-31',
    dailyRate: 650
  };
  const tma: Contract = {
    id: 'a01N',
    status: 'Signed',
    startDate: '2026-05-01',
    endDate: '2027-04-30',
    dailyRate: 720
  };
  const entries: EffortEntry[] = [
    { id: 'e1', contractId: 'a01X', workDate: '2026-03-31', days: 2 },
    { id: 'e2', contractId: 'a01X', workDate: '2026-04-01', days: 1 },
    { id: 'e3', contractId: 'a01X', workDate: '2026-04-15', days: 0.5 },
    { id: 'e4', contractId: 'a01X', workDate: '2026-04-16', days: 1, billable: false },
    { id: 'e5', contractId: 'a01N', workDate: '2026-05-01', days: 3 }
  ];

  it('counts the effort of the gap days and prices it at the last daily rate', () => {
    // April is the gap: 1 + 0.5 billable (1.5 days x 650 = 975) and 1 day not billed.
    const result = effortOutOfCoverage({ contracts: [extension, tma], entries });
    expect(result).toMatchObject({ days: 2.5, billableDays: 1.5, amount: 975, unpricedDays: 0 });
    expect(result.entries.map((item) => item.entry.id)).toEqual(['e2', 'e3', 'e4']);
  });

  it('prices with the latest rate of a contract started by the day of the work, else any rate', () => {
    const draftOnly: Contract = { ...tma, status: 'Draft', dailyRate: 800 };
    expect(
      effortOutOfCoverage({ contracts: [draftOnly], entries: [{ workDate: '2026-04-01', days: 2 }] })
    ).toMatchObject({ days: 2, amount: 1600 });
    expect(
      effortOutOfCoverage({ contracts: [{ ...tma, dailyRate: null }], entries: [{ workDate: '2026-04-01', days: 2 }] })
    ).toMatchObject({ days: 2, amount: 0, unpricedDays: 2 });
    expect(effortOutOfCoverage({ contracts: [], entries: [] })).toMatchObject({ days: 0, entries: [] });
  });
});

describe('effortLogFields', () => {
  const incident = { id: 'i1', accountId: '001A', contractId: 'a01N', category: 'Adaptive', effortDays: 1.25 };
  const expired: Contract = { id: 'a01X', status: 'Expired', startDate: '2025-10-01', endDate: '2026-03-31' };
  const tma: Contract = { id: 'a01N', status: 'Signed', startDate: '2026-05-01', endDate: '2027-04-30' };
  const draft: Contract = { id: 'a01D', status: 'Draft', startDate: '2026-04-15', endDate: '2027-04-14' };

  it("logs under the incident's contract and adds the days to the incident's effort", () => {
    expect(effortLogFields({ incident, contracts: [expired, tma], workDate: '2026-05-04', days: 0.75 })).toEqual({
      contractId: 'a01N',
      entry: {
        Contract__c: 'a01N',
        Account__c: '001A',
        Incident__c: 'i1',
        Work_Date__c: '2026-05-04',
        Days__c: 0.75,
        Kind__c: 'Adaptive',
        Billable__c: true,
        Description__c: null
      },
      incident: { Id: 'i1', Effort_Days__c: 2 }
    });
  });

  it('logs work out of coverage under the last signed contract started by the day, never a Draft', () => {
    const outside = { ...incident, contractId: null };
    const on = (workDate: string) =>
      effortLogFields({ incident: outside, contracts: [draft, expired, tma], workDate, days: 1, billable: false });
    expect(on('2026-04-20')).toMatchObject({ contractId: 'a01X', entry: { Billable__c: false } });
    // Before any contract started: the latest-starting signed one.
    expect(on('2025-06-01').contractId).toBe('a01N');
    expect(() => effortLogFields({ incident: outside, contracts: [draft], workDate: '2026-04-20', days: 1 })).toThrow(
      /no signed contract/
    );
    expect(() => on('2026-02-30')).toThrow(/workDate/);
    expect(() => effortLogFields({ incident, contracts: [tma], workDate: '2026-05-04', days: 0 })).toThrow(
      /more than 0/
    );
    expect(() =>
      effortLogFields({ incident, contracts: [tma], workDate: '2026-05-04', days: 1, kind: 'Perfective' })
    ).toThrow(/kind/);
  });
});

describe('handoverReadiness', () => {
  const items: ChecklistItem[] = [
    { id: 'i1', name: 'Runbook', category: 'Runbooks & Monitoring', mandatory: true, done: true },
    {
      id: 'i2',
      name: 'Access to production',
      category: 'Access & Accounts',
      mandatory: true,
      done: false,
      sortOrder: 20
    },
    { id: 'i3', name: 'Architecture document', category: 'Documentation', mandatory: false, done: false },
    { id: 'i4', name: 'Known defects list', category: 'Known Defects', mandatory: true, done: false, sortOrder: 10 },
    { id: 'i5', name: 'Knowledge-transfer sessions', category: 'Knowledge Transfer', mandatory: false, done: true }
  ];
  const checklist = { id: 'a03A', phase: 'Shadowing' };

  it('counts done items, open mandatory items, and blocks the sign-off while one is open', () => {
    const readiness = handoverReadiness({ checklist, items });
    expect(readiness).toEqual({
      percent: 40,
      total: 5,
      done: 2,
      mandatoryOpen: 2,
      canSignOff: false,
      blockingItems: [items[3], items[1]],
      byCategory: {
        'Runbooks & Monitoring': { total: 1, done: 1 },
        'Access & Accounts': { total: 1, done: 0 },
        Documentation: { total: 1, done: 0 },
        'Known Defects': { total: 1, done: 0 },
        'Knowledge Transfer': { total: 1, done: 1 }
      },
      reservations: [],
      unreservedMandatoryOpen: 2
    });
  });

  it('allows the sign-off once every mandatory item is done, optional ones open or not', () => {
    const mandatoryDone = items.map((item) => (item.mandatory ? { ...item, done: true } : item));
    expect(handoverReadiness({ checklist, items: mandatoryDone })).toMatchObject({
      percent: 80,
      mandatoryOpen: 0,
      canSignOff: true,
      blockingItems: []
    });
  });

  it('keeps the reservations open until done, and turns the open mandatory items into reservations', () => {
    const reserved = items.map((item) =>
      item.id === 'i2' ? { ...item, reservation: true, dueDate: '2026-05-01' } : item
    );
    expect(handoverReadiness({ checklist, items: reserved })).toMatchObject({
      mandatoryOpen: 2,
      unreservedMandatoryOpen: 1,
      reservations: [reserved[1]]
    });
    // i4 gets the owner and due date given; i2 keeps its own due date.
    expect(
      reservationUpdates({
        items: [...reserved, { ...items[0], id: 'i6', done: false, ownerId: '005B' }],
        ownerId: '005A',
        dueDate: '2026-06-30'
      })
    ).toEqual([
      { Id: 'i4', Reservation__c: true, Item_Owner__c: '005A', Due_Date__c: '2026-06-30' },
      { Id: 'i2', Reservation__c: true, Item_Owner__c: '005A', Due_Date__c: '2026-05-01' },
      { Id: 'i6', Reservation__c: true, Item_Owner__c: '005B', Due_Date__c: '2026-06-30' }
    ]);
    expect(() => reservationUpdates({ items, ownerId: '', dueDate: '2026-06-30' })).toThrow(/ownerId/);
  });

  it('reads 0 % for a checklist without items, like the Readiness_Percent__c formula', () => {
    expect(handoverReadiness({ checklist, items: [] })).toMatchObject({ percent: 0, total: 0, canSignOff: true });
  });
});

describe('checklistInFocus', () => {
  const open = (id: string, warrantyEndDate: string | null, phase = 'Preparation') => ({ id, phase, warrantyEndDate });

  it('focuses the next handover to sign off: earliest warranty end, one without warranty end after', () => {
    const checklists = [
      open('late', '2026-12-31'),
      open('signed', '2026-01-31', 'Signed Off'),
      open('undated', null),
      open('next', '2026-06-30', 'Warranty')
    ];
    expect(checklistInFocus(checklists)?.id).toBe('next');
    expect(checklistInFocus([open('undated', null), open('dated', '2027-01-01')])?.id).toBe('dated');
  });

  it('counts a sign-off with reservations as signed off', () => {
    expect(
      checklistInFocus([open('reserved', '2026-01-31', 'Signed Off with Reservations'), open('open', '2026-09-30')])?.id
    ).toBe('open');
  });

  it('focuses the latest warranty end once every handover is signed off, and nothing without checklists', () => {
    const signed = [
      open('first', '2025-06-30', 'Signed Off'),
      open('last', '2026-03-31', 'Signed Off with Reservations'),
      open('middle', '2025-12-31', 'Signed Off')
    ];
    expect(checklistInFocus(signed)?.id).toBe('last');
    expect(checklistInFocus([...signed, open('undated', null, 'Signed Off')])?.id).toBe('undated');
    expect(checklistInFocus([])).toBeNull();
    expect(() => checklistInFocus([null as never])).toThrow(/checklistInFocus: checklists\[0\]/);
  });
});
