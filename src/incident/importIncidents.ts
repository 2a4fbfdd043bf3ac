/**
 * `sf maintenance incident import`: incidents from a CSV file, each lived through the engine's incidentTransition as
 * the incident logger and the row actions would live it (create at the reported instant with the account's contracts
 * and calendars: priority, covering contract, due times; then acknowledge, start, wait, resolve, close or cancel at
 * the instants the file gives), then the breach stamps of what has passed by now. Rows are upserted by
 * External_Id__c with the seed's loader (sObject Collections, Bulk API 2.0 from the bulk threshold), so a rerun
 * creates nothing. A row the file gets wrong is listed with every problem found in it and not sent.
 */
import { readFileSync } from 'node:fs';
import type { Connection } from '@salesforce/core';
import { parse } from 'csv-parse/sync';
import {
  contractFromRecord,
  INCIDENT_CATEGORIES,
  INCIDENT_STATUSES,
  LEVELS,
  PAUSE_REASONS,
  type Calendar,
  type Contract,
  type Level
} from '#engine';
import type { FieldValue, SeedRecord } from '../seed/dataset.js';
import { IMPORTED_INSTANTS, importedIncidentFields, type ImportedInstant } from '../shared/importedIncident.js';
import { loadDataset, type FailedRecord, type LoadApi } from '../seed/loader.js';
import { queryIn, readOrgCalendars } from '../shared/orgHelpers.js';
import { CONTRACT_FIELDS, type FieldMap } from '../shared/recordFields.js';

/** The file's columns: header (compared without case, spaces, underscores or a `__c` suffix) -> what it holds. */
export const IMPORT_COLUMNS = {
  'external id': { required: true },
  subject: { required: true },
  account: { required: true },
  impact: { required: true },
  urgency: { required: true },
  'reported at': { required: true },
  status: { required: false },
  category: { required: false },
  description: { required: false },
  'responded at': { required: false },
  'resolved at': { required: false },
  'closed at': { required: false },
  'paused since': { required: false },
  'pause reason': { required: false }
} as const;

export type ImportColumn = keyof typeof IMPORT_COLUMNS;

/** A header as written in the file -> the column it names, or undefined. */
export function columnOf(header: string): ImportColumn | undefined {
  const name = header
    .trim()
    .replace(/__c$/i, '')
    .replace(/[\s_-]+/g, ' ')
    .toLowerCase();
  return name in IMPORT_COLUMNS ? (name as ImportColumn) : undefined;
}

/** What is wrong with the file as a whole (not one row): the command turns it into its error. */
export class ImportFileError extends Error {
  public constructor(
    public readonly kind: 'Unreadable' | 'Empty' | 'UnknownColumns' | 'MissingColumns',
    public readonly detail: string
  ) {
    super(`${kind}: ${detail}`);
  }
}

export interface RejectedRow {
  /** The row's number in the file, the header being row 1. */
  row: number;
  externalId: string;
  /** Everything wrong with the row, in one sentence per problem. */
  error: string;
}

export interface ImportedIncident {
  row: number;
  externalId: string;
  account: string;
  priority: string;
  status: string;
  /** The covering contract's id, or null when no contract covered the reported day. */
  contractId: string | null;
  responseDue: string | null;
  resolutionDue: string | null;
  responseBreachedAt: string | null;
  resolutionBreachedAt: string | null;
}

export interface ImportPlan {
  rows: number;
  rejected: RejectedRow[];
  incidents: ImportedIncident[];
  /** The records to upsert, keyed by External_Id__c. */
  records: SeedRecord[];
  /** Account id by the same id: the loader's references need no look-up. */
  accountIds: Map<string, string>;
}

type Row = Partial<Record<ImportColumn, string>>;

/** Reads the CSV: a header row naming known columns, then one incident a row. */
export function readImportFile(file: string): Row[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ImportFileError('Unreadable', error instanceof Error ? error.message : String(error));
  }
  let table: string[][];
  try {
    table = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    throw new ImportFileError('Unreadable', error instanceof Error ? error.message : String(error));
  }
  if (table.length < 2) throw new ImportFileError('Empty', file);
  const headers = table[0];
  const unknown = headers.filter((header) => columnOf(header) === undefined);
  if (unknown.length > 0) throw new ImportFileError('UnknownColumns', unknown.join(', '));
  const columns = headers.map((header) => columnOf(header) as ImportColumn);
  const missing = (Object.keys(IMPORT_COLUMNS) as ImportColumn[]).filter(
    (column) => IMPORT_COLUMNS[column].required && !columns.includes(column)
  );
  if (missing.length > 0) throw new ImportFileError('MissingColumns', missing.join(', '));
  return table.slice(1).map((cells) => {
    const row: Row = {};
    columns.forEach((column, index) => {
      const value = cells[index] ?? '';
      if (value !== '') row[column] = value;
    });
    return row;
  });
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO-8601 instant with its offset ("2026-03-02T10:15:00+01:00", "2026-03-02 09:15Z"); null when not one. */
export function parseInstant(text: string): Date | null {
  const match = INSTANT.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  // Date.parse would roll 31 April over to 1 May: the day must exist as written.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  const zone = match[7].length === 5 ? `${match[7].slice(0, 3)}:${match[7].slice(3)}` : match[7];
  const ms = Date.parse(`${text.slice(0, text.length - match[7].length).replace(' ', 'T')}${zone}`);
  return Number.isNaN(ms) ? null : new Date(ms);
}

interface AccountMatch {
  id: string;
  name: string;
}

/**
 * Finds the accounts the rows name: by id, by AccountNumber (the account's external id), or by exact name. A name
 * two accounts share is ambiguous and left out (the row says so).
 */
async function findAccounts(
  conn: Connection,
  texts: string[]
): Promise<{ found: Map<string, AccountMatch>; ambiguous: Set<string> }> {
  type AccountRow = { Id: string; Name: string; AccountNumber: string | null };
  const ids = texts.filter((text) => /^001[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/.test(text));
  const rows = [
    ...(await queryIn<AccountRow>(
      conn,
      ids,
      (list) => `SELECT Id, Name, AccountNumber FROM Account WHERE Id IN (${list})`
    )),
    ...(await queryIn<AccountRow>(
      conn,
      texts,
      (list) => `SELECT Id, Name, AccountNumber FROM Account WHERE AccountNumber IN (${list}) OR Name IN (${list})`
    ))
  ];
  const found = new Map<string, AccountMatch>();
  const ambiguous = new Set<string>();
  for (const text of texts) {
    const byKey = rows.find((row) => row.Id === text || row.Id.slice(0, 15) === text || row.AccountNumber === text);
    if (byKey) {
      found.set(text, { id: byKey.Id, name: byKey.Name });
      continue;
    }
    const byName = [...new Map(rows.filter((row) => row.Name === text).map((row) => [row.Id, row])).values()];
    if (byName.length === 1) found.set(text, { id: byName[0].Id, name: byName[0].Name });
    else if (byName.length > 1) ambiguous.add(text);
  }
  return { found, ambiguous };
}

/** The accounts' contracts in engine shape (id = the contract's record id), by account id. */
async function readContracts(conn: Connection, accountIds: string[]): Promise<Map<string, Contract[]>> {
  const rows = await queryIn<FieldMap>(
    conn,
    accountIds,
    (list) => `SELECT ${CONTRACT_FIELDS.join(', ')} FROM Maintenance_Contract__c WHERE Account__c IN (${list})`
  );
  const byAccount = new Map<string, Contract[]>();
  for (const row of rows) {
    const account = String(row.Account__c);
    byAccount.set(account, [...(byAccount.get(account) ?? []), contractFromRecord(row)]);
  }
  return byAccount;
}

const TIMES = IMPORTED_INSTANTS;

/** Which instants each status needs, beyond the reported one. */
const NEEDED: Record<string, readonly (typeof TIMES)[number][]> = {
  New: [],
  Acknowledged: ['responded at'],
  'In Progress': ['responded at'],
  'Waiting on Customer': ['responded at', 'paused since'],
  Resolved: ['resolved at'],
  Closed: ['resolved at', 'closed at'],
  Cancelled: ['closed at']
};

/** Which instants a status may carry (the others would be facts the status contradicts). */
const ALLOWED: Record<string, readonly (typeof TIMES)[number][]> = {
  New: [],
  Acknowledged: ['responded at'],
  'In Progress': ['responded at'],
  'Waiting on Customer': ['responded at', 'paused since'],
  Resolved: ['responded at', 'resolved at'],
  Closed: ['responded at', 'resolved at', 'closed at'],
  Cancelled: ['responded at', 'closed at']
};

function oneOf(value: string | undefined, allowed: readonly string[], column: string, problems: string[]): string {
  if (value === undefined) return '';
  const found = allowed.find((option) => option.toLowerCase() === value.toLowerCase());
  if (!found) problems.push(`${column} "${value}" is not one of ${allowed.join(', ')}`);
  return found ?? '';
}

/**
 * Checks every row and lives the good ones through the engine, without writing anything.
 * @param now the import's instant: no fact may be later, and breaches passed by then are stamped
 */
export async function planImport(conn: Connection, rows: Row[], now: Date): Promise<ImportPlan> {
  const accountTexts = [...new Set(rows.map((row) => row.account).filter((text): text is string => !!text))];
  const { found, ambiguous } = await findAccounts(conn, accountTexts);
  const contracts = await readContracts(conn, [...new Set([...found.values()].map((account) => account.id))]);
  const calendars: Record<string, Calendar> = await readOrgCalendars(conn);
  const plan: ImportPlan = { rows: rows.length, rejected: [], incidents: [], records: [], accountIds: new Map() };
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const rowNumber = index + 2;
    const externalId = row['external id'] ?? '';
    const problems: string[] = [];
    for (const column of Object.keys(IMPORT_COLUMNS) as ImportColumn[]) {
      if (IMPORT_COLUMNS[column].required && row[column] === undefined) problems.push(`${column} is blank`);
    }
    if (externalId && seen.has(externalId)) {
      problems.push(`external id "${externalId}" is already on row ${seen.get(externalId)}`);
    } else if (externalId) seen.set(externalId, rowNumber);
    const account = row.account === undefined ? undefined : found.get(row.account);
    if (row.account !== undefined && !account) {
      problems.push(
        ambiguous.has(row.account)
          ? `several accounts are named "${row.account}": give its account number or id`
          : `no account is named, numbered or identified "${row.account}"`
      );
    }
    const impact = oneOf(row.impact, LEVELS, 'impact', problems);
    const urgency = oneOf(row.urgency, LEVELS, 'urgency', problems);
    const status = row.status === undefined ? 'New' : oneOf(row.status, INCIDENT_STATUSES, 'status', problems);
    const category = oneOf(row.category, INCIDENT_CATEGORIES, 'category', problems);
    const pauseReason = oneOf(row['pause reason'], PAUSE_REASONS, 'pause reason', problems);
    const instants = new Map<ImportedInstant, Date>();
    for (const column of TIMES) {
      const text = row[column];
      if (text === undefined) continue;
      const instant = parseInstant(text);
      if (!instant)
        problems.push(`${column} "${text}" is not a date and time with its offset, such as 2026-03-02T10:15:00+01:00`);
      else if (instant.getTime() > now.getTime()) problems.push(`${column} ${text} is in the future`);
      else instants.set(column, instant);
    }
    if (status) {
      for (const column of NEEDED[status]) {
        if (row[column] === undefined) problems.push(`${column} is blank, and a ${status} incident needs it`);
      }
      for (const column of TIMES.slice(1)) {
        if (row[column] !== undefined && !ALLOWED[status].includes(column)) {
          problems.push(`${column} is given, but a ${status} incident has none`);
        }
      }
      if (status === 'Waiting on Customer' && row['pause reason'] === undefined) {
        problems.push('pause reason is blank, and a Waiting on Customer incident needs it');
      }
      if (status !== 'Waiting on Customer' && row['pause reason'] !== undefined) {
        problems.push(`pause reason is given, but a ${status} incident is not paused`);
      }
    }
    // Facts in the order they happen: reported, responded, paused, resolved, closed.
    let previous: [string, Date] | undefined;
    for (const column of TIMES) {
      const instant = instants.get(column);
      if (!instant) continue;
      if (previous && instant.getTime() < previous[1].getTime()) {
        problems.push(`${column} is before ${previous[0]}`);
      }
      previous = [column, instant];
    }
    if (problems.length > 0 || !account) {
      plan.rejected.push({ row: rowNumber, externalId, error: problems.join('; ') });
      return;
    }
    try {
      const record: Record<string, FieldValue> = {
        ...importedIncidentFields({
          subject: row.subject ?? '',
          description: row.description ?? null,
          category: category || 'Corrective',
          impact: impact as Level,
          urgency: urgency as Level,
          status,
          instants,
          pauseReason,
          contracts: contracts.get(account.id) ?? [],
          calendars,
          now
        }),
        Account__c: account.id
      };
      const { Account__c: accountId, ...fields } = record;
      plan.accountIds.set(String(accountId), String(accountId));
      plan.records.push({
        key: externalId,
        fields,
        refs: { Account__c: { sobject: 'Account', key: String(accountId) } }
      });
      const text = (field: string): string | null => (typeof record[field] === 'string' ? record[field] : null);
      plan.incidents.push({
        row: rowNumber,
        externalId,
        account: account.name,
        priority: String(record.Priority__c),
        status: String(record.Status__c),
        contractId: text('Contract__c'),
        responseDue: text('Response_Due__c'),
        resolutionDue: text('Resolution_Due__c'),
        responseBreachedAt: text('Response_Breached_At__c'),
        resolutionBreachedAt: text('Resolution_Breached_At__c')
      });
    } catch (error) {
      // The engine refuses what the workflow refuses (a wait after the restore target, a contract whose calendar is
      // not deployed): its words say why.
      if (!(error instanceof RangeError || error instanceof TypeError)) throw error;
      plan.rejected.push({ row: rowNumber, externalId, error: error.message.replace(/^incidentTransition: /, '') });
    }
  });
  return plan;
}

export interface ImportOutcome {
  api?: LoadApi;
  created: number;
  updated: number;
  failures: FailedRecord[];
}

/** Upserts the plan's records by External_Id__c with the seed's loader. */
export async function applyImport(
  conn: Connection,
  plan: ImportPlan,
  options: { bulkThreshold?: number; source: string }
): Promise<ImportOutcome> {
  if (plan.records.length === 0) return { created: 0, updated: 0, failures: [] };
  const result = await loadDataset(
    conn,
    { source: options.source, objects: [{ sobject: 'Maintenance_Incident__c', records: plan.records }] },
    { bulkThreshold: options.bulkThreshold, accountIds: plan.accountIds }
  );
  return { api: result.objects[0]?.api, created: result.created, updated: result.updated, failures: result.failures };
}

/** How many of the plan's external ids are already in the org (a dry run's "would update"). */
export async function countExisting(conn: Connection, plan: ImportPlan): Promise<number> {
  const rows = await queryIn<{ External_Id__c: string }>(
    conn,
    plan.records.map((record) => record.key),
    (list) => `SELECT External_Id__c FROM Maintenance_Incident__c WHERE External_Id__c IN (${list})`
  );
  return rows.length;
}
