/**
 * `sf maintenance sla watch`: across accounts, the SLA clocks that break within a window (the engine's
 * atRiskIncidents, in clock minutes: business minutes on a business-hours clock, plain minutes on a 24x7 one), each
 * with its account, clock, due time and time left (formatSlaDuration); and the breaches that have already passed,
 * stamped once (the engine's breachStamps), as `sla recompute` stamps them.
 */
import type { Connection } from '@salesforce/core';
import {
  atRiskIncidents,
  breachStamps,
  contractCalendar,
  formatSlaDuration,
  incidentFromRecord,
  type Calendar,
  type Contract,
  type Incident
} from '#engine';
import type { FieldValue } from '../seed/dataset.js';
import { updateById, type FailedRecord, type LoadApi } from '../seed/loader.js';
import { queryIn } from '../shared/orgHelpers.js';
import { readOpenIncidents, type IncidentChange } from './recompute.js';

export interface AtRiskClock {
  incidentId: string;
  incident: string;
  account: string;
  priority: string;
  /** GTI is the response clock, GTR the restore (resolution) clock. */
  clock: 'GTI' | 'GTR';
  /** ISO instant the clock breaks at. */
  due: string;
  /** Clock minutes left, rounded down: business minutes on a business-hours clock, plain minutes on a 24x7 one. */
  minutesLeft: number;
  /** The time left as people read it: "3 h 20 min", "2 business days 4 h", "2 d 4 h" on a 24x7 clock. */
  timeLeft: string;
}

export interface WatchPlan {
  examined: number;
  atRisk: AtRiskClock[];
  /** Breaches passed and not stamped yet: the stamps to write. */
  stamps: IncidentChange[];
  /** Calendars named by contracts but not deployed, with how many open incidents need them (left out). */
  missingCalendars: { calendar: string; incidents: number }[];
}

/** Finds the clocks at risk and the breach stamps to write, without writing anything. */
export async function planWatch(
  conn: Connection,
  options: { withinMinutes: number; now?: Date; accountId?: string }
): Promise<WatchPlan> {
  const now = options.now ?? new Date();
  const { incidents: rows, contracts, calendars } = await readOpenIncidents(conn, options.accountId);
  const missing = new Map<string, number>();
  const incidents: Incident[] = [];
  const stamps: IncidentChange[] = [];
  const calendarOf = (contract: Contract): Calendar | null =>
    contract.calendarName && !(contract.calendarName in calendars) ? null : contractCalendar(contract, calendars);
  for (const row of rows) {
    const incident = incidentFromRecord(row);
    incidents.push(incident);
    const contract = typeof row.Contract__c === 'string' ? (contracts.get(row.Contract__c) ?? null) : null;
    const calendar = contract ? calendarOf(contract) : null;
    if (contract && calendar === null) {
      const name = String(contract.calendarName);
      missing.set(name, (missing.get(name) ?? 0) + 1);
      continue;
    }
    const fields = breachStamps({ incident, contract, calendar, now }) as Record<string, FieldValue>;
    if (Object.keys(fields).length > 0) stamps.push({ id: String(row.Id), name: String(row.Name ?? row.Id), fields });
  }
  const found = atRiskIncidents({
    incidents,
    contracts: [...contracts.values()],
    calendars,
    now,
    withinMinutes: options.withinMinutes
  });
  const accountIds = [...new Set(found.map((item) => String(item.incident.accountId)))];
  const accounts = new Map(
    (
      await queryIn<{ Id: string; Name: string }>(
        conn,
        accountIds,
        (list) => `SELECT Id, Name FROM Account WHERE Id IN (${list})`
      )
    ).map((account) => [account.Id, account.Name])
  );
  const atRisk = found.map((item): AtRiskClock => {
    const contract = contracts.get(String(item.incident.contractId)) as Contract;
    const calendar = contractCalendar(contract, calendars);
    const priority = item.incident.priority ?? 'P3';
    const alwaysOn = contract.sla?.[priority]?.alwaysOn === true;
    return {
      incidentId: String(item.incident.id),
      incident: String(item.incident.name ?? item.incident.id),
      account: accounts.get(String(item.incident.accountId)) ?? String(item.incident.accountId),
      priority,
      clock: item.clock === 'response' ? 'GTI' : 'GTR',
      due: item.due.toISOString(),
      minutesLeft: Math.floor(item.minutesLeft),
      timeLeft: formatSlaDuration(item.minutesLeft, { alwaysOn, calendar, locale: 'en' })
    };
  });
  return {
    examined: rows.length,
    atRisk,
    stamps,
    missingCalendars: [...missing].map(([calendar, count]) => ({ calendar, incidents: count }))
  };
}

/** Writes the breach stamps of a plan. */
export async function applyWatchStamps(
  conn: Connection,
  plan: WatchPlan,
  options: { bulkThreshold?: number } = {}
): Promise<{ api?: LoadApi; stamped: number; failures: FailedRecord[] }> {
  if (plan.stamps.length === 0) return { stamped: 0, failures: [] };
  const result = await updateById(
    conn,
    'Maintenance_Incident__c',
    plan.stamps.map((change) => ({ id: change.id, fields: change.fields })),
    { bulkThreshold: options.bulkThreshold }
  );
  return { api: result.api, stamped: result.updated, failures: result.failures };
}
