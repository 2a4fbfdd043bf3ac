import { relative } from 'node:path';
import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { HOLIDAY_COUNTRIES, HOLIDAY_YEARS } from '#engine';
import type { HolidaysError, HolidaysOutcome } from '../../../calendar/holidays.js';
import { forceAppDir } from '../../../shared/projectPaths.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.calendar.holidays');

export type CalendarHolidaysResult = HolidaysOutcome & { dryRun: boolean };

export default class CalendarHolidays extends SfCommand<CalendarHolidaysResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    country: Flags.option({
      char: 'c',
      summary: messages.getMessage('flags.country.summary'),
      options: HOLIDAY_COUNTRIES,
      required: true
    })(),
    // eslint-disable-next-line sf-plugin/flag-min-max-default -- required: never undefined
    from: Flags.integer({
      summary: messages.getMessage('flags.from.summary'),
      required: true,
      min: HOLIDAY_YEARS.min,
      max: HOLIDAY_YEARS.max
    }),
    // eslint-disable-next-line sf-plugin/flag-min-max-default -- undefined means the --from year
    to: Flags.integer({
      summary: messages.getMessage('flags.to.summary'),
      min: HOLIDAY_YEARS.min,
      max: HOLIDAY_YEARS.max
    }),
    calendar: Flags.string({ summary: messages.getMessage('flags.calendar.summary') }),
    'source-dir': Flags.directory({
      char: 'd',
      summary: messages.getMessage('flags.source-dir.summary'),
      exists: true
    }),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary'), default: false })
  };

  public async run(): Promise<CalendarHolidaysResult> {
    const { flags } = await this.parse(CalendarHolidays);
    const fromYear = flags.from;
    const toYear = flags.to ?? fromYear;
    if (fromYear > toYear) throw messages.createError('error.FromAfterTo', [fromYear, toYear]);
    const dryRun = flags['dry-run'];
    // The metadata XML reader and writer load with this command, not with every one.
    const { addPublicHolidays, HolidaysError } = await import('../../../calendar/holidays.js');
    let outcome: HolidaysOutcome;
    try {
      outcome = addPublicHolidays({
        sourceDir: flags['source-dir'] ?? forceAppDir,
        country: flags.country,
        fromYear,
        toYear,
        calendar: flags.calendar,
        dryRun
      });
    } catch (error) {
      if (error instanceof HolidaysError) throw problemError(error);
      throw error;
    }
    if (outcome.added.length === 0) {
      this.log(
        messages.getMessage('info.NothingToAdd', [outcome.calendar, outcome.computed, flags.country, fromYear, toYear])
      );
    } else {
      this.log(
        messages.getMessage('info.Added', [
          outcome.calendar,
          outcome.added.length,
          outcome.computed,
          flags.country,
          fromYear,
          toYear,
          outcome.holidays,
          outcome.lastHoliday ?? '-'
        ])
      );
      this.table({ data: outcome.added.map((day) => ({ Added: day })) });
    }
    if (dryRun) this.log(messages.getMessage('info.DryRun'));
    else if (outcome.written) {
      this.log(
        messages.getMessage('info.Written', [
          relative(process.cwd(), outcome.file),
          relative(process.cwd(), outcome.configResource)
        ])
      );
    }
    return { ...outcome, dryRun };
  }
}

function problemError(error: HolidaysError): Error {
  const problem = error.problem;
  switch (problem.kind) {
    case 'NoCalendars':
      return messages.createError('error.NoCalendars', [problem.dir]);
    case 'CalendarNotFound':
      return messages.createError('error.CalendarNotFound', [problem.calendar, problem.known.join(', ')]);
    case 'CalendarAmbiguous':
      return messages.createError('error.CalendarAmbiguous', [problem.known.join(', ')]);
    case 'CalendarAlwaysOpen':
      return messages.createError('error.CalendarAlwaysOpen', [problem.calendar]);
    case 'TooLong':
      return messages.createError('error.TooLong', [problem.calendar, problem.length]);
  }
}
