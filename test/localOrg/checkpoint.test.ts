/**
 * Background checkpoints while Bulk jobs run (Storage.checkpointInBackground): a worker thread copies the WAL into
 * the database file, so that the commits of the job's chunks never stop to do it themselves. Without it, rows
 * written stay in the WAL until SQLite's own checkpoint at 10,000 pages.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../src/localOrg/dataDir.js';
import type { Store } from '../../src/localOrg/store.js';
import { openFixtureStore, removeDir } from './orgFixtures.js';

let store: Store;
let dir: string;

beforeEach(() => {
  ({ store, dir } = openFixtureStore());
});

afterEach(() => {
  store.close();
  removeDir(dir);
});

const databaseBytes = (): number => statSync(join(dir, DATABASE_FILE)).size;
const walBytes = (): number => statSync(join(dir, `${DATABASE_FILE}-wal`)).size;

/** Writes about 4 MiB of accounts, far below SQLite's own checkpoint (10,000 pages). */
function writeAccounts(): void {
  store.transaction(() => {
    for (let index = 0; index < 2000; index++) {
      store.insert('Account', { Name: `Account ${index}`, Description: 'x'.repeat(2000) });
    }
  });
}

async function waitFor(test: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (test()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return test();
}

describe('background checkpoints', () => {
  it('leave committed rows in the WAL while off', async () => {
    const before = databaseBytes();
    writeAccounts();
    expect(walBytes()).toBeGreaterThan(4_000_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(databaseBytes() - before).toBeLessThan(1_000_000);
  });

  it('copy committed rows into the database file while on, without this connection doing it', async () => {
    const before = databaseBytes();
    store.checkpointInBackground(true);
    writeAccounts();
    expect(await waitFor(() => databaseBytes() - before > 4_000_000, 5000)).toBe(true);
    store.checkpointInBackground(false);
    expect(store.countRecords(store.getObject('Account') as never)).toBeGreaterThanOrEqual(2000);
  });
});
