/**
 * The browser build of the package's Lightning Web Components: force-app/main/default/lwc compiled by the LWC
 * compiler (through @lwc/rollup-plugin, the version the jest preset uses), with synthetic shadow and the
 * lightning-base-components, plus this preview's own `lightning/*` data modules and page components
 * (src/preview/client). The components' source is compiled as it is: nothing in force-app changes for the preview.
 *
 * Builds are cached by the hash of everything that goes into them, so that a second `sf maintenance preview` starts
 * at once; a change to a component, a label or the client produces a new build.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { rollup, type Plugin } from 'rollup';
import lwcPluginModule from '@lwc/rollup-plugin';
import replacePluginModule from '@rollup/plugin-replace';
import { dependencyDir, forceAppDir, projectRoot } from '../shared/projectPaths.js';
import { readLabelCatalog } from './labels.js';
import { platformModules } from './platformModules.js';

/** Where the browser-side sources of the preview live. */
export const clientDir = join(projectRoot, 'src', 'preview', 'client');
const clientModulesDir = join(clientDir, 'modules');
const defaultComponentsDir = join(forceAppDir, 'main', 'default', 'lwc');
const sourceDir = join(forceAppDir, 'main', 'default');

/** The entry module's file name inside a build directory. */
export const ENTRY_FILE = 'app.js';
const MANIFEST_FILE = 'build.json';

export interface PreviewBuild {
  /** Directory holding `app.js` and its chunks. */
  dir: string;
  /** Hash of the inputs; part of the asset URLs so that browsers never mix two builds. */
  hash: string;
  /** True when this call compiled; false when a cached build was reused. */
  compiled: boolean;
  /** Compile time in milliseconds (0 when reused). */
  durationMs: number;
}

export interface BuildOptions {
  /** Parent directory of the cached builds (default: node_modules/.cache/maintenance-preview). */
  cacheDir?: string;
  /** The components to compile (default: force-app/main/default/lwc); another folder for experiments. */
  componentsDir?: string;
  /** Compile even when a build of the same inputs exists. */
  force?: boolean;
}

/** The default cache of builds: inside node_modules, so it is never committed and `npm ci` clears it. */
export const defaultCacheDir = join(projectRoot, 'node_modules', '.cache', 'maintenance-preview');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === '__tests__') continue;
      files.push(...filesUnder(path));
    } else {
      files.push(path);
    }
  }
  return files.sort();
}

function packageVersion(name: string): string {
  const dir = dependencyDir(name);
  return dir ? (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version : 'unknown';
}

/** Hash of every input of the build: sources, labels, client code, this builder and the compiler versions. */
function inputHash(componentsDir: string): string {
  const hash = createHash('sha256');
  const inputs = [
    ...filesUnder(componentsDir),
    ...filesUnder(join(sourceDir, 'labels')),
    ...filesUnder(join(sourceDir, 'translations')),
    ...filesUnder(clientDir),
    ...filesUnder(join(projectRoot, 'src', 'preview')).filter((file) => /\.(ts|js)$/.test(file))
  ];
  for (const file of [...new Set(inputs)]) {
    hash.update(relative(projectRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  for (const name of ['lwc', '@lwc/rollup-plugin', 'lightning-base-components', 'rollup']) {
    hash.update(`${name}@${packageVersion(name)}\0`);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * One alias per component folder: force-app keeps components flat (`lwc/<name>/<name>.js`), while the LWC module
 * resolver's `dir` records expect `<namespace>/<name>`; the platform puts them all in the `c` namespace.
 */
function componentAliases(componentsDir: string): { name: string; path: string }[] {
  return readdirSync(componentsDir)
    .filter((name) => statSync(join(componentsDir, name)).isDirectory())
    .filter((name) => existsSync(join(componentsDir, name, `${name}.js`)))
    .map((name) => ({ name: `c/${name}`, path: join(componentsDir, name, `${name}.js`) }));
}

/** These plugins ship CommonJS with a `default` export; under Node's ESM loader the function sits one level down. */
function interopDefault<T>(module: T | { default: T }): T {
  return typeof module === 'function' ? module : (module as { default: T }).default;
}
const lwc = interopDefault(lwcPluginModule);
const replace = interopDefault(replacePluginModule);

function plugins(componentsDir: string): Plugin[] {
  return [
    platformModules(readLabelCatalog(sourceDir), join(clientModulesDir, 'preview', 'context', 'context.js')),
    // The base components test `import.meta.env.SSR` (a bundler convention) to skip browser-only work on a server.
    replace({
      preventAssignment: true,
      values: { 'process.env.NODE_ENV': JSON.stringify('production'), 'import.meta.env.SSR': 'false' }
    }),
    lwc({
      rootDir: clientModulesDir,
      // The base components use lwc:is (datatable's sorting modal) and so need dynamic components.
      enableDynamicComponents: true,
      // lightning-combobox attaches element internals; under synthetic shadow that needs the compiler's support.
      enableSyntheticElementInternals: true,
      // First match wins: the preview's own lightning/* data modules before the base components' stubs of them.
      modules: [{ dir: clientModulesDir }, ...componentAliases(componentsDir), { npm: 'lightning-base-components' }]
    })
  ];
}

/**
 * Compiles the components for the browser (or reuses the cached build of the same inputs).
 * @returns where the build is, and whether and how long it compiled
 */
export async function buildPreview(options: BuildOptions = {}): Promise<PreviewBuild> {
  const cacheDir = options.cacheDir ?? defaultCacheDir;
  const components = options.componentsDir ?? defaultComponentsDir;
  const hash = inputHash(components);
  const dir = join(cacheDir, hash);
  if (!options.force && existsSync(join(dir, MANIFEST_FILE))) {
    return { dir, hash, compiled: false, durationMs: 0 };
  }
  const started = Date.now();
  // Build into a fresh directory and rename it into place, so that a concurrent or interrupted build never leaves a
  // half-written directory that a later start would take for complete.
  const staging = `${dir}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(staging, { recursive: true });
  try {
    const bundle = await rollup({
      input: join(clientDir, 'main.js'),
      plugins: plugins(components),
      onwarn(warning, warn) {
        // The base components reference `this` at module level in a few places; harmless in the browser.
        if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
        // The base components' own template warnings (duplicate slots, stray keys) are theirs to fix, not ours.
        if (warning.id?.includes(`${sep}lightning-base-components${sep}`)) return;
        warn(warning);
      }
    });
    await bundle.write({
      dir: staging,
      format: 'esm',
      entryFileNames: ENTRY_FILE,
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: false
    });
    await bundle.close();
    const durationMs = Date.now() - started;
    writeFileSync(
      join(staging, MANIFEST_FILE),
      JSON.stringify({ hash, builtAt: new Date().toISOString(), durationMs })
    );
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
    pruneOldBuilds(cacheDir, dir);
    return { dir, hash, compiled: true, durationMs };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw new PreviewBuildError(error);
  }
}

/** Builds kept in the cache: the newest few, so that a preview still running on an older build keeps its files. */
const KEPT_BUILDS = 3;

function pruneOldBuilds(cacheDir: string, current: string): void {
  const builds = readdirSync(cacheDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^[0-9a-f]{16}$/.test(entry.name))
    .map((entry) => join(cacheDir, entry.name))
    .filter((dir) => dir !== current)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const old of builds.slice(KEPT_BUILDS - 1)) rmSync(old, { recursive: true, force: true });
}

/** A compile error with the file and line it happened at, readable in a terminal (rollup's own is an object). */
export class PreviewBuildError extends Error {
  public constructor(cause: unknown) {
    const details = cause as {
      message?: string;
      id?: string;
      loc?: { line: number; column: number };
      location?: { line: number; column: number };
    };
    const where = details.loc ?? details.location;
    const file = details.id ? relative(projectRoot, details.id) : undefined;
    super(
      `The browser build of the components failed${file ? ` in ${file}${where ? `:${where.line}:${where.column}` : ''}` : ''}: ${details.message ?? String(cause)}`,
      { cause }
    );
    this.name = 'PreviewBuildError';
  }
}
