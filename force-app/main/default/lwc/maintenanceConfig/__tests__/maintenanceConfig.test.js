import {
  CONFIG_FORMAT,
  MaintenanceConfig,
  forgetMaintenanceConfig,
  loadMaintenanceConfig,
  metadataRecords,
  parseConfig
} from 'c/maintenanceConfig';
import { configResource, mockConfigResource } from 'test/utils';

describe('c/maintenanceConfig', () => {
  afterEach(() => {
    forgetMaintenanceConfig();
    jest.clearAllMocks();
  });

  it('fetches the Maintenance_Config static resource once per page and hands out its records by type', async () => {
    const fetch = mockConfigResource();
    const [first, second] = await Promise.all([loadMaintenanceConfig(), loadMaintenanceConfig()]);
    expect(first).toBe(second);
    expect(await loadMaintenanceConfig()).toBe(first);
    expect(fetch).toHaveBeenCalledTimes(1);
    // sfdx-lwc-jest compiles @salesforce/resourceUrl/Maintenance_Config to the resource's name.
    expect(fetch.mock.calls[0][0]).toBe('Maintenance_Config');
    expect(first).toBeInstanceOf(MaintenanceConfig);
    const calendars = metadataRecords(first, 'Maintenance_Calendar__mdt');
    expect(calendars.map((record) => record.DeveloperName)).toEqual(['Always_Open_24x7', 'Paris_Business_Hours']);
    expect(calendars[1]).toMatchObject({ Time_Zone__c: 'Europe/Paris', Monday_Hours__c: '09:00-18:00' });
    expect(calendars[1].Saturday_Hours__c).toBeNull();
    expect(metadataRecords(first, 'SLA_Template__mdt').length).toBeGreaterThan(0);
    expect(metadataRecords(first, 'Unknown__mdt')).toEqual([]);
    expect(metadataRecords(undefined, 'Maintenance_Calendar__mdt')).toEqual([]);
    expect(Object.isFrozen(calendars[1])).toBe(true);
  });

  it('rejects with a readable error when the resource is missing, and fetches again at the next call', async () => {
    mockConfigResource({ status: 404 });
    await expect(loadMaintenanceConfig()).rejects.toThrow(/answered HTTP 404: deploy the package/);
    const fetch = mockConfigResource();
    await expect(loadMaintenanceConfig()).resolves.toBeInstanceOf(MaintenanceConfig);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('rejects when the network fails or the body is not JSON', async () => {
    forgetMaintenanceConfig();
    global.fetch = jest.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(loadMaintenanceConfig()).rejects.toThrow(/could not be fetched: Failed to fetch/);
    global.fetch = jest.fn(() =>
      Promise.resolve({ ok: true, status: 200, json: () => Promise.reject(new SyntaxError('Unexpected token <')) })
    );
    await expect(loadMaintenanceConfig()).rejects.toThrow(/is not JSON: Unexpected token </);
  });

  it('refuses a resource of another format or shape', () => {
    expect(() => parseConfig({ ...configResource(), format: CONFIG_FORMAT + 1 })).toThrow(/has format 2, expected 1/);
    expect(() => parseConfig(null)).toThrow(/has format undefined/);
    expect(() => parseConfig({ format: CONFIG_FORMAT })).toThrow(/no "types" object/);
    expect(() => parseConfig({ format: CONFIG_FORMAT, types: { X__mdt: [{ MasterLabel: 'x' }] } })).toThrow(
      /X__mdt records without a DeveloperName/
    );
    expect(() => parseConfig({ format: CONFIG_FORMAT, types: { X__mdt: {} } })).toThrow(/X__mdt/);
  });
});
