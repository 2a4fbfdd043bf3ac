/**
 * What comes up for renewal within a window, account by account: notice deadlines of the terms in force, tacit
 * renewals, contract ends, transition decisions still pending and transition options about to close. Every date is
 * the engine's (noticeStatus, contractCoverPeriods, transitionPlan): this module only lists them.
 */
import {
  addDays,
  COVERING_STATUSES,
  daysBetween,
  noticeStatus,
  transitionPlan,
  type Amendment,
  type Contract
} from '#engine';
import { accountCoverage, type CoverageData } from '../report/reportData.js';

export type RenewalKind = 'notice' | 'notice-passed' | 'renewal' | 'end' | 'decision' | 'option';

export interface RenewalLine {
  account: string;
  /** The contract or the transition the line is about. */
  subject: string;
  kind: RenewalKind;
  /** The day the line is about: the deadline, the renewal's first day, the end, the takeover day, the closing day. */
  date: string;
  /** Days from today to `date` (negative for a notice deadline already passed). */
  daysLeft: number;
  /** What happens, in words a table can show. */
  detail: string;
}

export interface RenewalsReport {
  today: string;
  withinDays: number;
  lines: RenewalLine[];
}

/** The lines of one contract in force: its notice deadline, then how its term in force ends. */
function contractLines(account: string, contract: Contract, amendments: Amendment[], today: string, last: string) {
  const lines: RenewalLine[] = [];
  const name = contract.name ?? String(contract.id);
  const status = noticeStatus({ contract, amendments, today });
  const within = (day: string): boolean => day >= today && day <= last;
  const line = (kind: RenewalKind, date: string, detail: string): RenewalLine => ({
    account,
    subject: name,
    kind,
    date,
    daysLeft: daysBetween(today, date),
    detail
  });
  const next = status.renews ? `renews tacitly until ${status.renewsUntil}` : `ends on ${status.termEnd}`;
  const noticeGiven = status.noticeGivenOn !== null && status.noticeGivenOn <= status.deadline;
  if (!noticeGiven && within(status.deadline)) {
    // Notice stops a tacit renewal; a contract that does not renew ends on its day, notice or not.
    const detail = status.renews
      ? `last day to give notice; without notice it ${next}`
      : `last day to give notice; it ${next}`;
    lines.push(line('notice', status.deadline, detail));
  } else if (!noticeGiven && status.deadline < today && within(status.termEnd)) {
    lines.push(line('notice-passed', status.deadline, `notice deadline passed: it ${next}`));
  }
  if (within(status.termEnd)) {
    if (status.renews) {
      lines.push(
        line(
          'renewal',
          addDays(status.termEnd, 1),
          `tacit renewal ${status.renewal + 1} starts, until ${status.renewsUntil}`
        )
      );
    } else {
      const why = noticeGiven ? ` (notice given on ${status.noticeGivenOn})` : '';
      lines.push(line('end', status.termEnd, `ends${why}`));
    }
  }
  return lines;
}

/** Builds the renewals list from what the org holds. */
export function buildRenewals(data: CoverageData, options: { today: string; withinDays: number }): RenewalsReport {
  const { today, withinDays } = options;
  const last = addDays(today, withinDays);
  const lines: RenewalLine[] = [];
  for (const account of data.accounts) {
    const { contracts, amendments: own, checklists, transitions } = accountCoverage(data, account.Id);
    for (const contract of contracts) {
      if (COVERING_STATUSES.includes(contract.status)) {
        lines.push(...contractLines(account.Name, contract, own, today, last));
      }
    }
    for (const transition of transitions) {
      const plan = transitionPlan({
        transition,
        options: data.transitionOptions,
        contracts,
        amendments: own,
        checklists,
        today
      });
      if (plan.decided || plan.takeoverDate === null) continue;
      const subject = transition.name ?? String(transition.id);
      const line = (kind: RenewalKind, date: string, detail: string): RenewalLine => ({
        account: account.Name,
        subject,
        kind,
        date,
        daysLeft: daysBetween(today, date),
        detail
      });
      if (plan.takeoverDate <= last) {
        lines.push(
          line(
            'decision',
            plan.takeoverDate,
            `no decision yet: maintenance must work from this day; ${plan.open.length} option(s) still open`
          )
        );
      }
      for (const option of plan.open) {
        if (option.closesOn !== null && option.closesOn <= last) {
          lines.push(
            line('option', option.closesOn, `${option.label} (${option.leadTimeDays} days' lead time) closes`)
          );
        }
      }
    }
  }
  lines.sort(
    (a, b) => a.date.localeCompare(b.date) || a.account.localeCompare(b.account) || a.subject.localeCompare(b.subject)
  );
  return { today, withinDays, lines };
}
