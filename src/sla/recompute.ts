/**
 * Re-stamps the SLA due times of open incidents after a calendar, SLA template or contract change, with the engine's
 * 'recompute' transition: from the time each incident was reported, for its current priority and contract, with the
 * paused time kept. The original resolution target is never moved (only filled in where blank). The breaches that
 * have passed by now are stamped (Response_Breached_At__c / Resolution_Breached_At__c, only where blank, never moved).
 * Only incidents whose stamps change are written, so a second run writes nothing.
 */
import type { Connection } from '@salesforce/core';
import {
  breachStamps,
  contractCalendar,
  contractFromRecord,
  incidentFromRecord,
  incidentTransition,
  type Calendar,
  type Contract
} from '#engine';
import type { FieldValue } from '../seed/dataset.js';
import { updateById, type FailedRecord, type LoadApi } from '../seed/loader.js';
import { queryAll, queryIn, readOrgCalendars, soqlString } from '../shared/orgHelpers.js';
import { CONTRACT_FIELDS, INCIDENT_FIELDS, OPEN_STATUS_LIST, type FieldMap } from '../shared/recordFields.js';

export interface IncidentChange {
  id: string;
  name: string;
  fields: Record<string, FieldValue>;
}

export interface RecomputePlan {
  /** Open incidents looked at. */
  examined: number;
  changes: IncidentChange[];
  /** Calendars named by contracts but not deployed, with how many open incidents need them. */
  missingCalendars: { calendar: string; incidents: number }[];
}

export interface RecomputeOutcome extends RecomputePlan {
  api?: LoadApi;
  updated: number;
  failures: FailedRecord[];
}

const STAMPED_FIELDS = ['Response_Due__c', 'Resolution_Due__c', 'Original_Resolution_Due__c'] as const;
const BREACH_FIELDS = ['Response_Breached_At__c', 'Resolution_Breached_At__c'] as const;

function sameInstant(a: unknown, b: unknown): boolean {
  if ((a ?? null) === null || (b ?? null) === null) return (a ?? null) === (b ?? null);
  return Date.parse(String(a).replace(/\+0000$/, 'Z')) === Date.parse(String(b));
}

export interface OpenIncidents {
  incidents: FieldMap[];
  contracts: Map<string, Contract>;
  calendars: Record<string, Calendar>;
}

/** Reads the open incidents (of one account, or all), their contracts and the org's calendars. */
export async function readOpenIncidents(conn: Connection, accountId?: string): Promise<OpenIncidents> {
  const accountFilter = accountId ? ` AND Account__c = ${soqlString(accountId)}` : '';
  const incidents = await queryAll<FieldMap>(
    conn,
    `SELECT ${INCIDENT_FIELDS.join(', ')} FROM Maintenance_Incident__c WHERE Status__c IN (${OPEN_STATUS_LIST})${accountFilter}`
  );
  const contractIds = incidents.map((row) => row.Contract__c).filter((id): id is string => typeof id === 'string');
  const rows = await queryIn<FieldMap>(
    conn,
    contractIds,
    (list) => `SELECT ${CONTRACT_FIELDS.join(', ')} FROM Maintenance_Contract__c WHERE Id IN (${list})`
  );
  const contracts = new Map(rows.map((row) => [String(row.Id), contractFromRecord(row)]));
  const calendars = await readOrgCalendars(conn);
  return { incidents, contracts, calendars };
}

/** The breach stamps a transition wrote (the first seen wins over a later judgement). */
function pickBreaches(stamped: object): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  for (const field of BREACH_FIELDS) {
    const value = (stamped as Record<string, FieldValue>)[field];
    if (typeof value === 'string') fields[field] = value;
  }
  return fields;
}

/** Works out the new stamps without writing anything. */
export async function planRecompute(
  conn: Connection,
  options: { accountId?: string; now?: Date } = {}
): Promise<RecomputePlan> {
  const now = options.now ?? new Date();
  const { incidents, contracts, calendars } = await readOpenIncidents(conn, options.accountId);
  const changes: IncidentChange[] = [];
  const missing = new Map<string, number>();
  for (const row of incidents) {
    // A contract the user cannot see (or deleted since) recomputes like no contract: the incident has no SLA.
    const contract = typeof row.Contract__c === 'string' ? (contracts.get(row.Contract__c) ?? null) : null;
    if (contract?.calendarName && !(contract.calendarName in calendars)) {
      missing.set(contract.calendarName, (missing.get(contract.calendarName) ?? 0) + 1);
      continue;
    }
    const calendar = contract ? contractCalendar(contract, calendars) : null;
    const incident = incidentFromRecord(row);
    // While waiting on the customer the stamped due stays where it was when the pause began (the workflow pushes it
    // on resume), so the recompute is judged at the start of the open pause: a rerun then changes nothing.
    const at = incident.pausedSince && incident.pausedSince.getTime() < now.getTime() ? incident.pausedSince : now;
    const stamped = incidentTransition({ incident, action: 'recompute', now: at, contract, calendar });
    const fields: Record<string, FieldValue> = {};
    for (const field of STAMPED_FIELDS) {
      if (!(field in stamped)) continue;
      const value = (stamped as Record<string, FieldValue>)[field] ?? null;
      if (!sameInstant(row[field], value)) fields[field] = value;
    }
    // Breaches are judged now, whatever the pause: a stamp records when a clock passed, which no pause undoes.
    const breaches: Record<string, FieldValue> = {
      ...breachStamps({ incident, contract, calendar, now }),
      ...pickBreaches(stamped)
    };
    for (const field of BREACH_FIELDS) {
      if (row[field] === null || row[field] === undefined) {
        if (typeof breaches[field] === 'string') fields[field] = breaches[field];
      }
    }
    if (Object.keys(fields).length > 0) changes.push({ id: String(row.Id), name: String(row.Name ?? row.Id), fields });
  }
  return {
    examined: incidents.length,
    changes,
    missingCalendars: [...missing].map(([calendar, count]) => ({ calendar, incidents: count }))
  };
}

/** Writes a plan's changes in bulk. */
export async function applyRecompute(
  conn: Connection,
  plan: RecomputePlan,
  options: { bulkThreshold?: number } = {}
): Promise<RecomputeOutcome> {
  if (plan.changes.length === 0) return { ...plan, updated: 0, failures: [] };
  const result = await updateById(
    conn,
    'Maintenance_Incident__c',
    plan.changes.map((change) => ({ id: change.id, fields: change.fields })),
    { bulkThreshold: options.bulkThreshold }
  );
  return { ...plan, api: result.api, updated: result.updated, failures: result.failures };
}
