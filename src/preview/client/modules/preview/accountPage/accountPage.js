import { LightningElement } from 'lwc';
import { context } from 'preview/context';
import { refreshAll } from 'preview/ldsStore';

/**
 * The components that the page's quick actions may open, loaded when first opened. Templates name components
 * statically, so each one the package's quick actions use is listed here.
 */
const QUICK_ACTION_COMPONENTS = {
  incidentLogger: () => import('c/incidentLogger')
};

/**
 * The Account record page as the package's flexipage lays it out (Account_Maintenance_Record_Page): a highlights
 * panel with the page's quick actions, then tabs Maintenance (the default, holding c-maintenance-overview), Details
 * and Related. The record the server read is handed over in the page context, so the header costs the Maintenance
 * tab no request. A quick action opens its component in a modal, which closes on the component's
 * CloseActionScreenEvent; the page's data is then refreshed, as Lightning Experience does after an action.
 */
export default class AccountPage extends LightningElement {
  account = context.page?.account ?? { id: null, name: '', fields: [] };
  quickActions = context.page?.quickActions ?? [];
  openAction;
  actionComponent;
  closeScreen = () => this.handleCloseScreen();

  connectedCallback() {
    // lightning/actions' CloseActionScreenEvent bubbles out of the action's component, composed.
    this.template.addEventListener('lightning__actionsclosescreen', this.closeScreen);
  }

  disconnectedCallback() {
    this.template.removeEventListener('lightning__actionsclosescreen', this.closeScreen);
  }

  get recordId() {
    return this.account.id;
  }

  get detailFields() {
    return this.account.fields.map((field) => ({ ...field, key: field.apiName, display: field.value ?? '' }));
  }

  get actions() {
    return this.quickActions.map((action) => ({
      ...action,
      unavailable: !QUICK_ACTION_COMPONENTS[action.component],
      title: QUICK_ACTION_COMPONENTS[action.component] ? action.label : `${action.label} (not in the preview)`
    }));
  }

  async handleQuickAction(event) {
    const action = this.quickActions.find((candidate) => candidate.apiName === event.currentTarget.dataset.action);
    const load = action && QUICK_ACTION_COMPONENTS[action.component];
    if (!load) {
      return;
    }
    const module = await load();
    this.actionComponent = module.default;
    this.openAction = action;
  }

  handleCloseScreen() {
    this.openAction = undefined;
    this.actionComponent = undefined;
  }

  async handleActionDone() {
    this.handleCloseScreen();
    // Let the modal leave the page first, so that the action's own wires are not fetched again.
    await new Promise((resolve) => {
      setTimeout(resolve, 0);
    });
    await refreshAll();
  }
}
