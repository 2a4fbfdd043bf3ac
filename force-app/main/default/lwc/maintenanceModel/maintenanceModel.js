import {
  allowedActions,
  amendmentFromRecord,
  calendarFromMetadata,
  contractCalendar,
  contractFromRecord,
  effortEntryFromRecord,
  incidentFromRecord,
  checklistFromRecord,
  itemFromRecord,
  proposalFromRecord,
  transitionFromRecord,
  transitionOptionFromMetadata
} from 'c/maintenanceEngine';
import {
  AMENDMENT_FIELDS,
  AMENDMENT_FINANCIAL_FIELDS,
  CONTRACT_FIELDS,
  CONTRACT_FINANCIAL_FIELDS,
  EFFORT_FIELDS,
  INCIDENT_FIELDS,
  CHECKLIST_FIELDS,
  ITEM_FIELDS,
  OBJECTS,
  PROPOSAL_FIELDS,
  RELATED_LISTS,
  TRANSITION_FIELDS,
  relatedListFromBatch,
  toFieldMap
} from 'c/maintenanceRecords';
import { metadataRecords } from 'c/maintenanceConfig';

/**
 * The bridge between what Lightning Data Service returns (UI API records) and what maintenanceEngine computes on
 * (its contract, incident, checklist, item and calendar shapes). Components keep the UI API record next to the
 * engine model so that they can show the org's display values and write back by API name.
 *
 * Speed: an account can have a thousand incidents, and the components run the engine over all of them. LWC wraps
 * the plain objects and arrays a component keeps in its fields in a read-tracking proxy (its reactive membrane) and
 * leaves instances of other classes alone, so the models below are frozen instances of `Snapshot`: reading them is a
 * plain property read. Components replace a snapshot when the data changes, never edit it. accountModel and
 * calendarsByName also remember their answer per adapter answer, so the components sharing one wire answer build
 * the model once.
 */

/** A frozen holder of computed data that LWC's reactive membrane does not wrap (it is not a plain object). */
export class Snapshot {
  /** @param {Record<string, unknown>} values the properties to hold */
  constructor(values) {
    Object.assign(this, values);
    Object.freeze(this);
  }
}

const accountModels = new WeakMap();
const calendarSets = new WeakMap();

function remembered(cache, key, build) {
  if (!key || typeof key !== 'object') {
    return build();
  }
  if (!cache.has(key)) {
    cache.set(key, build());
  }
  return cache.get(key);
}

/**
 * @typedef {object} Entry
 * @property {string} id record id
 * @property {object} record the UI API record
 * @property {Record<string, unknown>} fields field API name -> value
 * @property {object} model the engine's shape of it
 */

function entries(records, fields, toModel, optionalFields) {
  return records.map((record) => {
    const map = toFieldMap(record, fields, optionalFields);
    return { id: record.id, record, fields: map, model: toModel(map) };
  });
}

/**
 * The account's contracts, incidents, checklists, transition plans, contract amendments and effort entries out of
 * the shared getRelatedListRecordsBatch answer.
 * @param {object} batchData the adapter's data
 * @returns {{ contracts: Entry[], incidents: Entry[], checklists: Entry[], transitions: Entry[],
 *   amendments: Entry[], effort: Entry[], proposals: Entry[], errors: object[], proposalsError?: object,
 *   moreIncidents: boolean, moreEffort: boolean }}
 *   a Snapshot; errors: lists that failed on their own (e.g. no access to one object); proposals: the account's
 *   opportunities (maintenance proposals among them), whose list failing only hides Propose maintenance
 *   (proposalsError); moreIncidents / moreEffort: the account has more incidents / effort entries than the page holds
 *   (the page keeps the most recent, see ACCOUNT_RELATED_LIST_PARAMETERS)
 */
export function accountModel(batchData) {
  return remembered(accountModels, batchData, () => {
    const contracts = relatedListFromBatch(batchData, RELATED_LISTS.CONTRACTS);
    const incidents = relatedListFromBatch(batchData, RELATED_LISTS.INCIDENTS);
    const checklists = relatedListFromBatch(batchData, RELATED_LISTS.CHECKLISTS);
    const transitions = relatedListFromBatch(batchData, RELATED_LISTS.TRANSITIONS);
    const amendments = relatedListFromBatch(batchData, RELATED_LISTS.AMENDMENTS);
    const effort = relatedListFromBatch(batchData, RELATED_LISTS.EFFORT);
    const proposals = relatedListFromBatch(batchData, RELATED_LISTS.OPPORTUNITIES);
    return new Snapshot({
      contracts: entries(contracts.records, CONTRACT_FIELDS, contractFromRecord, CONTRACT_FINANCIAL_FIELDS),
      incidents: entries(incidents.records, INCIDENT_FIELDS, incidentFromRecord),
      checklists: entries(checklists.records, CHECKLIST_FIELDS, checklistFromRecord),
      transitions: entries(transitions.records, TRANSITION_FIELDS, transitionFromRecord),
      amendments: entries(amendments.records, AMENDMENT_FIELDS, amendmentFromRecord, AMENDMENT_FINANCIAL_FIELDS),
      effort: entries(effort.records, EFFORT_FIELDS, effortEntryFromRecord),
      proposals: entries(proposals.records, PROPOSAL_FIELDS, proposalFromRecord),
      proposalsError: proposals.error,
      errors: [
        contracts.error,
        incidents.error,
        checklists.error,
        transitions.error,
        amendments.error,
        effort.error
      ].filter(Boolean),
      moreIncidents: Boolean(incidents.hasMore),
      moreEffort: Boolean(effort.hasMore)
    });
  });
}

/**
 * A checklist's items out of a getRelatedListRecords answer.
 * @param {object} listData the adapter's data
 * @returns {Entry[]}
 */
export function itemEntries(listData) {
  return entries(listData?.records ?? [], ITEM_FIELDS, itemFromRecord);
}

/**
 * The calendars of the configuration (c/maintenanceConfig), keyed by DeveloperName (the shape the engine's
 * contractCalendar and incidentTransition take).
 * @param {object} [config] the loaded MaintenanceConfig
 * @returns {Record<string, object>} DeveloperName -> engine calendar, as a Snapshot (`calendarsByName()` is the
 *   empty set)
 * @throws {RangeError} naming the calendar and field of a malformed record
 */
export function calendarsByName(config) {
  return remembered(calendarSets, config, () => {
    const calendars = {};
    for (const record of metadataRecords(config, OBJECTS.CALENDAR.objectApiName)) {
      calendars[record.DeveloperName] = calendarFromMetadata(record);
    }
    return new Snapshot(calendars);
  });
}

/**
 * The SLA templates of the configuration (SLA_Template__mdt records, with their monthly fee).
 * @param {object} [config] the loaded MaintenanceConfig
 * @returns {Array<Record<string, unknown>>}
 */
export function slaTemplates(config) {
  return [...metadataRecords(config, OBJECTS.SLA_TEMPLATE.objectApiName)];
}

/**
 * The transition options of the configuration (Transition_Option__mdt), in engine shape.
 * @param {object} [config] the loaded MaintenanceConfig
 * @returns {object[]}
 */
export function transitionOptions(config) {
  return metadataRecords(config, OBJECTS.TRANSITION_OPTION.objectApiName).map((record) =>
    transitionOptionFromMetadata(record)
  );
}

/**
 * The handover template items of the configuration, as field maps.
 * @param {object} [config] the loaded MaintenanceConfig
 * @returns {Array<Record<string, unknown>>}
 */
export function templateItems(config) {
  return [...metadataRecords(config, OBJECTS.TEMPLATE_ITEM.objectApiName)];
}

/**
 * The calendar a contract's SLA clock runs on, as maintenanceEngine.contractCalendar resolves it (the named
 * Maintenance_Calendar__mdt, in the contract's own time zone when it sets one).
 * @param {Entry|undefined|null} contract
 * @param {Record<string, object>} calendars from calendarsByName
 * @returns {object|null} null without a contract, or when the calendar it names is not in the org
 */
export function calendarOfContract(contract, calendars) {
  if (!contract) {
    return null;
  }
  try {
    return contractCalendar(contract.model, calendars);
  } catch (error) {
    if (error instanceof RangeError) {
      return null;
    }
    throw error;
  }
}

/**
 * Whether an incident is still open: the engine allows 'resolve' from every open status and from no other.
 * @param {Entry} incident
 * @returns {boolean}
 */
export function isOpen(incident) {
  return allowedActions(incident.model.status).includes('resolve');
}
