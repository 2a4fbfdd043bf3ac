/**
 * Runs one maintenance command class from the sources, in its own process: `node --import tsx
 * test/plugin/runPluginCommand.ts <command> [flags...]`. The tests use it where a real process matters: to parse
 * what --json prints, and to kill a seed half-way.
 */
import { Config } from '@oclif/core';
import { projectRoot } from '../../src/shared/projectPaths.js';

const [name, ...argv] = process.argv.slice(2);
const commands: Record<string, () => Promise<{ default: { run(argv: string[], config: Config): Promise<unknown> } }>> =
  {
    seed: () => import('../../src/commands/maintenance/seed.js'),
    deploy: () => import('../../src/commands/maintenance/deploy.js'),
    setup: () => import('../../src/commands/maintenance/setup.js'),
    report: () => import('../../src/commands/maintenance/report.js'),
    'sla-recompute': () => import('../../src/commands/maintenance/sla/recompute.js'),
    'incident-import': () => import('../../src/commands/maintenance/incident/import.js'),
    'sla-watch': () => import('../../src/commands/maintenance/sla/watch.js')
  };
const load = commands[name];
if (!load) {
  process.stderr.write(`unknown command ${name}\n`);
  process.exit(2);
}
const { default: command } = await load();
try {
  await command.run(argv, await Config.load(projectRoot));
} catch {
  // The command printed its error (as JSON with --json) and set process.exitCode.
}
