/**
 * The project's real data model for the formula tests: force-app converted by source-deploy-retrieve to a Metadata
 * API zip (exactly what a deploy sends) and deployed into a throw-away org, so that the tests evaluate the formulas
 * and validation rules as written in the XML.
 */
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { runDeploy } from '../../src/localOrg/metadata/deploy.js';
import type { ObjectDef } from '../../src/localOrg/schema.js';
import { tempStore } from './metadataFixtures.js';
import type { Store } from '../../src/localOrg/store.js';

/** force-app as a base64 Metadata API zip. */
export async function forceAppZip(path = 'force-app'): Promise<string> {
  const { zipBuffer } = await new MetadataConverter().convert(ComponentSet.fromSource(path), 'metadata', {
    type: 'zip'
  });
  if (!zipBuffer) throw new Error('SDR produced no zip');
  return zipBuffer.toString('base64');
}

export interface DataModel {
  store: Store;
  object(name: string): ObjectDef;
  dispose(): void;
}

/** A new org with force-app deployed; fails loudly when the deploy does not go through. */
export async function deployDataModel(): Promise<DataModel> {
  const { store, dispose } = tempStore();
  const outcome = runDeploy(store, await forceAppZip(), { checkOnly: false });
  if (outcome.failures.length > 0) {
    dispose();
    throw new Error(`force-app did not deploy: ${JSON.stringify(outcome.failures, null, 2)}`);
  }
  return {
    store,
    object: (name) => {
      const def = store.getObject(name);
      if (!def) throw new Error(`${name} is not in the data model`);
      return def;
    },
    dispose
  };
}
