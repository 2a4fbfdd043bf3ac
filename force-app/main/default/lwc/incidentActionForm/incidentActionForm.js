import { api, LightningElement, wire } from 'lwc';
import { getObjectInfo, getPicklistValuesByRecordType } from 'lightning/uiObjectInfoApi';
import { priorityFor } from 'c/maintenanceEngine';
import { INCIDENT_FIELDS, OBJECTS } from 'c/maintenanceRecords';
import { formatLabel } from 'c/maintenanceFormat';
import LABELS from './labels';

/** The row actions that ask something before they run, with the title of their form. */
const TITLES = {
  reprioritize: LABELS.reprioritizeTitle,
  wait: LABELS.waitTitle
};

/**
 * What a row action of the incident list needs before it runs: to reprioritise, the new impact and urgency, with the
 * priority the engine's matrix gives them shown as they change (and the current one beside it); to wait on the
 * customer, the reason (Pause_Reason__c: a pause needs one). The choices come from the org's picklists (translated
 * labels), read only while the form is open.
 *
 * Fires `submit` (detail: `{ impact, urgency }` or `{ pauseReason }`) and `cancel`. The incident list runs the engine's transition with
 * what was chosen: this form holds no rule of its own.
 */
export default class IncidentActionForm extends LightningElement {
  /** The engine action the form prepares: 'reprioritize' or 'wait'. */
  @api action;
  /** The incident's number, for the title. */
  @api incidentName;
  /** The incident's current impact, urgency and priority. */
  @api impact;
  @api urgency;
  @api priority;
  /** True while the list writes the record: the buttons are disabled. */
  @api busy = false;

  labels = LABELS;
  recordTypeId;
  picklists;
  picklistError;
  chosen = {};

  @wire(getObjectInfo, { objectApiName: OBJECTS.INCIDENT })
  wiredObjectInfo({ data, error }) {
    if (data) {
      this.recordTypeId = data.defaultRecordTypeId;
    } else if (error) {
      this.picklistError = error;
    }
  }

  @wire(getPicklistValuesByRecordType, { objectApiName: OBJECTS.INCIDENT, recordTypeId: '$recordTypeId' })
  wiredPicklists({ data, error }) {
    if (data) {
      this.picklists = data.picklistFieldValues;
      this.picklistError = undefined;
    } else if (error) {
      this.picklistError = error;
    }
  }

  get title() {
    return formatLabel(TITLES[this.action] ?? '', this.incidentName ?? '');
  }

  get isReprioritize() {
    return this.action === 'reprioritize';
  }

  get isWait() {
    return this.action === 'wait';
  }

  get isLoading() {
    return !this.picklists && !this.picklistError;
  }

  optionsOf(fieldId) {
    return (this.picklists?.[fieldId.fieldApiName]?.values ?? []).map(({ label, value }) => ({ label, value }));
  }

  get impactOptions() {
    return this.optionsOf(INCIDENT_FIELDS.IMPACT);
  }

  get urgencyOptions() {
    return this.optionsOf(INCIDENT_FIELDS.URGENCY);
  }

  get pauseReasonOptions() {
    return this.optionsOf(INCIDENT_FIELDS.PAUSE_REASON);
  }

  get selectedPauseReason() {
    return this.chosen.pauseReason;
  }

  get selectedImpact() {
    return this.chosen.impact ?? this.impact;
  }

  get selectedUrgency() {
    return this.chosen.urgency ?? this.urgency;
  }

  /** The priority the matrix gives the chosen impact and urgency (maintenanceEngine.priorityFor). */
  get newPriority() {
    return this.selectedImpact && this.selectedUrgency ? priorityFor(this.selectedImpact, this.selectedUrgency) : '';
  }

  get newPriorityText() {
    return formatLabel(LABELS.newPriority, this.newPriority, this.priority ?? '');
  }

  get saveDisabled() {
    const complete = this.isWait ? Boolean(this.selectedPauseReason) : Boolean(this.newPriority);
    return this.busy || !this.picklists || !complete;
  }

  handleChange(event) {
    this.chosen = { ...this.chosen, [event.target.name]: event.detail.value };
  }

  handleSave() {
    if (this.saveDisabled) {
      return;
    }
    const detail = this.isWait
      ? { pauseReason: this.selectedPauseReason }
      : { impact: this.selectedImpact, urgency: this.selectedUrgency };
    this.dispatchEvent(new CustomEvent('submit', { detail }));
  }

  handleCancel() {
    this.dispatchEvent(new CustomEvent('cancel'));
  }
}
