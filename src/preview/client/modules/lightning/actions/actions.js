/**
 * lightning/actions for the preview: the event a quick action's component fires to close its screen. The preview
 * page has no quick-action modal around the Maintenance tab, so nothing has to listen for it.
 */
export class CloseActionScreenEvent extends CustomEvent {
  constructor() {
    super('lightning__actionsclosescreen', { bubbles: true, composed: true });
  }
}
