import { LightningElement } from 'lwc';
import { context } from 'preview/context';

/**
 * The Account record page as the package's flexipage lays it out (Account_Maintenance_Record_Page): a highlights
 * panel, then tabs Maintenance (the default, holding c-maintenance-overview), Details and Related. The record the
 * server read is handed over in the page context, so the header costs the Maintenance tab no request.
 */
export default class AccountPage extends LightningElement {
  account = context.page?.account ?? { id: null, name: '', fields: [] };

  get recordId() {
    return this.account.id;
  }

  get detailFields() {
    return this.account.fields.map((field) => ({ ...field, key: field.apiName, display: field.value ?? '' }));
  }
}
