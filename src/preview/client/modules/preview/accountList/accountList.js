import { LightningElement } from 'lwc';
import { context } from 'preview/context';
import {
  amendmentFromRecord,
  checklistFromRecord,
  contractFromRecord,
  COVERAGE_HORIZON_DAYS,
  coverageSummary,
  transitionFromRecord
} from 'c/maintenanceEngine';
import { userToday } from 'c/maintenanceFormat';
import { coverageBanner } from 'c/coverageText';

/** The badge of each kind of coverage summary. */
const BADGE_KINDS = {
  covered: 'covered',
  'gap-ahead': 'gap',
  'in-gap': 'uncovered',
  'pre-coverage': 'pre',
  none: 'none'
};

/**
 * What maintenanceEngine.coverageSummary says about an account today, over the coverage horizon the Maintenance tab
 * uses, as a badge with the tab's words (c/coverageText): covered (green), a gap ahead (orange), not covered today
 * (red), before coverage (blue, orange when a gap follows the go-live), nothing yet (grey). Exported for the tests.
 * @param {{ contracts: object[], checklists: object[], transitions?: object[], amendments?: object[] }} account
 *   field maps of its contracts, checklists, transition plans and contract amendments
 * @param {string} today 'YYYY-MM-DD'
 * @returns {{ kind: string, text: string, gapStart: string|null }}
 */
export function coverageBadge(account, today) {
  const summary = coverageSummary({
    contracts: account.contracts.map((fields) => contractFromRecord(fields)),
    checklists: account.checklists.map((fields) => checklistFromRecord(fields)),
    transitions: (account.transitions ?? []).map((fields) => transitionFromRecord(fields)),
    amendments: (account.amendments ?? []).map((fields) => amendmentFromRecord(fields)),
    today
  });
  const banner = coverageBanner(summary, COVERAGE_HORIZON_DAYS);
  const kind = summary.kind === 'pre-coverage' && summary.gapStart ? 'gap' : BADGE_KINDS[summary.kind];
  return { kind, text: banner.text, gapStart: summary.gapStart };
}

const BADGE_CLASSES = {
  covered: 'slds-badge slds-theme_success coverage-badge',
  gap: 'slds-badge slds-theme_warning coverage-badge',
  uncovered: 'slds-badge slds-theme_error coverage-badge',
  pre: 'slds-badge slds-theme_info coverage-badge',
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
