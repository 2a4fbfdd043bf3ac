/**
 * The account list and the Maintenance tab's coverage banner, in Chromium, on a local org seeded with the demo
 * recipe: the account whose coverage gap starts in three weeks shows a warning badge in the list, and its banner
 * names the first uncovered day.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.js';
import { addDays, formatDayLikeComponents, storyAccount } from './support/demoData.js';
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

describe('coverage in the preview', () => {
  it('lists every account with a coverage badge, the gap-ahead account in warning', async () => {
    const account = await storyAccount(demo, 'gap-ahead');
    await page.goto(`${preview.server.url}/lightning/o/Account/list`);
    await page.locator('tr.account-row').first().waitFor();
    expect(await page.locator('tr.account-row').count()).toBe(demo.seed.accounts?.length);
    const row = page.locator('tr.account-row', { has: page.getByRole('link', { name: account.name, exact: true }) });
    expect(await row.locator('.coverage-badge').getAttribute('data-kind')).toBe('gap');
    const covered = await storyAccount(demo, 'covered');
    const coveredRow = page.locator(`tr.account-row[data-id="${covered.id}"]`);
    expect(await coveredRow.locator('.coverage-badge').getAttribute('data-kind')).toBe('covered');
    await screenshot(page, 'coverage-1-account-list');
  });

  it('shows the first uncovered day of the gap three weeks ahead in the banner', async () => {
    const account = await storyAccount(demo, 'gap-ahead');
    await page.getByRole('link', { name: account.name, exact: true }).click();
    await page.waitForURL(`**/lightning/r/Account/${account.id}/view`);
    const banner = page.locator('c-maintenance-overview .coverage-banner');
    await banner.waitFor();
    const gapStart = formatDayLikeComponents(demo, addDays(demo.seed.today as string, 21));
    expect(await banner.textContent()).toContain(gapStart);
    expect(await banner.getAttribute('class')).toContain('slds-theme_warning');
    await screenshot(page, 'coverage-2-gap-banner');
    expect(problems).toEqual([]);
  });
});
