import { api, LightningElement, wire } from 'lwc';
import { getObjectInfo, getPicklistValuesByRecordType } from 'lightning/uiObjectInfoApi';
import { priorityFor } from 'c/maintenanceEngine';
import { INCIDENT_FIELDS, OBJECTS } from 'c/maintenanceRecords';
import { formatLabel } from 'c/maintenanceFormat';
import LABELS from './labels';

/** The row actions that ask something before they run, with the title of their form. */
const TITLES = {
  reprioritize: LABELS.reprioritizeTitle
};

/**
 * What a row action of the incident list needs before it runs: to reprioritise, the new impact and urgency, with the
 * priority the engine's matrix gives them shown as they change (and the current one beside it). The choices come from
 * the org's picklists (translated labels), read only while the form is open.
 *
 * Fires `submit` (detail: `{ impact, urgency }`) and `cancel`. The incident list runs the engine's transition with
 * what was chosen: this form holds no rule of its own.
 */
export default class IncidentActionForm extends LightningElement {
  /** The engine action the form prepares: 'reprioritize'. */
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
    return this.busy || !this.picklists || !this.newPriority;
  }

  handleChange(event) {
    this.chosen = { ...this.chosen, [event.target.name]: event.detail.value };
  }

  handleSave() {
    if (this.saveDisabled) {
      return;
    }
    this.dispatchEvent(
      new CustomEvent('submit', { detail: { impact: this.selectedImpact, urgency: this.selectedUrgency } })
    );
  }

  handleCancel() {
    this.dispatchEvent(new CustomEvent('cancel'));
  }
}
