import { createElement } from 'lwc';
import IncidentList from 'c/incidentList';
import { getRelatedListRecordsBatch } from 'lightning/uiRelatedListApi';
import { getListRecordsByName } from 'lightning/uiListsApi';
import { updateRecord, refresh } from 'lightning/uiRecordApi';
import { incidentTransition, incidentFromRecord, contractFromRecord, calendarFromMetadata } from 'c/maintenanceEngine';
import { ACCOUNT_RELATED_LIST_PARAMETERS } from 'c/maintenanceRecords';
import { flushPromises, freezeTime, resetDom } from 'test/utils';

const accountLists = require('./data/accountRelatedLists.json');
const accountListsEmpty = require('./data/accountRelatedListsEmpty.json');
const calendars = require('./data/calendars.json');

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
  getListRecordsByName.emit(calendars);
  await flushPromises();
  return element;
}

function table(element) {
  return element.shadowRoot.querySelector('c-incident-datatable');
}

function plain(record) {
  return Object.fromEntries(Object.entries(record.fields).map(([name, field]) => [name, field.value]));
}

describe('c-incident-list', () => {
  beforeEach(() => freezeTime(NOW));

  afterEach(() => {
    resetDom();
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('asks for the shared account batch and the calendars list view', async () => {
    render();
    await flushPromises();
    expect(getRelatedListRecordsBatch.getLastConfig()).toEqual({
      parentRecordId: ACCOUNT_ID,
      relatedListParameters: ACCOUNT_RELATED_LIST_PARAMETERS
    });
    const config = getListRecordsByName.getLastConfig();
    expect(config.objectApiName).toBe('Maintenance_Calendar__mdt');
    expect(config.listViewApiName).toBe('All');
    expect(config.fields).toContain('Maintenance_Calendar__mdt.Monday_Hours__c');
  });

  it('lists the open incidents, most urgent restore first, with SLA bands and due times', async () => {
    const element = await renderWithData();
    const rows = table(element).data;
    expect(rows.map((row) => row.name)).toEqual(['INC-000006', 'INC-000003', 'INC-000001', 'INC-000002']);
    const byName = Object.fromEntries(rows.map((row) => [row.name, row]));
    // INC-000006: P2 (8 business hours) reported 2 March, still open on 10 March: breached.
    expect(byName['INC-000006'].band).toBe('red');
    expect(byName['INC-000006'].breached).toBe(true);
    // INC-000003 is waiting on the customer: the clock is paused.
    expect(byName['INC-000003'].band).toBe('grey');
    // INC-000001: P1 reported 08:30 UTC, not responded by its 08:45 response due.
    expect(byName['INC-000001'].breached).toBe(true);
    // INC-000002: P3 (24 business hours from Monday 11:00 Paris), 7 + 1 = 8 of 24 business hours used: green.
    expect(byName['INC-000002'].band).toBe('green');
    expect(byName['INC-000002'].remaining).toBe('c.Duration_Hours_Minutes');
    // Due times in the user's time zone (America/Los_Angeles in jest): 16:00 UTC on 11 March is 9:00 AM.
    expect(byName['INC-000002'].resolutionDue).toBe('Mar 11, 2026, 9:00 AM');
    expect(byName['INC-000001'].responseDue).toBe('Mar 10, 2026, 1:45 AM');
    expect(byName['INC-000003'].badgeStyle).toContain('#747474');
    expect(table(element).columns.find((column) => column.type === 'slaBand').fieldName).toBe('bandLabel');
    await expect(element).toBeAccessible();
  });

  it('filters by open, breached and priority', async () => {
    const element = await renderWithData();
    const openFilter = element.shadowRoot.querySelector('.filter-open');
    openFilter.checked = false;
    openFilter.dispatchEvent(new CustomEvent('change'));
    await flushPromises();
    expect(table(element).data).toHaveLength(6);

    const priority = element.shadowRoot.querySelector('.filter-priority');
    priority.dispatchEvent(new CustomEvent('change', { detail: { value: 'P2' } }));
    await flushPromises();
    expect(
      table(element)
        .data.map((row) => row.name)
        .sort()
    ).toEqual(['INC-000003', 'INC-000005', 'INC-000006']);

    const breached = element.shadowRoot.querySelector('.filter-breached');
    breached.checked = true;
    breached.dispatchEvent(new CustomEvent('change'));
    await flushPromises();
    // INC-000005 (closed) was resolved 18 business hours late; INC-000006 is still overdue.
    expect(
      table(element)
        .data.map((row) => row.name)
        .sort()
    ).toEqual(['INC-000005', 'INC-000006']);

    priority.dispatchEvent(new CustomEvent('change', { detail: { value: 'P4' } }));
    await flushPromises();
    expect(table(element)).toBeNull();
    expect(element.shadowRoot.querySelector('.empty-filtered').textContent).toBe('c.Incident_List_Empty_Filtered');
  });

  it('offers the actions the engine allows for each status', async () => {
    const element = await renderWithData();
    const actionsColumn = table(element).columns.find((column) => column.type === 'action');
    const actionsOf = (id) => {
      let result;
      actionsColumn.typeAttributes.rowActions({ id }, (actions) => {
        result = actions.map((action) => action.name);
      });
      return result;
    };
    expect(actionsOf('a02Aa0000000001AAA')).toEqual(['acknowledge', 'start', 'resolve']);
    expect(actionsOf('a02Aa0000000002AAA')).toEqual(['wait', 'resolve']);
    expect(actionsOf('a02Aa0000000003AAA')).toEqual(['resume', 'resolve']);
  });

  it('resumes a paused incident with the fields the engine re-stamps', async () => {
    const element = await renderWithData();
    const toast = jest.fn();
    element.addEventListener('lightning__showtoast', toast);
    const row = table(element).data.find((candidate) => candidate.name === 'INC-000003');
    table(element).dispatchEvent(new CustomEvent('rowaction', { detail: { action: { name: 'resume' }, row } }));
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
      calendar: calendarFromMetadata(plain(calendars.records[0])),
      action: 'resume',
      now: new Date(NOW)
    });
    expect(fields).toEqual({ Id: 'a02Aa0000000003AAA', ...expected });
    expect(refresh).toHaveBeenCalled();
    expect(toast).toHaveBeenCalled();
    expect(toast.mock.calls[0][0].detail.variant).toBe('success');
  });

  it('reports a failed update in an error toast', async () => {
    updateRecord.mockRejectedValueOnce({ body: { output: { errors: [{ message: 'Record locked' }] } } });
    const element = await renderWithData();
    const toast = jest.fn();
    element.addEventListener('lightning__showtoast', toast);
    const row = table(element).data.find((candidate) => candidate.name === 'INC-000001');
    table(element).dispatchEvent(new CustomEvent('rowaction', { detail: { action: { name: 'acknowledge' }, row } }));
    await flushPromises();
    const { fields } = updateRecord.mock.calls[0][0];
    expect(fields).toEqual({ Id: row.id, Status__c: 'Acknowledged', Responded_At__c: NOW });
    expect(toast.mock.calls[0][0].detail).toMatchObject({ variant: 'error', message: 'Record locked' });
  });

  it('says so when the account has no incident', async () => {
    const element = render();
    getRelatedListRecordsBatch.emit(accountListsEmpty);
    getListRecordsByName.emit(calendars);
    await flushPromises();
    expect(element.shadowRoot.querySelector('.empty').textContent).toBe('c.Incident_List_Empty');
    expect(table(element)).toBeNull();
  });

  it('shows the load errors', async () => {
    const element = render();
    getRelatedListRecordsBatch.error({ message: 'Insufficient access to Maintenance Incidents' });
    getListRecordsByName.error({ message: 'List view not found' });
    await flushPromises();
    const panels = element.shadowRoot.querySelectorAll('c-error-panel');
    expect(panels).toHaveLength(2);
    expect(panels[0].friendlyMessage).toBe('c.Incident_List_Load_Error');
    await expect(element).toBeAccessible();
  });

  it('warns when a contract names a calendar the org does not have', async () => {
    const element = render();
    getRelatedListRecordsBatch.emit(accountLists);
    getListRecordsByName.emit({ ...calendars, records: [calendars.records[1]] });
    await flushPromises();
    expect(element.shadowRoot.querySelector('.missing-calendar').textContent).toBe('c.Incident_No_Calendar');
    expect(table(element).data.every((row) => row.band === 'none')).toBe(true);
  });
});
