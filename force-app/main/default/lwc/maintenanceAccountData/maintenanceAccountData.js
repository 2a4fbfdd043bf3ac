import { LightningElement, api, wire } from 'lwc';
import { refresh } from 'lightning/uiRecordApi';
import { getRelatedListRecordsBatch } from 'lightning/uiRelatedListApi';
import { ACCOUNT_RELATED_LIST_PARAMETERS } from 'c/maintenanceRecords';
import { accountModel, calendarsByName } from 'c/maintenanceModel';
import { loadMaintenanceConfig } from 'c/maintenanceConfig';

/** How often the SLA figures are worked out again while the component is on the page: the clocks run by minutes. */
export const CLOCK_TICK_MS = 60000;

/**
 * Base class of the components that show an account's maintenance data (the Maintenance tab, the incident list and
 * the incident logger): the data they share, in one place.
 * - The account batch: contracts, incidents and checklists in one getRelatedListRecordsBatch request (the same
 *   configuration in every component, so LDS answers them all from one request), as `model` (c/maintenanceModel).
 * - The configuration (custom metadata records) from c/maintenanceConfig, loaded when the component connects, and
 *   the calendars built from it. When it cannot be loaded, `calendars` is the empty set and `calendarError` says why:
 *   nothing that needs a due time can then be computed, and the components say so instead of guessing.
 *
 * A subclass derives what it shows in `accountDataChanged()`, which runs after either answer changed, so that work
 * over many incidents happens once per data change rather than at every render. It also runs every minute while the
 * component is on the page: SLA bands, business time left and breaches move with the clock, not only with the data.
 */
export default class MaintenanceAccountData extends LightningElement {
  /** Account id (record page or quick action context). */
  @api recordId;

  /** The account's lists (a Snapshot), undefined until they load or when they fail. */
  model;
  /** The batch's error, or the errors of the lists that failed on their own. */
  batchError;
  /** The package configuration (c/maintenanceConfig), undefined until loaded or when it failed. */
  config;
  /** Calendars by DeveloperName (a Snapshot; empty when they cannot be read). */
  calendars;
  calendarError;
  /** The batch wire's value, for refresh(). */
  wiredBatch;

  @wire(getRelatedListRecordsBatch, {
    parentRecordId: '$recordId',
    relatedListParameters: ACCOUNT_RELATED_LIST_PARAMETERS
  })
  wiredAccountLists(value) {
    this.wiredBatch = value;
    const { data, error } = value;
    if (data) {
      this.model = accountModel(data);
      this.batchError = this.model.errors.length > 0 ? this.model.errors : undefined;
    } else if (error) {
      this.model = undefined;
      this.batchError = error;
    }
    this.accountDataChanged();
  }

  clockTimer;

  connectedCallback() {
    this.loadConfig();
    // A live SLA clock needs a timer; it stops when the component leaves the page.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.clockTimer = setInterval(() => this.accountDataChanged(), CLOCK_TICK_MS);
  }

  disconnectedCallback() {
    clearInterval(this.clockTimer);
  }

  /**
   * Loads the configuration and builds the calendars from it; a failure (resource missing, malformed calendar) leaves
   * the empty set of calendars and the error to show.
   * @returns {Promise<void>}
   */
  loadConfig() {
    return loadMaintenanceConfig()
      .then((config) => {
        this.calendars = calendarsByName(config);
        this.config = config;
        this.calendarError = undefined;
      })
      .catch((error) => {
        this.config = undefined;
        this.calendars = calendarsByName();
        this.calendarError = error;
      })
      .then(() => this.accountDataChanged());
  }

  /**
   * Runs after the account's lists or the configuration changed, and every CLOCK_TICK_MS; subclasses recompute what they
   * derive from the data and the time.
   */
  accountDataChanged() {}

  /**
   * Reloads the account's lists (e.g. after an incident was logged or changed).
   * @returns {Promise<void>}
   */
  refreshAccountData() {
    return this.wiredBatch ? refresh(this.wiredBatch) : Promise.resolve();
  }
}
