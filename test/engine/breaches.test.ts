// Breach stamps, pause reasons and the refused pause (issue 16, rule 1). Standard terms on Mon-Fri 09:00-18:00 Paris
// (CET = UTC+1 in early March 2026). The running example, as in transitions.test.ts: P3 reported Thu 5 Mar 10:00 CET
// (09:00Z), responded 10:20 CET. Response due 11:00 CET (10:00Z). Resolution 1,440 business minutes: Thu 480 + Fri
// 540 + Mon 420 -> Mon 9 Mar 16:00 CET (15:00Z).
import { describe, expect, it } from '@jest/globals';
import {
  PAUSE_REASONS,
  SLA_STATES,
  breachStamps,
  incidentTransition,
  slaStatus,
  waitRefusal,
  type Incident
} from '#engine';
import { PARIS, at, standardContract } from './fixtures.js';

const active = standardContract({ id: 'a01A', startDate: '2026-01-01', endDate: '2026-12-31' });

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
const REASON = 'Waiting for customer test';

function transition(
  incident: Incident,
  action: Parameters<typeof incidentTransition>[0]['action'],
  nowIso: string,
  extra = {}
) {
  return incidentTransition({ incident, action, now: at(nowIso), contract: active, calendar: PARIS, ...extra });
}

function status(incident: Incident, nowIso: string) {
  return slaStatus({ incident, contract: active, calendar: PARIS, now: at(nowIso) });
}

describe('PAUSE_REASONS and SLA_STATES', () => {
  it('hold the picklist values and the SLA_State__c words, frozen', () => {
    expect(PAUSE_REASONS).toEqual([
      'Waiting for customer information',
      'Waiting for customer test',
      'Customer-side outage',
      'Planned change window'
    ]);
    expect(SLA_STATES).toEqual([
      'On Track',
      'Paused',
      'Response Breached',
      'Breached',
      'Breached (paused)',
      'Met',
      'Cancelled',
      'No SLA'
    ]);
    expect(Object.isFrozen(PAUSE_REASONS) && Object.isFrozen(SLA_STATES)).toBe(true);
  });
});

describe('incidentTransition: breach stamps', () => {
  it('stamps the response clock at its due when the first response comes late, and not when it is in time', () => {
    const fresh: Incident = { ...running, status: 'New', respondedAt: null };
    // Acknowledged 11:30 CET, after the 11:00 CET due.
    expect(transition(fresh, 'acknowledge', '2026-03-05T10:30:00Z')).toEqual({
      Status__c: 'Acknowledged',
      Responded_At__c: '2026-03-05T10:30:00.000Z',
      Response_Breached_At__c: '2026-03-05T10:00:00.000Z'
    });
    // Exactly at the due is in time (a breach is strictly after).
    expect(transition(fresh, 'start', '2026-03-05T10:00:00Z')).toEqual({
      Status__c: 'In Progress',
      Responded_At__c: '2026-03-05T10:00:00.000Z'
    });
  });

  it('stamps the restore clock at the first transition that sees it past, whatever the action', () => {
    // Mon 9 Mar 16:01 CET: one minute past the 16:00 CET due.
    expect(transition(running, 'recompute', '2026-03-09T15:01:00Z')).toEqual({
      Response_Due__c: '2026-03-05T10:00:00.000Z',
      Resolution_Due__c: '2026-03-09T15:00:00.000Z',
      Resolution_Breached_At__c: '2026-03-09T15:00:00.000Z'
    });
    expect(transition(running, 'recompute', '2026-03-09T15:00:00Z')).not.toHaveProperty('Resolution_Breached_At__c');
    // Resolved late on Tue 10 Mar 10:00 CET.
    expect(transition(running, 'resolve', '2026-03-10T09:00:00Z')).toEqual({
      Status__c: 'Resolved',
      Resolved_At__c: '2026-03-10T09:00:00.000Z',
      Resolution_Breached_At__c: '2026-03-09T15:00:00.000Z'
    });
    // A cancel sees the passed clock too: the stamp records when it passed; slaStatus never counts a cancelled breach.
    expect(transition(running, 'cancel', '2026-03-10T09:00:00Z')).toMatchObject({
      Resolution_Breached_At__c: '2026-03-09T15:00:00.000Z'
    });
  });

  it('never writes a stamp that is already set: a reprioritisation to a later due keeps the breach', () => {
    const breached: Incident = { ...running, resolutionBreachedAt: at('2026-03-09T15:00:00Z') };
    // Low x Low = P4 on Tue 10 Mar 10:00 CET: 4,320 minutes from Thu 10:00 CET = Thu 480 + Fri 540 + 6 days of 540
    // (Mon 9 .. Mon 16) = 4,260, + 60 -> Tue 17 Mar 10:00 CET (09:00Z): not passed, and the stamp is not touched.
    const fields = transition(breached, 'reprioritize', '2026-03-10T09:00:00Z', { impact: 'Low', urgency: 'Low' });
    expect(fields).toEqual({
      Priority__c: 'P4',
      Priority_Overridden__c: false,
      Impact__c: 'Low',
      Urgency__c: 'Low',
      Response_Due__c: '2026-03-05T13:00:00.000Z',
      Resolution_Due__c: '2026-03-17T09:00:00.000Z'
    });
    const after: Incident = { ...breached, priority: 'P4', resolutionDue: at('2026-03-17T09:00:00Z') };
    expect(status(after, '2026-03-10T09:00:00Z')).toMatchObject({
      band: 'red',
      resolutionBreached: true,
      resolutionBreachedAt: at('2026-03-09T15:00:00Z'),
      resolutionDue: at('2026-03-17T09:00:00Z'),
      state: 'Breached'
    });
    // A recompute or a resolution later writes nothing either.
    expect(transition(after, 'recompute', '2026-03-20T09:00:00Z')).not.toHaveProperty('Resolution_Breached_At__c');
  });

  it('stamps the new due when a reprioritisation makes a clock already past', () => {
    // P2 by hand on Fri 6 Mar 12:00 CET: 480 minutes from Thu 10:00 CET -> Thu 18:00 CET (17:00Z), passed; the
    // response (due Thu 10:30 CET) came at 10:20 CET, in time.
    expect(transition(running, 'reprioritize', '2026-03-06T11:00:00Z', { priority: 'P2' })).toEqual({
      Priority__c: 'P2',
      Priority_Overridden__c: true,
      Response_Due__c: '2026-03-05T09:30:00.000Z',
      Resolution_Due__c: '2026-03-05T17:00:00.000Z',
      Resolution_Breached_At__c: '2026-03-05T17:00:00.000Z'
    });
  });

  it('keeps the instant a breach happened before a pause that began after it (a pause from before this rule)', () => {
    // P2 reported Mon 2 Mar 09:00 CET, due Mon 17:00 CET (16:00Z); paused since Tue 10:00 CET. Resumed Tue 12:00 CET:
    // 120 paused minutes push the recorded due to 600 minutes = Tue 10:00 CET, but the clock passed its target on
    // Monday, and that is the stamp.
    const legacy: Incident = {
      priority: 'P2',
      status: 'Waiting on Customer',
      reportedAt: at('2026-03-02T08:00:00Z'),
      respondedAt: at('2026-03-02T08:05:00Z'),
      pausedMinutes: 0,
      pausedSince: at('2026-03-03T09:00:00Z'),
      pauseReason: REASON,
      originalResolutionDue: at('2026-03-02T16:00:00Z')
    };
    expect(status(legacy, '2026-03-03T11:00:00Z')).toMatchObject({
      band: 'grey',
      paused: true,
      resolutionBreached: true,
      resolutionBreachedAt: at('2026-03-02T16:00:00Z'),
      state: 'Breached (paused)'
    });
    expect(transition(legacy, 'resume', '2026-03-03T11:00:00Z')).toEqual({
      Status__c: 'In Progress',
      Paused_Minutes__c: 120,
      Paused_Since__c: null,
      Pause_Reason__c: null,
      Resolution_Due__c: '2026-03-03T09:00:00.000Z',
      Resolution_Breached_At__c: '2026-03-02T16:00:00.000Z'
    });
  });

  it('stamps at create what has already passed (an incident logged late or imported)', () => {
    // Reported Thu 10:00 CET, logged at 12:00 CET: the P3 response was due at 11:00 CET.
    const logged = { impact: 'Medium' as const, urgency: 'Medium' as const, reportedAt: at('2026-03-05T09:00:00Z') };
    expect(
      incidentTransition({
        incident: logged,
        action: 'create',
        now: at('2026-03-05T11:00:00Z'),
        contract: active,
        calendar: PARIS
      })
    ).toMatchObject({
      Response_Due__c: '2026-03-05T10:00:00.000Z',
      Response_Breached_At__c: '2026-03-05T10:00:00.000Z'
    });
    // An import that knows the response came at 10:20 CET has no breach to stamp.
    const imported = incidentTransition({
      incident: { ...logged, respondedAt: at('2026-03-05T09:20:00Z') },
      action: 'create',
      now: at('2026-03-05T11:00:00Z'),
      contract: active,
      calendar: PARIS
    });
    expect(imported).not.toHaveProperty('Response_Breached_At__c');
    expect(imported).not.toHaveProperty('Resolution_Breached_At__c');
  });

  it('judges on the stamped due times when the caller has no calendar, for actions that do not recompute', () => {
    const fresh: Incident = { ...running, status: 'New', respondedAt: null };
    expect(
      incidentTransition({ incident: fresh, action: 'acknowledge', now: at('2026-03-05T10:30:00Z'), contract: active })
    ).toEqual({
      Status__c: 'Acknowledged',
      Responded_At__c: '2026-03-05T10:30:00.000Z',
      Response_Breached_At__c: '2026-03-05T10:00:00.000Z'
    });
    // Out of coverage (no contract): no SLA, no stamp.
    expect(
      incidentTransition({ incident: fresh, action: 'acknowledge', now: at('2026-03-05T10:30:00Z'), contract: null })
    ).toEqual({ Status__c: 'Acknowledged', Responded_At__c: '2026-03-05T10:30:00.000Z' });
  });
});

describe('incidentTransition: wait needs a reason and is refused after the restore target', () => {
  it('writes the reason, and clears it on resume', () => {
    expect(transition(running, 'wait', '2026-03-06T16:00:00Z', { pauseReason: 'Customer-side outage' })).toEqual({
      Status__c: 'Waiting on Customer',
      Paused_Since__c: '2026-03-06T16:00:00.000Z',
      Pause_Reason__c: 'Customer-side outage'
    });
    expect(() => transition(running, 'wait', '2026-03-06T16:00:00Z')).toThrow(TypeError);
    expect(() => transition(running, 'wait', '2026-03-06T16:00:00Z')).toThrow(/pauseReason is required/);
    expect(() => transition(running, 'wait', '2026-03-06T16:00:00Z', { pauseReason: 'Lunch' })).toThrow(RangeError);
  });

  it('refuses a pause once the restore target has passed, and allows it up to the due instant', () => {
    let thrown: unknown;
    try {
      transition(running, 'wait', '2026-03-09T15:30:00Z', { pauseReason: REASON });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RangeError);
    expect((thrown as Error).message).toMatch(
      /^Cannot wait on the customer: the restore target \(GTR\) passed at 2026-03-09T15:00:00\.000Z/
    );
    expect(transition(running, 'wait', '2026-03-09T15:00:00Z', { pauseReason: REASON })).toMatchObject({
      Status__c: 'Waiting on Customer'
    });
  });

  it('refuses it while the restore stamp is set, even when a reprioritisation moved the due later', () => {
    const breached: Incident = {
      ...running,
      priority: 'P4',
      resolutionDue: at('2026-03-17T09:00:00Z'),
      resolutionBreachedAt: at('2026-03-09T15:00:00Z')
    };
    expect(() => transition(breached, 'wait', '2026-03-10T09:00:00Z', { pauseReason: REASON })).toThrow(
      /^Cannot wait on the customer: the restore target \(GTR\) passed at 2026-03-09T15:00:00\.000Z/
    );
  });
});

describe('waitRefusal', () => {
  const refusal = (incident: Incident, nowIso: string, contract = active) =>
    waitRefusal({ incident, contract, calendar: PARIS, now: at(nowIso) });

  it('is null when a pause is allowed, and says why when it is not', () => {
    expect(refusal(running, '2026-03-09T15:00:00Z')).toBeNull();
    expect(refusal(running, '2026-03-09T15:30:00Z')).toMatch(
      /^Cannot wait on the customer: the restore target \(GTR\) passed at 2026-03-09T15:00:00\.000Z/
    );
    expect(refusal({ ...running, status: 'New' }, '2026-03-05T09:30:00Z')).toBe(
      'Cannot wait on the customer: the incident is New (a pause starts from Acknowledged or In Progress).'
    );
    expect(refusal({ ...running, status: 'Waiting on Customer' }, '2026-03-06T09:30:00Z')).toMatch(
      /the incident is Waiting on Customer/
    );
    // Without a contract there is no restore target to hide.
    expect(waitRefusal({ incident: running, contract: null, now: at('2026-04-01T09:00:00Z') })).toBeNull();
    // With the calendars by name, as the components hold them; without a calendar, on the stamped due.
    expect(
      waitRefusal({
        incident: running,
        contract: { ...active, calendarName: 'Paris_Business_Hours' },
        calendars: { Paris_Business_Hours: PARIS },
        now: at('2026-03-09T15:30:00Z')
      })
    ).toMatch(/^Cannot wait/);
    expect(waitRefusal({ incident: running, contract: active, now: at('2026-03-09T15:30:00Z') })).toMatch(
      /^Cannot wait/
    );
  });

  it('agrees with incidentTransition on every status and instant tried', () => {
    const instants = ['2026-03-06T10:00:00Z', '2026-03-09T15:00:00Z', '2026-03-09T15:00:01Z', '2026-03-12T10:00:00Z'];
    for (const statusName of ['New', 'Acknowledged', 'In Progress', 'Waiting on Customer', 'Resolved'] as const) {
      for (const nowIso of instants) {
        const incident: Incident = { ...running, status: statusName };
        const reason = refusal(incident, nowIso);
        let error: unknown = null;
        try {
          transition(incident, 'wait', nowIso, { pauseReason: REASON });
        } catch (caught) {
          error = caught;
        }
        expect(error === null).toBe(reason === null);
      }
    }
  });
});

describe('breachStamps', () => {
  const stamps = (incident: Incident, nowIso: string) =>
    breachStamps({ incident, contract: active, calendar: PARIS, now: at(nowIso) });

  it('returns the blank stamps whose clock has passed, and nothing else', () => {
    expect(stamps(running, '2026-03-09T15:00:00Z')).toEqual({});
    expect(stamps(running, '2026-03-09T16:00:00Z')).toEqual({ Resolution_Breached_At__c: '2026-03-09T15:00:00.000Z' });
    const neverAnswered: Incident = { ...running, status: 'New', respondedAt: null };
    expect(stamps(neverAnswered, '2026-03-09T16:00:00Z')).toEqual({
      Response_Breached_At__c: '2026-03-05T10:00:00.000Z',
      Resolution_Breached_At__c: '2026-03-09T15:00:00.000Z'
    });
    expect(
      stamps({ ...neverAnswered, responseBreachedAt: at('2026-03-05T10:00:00Z') }, '2026-03-09T16:00:00Z')
    ).toEqual({ Resolution_Breached_At__c: '2026-03-09T15:00:00.000Z' });
    // A resolved incident is judged at its resolution: resolved in time, nothing to stamp however late the run.
    expect(
      stamps({ ...running, status: 'Resolved', resolvedAt: at('2026-03-09T14:00:00Z') }, '2026-06-01T09:00:00Z')
    ).toEqual({});
    expect(breachStamps({ incident: running, contract: null, now: at('2026-06-01T09:00:00Z') })).toEqual({});
  });
});

describe('slaStatus: stamps and states', () => {
  it('reads a stamp as the breach, before the due is recomputed, and ignores a stamp from after the evaluation', () => {
    // The due on the contract is not past on Fri 6 Mar, but the record says the clock passed on Thu 17:00Z.
    const stamped: Incident = { ...running, resolutionBreachedAt: at('2026-03-05T17:00:00Z') };
    expect(status(stamped, '2026-03-06T10:00:00Z')).toMatchObject({
      band: 'red',
      resolutionBreached: true,
      resolutionBreachedAt: at('2026-03-05T17:00:00Z'),
      state: 'Breached'
    });
    // Judged on Thu 5 Mar 12:00Z, before the stamp: not breached then.
    expect(status(stamped, '2026-03-05T12:00:00Z')).toMatchObject({
      resolutionBreached: false,
      resolutionBreachedAt: null,
      state: 'On Track'
    });
  });

  it('gives the due as the breach instant before anything stamps it', () => {
    expect(status(running, '2026-03-09T16:00:00Z')).toMatchObject({
      resolutionBreached: true,
      resolutionBreachedAt: at('2026-03-09T15:00:00Z'),
      responseBreachedAt: null,
      state: 'Breached'
    });
    const late: Incident = { ...running, respondedAt: at('2026-03-05T10:30:00Z') };
    expect(status(late, '2026-03-06T09:00:00Z')).toMatchObject({
      responseBreached: true,
      responseBreachedAt: at('2026-03-05T10:00:00Z'),
      state: 'Response Breached'
    });
  });

  it('names every state', () => {
    const waiting: Incident = { ...running, status: 'Waiting on Customer', pausedSince: at('2026-03-06T16:00:00Z') };
    expect(status(waiting, '2026-03-09T10:00:00Z').state).toBe('Paused');
    // Answered at 11:30 CET, half an hour late, then waiting: the pause does not hide the late response.
    const lateAndWaiting: Incident = {
      ...waiting,
      respondedAt: at('2026-03-05T10:30:00Z'),
      responseBreachedAt: at('2026-03-05T10:00:00Z')
    };
    expect(status(lateAndWaiting, '2026-03-09T10:00:00Z')).toMatchObject({
      band: 'grey',
      responseBreached: true,
      state: 'Breached (paused)'
    });
    const resolved: Incident = { ...running, status: 'Closed', resolvedAt: at('2026-03-09T14:00:00Z') };
    expect(status(resolved, '2026-04-01T09:00:00Z').state).toBe('Met');
    const cancelled: Incident = {
      ...running,
      status: 'Cancelled',
      closedAt: at('2026-03-10T09:00:00Z'),
      resolutionBreachedAt: at('2026-03-09T15:00:00Z')
    };
    // As the formulas read it: a stamp is a breach, even on a cancelled incident (compliance skips those anyway).
    expect(status(cancelled, '2026-04-01T09:00:00Z')).toMatchObject({
      band: 'grey',
      resolutionBreached: true,
      resolutionBreachedAt: at('2026-03-09T15:00:00Z'),
      state: 'Cancelled'
    });
    // Out of coverage: No SLA, unless a stamp from a former contract says a clock broke.
    expect(
      slaStatus({ incident: running, contract: null, calendar: PARIS, now: at('2026-04-01T09:00:00Z') }).state
    ).toBe('No SLA');
    expect(
      slaStatus({
        incident: { ...running, resolutionBreachedAt: at('2026-03-09T15:00:00Z') },
        contract: null,
        calendar: PARIS,
        now: at('2026-04-01T09:00:00Z')
      })
    ).toMatchObject({ band: 'red', resolutionBreached: true, state: 'Breached' });
  });
});
