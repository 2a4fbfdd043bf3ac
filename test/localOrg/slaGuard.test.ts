/**
 * The org holds the SLA line by itself: force-app deployed to a local org with source-deploy-retrieve, real users
 * holding the package's permission sets log in through jsforce and write incidents as the components would. A
 * Maintenance Support user cannot insert a covered incident without its due times, clear or move a breach stamp, pause
 * after the restore target or move a due time on its own; the incident stamped by the engine (incidentTransition, as
 * the logger and the seed do) goes through; a Maintenance Manager, holding Maintenance_SLA_Correction, corrects the
 * record, and Maintenance_Incident__History shows who changed what.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthInfo, Connection as CoreConnection } from '@salesforce/core';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import { Connection } from 'jsforce';
import {
  breachStamps,
  contractFromRecord,
  incidentFromRecord,
  incidentTransition,
  type Calendar,
  type Contract
} from '#engine';
import { startLocalOrg, stopLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';

const VERSION = '62.0';
const HOUR = 3_600_000;
/** The contract's clocks run round the clock: due = reported + target, easy to count by hand. */
const ALWAYS_OPEN: Calendar = { timeZone: 'UTC', alwaysOpen: true };

let org: LocalOrg;
let dir: string;
let admin: Connection;
let support: Connection;
let supportId: string;
let manager: Connection;
let managerId: string;
let accountId: string;
let contract: Contract;
let userCount = 0;

type Json = Record<string, unknown>;

interface SaveOutcome {
  errorCode: string;
  message: string;
}

/** 'OK', or the first error of a refused save (jsforce throws for a single record, or answers success: false). */
async function outcomeOf(action: PromiseLike<unknown>): Promise<SaveOutcome> {
  try {
    const result = (await action) as { success?: boolean; errors?: { statusCode?: string; message?: string }[] };
    if (result && result.success === false) {
      return { errorCode: result.errors?.[0]?.statusCode ?? 'UNKNOWN', message: result.errors?.[0]?.message ?? '' };
    }
    return { errorCode: 'OK', message: '' };
  } catch (error) {
    const failure = error as { errorCode?: string; name?: string; message?: string };
    return { errorCode: failure.errorCode ?? failure.name ?? 'UNKNOWN', message: failure.message ?? '' };
  }
}

async function userWith(permissionSets: string[]): Promise<{ conn: Connection; userId: string }> {
  userCount++;
  const username = `sla${userCount}@maintenance-local.test`;
  const profile = await admin.query<{ Id: string }>("SELECT Id FROM Profile WHERE Name = 'Standard User'");
  const created = await admin.sobject('User').create({
    Username: username,
    LastName: `Agent ${userCount}`,
    Alias: `sla${userCount}`,
    Email: username,
    ProfileId: profile.records[0].Id,
    TimeZoneSidKey: 'Europe/Paris',
    LocaleSidKey: 'fr_FR',
    LanguageLocaleKey: 'en_US',
    EmailEncodingKey: 'UTF-8'
  });
  if (!created.success) throw new Error(JSON.stringify(created));
  const password = `Sla-guard-${userCount}-pass`;
  await admin.request({
    method: 'POST',
    url: `/services/data/v${VERSION}/sobjects/User/${created.id}/password`,
    body: JSON.stringify({ NewPassword: password }),
    headers: { 'Content-Type': 'application/json' }
  });
  for (const name of permissionSets) {
    const set = await admin.query<{ Id: string }>(`SELECT Id FROM PermissionSet WHERE Name = '${name}'`);
    const assigned = await admin
      .sobject('PermissionSetAssignment')
      .create({ AssigneeId: created.id, PermissionSetId: set.records[0].Id });
    if (!assigned.success) throw new Error(JSON.stringify(assigned));
  }
  const conn = new Connection({
    oauth2: { loginUrl: org.instanceUrl, clientId: 'local-client', clientSecret: 'local-secret' },
    version: VERSION
  });
  await conn.login(username, password);
  return { conn, userId: created.id };
}

/**
 * The fields the incident logger writes for an incident reported `hoursAgo` hours ago: the engine's create
 * transition on the contract (P2 from High impact x Medium urgency: respond in 30 min, restore in 8 h).
 */
function loggedIncident(subject: string, hoursAgo: number): Json {
  const now = new Date();
  const reportedAt = new Date(now.getTime() - hoursAgo * HOUR);
  const fields = incidentTransition({
    incident: { reportedAt, impact: 'High', urgency: 'Medium' },
    action: 'create',
    contract,
    calendar: ALWAYS_OPEN,
    now
  });
  return { ...fields, Account__c: accountId, Subject__c: subject, Impact__c: 'High', Urgency__c: 'Medium' };
}

/** The fields without the breach stamps: a record written before the stamps existed. */
function withoutStamps(fields: Json): Json {
  return { ...fields, Response_Breached_At__c: null, Resolution_Breached_At__c: null };
}

async function insertAs(conn: Connection, fields: Json): Promise<string> {
  const created = await conn.sobject('Maintenance_Incident__c').create(fields);
  if (!created.success) throw new Error(JSON.stringify(created));
  return created.id;
}

async function read(id: string): Promise<Json> {
  const result = await admin.query<Json>(
    'SELECT Id, Reported_At__c, Priority__c, Impact__c, Urgency__c, Status__c, Paused_Minutes__c, Paused_Since__c, ' +
      'Response_Due__c, Resolution_Due__c, Original_Resolution_Due__c, Response_Breached_At__c, ' +
      'Resolution_Breached_At__c, Resolution_Breached__c, SLA_State__c, Contract__c, Out_Of_Coverage__c ' +
      `FROM Maintenance_Incident__c WHERE Id = '${id}'`
  );
  return result.records[0];
}

/** A date-time as epoch milliseconds (REST answers `+0000` offsets), other values as they are. */
const instant = (value: unknown): number | null => (typeof value === 'string' ? Date.parse(value) : null);
const valueOf = (value: unknown): unknown =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : value;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sla-guard-'));
  org = await startLocalOrg({ dataDir: join(dir, 'org'), writeServerFile: false });
  const authInfo = await AuthInfo.create({
    accessTokenOptions: { accessToken: org.accessToken, instanceUrl: org.instanceUrl, loginUrl: org.instanceUrl }
  });
  const core = await CoreConnection.create({ authInfo });
  const deploy = await ComponentSet.fromSource('force-app').deploy({ usernameOrConnection: core });
  const result = await deploy.pollStatus(100, 120);
  if (!result.response.success) throw new Error('force-app did not deploy');
  admin = new Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: VERSION });
  accountId = (await admin.sobject('Account').create({ Name: 'Breton SA' })).id as string;
  const year = new Date().getUTCFullYear();
  const contractFields = {
    Name: 'TMA Breton',
    Account__c: accountId,
    Status__c: 'Active',
    Start_Date__c: `${year - 1}-01-01`,
    End_Date__c: `${year + 1}-12-31`,
    P1_Response_Minutes__c: 15,
    P1_Resolution_Hours__c: 4,
    P2_Response_Minutes__c: 30,
    P2_Resolution_Hours__c: 8,
    P3_Response_Minutes__c: 60,
    P3_Resolution_Hours__c: 24,
    P4_Response_Minutes__c: 240,
    P4_Resolution_Hours__c: 72
  };
  const contractId = (await admin.sobject('Maintenance_Contract__c').create(contractFields)).id as string;
  contract = contractFromRecord({ ...contractFields, Id: contractId });
  ({ conn: support, userId: supportId } = await userWith(['Maintenance_Support']));
  ({ conn: manager, userId: managerId } = await userWith(['Maintenance_Manager']));
}, 180_000);

afterAll(async () => {
  await stopLocalOrg(org);
  rmSync(dir, { recursive: true, force: true });
});

describe('the SLA guard rules, for a Maintenance Support user', () => {
  it('refuse a covered incident without due times, saying how to create one; the engine-stamped one goes in', async () => {
    const logged = loggedIncident('Export fails', 1);
    const bare = { ...logged, Response_Due__c: null, Resolution_Due__c: null, Original_Resolution_Due__c: null };
    const refused = await outcomeOf(support.sobject('Maintenance_Incident__c').create(bare));
    expect(refused.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(refused.message).toContain('sf maintenance incident import');
    expect(refused.message).toContain('Log Maintenance Incident');
    // Only the response due missing is refused too.
    expect(
      (await outcomeOf(support.sobject('Maintenance_Incident__c').create({ ...logged, Response_Due__c: null })))
        .errorCode
    ).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    // Out of coverage, nothing to stamp.
    expect(
      (await outcomeOf(support.sobject('Maintenance_Incident__c').create({ ...bare, Out_Of_Coverage__c: true })))
        .errorCode
    ).toBe('OK');
    const id = await insertAs(support, logged);
    const stored = await read(id);
    // Reported an hour ago, P2 on a round-the-clock calendar: due 30 min and 8 h after the report.
    expect(stored.Priority__c).toBe('P2');
    expect(instant(stored.Response_Due__c)! - instant(stored.Reported_At__c)!).toBe(0.5 * HOUR);
    expect(instant(stored.Resolution_Due__c)! - instant(stored.Reported_At__c)!).toBe(8 * HOUR);
    expect(stored.SLA_State__c).toBe('Response Breached');
  });

  it('refuse clearing or moving a breach stamp once set', async () => {
    // Reported 9 h ago: the 8 h restore target passed an hour ago, and shows before anything stamps it.
    // Reported 9 h ago: the 8 h restore target passed an hour ago. The logger stamps it at once; a record written
    // without the stamps (before they existed) shows the breach all the same, until sla recompute stamps it.
    const logged = loggedIncident('Invoices stuck', 9);
    expect(logged.Resolution_Breached_At__c).toBe(logged.Resolution_Due__c);
    const id = await insertAs(support, withoutStamps(logged));
    const stored = await read(id);
    expect([stored.Resolution_Breached_At__c, stored.Resolution_Breached__c, stored.SLA_State__c]).toEqual([
      null,
      true,
      'Breached'
    ]);
    const stamps = breachStamps({
      incident: incidentFromRecord(stored),
      contract,
      calendar: ALWAYS_OPEN,
      now: new Date()
    });
    const stamp = stamps.Resolution_Breached_At__c as string;
    expect(instant(stamp)).toBe(instant(stored.Resolution_Due__c));
    const incidents = support.sobject('Maintenance_Incident__c');
    expect((await outcomeOf(incidents.update({ Id: id, ...stamps }))).errorCode).toBe('OK');
    const cleared = await outcomeOf(incidents.update({ Id: id, Resolution_Breached_At__c: null }));
    expect(cleared.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(cleared.message).toMatch(/^A breach stamp .* cannot be cleared or moved once set\./);
    const moved = new Date(instant(stamp)! + HOUR).toISOString();
    expect((await outcomeOf(incidents.update({ Id: id, Resolution_Breached_At__c: moved }))).errorCode).toBe(
      'FIELD_CUSTOM_VALIDATION_EXCEPTION'
    );
    expect(instant((await read(id)).Resolution_Breached_At__c)).toBe(instant(stamp));
  });

  it('refuse a pause once the restore target has passed, backdated or with the target moved in the same save', async () => {
    const id = await insertAs(support, loggedIncident('Batch late', 9));
    const incidents = support.sobject('Maintenance_Incident__c');
    // Work starts (a pause starts from In Progress): the engine's start, written as the list's row action does.
    const started = incidentTransition({
      incident: incidentFromRecord(await read(id)),
      action: 'start',
      contract,
      calendar: ALWAYS_OPEN,
      now: new Date()
    });
    expect((await outcomeOf(incidents.update({ Id: id, ...started }))).errorCode).toBe('OK');
    const stored = await read(id);
    const pause = {
      Id: id,
      Status__c: 'Waiting on Customer',
      Paused_Since__c: new Date().toISOString(),
      Pause_Reason__c: 'Waiting for customer information'
    };
    // The components ask the engine first, which refuses the same pause; the org refuses the write they would skip.
    expect(() =>
      incidentTransition({
        incident: incidentFromRecord(stored),
        action: 'wait',
        pauseReason: 'Waiting for customer information',
        contract,
        calendar: ALWAYS_OPEN,
        now: new Date()
      })
    ).toThrow(/^Cannot wait on the customer: the restore target \(GTR\) passed at/);
    const refused = await outcomeOf(incidents.update(pause));
    expect(refused.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(refused.message).toMatch(/^Cannot wait on the customer: the restore target \(Resolution Due\)/);
    const beforeDue = new Date(instant(stored.Resolution_Due__c)! - HOUR).toISOString();
    // Two rules refuse it: the restore target had passed, and the pause is dated an hour back.
    expect((await outcomeOf(incidents.update({ ...pause, Paused_Since__c: beforeDue }))).errorCode).toBe(
      'MULTIPLE_API_ERRORS'
    );
    const later = new Date(Date.now() + 24 * HOUR).toISOString();
    expect((await outcomeOf(incidents.update({ ...pause, Resolution_Due__c: later }))).errorCode).toBe(
      'FIELD_CUSTOM_VALIDATION_EXCEPTION'
    );
    expect((await read(id)).Status__c).toBe('In Progress');
    // Before its restore target an incident pauses; its response target (30 min) passed unanswered, so the state
    // reads the breach through the pause.
    const early = await insertAs(support, loggedIncident('Slow search', 1));
    expect((await outcomeOf(incidents.update({ ...pause, Id: early }))).errorCode).toBe('OK');
    expect((await read(early)).SLA_State__c).toBe('Breached (paused)');
  });

  it('refuse a due time moved without a priority, status or paused-minutes change; the reprioritisation goes in', async () => {
    const id = await insertAs(support, loggedIncident('Report totals wrong', 2));
    const stored = await read(id);
    const incidents = support.sobject('Maintenance_Incident__c');
    const later = new Date(instant(stored.Resolution_Due__c)! + 24 * HOUR).toISOString();
    const refused = await outcomeOf(incidents.update({ Id: id, Resolution_Due__c: later }));
    expect(refused.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(refused.message).toMatch(/^The due times .* only change with the priority, the status or the paused/);
    expect(instant((await read(id)).Resolution_Due__c)).toBe(instant(stored.Resolution_Due__c));
    // Low x Low is P4: restore in 72 h from the report, written with the new priority.
    const fields = incidentTransition({
      incident: incidentFromRecord(stored),
      action: 'reprioritize',
      impact: 'Low',
      urgency: 'Low',
      contract,
      calendar: ALWAYS_OPEN,
      now: new Date()
    });
    expect(fields.Priority__c).toBe('P4');
    expect(
      (await outcomeOf(incidents.update({ Id: id, ...fields, Impact__c: 'Low', Urgency__c: 'Low' }))).errorCode
    ).toBe('OK');
    const after = await read(id);
    expect(instant(after.Resolution_Due__c)! - instant(after.Reported_At__c)!).toBe(72 * HOUR);
  });

  it('refuse cancelling an incident that has breached; one on track is cancelled, a manager cancels a duplicate', async () => {
    const cancel = async (id: string): Promise<Json> =>
      incidentTransition({
        incident: incidentFromRecord(await read(id)),
        action: 'cancel',
        contract,
        calendar: ALWAYS_OPEN,
        now: new Date()
      });
    // Reported an hour ago, unanswered: its 30-minute response target (GTI) has passed.
    const breached = await insertAs(support, loggedIncident('Mail relay down', 1));
    const refused = await outcomeOf(
      support.sobject('Maintenance_Incident__c').update({ Id: breached, ...(await cancel(breached)) })
    );
    expect(refused.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(refused.message).toMatch(/^This incident has breached its SLA: cancelling it would take the breach out/);
    expect((await read(breached)).Status__c).toBe('New');
    // Reported just now: nothing has breached, a mistaken incident is cancelled.
    const fresh = await insertAs(support, loggedIncident('Logged twice', 0));
    expect(
      (await outcomeOf(support.sobject('Maintenance_Incident__c').update({ Id: fresh, ...(await cancel(fresh)) })))
        .errorCode
    ).toBe('OK');
    expect((await read(fresh)).Status__c).toBe('Cancelled');
    const corrected = manager.sobject('Maintenance_Incident__c').update({ Id: breached, ...(await cancel(breached)) });
    expect((await outcomeOf(corrected)).errorCode).toBe('OK');
  });

  it('refuse a response backdated into its target and a report time moved; the engine acknowledgement goes in', async () => {
    // Reported an hour ago, unanswered: the 30-minute response target passed half an hour ago.
    const id = await insertAs(support, loggedIncident('Search returns nothing', 1));
    const stored = await read(id);
    const incidents = support.sobject('Maintenance_Incident__c');
    const inTime = new Date(instant(stored.Reported_At__c)! + 10 * 60_000).toISOString();
    const backdated = await outcomeOf(incidents.update({ Id: id, Status__c: 'Acknowledged', Responded_At__c: inTime }));
    expect(backdated.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(backdated.message).toMatch(/^Responded At and Resolved At stop the SLA clocks when they are saved/);
    const later = new Date(instant(stored.Reported_At__c)! + HOUR).toISOString();
    const moved = await outcomeOf(incidents.update({ Id: id, Reported_At__c: later }));
    expect(moved.message).toMatch(/^Reported At starts the SLA clocks/);
    const acknowledged = incidentTransition({
      incident: incidentFromRecord(stored),
      action: 'acknowledge',
      contract,
      calendar: ALWAYS_OPEN,
      now: new Date()
    });
    expect((await outcomeOf(incidents.update({ Id: id, ...acknowledged }))).errorCode).toBe('OK');
    expect((await read(id)).SLA_State__c).toBe('Response Breached');
  });

  it('refuse moving an incident to another contract or out of coverage once logged', async () => {
    const id = await insertAs(support, loggedIncident('Login loops', 1));
    const other = await admin.sobject('Maintenance_Contract__c').create({
      Name: 'TMA Breton (no SLA)',
      Account__c: accountId,
      Status__c: 'Active',
      Start_Date__c: `${new Date().getUTCFullYear() - 1}-01-01`,
      End_Date__c: `${new Date().getUTCFullYear() + 1}-12-31`
    });
    const incidents = support.sobject('Maintenance_Incident__c');
    const moved = await outcomeOf(incidents.update({ Id: id, Contract__c: other.id }));
    expect(moved.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(moved.message).toMatch(/^The contract and the coverage \(Out Of Coverage\) of an incident are set when/);
    expect((await outcomeOf(incidents.update({ Id: id, Out_Of_Coverage__c: true }))).errorCode).toBe(
      'FIELD_CUSTOM_VALIDATION_EXCEPTION'
    );
    const stored = await read(id);
    expect([stored.Contract__c, stored.Out_Of_Coverage__c]).toEqual([contract.id, false]);
    expect((await outcomeOf(incidents.update({ Id: id, Subject__c: 'Login loops on Safari' }))).errorCode).toBe('OK');
  });

  it('refuse a backdated pause and paused minutes no pause accounts for; the engine wait and resume go in', async () => {
    const id = await insertAs(support, loggedIncident('Slow exports', 1));
    const incidents = support.sobject('Maintenance_Incident__c');
    const step = async (action: 'start' | 'wait' | 'resume'): Promise<Json> =>
      incidentTransition({
        incident: incidentFromRecord(await read(id)),
        action,
        pauseReason: action === 'wait' ? 'Waiting for customer information' : undefined,
        contract,
        calendar: ALWAYS_OPEN,
        now: new Date()
      });
    expect((await outcomeOf(incidents.update({ Id: id, ...(await step('start')) }))).errorCode).toBe('OK');
    const wait = await step('wait');
    // The same pause, said to have started two hours ago while the restore target is still ahead.
    const backdated = new Date(Date.now() - 2 * HOUR).toISOString();
    const refused = await outcomeOf(incidents.update({ Id: id, ...wait, Paused_Since__c: backdated }));
    expect(refused.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(refused.message).toMatch(/^A pause starts when it is saved/);
    expect((await outcomeOf(incidents.update({ Id: id, ...wait }))).errorCode).toBe('OK');
    // Resumed seconds later, with eight hours of pause claimed to push the restore target past any breach.
    const resume = await step('resume');
    const inflated = {
      ...resume,
      Paused_Minutes__c: 480,
      Resolution_Due__c: new Date(instant(resume.Resolution_Due__c)! + 8 * HOUR).toISOString()
    };
    const claimed = await outcomeOf(incidents.update({ Id: id, ...inflated }));
    expect(claimed.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(claimed.message).toMatch(/^Paused Minutes grow only when a pause ends/);
    expect((await outcomeOf(incidents.update({ Id: id, ...resume }))).errorCode).toBe('OK');
    const after = await read(id);
    expect([after.Status__c, after.Paused_Since__c, after.Paused_Minutes__c]).toEqual(['In Progress', null, 0]);
  });
});

describe('a Maintenance Manager, holding Maintenance_SLA_Correction', () => {
  it('corrects what Support cannot, and the history shows who changed what', async () => {
    const id = await insertAs(support, withoutStamps(loggedIncident('Portal down', 9)));
    const stored = await read(id);
    const stamp = stored.Resolution_Due__c as string;
    const stamps = breachStamps({
      incident: incidentFromRecord(stored),
      contract,
      calendar: ALWAYS_OPEN,
      now: new Date()
    });
    expect(stamps.Resolution_Breached_At__c).toBe(new Date(stamp).toISOString());
    await support
      .sobject('Maintenance_Incident__c')
      .update({ Id: id, Resolution_Breached_At__c: stamps.Resolution_Breached_At__c });
    const incidents = manager.sobject('Maintenance_Incident__c');
    const corrected = new Date(instant(stamp)! + 2 * HOUR).toISOString();
    expect((await outcomeOf(incidents.update({ Id: id, Resolution_Due__c: corrected }))).errorCode).toBe('OK');
    expect((await outcomeOf(incidents.update({ Id: id, Resolution_Breached_At__c: null }))).errorCode).toBe('OK');
    const pause = { Id: id, Status__c: 'Waiting on Customer', Paused_Since__c: new Date().toISOString() };
    expect((await outcomeOf(incidents.update(pause))).errorCode).toBe('OK');
    const bare = { ...loggedIncident('Typed by hand', 1), Response_Due__c: null, Resolution_Due__c: null };
    expect((await outcomeOf(incidents.create({ ...bare, Original_Resolution_Due__c: null }))).errorCode).toBe('OK');

    const history = await manager.query<{
      Field: string;
      OldValue: unknown;
      NewValue: unknown;
      CreatedById: string;
      CreatedDate: string;
    }>(
      'SELECT Field, OldValue, NewValue, CreatedById, CreatedDate FROM Maintenance_Incident__History ' +
        `WHERE ParentId = '${id}' ORDER BY CreatedDate, Id`
    );
    const rows = history.records.map((row) => ({
      field: row.Field,
      old: valueOf(row.OldValue),
      new: valueOf(row.NewValue),
      by: row.CreatedById === supportId ? 'support' : row.CreatedById === managerId ? 'manager' : row.CreatedById
    }));
    expect(rows).toEqual([
      { field: 'created', old: null, new: null, by: 'support' },
      { field: 'Resolution_Breached_At__c', old: null, new: instant(stamp), by: 'support' },
      { field: 'Resolution_Due__c', old: instant(stamp), new: instant(corrected), by: 'manager' },
      { field: 'Resolution_Breached_At__c', old: instant(stamp), new: null, by: 'manager' },
      // One save, one row per tracked field, in the object's field order.
      { field: 'Paused_Since__c', old: null, new: instant(pause.Paused_Since__c), by: 'manager' },
      { field: 'Status__c', old: 'New', new: 'Waiting on Customer', by: 'manager' }
    ]);
    for (const row of history.records) expect(typeof row.CreatedDate).toBe('string');
    // A backdated pause, paused minutes and the coverage are corrections a manager may make too.
    expect((await outcomeOf(incidents.update({ Id: id, Paused_Since__c: stored.Reported_At__c }))).errorCode).toBe(
      'OK'
    );
    expect((await outcomeOf(incidents.update({ Id: id, Paused_Minutes__c: 600 }))).errorCode).toBe('OK');
    expect((await outcomeOf(incidents.update({ Id: id, Out_Of_Coverage__c: true }))).errorCode).toBe('OK');
  });
});
