/**
 * No stalls under Bulk load: a Bulk API 2.0 ingest of 6,000 handover items under one checklist (each item moves
 * the checklist's count, filtered count and sum, and the checklist's validation rule runs on the new totals) must
 * leave the server answering other requests between its chunks. Before roll-ups were kept incrementally, each
 * 1,000-row chunk blocked the event loop for seconds and an unauthenticated `GET /services/data` waited as long.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, startFixtureOrg, type TestOrg } from './orgFixtures.js';

const V = '/services/data/v62.0';
const ITEMS = 6000;

let test: TestOrg;
let checklistId: string;

beforeAll(async () => {
  test = await startFixtureOrg();
  const account = await test.conn.sobject('Account').create({ Name: 'Big handover' });
  const checklist = await test.conn
    .sobject('Handover_Checklist__c')
    .create({ Name: 'Portal', Account__c: account.id as string });
  checklistId = checklist.id as string;
}, 30000);

afterAll(async () => {
  await test.stop();
});

describe('a Bulk ingest of 6,000 items under one checklist', () => {
  it('leaves the server answering between chunks, and keeps the roll-ups exact', async () => {
    const lines = ['Name,Checklist__c,Mandatory__c,Done__c,Effort__c,External_Id__c'];
    for (let index = 0; index < ITEMS; index++) {
      lines.push(`Item ${index},${checklistId},${index % 3 === 0},${index % 5 === 0},${index % 4},ITEM-${index}`);
    }
    const job = (
      await call(test.org, `${V}/jobs/ingest`, {
        method: 'POST',
        body: JSON.stringify({ object: 'Handover_Item__c', operation: 'insert', contentType: 'CSV' })
      })
    ).json() as { id: string };
    const upload = await call(test.org, `${V}/jobs/ingest/${job.id}/batches`, {
      method: 'PUT',
      body: lines.join('\n') + '\n',
      headers: { 'Content-Type': 'text/csv' }
    });
    expect(upload.status).toBe(201);
    await call(test.org, `${V}/jobs/ingest/${job.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ state: 'UploadComplete' })
    });

    // While the job runs: the unauthenticated version list and the job's progress, one after the other.
    const waits: number[] = [];
    const progress: number[] = [];
    let state = '';
    const deadline = Date.now() + 120000;
    while (state !== 'JobComplete' && Date.now() < deadline) {
      const started = performance.now();
      const versions = await call(test.org, '/services/data', { token: null });
      waits.push(performance.now() - started);
      expect(versions.status).toBe(200);
      const info = (await call(test.org, `${V}/jobs/ingest/${job.id}`)).json() as {
        state: string;
        numberRecordsProcessed: number;
        numberRecordsFailed: number;
      };
      state = info.state;
      expect(['UploadComplete', 'InProgress', 'JobComplete']).toContain(state);
      progress.push(info.numberRecordsProcessed);
    }
    expect(state).toBe('JobComplete');
    // Answered between chunks: the job was seen part-way through, more than once.
    const partWay = progress.filter((processed) => processed > 0 && processed < ITEMS);
    expect(partWay.length).toBeGreaterThanOrEqual(2);
    // A chunk is at most 1,000 rows or 20 ms of work; a request never waits seconds (it did, 3.5 to 6.3 s).
    expect(Math.max(...waits)).toBeLessThan(1000);

    // Items 0..5999: mandatory when index % 3 = 0 (2,000), done when index % 5 = 0; mandatory and done when
    // index % 15 = 0 (400), so 1,600 mandatory items are open. Effort index % 4 sums 0+1+2+3 = 6 per 4 items: 9,000.
    const checklist = await test.conn
      .sobject('Handover_Checklist__c')
      .retrieve(checklistId, { fields: ['Items_Total__c', 'Mandatory_Open__c', 'Effort_Sum__c'] } as never);
    expect(checklist).toMatchObject({ Items_Total__c: 6000, Mandatory_Open__c: 1600, Effort_Sum__c: 9000 });
  }, 150000);
});
