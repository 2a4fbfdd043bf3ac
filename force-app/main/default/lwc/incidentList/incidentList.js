import { api } from 'lwc';
import { updateRecord } from 'lightning/uiRecordApi';
import { NavigationMixin } from 'lightning/navigation';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import {
  COMPLIANCE_WINDOW_DAYS,
  PRIORITIES,
  addDays,
  allowedActions,
  formatSlaDuration,
  incidentTransition,
  slaBadgeText,
  slaComplianceByClock,
  slaStatus,
  waitRefusal
} from 'c/maintenanceEngine';
import { reduceErrors } from 'c/ldsUtils';
import MaintenanceAccountData from 'c/maintenanceAccountData';
import { INCIDENT_FIELDS, OBJECTS, displayValueOf } from 'c/maintenanceRecords';
import { Snapshot, calendarOfContract, isOpen } from 'c/maintenanceModel';
import { SLA_LOCALE, formatInstant, formatLabel, formatNumber, formatPercent, userToday } from 'c/maintenanceFormat';
import LABELS from './labels';

/** Row actions, by the engine action they run. Which ones a row offers is the engine's call (allowedActions). */
const ROW_ACTIONS = [
  { name: 'acknowledge', label: LABELS.actionAcknowledge },
  { name: 'start', label: LABELS.actionStart },
  { name: 'wait', label: LABELS.actionWait },
  { name: 'resume', label: LABELS.actionResume },
  { name: 'reprioritize', label: LABELS.actionReprioritize },
  { name: 'resolve', label: LABELS.actionResolve },
  { name: 'close', label: LABELS.actionClose },
  { name: 'cancel', label: LABELS.actionCancel }
];

/** Row actions that ask for something first (c-incident-action-form) before the engine runs them. */
const ACTIONS_WITH_FORM = new Set(['reprioritize', 'wait']);

/** Logging effort is not a step of the workflow: every incident offers it, whatever its status. */
const LOG_EFFORT = { name: 'logEffort', label: LABELS.actionLogEffort };
/** Nor is reading the incident's audit trail (c-incident-history). */
const HISTORY = { name: 'history', label: LABELS.actionHistory };

const BAND_LABELS = {
  green: LABELS.bandGreen,
  yellow: LABELS.bandYellow,
  orange: LABELS.bandOrange,
  red: LABELS.bandRed,
  grey: LABELS.bandGrey,
  none: LABELS.bandNone
};

/** SLA_State__c's words (the engine's SLA_STATES), in the user's language. */
const STATE_LABELS = {
  'On Track': LABELS.stateOnTrack,
  Paused: LABELS.statePaused,
  'Response Breached': LABELS.stateResponseBreached,
  Breached: LABELS.stateBreached,
  'Breached (paused)': LABELS.stateBreachedPaused,
  Met: LABELS.stateMet,
  Cancelled: LABELS.stateCancelled,
  'No SLA': LABELS.stateNoSla
};

/** Rows drawn at first and added by each "Show more": enough to fill the card, few enough to draw at once. */
export const PAGE_SIZE = 25;

/** The table's column headers, in cell order (the actions column, labelled for screen readers only, follows). */
const HEADERS = [
  { label: LABELS.columnNumber, className: 'column-number' },
  { label: LABELS.columnSubject },
  { label: LABELS.columnPriority, className: 'column-priority' },
  { label: LABELS.columnStatus },
  { label: LABELS.columnSla },
  { label: LABELS.columnRemaining },
  { label: LABELS.columnResponseDue },
  { label: LABELS.columnResolutionDue }
];

/**
 * The account's incidents in an SLDS table: priority, status, SLA band (coloured, grey while paused), business time
 * left and due times from maintenanceEngine on the contract's calendar, filters, and row actions that write the
 * engine's re-stamped fields with updateRecord.
 *
 * Speed: an account can have a thousand incidents. The engine judges each of them once per data change and once a
 * minute (not at every render), and the table draws the first PAGE_SIZE rows that pass the filters, then PAGE_SIZE more per "Show more".
 * The table is plain SLDS markup rather than lightning-datatable, whose column-width measuring forces a layout on
 * every render and costs more than the rows themselves.
 *
 * Data: the account batch and the calendars, through c/maintenanceAccountData.
 */
export default class IncidentList extends NavigationMixin(MaintenanceAccountData) {
  labels = LABELS;
  headers = HEADERS;
  openOnly = true;
  breachedOnly = false;
  priorityFilter = '';
  shownCount = PAGE_SIZE;
  busyRowId;
  /** The row action waiting for its form (c-incident-action-form): `{ id, action }`, or undefined. */
  pendingAction;
  /** Record page URLs by incident id, from NavigationMixin.GenerateUrl (a Snapshot, filled as they come). */
  recordUrls = new Snapshot({});

  /** Every incident with the engine's SLA status, sorted (a Snapshot, recomputed with the data and every minute). */
  judged;

  /** Reloads the incidents, e.g. after another component logged one. */
  @api
  refreshIncidents() {
    return this.refreshAccountData();
  }

  accountDataChanged() {
    this.judgeIncidents();
  }

  get isLoading() {
    return !this.batchError && (!this.model || !this.calendars);
  }

  get contractsById() {
    return new Map((this.model?.contracts ?? []).map((contract) => [contract.id, contract]));
  }

  /** Runs the engine over every incident, when the incidents or the calendars change and as the clock moves. */
  judgeIncidents() {
    if (!this.model || !this.calendars) {
      this.judged = undefined;
      return;
    }
    const now = new Date();
    const contracts = this.contractsById;
    const rows = this.model.incidents.map((incident) =>
      judge(incident, contracts.get(incident.fields.Contract__c), this.calendars, now)
    );
    const today = userToday(now);
    this.judged = new Snapshot({
      rows: rows.sort(compareRows),
      // The same per-clock compliance as the tab's KPI (one engine function), for the list shown on its own.
      compliance: slaComplianceByClock({
        incidents: this.model.incidents.map((incident) => incident.model),
        contracts: this.model.contracts.map((contract) => contract.model),
        calendars: this.calendars,
        from: addDays(today, -COMPLIANCE_WINDOW_DAYS),
        to: today,
        now
      })
    });
    this.generateRecordUrls();
  }

  /** "GTR compliance, 90 days: 3 of 5 (60 %) · GTI compliance, 90 days: ...", or '' before the data loads. */
  get complianceText() {
    const compliance = this.judged?.compliance;
    if (!compliance) {
      return '';
    }
    const clock = ({ met, counted, percent }, label, none) => {
      return counted > 0 ? formatLabel(label, met, counted, formatPercent(percent / 100)) : none;
    };
    return [
      clock(compliance.resolution, LABELS.complianceGtr, LABELS.complianceGtrNone),
      clock(compliance.response, LABELS.complianceGti, LABELS.complianceGtiNone)
    ].join(' · ');
  }

  /** The record page reference of an incident (its number links to it). */
  recordPage(id) {
    return {
      type: 'standard__recordPage',
      attributes: { recordId: id, objectApiName: OBJECTS.INCIDENT.objectApiName, actionName: 'view' }
    };
  }

  /** Asks the platform for the record page URL of each incident that has none yet, for the links' href. */
  generateRecordUrls() {
    const missing = this.model.incidents.filter((incident) => !(incident.id in this.recordUrls));
    if (missing.length === 0) {
      return;
    }
    Promise.all(
      missing.map((incident) =>
        Promise.resolve(this[NavigationMixin.GenerateUrl](this.recordPage(incident.id))).then(
          (url) => [incident.id, url],
          () => [incident.id, null]
        )
      )
    ).then((generated) => {
      this.recordUrls = new Snapshot({ ...this.recordUrls, ...Object.fromEntries(generated) });
    });
  }

  /** The incident number's link: navigates in the app (a plain click), the href serves new tabs and copied links. */
  handleOpenRecord(event) {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button > 0) {
      return;
    }
    event.preventDefault();
    this[NavigationMixin.Navigate](this.recordPage(event.currentTarget.dataset.id));
  }

  /** The incidents that pass the filters, in list order. */
  get matchingRows() {
    return (this.judged?.rows ?? []).filter(
      (row) =>
        (!this.openOnly || row.open) &&
        (!this.breachedOnly || row.breached) &&
        (!this.priorityFilter || row.priority === this.priorityFilter)
    );
  }

  /** The rows drawn: the first shownCount matching ones, with their texts and actions. */
  get rows() {
    return this.matchingRows.slice(0, this.shownCount).map((row) => this.toRow(row));
  }

  toRow(row) {
    const { incident, status, band } = row;
    const bandLabel = BAND_LABELS[band];
    const badgeText = status ? slaBadgeText(status, SLA_LOCALE) : bandLabel;
    const actions = this.rowActionsFor(row);
    return {
      id: row.id,
      name: row.name,
      recordUrl: this.recordUrls[row.id] ?? '#',
      openLabel: formatLabel(LABELS.openRecord, row.name),
      subject: incident.fields.Subject__c,
      priority: row.priority,
      status: displayValueOf(incident.record, INCIDENT_FIELDS.STATUS),
      band,
      bandLabel: badgeText,
      state: status ? (STATE_LABELS[status.state] ?? status.state) : '',
      bandClass: `slds-badge sla-band sla-band_${band}`,
      bandTitle: status ? `${bandLabel} (${formatPercent(status.elapsedPercent / 100)})` : bandLabel,
      remaining: status ? slaTimeLeft(status.remainingMinutes, row) : '',
      remainingClock: status ? this.clockWording(row) : '',
      responseDue: formatInstant(incident.fields.Response_Due__c),
      resolutionDue: formatInstant(incident.fields.Resolution_Due__c),
      actions,
      hasActions: actions.length > 0,
      actionsLabel: formatLabel(LABELS.rowActions, row.name),
      busy: this.busyRowId === row.id
    };
  }

  /** Which time the "time left" counts: business time on the contract's calendar, or elapsed time on a 24x7 clock. */
  clockWording(row) {
    return row.alwaysOn ? LABELS.clockElapsed : LABELS.clockBusiness;
  }

  get hasIncidents() {
    return (this.model?.incidents.length ?? 0) > 0;
  }

  get hasRows() {
    return this.matchingRows.length > 0;
  }

  get countText() {
    return formatLabel(LABELS.count, this.matchingRows.length, this.model?.incidents.length ?? 0);
  }

  /** When the account has more incidents than one page loads: the list holds the most recent ones. */
  get cappedText() {
    return this.model?.moreIncidents ? formatLabel(LABELS.capped, formatNumber(this.model.incidents.length)) : '';
  }

  get hasMore() {
    return this.matchingRows.length > this.shownCount;
  }

  get showMoreLabel() {
    return formatLabel(LABELS.showMore, this.shownCount, this.matchingRows.length);
  }

  /** Calendars that contracts name but that the org does not have: their incidents get no SLA times. */
  get missingCalendarMessages() {
    if (!this.model || !this.calendars || this.calendarError) {
      return [];
    }
    const missing = new Set(
      this.model.contracts
        .filter((contract) => contract.fields.Calendar__c && !(contract.fields.Calendar__c in this.calendars))
        .map((contract) => contract.fields.Calendar__c)
    );
    return [...missing].map((name) => ({ key: name, text: formatLabel(LABELS.noCalendar, name) }));
  }

  get priorityOptions() {
    return [{ label: LABELS.allPriorities, value: '' }, ...PRIORITIES.map((p) => ({ label: p, value: p }))];
  }

  /**
   * The actions the engine allows from the incident's status (allowedActions), in menu order. "Wait on customer" is
   * offered but disabled, with the reason, when the engine refuses the pause now (waitRefusal: the restore target has
   * passed, and a pause must not hide a breach).
   * @param {{ incident: { model: { status: string } }, waitRefusal: string|null, status: object|null }} row
   * @returns {Array<{ name: string, label: string, disabled: boolean, icon?: string }>}
   */
  rowActionsFor(row) {
    const allowed = allowedActions(row.incident.model.status);
    return [...ROW_ACTIONS.filter(({ name }) => allowed.includes(name)), LOG_EFFORT, HISTORY].map((action) => {
      if (action.name === 'wait' && row.waitRefusal) {
        return { ...action, label: waitRefusedLabel(row), disabled: true, icon: 'utility:lock' };
      }
      return { ...action, disabled: false };
    });
  }

  transition(incidentId, action, now, input = {}) {
    const incident = this.model.incidents.find((candidate) => candidate.id === incidentId);
    const contract = this.contractsById.get(incident.fields.Contract__c);
    return incidentTransition({
      incident: incident.model,
      contract: contract ? contract.model : null,
      calendar: calendarOfContract(contract, this.calendars),
      action,
      now,
      ...input
    });
  }

  /** A row's action menu: `data-id` names the incident, the chosen item's value the engine action. */
  handleRowAction(event) {
    const id = event.currentTarget.dataset.id;
    const action = event.detail.value;
    if (action === LOG_EFFORT.name) {
      this.effortIncidentId = id;
      return undefined;
    }
    if (action === HISTORY.name) {
      this.historyIncidentId = id;
      return undefined;
    }
    if (ACTIONS_WITH_FORM.has(action)) {
      this.pendingAction = { id, action };
      return undefined;
    }
    return this.runAction(id, action, {});
  }

  /** The open action form (none or one), with what it shows of its incident. */
  get pendingForms() {
    const pending = this.pendingAction;
    const incident = pending && this.model?.incidents.find((candidate) => candidate.id === pending.id);
    if (!incident) {
      return [];
    }
    return [
      {
        key: `${pending.action}-${incident.id}`,
        action: pending.action,
        name: incident.fields.Name,
        impact: incident.fields.Impact__c,
        urgency: incident.fields.Urgency__c,
        priority: incident.fields.Priority__c,
        busy: this.busyRowId === incident.id
      }
    ];
  }

  /** The form's answer (e.g. `{ impact, urgency }`) goes to the engine with the pending action. */
  async handleFormSubmit(event) {
    const { id, action } = this.pendingAction;
    if (await this.runAction(id, action, event.detail)) {
      this.pendingAction = undefined;
    }
  }

  handleFormCancel() {
    this.pendingAction = undefined;
  }

  /**
   * Runs an engine transition on a row and writes what it returns.
   * @param {string} id the incident's id
   * @param {string} action the engine action
   * @param {Record<string, unknown>} input what the action's form asked (impact, urgency...)
   * @returns {Promise<boolean>} whether the record was written
   */
  async runAction(id, action, input) {
    const name = this.model.incidents.find((candidate) => candidate.id === id)?.fields.Name ?? id;
    this.busyRowId = id;
    try {
      const fields = this.transition(id, action, new Date(), input);
      await updateRecord({ fields: { Id: id, ...fields } });
      this.toast('success', formatLabel(LABELS.actionSuccess, name));
      await this.refreshIncidents();
      return true;
    } catch (error) {
      this.toast('error', formatLabel(LABELS.actionError, name), reduceErrors(error).join(' '));
      return false;
    } finally {
      this.busyRowId = undefined;
    }
  }

  /** The incident whose history is open (c-incident-history above the table), if any. */
  historyIncidentId;

  get historyIncidentName() {
    return this.model?.incidents.find((candidate) => candidate.id === this.historyIncidentId)?.fields.Name ?? '';
  }

  handleHistoryClose() {
    this.historyIncidentId = undefined;
  }

  /** The incident whose effort is being logged (c-effort-logger open above the table), if any. */
  effortIncidentId;

  handleEffortLogged(event) {
    const name = this.model.incidents.find((candidate) => candidate.id === event.detail.incidentId)?.fields.Name;
    this.effortIncidentId = undefined;
    this.toast('success', formatLabel(LABELS.effortLogged, formatNumber(event.detail.days), name ?? ''));
  }

  handleEffortCancel() {
    this.effortIncidentId = undefined;
  }

  toast(variant, title, message = '') {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }

  handleOpenOnlyChange(event) {
    this.openOnly = event.target.checked;
    this.shownCount = PAGE_SIZE;
  }

  handleBreachedOnlyChange(event) {
    this.breachedOnly = event.target.checked;
    this.shownCount = PAGE_SIZE;
  }

  handlePriorityChange(event) {
    this.priorityFilter = event.detail.value;
    this.shownCount = PAGE_SIZE;
  }

  handleShowMore() {
    this.shownCount += PAGE_SIZE;
  }
}

/**
 * What the engine says of one incident's SLA now, with what the filters and the sort need.
 * @returns {{ id: string, name: string, priority: string, open: boolean, breached: boolean, band: string,
 *   status: object|null, incident: object, resolutionDueTime: number }}
 */
function judge(incident, contract, calendars, now) {
  const calendar = calendarOfContract(contract, calendars);
  const status =
    contract && calendar ? slaStatus({ incident: incident.model, contract: contract.model, calendar, now }) : null;
  return {
    id: incident.id,
    name: incident.fields.Name,
    priority: incident.fields.Priority__c,
    open: isOpen(incident),
    breached: Boolean(status && (status.responseBreached || status.resolutionBreached)),
    band: status ? status.band : 'none',
    status,
    incident,
    calendar,
    alwaysOn: Boolean(status?.alwaysOn),
    waitRefusal: allowedActions(incident.model.status).includes('wait')
      ? waitRefusal({ incident: incident.model, contract: contract ? contract.model : null, calendar, now })
      : null,
    resolutionDueTime: incident.fields.Resolution_Due__c ? Date.parse(incident.fields.Resolution_Due__c) : Infinity
  };
}

/**
 * Time left on the governing clock, readable at any length (maintenanceEngine.formatSlaDuration: "3 h 20 min",
 * "12 business days 3 h", "2 d 4 h" on a 24x7 clock); negative once overdue, then read as "overdue by ...".
 */
function slaTimeLeft(minutes, row) {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes)) {
    return '';
  }
  const text = formatSlaDuration(Math.abs(minutes), {
    alwaysOn: row.alwaysOn,
    calendar: row.calendar ?? undefined,
    locale: SLA_LOCALE
  });
  return minutes < 0 && Math.round(-minutes) > 0 ? formatLabel(LABELS.overdue, text) : text;
}

/**
 * The disabled "Wait on customer" item's text: the engine's refusal in the user's language when it is the restore
 * target that passed (its instant from slaStatus), else the engine's own words.
 */
function waitRefusedLabel(row) {
  const passedAt = row.status?.resolutionBreachedAt;
  return passedAt
    ? formatLabel(LABELS.actionWaitRefused, formatInstant(passedAt))
    : formatLabel(LABELS.actionWaitRefusedOther, row.waitRefusal);
}

// Open incidents first, then the most urgent restore due time, then by number.
function compareRows(a, b) {
  if (a.open !== b.open) {
    return a.open ? -1 : 1;
  }
  if (a.resolutionDueTime !== b.resolutionDueTime) {
    return a.resolutionDueTime < b.resolutionDueTime ? -1 : 1;
  }
  return String(a.name).localeCompare(String(b.name));
}
