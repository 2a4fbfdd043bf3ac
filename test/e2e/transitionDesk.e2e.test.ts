/**
 * The transition desk in Chromium, on a local org seeded with the demo recipe: the go-live in 150 days with no
 * decision shows the tender lost and the partial extension still open; deciding creates the successor contract in
 * Draft with its dates prefilled; the Breton-like tacit renewal shows no gap.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.js';
import { addDays, formatDayLikeComponents, label, storyAccount } from './support/demoData.js';
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

async function openAccount(story: string): Promise<{ id: string; name: string }> {
  const account = await storyAccount(demo, story);
  await page.goto(`${preview.server.url}/lightning/r/Account/${account.id}/view`);
  await page.locator('c-maintenance-overview .coverage-banner').waitFor();
  return account;
}

describe('the transition desk in the preview', () => {
  it('150 days before a go-live with no decision: the tender is lost, the partial extension is open', async () => {
    await openAccount('transition-undecided');
    const today = demo.seed.today as string;
    const day = (offset: number): string => formatDayLikeComponents(demo, addDays(today, offset));
    const panel = page.locator('c-transition-panel section.transition');
    await panel.waitFor();
    expect(await panel.locator('[data-role="countdown"]').textContent()).toBe(
      label('Transition_Countdown', day(150), day(150), 150)
    );
    const lost = panel.locator('.option-lost');
    expect(await lost.count()).toBe(1);
    expect(await lost.getAttribute('data-option')).toBe('Tender');
    const extension = panel.locator('.option-open[data-option="Partial_Extension"]');
    expect(await extension.textContent()).toContain(label('Transition_Option_Closes', 60, day(90), 90));
    // The banner: before coverage, the go-live on that day, and nothing behind it.
    const banner = page.locator('c-maintenance-overview .coverage-banner');
    expect(await banner.textContent()).toContain(label('Coverage_Pre_Coverage', day(150)));
    expect(await banner.getAttribute('class')).toContain('slds-theme_warning');
    // A new TMA is the next long option to close, in 30 days: an alert says so.
    const alert = label('Alert_Transition', '{0}', 'New TMA', 30, day(30)).split('{0}')[1];
    await page.locator('c-maintenance-overview .alert', { hasText: alert }).waitFor();
    await screenshot(page, 'transition-1-undecided');
  });

  it('takes the decision: the successor contract is created in Draft from the go-live, and shows on the tab', async () => {
    const account = await openAccount('transition-undecided');
    const today = demo.seed.today as string;
    const panel = page.locator('c-transition-panel section.transition');
    await chooseOption(panel, 'Partial extension of the integrator');
    await panel.locator('lightning-textarea.rationale-input textarea').fill('A bridge while the tender runs.');
    await panel.locator('lightning-button.decide button').click();
    await panel.locator('.decision').waitFor();
    expect(await panel.locator('.decision').textContent()).toBe(
      label('Transition_Decided', formatDayLikeComponents(demo, today), 'Partial extension of the integrator')
    );
    // In the org: a Draft Project Extension from the go-live for six months, and the decision on the transition.
    const goLive = addDays(today, 150);
    const contracts = await demo.conn.query<Record<string, string>>(
      `SELECT Id, Status__c, Contract_Type__c, Start_Date__c, End_Date__c FROM Maintenance_Contract__c WHERE Account__c = '${account.id}'`
    );
    expect(contracts.records).toHaveLength(1);
    expect(contracts.records[0]).toMatchObject({
      Status__c: 'Draft',
      Contract_Type__c: 'Project Extension',
      Start_Date__c: goLive
    });
    const transitions = await demo.conn.query<Record<string, string>>(
      `SELECT Option_Chosen__c, Decision_Date__c, Successor_Contract__c, Rationale__c FROM Maintenance_Transition__c WHERE Account__c = '${account.id}'`
    );
    expect(transitions.records[0]).toMatchObject({
      Option_Chosen__c: 'Partial_Extension',
      Decision_Date__c: today,
      Successor_Contract__c: contracts.records[0].Id,
      Rationale__c: 'A bridge while the tender runs.'
    });
    // The tab now names the Draft that would close the gap.
    const pending = label('Coverage_Draft_Pending', '{0}', formatDayLikeComponents(demo, goLive)).split('{0}')[1];
    await page.locator('c-maintenance-overview .coverage-banner', { hasText: pending }).waitFor();
    await screenshot(page, 'transition-2-decided');
    expect(problems).toEqual([]);
  });

  it('shows no gap for a tacit renewal past its notice deadline, and draws the renewal dashed', async () => {
    await openAccount('tacit-renewal');
    const banner = page.locator('c-maintenance-overview .coverage-banner');
    expect(await banner.getAttribute('class')).toContain('slds-theme_success');
    expect(await page.locator('c-maintenance-overview .timeline-bar_gap').count()).toBe(0);
    expect(await page.locator('c-maintenance-overview .timeline-bar_renewal').count()).toBeGreaterThan(0);
    const today = demo.seed.today as string;
    const end = addDays(today, 45);
    const renewsUntil = formatDayLikeComponents(demo, addDays(addMonthsUtc(addDays(end, 1), 12), -1));
    await page
      .locator('c-maintenance-overview .alert', { hasText: renewsUntil })
      .filter({ hasText: formatDayLikeComponents(demo, addDays(today, -45)) })
      .waitFor();
    await screenshot(page, 'transition-3-tacit-renewal');
    expect(problems).toEqual([]);
  });
});

/** Picks an option of a lightning-combobox by its label, as a user does. */
async function chooseOption(scope: ReturnType<Page['locator']>, optionLabel: string): Promise<void> {
  const combobox = scope.locator('lightning-combobox.option-choice');
  await combobox.locator('button[role="combobox"]').click();
  await combobox.getByRole('option', { name: optionLabel, exact: true }).click();
}

function addMonthsUtc(day: string, months: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target.toISOString().slice(0, 10);
}
