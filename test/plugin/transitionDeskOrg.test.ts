/**
 * The transition desk's data model in a local org started by the test and reached through jsforce, as any client
 * would: the roll-ups of effort entries and amendments (Consumed_Effort_Days__c, Amended_Budget_Days__c, and the
 * Budget_Consumed_Percent__c formula over them), the validation rules that keep the figures from being falsified
 * through the API, and the access each permission set gives (Viewer reads, Support logs effort, Manager decides and
 * amends).
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

type Row = Record<string, unknown>;

beforeAll(async () => {
  org = await startTestOrg('transition-desk');
  const { error } = await runCommand(Deploy, ['-o', 'transition-desk']);
  expect(error).toBeUndefined();
  admin = new Connection({ instanceUrl: org.org.instanceUrl, accessToken: org.org.accessToken, version: '62.0' });
  const insert = async (sobject: string, fields: Row): Promise<string> => {
    const result = (await admin.sobject(sobject).create(fields)) as { id: string };
    return result.id;
  };
  ids.breton = await insert('Account', { Name: 'Breton SA' });
  ids.other = await insert('Account', { Name: 'Other SA' });
  ids.contract = await insert('Maintenance_Contract__c', {
    Name: 'TMA Breton',
    Account__c: ids.breton,
    Status__c: 'Active',
    Start_Date__c: '2025-09-01',
    End_Date__c: '2026-08-31',
    Tacit_Renewal__c: true,
    Renewal_Term_Months__c: 12,
    Budget_Days__c: 40
  });
  ids.otherContract = await insert('Maintenance_Contract__c', {
    Name: 'TMA Other',
    Account__c: ids.other,
    Status__c: 'Active',
    Start_Date__c: '2025-09-01',
    End_Date__c: '2026-08-31'
  });
  ids.incident = await insert('Maintenance_Incident__c', {
    Account__c: ids.breton,
    Subject__c: 'Export fails',
    Reported_At__c: '2026-01-10T09:00:00.000Z'
  });
  ids.otherIncident = await insert('Maintenance_Incident__c', {
    Account__c: ids.other,
    Subject__c: 'Login fails',
    Reported_At__c: '2026-01-10T09:00:00.000Z'
  });
}, 120_000);

afterAll(async () => {
  await org?.stop();
  sandbox.restore();
});

async function contract(): Promise<Row> {
  return await admin.sobject('Maintenance_Contract__c').retrieve(ids.contract);
}

/** The error code and the validation rule message of a write that must fail, or 'OK'. */
async function outcome(write: PromiseLike<unknown>): Promise<string> {
  try {
    await write;
    return 'OK';
  } catch (error) {
    const { errorCode, message } = error as { errorCode?: string; message: string };
    return `${errorCode}: ${message}`;
  }
}

const effort = (fields: Row): Row => ({
  Contract__c: ids.contract,
  Account__c: ids.breton,
  Work_Date__c: '2026-02-02',
  Days__c: 1,
  ...fields
});

describe('the roll-ups of effort entries and amendments', () => {
  it('adds up the billable effort entries in Consumed_Effort_Days__c, kept current on every write', async () => {
    const [a, b, c] = (await admin.sobject('Effort_Entry__c').create([
      effort({ Days__c: 10, Incident__c: ids.incident }),
      effort({ Days__c: 2.5, Kind__c: 'Evolutive' }),
      // Not billable: worked, not consumed.
      effort({ Days__c: 4, Billable__c: false })
    ])) as { id: string }[];
    // By hand: 10 + 2.5 = 12.5 billable days of 40: 31.3 % (the formula's scale is 1).
    expect(await contract()).toMatchObject({ Consumed_Effort_Days__c: 12.5, Budget_Consumed_Percent__c: 31.3 });
    await admin.sobject('Effort_Entry__c').update({ Id: b.id, Days__c: 5 });
    expect((await contract()).Consumed_Effort_Days__c).toBe(15);
    await admin.sobject('Effort_Entry__c').update({ Id: c.id, Billable__c: true });
    expect((await contract()).Consumed_Effort_Days__c).toBe(19);
    await admin.sobject('Effort_Entry__c').destroy(a.id);
    expect((await contract()).Consumed_Effort_Days__c).toBe(9);
    // The roll-up cannot be written.
    expect(
      await outcome(admin.sobject('Maintenance_Contract__c').update({ Id: ids.contract, Consumed_Effort_Days__c: 0 }))
    ).toMatch(/INVALID_FIELD_FOR_INSERT_UPDATE|Unable to create\/update fields/);
  });

  it('adds up the budget changes of the amendments, and the consumed percent follows the amended budget', async () => {
    await admin.sobject('Contract_Amendment__c').create({
      Contract__c: ids.contract,
      Account__c: ids.breton,
      Effective_Date__c: '2026-03-01',
      Reason__c: 'Project Delay',
      Budget_Days_Change__c: 10,
      New_End_Date__c: '2026-12-31'
    });
    // 9 of 40 + 10 = 50 days: 18 %.
    expect(await contract()).toMatchObject({ Amended_Budget_Days__c: 10, Budget_Consumed_Percent__c: 18 });
  });
});

describe('the validation rules of the transition desk', () => {
  it('refuses effort that is not work, or that belongs to another account', async () => {
    const rule = (fields: Row): Promise<string> => outcome(admin.sobject('Effort_Entry__c').create(effort(fields)));
    expect(await rule({ Days__c: 0 })).toMatch(/FIELD_CUSTOM_VALIDATION_EXCEPTION: Days must be more than 0/);
    expect(await rule({ Days__c: -1 })).toMatch(/Days must be more than 0/);
    expect(await rule({ Account__c: ids.other })).toMatch(/Account must be the account of the contract/);
    expect(await rule({ Account__c: null })).toMatch(/Account must be the account of the contract/);
    expect(await rule({ Incident__c: ids.otherIncident })).toMatch(/This incident belongs to another account/);
  });

  it('refuses an amendment that changes nothing, ends before the start or takes the budget below zero', async () => {
    const amend = (fields: Row): Promise<string> =>
      outcome(
        admin.sobject('Contract_Amendment__c').create({
          Contract__c: ids.contract,
          Account__c: ids.breton,
          Effective_Date__c: '2026-04-01',
          Reason__c: 'Other',
          ...fields
        })
      );
    expect(await amend({})).toMatch(/This amendment changes nothing/);
    expect(await amend({ New_End_Date__c: '2025-08-31' })).toMatch(/New End Date is before the contract's Start Date/);
    // The budget is 40 + 10: removing 50 leaves 0, removing 50.5 goes below.
    expect(await amend({ Budget_Days_Change__c: -50.5 })).toMatch(/takes the budget below 0 days/);
    expect(await amend({ Budget_Days_Change__c: 5, New_Monthly_Fee__c: -1 })).toMatch(/takes the budget below 0 days/);
    expect(await amend({ Scope_Note__c: 'Reporting module out of scope.' })).toBe('OK');
    expect(await amend({ Budget_Days_Change__c: 5, Account__c: ids.other })).toMatch(/Account must be the account/);
  });

  it('refuses a decision without its date, a successor of another account, and a renewal term under a month', async () => {
    const transition = (fields: Row): Promise<string> =>
      outcome(
        admin.sobject('Maintenance_Transition__c').create({
          Name: 'Atlas',
          Account__c: ids.breton,
          Go_Live_Date__c: '2026-08-07',
          ...fields
        })
      );
    expect(await transition({ Option_Chosen__c: 'New_TMA' })).toMatch(
      /A decision needs both Option Chosen and Decision Date/
    );
    expect(await transition({ Decision_Date__c: '2026-03-01' })).toMatch(/A decision needs both/);
    expect(
      await transition({
        Option_Chosen__c: 'New_TMA',
        Decision_Date__c: '2026-03-01',
        Successor_Contract__c: ids.otherContract
      })
    ).toMatch(/This contract belongs to another account/);
    expect(await transition({ Warranty_End_Date__c: '2026-08-06' })).toMatch(
      /Warranty End Date is before the Go-Live Date/
    );
    expect(
      await transition({
        Option_Chosen__c: 'New_TMA',
        Decision_Date__c: '2026-03-01',
        Successor_Contract__c: ids.contract
      })
    ).toBe('OK');
    expect(
      await outcome(admin.sobject('Maintenance_Contract__c').update({ Id: ids.contract, Renewal_Term_Months__c: 0 }))
    ).toMatch(/Renewal Term \(Months\) of 1 or more/);
  });

  it('signs off with reservations only when every open mandatory item is a reservation, owned and dated', async () => {
    const checklist = (
      (await admin.sobject('Handover_Checklist__c').create({
        Name: 'HO Atlas',
        Account__c: ids.breton,
        Project_Name__c: 'Atlas',
        Go_Live_Date__c: '2026-08-07'
      })) as { id: string }
    ).id;
    const item = (
      (await admin
        .sobject('Handover_Item__c')
        .create({ Name: 'Runbook', Checklist__c: checklist, Mandatory__c: true })) as {
        id: string;
      }
    ).id;
    const userId = org.org.userId;
    const signOff = (phase: string): Promise<string> =>
      outcome(
        admin.sobject('Handover_Checklist__c').update({
          Id: checklist,
          Phase__c: phase,
          Signed_Off_By__c: userId,
          Signed_Off_On__c: '2026-03-02'
        })
      );
    expect(await signOff('Signed Off')).toMatch(/Mandatory items are still open/);
    expect(await signOff('Signed Off with Reservations')).toMatch(/Mandatory items are still open/);
    expect(await outcome(admin.sobject('Handover_Item__c').update({ Id: item, Reservation__c: true }))).toMatch(
      /A reservation needs an Owner and a Due Date/
    );
    await admin
      .sobject('Handover_Item__c')
      .update({ Id: item, Reservation__c: true, Item_Owner__c: userId, Due_Date__c: '2026-04-30' });
    const rollups = (await admin.sobject('Handover_Checklist__c').retrieve(checklist)) as unknown as Row;
    expect(rollups).toMatchObject({ Mandatory_Open__c: 1, Mandatory_Unreserved_Open__c: 0, Reservations_Open__c: 1 });
    expect(await signOff('Signed Off')).toMatch(/Mandatory items are still open/);
    expect(await signOff('Signed Off with Reservations')).toBe('OK');
    // A contract gated by a checklist signed off with reservations may be activated.
    const gated = (
      (await admin.sobject('Maintenance_Contract__c').create({
        Name: 'TMA Atlas',
        Account__c: ids.breton,
        Status__c: 'Signed',
        Start_Date__c: '2026-08-07',
        End_Date__c: '2029-08-06',
        Handover_Checklist__c: checklist
      })) as { id: string }
    ).id;
    expect(await outcome(admin.sobject('Maintenance_Contract__c').update({ Id: gated, Status__c: 'Active' }))).toBe(
      'OK'
    );
  });
});

describe('who may do what on the transition desk', () => {
  async function connectionOf(permissionSet: string): Promise<Connection> {
    const user = await createUserWithPermissionSets(await org.conn(), {
      username: `${permissionSet.toLowerCase()}@transition-desk.test`,
      permissionSets: [permissionSet]
    });
    const token = (await (
      await fetch(`${org.org.instanceUrl}/services/oauth2/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'password', username: user.username, password: user.password })
      })
    ).json()) as { access_token: string };
    return new Connection({ instanceUrl: org.org.instanceUrl, accessToken: token.access_token, version: '62.0' });
  }

  const newTransition = (conn: Connection): Promise<string> =>
    outcome(
      conn
        .sobject('Maintenance_Transition__c')
        .create({ Name: 'X', Account__c: ids.breton, Go_Live_Date__c: '2026-09-01' })
    );
  const newAmendment = (conn: Connection): Promise<string> =>
    outcome(
      conn.sobject('Contract_Amendment__c').create({
        Contract__c: ids.contract,
        Account__c: ids.breton,
        Effective_Date__c: '2026-05-01',
        Reason__c: 'Renewal',
        Budget_Days_Change__c: 1
      })
    );
  const newEffort = (conn: Connection): Promise<string> =>
    outcome(conn.sobject('Effort_Entry__c').create(effort({ Days__c: 0.5 })));

  it('Viewer reads the desk and writes nothing', async () => {
    const viewer = await connectionOf('Maintenance_Viewer');
    expect((await viewer.query('SELECT Id FROM Effort_Entry__c')).totalSize).toBeGreaterThan(0);
    expect((await viewer.query('SELECT Id, New_Monthly_Fee__c FROM Contract_Amendment__c')).totalSize).toBeGreaterThan(
      0
    );
    for (const write of [newEffort(viewer), newAmendment(viewer), newTransition(viewer)]) {
      expect(await write).toMatch(/INSUFFICIENT_ACCESS|insufficient access/i);
    }
  });

  /** The decision on an undecided transition of Breton: the option, the day, the successor. */
  const decide = async (conn: Connection): Promise<string> => {
    const created = (await admin
      .sobject('Maintenance_Transition__c')
      .create({ Name: 'To decide', Account__c: ids.breton, Go_Live_Date__c: '2026-10-01' })) as { id: string };
    return outcome(
      conn.sobject('Maintenance_Transition__c').update({
        Id: created.id,
        Option_Chosen__c: 'New_TMA',
        Decision_Date__c: '2026-04-01',
        Successor_Contract__c: ids.contract
      })
    );
  };

  it('Support logs effort, reads transitions and amendments without their money, and neither decides nor amends', async () => {
    const support = await connectionOf('Maintenance_Support');
    expect(await newEffort(support)).toBe('OK');
    expect(await decide(support)).toMatch(/INSUFFICIENT_ACCESS|insufficient access/i);
    expect(await newAmendment(support)).toMatch(/INSUFFICIENT_ACCESS|insufficient access/i);
    expect(await newTransition(support)).toMatch(/INSUFFICIENT_ACCESS|insufficient access/i);
    expect(await outcome(support.query('SELECT New_Monthly_Fee__c FROM Contract_Amendment__c'))).toMatch(
      /INVALID_FIELD/
    );
    expect(await outcome(support.query('SELECT Monthly_Spend_Alert__c FROM Maintenance_Contract__c'))).toMatch(
      /INVALID_FIELD/
    );
  });

  it('Manager decides and amends', async () => {
    const manager = await connectionOf('Maintenance_Manager');
    expect(await newTransition(manager)).toBe('OK');
    expect(await decide(manager)).toBe('OK');
    expect(await newAmendment(manager)).toBe('OK');
    expect(await newEffort(manager)).toBe('OK');
  });
});
