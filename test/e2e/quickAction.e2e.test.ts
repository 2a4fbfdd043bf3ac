/**
 * The Account page's quick action "Log Maintenance Incident" (the flexipage's dynamic action running
 * c-incident-logger) in Chromium: it opens the logger in a modal, the modal closes when the incident is saved, and
 * the Maintenance tab shows the new incident, as Lightning Experience refreshes a record page after an action.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.js';
import { label, storyAccount } from './support/demoData.js';
import type { DemoOrg, RunningPreview } from './support/demoOrg.js';
import { openPreviewSession, type PreviewSession } from './support/session.js';

const SUBJECT = 'E2E: logged from the quick action';

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

describe('the Log Maintenance Incident quick action', () => {
  it('logs an incident from the highlights panel and refreshes the tab', async () => {
    const account = await storyAccount(demo, 'covered');
    await page.goto(`${preview.server.url}/lightning/r/Account/${account.id}/view`);
    await page.getByRole('button', { name: 'Log Maintenance Incident' }).click();
    const modal = page.getByRole('dialog', { name: 'Log Maintenance Incident' });
    await modal.locator('c-incident-logger lightning-input[data-field="subject"] input').fill(SUBJECT);
    await screenshot(page, 'quick-action-1-modal');
    await modal.getByRole('button', { name: label('Incident_Logger_Save') }).click();
    await modal.waitFor({ state: 'detached' });
    await page.locator('c-incident-list tr', { hasText: SUBJECT }).waitFor();
    const saved = await demo.conn.query<{ Account__c: string }>(
      `SELECT Account__c FROM Maintenance_Incident__c WHERE Subject__c = '${SUBJECT}'`
    );
    expect(saved.records.map((record) => record.Account__c)).toEqual([account.id]);
    await screenshot(page, 'quick-action-2-listed');
    expect(problems).toEqual([]);
  });
});
