// Helpers shared by every component test.
import { forgetMaintenanceConfig } from 'c/maintenanceConfig';

/**
 * Resolves after every pending promise callback and LWC re-render has run (one macrotask later).
 * @returns {Promise<void>}
 */
export function flushPromises() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Freezes the clock the components read (Date) at a fixed instant while leaving timers real, so that flushPromises
 * and LWC's scheduling keep working.
 * @param {string} isoInstant e.g. '2026-03-10T09:00:00Z'
 */
export function freezeTime(isoInstant) {
  jest.useFakeTimers({
    now: new Date(isoInstant),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout'
    ]
  });
}

/** Removes every element a test appended to the document. */
export function resetDom() {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
}

const COMMITTED_CONFIG = require('../../main/default/staticresources/Maintenance_Config.json');

/**
 * A copy of the committed Maintenance_Config static resource (what `sf maintenance deploy` ships), with some types'
 * records replaced.
 * @param {Record<string, Array<Record<string, unknown>>>} [types] `<Type>__mdt` -> records to use instead
 * @returns {{ format: number, types: Record<string, Array<Record<string, unknown>>> }}
 */
export function configResource(types = {}) {
  const copy = JSON.parse(JSON.stringify(COMMITTED_CONFIG));
  Object.assign(copy.types, types);
  return copy;
}

/**
 * Answers the components' fetch of the Maintenance_Config static resource (c/maintenanceConfig), as the org serves
 * it: with `body` as JSON, or with an HTTP error status. Forgets any configuration an earlier test loaded.
 * @param {{ body?: unknown, status?: number }} [answer] default: the committed resource, 200
 * @returns {jest.Mock} the fetch mock, to check what was asked
 */
export function mockConfigResource({ body = configResource(), status = 200 } = {}) {
  forgetMaintenanceConfig();
  global.fetch = jest.fn(() =>
    Promise.resolve({ ok: status >= 200 && status < 300, status, json: () => Promise.resolve(body) })
  );
  return global.fetch;
}
