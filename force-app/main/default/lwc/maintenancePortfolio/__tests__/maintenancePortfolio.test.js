import { createElement } from 'lwc';
import MaintenancePortfolio, { ROWS_PER_SCREEN } from 'c/maintenancePortfolio';
import { getListRecordsByName } from 'lightning/uiListsApi';
import { createRecord, refresh } from 'lightning/uiRecordApi';
import { COCKPIT_PAGE_SIZE } from 'c/portfolioModel';
import { flushPromises, freezeTime, mockConfigResource, resetDom } from 'test/utils';

jest.mock('@salesforce/label/c.Cockpit_All', () => ({ default: 'All accounts ({0})' }), { virtual: true });
jest.mock('@salesforce/label/c.Cockpit_Chip_In_Gap', () => ({ default: '{0} in a gap today' }), { virtual: true });
jest.mock('@salesforce/label/c.Cockpit_Chip_Gap_Ahead', () => ({ default: '{0} with a gap within {1} days' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Cockpit_Chip_Breaches', () => ({ default: '{0} with open breaches' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Cockpit_In_Gap_Since', () => ({ default: 'In a gap since {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Cockpit_Days_Left', () => ({ default: '{0} ({1} d)' }), { virtual: true });
jest.mock('@salesforce/label/c.Cockpit_Budget_Value', () => ({ default: '{0} consumed' }), { virtual: true });
jest.mock('@salesforce/label/c.Cockpit_Handover_Value', () => ({ default: '{0} {1}' }), { virtual: true });
jest.mock('@salesforce/label/c.Cockpit_Showing', () => ({ default: '{0} of {1} accounts shown' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Cockpit_Show_More', () => ({ default: 'Show {0} more' }), { virtual: true });
jest.mock('@salesforce/label/c.Cockpit_Yes', () => ({ default: 'Yes' }), { virtual: true });
jest.mock('@salesforce/label/c.Cockpit_No', () => ({ default: 'No' }), { virtual: true });
jest.mock('@salesforce/label/c.Proposal_Propose', () => ({ default: 'Propose maintenance' }), { virtual: true });

const contractsPage1 = require('./data/contractsPage1.json');
const contractsPage2 = require('./data/contractsPage2.json');
const incidents = require('./data/incidents.json');
const checklists = require('./data/checklists.json');
const transitions = require('./data/transitions.json');
const amendments = require('./data/amendments.json');
const proposals = require('./data/proposals.json');

// Monday 1 June 2026, 12:00 in Paris.
const NOW = '2026-06-01T10:00:00.000Z';

function render() {
  const element = createElement('c-maintenance-portfolio', { is: MaintenancePortfolio });
  document.body.appendChild(element);
  return element;
}

/** Answers each list view's wire in turn: getListRecordsByName's emit() reaches every wire of the adapter. */
async function emitPage(page) {
  getListRecordsByName.emit(
    page,
    (config) =>
      config.listViewApiName === page.listReference.listViewApiName &&
      config.objectApiName === page.listReference.objectApiName
  );
  await flushPromises();
}

/** Answers the pages one after the other (a page's token is asked for once the page before it arrived). */
function emitPages(pages) {
  return pages.reduce((previous, page) => previous.then(() => emitPage(page)), Promise.resolve());
}

async function renderWithData({ proposalsPage = proposals } = {}) {
  const element = render();
  await flushPromises();
  await emitPages([contractsPage1, contractsPage2, amendments, incidents, checklists, transitions, proposalsPage]);
  return element;
}

function all(element, selector) {
  return [...element.shadowRoot.querySelectorAll(selector)];
}

function texts(element, selector) {
  return all(element, selector).map((node) => node.textContent.trim());
}

function cell(element, accountName, selector) {
  const row = all(element, 'tr.account-row').find((tr) => tr.querySelector('th.account a').textContent === accountName);
  return row.querySelector(selector).textContent.trim();
}

describe('c-maintenance-portfolio', () => {
  beforeEach(() => {
    freezeTime(NOW);
    mockConfigResource();
  });

  afterEach(() => {
    resetDom();
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('reads each list view with the fields the engine needs, page by page, and waits for all of them', async () => {
    const element = render();
    await flushPromises();
    await emitPage(contractsPage1);
    // The contracts continue on a second page: the wire is asked for it.
    expect(getListRecordsByName.getLastConfig()).toEqual(
      expect.objectContaining({
        objectApiName: 'Maintenance_Contract__c',
        listViewApiName: 'Cockpit_Contracts',
        pageSize: COCKPIT_PAGE_SIZE,
        pageToken: '2000',
        fields: expect.arrayContaining([
          'Maintenance_Contract__c.Account__r.Name',
          'Maintenance_Contract__c.Consumed_Effort_Days__c'
        ]),
        optionalFields: []
      })
    );
    expect(element.shadowRoot.querySelector('lightning-spinner')).not.toBeNull();
    await emitPages([contractsPage2, amendments, incidents, checklists, transitions]);
    // Still waiting for the proposals.
    expect(element.shadowRoot.querySelector('lightning-spinner')).not.toBeNull();
    await emitPage(proposals);
    expect(element.shadowRoot.querySelector('lightning-spinner')).toBeNull();
    expect(all(element, 'tr.account-row')).toHaveLength(4);
  });

  it('ranks the accounts by risk with the counts that filter, and the figures of each column', async () => {
    const element = await renderWithData();
    // In a gap first, then the gap in 3 weeks, then the open breach, then the account without risk.
    expect(texts(element, 'th.account a')).toEqual([
      'Bravo Logistique',
      'Alpha Industries',
      'Charlie Santé',
      'Delta Énergie'
    ]);
    expect(texts(element, 'td.rank')).toEqual(['1', '2', '3', '4']);
    expect(texts(element, 'button.chip').slice(0, 3)).toEqual([
      'All accounts (4)',
      '1 in a gap today',
      '1 with a gap within 180 days'
    ]);
    expect(texts(element, 'button.chip')[5]).toBe('1 with open breaches');
    expect(cell(element, 'Bravo Logistique', 'td.gap')).toBe('In a gap since May 16, 2026');
    expect(cell(element, 'Alpha Industries', 'td.gap')).toBe('Jun 22, 2026');
    // Budget 80 days, 40 consumed.
    expect(cell(element, 'Alpha Industries', 'td.budget')).toBe('50% consumed');
    // The P3 reported at 09:00 in Paris was due an answer at 10:00: a response (GTI) breach, none counted yet on GTR.
    expect(cell(element, 'Charlie Santé', '.breached')).toBe('1 / 0');
    expect(cell(element, 'Charlie Santé', 'td.compliance')).toBe('0% / —');
    // Notice 90 days before 31 Dec 2027.
    expect(cell(element, 'Charlie Santé', 'td.notice')).toBe('Oct 2, 2027 (488 d)');
    expect(cell(element, 'Delta Énergie', 'td.handover')).toBe('100% Signed Off');
    expect(all(element, 'tr.account-row')[0].querySelector('.risk').dataset.flag).toBe('in-gap');
    // Each account links to its record page (the Maintenance tab opens first there).
    expect(all(element, 'th.account a')[1].getAttribute('href')).toBe('/lightning/r/Account/001Aa00000AlphaAAA/view');
    await expect(element).toBeAccessible();
  });

  it('filters by a count, searches by name and sorts by a column', async () => {
    const element = await renderWithData();
    const chip = all(element, 'button.chip').find((button) => button.dataset.flag === 'in-gap');
    chip.click();
    await flushPromises();
    expect(texts(element, 'th.account a')).toEqual(['Bravo Logistique']);
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    all(element, 'button.chip')[0].click();
    await flushPromises();
    expect(all(element, 'tr.account-row')).toHaveLength(4);

    const search = element.shadowRoot.querySelector('lightning-input');
    search.value = 'sante';
    search.dispatchEvent(new CustomEvent('change'));
    await flushPromises();
    // Accents and case ignored.
    expect(texts(element, 'th.account a')).toEqual(['Charlie Santé']);
    search.value = 'zulu';
    search.dispatchEvent(new CustomEvent('change'));
    await flushPromises();
    expect(element.shadowRoot.querySelector('.no-match')).not.toBeNull();
    search.value = '';
    search.dispatchEvent(new CustomEvent('change'));
    await flushPromises();

    const byAccount = () => all(element, 'button.sort').find((button) => button.dataset.key === 'account');
    byAccount().click();
    await flushPromises();
    expect(texts(element, 'th.account a')).toEqual([
      'Alpha Industries',
      'Bravo Logistique',
      'Charlie Santé',
      'Delta Énergie'
    ]);
    expect(byAccount().parentElement.getAttribute('aria-sort')).toBe('ascending');
    byAccount().click();
    await flushPromises();
    expect(texts(element, 'th.account a')[0]).toBe('Delta Énergie');
    expect(byAccount().parentElement.getAttribute('aria-sort')).toBe('descending');
  });

  it('proposes maintenance for the account with a gap ahead, then shows the opportunity instead', async () => {
    const element = await renderWithData();
    // Bravo already has an open proposal: its link, no second proposal; Alpha has none yet.
    expect(cell(element, 'Bravo Logistique', 'td.action')).toBe('Maintenance from May 16, 2026');
    expect(all(element, 'tr.account-row')[0].querySelector('.propose')).toBeNull();
    const propose = all(element, 'tr.account-row')[1].querySelector('.propose');
    expect(propose.label).toBe('Propose maintenance');
    // Charlie and Delta have no gap: nothing to propose.
    expect(all(element, '.propose')).toHaveLength(1);
    propose.click();
    await flushPromises();
    const form = element.shadowRoot.querySelector('c-maintenance-proposal');
    expect(form.accountName).toBe('Alpha Industries');
    expect(form.expanded).toBe(true);
    // Twelve months of the Standard template (2,500 a month), to close the day before the gap.
    expect(form.proposal.fields).toEqual(
      expect.objectContaining({
        AccountId: '001Aa00000AlphaAAA',
        CloseDate: '2026-06-21',
        Amount: 30000,
        Maintenance_Gap_Start__c: '2026-06-22'
      })
    );
    await expect(element).toBeAccessible();

    createRecord.mockResolvedValue({ id: '006Aa00000AlphaAAA' });
    form.dispatchEvent(new CustomEvent('proposalcreated', { detail: { id: '006Aa00000AlphaAAA' } }));
    await flushPromises();
    expect(element.shadowRoot.querySelector('c-maintenance-proposal')).toBeNull();
    // The proposals are read again from the org; the fresh page has Alpha's opportunity.
    expect(refresh).toHaveBeenCalledTimes(1);
    const created = JSON.parse(JSON.stringify(proposals.records[0]));
    created.id = '006Aa00000AlphaAAA';
    created.fields.Name.value = 'Maintenance from Jun 22, 2026';
    created.fields.AccountId.value = '001Aa00000AlphaAAA';
    created.fields.Maintenance_Gap_Start__c.value = '2026-06-22';
    await emitPage({ ...proposals, records: [...proposals.records, created] });
    await flushPromises();
    expect(cell(element, 'Alpha Industries', 'td.action')).toBe('Maintenance from Jun 22, 2026');
    expect(all(element, '.propose')).toHaveLength(0);
  });

  it('closes the proposal form on cancel', async () => {
    const element = await renderWithData();
    all(element, '.propose')[0].click();
    await flushPromises();
    element.shadowRoot.querySelector('c-maintenance-proposal').dispatchEvent(new CustomEvent('cancel'));
    await flushPromises();
    expect(element.shadowRoot.querySelector('c-maintenance-proposal')).toBeNull();
  });

  it('reads every list again on Refresh', async () => {
    const element = await renderWithData();
    element.shadowRoot.querySelector('lightning-button.refresh').click();
    await flushPromises();
    // One-page lists are refreshed in place; the contracts start again from their first page.
    expect(refresh).toHaveBeenCalledTimes(5);
    await emitPage(contractsPage1);
    await emitPage(contractsPage2);
    await flushPromises();
    expect(refresh).toHaveBeenCalledTimes(7);
    expect(all(element, 'tr.account-row')).toHaveLength(4);
  });

  it('shows the error of a list that cannot be read', async () => {
    const element = render();
    await flushPromises();
    getListRecordsByName.emitError(
      { body: { message: 'You do not have access to Maintenance_Contract__c' }, status: 403, statusText: 'Forbidden' },
      (config) => config.listViewApiName === 'Cockpit_Contracts'
    );
    await flushPromises();
    expect(element.shadowRoot.querySelector('c-error-panel')).not.toBeNull();
    expect(element.shadowRoot.querySelector('table')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('keeps the portfolio without Propose maintenance when the proposals cannot be read', async () => {
    const element = render();
    await flushPromises();
    await emitPages([contractsPage1, contractsPage2, amendments, incidents, checklists, transitions]);
    getListRecordsByName.emitError(
      { body: { message: 'No access to Opportunity' }, status: 403, statusText: 'Forbidden' },
      (config) => config.listViewApiName === 'Maintenance_Proposals'
    );
    await flushPromises();
    expect(all(element, 'tr.account-row')).toHaveLength(4);
    expect(all(element, '.propose')).toHaveLength(0);
  });

  it('says so when no account has maintenance data', async () => {
    const element = render();
    await flushPromises();
    const empty = (page) => ({ ...page, records: [], count: 0, nextPageToken: null });
    await emitPages([contractsPage2, amendments, incidents, checklists, transitions, proposals].map(empty));
    expect(element.shadowRoot.querySelector('.empty')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the first rows and more on demand', async () => {
    const element = render();
    await flushPromises();
    const template = contractsPage2.records[1];
    const records = Array.from({ length: ROWS_PER_SCREEN + 5 }, (_, i) => {
      const copy = JSON.parse(JSON.stringify(template));
      const id = `001Aa0000000${String(i).padStart(3, '0')}AAA`;
      copy.id = `a01Aa0000000${String(i).padStart(3, '0')}AAA`;
      copy.fields.Account__c.value = id;
      copy.fields.Account__r.value.id = id;
      copy.fields.Account__r.value.fields.Name.value = `Account ${String(i).padStart(3, '0')}`;
      return copy;
    });
    await emitPage({ ...contractsPage2, records });
    await emitPages([amendments, incidents, transitions, proposals]);
    await emitPage({ ...checklists, records: [] });
    expect(all(element, 'tr.account-row')).toHaveLength(ROWS_PER_SCREEN);
    expect(element.shadowRoot.querySelector('.showing').textContent).toBe('50 of 55 accounts shown');
    const more = element.shadowRoot.querySelector('lightning-button.show-more');
    expect(more.label).toBe('Show 5 more');
    more.click();
    await flushPromises();
    expect(all(element, 'tr.account-row')).toHaveLength(ROWS_PER_SCREEN + 5);
    expect(element.shadowRoot.querySelector('lightning-button.show-more')).toBeNull();
  });

  it('ranks without judging breaches when the configuration cannot be read, and says why', async () => {
    mockConfigResource({ status: 404 });
    const element = await renderWithData();
    expect(element.shadowRoot.querySelector('c-error-panel')).not.toBeNull();
    expect(cell(element, 'Charlie Santé', '.breached')).toContain('c.Cockpit_Breached_Unjudged');
  });
});
