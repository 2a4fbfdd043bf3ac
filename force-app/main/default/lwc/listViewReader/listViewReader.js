import { refresh } from 'lightning/uiRecordApi';

/**
 * Reads a whole list view through a `getListRecordsByName` wire, one page after another, and again from the first
 * page on demand.
 *
 * LWC has no imperative list-view read: a component pages by changing the wire's `pageToken`. The component binds
 * the wire's `pageToken` to a property that `setToken` updates, and hands every value the wire emits to `receive`.
 * When the last page has arrived the reader is `complete` and `onSettled` runs; an error stops it there.
 *
 * Lightning Data Service caches every page. `reload()` reads each page from the org again: for each page it asks
 * LDS to refresh that page's cached answer (`refresh(value)` of lightning/uiRecordApi) before moving on to the next,
 * so that a refreshed list is never stitched from fresh and stale pages.
 */
export default class ListViewReader {
  /**
   * @param {(token: string|undefined) => void} setToken sets the page token the component's wire asks for
   *   (undefined = the first page)
   * @param {() => void} onSettled runs when the list is complete, or failed
   */
  constructor(setToken, onSettled) {
    this.setToken = setToken;
    this.onSettled = onSettled;
    /** The page token the wire is asked for now (undefined: the first page). */
    this.token = undefined;
    /** Wire values of the pages read, by page token ('' for the first), in page order. */
    this.pages = new Map();
    /** Pages read from the org during this reload (undefined when no reload runs). */
    this.reloaded = undefined;
    this.refreshing = new Set();
    this.complete = false;
    this.error = undefined;
  }

  get key() {
    return this.token ?? '';
  }

  /**
   * Takes a value the wire emitted for the current page token.
   * @param {{ data?: object, error?: unknown }} value
   */
  receive(value) {
    const { data, error } = value ?? {};
    if (error) {
      this.error = error;
      this.complete = false;
      this.reloaded = undefined;
      this.onSettled();
      return;
    }
    if (!data) {
      return;
    }
    const key = this.key;
    this.pages.set(key, value);
    this.error = undefined;
    if (this.reloaded && !this.reloaded.has(key)) {
      // A cached answer during a reload: read it from the org first; the wire may emit the fresh one meanwhile.
      if (!this.refreshing.has(key)) {
        this.refreshing.add(key);
        refresh(value).then(
          () => this.pageReloaded(key),
          (refreshError) => this.receive({ error: refreshError })
        );
      }
      return;
    }
    this.advance(key);
  }

  pageReloaded(key) {
    this.refreshing.delete(key);
    if (!this.reloaded || this.key !== key) {
      return;
    }
    this.reloaded.add(key);
    this.advance(key);
  }

  advance(key) {
    const next = this.pages.get(key).data.nextPageToken;
    if (next) {
      this.token = next;
      this.setToken(next);
      return;
    }
    this.complete = true;
    this.reloaded = undefined;
    this.onSettled();
  }

  /** Every record of the pages read, in page order. */
  get records() {
    const records = [];
    for (const value of this.pages.values()) {
      records.push(...(value.data.records ?? []));
    }
    return records;
  }

  /**
   * Reads the whole list again from the org, from its first page.
   */
  reload() {
    const first = this.pages.get('');
    this.complete = false;
    this.error = undefined;
    this.reloaded = new Set();
    this.refreshing = new Set();
    this.pages = new Map();
    if (this.token === undefined && first) {
      // The wire already shows the first page: it will not emit again by itself.
      this.receive(first);
      return;
    }
    this.token = undefined;
    this.setToken(undefined);
  }
}
