/**
 * What the report reads from the org. Counting is left to the org (SOQL aggregates: open and breached incidents per
 * priority, effort per contract and category); only the few contracts and checklists are read as records, because
 * coverage and forecasts are the engine's to compute. No query downloads the incidents, except for --month, which
 * needs the incidents of the month for the steering-committee figures.
 */
import type { Connection } from '@salesforce/core';
import {
  amendmentFromRecord,
  checklistFromRecord,
  contractFromRecord,
  transitionFromRecord,
  type Amendment,
  type Calendar,
  type Checklist,
  type Contract,
  type Transition,
  type TransitionOption
} from '#engine';
import {
  queryAll,
  queryIn,
  readOrgCalendars,
  readOrgTransitionOptions,
  soqlString,
  type AccountRow
} from '../shared/orgHelpers.js';
import {
  AMENDMENT_FIELDS,
  CHECKLIST_FIELDS,
  CONTRACT_FIELDS,
  INCIDENT_FIELDS,
  fieldText,
  OPEN_STATUS_LIST,
  TRANSITION_FIELDS,
  type FieldMap
} from '../shared/recordFields.js';

export interface PriorityCount {
  accountId: string;
  priority: string;
  count: number;
}

/** Billable effort of a contract of one kind, as the org adds up its effort entries. */
export interface EffortSum {
  contractId: string;
  kind: string;
  days: number;
}

/** What coverage, renewals and transitions are computed from: the contracts, checklists and go-lives of accounts. */
export interface CoverageData {
  /** The accounts with any of the records below (or asked for), by name. */
  accounts: AccountRow[];
  contracts: FieldMap[];
  checklists: FieldMap[];
  /** The contracts' amendments (Contract_Amendment__c), with their contract in Contract__c. */
  amendments: FieldMap[];
  /** The accounts' transition plans (Maintenance_Transition__c). */
  transitions: FieldMap[];
  /** Transition options deployed in the org (Transition_Option__mdt). */
  transitionOptions: TransitionOption[];
}

export interface ReportData extends CoverageData {
  open: PriorityCount[];
  breached: PriorityCount[];
  /** Open incidents no contract covered when they were reported. */
  openOutOfCoverage: { accountId: string; count: number }[];
  efforts: EffortSum[];
  /** Calendars deployed in the org (Maintenance_Calendar__mdt), by DeveloperName, for --month's SLA rules. */
  calendars: Record<string, Calendar>;
  /**
   * The incidents under a contract that the compliance of the window can count: the open ones and those resolved
   * since its first day (a day of margin for the contracts' time zones).
   */
  slaIncidents: FieldMap[];
}

function accountFilter(accountId: string | undefined, field = 'Account__c'): string {
  return accountId ? ` WHERE ${field} = ${soqlString(accountId)}` : '';
}

function andFilter(accountId: string | undefined): string {
  return accountId ? ` AND Account__c = ${soqlString(accountId)}` : '';
}

const all = (conn: Connection, soql: string): Promise<FieldMap[]> => queryAll<FieldMap>(conn, soql);

/** One account's coverage records, in the engine's shapes. */
export interface AccountCoverage {
  contracts: Contract[];
  /** The amendments of those contracts. */
  amendments: Amendment[];
  checklists: Checklist[];
  transitions: Transition[];
}

/** The records of one account out of what readCoverageData read, as the engine's coverage rules take them. */
export function accountCoverage(data: CoverageData, accountId: string): AccountCoverage {
  const ofAccount = (rows: FieldMap[]): FieldMap[] => rows.filter((row) => row.Account__c === accountId);
  const contractRows = ofAccount(data.contracts);
  const contractIds = new Set(contractRows.map((row) => row.Id));
  return {
    contracts: contractRows.map((row) => contractFromRecord(row)),
    amendments: data.amendments
      .filter((row) => contractIds.has(row.Contract__c))
      .map((row) => amendmentFromRecord(row)),
    checklists: ofAccount(data.checklists).map((row) => checklistFromRecord(row)),
    transitions: ofAccount(data.transitions).map((row) => transitionFromRecord(row))
  };
}

function priorityCounts(rows: FieldMap[]): PriorityCount[] {
  return rows.map((row) => ({
    accountId: String(row.Account__c),
    priority: String(row.Priority__c),
    count: Number(row.n)
  }));
}

/**
 * Reads the contracts, checklists, amendments and transition plans of one account or of all of them, the accounts
 * they belong to (plus `moreAccountIds`), and the transition options deployed in the org.
 */
export async function readCoverageData(
  conn: Connection,
  accountId?: string,
  moreAccountIds: string[] = []
): Promise<CoverageData> {
  const contracts = await all(
    conn,
    `SELECT ${CONTRACT_FIELDS.join(', ')} FROM Maintenance_Contract__c${accountFilter(accountId)}`
  );
  const checklists = await all(
    conn,
    `SELECT ${CHECKLIST_FIELDS.join(', ')} FROM Handover_Checklist__c${accountFilter(accountId)}`
  );
  const amendments = await all(
    conn,
    `SELECT ${AMENDMENT_FIELDS.join(', ')} FROM Contract_Amendment__c${accountFilter(accountId, 'Contract__r.Account__c')}`
  );
  const transitions = await all(
    conn,
    `SELECT ${TRANSITION_FIELDS.join(', ')} FROM Maintenance_Transition__c${accountFilter(accountId)}`
  );
  const accountIds = new Set<string>([
    ...contracts.map((row) => String(row.Account__c)),
    ...checklists.map((row) => String(row.Account__c)),
    ...transitions.map((row) => String(row.Account__c)),
    ...moreAccountIds
  ]);
  if (accountId) accountIds.add(accountId);
  const accounts = await queryIn<AccountRow & FieldMap>(
    conn,
    [...accountIds],
    (list) => `SELECT Id, Name, AccountNumber FROM Account WHERE Id IN (${list})`
  );
  accounts.sort((a, b) => a.Name.localeCompare(b.Name));
  const transitionOptions = await readOrgTransitionOptions(conn);
  return { accounts, contracts, checklists, amendments, transitions, transitionOptions };
}

/**
 * Reads everything the report needs, for one account or all of them.
 * @param complianceFrom the first day of the compliance window ('YYYY-MM-DD')
 */
export async function readReportData(
  conn: Connection,
  accountId: string | undefined,
  complianceFrom: string
): Promise<ReportData> {
  const incidentsFrom = `FROM Maintenance_Incident__c WHERE Status__c IN (${OPEN_STATUS_LIST})${andFilter(accountId)}`;
  const open = priorityCounts(
    await all(conn, `SELECT Account__c, Priority__c, COUNT(Id) n ${incidentsFrom} GROUP BY Account__c, Priority__c`)
  );
  const breached = priorityCounts(
    await all(
      conn,
      `SELECT Account__c, Priority__c, COUNT(Id) n ${incidentsFrom} AND (Response_Breached__c = true OR Resolution_Breached__c = true) GROUP BY Account__c, Priority__c`
    )
  );
  const openOutOfCoverage = (
    await all(conn, `SELECT Account__c, COUNT(Id) n ${incidentsFrom} AND Out_Of_Coverage__c = true GROUP BY Account__c`)
  ).map((row) => ({ accountId: String(row.Account__c), count: Number(row.n) }));
  // Exactly what the Consumed_Effort_Days__c roll-up adds up (billable entries), by kind.
  const efforts = (
    await all(
      conn,
      `SELECT Contract__c, Kind__c, SUM(Days__c) days FROM Effort_Entry__c WHERE Billable__c = true${accountId ? ` AND Contract__r.Account__c = ${soqlString(accountId)}` : ''} GROUP BY Contract__c, Kind__c`
    )
  ).map((row) => ({
    contractId: String(row.Contract__c),
    kind: fieldText(row.Kind__c, 'Corrective'),
    days: Number(row.days ?? 0)
  }));
  const coverage = await readCoverageData(
    conn,
    accountId,
    open.map((row) => row.accountId)
  );
  const calendars = await readOrgCalendars(conn);
  const since = new Date(Date.parse(`${complianceFrom}T00:00:00Z`) - 86_400_000).toISOString().replace('.000Z', 'Z');
  const slaIncidents = await all(
    conn,
    `SELECT ${INCIDENT_FIELDS.join(', ')} FROM Maintenance_Incident__c WHERE Contract__c != null AND ` +
      `(Status__c IN (${OPEN_STATUS_LIST}) OR Resolved_At__c >= ${since})${andFilter(accountId)}`
  );
  return { ...coverage, open, breached, openOutOfCoverage, efforts, calendars, slaIncidents };
}

/** The incidents of these contracts reported before `before` (an ISO instant): what a monthly review looks at. */
export async function readMonthIncidents(conn: Connection, contractIds: string[], before: string): Promise<FieldMap[]> {
  return queryIn<FieldMap>(
    conn,
    contractIds,
    (list) =>
      `SELECT ${INCIDENT_FIELDS.join(', ')} FROM Maintenance_Incident__c WHERE Contract__c IN (${list}) AND Reported_At__c < ${before}`
  );
}
