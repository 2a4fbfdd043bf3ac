/**
 * Rows the seed and setup commands print and return: per-object counts, the failed records with the org's error, and
 * what was written before a failure (so that the user knows the rerun will update those, not duplicate them).
 */
import type { LoadApi, LoadResult } from './loader.js';

export interface SeedObjectSummary {
  sobject: string;
  records: number;
  api: LoadApi;
  created: number;
  updated: number;
  failed: number;
}

/** Per-object counts, without the ids (a volume run writes tens of thousands). */
export function objectSummaries(result: LoadResult): SeedObjectSummary[] {
  return result.objects.map(({ sobject, total, api, created, updated, failed }) => ({
    sobject,
    records: total,
    api,
    created,
    updated,
    failed
  }));
}

/** How many failures the table shows; --json carries all of them. */
export const MAX_FAILURE_ROWS = 50;

export function failureRows(result: LoadResult): { Object: string; Key: string; Error: string }[] {
  return result.failures
    .slice(0, MAX_FAILURE_ROWS)
    .map((failure) => ({ Object: failure.sobject, Key: failure.key, Error: failure.error }));
}

/** One row per object written before the failure: how many ids, and the first ones. */
export function writtenRows(result: LoadResult): { Object: string; Written: number; 'First ids': string }[] {
  return result.objects
    .filter((object) => object.ids.length > 0)
    .map((object) => ({
      Object: object.sobject,
      Written: object.ids.length,
      'First ids': object.ids.slice(0, 3).join(', ')
    }));
}
