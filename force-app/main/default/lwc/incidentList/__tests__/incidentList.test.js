import { createElement } from 'lwc';
import IncidentList, { PAGE_SIZE } from 'c/incidentList';
import { getRelatedListRecordsBatch } from 'lightning/uiRelatedListApi';
import { updateRecord, refresh } from 'lightning/uiRecordApi';
import { incidentTransition, incidentFromRecord, contractFromRecord, calendarFromMetadata } from 'c/maintenanceEngine';
import { ACCOUNT_RELATED_LIST_PARAMETERS } from 'c/maintenanceRecords';
import { CLOCK_TICK_MS } from 'c/maintenanceAccountData';
import { configResource, flushPromises, freezeTime, mockConfigResource, resetDom } from 'test/utils';

import { NavigationMixin } from 'lightning/navigation';

// NavigationMixin that records what the list asks of it: the record page URLs it generates and the navigations.
jest.mock('lightning/navigation', () => {
  const Navigate = Symbol('Navigate');
  const GenerateUrl = Symbol('GenerateUrl');
  const navigate = jest.fn();
  const generateUrl = jest.fn((pageReference) =>
    Promise.resolve(`/lightning/r/${pageReference.attributes.objectApiName}/${pageReference.attributes.recordId}/view`)
  );
  const Mixin = (Base) =>
    class extends Base {
      [Navigate](pageReference) {
        navigate(pageReference);
      }

      [GenerateUrl](pageReference) {
        return generateUrl(pageReference);
      }
    };
  Mixin.Navigate = Navigate;
  Mixin.GenerateUrl = GenerateUrl;
  Mixin.navigate = navigate;
  Mixin.generateUrl = generateUrl;
  return { NavigationMixin: Mixin };
});

jest.mock(
  '@salesforce/label/c.Incident_Action_Wait_Refused',
  () => ({ default: 'Wait on customer: refused, the restore target (GTR) passed at {0}' }),
  { virtual: true }
);

jest.mock('@salesforce/label/c.Duration_Overdue', () => ({ default: 'overdue by {0}' }), { virtual: true });

jest.mock('@salesforce/label/c.Kpi_Compliance_Gtr', () => ({ default: 'GTR compliance, 90 days: {0} of {1} ({2})' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Kpi_Compliance_Gti', () => ({ default: 'GTI compliance, 90 days: {0} of {1} ({2})' }), {
  virtual: true
});

const accountLists = require('./data/accountRelatedLists.json');

const accountListsEmpty = require('./data/accountRelatedListsEmpty.json');

const ACCOUNT_ID = '001Aa00000AcmeAAA';
// Tuesday 10 March 2026, 10:00 in Paris (09:00 UTC).
const NOW = '2026-03-10T09:00:00.000Z';

function render() {
  const element = createElement('c-incident-list', { is: IncidentList });
  element.recordId = ACCOUNT_ID;
  document.body.appendChild(element);
  return element;
}

async function renderWithData() {
  const element = render();
  getRelatedListRecordsBatch.emit(accountLists);
  await flushPromises();
  return element;
}

/** The drawn table rows, as a user reads them. */
function tableRows(element) {
  return [...element.shadowRoot.querySelectorAll('tbody tr')].map((tr) => {
    const badge = tr.querySelector('.cell-band .slds-badge');
    return {
      id: tr.dataset.id,
      name: tr.querySelector('.cell-name').textContent,
      band: [...badge.classList].find((name) => name.startsWith('sla-band_')).slice('sla-band_'.length),
      bandLabel: badge.textContent,
      bandTitle: badge.title,
      remaining: tr.querySelector('.remaining-time').textContent,
      clock: tr.querySelector('.remaining-clock').textContent,
      state: tr.querySelector('.sla-state').textContent,
      responseDue: tr.querySelector('.cell-response-due').textContent,
      resolutionDue: tr.querySelector('.cell-resolution-due').textContent,
      menu: tr.querySelector('lightning-button-menu'),
      actions: [...tr.querySelectorAll('lightning-menu-item')].map((item) => item.value)
    };
  });
}

function names(element) {
  return tableRows(element).map((row) => row.name);
}

/** Chooses an action in a row's menu, as lightning-button-menu reports it. */
function chooseAction(element, incidentName, action) {
  const row = tableRows(element).find((candidate) => candidate.name === incidentName);
  row.menu.dispatchEvent(new CustomEvent('select', { detail: { value: action } }));
  return row;
}

/** The account batch with `count` more open P3 incidents, copies of INC-000002 numbered from INC-100000. */
function withMoreIncidents(count) {
  const batch = JSON.parse(JSON.stringify(accountLists));
  const incidents = batch.results[1].result.records;
  const model = incidents.find((record) => record.fields.Name.value === 'INC-000002');
  for (let index = 0; index < count; index++) {
    const copy = JSON.parse(JSON.stringify(model));
    copy.id = `a02Aa0000${String(100000 + index)}AAA`;
    copy.fields.Name.value = `INC-${100000 + index}`;
    incidents.push(copy);
  }
  batch.results[1].result.count = incidents.length;
  return batch;
}

function parisCalendarRecord() {
  return configResource().types.Maintenance_Calendar__mdt.find(
    (record) => record.DeveloperName === 'Paris_Business_Hours'
  );
}

function plain(record) {
  return Object.fromEntries(Object.entries(record.fields).map(([name, field]) => [name, field.value]));
}

describe('c-incident-list', () => {
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

  it('asks for the shared account batch and the configuration resource', async () => {
    render();
    await flushPromises();
    expect(getRelatedListRecordsBatch.getLastConfig()).toEqual({
      parentRecordId: ACCOUNT_ID,
      relatedListParameters: ACCOUNT_RELATED_LIST_PARAMETERS
    });
    expect(fetchConfig).toHaveBeenCalledTimes(1);
    expect(fetchConfig.mock.calls[0][0]).toBe('Maintenance_Config');
  });

  it('lists the open incidents, most urgent restore first, with SLA bands and due times', async () => {
    const element = await renderWithData();
    expect(names(element)).toEqual(['INC-000006', 'INC-000003', 'INC-000001', 'INC-000002']);
    expect([...element.shadowRoot.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'c.Incident_Column_Number',
      'c.Incident_Column_Subject',
      'c.Incident_Column_Priority',
      'c.Incident_Column_Status',
      'c.Incident_Column_Sla',
      'c.Incident_Column_Remaining',
      'c.Incident_Column_Response_Due',
      'c.Incident_Column_Resolution_Due',
      'c.Incident_Column_Actions'
    ]);
    const byName = Object.fromEntries(tableRows(element).map((row) => [row.name, row]));
    // INC-000006: P2 (8 business hours) reported 2 March, still open on 10 March: breached.
    expect(byName['INC-000006'].band).toBe('red');
    // The badge names the clock that broke; its title keeps the band.
    expect(byName['INC-000006'].bandLabel).toBe('GTI met · GTR breached');
    expect(byName['INC-000006'].bandTitle).toMatch(/^c\.Sla_Band_Red \(/);
    // INC-000003 is waiting on the customer: the clock is paused.
    expect(byName['INC-000003'].band).toBe('grey');
    // INC-000002: P3 (24 business hours from Monday 11:00 Paris), 7 + 1 = 8 of 24 business hours used: green.
    expect(byName['INC-000002'].band).toBe('green');
    expect(byName['INC-000002'].remaining).not.toBe('');
    // Due times in the user's time zone (America/Los_Angeles in jest): 16:00 UTC on 11 March is 9:00 AM.
    expect(byName['INC-000002'].resolutionDue).toBe('Mar 11, 2026, 9:00 AM');
    expect(byName['INC-000001'].responseDue).toBe('Mar 10, 2026, 1:45 AM');
    expect(element.shadowRoot.querySelector('.incident-count').textContent).toBe('c.Incident_List_Count');
    expect(element.shadowRoot.querySelector('.show-more')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('reads the clocks: time left in business days on the calendar, elapsed time on 24x7, the clock named', async () => {
    const element = await renderWithData();
    const byName = Object.fromEntries(tableRows(element).map((row) => [row.name, row]));
    // INC-000002, P3 (24 business hours) reported Monday 11:00 Paris: 7 h used on Monday, 1 h on Tuesday by 10:00:
    // 16 h left, one business day (09:00-18:00, 9 h) and 7 h.
    expect(byName['INC-000002'].remaining).toBe('1 business day 7 h');
    expect(byName['INC-000002'].clock).toBe('c.Sla_Clock_Business');
    expect(byName['INC-000002'].bandLabel).toBe('GTI met · GTR running');
    expect(byName['INC-000002'].state).toBe('c.Sla_State_On_Track');
    // INC-000001, P1 on the 24x7 clock, reported 08:30 UTC and not responded: 15 minutes past its response due.
    expect(byName['INC-000001'].remaining).toBe('overdue by 15 min');
    expect(byName['INC-000001'].clock).toBe('c.Sla_Clock_Elapsed');
    expect(byName['INC-000001'].state).toBe('c.Sla_State_Response_Breached');
    // INC-000006, P2 (8 business hours) reported Monday 2 March 10:00 Paris: 8 h on the 2nd, 9 h a day from the 3rd
    // to the 6th and on the 9th, 1 h on the 10th = 54 h used, 46 h over: 5 business days and 1 h.
    expect(byName['INC-000006'].remaining).toBe('overdue by 5 business days 1 h');
    expect(byName['INC-000006'].bandLabel).toBe('GTI met · GTR breached');
    expect(byName['INC-000006'].state).toBe('c.Sla_State_Breached');
    expect(byName['INC-000003'].state).toBe('c.Sla_State_Paused');
  });

  it('counts compliance per clock over 90 days as the tab does', async () => {
    const element = await renderWithData();
    // Tuesday 10:00 Paris. GTR: INC-000004 resolved in time, INC-000005 late, INC-000006 open past its due; INC-000001's
    // 24x7 restore (12:30 UTC) has not passed yet: 1 of 3. GTI: INC-000004 and INC-000005 in time, INC-000001 open
    // past its 08:45 response due: 2 of 3.
    expect(element.shadowRoot.querySelector('.incident-compliance').textContent.trim()).toBe(
      'GTR compliance, 90 days: 1 of 3 (33%) · GTI compliance, 90 days: 2 of 3 (67%)'
    );
    resetDom();
    const empty = render();
    getRelatedListRecordsBatch.emit(accountListsEmpty);
    await flushPromises();
    expect(empty.shadowRoot.querySelector('.incident-compliance').textContent.trim()).toBe(
      'c.Kpi_Compliance_Gtr_None · c.Kpi_Compliance_Gti_None'
    );
  });

  it("shows a paused incident whose restore target had passed as 'Breached (paused)'", async () => {
    const batch = JSON.parse(JSON.stringify(accountLists));
    const paused = batch.results[1].result.records.find((record) => record.fields.Name.value === 'INC-000003');
    paused.fields.Resolution_Breached_At__c = { displayValue: null, value: '2026-03-09T13:00:00.000Z' };
    const element = render();
    getRelatedListRecordsBatch.emit(batch);
    await flushPromises();
    const row = tableRows(element).find((candidate) => candidate.name === 'INC-000003');
    expect(row.state).toBe('c.Sla_State_Breached_Paused');
    expect(row.band).toBe('grey');
    expect(row.bandLabel).toBe('GTI met · GTR breached');
    // Filtering on breached keeps it: the pause does not hide the breach.
    const breached = element.shadowRoot.querySelector('.filter-breached');
    breached.checked = true;
    breached.dispatchEvent(new CustomEvent('change'));
    await flushPromises();
    expect(names(element)).toContain('INC-000003');
  });

  it('filters by open, breached and priority', async () => {
    const element = await renderWithData();
    const openFilter = element.shadowRoot.querySelector('.filter-open');
    openFilter.checked = false;
    openFilter.dispatchEvent(new CustomEvent('change'));
    await flushPromises();
    expect(names(element)).toHaveLength(6);

    const priority = element.shadowRoot.querySelector('.filter-priority');
    priority.dispatchEvent(new CustomEvent('change', { detail: { value: 'P2' } }));
    await flushPromises();
    expect(names(element).sort()).toEqual(['INC-000003', 'INC-000005', 'INC-000006']);

    const breached = element.shadowRoot.querySelector('.filter-breached');
    breached.checked = true;
    breached.dispatchEvent(new CustomEvent('change'));
    await flushPromises();
    // INC-000005 (closed) was resolved 18 business hours late; INC-000006 is still overdue.
    expect(names(element).sort()).toEqual(['INC-000005', 'INC-000006']);

    priority.dispatchEvent(new CustomEvent('change', { detail: { value: '' } }));
    openFilter.checked = true;
    openFilter.dispatchEvent(new CustomEvent('change'));
    await flushPromises();
    // INC-000001: P1 reported 08:30 UTC, not responded by its 08:45 response due: breached too.
    expect(names(element).sort()).toEqual(['INC-000001', 'INC-000006']);

    priority.dispatchEvent(new CustomEvent('change', { detail: { value: 'P4' } }));
    await flushPromises();
    expect(element.shadowRoot.querySelector('table')).toBeNull();
    expect(element.shadowRoot.querySelector('.empty-filtered').textContent).toBe('c.Incident_List_Empty_Filtered');
  });

  it('draws a page of rows at a time, and starts over when a filter changes', async () => {
    const element = render();
    getRelatedListRecordsBatch.emit(withMoreIncidents(2 * PAGE_SIZE));
    await flushPromises();
    // 4 open incidents of the sample plus the 50 copies: 54 match, the first 25 are drawn.
    expect(tableRows(element)).toHaveLength(PAGE_SIZE);
    expect(names(element).slice(0, 3)).toEqual(['INC-000006', 'INC-000003', 'INC-000001']);
    const more = () => element.shadowRoot.querySelector('.show-more');
    expect(more().label).toBe('c.Incident_List_Show_More');

    more().click();
    await flushPromises();
    expect(tableRows(element)).toHaveLength(2 * PAGE_SIZE);
    more().click();
    await flushPromises();
    expect(tableRows(element)).toHaveLength(54);
    expect(more()).toBeNull();
    expect(new Set(names(element)).size).toBe(54);

    const priority = element.shadowRoot.querySelector('.filter-priority');
    priority.dispatchEvent(new CustomEvent('change', { detail: { value: 'P3' } }));
    await flushPromises();
    // INC-000002 and its 50 copies are P3: back to the first page of them.
    expect(tableRows(element)).toHaveLength(PAGE_SIZE);
    expect(more()).not.toBeNull();
  });

  it('moves the SLA bands with the clock, every minute while on the page', async () => {
    const setIntervalSpy = jest.spyOn(window, 'setInterval');
    const clearIntervalSpy = jest.spyOn(window, 'clearInterval');
    const element = await renderWithData();
    const band = () => tableRows(element).find((row) => row.name === 'INC-000002').band;
    expect(band()).toBe('green');
    const [tick, every] = setIntervalSpy.mock.calls[0];
    expect(every).toBe(CLOCK_TICK_MS);

    // INC-000002's restore target is Wednesday 11 March 17:00 Paris (16:00 UTC): an hour past it, it is red.
    jest.setSystemTime(new Date('2026-03-11T17:00:00.000Z'));
    tick();
    await flushPromises();
    expect(band()).toBe('red');

    const timer = setIntervalSpy.mock.results[0].value;
    document.body.removeChild(element);
    expect(clearIntervalSpy).toHaveBeenCalledWith(timer);
    setIntervalSpy.mockRestore();
    clearIntervalSpy.mockRestore();
  });

  it('offers the actions the engine allows for each status, through the whole life of an incident', async () => {
    const element = await renderWithData();
    const openFilter = element.shadowRoot.querySelector('.filter-open');
    openFilter.checked = false;
    openFilter.dispatchEvent(new CustomEvent('change'));
    await flushPromises();
    const byId = Object.fromEntries(tableRows(element).map((row) => [row.id, row]));
    // "Log effort" and "History" end every menu: they are not steps of the workflow.
    expect(byId.a02Aa0000000001AAA.actions).toEqual([
      'acknowledge',
      'start',
      'reprioritize',
      'resolve',
      'cancel',
      'logEffort',
      'history'
    ]);
    expect(byId.a02Aa0000000002AAA.actions).toEqual([
      'wait',
      'reprioritize',
      'resolve',
      'cancel',
      'logEffort',
      'history'
    ]);
    expect(byId.a02Aa0000000003AAA.actions).toEqual([
      'resume',
      'reprioritize',
      'resolve',
      'cancel',
      'logEffort',
      'history'
    ]);
    // Resolved: only closing is left; closed: nothing but logging effort.
    expect(byId.a02Aa0000000004AAA.actions).toEqual(['close', 'logEffort', 'history']);
    expect(byId.a02Aa0000000005AAA.actions).toEqual(['logEffort', 'history']);
    expect(byId.a02Aa0000000003AAA.menu.alternativeText).toBe('c.Incident_Row_Actions');
  });

  it('disables "Wait on customer", with the reason, once the restore target has passed', async () => {
    const element = await renderWithData();
    const items = (name) => [
      ...element.shadowRoot.querySelectorAll(`tr[data-id="${name}"] lightning-menu-item[data-action="wait"]`)
    ];
    // INC-000006: P2 (8 business hours) reported Monday 2 March 10:00 Paris, restore due 18:00 Paris (17:00 UTC,
    // 9:00 AM in the user's Los Angeles), still in progress on 10 March.
    const [refused] = items('a02Aa0000000006AAA');
    expect(refused.disabled).toBe(true);
    expect(refused.label).toBe('Wait on customer: refused, the restore target (GTR) passed at Mar 2, 2026, 9:00 AM');
    expect(refused.prefixIconName).toBe('utility:lock');
    // INC-000002 (P3, due Wednesday 11 March) may still wait.
    const [allowed] = items('a02Aa0000000002AAA');
    expect(allowed.disabled).toBe(false);
    expect(allowed.label).toBe('c.Incident_Action_Wait');
    // Choosing the disabled item anyway (a stale menu) runs nothing but the engine, which refuses.
    const toast = jest.fn();
    element.addEventListener('lightning__showtoast', toast);
    chooseAction(element, 'INC-000006', 'wait');
    await flushPromises();
    const form = element.shadowRoot.querySelector('c-incident-action-form');
    form.dispatchEvent(new CustomEvent('submit', { detail: { pauseReason: 'Waiting for customer test' } }));
    await flushPromises();
    expect(updateRecord).not.toHaveBeenCalled();
    expect(toast.mock.calls[0][0].detail.variant).toBe('error');
    expect(toast.mock.calls[0][0].detail.message).toMatch(
      /^Cannot wait on the customer: the restore target \(GTR\) passed at 2026-03-02T17:00:00.000Z/
    );
    await expect(element).toBeAccessible();
  });

  it('waits on the customer for the reason chosen in the form', async () => {
    const element = await renderWithData();
    chooseAction(element, 'INC-000002', 'wait');
    await flushPromises();
    const form = element.shadowRoot.querySelector('c-incident-action-form');
    expect(form.action).toBe('wait');
    expect(updateRecord).not.toHaveBeenCalled();
    form.dispatchEvent(new CustomEvent('submit', { detail: { pauseReason: 'Waiting for customer test' } }));
    await flushPromises();
    expect(updateRecord.mock.calls[0][0].fields).toEqual({
      Id: 'a02Aa0000000002AAA',
      Status__c: 'Waiting on Customer',
      Paused_Since__c: NOW,
      Pause_Reason__c: 'Waiting for customer test'
    });
    expect(element.shadowRoot.querySelector('c-incident-action-form')).toBeNull();
  });

  it('links each incident number to its record page', async () => {
    const element = await renderWithData();
    await flushPromises();
    const link = element.shadowRoot.querySelector('tr[data-id="a02Aa0000000002AAA"] .cell-name a');
    expect(link.textContent).toBe('INC-000002');
    expect(link.getAttribute('href')).toBe('/lightning/r/Maintenance_Incident__c/a02Aa0000000002AAA/view');
    expect(link.title).toBe('c.Incident_Open_Record');
    // One URL per incident, asked once: a new answer of the same incidents asks for none.
    expect(NavigationMixin.generateUrl).toHaveBeenCalledTimes(6);
    getRelatedListRecordsBatch.emit(JSON.parse(JSON.stringify(accountLists)));
    await flushPromises();
    expect(NavigationMixin.generateUrl).toHaveBeenCalledTimes(6);

    // Ctrl+click opens a new tab through the href, as the browser does it: the list leaves the click alone (the cell
    // stops it here, as jsdom cannot open tabs).
    let preventedByList;
    link.parentElement.addEventListener(
      'click',
      (event) => {
        preventedByList = event.defaultPrevented;
        event.preventDefault();
      },
      { once: true }
    );
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true }));
    expect(preventedByList).toBe(false);
    expect(NavigationMixin.navigate).not.toHaveBeenCalled();
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(NavigationMixin.navigate).toHaveBeenCalledWith({
      type: 'standard__recordPage',
      attributes: { recordId: 'a02Aa0000000002AAA', objectApiName: 'Maintenance_Incident__c', actionName: 'view' }
    });
  });

  it("closes a resolved incident and cancels an open one with the engine's fields", async () => {
    const element = await renderWithData();
    const openFilter = element.shadowRoot.querySelector('.filter-open');
    openFilter.checked = false;
    openFilter.dispatchEvent(new CustomEvent('change'));
    await flushPromises();
    chooseAction(element, 'INC-000004', 'close');
    await flushPromises();
    expect(updateRecord.mock.calls[0][0].fields).toEqual({
      Id: 'a02Aa0000000004AAA',
      Status__c: 'Closed',
      Closed_At__c: NOW
    });
    // Cancelling a paused incident closes its pause: Monday 15:00-18:00 and Tuesday 09:00-10:00 Paris = 240 minutes.
    chooseAction(element, 'INC-000003', 'cancel');
    await flushPromises();
    expect(updateRecord.mock.calls[1][0].fields).toMatchObject({
      Id: 'a02Aa0000000003AAA',
      Status__c: 'Cancelled',
      Closed_At__c: NOW,
      Paused_Minutes__c: 240,
      Paused_Since__c: null
    });
  });

  it('reprioritises from the impact and urgency chosen in the form, the new priority shown live', async () => {
    const element = await renderWithData();
    const toast = jest.fn();
    element.addEventListener('lightning__showtoast', toast);
    chooseAction(element, 'INC-000002', 'reprioritize');
    await flushPromises();
    expect(updateRecord).not.toHaveBeenCalled();
    const form = element.shadowRoot.querySelector('c-incident-action-form');
    expect(form.action).toBe('reprioritize');
    expect(form.incidentName).toBe('INC-000002');
    expect([form.impact, form.urgency, form.priority]).toEqual(['Medium', 'Medium', 'P3']);

    // The form answers High x Medium: the list runs the engine's reprioritize with it.
    form.dispatchEvent(new CustomEvent('submit', { detail: { impact: 'High', urgency: 'Medium' } }));
    await flushPromises();
    const { fields } = updateRecord.mock.calls[0][0];
    // By hand: P2 (8 business hours) from Monday 9 March 11:00 Paris: due Monday 19:00 is past closing, so Tuesday
    // 10:00 Paris (09:00 UTC); response 30 min: Monday 11:30 Paris (10:30 UTC).
    expect(fields).toMatchObject({
      Id: 'a02Aa0000000002AAA',
      Priority__c: 'P2',
      Impact__c: 'High',
      Urgency__c: 'Medium',
      Priority_Overridden__c: false,
      Response_Due__c: '2026-03-09T10:30:00.000Z',
      Resolution_Due__c: '2026-03-10T09:00:00.000Z'
    });
    expect(toast.mock.calls[0][0].detail.variant).toBe('success');
    expect(element.shadowRoot.querySelector('c-incident-action-form')).toBeNull();
  });

  it('keeps the form open when the write fails, and closes it on cancel', async () => {
    updateRecord.mockRejectedValueOnce({ body: { message: 'Record locked' } });
    const element = await renderWithData();
    chooseAction(element, 'INC-000002', 'reprioritize');
    await flushPromises();
    const form = () => element.shadowRoot.querySelector('c-incident-action-form');
    form().dispatchEvent(new CustomEvent('submit', { detail: { impact: 'Low', urgency: 'Low' } }));
    await flushPromises();
    expect(updateRecord).toHaveBeenCalledTimes(1);
    expect(form()).not.toBeNull();
    expect(form().busy).toBe(false);
    form().dispatchEvent(new CustomEvent('cancel'));
    await flushPromises();
    expect(form()).toBeNull();
    expect(updateRecord).toHaveBeenCalledTimes(1);
  });

  it('resumes a paused incident with the fields the engine re-stamps', async () => {
    const element = await renderWithData();
    const toast = jest.fn();
    element.addEventListener('lightning__showtoast', toast);
    let finishUpdate;
    updateRecord.mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          finishUpdate = resolve;
        })
    );
    chooseAction(element, 'INC-000003', 'resume');
    await flushPromises();
    // While the update runs, that row's menu is disabled and the others are not.
    const menus = Object.fromEntries(tableRows(element).map((row) => [row.name, row.menu]));
    expect(menus['INC-000003'].disabled).toBe(true);
    expect(menus['INC-000002'].disabled).toBe(false);
    finishUpdate({});
    await flushPromises();

    expect(updateRecord).toHaveBeenCalledTimes(1);
    const { fields } = updateRecord.mock.calls[0][0];
    // By hand: paused Monday 15:00-18:00 and Tuesday 09:00-10:00 Paris = 240 business minutes; reported Monday 10:00,
    // 300 minutes used before the pause, 180 of the P2's 480 left from Tuesday 10:00: due Tuesday 13:00 Paris.
    expect(fields.Id).toBe('a02Aa0000000003AAA');
    expect(fields.Paused_Minutes__c).toBe(240);
    expect(fields.Paused_Since__c).toBeNull();
    expect(new Date(fields.Resolution_Due__c).toISOString()).toBe('2026-03-10T12:00:00.000Z');
    // And exactly what the engine stamps for that transition, no more.
    const incidentRecord = accountLists.results[1].result.records.find((r) => r.id === 'a02Aa0000000003AAA');
    const contractRecord = accountLists.results[0].result.records[0];
    const expected = incidentTransition({
      incident: incidentFromRecord({ Id: incidentRecord.id, ...plain(incidentRecord) }),
      contract: contractFromRecord({ Id: contractRecord.id, ...plain(contractRecord) }),
      calendar: calendarFromMetadata(parisCalendarRecord()),
      action: 'resume',
      now: new Date(NOW)
    });
    expect(fields).toEqual({ Id: 'a02Aa0000000003AAA', ...expected });
    expect(refresh).toHaveBeenCalled();
    expect(toast).toHaveBeenCalled();
    expect(toast.mock.calls[0][0].detail.variant).toBe('success');
    expect(tableRows(element).find((row) => row.name === 'INC-000003').menu.disabled).toBe(false);
  });

  it('opens the effort logger on "Log effort", and closes it with a toast once logged', async () => {
    const element = await renderWithData();
    const toasts = jest.fn();
    element.addEventListener('lightning__showtoast', toasts);
    chooseAction(element, 'INC-000002', 'logEffort');
    await flushPromises();
    const logger = element.shadowRoot.querySelector('c-effort-logger');
    expect(logger.incidentId).toBe('a02Aa0000000002AAA');
    expect(logger.recordId).toBe(ACCOUNT_ID);
    expect(updateRecord).not.toHaveBeenCalled();
    logger.dispatchEvent(new CustomEvent('effortlogged', { detail: { incidentId: 'a02Aa0000000002AAA', days: 1.5 } }));
    await flushPromises();
    expect(element.shadowRoot.querySelector('c-effort-logger')).toBeNull();
    expect(toasts.mock.calls[0][0].detail).toMatchObject({ variant: 'success', title: 'c.Effort_Log_Logged' });

    chooseAction(element, 'INC-000002', 'logEffort');
    await flushPromises();
    element.shadowRoot.querySelector('c-effort-logger').dispatchEvent(new CustomEvent('cancel'));
    await flushPromises();
    expect(element.shadowRoot.querySelector('c-effort-logger')).toBeNull();
  });

  it('opens the incident\'s history on "History", and closes it', async () => {
    const element = await renderWithData();
    chooseAction(element, 'INC-000003', 'history');
    await flushPromises();
    const history = element.shadowRoot.querySelector('c-incident-history');
    expect(history.incidentId).toBe('a02Aa0000000003AAA');
    expect(history.incidentName).toBe('INC-000003');
    expect(updateRecord).not.toHaveBeenCalled();
    history.dispatchEvent(new CustomEvent('close'));
    await flushPromises();
    expect(element.shadowRoot.querySelector('c-incident-history')).toBeNull();
  });

  it('reports a failed update in an error toast', async () => {
    updateRecord.mockRejectedValueOnce({ body: { output: { errors: [{ message: 'Record locked' }] } } });
    const element = await renderWithData();
    const toast = jest.fn();
    element.addEventListener('lightning__showtoast', toast);
    const row = chooseAction(element, 'INC-000001', 'acknowledge');
    await flushPromises();
    const { fields } = updateRecord.mock.calls[0][0];
    // P1 reported 08:30Z, response due 08:45Z on its 24x7 clock: acknowledged at 09:00Z, the engine stamps the breach.
    expect(fields).toEqual({
      Id: row.id,
      Status__c: 'Acknowledged',
      Responded_At__c: NOW,
      Response_Breached_At__c: '2026-03-10T08:45:00.000Z'
    });
    expect(toast.mock.calls[0][0].detail).toMatchObject({ variant: 'error', message: 'Record locked' });
  });

  it('says when the account has more incidents than one page loads', async () => {
    const element = await renderWithData();
    expect(element.shadowRoot.querySelector('.incidents-capped')).toBeNull();
    const capped = JSON.parse(JSON.stringify(accountLists));
    capped.results[1].result.nextPageToken = '1999';
    getRelatedListRecordsBatch.emit(capped);
    await flushPromises();
    expect(element.shadowRoot.querySelector('.incidents-capped').textContent).toBe('c.Incident_List_Capped');
  });

  it('says so when the account has no incident', async () => {
    const element = render();
    getRelatedListRecordsBatch.emit(accountListsEmpty);
    await flushPromises();
    expect(element.shadowRoot.querySelector('.empty').textContent).toBe('c.Incident_List_Empty');
    expect(element.shadowRoot.querySelector('table')).toBeNull();
  });

  it('shows the load errors', async () => {
    mockConfigResource({ status: 404 });
    const element = render();
    getRelatedListRecordsBatch.error({ message: 'Insufficient access to Maintenance Incidents' });
    await flushPromises();
    const panels = element.shadowRoot.querySelectorAll('c-error-panel');
    expect(panels).toHaveLength(2);
    expect(panels[0].friendlyMessage).toBe('c.Incident_List_Load_Error');
    await expect(element).toBeAccessible();
  });

  it('warns when a contract names a calendar the org does not have', async () => {
    const alwaysOpen = configResource().types.Maintenance_Calendar__mdt.filter((record) => record.Always_Open__c);
    mockConfigResource({ body: configResource({ Maintenance_Calendar__mdt: alwaysOpen }) });
    const element = render();
    getRelatedListRecordsBatch.emit(accountLists);
    await flushPromises();
    expect(element.shadowRoot.querySelector('.missing-calendar').textContent).toBe('c.Incident_No_Calendar');
    expect(tableRows(element).every((row) => row.band === 'none' && row.remaining === '')).toBe(true);
  });
});
