/**
 * The handover gate in Chromium, on the demo org: on an account whose handover is in progress, ticking the open
 * mandatory items enables "Sign off"; once signed off, the contract the checklist gates can be activated from the
 * Related tab. On another such account, activating the gated contract before sign-off is refused by the org's
 * validation rule, whose message shows on the status field of the edit form.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.js';
import { label, storyAccount } from './support/demoData.js';
import type { DemoOrg, RunningPreview } from './support/demoOrg.js';
import { openPreviewSession, type PreviewSession } from './support/session.js';

/** The message of Maintenance_Contract__c.Activation_Requires_Signed_Off_Handover. */
const GATE_MESSAGE = 'This contract is gated by a handover checklist that is not signed off yet.';

let session: PreviewSession;
let demo: DemoOrg;
let preview: RunningPreview;
let page: Page;
let problems: string[];

type Row = Record<string, unknown>;

async function query(soql: string): Promise<Row[]> {
  return (await demo.conn.query<Row>(soql)).records;
}

async function gatedContract(accountId: string): Promise<Row> {
  const [contract] = await query(
    'SELECT Id, Name, Status__c, Handover_Checklist__c, Handover_Checklist__r.Phase__c FROM Maintenance_Contract__c ' +
      `WHERE Account__c = '${accountId}' AND Handover_Checklist__c != null`
  );
  expect(contract).toBeDefined();
  return contract;
}

/** Opens the Related tab's edit form of a contract and picks a status. */
async function editContractStatus(contractName: string, status: string): Promise<void> {
  await page.getByRole('tab', { name: 'Related' }).click();
  const row = page.locator('tr.contract-row', { hasText: contractName });
  await row.getByRole('button', { name: 'Edit' }).click();
  const input = page.locator('lightning-combobox.status-input');
  await input.locator('button[role="combobox"]').click();
  await input.getByRole('option', { name: status, exact: true }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
}

beforeAll(async () => {
  session = await openPreviewSession();
  ({ demo, preview, page, problems } = session);
});

afterAll(async () => {
  await session?.close();
});

describe('the handover gate', () => {
  it('enables "Sign off" once the mandatory items are done, and signs off', async () => {
    const account = await storyAccount(demo, 'handover-in-progress', 0);
    const contract = await gatedContract(account.id);
    const openItems = await query(
      'SELECT Id, Name FROM Handover_Item__c WHERE Mandatory__c = true AND Done__c = false AND ' +
        `Checklist__c = '${String(contract.Handover_Checklist__c)}' ORDER BY Sort_Order__c`
    );
    expect(openItems.length).toBeGreaterThan(0);
    await page.goto(`${preview.server.url}/lightning/r/Account/${account.id}/view`);
    const signOff = page
      .locator('c-handover-checklist')
      .getByRole('button', { name: label('Handover_Sign_Off'), exact: true });
    await signOff.waitFor();
    expect(await signOff.isDisabled()).toBe(true);
    await screenshot(page, 'handover-1-mandatory-items-open');

    for (const item of openItems) {
      const checkbox = page.locator('c-handover-checklist').getByRole('checkbox', { name: String(item.Name) });
      // SLDS draws the box over the input: click the label, as a person does.
      await page
        .locator('c-handover-checklist lightning-input.item-done')
        .filter({ hasText: String(item.Name) })
        .locator('label')
        .click();
      // Each tick is saved, then the list reloads: wait until it is ticked and editable again before the next one.
      await checkbox.and(page.locator(':checked:enabled')).waitFor();
    }
    await signOff.and(page.locator(':enabled')).waitFor();
    const done = await query(
      `SELECT COUNT() FROM Handover_Item__c WHERE Mandatory__c = true AND Done__c = false AND Checklist__c = '${String(contract.Handover_Checklist__c)}'`
    );
    expect(done).toEqual([]);
    await screenshot(page, 'handover-2-sign-off-enabled');

    await signOff.click();
    await page.locator('.preview-toast', { hasText: label('Handover_Sign_Off_Success') }).waitFor();
    await page.locator('c-handover-checklist .signed-off').waitFor();
    const [checklist] = await query(
      `SELECT Phase__c, Signed_Off_By__c, Signed_Off_On__c FROM Handover_Checklist__c WHERE Id = '${String(contract.Handover_Checklist__c)}'`
    );
    expect(checklist).toMatchObject({ Phase__c: 'Signed Off', Signed_Off_By__c: demo.org.userId });
    expect(checklist.Signed_Off_On__c).toBeTruthy();
    await screenshot(page, 'handover-3-signed-off');
  });

  it('then activates the contract the checklist gates', async () => {
    const account = await storyAccount(demo, 'handover-in-progress', 0);
    const contract = await gatedContract(account.id);
    expect(contract.Status__c).toBe('Draft');
    await editContractStatus(String(contract.Name), 'Active');
    await page.locator('.preview-toast', { hasText: `"${String(contract.Name)}" was saved` }).waitFor();
    await page
      .locator('tr.contract-row', { hasText: String(contract.Name) })
      .locator('.contract-status', { hasText: 'Active' })
      .waitFor();
    expect((await gatedContract(account.id)).Status__c).toBe('Active');
    await screenshot(page, 'handover-4-contract-activated');
  });

  it("refuses to activate a contract whose checklist is not signed off, with the rule's message", async () => {
    const account = await storyAccount(demo, 'handover-in-progress', 1);
    const contract = await gatedContract(account.id);
    expect((contract.Handover_Checklist__r as Row).Phase__c).not.toBe('Signed Off');
    await page.goto(`${preview.server.url}/lightning/r/Account/${account.id}/view`);
    await editContractStatus(String(contract.Name), 'Active');
    const errors = page.locator('.save-errors');
    await errors.waitFor();
    expect(await errors.textContent()).toContain(GATE_MESSAGE);
    const fieldHelp = page.locator(
      'lightning-combobox.status-input [data-help-message], lightning-combobox.status-input .slds-form-element__help'
    );
    expect(await fieldHelp.first().textContent()).toContain(GATE_MESSAGE);
    expect((await gatedContract(account.id)).Status__c).toBe('Draft');
    await screenshot(page, 'handover-5-activation-refused');
    expect(problems).toEqual([]);
  });
});
