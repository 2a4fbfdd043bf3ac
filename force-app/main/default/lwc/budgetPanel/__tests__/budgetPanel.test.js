import { createElement } from 'lwc';
import BudgetPanel from 'c/budgetPanel';
import { getRelatedListRecordsBatch } from 'lightning/uiRelatedListApi';
import { flushPromises, freezeTime, mockConfigResource, resetDom } from 'test/utils';

jest.mock('@salesforce/label/c.Budget_Consumed', () => ({ default: '{0} of {1} days consumed ({2}).' }), {
  virtual: true
});
jest.mock(
  '@salesforce/label/c.Budget_Amended',
  () => ({ default: 'Signed for {0} days; amendments in force: {1}; ends on {2}.' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.Budget_Shortfall',
  () => ({
    default:
      'At {0} days a month the budget runs out on {1}, {2} days before the term ends on {3}. It would last at {4} days a month.'
  }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.Budget_Spend_Rate',
  () => ({ default: 'Time and materials at {0} a day, no budget cap; {1} billed so far.' }),
  { virtual: true }
);
jest.mock('@salesforce/label/c.Budget_Spend_Month', () => ({ default: '{0}: {1} days, {2}' }), { virtual: true });
jest.mock(
  '@salesforce/label/c.Alert_Effort_Out_Of_Coverage',
  () => ({ default: '{0} days worked out of coverage ({1}).' }),
  { virtual: true }
);

const desk = require('../../transitionPanel/__tests__/data/transitionDesk.json');

// Tuesday 10 March 2026.
const NOW = '2026-03-10T09:00:00.000Z';

async function render(batch = desk) {
  const element = createElement('c-budget-panel', { is: BudgetPanel });
  element.recordId = '001Aa00000DeskAAA';
  document.body.appendChild(element);
  getRelatedListRecordsBatch.emit(batch);
  await flushPromises();
  return element;
}

const lines = (section) => [...section.querySelectorAll('p[data-line]')].map((p) => p.textContent);

describe('c-budget-panel', () => {
  beforeEach(() => {
    freezeTime(NOW);
    mockConfigResource();
  });

  afterEach(() => {
    resetDom();
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('burns the effective budget and says how far short of the term end it runs', async () => {
    const element = await render();
    const breton = element.shadowRoot.querySelector('section[data-id="a01Aa00000Desk1AAA"]');
    // By hand: 40 days signed + 10 (AMD-0001, effective 1 January) = 50; billable entries 5 + 20 + 10 = 35 (the 3
    // days of 10 February are not billable). 35 days in the 184 days from 8 September 2025 to 10 March 2026:
    // 5.79 days a month (x 30.4375); 15 left at 35/184 a day = 78.9 -> 79 days: 28 May 2026, 95 days before the
    // term ends on 31 August 2026. 15 days over the 175 days to 31 August: 2.61 days a month.
    expect(lines(breton)).toEqual([
      '35 of 50 days consumed (70%).',
      'Signed for 40 days; amendments in force: AMD-0001; ends on Aug 31, 2026.',
      'At 5.79 days a month the budget runs out on May 28, 2026, 95 days before the term ends on Aug 31, 2026. It would last at 2.61 days a month.'
    ]);
    await expect(element).toBeAccessible();
  });

  it('draws the monthly spend of time and materials against its alert', async () => {
    const element = await render();
    const regie = element.shadowRoot.querySelector('section[data-id="a01Aa00000Desk2AAA"]');
    // 1 + 4 + 6 + 3 = 14 days at 600 = 8,400.
    expect(lines(regie)).toEqual(['Time and materials at $600.00 a day, no budget cap; $8,400.00 billed so far.']);
    const months = [...regie.querySelectorAll('.spend-month')].map((month) => month.title);
    expect(months).toEqual([
      'Oct 25: 0 days, $0.00',
      'Nov 25: 0 days, $0.00',
      'Dec 25: 0 days, $0.00',
      'Jan 26: 3 days, $1,800.00',
      'Feb 26: 10 days, $6,000.00',
      'Mar 26: 1 days, $600.00'
    ]);
    // February (6,000) is over the alert of 4,800; the highest bar is February.
    const bars = [...regie.querySelectorAll('.spend-bar')];
    expect(bars.map((bar) => bar.className.includes('spend-bar_over'))).toEqual([
      false,
      false,
      false,
      false,
      true,
      false
    ]);
    expect(bars[4].style.height).toBe('100%');
    expect(regie.querySelector('.spend-alert-line').style.bottom).toBe('80%');
  });

  it('counts and prices the effort of the days nothing covered', async () => {
    const element = await render();
    // 1.5 days on 3 September 2025: the extension ended on 31 August, the TMA started on 8 September; priced at the
    // extension's 650 a day, the last rate on that day.
    expect(element.shadowRoot.querySelector('.out-of-coverage').textContent).toBe(
      '1.5 days worked out of coverage ($975.00).'
    );
  });

  it('says when no contract is in force, and when the effort is more than one page', async () => {
    const empty = JSON.parse(JSON.stringify(desk));
    empty.results[0].result.records = [];
    empty.results[5].result.records = [];
    let element = await render(empty);
    expect(element.shadowRoot.querySelector('.empty').textContent).toBe('c.Budget_None');
    resetDom();
    const capped = JSON.parse(JSON.stringify(desk));
    capped.results[5].result.nextPageToken = '1999';
    // The page holds none of TMA Breton's entries: its budget still reads the roll-up, 35 of 50 days.
    capped.results[5].result.records = capped.results[5].result.records.filter(
      (record) => record.fields.Contract__c.value !== 'a01Aa00000Desk1AAA'
    );
    element = await render(capped);
    expect(element.shadowRoot.querySelector('.effort-capped').textContent).toBe('c.Budget_Effort_Capped');
    const breton = element.shadowRoot.querySelector('section[data-id="a01Aa00000Desk1AAA"]');
    expect(lines(breton)[0]).toBe('35 of 50 days consumed (70%).');
  });

  it('has no budget figures for a contract without budget, and shows the load error', async () => {
    const noBudget = JSON.parse(JSON.stringify(desk));
    noBudget.results[0].result.records[0].fields.Budget_Days__c.value = null;
    noBudget.results[4].result.records = [];
    let element = await render(noBudget);
    const breton = element.shadowRoot.querySelector('section[data-id="a01Aa00000Desk1AAA"]');
    expect(lines(breton)).toEqual(['c.Budget_No_Budget']);
    resetDom();
    element = createElement('c-budget-panel', { is: BudgetPanel });
    document.body.appendChild(element);
    getRelatedListRecordsBatch.error({ message: 'No access' });
    await flushPromises();
    expect(element.shadowRoot.querySelector('c-error-panel').friendlyMessage).toBe('c.Budget_Load_Error');
  });
});
