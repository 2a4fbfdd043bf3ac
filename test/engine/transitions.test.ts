// Incident workflow: the fields each action writes. Standard terms on Mon-Fri 09:00-18:00 Paris (CET = UTC+1 in
// early March 2026). The running example: P3 reported Thu 5 Mar 10:00 CET; without pause its resolution is due
// Thu 480 + Fri 540 + Mon 420 -> Mon 9 Mar 16:00 CET (15:00Z).
import { describe, expect, it } from '@jest/globals';
import { allowedActions, incidentTransition, type Contract, type Incident } from '#engine';
import { PARIS, at, standardContract } from './fixtures.js';

const active = standardContract({ id: 'a01A', startDate: '2026-01-01', endDate: '2026-12-31' });
const draft: Contract = {
  ...standardContract({ id: 'a01D', startDate: '2026-01-01', endDate: '2027-12-31' }),
  status: 'Draft'
};

const running: Incident = {
  id: 'a02X',
  priority: 'P3',
  impact: 'Medium',
  urgency: 'Medium',
  status: 'In Progress',
  reportedAt: at('2026-03-05T09:00:00Z'),
  respondedAt: at('2026-03-05T09:20:00Z'),
  responseDue: at('2026-03-05T10:00:00Z'),
  resolutionDue: at('2026-03-09T15:00:00Z'),
  originalResolutionDue: at('2026-03-09T15:00:00Z'),
  pausedMinutes: 0,
  pausedSince: null
};

function transition(
  incident: Incident,
  action: Parameters<typeof incidentTransition>[0]['action'],
  nowIso: string,
  extra = {}
) {
  return incidentTransition({ incident, action, now: at(nowIso), contract: active, calendar: PARIS, ...extra });
}

describe('incidentTransition: create', () => {
  it('picks the covering contract, the priority from the matrix and stamps the due times', () => {
    // Sat 7 Mar 14:00 CET, High x Medium = P2: due Mon 9 Mar 09:30 CET and 17:00 CET.
    const fields = incidentTransition({
      incident: { impact: 'High', urgency: 'Medium', reportedAt: at('2026-03-07T13:00:00Z') },
      action: 'create',
      now: at('2026-03-07T13:05:00Z'),
      contracts: [draft, active],
      calendar: PARIS
    });
    expect(fields).toEqual({
      Status__c: 'New',
      Priority__c: 'P2',
      Priority_Overridden__c: false,
      Reported_At__c: '2026-03-07T13:00:00.000Z',
      Contract__c: 'a01A',
      Out_Of_Coverage__c: false,
      Paused_Minutes__c: 0,
      Paused_Since__c: null,
      Response_Due__c: '2026-03-09T08:30:00.000Z',
      Resolution_Due__c: '2026-03-09T16:00:00.000Z',
      Original_Resolution_Due__c: '2026-03-09T16:00:00.000Z'
    });
  });

  it('flags an incident no Active contract covers, without due times (a Draft contract never covers)', () => {
    const fields = incidentTransition({
      incident: { impact: 'Low', urgency: 'Low', reportedAt: at('2026-03-07T13:00:00Z') },
      action: 'create',
      now: at('2026-03-07T13:05:00Z'),
      contracts: [draft],
      calendar: PARIS
    });
    expect(fields).toMatchObject({
      Priority__c: 'P4',
      Contract__c: null,
      Out_Of_Coverage__c: true,
      Response_Due__c: null,
      Resolution_Due__c: null,
      Original_Resolution_Due__c: null
    });
  });

  it('judges coverage on the local day: 31 Dec 23:30 UTC is already 1 January in Paris', () => {
    const fields = incidentTransition({
      incident: { impact: 'Medium', urgency: 'Medium', reportedAt: at('2026-12-31T23:30:00Z') },
      action: 'create',
      now: at('2026-12-31T23:31:00Z'),
      contracts: [active],
      calendar: PARIS
    });
    expect(fields).toMatchObject({ Contract__c: null, Out_Of_Coverage__c: true });
  });

  it('reads the reported day in the zone of each contract calendar when given calendars', () => {
    // 31 Dec 23:30 UTC: still 2026 for a contract without calendar (UTC), already 2027 for one on Paris hours.
    const create = (candidate: Contract) =>
      incidentTransition({
        incident: { impact: 'Medium', urgency: 'Medium', reportedAt: at('2026-12-31T23:30:00Z') },
        action: 'create',
        now: at('2026-12-31T23:31:00Z'),
        contracts: [candidate],
        calendars: { Paris_Business_Hours: PARIS }
      });
    expect(create(active)).toMatchObject({ Contract__c: 'a01A', Out_Of_Coverage__c: false });
    expect(create({ ...active, calendarName: 'Paris_Business_Hours' })).toMatchObject({
      Contract__c: null,
      Out_Of_Coverage__c: true
    });
  });

  it('keeps a priority set by hand, runs P1 on 24x7, and reports now when no report time is given', () => {
    const fields = incidentTransition({
      incident: { priority: 'P1', priorityOverridden: true, impact: 'Low', urgency: 'Low' },
      action: 'create',
      now: at('2026-03-07T13:00:00Z'),
      contract: active,
      calendars: { Paris_Business_Hours: PARIS },
      calendar: null
    });
    expect(fields).toMatchObject({
      Priority__c: 'P1',
      Priority_Overridden__c: true,
      Reported_At__c: '2026-03-07T13:00:00.000Z',
      Response_Due__c: '2026-03-07T13:15:00.000Z',
      Resolution_Due__c: '2026-03-07T17:00:00.000Z'
    });
  });

  it('resolves the calendar from the contract through calendars', () => {
    const named = { ...active, calendarName: 'Paris_Business_Hours' };
    const fields = incidentTransition({
      incident: { impact: 'Medium', urgency: 'Medium', reportedAt: at('2026-03-05T09:00:00Z') },
      action: 'create',
      now: at('2026-03-05T09:00:00Z'),
      contracts: [named],
      calendars: { Paris_Business_Hours: PARIS }
    });
    expect(fields.Resolution_Due__c).toBe('2026-03-09T15:00:00.000Z');
  });
});

describe('incidentTransition: workflow', () => {
  it('acknowledges a new incident once', () => {
    const fresh: Incident = { ...running, status: 'New', respondedAt: null };
    expect(transition(fresh, 'acknowledge', '2026-03-05T09:20:00Z')).toEqual({
      Status__c: 'Acknowledged',
      Responded_At__c: '2026-03-05T09:20:00.000Z'
    });
    expect(() => transition({ ...fresh, status: 'Acknowledged' }, 'acknowledge', '2026-03-05T09:30:00Z')).toThrow(
      /cannot 'acknowledge' an incident in status 'Acknowledged' \(allowed from: New\)/
    );
  });

  it('starts work, stamping the response only when there was none', () => {
    expect(transition({ ...running, status: 'New', respondedAt: null }, 'start', '2026-03-05T09:40:00Z')).toEqual({
      Status__c: 'In Progress',
      Responded_At__c: '2026-03-05T09:40:00.000Z'
    });
    expect(transition({ ...running, status: 'Acknowledged' }, 'start', '2026-03-05T09:40:00Z')).toEqual({
      Status__c: 'In Progress'
    });
  });

  it('pauses only after a response', () => {
    expect(
      transition(running, 'wait', '2026-03-06T16:00:00Z', { pauseReason: 'Waiting for customer information' })
    ).toEqual({
      Status__c: 'Waiting on Customer',
      Paused_Since__c: '2026-03-06T16:00:00.000Z',
      Pause_Reason__c: 'Waiting for customer information'
    });
    expect(() => transition({ ...running, status: 'New' }, 'wait', '2026-03-06T16:00:00Z')).toThrow(
      /cannot 'wait' an incident in status 'New'/
    );
  });

  it('resumes: folds the pause into Paused_Minutes__c and pushes the resolution due', () => {
    // Paused Fri 17:00 CET -> Mon 11:00 CET: 60 + 120 = 180 minutes; due 1,620 -> Tue 10 Mar 10:00 CET.
    const waiting: Incident = { ...running, status: 'Waiting on Customer', pausedSince: at('2026-03-06T16:00:00Z') };
    expect(transition(waiting, 'resume', '2026-03-09T10:00:00Z')).toEqual({
      Status__c: 'In Progress',
      Paused_Minutes__c: 180,
      Paused_Since__c: null,
      Pause_Reason__c: null,
      Resolution_Due__c: '2026-03-10T09:00:00.000Z'
    });
    // With 60 minutes already paused: 240 in all, due 1,680 -> Tue 11:00 CET.
    expect(transition({ ...waiting, pausedMinutes: 60 }, 'resume', '2026-03-09T10:00:00Z')).toMatchObject({
      Paused_Minutes__c: 240,
      Resolution_Due__c: '2026-03-10T10:00:00.000Z'
    });
    expect(() => transition(running, 'resume', '2026-03-09T10:00:00Z')).toThrow(
      /cannot 'resume' an incident in status 'In Progress' \(allowed from: Waiting on Customer\)/
    );
  });

  it('resolves, closing an open pause first', () => {
    const waiting: Incident = { ...running, status: 'Waiting on Customer', pausedSince: at('2026-03-06T16:00:00Z') };
    expect(transition(waiting, 'resolve', '2026-03-09T10:00:00Z')).toEqual({
      Status__c: 'Resolved',
      Resolved_At__c: '2026-03-09T10:00:00.000Z',
      Paused_Minutes__c: 180,
      Paused_Since__c: null,
      Resolution_Due__c: '2026-03-10T09:00:00.000Z'
    });
    // Never acknowledged: the response clock (due Thu 11:00 CET = 10:00Z) passed unmet, so it is stamped at its due.
    expect(transition({ ...running, status: 'New', respondedAt: null }, 'resolve', '2026-03-05T11:00:00Z')).toEqual({
      Status__c: 'Resolved',
      Resolved_At__c: '2026-03-05T11:00:00.000Z',
      Responded_At__c: '2026-03-05T11:00:00.000Z',
      Response_Breached_At__c: '2026-03-05T10:00:00.000Z'
    });
    expect(() => transition({ ...running, status: 'Resolved' }, 'resolve', '2026-03-05T11:00:00Z')).toThrow(
      /'resolve'/
    );
  });

  it('closes a resolved incident only', () => {
    const resolved: Incident = { ...running, status: 'Resolved', resolvedAt: at('2026-03-06T10:00:00Z') };
    expect(transition(resolved, 'close', '2026-03-07T10:00:00Z')).toEqual({
      Status__c: 'Closed',
      Closed_At__c: '2026-03-07T10:00:00.000Z'
    });
    expect(() => transition(running, 'close', '2026-03-07T10:00:00Z')).toThrow(
      /cannot 'close'.*allowed from: Resolved/
    );
  });

  it('cancels, stamping Closed_At__c', () => {
    expect(transition(running, 'cancel', '2026-03-06T10:00:00Z')).toEqual({
      Status__c: 'Cancelled',
      Closed_At__c: '2026-03-06T10:00:00.000Z'
    });
    expect(() => transition({ ...running, status: 'Cancelled' }, 'cancel', '2026-03-06T10:00:00Z')).toThrow(/'cancel'/);
  });

  it('reprioritizes after a pause without losing the paused time, and keeps the original due', () => {
    // 300 minutes paused (Thu 14:00 CET -> Fri 10:00 CET). P2 by hand: response Thu 10:30 CET; resolution
    // 480 + 300 = 780 -> Fri 14:00 CET.
    const paused: Incident = { ...running, pausedMinutes: 300 };
    expect(transition(paused, 'reprioritize', '2026-03-06T10:00:00Z', { priority: 'P2' })).toEqual({
      Priority__c: 'P2',
      Priority_Overridden__c: true,
      Response_Due__c: '2026-03-05T09:30:00.000Z',
      Resolution_Due__c: '2026-03-06T13:00:00.000Z'
    });
    // Low x Low through the matrix = P4: response Thu 14:00 CET; resolution 4,320 + 300 = 4,620 business minutes:
    // Thu 480, Fri 540, Mon 9 .. Mon 16 (6 days) -> 4,260, Tue 17 + 360 -> 15:00 CET.
    expect(transition(paused, 'reprioritize', '2026-03-06T10:00:00Z', { impact: 'Low', urgency: 'Low' })).toEqual({
      Priority__c: 'P4',
      Priority_Overridden__c: false,
      Impact__c: 'Low',
      Urgency__c: 'Low',
      Response_Due__c: '2026-03-05T13:00:00.000Z',
      Resolution_Due__c: '2026-03-17T14:00:00.000Z'
    });
    expect(() =>
      transition({ ...running, status: 'Closed' }, 'reprioritize', '2026-03-06T10:00:00Z', { priority: 'P1' })
    ).toThrow(/cannot 'reprioritize' an incident in status 'Closed'/);
  });

  it('recomputes in any status, setting the original due only when blank', () => {
    const resolved: Incident = {
      ...running,
      status: 'Closed',
      resolvedAt: at('2026-03-06T10:00:00Z'),
      originalResolutionDue: null,
      pausedMinutes: 180
    };
    expect(transition(resolved, 'recompute', '2026-06-01T10:00:00Z')).toEqual({
      Response_Due__c: '2026-03-05T10:00:00.000Z',
      Resolution_Due__c: '2026-03-10T09:00:00.000Z',
      Original_Resolution_Due__c: '2026-03-10T09:00:00.000Z'
    });
    expect(transition(running, 'recompute', '2026-06-01T10:00:00Z', { contract: null })).toEqual({
      Response_Due__c: null,
      Resolution_Due__c: null
    });
  });

  it('counts an open pause up to now when recomputing', () => {
    const waiting: Incident = { ...running, status: 'Waiting on Customer', pausedSince: at('2026-03-06T16:00:00Z') };
    expect(transition(waiting, 'recompute', '2026-03-09T10:00:00Z').Resolution_Due__c).toBe('2026-03-10T09:00:00.000Z');
  });

  it('rejects unknown actions, a time before the report and a missing calendar', () => {
    expect(() =>
      incidentTransition({ incident: running, action: 'reopen' as never, now: at('2026-03-06T10:00:00Z') })
    ).toThrow(/action must be one of/);
    expect(() => transition(running, 'wait', '2026-03-05T08:00:00Z')).toThrow(/now is before incident.reportedAt/);
    expect(() =>
      incidentTransition({ incident: running, action: 'recompute', now: at('2026-03-06T10:00:00Z'), contract: active })
    ).toThrow(TypeError);
  });
});

describe('allowedActions', () => {
  it('lists what each status allows, in workflow order', () => {
    expect(allowedActions(null)).toEqual(['create', 'recompute']);
    expect(allowedActions('New')).toEqual(['acknowledge', 'start', 'resolve', 'cancel', 'reprioritize', 'recompute']);
    expect(allowedActions('Waiting on Customer')).toEqual(['resume', 'resolve', 'cancel', 'reprioritize', 'recompute']);
    expect(allowedActions('Resolved')).toEqual(['close', 'recompute']);
    expect(allowedActions('Closed')).toEqual(['recompute']);
    expect(() => allowedActions('Open' as never)).toThrow(RangeError);
  });
});
