import { createElement } from 'lwc';
import IncidentActionForm from 'c/incidentActionForm';
import { getObjectInfo, getPicklistValuesByRecordType } from 'lightning/uiObjectInfoApi';
import { flushPromises, resetDom } from 'test/utils';

jest.mock(
  '@salesforce/label/c.Incident_Reprioritize_New_Priority',
  () => ({ default: 'New priority: {0} (now {1})' }),
  {
    virtual: true
  }
);

const loggerPicklists = require('../../incidentLogger/__tests__/data/incidentPicklists.json');

const PAUSE_REASONS = [
  'Waiting for customer information',
  'Waiting for customer test',
  'Customer-side outage',
  'Planned change window'
];
// The logger's picklists plus Pause_Reason__c, as the org answers for Maintenance_Incident__c.
const picklists = {
  ...loggerPicklists,
  picklistFieldValues: {
    ...loggerPicklists.picklistFieldValues,
    Pause_Reason__c: {
      controllerValues: {},
      defaultValue: null,
      eTag: 'x',
      url: '/',
      values: PAUSE_REASONS.map((value) => ({ attributes: null, label: value, validFor: [], value }))
    }
  }
};
const objectInfo = require('../../incidentLogger/__tests__/data/incidentObjectInfo.json');

function render(props = {}) {
  const element = createElement('c-incident-action-form', { is: IncidentActionForm });
  Object.assign(element, {
    action: 'reprioritize',
    incidentName: 'INC-000002',
    impact: 'Medium',
    urgency: 'Medium',
    priority: 'P3',
    ...props
  });
  document.body.appendChild(element);
  return element;
}

async function renderLoaded(props) {
  const element = render(props);
  getObjectInfo.emit(objectInfo);
  await flushPromises();
  getPicklistValuesByRecordType.emit(picklists);
  await flushPromises();
  return element;
}

function choose(element, selector, value) {
  const combobox = element.shadowRoot.querySelector(selector);
  combobox.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

const text = (element, selector) => element.shadowRoot.querySelector(selector)?.textContent;

describe('c-incident-action-form', () => {
  afterEach(() => {
    resetDom();
    jest.clearAllMocks();
  });

  it('shows the priority the matrix gives the chosen impact and urgency, live', async () => {
    const element = await renderLoaded();
    expect(getPicklistValuesByRecordType.getLastConfig()).toEqual({
      objectApiName: { objectApiName: 'Maintenance_Incident__c' },
      recordTypeId: objectInfo.defaultRecordTypeId
    });
    const impact = element.shadowRoot.querySelector('.form-impact');
    expect(impact.value).toBe('Medium');
    expect(impact.options.map((option) => option.value)).toEqual(['High', 'Medium', 'Low']);
    // Medium x Medium: P3, as now.
    expect(text(element, '.new-priority')).toBe('New priority: P3 (now P3)');
    choose(element, '.form-urgency', 'High');
    await flushPromises();
    // Medium x High: P2.
    expect(text(element, '.new-priority')).toBe('New priority: P2 (now P3)');
    choose(element, '.form-impact', 'High');
    await flushPromises();
    // High x High: P1.
    expect(text(element, '.new-priority')).toBe('New priority: P1 (now P3)');
    await expect(element).toBeAccessible();
  });

  it('answers the chosen impact and urgency on save, and cancel on cancel', async () => {
    const element = await renderLoaded();
    const submit = jest.fn();
    const cancel = jest.fn();
    element.addEventListener('submit', submit);
    element.addEventListener('cancel', cancel);
    choose(element, '.form-impact', 'Low');
    await flushPromises();
    element.shadowRoot.querySelector('.form-save').click();
    expect(submit).toHaveBeenCalledTimes(1);
    expect(submit.mock.calls[0][0].detail).toEqual({ impact: 'Low', urgency: 'Medium' });
    element.shadowRoot.querySelector('.form-cancel').click();
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it('cannot save while the list writes the record, nor before the choices load', async () => {
    const loading = render();
    await flushPromises();
    expect(loading.shadowRoot.querySelector('lightning-spinner')).not.toBeNull();
    expect(loading.shadowRoot.querySelector('.form-save').disabled).toBe(true);
    resetDom();

    const element = await renderLoaded({ busy: true });
    const submit = jest.fn();
    element.addEventListener('submit', submit);
    expect(element.shadowRoot.querySelector('.form-save').disabled).toBe(true);
    element.shadowRoot.querySelector('.form-save').click();
    expect(submit).not.toHaveBeenCalled();
  });

  it('asks for the reason to wait on the customer, and will not save without one', async () => {
    const element = await renderLoaded({ action: 'wait' });
    const submit = jest.fn();
    element.addEventListener('submit', submit);
    expect(element.shadowRoot.querySelector('.form-impact')).toBeNull();
    const reason = element.shadowRoot.querySelector('.form-pause-reason');
    expect(reason.required).toBe(true);
    expect(reason.options.map((option) => option.value)).toEqual(PAUSE_REASONS);
    expect(element.shadowRoot.querySelector('.form-save').disabled).toBe(true);
    await expect(element).toBeAccessible();

    choose(element, '.form-pause-reason', 'Customer-side outage');
    await flushPromises();
    expect(element.shadowRoot.querySelector('.form-save').disabled).toBe(false);
    element.shadowRoot.querySelector('.form-save').click();
    expect(submit.mock.calls[0][0].detail).toEqual({ pauseReason: 'Customer-side outage' });
  });

  it('shows why the choices could not be loaded', async () => {
    const element = render();
    getObjectInfo.error({ message: 'Insufficient access' });
    await flushPromises();
    const panel = element.shadowRoot.querySelector('c-error-panel');
    expect(panel.friendlyMessage).toBe('c.Incident_Form_Load_Error');
    expect(element.shadowRoot.querySelector('.form-save').disabled).toBe(true);
    await expect(element).toBeAccessible();
  });
});
