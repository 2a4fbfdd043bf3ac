import { Snapshot, accountModel, calendarsByName, calendarOfContract, isOpen, templateItems } from 'c/maintenanceModel';
import { parseConfig } from 'c/maintenanceConfig';
import { configResource } from 'test/utils';

const accountLists = require('../../incidentList/__tests__/data/accountRelatedLists.json');

describe('c/maintenanceModel', () => {
  it('builds the account model once per adapter answer, as a frozen snapshot', () => {
    const model = accountModel(accountLists);
    expect(model).toBeInstanceOf(Snapshot);
    // Not a plain object: LWC's reactive membrane only wraps plain objects and arrays.
    expect(Object.getPrototypeOf(model)).not.toBe(Object.prototype);
    expect(Object.isFrozen(model)).toBe(true);
    expect(accountModel(accountLists)).toBe(model);
    expect(accountModel(JSON.parse(JSON.stringify(accountLists)))).not.toBe(model);
    expect(model.contracts).toHaveLength(2);
    expect(model.incidents.map((incident) => incident.fields.Name)).toContain('INC-000003');
    expect(model.checklists).toHaveLength(1);
    expect(model.errors).toEqual([]);
  });

  it('keys the calendars of the configuration by developer name, and resolves a contract calendar from them', () => {
    const config = parseConfig(configResource());
    const byName = calendarsByName(config);
    expect(byName).toBeInstanceOf(Snapshot);
    expect(calendarsByName(config)).toBe(byName);
    expect(Object.keys(byName).sort()).toEqual(['Always_Open_24x7', 'Paris_Business_Hours']);
    expect(byName.Paris_Business_Hours.timeZone).toBe('Europe/Paris');
    const [contract] = accountModel(accountLists).contracts;
    expect(calendarOfContract(contract, byName)).not.toBeNull();
    expect(calendarOfContract(contract, calendarsByName())).toBeNull();
    expect(calendarOfContract(undefined, byName)).toBeNull();
  });

  it('reads the handover template items of the configuration', () => {
    const items = templateItems(parseConfig(configResource()));
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => typeof item.Category__c === 'string')).toBe(true);
    expect(templateItems(undefined)).toEqual([]);
  });

  it('refuses a malformed calendar record', () => {
    const [record] = configResource().types.Maintenance_Calendar__mdt.filter((r) => !r.Always_Open__c);
    const config = parseConfig(configResource({ Maintenance_Calendar__mdt: [{ ...record, Monday_Hours__c: '9-18' }] }));
    expect(() => calendarsByName(config)).toThrow(/Monday_Hours__c/);
  });

  it('tells open incidents from resolved and closed ones', () => {
    const { incidents } = accountModel(accountLists);
    const open = Object.fromEntries(incidents.map((incident) => [incident.fields.Name, isOpen(incident)]));
    expect(open).toMatchObject({ 'INC-000001': true, 'INC-000003': true });
    expect(Object.values(open)).toContain(false);
  });
});
