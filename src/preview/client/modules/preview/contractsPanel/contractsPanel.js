import { LightningElement } from 'lwc';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { getObjectInfo, getPicklistValuesByRecordType } from 'lightning/uiObjectInfoApi';
import { getFieldDisplayValue, getFieldValue, refresh, updateRecord } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { fieldErrorsOf, reduceErrors } from 'c/ldsUtils';
import { context } from 'preview/context';
import { observeWire } from 'preview/wire';

const OBJECT = 'Maintenance_Contract__c';
const FIELDS = ['Name', 'Status__c', 'Contract_Type__c', 'Start_Date__c', 'End_Date__c', 'Handover_Checklist__c'].map(
  (field) => `${OBJECT}.${field}`
);
const OPTIONAL_FIELDS = [`${OBJECT}.Handover_Checklist__r.Name`, `${OBJECT}.Handover_Checklist__r.Phase__c`];

/**
 * The account's Maintenance Contracts related list, with the standard "Edit" of a contract's status, as the
 * Related tab of a Lightning record page offers it: this is how a user activates a contract, and where the org's
 * validation rules (activation needs a signed-off handover) answer. Not a package component: it stands in for the
 * platform's related list and record edit form, which lightning-base-components does not ship.
 */
export default class ContractsPanel extends LightningElement {
  accountId = context.page?.account?.id;
  wired;
  records;
  loadError;
  statusOptions = [];
  fieldLabels = {};
  editing;
  editStatus;
  saving = false;
  saveErrors = [];
  disconnectors = [];

  connectedCallback() {
    this.disconnectors = [
      observeWire(
        getRelatedListRecords,
        {
          parentRecordId: this.accountId,
          relatedListId: 'Maintenance_Contracts__r',
          fields: FIELDS,
          optionalFields: OPTIONAL_FIELDS,
          sortBy: [`${OBJECT}.Start_Date__c`],
          pageSize: 100
        },
        (value) => {
          this.wired = value;
          this.records = value.data?.records;
          this.loadError = value.error;
        }
      ),
      observeWire(getObjectInfo, { objectApiName: OBJECT }, ({ data }) => {
        if (data) {
          this.fieldLabels = Object.fromEntries(
            Object.entries(data.fields).map(([name, field]) => [name, field.label])
          );
          this.disconnectors.push(
            observeWire(
              getPicklistValuesByRecordType,
              { objectApiName: OBJECT, recordTypeId: data.defaultRecordTypeId },
              (picklists) => {
                const values = picklists.data?.picklistFieldValues?.Status__c?.values ?? [];
                this.statusOptions = values.map(({ label, value }) => ({ label, value }));
              }
            )
          );
        }
      })
    ];
  }

  disconnectedCallback() {
    this.disconnectors.forEach((disconnect) => disconnect());
    this.disconnectors = [];
  }

  label(field, fallback) {
    return this.fieldLabels[field] ?? fallback;
  }

  get columns() {
    return {
      name: this.label('Name', 'Contract Name'),
      status: this.label('Status__c', 'Status'),
      type: this.label('Contract_Type__c', 'Contract Type'),
      start: this.label('Start_Date__c', 'Start Date'),
      end: this.label('End_Date__c', 'End Date'),
      checklist: this.label('Handover_Checklist__c', 'Handover Checklist')
    };
  }

  get title() {
    return `Maintenance Contracts (${this.records?.length ?? 0})`;
  }

  get isLoading() {
    return !this.records && !this.loadError;
  }

  get loadMessages() {
    return reduceErrors(this.loadError).join(' ');
  }

  get rows() {
    return (this.records ?? []).map((record) => ({
      id: record.id,
      name: getFieldValue(record, `${OBJECT}.Name`),
      status: getFieldDisplayValue(record, `${OBJECT}.Status__c`) ?? getFieldValue(record, `${OBJECT}.Status__c`),
      statusValue: getFieldValue(record, `${OBJECT}.Status__c`),
      type: getFieldDisplayValue(record, `${OBJECT}.Contract_Type__c`) ?? '',
      start:
        getFieldDisplayValue(record, `${OBJECT}.Start_Date__c`) ?? getFieldValue(record, `${OBJECT}.Start_Date__c`),
      end: getFieldDisplayValue(record, `${OBJECT}.End_Date__c`) ?? getFieldValue(record, `${OBJECT}.End_Date__c`),
      checklist: getFieldValue(record, `${OBJECT}.Handover_Checklist__r.Name`) ?? '',
      checklistPhase: getFieldDisplayValue(record, `${OBJECT}.Handover_Checklist__r.Phase__c`) ?? '',
      editLabel: `Edit ${getFieldValue(record, `${OBJECT}.Name`)}`
    }));
  }

  get hasRows() {
    return this.rows.length > 0;
  }

  get editTitle() {
    return this.editing ? `Edit ${this.editing.name}` : '';
  }

  get hasSaveErrors() {
    return this.saveErrors.length > 0;
  }

  handleEdit(event) {
    const id = event.currentTarget.dataset.id;
    this.editing = this.rows.find((row) => row.id === id);
    this.editStatus = this.editing?.statusValue;
    this.saveErrors = [];
  }

  handleStatusChange(event) {
    this.editStatus = event.detail.value;
    event.target.setCustomValidity('');
    event.target.reportValidity();
  }

  handleCancel() {
    this.editing = undefined;
    this.saveErrors = [];
  }

  async handleSave() {
    const status = this.template.querySelector('.status-input');
    this.saving = true;
    this.saveErrors = [];
    try {
      await updateRecord({ fields: { Id: this.editing.id, Status__c: this.editStatus } });
      this.dispatchEvent(
        new ShowToastEvent({ title: `Maintenance Contract "${this.editing.name}" was saved.`, variant: 'success' })
      );
      this.editing = undefined;
      await refresh(this.wired);
    } catch (error) {
      // As the record edit form does: the message of a rule that names a field shows on that field, the rest on top.
      const byField = fieldErrorsOf(error);
      if (byField.Status__c && status) {
        status.setCustomValidity(byField.Status__c);
        status.reportValidity();
      }
      this.saveErrors = reduceErrors(error);
    } finally {
      this.saving = false;
    }
  }
}
