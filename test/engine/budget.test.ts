// Budget burn of a contract and readiness of a handover checklist.
import { describe, expect, it } from '@jest/globals';
import { budgetBurn, handoverReadiness, type ChecklistItem, type Contract, type Incident } from '#engine';

const yearly: Contract = {
  id: 'a01A',
  status: 'Active',
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  budgetDays: 100
};

function efforts(...days: number[]): Incident[] {
  return days.map((effortDays) => ({ effortDays, category: 'Corrective' }));
}

describe('budgetBurn', () => {
  it('sums effort by category and forecasts exhaustion from the burn rate since the start', () => {
    const incidents: Incident[] = [
      { effortDays: 10, category: 'Corrective' },
      { effortDays: 5.5, category: 'Evolutive' },
      { effortDays: 4.5, category: 'Corrective', status: 'Cancelled' }
    ];
    // 20 days consumed in the 20 days from 1 to 20 January: 1 a day, 80 left -> 80 days after 20 January = 10 April.
    expect(budgetBurn({ contract: yearly, incidents, today: '2026-01-20' })).toEqual({
      consumedDays: 20,
      budgetDays: 100,
      remainingDays: 80,
      percentConsumed: 20,
      byCategory: { Corrective: 14.5, Evolutive: 5.5, Adaptive: 0, Preventive: 0 },
      burnRatePerDay: 1,
      forecastExhaustionDate: '2026-04-10',
      exhaustsBeforeEnd: true,
      alert: null,
      fields: { Consumed_Days__c: 20 }
    });
  });

  it('alerts at the threshold (default 80 %) and when exhausted', () => {
    // 85 days in 20 days: 4.25 a day; 15 left = 3.5 days -> runs out on the 4th day, 24 January.
    const near = budgetBurn({ contract: yearly, incidents: efforts(85), today: '2026-01-20' });
    expect(near).toMatchObject({ percentConsumed: 85, alert: 'threshold', forecastExhaustionDate: '2026-01-24' });
    expect(budgetBurn({ contract: yearly, incidents: efforts(60, 40), today: '2026-01-20' })).toMatchObject({
      alert: 'exhausted',
      forecastExhaustionDate: '2026-01-20',
      remainingDays: 0
    });
    expect(budgetBurn({ contract: yearly, incidents: efforts(120), today: '2026-01-20' })).toMatchObject({
      alert: 'exhausted',
      remainingDays: -20,
      percentConsumed: 120
    });
    expect(
      budgetBurn({ contract: { ...yearly, alertThresholdPercent: 50 }, incidents: efforts(60), today: '2026-01-20' })
        .alert
    ).toBe('threshold');
    expect(budgetBurn({ contract: yearly, incidents: efforts(79.99), today: '2026-01-20' }).alert).toBeNull();
  });

  it('forecasts past the contract end when the burn is slow', () => {
    // 20 in 20 days against 1,000: 980 days after 20 January 2026 = 26 September 2028 (2028 is a leap year).
    const slow = budgetBurn({ contract: { ...yearly, budgetDays: 1000 }, incidents: efforts(20), today: '2026-01-20' });
    expect(slow).toMatchObject({ forecastExhaustionDate: '2028-09-26', exhaustsBeforeEnd: false });
  });

  it('has no forecast before the start, without consumption or without budget', () => {
    expect(
      budgetBurn({ contract: yearly, incidents: efforts(5), today: '2025-12-15' }).forecastExhaustionDate
    ).toBeNull();
    expect(budgetBurn({ contract: yearly, incidents: [], today: '2026-03-01' })).toMatchObject({
      consumedDays: 0,
      forecastExhaustionDate: null,
      alert: null
    });
    expect(
      budgetBurn({ contract: { ...yearly, budgetDays: null }, incidents: efforts(5), today: '2026-03-01' })
    ).toMatchObject({
      percentConsumed: 0,
      remainingDays: null,
      forecastExhaustionDate: null,
      alert: null
    });
  });

  it('stamps Consumed_Days__c without floating-point noise', () => {
    expect(budgetBurn({ contract: yearly, incidents: efforts(0.1, 0.2), today: '2026-01-20' }).fields).toEqual({
      Consumed_Days__c: 0.3
    });
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
      }
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

  it('reads 0 % for a checklist without items, like the Readiness_Percent__c formula', () => {
    expect(handoverReadiness({ checklist, items: [] })).toMatchObject({ percent: 0, total: 0, canSignOff: true });
  });
});
