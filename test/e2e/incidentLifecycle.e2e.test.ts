/**
 * Logging and working a P1 incident in Chromium, on the demo org: the logger shows P1 from the matrix and the due
 * times, the saved incident appears in the list with the due times maintenanceEngine computes for its contract and
 * calendar, "Wait on customer" turns its SLA band grey, and "Resume" an hour later pushes the restore due time by
 * the paused hour. The browser's clock is Playwright's, fixed at chosen instants (timers still run), so the hour
 * passes at once and every step happens at a known minute. The org's clock does not move with it: for a Support
 * user the org would refuse an hour of pause that lasted seconds (Paused_Minutes_Come_From_Pauses); the demo org's
 * user holds the Maintenance Manager set, as setup gives it, which may correct paused time. Last, effort typed the
 * way the user writes numbers (1,5 in French) is logged as one and a half days, on the entry and the incident.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { calendarFromMetadata, contractFromRecord, incidentFromRecord, incidentTransition } from '#engine';
import { backgroundColor, screenshot, typeOver } from './support/browser.js';
import { formatInstantLikeComponents, formatNumberLikeComponents, label, storyAccount } from './support/demoData.js';
import type { DemoOrg, RunningPreview } from './support/demoOrg.js';
import { openPreviewSession, type PreviewSession } from './support/session.js';

const SUBJECT = 'E2E: payment gateway down for every customer';
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** The browser's "now" for the first step: this minute, on the minute. */
const START = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;

let session: PreviewSession;
let demo: DemoOrg;
let preview: RunningPreview;
let page: Page;
let problems: string[];

type Row = Record<string, unknown>;

async function incidentRecord(): Promise<Row> {
  const result = await demo.conn.query<Row>(
    'SELECT Id, Name, Priority__c, Status__c, Contract__c, Reported_At__c, Response_Due__c, Resolution_Due__c, ' +
      'Original_Resolution_Due__c, Paused_Minutes__c, Paused_Since__c, Pause_Reason__c, Impact__c, Urgency__c, Category__c, ' +
      `Priority_Overridden__c, Account__c FROM Maintenance_Incident__c WHERE Subject__c = '${SUBJECT}'`
  );
  expect(result.records).toHaveLength(1);
  return result.records[0];
}

/** The engine's create stamps for the incident as saved, on its contract's calendar. */
async function engineCreateStamps(incident: Row): Promise<Row> {
  const sla = ['P1', 'P2', 'P3', 'P4'].flatMap((p) => [`${p}_Response_Minutes__c`, `${p}_Resolution_Hours__c`]);
  const [contract] = (
    await demo.conn.query<Row>(
      `SELECT Id, Name, Status__c, Start_Date__c, End_Date__c, Notice_Period_Days__c, Calendar__c, Time_Zone__c, ` +
        `P1_24x7__c, ${sla.join(', ')} FROM Maintenance_Contract__c WHERE Id = '${String(incident.Contract__c)}'`
    )
  ).records;
  const [calendar] = (
    await demo.conn.query<Row>(
      'SELECT DeveloperName, Time_Zone__c, Always_Open__c, Monday_Hours__c, Tuesday_Hours__c, Wednesday_Hours__c, ' +
        'Thursday_Hours__c, Friday_Hours__c, Saturday_Hours__c, Sunday_Hours__c, Holidays__c ' +
        `FROM Maintenance_Calendar__mdt WHERE DeveloperName = '${String(contract.Calendar__c)}'`
    )
  ).records;
  const engineCalendar = calendarFromMetadata(calendar);
  const zone = contract.Time_Zone__c as string | null;
  return incidentTransition({
    incident: incidentFromRecord({ ...incident, Status__c: null, Response_Due__c: null, Resolution_Due__c: null }),
    contract: contractFromRecord(contract),
    calendar: zone ? { ...engineCalendar, timeZone: zone } : engineCalendar,
    action: 'create',
    now: new Date(String(incident.Reported_At__c))
  });
}

function incidentRow(): Locator {
  return page.locator('c-incident-list tr', { hasText: SUBJECT });
}

/** Chooses a value in a lightning-combobox of the logger. */
async function choose(field: string, value: string): Promise<void> {
  const combobox = page.locator(`c-incident-logger lightning-combobox[data-field="${field}"]`);
  await combobox.locator('button[role="combobox"]').click();
  await combobox.getByRole('option', { name: value, exact: true }).click();
}

/** Runs a row action of the incident list on our incident, and waits for its success toast. */
async function rowAction(name: string, incidentName: string): Promise<void> {
  await incidentRow().locator('lightning-button-menu button').click();
  await page.getByRole('menuitem', { name: label(name), exact: true }).click();
  await page
    .locator('.preview-toast', { hasText: label('Incident_Action_Success', incidentName) })
    .first()
    .waitFor();
}

/** "Wait on customer" on our incident: the action asks for the reason, then writes the pause. */
async function waitOnCustomer(reason: string, incidentName: string): Promise<void> {
  await incidentRow().locator('lightning-button-menu button').click();
  await page.getByRole('menuitem', { name: label('Incident_Action_Wait'), exact: true }).click();
  const form = page.locator('c-incident-action-form');
  const combobox = form.locator('lightning-combobox.form-pause-reason');
  await combobox.locator('button[role="combobox"]').click();
  await combobox.getByRole('option', { name: reason, exact: true }).click();
  await form.getByRole('button', { name: label('Incident_Form_Save') }).click();
  await page
    .locator('.preview-toast', { hasText: label('Incident_Action_Success', incidentName) })
    .first()
    .waitFor();
}

beforeAll(async () => {
  session = await openPreviewSession();
  ({ demo, preview, page, problems } = session);
  await page.clock.setFixedTime(START);
});

afterAll(async () => {
  await session?.close();
});

describe('a P1 incident from the logger to the paused clock', () => {
  let saved: Row;

  it('shows P1 from the matrix and the due times before saving, then logs it', async () => {
    const account = await storyAccount(demo, 'gap-ahead');
    await page.goto(`${preview.server.url}/lightning/r/Account/${account.id}/view`);
    await page.getByRole('button', { name: label('Overview_Log_Incident') }).click();
    const logger = page.locator('c-incident-logger');
    await logger.locator('lightning-input[data-field="subject"] input').fill(SUBJECT);
    await choose('impact', 'High');
    await choose('urgency', 'High');
    await logger.getByText(label('Incident_Logger_Priority_From_Matrix', 'P1')).waitFor();
    await logger.getByText(label('Incident_Logger_Response_Due')).waitFor();
    await screenshot(page, 'incident-1-logger-p1');

    await logger.getByRole('button', { name: label('Incident_Logger_Save') }).click();
    await page.locator('.preview-toast', { hasText: label('Incident_Logger_Success', 'P1') }).waitFor();
    await incidentRow().waitFor();
    saved = await incidentRecord();
    expect(saved).toMatchObject({ Priority__c: 'P1', Status__c: 'New', Impact__c: 'High', Urgency__c: 'High' });
    expect(saved.Contract__c).toBeTruthy();
  });

  it('lists the incident with the due times the engine computes', async () => {
    const stamps = await engineCreateStamps(saved);
    expect(Date.parse(String(saved.Response_Due__c))).toBe(Date.parse(String(stamps.Response_Due__c)));
    expect(Date.parse(String(saved.Resolution_Due__c))).toBe(Date.parse(String(stamps.Resolution_Due__c)));
    const row = incidentRow();
    expect(await row.textContent()).toContain(formatInstantLikeComponents(demo, String(saved.Response_Due__c)));
    expect(await row.textContent()).toContain(formatInstantLikeComponents(demo, String(saved.Resolution_Due__c)));
    expect(await row.textContent()).toContain('P1');
    await screenshot(page, 'incident-2-listed-with-due-times');
  });

  it('turns the SLA band grey while waiting on the customer', async () => {
    await page.clock.setFixedTime(START + MINUTE_MS);
    await rowAction('Incident_Action_Acknowledge', String(saved.Name));
    await page.clock.setFixedTime(START + 2 * MINUTE_MS);
    await waitOnCustomer('Waiting for customer information', String(saved.Name));
    // Grey, and the badge names each clock: the restore (GTR) clock is paused.
    const badge = incidentRow().locator('.slds-badge.sla-band_grey');
    await badge.filter({ hasText: 'GTR paused' }).waitFor();
    // The drawn colour, SLDS grey #747474.
    expect(await backgroundColor(badge)).toBe('rgb(116, 116, 116)');
    const waiting = await incidentRecord();
    expect(waiting).toMatchObject({
      Status__c: 'Waiting on Customer',
      Pause_Reason__c: 'Waiting for customer information'
    });
    expect(waiting.Paused_Since__c).toBeTruthy();
    await screenshot(page, 'incident-3-waiting-grey-band');
  });

  it('moves the restore due time by the paused hour when resumed', async () => {
    const before = await incidentRecord();
    const [contract] = (
      await demo.conn.query<Row>(
        `SELECT P1_24x7__c FROM Maintenance_Contract__c WHERE Id = '${String(before.Contract__c)}'`
      )
    ).records;
    // On a 24x7 P1 clock an hour of waiting is sixty clock minutes, whatever the hour of the day.
    expect(contract.P1_24x7__c).toBe(true);
    await page.clock.setFixedTime(START + 2 * MINUTE_MS + HOUR_MS);
    await rowAction('Incident_Action_Resume', String(saved.Name));
    const after = await incidentRecord();
    expect(after.Status__c).not.toBe('Waiting on Customer');
    expect(after.Paused_Minutes__c).toBe(60);
    expect(after.Pause_Reason__c).toBeNull();
    expect(Date.parse(String(after.Resolution_Due__c)) - Date.parse(String(before.Resolution_Due__c))).toBe(HOUR_MS);
    expect(after.Original_Resolution_Due__c).toBe(before.Original_Resolution_Due__c);
    await incidentRow()
      .filter({ hasText: formatInstantLikeComponents(demo, String(after.Resolution_Due__c)) })
      .waitFor();
    await screenshot(page, 'incident-4-resumed-due-moved');
    expect(problems).toEqual([]);
  });

  it('logs effort typed as the user writes numbers (1,5 in French) as one and a half days', async () => {
    // The demo user writes numbers the French way: the decimal separator is a comma.
    expect(formatNumberLikeComponents(demo, 1.5)).toBe('1,5');
    const incident = await incidentRecord();
    const effortOf = async (): Promise<number> =>
      Number(
        (
          await demo.conn.query<Row>(
            `SELECT Effort_Days__c FROM Maintenance_Incident__c WHERE Id = '${String(incident.Id)}'`
          )
        ).records[0].Effort_Days__c ?? 0
      );
    const before = await effortOf();
    await incidentRow().locator('lightning-button-menu button').click();
    await page.getByRole('menuitem', { name: label('Effort_Log_Action'), exact: true }).click();
    const logger = page.locator('c-effort-logger');
    // Typed key by key, as a user types it over the default half day.
    const daysInput = logger.locator('lightning-input.effort-days input');
    await typeOver(daysInput, '1,5');
    expect(await daysInput.inputValue()).toBe('1,50');
    await logger.getByRole('button', { name: label('Effort_Log_Save'), exact: true }).click();
    await logger.waitFor({ state: 'detached' });
    const entries = await demo.conn.query<Row>(
      `SELECT Days__c FROM Effort_Entry__c WHERE Incident__c = '${String(incident.Id)}'`
    );
    expect(entries.records.map((entry) => entry.Days__c)).toEqual([1.5]);
    expect(await effortOf()).toBe(before + 1.5);
    expect(problems).toEqual([]);
  });
});
