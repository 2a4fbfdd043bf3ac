import { LightningElement } from 'lwc';
import { context } from 'preview/context';

/**
 * The preview page: a Lightning Experience-like frame (global header, app navigation) around the page the server
 * asked for, the Maintenance Cockpit (the app's home tab), an account list or an Account record page, and the toasts components raise.
 */
export default class PreviewApp extends LightningElement {
  page = context.page ?? { type: 'notFound' };

  get isAccountList() {
    return this.page.type === 'accountList';
  }

  get isAccountRecord() {
    return this.page.type === 'accountRecord';
  }

  get isCockpit() {
    return this.page.type === 'appPage' && this.page.component === 'maintenancePortfolio';
  }

  get isNotFound() {
    return !this.isAccountList && !this.isAccountRecord && !this.isCockpit;
  }

  get cockpitNavClass() {
    return this.isCockpit ? 'slds-context-bar__item slds-is-active' : 'slds-context-bar__item';
  }

  get accountsNavClass() {
    return this.isCockpit ? 'slds-context-bar__item' : 'slds-context-bar__item slds-is-active';
  }

  get notFoundMessage() {
    return this.page.message ?? 'This page is not available in the preview.';
  }

  get orgLabel() {
    return context.orgLabel ?? '';
  }
}
