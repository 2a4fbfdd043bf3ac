import { api } from 'lwc';
import { createRecord, deleteRecord, updateRecord } from 'lightning/uiRecordApi';
import { EFFORT_KINDS, effortLogFields } from 'c/maintenanceEngine';
import MaintenanceAccountData from 'c/maintenanceAccountData';
import { OBJECTS } from 'c/maintenanceRecords';
import { formatLabel, userToday } from 'c/maintenanceFormat';
import LABELS from './labels';

/**
 * "Log effort" on an incident: days worked, the day, the kind of work and whether it is billed. Saving creates an
 * Effort_Entry__c under the incident's contract (or, out of coverage, the contract the account's work is billed
 * under: maintenanceEngine.effortLogFields) and adds the days to the incident's Effort_Days__c. If the second write
 * fails, the entry is deleted again, so that a retry does not count the work twice.
 *
 * Fires `effortlogged` (detail: { incidentId, days }) after saving and `cancel` when closed.
 */
export default class EffortLogger extends MaintenanceAccountData {
  /** The incident the effort is logged on. */
  @api incidentId;

  labels = LABELS;
  days = 0.5;
  workDate = userToday();
  kind;
  billable = true;
  description = '';
  saving = false;
  saveError;

  get incident() {
    return this.model?.incidents.find((candidate) => candidate.id === this.incidentId);
  }

  get title() {
    return formatLabel(LABELS.title, this.incident?.fields.Name ?? '');
  }

  get kindOptions() {
    return EFFORT_KINDS.map((kind) => ({ label: kind, value: kind }));
  }

  get selectedKind() {
    return this.kind ?? this.incident?.fields.Category__c ?? EFFORT_KINDS[0];
  }

  /** Where the entry would go, or why it cannot be logged (no signed contract on the account). */
  get plan() {
    if (!this.incident || !this.model) return undefined;
    try {
      return this.fieldsFor(0.01);
    } catch (error) {
      return { error: error.message };
    }
  }

  get noContract() {
    return Boolean(this.plan?.error);
  }

  get saveDisabled() {
    return this.saving || !this.incident || this.noContract;
  }

  fieldsFor(days) {
    return effortLogFields({
      incident: this.incident.model,
      contracts: this.model.contracts.map((contract) => contract.model),
      workDate: this.workDate,
      days,
      kind: this.selectedKind,
      billable: this.billable,
      description: this.description || null
    });
  }

  handleChange(event) {
    const { name } = event.target;
    if (name === 'billable') this.billable = event.target.checked;
    else if (name === 'days') this.days = Number(event.target.value);
    else this[name] = event.detail.value ?? event.target.value;
  }

  handleCancel() {
    this.dispatchEvent(new CustomEvent('cancel'));
  }

  async handleSave() {
    // reportValidity() shows each input's message; only an explicit false blocks the save.
    const inputs = [...this.template.querySelectorAll('lightning-input, lightning-combobox')];
    const valid = inputs.reduce((allValid, input) => input.reportValidity() !== false && allValid, true);
    if (!valid || !(this.days > 0)) {
      return;
    }
    this.saving = true;
    this.saveError = undefined;
    let entryId;
    try {
      const { entry, incident } = this.fieldsFor(this.days);
      entryId = (await createRecord({ apiName: OBJECTS.EFFORT.objectApiName, fields: entry })).id;
      await updateRecord({ fields: incident });
      entryId = undefined;
      await this.refreshAccountData();
      this.dispatchEvent(new CustomEvent('effortlogged', { detail: { incidentId: this.incidentId, days: this.days } }));
    } catch (error) {
      if (entryId) {
        await deleteRecord(entryId).catch(() => undefined);
      }
      this.saveError = error;
    } finally {
      this.saving = false;
    }
  }
}
