/**
 * `npm run demo` (after `npm run build`): the project's main job, end to end on this machine with no Salesforce org.
 * Starts the embedded local org (alias maintenance-local), runs `sf maintenance setup` with the demo recipe (deploy,
 * permission sets, visibility check, seed) and prints `sf maintenance report`. The org keeps running so that the
 * data can be explored (`sf data query -o maintenance-local ...`, the component preview); `--stop` stops it at the
 * end. Exits 0 when every step succeeded, 1 otherwise, saying which step failed.
 *
 * The commands run from the compiled plugin in lib/, exactly as `sf` runs them after `sf plugins link .`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Config } from '@oclif/core';

const root = process.cwd();
const stopAtEnd = process.argv.includes('--stop');
const lib = join(root, 'lib', 'src');

type CommandModule = { default: { run(argv: string[], config: Config): Promise<unknown> } };

async function load<T>(relative: string): Promise<T> {
  const file = join(lib, relative);
  if (!existsSync(file)) {
    process.stderr.write(`${file} is missing: build first (npm run demo does: npm run build && tsx scripts/demo.ts)\n`);
    process.exit(1);
  }
  return (await import(pathToFileURL(file).href)) as T;
}

function heading(text: string): void {
  process.stdout.write(`\n=== ${text} ===\n`);
}

// The local org answers on plain HTTP on the loopback interface, by design; @salesforce/core warns about every such
// connection. Keep the demo's output to what matters, and let any other warning through.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (!/insecure protocol: http: on url: http:\/\/127\.0\.0\.1/.test(warning.message)) {
    process.stderr.write(`Warning: ${warning.message}\n`);
  }
});

const config = await Config.load(root);
const { ensureLocalOrg, DEFAULT_LOCAL_ORG_ALIAS } =
  await load<typeof import('../src/localOrg/registration.js')>('localOrg/registration.js');
const { defaultDataDir, stopBackground } = await load<typeof import('../src/localOrg/daemon.js')>('localOrg/daemon.js');

let step = 'start the local org';
try {
  heading('Local org');
  const { started, org, username } = await ensureLocalOrg();
  process.stdout.write(
    `${started ? 'Started' : 'Already running:'} ${org.instanceUrl} as ${username} (alias ${DEFAULT_LOCAL_ORG_ALIAS}), data in ${defaultDataDir()}\n`
  );

  step = 'sf maintenance setup --recipe demo';
  heading(step);
  const setup = await load<CommandModule>('commands/maintenance/setup.js');
  await setup.default.run(['--recipe', 'demo'], config);

  step = 'sf maintenance report';
  heading(step);
  const report = await load<CommandModule>('commands/maintenance/report.js');
  await report.default.run([], config);

  heading('Done');
  if (stopAtEnd) {
    await stopBackground(defaultDataDir());
    process.stdout.write('The local org is stopped. Start it again with: ./bin/run.js maintenance org start\n');
  } else {
    process.stdout.write(
      `The local org is still running at ${org.instanceUrl} (alias ${DEFAULT_LOCAL_ORG_ALIAS}).\n` +
        `Explore it with: ./bin/run.js maintenance report --format md   or   ./bin/run.js maintenance org status\n` +
        'Stop it with:    ./bin/run.js maintenance org stop   (or run the demo with: npm run demo -- --stop)\n'
    );
  }
  process.exit(0);
} catch (error) {
  process.stderr.write(`\nThe demo failed at "${step}": ${(error as Error).message}\n`);
  const actions = (error as { actions?: string[] }).actions;
  if (actions?.length) process.stderr.write(actions.map((action) => `  - ${action}`).join('\n') + '\n');
  process.exit(1);
}
