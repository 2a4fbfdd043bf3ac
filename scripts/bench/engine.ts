/**
 * Engine benchmark: SLA targets and statuses of 100,000 incidents on the Paris business calendar (Mon-Fri
 * 09:00-18:00, French public holidays 2026-2027), Standard SLA template (P1 24x7). Target from issue 3: under 1 s in
 * all, i.e. under 10 µs an incident, on the 2-core build machine. Prints figures; asserts nothing.
 */
import {
  calendarFromMetadata,
  computeSlaTargets,
  contractFromRecord,
  slaStatus,
  type Incident,
  type Priority
} from '../../force-app/main/default/lwc/maintenanceEngine/maintenanceEngine.js';

const INCIDENTS = 100_000;

const FRENCH_HOLIDAYS_2026_2027 = [
  '2026-01-01',
  '2026-04-06',
  '2026-05-01',
  '2026-05-08',
  '2026-05-14',
  '2026-05-25',
  '2026-07-14',
  '2026-08-15',
  '2026-11-01',
  '2026-11-11',
  '2026-12-25',
  '2027-01-01',
  '2027-03-29',
  '2027-05-01',
  '2027-05-06',
  '2027-05-08',
  '2027-05-17',
  '2027-07-14',
  '2027-08-15',
  '2027-11-01',
  '2027-11-11',
  '2027-12-25'
];

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

export async function run(): Promise<void> {
  const calendar = calendarFromMetadata({
    DeveloperName: 'Paris_Business_Hours',
    Time_Zone__c: 'Europe/Paris',
    Always_Open__c: false,
    Monday_Hours__c: '09:00-18:00',
    Tuesday_Hours__c: '09:00-18:00',
    Wednesday_Hours__c: '09:00-18:00',
    Thursday_Hours__c: '09:00-18:00',
    Friday_Hours__c: '09:00-18:00',
    Holidays__c: FRENCH_HOLIDAYS_2026_2027.join('\n')
  });
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

  // Two years of incidents: a third resolved, a tenth waiting on the customer, some with closed pauses.
  const next = random(20260301);
  const priorities: Priority[] = ['P1', 'P2', 'P3', 'P4'];
  const from = Date.UTC(2026, 0, 1);
  const span = Date.UTC(2027, 11, 1) - from;
  const now = new Date(Date.UTC(2027, 11, 15, 10, 0));
  const incidents: Incident[] = [];
  for (let i = 0; i < INCIDENTS; i += 1) {
    const reported = from + Math.floor(next() * span);
    const roll = next();
    const incident: Incident = {
      id: `INC-${i}`,
      priority: priorities[Math.floor(next() * 4)],
      status: 'In Progress',
      reportedAt: new Date(reported),
      respondedAt: new Date(reported + 20 * 60000),
      pausedMinutes: roll < 0.5 ? Math.floor(next() * 600) : 0
    };
    if (roll < 0.33) {
      incident.status = 'Resolved';
      incident.resolvedAt = new Date(reported + Math.floor(next() * 7 * 86400000));
    } else if (roll < 0.43) {
      incident.status = 'Waiting on Customer';
      incident.pausedSince = new Date(reported + Math.floor(next() * 3 * 86400000));
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

  for (const pass of ['cold (builds the calendar cache)', 'warm']) {
    let breached = 0;
    const started = process.hrtime.bigint();
    for (let i = 0; i < incidents.length; i += 1) {
      const incident = incidents[i];
      const targets = computeSlaTargets({
        priority: incident.priority as Priority,
        reportedAt: incident.reportedAt as Date,
        pausedMinutes: incident.pausedMinutes,
        pausedSince: incident.pausedSince,
        now,
        contract,
        calendar
      });
      const status = slaStatus({ incident, contract, calendar, now });
      if (status.resolutionBreached && targets.resolutionDue !== null) {
        breached += 1;
      }
      if ((i & 8191) === 0) {
        sample();
      }
    }
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    sample();
    process.stdout.write(
      `${pass}: ${INCIDENTS.toLocaleString('en-US')} incidents, targets + statuses in ${elapsedMs.toFixed(0)} ms ` +
        `(${((elapsedMs * 1000) / INCIDENTS).toFixed(2)} µs an incident; ${breached} resolution breaches)\n`
    );
  }
  process.stdout.write(
    `memory: heap used ${megabytes(before.heapUsed)} before, peak ${megabytes(peakHeap)} during; ` +
      `rss peak sampled ${megabytes(peakRss)}, process max rss ${megabytes(process.resourceUsage().maxRSS * 1024)}\n`
  );
}
