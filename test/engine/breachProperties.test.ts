// Property-based tests (fast-check) of the breach stamps of issue 16: over random sequences of actions (acknowledge,
// start, wait with a reason, resume, reprioritise, recompute, resolve, close, cancel) at random times, a stamp once
// set never moves or clears, a stamp exists exactly when a clock passed its due before being met, and a pause is
// refused exactly when the restore target has passed.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  PAUSE_REASONS,
  incidentFromRecord,
  incidentTransition,
  slaStatus,
  type Calendar,
  type Contract,
  type Incident,
  type IncidentAction,
  type Level,
  type Priority
} from '#engine';
import { PARIS, standardContract } from './fixtures.js';

const MINUTE = 60_000;
const PRIORITIES: Priority[] = ['P1', 'P2', 'P3', 'P4'];
const LEVELS: Level[] = ['High', 'Medium', 'Low'];
const ACTIONS: IncidentAction[] = [
  'acknowledge',
  'start',
  'wait',
  'resume',
  'reprioritize',
  'recompute',
  'resolve',
  'close',
  'cancel'
];

type Row = Record<string, unknown>;

interface Step {
  action: IncidentAction;
  minutes: number;
  priority: Priority;
  reason: string;
}

const step = (maxMinutes: number): fc.Arbitrary<Step> =>
  fc.record({
    // Mostly the workflow moving on; cancel and close rarer so that sequences stay open long enough to breach.
    action: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...ACTIONS.slice(0, 7)) },
      { weight: 1, arbitrary: fc.constantFrom<IncidentAction>('close', 'cancel') }
    ),
    minutes: fc.integer({ min: 0, max: maxMinutes }),
    priority: fc.constantFrom(...PRIORITIES),
    reason: fc.constantFrom(...PAUSE_REASONS)
  });

const start = fc.record({
  // Any minute of 2026.
  reportedMinute: fc.integer({ min: 0, max: 365 * 24 * 60 - 1 }),
  impact: fc.constantFrom(...LEVELS),
  urgency: fc.constantFrom(...LEVELS)
});

const ms = (value: unknown): number | null => (typeof value === 'string' ? Date.parse(value) : null);

/** Creates the incident and returns its record, as the logger would write it. */
function created(
  contract: Contract,
  calendar: Calendar,
  input: { reportedMinute: number; impact: Level; urgency: Level }
): Row {
  const reportedAt = new Date(Date.UTC(2026, 0, 1) + input.reportedMinute * MINUTE);
  const fields = incidentTransition({
    incident: { impact: input.impact, urgency: input.urgency, reportedAt },
    action: 'create',
    now: reportedAt,
    contract,
    calendar
  });
  return { ...fields, Impact__c: input.impact, Urgency__c: input.urgency };
}

/**
 * Applies one step; returns null when the engine refuses it (a status that does not allow the action, or a pause
 * after the restore target), and the error it threw.
 */
function apply(
  record: Row,
  item: Step,
  now: Date,
  contract: Contract,
  calendar: Calendar
): { fields: Row | null; error: unknown } {
  try {
    const fields = incidentTransition({
      incident: incidentFromRecord(record),
      action: item.action,
      now,
      contract,
      calendar,
      ...(item.action === 'wait' ? { pauseReason: item.reason } : {}),
      ...(item.action === 'reprioritize' ? { priority: item.priority } : {})
    }) as Row;
    return { fields, error: null };
  } catch (error) {
    return { fields: null, error };
  }
}

function withoutStamps(incident: Incident): Incident {
  return { ...incident, responseBreachedAt: null, resolutionBreachedAt: null };
}

describe('breach stamps: an independent clock on a 24x7 contract', () => {
  // Every priority on a 24x7 clock, so that the expected breach instants are plain arithmetic on the record.
  const targets: Record<Priority, { response: number; resolution: number }> = {
    P1: { response: 15, resolution: 240 },
    P2: { response: 30, resolution: 480 },
    P3: { response: 60, resolution: 960 },
    P4: { response: 120, resolution: 1440 }
  };
  const contract = standardContract({
    sla: Object.fromEntries(
      PRIORITIES.map((p) => [
        p,
        { responseMinutes: targets[p].response, resolutionMinutes: targets[p].resolution, alwaysOn: true }
      ])
    )
  });
  const calendar: Calendar = PARIS;

  /** When each clock passed its target unmet, read from a record at `now` with the rules written out by hand. */
  function passed(record: Row, now: number): { response: number | null; resolution: number | null } {
    const target = targets[record.Priority__c as Priority];
    const reported = ms(record.Reported_At__c) as number;
    const responded = ms(record.Responded_At__c);
    const resolved = ms(record.Resolved_At__c);
    const closed = ms(record.Closed_At__c);
    const pausedSince = ms(record.Paused_Since__c);
    const pausedMinutes = Number(record.Paused_Minutes__c ?? 0);
    const at = Math.max(reported, record.Status__c === 'Cancelled' ? (closed ?? now) : (resolved ?? now));
    const responseJudged = responded !== null && responded < at ? responded : at;
    const responseDue = reported + target.response * MINUTE;
    // The restore clock runs from the report, minus the closed pauses, and stops at the start of an open one.
    const until = pausedSince === null ? at : Math.min(Math.max(pausedSince, reported), at);
    const resolutionDue = reported + (target.resolution + pausedMinutes) * MINUTE;
    return {
      response: responseJudged > responseDue ? responseDue : null,
      resolution: until > resolutionDue ? resolutionDue : null
    };
  }

  it('stamps each clock exactly when it passed its due unmet, once, and refuses a pause exactly after the GTR', () => {
    fc.assert(
      fc.property(start, fc.array(step(600), { minLength: 1, maxLength: 20 }), (input, steps) => {
        let record = created(contract, calendar, input);
        let now = ms(record.Reported_At__c) as number;
        for (const item of steps) {
          now += item.minutes * MINUTE;
          const stamps = {
            response: ms(record.Response_Breached_At__c),
            resolution: ms(record.Resolution_Breached_At__c)
          };
          const before = passed(record, now);
          const { fields, error } = apply(record, item, new Date(now), contract, calendar);
          const waitable = record.Status__c === 'Acknowledged' || record.Status__c === 'In Progress';
          if (item.action === 'wait' && waitable) {
            const refused = (stamps.resolution ?? before.resolution) !== null;
            expect(fields === null).toBe(refused);
            if (refused) {
              expect(error).toBeInstanceOf(RangeError);
              expect((error as Error).message).toMatch(
                /^Cannot wait on the customer: the restore target \(GTR\) passed at/
              );
            }
          }
          if (fields === null) continue;
          // A set stamp is never written again.
          if (stamps.response !== null) expect(fields).not.toHaveProperty('Response_Breached_At__c');
          if (stamps.resolution !== null) expect(fields).not.toHaveProperty('Resolution_Breached_At__c');
          const next = { ...record, ...fields };
          const after = passed(next, now);
          // A stamp exists exactly when a clock was seen past its due unmet, and it is that due.
          expect(ms(next.Response_Breached_At__c)).toBe(stamps.response ?? before.response ?? after.response);
          expect(ms(next.Resolution_Breached_At__c)).toBe(stamps.resolution ?? before.resolution ?? after.resolution);
          record = next;
        }
      }),
      { numRuns: 300 }
    );
  });
});

describe('breach stamps: business hours', () => {
  // The standard template on Paris business hours (P1 on 24x7), French holidays.
  const contract = standardContract();
  const calendar: Calendar = PARIS;

  it('never moves or clears a stamp, stamps what slaStatus sees breached, and agrees with its flags after each step', () => {
    fc.assert(
      fc.property(start, fc.array(step(3000), { minLength: 1, maxLength: 20 }), (input, steps) => {
        let record = created(contract, calendar, input);
        let now = ms(record.Reported_At__c) as number;
        for (const item of steps) {
          now += item.minutes * MINUTE;
          const at = new Date(now);
          const stamps = {
            response: ms(record.Response_Breached_At__c),
            resolution: ms(record.Resolution_Breached_At__c)
          };
          const seen = (row: Row) => {
            const status = slaStatus({ incident: withoutStamps(incidentFromRecord(row)), contract, calendar, now: at });
            return {
              response: status.responseBreachedAt?.getTime() ?? null,
              resolution: status.resolutionBreachedAt?.getTime() ?? null
            };
          };
          const before = seen(record);
          const { fields } = apply(record, item, at, contract, calendar);
          if (fields === null) continue;
          const next = { ...record, ...fields };
          const after = seen(next);
          const response = ms(next.Response_Breached_At__c);
          const resolution = ms(next.Resolution_Breached_At__c);
          if (stamps.response !== null) expect(response).toBe(stamps.response);
          if (stamps.resolution !== null) expect(resolution).toBe(stamps.resolution);
          if (next.Status__c !== 'Cancelled') {
            // Cancelled clocks are never judged breached by the due (only a stamp made before counts).
            expect(response).toBe(stamps.response ?? before.response ?? after.response);
            expect(resolution).toBe(stamps.resolution ?? before.resolution ?? after.resolution);
          }
          const status = slaStatus({ incident: incidentFromRecord(next), contract, calendar, now: at });
          expect(status.responseBreached).toBe(response !== null);
          expect(status.resolutionBreached).toBe(resolution !== null);
          record = next;
        }
      }),
      { numRuns: 200 }
    );
  });
});
