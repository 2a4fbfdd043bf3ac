import { createElement } from 'lwc';
import IncidentLogger from 'c/incidentLogger';
import { getRelatedListRecordsBatch } from 'lightning/uiRelatedListApi';
import { getObjectInfo, getPicklistValuesByRecordType } from 'lightning/uiObjectInfoApi';
import { createRecord } from 'lightning/uiRecordApi';
import { ACCOUNT_RELATED_LIST_PARAMETERS } from 'c/maintenanceRecords';
import { configResource, flushPromises, freezeTime, mockConfigResource, resetDom } from 'test/utils';

jest.mock('@salesforce/label/c.Incident_Logger_Priority_From_Matrix', () => ({ default: 'Priority {0}' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Incident_Logger_Covered_By', () => ({ default: 'Covered by {0}' }), { virtual: true });

const accountLists = require('./data/accountRelatedLists.json');
const accountListsEmpty = require('./data/accountRelatedListsEmpty.json');
const objectInfo = require('./data/incidentObjectInfo.json');
const picklists = require('./data/incidentPicklists.json');

const ACCOUNT_ID = '001Aa00000AcmeAAA';
const CONTRACT_ID = 'a01Aa0000000001AAA';
// Tuesday 10 March 2026, 10:00 in Paris (09:00 UTC).
jest.mock(
  '@salesforce/label/c.Alert_Holidays',
  () => ({ default: 'Calendar {0} lists no public holiday after {1}.' }),
  { virtual: true }
);

const NOW = '2026-03-10T09:00:00.000Z';

function render() {
  const element = createElement('c-incident-logger', { is: IncidentLogger });
  element.recordId = ACCOUNT_ID;
  document.body.appendChild(element);
  return element;
}

async function renderReady(batch = accountLists) {
  const element = render();
  getRelatedListRecordsBatch.emit(batch);
  getObjectInfo.emit(objectInfo);
  await flushPromises();
  getPicklistValuesByRecordType.emit(picklists);
  await flushPromises();
  return element;
}

function field(element, name) {
  return element.shadowRoot.querySelector(`[data-field="${name}"]`);
}

async function change(element, name, value) {
  const input = field(element, name);
  input.value = value;
  input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
  await flushPromises();
}

function text(element, selector) {
  return element.shadowRoot.querySelector(selector)?.textContent;
}

describe('c-incident-logger', () => {
  let fetchConfig;
  beforeEach(() => {
    freezeTime(NOW);
    fetchConfig = mockConfigResource();
  });

  afterEach(() => {
    resetDom();
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('asks for the account batch, the configuration, and the incident picklists of the default record type', async () => {
    render();
    getObjectInfo.emit(objectInfo);
    await flushPromises();
    expect(getRelatedListRecordsBatch.getLastConfig()).toEqual({
      parentRecordId: ACCOUNT_ID,
      relatedListParameters: ACCOUNT_RELATED_LIST_PARAMETERS
    });
    expect(fetchConfig.mock.calls[0][0]).toBe('Maintenance_Config');
    expect(getObjectInfo.getLastConfig().objectApiName).toEqual({ objectApiName: 'Maintenance_Incident__c' });
    expect(getPicklistValuesByRecordType.getLastConfig().recordTypeId).toBe('012000000000000AAA');
  });

  it('shows the matrix priority live, the covering contract and the due times before saving', async () => {
    const element = await renderReady();
    // Defaults Medium x Medium: P3 (DESIGN.md matrix).
    expect(text(element, '.matrix-priority')).toBe('Priority P3');
    expect(text(element, '.covered-by')).toBe('Covered by TMA Acme 2025-2026');
    // P3 on the Paris calendar from Tuesday 10:00: respond in 1 business hour (11:00 Paris = 10:00 UTC = 3:00 AM LA).
    expect(text(element, '.response-due')).toBe('Mar 10, 2026, 3:00 AM');

    await change(element, 'impact', 'High');
    expect(text(element, '.matrix-priority')).toBe('Priority P2');
    await change(element, 'urgency', 'High');
    expect(text(element, '.matrix-priority')).toBe('Priority P1');
    // P1 is 24x7 on this contract: 15 minutes and 4 hours of wall-clock time, 09:15 and 13:00 UTC.
    expect(text(element, '.response-due')).toBe('Mar 10, 2026, 2:15 AM');
    expect(text(element, '.resolution-due')).toBe('Mar 10, 2026, 6:00 AM');
    await expect(element).toBeAccessible();
  });

  it('creates the incident with the typed fields and the engine stamps, then closes', async () => {
    const element = await renderReady();
    const logged = jest.fn();
    const closed = jest.fn();
    const toast = jest.fn();
    element.addEventListener('incidentlogged', logged);
    element.addEventListener('close', closed);
    element.addEventListener('lightning__showtoast', toast);
    createRecord.mockResolvedValueOnce({ id: 'a02Aa0000000099AAA', fields: { Name: { value: 'INC-000099' } } });

    await change(element, 'subject', '  Checkout down  ');
    await change(element, 'description', 'Every payment fails with a 502.');
    await change(element, 'impact', 'High');
    await change(element, 'urgency', 'High');
    element.shadowRoot.querySelector('lightning-button.save').click();
    await flushPromises();

    expect(createRecord).toHaveBeenCalledWith({
      apiName: 'Maintenance_Incident__c',
      fields: {
        Account__c: ACCOUNT_ID,
        Subject__c: 'Checkout down',
        Description__c: 'Every payment fails with a 502.',
        Category__c: 'Corrective',
        Impact__c: 'High',
        Urgency__c: 'High',
        Priority__c: 'P1',
        Priority_Overridden__c: false,
        Status__c: 'New',
        Reported_At__c: NOW,
        Contract__c: CONTRACT_ID,
        Out_Of_Coverage__c: false,
        Paused_Minutes__c: 0,
        Paused_Since__c: null,
        Response_Due__c: '2026-03-10T09:15:00.000Z',
        Resolution_Due__c: '2026-03-10T13:00:00.000Z',
        Original_Resolution_Due__c: '2026-03-10T13:00:00.000Z'
      }
    });
    expect(logged.mock.calls[0][0].detail).toEqual({ id: 'a02Aa0000000099AAA' });
    expect(closed).toHaveBeenCalled();
    expect(toast.mock.calls[0][0].detail.variant).toBe('success');
    expect(field(element, 'subject').value).toBe('');
  });

  it('keeps a priority set by hand', async () => {
    const element = await renderReady();
    await change(element, 'subject', 'Report typo');
    const override = element.shadowRoot.querySelector('.priority-override');
    override.checked = true;
    override.dispatchEvent(new CustomEvent('change'));
    await flushPromises();
    await change(element, 'manualPriority', 'P4');
    element.shadowRoot.querySelector('lightning-button.save').click();
    await flushPromises();
    const { fields } = createRecord.mock.calls[0][0];
    expect(fields.Priority__c).toBe('P4');
    expect(fields.Priority_Overridden__c).toBe(true);
    // P4 on the Paris calendar: respond within 240 business minutes, by 14:00 Paris (13:00 UTC).
    expect(fields.Response_Due__c).toBe('2026-03-10T13:00:00.000Z');
  });

  it('warns and logs out of coverage when no contract covers the account', async () => {
    const element = await renderReady(accountListsEmpty);
    expect(element.shadowRoot.querySelector('.out-of-coverage')).not.toBeNull();
    expect(element.shadowRoot.querySelector('.due-times')).toBeNull();
    await change(element, 'subject', 'Login fails');
    element.shadowRoot.querySelector('lightning-button.save').click();
    await flushPromises();
    const { fields } = createRecord.mock.calls[0][0];
    expect(fields).toMatchObject({
      Contract__c: null,
      Out_Of_Coverage__c: true,
      Response_Due__c: null,
      Resolution_Due__c: null
    });
    await expect(element).toBeAccessible();
  });

  it('says plainly that it cannot compute due times when the configuration fails, and saves nothing', async () => {
    mockConfigResource({ status: 404 });
    const element = await renderReady();
    await change(element, 'subject', 'Checkout down');
    expect(text(element, '.no-due-times')).toBe('c.Incident_Logger_No_Due_Times');
    expect(element.shadowRoot.querySelector('.due-times')).toBeNull();
    const save = element.shadowRoot.querySelector('lightning-button.save');
    expect(save.disabled).toBe(true);
    save.click();
    await flushPromises();
    expect(createRecord).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it("names the covering contract's calendar when the configuration lacks it", async () => {
    const alwaysOpen = configResource().types.Maintenance_Calendar__mdt.filter((record) => record.Always_Open__c);
    mockConfigResource({ body: configResource({ Maintenance_Calendar__mdt: alwaysOpen }) });
    const element = await renderReady();
    expect(text(element, '.no-due-times')).toBe('c.Incident_Logger_Calendar_Missing');
    expect(element.shadowRoot.querySelector('lightning-button.save').disabled).toBe(true);
  });

  it('still logs an out-of-coverage incident when the configuration fails (it needs no due times)', async () => {
    mockConfigResource({ status: 500 });
    const element = await renderReady(accountListsEmpty);
    expect(element.shadowRoot.querySelector('.no-due-times')).toBeNull();
    await change(element, 'subject', 'Login fails');
    element.shadowRoot.querySelector('lightning-button.save').click();
    await flushPromises();
    expect(createRecord.mock.calls[0][0].fields).toMatchObject({ Out_Of_Coverage__c: true, Resolution_Due__c: null });
  });

  it("warns when the covering contract's calendar runs out of public holidays, and still logs", async () => {
    let element = await renderReady();
    expect(element.shadowRoot.querySelector('.holidays-running-out')).toBeNull();
    resetDom();
    const config = configResource();
    const paris = config.types.Maintenance_Calendar__mdt.find(
      (record) => record.DeveloperName === 'Paris_Business_Hours'
    );
    paris.Holidays__c = '2026-01-01,2026-04-06,2026-05-01';
    mockConfigResource({ body: config });
    element = await renderReady();
    // 10 March + 90 days is 8 June: the calendar's last holiday, 1 May, is before it.
    expect(text(element, '.holidays-running-out')).toBe(
      'Calendar Paris_Business_Hours lists no public holiday after May 1, 2026.'
    );
    expect(element.shadowRoot.querySelector('lightning-button.save').disabled).toBe(false);
  });

  it('does not save without a subject', async () => {
    const element = await renderReady();
    field(element, 'subject').reportValidity = jest.fn(() => false);
    element.shadowRoot.querySelector('lightning-button.save').click();
    await flushPromises();
    expect(createRecord).not.toHaveBeenCalled();
  });

  it('shows the org errors next to their field and in the error panel', async () => {
    const element = await renderReady();
    await change(element, 'subject', 'Checkout down');
    const subject = field(element, 'subject');
    subject.setCustomValidity = jest.fn();
    createRecord.mockRejectedValueOnce({
      body: {
        output: {
          errors: [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Account is on hold.' }],
          fieldErrors: { Subject__c: [{ field: 'Subject__c', message: 'Subject must not start with a number.' }] }
        }
      }
    });
    element.shadowRoot.querySelector('lightning-button.save').click();
    await flushPromises();
    expect(subject.setCustomValidity).toHaveBeenCalledWith('Subject must not start with a number.');
    const panel = element.shadowRoot.querySelector('c-error-panel');
    expect(panel.friendlyMessage).toBe('c.Incident_Logger_Save_Error');
    await expect(element).toBeAccessible();
  });

  it('shows the load errors', async () => {
    mockConfigResource({ status: 404 });
    const element = render();
    getRelatedListRecordsBatch.error({ message: 'No access' });
    getObjectInfo.error({ message: 'Object not supported' });
    await flushPromises();
    const panels = element.shadowRoot.querySelectorAll('c-error-panel');
    expect([...panels].map((panel) => panel.friendlyMessage)).toEqual([
      'c.Incident_Logger_Load_Error',
      'c.Overview_Calendar_Error'
    ]);
    expect(element.shadowRoot.querySelector('lightning-spinner')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('closes on cancel', async () => {
    const element = await renderReady();
    const cancelled = jest.fn();
    const closed = jest.fn();
    element.addEventListener('cancel', cancelled);
    element.addEventListener('close', closed);
    element.shadowRoot.querySelector('lightning-button.cancel').click();
    expect(cancelled).toHaveBeenCalled();
    expect(closed).toHaveBeenCalled();
  });
});
