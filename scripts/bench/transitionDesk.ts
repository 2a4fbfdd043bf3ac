/**
 * Transition-desk benchmark: the per-account rules a portfolio view runs over every account of a book, on 10,000
 * accounts each with a contract renewing tacitly and amended twice, an expired one before it, a Draft successor, a
 * go-live to decide and 60 effort entries. Prints the time per account of each rule; asserts nothing.
 */
import {
  addDays,
  budgetBurn,
  coverageSummary,
  effortOutOfCoverage,
  monthlySpend,
  transitionOptionFromMetadata,
  transitionPlan,
  type Amendment,
  type Contract,
  type EffortEntry,
  type Transition
} from '#engine';
import { readCustomMetadata } from '../../src/seed/customMetadata.js';

const ACCOUNTS = 10_000;
const ENTRIES_PER_ACCOUNT = 60;
const TODAY = '2026-06-01';

interface Book {
  contracts: Contract[];
  amendments: Amendment[];
  transitions: Transition[];
  entries: EffortEntry[];
}

/** One account's records; the dates move with the account's number so that no two accounts are alike. */
function book(i: number): Book {
  const start = addDays('2025-01-01', i % 300);
  const tma: Contract = {
    id: `c${i}`,
    status: 'Active',
    startDate: start,
    endDate: addDays(start, 364),
    tacitRenewal: true,
    renewalTermMonths: 12,
    maxRenewals: 3,
    budgetDays: 60,
    dailyRate: 650
  };
  const expired: Contract = {
    id: `x${i}`,
    status: 'Expired',
    startDate: addDays(start, -200),
    endDate: addDays(start, -10),
    dailyRate: 600
  };
  const draft: Contract = {
    id: `d${i}`,
    status: 'Draft',
    startDate: addDays(start, 700),
    endDate: addDays(start, 1064)
  };
  const amendments: Amendment[] = [
    { contractId: tma.id, effectiveDate: addDays(start, 60), budgetDaysChange: 10 },
    { contractId: tma.id, effectiveDate: addDays(start, 200), newEndDate: addDays(start, 400), newMonthlyFee: 4000 }
  ];
  const entries: EffortEntry[] = [];
  for (let e = 0; e < ENTRIES_PER_ACCOUNT; e += 1) {
    entries.push({
      contractId: e % 10 === 0 ? expired.id : tma.id,
      workDate: addDays(start, -5 + ((e * 7) % 500)),
      days: 0.25 + (e % 4) * 0.25,
      billable: e % 7 !== 0
    });
  }
  const transitions: Transition[] = [
    { id: `t${i}`, goLiveDate: addDays(TODAY, 30 + (i % 200)), warrantyEndDate: null }
  ];
  return { contracts: [expired, tma, draft], amendments, transitions, entries };
}

export function run(): void {
  const options = readCustomMetadata('Transition_Option').map((record) => transitionOptionFromMetadata(record));
  const books = Array.from({ length: ACCOUNTS }, (_, i) => book(i));
  const before = process.memoryUsage().heapUsed;
  const time = (label: string, work: (account: Book) => unknown): void => {
    const started = process.hrtime.bigint();
    for (const account of books) work(account);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(
      `${label.padEnd(44)} ${elapsedMs.toFixed(0).padStart(5)} ms  ` +
        `${((elapsedMs * 1000) / ACCOUNTS).toFixed(1).padStart(6)} µs an account\n`
    );
  };
  process.stdout.write(
    `${ACCOUNTS.toLocaleString('en-US')} accounts: 3 contracts (tacit renewal, 2 amendments), a go-live, ` +
      `${ENTRIES_PER_ACCOUNT} effort entries each\n`
  );
  time('coverageSummary (180-day horizon)', (a) => coverageSummary({ ...a, today: TODAY }));
  time('transitionPlan', (a) =>
    transitionPlan({
      transition: a.transitions[0],
      options,
      contracts: a.contracts,
      amendments: a.amendments,
      today: TODAY
    })
  );
  time('budgetBurn (effective terms, shortfall)', (a) =>
    budgetBurn({
      contract: a.contracts[1],
      amendments: a.amendments,
      entries: a.entries.filter((entry) => entry.contractId === a.contracts[1].id),
      today: TODAY
    })
  );
  time('monthlySpend, 6 months', (a) => monthlySpend({ contract: a.contracts[1], entries: a.entries, today: TODAY }));
  time('effortOutOfCoverage', (a) => effortOutOfCoverage({ ...a, entries: a.entries }));
  const summaries = books.map((a) => coverageSummary({ ...a, today: TODAY }).kind);
  const kinds = new Map<string, number>();
  for (const kind of summaries) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  process.stdout.write(`coverage: ${[...kinds].map(([kind, count]) => `${kind} ${count}`).join(', ')}\n`);
  process.stdout.write(
    `memory: heap used ${((process.memoryUsage().heapUsed - before) / 1024 / 1024).toFixed(1)} MB more after the runs\n`
  );
}
