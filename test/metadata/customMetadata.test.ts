import { describe, expect, it } from '@jest/globals';
import { HANDOVER_CATEGORIES } from './lib/dataModelSpec.js';
import { easterSunday, frenchPublicHolidays } from './lib/frenchHolidays.js';
import { loadCustomMetadataRecords, loadObjects, type CustomMetadataRecord } from './lib/model.js';
import { defaultDir } from './lib/paths.js';

const model = loadObjects(defaultDir);
const records = loadCustomMetadataRecords(defaultDir);
const ofType = (type: string): CustomMetadataRecord[] => records.filter((r) => r.type === type);
const byName = (type: string, name: string): CustomMetadataRecord => {
  const record = ofType(type).find((r) => r.developerName === name);
  if (!record) throw new Error(`${type}.${name} missing`);
  return record;
};
const value = (record: CustomMetadataRecord, field: string): string | null => {
  const entry = record.values[field];
  if (!entry) throw new Error(`${record.type}.${record.developerName} has no value for ${field}`);
  return entry.value;
};
const num = (record: CustomMetadataRecord, field: string): number => Number(value(record, field));

const XSI_TYPE: Record<string, string> = { Checkbox: 'xsd:boolean', Number: 'xsd:double' };
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'];
const HOURS = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/;

describe('custom metadata records', () => {
  it('belong to the four types, with valid names and labels', () => {
    expect([...new Set(records.map((r) => r.type))].sort()).toEqual([
      'Handover_Template_Item',
      'Maintenance_Calendar',
      'SLA_Template',
      'Transition_Option'
    ]);
    for (const record of records) {
      expect(record.developerName).toMatch(/^[A-Za-z](?!.*__)\w{0,39}$/);
      expect(record.label.length).toBeGreaterThan(0);
      expect(record.label.length).toBeLessThanOrEqual(40);
    }
  });

  it('give a value for every field of their type, typed as the field', () => {
    const problems: string[] = [];
    for (const record of records) {
      const fields = model[`${record.type}__mdt`].fields;
      const where = `${record.type}.${record.developerName}`;
      for (const name of Object.keys(record.values))
        if (!fields[name]) problems.push(`${where}: unknown field ${name}`);
      for (const field of Object.values(fields)) {
        const entry = record.values[field.name];
        if (!entry) problems.push(`${where}: no value for ${field.name}`);
        else if (entry.value !== null && entry.xsiType !== (XSI_TYPE[field.type] ?? 'xsd:string')) {
          problems.push(`${where}: ${field.name} typed ${entry.xsiType}`);
        } else if (field.type === 'Picklist' && entry.value !== null && !field.picklistValues.includes(entry.value)) {
          problems.push(`${where}: ${field.name} '${entry.value}' is not a picklist value`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('calendars', () => {
  it('computes Easter and the French holidays independently of the metadata', () => {
    expect(new Date(easterSunday(2026)).toISOString().slice(0, 10)).toBe('2026-04-05');
    expect(new Date(easterSunday(2027)).toISOString().slice(0, 10)).toBe('2027-03-28');
    expect(frenchPublicHolidays(2026)).toEqual(
      expect.arrayContaining(['2026-04-06', '2026-05-14', '2026-05-25', '2026-07-14', '2026-11-11', '2026-12-25'])
    );
    expect(frenchPublicHolidays(2027)).toHaveLength(11);
  });

  it('Paris_Business_Hours opens Monday to Friday 09:00-18:00 in Europe/Paris and closes on French holidays 2026-2030', () => {
    const paris = byName('Maintenance_Calendar', 'Paris_Business_Hours');
    expect(value(paris, 'Time_Zone__c')).toBe('Europe/Paris');
    expect(value(paris, 'Always_Open__c')).toBe('false');
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])
      expect(value(paris, `${day}_Hours__c`)).toBe('09:00-18:00');
    expect([value(paris, 'Saturday_Hours__c'), value(paris, 'Sunday_Hours__c')]).toEqual([null, null]);
    const holidays = (value(paris, 'Holidays__c') ?? '')
      .split(/[,\n]/)
      .map((d) => d.trim())
      .filter(Boolean);
    expect(holidays).toEqual([2026, 2027, 2028, 2029, 2030].flatMap((year) => frenchPublicHolidays(year)));
    expect(holidays).not.toContain('2026-04-05'); // Easter Sunday itself is not a separate public holiday
  });

  it('Always_Open_24x7 is open around the clock in UTC', () => {
    const always = byName('Maintenance_Calendar', 'Always_Open_24x7');
    expect([value(always, 'Always_Open__c'), value(always, 'Time_Zone__c')]).toEqual(['true', 'UTC']);
  });

  it('write opening hours as increasing HH:MM-HH:MM ranges', () => {
    const problems: string[] = [];
    for (const calendar of ofType('Maintenance_Calendar')) {
      for (const [field, entry] of Object.entries(calendar.values).filter(([f]) => f.endsWith('_Hours__c'))) {
        let previousEnd = '00:00';
        for (const range of (entry.value ?? '').split(',').filter(Boolean)) {
          const match = HOURS.exec(range);
          if (!match || match[1] < previousEnd || match[2] <= match[1] || match[2] > '24:00')
            problems.push(`${calendar.developerName}.${field}: ${range}`);
          previousEnd = match?.[2] ?? previousEnd;
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('SLA templates', () => {
  const standard = byName('SLA_Template', 'Standard');
  const targets = (record: CustomMetadataRecord): number[] =>
    PRIORITIES.flatMap((p) => [num(record, `${p}_Response_Minutes__c`), num(record, `${p}_Resolution_Hours__c`)]);

  it('Standard has the reference figures: P1 15 min / 4 h 24x7, P2 30 min / 8 h, P3 1 h / 24 h, P4 4 h / 72 h', () => {
    expect(targets(standard)).toEqual([15, 4, 30, 8, 60, 24, 240, 72]);
    expect(value(standard, 'P1_24x7__c')).toBe('true');
    expect(value(standard, 'Calendar__c')).toBe('Paris_Business_Hours');
  });

  it('Premium is tighter than Standard and Critical tighter than Premium, on every target', () => {
    const tiers = ['Standard', 'Premium', 'Critical'].map((name) => targets(byName('SLA_Template', name)));
    for (let tier = 1; tier < tiers.length; tier++) {
      tiers[tier].forEach((target, i) => expect(target).toBeLessThan(tiers[tier - 1][i]));
    }
  });

  it('give each priority a target no looser than the next one, and name a calendar that exists', () => {
    const calendars = ofType('Maintenance_Calendar').map((c) => c.developerName);
    for (const template of ofType('SLA_Template')) {
      const response = PRIORITIES.map((p) => num(template, `${p}_Response_Minutes__c`));
      const resolution = PRIORITIES.map((p) => num(template, `${p}_Resolution_Hours__c`));
      expect(response).toEqual([...response].sort((a, b) => a - b));
      expect(resolution).toEqual([...resolution].sort((a, b) => a - b));
      expect(calendars).toContain(value(template, 'Calendar__c'));
      expect((value(template, 'Description__c') ?? '').length).toBeGreaterThan(20);
    }
  });
});

describe('handover template items', () => {
  const items = ofType('Handover_Template_Item');

  it('are at least 20, across all seven categories, each category with a mandatory item', () => {
    expect(items.length).toBeGreaterThanOrEqual(20);
    expect([...new Set(items.map((i) => value(i, 'Category__c')))].sort()).toEqual([...HANDOVER_CATEGORIES].sort());
    for (const category of HANDOVER_CATEGORIES) {
      const mandatory = items.filter(
        (i) => value(i, 'Category__c') === category && value(i, 'Mandatory__c') === 'true'
      );
      expect([category, mandatory.length > 0]).toEqual([category, true]);
    }
    expect(items.some((i) => value(i, 'Mandatory__c') === 'false')).toBe(true);
  });

  it('have distinct sort orders, a due offset and a description', () => {
    const orders = items.map((i) => num(i, 'Sort_Order__c'));
    expect(new Set(orders).size).toBe(items.length);
    for (const item of items) {
      expect(Number.isInteger(num(item, 'Due_Days_Before_Go_Live__c'))).toBe(true);
      expect((value(item, 'Description__c') ?? '').length).toBeGreaterThan(20);
    }
  });
});
