/**
 * Turns a recipe into a dataset. Deterministic: the same recipe, seed, scale and day give the same records, field
 * for field. Each account draws from its own faker stream, seeded with (seed, story entry, account number), so
 * account N of a story is the same at --scale 1 and --scale 100: a bigger scale only adds accounts.
 */
import type { Faker } from '@faker-js/faker';
import { faker as fakerEn } from '@faker-js/faker/locale/en';
import { faker as fakerFr } from '@faker-js/faker/locale/fr';
import { orderedObjects, type Dataset, type FieldValue, type SeedObjectName, type SeedRecord } from './dataset.js';
import { todayIn, zonedInstant } from '../shared/dates.js';
import type { CatalogObject } from './fieldCatalog.js';
import type { PackageConfig } from './packageConfig.js';
import type { Recipe } from './recipe.js';
import type { RecipeLocale, StoryName } from './recipeSchema.js';
import {
  applyOverrides,
  STORY_BUILDERS,
  STORY_CODES,
  storyDescription,
  type AccountContext,
  type AccountRecords
} from './stories.js';

export interface GenerateOptions {
  /** The day the stories are told from, `YYYY-MM-DD`; default: today in the recipe's time zone. */
  today?: string;
  /** Overrides the recipe's seed. */
  seed?: number;
  /** Multiplies the accounts of every story entry; default 1. */
  scale?: number;
}

export interface GeneratedAccount {
  key: string;
  name: string;
  story: StoryName;
  locale: RecipeLocale;
}

export interface GeneratedDataset extends Dataset {
  recipe: string;
  seed: number;
  scale: number;
  today: string;
  /** Which story each account tells, in generation order. */
  accounts: GeneratedAccount[];
}

/**
 * The faker definitions of each recipe locale, from faker's per-locale entry points: its main entry point loads all
 * of its 77 locales (some 130 ms of CPU at every seed), locale/en and locale/fr only theirs. Each holds its locale's
 * definitions over faker's base ones; fr's entry puts en's in between, for what fr does not define. Every definition
 * that fr or base gives keeps its value (test/plugin/generator.test.ts checks it), and the faker methods the stories
 * call read no other, so a seed generates the same records as with fr over base alone.
 */
export const LOCALE_DEFINITIONS = { fr: fakerFr.rawDefinitions, en: fakerEn.rawDefinitions } as const;
/** faker's Faker class, from its locale entry point (the main entry point would load every locale). */
const FakerClass = fakerEn.constructor as typeof Faker;
const ACCOUNT_ZONES: Record<RecipeLocale, string> = { fr: 'Europe/Paris', en: 'Europe/London' };
const COUNTRIES: Record<RecipeLocale, string> = { fr: 'France', en: 'United Kingdom' };
const INDUSTRIES = [
  'Technology',
  'Manufacturing',
  'Retail',
  'Finance',
  'Healthcare',
  'Energy',
  'Transportation',
  'Insurance',
  'Utilities',
  'Government'
];

/** A company name not used yet in this dataset (faker repeats itself over thousands of accounts). */
function uniqueName(faker: Faker, used: Set<string>): string {
  let name = faker.company.name();
  for (let attempt = 2; used.has(name); attempt++) name = `${faker.company.name()}${attempt > 5 ? ` ${attempt}` : ''}`;
  used.add(name);
  return name;
}

/**
 * Gives every record of an object each field that any record of that object sets: a field a record leaves out
 * becomes empty (null, or false for a checkbox, which cannot be null). Told from another day, a story may leave empty
 * a field an earlier seed filled (an incident resolved then, open now): the upsert must clear it, not keep it, so
 * that a rerun leaves each record exactly as the recipe tells it. References are left as they are.
 */
function settleUnsetFields(records: SeedRecord[], object: CatalogObject | undefined): void {
  const names = new Set(records.flatMap((record) => Object.keys(record.fields)));
  for (const record of records) {
    for (const name of names) {
      if (name in record.fields) continue;
      record.fields[name] = object?.fields.get(name.toLowerCase())?.type === 'Checkbox' ? false : null;
    }
  }
}

/** Generates the dataset of a recipe. */
export function generateDataset(
  recipe: Recipe,
  config: PackageConfig,
  options: GenerateOptions = {}
): GeneratedDataset {
  const seed = options.seed ?? recipe.seed;
  const scale = options.scale ?? 1;
  const today = options.today ?? todayIn(recipe.timeZone);
  const cutoff = zonedInstant(today, 0, recipe.timeZone);
  const fakers = new Map(
    recipe.locales.map((locale) => [locale, new FakerClass({ locale: LOCALE_DEFINITIONS[locale] })])
  );
  const groups = new Map<SeedObjectName, SeedRecord[]>();
  const accounts: GeneratedAccount[] = [];
  const usedNames = new Set<string>();

  recipe.stories.forEach((entry, entryIndex) => {
    const count = entry.accounts * scale;
    for (let index = 0; index < count; index++) {
      const locale = recipe.locales[(entryIndex + index) % recipe.locales.length];
      const faker = fakers.get(locale) as Faker;
      faker.seed([seed, entryIndex, index]);
      const key = `${recipe.keyPrefix}-${STORY_CODES[entry.story]}${entryIndex + 1}-${String(index + 1).padStart(5, '0')}`;
      const name = uniqueName(faker, usedNames);
      const domain = `${faker.internet.domainWord()}.example`;
      const accountFields: Record<string, FieldValue> = {
        Name: name,
        Industry: faker.helpers.arrayElement(INDUSTRIES),
        BillingCity: faker.location.city().slice(0, 40),
        BillingCountry: COUNTRIES[locale],
        Phone: faker.phone.number().slice(0, 40),
        Website: `https://www.${domain}`,
        NumberOfEmployees: faker.number.int({ min: 20, max: 5000 }),
        Description: storyDescription(entry.story)
      };
      const records: AccountRecords = new Map([['Account', [{ key, fields: accountFields, refs: {} }]]]);
      const context: AccountContext = {
        faker,
        locale,
        key,
        name,
        domain,
        timeZone: ACCOUNT_ZONES[locale],
        today,
        cutoff,
        entry,
        index,
        config
      };
      applyOverrides(context, 'Account', accountFields);
      STORY_BUILDERS[entry.story](context, records);
      for (const [sobject, list] of records) {
        const group = groups.get(sobject) ?? [];
        for (const record of list) group.push(record);
        groups.set(sobject, group);
      }
      accounts.push({ key, name, story: entry.story, locale });
    }
  });
  for (const [sobject, records] of groups) settleUnsetFields(records, config.catalog.get(sobject));
  return {
    source: `recipe ${recipe.name}`,
    recipe: recipe.name,
    seed,
    scale,
    today,
    accounts,
    objects: orderedObjects(groups)
  };
}
