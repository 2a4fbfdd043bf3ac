import { LightningElement, api } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { createRecord } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { formatCurrency, formatDay, formatLabel } from 'c/maintenanceFormat';
import LABELS from './labels';

const OPPORTUNITY = 'Opportunity';

/**
 * "Propose maintenance" for one account, on the Maintenance tab and on the Maintenance Cockpit: the account's open
 * maintenance proposal (maintenanceEngine.openProposal) when it has one, so that nobody proposes twice; else, when its
 * coverage has a gap, a button that shows what would be proposed (maintenanceEngine.maintenanceProposal: term, SLA
 * template, amount, close date) and creates the Opportunity on confirmation.
 *
 * The parent computes both from the engine and passes them; this component only shows them and writes the record.
 * Fires `proposalcreated` (detail: { id }) once the opportunity exists, and `cancel` when the form is closed.
 */
export default class MaintenanceProposal extends NavigationMixin(LightningElement) {
  labels = LABELS;
  /** The account's name, for the form's title (the cockpit lists many accounts; the tab is one account's). */
  @api accountName;
  /** maintenanceEngine.maintenanceProposal's answer, or null when the account has no gap. */
  @api proposal;
  /** maintenanceEngine.openProposal's answer, or null. */
  @api openProposal;
  /** Open the form at once (the cockpit opens it from a row's button). */
  @api
  get expanded() {
    return this.showForm;
  }
  set expanded(value) {
    this.showForm = Boolean(value);
  }

  showForm = false;
  saving = false;
  saveError;

  get hasOpenProposal() {
    return Boolean(this.openProposal);
  }

  get canPropose() {
    return !this.openProposal && Boolean(this.proposal);
  }

  get showButton() {
    return this.canPropose && !this.showForm;
  }

  get formVisible() {
    return this.canPropose && this.showForm;
  }

  get openText() {
    const open = this.openProposal;
    return formatLabel(LABELS.open, open.name, open.stageName, formatDay(open.closeDate));
  }

  get openUrl() {
    return `/lightning/r/Opportunity/${this.openProposal.id}/view`;
  }

  get title() {
    return this.accountName ? formatLabel(LABELS.title, this.accountName) : LABELS.propose;
  }

  get summary() {
    const p = this.proposal;
    return formatLabel(
      LABELS.summary,
      p.termMonths,
      p.slaTemplate,
      formatDay(p.gapStart),
      p.amount === null ? '—' : formatCurrency(p.amount),
      formatDay(p.closeDate)
    );
  }

  get noFeeText() {
    return this.proposal.monthlyFee === null ? formatLabel(LABELS.noFee, this.proposal.slaTemplate) : '';
  }

  get opportunityName() {
    return formatLabel(LABELS.name, formatDay(this.proposal.gapStart)).slice(0, 120);
  }

  handlePropose() {
    this.showForm = true;
    this.saveError = undefined;
  }

  handleCancel() {
    this.showForm = false;
    this.saveError = undefined;
    this.dispatchEvent(new CustomEvent('cancel'));
  }

  handleOpenProposal(event) {
    event.preventDefault();
    this[NavigationMixin.Navigate]({
      type: 'standard__recordPage',
      attributes: { recordId: this.openProposal.id, objectApiName: OPPORTUNITY, actionName: 'view' }
    });
  }

  async handleCreate() {
    this.saving = true;
    this.saveError = undefined;
    try {
      const name = this.opportunityName;
      const record = await createRecord({ apiName: OPPORTUNITY, fields: { Name: name, ...this.proposal.fields } });
      this.showForm = false;
      this.dispatchEvent(
        new ShowToastEvent({ title: formatLabel(LABELS.created, name), message: '', variant: 'success' })
      );
      this.dispatchEvent(new CustomEvent('proposalcreated', { detail: { id: record.id } }));
    } catch (error) {
      this.saveError = error;
    } finally {
      this.saving = false;
    }
  }
}
