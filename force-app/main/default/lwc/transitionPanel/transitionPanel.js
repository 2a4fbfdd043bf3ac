import { createRecord, deleteRecord, updateRecord } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import USER_ID from '@salesforce/user/Id';
import {
  COVERING_STATUSES,
  successorContractFields,
  transitionDecisionFields,
  transitionPlan
} from 'c/maintenanceEngine';
import MaintenanceAccountData from 'c/maintenanceAccountData';
import { CONTRACT_FIELDS, OBJECTS, displayValueOf } from 'c/maintenanceRecords';
import { transitionOptions } from 'c/maintenanceModel';
import { reduceErrors } from 'c/ldsUtils';
import { formatDay, formatLabel, userToday } from 'c/maintenanceFormat';
import LABELS from './labels';

/**
 * The transition desk of an account: for each go-live (Maintenance_Transition__c), how many days are left before
 * maintenance must work (maintenanceEngine.transitionPlan: the takeover day), which options are still open and the
 * day each closes, which are already lost, and the decision. Deciding creates the successor contract in Draft with
 * its dates prefilled (successorContractFields) and records the option, the day, who and why on the transition.
 *
 * Data: the account batch and the configuration (the options are Transition_Option__mdt records) through
 * c/maintenanceAccountData, shared with the rest of the tab.
 */
export default class TransitionPanel extends MaintenanceAccountData {
  labels = LABELS;
  /** Transition id -> the option picked in the form and the rationale typed, until decided. */
  drafts = {};
  saving = false;
  saveError;

  get options() {
    return transitionOptions(this.config);
  }

  get optionsMissing() {
    return Boolean(this.config) && this.options.length === 0;
  }

  get isEmpty() {
    return Boolean(this.model) && this.model.transitions.length === 0 && this.unplanned.length === 0;
  }

  /**
   * Handovers still ahead (go-live, or warranty end, from today on) that no transition plan covers and whose gated
   * contract is not signed yet: the panel says so rather than "no go-live planned" next to a checklist that has one.
   */
  get unplanned() {
    if (!this.model) {
      return [];
    }
    const today = userToday();
    const planned = new Set(this.model.transitions.map((transition) => transition.fields.Handover_Checklist__c));
    const signed = new Set(
      this.model.contracts
        .filter((contract) => COVERING_STATUSES.includes(contract.fields.Status__c))
        .map((contract) => contract.fields.Handover_Checklist__c)
    );
    return this.model.checklists
      .filter(({ id, fields }) => {
        const last = fields.Warranty_End_Date__c ?? fields.Go_Live_Date__c;
        return fields.Go_Live_Date__c && !planned.has(id) && !signed.has(id) && last >= today;
      })
      .sort((a, b) => String(a.fields.Go_Live_Date__c).localeCompare(String(b.fields.Go_Live_Date__c)))
      .map(({ id, fields }) => ({
        key: id,
        text: formatLabel(LABELS.unplanned, fields.Project_Name__c ?? fields.Name, formatDay(fields.Go_Live_Date__c))
      }));
  }

  /** One view per transition, the nearest go-live first. */
  get transitions() {
    if (!this.model || this.options.length === 0) {
      return [];
    }
    const today = userToday();
    return [...this.model.transitions]
      .sort((a, b) => String(a.fields.Go_Live_Date__c).localeCompare(String(b.fields.Go_Live_Date__c)))
      .map((transition) => this.view(transition, today));
  }

  view(transition, today) {
    const plan = transitionPlan({
      transition: transition.model,
      options: this.options,
      contracts: this.model.contracts.map((contract) => contract.model),
      amendments: this.model.amendments.map((amendment) => amendment.model),
      checklists: this.model.checklists.map((checklist) => checklist.model),
      today
    });
    const draft = this.drafts[transition.id] ?? {};
    const choices = (plan.open.length > 0 ? plan.open : plan.lost).map((option) => ({
      label: option.label,
      value: option.name
    }));
    const successor = this.model.contracts.find((contract) => contract.id === transition.fields.Successor_Contract__c);
    return {
      id: transition.id,
      name: transition.fields.Name,
      countdown: this.countdown(transition, plan),
      countdownClass: plan.alert || (plan.daysLeft !== null && plan.daysLeft < 0) ? 'slds-text-color_error' : '',
      open: plan.open.map((option) => ({
        key: option.name,
        label: option.label,
        text:
          option.closesOn === null
            ? formatLabel(LABELS.optionNoDeadline, option.leadTimeDays)
            : formatLabel(LABELS.optionCloses, option.leadTimeDays, formatDay(option.closesOn), option.daysLeft)
      })),
      lost: plan.lost.map((option) => ({
        key: option.name,
        label: option.label,
        text: formatLabel(LABELS.optionLost, option.leadTimeDays, formatDay(option.closesOn))
      })),
      hasOpen: plan.open.length > 0,
      hasLost: plan.lost.length > 0,
      decided: plan.decided,
      decisionText: plan.decided
        ? formatLabel(
            LABELS.decided,
            formatDay(plan.decisionDate),
            plan.chosen?.label ?? transition.fields.Option_Chosen__c
          )
        : '',
      rationale: transition.fields.Rationale__c,
      successorText: successor
        ? formatLabel(
            LABELS.successor,
            successor.fields.Name,
            displayValueOf(successor.record, CONTRACT_FIELDS.STATUS),
            formatDay(successor.fields.Start_Date__c)
          )
        : '',
      choices,
      allLost: plan.open.length === 0,
      selected: draft.option ?? choices[0]?.value,
      rationaleDraft: draft.rationale ?? '',
      decideDisabled: this.saving || choices.length === 0,
      plan
    };
  }

  countdown(transition, plan) {
    const goLive = formatDay(transition.fields.Go_Live_Date__c);
    if (plan.takeoverDate === null) {
      return formatLabel(LABELS.countdownCovered, goLive);
    }
    if (plan.daysLeft < 0) {
      return formatLabel(LABELS.countdownPassed, goLive, formatDay(plan.takeoverDate), -plan.daysLeft);
    }
    return formatLabel(LABELS.countdown, goLive, formatDay(plan.takeoverDate), plan.daysLeft);
  }

  handleOptionChange(event) {
    const id = event.target.dataset.id;
    this.drafts = { ...this.drafts, [id]: { ...this.drafts[id], option: event.detail.value } };
  }

  handleRationaleChange(event) {
    const id = event.target.dataset.id;
    this.drafts = { ...this.drafts, [id]: { ...this.drafts[id], rationale: event.detail.value } };
  }

  /**
   * Takes the decision: creates the successor contract in Draft, then records the decision on the transition. When
   * the second write fails, the contract just created is deleted again, so that a retry does not leave two.
   */
  async handleDecide(event) {
    const view = this.transitions.find((candidate) => candidate.id === event.target.dataset.id);
    const transition = this.model.transitions.find((candidate) => candidate.id === view?.id);
    const option = this.options.find((candidate) => candidate.name === view?.selected);
    if (!view || !transition || !option) {
      return;
    }
    this.saving = true;
    this.saveError = undefined;
    let contractId;
    try {
      const fields = successorContractFields({
        transition: { ...transition.model, accountId: this.recordId },
        option,
        takeoverDate: view.plan.takeoverDate
      });
      const contract = await createRecord({ apiName: OBJECTS.CONTRACT.objectApiName, fields });
      contractId = contract.id;
      await updateRecord({
        fields: {
          Id: transition.id,
          ...transitionDecisionFields({ option, today: userToday(), successorContractId: contractId }),
          Decided_By__c: USER_ID,
          Rationale__c: view.rationaleDraft || null
        }
      });
      contractId = undefined;
      this.drafts = { ...this.drafts, [transition.id]: undefined };
      this.toast('success', formatLabel(LABELS.decisionSaved, fields.Name));
      await this.refreshAccountData();
    } catch (error) {
      if (contractId) {
        await deleteRecord(contractId).catch(() => undefined);
      }
      this.saveError = error;
      this.toast('error', LABELS.decisionError, reduceErrors(error).join(' '));
    } finally {
      this.saving = false;
    }
  }

  toast(variant, title, message = '') {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }
}
