/**
 * `npm run generate:config`: rewrites the `Maintenance_Config` static resource from the package's custom metadata
 * records (see src/deploy/configResource.ts). Run it after adding or editing a record under customMetadata/.
 */
import { relative } from 'node:path';
import { configResourcePaths, writeConfigResource } from '../src/deploy/configResource.js';

const { written, records } = writeConfigResource();
const counts = Object.entries(records)
  .map(([type, count]) => `${type}: ${count}`)
  .join(', ');
const file = relative(process.cwd(), configResourcePaths().body);
process.stdout.write(`${written ? 'Wrote' : 'Unchanged:'} ${file} (${counts})\n`);
