/**
 * A P2 incident whose restore target passes, in Chromium on the demo org: a week after it was logged and
 * acknowledged, its badge names the clock that broke ("GTI met · GTR breached"), "Wait on customer" is disabled with
 * the reason (the restore target passed, and a pause must not hide a breach), nothing is written, and the tab's
 * compliance KPI counts the same breach the badge shows. The browser's clock is Playwright's, fixed at chosen instants.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import {
  calendarFromMetadata,
  contractCalendar,
  contractFromRecord,
  formatSlaDuration,
  incidentFromRecord,
  OPEN_STATUSES,
  slaBadgeText,
  slaComplianceByClock,
  slaStatus,
  type Calendar
} from '#engine';
import { CONTRACT_FIELDS, INCIDENT_FIELDS } from '../../src/shared/recordFields.js';
import { userSettings } from '../../src/localOrg/uiApi/userSettings.js';
import { screenshot } from './support/browser.js';
import {
  addDays,
  formatInstantLikeComponents,
  formatPercentLikeComponents,
  label,
  storyAccount
} from './support/demoData.js';
import type { DemoOrg, RunningPreview } from './support/demoOrg.js';
import { openPreviewSession, type PreviewSession } from './support/session.js';

const SUBJECT = 'E2E: invoices stuck for one region';
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** The browser's "now" when the incident is logged: this minute, on the minute. */
const START = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
/** A week later: seven calendar days hold at least five business days, far beyond a P2's 8 business hours. */
const WEEK_LATER = START + 7 * DAY_MS;
const COMPLIANCE_WINDOW_DAYS = 90;

let session: PreviewSession;
let demo: DemoOrg;
let preview: RunningPreview;
let page: Page;
let problems: string[];
let account: { id: string; name: string };

type Row = Record<string, unknown>;

const INCIDENT_QUERY_FIELDS = [
  ...new Set([...INCIDENT_FIELDS, 'Pause_Reason__c', 'Response_Breached_At__c', 'Resolution_Breached_At__c'])
].join(', ');

async function accountIncidents(): Promise<Row[]> {
  return (
    await demo.conn.query<Row>(
      `SELECT ${INCIDENT_QUERY_FIELDS} FROM Maintenance_Incident__c WHERE Account__c = '${account.id}'`
    )
  ).records;
}

async function ourIncident(): Promise<Row> {
  const matching = (await accountIncidents()).filter((record) => record.Subject__c === SUBJECT);
  expect(matching).toHaveLength(1);
  return matching[0];
}

/** The account's contracts and the org's calendars, in engine shape, as the tab reads them. */
async function engineSources(): Promise<{
  contracts: ReturnType<typeof contractFromRecord>[];
  calendars: Record<string, Calendar>;
}> {
  const contracts = (
    await demo.conn.query<Row>(
      `SELECT ${CONTRACT_FIELDS.join(', ')} FROM Maintenance_Contract__c WHERE Account__c = '${account.id}'`
    )
  ).records.map((record) => contractFromRecord(record));
  const calendars: Record<string, Calendar> = {};
  const records = (
    await demo.conn.query<Row>(
      'SELECT DeveloperName, Time_Zone__c, Always_Open__c, Monday_Hours__c, Tuesday_Hours__c, Wednesday_Hours__c, ' +
        'Thursday_Hours__c, Friday_Hours__c, Saturday_Hours__c, Sunday_Hours__c, Holidays__c FROM Maintenance_Calendar__mdt'
    )
  ).records;
  for (const record of records) calendars[String(record.DeveloperName)] = calendarFromMetadata(record);
  return { contracts, calendars };
}

function incidentRow(): Locator {
  return page.locator('c-incident-list tr', { hasText: SUBJECT });
}

async function choose(field: string, value: string): Promise<void> {
  const combobox = page.locator(`c-incident-logger lightning-combobox[data-field="${field}"]`);
  await combobox.locator('button[role="combobox"]').click();
  await combobox.getByRole('option', { name: value, exact: true }).click();
}

/** The day it is at `instant` for the org's user, as the tab's "today". */
function userDay(instant: number): string {
  const { timeZone } = userSettings(demo.org.store);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant
  );
}

beforeAll(async () => {
  session = await openPreviewSession();
  ({ demo, preview, page, problems } = session);
  account = await storyAccount(demo, 'gap-ahead');
  await page.clock.setFixedTime(START);
});

afterAll(async () => {
  await session?.close();
});

describe('a P2 incident past its restore target', () => {
  let incidentName: string;

  it('is logged as P2 and acknowledged', async () => {
    await page.goto(`${preview.server.url}/lightning/r/Account/${account.id}/view`);
    await page.getByRole('button', { name: label('Overview_Log_Incident') }).click();
    const logger = page.locator('c-incident-logger');
    await logger.locator('lightning-input[data-field="subject"] input').fill(SUBJECT);
    await choose('impact', 'High');
    await choose('urgency', 'Medium');
    await logger.getByText(label('Incident_Logger_Priority_From_Matrix', 'P2')).waitFor();
    await logger.getByRole('button', { name: label('Incident_Logger_Save') }).click();
    await page.locator('.preview-toast', { hasText: label('Incident_Logger_Success', 'P2') }).waitFor();
    await incidentRow().waitFor();
    incidentName = String((await ourIncident()).Name);

    await page.clock.setFixedTime(START + MINUTE_MS);
    await incidentRow().locator('lightning-button-menu button').click();
    await page.getByRole('menuitem', { name: label('Incident_Action_Acknowledge'), exact: true }).click();
    await page
      .locator('.preview-toast', { hasText: label('Incident_Action_Success', incidentName) })
      .first()
      .waitFor();
    const acknowledged = await ourIncident();
    expect(acknowledged).toMatchObject({
      Priority__c: 'P2',
      Status__c: 'Acknowledged',
      Resolution_Breached_At__c: null
    });
  });

  it('a week later: the badge names the restore clock as breached, and "Wait on customer" is refused with the reason', async () => {
    await page.clock.setFixedTime(WEEK_LATER);
    await page.goto(`${preview.server.url}/lightning/r/Account/${account.id}/view`);
    await incidentRow().waitFor();
    const record = await ourIncident();
    const { contracts, calendars } = await engineSources();
    const contract = contracts.find((candidate) => candidate.id === record.Contract__c);
    expect(contract).toBeDefined();
    const status = slaStatus({
      incident: incidentFromRecord(record),
      contract: contract!,
      calendar: contractCalendar(contract!, calendars),
      now: new Date(WEEK_LATER)
    });
    // Responded a minute after logging, well within 30 business minutes; restored never, 8 business hours long past.
    expect(slaBadgeText(status, 'en')).toBe('GTI met · GTR breached');
    expect(status.resolutionBreachedAt?.getTime()).toBe(Date.parse(String(record.Resolution_Due__c)));
    const badge = incidentRow().locator('.cell-band .slds-badge');
    expect(await badge.textContent()).toBe('GTI met · GTR breached');
    expect(await incidentRow().locator('.sla-state').textContent()).toBe(label('Sla_State_Breached'));
    // The time left reads in business days on the contract's calendar, the clock named under it.
    expect(status.alwaysOn).toBe(false);
    expect(status.remainingMinutes).toBeLessThan(-9 * 60);
    const overdue = formatSlaDuration(-Number(status.remainingMinutes), {
      alwaysOn: false,
      calendar: contractCalendar(contract!, calendars),
      locale: 'en'
    });
    expect(overdue).toMatch(/^\d+ business days?( \d+ h)?$/);
    expect(await incidentRow().locator('.remaining-time').textContent()).toBe(label('Duration_Overdue', overdue));
    expect(await incidentRow().locator('.remaining-clock').textContent()).toBe(label('Sla_Clock_Business'));

    await incidentRow().locator('lightning-button-menu button').click();
    const refusal = label(
      'Incident_Action_Wait_Refused',
      formatInstantLikeComponents(demo, String(record.Resolution_Due__c))
    );
    const waitItem = page.getByRole('menuitem', { name: refusal, exact: true });
    await waitItem.waitFor();
    expect(await waitItem.getAttribute('aria-disabled')).toBe('true');
    expect(await waitItem.isDisabled()).toBe(true);
    await screenshot(page, 'sla-breach-1-wait-refused');
    await page.keyboard.press('Escape');
    // Nothing was written: still acknowledged, no pause.
    expect(await ourIncident()).toMatchObject({
      Status__c: 'Acknowledged',
      Paused_Since__c: null,
      Pause_Reason__c: null
    });
  });

  it('the compliance KPI counts the breach the badge shows', async () => {
    const incidents = (await accountIncidents()).map((record) => incidentFromRecord(record));
    const { contracts, calendars } = await engineSources();
    const today = userDay(WEEK_LATER);
    const window = { from: addDays(today, -COMPLIANCE_WINDOW_DAYS), to: today, now: new Date(WEEK_LATER) };
    const figures = slaComplianceByClock({ incidents, contracts, calendars, ...window });
    const without = slaComplianceByClock({
      incidents: incidents.filter((incident) => incident.name !== incidentName),
      contracts,
      calendars,
      ...window
    });
    // Our incident is one more counted and one more breached on the restore clock, and nothing on the response clock.
    expect(figures.resolution.counted - without.resolution.counted).toBe(1);
    expect(figures.resolution.breached - without.resolution.breached).toBe(1);
    expect(figures.resolution.met).toBe(without.resolution.met);
    expect(figures.response.counted).toBe(without.response.counted);

    const { met, counted, percent } = figures.resolution;
    const kpi = page.locator('c-maintenance-overview .kpi-compliance');
    expect(await kpi.locator('.kpi-compliance-gtr').textContent()).toBe(
      label('Kpi_Compliance_Gtr', met, counted, formatPercentLikeComponents(demo, Number(percent) / 100))
    );
    expect(await kpi.locator('.kpi-value').textContent()).toBe(
      formatPercentLikeComponents(demo, Number(percent) / 100)
    );
    // The incident list under it counts with the same engine function and says the same.
    const listed = await page.locator('c-incident-list .incident-compliance').textContent();
    expect(listed?.trim().startsWith(`${await kpi.locator('.kpi-compliance-gtr').textContent()} · `)).toBe(true);
    // "Open breached" counts the open incidents past a due, ours among them, as the engine judges each one.
    const openBreached = incidents.filter((incident) => {
      const contract = contracts.find((candidate) => candidate.id === incident.contractId);
      if (!incident.status || !OPEN_STATUSES.includes(incident.status) || !contract) return false;
      const status = slaStatus({
        incident,
        contract,
        calendar: contractCalendar(contract, calendars),
        now: new Date(WEEK_LATER)
      });
      return status.responseBreached || status.resolutionBreached;
    });
    expect(openBreached.map((incident) => incident.name)).toContain(incidentName);
    expect(await page.locator('c-maintenance-overview .kpi-breached .kpi-value').textContent()).toBe(
      String(openBreached.length)
    );
    await screenshot(page, 'sla-breach-2-compliance-kpi');
  });

  it("the incident's history shows who acknowledged it and when, from the org's field history", async () => {
    const [change] = (
      await demo.conn.query<Row>(
        'SELECT Field, OldValue, NewValue, CreatedDate, CreatedBy.Name FROM Maintenance_Incident__History ' +
          `WHERE ParentId = '${String((await ourIncident()).Id)}' AND Field = 'Status__c'`
      )
    ).records;
    expect(change).toMatchObject({ OldValue: 'New', NewValue: 'Acknowledged' });
    await incidentRow().locator('lightning-button-menu button').click();
    await page.getByRole('menuitem', { name: label('Incident_Action_History'), exact: true }).click();
    const history = page.locator('c-incident-history');
    const statusRow = history.locator('tr.history-row', { hasText: 'Acknowledged' });
    await statusRow.waitFor();
    expect(await statusRow.locator('.history-field').textContent()).toBe('Status');
    expect(await statusRow.locator('.history-old').textContent()).toBe('New');
    expect(await statusRow.locator('.history-user').textContent()).toBe(
      String((change.CreatedBy as { Name: string }).Name)
    );
    expect(await statusRow.locator('.history-date').textContent()).toBe(
      formatInstantLikeComponents(demo, String(change.CreatedDate))
    );
    await history.locator('tr.history-row', { hasText: label('Incident_History_Created') }).waitFor();
    await screenshot(page, 'sla-breach-3-history');
    expect(problems).toEqual([]);
  });
});
