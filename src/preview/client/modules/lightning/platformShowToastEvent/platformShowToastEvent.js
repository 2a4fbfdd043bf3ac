/**
 * lightning/platformShowToastEvent for the preview: the same event the platform's container listens for
 * (`lightning__showtoast`, bubbling and composed); the preview page shows it as an SLDS toast.
 */
export class ShowToastEvent extends CustomEvent {
  /**
   * @param {{ title?: string, message?: string, variant?: 'info'|'success'|'warning'|'error', mode?: string,
   *   messageData?: unknown[] }} toast
   */
  constructor(toast = {}) {
    super('lightning__showtoast', { bubbles: true, composed: true, cancelable: true, detail: { ...toast } });
  }
}
