/**
 * `seed --plan FILE`: reads an `sf data tree` plan (the JSON that `sf data export tree --plan` writes and
 * `sf data import tree --plan` reads) and turns it into a dataset, so that it loads with upsert semantics instead of
 * inserting duplicates on every run. `@ReferenceId` values become references by the parent's key, which is why every
 * record must carry its key (External_Id__c, or AccountNumber for accounts).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z, type core } from '../shared/zod.js';
import {
  KEY_FIELD,
  LOAD_ORDER,
  orderedObjects,
  type Dataset,
  type FieldValue,
  type SeedObjectName,
  type SeedRecord
} from './dataset.js';
import { checkFieldValue, suggestion, type RecipeContext } from './recipe.js';

export interface PlanProblem {
  file: string;
  /** Where in the file: `record 3 (AccountRef3)`, `entry 2`... */
  where: string;
  message: string;
  fix: string;
}

export class PlanError extends Error {
  public constructor(
    public readonly file: string,
    public readonly problems: PlanProblem[]
  ) {
    super(
      `${file}: ${problems.length} problem(s)\n` +
        problems.map((p) => `  ${p.file} ${p.where}: ${p.message}`).join('\n')
    );
    this.name = 'PlanError';
  }

  public get fixes(): string[] {
    return this.problems.map((p) => `${p.where}: ${p.fix}`);
  }
}

/** What a message's fix is: zod carries one text per issue, the fix travels beside it. */
type Say = (message: string, fix: string) => string;

/**
 * The plan file, as `sf data export tree --plan` writes it and plugin-data reads it (with a zod schema of the same
 * shape): a non-empty array of { sobject, files }. Other keys (saveRefs, resolveRefs) are accepted and ignored: every
 * reference resolves here by the parent's key. Each entry is checked on its own, so that one bad entry does not hide
 * the problems of the others' files.
 */
function planSchemas(say: Say) {
  const notAPlan = say(
    'a plan is a non-empty JSON array of { sobject, files }',
    'generate one with sf data export tree --plan'
  );
  const notFiles = say('"files" must be a list of file names', 'write e.g. "files": ["Account.json"]');
  const unknownObject = (input: unknown): string =>
    say(`sObject ${JSON.stringify(input)} is not one the seed writes`, suggestion(String(input), LOAD_ORDER));
  return {
    plan: z.array(z.unknown(), { error: notAPlan }).min(1, { error: notAPlan }),
    entry: z.looseObject(
      {
        sobject: z.string({ error: (issue) => unknownObject(issue.input) }).transform((value, ctx) => {
          const sobject = LOAD_ORDER.find((name) => name.toLowerCase() === value.toLowerCase());
          if (sobject) return sobject;
          ctx.addIssue({ code: 'custom', message: unknownObject(value), input: value });
          return z.NEVER;
        }),
        files: z.array(z.string({ error: notFiles }), { error: notFiles })
      },
      {
        error: say(
          'a plan entry must be a JSON object { sobject, files }',
          'write e.g. { "sobject": "Account", "files": ["Account.json"] }'
        )
      }
    )
  };
}

/** A data file of the plan: { records: [...] }, each record a JSON object with its attributes. */
function dataFileSchema(say: Say) {
  const noRecords = say('the file has no "records" list', 'write { "records": [ ... ] }');
  const notText = say(
    'a record\'s "attributes" must be { "type": text, "referenceId": text }',
    'write e.g. "attributes": { "type": "Account", "referenceId": "AccountRef1" }'
  );
  return z.looseObject(
    {
      records: z.array(
        z.looseObject(
          {
            attributes: z
              .looseObject(
                { type: z.string({ error: notText }).optional(), referenceId: z.string({ error: notText }).optional() },
                { error: notText }
              )
              .optional()
          },
          {
            error: say('a record must be a JSON object', 'write each record as { "attributes": {...}, "Field": value }')
          }
        ),
        { error: noRecords }
      )
    },
    { error: noRecords }
  );
}

function readJson(file: string, problems: PlanProblem[], where: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.push({
      file,
      where,
      message: `cannot read the file: ${(error as Error).message}`,
      fix: 'check the path, relative to the plan file'
    });
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    problems.push({ file, where, message: `not valid JSON: ${(error as Error).message}`, fix: 'fix the JSON syntax' });
    return undefined;
  }
}

/**
 * Reads a plan and its data files. Throws {@link PlanError} with every problem found.
 * @param context the data model and configuration names the records are checked against
 */
export function readPlan(planFile: string, context: RecipeContext): Dataset {
  const problems: PlanProblem[] = [];
  const fixes = new Map<string, string>();
  const say: Say = (message, fix) => {
    fixes.set(message, fix);
    return message;
  };
  /** zod's issues as problems of a file, placed by `where` from the issue's path. */
  const addIssues = (file: string, issues: readonly core.$ZodIssue[], where: (path: PropertyKey[]) => string): void => {
    for (const issue of issues) {
      problems.push({ file, where: where(issue.path), message: issue.message, fix: fixes.get(issue.message) ?? '' });
    }
  };
  const json = readJson(planFile, problems, '(plan)');
  if (json === undefined) throw new PlanError(planFile, problems);
  const schemas = planSchemas(say);
  const plan = schemas.plan.safeParse(json);
  if (!plan.success) {
    addIssues(planFile, plan.error.issues, () => '(plan)');
    throw new PlanError(planFile, problems);
  }
  const entries = plan.data.map((raw, index) => {
    const entry = schemas.entry.safeParse(raw);
    if (!entry.success) addIssues(planFile, entry.error.issues, () => `entry ${index + 1}`);
    return entry.data;
  });
  const groups = new Map<SeedObjectName, SeedRecord[]>();
  // referenceId -> the record's sObject and key, filled in plan order as sf data import tree resolves them.
  const references = new Map<string, { sobject: SeedObjectName; key: string }>();
  const pendingRefs: { file: string; where: string; record: SeedRecord; field: string; refId: string }[] = [];

  entries.forEach((entry, entryIndex) => {
    if (!entry) return;
    const where = `entry ${entryIndex + 1}`;
    const { sobject } = entry;
    const fields = context.catalog.get(sobject.toLowerCase())?.fields;
    for (const name of entry.files) {
      const dataFile = resolve(dirname(planFile), name);
      const json = readJson(dataFile, problems, where);
      if (json === undefined) continue;
      const data = dataFileSchema(say).safeParse(json);
      if (!data.success) {
        addIssues(dataFile, data.error.issues, (path) =>
          typeof path[1] === 'number' ? `record ${path[1] + 1}` : '(file)'
        );
        continue;
      }
      data.data.records.forEach((raw, recordIndex) => {
        const refId = raw.attributes?.referenceId;
        const at = `record ${recordIndex + 1}${refId ? ` (${refId})` : ''}`;
        const keyField = KEY_FIELD[sobject];
        const key = Object.entries(raw).find(([field]) => field.toLowerCase() === keyField.toLowerCase())?.[1];
        if (typeof key !== 'string' || key === '') {
          problems.push({
            file: dataFile,
            where: at,
            message: `${sobject} record has no ${keyField}`,
            fix: `add "${keyField}": a unique key, so that a rerun updates instead of duplicating`
          });
          return;
        }
        const record: SeedRecord = { key, fields: {}, refs: {} };
        for (const [fieldName, value] of Object.entries(raw)) {
          if (fieldName === 'attributes' || fieldName.toLowerCase() === keyField.toLowerCase()) continue;
          const field = fields?.get(fieldName.toLowerCase());
          if (!field) {
            problems.push({
              file: dataFile,
              where: at,
              message: `${sobject} has no field "${fieldName}"`,
              fix: suggestion(
                fieldName,
                [...(fields?.values() ?? [])].map((f) => f.name)
              )
            });
            continue;
          }
          if (value !== null && typeof value === 'object') {
            problems.push({
              file: dataFile,
              where: at,
              message: `${fieldName} holds nested records or an object`,
              fix: 'use one file per sObject with @ReferenceId references (sf data export tree --plan)'
            });
            continue;
          }
          if (
            typeof value === 'string' &&
            value.startsWith('@') &&
            (field.type === 'Lookup' || field.type === 'MasterDetail')
          ) {
            pendingRefs.push({ file: dataFile, where: at, record, field: field.name, refId: value.slice(1) });
            continue;
          }
          if (field.type === 'Lookup' || field.type === 'MasterDetail') {
            // A literal id: only meaningful in the org it came from, but sf data import tree accepts it too.
            record.fields[field.name] = value as FieldValue;
            continue;
          }
          const problem = checkFieldValue(field, value, context);
          if (problem) {
            problems.push({ file: dataFile, where: at, message: problem.message, fix: problem.fix });
            continue;
          }
          record.fields[field.name] = value as FieldValue;
        }
        if (refId) references.set(refId, { sobject, key });
        const group = groups.get(sobject) ?? [];
        group.push(record);
        groups.set(sobject, group);
      });
    }
  });

  for (const pending of pendingRefs) {
    const target = references.get(pending.refId);
    if (!target) {
      problems.push({
        file: pending.file,
        where: pending.where,
        message: `${pending.field} points to @${pending.refId}, which no record declares`,
        fix: 'add the parent record to the plan, before this one, or fix the reference id'
      });
      continue;
    }
    pending.record.refs[pending.field] = target;
  }
  if (problems.length > 0) throw new PlanError(planFile, problems);
  return { source: planFile, objects: orderedObjects(groups) };
}
