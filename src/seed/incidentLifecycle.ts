/**
 * Lives one incident through the support workflow with the engine's incidentTransition, event by event, exactly
 * as the components do when an agent clicks Acknowledge, Wait on customer or Resolve: so a seeded incident carries
 * the same SLA stamps (due times, original target, paused minutes, coverage) as a logged one. Events planned at or
 * after the cutoff (the start of "today") do not happen, which is what leaves recent incidents open; the breaches
 * passed by the cutoff are stamped.
 */
import type { Faker } from '@faker-js/faker';
import {
  addBusinessMinutes,
  breachStamps,
  contractCalendar,
  incidentFromRecord,
  incidentTransition,
  PAUSE_REASONS,
  waitRefusal,
  type Calendar,
  type Contract,
  type IncidentAction,
  type Level,
  type Priority
} from '#engine';
import type { FieldValue } from './dataset.js';

const ALWAYS_OPEN: Calendar = { timeZone: 'UTC', alwaysOpen: true };
const MINUTES_PER_DAY = 1440;

/** Odds that shape a backlog: most incidents are worked to closure, some miss a target, some stall. */
export interface LifecycleOdds {
  responseBreach: number;
  resolutionBreach: number;
  /** Waits on the customer for a while, then resumes. */
  pause: number;
  /** Stops half-way and stays open (the backlog that ages). */
  stall: number;
  cancel: number;
}

export const DEFAULT_ODDS: LifecycleOdds = {
  responseBreach: 0.12,
  resolutionBreach: 0.12,
  pause: 0.25,
  stall: 0.06,
  cancel: 0.04
};

export interface IncidentPlanInput {
  faker: Faker;
  reportedAt: Date;
  impact: Level;
  urgency: Level;
  category: string;
  /** The account's contracts in engine shape, `id` = the contract's key; the engine picks the covering one. */
  contracts: Contract[];
  calendars: Record<string, Calendar>;
  /** The support team's office hours: when people close tickets, whatever the SLA clock. */
  officeCalendar: Calendar;
  /** No event happens at or after this instant. */
  cutoff: Date;
  odds?: LifecycleOdds;
}

export interface SimulatedIncident {
  /** The Maintenance_Incident__c fields written by the workflow (datetimes as ISO strings). */
  fields: Record<string, FieldValue>;
  /** Key of the covering contract, or null when out of coverage. */
  contractKey: string | null;
  priority: Priority;
  status: string;
}

interface PlannedEvent {
  action: IncidentAction;
  at: Date;
}

function between(faker: Faker, min: number, max: number): number {
  return faker.number.float({ min, max });
}

/** Plans the events of an incident after its creation, in order, before the cutoff is applied. */
function planEvents(
  faker: Faker,
  reportedAt: Date,
  clock: Calendar,
  officeCalendar: Calendar,
  targets: { responseMinutes: number; resolutionMinutes: number },
  odds: LifecycleOdds
): PlannedEvent[] {
  const after = (start: Date, minutes: number): Date =>
    addBusinessMinutes(start, Math.max(1, Math.round(minutes)), clock);
  const respondFactor = faker.datatype.boolean({ probability: odds.responseBreach })
    ? between(faker, 1.2, 3)
    : between(faker, 0.1, 0.9);
  const acknowledged = after(reportedAt, respondFactor * targets.responseMinutes);
  if (faker.datatype.boolean({ probability: odds.cancel })) {
    return [
      { action: 'acknowledge', at: acknowledged },
      { action: 'cancel', at: after(acknowledged, between(faker, 30, 600)) }
    ];
  }
  const events: PlannedEvent[] = [
    { action: 'acknowledge', at: acknowledged },
    { action: 'start', at: after(acknowledged, between(faker, 5, 90)) }
  ];
  let pausedMinutes = 0;
  if (faker.datatype.boolean({ probability: odds.pause })) {
    const waitAt = after(events[1].at, between(faker, 0.05, 0.4) * targets.resolutionMinutes);
    pausedMinutes = Math.round(between(faker, 60, 2880));
    events.push({ action: 'wait', at: waitAt }, { action: 'resume', at: after(waitAt, pausedMinutes) });
  }
  if (faker.datatype.boolean({ probability: odds.stall })) {
    // Stops after one of the events so far and never resolves: an ageing open incident.
    return events.slice(0, faker.number.int({ min: 1, max: events.length }));
  }
  const resolveFactor = faker.datatype.boolean({ probability: odds.resolutionBreach })
    ? between(faker, 1.1, 2.5)
    : between(faker, 0.3, 0.95);
  const last = events[events.length - 1].at;
  let resolvedAt = after(reportedAt, resolveFactor * targets.resolutionMinutes + pausedMinutes);
  if (resolvedAt.getTime() <= last.getTime()) resolvedAt = after(last, between(faker, 30, 240));
  events.push({ action: 'resolve', at: resolvedAt });
  if (faker.datatype.boolean({ probability: 0.9 })) {
    // The customer confirms the fix one to five working days later.
    const closeAfter = Math.round(between(faker, 1, 5) * 8 * 60);
    events.push({ action: 'close', at: addBusinessMinutes(resolvedAt, closeAfter, officeCalendar) });
  }
  return events;
}

/** A pause reason spread over PAUSE_REASONS by the minute the pause starts at. */
function pauseReasonFor(event: PlannedEvent, reportedAt: Date): string {
  const minutes = Math.floor((event.at.getTime() - reportedAt.getTime()) / 60000);
  return PAUSE_REASONS[minutes % PAUSE_REASONS.length];
}

/** Effort in man-days, in quarter days, by how far the work went and what kind of work it was. */
function effortFor(faker: Faker, status: string, category: string): number {
  const quarters = (min: number, max: number): number => faker.number.int({ min: min * 4, max: max * 4 }) / 4;
  switch (status) {
    case 'New':
      return 0;
    case 'Cancelled':
      return quarters(0, 0.25);
    case 'Resolved':
    case 'Closed':
      if (category === 'Evolutive') return quarters(1, 5);
      if (category === 'Adaptive') return quarters(0.5, 3);
      if (category === 'Preventive') return quarters(0.25, 1);
      return quarters(0.25, 2.5);
    default:
      return quarters(0, 1);
  }
}

/** Field values while the incident lives: date-times as Date, which the engine's mapper takes without parsing. */
type WorkingFields = Record<string, FieldValue | Date>;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/;

/**
 * Folds what a transition wrote into the working fields. The engine writes date-times as ISO strings; keeping them as
 * Dates spares re-parsing every stamp at every event (the seed lives hundreds of thousands of events at volume).
 */
function merge(working: WorkingFields, written: Record<string, unknown>): void {
  for (const [field, value] of Object.entries(written)) {
    working[field] = typeof value === 'string' && ISO_INSTANT.test(value) ? new Date(value) : (value as FieldValue);
  }
}

/** The working fields as the data APIs take them: date-times back to ISO strings. */
function toFieldValues(working: WorkingFields): Record<string, FieldValue> {
  return Object.fromEntries(
    Object.entries(working).map(([field, value]) => [field, value instanceof Date ? value.toISOString() : value])
  );
}

/** Creates the incident and applies its planned events up to the cutoff. */
export function simulateIncident(input: IncidentPlanInput): SimulatedIncident {
  const { faker, reportedAt, contracts, calendars, cutoff } = input;
  const odds = input.odds ?? DEFAULT_ODDS;
  const record: WorkingFields = { Impact__c: input.impact, Urgency__c: input.urgency, Category__c: input.category };
  merge(
    record,
    incidentTransition({
      incident: { impact: input.impact, urgency: input.urgency, reportedAt },
      action: 'create',
      now: reportedAt,
      contracts,
      calendars
    })
  );
  const priority = record.Priority__c as Priority;
  const contract = contracts.find((candidate) => candidate.id === record.Contract__c) ?? null;
  const target = contract?.sla?.[priority];
  const clock =
    contract === null ? ALWAYS_OPEN : target?.alwaysOn ? ALWAYS_OPEN : contractCalendar(contract, calendars);
  // Out of coverage there is no target; agents still answer within hours and fix within days.
  const targets = {
    responseMinutes: target?.responseMinutes ?? 240,
    resolutionMinutes: target?.resolutionMinutes ?? 3 * MINUTES_PER_DAY
  };
  let refusedWait = false;
  for (const event of planEvents(faker, reportedAt, clock, input.officeCalendar, targets, odds)) {
    if (event.at.getTime() >= cutoff.getTime()) break;
    const incident = incidentFromRecord(record);
    // An agent cannot pause once the restore target has passed (the engine refuses it): the wait and its resume do
    // not happen, and the incident is worked on.
    if (event.action === 'wait' && waitRefusal({ incident, contract, calendars, now: event.at }) !== null) {
      refusedWait = true;
      continue;
    }
    if (event.action === 'resume' && refusedWait) continue;
    merge(
      record,
      incidentTransition({
        incident,
        action: event.action,
        now: event.at,
        contract,
        calendars,
        // The reason follows from the pause length (no extra random draw, so the rest of the dataset stays the same).
        ...(event.action === 'wait' ? { pauseReason: pauseReasonFor(event, reportedAt) } : {})
      })
    );
  }
  // A clock that passed its due while the incident stalled is a breach by the start of today: stamped as `sla watch`
  // would have stamped it, so the seeded data needs no re-stamp for what happened before the cutoff.
  merge(record, breachStamps({ incident: incidentFromRecord(record), contract, calendars, now: cutoff }));
  const status = record.Status__c as string;
  record.Effort_Days__c = effortFor(faker, status, input.category);
  const contractKey = (record.Contract__c as string | null) ?? null;
  delete record.Contract__c;
  return { fields: toFieldValues(record), contractKey, priority, status };
}
