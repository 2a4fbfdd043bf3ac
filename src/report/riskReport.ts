/**
 * `report --risk`: the Maintenance Cockpit's ranking in the terminal. The same engine functions as the cockpit
 * (portfolioFigures, then portfolioRisk) over the same records: every contract, amendment, checklist (its roll-ups,
 * not its items) and transition plan, and the incidents the cockpit's Cockpit_Incidents list view selects (under a
 * contract, and open or resolved within the last 91 days).
 */
import type { Connection } from '@salesforce/core';
import {
  amendmentFromRecord,
  checklistFromRecord,
  contractFromRecord,
  COVERAGE_HORIZON_DAYS,
  incidentFromRecord,
  NOTICE_SOON_DAYS,
  portfolioFigures,
  portfolioRisk,
  readinessFromRecord,
  RISK_FLAGS,
  transitionFromRecord,
  type Calendar
} from '#engine';
import { stringify } from 'csv-stringify/sync';
import { queryAll, readOrgCalendars } from '../shared/orgHelpers.js';
import { INCIDENT_FIELDS, type FieldMap } from '../shared/recordFields.js';
import { markdownTable, neutraliseCsvCell, type ReportFormat } from './format.js';
import { readCoverageData, type CoverageData } from './reportData.js';

/** The engine's RISK_FLAGS, spelt out for the JSON schema of the result. */
export type RiskFlag = 'in-gap' | 'gap-ahead' | 'notice-soon' | 'options-closing' | 'breaches' | 'budget-shortfall';

export interface RiskData extends CoverageData {
  /** Under a contract, open or resolved within the last 91 days (the Cockpit_Incidents list view). */
  incidents: FieldMap[];
  calendars: Record<string, Calendar>;
}

/** The incidents the cockpit judges: its Cockpit_Incidents list view's filter, in SOQL. */
export const COCKPIT_INCIDENTS_WHERE =
  "Contract__c != null AND (Resolved_At__c >= LAST_N_DAYS:91 OR (Resolved_At__c = null AND Status__c != 'Cancelled'))";

/** Reads what the ranking needs, for every account with maintenance data. */
export async function readRiskData(conn: Connection): Promise<RiskData> {
  const coverage = await readCoverageData(conn);
  const incidents = await queryAll<FieldMap>(
    conn,
    `SELECT ${INCIDENT_FIELDS.join(', ')} FROM Maintenance_Incident__c WHERE ${COCKPIT_INCIDENTS_WHERE}`
  );
  const calendars = await readOrgCalendars(conn);
  return { ...coverage, incidents, calendars };
}

export interface ClockLine {
  met: number;
  total: number;
  /** null when no incident was judged in the window. */
  percent: number | null;
}

/** One account of the ranking: what the cockpit shows on its row. */
export interface RiskLine {
  rank: number;
  accountId: string;
  accountName: string;
  /** The account's risks, most serious first (RISK_FLAGS order). */
  flags: RiskFlag[];
  /** The day the most urgent of its risks bites. */
  urgentOn: string | null;
  coverage: 'none' | 'pre-coverage' | 'covered' | 'gap-ahead' | 'in-gap';
  coveredToday: boolean;
  /** The first gap day within the horizon (today when in a gap). */
  gapStart: string | null;
  inGapSince: string | null;
  notice: { contractName: string | null; deadline: string; daysLeft: number } | null;
  transition: {
    transitionName: string | null;
    option: string;
    closesOn: string;
    daysLeft: number;
    alert: boolean;
  } | null;
  openBreached: { response: number; resolution: number; any: number; unjudged: number };
  compliance: { from: string; to: string; response: ClockLine; resolution: ClockLine };
  budget: {
    contractName: string | null;
    budgetDays: number | null;
    consumedDays: number;
    percentConsumed: number;
    forecastExhaustionDate: string | null;
    contractEndDate: string;
    shortfallDays: number;
  } | null;
  handover: { name: string | null; phase: string; percent: number; mandatoryOpen: number } | null;
}

export interface RiskReport {
  today: string;
  horizonDays: number;
  noticeSoonDays: number;
  /** How many accounts carry each risk; atRisk: accounts with at least one. */
  counts: Record<RiskFlag, number> & { accounts: number; atRisk: number };
  ranking: RiskLine[];
}

/** Ranks the accounts of the data, as the cockpit does. */
export function buildRiskReport(data: RiskData, options: { today: string; now: Date }): RiskReport {
  const contracts = data.contracts.map((row) => contractFromRecord(row));
  const checklists = data.checklists.map((row) => checklistFromRecord(row));
  const figures = portfolioFigures({
    accountNames: Object.fromEntries(data.accounts.map((account) => [account.Id, account.Name])),
    contracts,
    amendments: data.amendments.map((row) => amendmentFromRecord(row)),
    incidents: data.incidents.map((row) => incidentFromRecord(row)),
    checklists,
    transitions: data.transitions.map((row) => transitionFromRecord(row)),
    options: data.transitionOptions,
    calendars: data.calendars,
    readiness: Object.fromEntries(data.checklists.map((row) => [String(row.Id), readinessFromRecord(row)])),
    today: options.today,
    now: options.now
  });
  const { rows, counts } = portfolioRisk({ accounts: figures, today: options.today });
  const ranking = rows.map(({ figures: f, flags, rank, urgentOn }): RiskLine => ({
    rank,
    accountId: f.accountId,
    accountName: f.accountName,
    flags,
    urgentOn,
    coverage: f.coverage,
    coveredToday: f.coveredToday,
    gapStart: f.gapStart,
    inGapSince: f.inGapSince,
    notice: f.notice && {
      contractName: f.notice.contractName,
      deadline: f.notice.deadline,
      daysLeft: f.notice.daysLeft
    },
    transition: f.transition && {
      transitionName: f.transition.transitionName,
      option: f.transition.option,
      closesOn: f.transition.closesOn,
      daysLeft: f.transition.daysLeft,
      alert: f.transition.alert
    },
    openBreached: { ...f.openBreached },
    compliance: {
      from: f.compliance.from,
      to: f.compliance.to,
      response: { ...f.compliance.response },
      resolution: { ...f.compliance.resolution }
    },
    budget: f.budget && {
      contractName: f.budget.contractName,
      budgetDays: f.budget.budgetDays,
      consumedDays: f.budget.consumedDays,
      percentConsumed: f.budget.percentConsumed,
      forecastExhaustionDate: f.budget.forecastExhaustionDate,
      contractEndDate: f.budget.contractEndDate,
      shortfallDays: f.budget.shortfallDays
    },
    handover: f.handover && {
      name: f.handover.name,
      phase: f.handover.phase,
      percent: f.handover.percent,
      mandatoryOpen: f.handover.mandatoryOpen
    }
  }));
  return {
    today: options.today,
    horizonDays: COVERAGE_HORIZON_DAYS,
    noticeSoonDays: NOTICE_SOON_DAYS,
    counts,
    ranking
  };
}

/** What each risk flag reads as, in the summary line and the Risks column. */
export const RISK_WORDS: Record<RiskFlag, string> = {
  'in-gap': 'in a gap today',
  'gap-ahead': 'gap ahead',
  'notice-soon': 'notice deadline soon',
  'options-closing': 'options closing',
  breaches: 'open breaches',
  'budget-shortfall': 'budget shortfall'
};

function percent(value: number | null): string {
  return value === null ? '-' : `${Math.round(value * 10) / 10} %`;
}

function gapCell(line: RiskLine): string {
  if (line.coverage === 'in-gap') return `in a gap since ${line.inGapSince ?? line.gapStart ?? '?'}`;
  return line.gapStart ?? '-';
}

/** One display row per account, in rank order: the cockpit's columns. */
export function riskRows(report: RiskReport): Record<string, string>[] {
  return report.ranking.map((line) => ({
    '#': String(line.rank),
    Account: line.accountName,
    Risks: line.flags.map((flag) => RISK_WORDS[flag]).join(', ') || '-',
    Covered: line.coveredToday ? 'yes' : 'NO',
    'Next gap': gapCell(line),
    'Notice deadline': line.notice ? `${line.notice.deadline} (${line.notice.daysLeft} d)` : '-',
    'Options closing': line.transition
      ? `${line.transition.option} ${line.transition.closesOn} (${line.transition.daysLeft} d)${line.transition.alert ? ' !' : ''}`
      : '-',
    'Open breached (GTI/GTR)': `${line.openBreached.response}/${line.openBreached.resolution}`,
    'Compliance (GTI/GTR)': `${percent(line.compliance.response.percent)} / ${percent(line.compliance.resolution.percent)}`,
    Budget: line.budget
      ? `${percent(line.budget.percentConsumed)}${line.budget.shortfallDays > 0 ? `, ${line.budget.shortfallDays} d short` : ''}`
      : '-',
    Handover: line.handover ? `${percent(line.handover.percent)} ${line.handover.phase}` : '-'
  }));
}

/** "12 account(s), 7 at risk: 3 in a gap today, 2 gap ahead, ..." */
export function riskSummary(report: RiskReport): string {
  const parts = RISK_FLAGS.map((flag) => `${report.counts[flag]} ${RISK_WORDS[flag]}`);
  return `${report.counts.accounts} account(s), ${report.counts.atRisk} at risk: ${parts.join(', ')}.`;
}

/** The ranking as a Markdown document (a weekly e-mail). */
export function riskMarkdown(report: RiskReport): string {
  return [
    `# Maintenance risk ranking, ${report.today}`,
    '',
    riskSummary(report),
    '',
    markdownTable(riskRows(report))
  ].join('\n');
}

/** The ranking as CSV, one line per account, one value per column. */
export function riskCsv(report: RiskReport): string {
  return stringify(
    report.ranking.map((line) => ({
      rank: line.rank,
      account_id: line.accountId,
      account: line.accountName,
      risks: line.flags.join(' '),
      covered_today: String(line.coveredToday),
      gap_start: line.gapStart ?? '',
      in_gap_since: line.inGapSince ?? '',
      notice_deadline: line.notice?.deadline ?? '',
      option_closing: line.transition?.option ?? '',
      option_closes_on: line.transition?.closesOn ?? '',
      open_breached_response: line.openBreached.response,
      open_breached_resolution: line.openBreached.resolution,
      compliance_response_percent: line.compliance.response.percent ?? '',
      compliance_resolution_percent: line.compliance.resolution.percent ?? '',
      budget_percent_consumed: line.budget?.percentConsumed ?? '',
      budget_shortfall_days: line.budget?.shortfallDays ?? '',
      handover_percent: line.handover?.percent ?? ''
    })),
    { header: true, record_delimiter: '\n', cast: { string: neutraliseCsvCell } }
  );
}

export function riskOutput(report: RiskReport, format: ReportFormat): string {
  return format === 'md' ? riskMarkdown(report) : riskCsv(report).trimEnd();
}
