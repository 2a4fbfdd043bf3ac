/**
 * Reads and checks a seed recipe (YAML). Every problem is reported with the file, line and column, the key path, what
 * is wrong and how to fix it, and all problems of a file are reported at once so that one edit fixes them all.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import levenshtein from 'fast-levenshtein';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
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

function checkUnknownKeys(
  value: Record<string, unknown>,
  allowed: readonly string[],
  path: PathSegment[],
  problems: ProblemCollector,
  what: string
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      problems.add([...path, key], `unknown key "${key}" in ${what}`, suggestion(key, allowed), true);
    }
  }
}

function checkInteger(
  value: unknown,
  path: PathSegment[],
  problems: ProblemCollector,
  min: number,
  max: number,
  kind: 'int' | 'number' = 'int'
): number | undefined {
  const ok = typeof value === 'number' && Number.isFinite(value) && (kind === 'number' || Number.isInteger(value));
  if (!ok || value < min || value > max) {
    const wanted = kind === 'int' ? 'a whole number' : 'a number';
    problems.add(
      path,
      `${JSON.stringify(value)} is not ${wanted} between ${min} and ${max}`,
      `write ${wanted} from ${min} to ${max}`
    );
    return undefined;
  }
  return value;
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

function checkStory(
  entry: unknown,
  path: PathSegment[],
  problems: ProblemCollector,
  context: RecipeContext
): StoryEntry | undefined {
  if (!isPlainObject(entry)) {
    problems.add(
      path,
      'a story entry must be a map',
      'write e.g. "- story: covered" then "accounts: 3" on the next line'
    );
    return undefined;
  }
  const storyName = entry.story;
  if (typeof storyName !== 'string' || !(STORY_NAMES as string[]).includes(storyName)) {
    problems.add(
      [...path, 'story'],
      storyName === undefined ? 'the entry has no "story"' : `unknown story ${JSON.stringify(storyName)}`,
      suggestion(fieldText(storyName), STORY_NAMES),
      storyName === undefined
    );
    return undefined;
  }
  const definition: StoryDefinition = STORY_DEFINITIONS[storyName as StoryName];
  const parameterNames = Object.keys(definition.parameters);
  checkUnknownKeys(entry, [...STORY_KEYS, ...parameterNames], path, problems, `story "${storyName}"`);
  let accounts: number | undefined;
  if (entry.accounts === undefined) {
    problems.add(
      path,
      `story "${storyName}" has no "accounts"`,
      'add "accounts: N" (how many accounts tell this story)'
    );
  } else {
    accounts = checkInteger(entry.accounts, [...path, 'accounts'], problems, 1, MAX_ACCOUNTS_PER_STORY);
  }
  const incidents =
    entry.incidents === undefined
      ? definition.defaultIncidents
      : checkInteger(entry.incidents, [...path, 'incidents'], problems, 0, MAX_INCIDENTS_PER_ACCOUNT);
  const params: Record<string, number> = {};
  for (const [name, parameter] of Object.entries(definition.parameters)) {
    const raw = entry[name];
    const checked =
      raw === undefined
        ? parameter.default
        : checkInteger(raw, [...path, name], problems, parameter.min, parameter.max, parameter.kind);
    if (checked !== undefined) params[name] = checked;
  }
  if (storyName === 'notice-passed' && params.daysToEnd !== undefined && params.noticeDays !== undefined) {
    if (params.daysToEnd >= params.noticeDays) {
      problems.add(
        [...path, 'daysToEnd'],
        `with daysToEnd ${params.daysToEnd} and noticeDays ${params.noticeDays} the notice deadline is not passed`,
        'make daysToEnd smaller than noticeDays'
      );
    }
  }
  if (storyName === 'handover-in-progress' && params.mandatoryOpen > context.mandatoryTemplateItems) {
    problems.add(
      [...path, 'mandatoryOpen'],
      `a checklist has only ${context.mandatoryTemplateItems} mandatory item(s), so ${params.mandatoryOpen} cannot be open`,
      `write a number from 1 to ${context.mandatoryTemplateItems}`
    );
  }
  const set = entry.set === undefined ? {} : checkSet(entry.set, [...path, 'set'], problems, context);
  if (accounts === undefined || incidents === undefined) return undefined;
  return { story: storyName as StoryName, accounts, incidents, params, set };
}

/**
 * Parses and checks recipe text. Throws a {@link RecipeError} listing every problem.
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
  const data: unknown = doc.toJS();
  if (!isPlainObject(data)) {
    problems.add([], 'a recipe must be a map with name, keyPrefix and stories', 'start from config/seed/demo.yaml');
    throw new RecipeError(file, problems.problems);
  }
  checkUnknownKeys(data, RECIPE_KEYS, [], problems, 'the recipe');

  const name = data.name;
  if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    problems.add(
      ['name'],
      'the recipe needs a name of lower-case letters, digits and dashes',
      'write e.g. "name: demo"',
      name === undefined
    );
  }
  const keyPrefix = data.keyPrefix;
  if (typeof keyPrefix !== 'string' || !/^[A-Z][A-Z0-9]{1,11}$/.test(keyPrefix)) {
    problems.add(
      ['keyPrefix'],
      'keyPrefix must be 2 to 12 upper-case letters or digits, starting with a letter',
      'write e.g. "keyPrefix: DEMO"; it starts every external id the recipe creates'
    );
  }
  const seed = data.seed === undefined ? 1 : checkInteger(data.seed, ['seed'], problems, 0, 2 ** 31 - 1);
  let locales: RecipeLocale[] = [...LOCALES];
  if (data.locales !== undefined) {
    if (!Array.isArray(data.locales) || data.locales.length === 0) {
      problems.add(['locales'], 'locales must be a non-empty list', `write e.g. "locales: [fr, en]"`);
    } else {
      data.locales.forEach((locale, index) => {
        if (!(LOCALES as readonly unknown[]).includes(locale)) {
          problems.add(
            ['locales', index],
            `unsupported locale ${JSON.stringify(locale)}`,
            suggestion(String(locale), LOCALES)
          );
        }
      });
      locales = data.locales.filter((locale): locale is RecipeLocale =>
        (LOCALES as readonly unknown[]).includes(locale)
      );
    }
  }
  const timeZone = data.timeZone ?? 'Europe/Paris';
  if (typeof timeZone !== 'string' || !isTimeZone(timeZone)) {
    problems.add(
      ['timeZone'],
      `${JSON.stringify(timeZone)} is not an IANA time zone`,
      'write e.g. "timeZone: Europe/Paris"'
    );
  }
  const description = data.description ?? '';
  if (typeof description !== 'string') {
    problems.add(['description'], 'description must be text', 'write one line of text, or a YAML block with >-');
  }

  const stories: StoryEntry[] = [];
  if (!Array.isArray(data.stories) || data.stories.length === 0) {
    problems.add(
      ['stories'],
      'the recipe has no stories',
      `add a list, e.g. "stories:" then "  - story: covered" and "    accounts: 3"`,
      data.stories === undefined
    );
  } else {
    data.stories.forEach((entry, index) => {
      const story = checkStory(entry, ['stories', index], problems, context);
      if (story) stories.push(story);
    });
  }
  if (problems.problems.length > 0) throw new RecipeError(file, problems.problems);
  return {
    name: name as string,
    description: description as string,
    file,
    seed: seed as number,
    locales,
    timeZone: timeZone as string,
    keyPrefix: keyPrefix as string,
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
