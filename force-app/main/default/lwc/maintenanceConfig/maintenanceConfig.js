import CONFIG_URL from '@salesforce/resourceUrl/Maintenance_Config';

/**
 * The one place the Maintenance components read the package's configuration: every custom metadata record
 * (Maintenance_Calendar__mdt, SLA_Template__mdt, Handover_Template_Item__mdt and any type added later), from the
 * `Maintenance_Config` static resource that `sf maintenance deploy` generates from the same records
 * (src/deploy/configResource.ts).
 *
 * Why a static resource: without Apex, Salesforce documents no way for a component to read custom metadata records
 * (the UI API list views of `__mdt` types are not documented), while `@salesforce/resourceUrl` is the documented way
 * to reach a static resource from a component, and `fetch` of a same-origin URL is plain web platform. The price is
 * that a record edited in Setup reaches the components only with the next deploy, which regenerates the resource.
 *
 * Failure never crashes a component: `loadMaintenanceConfig()` rejects with an Error that says what went wrong, the
 * components show it, and a component that needs the calendars to stamp a record (the incident logger, the row
 * actions) refuses to save rather than write a record without its due times.
 */

/** The layout version this module reads; the generator writes the same number. */
export const CONFIG_FORMAT = 1;

/** The loaded configuration: not a plain object, so that LWC's reactive membrane leaves it alone (it is frozen). */
export class MaintenanceConfig {
  /** @param {Record<string, Array<Record<string, unknown>>>} types `<Type>__mdt` -> records */
  constructor(types) {
    this.types = Object.freeze(
      Object.fromEntries(
        Object.entries(types).map(([type, records]) => [
          type,
          Object.freeze(records.map((record) => Object.freeze({ ...record })))
        ])
      )
    );
    Object.freeze(this);
  }
}

let pending;

/**
 * The configuration, fetched once per page and shared by every component (a failed load is tried again at the next
 * call).
 * @returns {Promise<MaintenanceConfig>}
 */
export function loadMaintenanceConfig() {
  if (!pending) {
    pending = fetchConfig().catch((error) => {
      pending = undefined;
      throw error;
    });
  }
  return pending;
}

/** Forgets the loaded configuration, so that the next loadMaintenanceConfig() fetches it again. */
export function forgetMaintenanceConfig() {
  pending = undefined;
}

/**
 * The records of one custom metadata type, as field maps (DeveloperName, MasterLabel, every field of the type, null
 * when blank), sorted by DeveloperName.
 * @param {MaintenanceConfig|undefined|null} config
 * @param {string} typeApiName e.g. 'Maintenance_Calendar__mdt'
 * @returns {ReadonlyArray<Record<string, unknown>>} empty when the type has no record (or there is no config)
 */
export function metadataRecords(config, typeApiName) {
  return config?.types?.[typeApiName] ?? [];
}

async function fetchConfig() {
  let response;
  try {
    response = await fetch(CONFIG_URL, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  } catch (error) {
    throw new Error(`The Maintenance_Config static resource could not be fetched: ${error?.message ?? error}`);
  }
  if (!response.ok) {
    throw new Error(
      `The Maintenance_Config static resource answered HTTP ${response.status}: deploy the package (sf maintenance deploy).`
    );
  }
  let body;
  try {
    body = await response.json();
  } catch (error) {
    throw new Error(`The Maintenance_Config static resource is not JSON: ${error?.message ?? error}`);
  }
  return parseConfig(body);
}

/**
 * Checks the resource's layout and builds the configuration.
 * @param {unknown} body the parsed JSON
 * @returns {MaintenanceConfig}
 */
export function parseConfig(body) {
  if (!body || typeof body !== 'object' || body.format !== CONFIG_FORMAT) {
    throw new Error(
      `The Maintenance_Config static resource has format ${JSON.stringify(body?.format)}, expected ${CONFIG_FORMAT}: deploy the package again (sf maintenance deploy).`
    );
  }
  const types = body.types;
  if (!types || typeof types !== 'object' || Array.isArray(types)) {
    throw new Error('The Maintenance_Config static resource has no "types" object.');
  }
  for (const [type, records] of Object.entries(types)) {
    const valid =
      Array.isArray(records) &&
      records.every((record) => record && typeof record === 'object' && typeof record.DeveloperName === 'string');
    if (!valid) {
      throw new Error(`The Maintenance_Config static resource lists ${type} records without a DeveloperName.`);
    }
  }
  return new MaintenanceConfig(types);
}
