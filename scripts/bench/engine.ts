/**
 * Engine benchmark: SLA targets and statuses of 100,000 incidents on the package's Paris business calendar (Mon-Fri
 * 09:00-18:00, French public holidays 2026-2027, read from its custom metadata record), Standard SLA template (P1 24x7). Target from issue 3: under 1 s in
 * all, i.e. under 10 µs an incident, on the 2-core build machine. Prints figures; asserts nothing.
 */
import {
  addBusinessMinutes,
  businessMinutesBetween,
  calendarFromMetadata,
  computeSlaTargets,
  contractFromRecord,
  PRIORITIES,
  slaStatus,
  type Calendar,
  type Incident,
  type Priority
} from '#engine';
import { readCustomMetadata } from '../../src/seed/customMetadata.js';

const INCIDENTS = 100_000;

/** Deterministic pseudo-random numbers (mulberry32), so that every run measures the same workload. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function run(): void {
  // The calendar the package ships (force-app customMetadata), as the components and the CLI read it.
  const paris = readCustomMetadata('Maintenance_Calendar').find(
    (record) => record.DeveloperName === 'Paris_Business_Hours'
  );
  if (!paris) throw new Error('The Paris_Business_Hours calendar record is missing from force-app');
  const calendar = calendarFromMetadata(paris);
  const contract = contractFromRecord({
    Id: 'a01000000000001AAA',
    Status__c: 'Active',
    Start_Date__c: '2026-01-01',
    End_Date__c: '2027-12-31',
    P1_Response_Minutes__c: 15,
    P1_Resolution_Hours__c: 4,
    P1_24x7__c: true,
    P2_Response_Minutes__c: 30,
    P2_Resolution_Hours__c: 8,
    P3_Response_Minutes__c: 60,
    P3_Resolution_Hours__c: 24,
    P4_Response_Minutes__c: 240,
    P4_Resolution_Hours__c: 72
  });

  // Two years of history as a support desk has it: 85 % resolved (after 20-125 % of their target), the open ones
  // from the last 20 days, a tenth of those waiting on the customer, half of all with closed pauses.
  const next = random(20260301);
  const now = new Date(Date.UTC(2027, 11, 15, 10, 0));
  const historyStart = Date.UTC(2026, 0, 1);
  const history = now.getTime() - historyStart;
  const recent = 20 * 86400000;
  const alwaysOpen: Calendar = { alwaysOpen: true };
  const incidents: Incident[] = [];
  for (let i = 0; i < INCIDENTS; i += 1) {
    const roll = next();
    const open = roll >= 0.85;
    const reported = open
      ? now.getTime() - Math.floor(next() * recent)
      : historyStart + Math.floor(next() * (history - recent));
    const incident: Incident = {
      id: `INC-${i}`,
      priority: PRIORITIES[Math.floor(next() * 4)],
      status: 'In Progress',
      reportedAt: new Date(reported),
      pausedMinutes: next() < 0.5 ? Math.floor(next() * 600) : 0
    };
    // Responded after 10 % to 115 % of the response target, on the priority's own clock.
    const terms = contract.sla?.[incident.priority as Priority];
    const ownClock = terms?.alwaysOn ? alwaysOpen : calendar;
    incident.respondedAt = addBusinessMinutes(
      incident.reportedAt as Date,
      Math.round((terms?.responseMinutes ?? 0) * (0.1 + next() * 1.05)),
      ownClock
    );
    if (!open) {
      // Resolved after 20 % to 125 % of the resolution target, on the priority's own clock: about a fifth breach.
      incident.status = 'Resolved';
      incident.resolvedAt = addBusinessMinutes(
        incident.reportedAt as Date,
        Math.round((terms?.resolutionMinutes ?? 0) * (0.2 + next() * 1.05)),
        ownClock
      );
    } else if (roll >= 0.985) {
      incident.status = 'Waiting on Customer';
      incident.pausedSince = new Date(reported + Math.floor(next() * (now.getTime() - reported)));
    }
    incidents.push(incident);
  }

  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  const sample = () => {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
  };

  const targetsOf = (incident: Incident) =>
    computeSlaTargets({
      priority: incident.priority as Priority,
      reportedAt: incident.reportedAt as Date,
      pausedMinutes: incident.pausedMinutes,
      pausedSince: incident.pausedSince,
      now,
      contract,
      calendar
    });
  const statusOf = (incident: Incident) => slaStatus({ incident, contract, calendar, now });
  const time = (label: string, work: (incident: Incident) => unknown) => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < incidents.length; i += 1) {
      work(incidents[i]);
      if ((i & 8191) === 0) {
        sample();
      }
    }
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    sample();
    process.stdout.write(
      `${label.padEnd(44)} ${elapsedMs.toFixed(0).padStart(5)} ms  ` +
        `${((elapsedMs * 1000) / INCIDENTS).toFixed(2).padStart(6)} µs an incident\n`
    );
  };

  process.stdout.write(`${INCIDENTS.toLocaleString('en-US')} incidents, Paris business calendar with holidays\n`);
  // Filling a calendar's cache (compile, then two years of days converted to UTC intervals), on a copy the engine
  // has not seen yet: an extra far-future holiday gives it different content.
  const fresh = { ...calendar, holidays: [...('holidays' in calendar ? (calendar.holidays ?? []) : []), '2099-01-01'] };
  const fillStarted = process.hrtime.bigint();
  businessMinutesBetween(new Date(historyStart), now, fresh);
  const fillMs = Number(process.hrtime.bigint() - fillStarted) / 1e6;
  process.stdout.write(`${'calendar cache fill, 2 years'.padEnd(44)} ${fillMs.toFixed(1).padStart(5)} ms\n`);
  time('targets + statuses, first pass', (incident) => [targetsOf(incident), statusOf(incident)]);
  time('targets + statuses, second pass', (incident) => [targetsOf(incident), statusOf(incident)]);
  time('targets only', targetsOf);
  time('statuses only', statusOf);
  const bands = new Map<string, number>();
  for (const incident of incidents) {
    const band = statusOf(incident).band;
    bands.set(band, (bands.get(band) ?? 0) + 1);
  }
  process.stdout.write(`bands: ${[...bands].map(([band, count]) => `${band} ${count}`).join(', ')}\n`);
  process.stdout.write(
    `memory: heap used ${megabytes(before.heapUsed)} before, peak ${megabytes(peakHeap)} during; ` +
      `rss peak sampled ${megabytes(peakRss)}, process max rss ${megabytes(process.resourceUsage().maxRSS * 1024)}\n`
  );
}
