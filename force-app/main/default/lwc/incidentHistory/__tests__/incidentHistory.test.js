import { createElement } from 'lwc';
import IncidentHistory, { HISTORY_FIELDS, HISTORY_PAGE_SIZE } from 'c/incidentHistory';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { flushPromises, resetDom } from 'test/utils';

const history = require('./data/incidentHistory.json');

const INCIDENT_ID = 'a02Aa0000000003AAA';

function render() {
  const element = createElement('c-incident-history', { is: IncidentHistory });
  element.incidentId = INCIDENT_ID;
  element.incidentName = 'INC-000003';
  document.body.appendChild(element);
  return element;
}

function rows(element) {
  return [...element.shadowRoot.querySelectorAll('.history-row')].map((tr) => ({
    date: tr.querySelector('.history-date').textContent,
    field: tr.querySelector('.history-field').textContent,
    oldValue: tr.querySelector('.history-old').textContent,
    newValue: tr.querySelector('.history-new').textContent,
    user: tr.querySelector('.history-user').textContent
  }));
}

describe('c-incident-history', () => {
  afterEach(() => {
    resetDom();
    jest.clearAllMocks();
  });

  it("asks for the incident's Histories, newest first", async () => {
    render();
    await flushPromises();
    expect(getRelatedListRecords.getLastConfig()).toEqual({
      parentRecordId: INCIDENT_ID,
      relatedListId: 'Histories',
      fields: HISTORY_FIELDS,
      sortBy: ['-Maintenance_Incident__History.CreatedDate'],
      pageSize: HISTORY_PAGE_SIZE
    });
    expect(HISTORY_FIELDS).toEqual([
      'Maintenance_Incident__History.Field',
      'Maintenance_Incident__History.DataType',
      'Maintenance_Incident__History.OldValue',
      'Maintenance_Incident__History.NewValue',
      'Maintenance_Incident__History.CreatedDate',
      'Maintenance_Incident__History.CreatedBy.Name'
    ]);
  });

  it('lists each change with its old and new value, who made it and when', async () => {
    const element = render();
    getRelatedListRecords.emit(history);
    await flushPromises();
    // The lookup's id row (EntityId) is left out: its name row says the same. Instants in the user's time zone
    // (America/Los_Angeles in jest: 14:00 UTC on 9 March is 7:00 AM).
    expect(rows(element)).toEqual([
      {
        date: 'Mar 9, 2026, 7:00 AM',
        field: 'Status',
        oldValue: 'In Progress',
        newValue: 'Waiting on Customer',
        user: 'Camille Martin'
      },
      {
        date: 'Mar 9, 2026, 2:20 AM',
        field: 'Resolution Due',
        oldValue: 'Mar 10, 2026, 2:00 AM',
        newValue: 'Mar 9, 2026, 10:00 AM',
        user: 'Camille Martin'
      },
      { date: 'Mar 9, 2026, 2:20 AM', field: 'Contract', oldValue: '', newValue: 'Acme TMA 2026', user: 'Alex Durand' },
      {
        date: 'Mar 9, 2026, 2:00 AM',
        field: 'c.Incident_History_Created',
        oldValue: '',
        newValue: '',
        user: 'Alex Durand'
      }
    ]);
    expect(element.shadowRoot.querySelector('h3').textContent).toBe('c.Incident_History_Title');
    expect(element.shadowRoot.querySelector('.history-capped')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says when older changes are not shown', async () => {
    const element = render();
    getRelatedListRecords.emit({ ...history, nextPageToken: '100' });
    await flushPromises();
    expect(element.shadowRoot.querySelector('.history-capped').textContent).toBe('c.Incident_History_Capped');
  });

  it('says so when nothing was recorded', async () => {
    const element = render();
    expect(element.shadowRoot.querySelector('lightning-spinner')).not.toBeNull();
    getRelatedListRecords.emit({ ...history, records: [], count: 0 });
    await flushPromises();
    expect(element.shadowRoot.querySelector('.history-empty').textContent).toBe('c.Incident_History_Empty');
    expect(element.shadowRoot.querySelector('table')).toBeNull();
  });

  it('shows why the history could not be read, and closes', async () => {
    const element = render();
    const close = jest.fn();
    element.addEventListener('close', close);
    getRelatedListRecords.error({ message: 'Insufficient access to Maintenance Incident History' });
    await flushPromises();
    expect(element.shadowRoot.querySelector('c-error-panel').friendlyMessage).toBe('c.Incident_History_Load_Error');
    await expect(element).toBeAccessible();
    element.shadowRoot.querySelector('.history-close').click();
    expect(close).toHaveBeenCalledTimes(1);
  });
});
