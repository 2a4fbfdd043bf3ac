// @ts-check
// Part of the engine (src/engine/index.js), bundled by npm run build:engine.
import { arrayArg, describe, objectArg } from './checks.js';
import { dayNumber, formatDay, optionalDayNumber } from './days.js';
import { booleanField, numberField, recordFields, textField } from './recordMappers.js';
/** @typedef {import('./types.js').Checklist} Checklist */
/** @typedef {import('./types.js').ChecklistItem} ChecklistItem */

// ---------------------------------------------------------------------------------------------------------------------
// Handover
// ---------------------------------------------------------------------------------------------------------------------

/** Checklist phases of a handover signed off (Phase__c). */
export const SIGNED_OFF_PHASES = Object.freeze(['Signed Off', 'Signed Off with Reservations']);

/**
 * The checklist a handover view puts in focus (the tab's checklist and readiness KPI, the cockpit's handover figure):
 * the next handover still to sign off, by earliest warranty end (one without warranty end after those with one); when
 * every checklist is signed off, the one whose warranty ends last (one without warranty end counting as last; among
 * equal dates, the last given). Null without checklists.
 * @template {{ phase?: string|null, warrantyEndDate?: string|null }} T
 * @param {T[]} checklists engine checklists (checklistFromRecord) or anything with phase and warrantyEndDate
 * @returns {T|null}
 */
export function checklistInFocus(checklists) {
  const fn = 'checklistInFocus';
  const list = arrayArg(checklists, fn, 'checklists').map((candidate, i) => {
    const checklist = objectArg(candidate, fn, `checklists[${i}]`);
    const end = checklist.warrantyEndDate;
    return { checklist, end: end === null || end === undefined ? '9999' : String(end) };
  });
  const byWarrantyEnd = (/** @type {{ end: string }} */ a, /** @type {{ end: string }} */ b) =>
    a.end.localeCompare(b.end);
  const open = list.filter(({ checklist }) => !SIGNED_OFF_PHASES.includes(checklist.phase ?? '')).sort(byWarrantyEnd);
  const chosen = open[0] ?? list.sort(byWarrantyEnd).pop();
  return chosen ? /** @type {T} */ (chosen.checklist) : null;
}

/**
 * Readiness of a handover checklist, as its roll-ups and sign-off rule see it: percent of items done (0 without
 * items, like Readiness_Percent__c), open mandatory items, and whether a sign-off would pass the
 * Sign_Off_Needs_Mandatory_Items_Done rule. Blocking items are the open mandatory ones by sortOrder, then name.
 * Reservations are the items accepted open at a sign-off with reservations and not done yet, the first due first;
 * unreservedMandatoryOpen counts the blocking items that are not reservations (Mandatory_Unreserved_Open__c).
 * @param {Object} input
 * @param {Checklist} input.checklist
 * @param {ChecklistItem[]} input.items the checklist's items
 * @returns {{ percent: number, total: number, done: number, mandatoryOpen: number, canSignOff: boolean,
 *   blockingItems: ChecklistItem[], byCategory: Record<string, { total: number, done: number }>,
 *   reservations: ChecklistItem[], unreservedMandatoryOpen: number }}
 */
export function handoverReadiness(input) {
  const fn = 'handoverReadiness';
  const args = objectArg(input, fn, 'input');
  objectArg(args.checklist, fn, 'checklist');
  const items = arrayArg(args.items, fn, 'items').map(
    (item, i) => /** @type {ChecklistItem} */ (objectArg(item, fn, `items[${i}]`))
  );
  let done = 0;
  /** @type {Record<string, { total: number, done: number }>} */
  const byCategory = {};
  /** @type {ChecklistItem[]} */
  const blockingItems = [];
  for (const item of items) {
    const category = item.category ?? 'Uncategorised';
    byCategory[category] = byCategory[category] ?? { total: 0, done: 0 };
    byCategory[category].total += 1;
    if (item.done === true) {
      done += 1;
      byCategory[category].done += 1;
    } else if (item.mandatory === true) {
      blockingItems.push(item);
    }
  }
  blockingItems.sort(
    (a, b) =>
      (a.sortOrder ?? Number.POSITIVE_INFINITY) - (b.sortOrder ?? Number.POSITIVE_INFINITY) ||
      String(a.name ?? '').localeCompare(String(b.name ?? '')) ||
      String(a.id ?? '').localeCompare(String(b.id ?? ''))
  );
  const reservations = items
    .filter((item) => item.reservation === true && item.done !== true)
    .sort((a, b) => String(a.dueDate ?? '9999').localeCompare(String(b.dueDate ?? '9999')));
  return {
    percent: items.length > 0 ? (done / items.length) * 100 : 0,
    total: items.length,
    done,
    mandatoryOpen: blockingItems.length,
    canSignOff: blockingItems.length === 0,
    blockingItems,
    byCategory,
    reservations,
    unreservedMandatoryOpen: blockingItems.filter((item) => item.reservation !== true).length
  };
}

/**
 * The Handover_Item__c updates that turn the open mandatory items of a checklist into reservations, so that it can
 * be signed off with reservations (Sign_Off_Needs_Mandatory_Items_Done): each keeps its owner and due date when it
 * has them, else takes the ones given (Reservation_Needs_Owner_And_Due_Date wants both).
 * @param {Object} input
 * @param {ChecklistItem[]} input.items the checklist's items
 * @param {string} input.ownerId who owns the reservations that have no owner
 * @param {string} input.dueDate 'YYYY-MM-DD', the due date of those without one
 * @returns {{ Id: string, Reservation__c: true, Item_Owner__c: string, Due_Date__c: string }[]}
 */
export function reservationUpdates(input) {
  const fn = 'reservationUpdates';
  const args = objectArg(input, fn, 'input');
  dayNumber(args.dueDate, fn, 'dueDate');
  if (typeof args.ownerId !== 'string' || args.ownerId.length === 0) {
    throw new TypeError(`${fn}: ownerId must be a user id, got ${describe(args.ownerId)}`);
  }
  const { blockingItems } = handoverReadiness({ checklist: {}, items: args.items });
  return blockingItems.map((item) => ({
    Id: String(item.id),
    Reservation__c: true,
    Item_Owner__c: item.ownerId ?? args.ownerId,
    Due_Date__c: item.dueDate ?? args.dueDate
  }));
}

/**
 * Handover_Item__c fields of an item added from the template (the caller sets Checklist__c).
 * @typedef {Object} TemplateItemFields
 * @property {string} Name the template item's MasterLabel (its DeveloperName when it has none)
 * @property {string|null} Category__c
 * @property {boolean} Mandatory__c
 * @property {false} Done__c
 * @property {number|null} Sort_Order__c
 * @property {string} Template_Item__c the template item's DeveloperName
 * @property {string|null} Due_Date__c 'YYYY-MM-DD'
 */

/**
 * The Handover_Item__c records to create so that a checklist holds every Handover_Template_Item__mdt once ("add
 * items from template" is idempotent): template items already on the checklist, by Template_Item__c = DeveloperName,
 * are skipped, and so is a second template record with the same DeveloperName. Each new item is due
 * Due_Days_Before_Go_Live__c whole days before the checklist's go-live (after it when negative); without a go-live
 * date or without that number it has no due date. The items come in template order: Sort_Order__c ascending, a blank
 * order counting as 0, ties in the order given.
 * @param {Object} input
 * @param {Checklist} input.checklist reads goLiveDate
 * @param {ChecklistItem[]} input.existingItems the checklist's items; reads templateItem
 * @param {Record<string, unknown>[]} input.templateItems Handover_Template_Item__mdt field maps (DeveloperName,
 *   MasterLabel, Category__c, Mandatory__c, Sort_Order__c, Due_Days_Before_Go_Live__c), flat or UI API `{ value }`
 * @returns {TemplateItemFields[]}
 */
export function handoverItemsFromTemplate(input) {
  const fn = 'handoverItemsFromTemplate';
  const args = objectArg(input, fn, 'input');
  const checklist = objectArg(args.checklist, fn, 'checklist');
  const goLive = optionalDayNumber(checklist.goLiveDate, fn, 'checklist.goLiveDate');
  /** @type {Set<string>} */
  const present = new Set();
  arrayArg(args.existingItems, fn, 'existingItems').forEach((item, i) => {
    const templateItem = objectArg(item, fn, `existingItems[${i}]`).templateItem;
    if (typeof templateItem === 'string' && templateItem.length > 0) {
      present.add(templateItem);
    }
  });
  const template = arrayArg(args.templateItems, fn, 'templateItems').map((record, i) => {
    const where = `${fn}: templateItems[${i}]`;
    const fields = recordFields(record, where);
    const developerName = textField(fields, 'DeveloperName', where);
    if (developerName === null) {
      // Without it the item could not be recognised next time, and would be added again.
      throw new RangeError(`${where}: DeveloperName is required`);
    }
    const dueDays = numberField(fields, 'Due_Days_Before_Go_Live__c', where);
    if (dueDays !== null && !Number.isInteger(dueDays)) {
      throw new RangeError(`${where}: Due_Days_Before_Go_Live__c must be whole days, got ${dueDays}`);
    }
    return {
      developerName,
      label: textField(fields, 'MasterLabel', where) ?? developerName,
      category: textField(fields, 'Category__c', where),
      mandatory: booleanField(fields, 'Mandatory__c', where),
      sortOrder: numberField(fields, 'Sort_Order__c', where),
      dueDays
    };
  });
  /** @type {TemplateItemFields[]} */
  const toAdd = [];
  for (const entry of [...template].sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0))) {
    if (present.has(entry.developerName)) {
      continue;
    }
    present.add(entry.developerName);
    toAdd.push({
      Name: entry.label,
      Category__c: entry.category,
      Mandatory__c: entry.mandatory,
      Done__c: false,
      Sort_Order__c: entry.sortOrder,
      Template_Item__c: entry.developerName,
      Due_Date__c: goLive !== null && entry.dueDays !== null ? formatDay(goLive - entry.dueDays) : null
    });
  }
  return toAdd;
}
