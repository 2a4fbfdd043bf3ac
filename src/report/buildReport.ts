/**
 * Turns what the org counted into the per-account report, with the engine for what only the engine knows: coverage
 * today and the next gap, notice deadlines, the budget forecast, and the monthly steering-committee figures.
 */
import {
  budgetBurn,
  checklistFromRecord,
  contractCalendar,
  contractFromRecord,
  coverageTimeline,
  coveringContract,
  daysBetween,
  incidentFromRecord,
  monthlyReview,
  noticeDeadline,
  PRIORITIES,
  type Calendar,
  type Contract,
  type Incident
} from '#engine';
import type { FieldMap, PriorityCount, ReportData } from './reportData.js';

/** The Account tab warns about the next 90 days; the report looks as far. */
export const HORIZON_DAYS = 90;

export type PriorityCounts = Record<'P1' | 'P2' | 'P3' | 'P4' | 'total', number>;

export interface NoticeLine {
  contract: string;
  deadline: string;
  /** Days from today to the deadline; negative once passed. */
  daysLeft: number;
}

export interface BudgetLine {
  contract: string;
  status: string;
  budgetDays: number | null;
  /** Sum of the incidents' effort, as the org adds it up now. */
  consumedDays: number;
  /** Consumed_Days__c as last stamped on the contract (differs when a stamp is stale). */
  stampedConsumedDays: number | null;
  percentConsumed: number;
  forecastExhaustionDate: string | null;
  alert: 'threshold' | 'exhausted' | null;
}

export interface HandoverLine {
  checklist: string;
  phase: string;
  goLiveDate: string | null;
  itemsTotal: number;
  itemsDone: number;
  mandatoryOpen: number;
  readinessPercent: number;
}

export interface MonthlyLine {
  contract: string;
  month: string;
  opened: number;
  resolved: number;
  closed: number;
  openAtEnd: number;
  /** % of the incidents resolved in the month that met both targets; null when none was resolved. */
  compliancePercent: number | null;
  complianceByPriority: Record<string, number | null>;
  effortInMonthDays: number;
  serviceCredits: number;
}

export interface AccountReport {
  accountId: string;
  accountName: string;
  accountNumber: string | null;
  coveredToday: boolean;
  coveringContract: string | null;
  firstGapStart: string | null;
  /** Days from today to the first gap day (0 when in a gap today). */
  daysToGap: number | null;
  notices: NoticeLine[];
  open: PriorityCounts;
  breached: PriorityCounts;
  openOutOfCoverage: number;
  budgets: BudgetLine[];
  handovers: HandoverLine[];
  monthly?: MonthlyLine[];
}

export interface MaintenanceReport {
  today: string;
  month?: string;
  accounts: AccountReport[];
  totals: {
    accounts: number;
    coveredToday: number;
    inGapToday: number;
    gapWithinHorizon: number;
    open: PriorityCounts;
    breached: PriorityCounts;
  };
}

function emptyCounts(): PriorityCounts {
  return { P1: 0, P2: 0, P3: 0, P4: 0, total: 0 };
}

function countsFor(rows: PriorityCount[], accountId: string): PriorityCounts {
  const counts = emptyCounts();
  for (const row of rows) {
    if (row.accountId !== accountId) continue;
    if ((PRIORITIES as readonly string[]).includes(row.priority)) counts[row.priority as 'P1'] += row.count;
    counts.total += row.count;
  }
  return counts;
}

function addCounts(into: PriorityCounts, add: PriorityCounts): void {
  for (const key of Object.keys(into) as (keyof PriorityCounts)[]) into[key] += add[key];
}

function byAccount<T extends FieldMap>(rows: T[], accountId: string): T[] {
  return rows.filter((row) => row.Account__c === accountId);
}

function number(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

export interface ReportOptions {
  today: string;
  month?: string;
  /** The incidents of the month's contracts (readMonthIncidents), when --month is asked. */
  monthIncidents?: FieldMap[];
}

/** Builds the report from the org's figures. */
export function buildReport(data: ReportData, options: ReportOptions): MaintenanceReport {
  const { today } = options;
  const { calendars } = data;
  const totals: MaintenanceReport['totals'] = {
    accounts: 0,
    coveredToday: 0,
    inGapToday: 0,
    gapWithinHorizon: 0,
    open: emptyCounts(),
    breached: emptyCounts()
  };
  const accounts = data.accounts.map((account): AccountReport => {
    const contractRows = byAccount(data.contracts, account.Id);
    const contracts: Contract[] = contractRows.map((row) => contractFromRecord(row));
    const checklistRows = byAccount(data.checklists, account.Id);
    const coverage = coverageTimeline({
      contracts,
      checklists: checklistRows.map((row) => checklistFromRecord(row)),
      today,
      horizonDays: HORIZON_DAYS
    });
    const covering = coveringContract({ contracts, at: today });
    const notices = contracts
      .filter((contract) => contract.status === 'Active')
      .map((contract) => {
        const deadline = noticeDeadline(contract);
        return { contract: contract.name ?? String(contract.id), deadline, daysLeft: daysBetween(today, deadline) };
      })
      .sort((a, b) => a.deadline.localeCompare(b.deadline));
    const budgets = contracts
      .filter((contract) => contract.status === 'Active' && (contract.budgetDays ?? 0) > 0)
      .map((contract): BudgetLine => {
        // The org summed the effort per category; the engine turns the sums into a burn rate and a forecast.
        const incidents: Incident[] = data.efforts
          .filter((effort) => effort.contractId === contract.id)
          .map((effort) => ({ category: effort.category, effortDays: effort.effortDays }));
        const burn = budgetBurn({ contract, incidents, today });
        return {
          contract: contract.name ?? String(contract.id),
          status: contract.status,
          budgetDays: burn.budgetDays,
          consumedDays: burn.consumedDays,
          stampedConsumedDays: contract.consumedDays ?? null,
          percentConsumed: Math.round(burn.percentConsumed * 10) / 10,
          forecastExhaustionDate: burn.forecastExhaustionDate,
          alert: burn.alert
        };
      });
    const handovers = checklistRows.map((row): HandoverLine => ({
      checklist: String(row.Name),
      phase: String(row.Phase__c ?? 'Preparation'),
      goLiveDate: (row.Go_Live_Date__c as string | null) ?? null,
      itemsTotal: number(row.Items_Total__c),
      itemsDone: number(row.Items_Done__c),
      mandatoryOpen: number(row.Mandatory_Open__c),
      readinessPercent: Math.round(number(row.Readiness_Percent__c) * 10) / 10
    }));
    const open = countsFor(data.open, account.Id);
    const breached = countsFor(data.breached, account.Id);
    const report: AccountReport = {
      accountId: account.Id,
      accountName: account.Name,
      accountNumber: account.AccountNumber ?? null,
      coveredToday: coverage.coveredToday,
      coveringContract: covering?.name ?? null,
      firstGapStart: coverage.firstGapStart,
      daysToGap: coverage.firstGapStart ? daysBetween(today, coverage.firstGapStart) : null,
      notices,
      open,
      breached,
      openOutOfCoverage: data.openOutOfCoverage.find((row) => row.accountId === account.Id)?.count ?? 0,
      budgets,
      handovers
    };
    if (options.month)
      report.monthly = monthlyLines(contractRows, options.month, options.monthIncidents ?? [], calendars);
    totals.accounts += 1;
    if (report.coveredToday) totals.coveredToday += 1;
    if (report.daysToGap === 0) totals.inGapToday += 1;
    if (report.firstGapStart !== null) totals.gapWithinHorizon += 1;
    addCounts(totals.open, open);
    addCounts(totals.breached, breached);
    return report;
  });
  return { today, month: options.month, accounts, totals };
}

function monthlyLines(
  contractRows: FieldMap[],
  month: string,
  incidentRows: FieldMap[],
  calendars: Record<string, Calendar>
): MonthlyLine[] {
  return contractRows
    .filter((row) => row.Status__c !== 'Draft')
    .map((row) => {
      const contract = contractFromRecord(row);
      const incidents = incidentRows
        .filter((incident) => incident.Contract__c === row.Id)
        .map((incident) => incidentFromRecord(incident));
      let calendar: Calendar | null = null;
      try {
        calendar = contractCalendar(contract, calendars);
      } catch {
        // A calendar missing from the org: judge breaches by the due times stamped on the incidents instead.
        calendar = null;
      }
      const review = monthlyReview({ contract, incidents, month, calendar });
      const complianceByPriority: Record<string, number | null> = {};
      for (const priority of PRIORITIES) complianceByPriority[priority] = review.compliance[priority].compliancePercent;
      return {
        contract: contract.name ?? String(contract.id),
        month,
        opened: review.backlog.opened,
        resolved: review.backlog.resolved,
        closed: review.backlog.closed,
        openAtEnd: review.backlog.openAtEnd,
        compliancePercent: review.compliance.All.compliancePercent,
        complianceByPriority,
        effortInMonthDays: review.budget.consumedInMonthDays,
        serviceCredits: review.penalties.total
      };
    });
}
