/** Where the metadata tests read from: the package directory and the files this data model owns. */
import { join } from 'node:path';
import { accessMatrixFile, forceAppDir, projectRoot } from '../../../src/shared/projectPaths.js';

export { accessMatrixFile, forceAppDir, projectRoot };
export const defaultDir = join(forceAppDir, 'main', 'default');
/** Folders whose metadata the data model owns (the components, pages and labels live elsewhere in force-app). */
export const dataModelDirs = ['objects', 'customMetadata', 'permissionsets', 'layouts', 'tabs', 'applications'].map((d) => join(defaultDir, d));
