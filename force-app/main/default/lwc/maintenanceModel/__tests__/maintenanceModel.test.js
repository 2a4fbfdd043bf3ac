import { Snapshot, accountModel, calendarsByName, calendarOfContract, isOpen } from 'c/maintenanceModel';

const accountLists = require('../../incidentList/__tests__/data/accountRelatedLists.json');
const calendars = require('../../incidentList/__tests__/data/calendars.json');

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

  it('keys the calendars by developer name, and resolves a contract calendar from them', () => {
    const byName = calendarsByName(calendars);
    expect(byName).toBeInstanceOf(Snapshot);
    expect(calendarsByName(calendars)).toBe(byName);
    expect(Object.keys(byName).sort()).toEqual(
      calendars.records.map((record) => record.fields.DeveloperName.value).sort()
    );
    const [contract] = accountModel(accountLists).contracts;
    expect(calendarOfContract(contract, byName)).not.toBeNull();
    expect(calendarOfContract(contract, calendarsByName())).toBeNull();
    expect(calendarOfContract(undefined, byName)).toBeNull();
  });

  it('tells open incidents from resolved and closed ones', () => {
    const { incidents } = accountModel(accountLists);
    const open = Object.fromEntries(incidents.map((incident) => [incident.fields.Name, isOpen(incident)]));
    expect(open).toMatchObject({ 'INC-000001': true, 'INC-000003': true });
    expect(Object.values(open)).toContain(false);
  });
});
