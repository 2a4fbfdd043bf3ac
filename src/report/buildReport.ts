/**
 * Turns what the org counted into the per-account report, with the engine for what only the engine knows: coverage
 * today and the next gap (over COVERAGE_HORIZON_DAYS, as the Account tab), notice deadlines of the terms in force,
 * the transition plans, the effective budgets with their forecast and shortfall, and the monthly steering-committee
 * figures.
 */
import {
  addDays,
  budgetBurn,
  COMPLIANCE_WINDOW_DAYS,
  contractCalendar,
  contractFromRecord,
  COVERAGE_HORIZON_DAYS,
  COVERING_STATUSES,
  coverageSummary,
  coveringContract,
  daysBetween,
  holidayHorizon,
  incidentFromRecord,
  monthlyReview,
  noticeStatus,
  PRIORITIES,
  slaComplianceByClock,
  TIME_AND_MATERIALS,
  transitionPlan,
  type Amendment,
  type Calendar,
  type Contract,
  type EffortEntry
} from '#engine';
import { fieldText, type FieldMap } from '../shared/recordFields.js';
import { accountCoverage, type PriorityCount, type ReportData } from './reportData.js';

export type PriorityCounts = Record<'P1' | 'P2' | 'P3' | 'P4' | 'total', number>;

export interface NoticeLine {
  contract: string;
  /** The notice deadline of the term in force (tacit renewals and amendments counted). */
  deadline: string;
  /** Days from today to the deadline; negative once passed. */
  daysLeft: number;
  /** The contract renews at the end of the term (tacit renewal, no notice in time): until this day. */
  renewsUntil: string | null;
  /** The last day of the term in force. */
  termEnd: string;
}

export interface BudgetLine {
  contract: string;
  status: string;
  /** The effective budget today: the contract's, with every amendment effective by today. */
  budgetDays: number | null;
  /** The budget the contract was signed with, before amendments. */
  initialBudgetDays: number | null;
  /** Billable effort logged on the contract, as the org adds it up (the Consumed_Effort_Days__c roll-up). */
  consumedDays: number;
  percentConsumed: number;
  forecastExhaustionDate: string | null;
  /** The end of the term in force, which the forecast is compared with. */
  contractEndDate: string;
  /** Days of that term left without budget at the present burn (0 when the budget lasts). */
  shortfallDays: number;
  /** Man-days a month at which the remaining budget would last to the end. */
  sustainableMonthlyBurnDays: number | null;
  alert: 'threshold' | 'exhausted' | null;
}

export interface TransitionLine {
  transition: string;
  goLiveDate: string;
  /** The day maintenance must work (the first day on or after the go-live nothing covers). */
  takeoverDate: string | null;
  decided: boolean;
  /** The option chosen (its label), when decided. */
  option: string | null;
  decisionDate: string | null;
  /** Undecided: the options still open, the first to close first, and those lost. */
  optionsOpen: { option: string; closesOn: string | null; daysLeft: number | null }[];
  optionsLost: string[];
  /** Undecided, and a long option closes within TRANSITION_ALERT_DAYS. */
  alert: boolean;
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

/** One SLA clock's compliance over a window, as slaComplianceByClock counts it. */
export interface ClockCompliance {
  /** counted - breached. */
  met: number;
  breached: number;
  /** Incidents resolved in the window, plus incidents still open whose clock breached in it. */
  counted: number;
  /** met / counted in %; null when nothing was counted. */
  percent: number | null;
}

/** Compliance per clock over a window of days: GTI (response) and GTR (restore) apart. */
export interface SlaCompliance {
  from: string;
  to: string;
  response: ClockCompliance;
  resolution: ClockCompliance;
}

/** A calendar a contract in force runs on that has no holiday beyond the horizon: its SLA clocks will ignore them. */
export interface HolidayWarning {
  contract: string;
  /** The calendar's DeveloperName, or null for the default hours (Mon-Fri 09:00-18:00, no holidays). */
  calendar: string | null;
  /** Its last holiday ('YYYY-MM-DD'), null when it lists none. */
  lastHoliday: string | null;
}

export interface MonthlyLine {
  contract: string;
  month: string;
  opened: number;
  resolved: number;
  closed: number;
  openAtEnd: number;
  /**
   * % of the incidents resolved in the month that met both targets (the steering figure the service credits follow);
   * null when none was resolved. The compliance per clock (below) also counts the open breaches.
   */
  compliancePercent: number | null;
  /** Compliance per clock over the month, open breaches counted (slaComplianceByClock). */
  compliance: SlaCompliance;
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
  /** The first gap day within the horizon (today when in a gap). */
  firstGapStart: string | null;
  /** Days from today to the first gap day (0 when in a gap today). */
  daysToGap: number | null;
  /** In a gap today: the day it began. */
  inGapSince: string | null;
  notices: NoticeLine[];
  open: PriorityCounts;
  breached: PriorityCounts;
  openOutOfCoverage: number;
  budgets: BudgetLine[];
  transitions: TransitionLine[];
  handovers: HandoverLine[];
  /** Compliance per clock over the last COMPLIANCE_WINDOW_DAYS days, open breaches counted. */
  compliance: SlaCompliance;
  /** The contracts in force whose calendar has no holiday beyond 90 days from today. */
  holidayWarnings: HolidayWarning[];
  monthly?: MonthlyLine[];
}

export interface MaintenanceReport {
  today: string;
  /** How far ahead a gap is looked for, in days (COVERAGE_HORIZON_DAYS, as on the Account tab). */
  horizonDays: number;
  month?: string;
  accounts: AccountReport[];
  totals: {
    accounts: number;
    coveredToday: number;
    inGapToday: number;
    /** Covered today, with a gap ahead within the horizon (accounts already in a gap are not counted here). */
    gapWithinHorizon: number;
    open: PriorityCounts;
    breached: PriorityCounts;
    /** The accounts' compliance added up (the counts add; the percent is recomputed). */
    compliance: SlaCompliance;
    /** Each calendar running out of holidays, once, with how many contracts in force run on it. */
    holidayWarnings: { calendar: string | null; lastHoliday: string | null; contracts: number }[];
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
  /** The instant open SLA clocks are judged at (default: now). */
  now?: Date;
  month?: string;
  /** The incidents of the month's contracts (readMonthIncidents), when --month is asked. */
  monthIncidents?: FieldMap[];
}

function budgetLine(contract: Contract, amendments: Amendment[], data: ReportData, today: string): BudgetLine {
  // The org summed the billable effort per kind; the engine only needs the totals, whatever the day of the work.
  const entries: EffortEntry[] = data.efforts
    .filter((effort) => effort.contractId === contract.id)
    .map((effort) => ({ workDate: today, days: effort.days, kind: effort.kind }));
  const burn = budgetBurn({ contract, amendments, entries, today });
  return {
    contract: contract.name ?? String(contract.id),
    status: contract.status,
    budgetDays: burn.budgetDays,
    initialBudgetDays: burn.initialBudgetDays,
    consumedDays: burn.consumedDays,
    percentConsumed: Math.round(burn.percentConsumed * 10) / 10,
    forecastExhaustionDate: burn.forecastExhaustionDate,
    contractEndDate: burn.contractEndDate,
    shortfallDays: burn.shortfallDays,
    sustainableMonthlyBurnDays: burn.sustainableMonthlyBurnDays,
    alert: burn.alert
  };
}

function emptyClock(): ClockCompliance {
  return { met: 0, breached: 0, counted: 0, percent: null };
}

function addClock(into: ClockCompliance, add: ClockCompliance): void {
  into.met += add.met;
  into.breached += add.breached;
  into.counted += add.counted;
  into.percent = into.counted === 0 ? null : (into.met / into.counted) * 100;
}

/** The first day of the compliance window that ends today (the tab's and the cockpit's window). */
export function complianceFrom(today: string): string {
  return addDays(today, -COMPLIANCE_WINDOW_DAYS);
}

/** The calendar of a contract, or null when the org lacks it. */
function calendarOrNull(contract: Contract, calendars: Record<string, Calendar>): Calendar | null {
  try {
    return contractCalendar(contract, calendars);
  } catch {
    return null;
  }
}

/** Builds the report from the org's figures. */
export function buildReport(data: ReportData, options: ReportOptions): MaintenanceReport {
  const { today } = options;
  const now = options.now ?? new Date();
  const { calendars } = data;
  const window = { from: complianceFrom(today), to: today };
  const totals: MaintenanceReport['totals'] = {
    accounts: 0,
    coveredToday: 0,
    inGapToday: 0,
    gapWithinHorizon: 0,
    open: emptyCounts(),
    breached: emptyCounts(),
    compliance: { ...window, response: emptyClock(), resolution: emptyClock() },
    holidayWarnings: []
  };
  const accounts = data.accounts.map((account): AccountReport => {
    const contractRows = byAccount(data.contracts, account.Id);
    const checklistRows = byAccount(data.checklists, account.Id);
    const { contracts, amendments: own, checklists, transitions } = accountCoverage(data, account.Id);
    const summary = coverageSummary({ contracts, amendments: own, checklists, transitions, today });
    const covering = coveringContract({ contracts, amendments: own, at: today });
    const inForce = contracts.filter((contract) => COVERING_STATUSES.includes(contract.status));
    const notices = inForce
      .map((contract): NoticeLine => {
        const status = noticeStatus({ contract, amendments: own, today });
        return {
          contract: contract.name ?? String(contract.id),
          deadline: status.deadline,
          daysLeft: status.daysLeft,
          renewsUntil: status.renewsUntil,
          termEnd: status.termEnd
        };
      })
      .sort((a, b) => a.deadline.localeCompare(b.deadline));
    const budgets = inForce
      .filter((contract) => contract.type !== TIME_AND_MATERIALS)
      .map((contract) => budgetLine(contract, own, data, today))
      .filter((line) => (line.budgetDays ?? 0) > 0);
    const transitionLines = transitions.map((transition): TransitionLine => {
      const plan = transitionPlan({
        transition,
        options: data.transitionOptions,
        contracts,
        amendments: own,
        checklists,
        today
      });
      return {
        transition: transition.name ?? String(transition.id),
        goLiveDate: transition.goLiveDate,
        takeoverDate: plan.takeoverDate,
        decided: plan.decided,
        option: plan.decided ? (plan.chosen?.label ?? transition.optionChosen ?? null) : null,
        decisionDate: plan.decisionDate,
        optionsOpen: plan.open.map((option) => ({
          option: option.label,
          closesOn: option.closesOn,
          daysLeft: option.daysLeft
        })),
        optionsLost: plan.lost.map((option) => option.label),
        alert: plan.alert !== null
      };
    });
    const handovers = checklistRows.map((row): HandoverLine => ({
      checklist: String(row.Name),
      phase: fieldText(row.Phase__c, 'Preparation'),
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
      coveredToday: summary.coveredToday,
      coveringContract: covering?.name ?? null,
      firstGapStart: summary.gapStart,
      daysToGap: summary.gapStart ? daysBetween(today, summary.gapStart) : null,
      inGapSince: summary.inGapSince,
      notices,
      open,
      breached,
      openOutOfCoverage: data.openOutOfCoverage.find((row) => row.accountId === account.Id)?.count ?? 0,
      budgets,
      transitions: transitionLines,
      handovers,
      compliance: slaComplianceByClock({
        incidents: byAccount(data.slaIncidents, account.Id).map((row) => incidentFromRecord(row)),
        contracts,
        calendars,
        ...window,
        now
      }),
      holidayWarnings: inForce.flatMap((contract): HolidayWarning[] => {
        const calendar = calendarOrNull(contract, calendars);
        const horizon = calendar === null ? null : holidayHorizon({ calendar, today });
        return horizon === null
          ? []
          : [
              {
                contract: contract.name ?? String(contract.id),
                calendar: contract.calendarName ?? null,
                lastHoliday: horizon.lastHoliday
              }
            ];
      })
    };
    if (options.month)
      report.monthly = monthlyLines(contractRows, own, options.month, options.monthIncidents ?? [], calendars, now);
    totals.accounts += 1;
    if (summary.coveredToday) totals.coveredToday += 1;
    if (summary.kind === 'in-gap') totals.inGapToday += 1;
    if (summary.kind === 'gap-ahead') totals.gapWithinHorizon += 1;
    addCounts(totals.open, open);
    addCounts(totals.breached, breached);
    addClock(totals.compliance.response, report.compliance.response);
    addClock(totals.compliance.resolution, report.compliance.resolution);
    for (const warning of report.holidayWarnings) {
      const known = totals.holidayWarnings.find((line) => line.calendar === warning.calendar);
      if (known) known.contracts += 1;
      else totals.holidayWarnings.push({ calendar: warning.calendar, lastHoliday: warning.lastHoliday, contracts: 1 });
    }
    return report;
  });
  return { today, horizonDays: COVERAGE_HORIZON_DAYS, month: options.month, accounts, totals };
}

function monthlyLines(
  contractRows: FieldMap[],
  amendments: Amendment[],
  month: string,
  incidentRows: FieldMap[],
  calendars: Record<string, Calendar>,
  now: Date
): MonthlyLine[] {
  return contractRows
    .filter((row) => row.Status__c !== 'Draft')
    .map((row) => {
      const contract = contractFromRecord(row);
      const incidents = incidentRows
        .filter((incident) => incident.Contract__c === row.Id)
        .map((incident) => incidentFromRecord(incident));
      // A calendar missing from the org: breaches are judged by the stamps and due times on the incidents instead.
      const calendar = calendarOrNull(contract, calendars);
      const [year, monthNumber] = month.split('-').map(Number);
      const lastDay = new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
      const review = monthlyReview({ contract, incidents, month, calendar, amendments });
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
        compliance: slaComplianceByClock({
          incidents,
          contracts: [contract],
          calendars,
          from: `${month}-01`,
          to: lastDay,
          now
        }),
        complianceByPriority,
        effortInMonthDays: review.budget.consumedInMonthDays,
        serviceCredits: review.penalties.total
      };
    });
}
