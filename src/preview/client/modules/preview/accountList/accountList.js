import { LightningElement } from 'lwc';
import { context } from 'preview/context';
import { checklistFromRecord, contractFromRecord, coverageTimeline } from 'c/maintenanceEngine';
import { formatDay, formatLabel, userToday } from 'c/maintenanceFormat';
import COVERED_HORIZON from '@salesforce/label/c.Coverage_Covered_Horizon';
import COVERED_UNTIL from '@salesforce/label/c.Coverage_Covered_Until';
import GAP from '@salesforce/label/c.Coverage_Gap';
import GAP_OPEN from '@salesforce/label/c.Coverage_Gap_Open';
import NONE from '@salesforce/label/c.Coverage_None';
import NOT_COVERED from '@salesforce/label/c.Coverage_Not_Covered';
import NOT_COVERED_UNTIL from '@salesforce/label/c.Coverage_Not_Covered_Until';

const HORIZON_DAYS = 365;
/** A gap starting within this many days turns the badge to a warning, as the Maintenance tab's banner does. */
const GAP_WARNING_DAYS = 90;
const DAY_MS = 86400000;

function addDays(day, days) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * What maintenanceEngine.coverageTimeline says about an account today, as a badge: covered (green), a gap within
 * 90 days (orange), not covered today (red), nothing yet (grey). Exported for the tests.
 * @param {{ contracts: object[], checklists: object[] }} account field maps of its contracts and checklists
 * @param {string} today 'YYYY-MM-DD'
 * @returns {{ kind: string, text: string, gapStart: string|null }}
 */
export function coverageBadge(account, today) {
  const contracts = account.contracts.map((fields) => contractFromRecord(fields));
  const checklists = account.checklists.map((fields) => checklistFromRecord(fields));
  if (contracts.length === 0 && checklists.length === 0) {
    return { kind: 'none', text: NONE, gapStart: null };
  }
  const ahead = coverageTimeline({ contracts, checklists, today, horizonDays: HORIZON_DAYS });
  const gap = ahead.segments.find((segment) => segment.kind === 'gap');
  if (ahead.coveredToday) {
    if (!gap) {
      return { kind: 'covered', text: COVERED_HORIZON, gapStart: null };
    }
    const until = formatLabel(COVERED_UNTIL, formatDay(addDays(gap.start, -1)));
    const gapText =
      gap.end >= addDays(today, HORIZON_DAYS)
        ? formatLabel(GAP_OPEN, formatDay(gap.start))
        : formatLabel(GAP, formatDay(gap.start), formatDay(gap.end));
    const soon = Date.parse(gap.start) - Date.parse(today) <= GAP_WARNING_DAYS * DAY_MS;
    return { kind: soon ? 'gap' : 'covered', text: `${until} ${gapText}`, gapStart: gap.start };
  }
  // Not covered today: since when (looking back a year), or until when coverage starts.
  const behind = coverageTimeline({
    contracts,
    checklists,
    today: addDays(today, -HORIZON_DAYS),
    horizonDays: HORIZON_DAYS
  });
  const current = behind.segments.find((segment) => segment.kind === 'gap' && segment.end >= today);
  if (current) {
    return { kind: 'uncovered', text: formatLabel(NOT_COVERED, formatDay(current.start)), gapStart: current.start };
  }
  const next = ahead.segments.find((segment) => segment.kind === 'covered');
  return {
    kind: 'uncovered',
    text: next ? formatLabel(NOT_COVERED_UNTIL, formatDay(next.start)) : NONE,
    gapStart: null
  };
}

const BADGE_CLASSES = {
  covered: 'slds-badge slds-theme_success coverage-badge',
  gap: 'slds-badge slds-theme_warning coverage-badge',
  uncovered: 'slds-badge slds-theme_error coverage-badge',
  none: 'slds-badge slds-badge_lightest coverage-badge'
};

/**
 * The accounts of the org with a coverage badge each, linking to their record page (the Maintenance tab).
 */
export default class AccountList extends LightningElement {
  accounts = context.page?.accounts ?? [];

  get rows() {
    const today = userToday();
    return this.accounts.map((account) => {
      let badge;
      try {
        badge = coverageBadge(account, today);
      } catch (error) {
        badge = { kind: 'none', text: String(error.message ?? error), gapStart: null };
      }
      return {
        id: account.id,
        name: account.name,
        url: `/lightning/r/Account/${account.id}/view`,
        contractCount: account.contracts.length,
        incidentCount: account.incidentCount ?? 0,
        badgeKind: badge.kind,
        badgeClass: BADGE_CLASSES[badge.kind],
        badgeText: badge.text
      };
    });
  }

  get hasAccounts() {
    return this.accounts.length > 0;
  }

  get title() {
    return `Accounts (${this.accounts.length})`;
  }
}
