import { createElement } from 'lwc';
import EffortLogger from 'c/effortLogger';
import { getRelatedListRecordsBatch } from 'lightning/uiRelatedListApi';
import { createRecord, deleteRecord, refresh, updateRecord } from 'lightning/uiRecordApi';
import { flushPromises, freezeTime, mockConfigResource, resetDom } from 'test/utils';

const accountLists = require('../../incidentList/__tests__/data/accountRelatedLists.json');

const ACCOUNT_ID = '001Aa00000AcmeAAA';
const CONTRACT_ID = 'a01Aa0000000001AAA';
// Tuesday 10 March 2026 (the user's day in jest's America/Los_Angeles).
const NOW = '2026-03-10T17:00:00.000Z';

async function render(incidentId, batch = accountLists) {
  const element = createElement('c-effort-logger', { is: EffortLogger });
  element.recordId = ACCOUNT_ID;
  element.incidentId = incidentId;
  document.body.appendChild(element);
  getRelatedListRecordsBatch.emit(batch);
  await flushPromises();
  return element;
}

function fill(element, className, value) {
  const input = element.shadowRoot.querySelector(`.${className}`);
  if (input.type === 'checkbox') input.checked = value;
  else input.value = value;
  input.dispatchEvent(new CustomEvent('change', { detail: { value, checked: value } }));
}

function incidentIdNamed(name) {
  const incidents = accountLists.results[1].result.records;
  return incidents.find((record) => record.fields.Name.value === name).id;
}

describe('c-effort-logger', () => {
  beforeEach(() => {
    freezeTime(NOW);
    mockConfigResource();
  });

  afterEach(() => {
    resetDom();
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it("logs the days under the incident's contract and adds them to the incident's effort", async () => {
    createRecord.mockResolvedValue({ id: 'a0EAa0000000001AAA' });
    const id = incidentIdNamed('INC-000002');
    const element = await render(id);
    const logged = jest.fn();
    element.addEventListener('effortlogged', logged);
    fill(element, 'effort-days', '1.5');
    fill(element, 'effort-date', '2026-03-09');
    fill(element, 'effort-kind', 'Evolutive');
    fill(element, 'effort-description', 'Fixed the export');
    fill(element, 'effort-billable', false);
    await flushPromises();
    element.shadowRoot.querySelector('lightning-button.effort-save').click();
    await flushPromises();
    expect(createRecord).toHaveBeenCalledWith({
      apiName: 'Effort_Entry__c',
      fields: {
        Contract__c: CONTRACT_ID,
        Account__c: ACCOUNT_ID,
        Incident__c: id,
        Work_Date__c: '2026-03-09',
        Days__c: 1.5,
        Kind__c: 'Evolutive',
        Billable__c: false,
        Description__c: 'Fixed the export'
      }
    });
    // INC-000002 had 0.5 day of effort: 0.5 + 1.5.
    expect(updateRecord).toHaveBeenCalledWith({ fields: { Id: id, Effort_Days__c: 2 } });
    expect(refresh).toHaveBeenCalled();
    expect(logged.mock.calls[0][0].detail).toEqual({ incidentId: id, days: 1.5 });
    await expect(element).toBeAccessible();
  });

  it('logs work on an incident out of coverage under the contract the account last had', async () => {
    const batch = JSON.parse(JSON.stringify(accountLists));
    const incident = batch.results[1].result.records[0];
    incident.fields.Contract__c.value = null;
    const element = await render(incident.id, batch);
    element.shadowRoot.querySelector('lightning-button.effort-save').click();
    await flushPromises();
    // On 10 March the latest contract started by then is the 2025-2026 one (the next starts on 1 May).
    expect(createRecord.mock.calls[0][0].fields).toMatchObject({
      Contract__c: CONTRACT_ID,
      Days__c: 0.5,
      Kind__c: incident.fields.Category__c.value,
      Billable__c: true
    });
  });

  it('deletes the entry again when the incident cannot be updated, and says why', async () => {
    createRecord.mockResolvedValue({ id: 'a0EAa0000000001AAA' });
    updateRecord.mockRejectedValueOnce({ body: { message: 'entity is locked' } });
    const element = await render(incidentIdNamed('INC-000002'));
    const logged = jest.fn();
    element.addEventListener('effortlogged', logged);
    element.shadowRoot.querySelector('lightning-button.effort-save').click();
    await flushPromises();
    expect(deleteRecord).toHaveBeenCalledWith('a0EAa0000000001AAA');
    expect(logged).not.toHaveBeenCalled();
    expect(element.shadowRoot.querySelector('c-error-panel').friendlyMessage).toBe('c.Effort_Log_Error');
  });

  it('refuses when the account has no signed contract, and closes on cancel', async () => {
    const batch = JSON.parse(JSON.stringify(accountLists));
    batch.results[0].result.records = [];
    const element = await render(incidentIdNamed('INC-000002'), batch);
    expect(element.shadowRoot.querySelector('.no-contract').textContent).toBe('c.Effort_Log_No_Contract');
    expect(element.shadowRoot.querySelector('lightning-button.effort-save').disabled).toBe(true);
    const cancel = jest.fn();
    element.addEventListener('cancel', cancel);
    element.shadowRoot.querySelector('lightning-button.effort-cancel').click();
    expect(cancel).toHaveBeenCalled();
  });

  it('does not save days that are not more than 0', async () => {
    const element = await render(incidentIdNamed('INC-000002'));
    fill(element, 'effort-days', '0');
    await flushPromises();
    element.shadowRoot.querySelector('lightning-button.effort-save').click();
    await flushPromises();
    expect(createRecord).not.toHaveBeenCalled();
  });
});
