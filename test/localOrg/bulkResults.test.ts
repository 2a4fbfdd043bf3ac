/**
 * Where a Bulk ingest job keeps its row results: one row per chunk, and, for jobs that data directories written by
 * earlier versions hold, one row per record in lo_bulk_result. Both read back as the same result files.
 */
import { describe, expect, it } from '@jest/globals';
import { changeState, createJob, resultsCsv, uploadData } from '../../src/localOrg/bulk/ingest.js';
import type { Store } from '../../src/localOrg/store.js';
import { useFixtureStore } from './orgFixtures.js';

let store: Store;
useFixtureStore((opened) => {
  store = opened;
});

describe('Bulk ingest results', () => {
  it('reads the per-record results an earlier version kept, in row order, beside the rows of the upload', () => {
    const job = createJob(store, { object: 'Account', operation: 'insert' }, '62.0') as { id: string };
    uploadData(store, job.id, 'Name\nFirst\nSecond\nThird\n');
    changeState(store, job.id, 'UploadComplete');
    // What an earlier version wrote for this job: one row per record, then the job finished.
    const legacy = store.db.prepare(
      'INSERT INTO lo_bulk_result (job_id, row_index, success, record_id, created, error) VALUES (?, ?, ?, ?, ?, ?)'
    );
    legacy.run(job.id, 2, 1, '001000000000003AAA', 1, null);
    legacy.run(job.id, 0, 1, '001000000000001AAA', 1, null);
    legacy.run(job.id, 1, 0, null, null, 'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --');
    store.db
      .prepare("UPDATE lo_bulk_job SET state = 'JobComplete', rows_done = 3, rows_total = 3 WHERE id = ?")
      .run(job.id);
    expect(resultsCsv(store, job.id, 'successful')).toBe(
      '"sf__Id","sf__Created","Name"\n"001000000000001AAA","true","First"\n"001000000000003AAA","true","Third"\n'
    );
    expect(resultsCsv(store, job.id, 'failed')).toBe(
      '"sf__Id","sf__Error","Name"\n,"REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --","Second"\n'
    );
    expect(resultsCsv(store, job.id, 'unprocessed')).toBe('"Name"\n');
  });
});
