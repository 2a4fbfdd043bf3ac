import { LightningElement } from 'lwc';
import { context } from 'preview/context';

/**
 * The preview page: a Lightning Experience-like frame (global header, app navigation) around the page the server
 * asked for, an account list or an Account record page, and the toasts components raise.
 */
export default class PreviewApp extends LightningElement {
  page = context.page ?? { type: 'notFound' };

  get isAccountList() {
    return this.page.type === 'accountList';
  }

  get isAccountRecord() {
    return this.page.type === 'accountRecord';
  }

  get isNotFound() {
    return !this.isAccountList && !this.isAccountRecord;
  }

  get notFoundMessage() {
    return this.page.message ?? 'This page is not available in the preview.';
  }

  get orgLabel() {
    return context.orgLabel ?? '';
  }
}
