import { wire } from 'lwc';
import { createRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValuesByRecordType } from 'lightning/uiObjectInfoApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { CloseActionScreenEvent } from 'lightning/actions';
import {
  priorityFor,
  coveringContract,
  holidayHorizon,
  incidentFromRecord,
  incidentTransition
} from 'c/maintenanceEngine';
import { fieldErrorsOf, reduceErrors } from 'c/ldsUtils';
import MaintenanceAccountData from 'c/maintenanceAccountData';
import { INCIDENT_FIELDS, OBJECTS } from 'c/maintenanceRecords';
import { calendarOfContract } from 'c/maintenanceModel';
import { formatDay, formatInstant, formatLabel, userToday } from 'c/maintenanceFormat';
import LABELS from './labels';

/**
 * Logs a maintenance incident on an account, on the Maintenance tab and as the Account quick action
 * "Log Maintenance Incident". The priority shows live from the engine's impact x urgency matrix (and can be set by
 * hand), the covering contract is the engine's pick for now (or an out-of-coverage warning shows), and the response
 * and restore due times the engine will stamp show before saving. createRecord writes exactly the fields the
 * engine computes for the 'create' transition plus what the user typed; errors from the org (validation rules)
 * show next to their field or in the error panel.
 */
export default class IncidentLogger extends MaintenanceAccountData {
  labels = LABELS;
  subject = '';
  description = '';
  category;
  impact;
  urgency;
  priorityOverridden = false;
  manualPriority;
  saving = false;
  saveError;

  picklists;
  picklistError;
  recordTypeId;

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
      // Start from the org's defaults (Corrective, Medium, Medium) unless the user already chose.
      this.category = this.category ?? this.defaultOf(INCIDENT_FIELDS.CATEGORY.fieldApiName);
      this.impact = this.impact ?? this.defaultOf(INCIDENT_FIELDS.IMPACT.fieldApiName);
      this.urgency = this.urgency ?? this.defaultOf(INCIDENT_FIELDS.URGENCY.fieldApiName);
    } else if (error) {
      this.picklistError = error;
    }
  }

  defaultOf(fieldApiName) {
    return this.picklists?.[fieldApiName]?.defaultValue?.value ?? this.optionsOf(fieldApiName)[0]?.value;
  }

  optionsOf(fieldApiName) {
    return (this.picklists?.[fieldApiName]?.values ?? []).map(({ label, value }) => ({ label, value }));
  }

  get isReady() {
    return Boolean(this.picklists && this.model && this.calendars);
  }

  get loadErrors() {
    return [this.batchError, this.picklistError].filter(Boolean);
  }

  get hasLoadErrors() {
    return this.loadErrors.length > 0;
  }

  get categoryOptions() {
    return this.optionsOf(INCIDENT_FIELDS.CATEGORY.fieldApiName);
  }

  get impactOptions() {
    return this.optionsOf(INCIDENT_FIELDS.IMPACT.fieldApiName);
  }

  get urgencyOptions() {
    return this.optionsOf(INCIDENT_FIELDS.URGENCY.fieldApiName);
  }

  get priorityOptions() {
    return this.optionsOf(INCIDENT_FIELDS.PRIORITY.fieldApiName);
  }

  get matrixPriority() {
    return this.impact && this.urgency ? priorityFor(this.impact, this.urgency) : undefined;
  }

  get priority() {
    return this.priorityOverridden && this.manualPriority ? this.manualPriority : this.matrixPriority;
  }

  get matrixPriorityText() {
    return formatLabel(LABELS.priorityFromMatrix, this.matrixPriority ?? '');
  }

  get priorityLocked() {
    return !this.priorityOverridden;
  }

  /** The Active contract the engine says covers the account now, with its UI API record. */
  coveringEntry(now) {
    const contracts = this.model?.contracts ?? [];
    const covering = coveringContract({ contracts: contracts.map((entry) => entry.model), at: now });
    return covering ? contracts.find((entry) => entry.id === covering.id) : undefined;
  }

  get covering() {
    return this.coveringEntry(new Date());
  }

  get coveredByText() {
    return this.covering ? formatLabel(LABELS.coveredBy, this.covering.fields.Name) : '';
  }

  /**
   * Why the due times cannot be computed, or '' when they can: the covering contract's calendar is not in the
   * configuration (it failed to load, or lacks that calendar). Saving is then refused rather than writing an incident
   * without due times, which would escape every SLA figure (and which the org refuses under a contract).
   */
  get dueTimesProblem() {
    const contract = this.covering;
    if (!contract || !this.calendars || calendarOfContract(contract, this.calendars)) {
      return '';
    }
    return this.calendarError ? LABELS.noDueTimes : formatLabel(LABELS.calendarMissing, contract.fields.Calendar__c);
  }

  /**
   * A warning when the covering contract's calendar lists no public holiday beyond 90 days from today (the engine's
   * holidayHorizon): the due times shown would then count a holiday as a working day. Logging stays allowed.
   */
  get holidayWarning() {
    const contract = this.covering;
    const calendar = contract && this.calendars ? calendarOfContract(contract, this.calendars) : null;
    const horizon = calendar ? holidayHorizon({ calendar, today: userToday() }) : null;
    if (!horizon) {
      return '';
    }
    const name = contract.fields.Calendar__c;
    return horizon.lastHoliday
      ? formatLabel(LABELS.holidays, name, formatDay(horizon.lastHoliday))
      : formatLabel(LABELS.holidaysNone, name);
  }

  /**
   * The fields of the new incident: what the user typed, then the engine's stamps for the 'create' transition at
   * `now` (status, priority from the matrix unless set by hand, reported time, covering contract or out-of-coverage
   * flag, due times on the contract's calendar).
   * @param {Date} now
   * @returns {Record<string, unknown>}
   */
  incidentFields(now) {
    const overridden = this.priorityOverridden && Boolean(this.manualPriority);
    const typed = {
      Account__c: this.recordId,
      Subject__c: this.subject.trim(),
      Description__c: this.description,
      Category__c: this.category,
      Impact__c: this.impact,
      Urgency__c: this.urgency,
      Priority__c: overridden ? this.manualPriority : this.matrixPriority,
      Priority_Overridden__c: overridden
    };
    const stamped = incidentTransition({
      incident: incidentFromRecord({ ...typed, Reported_At__c: now.toISOString() }),
      contracts: (this.model?.contracts ?? []).map((entry) => entry.model),
      calendars: this.calendars ?? {},
      action: 'create',
      now
    });
    return { ...typed, ...stamped };
  }

  /** The due times the engine would stamp if the incident were logged now. */
  get preview() {
    if (!this.isReady || !this.priority) {
      return undefined;
    }
    if (this.dueTimesProblem) {
      return undefined;
    }
    const fields = this.incidentFields(new Date());
    return {
      responseDue: formatInstant(fields.Response_Due__c),
      resolutionDue: formatInstant(fields.Resolution_Due__c)
    };
  }

  get hasDueTimes() {
    return Boolean(this.preview && (this.preview.responseDue || this.preview.resolutionDue));
  }

  get saveDisabled() {
    return !this.isReady || this.saving || Boolean(this.dueTimesProblem);
  }

  handleInput(event) {
    const field = event.target.dataset.field;
    this[field] = event.detail.value;
    event.target.setCustomValidity('');
  }

  handleOverrideChange(event) {
    this.priorityOverridden = event.target.checked;
    if (this.priorityOverridden && !this.manualPriority) {
      this.manualPriority = this.matrixPriority;
    }
  }

  inputs() {
    return [...this.template.querySelectorAll('[data-field]')];
  }

  async handleSave() {
    this.saveError = undefined;
    if (this.saveDisabled) {
      return;
    }
    // reportValidity() shows each input's message; only an explicit false blocks the save.
    const valid = this.inputs().reduce((allValid, input) => input.reportValidity() !== false && allValid, true);
    if (!valid || !this.subject.trim()) {
      return;
    }
    this.saving = true;
    try {
      const fields = this.incidentFields(new Date());
      const record = await createRecord({ apiName: OBJECTS.INCIDENT.objectApiName, fields });
      this.dispatchEvent(
        new ShowToastEvent({
          title: formatLabel(LABELS.success, fields.Priority__c),
          message: record?.fields?.Name?.value ?? '',
          variant: 'success'
        })
      );
      this.dispatchEvent(new CustomEvent('incidentlogged', { detail: { id: record?.id } }));
      this.reset();
      this.dispatchEvent(new CloseActionScreenEvent());
    } catch (error) {
      this.showSaveError(error);
    } finally {
      this.saving = false;
    }
  }

  showSaveError(error) {
    const byField = fieldErrorsOf(error);
    const shown = new Set();
    for (const input of this.inputs()) {
      const message = byField[input.dataset.apiName];
      if (message) {
        input.setCustomValidity(message);
        input.reportValidity();
        shown.add(input.dataset.apiName);
      }
    }
    const unshown = Object.keys(byField).filter((field) => !shown.has(field));
    if (unshown.length > 0 || reduceErrors(error).length > Object.keys(byField).length || shown.size === 0) {
      this.saveError = error;
    }
  }

  reset() {
    this.subject = '';
    this.description = '';
    this.priorityOverridden = false;
    this.manualPriority = undefined;
    this.category = this.defaultOf(INCIDENT_FIELDS.CATEGORY.fieldApiName);
    this.impact = this.defaultOf(INCIDENT_FIELDS.IMPACT.fieldApiName);
    this.urgency = this.defaultOf(INCIDENT_FIELDS.URGENCY.fieldApiName);
  }

  handleCancel() {
    this.reset();
    this.dispatchEvent(new CustomEvent('cancel'));
    this.dispatchEvent(new CloseActionScreenEvent());
  }
}
