/**
 * The report's three outputs: rows for the terminal table, a Markdown document (for a wiki or a steering-committee
 * pack) and CSV (for a spreadsheet: one value per cell, no decoration).
 */
import { stringify } from 'csv-stringify/sync';
import { PRIORITIES } from '#engine';
import type { AccountReport, ClockCompliance, MaintenanceReport, PriorityCounts } from './buildReport.js';

export type ReportFormat = 'table' | 'md' | 'csv';
export const REPORT_FORMATS: ReportFormat[] = ['table', 'md', 'csv'];

type Row = Record<string, string>;

function days(count: number): string {
  if (count === 0) return 'today';
  return count > 0 ? `in ${count} d` : `${-count} d ago`;
}

function byPriority(counts: PriorityCounts): string {
  return counts.total === 0 ? '0' : `${counts.total} (${counts.P1}/${counts.P2}/${counts.P3}/${counts.P4})`;
}

function gap(account: AccountReport): string {
  if (account.firstGapStart === null) return '-';
  return account.daysToGap === 0 ? 'in a gap today' : `${account.firstGapStart} (${days(account.daysToGap ?? 0)})`;
}

/** The notice deadline of the term in force that comes first: a passed one says what happens at the term end. */
function notice(account: AccountReport): string {
  const [next] = account.notices;
  if (!next) return '-';
  if (next.daysLeft >= 0) return `${next.deadline} (${days(next.daysLeft)})`;
  const then = next.renewsUntil ? `renews until ${next.renewsUntil}` : `ends ${next.termEnd}`;
  return `${next.deadline} (passed ${-next.daysLeft} d ago, ${then})`;
}

function transition(account: AccountReport): string {
  return (
    account.transitions
      .map((line) => {
        if (line.decided) return `${line.transition}: ${line.option ?? '?'} decided ${line.decisionDate ?? ''}`.trim();
        const [next] = line.optionsOpen;
        if (!next) return `${line.transition}: undecided, every option lost`;
        const closing = next.closesOn ? `, ${next.option} closes ${next.closesOn} (${days(next.daysLeft ?? 0)})` : '';
        return `${line.transition}: undecided, ${line.optionsOpen.length} option(s) open${closing}${line.alert ? ' !' : ''}`;
      })
      .join('; ') || '-'
  );
}

function budget(account: AccountReport): string {
  return (
    account.budgets
      .map(
        (line) =>
          `${line.consumedDays}/${line.budgetDays ?? '-'} d (${line.percentConsumed} %)${line.alert ? ' !' : ''}`
      )
      .join('; ') || '-'
  );
}

/** The effective budget: the signed budget and what the amendments effective by today changed. */
function effectiveBudget(account: AccountReport): string {
  return (
    account.budgets
      .map((line) => {
        const change = (line.budgetDays ?? 0) - (line.initialBudgetDays ?? 0);
        const amended =
          change === 0 ? '' : ` (${line.initialBudgetDays ?? 0} ${change > 0 ? '+' : '-'} ${Math.abs(change)} amended)`;
        return `${line.budgetDays ?? '-'} d${amended}`;
      })
      .join('; ') || '-'
  );
}

function forecast(account: AccountReport): string {
  return account.budgets.map((line) => line.forecastExhaustionDate ?? '-').join('; ') || '-';
}

/** The budget runs out before the end of the term in force: by how many days, and the burn that would last. */
function shortfall(account: AccountReport): string {
  return (
    account.budgets
      .filter((line) => line.shortfallDays > 0)
      .map(
        (line) =>
          `${line.shortfallDays} d before ${line.contractEndDate} (lasts at ${line.sustainableMonthlyBurnDays ?? 0} d/month)`
      )
      .join('; ') || '-'
  );
}

function handover(account: AccountReport): string {
  return (
    account.handovers
      .map(
        (line) =>
          `${line.readinessPercent} % ${line.phase}${line.mandatoryOpen > 0 ? `, ${line.mandatoryOpen} mandatory open` : ''}`
      )
      .join('; ') || '-'
  );
}

/** A clock's compliance with what it counts: "3 of 5 met (60 %)", "-" when nothing was counted. */
export function clockText(clock: ClockCompliance): string {
  return clock.counted === 0 ? '-' : `${clock.met} of ${clock.counted} met (${percent(clock.percent)})`;
}

/** One display row per account: what the table and the Markdown show. */
export function accountRows(report: MaintenanceReport): Row[] {
  return report.accounts.map((account) => ({
    Account: account.accountName,
    Covered: account.coveredToday ? 'yes' : 'NO',
    'Next gap': gap(account),
    'Notice deadline': notice(account),
    Transition: transition(account),
    'Open (P1/P2/P3/P4)': byPriority(account.open),
    Breached: byPriority(account.breached),
    'GTI compliance, 90 d': clockText(account.compliance.response),
    'GTR compliance, 90 d': clockText(account.compliance.resolution),
    'Out of coverage': String(account.openOutOfCoverage),
    Budget: budget(account),
    'Effective budget': effectiveBudget(account),
    'Budget runs out': forecast(account),
    Shortfall: shortfall(account),
    Handover: handover(account)
  }));
}

/**
 * The report's summary line. An account in a gap today counts once, as in a gap: "with a gap ahead" counts only the
 * accounts covered today whose gap opens within the horizon.
 */
export function summaryLine(report: MaintenanceReport): string {
  const { totals } = report;
  return (
    `${totals.accounts} account(s): ${totals.coveredToday} covered today, ${totals.inGapToday} in a gap today, ` +
    `${totals.gapWithinHorizon} with a gap ahead within ${report.horizonDays} days. ` +
    `Open incidents: ${byPriority(totals.open)}, breached: ${byPriority(totals.breached)}. ` +
    `SLA compliance from ${totals.compliance.from} to ${totals.compliance.to}: ` +
    `GTI ${clockText(totals.compliance.response)}, GTR ${clockText(totals.compliance.resolution)}.`
  );
}

function percent(value: number | null): string {
  return value === null ? '-' : `${Math.round(value * 10) / 10} %`;
}

/** One display row per contract and month (--month). */
export function monthlyRows(report: MaintenanceReport): Row[] {
  return report.accounts.flatMap((account) =>
    (account.monthly ?? []).map((line) => ({
      Account: account.accountName,
      Contract: line.contract,
      Opened: String(line.opened),
      Resolved: String(line.resolved),
      Closed: String(line.closed),
      'Open at end': String(line.openAtEnd),
      'GTI met': clockText(line.compliance.response),
      'GTR met': clockText(line.compliance.resolution),
      'Both met (resolved)': percent(line.compliancePercent),
      'P1/P2/P3/P4 met': PRIORITIES.map((priority) => percent(line.complianceByPriority[priority])).join(' / '),
      'Effort (d)': String(line.effortInMonthDays),
      'Service credits': line.serviceCredits.toFixed(2)
    }))
  );
}

/** Rows as a Markdown table (pipes in cells escaped), or `_No data._` without rows. */
export function markdownTable(rows: Row[]): string {
  if (rows.length === 0) return '_No data._\n';
  const headers = Object.keys(rows[0]);
  const escape = (text: string): string => text.replace(/\|/g, '\\|');
  return (
    [
      `| ${headers.map(escape).join(' | ')} |`,
      `| ${headers.map(() => '---').join(' | ')} |`,
      ...rows.map((row) => `| ${headers.map((header) => escape(row[header])).join(' | ')} |`)
    ].join('\n') + '\n'
  );
}

/** The whole report as Markdown. */
export function toMarkdown(report: MaintenanceReport): string {
  const parts = [
    `# Maintenance report, ${report.today}`,
    '',
    summaryLine(report),
    '',
    markdownTable(accountRows(report))
  ];
  if (report.month) parts.push(`## Monthly review ${report.month}`, '', markdownTable(monthlyRows(report)));
  return parts.join('\n');
}

/**
 * A text cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return:
 * an account named `=cmd|' /C calc'!A0`) gets a leading apostrophe, which spreadsheets show as text, as OWASP
 * advises for CSV exports. Numbers are written as numbers: `-3` stays a number.
 */
export function neutraliseCsvCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The report as CSV: one line per account (and, with --month, per contract), one value per column. */
export function toCsv(report: MaintenanceReport): string {
  const rows = report.accounts.flatMap((account) => {
    const base = {
      account_id: account.accountId,
      account: account.accountName,
      account_number: account.accountNumber ?? '',
      covered_today: account.coveredToday,
      covering_contract: account.coveringContract ?? '',
      first_gap_start: account.firstGapStart ?? '',
      days_to_gap: account.daysToGap ?? '',
      next_notice_deadline: account.notices[0]?.deadline ?? '',
      next_notice_renews_until: account.notices[0]?.renewsUntil ?? '',
      transition_status: account.transitions
        .map((line) => (line.decided ? `decided:${line.option ?? ''}` : `undecided:${line.optionsOpen.length} open`))
        .join('; '),
      transition_takeover: account.transitions[0]?.takeoverDate ?? '',
      transition_next_option_closes: account.transitions.find((line) => !line.decided)?.optionsOpen[0]?.closesOn ?? '',
      open_p1: account.open.P1,
      open_p2: account.open.P2,
      open_p3: account.open.P3,
      open_p4: account.open.P4,
      open_total: account.open.total,
      breached_total: account.breached.total,
      gti_met_90d: account.compliance.response.met,
      gti_counted_90d: account.compliance.response.counted,
      gtr_met_90d: account.compliance.resolution.met,
      gtr_counted_90d: account.compliance.resolution.counted,
      holidays_run_out: account.holidayWarnings.map((line) => line.calendar ?? 'default hours').join('; '),
      open_out_of_coverage: account.openOutOfCoverage,
      budget_days: account.budgets.reduce((sum, line) => sum + (line.budgetDays ?? 0), 0),
      initial_budget_days: account.budgets.reduce((sum, line) => sum + (line.initialBudgetDays ?? 0), 0),
      consumed_days: account.budgets.reduce((sum, line) => sum + line.consumedDays, 0),
      budget_alert: account.budgets.some((line) => line.alert !== null),
      forecast_exhaustion: account.budgets[0]?.forecastExhaustionDate ?? '',
      shortfall_days: account.budgets.reduce((sum, line) => sum + line.shortfallDays, 0),
      handover_readiness_percent: account.handovers[0]?.readinessPercent ?? '',
      mandatory_open: account.handovers.reduce((sum, line) => sum + line.mandatoryOpen, 0)
    };
    const lines = account.monthly ?? [];
    if (!report.month || lines.length === 0) return [base];
    return lines.map((line) => ({
      ...base,
      month: line.month,
      contract: line.contract,
      opened: line.opened,
      resolved: line.resolved,
      closed: line.closed,
      open_at_end: line.openAtEnd,
      compliance_percent: line.compliancePercent ?? '',
      gti_met: line.compliance.response.met,
      gti_counted: line.compliance.response.counted,
      gtr_met: line.compliance.resolution.met,
      gtr_counted: line.compliance.resolution.counted,
      effort_in_month_days: line.effortInMonthDays,
      service_credits: line.serviceCredits
    }));
  });
  // csv-stringify writes booleans as 1 and an empty cell; spreadsheets and people read true/false.
  return stringify(rows, {
    header: true,
    record_delimiter: '\n',
    cast: { boolean: (value) => String(value), string: neutraliseCsvCell }
  });
}
