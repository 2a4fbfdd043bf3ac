/**
 * The seed as the commands run it (seed, setup): build the dataset from a recipe or a plan, check the org can take
 * it, load it. Every expected failure becomes an SfError with the actions that fix it; nothing is written to any org
 * before the input has been checked (the flags' bounds by oclif, the recipe or plan here).
 */
import { Messages, SfError, type Connection } from '@salesforce/core';
import { countRecords, type Dataset } from './dataset.js';
import { generateDataset, type GeneratedAccount } from './generator.js';
import { loadDataset, type LoadProgress, type LoadResult } from './loader.js';
import { loadPackageConfig, recipeContext, type PackageConfig } from './packageConfig.js';
import { PlanError, readPlan } from './plan.js';
import { listRecipes, locateRecipe, readRecipe, RecipeError } from './recipe.js';
import { checkTargetSchema } from './schemaCheck.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.seed');

export interface SeedInput {
  recipe?: string;
  scale?: number;
  seed?: number;
  plan?: string;
  /** The day the stories are told from; default today. */
  today?: string;
}

export interface PreparedSeed {
  dataset: Dataset;
  recipe?: string;
  seed?: number;
  scale?: number;
  today?: string;
  accounts?: GeneratedAccount[];
}

function problemList(lines: string[]): string {
  return lines.map((line) => `  - ${line}`).join('\n');
}

/** Builds the dataset: reads the plan, or reads, checks and generates the recipe. */
export function prepareSeed(input: SeedInput, config: PackageConfig = loadPackageConfig()): PreparedSeed {
  const context = recipeContext(config);
  if (input.plan !== undefined) {
    try {
      return { dataset: readPlan(input.plan, context) };
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      const lines = error.problems.map((p) => `${p.file} ${p.where}: ${p.message}`);
      throw new SfError(
        messages.getMessage('error.InvalidPlan', [input.plan, problemList(lines)]),
        'InvalidPlanError',
        error.fixes,
        1,
        error
      );
    }
  }
  const name = input.recipe ?? 'demo';
  const file = locateRecipe(name);
  if (!file) throw messages.createError('error.RecipeNotFound', [name], [listRecipes().join(', ') || '(none)']);
  try {
    const recipe = readRecipe(file, context);
    const dataset = generateDataset(recipe, config, { seed: input.seed, scale: input.scale, today: input.today });
    return {
      dataset,
      recipe: recipe.name,
      seed: dataset.seed,
      scale: dataset.scale,
      today: dataset.today,
      accounts: dataset.accounts
    };
  } catch (error) {
    if (!(error instanceof RecipeError)) throw error;
    const lines = error.problems.map((p) => `line ${p.line}, column ${p.column} (${p.path}): ${p.message}`);
    throw new SfError(
      messages.getMessage('error.InvalidRecipe', [file, problemList(lines)]),
      'InvalidRecipeError',
      error.fixes,
      1,
      error
    );
  }
}

/** Refuses to load when the org lacks an object or a field the dataset writes. */
export async function assertOrgCanTake(conn: Connection, dataset: Dataset, orgLabel: string): Promise<void> {
  const problems = await checkTargetSchema(conn, dataset);
  const missingObjects = problems
    .filter((problem) => problem.reason === 'object-missing')
    .map((problem) => problem.sobject);
  if (missingObjects.length > 0) {
    throw messages.createError('error.SchemaMissing', [missingObjects.join(', ')], [orgLabel, orgLabel]);
  }
  if (problems.length > 0) {
    const lines = problems.map(
      (problem) =>
        `${problem.sobject}: ${problem.fields.join(', ')} (${problem.reason === 'fields-missing' ? 'not visible' : 'read only'})`
    );
    throw messages.createError('error.FieldsNotWritable', [orgLabel, problemList(lines)], [orgLabel, orgLabel]);
  }
}

/** Checks the org, then loads. Record failures are in the result; see {@link loadFailedError}. */
export async function loadIntoOrg(
  conn: Connection,
  dataset: Dataset,
  options: { orgLabel: string; bulkThreshold: number; onProgress?: (progress: LoadProgress) => void }
): Promise<LoadResult> {
  await assertOrgCanTake(conn, dataset, options.orgLabel);
  return loadDataset(conn, dataset, { bulkThreshold: options.bulkThreshold, onProgress: options.onProgress });
}

/** The error of a load with failed records: exit code 1, the failures and the ids written in `data`. */
export function loadFailedError(result: LoadResult, dataset: Dataset, orgLabel: string): SfError {
  const written = result.created + result.updated;
  const error = messages.createError('error.LoadFailed', [
    result.failed,
    countRecords(dataset).total,
    orgLabel,
    written
  ]);
  error.exitCode = 1;
  error.setData({
    failures: result.failures.map((failure) => ({ ...failure })),
    written: Object.fromEntries(result.objects.map((object) => [object.sobject, object.ids])),
    notAttempted: [...result.notAttempted]
  });
  return error;
}
