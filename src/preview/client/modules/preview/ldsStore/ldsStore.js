/**
 * The cache behind the preview's wire adapters, doing for the preview what Lightning Data Service does on the
 * platform, in the ways the Maintenance components rely on:
 * - one request per distinct question: every wire with the same adapter and the same configuration shares one
 *   entry, one fetch and one answer (the Maintenance tab's three components ask for the same account batch, and the
 *   org sees one request);
 * - answers are frozen, as LDS hands out read-only data;
 * - `refresh(value)` re-asks the question behind a value a wire emitted and updates every wire that shares it;
 * - a record written with createRecord/updateRecord updates the copies of that record inside cached answers
 *   (LDS normalizes records, so a related list shows an updated record without a refresh).
 */

const entries = new Map();
const entryOfValue = new WeakMap();

function deepFreeze(value) {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) {
      deepFreeze(value[key]);
    }
  }
  return value;
}

/** JSON with sorted object keys, so that `{ a, b }` and `{ b, a }` are the same question. */
function stableStringify(value) {
  if (Array.isArray(value)) {
    return `[${value.map(stableStringify).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableStringify(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

class Entry {
  constructor(key, load) {
    this.key = key;
    this.load = load;
    this.value = undefined;
    this.pending = undefined;
    this.subscribers = new Set();
  }

  subscribe(callback) {
    this.subscribers.add(callback);
    if (this.value) {
      callback(this.value);
    } else {
      this.fetch();
    }
  }

  fetch() {
    if (!this.pending) {
      this.pending = this.load()
        .then(
          (data) => this.publish({ data: deepFreeze(data), error: undefined }),
          (error) => this.publish({ data: undefined, error: deepFreeze(error) })
        )
        .finally(() => {
          this.pending = undefined;
        });
    }
    return this.pending;
  }

  publish(value) {
    entryOfValue.set(value, this);
    this.value = value;
    for (const callback of [...this.subscribers]) {
      callback(value);
    }
  }
}

/**
 * A wire adapter class (the LWC wire protocol: constructor(callback), update(config), connect(), disconnect()).
 * @param {string} name the adapter's name, part of the cache key
 * @param {(config: object) => boolean} isReady false while a required parameter is still undefined: nothing is
 *   fetched, as LDS waits for `$` parameters to resolve
 * @param {(config: object) => Promise<unknown>} load asks the UI API
 * @returns {Function}
 */
export function createWireAdapter(name, isReady, load) {
  return class PreviewWireAdapter {
    constructor(callback) {
      this.callback = callback;
      this.config = undefined;
      this.connected = false;
      this.entry = undefined;
    }

    update(config) {
      this.config = config;
      if (this.connected) {
        this.attach();
      }
    }

    connect() {
      this.connected = true;
      this.attach();
    }

    disconnect() {
      this.connected = false;
      this.detach();
    }

    attach() {
      const config = this.config;
      if (!config || !isReady(config)) {
        this.detach();
        return;
      }
      const key = `${name}:${stableStringify(config)}`;
      if (this.entry?.key === key) {
        return;
      }
      this.detach();
      let entry = entries.get(key);
      if (!entry) {
        // The config is copied: the component may change its fields later, the question asked may not.
        const frozenConfig = deepFreeze(JSON.parse(JSON.stringify(config)));
        entry = new Entry(key, () => load(frozenConfig));
        entries.set(key, entry);
      }
      this.entry = entry;
      entry.subscribe(this.callback);
    }

    detach() {
      if (this.entry) {
        this.entry.subscribers.delete(this.callback);
        this.entry = undefined;
      }
    }
  };
}

/**
 * Re-asks the question behind a value a wire emitted, and updates every wire that shares it.
 * @param {unknown} wiredValue the `{ data, error }` object the wire emitted
 * @returns {Promise<void>}
 */
export function refreshWiredValue(wiredValue) {
  const entry = wiredValue && entryOfValue.get(wiredValue);
  return entry ? entry.fetch() : Promise.resolve();
}

function isRecord(value) {
  return Boolean(value && typeof value === 'object' && typeof value.apiName === 'string' && value.fields && value.id);
}

/** `data` with every copy of `record` updated (the fields the copy has), or `data` itself when it holds none. */
function mergeRecord(data, record) {
  if (Array.isArray(data)) {
    let changed = false;
    const next = data.map((item) => {
      const merged = mergeRecord(item, record);
      changed = changed || merged !== item;
      return merged;
    });
    return changed ? next : data;
  }
  if (!data || typeof data !== 'object') {
    return data;
  }
  if (isRecord(data) && data.id === record.id) {
    const fields = { ...data.fields };
    for (const name of Object.keys(fields)) {
      if (record.fields[name] !== undefined) {
        fields[name] = record.fields[name];
      }
    }
    return {
      ...data,
      fields,
      lastModifiedById: record.lastModifiedById ?? data.lastModifiedById,
      lastModifiedDate: record.lastModifiedDate ?? data.lastModifiedDate,
      systemModstamp: record.systemModstamp ?? data.systemModstamp,
      eTag: record.eTag ?? data.eTag,
      weakEtag: record.weakEtag ?? data.weakEtag
    };
  }
  let changed = false;
  const next = {};
  for (const [key, value] of Object.entries(data)) {
    next[key] = mergeRecord(value, record);
    changed = changed || next[key] !== value;
  }
  return changed ? next : data;
}

/**
 * Writes a record the org just returned into every cached answer that holds a copy of it.
 * @param {object} record a UI API record representation
 */
export function ingestRecord(record) {
  if (!isRecord(record)) {
    return;
  }
  for (const entry of entries.values()) {
    const data = entry.value?.data;
    if (!data) {
      continue;
    }
    const merged = mergeRecord(data, record);
    if (merged !== data) {
      entry.publish({ data: deepFreeze(merged), error: undefined });
    }
  }
}

function holdsRecord(data, recordIds) {
  if (Array.isArray(data)) {
    return data.some((item) => holdsRecord(item, recordIds));
  }
  if (!data || typeof data !== 'object') {
    return false;
  }
  if (isRecord(data) && recordIds.has(data.id)) {
    return true;
  }
  return Object.values(data).some((value) => holdsRecord(value, recordIds));
}

/**
 * Re-fetches every cached answer holding one of these records (notifyRecordUpdateAvailable), and forgets the
 * record after a delete.
 * @param {string[]} recordIds
 * @returns {Promise<void>}
 */
export function refetchRecords(recordIds) {
  const ids = new Set(recordIds);
  const fetches = [];
  for (const entry of entries.values()) {
    if (entry.value?.data && holdsRecord(entry.value.data, ids)) {
      fetches.push(entry.fetch());
    }
  }
  return Promise.all(fetches).then(() => undefined);
}

/** Deep-freezes a value handed to a component outside a wire (createRecord's answer). */
export function freeze(value) {
  return deepFreeze(value);
}

/**
 * Fetches again every cached answer a wire still shows, as Lightning Experience refreshes a record page's data after
 * a quick action (force:refreshView).
 * @returns {Promise<void>}
 */
export function refreshAll() {
  const fetches = [];
  for (const entry of entries.values()) {
    if (entry.subscribers.size > 0) {
      fetches.push(entry.fetch());
    }
  }
  return Promise.all(fetches).then(() => undefined);
}
