import { createElement } from 'lwc';
import MaintenanceProposal from 'c/maintenanceProposal';
import { createRecord } from 'lightning/uiRecordApi';
import { maintenanceProposal, openProposal, proposalFromRecord } from 'c/maintenanceEngine';
import { flushPromises, resetDom } from 'test/utils';

jest.mock('@salesforce/label/c.Proposal_Open', () => ({ default: '{0}: {1}, to close by {2}' }), { virtual: true });
jest.mock('@salesforce/label/c.Proposal_Title', () => ({ default: 'Propose maintenance to {0}' }), { virtual: true });
jest.mock(
  '@salesforce/label/c.Proposal_Summary',
  () => ({ default: '{0} months of the {1} SLA from {2}: {3}, to close by {4}.' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.Proposal_No_Fee',
  () => ({ default: 'The {0} SLA template has no monthly fee: the amount stays blank.' }),
  { virtual: true }
);
jest.mock('@salesforce/label/c.Proposal_Name', () => ({ default: 'Maintenance from {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Proposal_Created', () => ({ default: 'Opportunity {0} created.' }), { virtual: true });
jest.mock('lightning/navigation', () => {
  const Navigate = Symbol('Navigate');
  const navigate = jest.fn();
  const mixin = (Base) =>
    class extends Base {
      [Navigate](pageReference) {
        navigate(pageReference);
      }
    };
  mixin.Navigate = Navigate;
  mixin.navigate = navigate;
  return { NavigationMixin: mixin };
});

const { NavigationMixin } = require('lightning/navigation');

const TODAY = '2026-06-15';
/** An account whose Active contract on the Premium SLA ends on 2026-07-05: a gap from 2026-07-06. */
const PROPOSAL = maintenanceProposal({
  accountId: '001Aa00000GapAAAA',
  gapStart: '2026-07-06',
  contracts: [{ id: 'a01', status: 'Active', startDate: '2025-07-06', endDate: '2026-07-05', slaTemplate: 'Premium' }],
  templates: [{ DeveloperName: 'Premium', Monthly_Fee__c: 4500 }],
  today: TODAY
});
const OPEN = openProposal([
  proposalFromRecord({
    Id: '006Aa00000OpenAAA',
    Name: 'Maintenance from Jul 6, 2026',
    StageName: 'Qualification',
    CloseDate: '2026-07-05',
    IsClosed: false,
    Maintenance_Gap_Start__c: '2026-07-06'
  })
]);

function mount(props) {
  const element = createElement('c-maintenance-proposal', { is: MaintenanceProposal });
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

describe('c-maintenance-proposal', () => {
  afterEach(() => {
    resetDom();
    jest.clearAllMocks();
  });

  it('shows the open proposal instead of proposing twice, and opens it', async () => {
    const element = mount({ proposal: PROPOSAL, openProposal: OPEN });
    await flushPromises();
    expect(element.shadowRoot.querySelector('lightning-button.propose')).toBeNull();
    const link = element.shadowRoot.querySelector('.open-proposal a');
    expect(link.textContent).toBe('Maintenance from Jul 6, 2026: Qualification, to close by Jul 5, 2026');
    expect(link.getAttribute('href')).toBe('/lightning/r/Opportunity/006Aa00000OpenAAA/view');
    link.click();
    expect(NavigationMixin.navigate).toHaveBeenCalledWith({
      type: 'standard__recordPage',
      attributes: { recordId: '006Aa00000OpenAAA', objectApiName: 'Opportunity', actionName: 'view' }
    });
    await expect(element).toBeAccessible();
  });

  it('shows nothing for an account without a gap', async () => {
    const element = mount({ proposal: null, openProposal: null });
    await flushPromises();
    expect(element.shadowRoot.childNodes.length).toBe(0);
  });

  it('shows what would be proposed, then creates the opportunity the engine priced', async () => {
    createRecord.mockResolvedValue({ id: '006Aa00000NewAAAA' });
    const element = mount({ proposal: PROPOSAL, openProposal: null });
    const created = jest.fn();
    const toasts = jest.fn();
    element.addEventListener('proposalcreated', created);
    element.addEventListener('lightning__showtoast', toasts);
    await flushPromises();
    element.shadowRoot.querySelector('lightning-button.propose').click();
    await flushPromises();
    // 12 months (no transition decided) of Premium at 4,500 a month, to close the day before the gap.
    expect(element.shadowRoot.querySelector('.summary').textContent).toBe(
      '12 months of the Premium SLA from Jul 6, 2026: $54,000.00, to close by Jul 5, 2026.'
    );
    await expect(element).toBeAccessible();
    element.shadowRoot.querySelector('lightning-button.create').click();
    await flushPromises();
    expect(createRecord).toHaveBeenCalledWith({
      apiName: 'Opportunity',
      fields: {
        Name: 'Maintenance from Jul 6, 2026',
        AccountId: '001Aa00000GapAAAA',
        StageName: 'Prospecting',
        CloseDate: '2026-07-05',
        Amount: 54000,
        Maintenance_Gap_Start__c: '2026-07-06',
        Maintenance_Transition__c: null,
        Proposed_Term_Months__c: 12,
        Proposed_SLA_Template__c: 'Premium'
      }
    });
    expect(created).toHaveBeenCalledTimes(1);
    expect(created.mock.calls[0][0].detail).toEqual({ id: '006Aa00000NewAAAA' });
    expect(toasts).toHaveBeenCalledTimes(1);
    expect(element.shadowRoot.querySelector('.proposal-form')).toBeNull();
  });

  it('says why the opportunity was not created, and keeps the form', async () => {
    createRecord.mockRejectedValue({ body: { message: 'Required fields are missing: [CloseDate]' }, status: 400 });
    const element = mount({ proposal: PROPOSAL, openProposal: null, expanded: true, accountName: 'Yost Inc' });
    await flushPromises();
    expect(element.shadowRoot.querySelector('h2').textContent).toBe('Propose maintenance to Yost Inc');
    element.shadowRoot.querySelector('lightning-button.create').click();
    await flushPromises();
    expect(element.shadowRoot.querySelector('c-error-panel')).not.toBeNull();
    expect(element.shadowRoot.querySelector('.proposal-form')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('warns that the amount stays blank when the template has no fee, and closes on Cancel', async () => {
    const noFee = maintenanceProposal({ accountId: '001A', gapStart: TODAY, templates: [], today: TODAY });
    const element = mount({ proposal: noFee, openProposal: null, expanded: true });
    const cancelled = jest.fn();
    element.addEventListener('cancel', cancelled);
    await flushPromises();
    expect(element.shadowRoot.querySelector('.no-fee').textContent).toBe(
      'The Standard SLA template has no monthly fee: the amount stays blank.'
    );
    element.shadowRoot.querySelector('lightning-button.cancel').click();
    await flushPromises();
    expect(cancelled).toHaveBeenCalledTimes(1);
    expect(element.shadowRoot.querySelector('lightning-button.propose')).not.toBeNull();
  });
});
