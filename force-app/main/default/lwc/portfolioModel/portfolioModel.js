import {
  amendmentFromRecord,
  checklistFromRecord,
  contractFromRecord,
  incidentFromRecord,
  maintenanceProposal,
  openProposal,
  portfolioFigures,
  portfolioRisk,
  proposalFromRecord,
  readinessFromRecord,
  RISK_FLAGS,
  transitionFromRecord
} from 'c/maintenanceEngine';
import {
  AMENDMENT_FIELDS,
  AMENDMENT_FINANCIAL_FIELDS,
  CHECKLIST_FIELDS,
  CONTRACT_FIELDS,
  INCIDENT_FIELDS,
  OBJECTS,
  PROPOSAL_FIELDS,
  TRANSITION_FIELDS,
  qualifiedName,
  toFieldMap
} from 'c/maintenanceRecords';
import { Snapshot, calendarsByName, slaTemplates, transitionOptions } from 'c/maintenanceModel';
import CONTRACT_ACCOUNT from '@salesforce/schema/Maintenance_Contract__c.Account__c';
import CONTRACT_ACCOUNT_NAME from '@salesforce/schema/Maintenance_Contract__c.Account__r.Name';
import CHECKLIST_ACCOUNT from '@salesforce/schema/Handover_Checklist__c.Account__c';
import CHECKLIST_ACCOUNT_NAME from '@salesforce/schema/Handover_Checklist__c.Account__r.Name';
import CHECKLIST_ITEMS_TOTAL from '@salesforce/schema/Handover_Checklist__c.Items_Total__c';
import CHECKLIST_ITEMS_DONE from '@salesforce/schema/Handover_Checklist__c.Items_Done__c';
import CHECKLIST_MANDATORY_OPEN from '@salesforce/schema/Handover_Checklist__c.Mandatory_Open__c';
import CHECKLIST_READINESS from '@salesforce/schema/Handover_Checklist__c.Readiness_Percent__c';
import TRANSITION_ACCOUNT_NAME from '@salesforce/schema/Maintenance_Transition__c.Account__r.Name';

/**
 * The Maintenance Cockpit's data, between what Lightning Data Service returns and what the component shows: the
 * list views it reads (one getListRecordsByName wire each, page by page), the rows the engine ranks out of their
 * records (portfolioFigures then portfolioRisk, the functions `report --risk` calls), and the filters, search and
 * sort the user applies. No rule is written here: coverage, risks, ranking and proposals come from the engine.
 */

/** Records a list-records page holds: the largest page the UI API list and related-list resources both answer. */
export const COCKPIT_PAGE_SIZE = 1999;

/**
 * What the cockpit's rules read of a contract (accountFigures, portfolioRisk, maintenanceProposal): coverage, notice,
 * SLA targets and calendar, type and budget. Not the provider, nor the money (daily rate, monthly fee, spend alert:
 * the tab's effort and penalty figures): at 5,000 contracts they were bytes on every record for nothing.
 */
const CONTRACT = Object.freeze({
  ...Object.fromEntries(Object.entries(CONTRACT_FIELDS).filter(([key]) => key !== 'PROVIDER')),
  ACCOUNT: CONTRACT_ACCOUNT,
  ACCOUNT_NAME: CONTRACT_ACCOUNT_NAME
});
const CHECKLIST = Object.freeze({
  ...CHECKLIST_FIELDS,
  ACCOUNT: CHECKLIST_ACCOUNT,
  ACCOUNT_NAME: CHECKLIST_ACCOUNT_NAME,
  ITEMS_TOTAL: CHECKLIST_ITEMS_TOTAL,
  ITEMS_DONE: CHECKLIST_ITEMS_DONE,
  MANDATORY_OPEN: CHECKLIST_MANDATORY_OPEN,
  READINESS: CHECKLIST_READINESS
});
const TRANSITION = Object.freeze({ ...TRANSITION_FIELDS, ACCOUNT_NAME: TRANSITION_ACCOUNT_NAME });
/**
 * What the SLA rules read of an incident (slaStatus, slaComplianceByClock): its clocks and its account and contract.
 * Subject, category, impact, urgency, effort and the like are the tab's business, not the cockpit's: at 50,000
 * incidents they would be most of the bytes read.
 */
const INCIDENT = Object.freeze({
  ACCOUNT: INCIDENT_FIELDS.ACCOUNT,
  CONTRACT: INCIDENT_FIELDS.CONTRACT,
  PRIORITY: INCIDENT_FIELDS.PRIORITY,
  STATUS: INCIDENT_FIELDS.STATUS,
  REPORTED_AT: INCIDENT_FIELDS.REPORTED_AT,
  RESPONDED_AT: INCIDENT_FIELDS.RESPONDED_AT,
  RESOLVED_AT: INCIDENT_FIELDS.RESOLVED_AT,
  CLOSED_AT: INCIDENT_FIELDS.CLOSED_AT,
  RESPONSE_DUE: INCIDENT_FIELDS.RESPONSE_DUE,
  RESOLUTION_DUE: INCIDENT_FIELDS.RESOLUTION_DUE,
  PAUSED_MINUTES: INCIDENT_FIELDS.PAUSED_MINUTES,
  PAUSED_SINCE: INCIDENT_FIELDS.PAUSED_SINCE,
  RESPONSE_BREACHED_AT: INCIDENT_FIELDS.RESPONSE_BREACHED_AT,
  RESOLUTION_BREACHED_AT: INCIDENT_FIELDS.RESOLUTION_BREACHED_AT
});

function names(fields) {
  return Object.freeze(Object.values(fields).map(qualifiedName));
}

/**
 * The list views the cockpit reads, with exactly the fields the engine needs (no more: at 50,000 incidents every
 * column counts). Financial fields are optional, so that Maintenance Support (who cannot read them) still gets the
 * records. `key` names the list in the component and in `portfolioModel`'s input.
 */
export const COCKPIT_LISTS = Object.freeze({
  contracts: Object.freeze({
    objectApiName: OBJECTS.CONTRACT.objectApiName,
    listViewApiName: 'Cockpit_Contracts',
    fieldMap: CONTRACT,
    optionalFieldMap: {},
    fields: names(CONTRACT),
    optionalFields: Object.freeze([])
  }),
  amendments: Object.freeze({
    objectApiName: OBJECTS.AMENDMENT.objectApiName,
    listViewApiName: 'All',
    fieldMap: AMENDMENT_FIELDS,
    optionalFieldMap: AMENDMENT_FINANCIAL_FIELDS,
    fields: names(AMENDMENT_FIELDS),
    optionalFields: names(AMENDMENT_FINANCIAL_FIELDS)
  }),
  incidents: Object.freeze({
    objectApiName: OBJECTS.INCIDENT.objectApiName,
    listViewApiName: 'Cockpit_Incidents',
    fieldMap: INCIDENT,
    optionalFieldMap: {},
    fields: names(INCIDENT),
    optionalFields: Object.freeze([])
  }),
  checklists: Object.freeze({
    objectApiName: OBJECTS.CHECKLIST.objectApiName,
    listViewApiName: 'Cockpit_Checklists',
    fieldMap: CHECKLIST,
    optionalFieldMap: {},
    fields: names(CHECKLIST),
    optionalFields: Object.freeze([])
  }),
  transitions: Object.freeze({
    objectApiName: OBJECTS.TRANSITION.objectApiName,
    listViewApiName: 'All',
    fieldMap: TRANSITION,
    optionalFieldMap: {},
    fields: names(TRANSITION),
    optionalFields: Object.freeze([])
  }),
  proposals: Object.freeze({
    objectApiName: OBJECTS.OPPORTUNITY.objectApiName,
    listViewApiName: 'Maintenance_Proposals',
    fieldMap: PROPOSAL_FIELDS,
    optionalFieldMap: {},
    fields: names(PROPOSAL_FIELDS),
    optionalFields: Object.freeze([])
  })
});

/** The names of COCKPIT_LISTS, in the order the component declares its wires. */
export const LIST_KEYS = Object.freeze(Object.keys(COCKPIT_LISTS));

/** How each list's field maps become the engine's shapes. */
const TO_MODEL = Object.freeze({
  contracts: contractFromRecord,
  amendments: amendmentFromRecord,
  incidents: incidentFromRecord,
  checklists: checklistFromRecord,
  transitions: transitionFromRecord,
  proposals: proposalFromRecord
});

/** UI API record -> { fields, model }: each record is mapped once, whenever its page arrives. */
const mapped = new WeakMap();

function entryOf(key, record) {
  let entry = mapped.get(record);
  if (!entry) {
    const list = COCKPIT_LISTS[key];
    const fields = toFieldMap(record, list.fieldMap, list.optionalFieldMap);
    entry = { fields, model: TO_MODEL[key](fields) };
    mapped.set(record, entry);
  }
  return entry;
}

function entries(key, records) {
  return (records ?? []).map((record) => entryOf(key, record));
}

/**
 * Maps a page's records to the engine's shapes as soon as it arrives, so that the work left once the last page is in
 * is the ranking itself (at 50,000 incidents, the mapping is most of it). A record that cannot be mapped is left for
 * portfolioModel, which reports it.
 * @param {string} key one of LIST_KEYS
 * @param {object[]|undefined} records the page's UI API records
 */
export function prepareRecords(key, records) {
  for (const record of records ?? []) {
    try {
      entryOf(key, record);
    } catch {
      // portfolioModel maps it again and throws the error where the component shows it.
    }
  }
}

function byAccount(models) {
  const map = new Map();
  for (const model of models) {
    const accountId = model.accountId;
    if (!map.has(accountId)) map.set(accountId, []);
    map.get(accountId).push(model);
  }
  return map;
}

/**
 * @typedef {object} PortfolioRowView
 * @property {string} id the account id
 * @property {object} row portfolioRisk's row (figures, flags, rank, tier, urgentOn)
 * @property {object|null} proposal maintenanceProposal's answer for the account's gap (null without one)
 * @property {object|null} openProposal the account's open maintenance proposal (openProposal)
 */

/**
 * Every account with maintenance data, ranked by the engine, out of the list views' records.
 * @param {object} input
 * @param {Record<string, object[]>} input.records UI API records by COCKPIT_LISTS key
 * @param {object} [input.config] the loaded MaintenanceConfig (calendars, transition options, SLA templates); without
 *   it breaches are not judged (counted as unjudged) and proposals have no amount
 * @param {string} input.today 'YYYY-MM-DD', the user's day
 * @param {Date} input.now the instant SLA clocks are read at
 * @returns {{ rows: PortfolioRowView[], counts: Record<string, number> }} a Snapshot
 */
export function portfolioModel({ records, config, today, now }) {
  const contracts = entries('contracts', records.contracts);
  const checklists = entries('checklists', records.checklists);
  const transitions = entries('transitions', records.transitions);
  // The account's name comes with its records (Account__r.Name): no request for the accounts themselves.
  const accountNames = {};
  for (const { fields } of [...contracts, ...checklists, ...transitions]) {
    const name = fields['Account__r.Name'];
    if (typeof name === 'string') accountNames[fields.Account__c] = name;
  }
  const options = config ? transitionOptions(config) : [];
  const templates = config ? slaTemplates(config) : [];
  const models = (list) => list.map((entry) => entry.model);
  const figures = portfolioFigures({
    accountNames,
    contracts: models(contracts),
    amendments: models(entries('amendments', records.amendments)),
    incidents: models(entries('incidents', records.incidents)),
    checklists: models(checklists),
    transitions: models(transitions),
    options,
    calendars: config ? calendarsByName(config) : null,
    readiness: Object.fromEntries(checklists.map(({ fields }) => [fields.Id, readinessFromRecord(fields)])),
    today,
    now
  });
  const { rows, counts } = portfolioRisk({ accounts: figures, today });
  const contractsOf = byAccount(models(contracts));
  const transitionsOf = byAccount(models(transitions));
  const proposalsOf = byAccount(models(entries('proposals', records.proposals)));
  return new Snapshot({
    rows: rows.map((row) => {
      const id = row.figures.accountId;
      return {
        id,
        row,
        proposal: maintenanceProposal({
          accountId: id,
          gapStart: row.figures.gapStart,
          contracts: contractsOf.get(id) ?? [],
          transitions: transitionsOf.get(id) ?? [],
          options,
          templates,
          today
        }),
        openProposal: openProposal(proposalsOf.get(id) ?? [])
      };
    }),
    counts
  });
}

/** The sort keys of the table's columns; `rank` is the engine's order. */
export const SORT_KEYS = Object.freeze([
  'rank',
  'account',
  'covered',
  'gap',
  'notice',
  'options',
  'breached',
  'compliance',
  'budget',
  'handover'
]);

const NAME_ORDER = new Intl.Collator(undefined, { sensitivity: 'base' });

/** What each column sorts by; blanks (null) always last, whatever the direction. */
const SORT_VALUES = {
  rank: (f, row) => row.rank,
  account: (f) => f.accountName,
  covered: (f) => (f.coveredToday ? 1 : 0),
  gap: (f) => f.gapStart,
  notice: (f) => f.notice?.deadline ?? null,
  options: (f) => f.transition?.closesOn ?? null,
  breached: (f) => f.openBreached.any,
  compliance: (f) => f.compliance.resolution.percent,
  budget: (f) => f.budget?.percentConsumed ?? null,
  handover: (f) => f.handover?.percent ?? null
};

function compareValues(a, b) {
  if (typeof a === 'string' && typeof b === 'string') return NAME_ORDER.compare(a, b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The rows the table shows: those carrying `flag` (one of RISK_FLAGS; all without), whose account name contains
 * `search` (case and accents ignored), sorted by `sortBy` (SORT_KEYS) ascending or descending, the rank breaking ties.
 * @param {PortfolioRowView[]} rows
 * @param {{ flag?: string|null, search?: string, sortBy?: string, sortDirection?: 'asc'|'desc' }} view
 * @returns {PortfolioRowView[]}
 */
export function visibleRows(rows, { flag = null, search = '', sortBy = 'rank', sortDirection = 'asc' } = {}) {
  if (flag !== null && !RISK_FLAGS.includes(flag)) {
    throw new RangeError(`visibleRows: unknown risk flag ${JSON.stringify(flag)}`);
  }
  const valueOf = SORT_VALUES[sortBy];
  if (!valueOf) {
    throw new RangeError(`visibleRows: unknown sort key ${JSON.stringify(sortBy)}`);
  }
  const needle = search.trim();
  const matches = (name) => {
    if (!needle) return true;
    const text = String(name ?? '');
    for (let i = 0; i + needle.length <= text.length; i += 1) {
      if (NAME_ORDER.compare(text.slice(i, i + needle.length), needle) === 0) return true;
    }
    return false;
  };
  const sign = sortDirection === 'desc' ? -1 : 1;
  return rows
    .filter((view) => (flag === null || view.row.flags.includes(flag)) && matches(view.row.figures.accountName))
    .sort((a, b) => {
      const va = valueOf(a.row.figures, a.row);
      const vb = valueOf(b.row.figures, b.row);
      if (va === null || va === undefined || vb === null || vb === undefined) {
        const blankA = va === null || va === undefined;
        const blankB = vb === null || vb === undefined;
        if (blankA !== blankB) return blankA ? 1 : -1;
        return a.row.rank - b.row.rank;
      }
      return sign * compareValues(va, vb) || a.row.rank - b.row.rank;
    });
}
