/**
 * Roll-up summaries kept incrementally (a child's change moves its parent's values by that one child) must always
 * equal what a full computation over the children gives: random inserts, updates, re-parentings and deletes, with
 * COUNT, filtered COUNT, SUM, MIN and MAX, checked against the SQL recomputation after every step.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { field, lookup, picklist } from '../../src/localOrg/fieldFactory.js';
import { recomputeAllRollups } from '../../src/localOrg/rollups.js';
import type { FieldDef, ObjectDef } from '../../src/localOrg/schema.js';
import { Store } from '../../src/localOrg/store.js';
import { removeDir, tempDir } from './orgFixtures.js';

function object(name: string, fields: FieldDef[]): ObjectDef {
  return {
    name,
    label: name,
    labelPlural: `${name}s`,
    keyPrefix: '',
    custom: true,
    fields,
    validationRules: [],
    nameField: { label: 'Name', type: 'Text' },
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true
  };
}

const summary = (
  name: string,
  type: FieldDef['type'],
  operation: 'count' | 'sum' | 'min' | 'max',
  summarizedField?: string,
  filters: { field: string; operation: string; value: string }[] = []
): FieldDef =>
  field(name, type, {
    custom: true,
    calculated: true,
    createable: false,
    updateable: false,
    scale: type === 'double' ? 2 : undefined,
    summary: { operation, childObject: 'Task_Item__c', childField: 'Board__c', summarizedField, filters }
  });

const ROLLUPS = [
  summary('Items__c', 'double', 'count'),
  summary('Open_Mandatory__c', 'double', 'count', undefined, [
    { field: 'Mandatory__c', operation: 'equals', value: 'True' },
    { field: 'Stage__c', operation: 'notEqual', value: 'Done' }
  ]),
  summary('Urgent_Or_Blocked__c', 'double', 'count', undefined, [
    { field: 'Stage__c', operation: 'equals', value: 'Blocked, Urgent' }
  ]),
  summary('Big_Items__c', 'double', 'count', undefined, [{ field: 'Effort__c', operation: 'greaterThan', value: '2' }]),
  summary('Tagged__c', 'double', 'count', undefined, [{ field: 'Title__c', operation: 'contains', value: 'db' }]),
  summary('Effort__c', 'double', 'sum', 'Effort__c'),
  summary('First_Due__c', 'date', 'min', 'Due__c'),
  summary('Last_Due__c', 'date', 'max', 'Due__c'),
  summary('Largest_Effort__c', 'double', 'max', 'Effort__c')
];

let store: Store;
let dir: string;
let boards: string[];
const items: string[] = [];

beforeAll(() => {
  dir = tempDir('rollups-');
  store = Store.open(dir);
  const child = object('Task_Item__c', [
    lookup('Board__c', 'Board__c', 'Board__r', {
      custom: true,
      metadataType: 'MasterDetail',
      cascadeDelete: true,
      required: true,
      nillable: false,
      childRelationshipName: 'Items__r'
    }),
    field('Mandatory__c', 'boolean', { custom: true, defaultValue: false, nillable: false }),
    field('Stage__c', 'picklist', { custom: true, picklistValues: picklist(['New', 'Urgent', 'Blocked', 'Done']) }),
    field('Effort__c', 'double', { custom: true, precision: 8, scale: 2 }),
    field('Due__c', 'date', { custom: true }),
    field('Title__c', 'string', { custom: true, length: 40 })
  ]);
  store.transaction(() => store.applyObjects([child, object('Board__c', ROLLUPS)]));
  boards = store.transaction(() => [0, 1, 2].map((index) => store.insert('Board__c', { Name: `Board ${index}` })));
});
afterAll(() => {
  store.close();
  removeDir(dir);
});

const values = fc.record({
  Mandatory__c: fc.boolean(),
  Stage__c: fc.constantFrom(null, 'New', 'Urgent', 'Blocked', 'Done'),
  Effort__c: fc.option(
    fc.integer({ min: 0, max: 800 }).map((cents) => cents / 100),
    { nil: null }
  ),
  Due__c: fc.option(
    fc.integer({ min: 1, max: 28 }).map((day) => `2026-03-${String(day).padStart(2, '0')}`),
    { nil: null }
  ),
  Title__c: fc.constantFrom(null, 'DB backup', 'network', 'Fix the db', 'ui')
});

const operation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), board: fc.nat(2), values }),
  fc.record({ kind: fc.constant('update' as const), item: fc.nat(), values: values.map((v) => ({ ...v })) }),
  fc.record({ kind: fc.constant('delete' as const), item: fc.nat() })
);

/** The boards' stored roll-ups, then the same computed over the children from scratch. */
function storedAndRecomputed(): { stored: unknown[]; recomputed: unknown[] } {
  const board = store.getObject('Board__c') as ObjectDef;
  const read = (): unknown[] =>
    boards.map((id) => {
      const row = store.readRaw(board, id) as Record<string, unknown>;
      return ROLLUPS.map((rollup) => row[rollup.name]);
    });
  const stored = read();
  store.transaction(() => {
    for (const rollup of ROLLUPS) recomputeAllRollups(store, board, store.getField(board, rollup.name) as FieldDef);
  });
  return { stored, recomputed: read() };
}

describe('incremental roll-ups', () => {
  it('always equal a full computation over the children', () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 40 }), (operations) => {
        for (const step of operations) {
          store.transaction(() => {
            if (step.kind === 'insert') {
              items.push(store.insert('Task_Item__c', { Name: 'Item', Board__c: boards[step.board], ...step.values }));
            } else if (items.length > 0) {
              const index = step.item % items.length;
              if (step.kind === 'update') store.update('Task_Item__c', items[index], step.values);
              else {
                store.delete('Task_Item__c', items[index]);
                items.splice(index, 1);
              }
            }
          });
          const { stored, recomputed } = storedAndRecomputed();
          expect(stored).toEqual(recomputed);
        }
      }),
      { numRuns: 60, seed: 20261202 }
    );
  });
});
