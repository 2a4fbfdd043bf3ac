import { refresh } from 'lightning/uiRecordApi';
import ListViewReader from 'c/listViewReader';
import { flushPromises } from 'test/utils';

/** One page of a list-records answer: records named by the given ids, and the next page's token. */
function page(ids, nextPageToken = null) {
  return { data: { records: ids.map((id) => ({ id, fields: {} })), nextPageToken }, error: undefined };
}

function reader() {
  const tokens = [];
  const settled = jest.fn();
  const instance = new ListViewReader((token) => tokens.push(token), settled);
  return { instance, tokens, settled };
}

describe('c/listViewReader', () => {
  afterEach(() => {
    jest.clearAllMocks();
  });

  it('asks for each next page and settles once the last one has arrived, records in page order', () => {
    const { instance, tokens, settled } = reader();
    instance.receive({ data: undefined, error: undefined });
    expect(settled).not.toHaveBeenCalled();
    instance.receive(page(['a', 'b'], '2'));
    expect(tokens).toEqual(['2']);
    expect(instance.complete).toBe(false);
    instance.receive(page(['c'], null));
    expect(instance.complete).toBe(true);
    expect(settled).toHaveBeenCalledTimes(1);
    expect(instance.records.map((record) => record.id)).toEqual(['a', 'b', 'c']);
  });

  it('settles with the error when a page fails, and clears it when the page then arrives', () => {
    const { instance, settled } = reader();
    const error = { status: 500, body: { message: 'boom' } };
    instance.receive({ data: undefined, error });
    expect(instance.error).toBe(error);
    expect(instance.complete).toBe(false);
    expect(settled).toHaveBeenCalledTimes(1);
    instance.receive(page(['a']));
    expect(instance.error).toBeUndefined();
    expect(instance.complete).toBe(true);
  });

  it('reloads every page from the org, one after the other, before settling again', async () => {
    const { instance, tokens, settled } = reader();
    instance.receive(page(['a'], '1'));
    instance.receive(page(['b'], null));
    settled.mockClear();

    instance.reload();
    expect(instance.complete).toBe(false);
    expect(tokens).toEqual(['1', undefined]);
    // The wire answers the first page from its cache: the reader has LDS read it again before going on.
    const cachedFirst = page(['a'], '1');
    instance.receive(cachedFirst);
    expect(refresh).toHaveBeenCalledWith(cachedFirst);
    instance.receive(page(['a2'], '1')); // the fresh answer, emitted while the refresh runs
    expect(tokens).toEqual(['1', undefined]);
    await flushPromises();
    expect(tokens).toEqual(['1', undefined, '1']);
    instance.receive(page(['b'], null));
    await flushPromises();
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(settled).toHaveBeenCalledTimes(1);
    expect(instance.records.map((record) => record.id)).toEqual(['a2', 'b']);
  });

  it('refreshes a one-page list in place: its wire would not emit again by itself', async () => {
    const { instance, tokens, settled } = reader();
    const only = page(['a']);
    instance.receive(only);
    instance.reload();
    expect(tokens).toEqual([]);
    expect(refresh).toHaveBeenCalledWith(only);
    await flushPromises();
    expect(instance.complete).toBe(true);
    expect(settled).toHaveBeenCalledTimes(2);
  });

  it('settles with the error when a reload fails', async () => {
    const { instance, settled } = reader();
    instance.receive(page(['a']));
    refresh.mockRejectedValueOnce({ status: 503, body: { message: 'unavailable' } });
    instance.reload();
    await flushPromises();
    expect(instance.error).toEqual({ status: 503, body: { message: 'unavailable' } });
    expect(settled).toHaveBeenCalledTimes(2);
  });
});
