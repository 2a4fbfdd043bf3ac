/**
 * `npm pack` / `npm publish` lifecycle (prepack, and postpack with --clean). What an installed plugin needs beside the
 * sources, made fresh from them at pack time as Salesforce's plugins do:
 * - lib/, compiled from a clean folder (a module deleted from src/ must not ship);
 * - oclif.manifest.json, so that `sf` lists the commands and their flags without loading any of them;
 * - npm-shrinkwrap.json, the lock file under the name npm honours in a package installed from the registry: the
 *   plugin then gets exactly the dependency versions the tests ran with (npm does not read it from a `file:` tarball,
 *   and root `overrides` never apply to an installed package, so the versions that must hold on Node 20 are pinned in
 *   package.json's dependencies).
 * The postpack step removes the manifest and the shrinkwrap again: in a clone, a stale manifest would hide a new
 * command from bin/run.js, and npm keeps the lock file in package-lock.json.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Plugin } from '@oclif/core';
import { projectRoot } from '../src/shared/projectPaths.js';

const MANIFEST = join(projectRoot, 'oclif.manifest.json');
const SHRINKWRAP = join(projectRoot, 'npm-shrinkwrap.json');

function clean(): void {
  rmSync(MANIFEST, { force: true });
  rmSync(SHRINKWRAP, { force: true });
}

async function prepack(): Promise<void> {
  clean();
  rmSync(join(projectRoot, 'lib'), { recursive: true, force: true });
  const tsc = spawnSync(
    process.execPath,
    [join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
    {
      cwd: projectRoot,
      stdio: 'inherit'
    }
  );
  if (tsc.status !== 0) throw new Error(`tsc failed (exit ${tsc.status})`);

  // What `oclif manifest` writes, from oclif's own loader: the commands as the compiled plugin declares them.
  const plugin = new Plugin({
    root: projectRoot,
    type: 'core',
    isRoot: true,
    ignoreManifest: true,
    errorOnManifestCreate: true
  });
  await plugin.load();
  const commands = Object.keys(plugin.manifest.commands);
  if (commands.length === 0) throw new Error('oclif found no command in the compiled plugin');
  writeFileSync(MANIFEST, JSON.stringify(plugin.manifest, null, 2) + '\n');

  copyFileSync(join(projectRoot, 'package-lock.json'), SHRINKWRAP);
  process.stdout.write(`prepack: lib/ compiled, manifest of ${commands.length} commands, npm-shrinkwrap.json\n`);
}

if (process.argv.includes('--clean')) clean();
else await prepack();
