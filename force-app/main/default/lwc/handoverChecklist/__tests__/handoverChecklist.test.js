import { createElement } from 'lwc';
import HandoverChecklist from 'c/handoverChecklist';
import { getRelatedListRecords, getRelatedListRecordsBatch } from 'lightning/uiRelatedListApi';
import { createRecord, deleteRecord, updateRecord, refresh } from 'lightning/uiRecordApi';
import USER_ID from '@salesforce/user/Id';
import { configResource, flushPromises, freezeTime, mockConfigResource, resetDom } from 'test/utils';

const accountLists = require('./data/accountRelatedLists.json');
const accountListsEmpty = require('./data/accountRelatedListsEmpty.json');
const checklistItems = require('./data/checklistItems.json');
// Handover_Template_Item__mdt records as the Maintenance_Config static resource carries them.
const templateItems = require('./data/templateItems.json');

const ACCOUNT_ID = '001Aa00000AcmeAAA';
const CHECKLIST_ID = 'a03Aa0000000001AAA';
const NOW = '2026-03-10T09:00:00.000Z';
// The user's day (America/Los_Angeles in jest) at that instant.
const USER_TODAY = '2026-03-10';

function render() {
  const element = createElement('c-handover-checklist', { is: HandoverChecklist });
  element.recordId = ACCOUNT_ID;
  document.body.appendChild(element);
  return element;
}

async function renderWithItems(items = checklistItems) {
  const element = render();
  getRelatedListRecordsBatch.emit(accountLists);
  await flushPromises();
  getRelatedListRecords.emit(items);
  await flushPromises();
  return element;
}

function withAllMandatoryDone() {
  const copy = JSON.parse(JSON.stringify(checklistItems));
  const item = copy.records.find((record) => record.id === 'a04Aa0000000003AAA');
  item.fields.Done__c.value = true;
  item.fields.Done_On__c.value = '2026-03-09';
  return copy;
}

describe('c-handover-checklist', () => {
  let fetchConfig;
  beforeEach(() => {
    freezeTime(NOW);
    fetchConfig = mockConfigResource({ body: configResource({ Handover_Template_Item__mdt: templateItems }) });
  });

  afterEach(() => {
    resetDom();
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('asks for the items of the checklist still to sign off, and for the template only on demand', async () => {
    const element = render();
    getRelatedListRecordsBatch.emit(accountLists);
    await flushPromises();
    expect(getRelatedListRecords.getLastConfig()).toMatchObject({
      parentRecordId: CHECKLIST_ID,
      relatedListId: 'Items__r'
    });
    expect(getRelatedListRecords.getLastConfig().fields).toContain('Handover_Item__c.Done__c');
    expect(fetchConfig).not.toHaveBeenCalled();
    expect(element).not.toBeNull();
  });

  it('groups the items by category with progress, mandatory markers and due dates', async () => {
    const element = await renderWithItems();
    const readiness = jest.fn();
    element.addEventListener('readinesschange', readiness);
    getRelatedListRecords.emit(checklistItems);
    await flushPromises();

    const headings = [...element.shadowRoot.querySelectorAll('.item-group h3')].map((h) => h.textContent);
    expect(headings).toEqual(['Documentation (1/2)', 'Access & Accounts (0/1)', 'Known Defects (1/1)']);
    // 2 of 4 items done, one mandatory item open (production access): 50 %, no sign-off.
    expect(element.shadowRoot.querySelector('lightning-progress-bar').value).toBe(50);
    expect(element.shadowRoot.querySelectorAll('.mandatory')).toHaveLength(3);
    expect(element.shadowRoot.querySelector('lightning-button.sign-off').disabled).toBe(true);
    expect(element.shadowRoot.querySelector('.sign-off-blocked')).not.toBeNull();
    expect(readiness.mock.calls[0][0].detail).toEqual({
      checklistId: CHECKLIST_ID,
      name: 'HO-Portal',
      percent: 50,
      mandatoryOpen: 1,
      canSignOff: false,
      signedOff: false
    });
    await expect(element).toBeAccessible();
  });

  it("ticks an item done on the user's day, and unticks it", async () => {
    const element = await renderWithItems();
    const toggle = element.shadowRoot.querySelector('.item-done[data-id="a04Aa0000000003AAA"]');
    toggle.checked = true;
    toggle.dispatchEvent(new CustomEvent('change'));
    await flushPromises();
    expect(updateRecord).toHaveBeenCalledWith({
      fields: { Id: 'a04Aa0000000003AAA', Done__c: true, Done_On__c: USER_TODAY }
    });
    expect(refresh).toHaveBeenCalledTimes(2);

    toggle.checked = false;
    toggle.dispatchEvent(new CustomEvent('change'));
    await flushPromises();
    expect(updateRecord).toHaveBeenLastCalledWith({
      fields: { Id: 'a04Aa0000000003AAA', Done__c: false, Done_On__c: null }
    });
  });

  it('signs off once every mandatory item is done', async () => {
    const element = await renderWithItems(withAllMandatoryDone());
    const signOff = element.shadowRoot.querySelector('lightning-button.sign-off');
    expect(signOff.disabled).toBe(false);
    signOff.click();
    await flushPromises();
    expect(updateRecord).toHaveBeenCalledWith({
      fields: { Id: CHECKLIST_ID, Phase__c: 'Signed Off', Signed_Off_By__c: USER_ID, Signed_Off_On__c: USER_TODAY }
    });
  });

  it('adds the missing template items, due before the go-live', async () => {
    const element = await renderWithItems();
    element.shadowRoot.querySelector('lightning-button.add-from-template').click();
    await flushPromises();
    expect(fetchConfig).toHaveBeenCalledTimes(1);
    // Four of the five template items are on the checklist already (by Template_Item__c).
    expect(element.shadowRoot.querySelector('.template-missing').textContent).toBe('c.Handover_Template_Missing');
    element.shadowRoot.querySelector('lightning-button.template-add').click();
    await flushPromises();
    expect(createRecord).toHaveBeenCalledTimes(1);
    expect(createRecord).toHaveBeenCalledWith({
      apiName: 'Handover_Item__c',
      fields: {
        Checklist__c: CHECKLIST_ID,
        Name: 'Monitoring runbook written',
        Category__c: 'Runbooks & Monitoring',
        Mandatory__c: true,
        Done__c: false,
        Sort_Order__c: 40,
        Template_Item__c: 'Runbook_Monitoring',
        // Go-live 15 January 2025, 7 days before.
        Due_Date__c: '2025-01-08'
      }
    });
    expect(element.shadowRoot.querySelector('.template-panel')).toBeNull();
  });

  it('says when the template has nothing to add, and reports a template error', async () => {
    const onChecklist = templateItems.filter((record) => record.DeveloperName !== 'Runbook_Monitoring');
    mockConfigResource({ body: configResource({ Handover_Template_Item__mdt: onChecklist }) });
    const element = await renderWithItems();
    element.shadowRoot.querySelector('lightning-button.add-from-template').click();
    await flushPromises();
    expect(element.shadowRoot.querySelector('.template-complete')).not.toBeNull();
    element.shadowRoot.querySelector('lightning-button.template-close').click();
    mockConfigResource({ status: 500 });
    element.shadowRoot.querySelector('lightning-button.add-from-template').click();
    await flushPromises();
    expect(element.shadowRoot.querySelector('.template-panel c-error-panel').friendlyMessage).toBe(
      'c.Handover_Template_Error'
    );
    element.shadowRoot.querySelector('lightning-button.template-close').click();
    await flushPromises();
    expect(element.shadowRoot.querySelector('.template-panel')).toBeNull();
  });

  it('signs off with reservations: the open mandatory item becomes a reservation, owned and dated', async () => {
    const element = await renderWithItems();
    expect(element.shadowRoot.querySelector('lightning-button.sign-off').disabled).toBe(true);
    element.shadowRoot.querySelector('lightning-button.sign-off-reservations').click();
    await flushPromises();
    // Due 30 days after today by default; the user may change it.
    const due = element.shadowRoot.querySelector('lightning-input.reservations-due');
    expect(due.value).toBe('2026-04-09');
    due.dispatchEvent(new CustomEvent('change', { detail: { value: '2026-04-30' } }));
    await flushPromises();
    element.shadowRoot.querySelector('lightning-button.reservations-confirm').click();
    await flushPromises();
    // The item keeps its own due date (8 January 2025) and gets the signer as owner.
    expect(updateRecord.mock.calls.map((call) => call[0].fields)).toEqual([
      { Id: 'a04Aa0000000003AAA', Reservation__c: true, Item_Owner__c: USER_ID, Due_Date__c: '2025-01-08' },
      {
        Id: CHECKLIST_ID,
        Phase__c: 'Signed Off with Reservations',
        Signed_Off_By__c: USER_ID,
        Signed_Off_On__c: USER_TODAY
      }
    ]);
    expect(refresh).toHaveBeenCalled();
  });

  it('keeps open reservations on the list after the sign-off, and lets them be closed', async () => {
    const signed = JSON.parse(JSON.stringify(accountLists));
    const checklist = signed.results[2].result.records[0];
    checklist.fields.Phase__c.value = 'Signed Off with Reservations';
    checklist.fields.Phase__c.displayValue = 'Signed Off with Reservations';
    const items = JSON.parse(JSON.stringify(checklistItems));
    const reserved = items.records.find((record) => record.id === 'a04Aa0000000003AAA');
    reserved.fields.Reservation__c = { value: true, displayValue: null };
    const element = render();
    getRelatedListRecordsBatch.emit(signed);
    await flushPromises();
    getRelatedListRecords.emit(items);
    await flushPromises();
    expect([...element.shadowRoot.querySelectorAll('.reservation')].map((li) => li.textContent)).toEqual([
      'c.Handover_Reservation_Line'
    ]);
    expect(element.shadowRoot.querySelector('lightning-button.sign-off')).toBeNull();
    const boxes = [...element.shadowRoot.querySelectorAll('lightning-input.item-done')];
    // Only the reservation can still be ticked.
    expect(boxes.filter((box) => !box.disabled).map((box) => box.dataset.id)).toEqual(['a04Aa0000000003AAA']);
    await expect(element).toBeAccessible();
  });

  it('says when a go-live has no warranty', async () => {
    const noWarranty = JSON.parse(JSON.stringify(accountLists));
    noWarranty.results[2].result.records[0].fields.Warranty_End_Date__c.value = null;
    const element = render();
    getRelatedListRecordsBatch.emit(noWarranty);
    await flushPromises();
    getRelatedListRecords.emit(checklistItems);
    await flushPromises();
    expect(element.shadowRoot.querySelector('.phase').textContent).toContain('c.Handover_Go_Live_No_Warranty');
  });

  it('creates a checklist and the transition plan of its go-live from the tab', async () => {
    createRecord
      .mockResolvedValueOnce({ id: 'a03Aa0000000009AAA' })
      .mockResolvedValueOnce({ id: 'a0TAa0000000009AAA' });
    const element = await renderWithItems();
    element.shadowRoot.querySelector('lightning-button.new-checklist-open').click();
    await flushPromises();
    const type = (className, value) =>
      element.shadowRoot
        .querySelector(`lightning-input.${className}`)
        .dispatchEvent(new CustomEvent('change', { detail: { value } }));
    type('new-project', 'Atlas CRM');
    type('new-go-live', '2026-08-07');
    await flushPromises();
    element.shadowRoot.querySelector('lightning-button.new-create').click();
    await flushPromises();
    expect(createRecord.mock.calls.map((call) => call[0])).toEqual([
      {
        apiName: 'Handover_Checklist__c',
        fields: {
          Account__c: ACCOUNT_ID,
          Name: 'c.Handover_New_Name_Prefix Atlas CRM',
          Project_Name__c: 'Atlas CRM',
          Go_Live_Date__c: '2026-08-07',
          Warranty_End_Date__c: null
        }
      },
      {
        apiName: 'Maintenance_Transition__c',
        fields: {
          Account__c: ACCOUNT_ID,
          Name: 'Atlas CRM',
          Handover_Checklist__c: 'a03Aa0000000009AAA',
          Go_Live_Date__c: '2026-08-07',
          Warranty_End_Date__c: null
        }
      }
    ]);
    expect(element.shadowRoot.querySelector('.new-checklist')).toBeNull();
  });

  it('deletes the new checklist again when its transition plan cannot be created', async () => {
    createRecord
      .mockResolvedValueOnce({ id: 'a03Aa0000000009AAA' })
      .mockRejectedValueOnce({ body: { message: 'insufficient access' } });
    const element = await renderWithItems();
    element.shadowRoot.querySelector('lightning-button.new-checklist-open').click();
    await flushPromises();
    const type = (className, value) =>
      element.shadowRoot
        .querySelector(`lightning-input.${className}`)
        .dispatchEvent(new CustomEvent('change', { detail: { value } }));
    type('new-project', 'Atlas CRM');
    type('new-go-live', '2026-08-07');
    await flushPromises();
    element.shadowRoot.querySelector('lightning-button.new-create').click();
    await flushPromises();
    expect(deleteRecord).toHaveBeenCalledWith('a03Aa0000000009AAA');
    expect(element.shadowRoot.querySelector('.new-checklist')).not.toBeNull();
    element.shadowRoot.querySelector('lightning-button.new-close').click();
    await flushPromises();
    expect(element.shadowRoot.querySelector('.new-checklist')).toBeNull();
  });

  it('shows a failed save', async () => {
    updateRecord.mockRejectedValueOnce({ body: { output: { errors: [{ message: 'Mandatory items are open.' }] } } });
    const element = await renderWithItems(withAllMandatoryDone());
    element.shadowRoot.querySelector('lightning-button.sign-off').click();
    await flushPromises();
    expect(element.shadowRoot.querySelector('c-error-panel').friendlyMessage).toBe('c.Handover_Save_Error');
    await expect(element).toBeAccessible();
  });

  it('says so when the account has no checklist, or the checklist no item', async () => {
    const element = render();
    getRelatedListRecordsBatch.emit(accountListsEmpty);
    await flushPromises();
    expect(element.shadowRoot.querySelector('.empty').textContent).toBe('c.Handover_Empty');

    getRelatedListRecordsBatch.emit(accountLists);
    await flushPromises();
    getRelatedListRecords.emit({ records: [] });
    await flushPromises();
    expect(element.shadowRoot.querySelector('.no-items').textContent).toBe('c.Handover_No_Items');
  });

  it('shows the load errors', async () => {
    const element = render();
    getRelatedListRecordsBatch.error({ message: 'No access to Handover Checklists' });
    await flushPromises();
    expect(element.shadowRoot.querySelector('c-error-panel').friendlyMessage).toBe('c.Handover_Load_Error');
    await expect(element).toBeAccessible();
  });
});
