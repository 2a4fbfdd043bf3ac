/**
 * `seed --dry-run`: what a seed would load, per sObject in load order and the API it would take, touching no org;
 * with `--output-dir DIR` also one CSV per sObject plus a summary. The CSVs are the Bulk API 2.0 files the loader
 * would send, except that references to accounts and to the running user hold keys (`DEMO-ACC-0001`, `$runningUser`)
 * where the org would need ids.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countRecords, type Dataset } from './dataset.js';
import { DEFAULT_BULK_THRESHOLD, type LoadApi } from './loader.js';
import { toCsv } from './records.js';

export interface PlannedObject {
  sobject: string;
  records: number;
  /** The API a real run would use for this sObject, given the bulk threshold. */
  api: LoadApi;
}

export interface DryRunObject extends PlannedObject {
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

/** What a load of the dataset would send, per sObject in load order. */
export function planLoad(dataset: Dataset, bulkThreshold: number = DEFAULT_BULK_THRESHOLD): PlannedObject[] {
  return dataset.objects.map(({ sobject, records }) => ({
    sobject,
    records: records.length,
    api: records.length >= bulkThreshold ? 'bulk2' : 'collections'
  }));
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
  const planned = planLoad(dataset, options.bulkThreshold);
  const objects = dataset.objects.map(({ sobject, records }, index): DryRunObject => {
    const file = join(directory, `${String(index + 1).padStart(2, '0')}-${sobject}.csv`);
    writeFileSync(file, toCsv(sobject, records));
    return { ...planned[index], file };
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
