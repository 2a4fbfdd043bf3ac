// @ts-check
// Part of the engine (src/engine/index.js), bundled by npm run build:engine.
import { DEFAULT_RENEWAL_TERM_MONTHS } from './constants.js';
import { arrayArg, describe, objectArg } from './checks.js';
import { dayNumber, formatDay, optionalDayNumber } from './days.js';
import { booleanField, dayField, numberField, recordFields, textField } from './recordMappers.js';
/** @typedef {import('./types.js').Contract} Contract */
/** @typedef {import('./types.js').Transition} Transition */
/** @typedef {import('./types.js').TransitionOption} TransitionOption */

// ---------------------------------------------------------------------------------------------------------------------
// Maintenance proposals: a coming gap becomes a sales opportunity
// ---------------------------------------------------------------------------------------------------------------------

/** The stage a maintenance proposal opens at: the first stage of Salesforce's standard sales process. */
export const PROPOSAL_STAGE = 'Prospecting';

/** The SLA template a proposal is priced on when no contract of the account names one. */
export const DEFAULT_SLA_TEMPLATE = 'Standard';

/**
 * Engine view of an Opportunity that may be a maintenance proposal (one with a gap start).
 * @typedef {Object} Proposal
 * @property {string|null} id
 * @property {string|null} name
 * @property {string|null} accountId
 * @property {string|null} stageName
 * @property {string|null} closeDate
 * @property {number|null} amount
 * @property {boolean} isClosed
 * @property {string|null} gapStart Maintenance_Gap_Start__c: set exactly on maintenance proposals
 * @property {string|null} transitionId Maintenance_Transition__c
 */

/**
 * Maps an Opportunity field map to the engine proposal.
 * @param {Record<string, unknown>} fields
 * @returns {Proposal}
 */
export function proposalFromRecord(fields) {
  const fn = 'proposalFromRecord';
  const f = recordFields(fields, fn);
  return {
    id: textField(f, 'Id', fn),
    name: textField(f, 'Name', fn),
    accountId: textField(f, 'AccountId', fn),
    stageName: textField(f, 'StageName', fn),
    closeDate: dayField(f, 'CloseDate', fn),
    amount: numberField(f, 'Amount', fn),
    isClosed: booleanField(f, 'IsClosed', fn),
    gapStart: dayField(f, 'Maintenance_Gap_Start__c', fn),
    transitionId: textField(f, 'Maintenance_Transition__c', fn)
  };
}

/**
 * The account's maintenance proposal still open, if any: an opportunity with a gap start that is not closed (won or
 * lost). One is shown instead of proposing maintenance twice; with several, the one to close first.
 * @param {Proposal[]} proposals the account's opportunities (others than proposals are ignored)
 * @returns {Proposal|null}
 */
export function openProposal(proposals) {
  const fn = 'openProposal';
  const open = arrayArg(proposals, fn, 'proposals')
    .map((proposal, i) => /** @type {Proposal} */ (objectArg(proposal, fn, `proposals[${i}]`)))
    .filter((proposal) => proposal.gapStart !== null && proposal.gapStart !== undefined && !proposal.isClosed);
  open.sort(
    (a, b) =>
      String(a.closeDate ?? '9999').localeCompare(String(b.closeDate ?? '9999')) ||
      String(a.id ?? '').localeCompare(String(b.id ?? ''))
  );
  return open[0] ?? null;
}

/**
 * What "Propose maintenance" offers for an account with a gap in its coverage (coverageSummary's gapStart: today when
 * in a gap, else the first gap day within the horizon), as the Opportunity to create:
 * - the transition plan: the one whose go-live is the latest on or before the gap starts (the go-live the gap
 *   follows); none when no go-live precedes the gap;
 * - the term: the months of the option chosen on that transition, else DEFAULT_RENEWAL_TERM_MONTHS;
 * - the SLA template: that of the account's contract ending last that names one, else DEFAULT_SLA_TEMPLATE; the
 *   amount is its Monthly_Fee__c times the term (null when the template has no fee, or is not in `templates`);
 * - the close date: the day before the gap starts, so that a contract can start on the first uncovered day; today
 *   when that day has passed (the account is in a gap: the sooner the better).
 * @param {Object} input
 * @param {string} input.accountId
 * @param {string|null} input.gapStart 'YYYY-MM-DD' or null
 * @param {Contract[]} [input.contracts] the account's contracts
 * @param {Transition[]} [input.transitions] the account's transition plans
 * @param {TransitionOption[]} [input.options] the transition options
 * @param {Record<string, unknown>[]} [input.templates] SLA_Template__mdt records (DeveloperName, Monthly_Fee__c)
 * @param {string} input.today 'YYYY-MM-DD'
 * @returns {{ gapStart: string, closeDate: string, termMonths: number, slaTemplate: string,
 *   monthlyFee: number|null, amount: number|null, transitionId: string|null,
 *   fields: Record<string, string|number|null> }|null} null when there is no gap to close; `fields` are the
 *   Opportunity's fields but its Name
 */
export function maintenanceProposal(input) {
  const fn = 'maintenanceProposal';
  const args = objectArg(input, fn, 'input');
  const today = dayNumber(args.today, fn, 'today');
  const gap = optionalDayNumber(args.gapStart, fn, 'gapStart');
  if (gap === null) return null;
  if (typeof args.accountId !== 'string' || args.accountId.length === 0) {
    throw new TypeError(`${fn}: accountId must be a non-empty string, got ${describe(args.accountId)}`);
  }
  const contracts = /** @type {Contract[]} */ (arrayArg(args.contracts ?? [], fn, 'contracts'));
  const transitions = /** @type {Transition[]} */ (arrayArg(args.transitions ?? [], fn, 'transitions'));
  const options = /** @type {TransitionOption[]} */ (arrayArg(args.options ?? [], fn, 'options'));
  const templates = arrayArg(args.templates ?? [], fn, 'templates');

  const gapDay = formatDay(gap);
  const transition =
    transitions
      .filter((candidate) => candidate.goLiveDate && candidate.goLiveDate <= gapDay)
      .sort(
        (a, b) => b.goLiveDate.localeCompare(a.goLiveDate) || String(a.id ?? '').localeCompare(String(b.id ?? ''))
      )[0] ?? null;
  const chosen = transition?.optionChosen
    ? options.find((option) => option.name === transition.optionChosen)
    : undefined;
  const termMonths = chosen?.termMonths ?? DEFAULT_RENEWAL_TERM_MONTHS;
  const latest = contracts
    .filter((contract) => typeof contract.slaTemplate === 'string' && contract.slaTemplate.length > 0)
    .sort((a, b) => b.endDate.localeCompare(a.endDate) || String(a.id ?? '').localeCompare(String(b.id ?? '')))[0];
  const slaTemplate = /** @type {string} */ (latest?.slaTemplate ?? DEFAULT_SLA_TEMPLATE);
  const template = templates.find(
    (record) => /** @type {Record<string, unknown>} */ (record)?.DeveloperName === slaTemplate
  );
  const fee = template ? numberField(recordFields(template, fn), 'Monthly_Fee__c', fn) : null;
  const amount = fee === null ? null : Math.round(fee * termMonths * 100) / 100;
  const closeDate = formatDay(Math.max(today, gap - 1));
  return {
    gapStart: gapDay,
    closeDate,
    termMonths,
    slaTemplate,
    monthlyFee: fee,
    amount,
    transitionId: transition?.id ?? null,
    fields: {
      AccountId: args.accountId,
      StageName: PROPOSAL_STAGE,
      CloseDate: closeDate,
      Amount: amount,
      Maintenance_Gap_Start__c: gapDay,
      Maintenance_Transition__c: transition?.id ?? null,
      Proposed_Term_Months__c: termMonths,
      Proposed_SLA_Template__c: slaTemplate
    }
  };
}
