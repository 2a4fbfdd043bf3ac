import { createElement } from 'lwc';
import TransitionPanel from 'c/transitionPanel';
import { getRelatedListRecordsBatch } from 'lightning/uiRelatedListApi';
import { createRecord, deleteRecord, refresh, updateRecord } from 'lightning/uiRecordApi';
import USER_ID from '@salesforce/user/Id';
import { configResource, flushPromises, freezeTime, mockConfigResource, resetDom } from 'test/utils';

jest.mock(
  '@salesforce/label/c.Transition_Unplanned',
  () => ({ default: '{0} goes live on {1} with no transition plan.' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.Transition_Countdown',
  () => ({ default: 'Go-live on {0}. Maintenance must work from {1}: {2} days left.' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.Transition_Option_Closes',
  () => ({ default: "{0} days' lead time, decide by {1} ({2} days left)" }),
  { virtual: true }
);
jest.mock('@salesforce/label/c.Transition_Option_Lost', () => ({ default: "{0} days' lead time, lost since {1}" }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Transition_Decided', () => ({ default: 'Decided on {0}: {1}.' }), { virtual: true });
jest.mock('@salesforce/label/c.Transition_Successor', () => ({ default: 'Successor contract: {0} ({1}, from {2}).' }), {
  virtual: true
});

const desk = require('./data/transitionDesk.json');

const ACCOUNT_ID = '001Aa00000DeskAAA';
const ATLAS = 'a0TAa00000Desk1AAA';
// Tuesday 10 March 2026: the Atlas go-live is on 7 August 2026, 150 days later.
const NOW = '2026-03-10T09:00:00.000Z';

/**
 * The desk without the contracts in force: nothing covers the Atlas go-live, so the takeover day is the go-live
 * itself (with them, the tacit renewal of TMA Breton would cover it for years).
 */
function uncoveredDesk() {
  const copy = JSON.parse(JSON.stringify(desk));
  copy.results[0].result.records = copy.results[0].result.records.filter(
    (record) => !['Active'].includes(record.fields.Status__c.value)
  );
  return copy;
}

async function render(batch = uncoveredDesk()) {
  const element = createElement('c-transition-panel', { is: TransitionPanel });
  element.recordId = ACCOUNT_ID;
  document.body.appendChild(element);
  getRelatedListRecordsBatch.emit(batch);
  await flushPromises();
  return element;
}

function section(element, id) {
  return element.shadowRoot.querySelector(`section.transition[data-id="${id}"]`);
}

const texts = (root, selector) => [...root.querySelectorAll(selector)].map((node) => node.textContent.trim());

describe('c-transition-panel', () => {
  beforeEach(() => {
    freezeTime(NOW);
    mockConfigResource();
  });

  afterEach(() => {
    resetDom();
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('150 days before the go-live, with no decision: the tender is lost, a new TMA and the extension are open', async () => {
    const element = await render();
    const atlas = section(element, ATLAS);
    expect(atlas.querySelector('[data-role="countdown"]').textContent).toBe(
      'Go-live on Aug 7, 2026. Maintenance must work from Aug 7, 2026: 150 days left.'
    );
    // By hand: 7 August - 180 days = 8 February (lost 30 days ago); - 120 = 9 April; - 90 = 9 May; - 60 = 8 June;
    // - 30 = 8 July.
    expect(texts(atlas, '.option-lost')).toEqual(["Tender · 180 days' lead time, lost since Feb 8, 2026"]);
    expect(texts(atlas, '.option-open')).toEqual([
      "New TMA · 120 days' lead time, decide by Apr 9, 2026 (30 days left)",
      "Internalise · 90 days' lead time, decide by May 9, 2026 (60 days left)",
      "Partial extension of the integrator · 60 days' lead time, decide by Jun 8, 2026 (90 days left)",
      "Time and materials · 30 days' lead time, decide by Jul 8, 2026 (120 days left)"
    ]);
    // The choice offers the open options only, the first to close first.
    expect(atlas.querySelector('lightning-combobox.option-choice').options.map((option) => option.value)).toEqual([
      'New_TMA',
      'Internalise',
      'Partial_Extension',
      'Time_And_Materials'
    ]);
    await expect(element).toBeAccessible();
  });

  it('shows a decision taken, with its successor contract and rationale', async () => {
    const element = await render();
    const portal = section(element, 'a0TAa00000Desk2AAA');
    expect(portal.querySelector('.decision').textContent).toBe('Decided on Feb 1, 2026: New TMA.');
    expect(portal.querySelector('.successor').textContent).toBe(
      'Successor contract: New TMA Portal (Draft, from Aug 31, 2026).'
    );
    expect(portal.querySelector('.rationale').textContent).toBe('A tender no longer fitted.');
    expect(portal.querySelector('lightning-button.decide')).toBeNull();
  });

  it('takes the decision: creates the successor in Draft from the takeover day, then records the decision', async () => {
    createRecord.mockResolvedValue({ id: 'a01Aa00000NewCAAA' });
    const element = await render();
    const toasts = jest.fn();
    element.addEventListener('lightning__showtoast', toasts);
    const atlas = section(element, ATLAS);
    const choice = atlas.querySelector('lightning-combobox.option-choice');
    choice.dispatchEvent(new CustomEvent('change', { detail: { value: 'Partial_Extension' } }));
    const rationale = atlas.querySelector('lightning-textarea.rationale-input');
    rationale.dispatchEvent(new CustomEvent('change', { detail: { value: 'Bridge until the tender.' } }));
    await flushPromises();
    section(element, ATLAS).querySelector('lightning-button.decide').click();
    await flushPromises();

    // Six months of extension from 7 August 2026: to 6 February 2027, gated by the Atlas checklist.
    expect(createRecord).toHaveBeenCalledWith({
      apiName: 'Maintenance_Contract__c',
      fields: {
        Name: 'Partial extension of the integrator Atlas CRM',
        Account__c: ACCOUNT_ID,
        Status__c: 'Draft',
        Contract_Type__c: 'Project Extension',
        Start_Date__c: '2026-08-07',
        End_Date__c: '2027-02-06',
        Handover_Checklist__c: 'a03Aa00000Desk1AAA'
      }
    });
    expect(updateRecord).toHaveBeenCalledWith({
      fields: {
        Id: ATLAS,
        Option_Chosen__c: 'Partial_Extension',
        Decision_Date__c: '2026-03-10',
        Successor_Contract__c: 'a01Aa00000NewCAAA',
        Decided_By__c: USER_ID,
        Rationale__c: 'Bridge until the tender.'
      }
    });
    expect(deleteRecord).not.toHaveBeenCalled();
    expect(refresh).toHaveBeenCalled();
    expect(toasts.mock.calls[0][0].detail.variant).toBe('success');
  });

  it('deletes the successor again when the decision cannot be recorded, and says why', async () => {
    createRecord.mockResolvedValue({ id: 'a01Aa00000NewCAAA' });
    updateRecord.mockRejectedValueOnce({ body: { message: 'insufficient access rights on object id' } });
    const element = await render();
    section(element, ATLAS).querySelector('lightning-button.decide').click();
    await flushPromises();
    expect(createRecord.mock.calls[0][0].fields.Contract_Type__c).toBe('TMA');
    expect(deleteRecord).toHaveBeenCalledWith('a01Aa00000NewCAAA');
    expect(element.shadowRoot.querySelector('c-error-panel').friendlyMessage).toBe('c.Transition_Decision_Error');
    await expect(element).toBeAccessible();
  });

  it('sees no takeover day while a tacit renewal covers the go-live for years', async () => {
    const element = await render(desk);
    expect(section(element, ATLAS).querySelector('[data-role="countdown"]').textContent).toBe(
      'c.Transition_Countdown_Covered'
    );
    expect(section(element, ATLAS).querySelectorAll('.option-open')).toHaveLength(5);
  });

  it('says when the options cannot be read, and when there is no go-live', async () => {
    mockConfigResource({ body: configResource({ Transition_Option__mdt: [] }) });
    let element = await render();
    expect(element.shadowRoot.querySelector('.options-missing')).not.toBeNull();
    expect(element.shadowRoot.querySelectorAll('section.transition')).toHaveLength(0);
    resetDom();
    mockConfigResource();
    // Without transition plans, the two handovers still ahead are named, not "no go-live planned".
    const unplanned = JSON.parse(JSON.stringify(desk));
    unplanned.results[3].result.records = [];
    element = await render(unplanned);
    expect(element.shadowRoot.querySelector('.empty')).toBeNull();
    expect([...element.shadowRoot.querySelectorAll('.unplanned')].map((p) => p.textContent)).toEqual([
      'Portal goes live on Jun 1, 2026 with no transition plan.',
      'Atlas CRM goes live on Aug 7, 2026 with no transition plan.'
    ]);
    resetDom();
    // Once the contract Portal's handover gates is signed, its takeover is settled: only Atlas is left unplanned.
    const signed = JSON.parse(JSON.stringify(unplanned));
    signed.results[0].result.records.find((record) => record.id === 'a01Aa00000DeskSAAA').fields.Status__c.value =
      'Signed';
    element = await render(signed);
    expect([...element.shadowRoot.querySelectorAll('.unplanned')].map((p) => p.textContent)).toEqual([
      'Atlas CRM goes live on Aug 7, 2026 with no transition plan.'
    ]);
    resetDom();
    // A handover whose warranty ended yesterday is behind us; with none ahead, there is no go-live to plan.
    const empty = JSON.parse(JSON.stringify(unplanned));
    empty.results[2].result.records = empty.results[2].result.records.map((record) => ({
      ...record,
      fields: {
        ...record.fields,
        Go_Live_Date__c: { value: '2025-12-01', displayValue: null },
        Warranty_End_Date__c: { value: '2026-03-09', displayValue: null }
      }
    }));
    element = await render(empty);
    expect(element.shadowRoot.querySelectorAll('.unplanned')).toHaveLength(0);
    expect(element.shadowRoot.querySelector('.empty').textContent).toBe('c.Transition_None');
  });

  it('shows the load error', async () => {
    const element = createElement('c-transition-panel', { is: TransitionPanel });
    element.recordId = ACCOUNT_ID;
    document.body.appendChild(element);
    getRelatedListRecordsBatch.error({ message: 'No access' });
    await flushPromises();
    expect(element.shadowRoot.querySelector('c-error-panel').friendlyMessage).toBe('c.Transition_Load_Error');
  });
});
