/**
 * The vocabulary of a seed recipe: the stories it can tell and the parameters each story takes. The parser checks
 * recipes against it; the generator builds records from it. A story is a kind of account situation the package must
 * show correctly on the Account tab (covered, a gap ahead, a gap today...), not a list of raw records, so that the
 * demo data stays true to its story on whatever day it is generated.
 */

export interface StoryParameter {
  /** Integer or decimal, with inclusive bounds. */
  kind: 'int' | 'number';
  min: number;
  max: number;
  default: number;
  summary: string;
}

export interface StoryDefinition {
  summary: string;
  /** Incidents per account when the recipe does not say. */
  defaultIncidents: number;
  parameters: Record<string, StoryParameter>;
}

export const STORY_DEFINITIONS = {
  covered: {
    summary: 'An Active contract covers the account today and for the whole horizon; incidents come and go.',
    defaultIncidents: 6,
    parameters: {
      pastTerms: {
        kind: 'int',
        min: 0,
        max: 20,
        default: 0,
        summary: 'earlier yearly contracts, Expired, back to back before the current one (the maintenance history)'
      }
    }
  },
  'gap-ahead': {
    summary: 'The only Active contract ends soon; a renewal is still in Draft, so a gap opens in gapInDays days.',
    defaultIncidents: 4,
    parameters: {
      gapInDays: { kind: 'int', min: 1, max: 89, default: 21, summary: 'days from today to the first uncovered day' }
    }
  },
  'gap-today': {
    summary:
      'Warranty and contract are over, nothing replaced them: the account is in a gap, incidents arrive uncovered.',
    defaultIncidents: 3,
    parameters: {
      daysInGap: { kind: 'int', min: 1, max: 365, default: 12, summary: 'days since the last covered day' }
    }
  },
  'notice-passed': {
    summary: 'An Active contract ends soon and its notice deadline has already passed.',
    defaultIncidents: 4,
    parameters: {
      daysToEnd: { kind: 'int', min: 1, max: 365, default: 45, summary: 'days from today to the contract end' },
      noticeDays: { kind: 'int', min: 1, max: 365, default: 90, summary: 'notice period of the contract, in days' }
    }
  },
  'handover-in-progress': {
    summary: 'A project goes live soon; its handover checklist still has mandatory items open; the TMA is in Draft.',
    defaultIncidents: 0,
    parameters: {
      goLiveInDays: { kind: 'int', min: 0, max: 365, default: 30, summary: 'days from today to the go-live' },
      mandatoryOpen: { kind: 'int', min: 1, max: 50, default: 3, summary: 'mandatory items still open' }
    }
  },
  'handover-signed-off': {
    summary: 'The handover was signed off, and the maintenance contract it gated is Active.',
    defaultIncidents: 3,
    parameters: {
      signedOffDaysAgo: { kind: 'int', min: 2, max: 365, default: 20, summary: 'days since the sign-off' }
    }
  },
  'budget-burn': {
    summary: 'An Active contract has consumed consumedPercent % of its budget of budgetDays man-days.',
    defaultIncidents: 8,
    parameters: {
      consumedPercent: { kind: 'number', min: 0, max: 200, default: 85, summary: 'budget consumed, in percent' },
      budgetDays: { kind: 'number', min: 1, max: 100_000, default: 40, summary: 'budget of the contract, in man-days' }
    }
  },
  'transition-undecided': {
    summary:
      'A project goes live in goLiveInDays days with no warranty and nothing decided for its maintenance: the longest options are already lost.',
    defaultIncidents: 0,
    parameters: {
      goLiveInDays: { kind: 'int', min: 1, max: 365, default: 150, summary: 'days from today to the go-live' },
      mandatoryOpen: { kind: 'int', min: 0, max: 50, default: 5, summary: 'mandatory handover items still open' }
    }
  },
  'transition-decided': {
    summary:
      'The decision for the maintenance after a go-live was taken decidedDaysAgo days ago; it created the successor TMA, still in Draft.',
    defaultIncidents: 0,
    parameters: {
      goLiveInDays: { kind: 'int', min: 1, max: 365, default: 100, summary: 'days from today to the go-live' },
      warrantyDays: { kind: 'int', min: 0, max: 365, default: 90, summary: 'days of warranty after the go-live' },
      decidedDaysAgo: { kind: 'int', min: 0, max: 365, default: 20, summary: 'days since the decision' }
    }
  },
  'amended-delay': {
    summary:
      "The integrator's extension was to end in daysToEnd days when the project slipped: an amendment extended it and added budget, and a TMA signed to follow it.",
    defaultIncidents: 4,
    parameters: {
      daysToEnd: { kind: 'int', min: 1, max: 180, default: 20, summary: 'days from today to the original end' },
      extensionMonths: { kind: 'int', min: 1, max: 24, default: 4, summary: 'months the amendment adds' },
      addedBudgetDays: { kind: 'number', min: 0, max: 10_000, default: 15, summary: 'man-days the amendment adds' }
    }
  },
  'time-and-materials': {
    summary:
      "Maintenance billed by the day with no budget cap; last month's spend crossed the contract's monthly spend alert.",
    defaultIncidents: 4,
    parameters: {
      alertDays: {
        kind: 'number',
        min: 1,
        max: 100,
        default: 8,
        summary: 'the monthly spend alert, in days of the daily rate'
      },
      lastMonthDays: { kind: 'number', min: 0, max: 200, default: 10, summary: 'billable days worked last month' },
      monthlyDays: {
        kind: 'number',
        min: 0,
        max: 200,
        default: 5,
        summary: 'billable days worked in the months before'
      }
    }
  },
  'tacit-renewal': {
    summary:
      'An Active contract renews tacitly; its term ends in daysToEnd days and its notice deadline has passed: it renews, no gap.',
    defaultIncidents: 4,
    parameters: {
      daysToEnd: { kind: 'int', min: 1, max: 365, default: 45, summary: 'days from today to the end of the term' },
      noticeDays: { kind: 'int', min: 1, max: 365, default: 90, summary: 'notice period of the contract, in days' }
    }
  },
  'signed-waiting': {
    summary:
      'A TMA is signed and waits for its start date, the day after the warranty; the handover was signed off with reservations.',
    defaultIncidents: 0,
    parameters: {
      startInDays: { kind: 'int', min: 1, max: 365, default: 21, summary: 'days from today to the start of the TMA' },
      reservations: { kind: 'int', min: 0, max: 50, default: 2, summary: 'mandatory items accepted as reservations' }
    }
  },
  'sla-evidence': {
    summary:
      'An Active contract on the default hours, which list no holiday: a P2 breached its restore target and the Wait on customer tried afterwards was refused, as recorded on it; another P2 was imported from the former service desk.',
    defaultIncidents: 0,
    parameters: {
      breachedDaysAgo: {
        kind: 'int',
        min: 7,
        max: 300,
        default: 14,
        summary: 'days back from today to the Monday (on or before) the breached P2 was reported'
      }
    }
  }
} as const satisfies Record<string, StoryDefinition>;

export type StoryName = keyof typeof STORY_DEFINITIONS;

export const STORY_NAMES = Object.keys(STORY_DEFINITIONS) as StoryName[];

export const LOCALES = ['fr', 'en'] as const;
export type RecipeLocale = (typeof LOCALES)[number];

/** Keys a story entry may have besides its own parameters. */
export const STORY_KEYS = ['story', 'accounts', 'incidents', 'set'] as const;

/** Top-level keys of a recipe. */
export const RECIPE_KEYS = ['name', 'description', 'seed', 'locales', 'timeZone', 'keyPrefix', 'stories'] as const;

/** Incidents one account may have: enough for 100,000-record volume runs, low enough to catch a typo. */
export const MAX_INCIDENTS_PER_ACCOUNT = 10_000;
/** Accounts one story entry may ask for before --scale. */
export const MAX_ACCOUNTS_PER_STORY = 100_000;
