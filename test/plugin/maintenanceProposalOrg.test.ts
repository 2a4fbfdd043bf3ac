/**
 * Maintenance proposals in a local org deployed by `sf maintenance deploy`, reached through jsforce as any client
 * would: the Opportunity fields Propose maintenance writes, the rule that keeps a proposal's transition plan on its own
 * account, and who may propose (Manager) or only read them (Viewer).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Connection } from 'jsforce';
import Deploy from '../../src/commands/maintenance/deploy.js';
import { createUserWithPermissionSets } from '../../src/localOrg/users.js';
import { isolateSfHome, runCommand, startTestOrg, type TestOrg } from './pluginFixtures.js';

const sandbox = isolateSfHome();
let org: TestOrg;
let admin: Connection;
const ids: Record<string, string> = {};

/** A user of the Standard User profile holding `permissionSets`, logged in with the password flow. */
async function userConnection(username: string, permissionSets: string[]): Promise<Connection> {
  const user = await createUserWithPermissionSets(await org.conn(), { username, permissionSets });
  const token = (await (
    await fetch(`${org.org.instanceUrl}/services/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', username: user.username, password: user.password })
    })
  ).json()) as { access_token: string };
  return new Connection({ instanceUrl: org.org.instanceUrl, accessToken: token.access_token, version: '62.0' });
}

const proposal = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  Name: 'Maintenance from Jul 6, 2026',
  AccountId: ids.breton,
  StageName: 'Prospecting',
  CloseDate: '2026-07-05',
  Amount: 54000,
  Maintenance_Gap_Start__c: '2026-07-06',
  Proposed_Term_Months__c: 12,
  Proposed_SLA_Template__c: 'Premium',
  ...extra
});

beforeAll(async () => {
  org = await startTestOrg('proposals');
  const { error } = await runCommand(Deploy, ['-o', 'proposals']);
  expect(error).toBeUndefined();
  admin = new Connection({ instanceUrl: org.org.instanceUrl, accessToken: org.org.accessToken, version: '62.0' });
  const insert = async (sobject: string, fields: Record<string, unknown>): Promise<string> =>
    ((await admin.sobject(sobject).create(fields)) as { id: string }).id;
  ids.breton = await insert('Account', { Name: 'Breton SA' });
  ids.other = await insert('Account', { Name: 'Other SA' });
  ids.transition = await insert('Maintenance_Transition__c', {
    Name: 'Go-live Breton',
    Account__c: ids.breton,
    Go_Live_Date__c: '2026-04-01'
  });
  ids.otherTransition = await insert('Maintenance_Transition__c', {
    Name: 'Go-live Other',
    Account__c: ids.other,
    Go_Live_Date__c: '2026-04-01'
  });
}, 120_000);

afterAll(async () => {
  await org?.stop();
  sandbox.restore();
});

describe('maintenance proposals', () => {
  it('are opportunities a Manager creates with the proposal fields, linked to the account’s transition plan', async () => {
    const manager = await userConnection('manager.proposals@example.com', ['Maintenance_Manager']);
    const created = (await manager
      .sobject('Opportunity')
      .create(proposal({ Maintenance_Transition__c: ids.transition }))) as { id: string; success: boolean };
    expect(created.success).toBe(true);
    const row = await admin.query<Record<string, unknown>>(
      `SELECT Probability, IsClosed, Maintenance_Transition__r.Name FROM Opportunity WHERE Id = '${created.id}'`
    );
    expect(row.records[0]).toMatchObject({ Probability: 10, IsClosed: false });
    expect((row.records[0].Maintenance_Transition__r as { Name: string }).Name).toBe('Go-live Breton');
  });

  it('refuse a transition plan of another account', async () => {
    const refused = await admin
      .sobject('Opportunity')
      .create(proposal({ Maintenance_Transition__c: ids.otherTransition }))
      .then(
        () => undefined,
        (error: { errorCode?: string; message?: string }) => error
      );
    expect(refused?.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(refused?.message).toContain('This transition plan belongs to another account');
  });

  it('are read by a Viewer, who cannot write their proposal fields', async () => {
    const viewer = await userConnection('viewer.proposals@example.com', ['Maintenance_Viewer']);
    const rows = await viewer.query<{ Maintenance_Gap_Start__c: string }>(
      'SELECT Maintenance_Gap_Start__c FROM Opportunity WHERE Maintenance_Gap_Start__c != null'
    );
    expect(rows.records.map((row) => row.Maintenance_Gap_Start__c)).toEqual(['2026-07-06']);
    const describe = await viewer.sobject('Opportunity').describe();
    expect(describe.fields.find((field) => field.name === 'Maintenance_Gap_Start__c')?.updateable).toBe(false);
  });
});
