// Proves the engine compiles and runs through the LWC compiler, as components import it ('c/maintenanceEngine').
// The rules themselves are tested under test/engine.
import { priorityFor, addBusinessMinutes, computeSlaTargets } from 'c/maintenanceEngine';

describe('c/maintenanceEngine', () => {
  it('loads under the LWC compiler and computes a due time across the Paris spring-forward weekend', () => {
    const calendar = {
      timeZone: 'Europe/Paris',
      weeklyHours: { mon: [['09:00', '18:00']], fri: [['09:00', '18:00']] }
    };
    // Friday 27 March 2026 17:00 CET + 2 business hours = Monday 30 March 10:00 CEST = 08:00 UTC.
    expect(addBusinessMinutes(new Date('2026-03-27T16:00:00Z'), 120, calendar).toISOString()).toBe(
      '2026-03-30T08:00:00.000Z'
    );
    const contract = {
      status: 'Active',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      sla: { P1: { responseMinutes: 15, resolutionMinutes: 240, alwaysOn: true } }
    };
    const due = computeSlaTargets({
      priority: priorityFor('High', 'High'),
      reportedAt: new Date('2026-03-28T22:00:00Z'),
      contract,
      calendar
    });
    expect(due.resolutionDue.toISOString()).toBe('2026-03-29T02:00:00.000Z');
  });
});
