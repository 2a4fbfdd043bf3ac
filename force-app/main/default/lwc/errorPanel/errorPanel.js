import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/ldsUtils';
import ERROR_TITLE from '@salesforce/label/c.Error_Panel_Title';

/**
 * The one way every component shows an error: a summary line and the readable messages behind it
 * (from ldsUtils.reduceErrors), announced to assistive technology as an alert.
 */
export default class ErrorPanel extends LightningElement {
  /** What went wrong, in the words of the calling component; defaults to a generic title. */
  @api friendlyMessage = ERROR_TITLE;
  /** Anything LDS, the UI API or JavaScript threw: one error or an array of them. */
  @api errors;

  get messages() {
    return reduceErrors(this.errors).map((text, index) => ({ key: `message-${index}`, text }));
  }

  get hasMessages() {
    return this.messages.length > 0;
  }
}
