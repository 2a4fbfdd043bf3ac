import { api, LightningElement, wire } from 'lwc';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { formatInstant, formatLabel, formatNumber } from 'c/maintenanceFormat';
import LABELS from './labels';

/**
 * The field history of Maintenance_Incident__c, as Salesforce keeps it for fields with trackHistory: the object
 * `Maintenance_Incident__History`, child relationship `Histories` of the incident. History objects have no
 * `@salesforce/schema` import that Salesforce documents, so their fields are named here as the related-list
 * resource takes them.
 */
const HISTORY_OBJECT = 'Maintenance_Incident__History';
export const HISTORY_RELATED_LIST = 'Histories';
export const HISTORY_FIELDS = Object.freeze(
  ['Field', 'DataType', 'OldValue', 'NewValue', 'CreatedDate', 'CreatedBy.Name'].map(
    (name) => `${HISTORY_OBJECT}.${name}`
  )
);
/** Changes read at once, newest first: an incident's life is a few dozen of them. */
export const HISTORY_PAGE_SIZE = 100;
/** The `Field` of the row Salesforce writes when the record is created. */
const CREATED = 'created';

/**
 * The audit trail of one incident in the Maintenance tab: each tracked change (status, priority, due times, breach
 * stamps...) with its old and new value, who made it and when, newest first, read through Lightning Data Service
 * (getRelatedListRecords on the incident's `Histories`). A manager's correction of an SLA field shows here like any
 * other change. Fires `close`.
 */
export default class IncidentHistory extends LightningElement {
  /** The incident whose history is shown. */
  @api incidentId;
  /** Its number, for the title. */
  @api incidentName;

  labels = LABELS;
  historyFields = HISTORY_FIELDS;
  sortBy = [`-${HISTORY_OBJECT}.CreatedDate`];
  pageSize = HISTORY_PAGE_SIZE;
  relatedListId = HISTORY_RELATED_LIST;
  records;
  more = false;
  error;

  @wire(getRelatedListRecords, {
    parentRecordId: '$incidentId',
    relatedListId: '$relatedListId',
    fields: '$historyFields',
    sortBy: '$sortBy',
    pageSize: '$pageSize'
  })
  wiredHistory({ data, error }) {
    if (data) {
      this.records = data.records ?? [];
      this.more = Boolean(data.nextPageToken);
      this.error = undefined;
    } else if (error) {
      this.records = undefined;
      this.error = error;
    }
  }

  get title() {
    return formatLabel(LABELS.title, this.incidentName ?? '');
  }

  get isLoading() {
    return !this.records && !this.error;
  }

  /**
   * The changes as rows. A lookup change comes as two rows, the related records' names (Text) then their ids
   * (EntityId): the ids are left out, as Salesforce's own history list does.
   */
  get rows() {
    return (this.records ?? [])
      .filter((record) => valueOf(record, 'DataType') !== 'EntityId')
      .map((record) => {
        const field = valueOf(record, 'Field');
        const dataType = valueOf(record, 'DataType');
        return {
          id: record.id,
          date: formatInstant(valueOf(record, 'CreatedDate')),
          field: field === CREATED ? LABELS.created : displayOf(record, 'Field'),
          oldValue: field === CREATED ? '' : shown(record, 'OldValue', dataType),
          newValue: field === CREATED ? '' : shown(record, 'NewValue', dataType),
          user: record.fields?.CreatedBy?.value?.fields?.Name?.value ?? ''
        };
      });
  }

  get hasRows() {
    return this.rows.length > 0;
  }

  get isEmpty() {
    return Array.isArray(this.records) && this.rows.length === 0;
  }

  get cappedText() {
    return this.more ? formatLabel(LABELS.capped, formatNumber(HISTORY_PAGE_SIZE)) : '';
  }

  handleClose() {
    this.dispatchEvent(new CustomEvent('close'));
  }
}

function valueOf(record, name) {
  const value = record.fields?.[name]?.value;
  return value === undefined ? null : value;
}

function displayOf(record, name) {
  const field = record.fields?.[name];
  const text = field?.displayValue ?? field?.value;
  return text === null || text === undefined ? '' : String(text);
}

/** An old or new value as the user reads it: instants in the user's time zone, the rest as the org shows it. */
function shown(record, name, dataType) {
  const value = valueOf(record, name);
  if (value === null || value === '') {
    return '';
  }
  return dataType === 'DateTime' ? formatInstant(value) : displayOf(record, name);
}
