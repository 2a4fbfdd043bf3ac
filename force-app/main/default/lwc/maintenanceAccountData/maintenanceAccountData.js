import { LightningElement, api, wire } from 'lwc';
import { refresh } from 'lightning/uiRecordApi';
import { getRelatedListRecordsBatch } from 'lightning/uiRelatedListApi';
import { getListRecordsByName } from 'lightning/uiListsApi';
import {
  ACCOUNT_RELATED_LIST_PARAMETERS,
  CALENDAR_FIELD_NAMES,
  METADATA_LIST_VIEW,
  OBJECTS
} from 'c/maintenanceRecords';
import { accountModel, calendarsByName } from 'c/maintenanceModel';

/** How often the SLA figures are worked out again while the component is on the page: the clocks run by minutes. */
export const CLOCK_TICK_MS = 60000;

/**
 * Base class of the components that show an account's maintenance data (the Maintenance tab, the incident list and
 * the incident logger): the two wires they share, in one place.
 * - The account batch: contracts, incidents and checklists in one getRelatedListRecordsBatch request (the same
 *   configuration in every component, so LDS answers them all from one request), as `model` (c/maintenanceModel).
 * - The calendars, read from the Maintenance_Calendar__mdt `All` list view with getListRecordsByName
 *   (lightning/uiListsApi): the UI API offers no other way to read custom metadata without record ids.
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

  @wire(getListRecordsByName, {
    objectApiName: OBJECTS.CALENDAR.objectApiName,
    listViewApiName: METADATA_LIST_VIEW,
    fields: CALENDAR_FIELD_NAMES,
    pageSize: 200
  })
  wiredCalendars({ data, error }) {
    if (data) {
      this.calendars = calendarsByName(data);
      this.calendarError = undefined;
    } else if (error) {
      this.calendars = calendarsByName();
      this.calendarError = error;
    }
    this.accountDataChanged();
  }

  clockTimer;

  connectedCallback() {
    // A live SLA clock needs a timer; it stops when the component leaves the page.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.clockTimer = setInterval(() => this.accountDataChanged(), CLOCK_TICK_MS);
  }

  disconnectedCallback() {
    clearInterval(this.clockTimer);
  }

  /**
   * Runs after the account's lists or the calendars changed, and every CLOCK_TICK_MS; subclasses recompute what they
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
