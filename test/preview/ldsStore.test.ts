/**
 * The preview's Lightning Data Service cache (src/preview/client/modules/preview/ldsStore), driven through the LWC
 * wire adapter protocol as the engine drives it: one fetch per distinct question however many wires ask it, nothing
 * fetched until every `$` parameter is set, frozen answers, refresh of a wired value, errors as values, and a saved
 * record updating its copies in cached answers.
 */
import { describe, expect, it } from '@jest/globals';
import {
  createWireAdapter,
  ingestRecord,
  refetchRecords,
  refreshWiredValue
} from '../../src/preview/client/modules/preview/ldsStore/ldsStore.js';

type Fields = Record<string, { value: unknown; displayValue: unknown }>;
type CachedRecord = { id: string; fields: Fields };
/** What the loaders of these tests answer, all shapes in one. */
type Data = { records: CachedRecord[]; id?: string; call?: number; results: { result: { records: CachedRecord[] } }[] };
type Value = { data?: Data; error?: unknown };
type Connector = { update(config: object): void; connect(): void; disconnect(): void };
type AdapterClass = new (callback: (value: Value) => void) => Connector;

function record(id: string, fields: Record<string, unknown>): object {
  return {
    apiName: 'Maintenance_Incident__c',
    id,
    fields: Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, { value, displayValue: null }]))
  };
}

/** An adapter over a counted loader, and wires that record what they receive. */
function setup(name: string, answer: (config: { id?: string }, call: number) => Promise<unknown>) {
  let calls = 0;
  const adapter = createWireAdapter(
    name,
    (config: { id?: string }) => Boolean(config.id),
    (config: { id?: string }) => answer(config, ++calls)
  ) as unknown as AdapterClass;
  const wire = (config: object): { values: Value[]; connector: Connector } => {
    const values: Value[] = [];
    const connector = new adapter((value) => values.push(value));
    connector.update(config);
    connector.connect();
    return { values, connector };
  };
  return { wire, calls: () => calls };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('the preview LDS cache', () => {
  it('asks once for a question many wires share, with keys in any order, and emits frozen data to all', async () => {
    const { wire, calls } = setup('shared', () => Promise.resolve({ records: [record('a1', { Status__c: 'New' })] }));
    const first = wire({ id: '001', fields: ['A', 'B'], pageSize: 10 });
    const second = wire({ pageSize: 10, fields: ['A', 'B'], id: '001' });
    await settle();
    expect(calls()).toBe(1);
    expect(first.values).toHaveLength(1);
    expect(second.values[0]).toBe(first.values[0]);
    expect(Object.isFrozen(first.values[0].data?.records[0].fields)).toBe(true);
    const late = wire({ id: '001', fields: ['A', 'B'], pageSize: 10 });
    expect(late.values[0]).toBe(first.values[0]);
    expect(calls()).toBe(1);
  });

  it('waits for its parameters, and moves to the new question when one changes', async () => {
    const { wire, calls } = setup('params', (config) => Promise.resolve({ id: config.id }));
    const { values, connector } = wire({ id: undefined });
    await settle();
    expect(calls()).toBe(0);
    connector.update({ id: 'x' });
    await settle();
    connector.update({ id: 'y' });
    await settle();
    expect(values.map((value) => value.data?.id)).toEqual(['x', 'y']);
    expect(calls()).toBe(2);
  });

  it('emits a failure as { error }, and refresh asks again for every wire sharing the question', async () => {
    const { wire, calls } = setup('refresh', (_config, call) =>
      call === 1
        ? // LDS fails with a plain { status, body } object, not an Error: that is the shape under test.
          Promise.reject({ status: 500, body: [{ message: 'boom' }] }) // eslint-disable-line @typescript-eslint/prefer-promise-reject-errors
        : Promise.resolve({ call })
    );
    const a = wire({ id: 'r' });
    const b = wire({ id: 'r' });
    await settle();
    expect(a.values[0]).toEqual({ data: undefined, error: { status: 500, body: [{ message: 'boom' }] } });
    await refreshWiredValue(a.values[0]);
    expect(calls()).toBe(2);
    expect(a.values[1].data).toEqual({ call: 2 });
    expect(b.values[1]).toBe(a.values[1]);
    await expect(refreshWiredValue({ data: 'never emitted' })).resolves.toBeUndefined();
  });

  it('stops emitting to a disconnected wire', async () => {
    const { wire } = setup('disconnect', (_config, call) => Promise.resolve({ call }));
    const a = wire({ id: 'd' });
    await settle();
    a.connector.disconnect();
    const b = wire({ id: 'd' });
    await refreshWiredValue(b.values[0]);
    expect(a.values).toHaveLength(1);
    expect(b.values).toHaveLength(2);
  });

  it('writes a saved record into the cached answers that hold it, keeping their own fields only', async () => {
    const { wire } = setup('ingest', () =>
      Promise.resolve({
        results: [
          {
            result: {
              records: [record('i1', { Status__c: 'New', Subject__c: 'S' }), record('i2', { Status__c: 'New' })]
            }
          }
        ]
      })
    );
    const { values } = wire({ id: 'batch' });
    await settle();
    ingestRecord(record('i1', { Status__c: 'Acknowledged', Responded_At__c: '2026-01-01T00:00:00.000Z' }));
    expect(values).toHaveLength(2);
    const [first, second] = values[1].data?.results[0].result.records ?? [];
    expect(first.fields).toEqual({
      Status__c: { value: 'Acknowledged', displayValue: null },
      Subject__c: { value: 'S', displayValue: null }
    });
    expect(second).toBe(values[0].data?.results[0].result.records[1]);
    ingestRecord(record('zz', { Status__c: 'Closed' }));
    expect(values).toHaveLength(2);
  });

  it('fetches again the answers holding a record another client changed', async () => {
    const { wire, calls } = setup('notify', (_config, call) =>
      Promise.resolve({ records: [record('n1', { Effort_Days__c: call })] })
    );
    const { values } = wire({ id: 'n' });
    await settle();
    await refetchRecords(['other']);
    expect(calls()).toBe(1);
    await refetchRecords(['n1']);
    expect(calls()).toBe(2);
    expect(values[1].data?.records[0].fields.Effort_Days__c.value).toBe(2);
  });
});
