/**
 * The money and effort figures of the transition desk in Chromium, each counted by hand from the demo records the
 * seeded org holds (plain sums over SOQL rows, never the engine): the monthly spend of the time-and-materials
 * account and its alert, a budget burning faster than its term, the effort worked during a gap and its price, the budget and the marker of an amendment,
 * and the reservations of a handover signed off with reservations.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { screenshot, typeOver } from './support/browser.js';
import {
  addDays,
  formatCurrencyLikeComponents,
  formatDayLikeComponents,
  formatMonthLikeComponents,
  formatNumberLikeComponents,
  formatPercentLikeComponents,
  label,
  storyAccount
} from './support/demoData.js';
import type { DemoOrg, RunningPreview } from './support/demoOrg.js';
import { openPreviewSession, type PreviewSession } from './support/session.js';

let session: PreviewSession;
let demo: DemoOrg;
let preview: RunningPreview;
let page: Page;
let problems: string[];

beforeAll(async () => {
  session = await openPreviewSession();
  ({ demo, preview, page, problems } = session);
});

afterAll(async () => {
  await session?.close();
});

type Row = Record<string, unknown>;

async function rows<T extends Row>(soql: string): Promise<T[]> {
  return (await demo.conn.query<T>(soql)).records;
}

interface Effort extends Row {
  Work_Date__c: string;
  Days__c: number;
  Billable__c: boolean;
}

/** A sum of days, to the hundredth as the roll-up keeps it. */
function sumDays(entries: Effort[]): number {
  return Math.round(entries.reduce((total, entry) => total + Number(entry.Days__c), 0) * 100) / 100;
}

function money(value: number): number {
  return Math.round(value * 100) / 100;
}

async function openAccount(story: string): Promise<{ id: string; name: string }> {
  const account = await storyAccount(demo, story);
  await page.goto(`${preview.server.url}/lightning/r/Account/${account.id}/view`);
  await page.locator('c-maintenance-overview .coverage-banner').waitFor();
  await page.locator('c-budget-panel lightning-card').waitFor();
  return account;
}

/** The texts of the overview's alerts. */
async function alerts(): Promise<string[]> {
  return (await page.locator('c-maintenance-overview .alert span').allTextContents()).map((text) => text.trim());
}

describe('the figures of the transition desk, counted from the demo records', () => {
  it('time and materials: the monthly spend curve, the total billed, and the alert of the month over it', async () => {
    const account = await openAccount('time-and-materials');
    const today = demo.seed.today as string;
    const [contract] = await rows<{ Id: string; Name: string; Daily_Rate__c: number; Monthly_Spend_Alert__c: number }>(
      `SELECT Id, Name, Daily_Rate__c, Monthly_Spend_Alert__c FROM Maintenance_Contract__c WHERE Account__c = '${account.id}' AND Contract_Type__c = 'Time and Materials'`
    );
    const billable = (
      await rows<Effort>(
        `SELECT Work_Date__c, Days__c, Billable__c FROM Effort_Entry__c WHERE Contract__c = '${contract.Id}'`
      )
    ).filter((entry) => entry.Billable__c);
    const rate = contract.Daily_Rate__c;
    const section = page.locator(`c-budget-panel section[data-id="${contract.Id}"]`);
    // The total: every billable day at the daily rate.
    expect(await section.locator('p[data-line]').allTextContents()).toEqual([
      label(
        'Budget_Spend_Rate',
        formatCurrencyLikeComponents(demo, rate),
        formatCurrencyLikeComponents(demo, money(sumDays(billable) * rate))
      )
    ]);
    // Six months up to this one, each with its billable days and their cost; a bar over the alert is marked.
    const [year, month] = today.split('-').map(Number);
    const months = [5, 4, 3, 2, 1, 0].map((back) =>
      new Date(Date.UTC(year, month - 1 - back, 1)).toISOString().slice(0, 7)
    );
    const expected = months.map((day) => {
      const days = sumDays(billable.filter((entry) => entry.Work_Date__c.startsWith(day)));
      const amount = money(days * rate);
      return {
        title: label(
          'Budget_Spend_Month',
          formatMonthLikeComponents(demo, day),
          formatNumberLikeComponents(demo, days),
          formatCurrencyLikeComponents(demo, amount)
        ),
        over: amount >= contract.Monthly_Spend_Alert__c
      };
    });
    const shown: { title: string | null; over: boolean }[] = [];
    for (const month of await section.locator('.spend-month').all()) {
      const barClass = (await month.locator('.spend-bar').getAttribute('class')) ?? '';
      shown.push({ title: await month.getAttribute('title'), over: barClass.split(' ').includes('spend-bar_over') });
    }
    expect(shown).toEqual(expected);
    // The story: last month's 10 days or more crossed the alert of 8 days' worth.
    const lastMonth = months[4];
    expect(expected[4].over).toBe(true);
    const lastMonthDays = sumDays(billable.filter((entry) => entry.Work_Date__c.startsWith(lastMonth)));
    expect(lastMonthDays).toBeGreaterThanOrEqual(10);
    expect(contract.Monthly_Spend_Alert__c).toBe(8 * rate);
    expect(await alerts()).toContain(
      label(
        'Alert_Spend',
        contract.Name,
        formatMonthLikeComponents(demo, lastMonth),
        formatCurrencyLikeComponents(demo, money(lastMonthDays * rate)),
        formatCurrencyLikeComponents(demo, contract.Monthly_Spend_Alert__c)
      )
    );
    // No budget in days on time and materials, which is not the same as no contract.
    expect(await page.locator('c-maintenance-overview .kpi-budget .kpi-detail').textContent()).toBe(
      label('Kpi_Budget_No_Budget', contract.Name)
    );
    await screenshot(page, 'figures-1-time-and-materials');
    expect(problems).toEqual([]);
  });

  it('a budget burning fast: consumed, the forecast against the term end, the KPI and the alert', async () => {
    const account = await openAccount('budget-burn');
    const today = demo.seed.today as string;
    const [contract] = await rows<{
      Id: string;
      Name: string;
      Start_Date__c: string;
      End_Date__c: string;
      Budget_Days__c: number;
    }>(
      `SELECT Id, Name, Start_Date__c, End_Date__c, Budget_Days__c FROM Maintenance_Contract__c WHERE Account__c = '${account.id}'`
    );
    // No amendment, and today in the first term: the budget and the end are the contract's own.
    expect(await rows(`SELECT Id FROM Contract_Amendment__c WHERE Contract__c = '${contract.Id}'`)).toEqual([]);
    expect(today <= contract.End_Date__c).toBe(true);
    const consumed = sumDays(
      (
        await rows<Effort>(
          `SELECT Work_Date__c, Days__c, Billable__c FROM Effort_Entry__c WHERE Contract__c = '${contract.Id}'`
        )
      ).filter((entry) => entry.Billable__c)
    );
    const budget = contract.Budget_Days__c;
    // The story: 85 % of 40 days.
    expect([consumed, budget]).toEqual([34, 40]);
    // By hand, in whole hundredths of a day so that nothing rounds: the burn since the start (days elapsed, start
    // and today included), the days the rest lasts at that burn (rounded up), and how far short of the end it falls.
    const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
    const elapsed = dayNumber(today) - dayNumber(contract.Start_Date__c) + 1;
    const consumedHundredths = Math.round(consumed * 100);
    const remainingHundredths = Math.round(budget * 100) - consumedHundredths;
    const lastsDays = Math.floor((remainingHundredths * elapsed + consumedHundredths - 1) / consumedHundredths);
    const exhaustion = addDays(today, lastsDays);
    const shortfallDays = dayNumber(contract.End_Date__c) - dayNumber(exhaustion);
    expect(shortfallDays).toBeGreaterThan(0);
    const monthly = Math.round((consumed / elapsed) * 30.4375 * 100) / 100;
    const daysToEnd = dayNumber(contract.End_Date__c) - dayNumber(today) + 1;
    const sustainable = Math.round((remainingHundredths / 100 / daysToEnd) * 30.4375 * 100) / 100;
    const day = (value: string): string => formatDayLikeComponents(demo, value);
    const section = page.locator(`c-budget-panel section[data-id="${contract.Id}"]`);
    expect(await section.locator('p[data-line]').allTextContents()).toEqual([
      label(
        'Budget_Consumed',
        formatNumberLikeComponents(demo, consumed),
        formatNumberLikeComponents(demo, budget),
        formatPercentLikeComponents(demo, consumed / budget)
      ),
      label(
        'Budget_Shortfall',
        formatNumberLikeComponents(demo, monthly),
        day(exhaustion),
        shortfallDays,
        day(contract.End_Date__c),
        formatNumberLikeComponents(demo, sustainable)
      )
    ]);
    const kpi = page.locator('c-maintenance-overview .kpi-budget');
    expect([
      await kpi.locator('.kpi-value').textContent(),
      await kpi.locator('.kpi-detail').textContent(),
      await kpi.locator('.kpi-forecast').textContent()
    ]).toEqual([
      formatPercentLikeComponents(demo, consumed / budget),
      label('Kpi_Budget_Detail', formatNumberLikeComponents(demo, consumed), formatNumberLikeComponents(demo, budget)),
      label('Kpi_Budget_Forecast', day(exhaustion))
    ]);
    const shown = await alerts();
    expect(shown).toContain(label('Alert_Budget', contract.Name, formatPercentLikeComponents(demo, consumed / budget)));
    expect(shown).toContain(
      label(
        'Alert_Budget_Shortfall',
        contract.Name,
        day(exhaustion),
        shortfallDays,
        day(contract.End_Date__c),
        formatNumberLikeComponents(demo, sustainable)
      )
    );
    await screenshot(page, 'figures-2-budget-burn');
    expect(problems).toEqual([]);
  });

  it('in a gap: the days worked since the cover ended, priced at the last daily rate', async () => {
    const account = await openAccount('gap-today');
    const [extension] = await rows<{ End_Date__c: string; Daily_Rate__c: number }>(
      `SELECT End_Date__c, Daily_Rate__c FROM Maintenance_Contract__c WHERE Account__c = '${account.id}' AND Status__c = 'Expired'`
    );
    // Nothing covers the account after the extension (and the warranty with it) ended: every later day is the gap.
    const [checklist] = await rows<{ Warranty_End_Date__c: string }>(
      `SELECT Warranty_End_Date__c FROM Handover_Checklist__c WHERE Account__c = '${account.id}'`
    );
    expect(checklist.Warranty_End_Date__c).toBe(extension.End_Date__c);
    const covering = await rows(
      `SELECT Id FROM Maintenance_Contract__c WHERE Account__c = '${account.id}' AND Status__c IN ('Signed', 'Active')`
    );
    expect(covering).toEqual([]);
    const inGap = (
      await rows<Effort>(
        `SELECT Work_Date__c, Days__c, Billable__c FROM Effort_Entry__c WHERE Account__c = '${account.id}'`
      )
    ).filter((entry) => entry.Work_Date__c > extension.End_Date__c);
    const days = sumDays(inGap);
    expect(days).toBeGreaterThan(0);
    const amount = money(sumDays(inGap.filter((entry) => entry.Billable__c)) * extension.Daily_Rate__c);
    const text = label(
      'Alert_Effort_Out_Of_Coverage',
      formatNumberLikeComponents(demo, days),
      formatCurrencyLikeComponents(demo, amount)
    );
    expect(await page.locator('c-budget-panel .out-of-coverage').textContent()).toBe(text);
    expect(await alerts()).toContain(text);
    // The gap opened the day after the cover ended, 12 days ago: the alerts say since when, not "starts in 0 days".
    const since = addDays(extension.End_Date__c, 1);
    expect(since).toBe(addDays(demo.seed.today as string, -12));
    expect(await alerts()).toContain(label('Alert_Gap_Since', formatDayLikeComponents(demo, since), 12));
    await screenshot(page, 'figures-3-effort-in-gap');
    expect(problems).toEqual([]);
  });

  it('a project delay absorbed by an amendment: the effective budget, the new end, and the marker', async () => {
    const account = await openAccount('amended-delay');
    const [extension] = await rows<{ Id: string; Name: string; Budget_Days__c: number }>(
      `SELECT Id, Name, Budget_Days__c FROM Maintenance_Contract__c WHERE Account__c = '${account.id}' AND Contract_Type__c = 'Project Extension'`
    );
    const [amendment] = await rows<{
      Name: string;
      Effective_Date__c: string;
      Reason__c: string;
      Budget_Days_Change__c: number;
      New_End_Date__c: string;
    }>(
      `SELECT Name, Effective_Date__c, Reason__c, Budget_Days_Change__c, New_End_Date__c FROM Contract_Amendment__c WHERE Contract__c = '${extension.Id}'`
    );
    expect(amendment).toMatchObject({ Reason__c: 'Project Delay', Budget_Days_Change__c: 15 });
    const consumed = sumDays(
      (
        await rows<Effort>(
          `SELECT Work_Date__c, Days__c, Billable__c FROM Effort_Entry__c WHERE Contract__c = '${extension.Id}'`
        )
      ).filter((entry) => entry.Billable__c)
    );
    const budget = extension.Budget_Days__c + amendment.Budget_Days_Change__c;
    const section = page.locator(`c-budget-panel section[data-id="${extension.Id}"]`);
    const lines = await section.locator('p[data-line]').allTextContents();
    expect(lines.slice(0, 2)).toEqual([
      label(
        'Budget_Consumed',
        formatNumberLikeComponents(demo, consumed),
        formatNumberLikeComponents(demo, budget),
        formatPercentLikeComponents(demo, consumed / budget)
      ),
      label(
        'Budget_Amended',
        formatNumberLikeComponents(demo, extension.Budget_Days__c),
        amendment.Name,
        formatDayLikeComponents(demo, amendment.New_End_Date__c)
      )
    ]);
    // The amendment's marker on the extension's row of the timeline.
    const row = page
      .locator('c-maintenance-overview li.timeline-row')
      .filter({ has: page.locator('.timeline-label', { hasText: extension.Name }) });
    expect(await row.locator('.timeline-amendment').getAttribute('title')).toBe(
      label(
        'Timeline_Amendment',
        amendment.Name,
        'Project Delay',
        formatDayLikeComponents(demo, amendment.Effective_Date__c)
      )
    );
    // The signed TMA follows the amended end: covered over the whole horizon, no gap drawn.
    expect(await page.locator('c-maintenance-overview .coverage-banner').getAttribute('class')).toContain(
      'slds-theme_success'
    );
    expect(await page.locator('c-maintenance-overview .timeline-bar_gap').count()).toBe(0);
    await screenshot(page, 'figures-4-amended-delay');
    expect(problems).toEqual([]);
  });

  it('a decision taken: the countdown to the takeover day, the option chosen and the successor it created', async () => {
    const account = await openAccount('transition-decided');
    const today = demo.seed.today as string;
    const [transition] = await rows<{
      Id: string;
      Go_Live_Date__c: string;
      Warranty_End_Date__c: string;
      Decision_Date__c: string;
      Option_Chosen__c: string;
      Successor_Contract__c: string;
    }>(
      `SELECT Id, Go_Live_Date__c, Warranty_End_Date__c, Decision_Date__c, Option_Chosen__c, Successor_Contract__c FROM Maintenance_Transition__c WHERE Account__c = '${account.id}'`
    );
    const [successor] = await rows<{ Name: string; Status__c: string; Start_Date__c: string }>(
      `SELECT Name, Status__c, Start_Date__c FROM Maintenance_Contract__c WHERE Id = '${transition.Successor_Contract__c}'`
    );
    // Maintenance takes over the day after the warranty ends; nothing else covers the account.
    const takeover = addDays(transition.Warranty_End_Date__c, 1);
    const daysLeft = (Date.parse(takeover) - Date.parse(today)) / 86_400_000;
    expect([daysLeft, transition.Option_Chosen__c, successor.Status__c, successor.Start_Date__c]).toEqual([
      191,
      'New_TMA',
      'Draft',
      takeover
    ]);
    const day = (value: string): string => formatDayLikeComponents(demo, value);
    const panel = page.locator(`c-transition-panel section.transition[data-id="${transition.Id}"]`);
    expect(await panel.locator('[data-role="countdown"]').textContent()).toBe(
      label('Transition_Countdown', day(transition.Go_Live_Date__c), day(takeover), daysLeft)
    );
    expect(await panel.locator('.decision').textContent()).toBe(
      label('Transition_Decided', day(transition.Decision_Date__c), 'New TMA')
    );
    expect(await panel.locator('.successor').textContent()).toBe(
      label('Transition_Successor', successor.Name, 'Draft', day(successor.Start_Date__c))
    );
    // Decided: no option is about to close on the alerts.
    const stillPossible = label('Alert_Transition', '{0}', '{1}', '{2}', '{3}').split('{1}')[1].split('{2}')[0];
    expect((await alerts()).filter((text) => text.includes(stillPossible))).toEqual([]);
    // Its handover has its transition plan: nothing is reported unplanned.
    expect(await page.locator('c-transition-panel .unplanned').count()).toBe(0);
    await screenshot(page, 'figures-6-transition-decided');
    expect(problems).toEqual([]);
  });

  it('a notice deadline passed without tacit renewal: still on the tab, with the day the contract ends', async () => {
    const account = await openAccount('notice-passed');
    const today = demo.seed.today as string;
    const [contract] = await rows<{ Name: string; End_Date__c: string; Notice_Period_Days__c: number }>(
      `SELECT Name, End_Date__c, Notice_Period_Days__c FROM Maintenance_Contract__c WHERE Account__c = '${account.id}'`
    );
    // Ends in 45 days with 90 days' notice: the deadline passed 45 days ago.
    const deadline = addDays(contract.End_Date__c, -contract.Notice_Period_Days__c);
    expect(deadline).toBe(addDays(today, -45));
    expect(await alerts()).toContain(
      label(
        'Alert_Notice_Passed_Ends',
        contract.Name,
        formatDayLikeComponents(demo, deadline),
        formatDayLikeComponents(demo, contract.End_Date__c)
      )
    );
    expect(await page.locator('c-maintenance-overview .coverage-banner').getAttribute('class')).toContain(
      'slds-theme_warning'
    );
    expect(problems).toEqual([]);
  });

  it('before the go-live: pre-coverage, the warranty named by its project, the Draft that would take over', async () => {
    const account = await openAccount('handover-in-progress');
    const today = demo.seed.today as string;
    const [checklist] = await rows<{
      Name: string;
      Project_Name__c: string | null;
      Go_Live_Date__c: string;
      Warranty_End_Date__c: string;
    }>(
      `SELECT Name, Project_Name__c, Go_Live_Date__c, Warranty_End_Date__c FROM Handover_Checklist__c WHERE Account__c = '${account.id}'`
    );
    const [draft] = await rows<{ Name: string; Status__c: string; Start_Date__c: string }>(
      `SELECT Name, Status__c, Start_Date__c FROM Maintenance_Contract__c WHERE Account__c = '${account.id}'`
    );
    // The story: go-live in 30 days, 90 days of warranty, the TMA from the day after it, still a Draft.
    expect([checklist.Go_Live_Date__c, checklist.Warranty_End_Date__c, draft.Status__c, draft.Start_Date__c]).toEqual([
      addDays(today, 30),
      addDays(today, 120),
      'Draft',
      addDays(today, 121)
    ]);
    const day = (value: string): string => formatDayLikeComponents(demo, value);
    const banner = page.locator('c-maintenance-overview .coverage-banner');
    const bannerText = (await banner.textContent()) ?? '';
    for (const part of [
      label('Coverage_Pre_Coverage', day(checklist.Go_Live_Date__c)),
      label('Coverage_Gap_Open', day(draft.Start_Date__c)),
      label('Coverage_Draft_Pending', draft.Name, day(draft.Start_Date__c))
    ]) {
      expect(bannerText).toContain(part);
    }
    expect(await banner.getAttribute('class')).toContain('slds-theme_warning');
    // The warranty alert names the project it covers, 120 days ahead.
    expect(await alerts()).toContain(
      label('Alert_Warranty_End', checklist.Project_Name__c ?? checklist.Name, 120, day(checklist.Warranty_End_Date__c))
    );
    // No transition plan was made for this go-live: the transition panel says so, by project and day.
    expect(await page.locator('c-transition-panel .unplanned').allTextContents()).toEqual([
      label('Transition_Unplanned', checklist.Project_Name__c ?? checklist.Name, day(checklist.Go_Live_Date__c))
    ]);
    await screenshot(page, 'figures-7-handover-in-progress');
    expect(problems).toEqual([]);
  });

  it('a TMA signed and waiting for its start: no gap, and the reservations of the handover still open', async () => {
    const account = await openAccount('signed-waiting');
    const today = demo.seed.today as string;
    const [contract] = await rows<{ Status__c: string; Start_Date__c: string }>(
      `SELECT Status__c, Start_Date__c FROM Maintenance_Contract__c WHERE Account__c = '${account.id}'`
    );
    expect(contract).toMatchObject({ Status__c: 'Signed', Start_Date__c: addDays(today, 21) });
    expect(await page.locator('c-maintenance-overview .coverage-banner').getAttribute('class')).toContain(
      'slds-theme_success'
    );
    expect(await page.locator('c-maintenance-overview .timeline-bar_gap').count()).toBe(0);
    const [checklist] = await rows<{ Id: string; Name: string; Project_Name__c: string | null }>(
      `SELECT Id, Name, Project_Name__c FROM Handover_Checklist__c WHERE Account__c = '${account.id}'`
    );
    const reservations = await rows(
      `SELECT Id FROM Handover_Item__c WHERE Checklist__c = '${checklist.Id}' AND Reservation__c = true AND Done__c = false`
    );
    expect(reservations).toHaveLength(2);
    expect(await alerts()).toContain(
      label('Alert_Reservations', checklist.Project_Name__c ?? checklist.Name, reservations.length)
    );
    // The TMA its handover gates is signed: the takeover is settled, nothing is reported unplanned.
    expect(await page.locator('c-transition-panel .unplanned').count()).toBe(0);
    await screenshot(page, 'figures-8-signed-waiting');
    expect(problems).toEqual([]);
  });
  it('logs effort on an incident from its row: the entry, the incident effort and the gap figures follow', async () => {
    // The second gap-today account, so that the figures counted above stay the demo's.
    const account = await storyAccount(demo, 'gap-today', 1);
    await page.goto(`${preview.server.url}/lightning/r/Account/${account.id}/view`);
    await page.locator('c-budget-panel .out-of-coverage').waitFor();
    const today = demo.seed.today as string;
    const [extension] = await rows<{ Id: string; End_Date__c: string; Daily_Rate__c: number }>(
      `SELECT Id, End_Date__c, Daily_Rate__c FROM Maintenance_Contract__c WHERE Account__c = '${account.id}' AND Status__c = 'Expired'`
    );
    const gapEntries = async (): Promise<Effort[]> =>
      (
        await rows<Effort>(
          `SELECT Work_Date__c, Days__c, Billable__c FROM Effort_Entry__c WHERE Account__c = '${account.id}'`
        )
      ).filter((entry) => entry.Work_Date__c > extension.End_Date__c);
    const before = await gapEntries();
    const [incident] = await rows<{ Id: string; Name: string; Subject__c: string; Effort_Days__c: number | null }>(
      `SELECT Id, Name, Subject__c, Effort_Days__c FROM Maintenance_Incident__c WHERE Account__c = '${account.id}' ORDER BY Name LIMIT 1`
    );
    const row = page.locator('c-incident-list tr', { hasText: incident.Subject__c });
    await row.locator('lightning-button-menu button').click();
    await page.getByRole('menuitem', { name: label('Effort_Log_Action'), exact: true }).click();
    const logger = page.locator('c-effort-logger');
    // A day and a half, typed key by key (the number input edits its raw value, with a point), on today, billable.
    await typeOver(logger.locator('lightning-input.effort-days input'), '1.5');
    await logger.locator('lightning-button.effort-save button').click();
    await page
      .locator('.preview-toast', {
        hasText: label('Effort_Log_Logged', formatNumberLikeComponents(demo, 1.5), incident.Name)
      })
      .waitFor();
    // In the org: one more entry, today, billable, under the expired extension (the last signed contract), and the
    // incident's effort up by a day and a half.
    const entries = await rows<Effort & { Contract__c: string }>(
      `SELECT Work_Date__c, Days__c, Billable__c, Contract__c FROM Effort_Entry__c WHERE Incident__c = '${incident.Id}' AND Work_Date__c = ${today}`
    );
    expect(entries).toEqual([
      expect.objectContaining({ Work_Date__c: today, Days__c: 1.5, Billable__c: true, Contract__c: extension.Id })
    ]);
    const [updated] = await rows<{ Effort_Days__c: number }>(
      `SELECT Effort_Days__c FROM Maintenance_Incident__c WHERE Id = '${incident.Id}'`
    );
    expect(updated.Effort_Days__c).toBe(Math.round(((incident.Effort_Days__c ?? 0) + 1.5) * 100) / 100);
    // The tab counts the day and a half in the gap, priced at the extension's rate, without a reload.
    const after = await gapEntries();
    expect(sumDays(after)).toBe(Math.round((sumDays(before) + 1.5) * 100) / 100);
    const text = label(
      'Alert_Effort_Out_Of_Coverage',
      formatNumberLikeComponents(demo, sumDays(after)),
      formatCurrencyLikeComponents(
        demo,
        money(sumDays(after.filter((entry) => entry.Billable__c)) * extension.Daily_Rate__c)
      )
    );
    await page.locator('c-budget-panel .out-of-coverage', { hasText: text }).waitFor();
    await screenshot(page, 'figures-9-effort-logged');
    expect(problems).toEqual([]);
  });
});
