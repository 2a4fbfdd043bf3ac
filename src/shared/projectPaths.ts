/**
 * Where the package's own files live, resolved from this module so that the commands work from any working
 * directory: the compiled plugin runs from lib/src/, the sources run from src/.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'sfdx-project.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No sfdx-project.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
export const forceAppDir = join(projectRoot, 'force-app');
export const messagesDir = join(projectRoot, 'messages');
export const seedRecipeDir = join(projectRoot, 'config', 'seed');
export const accessMatrixFile = join(projectRoot, 'config', 'access-matrix.json');
