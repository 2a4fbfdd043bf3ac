/**
 * The read cache of Bulk chunks (Storage.cachingReads): records read by one chunk are kept for the next, so every
 * write, whoever makes it, must reach the rows read after it, and a rolled-back write must not.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Store } from '../../src/localOrg/store.js';
import { openFixtureStore, removeDir } from './orgFixtures.js';

let store: Store;
let dir: string;
let contractId: string;

beforeAll(() => {
  ({ store, dir } = openFixtureStore());
  contractId = store.transaction(() => {
    const accountId = store.insert('Account', { Name: 'Cached' });
    return store.insert('Maintenance_Contract__c', {
      Name: 'Before',
      Account__c: accountId,
      Start_Date__c: '2026-01-01',
      End_Date__c: '2026-12-31'
    });
  });
});

afterAll(() => {
  store.close();
  removeDir(dir);
});

function cachedName(): unknown {
  const def = store.getObject('Maintenance_Contract__c');
  if (!def) throw new Error('no contract object');
  return store.cachingReads(() => store.readRaw(def, contractId)?.Name);
}

describe('the read cache of Bulk chunks', () => {
  it('reads a write made between two chunks', () => {
    expect(cachedName()).toBe('Before');
    store.transaction(() => store.update('Maintenance_Contract__c', contractId, { Name: 'Between chunks' }));
    expect(cachedName()).toBe('Between chunks');
  });

  it('forgets a write that was rolled back', () => {
    const def = store.getObject('Maintenance_Contract__c');
    if (!def) throw new Error('no contract object');
    const seen = store.transaction(() =>
      store.cachingReads(() => {
        const names: unknown[] = [];
        try {
          store.transaction(() => {
            store.update('Maintenance_Contract__c', contractId, { Name: 'Rolled back' });
            names.push(store.readRaw(def, contractId)?.Name);
            throw new Error('the row fails');
          });
        } catch {
          // the row's savepoint rolled back
        }
        names.push(store.readRaw(def, contractId)?.Name);
        return names;
      })
    );
    expect(seen).toEqual(['Rolled back', 'Between chunks']);
    expect(cachedName()).toBe('Between chunks');
  });

  it('hands out copies: a caller changing a record it read does not change the next read', () => {
    const def = store.getObject('Maintenance_Contract__c');
    if (!def) throw new Error('no contract object');
    store.cachingReads(() => {
      const record = store.readRaw(def, contractId) as Record<string, unknown>;
      record.Name = 'Changed in memory';
    });
    expect(cachedName()).toBe('Between chunks');
  });

  it('reads a deleted record as absent once deleted', () => {
    const def = store.getObject('Maintenance_Contract__c');
    if (!def) throw new Error('no contract object');
    expect(store.cachingReads(() => store.recordState(def, contractId))).toBe('live');
    store.transaction(() => store.delete('Maintenance_Contract__c', contractId));
    expect(store.cachingReads(() => store.recordState(def, contractId))).toBe('deleted');
    expect(store.cachingReads(() => store.readRaw(def, contractId))).toBeUndefined();
  });
});
