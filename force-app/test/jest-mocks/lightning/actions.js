// Central mock of lightning/actions (not stubbed by @salesforce/sfdx-lwc-jest). On the platform CloseActionScreenEvent
// closes the quick action's modal; here it is a plain event that tests can listen for.
export class CloseActionScreenEvent extends CustomEvent {
  constructor() {
    super('close', { bubbles: true, composed: true });
  }
}
