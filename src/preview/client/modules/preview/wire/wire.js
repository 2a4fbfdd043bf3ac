/**
 * Connects a wire adapter by hand, for the preview's own page components. They are plain classes without
 * decorators (the project's lint runs the LWC rules on force-app only), so they attach to the same adapters, and the
 * same cache, the way the wire service would: constructor(callback), update(config), connect(), disconnect().
 */

/**
 * @param {Function} adapter a wire adapter class (e.g. getRelatedListRecords)
 * @param {object} config the adapter's configuration
 * @param {(value: { data?: unknown, error?: unknown }) => void} callback receives every value the adapter emits
 * @returns {() => void} disconnects
 */
export function observeWire(adapter, config, callback) {
  const connector = new adapter(callback);
  connector.update(config);
  connector.connect();
  return () => connector.disconnect();
}
