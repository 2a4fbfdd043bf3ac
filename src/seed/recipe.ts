/**
 * Reads and checks a seed recipe (YAML). The recipe's shape (keys, types, bounds, defaults) is a zod schema; the values
 * a story sets on fields are checked against the org's data model. Every problem is reported with the file, line and
 * column, the key path, what is wrong and how to fix it, and all problems of a file are reported at once, in the order
 * of the file, so that one edit fixes them all.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import levenshtein from 'fast-levenshtein';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { z, type core, type ZodNumber } from '../shared/zod.js';
import { seedRecipeDir } from '../shared/projectPaths.js';
import { fieldText } from '../shared/recordFields.js';
import { KEY_FIELD, LOAD_ORDER, type SeedObjectName } from './dataset.js';
import { isDay, isTimeZone, resolveRelativeDay } from '../shared/dates.js';
import { type CatalogField, type FieldCatalog } from './fieldCatalog.js';
import {
  LOCALES,
  MAX_ACCOUNTS_PER_STORY,
  MAX_INCIDENTS_PER_ACCOUNT,
  RECIPE_KEYS,
  STORY_DEFINITIONS,
  STORY_KEYS,
  STORY_NAMES,
  type RecipeLocale,
  type StoryDefinition,
  type StoryName
} from './recipeSchema.js';

/** A value a recipe sets on a field: kept as written; dates are resolved against "today" when generating. */
export type RecipeValue = string | number | boolean | null;

export interface StoryEntry {
  story: StoryName;
  /** Accounts before --scale. */
  accounts: number;
  /** Incidents per account. */
  incidents: number;
  /** The story's parameters, defaults filled in. */
  params: Record<string, number>;
  /** Field values to put on every record of an sObject in this story, by canonical field API name. */
  set: Partial<Record<SeedObjectName, Record<string, RecipeValue>>>;
}

export interface Recipe {
  name: string;
  description: string;
  /** The file the recipe came from. */
  file: string;
  seed: number;
  locales: RecipeLocale[];
  /** The zone whose calendar day is "today" for the recipe's relative dates. */
  timeZone: string;
  /** Prefix of every key (AccountNumber, External_Id__c) the recipe generates; it keeps recipes apart in one org. */
  keyPrefix: string;
  stories: StoryEntry[];
}

export interface RecipeProblem {
  line: number;
  column: number;
  /** Key path such as `stories[2].set.Maintenance_Contract__c.Status__c`. */
  path: string;
  message: string;
  fix: string;
}

/** A recipe that cannot be used, with every problem found in it. */
export class RecipeError extends Error {
  public constructor(
    public readonly file: string,
    public readonly problems: RecipeProblem[]
  ) {
    super(
      `${file}: ${problems.length} problem(s)\n` +
        problems.map((p) => `  line ${p.line}, column ${p.column} (${p.path}): ${p.message}`).join('\n')
    );
    this.name = 'RecipeError';
  }

  /** One "how to fix" line per problem, for an error's actions. */
  public get fixes(): string[] {
    return this.problems.map((p) => `line ${p.line} (${p.path}): ${p.fix}`);
  }
}

/** What a recipe is checked against: the data model and the names of the deployed configuration records. */
export interface RecipeContext {
  catalog: FieldCatalog;
  calendars: string[];
  slaTemplates: string[];
  /** Mandatory handover template items: a checklist cannot have more mandatory items open than this. */
  mandatoryTemplateItems: number;
}

/** The recipes shipped in config/seed, by name. */
export function listRecipes(dir: string = seedRecipeDir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml') || file.endsWith('.yml'))
    .map((file) => basename(file, extname(file)))
    .sort();
}

/**
 * Finds the file of `--recipe`: a path to a YAML file, or the name of a recipe in config/seed.
 * Returns undefined when neither exists.
 */
export function locateRecipe(nameOrPath: string, dir: string = seedRecipeDir): string | undefined {
  const looksLikePath = nameOrPath.includes('/') || nameOrPath.includes('\\') || /\.ya?ml$/i.test(nameOrPath);
  if (looksLikePath) {
    const file = isAbsolute(nameOrPath) ? nameOrPath : resolve(nameOrPath);
    return existsSync(file) ? file : undefined;
  }
  for (const ext of ['.yaml', '.yml']) {
    const file = join(dir, nameOrPath + ext);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** "did you mean X?" when one candidate is close enough, else the list of candidates. */
export function suggestion(input: string, candidates: readonly string[]): string {
  const lowered = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    // The edit distance, to suggest the key the author probably meant.
    const d = levenshtein.get(lowered, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 4))) return `did you mean "${best}"?`;
  return `use one of: ${candidates.join(', ')}`;
}

type PathSegment = string | number;

function formatPath(path: PathSegment[]): string {
  return path.reduce<string>(
    (text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment),
    ''
  );
}

class ProblemCollector {
  public readonly problems: RecipeProblem[] = [];

  public constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter
  ) {}

  /** The problems in the order of the file (by line, then column), so that they read top to bottom. */
  public sorted(): RecipeProblem[] {
    return [...this.problems].sort((a, b) => a.line - b.line || a.column - b.column);
  }

  /** Reports a problem at the deepest node of `path` that exists (the key itself when `atKey`). */
  public add(path: PathSegment[], message: string, fix: string, atKey = false): void {
    const offset = this.offsetOf(path, atKey);
    const { line, col } = this.lines.linePos(offset);
    this.problems.push({ line, column: col, path: formatPath(path) || '(top level)', message, fix });
  }

  private offsetOf(path: PathSegment[], atKey: boolean): number {
    let node: unknown = this.doc.contents;
    let offset = (node as Node | null)?.range?.[0] ?? 0;
    for (const [index, segment] of path.entries()) {
      const last = index === path.length - 1;
      if (isMap(node) && typeof segment === 'string') {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
        if (!pair) break;
        const keyNode = pair.key as Node;
        const valueNode = pair.value as Node | null;
        offset = (last && atKey) || !valueNode?.range ? (keyNode.range?.[0] ?? offset) : valueNode.range[0];
        node = valueNode;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (!item?.range) break;
        offset = item.range[0];
        node = item;
      } else {
        break;
      }
    }
    return offset;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks one value against the field it is meant for; returns a problem text and its fix, or undefined if fine. */
export function checkFieldValue(
  field: CatalogField,
  value: unknown,
  context: Pick<RecipeContext, 'calendars' | 'slaTemplates'>
): { message: string; fix: string } | undefined {
  if (field.computed) {
    return {
      message: `${field.name} is computed by the org (${field.type === 'Summary' ? 'roll-up summary' : 'formula or auto-number'})`,
      fix: 'remove it: the org calculates it from other fields'
    };
  }
  if (field.type === 'Lookup' || field.type === 'MasterDetail') {
    return {
      message: `${field.name} is a relationship the story sets itself`,
      fix: 'remove it: choose another story to change who points to whom'
    };
  }
  if (value === null) {
    return field.required
      ? { message: `${field.name} is required and cannot be blank`, fix: 'give it a value or remove the key' }
      : undefined;
  }
  switch (field.type) {
    case 'Checkbox':
      return typeof value === 'boolean'
        ? undefined
        : { message: `${field.name} is a checkbox`, fix: 'write true or false' };
    case 'Number':
    case 'Percent':
    case 'Currency': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return {
          message: `${field.name} is a number, got ${JSON.stringify(value)}`,
          fix: 'write a number without quotes'
        };
      }
      const scale = field.scale ?? 0;
      const integerDigits = (field.precision ?? 18) - scale;
      const [whole, decimals = ''] = Math.abs(value).toString().split('.');
      if (whole.length > integerDigits || decimals.length > scale) {
        return {
          message: `${value} does not fit ${field.name} (${integerDigits} digit(s) before the point, ${scale} after)`,
          fix: `write a number with at most ${integerDigits} digit(s) before the point and ${scale} after`
        };
      }
      return undefined;
    }
    case 'Date':
      return typeof value === 'string' && resolveRelativeDay(value, '2000-01-01') !== undefined
        ? undefined
        : {
            message: `${field.name} is a date, got ${JSON.stringify(value)}`,
            fix: 'write YYYY-MM-DD, today, or today+N / today-N with an optional unit d, w, m or y (e.g. today+3m)'
          };
    case 'DateTime':
      return typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
        ? undefined
        : {
            message: `${field.name} is a date-time`,
            fix: 'write an ISO-8601 instant with its zone, e.g. 2026-05-04T09:30:00Z'
          };
    case 'Picklist': {
      const allowed = field.picklistValues ?? [];
      if (typeof value !== 'string' || (field.restricted && !allowed.includes(value))) {
        return {
          message: `${JSON.stringify(value)} is not a value of the picklist ${field.name}`,
          fix: suggestion(typeof value === 'string' ? value : JSON.stringify(value), allowed)
        };
      }
      return undefined;
    }
    default: {
      if (typeof value === 'object') {
        return { message: `${field.name} takes a single value`, fix: 'write a plain text value, not a list or a map' };
      }
      const textValue = fieldText(value);
      if (field.length !== undefined && textValue.length > field.length) {
        return {
          message: `${field.name} holds at most ${field.length} characters, got ${textValue.length}`,
          fix: `shorten the value to ${field.length} characters`
        };
      }
      if (field.name === 'Calendar__c' && !context.calendars.includes(textValue)) {
        return {
          message: `"${textValue}" is not a Maintenance_Calendar__mdt record`,
          fix: suggestion(textValue, context.calendars)
        };
      }
      if (field.name === 'SLA_Template__c' && !context.slaTemplates.includes(textValue)) {
        return {
          message: `"${textValue}" is not an SLA_Template__mdt record`,
          fix: suggestion(textValue, context.slaTemplates)
        };
      }
      if (field.name === 'Time_Zone__c' && !isTimeZone(textValue)) {
        return {
          message: `"${textValue}" is not an IANA time zone`,
          fix: 'write a zone such as Europe/Paris or America/New_York'
        };
      }
      return undefined;
    }
  }
}

function checkSet(
  value: unknown,
  path: PathSegment[],
  problems: ProblemCollector,
  context: RecipeContext
): StoryEntry['set'] {
  const result: StoryEntry['set'] = {};
  if (!isPlainObject(value)) {
    problems.add(
      path,
      '"set" must map sObject names to field values',
      `write e.g. set: { Maintenance_Contract__c: { Provider__c: Acme } }`
    );
    return result;
  }
  for (const [objectName, fields] of Object.entries(value)) {
    const objectPath = [...path, objectName];
    const sobject = LOAD_ORDER.find((name) => name.toLowerCase() === objectName.toLowerCase());
    const catalogObject = context.catalog.get(objectName.toLowerCase());
    if (!sobject || !catalogObject) {
      problems.add(
        objectPath,
        `"${objectName}" is not an sObject the seed writes`,
        suggestion(objectName, LOAD_ORDER),
        true
      );
      continue;
    }
    if (!isPlainObject(fields)) {
      problems.add(
        objectPath,
        `the fields of ${sobject} must be a map of field: value`,
        'write one "Field__c: value" per line'
      );
      continue;
    }
    const values: Record<string, RecipeValue> = {};
    for (const [fieldName, fieldValue] of Object.entries(fields)) {
      const fieldPath = [...objectPath, fieldName];
      const field = catalogObject.fields.get(fieldName.toLowerCase());
      if (!field) {
        const names = [...catalogObject.fields.values()].map((f) => f.name);
        problems.add(fieldPath, `${sobject} has no field "${fieldName}"`, suggestion(fieldName, names), true);
        continue;
      }
      if (field.name === KEY_FIELD[sobject]) {
        problems.add(
          fieldPath,
          `${field.name} is the key the seed generates for ${sobject}`,
          'remove it; change keyPrefix to get other keys',
          true
        );
        continue;
      }
      const problem = checkFieldValue(field, fieldValue, context);
      if (problem) {
        problems.add(fieldPath, problem.message, problem.fix);
        continue;
      }
      values[field.name] = fieldValue as RecipeValue;
    }
    result[sobject] = values;
  }
  return result;
}

/**
 * Turns a message and its fix into the message zod reports: zod carries one text per issue, so the fix travels in a
 * map beside it, looked up when the issue becomes a {@link RecipeProblem}.
 */
type Say = (message: string, fix: string) => string;

/** What zod reports for an input, as the recipe wrote it. */
function written(input: unknown): string {
  return JSON.stringify(input) ?? String(input);
}

/**
 * A whole number (or any number) within bounds, the one message whatever is wrong with it.
 * @param missing message and fix when the key is absent, if it is required
 */
function boundedNumber(
  say: Say,
  min: number,
  max: number,
  kind: 'int' | 'number' = 'int',
  missing?: { message: string; fix: string }
): ZodNumber {
  const wanted = kind === 'int' ? 'a whole number' : 'a number';
  const error = (issue: { input?: unknown }): string =>
    issue.input === undefined && missing
      ? say(missing.message, missing.fix)
      : say(
          `${written(issue.input)} is not ${wanted} between ${min} and ${max}`,
          `write ${wanted} from ${min} to ${max}`
        );
  return (kind === 'int' ? z.int({ error }) : z.number({ error })).min(min, { error }).max(max, { error });
}

/** The recipe's own keys (its stories are checked one by one, each against its story's schema). */
function recipeSchema(say: Say) {
  const nameError = say('the recipe needs a name of lower-case letters, digits and dashes', 'write e.g. "name: demo"');
  const keyPrefixError = say(
    'keyPrefix must be 2 to 12 upper-case letters or digits, starting with a letter',
    'write e.g. "keyPrefix: DEMO"; it starts every external id the recipe creates'
  );
  const localesError = say('locales must be a non-empty list', 'write e.g. "locales: [fr, en]"');
  const timeZoneError = (issue: { input?: unknown }): string =>
    say(`${written(issue.input)} is not an IANA time zone`, 'write e.g. "timeZone: Europe/Paris"');
  const storiesError = say(
    'the recipe has no stories',
    'add a list, e.g. "stories:" then "  - story: covered" and "    accounts: 3"'
  );
  return z.strictObject(
    {
      name: z.string({ error: nameError }).regex(/^[a-z0-9][a-z0-9-]*$/, { error: nameError }),
      keyPrefix: z.string({ error: keyPrefixError }).regex(/^[A-Z][A-Z0-9]{1,11}$/, { error: keyPrefixError }),
      seed: boundedNumber(say, 0, 2 ** 31 - 1).default(1),
      locales: z
        .array(
          z.enum(LOCALES, {
            error: (issue) =>
              say(`unsupported locale ${written(issue.input)}`, suggestion(String(issue.input), LOCALES))
          }),
          { error: localesError }
        )
        .min(1, { error: localesError })
        .default([...LOCALES]),
      // A key left blank (null) takes the default, as an absent one does.
      timeZone: z
        .string({ error: timeZoneError })
        .nullish()
        .transform((value) => value ?? 'Europe/Paris')
        .refine(isTimeZone, { error: timeZoneError }),
      description: z
        .string({
          error: say('description must be text', 'write one line of text, or a YAML block with >-')
        })
        .nullish()
        .transform((value) => value ?? ''),
      stories: z.array(z.unknown(), { error: storiesError }).min(1, { error: storiesError })
    },
    { error: say('a recipe must be a map with name, keyPrefix and stories', 'start from config/seed/demo.yaml') }
  );
}

/** Which story an entry tells: checked first, as the rest of the entry depends on it. */
function storyHeadSchema(say: Say) {
  return z.looseObject(
    {
      story: z.enum(STORY_NAMES, {
        error: (issue) =>
          issue.input === undefined
            ? say('the entry has no "story"', suggestion('', STORY_NAMES))
            : say(`unknown story ${written(issue.input)}`, suggestion(fieldText(issue.input), STORY_NAMES))
      })
    },
    { error: say('a story entry must be a map', 'write e.g. "- story: covered" then "accounts: 3" on the next line') }
  );
}

/** One story entry: its accounts and incidents, the story's parameters with their bounds and defaults, its rules. */
function storySchema(name: StoryName, say: Say, context: RecipeContext) {
  const definition: StoryDefinition = STORY_DEFINITIONS[name];
  const parameters = Object.fromEntries(
    Object.entries(definition.parameters).map(([key, parameter]) => [
      key,
      boundedNumber(say, parameter.min, parameter.max, parameter.kind).default(parameter.default)
    ])
  );
  return z
    .strictObject({
      story: z.literal(name),
      accounts: boundedNumber(say, 1, MAX_ACCOUNTS_PER_STORY, 'int', {
        message: `story "${name}" has no "accounts"`,
        fix: 'add "accounts: N" (how many accounts tell this story)'
      }),
      incidents: boundedNumber(say, 0, MAX_INCIDENTS_PER_ACCOUNT).default(definition.defaultIncidents),
      // Checked against the org's data model by checkSet.
      set: z.unknown().optional(),
      ...parameters
    })
    .refine((entry) => name !== 'notice-passed' || numbers(entry).daysToEnd < numbers(entry).noticeDays, {
      path: ['daysToEnd'],
      when: (payload) => clean(payload, ['daysToEnd', 'noticeDays']),
      error: (issue) =>
        say(
          `with daysToEnd ${numbers(issue.input).daysToEnd} and noticeDays ${numbers(issue.input).noticeDays} the notice deadline is not passed`,
          'make daysToEnd smaller than noticeDays'
        )
    })
    .refine(
      (entry) => name !== 'handover-in-progress' || numbers(entry).mandatoryOpen <= context.mandatoryTemplateItems,
      {
        path: ['mandatoryOpen'],
        when: (payload) => clean(payload, ['mandatoryOpen']),
        error: (issue) =>
          say(
            `a checklist has only ${context.mandatoryTemplateItems} mandatory item(s), so ${numbers(issue.input).mandatoryOpen} cannot be open`,
            `write a number from 1 to ${context.mandatoryTemplateItems}`
          )
      }
    );
}

/** A story entry's parameters, as numbers (the rules below run only once those they read are valid). */
function numbers(entry: unknown): Record<string, number> {
  return entry as Record<string, number>;
}

/** Whether none of these keys has an issue: a rule between parameters runs then, whatever else is wrong. */
function clean(payload: { issues: readonly { path?: PropertyKey[] }[] }, keys: string[]): boolean {
  return !payload.issues.some((issue) => keys.includes(String(issue.path?.[0])));
}

/**
 * Adds zod's issues as problems: at their path under `prefix`, each with the fix its message was made with; an unknown
 * key at the key itself, with the closest allowed key.
 */
function addIssues(
  issues: readonly core.$ZodIssue[],
  prefix: PathSegment[],
  problems: ProblemCollector,
  fixes: Map<string, string>,
  keys: { what: string; allowed: readonly string[] }
): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)))];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.add([...path, key], `unknown key "${key}" in ${keys.what}`, suggestion(key, keys.allowed), true);
      }
      continue;
    }
    problems.add(path, issue.message, fixes.get(issue.message) ?? 'compare with config/seed/demo.yaml');
  }
}

/** Checks one story entry; returns it with its defaults, or undefined when it has problems. */
function checkStory(
  entry: unknown,
  path: PathSegment[],
  problems: ProblemCollector,
  context: RecipeContext,
  say: Say,
  fixes: Map<string, string>
): StoryEntry | undefined {
  const head = storyHeadSchema(say).safeParse(entry);
  if (!head.success) {
    const missingStory = isPlainObject(entry) && entry.story === undefined;
    for (const issue of head.error.issues) {
      problems.add([...path, ...issue.path.map(String)], issue.message, fixes.get(issue.message) ?? '', missingStory);
    }
    return undefined;
  }
  const name = head.data.story;
  const definition: StoryDefinition = STORY_DEFINITIONS[name];
  const checked = storySchema(name, say, context).safeParse(entry);
  if (!checked.success) {
    addIssues(checked.error.issues, path, problems, fixes, {
      what: `story "${name}"`,
      allowed: [...STORY_KEYS, ...Object.keys(definition.parameters)]
    });
  }
  const rawSet = (entry as Record<string, unknown>).set;
  const set = rawSet === undefined ? {} : checkSet(rawSet, [...path, 'set'], problems, context);
  if (!checked.success) return undefined;
  const values = checked.data as Record<string, unknown>;
  const params = Object.fromEntries(Object.keys(definition.parameters).map((key) => [key, values[key] as number]));
  return { story: name, accounts: checked.data.accounts, incidents: checked.data.incidents, params, set };
}

/**
 * Parses and checks recipe text. Throws a {@link RecipeError} listing every problem, in the order of the file.
 * @param source the YAML text
 * @param file the file name shown in errors
 */
export function parseRecipe(source: string, file: string, context: RecipeContext): Recipe {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new RecipeError(
      file,
      doc.errors.map((error) => ({
        line: error.linePos?.[0].line ?? 1,
        column: error.linePos?.[0].col ?? 1,
        path: '(YAML syntax)',
        message: error.message.split('\n')[0],
        fix:
          error.code === 'DUPLICATE_KEY'
            ? 'keep only one of the repeated keys'
            : 'fix the YAML syntax (indent with spaces, close every bracket and quote)'
      }))
    );
  }
  const problems = new ProblemCollector(doc, lines);
  const fixes = new Map<string, string>();
  const say: Say = (message, fix) => {
    fixes.set(message, fix);
    return message;
  };
  const data: unknown = doc.toJS();
  const checked = recipeSchema(say).safeParse(data);
  if (!checked.success)
    addIssues(checked.error.issues, [], problems, fixes, { what: 'the recipe', allowed: RECIPE_KEYS });
  const stories: StoryEntry[] = [];
  if (isPlainObject(data) && Array.isArray(data.stories)) {
    data.stories.forEach((entry, index) => {
      const story = checkStory(entry, ['stories', index], problems, context, say, fixes);
      if (story) stories.push(story);
    });
  }
  if (!checked.success || problems.problems.length > 0) throw new RecipeError(file, problems.sorted());
  const recipe = checked.data;
  return {
    name: recipe.name,
    description: recipe.description,
    file,
    seed: recipe.seed,
    locales: recipe.locales,
    timeZone: recipe.timeZone,
    keyPrefix: recipe.keyPrefix,
    stories
  };
}

/** Reads and checks a recipe file. Throws RecipeError on any problem, including an unreadable file. */
export function readRecipe(file: string, context: RecipeContext): Recipe {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RecipeError(file, [
      {
        line: 1,
        column: 1,
        path: '(file)',
        message: `cannot read the file: ${(error as Error).message}`,
        fix: 'check the path and its permissions'
      }
    ]);
  }
  return parseRecipe(source, file, context);
}

/** Resolves a date value written in a recipe (`today+21`, `2026-05-04`) against the day the seed runs. */
export function resolveRecipeValue(field: CatalogField | undefined, value: RecipeValue, today: string): RecipeValue {
  if (field?.type === 'Date' && typeof value === 'string' && !isDay(value)) {
    return resolveRelativeDay(value, today) ?? value;
  }
  if (
    typeof value === 'number' &&
    field &&
    ['Text', 'TextArea', 'LongTextArea', 'Url', 'Phone', 'Email'].includes(field.type)
  ) {
    return String(value);
  }
  return value;
}
