/**
 * kill -9 safety: the org runs as its own process (as `sf maintenance org start` runs it), takes concurrent
 * all-or-nothing writes and a Bulk job, and is killed with SIGKILL mid-stream, three times. After each restart every
 * acknowledged request is there in full, no request is there in part, and the Bulk job resumes and applies each
 * row exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readIdentity, startBackground, stopBackground, type RunningOrg } from '../../src/localOrg/daemon.js';
import { Store } from '../../src/localOrg/store.js';
import { fixtureObjects, removeDir, tempDir } from './orgFixtures.js';

let dir: string;
let token: string;
const V = '/services/data/v62.0';

async function api(
  org: RunningOrg,
  path: string,
  method = 'GET',
  body?: string,
  type = 'application/json'
): Promise<Response> {
  return fetch(`${org.instanceUrl}${path}`, {
    method,
    body,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': type }
  });
}

async function countByBatch(org: RunningOrg): Promise<Map<string, number>> {
  const soql = 'SELECT AccountNumber, COUNT(Id) n FROM Account WHERE AccountNumber != null GROUP BY AccountNumber';
  const response = await api(org, `${V}/query?q=${encodeURIComponent(soql)}`);
  const body = (await response.json()) as { records: { AccountNumber: string; n: number }[] };
  return new Map(body.records.map((record) => [record.AccountNumber, record.n]));
}

beforeAll(() => {
  dir = tempDir('localorg-kill-');
  const store = Store.open(dir);
  store.transaction(() => store.applyObjects(fixtureObjects()));
  token = store.identity.accessToken;
  store.close();
});

afterAll(async () => {
  await stopBackground(dir);
  removeDir(dir);
});

describe('kill -9', () => {
  it('loses no acknowledged request and shows no half-written one after a restart', async () => {
    const acknowledged = new Set<string>();
    const sent = new Set<string>();
    let batchNumber = 0;
    const bulkRows = 6000;
    for (let round = 0; round < 3; round++) {
      const { org } = await startBackground({ dataDir: dir });
      expect(readIdentity(dir)?.accessToken).toBe(token);
      if (round === 0) {
        const job = (await (
          await api(org, `${V}/jobs/ingest`, 'POST', JSON.stringify({ object: 'Account', operation: 'insert' }))
        ).json()) as { id: string };
        const csv = ['Name,AccountNumber,Site'];
        for (let index = 0; index < bulkRows; index++) csv.push(`Bulk ${index},,row-${index}`);
        expect((await api(org, `${V}/jobs/ingest/${job.id}/batches`, 'PUT', csv.join('\n'), 'text/csv')).status).toBe(
          201
        );
        await api(org, `${V}/jobs/ingest/${job.id}`, 'PATCH', JSON.stringify({ state: 'UploadComplete' }));
      }
      let killed = false;
      const writer = async (): Promise<void> => {
        while (!killed) {
          const batch = `B${batchNumber++}`;
          sent.add(batch);
          const records = Array.from({ length: 200 }, (_, index) => ({
            attributes: { type: 'Account' },
            Name: `${batch} ${index}`,
            AccountNumber: batch
          }));
          try {
            const response = await api(
              org,
              `${V}/composite/sobjects`,
              'POST',
              JSON.stringify({ allOrNone: true, records })
            );
            const results = (await response.json()) as { success: boolean }[];
            if (response.status === 200 && results.every((result) => result.success)) acknowledged.add(batch);
          } catch {
            // The process died under this request: it may or may not have committed.
          }
        }
      };
      const writers = [writer(), writer(), writer()];
      await new Promise((resolve) => setTimeout(resolve, 400 + round * 300));
      process.kill(org.pid, 'SIGKILL');
      killed = true;
      await Promise.all(writers);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const { org } = await startBackground({ dataDir: dir });
    const counts = await countByBatch(org);
    for (const batch of acknowledged) expect([batch, counts.get(batch)]).toEqual([batch, 200]);
    for (const [batch, count] of counts) {
      expect(sent.has(batch)).toBe(true);
      expect([batch, count]).toEqual([batch, 200]);
    }
    expect(acknowledged.size).toBeGreaterThan(3);
    // The Bulk job resumed from its last committed chunk: every row exactly once.
    let state = '';
    for (let attempt = 0; attempt < 200 && state !== 'JobComplete'; attempt++) {
      const jobs = (await (await api(org, `${V}/jobs/ingest`)).json()) as { records: { id: string }[] };
      const info = (await (await api(org, `${V}/jobs/ingest/${jobs.records[0].id}`)).json()) as {
        state: string;
        numberRecordsProcessed: number;
      };
      state = info.state;
      if (state !== 'JobComplete') await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(state).toBe('JobComplete');
    const soql = "SELECT COUNT(Id) n, COUNT_DISTINCT(Site) d FROM Account WHERE Name LIKE 'Bulk %'";
    const bulk = (await (await api(org, `${V}/query?q=${encodeURIComponent(soql)}`)).json()) as {
      records: { n: number; d: number }[];
    };
    expect(bulk.records[0]).toMatchObject({ n: bulkRows, d: bulkRows });
  }, 120000);
});
