/**
 * Startup benchmark: how long `sf maintenance report --help`, `sf maintenance org status` and `sf maintenance seed
 * --dry-run` take from a cold process, beside `sf org display --help` (a core command) from the same pinned sf CLI
 * (test/sfcli), printed as ratios to it. Target: within 1.2x.
 *
 * Everything runs in a temporary sf home (no plugin but this one) from a folder outside the repository, where a local
 * org has been started once and stopped (so `org status` reads a real database). The plugin is measured two ways:
 * - installed: as `sf plugins install` leaves it: the package in `node_modules/` of sf's data directory, an entry of
 *   type "user" in that directory's package.json, and the oclif manifest generated at pack time (sf then lists and
 *   helps commands without loading them, and loads only the command it runs). The package is staged as a folder of
 *   links to this clone's package files (the compiled lib/, messages, force-app, config, node_modules) beside a fresh
 *   manifest: the files the pack-and-install test installs, without its minute of npm install. (Not with
 *   `sf plugins link`: oclif treats a linked plugin as one under development, and at every command it runs, loads
 *   TypeScript to look for a tsconfig.json and registers tsx, which an installed plugin never does.)
 * - linked clone: `sf plugins link` of the repository as contributors run it, with no manifest, so that sf loads
 *   every command of the plugin at each start, whatever command runs (core ones included, shown as the last row),
 *   from the TypeScript sources through tsx.
 * The baseline is `sf org display --help` with no plugin. Beside the plugin's commands, the floor: an
 * installed plugin of one empty SfCommand on this plugin's dependencies (the same @salesforce/sf-plugins-core and
 * @salesforce/core), which pays what any sf plugin's command pays to run, whatever its code: loading its own copy of
 * sf-plugins-core (with @salesforce/core's index, jsforce and the terminal UI, which sf's core commands share with
 * the CLI), reading the sf config, and starting its own log-file writer thread.
 *
 * Each command runs BENCH_STARTUP_RUNS times (default 7; one warm-up run first), in rounds that take every command in
 * turn, baseline included, so that a change of machine load touches them all: before each run, sf's list of plugins
 * (the package.json of its data directory) is written as `sf plugins install`, `sf plugins link` or neither left it. Printed: median wall time, and median CPU time of the sf
 * process tree (user + system, from /proc; Linux only), which other processes competing for the cores change far
 * less than the wall time. Ratios are of medians. Last, how long a process that ran 1.2 s takes to end after its last
 * log line, with this plugin's @salesforce/core and with the sf CLI's: the wait for their log-file writer threads.
 * Prints; asserts nothing. Run it alone with `npm run bench startup`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Plugin } from '@oclif/core';
import { ensureSfCli, SF_CLI_DIR } from '../ensure-sf-cli.js';
import { projectRoot } from '../../src/shared/projectPaths.js';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 7);
const TARGET_RATIO = 1.2;
const PLUGIN = 'maintenance-continuity';
/** What `files` in package.json ships, and node_modules (where an installed plugin finds its dependencies). */
const STAGED_ENTRIES = [
  'bin',
  'lib',
  'messages',
  'force-app',
  'config',
  'schemas',
  'src',
  'node_modules',
  'package.json'
];

const BASELINE = { label: 'sf org display --help', args: ['org', 'display', '--help'] };
/** The floor's plugin: one command, an SfCommand that does nothing, on this plugin's node_modules. */
const EMPTY_PLUGIN = 'empty-sf-command';
const FLOOR = { label: 'sf empty (an empty SfCommand)', args: ['empty'] };
const EMPTY_COMMAND = `import { SfCommand } from '@salesforce/sf-plugins-core';

export default class Empty extends SfCommand {
  static summary = 'Does nothing: what running any command of an installed sf plugin costs.';
  async run() {
    return {};
  }
}
`;
const COMMANDS = [
  { label: 'sf maintenance report --help', args: ['maintenance', 'report', '--help'] },
  { label: 'sf maintenance org status', args: ['maintenance', 'org', 'status'] },
  { label: 'sf maintenance seed --dry-run', args: ['maintenance', 'seed', '--dry-run'] }
];

/** Which plugins sf has when a command is measured. */
type Layout = 'none' | 'installed' | 'linked';
const LAYOUT_NAMES: Record<Layout, string> = { none: 'none', installed: 'installed', linked: 'linked clone' };
interface Measured {
  label: string;
  args: string[];
  layout: Layout;
}
/** What is measured, in the order of the rounds and the rows; the baseline first. */
const MEASURED: Measured[] = [
  { ...BASELINE, layout: 'none' },
  ...COMMANDS.map((command) => ({ ...command, layout: 'installed' as const })),
  { ...FLOOR, layout: 'installed' },
  ...COMMANDS.map((command) => ({ ...command, layout: 'linked' as const })),
  { ...BASELINE, label: `${BASELINE.label} (plugin linked)`, layout: 'linked' }
];

interface Sample {
  wallMs: number;
  /** Undefined where /proc is not there to read. */
  cpuMs?: number;
}

/** User + system time of this process's waited-for children, in ms (fields 16 and 17 of /proc/self/stat). */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after the command name start at field 3; cutime and cstime are fields 16 and 17, in clock ticks.
    const ticks = Number(fields[16 - 3]) + Number(fields[17 - 3]);
    const hertz = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
    return (ticks * 1000) / hertz;
  } catch {
    return undefined;
  }
}

/** Writes the oclif manifest of the plugin at root into folder, as prepack makes it. */
async function writeManifest(root: string, folder: string): Promise<void> {
  const plugin = new Plugin({ root, type: 'core', isRoot: true, ignoreManifest: true, errorOnManifestCreate: true });
  await plugin.load();
  writeFileSync(join(folder, 'oclif.manifest.json'), JSON.stringify(plugin.manifest));
}

/** The floor's plugin, in folder: a package of one compiled command, with its manifest. */
async function stageEmptyPlugin(folder: string): Promise<void> {
  mkdirSync(join(folder, 'lib', 'commands'), { recursive: true });
  writeFileSync(join(folder, 'lib', 'commands', 'empty.js'), EMPTY_COMMAND);
  const pjson = { name: EMPTY_PLUGIN, version: '1.0.0', type: 'module', oclif: { commands: './lib/commands' } };
  writeFileSync(join(folder, 'package.json'), JSON.stringify(pjson));
  symlinkSync(join(projectRoot, 'node_modules'), join(folder, 'node_modules'));
  await writeManifest(folder, folder);
}

interface PluginsFile {
  oclif: { plugins: PluginEntry[] };
}

/** An entry of sf's list of plugins: an installed (user) one, or a linked one as `sf plugins link` wrote it. */
type PluginEntry = { name: string; type: 'user'; url: string } | { name: string; type: 'link'; root: string };

/** An installed plugin's entry, as `sf plugins install file:<tarball>` writes it. */
function userEntry(dataDir: string, name: string): PluginEntry {
  return { name, type: 'user', url: `file:${join(dataDir, `${name}.tgz`)}` };
}

/** sf's list of plugins (the data directory's package.json), as `sf plugins install` and `link` write it. */
function writePlugins(dataDir: string, entries: PluginEntry[]): void {
  const pjson = {
    name: '@salesforce/cli',
    private: true,
    dependencies: Object.fromEntries(
      entries.flatMap((entry) => (entry.type === 'user' ? [[entry.name, entry.url]] : []))
    ),
    oclif: { schema: 1, plugins: entries }
  };
  writeFileSync(join(dataDir, 'package.json'), JSON.stringify(pjson, null, 2));
}

/**
 * How long a process takes to end after its last log line, once it has run `ranMs`: the wait for the log-file writer
 * thread that @salesforce/core starts (pino's transport, on thread-stream), measured with the @salesforce/core that
 * resolves from `cwd`. The child prints the time at which it calls process.exit; the parent notes when it is gone.
 */
function exitWaitMs(cwd: string, home: string, ranMs: number): number {
  const script = `
    const { Logger } = require('@salesforce/core');
    const logger = Logger.childFromRoot('bench');
    logger.warn('started');
    setTimeout(() => { logger.warn('done'); process.stdout.write(String(Date.now())); process.exit(0); }, ${ranMs});`;
  const { SF_ENV: _sfEnv, SFDX_ENV: _sfdxEnv, SF_DISABLE_LOG_FILE: _disabled, ...env } = process.env;
  const result = spawnSync(process.execPath, ['-e', script], { cwd, env: { ...env, HOME: home }, encoding: 'utf8' });
  const ended = Date.now();
  if (result.status !== 0) throw new Error(`the log-file child failed (exit ${result.status}):\n${result.stderr}`);
  return ended - Number(result.stdout);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export async function run(): Promise<void> {
  const sfBin = ensureSfCli();
  const work = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const folder = join(work, 'admin-folder');
  mkdirSync(folder);
  /** sf's data directory, where `sf plugins install` puts plugins. */
  const dataDir = join(work, 'sf-data');
  mkdirSync(dataDir);
  const { SF_MAINTENANCE_LOCAL_ORG_DIR: _ignored, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    HOME: join(work, 'home'),
    SF_DATA_DIR: dataDir,
    SF_DISABLE_TELEMETRY: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_DISABLE_AUTOUPDATE: 'true'
  };

  const sf = (args: string[]): { status: number | null; output: string } => {
    const result = spawnSync(sfBin, args, { cwd: folder, env, encoding: 'utf8', timeout: 300_000 });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };
  const must = (args: string[]): void => {
    const result = sf(args);
    if (result.status !== 0) throw new Error(`sf ${args.join(' ')} failed (exit ${result.status}):\n${result.output}`);
  };
  const sample = (args: string[]): Sample => {
    const cpuBefore = childrenCpuMs();
    const started = process.hrtime.bigint();
    const result = sf(args);
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const cpuAfter = childrenCpuMs();
    if (result.status !== 0) throw new Error(`sf ${args.join(' ')} failed (exit ${result.status}):\n${result.output}`);
    return { wallMs, cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
  };
  /**
   * Medians per command, measured in rounds (one warm-up round first, not counted), each command run with sf's list
   * of plugins set to its layout's: the baseline, the installed plugin and the linked clone take turns in every round,
   * so that a change of machine load during the run touches their ratios alike.
   */
  const measure = (commands: Measured[], layouts: Record<Layout, PluginEntry[]>): Map<Measured, Sample> => {
    const samples = new Map(commands.map((command) => [command, [] as Sample[]]));
    for (let round = 0; round <= RUNS; round++) {
      for (const command of commands) {
        writePlugins(dataDir, layouts[command.layout]);
        const taken = sample(command.args);
        if (round > 0) samples.get(command)?.push(taken);
      }
    }
    return new Map(
      [...samples].map(([command, list]) => [
        command,
        {
          wallMs: median(list.map((one) => one.wallMs)),
          cpuMs: list.some((one) => one.cpuMs === undefined) ? undefined : median(list.map((one) => one.cpuMs ?? 0))
        }
      ])
    );
  };

  try {
    process.stdout.write(`sf ${sf(['--version']).output.trim()}; ${RUNS} runs each, medians\n`);

    // The installed layout: the package's files and a manifest made as prepack makes it, where `sf plugins install`
    // puts them, with the floor's plugin beside it.
    const staged = join(dataDir, 'node_modules', PLUGIN);
    mkdirSync(staged, { recursive: true });
    for (const entry of STAGED_ENTRIES) symlinkSync(join(projectRoot, entry), join(staged, entry));
    await writeManifest(projectRoot, staged);
    await stageEmptyPlugin(join(dataDir, 'node_modules', EMPTY_PLUGIN));
    const installed = [userEntry(dataDir, PLUGIN), userEntry(dataDir, EMPTY_PLUGIN)];
    // The linked clone's entry, as `sf plugins link` writes it.
    writePlugins(dataDir, []);
    must(['plugins', 'link', projectRoot, '--no-install']);
    const linked = (JSON.parse(readFileSync(join(dataDir, 'package.json'), 'utf8')) as PluginsFile).oclif.plugins;
    if (!linked.some((entry) => entry.type === 'link' && entry.name === PLUGIN)) {
      throw new Error(`sf plugins link left no link entry in ${join(dataDir, 'package.json')}`);
    }
    // A local org with a database for `org status` to read, stopped again.
    writePlugins(dataDir, installed);
    must(['maintenance', 'org', 'start']);
    must(['maintenance', 'org', 'stop']);

    const measured = measure(MEASURED, { none: [], installed, linked });
    const baseline = measured.get(MEASURED[0]) as Sample;

    const rows: string[][] = [['command', 'plugin', 'wall ms', 'ratio', 'cpu ms', 'ratio']];
    const row = (label: string, layout: string, taken: Sample): string[] => [
      label,
      layout,
      taken.wallMs.toFixed(0),
      (taken.wallMs / baseline.wallMs).toFixed(2),
      taken.cpuMs === undefined ? '-' : taken.cpuMs.toFixed(0),
      taken.cpuMs === undefined || baseline.cpuMs === undefined ? '-' : (taken.cpuMs / baseline.cpuMs).toFixed(2)
    ];
    for (const [command, taken] of measured) rows.push(row(command.label, LAYOUT_NAMES[command.layout], taken));
    const widths = rows[0].map((_, column) => Math.max(...rows.map((cells) => cells[column].length)));
    for (const cells of rows) {
      process.stdout.write(
        `${cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')}\n`
      );
    }
    process.stdout.write(
      `target: ratio within ${TARGET_RATIO} of ${BASELINE.label} with no plugin\n` +
        `floor: "${FLOOR.label}" runs an empty SfCommand of an installed plugin on this plugin's dependencies: what ` +
        'any command of an installed sf plugin pays to run (its own sf-plugins-core and @salesforce/core, the sf ' +
        'config, its log-file writer thread) before its own code\n'
    );

    // What ending the log-file writer thread adds to the end of a command that ran 1.2 s, with this plugin's
    // @salesforce/core (thread-stream 4, by the override in package.json) and with the sf CLI's own.
    const home = join(work, 'log-home');
    const waits = (cwd: string): number[] => Array.from({ length: RUNS }, () => exitWaitMs(cwd, home, 1200));
    const plugin = median(waits(projectRoot));
    const cli = median(waits(SF_CLI_DIR));
    process.stdout.write(
      `log-file writer thread, from process.exit to the end of a process that ran 1.2 s (median): ` +
        `${plugin.toFixed(0)} ms with this plugin's @salesforce/core, ${cli.toFixed(0)} ms with the sf CLI's\n`
    );
  } finally {
    writePlugins(dataDir, []);
    rmSync(work, { recursive: true, force: true });
  }
}
