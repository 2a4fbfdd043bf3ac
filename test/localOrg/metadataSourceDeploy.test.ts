/**
 * The real client path: source-deploy-retrieve converts this project's force-app and deploys it over SOAP to a
 * running local org, exactly as `sf project deploy start` does, through a @salesforce/core Connection.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthInfo, Connection } from '@salesforce/core';
import { ComponentSet, ComponentStatus, type DeployResult } from '@salesforce/source-deploy-retrieve';
import { startLocalOrg, stopLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';

let org: LocalOrg;
let dir: string;
let conn: Connection;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'md-sdr-'));
  org = await startLocalOrg({ dataDir: join(dir, 'org'), writeServerFile: false });
  const authInfo = await AuthInfo.create({
    accessTokenOptions: { accessToken: org.accessToken, instanceUrl: org.instanceUrl, loginUrl: org.instanceUrl }
  });
  conn = await Connection.create({ authInfo });
}, 60_000);
afterAll(async () => {
  await stopLocalOrg(org);
  rmSync(dir, { recursive: true, force: true });
});

async function deploy(path: string, checkOnly = false): Promise<DeployResult> {
  const operation = await ComponentSet.fromSource(path).deploy({
    usernameOrConnection: conn,
    apiOptions: { checkOnly }
  });
  return operation.pollStatus(100, 120);
}

describe('deploying force-app with source-deploy-retrieve', () => {
  it('validates with checkOnly and changes nothing', async () => {
    const result = await deploy('force-app', true);
    expect(result.response).toMatchObject({
      status: 'Succeeded',
      success: true,
      checkOnly: true,
      numberComponentErrors: 0
    });
    expect(result.getFileResponses().filter((f) => f.state === ComponentStatus.Failed)).toEqual([]);
    expect(org.store.getObject('Maintenance_Contract__c')).toBeUndefined();
  }, 120_000);

  it('deploys for real: the schema answers describe and the custom metadata answers SOQL', async () => {
    const result = await deploy('force-app');
    expect(result.response).toMatchObject({ status: 'Succeeded', success: true, numberComponentErrors: 0 });
    const states = new Set(result.getFileResponses().map((f) => f.state));
    expect([...states]).toEqual([ComponentStatus.Created]);
    const describe = await conn.describe('Maintenance_Contract__c');
    const budgetAmount = describe.fields.find((f) => f.name === 'Budget_Amount__c');
    expect(budgetAmount).toMatchObject({ type: 'currency', calculated: true, updateable: false });
    expect(describe.fields.find((f) => f.name === 'Status__c')?.picklistValues?.map((v) => v.value)).toEqual([
      'Draft',
      'Signed',
      'Active',
      'Suspended',
      'Expired',
      'Terminated'
    ]);
    const tiers = await conn.query<{ DeveloperName: string; P1_Response_Minutes__c: number }>(
      'SELECT DeveloperName, P1_Response_Minutes__c FROM SLA_Template__mdt ORDER BY DeveloperName'
    );
    expect(tiers.records.map((r) => r.DeveloperName)).toEqual(['Critical', 'Premium', 'Standard']);
    expect(tiers.records.find((r) => r.DeveloperName === 'Standard')?.P1_Response_Minutes__c).toBe(15);
    // Objects with enableHistory get their history object, listing the fields marked trackHistory.
    const history = await conn.describe('Maintenance_Incident__History');
    expect(history.fields.find((f) => f.name === 'Field')?.picklistValues?.map((v) => v.value)).toContain('Status__c');
  }, 120_000);

  it('redeploys unchanged metadata as Unchanged', async () => {
    const generation = org.store.schemaGeneration;
    const result = await deploy('force-app');
    expect(result.response.success).toBe(true);
    expect([...new Set(result.getFileResponses().map((f) => f.state))]).toEqual([ComponentStatus.Unchanged]);
    expect(org.store.schemaGeneration).toBe(generation);
  }, 120_000);

  it('a broken field fails with its file, problem and line, and nothing of the deploy is applied', async () => {
    const project = join(dir, 'broken');
    cpSync('force-app', join(project, 'force-app'), { recursive: true });
    const fields = join(project, 'force-app/main/default/objects/Maintenance_Contract__c/fields');
    const budgetFile = join(fields, 'Budget_Amount__c.field-meta.xml');
    writeFileSync(
      budgetFile,
      readFileSync(budgetFile, 'utf8').replace('Budget_Days__c * Daily_Rate__c', 'Budget_Dayz__c * Daily_Rate__c')
    );
    // A valid new field in the same deploy must be rolled back with the rest.
    writeFileSync(
      join(fields, 'Renewal_Note__c.field-meta.xml'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
        '  <fullName>Renewal_Note__c</fullName>\n  <label>Renewal Note</label>\n  <length>80</length>\n  <type>Text</type>\n</CustomField>\n'
    );
    const result = await deploy(join(project, 'force-app'));
    expect(result.response).toMatchObject({ status: 'Failed', success: false, numberComponentErrors: 1 });
    const failures = result.getFileResponses().filter((f) => f.state === ComponentStatus.Failed);
    expect(failures).toEqual([
      expect.objectContaining({
        fullName: 'Maintenance_Contract__c.Budget_Amount__c',
        type: 'CustomField',
        error: 'Field Budget_Dayz__c does not exist. Check spelling.',
        problemType: 'Error',
        filePath: expect.stringMatching(/fields\/Budget_Amount__c\.field-meta\.xml$/)
      })
    ]);
    const details = result.response.details.componentFailures;
    const failure = Array.isArray(details) ? details[0] : details;
    expect(failure).toMatchObject({
      fileName: 'objects/Maintenance_Contract__c.object',
      lineNumber: expect.any(Number)
    });
    const contract = org.store.getObject('Maintenance_Contract__c')!;
    expect(contract.fields.find((f) => f.name === 'Renewal_Note__c')).toBeUndefined();
    expect(contract.fields.find((f) => f.name === 'Budget_Amount__c')?.formula).toBe('Budget_Days__c * Daily_Rate__c');
  }, 120_000);
});
