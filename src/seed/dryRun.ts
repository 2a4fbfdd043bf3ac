/**
 * `seed --dry-run DIR`: writes what a seed would load, one CSV per sObject in load order plus a summary, and touches
 * no org. The CSVs are the Bulk API 2.0 files the loader would send, except that references to accounts and to the
 * running user hold keys (`DEMO-ACC-0001`, `$runningUser`) where the org would need ids.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countRecords, type Dataset } from './dataset.js';
import { DEFAULT_BULK_THRESHOLD, type LoadApi } from './loader.js';
import { toCsv } from './records.js';

export interface DryRunObject {
  sobject: string;
  records: number;
  /** The API a real run would use for this sObject, given the bulk threshold. */
  api: LoadApi;
  file: string;
}

export interface DryRunSummary {
  source: string;
  directory: string;
  total: number;
  objects: DryRunObject[];
  /** Extra facts about the run (recipe, seed, today, scale), as given by the caller. */
  details: Record<string, string | number>;
}

/** Thrown when DIR exists and is not a directory. */
export class DryRunTargetError extends Error {
  public constructor(public readonly directory: string) {
    super(`${directory} exists and is not a directory`);
    this.name = 'DryRunTargetError';
  }
}

/**
 * Writes the dataset under `directory` (created if missing; files of a previous dry run are overwritten).
 * @param details facts to repeat in summary.json, e.g. { recipe: 'demo', seed: 42 }
 */
export function writeDryRun(
  dataset: Dataset,
  directory: string,
  options: { bulkThreshold?: number; details?: Record<string, string | number> } = {}
): DryRunSummary {
  const existing = statSync(directory, { throwIfNoEntry: false });
  if (existing && !existing.isDirectory()) throw new DryRunTargetError(directory);
  mkdirSync(directory, { recursive: true });
  const threshold = options.bulkThreshold ?? DEFAULT_BULK_THRESHOLD;
  const objects = dataset.objects.map(({ sobject, records }, index): DryRunObject => {
    const file = join(directory, `${String(index + 1).padStart(2, '0')}-${sobject}.csv`);
    writeFileSync(file, toCsv(sobject, records));
    return { sobject, records: records.length, api: records.length >= threshold ? 'bulk2' : 'collections', file };
  });
  const summary: DryRunSummary = {
    source: dataset.source,
    directory,
    total: countRecords(dataset).total,
    objects,
    details: options.details ?? {}
  };
  writeFileSync(join(directory, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  return summary;
}
