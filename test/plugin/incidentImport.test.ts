/**
 * `sf maintenance incident import` against a local org started by the test, with the package deployed and a few
 * accounts and one contract made here: good rows stamped as the logger would (due times and breach stamps counted by
 * hand on the Paris calendar, Mon-Fri 09:00-18:00, CET = UTC+1 in March 2026), bad rows listed with what is wrong,
 * and a rerun that creates nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { slaTemplateToContractFields } from '#engine';
import Deploy, { type DeployResult } from '../../src/commands/maintenance/deploy.js';
import IncidentImport, { type IncidentImportResult } from '../../src/commands/maintenance/incident/import.js';
import { readCustomMetadata } from '../../src/seed/customMetadata.js';
import { isolateSfHome, runCommand, runScript, startTestOrg, tempDir, type TestOrg } from './pluginFixtures.js';

const sandbox = isolateSfHome();
let org: TestOrg;
const dir = tempDir('incident-import-');
const file = join(dir, 'incidents.csv');

const HEADER =
  'External Id,Subject,Account,Impact,Urgency,Reported At,Status,Responded At,Paused Since,Pause Reason,Resolved At,Closed At,Description';
const ROWS = [
  // Row 2, good. P3 (Medium x Medium: 1 h / 24 business hours) reported Mon 2 March 10:00 CET: response due 11:00 CET;
  // restore: Mon 10:00-18:00 8 h, Tue 9 h (17 h), Wed 09:00 + 7 h = 16:00 CET. New, so open: both passed long ago.
  'IMP-1,Login page down,Import Client SA,Medium,Medium,2026-03-02T10:00:00+01:00,,,,,,,"Users see a blank page, then an error"',
  // Row 3, good, by AccountNumber. P2 (High x Medium: 30 min / 8 h) reported Tue 3 March 09:00 CET: response due 09:30
  // CET, responded 09:45 CET (breached, stamp 08:30Z); restore due 17:00 CET, resolved 16:00 CET (met), closed.
  'IMP-2,Invoices stuck,IMP-001,High,Medium,2026-03-03T08:00:00Z,Closed,2026-03-03T08:45:00Z,,,2026-03-03T15:00:00Z,2026-03-04T09:00:00Z,',
  // Row 4, good. P4 (Low x Low: 4 h / 72 h) reported Thu 5 March 10:00 CET, responded 11:00 CET (due 14:00 CET, met);
  // restore 72 h = 8 business days: Thu 8 h, Fri 17, Mon 26, Tue 35, Wed 44, Thu 53, Fri 13th 62, Mon 16th 71, Tue 17
  // March 10:00 CET = 09:00Z. Still In Progress: the restore stamp is that due.
  'IMP-3,Report slow,Import Client SA,Low,Low,2026-03-05T09:00:00Z,In Progress,2026-03-05T10:00:00Z,,,,,',
  // Row 5, good: an account without a contract, so out of coverage and no due times.
  'IMP-4,Question on export,Uncovered Ltd,Low,Medium,2026-03-02T09:00:00Z,,,,,,,',
  // Row 6, bad: the same P3 as row 2, paused on Thu 5 March after its restore target (Wed 4 March 15:00Z).
  'IMP-5,Batch failed,Import Client SA,Medium,Medium,2026-03-02T09:00:00Z,Waiting on Customer,2026-03-02T09:30:00Z,2026-03-05T09:00:00Z,Waiting for customer information,,,',
  // Row 7, bad three ways.
  'IMP-6,Unknown,Nobody Inc,Huge,Low,2026-03-02 10:00,,,,,,,',
  // Row 8, bad: the external id of row 3 again.
  'IMP-2,Duplicate,Import Client SA,Low,Low,2026-03-02T09:00:00Z,,,,,,,',
  // Row 9, bad: two accounts bear this name.
  'IMP-7,Which one,Twin Corp,Low,Low,2026-03-02T09:00:00Z,,,,,,,',
  // Row 10, bad: resolved without its instant.
  'IMP-8,Fixed,Import Client SA,Low,Low,2026-03-02T09:00:00Z,Resolved,,,,,,'
];

let contractId = '';

beforeAll(async () => {
  writeFileSync(file, [HEADER, ...ROWS].join('\n') + '\n');
  org = await startTestOrg('plugin-import');
  const deployed = await runCommand<DeployResult>(Deploy, ['-o', 'plugin-import']);
  if (deployed.error) throw new Error(`deploy failed: ${deployed.error.message}`);
  const conn = await org.conn();
  const accounts = (await conn
    .sobject('Account')
    .create(
      [
        { Name: 'Import Client SA', AccountNumber: 'IMP-001' },
        { Name: 'Uncovered Ltd' },
        { Name: 'Twin Corp' },
        { Name: 'Twin Corp' }
      ] as never,
      { allOrNone: true }
    )) as unknown as { id: string }[];
  const standard = readCustomMetadata('SLA_Template').find((record) => record.DeveloperName === 'Standard');
  const contract = (await conn.sobject('Maintenance_Contract__c').create({
    Account__c: accounts[0].id,
    Name: 'TMA 2026',
    Status__c: 'Signed',
    Contract_Type__c: 'TMA',
    Start_Date__c: '2026-01-01',
    End_Date__c: '2027-12-31',
    ...slaTemplateToContractFields(standard ?? {})
  } as never)) as unknown as { id: string };
  contractId = contract.id;
}, 240_000);

afterAll(async () => {
  await org?.stop();
  rmSync(dir, { recursive: true, force: true });
  sandbox.restore();
});

async function incidents(): Promise<Record<string, Record<string, unknown>>> {
  const conn = await org.conn();
  const rows = await conn.query<Record<string, unknown>>(
    'SELECT External_Id__c, Priority__c, Status__c, Contract__c, Out_Of_Coverage__c, Response_Due__c, Resolution_Due__c, ' +
      'Original_Resolution_Due__c, Responded_At__c, Resolved_At__c, Closed_At__c, Response_Breached_At__c, ' +
      'Resolution_Breached_At__c, Description__c FROM Maintenance_Incident__c'
  );
  return Object.fromEntries(rows.records.map((row) => [String(row.External_Id__c), row]));
}

/** The org's date-times (`2026-03-02T10:00:00.000+0000`) as ISO instants. */
function iso(value: unknown): string | null {
  return typeof value === 'string' ? new Date(value.replace(/\+0000$/, 'Z')).toISOString() : null;
}

describe('sf maintenance incident import', () => {
  it('with --dry-run checks every row, stamps the good ones and writes nothing', async () => {
    const { result, error } = await runCommand<IncidentImportResult>(IncidentImport, [
      '-o',
      'plugin-import',
      '--file',
      file,
      '--dry-run'
    ]);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ rows: 9, valid: 4, created: 0, updated: 0 });
    expect(result?.rejected.map((row) => row.row)).toEqual([6, 7, 8, 9, 10]);
    expect(Object.keys(await incidents())).toEqual([]);
  });

  it('loads the good rows stamped as the logger would and lists the bad ones with what is wrong', async () => {
    const { result, error } = await runCommand<IncidentImportResult>(IncidentImport, [
      '-o',
      'plugin-import',
      '-f',
      file
    ]);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ rows: 9, valid: 4, created: 4, updated: 0, failed: [], api: 'collections' });
    expect(result?.rejected).toEqual([
      {
        row: 6,
        externalId: 'IMP-5',
        error: expect.stringMatching(
          /^Cannot wait on the customer: the restore target \(GTR\) passed at 2026-03-04T15:00:00\.000Z/
        ) as unknown as string
      },
      {
        row: 7,
        externalId: 'IMP-6',
        error:
          'no account is named, numbered or identified "Nobody Inc"; impact "Huge" is not one of High, Medium, Low; ' +
          'reported at "2026-03-02 10:00" is not a date and time with its offset, such as 2026-03-02T10:15:00+01:00'
      },
      { row: 8, externalId: 'IMP-2', error: 'external id "IMP-2" is already on row 3' },
      {
        row: 9,
        externalId: 'IMP-7',
        error: 'several accounts are named "Twin Corp": give its account number or id'
      },
      { row: 10, externalId: 'IMP-8', error: 'resolved at is blank, and a Resolved incident needs it' }
    ]);
    const byKey = await incidents();
    expect(Object.keys(byKey).sort()).toEqual(['IMP-1', 'IMP-2', 'IMP-3', 'IMP-4']);
    const one = byKey['IMP-1'];
    expect([one.Priority__c, one.Status__c, one.Contract__c, one.Description__c]).toEqual([
      'P3',
      'New',
      contractId,
      'Users see a blank page, then an error'
    ]);
    expect([iso(one.Response_Due__c), iso(one.Resolution_Due__c), iso(one.Original_Resolution_Due__c)]).toEqual([
      '2026-03-02T10:00:00.000Z',
      '2026-03-04T15:00:00.000Z',
      '2026-03-04T15:00:00.000Z'
    ]);
    // Open since March: both clocks passed, stamped at their due.
    expect([iso(one.Response_Breached_At__c), iso(one.Resolution_Breached_At__c)]).toEqual([
      '2026-03-02T10:00:00.000Z',
      '2026-03-04T15:00:00.000Z'
    ]);
    const two = byKey['IMP-2'];
    expect([two.Priority__c, two.Status__c]).toEqual(['P2', 'Closed']);
    expect([iso(two.Response_Due__c), iso(two.Resolution_Due__c)]).toEqual([
      '2026-03-03T08:30:00.000Z',
      '2026-03-03T16:00:00.000Z'
    ]);
    expect([iso(two.Responded_At__c), iso(two.Resolved_At__c), iso(two.Closed_At__c)]).toEqual([
      '2026-03-03T08:45:00.000Z',
      '2026-03-03T15:00:00.000Z',
      '2026-03-04T09:00:00.000Z'
    ]);
    expect([iso(two.Response_Breached_At__c), two.Resolution_Breached_At__c]).toEqual([
      '2026-03-03T08:30:00.000Z',
      null
    ]);
    const three = byKey['IMP-3'];
    expect([three.Priority__c, three.Status__c, iso(three.Response_Due__c), iso(three.Resolution_Due__c)]).toEqual([
      'P4',
      'In Progress',
      '2026-03-05T13:00:00.000Z',
      '2026-03-17T09:00:00.000Z'
    ]);
    expect([three.Response_Breached_At__c, iso(three.Resolution_Breached_At__c)]).toEqual([
      null,
      '2026-03-17T09:00:00.000Z'
    ]);
    const four = byKey['IMP-4'];
    expect([four.Priority__c, four.Out_Of_Coverage__c, four.Contract__c, four.Response_Due__c]).toEqual([
      'P4',
      true,
      null,
      null
    ]);
  }, 60_000);

  it('creates nothing when run again, updates the same four and exits with code 1 for the rejected rows', async () => {
    const before = await incidents();
    const run = await runScript(join('test', 'plugin', 'runPluginCommand.ts'), [
      'incident-import',
      '-o',
      'plugin-import',
      '--file',
      file,
      '--json'
    ]);
    expect(run.status).toBe(1);
    const output = JSON.parse(run.stdout) as { status: number; result: IncidentImportResult };
    expect(output.status).toBe(1);
    expect(output.result).toMatchObject({ created: 0, updated: 4, valid: 4 });
    expect(output.result.rejected).toHaveLength(5);
    expect(await incidents()).toEqual(before);
  }, 120_000);

  it('refuses a file whose header names unknown columns, before touching the org', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'External Id,Subject,Acount,Impact,Urgency,Reported At\nX,Y,Z,Low,Low,2026-03-02T09:00:00Z\n');
    const { error } = await runCommand(IncidentImport, ['-o', 'plugin-import', '--file', bad]);
    expect(error?.name).toBe('UnknownColumnsError');
    expect(error?.message).toBe('The file has columns the import does not know: Acount.');
  });
});
