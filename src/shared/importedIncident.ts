/**
 * How an incident known from elsewhere (a row of `sf maintenance incident import`, the demo's imported incident)
 * gets its SLA: created at its reported instant with its account's contracts and calendars, exactly as the incident
 * logger creates one (priority, covering contract, due times), then brought to its status by the workflow actions at
 * the instants known (acknowledge, start, wait, resolve, close, cancel), then stamped with the breaches passed by
 * `now`. One copy, used by the import and the seed.
 */
import {
  breachStamps,
  incidentFromRecord,
  incidentTransition,
  type Calendar,
  type Contract,
  type IncidentAction,
  type Level
} from '#engine';
import type { FieldValue } from '../seed/dataset.js';

/** The instants an imported incident may carry, in the order they happen. */
export const IMPORTED_INSTANTS = ['reported at', 'responded at', 'paused since', 'resolved at', 'closed at'] as const;
export type ImportedInstant = (typeof IMPORTED_INSTANTS)[number];

/** The workflow actions that bring a new incident to a status, each at one of its instants. */
export function actionsToStatus(
  status: string,
  has: (instant: ImportedInstant) => boolean
): [IncidentAction, ImportedInstant][] {
  const acknowledged: [IncidentAction, ImportedInstant][] = has('responded at')
    ? [['acknowledge', 'responded at']]
    : [];
  switch (status) {
    case 'Acknowledged':
      return [['acknowledge', 'responded at']];
    case 'In Progress':
      return [['start', 'responded at']];
    case 'Waiting on Customer':
      return [
        ['start', 'responded at'],
        ['wait', 'paused since']
      ];
    case 'Resolved':
      return [...acknowledged, ['resolve', 'resolved at']];
    case 'Closed':
      return [...acknowledged, ['resolve', 'resolved at'], ['close', 'closed at']];
    case 'Cancelled':
      return [...acknowledged, ['cancel', 'closed at']];
    default:
      return [];
  }
}

export interface ImportedIncidentInput {
  subject: string;
  description: string | null;
  category: string;
  impact: Level;
  urgency: Level;
  /** The status to bring the incident to; New needs nothing more than its reported instant. */
  status: string;
  /** 'reported at' is required; the others as the status needs them (see actionsToStatus). */
  instants: Map<ImportedInstant, Date>;
  pauseReason?: string;
  /** The account's contracts: the engine picks the one covering the reported day. */
  contracts: Contract[];
  calendars: Record<string, Calendar>;
  /** Breaches passed by then are stamped. */
  now: Date;
}

/**
 * The Maintenance_Incident__c fields of an incident known from elsewhere, Contract__c being the covering contract's
 * engine id. Throws the engine's RangeError or TypeError when the workflow refuses a step (a wait after the restore
 * target, a contract whose calendar is missing).
 */
export function importedIncidentFields(input: ImportedIncidentInput): Record<string, FieldValue> {
  const reportedAt = input.instants.get('reported at');
  if (!reportedAt) throw new TypeError('importedIncidentFields: the reported at instant is required');
  const record: Record<string, FieldValue> = {
    Subject__c: input.subject,
    Description__c: input.description,
    Category__c: input.category,
    Impact__c: input.impact,
    Urgency__c: input.urgency
  };
  Object.assign(
    record,
    incidentTransition({
      incident: { impact: input.impact, urgency: input.urgency, reportedAt },
      action: 'create',
      now: reportedAt,
      contracts: input.contracts,
      calendars: input.calendars
    })
  );
  const contract = input.contracts.find((candidate) => candidate.id === record.Contract__c) ?? null;
  for (const [action, instant] of actionsToStatus(input.status, (name) => input.instants.has(name))) {
    Object.assign(
      record,
      incidentTransition({
        incident: incidentFromRecord(record),
        action,
        now: input.instants.get(instant),
        contract,
        calendars: input.calendars,
        ...(action === 'wait' ? { pauseReason: input.pauseReason } : {})
      })
    );
  }
  Object.assign(
    record,
    breachStamps({ incident: incidentFromRecord(record), contract, calendars: input.calendars, now: input.now })
  );
  return record;
}
