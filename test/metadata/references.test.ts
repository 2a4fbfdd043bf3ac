import { describe, expect, it } from '@jest/globals';
import { loadLayouts, loadObjects } from './lib/model.js';
import {
  checkFormula,
  checkFormulas,
  checkListViews,
  checkObjectLayouts,
  checkPageLayouts,
  checkRollUps
} from './lib/references.js';
import { defaultDir } from './lib/paths.js';

const model = loadObjects(defaultDir);
const layouts = loadLayouts(defaultDir);

describe('field references', () => {
  it('formulas and validation rules name existing fields and existing picklist values', () => {
    const formulas = Object.values(model).flatMap((o) => [
      ...Object.values(o.fields).filter((f) => f.formula !== undefined),
      ...Object.values(o.validationRules)
    ]);
    expect(formulas.length).toBe(43); // 7 formula fields, 36 validation rules
    expect(checkFormulas(model)).toEqual([]);
  });

  it('roll-up summaries count through their master-detail, with valid filters', () => {
    expect(Object.values(model.Handover_Checklist__c.fields).filter((f) => f.type === 'Summary')).toHaveLength(5);
    expect(Object.values(model.Maintenance_Contract__c.fields).filter((f) => f.type === 'Summary')).toHaveLength(2);
    expect(checkRollUps(model)).toEqual([]);
  });

  it('list views name existing columns and filter on existing fields and values', () => {
    expect(checkListViews(model)).toEqual([]);
  });

  it('compact layouts, their assignment and search layouts name existing fields', () => {
    expect(checkObjectLayouts(model)).toEqual([]);
  });

  it('page layouts name existing fields and child relationships', () => {
    expect(layouts).toHaveLength(7);
    expect(checkPageLayouts(model, layouts)).toEqual([]);
  });
});

// The checks above pass on the real metadata; these plant one defect each and expect it reported, so that a check
// that silently stopped looking would fail here.
describe('field reference checks catch', () => {
  it('a picklist value that does not exist, through ISPICKVAL, TEXT() comparisons and relationships', () => {
    const object = 'Maintenance_Contract__c';
    expect(checkFormula(model, object, 'f', "ISPICKVAL(Status__c, 'Actif')")).toEqual([
      "f: Status__c has no picklist value 'Actif'"
    ]);
    expect(checkFormula(model, object, 'f', "TEXT(Status__c) <> 'Draft ' && 'Expire' = TEXT(Status__c)")).toEqual([
      "f: Status__c has no picklist value 'Draft '",
      "f: Status__c has no picklist value 'Expire'"
    ]);
    expect(checkFormula(model, object, 'f', "ISPICKVAL(Handover_Checklist__r.Phase__c, 'Signed off')")).toEqual([
      "f: Handover_Checklist__r.Phase__c has no picklist value 'Signed off'"
    ]);
  });

  it('a field that does not exist, directly or across a relationship', () => {
    const object = 'Maintenance_Incident__c';
    expect(checkFormula(model, object, 'f', 'ISBLANK(Paused_Sinse__c)')).toEqual([
      'f: Paused_Sinse__c: Maintenance_Incident__c has no field Paused_Sinse__c'
    ]);
    expect(checkFormula(model, object, 'f', 'Contract__r.Budget__c > 0')).toEqual([
      'f: Contract__r.Budget__c: Maintenance_Contract__c has no field Budget__c'
    ]);
    expect(checkFormula(model, object, 'f', 'Subject__r.Name = "x"')).toEqual([
      'f: Subject__r.Name: Maintenance_Incident__c has no lookup or master-detail Subject__c'
    ]);
  });

  it('a picklist used as a value, and a non-picklist compared as one', () => {
    expect(checkFormula(model, 'Maintenance_Incident__c', 'f', "Priority__c = 'P1'")).toEqual([
      'f: picklist Priority__c is used outside ISPICKVAL/TEXT/ISBLANK/CASE (top level)'
    ]);
    expect(checkFormula(model, 'Maintenance_Incident__c', 'f', "ISPICKVAL(Subject__c, 'x')")).toEqual([
      'f: Subject__c is compared as a picklist but is Text'
    ]);
  });

  it('a broken validation rule, roll-up filter, list view filter and layout field in the loaded model', () => {
    const broken = structuredClone(model);
    broken.Handover_Item__c.validationRules.Done_Needs_Date.formula = 'Done__c && ISBLANK(Done_Date__c)';
    broken.Handover_Checklist__c.fields.Items_Done__c.summary!.filters[0].field = 'Handover_Item__c.Completed__c';
    broken.Maintenance_Incident__c.listViews.Open_Incidents.filters[0].value = 'Resolved,Closed,Canceled';
    broken.Maintenance_Contract__c.compactLayouts.Maintenance_Contract_Compact.fields.push('Renewal_Date__c');
    expect(checkFormulas(broken)).toEqual([
      'Handover_Item__c rule Done_Needs_Date: Done_Date__c: Handover_Item__c has no field Done_Date__c'
    ]);
    expect(checkRollUps(broken)).toEqual([
      'Handover_Checklist__c.Items_Done__c: filter field Handover_Item__c.Completed__c does not exist on Handover_Item__c'
    ]);
    expect(checkListViews(broken)).toEqual([
      "Maintenance_Incident__c list view Open_Incidents: Maintenance_Incident__c.Status__c has no picklist value 'Canceled'"
    ]);
    expect(checkObjectLayouts(broken)).toEqual([
      'Maintenance_Contract__c compact layout Maintenance_Contract_Compact: Renewal_Date__c: Maintenance_Contract__c has no field Renewal_Date__c'
    ]);
    const brokenLayouts = structuredClone(layouts);
    brokenLayouts[0].items.push({ field: 'Nope__c', behavior: 'Edit' });
    expect(checkPageLayouts(model, brokenLayouts)).toHaveLength(1);
  });
});
