/**
 * Opportunity stages as a new Salesforce org ships them (Setup > Opportunity Stages; the OpportunityStage records),
 * and what a stage decides on save: the default probability and forecast category, and whether the opportunity is
 * closed and won. Salesforce derives IsClosed and IsWon from the stage on every save; it sets Probability and
 * ForecastCategoryName to the stage's defaults when an opportunity is created, or its stage changes, without the
 * client giving them.
 */
export interface OpportunityStage {
  /** The StageName value (its API name and, in English, its label). */
  value: string;
  /** Probability (%) the stage sets. */
  defaultProbability: number;
  /** ForecastCategoryName the stage sets. */
  forecastCategoryName: 'Omitted' | 'Pipeline' | 'Best Case' | 'Commit' | 'Closed';
  closed: boolean;
  won: boolean;
}

/** The standard stages, in their sales-process order. */
export const OPPORTUNITY_STAGES: readonly OpportunityStage[] = Object.freeze([
  { value: 'Prospecting', defaultProbability: 10, forecastCategoryName: 'Pipeline', closed: false, won: false },
  { value: 'Qualification', defaultProbability: 10, forecastCategoryName: 'Pipeline', closed: false, won: false },
  { value: 'Needs Analysis', defaultProbability: 20, forecastCategoryName: 'Pipeline', closed: false, won: false },
  { value: 'Value Proposition', defaultProbability: 50, forecastCategoryName: 'Pipeline', closed: false, won: false },
  { value: 'Id. Decision Makers', defaultProbability: 60, forecastCategoryName: 'Pipeline', closed: false, won: false },
  { value: 'Perception Analysis', defaultProbability: 70, forecastCategoryName: 'Pipeline', closed: false, won: false },
  {
    value: 'Proposal/Price Quote',
    defaultProbability: 75,
    forecastCategoryName: 'Pipeline',
    closed: false,
    won: false
  },
  { value: 'Negotiation/Review', defaultProbability: 90, forecastCategoryName: 'Pipeline', closed: false, won: false },
  { value: 'Closed Won', defaultProbability: 100, forecastCategoryName: 'Closed', closed: true, won: true },
  { value: 'Closed Lost', defaultProbability: 0, forecastCategoryName: 'Omitted', closed: true, won: false }
]);

/** The forecast categories an opportunity can be put in (ForecastCategoryName values). */
export const FORECAST_CATEGORY_NAMES = ['Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed'] as const;

/**
 * Sets the fields an opportunity's stage decides, on a record about to be saved.
 * @param record the record as it will be stored (the prior values merged with the client's on an update)
 * @param given the fields the client sent
 * @param prior the stored record on an update; undefined on an insert
 */
export function deriveOpportunityFields(
  record: Record<string, unknown>,
  given: Record<string, unknown>,
  prior?: Record<string, unknown>
): void {
  const stage = OPPORTUNITY_STAGES.find((candidate) => candidate.value === record.StageName);
  if (!stage) return;
  record.IsClosed = stage.closed;
  record.IsWon = stage.won;
  const stageSet = prior === undefined || (given.StageName !== undefined && given.StageName !== prior.StageName);
  if (stageSet && given.Probability === undefined) record.Probability = stage.defaultProbability;
  if (stageSet && given.ForecastCategoryName === undefined) record.ForecastCategoryName = stage.forecastCategoryName;
  const amount = typeof record.Amount === 'number' ? record.Amount : null;
  const probability = typeof record.Probability === 'number' ? record.Probability : null;
  record.ExpectedRevenue = amount === null || probability === null ? null : (amount * probability) / 100;
}
