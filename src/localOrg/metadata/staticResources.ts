/**
 * StaticResource components: the checks Salesforce makes on deploy (content type, cache control, the 5 MB limit,
 * the name), and the org's copy of each deployed resource: a `StaticResource` record (queryable, as on Salesforce)
 * and its body in `md_static_resource_body`. An unchanged redeploy leaves the record alone, so that its
 * SystemModstamp, and with it the `/resource/<timestamp>/<Name>` URL, stays the same.
 */
import type { FieldDef, ObjectDef } from '../schema.js';
import type { Store } from '../store.js';
import type { ComponentProblem, DeployComponent } from './components.js';
import { childText } from '../xml.js';

/** Salesforce's limit on one static resource. */
export const MAX_STATIC_RESOURCE_BYTES = 5 * 1024 * 1024;
const CACHE_CONTROLS = ['Private', 'Public'];
const NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/;

/** A deployed static resource: its record's values and its body. */
export interface StaticResource {
  id: string;
  name: string;
  contentType: string;
  cacheControl: 'Private' | 'Public';
  systemModstamp: string;
  body: Buffer;
}

const prepared = new WeakSet<Store>();

function tables(store: Store): void {
  if (prepared.has(store)) return;
  store.db.exec(
    'CREATE TABLE IF NOT EXISTS md_static_resource_body (resource_id TEXT PRIMARY KEY, body BLOB NOT NULL)'
  );
  prepared.add(store);
}

/** The problems Salesforce reports for a StaticResource component. */
export function checkStaticResource(component: DeployComponent): ComponentProblem[] {
  const root = component.element;
  const line = root?.line;
  const problems: ComponentProblem[] = [];
  if (!NAME.test(component.fullName)) {
    problems.push({
      problem:
        `The StaticResource name ${component.fullName} can only contain underscores and alphanumeric characters, ` +
        `must begin with a letter, not include spaces, not end with an underscore, and not contain two ` +
        `consecutive underscores.`,
      line
    });
  }
  if (!childText(root, 'contentType')) problems.push({ problem: 'Required field is missing: contentType', line });
  const cacheControl = childText(root, 'cacheControl');
  if (cacheControl !== undefined && !CACHE_CONTROLS.includes(cacheControl)) {
    problems.push({
      problem: `'${cacheControl}' is not a valid value for the enum 'StaticResourceCacheControl'`,
      line
    });
  }
  if (!component.contentFile)
    problems.push({ problem: `No content file for the StaticResource ${component.fullName}`, line });
  else if (component.contentFile.bytes.length > MAX_STATIC_RESOURCE_BYTES) {
    problems.push({ problem: 'Static resource cannot exceed 5MB', line });
  }
  return problems;
}

/** Stores (creates or replaces) the resource of a checked StaticResource component, inside the deploy's transaction. */
export function saveStaticResource(store: Store, component: DeployComponent, now: string): void {
  tables(store);
  const def = store.getObject('StaticResource') as ObjectDef;
  const body = Buffer.from(component.contentFile?.bytes ?? new Uint8Array());
  const values = {
    Name: component.fullName,
    ContentType: childText(component.element, 'contentType') ?? 'application/octet-stream',
    CacheControl: childText(component.element, 'cacheControl') ?? 'Private',
    Description: childText(component.element, 'description')?.slice(0, 1000) ?? null,
    BodyLength: body.length,
    LastModifiedDate: now,
    LastModifiedById: store.runningUserId,
    SystemModstamp: now
  };
  const [existing] = store.findIdsByField(def, store.getField(def, 'Name') as FieldDef, component.fullName);
  const id = existing ?? store.newId(def);
  if (existing) store.updateRaw(def, id, values);
  else {
    store.insertRaw(def, { ...values, Id: id, IsDeleted: false, CreatedDate: now, CreatedById: store.runningUserId });
  }
  store
    .statement(
      'INSERT INTO md_static_resource_body (resource_id, body) VALUES (?, ?) ' +
        'ON CONFLICT (resource_id) DO UPDATE SET body = excluded.body'
    )
    .run(id, body);
}

/** The deployed resource named `name` (case-insensitive) or with id `id`, or undefined. */
export function findStaticResource(store: Store, by: { name?: string; id?: string }): StaticResource | undefined {
  tables(store);
  const def = store.getObject('StaticResource') as ObjectDef;
  const id =
    by.id ??
    (by.name !== undefined
      ? store.findIdsByField(def, store.getField(def, 'Name') as FieldDef, by.name)[0]
      : undefined);
  const record = id ? store.readRaw(def, id) : undefined;
  if (!record) return undefined;
  const row = store.statement('SELECT body FROM md_static_resource_body WHERE resource_id = ?').get(record.Id) as
    { body: Buffer } | undefined;
  return {
    id: record.Id as string,
    name: record.Name as string,
    contentType: record.ContentType as string,
    cacheControl: record.CacheControl === 'Public' ? 'Public' : 'Private',
    systemModstamp: record.SystemModstamp as string,
    body: row?.body ?? Buffer.alloc(0)
  };
}
