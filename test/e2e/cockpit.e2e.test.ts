/**
 * The Maintenance Cockpit in Chromium, on a local org seeded with the demo recipe: it ranks the demo stories in the
 * order `sf maintenance report --risk` prints for the same org (one engine ranking), the account whose gap starts in
 * three weeks shows the same first uncovered day as its Maintenance tab, and proposing maintenance for it creates the
 * opportunity, which the cockpit and then the tab show instead of proposing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { buildRiskReport, readRiskData } from '../../src/report/riskReport.js';
import { readUserToday } from '../../src/shared/orgHelpers.js';
import { screenshot } from './support/browser.js';
import {
  addDays,
  formatDayLikeComponents,
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

const storyOf = (name: string): string | undefined =>
  (demo.seed.accounts ?? []).find((account) => account.name === name)?.story;

async function openCockpit(): Promise<void> {
  await page.goto(`${preview.server.url}/lightning/n/Maintenance_Cockpit`);
  await page.locator('c-maintenance-portfolio tr.account-row').first().waitFor();
}

describe('the Maintenance Cockpit in the preview', () => {
  it('ranks the demo stories and shows the figures report --risk prints: the accounts in a gap, then the gap in 3 weeks', async () => {
    await openCockpit();
    const names = await page.locator('c-maintenance-portfolio th.account a').allTextContents();
    expect(names).toHaveLength(demo.seed.accounts?.length ?? 0);
    expect(names.slice(0, 4).map(storyOf)).toEqual(['gap-today', 'gap-today', 'gap-ahead', 'gap-ahead']);
    // The same ranking from the same engine functions, read by the CLI's SOQL path instead of LDS list views.
    const conn = demo.conn;
    const today = await readUserToday(conn, conn.getUsername() as string);
    const report = buildRiskReport(await readRiskData(conn), { today, now: new Date() });
    expect(names).toEqual(report.ranking.map((line) => line.accountName));
    // Column by column, every account: the cockpit shows the report's figures.
    const day = (value: string | null): string => (value ? formatDayLikeComponents(demo, value) : '—');
    const percent = (value: number | null): string =>
      value === null ? '—' : formatPercentLikeComponents(demo, value / 100);
    for (const line of report.ranking) {
      const row = page.locator(`c-maintenance-portfolio tr.account-row[data-id="${line.accountId}"]`);
      const cells = {
        gap: (await row.locator('td.gap').textContent())?.trim(),
        notice: (await row.locator('td.notice').textContent())?.trim(),
        breached: (await row.locator('.breached').textContent())?.trim(),
        compliance: (await row.locator('td.compliance').textContent())?.trim(),
        budget: (await row.locator('td.budget').textContent())?.trim()
      };
      const { openBreached: breached, budget } = line;
      let budgetText = '—';
      if (budget) {
        budgetText =
          budget.shortfallDays > 0
            ? label('Cockpit_Budget_Shortfall', percent(budget.percentConsumed), budget.shortfallDays)
            : label('Cockpit_Budget_Value', percent(budget.percentConsumed));
      }
      expect({ account: line.accountName, ...cells }).toEqual({
        account: line.accountName,
        gap: line.coverage === 'in-gap' ? label('Cockpit_In_Gap_Since', day(line.inGapSince)) : day(line.gapStart),
        notice: line.notice ? label('Cockpit_Days_Left', day(line.notice.deadline), line.notice.daysLeft) : '—',
        breached:
          breached.unjudged > 0
            ? label('Cockpit_Breached_Unjudged', breached.response, breached.resolution, breached.unjudged)
            : `${breached.response} / ${breached.resolution}`,
        compliance: `${percent(line.compliance.response.percent)} / ${percent(line.compliance.resolution.percent)}`,
        budget: budgetText
      });
    }
    const inGapChip = page.locator('c-maintenance-portfolio button.chip[data-flag="in-gap"]');
    expect(await inGapChip.textContent()).toContain(label('Cockpit_Chip_In_Gap', report.counts['in-gap']).trim());
    await screenshot(page, 'cockpit-1-ranking');
  });

  it('shows the gap in 3 weeks on the cockpit as on the account’s Maintenance tab', async () => {
    const account = await storyAccount(demo, 'gap-ahead');
    await openCockpit();
    const row = page.locator(`c-maintenance-portfolio tr.account-row[data-id="${account.id}"]`);
    const gapStart = formatDayLikeComponents(demo, addDays(demo.seed.today as string, 21));
    expect((await row.locator('td.gap').textContent())?.trim()).toBe(gapStart);
    await row.getByRole('link', { name: account.name, exact: true }).click();
    await page.waitForURL(`**/lightning/r/Account/${account.id}/view`);
    const banner = page.locator('c-maintenance-overview .coverage-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(gapStart);
  });

  it('proposes maintenance for the gap in 3 weeks: the opportunity is created and shows on the cockpit and the tab', async () => {
    const account = await storyAccount(demo, 'gap-ahead');
    await openCockpit();
    const row = page.locator(`c-maintenance-portfolio tr.account-row[data-id="${account.id}"]`);
    await row.locator('lightning-button.propose button').click();
    const form = page.locator('c-maintenance-portfolio c-maintenance-proposal .proposal-form');
    await form.waitFor();
    expect(await form.textContent()).toContain(account.name);
    await screenshot(page, 'cockpit-2-proposal-form');
    await form.locator('lightning-button.create button').click();
    const link = row.locator('a.open-proposal');
    await link.waitFor();
    const gapStart = addDays(demo.seed.today as string, 21);
    const created = await demo.conn.query<{ Name: string; CloseDate: string; StageName: string }>(
      `SELECT Name, CloseDate, StageName FROM Opportunity WHERE AccountId = '${account.id}' AND Maintenance_Gap_Start__c = ${gapStart}`
    );
    expect(created.records).toHaveLength(1);
    // To close the day before the gap, at the first stage of the sales process.
    expect(created.records[0]).toMatchObject({ CloseDate: addDays(gapStart, -1), StageName: 'Prospecting' });
    expect((await link.textContent())?.trim()).toBe(created.records[0].Name);
    expect(await row.locator('lightning-button.propose').count()).toBe(0);
    await screenshot(page, 'cockpit-3-proposed');

    await row.getByRole('link', { name: account.name, exact: true }).click();
    await page.waitForURL(`**/lightning/r/Account/${account.id}/view`);
    const open = page.locator('c-maintenance-overview c-maintenance-proposal .open-proposal');
    await open.waitFor();
    expect(await open.textContent()).toContain(created.records[0].Name);
    await screenshot(page, 'cockpit-4-tab-shows-proposal');
    expect(problems).toEqual([]);
  });
});
