/**
 * `sf maintenance calendar holidays` on a copy of force-app: the record file and the Maintenance_Config static
 * resource it writes, then that copy deployed to a local org started by the test and read back (the
 * Maintenance_Calendar__mdt record by SOQL, the resource from its URL as a component fetches it).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { calendarFromMetadata, publicHolidays } from '#engine';
import CalendarHolidays, { type CalendarHolidaysResult } from '../../src/commands/maintenance/calendar/holidays.js';
import Deploy, { type DeployResult } from '../../src/commands/maintenance/deploy.js';
import { forceAppDir } from '../../src/shared/projectPaths.js';
import { isolateSfHome, runCommand, startTestOrg, tempDir, type TestOrg } from './pluginFixtures.js';

const sandbox = isolateSfHome();
let org: TestOrg;
const copy = join(tempDir('calendar-holidays-'), 'force-app');
const recordFile = join(
  copy,
  'main',
  'default',
  'customMetadata',
  'Maintenance_Calendar.Paris_Business_Hours.md-meta.xml'
);
const resourceFile = join(copy, 'main', 'default', 'staticresources', 'Maintenance_Config.json');

/** The Holidays__c days of the Paris record in a Maintenance_Config resource text. */
function parisHolidaysInResource(text: string): string[] {
  const resource = JSON.parse(text) as { types: Record<string, Record<string, unknown>[]> };
  const paris = resource.types.Maintenance_Calendar__mdt.find(
    (record) => record.DeveloperName === 'Paris_Business_Hours'
  );
  const value = paris?.Holidays__c;
  return typeof value === 'string' ? value.split(',') : [];
}

beforeAll(async () => {
  cpSync(forceAppDir, copy, { recursive: true });
  org = await startTestOrg('plugin-holidays');
}, 60_000);

afterAll(async () => {
  await org?.stop();
  rmSync(join(copy, '..'), { recursive: true, force: true });
  sandbox.restore();
});

describe('sf maintenance calendar holidays', () => {
  // The committed Paris calendar holds the French holidays of 2026-2030 (55 days, written by this command).
  const committed = publicHolidays({ country: 'FR', fromYear: 2026, toYear: 2030 });

  it('with --dry-run lists the 2031-2032 days it would add and writes nothing', async () => {
    const before = readFileSync(recordFile, 'utf8');
    const { result, error } = await runCommand<CalendarHolidaysResult>(CalendarHolidays, [
      '--country',
      'FR',
      '--from',
      '2031',
      '--to',
      '2032',
      '--source-dir',
      copy,
      '--dry-run'
    ]);
    expect(error).toBeUndefined();
    // No --calendar: Paris_Business_Hours is the only business-hours calendar (Always_Open_24x7 is 24x7).
    expect(result).toMatchObject({ calendar: 'Paris_Business_Hours', computed: 22, holidays: 77, written: false });
    // Easter 2031 is 13 April, Easter 2032 is 28 March: Easter Mondays 14 April 2031 and 29 March 2032.
    expect(result?.added).toContain('2031-04-14');
    expect(result?.added).toContain('2032-03-29');
    expect(result?.lastHoliday).toBe('2032-12-25');
    expect(readFileSync(recordFile, 'utf8')).toBe(before);
  });

  it('adds the 22 French holidays of 2031-2032 to the record and the static resource, keeping the others', async () => {
    const { result, error } = await runCommand<CalendarHolidaysResult>(CalendarHolidays, [
      '--country',
      'FR',
      '--from',
      '2031',
      '--to',
      '2032',
      '--calendar',
      'Paris_Business_Hours',
      '--source-dir',
      copy
    ]);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ holidays: 77, written: true });
    expect(result?.added).toHaveLength(22);
    const expected = [...committed, ...publicHolidays({ country: 'FR', fromYear: 2031, toYear: 2032 })];
    const holidaysValue = /<field>Holidays__c<\/field>\s*<value\s+xsi:type="xsd:string"\s*>([^<]*)</.exec(
      readFileSync(recordFile, 'utf8')
    )?.[1];
    expect(holidaysValue?.split(',')).toEqual(expected);
    expect(parisHolidaysInResource(readFileSync(resourceFile, 'utf8'))).toEqual(expected);
  });

  it('adds nothing on a second run', async () => {
    const before = readFileSync(recordFile, 'utf8');
    const { result } = await runCommand<CalendarHolidaysResult>(CalendarHolidays, [
      '--country',
      'FR',
      '--from',
      '2031',
      '--to',
      '2032',
      '--source-dir',
      copy
    ]);
    expect(result).toMatchObject({ added: [], computed: 22, holidays: 77, written: false });
    expect(readFileSync(recordFile, 'utf8')).toBe(before);
  });

  it('deploys: the org returns the 77 days by SOQL and serves them in Maintenance_Config', async () => {
    const deployed = await runCommand<DeployResult>(Deploy, ['-o', 'plugin-holidays', '--source-dir', copy]);
    expect(deployed.error).toBeUndefined();
    expect(deployed.result?.status).toBe('Succeeded');
    const conn = await org.conn();
    const records = await conn.query<Record<string, unknown>>(
      "SELECT DeveloperName, Time_Zone__c, Always_Open__c, Monday_Hours__c, Holidays__c FROM Maintenance_Calendar__mdt WHERE DeveloperName = 'Paris_Business_Hours'"
    );
    expect(records.totalSize).toBe(1);
    const calendar = calendarFromMetadata(records.records[0]);
    const holidays = calendar.alwaysOpen ? [] : (calendar.holidays ?? []);
    expect(holidays).toHaveLength(77);
    expect(holidays.at(-1)).toBe('2032-12-25');
    const response = await fetch(`${org.org.instanceUrl}/resource/Maintenance_Config`, {
      headers: { Authorization: `Bearer ${org.org.accessToken}` }
    });
    expect(response.status).toBe(200);
    expect(parisHolidaysInResource(await response.text())).toEqual(holidays);
  }, 180_000);

  it('refuses reversed years, an unknown calendar and the 24x7 calendar, saying what to give', async () => {
    const reversed = await runCommand(CalendarHolidays, ['--country', 'FR', '--from', '2030', '--to', '2026']);
    expect(reversed.error?.name).toBe('FromAfterToError');
    const unknown = await runCommand(CalendarHolidays, [
      '--country',
      'GB-EAW',
      '--from',
      '2026',
      '--calendar',
      'London_Business_Hours',
      '--source-dir',
      copy
    ]);
    expect(unknown.error?.name).toBe('CalendarNotFoundError');
    expect(unknown.error?.message).toBe(
      'No calendar "London_Business_Hours" in the source directory; it has: Always_Open_24x7, Paris_Business_Hours.'
    );
    const alwaysOpen = await runCommand(CalendarHolidays, [
      '--country',
      'FR',
      '--from',
      '2026',
      '--calendar',
      'Always_Open_24x7',
      '--source-dir',
      copy
    ]);
    expect(alwaysOpen.error?.name).toBe('CalendarAlwaysOpenError');
    expect(alwaysOpen.error?.actions?.[0]).toMatch(/business-hours calendar/);
    const country = await runCommand(CalendarHolidays, ['--country', 'DE', '--from', '2026', '--source-dir', copy]);
    expect(country.error?.message).toMatch(/Expected --country=DE to be one of: FR, GB-EAW/);
  });
});
