/**
 * Where the package's own files live (force-app, messages, recipes, the access matrix), resolved from this module so
 * that the commands work from any working directory and wherever the plugin is: a clone (sources in src/, compiled
 * in lib/src/) or a plugin that `sf plugins install` put under the sf data directory. The package root is the first
 * folder above this module that holds a package.json.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

/** The root of the package: the repository in a clone, the plugin's folder once installed. */
export const projectRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
export const forceAppDir = join(projectRoot, 'force-app');
export const messagesDir = join(projectRoot, 'messages');
export const seedRecipeDir = join(projectRoot, 'config', 'seed');
export const accessMatrixFile = join(projectRoot, 'config', 'access-matrix.json');

/**
 * The folder of an installed dependency, found as Node finds it from this package (the nearest node_modules that holds
 * it): inside the package in a clone, often hoisted above it in an installed plugin. Some packages (lwc) do not
 * export their package.json, so the folder is looked up rather than resolved.
 * @returns the folder, or undefined when the dependency is not installed
 */
export function dependencyDir(name: string): string | undefined {
  const searched = createRequire(join(projectRoot, 'package.json')).resolve.paths(name) ?? [];
  return searched.map((dir) => join(dir, name)).find((dir) => existsSync(join(dir, 'package.json')));
}
