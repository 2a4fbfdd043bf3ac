import { LightningElement, api, wire } from 'lwc';
import { createRecord, deleteRecord, updateRecord, refresh } from 'lightning/uiRecordApi';
import { getRelatedListRecords, getRelatedListRecordsBatch } from 'lightning/uiRelatedListApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import USER_ID from '@salesforce/user/Id';
import {
  addDays,
  SIGNED_OFF_PHASES,
  checklistInFocus,
  handoverItemsFromTemplate,
  handoverReadiness,
  reservationUpdates
} from 'c/maintenanceEngine';
import { reduceErrors } from 'c/ldsUtils';
import {
  ACCOUNT_RELATED_LIST_PARAMETERS,
  CHECKLIST_FIELDS,
  ITEM_FIELDS,
  ITEM_FIELD_NAMES,
  OBJECTS,
  RELATED_LISTS,
  displayValueOf
} from 'c/maintenanceRecords';
import { accountModel, itemEntries, templateItems } from 'c/maintenanceModel';
import { loadMaintenanceConfig } from 'c/maintenanceConfig';
import { formatDay, formatLabel, formatPercent, userToday } from 'c/maintenanceFormat';
import LABELS from './labels';

const SIGNED_OFF = 'Signed Off';
const SIGNED_OFF_WITH_RESERVATIONS = 'Signed Off with Reservations';
/** Days a reservation is due after the sign-off when nobody set its due date. */
const RESERVATION_DAYS = 30;

/**
 * The handover checklist of an account: items grouped by category with a progress bar, mandatory markers, done
 * toggles and due dates; "add items from template" (Handover_Template_Item__mdt, from c/maintenanceConfig, loaded
 * only when asked); "Sign off", enabled only when maintenanceEngine.handoverReadiness says canSignOff; "Sign off with
 * reservations", which turns the open mandatory items into reservations owned and dated (reservationUpdates) and
 * keeps them on the list until they are done; and "New handover checklist", which creates the checklist and the
 * transition plan of its go-live. Fires `readinesschange` so that the Maintenance overview can show the readiness KPI.
 */
export default class HandoverChecklist extends LightningElement {
  /** Account id (record page context). */
  @api recordId;

  labels = LABELS;
  checklists;
  batchError;
  selectedChecklistId;
  items;
  itemsError;
  template;
  templateError;
  showTemplate = false;
  showReservations = false;
  reservationsDue;
  /** The "New handover checklist" form's values while it is open. */
  newChecklist;
  saving = false;
  saveError;
  wiredBatch;
  wiredItems;

  @wire(getRelatedListRecordsBatch, {
    parentRecordId: '$recordId',
    relatedListParameters: ACCOUNT_RELATED_LIST_PARAMETERS
  })
  wiredAccountLists(value) {
    this.wiredBatch = value;
    const { data, error } = value;
    if (data) {
      const model = accountModel(data);
      this.checklists = model.checklists;
      this.batchError = model.errors.length > 0 ? model.errors : undefined;
      if (!this.checklists.some((checklist) => checklist.id === this.selectedChecklistId)) {
        this.selectedChecklistId = defaultChecklist(this.checklists)?.id;
      }
    } else if (error) {
      this.checklists = undefined;
      this.batchError = error;
    }
  }

  @wire(getRelatedListRecords, {
    parentRecordId: '$selectedChecklistId',
    relatedListId: RELATED_LISTS.ITEMS,
    fields: ITEM_FIELD_NAMES,
    pageSize: 200
  })
  wiredChecklistItems(value) {
    this.wiredItems = value;
    const { data, error } = value;
    if (data) {
      this.items = itemEntries(data);
      this.itemsError = undefined;
      this.notifyReadiness();
    } else if (error) {
      this.items = undefined;
      this.itemsError = error;
    }
  }

  get checklist() {
    return this.checklists?.find((checklist) => checklist.id === this.selectedChecklistId);
  }

  get hasChecklists() {
    return (this.checklists?.length ?? 0) > 0;
  }

  get isEmpty() {
    return Array.isArray(this.checklists) && this.checklists.length === 0;
  }

  get hasSeveralChecklists() {
    return (this.checklists?.length ?? 0) > 1;
  }

  get checklistOptions() {
    return (this.checklists ?? []).map((checklist) => ({
      label: `${checklist.fields.Name} — ${checklist.fields.Project_Name__c ?? ''}`,
      value: checklist.id
    }));
  }

  get loadErrors() {
    return [this.batchError, this.itemsError].filter(Boolean);
  }

  get hasLoadErrors() {
    return this.loadErrors.length > 0;
  }

  get isLoading() {
    return !this.hasLoadErrors && (!this.checklists || (this.checklist && !this.items));
  }

  get readiness() {
    if (!this.checklist || !this.items) {
      return undefined;
    }
    return handoverReadiness({ checklist: this.checklist.model, items: this.items.map((item) => item.model) });
  }

  notifyReadiness() {
    const readiness = this.readiness;
    if (readiness) {
      this.dispatchEvent(
        new CustomEvent('readinesschange', {
          detail: {
            checklistId: this.checklist.id,
            name: this.checklist.fields.Name,
            percent: readiness.percent,
            mandatoryOpen: readiness.mandatoryOpen,
            canSignOff: readiness.canSignOff,
            signedOff: this.isSignedOff
          }
        })
      );
    }
  }

  get progressValue() {
    return this.readiness ? Math.round(this.readiness.percent) : 0;
  }

  get progressText() {
    const readiness = this.readiness;
    return readiness
      ? formatLabel(LABELS.progress, formatPercent(readiness.percent / 100), readiness.mandatoryOpen)
      : '';
  }

  get phaseText() {
    return this.checklist
      ? formatLabel(LABELS.phase, displayValueOf(this.checklist.record, CHECKLIST_FIELDS.PHASE))
      : '';
  }

  get datesText() {
    const fields = this.checklist?.fields;
    if (!fields) {
      return '';
    }
    return fields.Warranty_End_Date__c
      ? formatLabel(LABELS.goLive, formatDay(fields.Go_Live_Date__c), formatDay(fields.Warranty_End_Date__c))
      : formatLabel(LABELS.goLiveNoWarranty, formatDay(fields.Go_Live_Date__c));
  }

  get isSignedOff() {
    return SIGNED_OFF_PHASES.includes(this.checklist?.fields.Phase__c);
  }

  get canSignOffWithReservations() {
    return !this.isSignedOff && Boolean(this.readiness) && !this.readiness.canSignOff;
  }

  /** The reservations still open, the first due first (they stay here until done). */
  get reservations() {
    return (this.readiness?.reservations ?? []).map((item) => ({
      id: item.id,
      text: formatLabel(LABELS.reservationLine, item.name, formatDay(item.dueDate))
    }));
  }

  get hasReservations() {
    return this.reservations.length > 0;
  }

  get signedOffText() {
    return formatLabel(LABELS.signedOff, formatDay(this.checklist?.fields.Signed_Off_On__c));
  }

  get reservationsIntro() {
    return formatLabel(LABELS.reservationsIntroLabel, this.readiness?.mandatoryOpen ?? 0);
  }

  get signOffDisabled() {
    return this.saving || !this.readiness?.canSignOff;
  }

  get hasItems() {
    return (this.items?.length ?? 0) > 0;
  }

  /** Items grouped by category, groups in template order (lowest sort order first), items by sort order. */
  get groups() {
    const groups = new Map();
    const sorted = [...(this.items ?? [])].sort(
      (a, b) => (a.fields.Sort_Order__c ?? Infinity) - (b.fields.Sort_Order__c ?? Infinity)
    );
    for (const item of sorted) {
      const key = item.fields.Category__c ?? '';
      if (!groups.has(key)) {
        groups.set(key, {
          key: key || 'none',
          label: displayValueOf(item.record, ITEM_FIELDS.CATEGORY),
          items: []
        });
      }
      groups.get(key).items.push(this.toView(item));
    }
    return [...groups.values()].map((group) => ({
      ...group,
      heading: `${group.label} (${group.items.filter((item) => item.done).length}/${group.items.length})`
    }));
  }

  toView(item) {
    const fields = item.fields;
    return {
      id: item.id,
      name: fields.Name,
      done: Boolean(fields.Done__c),
      mandatory: Boolean(fields.Mandatory__c),
      dueText: fields.Due_Date__c ? formatLabel(LABELS.due, formatDay(fields.Due_Date__c)) : '',
      doneText: fields.Done__c && fields.Done_On__c ? formatLabel(LABELS.doneOn, formatDay(fields.Done_On__c)) : '',
      evidenceLink: fields.Evidence_Link__c,
      reservation: Boolean(fields.Reservation__c),
      // After a sign-off only the reservations are still to be closed.
      disabled: this.saving || (this.isSignedOff && !(fields.Reservation__c && !fields.Done__c))
    };
  }

  /** The template items this checklist lacks, as the engine decides them (idempotent by Template_Item__c). */
  get itemsToAdd() {
    if (!this.template || !this.checklist || !this.items) {
      return [];
    }
    return handoverItemsFromTemplate({
      checklist: this.checklist.model,
      existingItems: this.items.map((item) => item.model),
      templateItems: this.template
    });
  }

  get templateLoading() {
    return this.showTemplate && !this.template && !this.templateError;
  }

  get templateReady() {
    return this.showTemplate && Boolean(this.template);
  }

  get hasItemsToAdd() {
    return this.itemsToAdd.length > 0;
  }

  get templateMissingText() {
    return formatLabel(LABELS.templateMissing, this.itemsToAdd.length);
  }

  get templateAddText() {
    return formatLabel(LABELS.templateAdd, this.itemsToAdd.length);
  }

  get addFromTemplateDisabled() {
    return this.isSignedOff || this.saving;
  }

  handleChecklistChange(event) {
    this.selectedChecklistId = event.detail.value;
    this.items = undefined;
  }

  handleOpenTemplate() {
    this.showTemplate = true;
    return loadMaintenanceConfig().then(
      (config) => {
        this.template = templateItems(config);
        this.templateError = undefined;
      },
      (error) => {
        this.template = undefined;
        this.templateError = error;
      }
    );
  }

  handleCloseTemplate() {
    this.showTemplate = false;
  }

  async handleAddFromTemplate() {
    const toAdd = this.itemsToAdd;
    await this.save(async () => {
      for (const fields of toAdd) {
        // One at a time: the roll-ups on the checklist lock its row, and parallel inserts would contend for it.
        // eslint-disable-next-line no-await-in-loop
        await createRecord({
          apiName: OBJECTS.ITEM.objectApiName,
          fields: { ...fields, Checklist__c: this.checklist.id }
        });
      }
      this.showTemplate = false;
      this.toast('success', formatLabel(LABELS.templateAdded, toAdd.length));
    });
  }

  async handleDoneChange(event) {
    const done = event.target.checked;
    await this.save(() =>
      updateRecord({
        fields: {
          Id: event.target.dataset.id,
          Done__c: done,
          Done_On__c: done ? userToday() : null
        }
      })
    );
  }

  async handleSignOff() {
    await this.save(async () => {
      await updateRecord({
        fields: {
          Id: this.checklist.id,
          Phase__c: SIGNED_OFF,
          Signed_Off_By__c: USER_ID,
          Signed_Off_On__c: userToday()
        }
      });
      this.toast('success', LABELS.signOffSuccess);
    });
  }

  handleOpenReservations() {
    this.reservationsDue = addDays(userToday(), RESERVATION_DAYS);
    this.showReservations = true;
  }

  handleCloseReservations() {
    this.showReservations = false;
  }

  handleReservationsDueChange(event) {
    this.reservationsDue = event.detail.value;
  }

  /** Each open mandatory item becomes a reservation (owned, dated), then the checklist is signed off with them. */
  async handleSignOffWithReservations() {
    const updates = reservationUpdates({
      items: this.items.map((item) => item.model),
      ownerId: USER_ID,
      dueDate: this.reservationsDue
    });
    await this.save(async () => {
      for (const fields of updates) {
        // One at a time, as the inserts: the checklist's roll-ups lock its row.
        // eslint-disable-next-line no-await-in-loop
        await updateRecord({ fields });
      }
      await updateRecord({
        fields: {
          Id: this.checklist.id,
          Phase__c: SIGNED_OFF_WITH_RESERVATIONS,
          Signed_Off_By__c: USER_ID,
          Signed_Off_On__c: userToday()
        }
      });
      this.showReservations = false;
      this.toast('success', formatLabel(LABELS.reservationsSignedOff, updates.length));
    });
  }

  handleOpenNew() {
    this.newChecklist = { project: '', goLive: null, warrantyEnd: null };
  }

  handleCloseNew() {
    this.newChecklist = undefined;
  }

  handleNewChange(event) {
    this.newChecklist = { ...this.newChecklist, [event.target.name]: event.detail.value || null };
  }

  /**
   * Creates the checklist and, when it has a go-live, the transition plan of that go-live (linked to it); if the
   * second write fails the checklist is deleted again, so that a retry does not leave two.
   */
  async handleCreateChecklist() {
    // reportValidity() shows each input's message; only an explicit false blocks the save.
    // (`this.template` holds the template items in this component: the form is reached through its ref.)
    const inputs = [...this.refs.newChecklist.querySelectorAll('lightning-input')];
    const valid = inputs.reduce((allValid, input) => input.reportValidity() !== false && allValid, true);
    if (!valid || !this.newChecklist.project) {
      return;
    }
    const { project, goLive, warrantyEnd } = this.newChecklist;
    let checklistId;
    await this.save(async () => {
      try {
        const checklist = await createRecord({
          apiName: OBJECTS.CHECKLIST.objectApiName,
          fields: {
            Account__c: this.recordId,
            Name: `${LABELS.newChecklistPrefix} ${project}`.slice(0, 80),
            Project_Name__c: project,
            Go_Live_Date__c: goLive,
            Warranty_End_Date__c: warrantyEnd
          }
        });
        checklistId = checklist.id;
        if (goLive) {
          await createRecord({
            apiName: OBJECTS.TRANSITION.objectApiName,
            fields: {
              Account__c: this.recordId,
              Name: project.slice(0, 80),
              Handover_Checklist__c: checklistId,
              Go_Live_Date__c: goLive,
              Warranty_End_Date__c: warrantyEnd
            }
          });
        }
      } catch (error) {
        if (checklistId) await deleteRecord(checklistId).catch(() => undefined);
        throw error;
      }
      this.selectedChecklistId = checklistId;
      this.newChecklist = undefined;
      this.toast('success', formatLabel(LABELS.checklistCreated, project));
    });
  }

  /** Runs a write, then reloads the items and the checklist (its roll-ups and phase changed). */
  async save(write) {
    this.saving = true;
    this.saveError = undefined;
    try {
      await write();
      await Promise.all([refresh(this.wiredItems), refresh(this.wiredBatch)]);
    } catch (error) {
      this.saveError = error;
      this.toast('error', LABELS.saveError, reduceErrors(error).join(' '));
    } finally {
      this.saving = false;
    }
  }

  toast(variant, title, message = '') {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }
}

// The checklist to show first: the engine's rule (checklistInFocus), shared with the portfolio cockpit.
function defaultChecklist(checklists) {
  const focus = checklistInFocus(
    checklists.map((checklist) => ({
      id: checklist.id,
      phase: checklist.fields.Phase__c,
      warrantyEndDate: checklist.fields.Warranty_End_Date__c
    }))
  );
  return focus ? checklists.find((checklist) => checklist.id === focus.id) : undefined;
}
