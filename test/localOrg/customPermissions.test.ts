/**
 * Custom permissions: the CustomPermission metadata type deployed through jsforce's Metadata API client, permission
 * sets that enable them, `$Permission.<Name>` in validation rules and formula fields evaluated for the running user,
 * the documented SOQL path (CustomPermission, SetupEntityAccess), and the deploy refusing unknown names.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Connection } from 'jsforce';
import { metadataXml, objectXml, packageXml, rule, field, zipOf } from './metadataFixtures.js';
import { startFixtureOrg, type TestOrg } from './orgFixtures.js';

const V = '/services/data/v62.0';
const PERMISSION = 'Maintenance_SLA_Correction';
let test: TestOrg;
let conn: Connection;
let accountId: string;

interface DeployOutcome {
  success: boolean;
  problems: string[];
}

async function deploy(files: Record<string, string>): Promise<DeployOutcome> {
  const zip = Buffer.from(zipOf(files), 'base64');
  const result = await conn.metadata.deploy(zip, { rollbackOnError: true }).complete(true);
  const failures = result.details?.componentFailures;
  const list = failures === undefined ? [] : Array.isArray(failures) ? failures : [failures];
  return { success: result.success, problems: list.map((f) => `${f.fullName}: ${f.problem}`) };
}

const customPermissionXml = (label?: string): string =>
  metadataXml('CustomPermission', { description: 'Correct SLA stamps', isLicensed: false, label });

function permissionSetXml(name: string, grants: string[]): string {
  return metadataXml('PermissionSet', {
    label: name.replace(/_/g, ' '),
    customPermissions: grants.map((grant) => ({ enabled: true, name: grant })),
    objectPermissions: [
      {
        allowCreate: true,
        allowDelete: false,
        allowEdit: true,
        allowRead: true,
        modifyAllRecords: false,
        object: 'Maintenance_Incident__c',
        viewAllRecords: false
      }
    ],
    fieldPermissions: [
      { editable: false, field: 'Maintenance_Incident__c.Can_Correct__c', readable: true },
      { editable: true, field: 'Maintenance_Incident__c.Priority__c', readable: true }
    ]
  });
}

/** A user holding `permissionSets`, logged in over SOAP. */
async function userWith(username: string, permissionSets: string[]): Promise<{ id: string; conn: Connection }> {
  const profile = await conn.query<{ Id: string }>("SELECT Id FROM Profile WHERE Name = 'Standard User'");
  const user = await conn.sobject('User').create({
    Username: username,
    LastName: username.split('@')[0],
    Alias: 'tester',
    Email: username,
    ProfileId: profile.records[0].Id,
    TimeZoneSidKey: 'Europe/Paris',
    LocaleSidKey: 'fr_FR',
    LanguageLocaleKey: 'en_US',
    EmailEncodingKey: 'UTF-8'
  });
  for (const name of permissionSets) {
    const set = await conn.query<{ Id: string }>(`SELECT Id FROM PermissionSet WHERE Name = '${name}'`);
    await conn.sobject('PermissionSetAssignment').create({ AssigneeId: user.id, PermissionSetId: set.records[0].Id });
  }
  await conn.request({
    method: 'POST',
    url: `${V}/sobjects/User/${user.id as string}/password`,
    body: JSON.stringify({ NewPassword: 'Permission#2026a' }),
    headers: { 'Content-Type': 'application/json' }
  });
  const session = new Connection({ loginUrl: test.org.instanceUrl, version: '62.0' });
  await session.login(username, 'Permission#2026a');
  return { id: user.id as string, conn: session };
}

async function newIncident(): Promise<string> {
  const created = await conn.sobject('Maintenance_Incident__c').create({
    Account__c: accountId,
    Subject__c: 'Outage',
    Reported_At__c: '2026-03-02T08:00:00Z'
  });
  return created.id as string;
}

beforeAll(async () => {
  test = await startFixtureOrg();
  conn = test.conn;
  accountId = (await conn.sobject('Account').create({ Name: 'Acme' })).id as string;
  const outcome = await deploy({
    'package.xml': packageXml({
      CustomPermission: [PERMISSION],
      PermissionSet: ['SLA_Corrector', 'Incident_Worker'],
      ValidationRule: ['Maintenance_Incident__c.Priority_Change_Needs_Correction_Right'],
      CustomField: ['Maintenance_Incident__c.Can_Correct__c']
    }),
    [`customPermissions/${PERMISSION}.customPermission`]: customPermissionXml('Correct SLA stamps'),
    'permissionsets/SLA_Corrector.permissionset': permissionSetXml('SLA_Corrector', [PERMISSION]),
    'permissionsets/Incident_Worker.permissionset': permissionSetXml('Incident_Worker', []),
    'objects/Maintenance_Incident__c.object': objectXml('Maintenance_Incident__c', {
      fields: [field('Can_Correct__c', 'Checkbox', { formula: `$Permission.${PERMISSION}` })],
      rules: [
        rule(
          'Priority_Change_Needs_Correction_Right',
          `NOT(ISNEW()) && ISCHANGED(Priority__c) && NOT($Permission.${PERMISSION})`
        )
      ]
    })
  });
  expect(outcome).toEqual({ success: true, problems: [] });
}, 60_000);
afterAll(async () => test.stop());

describe('$Permission in validation rules and formulas', () => {
  it('refuses the change to a user whose permission sets do not enable the custom permission', async () => {
    const worker = await userWith('worker@perm.test', ['Incident_Worker']);
    const id = await newIncident();
    await expect(
      worker.conn.sobject('Maintenance_Incident__c').update({ Id: id, Priority__c: 'P1' })
    ).rejects.toMatchObject({ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' });
    const [record] = (
      await worker.conn.query<{ Can_Correct__c: boolean }>(
        `SELECT Can_Correct__c FROM Maintenance_Incident__c WHERE Id = '${id}'`
      )
    ).records;
    expect(record.Can_Correct__c).toBe(false);
  });

  it('accepts it from a user holding it, and the formula field reads true for that user only', async () => {
    const corrector = await userWith('corrector@perm.test', ['Incident_Worker', 'SLA_Corrector']);
    const id = await newIncident();
    const accepted = await corrector.conn.sobject('Maintenance_Incident__c').update({ Id: id, Priority__c: 'P1' });
    expect(accepted).toMatchObject({ success: true });
    const query = `SELECT Can_Correct__c FROM Maintenance_Incident__c WHERE Id = '${id}'`;
    expect((await corrector.conn.query<{ Can_Correct__c: boolean }>(query)).records[0].Can_Correct__c).toBe(true);
    // The administrator holds no custom permission it was not given, as on Salesforce.
    expect((await conn.query<{ Can_Correct__c: boolean }>(query)).records[0].Can_Correct__c).toBe(false);
    await expect(conn.sobject('Maintenance_Incident__c').update({ Id: id, Priority__c: 'P2' })).rejects.toMatchObject({
      errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION'
    });
  });

  it('answers the documented SOQL path from a user to its custom permissions', async () => {
    const corrector = await conn.query<{ Id: string }>("SELECT Id FROM User WHERE Username = 'corrector@perm.test'");
    const granted = await conn.query<{ SetupEntityId: string }>(
      "SELECT SetupEntityId FROM SetupEntityAccess WHERE SetupEntityType = 'CustomPermission' AND ParentId IN " +
        `(SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = '${corrector.records[0].Id}')`
    );
    const permission = await conn.query<{ Id: string; MasterLabel: string }>(
      `SELECT Id, MasterLabel FROM CustomPermission WHERE DeveloperName = '${PERMISSION}'`
    );
    expect(permission.records[0].MasterLabel).toBe('Correct SLA stamps');
    expect(granted.records.map((r) => r.SetupEntityId)).toEqual([permission.records[0].Id]);
  });
});

describe('deploying custom permissions', () => {
  it('refuses a permission set naming an unknown custom permission, and a rule reading one', async () => {
    const outcome = await deploy({
      'package.xml': packageXml({
        PermissionSet: ['Ghost_Set'],
        ValidationRule: ['Maintenance_Incident__c.Ghost_Rule']
      }),
      'permissionsets/Ghost_Set.permissionset': permissionSetXml('Ghost_Set', ['No_Such_Permission']),
      'objects/Maintenance_Incident__c.object': objectXml('Maintenance_Incident__c', {
        rules: [rule('Ghost_Rule', '$Permission.No_Such_Permission')]
      })
    });
    expect(outcome.success).toBe(false);
    expect(outcome.problems.sort()).toEqual([
      'Ghost_Set: In field: name - no CustomPermission named No_Such_Permission found',
      'Maintenance_Incident__c.Ghost_Rule: Field $Permission.No_Such_Permission does not exist. Check spelling.'
    ]);
  });

  it('refuses a custom permission without a label', async () => {
    const outcome = await deploy({
      'package.xml': packageXml({ CustomPermission: ['Unlabelled'] }),
      'customPermissions/Unlabelled.customPermission': customPermissionXml(undefined)
    });
    expect(outcome).toEqual({ success: false, problems: ['Unlabelled: Required field is missing: label'] });
  });
});
