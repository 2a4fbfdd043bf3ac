/**
 * The plugin as an admin installs it, with the pinned real sf CLI (test/sfcli): `npm pack`, `sf plugins install
 * file:<tarball>` into a temporary sf home (the unsigned-plugin prompt answered "y" on stdin), `sf maintenance setup`
 * and `sf maintenance report --json` from a folder outside the repository, `sf plugins uninstall`; then `sf plugins
 * link` of the repository. What the installed plugin resolves is the registry's answer to its package.json (a `file:`
 * tarball's npm-shrinkwrap.json is not read by npm), so this is where a dependency that needs Node 22 shows.
 *
 * Kept lean, as it runs on every landing: npm reads the packages from the npm cache the repository's own `npm ci`
 * filled, and better-sqlite3 gets the binary that `npm ci` compiled on this machine, handed over the way prebuild-install
 * takes a local prebuilt binary (`npm_config_better_sqlite3_local_prebuilds`). MAINTENANCE_INSTALL_FROM_SOURCE=1
 * compiles it from source instead (about 2 minutes more; needs python3, make, a C++ compiler and Node's headers).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { ensureSfCli } from '../../scripts/ensure-sf-cli.js';
import { dependencyDir, projectRoot } from '../../src/shared/projectPaths.js';
import { tempDir } from './pluginFixtures.js';

const PLUGIN = 'maintenance-continuity';
const work = tempDir('plugin-install-');
const home = join(work, 'home');
const outside = join(work, 'admin-folder');
const prebuilds = join(work, 'prebuilds');
let sfBin: string;
let env: NodeJS.ProcessEnv;
let tarball: string;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the pinned sf CLI as the admin would, asynchronously (the install takes a minute). */
function sf(args: string[], options: { cwd?: string; input?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(sfBin, args, { cwd: options.cwd ?? outside, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** The JSON an sf command printed with --json, with what it wrote to stderr when it is not JSON. */
function json<T>(run: Run): { status: number; result: T } {
  try {
    return JSON.parse(run.stdout) as { status: number; result: T };
  } catch {
    throw new Error(`not JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
}

function npmConfig(key: string): string {
  return spawnSync('npm', ['config', 'get', key], { encoding: 'utf8' }).stdout.trim();
}

/** The repository's compiled better-sqlite3, as the local prebuilt binary prebuild-install looks for. */
function localPrebuild(): string {
  const dir = dependencyDir('better-sqlite3');
  if (!dir) throw new Error('better-sqlite3 is not installed: run npm ci');
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  mkdirSync(prebuilds, { recursive: true });
  const tar = spawnSync('tar', ['-czf', join(prebuilds, name), '-C', dir, 'build/Release/better_sqlite3.node']);
  if (tar.status !== 0) throw new Error(`tar failed: ${String(tar.stderr)}`);
  return prebuilds;
}

beforeAll(() => {
  sfBin = ensureSfCli();
  mkdirSync(home, { recursive: true });
  mkdirSync(outside, { recursive: true });
  const userNpmrc = npmConfig('userconfig');
  const { SF_MAINTENANCE_LOCAL_ORG_DIR: _ignored, ...inherited } = process.env;
  env = {
    ...inherited,
    // A fresh sf home: data (installed plugins), config, cache, and the auth store the local org registers in.
    HOME: home,
    // The admin's npm setup (registry, certificates, nodedir) and the packages npm ci already downloaded.
    ...(existsSync(userNpmrc) ? { npm_config_userconfig: userNpmrc } : {}),
    npm_config_cache: npmConfig('cache'),
    npm_config_prefer_offline: 'true',
    ...(process.env.MAINTENANCE_INSTALL_FROM_SOURCE
      ? {}
      : { npm_config_better_sqlite3_local_prebuilds: localPrebuild() }),
    PATH: `${dirname(sfBin)}${delimiter}${process.env.PATH ?? ''}`,
    SF_DISABLE_TELEMETRY: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    // Both names: sf turns one into the other only when it runs from an installer, and oclif's update hook reads the
    // second (with the first alone, an npm-installed sf spawns a detached `sf update --autoupdate`).
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_DISABLE_AUTOUPDATE: 'true'
  };
}, 600_000);

afterAll(async () => {
  if (existsSync(join(outside, '.localorg'))) await sf(['maintenance', 'org', 'stop', '--json']);
  rmSync(work, { recursive: true, force: true });
}, 60_000);

describe('the plugin as an admin installs it', () => {
  it('packs a tarball with the compiled commands, the manifest, the shrinkwrap and no test file', () => {
    const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: projectRoot,
      encoding: 'utf8'
    });
    expect(pack.status).toBe(0);
    const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as {
      filename: string;
      files: { path: string }[];
    }[];
    tarball = join(work, packed.filename);
    const files = packed.files.map((file) => file.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'oclif.manifest.json',
        'npm-shrinkwrap.json',
        'LICENSE.txt',
        'README.md',
        'lib/src/commands/maintenance/setup.js',
        'force-app/main/default/lwc/maintenanceEngine/maintenanceEngine.js',
        'src/preview/client/main.js',
        'messages/maintenance.setup.md',
        'config/seed/demo.yaml'
      ])
    );
    expect(files.filter((file) => /__tests__|\.test\.|\.map$|^test\/|^src\/(?!preview\/client\/)/.test(file))).toEqual(
      []
    );
    const manifest = JSON.parse(
      spawnSync('tar', ['-xzOf', tarball, 'package/oclif.manifest.json'], { encoding: 'utf8' }).stdout
    ) as { commands: Record<string, unknown> };
    expect(Object.keys(manifest.commands)).toEqual(expect.arrayContaining(['maintenance:setup', 'maintenance:report']));
    // postpack: the clone keeps no manifest (bin/run.js would trust a stale one) and no second lock file.
    expect(existsSync(join(projectRoot, 'oclif.manifest.json'))).toBe(false);
    expect(existsSync(join(projectRoot, 'npm-shrinkwrap.json'))).toBe(false);
  }, 180_000);

  it('installs with sf plugins install file:<tarball>, on dependency versions that run on Node 20', async () => {
    const install = await sf(['plugins', 'install', `file:${tarball}`], { input: 'y\n' });
    expect({ status: install.status, output: install.stdout + install.stderr }).toMatchObject({ status: 0 });
    expect(install.stdout + install.stderr).toMatch(/isn't signed\s+by Salesforce/);
    expect(install.stderr).not.toMatch(/did not produce all the expected files/);
    const modules = join(home, '.local', 'share', 'sf', 'node_modules');
    const version = (name: string): string =>
      (JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')) as { version: string }).version;
    expect(version(PLUGIN)).toBe('0.1.0');
    // The pair that crashed every command on Node 20: jsforce-node after 3.10.16 brings undici 8 (Node 22's zstd).
    expect(version('@jsforce/jsforce-node')).toBe('3.10.16');
    expect(existsSync(join(modules, 'undici'))).toBe(false);
    expect(existsSync(join(modules, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
  }, 600_000);

  it('lists the topics with their own descriptions', async () => {
    const help = await sf(['maintenance', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/maintenance org\s+Run the embedded local org/);
    expect(help.stdout).toMatch(/maintenance sla\s+Keep incidents' SLA clocks true/);
  }, 60_000);

  it('sets up the local org and reports on it, from a folder outside the repository', async () => {
    const setup = json<{
      localOrg: boolean;
      seed: { created: number; objects: { sobject: string; records: number }[] };
    }>(await sf(['maintenance', 'setup', '--json']));
    expect(setup.status).toBe(0);
    expect(setup.result.localOrg).toBe(true);
    const accounts = setup.result.seed.objects.find((object) => object.sobject === 'Account')?.records ?? 0;
    expect(accounts).toBeGreaterThan(0);
    // The local org keeps its data in the folder the admin works in.
    expect(readdirSync(join(outside, '.localorg'))).toEqual(expect.arrayContaining(['org.sqlite']));

    const report = json<{ accounts: unknown[]; totals: { accounts: number } }>(
      await sf(['maintenance', 'report', '--json'])
    );
    expect(report.status).toBe(0);
    expect(report.result.accounts).toHaveLength(accounts);
    expect(report.result.totals.accounts).toBe(accounts);
  }, 300_000);

  it('previews the org given with -o, built from the installed dependencies', async () => {
    // The preview serves until Ctrl+C: its JSON result prints once it listens.
    const child = spawn(sfBin, ['maintenance', 'preview', '-o', 'maintenance-local', '--json'], { cwd: outside, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const result = await new Promise<{ url: string; accountsUrl: string; buildHash: string }>((resolve, reject) => {
        const timer = setInterval(() => {
          try {
            resolve((JSON.parse(stdout) as { result: { url: string; accountsUrl: string; buildHash: string } }).result);
            clearInterval(timer);
          } catch {
            // not complete yet
          }
        }, 200);
        void exited.then((code) => {
          clearInterval(timer);
          reject(new Error(`The preview exited (${code}) before serving:\n${stdout}\n${stderr}`));
        });
      });
      const page = await fetch(result.accountsUrl);
      expect(page.status).toBe(200);
      const html = await page.text();
      const script = /<script type="module" src="([^"]+)"/.exec(html)?.[1];
      expect(script).toContain(result.buildHash);
      // The components compiled by the installed LWC compiler, and SLDS from the installed design system.
      const app = await fetch(new URL(script ?? '', result.url));
      expect(app.status).toBe(200);
      expect(app.headers.get('content-type')).toContain('javascript');
      expect((await app.text()).length).toBeGreaterThan(1000);
      const slds = /href="([^"]*salesforce-lightning-design-system[^"]*\.css)"/.exec(html)?.[1];
      expect(slds).toBeDefined();
      expect((await fetch(new URL(slds ?? '', result.url))).status).toBe(200);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 300_000);

  it('uninstalls', async () => {
    expect((await sf(['maintenance', 'org', 'stop', '--json'])).status).toBe(0);
    const uninstall = await sf(['plugins', 'uninstall', PLUGIN]);
    expect(uninstall.status).toBe(0);
    // `plugins --json` prints the plugin list itself, not an sf result envelope.
    const plugins = JSON.parse((await sf(['plugins', '--json'])).stdout) as { name: string }[];
    expect(plugins.map((plugin) => plugin.name)).not.toContain(PLUGIN);
    expect((await sf(['maintenance', '--help'])).status).not.toBe(0);
  }, 120_000);

  it('links the repository with sf plugins link, as a contributor does', async () => {
    const link = await sf(['plugins', 'link', projectRoot, '--no-install']);
    expect({ status: link.status, output: link.stderr }).toMatchObject({ status: 0 });
    const status = json<{ running: boolean }>(await sf(['maintenance', 'org', 'status', '--json']));
    expect(status.status).toBe(0);
    expect(status.result.running).toBe(false);
    expect((await sf(['plugins', 'unlink', PLUGIN])).status).toBe(0);
  }, 120_000);
});
