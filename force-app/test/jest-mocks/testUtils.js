// Helpers shared by every component test.

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
