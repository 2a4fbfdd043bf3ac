/**
 * Opportunity as a new Salesforce org has it, through jsforce and the UI API: required fields, the standard stages
 * deciding IsClosed, IsWon, Probability and the forecast category, describe, UI API object info, picklist values
 * (with the stages' attributes), records, the Account's Opportunities related list, a Standard User's access, and
 * custom fields deployed on it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Connection } from 'jsforce';
import { field, objectXml, packageXml, zipOf } from './metadataFixtures.js';
import { startFixtureOrg, type TestOrg } from './orgFixtures.js';

const V = '/services/data/v62.0';
let test: TestOrg;
let conn: Connection;
let accountId: string;

interface Opportunity {
  Id: string;
  StageName: string;
  Probability: number | null;
  ForecastCategoryName: string | null;
  IsClosed: boolean;
  IsWon: boolean;
  Amount: number | null;
  ExpectedRevenue: number | null;
}

async function read(id: string): Promise<Opportunity> {
  const result = await conn.query<Opportunity>(
    `SELECT Id, StageName, Probability, ForecastCategoryName, IsClosed, IsWon, Amount, ExpectedRevenue FROM Opportunity WHERE Id = '${id}'`
  );
  return result.records[0];
}

async function create(values: Record<string, unknown>): Promise<string> {
  const result = await conn.sobject('Opportunity').create({
    Name: 'Maintenance 2027',
    AccountId: accountId,
    CloseDate: '2026-09-30',
    StageName: 'Prospecting',
    ...values
  });
  return result.id as string;
}

/** The error codes of a REST call that fails, as jsforce reports them. */
async function errorOf(call: Promise<unknown>): Promise<{ errorCode?: string; message?: string; fields?: string[] }> {
  try {
    await call;
  } catch (error) {
    const { errorCode, message, data } = error as {
      errorCode?: string;
      message?: string;
      data?: { fields?: string[] };
    };
    return { errorCode, message, fields: data?.fields };
  }
  throw new Error('the call succeeded');
}

beforeAll(async () => {
  test = await startFixtureOrg();
  conn = test.conn;
  accountId = (await conn.sobject('Account').create({ Name: 'Dupont SA' })).id as string;
}, 60_000);
afterAll(async () => test.stop());

describe('Opportunity records', () => {
  it('requires a name, a stage and a close date', async () => {
    const missing = await errorOf(conn.sobject('Opportunity').create({ AccountId: accountId }));
    expect(missing.errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect([...(missing.fields ?? [])].sort()).toEqual(['CloseDate', 'Name', 'StageName']);
  });

  it('takes the default probability and forecast category of its stage, and is open', async () => {
    const id = await create({ Amount: 24000 });
    expect(await read(id)).toEqual(
      expect.objectContaining({
        StageName: 'Prospecting',
        Probability: 10,
        ForecastCategoryName: 'Pipeline',
        IsClosed: false,
        IsWon: false,
        Amount: 24000,
        ExpectedRevenue: 2400
      })
    );
  });

  it('moves probability and forecast with the stage, unless the update sets them', async () => {
    const id = await create({ Amount: 10000 });
    await conn.sobject('Opportunity').update({ Id: id, StageName: 'Negotiation/Review' });
    expect(await read(id)).toEqual(
      expect.objectContaining({ Probability: 90, ForecastCategoryName: 'Pipeline', ExpectedRevenue: 9000 })
    );
    await conn.sobject('Opportunity').update({ Id: id, StageName: 'Value Proposition', Probability: 35 });
    expect((await read(id)).Probability).toBe(35);
    // Another field changed: the probability the user chose stays.
    await conn.sobject('Opportunity').update({ Id: id, NextStep: 'Call the CIO' });
    expect((await read(id)).Probability).toBe(35);
    await conn.sobject('Opportunity').update({ Id: id, StageName: 'Closed Won' });
    expect(await read(id)).toEqual(
      expect.objectContaining({ IsClosed: true, IsWon: true, Probability: 100, ForecastCategoryName: 'Closed' })
    );
    await conn.sobject('Opportunity').update({ Id: id, StageName: 'Closed Lost' });
    expect(await read(id)).toEqual(
      expect.objectContaining({ IsClosed: true, IsWon: false, Probability: 0, ForecastCategoryName: 'Omitted' })
    );
  });

  it('refuses a stage the org does not have, and writes to what the stage decides', async () => {
    const unknown = await errorOf(create({ StageName: 'Signed' }));
    expect(unknown.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    const closed = await errorOf(create({ IsClosed: true }));
    expect(closed.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
  });

  it('is counted and filtered in SOQL by its stage-derived fields', async () => {
    const open = await conn.query<{ expr0: number }>(
      `SELECT COUNT(Id) FROM Opportunity WHERE AccountId = '${accountId}' AND IsClosed = false`
    );
    const all = await conn.query<{ expr0: number }>(
      `SELECT COUNT(Id) FROM Opportunity WHERE AccountId = '${accountId}'`
    );
    expect(open.records[0].expr0).toBeLessThan(all.records[0].expr0);
    const child = await conn.query<{ Opportunities: { totalSize: number } }>(
      `SELECT Id, (SELECT Id FROM Opportunities) FROM Account WHERE Id = '${accountId}'`
    );
    expect(child.records[0].Opportunities.totalSize).toBe(all.records[0].expr0);
  });
});

describe('Opportunity metadata', () => {
  it('describes the standard fields with their types, and the Account relationship', async () => {
    const describe = await conn.sobject('Opportunity').describe();
    expect(describe.keyPrefix).toBe('006');
    const byName = Object.fromEntries(describe.fields.map((entry) => [entry.name, entry]));
    expect(byName.StageName).toEqual(expect.objectContaining({ type: 'picklist', nillable: false, label: 'Stage' }));
    expect(byName.CloseDate).toEqual(expect.objectContaining({ type: 'date', nillable: false }));
    expect(byName.Amount.type).toBe('currency');
    expect(byName.Probability.type).toBe('percent');
    expect(byName.IsClosed).toEqual(expect.objectContaining({ type: 'boolean', createable: false, updateable: false }));
    expect((byName.StageName.picklistValues ?? []).map((entry) => entry.value)).toEqual([
      'Prospecting',
      'Qualification',
      'Needs Analysis',
      'Value Proposition',
      'Id. Decision Makers',
      'Perception Analysis',
      'Proposal/Price Quote',
      'Negotiation/Review',
      'Closed Won',
      'Closed Lost'
    ]);
    const account = await conn.sobject('Account').describe();
    expect(account.childRelationships).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ childSObject: 'Opportunity', field: 'AccountId', relationshipName: 'Opportunities' })
      ])
    );
  });

  it('answers the UI API: object info, stage picklist with its attributes, records and the related list', async () => {
    const info = await conn.request<{ fields: Record<string, { dataType: string; required: boolean }> }>(
      `${V}/ui-api/object-info/Opportunity`
    );
    expect(info.fields.StageName).toEqual(expect.objectContaining({ dataType: 'Picklist', required: true }));
    const picklists = await conn.request<{ values: { value: string; attributes: Record<string, unknown> }[] }>(
      `${V}/ui-api/object-info/Opportunity/picklist-values/012000000000000AAA/StageName`
    );
    expect(picklists.values.find((entry) => entry.value === 'Closed Won')?.attributes).toEqual({
      closed: true,
      defaultProbability: 100,
      forecastCategoryName: 'Closed',
      won: true
    });
    const created = await conn.request<{ id: string; fields: Record<string, { value: unknown }> }>({
      method: 'POST',
      url: `${V}/ui-api/records`,
      body: JSON.stringify({
        apiName: 'Opportunity',
        fields: {
          Name: 'Through the UI API',
          AccountId: accountId,
          StageName: 'Qualification',
          CloseDate: '2026-10-31'
        }
      }),
      headers: { 'Content-Type': 'application/json' }
    });
    const record = await conn.request<{ fields: Record<string, { value: unknown }> }>(
      `${V}/ui-api/records/${created.id}?fields=Opportunity.Probability,Opportunity.IsClosed`
    );
    expect(record.fields.Probability.value).toBe(10);
    expect(record.fields.IsClosed.value).toBe(false);
    const related = await conn.request<{ records: { id: string }[] }>(
      `${V}/ui-api/related-list-records/${accountId}/Opportunities?fields=Opportunity.Name&pageSize=50`
    );
    expect(related.records.map((entry) => entry.id)).toContain(created.id);
  });

  it('lets a Standard User create and edit opportunities, and not delete them', async () => {
    const profile = await conn.query<{ Id: string }>("SELECT Id FROM Profile WHERE Name = 'Standard User'");
    const username = 'seller@example.com';
    const user = await conn.sobject('User').create({
      Username: username,
      LastName: 'Seller',
      Alias: 'seller',
      Email: username,
      ProfileId: profile.records[0].Id,
      TimeZoneSidKey: 'Europe/Paris',
      LocaleSidKey: 'fr_FR',
      LanguageLocaleKey: 'en_US',
      EmailEncodingKey: 'UTF-8'
    });
    await conn.request({
      method: 'POST',
      url: `${V}/sobjects/User/${user.id as string}/password`,
      body: JSON.stringify({ NewPassword: 'Opportunity#2026a' }),
      headers: { 'Content-Type': 'application/json' }
    });
    const seller = new Connection({ loginUrl: test.org.instanceUrl, version: '62.0' });
    await seller.login(username, 'Opportunity#2026a');
    const created = await seller
      .sobject('Opportunity')
      .create({ Name: 'By a seller', AccountId: accountId, StageName: 'Prospecting', CloseDate: '2026-12-31' });
    expect(created.success).toBe(true);
    await seller.sobject('Opportunity').update({ Id: created.id as string, StageName: 'Qualification' });
    const refused = await errorOf(seller.sobject('Opportunity').destroy(created.id as string));
    expect(refused.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
  });

  it('takes custom fields deployed on it, lookups included, and keeps them', async () => {
    const zip = Buffer.from(
      zipOf({
        'package.xml': packageXml({ CustomField: ['Opportunity.Gap_Start__c', 'Opportunity.Previous_Account__c'] }),
        'objects/Opportunity.object': objectXml('Opportunity', {
          fields: [
            field('Gap_Start__c', 'Date', { description: 'First uncovered day', inlineHelpText: 'Gap start' }),
            field('Previous_Account__c', 'Lookup', {
              referenceTo: 'Account',
              relationshipName: 'Previous_Opportunities',
              deleteConstraint: 'SetNull'
            })
          ]
        })
      }),
      'base64'
    );
    const result = await conn.metadata.deploy(zip, { rollbackOnError: true }).complete(true);
    expect(result.success).toBe(true);
    const id = await create({ Gap_Start__c: '2026-10-01', Previous_Account__c: accountId });
    const row = await conn.query<{ Gap_Start__c: string; Previous_Account__r: { Name: string } }>(
      `SELECT Gap_Start__c, Previous_Account__r.Name FROM Opportunity WHERE Id = '${id}'`
    );
    expect(row.records[0].Gap_Start__c).toBe('2026-10-01');
    expect(row.records[0].Previous_Account__r.Name).toBe('Dupont SA');
    // Its standard definition still holds.
    expect((await read(id)).Probability).toBe(10);
  });
});
