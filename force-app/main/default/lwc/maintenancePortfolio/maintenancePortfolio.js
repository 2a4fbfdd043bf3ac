import { LightningElement, wire } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { getListRecordsByName } from 'lightning/uiListsApi';
import { COVERAGE_HORIZON_DAYS, NOTICE_SOON_DAYS, RISK_FLAGS } from 'c/maintenanceEngine';
import ListViewReader from 'c/listViewReader';
import { loadMaintenanceConfig } from 'c/maintenanceConfig';
import {
  COCKPIT_LISTS,
  COCKPIT_PAGE_SIZE,
  LIST_KEYS,
  portfolioModel,
  prepareRecords,
  visibleRows
} from 'c/portfolioModel';
import { formatDay, formatLabel, formatNumber, formatPercent, userToday } from 'c/maintenanceFormat';
import LABELS from './labels';

const CONTRACTS = COCKPIT_LISTS.contracts;
const AMENDMENTS = COCKPIT_LISTS.amendments;
const INCIDENTS = COCKPIT_LISTS.incidents;
const CHECKLISTS = COCKPIT_LISTS.checklists;
const TRANSITIONS = COCKPIT_LISTS.transitions;
const PROPOSALS = COCKPIT_LISTS.proposals;

/** Rows the table shows at first, and adds at each "Show more": the first screen stays fast at 2,000 accounts. */
export const ROWS_PER_SCREEN = 50;

const DASH = '—';

/** The lists the cockpit cannot do without; the proposals' failing only hides Propose maintenance. */
const REQUIRED_LISTS = LIST_KEYS.filter((key) => key !== 'proposals');

const CHIP_LABELS = {
  'in-gap': LABELS.chipInGap,
  'gap-ahead': LABELS.chipGapAhead,
  'notice-soon': LABELS.chipNoticeSoon,
  'options-closing': LABELS.chipOptionsClosing,
  breaches: LABELS.chipBreaches,
  'budget-shortfall': LABELS.chipBudgetShortfall
};

const RISK_LABELS = {
  'in-gap': LABELS.riskInGap,
  'gap-ahead': LABELS.riskGapAhead,
  'notice-soon': LABELS.riskNoticeSoon,
  'options-closing': LABELS.riskOptionsClosing,
  breaches: LABELS.riskBreaches,
  'budget-shortfall': LABELS.riskBudgetShortfall
};

const COLUMNS = [
  { key: 'rank', label: LABELS.colRank },
  { key: 'account', label: LABELS.colAccount },
  { key: 'risks', label: LABELS.colRisks, sortable: false },
  { key: 'covered', label: LABELS.colCovered },
  { key: 'gap', label: LABELS.colGap },
  { key: 'notice', label: LABELS.colNotice },
  { key: 'options', label: LABELS.colOptions },
  { key: 'breached', label: LABELS.colBreached },
  { key: 'compliance', label: LABELS.colCompliance },
  { key: 'budget', label: LABELS.colBudget },
  { key: 'handover', label: LABELS.colHandover },
  { key: 'action', label: LABELS.actionColumn, sortable: false }
];

function percentText(percent) {
  return percent === null || percent === undefined ? DASH : formatPercent(percent / 100);
}

/**
 * The Maintenance Cockpit (the Maintenance app's home, a Lightning app page): every account with maintenance data,
 * ranked by continuity risk with maintenanceEngine.portfolioRisk, the figures a morning review needs, counts that
 * filter, a search by name, sortable columns, a link to each account's Maintenance tab, and Propose maintenance on the
 * accounts with a gap (c/maintenanceProposal, as on the tab).
 *
 * Data: six list views read through Lightning Data Service (lightning/uiListsApi getListRecordsByName), each page
 * after page with c/listViewReader, once per page load; Refresh reads them again. The configuration (calendars,
 * transition options, SLA templates) comes from c/maintenanceConfig. The figures come from c/portfolioModel, which
 * calls the same engine functions as `sf maintenance report --risk`.
 */
export default class MaintenancePortfolio extends NavigationMixin(LightningElement) {
  labels = LABELS;

  contractsToken;
  amendmentsToken;
  incidentsToken;
  checklistsToken;
  transitionsToken;
  proposalsToken;

  /** c/portfolioModel's answer (a Snapshot), once every list and the configuration are in. */
  model;
  error;
  config;
  configError;
  configSettled = false;
  proposalsError;
  refreshing = false;

  flag = null;
  search = '';
  sortBy = 'rank';
  sortDirection = 'asc';
  shown = ROWS_PER_SCREEN;
  /** The account whose proposal form is open. */
  proposingId;

  constructor() {
    super();
    this.readers = {};
    for (const key of LIST_KEYS) {
      this.readers[key] = new ListViewReader(
        (token) => {
          this[`${key}Token`] = token;
        },
        () => this.recompute()
      );
    }
  }

  @wire(getListRecordsByName, {
    objectApiName: CONTRACTS.objectApiName,
    listViewApiName: CONTRACTS.listViewApiName,
    fields: CONTRACTS.fields,
    optionalFields: CONTRACTS.optionalFields,
    pageSize: COCKPIT_PAGE_SIZE,
    pageToken: '$contractsToken'
  })
  wiredContracts(value) {
    prepareRecords('contracts', value?.data?.records);
    this.readers.contracts.receive(value);
  }

  @wire(getListRecordsByName, {
    objectApiName: AMENDMENTS.objectApiName,
    listViewApiName: AMENDMENTS.listViewApiName,
    fields: AMENDMENTS.fields,
    optionalFields: AMENDMENTS.optionalFields,
    pageSize: COCKPIT_PAGE_SIZE,
    pageToken: '$amendmentsToken'
  })
  wiredAmendments(value) {
    prepareRecords('amendments', value?.data?.records);
    this.readers.amendments.receive(value);
  }

  @wire(getListRecordsByName, {
    objectApiName: INCIDENTS.objectApiName,
    listViewApiName: INCIDENTS.listViewApiName,
    fields: INCIDENTS.fields,
    pageSize: COCKPIT_PAGE_SIZE,
    pageToken: '$incidentsToken'
  })
  wiredIncidents(value) {
    prepareRecords('incidents', value?.data?.records);
    this.readers.incidents.receive(value);
  }

  @wire(getListRecordsByName, {
    objectApiName: CHECKLISTS.objectApiName,
    listViewApiName: CHECKLISTS.listViewApiName,
    fields: CHECKLISTS.fields,
    pageSize: COCKPIT_PAGE_SIZE,
    pageToken: '$checklistsToken'
  })
  wiredChecklists(value) {
    prepareRecords('checklists', value?.data?.records);
    this.readers.checklists.receive(value);
  }

  @wire(getListRecordsByName, {
    objectApiName: TRANSITIONS.objectApiName,
    listViewApiName: TRANSITIONS.listViewApiName,
    fields: TRANSITIONS.fields,
    pageSize: COCKPIT_PAGE_SIZE,
    pageToken: '$transitionsToken'
  })
  wiredTransitions(value) {
    prepareRecords('transitions', value?.data?.records);
    this.readers.transitions.receive(value);
  }

  @wire(getListRecordsByName, {
    objectApiName: PROPOSALS.objectApiName,
    listViewApiName: PROPOSALS.listViewApiName,
    fields: PROPOSALS.fields,
    pageSize: COCKPIT_PAGE_SIZE,
    pageToken: '$proposalsToken'
  })
  wiredProposals(value) {
    prepareRecords('proposals', value?.data?.records);
    this.readers.proposals.receive(value);
  }

  connectedCallback() {
    loadMaintenanceConfig()
      .then((config) => {
        this.config = config;
        this.configError = undefined;
      })
      .catch((error) => {
        this.config = undefined;
        this.configError = error;
      })
      .then(() => {
        this.configSettled = true;
        this.recompute();
      });
  }

  /** Runs when a list settles (complete or failed) and when the configuration is in: ranks once all are in. */
  recompute() {
    const failed = REQUIRED_LISTS.map((key) => this.readers[key].error).filter(Boolean);
    if (failed.length > 0) {
      this.error = failed;
      this.model = undefined;
      this.refreshing = false;
      return;
    }
    const proposals = this.readers.proposals;
    const waiting = REQUIRED_LISTS.some((key) => !this.readers[key].complete) || !this.configSettled;
    if (waiting || (!proposals.complete && !proposals.error)) {
      return;
    }
    this.proposalsError = proposals.error;
    const records = {};
    for (const key of LIST_KEYS) {
      records[key] = key === 'proposals' && proposals.error ? [] : this.readers[key].records;
    }
    try {
      this.model = portfolioModel({ records, config: this.config, today: userToday(), now: new Date() });
      this.error = undefined;
    } catch (error) {
      this.model = undefined;
      this.error = error;
    }
    this.refreshing = false;
  }

  get isLoading() {
    return !this.model && !this.error;
  }

  get hasData() {
    return Boolean(this.model) && this.model.rows.length > 0;
  }

  get isEmpty() {
    return Boolean(this.model) && this.model.rows.length === 0;
  }

  get chips() {
    const counts = this.model.counts;
    const all = {
      key: 'all',
      flag: '',
      label: formatLabel(LABELS.all, counts.accounts),
      pressed: this.flag === null
    };
    const risks = RISK_FLAGS.map((flag) => ({
      key: flag,
      flag,
      label: formatLabel(
        CHIP_LABELS[flag],
        counts[flag],
        flag === 'gap-ahead' ? COVERAGE_HORIZON_DAYS : NOTICE_SOON_DAYS
      ),
      pressed: this.flag === flag
    }));
    return [all, ...risks].map((chip) => ({
      ...chip,
      className: chip.pressed ? 'slds-button slds-button_brand chip' : 'slds-button slds-button_neutral chip',
      ariaPressed: chip.pressed ? 'true' : 'false'
    }));
  }

  get visible() {
    return visibleRows(this.model.rows, {
      flag: this.flag,
      search: this.search,
      sortBy: this.sortBy,
      sortDirection: this.sortDirection
    });
  }

  get columns() {
    return COLUMNS.map((column) => {
      const sortable = column.sortable !== false;
      const sorted = sortable && this.sortBy === column.key;
      let ariaSort;
      if (sortable) {
        ariaSort = sorted ? (this.sortDirection === 'asc' ? 'ascending' : 'descending') : 'none';
      }
      return {
        ...column,
        sortable,
        sorted,
        ariaSort,
        sortTitle: formatLabel(LABELS.sortBy, column.label),
        icon: sorted && this.sortDirection === 'desc' ? 'utility:arrowdown' : 'utility:arrowup'
      };
    });
  }

  get rows() {
    return this.visible.slice(0, this.shown).map((view) => this.rowView(view));
  }

  rowView(view) {
    const f = view.row.figures;
    const breached = f.openBreached;
    let gap = DASH;
    if (f.coverage === 'in-gap') gap = formatLabel(LABELS.inGapSince, formatDay(f.inGapSince ?? f.gapStart));
    else if (f.gapStart) gap = formatDay(f.gapStart);
    let budget = DASH;
    if (f.budget) {
      const consumed = formatPercent(f.budget.percentConsumed / 100);
      budget =
        f.budget.shortfallDays > 0
          ? formatLabel(LABELS.budgetShortfall, consumed, f.budget.shortfallDays)
          : formatLabel(LABELS.budgetValue, consumed);
    }
    const open = view.openProposal;
    return {
      id: view.id,
      rank: view.row.rank,
      name: f.accountName,
      url: `/lightning/r/Account/${view.id}/view`,
      openTitle: formatLabel(LABELS.openAccount, f.accountName),
      risks: view.row.flags.map((flag) => ({ key: flag, label: RISK_LABELS[flag] })),
      covered: f.coveredToday ? LABELS.yes : LABELS.no,
      coveredClass: f.coveredToday ? '' : 'slds-text-color_error',
      gap,
      notice: f.notice ? formatLabel(LABELS.daysLeft, formatDay(f.notice.deadline), f.notice.daysLeft) : DASH,
      options: f.transition
        ? formatLabel(LABELS.optionValue, f.transition.option, formatDay(f.transition.closesOn), f.transition.daysLeft)
        : DASH,
      breached:
        breached.unjudged > 0
          ? formatLabel(LABELS.breachedUnjudged, breached.response, breached.resolution, breached.unjudged)
          : `${breached.response} / ${breached.resolution}`,
      breachedClass: breached.any > 0 ? 'slds-text-color_error' : '',
      compliance: `${percentText(f.compliance.response.percent)} / ${percentText(f.compliance.resolution.percent)}`,
      budget,
      handover: f.handover
        ? formatLabel(LABELS.handoverValue, formatPercent(f.handover.percent / 100), f.handover.phase)
        : DASH,
      openProposal: open ? { id: open.id, name: open.name, url: `/lightning/r/Opportunity/${open.id}/view` } : null,
      canPropose: !this.proposalsError && !open && Boolean(view.proposal)
    };
  }

  get hasRows() {
    return this.rows.length > 0;
  }

  get hasMore() {
    return this.visible.length > this.shown;
  }

  get showMoreLabel() {
    return formatLabel(LABELS.showMore, formatNumber(Math.min(ROWS_PER_SCREEN, this.visible.length - this.shown)));
  }

  get showingText() {
    return formatLabel(
      LABELS.showing,
      formatNumber(Math.min(this.shown, this.visible.length)),
      formatNumber(this.visible.length)
    );
  }

  /** The account whose proposal form is open, with what the engine proposes for it. */
  get proposing() {
    if (!this.proposingId || !this.model) return null;
    const view = this.model.rows.find((candidate) => candidate.id === this.proposingId);
    return view ? { name: view.row.figures.accountName, proposal: view.proposal, open: view.openProposal } : null;
  }

  handleChip(event) {
    const flag = event.currentTarget.dataset.flag;
    this.flag = flag ? flag : null;
    this.shown = ROWS_PER_SCREEN;
  }

  handleSearch(event) {
    this.search = event.target.value ?? '';
    this.shown = ROWS_PER_SCREEN;
  }

  handleSort(event) {
    const key = event.currentTarget.dataset.key;
    if (this.sortBy === key) {
      this.sortDirection = this.sortDirection === 'asc' ? 'desc' : 'asc';
    } else {
      this.sortBy = key;
      this.sortDirection = 'asc';
    }
  }

  handleShowMore() {
    this.shown += ROWS_PER_SCREEN;
  }

  handleOpenAccount(event) {
    event.preventDefault();
    this[NavigationMixin.Navigate]({
      type: 'standard__recordPage',
      attributes: { recordId: event.currentTarget.dataset.id, objectApiName: 'Account', actionName: 'view' }
    });
  }

  handleOpenProposal(event) {
    event.preventDefault();
    this[NavigationMixin.Navigate]({
      type: 'standard__recordPage',
      attributes: { recordId: event.currentTarget.dataset.id, objectApiName: 'Opportunity', actionName: 'view' }
    });
  }

  handlePropose(event) {
    this.proposingId = event.currentTarget.dataset.id;
  }

  handleProposalCancel() {
    this.proposingId = undefined;
  }

  /** The opportunity exists: read the proposals again, so that the row shows it instead of proposing twice. */
  handleProposalCreated() {
    this.proposingId = undefined;
    this.refreshing = true;
    this.readers.proposals.reload();
  }

  /** Reads every list again from the org (LDS serves them from its cache otherwise). */
  handleRefresh() {
    this.refreshing = true;
    for (const key of LIST_KEYS) {
      this.readers[key].reload();
    }
  }
}
