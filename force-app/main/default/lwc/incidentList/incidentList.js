import { LightningElement, api, wire } from 'lwc';
import { updateRecord, refresh } from 'lightning/uiRecordApi';
import { getRelatedListRecordsBatch } from 'lightning/uiRelatedListApi';
import { getListRecordsByName } from 'lightning/uiListsApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { allowedActions, slaStatus, incidentTransition } from 'c/maintenanceEngine';
import { reduceErrors } from 'c/ldsUtils';
import {
  ACCOUNT_RELATED_LIST_PARAMETERS,
  CALENDAR_FIELD_NAMES,
  INCIDENT_FIELDS,
  METADATA_LIST_VIEW,
  OBJECTS,
  displayValueOf
} from 'c/maintenanceRecords';
import { accountModel, calendarsByName, calendarOfContract, isOpen } from 'c/maintenanceModel';
import { formatDuration, formatInstant, formatLabel, formatPercent } from 'c/maintenanceFormat';
import LABELS from './labels';

/** Row actions, by the engine action they run. Which ones a row offers is the engine's call (allowedActions). */
const ROW_ACTIONS = [
  { name: 'acknowledge', label: LABELS.actionAcknowledge },
  { name: 'start', label: LABELS.actionStart },
  { name: 'wait', label: LABELS.actionWait },
  { name: 'resume', label: LABELS.actionResume },
  { name: 'resolve', label: LABELS.actionResolve }
];

// Badge colours of the SLA bands (SLDS palette), with text colours that keep a 4.5:1 contrast.
const BAND_STYLES = {
  green: 'background-color:#2e844a;color:#ffffff',
  yellow: 'background-color:#fcc003;color:#181818',
  orange: 'background-color:#dd7a01;color:#181818',
  red: 'background-color:#ba0517;color:#ffffff',
  grey: 'background-color:#747474;color:#ffffff',
  none: 'background-color:#f3f3f3;color:#181818'
};
const BAND_LABELS = {
  green: LABELS.bandGreen,
  yellow: LABELS.bandYellow,
  orange: LABELS.bandOrange,
  red: LABELS.bandRed,
  grey: LABELS.bandGrey,
  none: LABELS.bandNone
};

const PRIORITIES = ['P1', 'P2', 'P3', 'P4'];

/**
 * The account's incidents in a lightning-datatable: priority, status, SLA band (coloured, grey while paused),
 * business time left and due times from maintenanceEngine on the contract's calendar, filters, and row actions that
 * write the engine's re-stamped fields with updateRecord.
 *
 * Data: the shared account batch (c/maintenanceRecords, one request for contracts, incidents and checklists) and the
 * calendars, read from the Maintenance_Calendar__mdt `All` list view with getListRecordsByName (lightning/uiListsApi),
 * because the UI API offers no other way to read custom metadata without record ids.
 */
export default class IncidentList extends LightningElement {
  /** Account id (record page context). */
  @api recordId;

  labels = LABELS;
  openOnly = true;
  breachedOnly = false;
  priorityFilter = '';
  busyRowId;

  model;
  batchError;
  calendars;
  calendarError;
  wiredBatch;

  @wire(getRelatedListRecordsBatch, {
    parentRecordId: '$recordId',
    relatedListParameters: ACCOUNT_RELATED_LIST_PARAMETERS
  })
  wiredAccountLists(value) {
    this.wiredBatch = value;
    const { data, error } = value;
    if (data) {
      this.model = accountModel(data);
      this.batchError = this.model.errors.length > 0 ? this.model.errors : undefined;
    } else if (error) {
      this.model = undefined;
      this.batchError = error;
    }
  }

  @wire(getListRecordsByName, {
    objectApiName: OBJECTS.CALENDAR.objectApiName,
    listViewApiName: METADATA_LIST_VIEW,
    fields: CALENDAR_FIELD_NAMES,
    pageSize: 200
  })
  wiredCalendars({ data, error }) {
    if (data) {
      this.calendars = calendarsByName(data);
      this.calendarError = undefined;
    } else if (error) {
      this.calendars = {};
      this.calendarError = error;
    }
  }

  /** Reloads the incidents, e.g. after another component logged one. */
  @api
  refreshIncidents() {
    return this.wiredBatch ? refresh(this.wiredBatch) : Promise.resolve();
  }

  get isLoading() {
    return !this.batchError && (!this.model || !this.calendars);
  }

  get contractsById() {
    return new Map((this.model?.contracts ?? []).map((contract) => [contract.id, contract]));
  }

  /** Every incident with what the engine says about its SLA now. */
  get allRows() {
    if (!this.model || !this.calendars) {
      return [];
    }
    const now = new Date();
    const contracts = this.contractsById;
    return this.model.incidents
      .map((incident) => this.toRow(incident, contracts.get(incident.fields.Contract__c), now))
      .sort(compareRows);
  }

  toRow(incident, contract, now) {
    const calendar = calendarOfContract(contract, this.calendars);
    const status =
      contract && calendar ? slaStatus({ incident: incident.model, contract: contract.model, calendar, now }) : null;
    const band = status ? status.band : 'none';
    const bandLabel = BAND_LABELS[band];
    return {
      id: incident.id,
      name: incident.fields.Name,
      subject: incident.fields.Subject__c,
      priority: incident.fields.Priority__c,
      status: displayValueOf(incident.record, INCIDENT_FIELDS.STATUS),
      open: isOpen(incident),
      breached: Boolean(status && (status.responseBreached || status.resolutionBreached)),
      band,
      bandLabel,
      badgeStyle: BAND_STYLES[band],
      bandTitle: status ? `${bandLabel} (${formatPercent(status.elapsedPercent / 100)})` : bandLabel,
      remaining: status ? formatDuration(status.remainingMinutes) : '',
      responseDue: formatInstant(incident.fields.Response_Due__c),
      resolutionDue: formatInstant(incident.fields.Resolution_Due__c),
      resolutionDueTime: incident.fields.Resolution_Due__c ? Date.parse(incident.fields.Resolution_Due__c) : Infinity,
      missingCalendar: Boolean(contract && !calendar)
    };
  }

  get rows() {
    return this.allRows.filter(
      (row) =>
        (!this.openOnly || row.open) &&
        (!this.breachedOnly || row.breached) &&
        (!this.priorityFilter || row.priority === this.priorityFilter)
    );
  }

  get hasIncidents() {
    return (this.model?.incidents.length ?? 0) > 0;
  }

  get hasRows() {
    return this.rows.length > 0;
  }

  get countText() {
    return formatLabel(LABELS.count, this.rows.length, this.model?.incidents.length ?? 0);
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

  get columns() {
    return [
      { label: LABELS.columnNumber, fieldName: 'name', initialWidth: 110 },
      { label: LABELS.columnSubject, fieldName: 'subject', wrapText: true },
      { label: LABELS.columnPriority, fieldName: 'priority', initialWidth: 90 },
      { label: LABELS.columnStatus, fieldName: 'status' },
      {
        label: LABELS.columnSla,
        fieldName: 'bandLabel',
        type: 'slaBand',
        typeAttributes: { badgeStyle: { fieldName: 'badgeStyle' }, title: { fieldName: 'bandTitle' } }
      },
      { label: LABELS.columnRemaining, fieldName: 'remaining' },
      { label: LABELS.columnResponseDue, fieldName: 'responseDue' },
      { label: LABELS.columnResolutionDue, fieldName: 'resolutionDue' },
      { type: 'action', typeAttributes: { rowActions: (row, done) => done(this.rowActionsFor(row)) } }
    ];
  }

  /**
   * The actions the engine allows from the incident's status (allowedActions), in menu order.
   * @param {{ id: string }} row
   * @returns {Array<{ name: string, label: string, disabled: boolean }>}
   */
  rowActionsFor(row) {
    const incident = this.model.incidents.find((candidate) => candidate.id === row.id);
    const allowed = incident ? allowedActions(incident.model.status) : [];
    return ROW_ACTIONS.filter(({ name }) => allowed.includes(name)).map(({ name, label }) => ({
      name,
      label,
      disabled: this.busyRowId === row.id
    }));
  }

  transition(incidentId, action, now) {
    const incident = this.model.incidents.find((candidate) => candidate.id === incidentId);
    const contract = this.contractsById.get(incident.fields.Contract__c);
    return incidentTransition({
      incident: incident.model,
      contract: contract ? contract.model : null,
      calendar: calendarOfContract(contract, this.calendars),
      action,
      now
    });
  }

  async handleRowAction(event) {
    const { action, row } = event.detail;
    this.busyRowId = row.id;
    try {
      const fields = this.transition(row.id, action.name, new Date());
      await updateRecord({ fields: { Id: row.id, ...fields } });
      this.toast('success', formatLabel(LABELS.actionSuccess, row.name));
      await this.refreshIncidents();
    } catch (error) {
      this.toast('error', formatLabel(LABELS.actionError, row.name), reduceErrors(error).join(' '));
    } finally {
      this.busyRowId = undefined;
    }
  }

  toast(variant, title, message = '') {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }

  handleOpenOnlyChange(event) {
    this.openOnly = event.target.checked;
  }

  handleBreachedOnlyChange(event) {
    this.breachedOnly = event.target.checked;
  }

  handlePriorityChange(event) {
    this.priorityFilter = event.detail.value;
  }
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
