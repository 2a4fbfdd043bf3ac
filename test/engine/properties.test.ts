// Property-based tests (fast-check) of the four laws in issue 3, over random calendars in time zones with unusual
// rules (half-hour DST on Lord Howe, midnight changes in Havana and Santiago, +05:45 Kathmandu, +12:45 Chatham).
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  computeSlaTargets,
  coverageTimeline,
  type Calendar,
  type Contract,
  type ContractStatus,
  type Pause,
  type Priority,
  type WeeklyHours
} from '#engine';
import { NEW_YORK, PARIS, PARIS_EVERY_HOUR, PARIS_WITH_LUNCH, standardContract } from './fixtures.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const ZONES = [
  'UTC',
  'Europe/Paris',
  'America/New_York',
  'Australia/Lord_Howe',
  'America/Havana',
  'America/Santiago',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Asia/Tehran'
];
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** 'HH:MM' of a quarter-hour index 0..96. */
function quarter(index: number): string {
  const minutes = index * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** One day's hours: up to three sorted, disjoint intervals on quarter hours. */
const dayHours = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 }).map((marks) => {
  const sorted = [...marks].sort((a, b) => a - b);
  const intervals: [string, string][] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) {
    intervals.push([quarter(sorted[i]), quarter(sorted[i + 1])]);
  }
  return intervals;
});

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const randomCalendar: fc.Arbitrary<Calendar> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    days: fc.tuple(dayHours, dayHours, dayHours, dayHours, dayHours, dayHours, dayHours),
    holidays: fc.uniqueArray(fc.integer({ min: Date.UTC(2019, 0, 1) / DAY, max: Date.UTC(2031, 0, 1) / DAY }), {
      maxLength: 20
    })
  })
  .filter(({ days }) => days.some((intervals) => intervals.length > 0))
  .map(({ timeZone, days, holidays }) => {
    const weeklyHours: WeeklyHours = {};
    WEEKDAYS.forEach((key, i) => {
      weeklyHours[key] = days[i];
    });
    return { timeZone, weeklyHours, holidays: holidays.map((day) => isoDay(day * DAY)) };
  });

const anyCalendar: fc.Arbitrary<Calendar> = fc.oneof(
  fc.constantFrom<Calendar>(PARIS, NEW_YORK, PARIS_WITH_LUNCH, PARIS_EVERY_HOUR, { alwaysOpen: true }),
  randomCalendar
);

/** Instants between 2020 and 2030, to the millisecond. */
const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) });

describe('properties', () => {
  it('businessMinutesBetween(s, addBusinessMinutes(s, m, c), c) === m, and add finds the earliest such instant', () => {
    fc.assert(
      fc.property(anyCalendar, instant, fc.integer({ min: 0, max: 30_000 }), (calendar, startMs, minutes) => {
        const start = new Date(startMs);
        const end = addBusinessMinutes(start, minutes, calendar);
        expect(businessMinutesBetween(start, end, calendar)).toBe(minutes);
        if (minutes > 0) {
          // One millisecond earlier is not enough.
          expect(businessMinutesBetween(start, new Date(end.getTime() - 1), calendar)).toBeLessThan(minutes);
        }
      }),
      { numRuns: 300 }
    );
  });

  it('businessMinutesBetween is additive and never exceeds elapsed time', () => {
    fc.assert(
      fc.property(
        anyCalendar,
        instant,
        fc.integer({ min: 0, max: 40 * DAY }),
        fc.integer({ min: 0, max: 40 * DAY }),
        (calendar, a, d1, d2) => {
          const [s, m, e] = [new Date(a), new Date(a + d1), new Date(a + d1 + d2)];
          const whole = businessMinutesBetween(s, e, calendar);
          expect(whole).toBeCloseTo(businessMinutesBetween(s, m, calendar) + businessMinutesBetween(m, e, calendar), 9);
          expect(whole).toBeLessThanOrEqual((d1 + d2) / MINUTE);
        }
      ),
      { numRuns: 200 }
    );
  });

  it('alwaysOpen equals wall-clock arithmetic', () => {
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
        instant,
        fc.integer({ min: 0, max: 400 * DAY }),
        (timeZone, startMs, elapsedMs) => {
          const calendar: Calendar = timeZone === undefined ? { alwaysOpen: true } : { timeZone, alwaysOpen: true };
          const start = new Date(startMs);
          expect(addBusinessMinutes(start, elapsedMs / MINUTE, calendar).getTime()).toBe(startMs + elapsedMs);
          expect(businessMinutesBetween(start, new Date(startMs + elapsedMs), calendar)).toBe(elapsedMs / MINUTE);
        }
      ),
      { numRuns: 300 }
    );
  });

  const pauseArbitrary = (reportedMs: number): fc.Arbitrary<Pause> =>
    fc
      .record({ offset: fc.integer({ min: -DAY, max: 20 * DAY }), length: fc.integer({ min: 0, max: 5 * DAY }) })
      .map(({ offset, length }) => ({
        from: new Date(reportedMs + offset),
        to: new Date(reportedMs + offset + length)
      }));

  it('due dates never move earlier when a pause is added', () => {
    fc.assert(
      fc.property(
        anyCalendar,
        fc.constantFrom<Priority>('P1', 'P2', 'P3', 'P4'),
        instant.chain((reportedMs) =>
          fc.tuple(
            fc.constant(reportedMs),
            fc.array(pauseArbitrary(reportedMs), { maxLength: 3 }),
            pauseArbitrary(reportedMs)
          )
        ),
        (calendar, priority, [reportedMs, pauses, added]) => {
          const input = { priority, reportedAt: new Date(reportedMs), contract: standardContract(), calendar };
          const before = computeSlaTargets({ ...input, pauses });
          const after = computeSlaTargets({ ...input, pauses: [...pauses, added] });
          expect(after.responseDue?.getTime()).toBe(before.responseDue?.getTime());
          expect(after.resolutionDue!.getTime()).toBeGreaterThanOrEqual(before.resolutionDue!.getTime());
          // An open pause, counted up to any later now, does not move it earlier either.
          const openNow = new Date(added.from.getTime() + 3 * DAY);
          const open = computeSlaTargets({
            ...input,
            pauses: [...pauses.filter((p) => p.to! <= added.from), { from: added.from }],
            now: openNow
          });
          const closedOnly = computeSlaTargets({ ...input, pauses: pauses.filter((p) => p.to! <= added.from) });
          expect(open.resolutionDue!.getTime()).toBeGreaterThanOrEqual(closedOnly.resolutionDue!.getTime());
        }
      ),
      { numRuns: 200 }
    );
  });

  it('pauses as intervals and as Paused_Minutes__c give the same targets', () => {
    fc.assert(
      fc.property(
        anyCalendar,
        fc.constantFrom<Priority>('P1', 'P2', 'P3', 'P4'),
        instant,
        fc.array(
          fc.record({ gap: fc.integer({ min: 0, max: 3 * DAY }), length: fc.integer({ min: 0, max: 3 * DAY }) }),
          {
            maxLength: 4
          }
        ),
        (calendar, priority, reportedMs, steps) => {
          // Disjoint pauses after the report, as a real incident has them.
          let cursor = reportedMs;
          const pauses = steps.map(({ gap, length }) => {
            const from = cursor + gap;
            cursor = from + length;
            return { from: new Date(from), to: new Date(cursor) };
          });
          const contract = standardContract();
          const clock: Calendar = contract.sla?.[priority]?.alwaysOn ? { alwaysOpen: true } : calendar;
          const pausedMinutes = pauses.reduce(
            (sum, pause) => sum + businessMinutesBetween(pause.from, pause.to, clock),
            0
          );
          const input = { priority, reportedAt: new Date(reportedMs), contract, calendar };
          expect(computeSlaTargets({ ...input, pausedMinutes })).toEqual(computeSlaTargets({ ...input, pauses }));
        }
      ),
      { numRuns: 200 }
    );
  });

  const dayArbitrary = fc.integer({ min: Date.UTC(2024, 0, 1) / DAY, max: Date.UTC(2028, 0, 1) / DAY });

  it('coverage segments partition the horizon, without overlap, and match a day-by-day check', () => {
    const contractArbitrary = fc
      .record({
        start: dayArbitrary,
        length: fc.integer({ min: 0, max: 500 }),
        status: fc.constantFrom<ContractStatus>(
          'Draft',
          'Signed',
          'Active',
          'Active',
          'Suspended',
          'Expired',
          'Terminated'
        )
      })
      .map(({ start, length, status }) => ({ start, end: start + length, status }));
    const checklistArbitrary = fc.record({
      goLive: fc.option(dayArbitrary, { nil: null }),
      warrantyDays: fc.integer({ min: 0, max: 200 })
    });
    fc.assert(
      fc.property(
        fc.array(contractArbitrary, { maxLength: 5 }),
        fc.array(checklistArbitrary, { maxLength: 2 }),
        dayArbitrary,
        fc.integer({ min: 0, max: 400 }),
        (contractSpecs, checklistSpecs, today, horizonDays) => {
          const contracts: Contract[] = contractSpecs.map((spec, i) => ({
            id: `c${i}`,
            status: spec.status,
            startDate: isoDay(spec.start * DAY),
            endDate: isoDay(spec.end * DAY)
          }));
          const checklists = checklistSpecs.map((spec, i) => ({
            id: `k${i}`,
            goLiveDate: spec.goLive === null ? null : isoDay(spec.goLive * DAY),
            warrantyEndDate: spec.goLive === null ? null : isoDay((spec.goLive + spec.warrantyDays) * DAY)
          }));
          const result = coverageTimeline({ contracts, checklists, today: isoDay(today * DAY), horizonDays });

          // Partition: contiguous, ordered, from today to today + horizonDays, neighbours different.
          expect(result.segments[0].start).toBe(isoDay(today * DAY));
          expect(result.segments[result.segments.length - 1].end).toBe(isoDay((today + horizonDays) * DAY));
          let covered = 0;
          result.segments.forEach((segment, i) => {
            const start = Date.parse(segment.start) / DAY;
            const end = Date.parse(segment.end) / DAY;
            expect(end).toBeGreaterThanOrEqual(start);
            covered += end - start + 1;
            if (i > 0) {
              const previous = result.segments[i - 1];
              expect(start).toBe(Date.parse(previous.end) / DAY + 1);
              expect(previous.kind === segment.kind && previous.sourceIds.join() === segment.sourceIds.join()).toBe(
                false
              );
            }
          });
          expect(covered).toBe(horizonDays + 1);

          // Day by day, the sources are exactly the Signed, Active and Expired contracts (no tacit renewal here) and
          // the warranties covering that day.
          const sources = [
            ...contractSpecs.flatMap((spec, i) =>
              ['Signed', 'Active', 'Expired'].includes(spec.status)
                ? [{ id: `c${i}`, start: spec.start, end: spec.end }]
                : []
            ),
            ...checklistSpecs.flatMap((spec, i) =>
              spec.goLive === null ? [] : [{ id: `k${i}`, start: spec.goLive, end: spec.goLive + spec.warrantyDays }]
            )
          ];
          const anchor = Math.min(
            ...contractSpecs.filter((spec) => spec.status !== 'Draft').map((spec) => spec.start),
            ...sources.map((source) => source.start)
          );
          const expected: { start: string; end: string; kind: string; sourceIds: string[] }[] = [];
          for (let day = today; day <= today + horizonDays; day += 1) {
            const ids = sources
              .filter((source) => source.start <= day && day <= source.end)
              .map((source) => source.id)
              .sort();
            const kind = ids.length > 0 ? 'covered' : day >= anchor ? 'gap' : 'pre-coverage';
            const last = expected[expected.length - 1];
            if (last && last.kind === kind && last.sourceIds.join() === ids.join()) {
              last.end = isoDay(day * DAY);
            } else {
              expected.push({ start: isoDay(day * DAY), end: isoDay(day * DAY), kind, sourceIds: ids });
            }
          }
          expect(result.segments).toEqual(expected);
          expect(result.coveredToday).toBe(result.segments[0].kind === 'covered');
          expect(result.firstGapStart).toBe(result.segments.find((segment) => segment.kind === 'gap')?.start ?? null);
        }
      ),
      { numRuns: 300 }
    );
  });
});
