import { createElement } from 'lwc';
import MaintenanceOverview from 'c/maintenanceOverview';
import { getRelatedListRecordsBatch } from 'lightning/uiRelatedListApi';
import { refresh } from 'lightning/uiRecordApi';
import { ACCOUNT_RELATED_LIST_PARAMETERS } from 'c/maintenanceRecords';
import { configResource, flushPromises, freezeTime, mockConfigResource, resetDom } from 'test/utils';

jest.mock('@salesforce/label/c.Coverage_Covered_Until', () => ({ default: 'Covered until {0}.' }), { virtual: true });
jest.mock('@salesforce/label/c.Coverage_Gap', () => ({ default: 'Gap in coverage from {0} to {1}.' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Coverage_Not_Covered', () => ({ default: 'Not covered today, since {0}.' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Kpi_Compliance_Gtr', () => ({ default: 'GTR compliance, 90 days: {0} of {1} ({2})' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Kpi_Compliance_Gti', () => ({ default: 'GTI compliance, 90 days: {0} of {1} ({2})' }), {
  virtual: true
});
jest.mock(
  '@salesforce/label/c.Alert_At_Risk',
  () => ({ default: '{0} will breach its {1} target in {2} (due {3}).' }),
  {
    virtual: true
  }
);
jest.mock('@salesforce/label/c.Sla_Clock_Gti', () => ({ default: 'response (GTI)' }), { virtual: true });
jest.mock('@salesforce/label/c.Sla_Clock_Gtr', () => ({ default: 'restore (GTR)' }), { virtual: true });
jest.mock(
  '@salesforce/label/c.Alert_Holidays',
  () => ({ default: 'Calendar {0} lists no public holiday after {1}.' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.Incident_List_Capped',
  () => ({ default: 'Only the {0} most recent incidents of this account are shown and counted.' }),
  { virtual: true }
);
jest.mock('@salesforce/label/c.Alert_Gap', () => ({ default: 'Gap starts in {0} days ({1}).' }), { virtual: true });
jest.mock(
  '@salesforce/label/c.Alert_Gap_Since',
  () => ({ default: 'In a coverage gap since {0}: {1} days without cover.' }),
  { virtual: true }
);
jest.mock('@salesforce/label/c.Alert_Coverage_End', () => ({ default: '{0} ends in {1} days ({2}).' }), {
  virtual: true
});
jest.mock(
  '@salesforce/label/c.Alert_Notice_Passed_Ends',
  () => ({ default: 'Notice deadline of {0} passed on {1}: the contract ends on {2}.' }),
  { virtual: true }
);
jest.mock('@salesforce/label/c.Coverage_Covered_From', () => ({ default: 'Covered from {0}.' }), { virtual: true });
jest.mock('@salesforce/label/c.Alert_Notice', () => ({ default: 'Notice deadline of {0} in {1} days ({2}).' }), {
  virtual: true
});
jest.mock(
  '@salesforce/label/c.Alert_Warranty_End',
  () => ({ default: 'The warranty of {0} ends in {1} days ({2}).' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.Alert_Transition',
  () => ({ default: '{0}: {1} is still possible for {2} more days (until {3}).' }),
  { virtual: true }
);
jest.mock('@salesforce/label/c.Timeline_Amendment', () => ({ default: 'Amendment {0} ({1}) effective {2}' }), {
  virtual: true
});
jest.mock(
  '@salesforce/label/c.Alert_Transition_Last',
  () => ({
    default: '{0}: {1} is still possible for {2} more days (until {3}); after that only short-term options remain.'
  }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.Alert_Budget_Shortfall',
  () => ({
    default:
      '{0}: at this pace the budget runs out on {1}, {2} days before the term ends ({3}); it would last at {4} days a month.'
  }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.Alert_Spend',
  () => ({ default: '{0}: the spend of {1} ({2}) reached the monthly alert of {3}.' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.Alert_Effort_Out_Of_Coverage',
  () => ({ default: '{0} days worked out of coverage ({1}).' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.Alert_Reservations',
  () => ({ default: 'Handover of {0}: {1} reservation(s) still open.' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.Coverage_Draft_Pending',
  () => ({ default: '{0} (Draft, from {1}) covers nothing until it is signed.' }),
  { virtual: true }
);
jest.mock('@salesforce/label/c.Coverage_Pre_Coverage', () => ({ default: 'Pre-coverage: go-live on {0}.' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Kpi_Budget_Detail', () => ({ default: '{0} of {1} days' }), { virtual: true });
jest.mock('@salesforce/label/c.Kpi_Budget_Forecast', () => ({ default: 'Exhausted around {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Kpi_Budget_Lasts', () => ({ default: 'Lasts to the term end ({0})' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Kpi_Budget_No_Budget', () => ({ default: 'No budget in days on {0}' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Coverage_Gap_Open', () => ({ default: 'No coverage from {0}.' }), { virtual: true });

const accountLists = require('./data/accountRelatedLists.json');
const accountListsEmpty = require('./data/accountRelatedListsEmpty.json');
const desk = require('../../transitionPanel/__tests__/data/transitionDesk.json');

const ACCOUNT_ID = '001Aa00000AcmeAAA';
// Tuesday 10 March 2026.
const NOW = '2026-03-10T17:00:00.000Z';

function render() {
  const element = createElement('c-maintenance-overview', { is: MaintenanceOverview });
  element.recordId = ACCOUNT_ID;
  document.body.appendChild(element);
  return element;
}

async function renderWithData(batch = accountLists) {
  const element = render();
  getRelatedListRecordsBatch.emit(batch);
  await flushPromises();
  return element;
}

function text(element, selector) {
  return element.shadowRoot.querySelector(selector)?.textContent;
}

describe('c-maintenance-overview', () => {
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

  it('asks for the shared account batch and the configuration once, and hosts the list and the checklist', async () => {
    const element = render();
    await flushPromises();
    expect(getRelatedListRecordsBatch.getLastConfig()).toEqual({
      parentRecordId: ACCOUNT_ID,
      relatedListParameters: ACCOUNT_RELATED_LIST_PARAMETERS
    });
    // One fetch of the configuration for the tab and the components it hosts.
    expect(fetchConfig).toHaveBeenCalledTimes(1);
    expect(element.shadowRoot.querySelector('c-incident-list').recordId).toBe(ACCOUNT_ID);
    expect(element.shadowRoot.querySelector('c-handover-checklist').recordId).toBe(ACCOUNT_ID);
    // The logger loads only when opened.
    expect(element.shadowRoot.querySelector('c-incident-logger')).toBeNull();
  });

  it('warns of the gap between the two contracts in the banner and the alerts', async () => {
    const element = await renderWithData();
    // Contract 1 ends 31 March 2026, contract 2 starts 1 May 2026: April is not covered, 22 days from today.
    expect(text(element, '.banner-text')).toBe(
      'Covered until Mar 31, 2026. Gap in coverage from Apr 1, 2026 to Apr 30, 2026.'
    );
    expect(element.shadowRoot.querySelector('.coverage-banner').className).toContain('slds-theme_warning');
    const alerts = [...element.shadowRoot.querySelectorAll('.alert span')].map((span) => span.textContent);
    // The notice deadline of the first contract passed on 31 December: it stays until the contract ends.
    expect(alerts).toEqual([
      'Notice deadline of TMA Acme 2025-2026 passed on Dec 31, 2025: the contract ends on Mar 31, 2026.',
      'TMA Acme 2025-2026 ends in 21 days (Mar 31, 2026).',
      'Gap starts in 22 days (Apr 1, 2026).'
    ]);
    await expect(element).toBeAccessible();
  });

  it('says in the alerts when the account has more incidents than one page loads', async () => {
    const capped = JSON.parse(JSON.stringify(accountLists));
    capped.results[1].result.nextPageToken = '1999';
    const element = await renderWithData(capped);
    const alerts = [...element.shadowRoot.querySelectorAll('.alert span')].map((span) => span.textContent);
    const loaded = capped.results[1].result.records.length;
    expect(alerts).toContain(`Only the ${loaded} most recent incidents of this account are shown and counted.`);
  });

  /** The account batch with its Opportunities list answered (the maintenance proposals among them). */
  function withOpportunities(records, statusCode = 200) {
    const batch = JSON.parse(JSON.stringify(accountLists));
    // The fixture answers the first three lists: answer the transition desk's three, empty, before the opportunities.
    for (const relatedListId of ['Maintenance_Transitions__r', 'Contract_Amendments__r', 'Effort_Entries__r']) {
      batch.results.push({
        statusCode: 200,
        result: { listReference: { relatedListId }, records: [], nextPageToken: null }
      });
    }
    const result =
      statusCode === 200
        ? {
            listReference: { relatedListId: 'Opportunities', parentObjectApiName: 'Account', type: 'relatedList' },
            records,
            nextPageToken: null
          }
        : [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'No access to Opportunity' }];
    batch.results.push({ statusCode, result });
    return batch;
  }

  function opportunity(id, stage, closed, gapStart) {
    const field = (value) => ({ value, displayValue: null });
    return {
      id,
      apiName: 'Opportunity',
      fields: {
        Name: field(`Maintenance ${id}`),
        AccountId: field(ACCOUNT_ID),
        StageName: field(stage),
        CloseDate: field('2026-03-31'),
        Amount: field(30000),
        IsClosed: field(closed),
        Maintenance_Gap_Start__c: field(gapStart),
        Maintenance_Transition__c: field(null)
      }
    };
  }

  it('proposes maintenance for the coming gap, priced by the engine', async () => {
    const element = await renderWithData(
      withOpportunities([opportunity('006Aa00000LostAAA', 'Closed Lost', true, '2026-04-01')])
    );
    const proposal = element.shadowRoot.querySelector('c-maintenance-proposal');
    expect(proposal.openProposal).toBeNull();
    // The gap opens on 1 April 2026: close the day before.
    expect(proposal.proposal).toEqual(
      expect.objectContaining({ gapStart: '2026-04-01', closeDate: '2026-03-31', termMonths: 12 })
    );
    expect(proposal.proposal.fields.AccountId).toBe(ACCOUNT_ID);
  });

  it('shows the open maintenance proposal instead of proposing twice, and hides it when opportunities cannot be read', async () => {
    const open = opportunity('006Aa00000OpenAAA', 'Prospecting', false, '2026-04-01');
    let element = await renderWithData(withOpportunities([open]));
    expect(element.shadowRoot.querySelector('c-maintenance-proposal').openProposal.id).toBe('006Aa00000OpenAAA');
    resetDom();
    element = await renderWithData(withOpportunities([], 403));
    expect(element.shadowRoot.querySelector('c-maintenance-proposal')).toBeNull();
    // The rest of the tab still shows.
    expect(text(element, '.banner-text')).toContain('Covered until Mar 31, 2026.');
  });

  it('draws 18 months of contracts and coverage with the notice deadlines', async () => {
    const element = await renderWithData();
    const rows = [...element.shadowRoot.querySelectorAll('li.timeline-row .timeline-label')].map((l) => l.textContent);
    // The warranty (January to March 2025) is before the window, which opens on 1 September 2025.
    expect(rows).toEqual(['c.Timeline_Coverage_Row', 'TMA Acme 2025-2026', 'TMA Acme 2026-2027']);
    expect(element.shadowRoot.querySelectorAll('.timeline-notice')).toHaveLength(2);
    expect(element.shadowRoot.querySelectorAll('.timeline-bar_gap').length).toBeGreaterThan(0);
    const ticks = element.shadowRoot.querySelectorAll('.timeline-tick');
    expect(ticks).toHaveLength(19);
    expect(ticks[0].textContent).toBe('Sep 25');
  });

  it('shows the KPIs from the engine', async () => {
    const element = await renderWithData();
    expect(text(element, '.kpi-open .kpi-value')).toBe('4');
    const byPriority = [...element.shadowRoot.querySelectorAll('.kpi-open li')].map((li) => li.textContent);
    expect(byPriority).toEqual(['P1: 1', 'P2: 2', 'P3: 1', 'P4: 0']);
    // Open breached (at 18:00 Paris): INC-000001 missed its response and its 24x7 restore (12:30 UTC), INC-000006 its
    // restore; INC-000003 was paused before its due.
    expect(text(element, '.kpi-breached h3')).toBe('c.Kpi_Breached');
    expect(text(element, '.kpi-breached .kpi-value')).toBe('2');
    // Per clock over the last 90 days: the incidents resolved in it, plus those still open that breached in it.
    // GTR: INC-000004 resolved in time; INC-000005 resolved late; INC-000006 and INC-000001 open past their restore
    // due: 1 of 4. GTI: INC-000004 and INC-000005 responded in time, INC-000001 open past its response due: 2 of 3.
    expect(text(element, '.kpi-compliance .kpi-value')).toBe('25%');
    expect(text(element, '.kpi-compliance-gtr')).toBe('GTR compliance, 90 days: 1 of 4 (25%)');
    expect(text(element, '.kpi-compliance-gti')).toBe('GTI compliance, 90 days: 2 of 3 (67%)');
    // TMA Acme 2025-2026 covers today: the Consumed_Effort_Days__c roll-up says 42.5 of 100 days (43 %), even though
    // the batch carries no effort entry. 42.5 days in the 344 days from 1 April 2025 to 10 March 2026: the 57.5 left
    // last 466 days, to 19 June 2027, past the end of the term on 31 March 2026: it lasts.
    expect(text(element, '.kpi-budget .kpi-value')).toBe('43%');
    expect(text(element, '.kpi-budget .kpi-detail')).toBe('42.5 of 100 days');
    expect(text(element, '.kpi-budget .kpi-forecast')).toBe('Lasts to the term end (Mar 31, 2026)');
    expect(text(element, '.kpi-handover .kpi-value')).toBe('—');

    const checklist = element.shadowRoot.querySelector('c-handover-checklist');
    checklist.dispatchEvent(new CustomEvent('readinesschange', { detail: { percent: 75, name: 'HO-Portal' } }));
    await flushPromises();
    expect(text(element, '.kpi-handover .kpi-value')).toBe('75%');
    expect(text(element, '.kpi-handover .kpi-detail')).toBe('HO-Portal');
  });

  it('counts SLA compliance from 90 days before today, in the contract calendar time zone', async () => {
    // Today is 10 March 2026: the window opens on 10 December 2025, 00:00 in Paris (9 December, 23:00 UTC).
    const withResolution = (resolvedAt) => {
      const batch = JSON.parse(JSON.stringify(accountLists));
      const late = batch.results[1].result.records.find((record) => record.fields.Name.value === 'INC-000005');
      late.fields.Reported_At__c.value = '2025-12-08T09:00:00.000Z';
      late.fields.Resolved_At__c.value = resolvedAt;
      late.fields.Closed_At__c.value = resolvedAt;
      return batch;
    };
    // INC-000005 (P2, due 8 December 18:00 Paris) resolved late: counted against the restore clock only inside it.
    let element = await renderWithData(withResolution('2025-12-09T22:30:00.000Z'));
    expect(text(element, '.kpi-compliance-gtr')).toBe('GTR compliance, 90 days: 1 of 3 (33%)');
    resetDom();
    element = await renderWithData(withResolution('2025-12-09T23:30:00.000Z'));
    expect(text(element, '.kpi-compliance-gtr')).toBe('GTR compliance, 90 days: 1 of 4 (25%)');
  });

  it('lists in the alerts the incidents that will breach within the next 4 business hours', async () => {
    const alerts = (element) => [...element.shadowRoot.querySelectorAll('.alert span')].map((span) => span.textContent);
    // Wednesday 11 March, 12:00 Paris: INC-000002 (P3, restore due 17:00 Paris) has 5 business hours left.
    jest.setSystemTime(new Date('2026-03-11T11:00:00.000Z'));
    let element = await renderWithData();
    expect(alerts(element).filter((alert) => alert.startsWith('INC-'))).toEqual([]);
    resetDom();
    // 14:30 Paris: 2 h 30 min left, inside the 4 business hours. INC-000001 and INC-000006 have breached already,
    // INC-000003 is paused: none of them is at risk. Due 16:00 UTC is 9:00 AM in the user's Los Angeles.
    jest.setSystemTime(new Date('2026-03-11T13:30:00.000Z'));
    element = await renderWithData();
    expect(alerts(element).filter((alert) => alert.startsWith('INC-'))).toEqual([
      'INC-000002 will breach its restore (GTR) target in 2 h 30 min (due Mar 11, 2026, 9:00 AM).'
    ]);
    await expect(element).toBeAccessible();
  });

  it('warns when a calendar in force runs out of public holidays within 90 days', async () => {
    const config = configResource();
    const paris = config.types.Maintenance_Calendar__mdt.find(
      (record) => record.DeveloperName === 'Paris_Business_Hours'
    );
    paris.Holidays__c = '2026-01-01,2026-04-06,2026-05-01';
    mockConfigResource({ body: config });
    const element = await renderWithData();
    // Today 10 March + 90 days is 8 June: the last holiday, 1 May, falls before it.
    expect([...element.shadowRoot.querySelectorAll('.alert span')].map((span) => span.textContent)).toContain(
      'Calendar Paris_Business_Hours lists no public holiday after May 1, 2026.'
    );
  });

  it('judges compliance on the stamped due times when the calendars cannot be read', async () => {
    mockConfigResource({ status: 404 });
    const element = render();
    getRelatedListRecordsBatch.emit(accountLists);
    await flushPromises();
    // INC-000004 was resolved before its stamped due, INC-000005 after it, INC-000006 and INC-000001 are open past it.
    expect(text(element, '.kpi-compliance .kpi-value')).toBe('25%');
    expect(element.shadowRoot.querySelector('c-error-panel').friendlyMessage).toBe('c.Overview_Calendar_Error');
  });

  it('opens the logger and reloads after an incident is logged', async () => {
    const element = await renderWithData();
    element.shadowRoot.querySelector('lightning-button.open-logger').click();
    await flushPromises();
    const logger = element.shadowRoot.querySelector('c-incident-logger');
    expect(logger.recordId).toBe(ACCOUNT_ID);
    logger.dispatchEvent(new CustomEvent('incidentlogged', { detail: { id: 'a02Aa0000000099AAA' } }));
    await flushPromises();
    expect(refresh).toHaveBeenCalled();
    expect(element.shadowRoot.querySelector('c-incident-logger')).toBeNull();

    element.shadowRoot.querySelector('lightning-button.open-logger').click();
    await flushPromises();
    element.shadowRoot.querySelector('c-incident-logger').dispatchEvent(new CustomEvent('cancel'));
    await flushPromises();
    expect(element.shadowRoot.querySelector('c-incident-logger')).toBeNull();
  });

  it('says when the account has neither contract nor warranty', async () => {
    const element = await renderWithData(accountListsEmpty);
    expect(text(element, '.banner-text')).toBe('c.Coverage_None');
    expect(text(element, '.kpi-budget .kpi-value')).toBe('—');
    expect(text(element, '.kpi-budget .kpi-detail')).toBe('c.Kpi_Budget_None');
    expect(text(element, '.kpi-compliance .kpi-value')).toBe('—');
    expect(text(element, '.kpi-compliance-gtr')).toBe('c.Kpi_Compliance_Gtr_None');
    expect(text(element, '.kpi-compliance-gti')).toBe('c.Kpi_Compliance_Gti_None');
  });

  it('tells since when the account is not covered', async () => {
    const expired = JSON.parse(JSON.stringify(accountLists));
    const contracts = expired.results[0].result.records;
    contracts[0].fields.End_Date__c.value = '2026-02-28';
    contracts[0].fields.Notice_Deadline__c.value = '2025-11-30';
    const element = await renderWithData(expired);
    expect(text(element, '.banner-text')).toBe('Not covered today, since Mar 1, 2026. Covered from May 1, 2026.');
    expect(element.shadowRoot.querySelector('.coverage-banner').className).toContain('slds-theme_error');
    // The alerts say the same: not a gap "starting in 0 days", but one open since 1 March, 9 days before today.
    const alerts = [...element.shadowRoot.querySelectorAll('.alert span')].map((span) => span.textContent);
    expect(alerts).toContain('In a coverage gap since Mar 1, 2026: 9 days without cover.');
    expect(alerts.filter((alert) => alert.startsWith('Gap starts in'))).toEqual([]);
  });

  it('on the transition desk: renewals dashed, amendments marked, warranties named, costs and options in the alerts', async () => {
    const element = await renderWithData(desk);
    // TMA Breton renews tacitly: covered all the horizon.
    expect(text(element, '.banner-text')).toBe('c.Coverage_Covered_Horizon');
    const alerts = [...element.shadowRoot.querySelectorAll('.alert span')].map((span) => span.textContent);
    expect(alerts).toEqual([
      // 31 August - 90 days = 2 June, 84 days away; the term renews, so nothing else about its end.
      'Notice deadline of TMA Breton in 84 days (Jun 2, 2026).',
      // A tacit renewal covers the Atlas go-live for years: no option is about to close.
      'TMA Breton: at this pace the budget runs out on May 28, 2026, 95 days before the term ends (Aug 31, 2026); it would last at 2.61 days a month.',
      'Régie Breton: the spend of Feb 26 ($6,000.00) reached the monthly alert of $4,800.00.',
      '1.5 days worked out of coverage ($975.00).',
      'Handover of Portal: 2 reservation(s) still open.'
    ]);
    const breton = [...element.shadowRoot.querySelectorAll('li.timeline-row')].find(
      (row) => row.querySelector('.timeline-label').textContent === 'TMA Breton'
    );
    // The initial term, then the renewal from 1 September 2026, dashed, to the window's end.
    const bars = [...breton.querySelectorAll('.timeline-bar')].map((bar) => bar.className);
    expect(bars).toEqual([
      'timeline-bar timeline-bar_contract timeline-bar_active',
      'timeline-bar timeline-bar_contract timeline-bar_renewal'
    ]);
    // AMD-0001 marks its effective day on the contract's row: the window runs from 1 September 2025 to 31 March 2027
    // (577 days), and 1 January 2026 is 122 days in: 21.14 %.
    const amendment = breton.querySelector('.timeline-amendment');
    expect(amendment.title).toBe('Amendment AMD-0001 (Reduced Go-Live Scope) effective Jan 1, 2026');
    expect(amendment.style.left).toBe('21.14%');
    expect(element.shadowRoot.querySelectorAll('.timeline-amendment')).toHaveLength(1);
    const draft = [...element.shadowRoot.querySelectorAll('li.timeline-row')].find(
      (row) => row.querySelector('.timeline-label').textContent === 'New TMA Portal'
    );
    expect(draft.querySelector('.timeline-bar').className).toContain('timeline-bar_draft');
    // Go-live markers for Atlas (no warranty) and Portal.
    expect(element.shadowRoot.querySelectorAll('.timeline-golive')).toHaveLength(2);
    expect(element.shadowRoot.querySelector('c-transition-panel').recordId).toBe(ACCOUNT_ID);
    expect(element.shadowRoot.querySelector('c-budget-panel').recordId).toBe(ACCOUNT_ID);
    await expect(element).toBeAccessible();
  });

  it('says a contract in force has no budget in days, not that there is no contract', async () => {
    // Without TMA Breton, only Régie Breton (time and materials, Active until 31 December) covers the account.
    const regieOnly = JSON.parse(JSON.stringify(desk));
    regieOnly.results[0].result.records = regieOnly.results[0].result.records.filter(
      (record) => record.id !== 'a01Aa00000Desk1AAA'
    );
    let element = await renderWithData(regieOnly);
    expect(text(element, '.kpi-budget .kpi-value')).toBe('—');
    expect(text(element, '.kpi-budget .kpi-detail')).toBe('No budget in days on Régie Breton');
    resetDom();
    // TMA Breton covers, with no budget in days (and without AMD-0001, which would give it 10).
    const noBudget = JSON.parse(JSON.stringify(desk));
    noBudget.results[0].result.records.find(
      (record) => record.id === 'a01Aa00000Desk1AAA'
    ).fields.Budget_Days__c.value = null;
    noBudget.results[4].result.records = [];
    element = await renderWithData(noBudget);
    expect(text(element, '.kpi-budget .kpi-detail')).toBe('No budget in days on TMA Breton');
  });

  it('names the warranty that ends, and the go-live and the Draft behind a gap before coverage', async () => {
    const atlas = JSON.parse(JSON.stringify(desk));
    // Only the Atlas go-live (7 August, no warranty) and the Portal warranty with its Draft successor.
    atlas.results[0].result.records = atlas.results[0].result.records.filter(
      (record) => record.fields.Status__c.value === 'Draft'
    );
    atlas.results[5].result.records = [];
    const element = await renderWithData(atlas);
    // The account is covered by the Portal warranty until 30 August; the Atlas go-live of 7 August is under it.
    expect(text(element, '.banner-text')).toBe(
      'Pre-coverage: go-live on Jun 1, 2026. No coverage from Aug 31, 2026. New TMA Portal (Draft, from Aug 31, 2026) covers nothing until it is signed.'
    );
    const alerts = [...element.shadowRoot.querySelectorAll('.alert span')].map((span) => span.textContent);
    expect(alerts).toContain('The warranty of Portal ends in 173 days (Aug 30, 2026).');
    // Atlas: 150 days to its go-live (the Portal warranty does not maintain Atlas), a new TMA closes in 30 days.
    expect(alerts).toContain('Atlas CRM: New TMA is still possible for 30 more days (until Apr 9, 2026).');
  });

  it('warns while a tender is still possible, and when the last long option is about to close', async () => {
    // Only the Atlas go-live (7 August 2026, no warranty, undecided); the Draft behind Portal covers nothing.
    const atlas = JSON.parse(JSON.stringify(desk));
    atlas.results[0].result.records = atlas.results[0].result.records.filter(
      (record) => record.fields.Status__c.value === 'Draft'
    );
    atlas.results[5].result.records = [];
    const transitionAlerts = (element) =>
      [...element.shadowRoot.querySelectorAll('.alert span')]
        .map((span) => span.textContent)
        .filter((line) => line.startsWith('Atlas CRM:'));
    // By hand: a tender (180 days) closes on 7 August - 180 days = 8 February 2026; on 27 January, 12 days before.
    freezeTime('2026-01-27T09:00:00.000Z');
    let element = await renderWithData(atlas);
    expect(transitionAlerts(element)).toEqual([
      'Atlas CRM: Tender is still possible for 12 more days (until Feb 8, 2026).'
    ]);
    resetDom();
    // The day after it closed, a new TMA (120 days: 9 April) is 60 days away: too far for an alert.
    freezeTime('2026-02-09T09:00:00.000Z');
    element = await renderWithData(atlas);
    expect(transitionAlerts(element)).toEqual([]);
    resetDom();
    // Internalise (90 days) closes on 9 May, the last long option: on 29 April, 10 days before, the alert says so.
    freezeTime('2026-04-29T09:00:00.000Z');
    element = await renderWithData(atlas);
    expect(transitionAlerts(element)).toEqual([
      'Atlas CRM: Internalise is still possible for 10 more days (until May 9, 2026); after that only short-term options remain.'
    ]);
    resetDom();
    // Once it closed, only short options are left: no alert.
    freezeTime('2026-05-10T09:00:00.000Z');
    element = await renderWithData(atlas);
    expect(transitionAlerts(element)).toEqual([]);
  });

  it('shows the load errors', async () => {
    mockConfigResource({ status: 404 });
    const element = render();
    getRelatedListRecordsBatch.error({ message: 'No access' });
    await flushPromises();
    const panels = [...element.shadowRoot.querySelectorAll('c-error-panel')].map((panel) => panel.friendlyMessage);
    expect(panels).toEqual(['c.Overview_Load_Error', 'c.Overview_Calendar_Error']);
    await expect(element).toBeAccessible();
  });
});
