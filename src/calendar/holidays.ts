/**
 * `sf maintenance calendar holidays`: adds a country's public holidays (computed by the engine's publicHolidays) to
 * the Holidays__c field of a Maintenance_Calendar__mdt record file of a source directory, then regenerates the
 * Maintenance_Config static resource from the records, so that the next deploy ships both. Days already in the list
 * (company closures, one-off holidays) are kept: the command only adds.
 *
 * The record file keeps the layout Prettier (with @prettier/plugin-xml) gives it, so that a regenerated file passes
 * the project's format check without a formatter at hand (an installed plugin has none).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calendarFromMetadata, publicHolidays } from '#engine';
import { parseCustomMetadataXml } from '../seed/customMetadata.js';
import { configResourcePaths, writeConfigResource } from '../deploy/configResource.js';

/** The length of Maintenance_Calendar__mdt.Holidays__c (a long text area). */
export const HOLIDAYS_FIELD_LENGTH = 10_000;

const TYPE_PREFIX = 'Maintenance_Calendar.';
const SUFFIX = '.md-meta.xml';

export interface CalendarFile {
  developerName: string;
  file: string;
  alwaysOpen: boolean;
  holidays: string[];
}

/** Why a calendar cannot take holidays: the command turns each into its message. */
export type HolidaysProblem =
  | { kind: 'NoCalendars'; dir: string }
  | { kind: 'CalendarNotFound'; calendar: string; known: string[] }
  | { kind: 'CalendarAmbiguous'; known: string[] }
  | { kind: 'CalendarAlwaysOpen'; calendar: string }
  | { kind: 'TooLong'; calendar: string; length: number };

export class HolidaysError extends Error {
  public constructor(public readonly problem: HolidaysProblem) {
    super(problem.kind);
  }
}

export interface HolidaysOutcome {
  calendar: string;
  /** The record file written (or that would have been). */
  file: string;
  /** The static resource regenerated from the records. */
  configResource: string;
  country: string;
  fromYear: number;
  toYear: number;
  /** Public holidays of the years asked for. */
  computed: number;
  /** The days among them the calendar did not have yet. */
  added: string[];
  /** Every closed day of the calendar afterwards. */
  holidays: number;
  /** The calendar's last closed day afterwards. */
  lastHoliday: string | null;
  /** Whether the record file or the static resource changed. */
  written: boolean;
}

function customMetadataDir(sourceDir: string): string {
  return join(sourceDir, 'main', 'default', 'customMetadata');
}

/** The Maintenance_Calendar__mdt record files of a source directory. */
export function readCalendarFiles(sourceDir: string): CalendarFile[] {
  const dir = customMetadataDir(sourceDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.startsWith(TYPE_PREFIX) && file.endsWith(SUFFIX))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      const developerName = name.slice(TYPE_PREFIX.length, -SUFFIX.length);
      const record = parseCustomMetadataXml(readFileSync(file, 'utf8'), developerName);
      const calendar = calendarFromMetadata(record);
      return {
        developerName,
        file,
        alwaysOpen: calendar.alwaysOpen === true,
        holidays: calendar.alwaysOpen ? [] : [...(calendar.holidays ?? [])]
      };
    });
}

/** The calendar to write: the one named, else the only business-hours calendar of the directory. */
export function chooseCalendar(files: CalendarFile[], sourceDir: string, name?: string): CalendarFile {
  if (files.length === 0) throw new HolidaysError({ kind: 'NoCalendars', dir: customMetadataDir(sourceDir) });
  const known = files.map((file) => file.developerName);
  if (name !== undefined) {
    const found = files.find((file) => file.developerName === name);
    if (!found) throw new HolidaysError({ kind: 'CalendarNotFound', calendar: name, known });
    if (found.alwaysOpen) throw new HolidaysError({ kind: 'CalendarAlwaysOpen', calendar: name });
    return found;
  }
  const businessHours = files.filter((file) => !file.alwaysOpen);
  if (businessHours.length !== 1) throw new HolidaysError({ kind: 'CalendarAmbiguous', known });
  return businessHours[0];
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The `<values>` entry of Holidays__c as Prettier lays it out (120 columns, attributes broken out when too long). */
function holidaysValuesXml(holidays: string[]): string {
  if (holidays.length === 0) {
    return '  <values>\n    <field>Holidays__c</field>\n    <value xsi:nil="true"/>\n  </values>';
  }
  const oneLine = `    <value xsi:type="xsd:string">${escapeXml(holidays.join(','))}</value>`;
  const value =
    oneLine.length <= 120
      ? oneLine
      : `    <value\n      xsi:type="xsd:string"\n    >${escapeXml(holidays.join(','))}</value>`;
  return `  <values>\n    <field>Holidays__c</field>\n${value}\n  </values>`;
}

const HOLIDAYS_ENTRY = /^ *<values>\s*<field>Holidays__c<\/field>[\s\S]*?<\/values>/m;

/** The record file's text with its Holidays__c value replaced (or added before the end of the record). */
export function withHolidays(xml: string, holidays: string[]): string {
  const entry = holidaysValuesXml(holidays);
  if (HOLIDAYS_ENTRY.test(xml)) return xml.replace(HOLIDAYS_ENTRY, entry);
  return xml.replace(/<\/CustomMetadata>/, `${entry}\n</CustomMetadata>`);
}

/**
 * Adds the public holidays of a country and years to a calendar record of a source directory and regenerates the
 * static resource. With dryRun nothing is written.
 */
export function addPublicHolidays(options: {
  sourceDir: string;
  country: string;
  fromYear: number;
  toYear: number;
  calendar?: string;
  dryRun?: boolean;
}): HolidaysOutcome {
  const files = readCalendarFiles(options.sourceDir);
  const target = chooseCalendar(files, options.sourceDir, options.calendar);
  const computed = publicHolidays({ country: options.country, fromYear: options.fromYear, toYear: options.toYear });
  const existing = new Set(target.holidays);
  const added = computed.filter((day) => !existing.has(day));
  const holidays = [...new Set([...target.holidays, ...computed])].sort();
  const length = holidays.join(',').length;
  if (length > HOLIDAYS_FIELD_LENGTH) {
    throw new HolidaysError({ kind: 'TooLong', calendar: target.developerName, length });
  }
  let written = false;
  if (!options.dryRun) {
    const xml = readFileSync(target.file, 'utf8');
    const next = withHolidays(xml, holidays);
    if (next !== xml) {
      writeFileSync(target.file, next);
      written = true;
    }
    written = writeConfigResource(options.sourceDir).written || written;
  }
  return {
    calendar: target.developerName,
    file: target.file,
    configResource: configResourcePaths(options.sourceDir).body,
    country: options.country,
    fromYear: options.fromYear,
    toYear: options.toYear,
    computed: computed.length,
    added,
    holidays: holidays.length,
    lastHoliday: holidays.at(-1) ?? null,
    written
  };
}
