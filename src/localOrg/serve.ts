/**
 * Entry point of the local org's own process: `node serve.js --data-dir DIR [--port N]`. `sf maintenance org start`
 * launches it detached (output to `<data dir>/server.log`); `--foreground` runs the same code in the terminal.
 * SIGTERM and SIGINT stop it cleanly; a kill -9 is safe too (every request is one SQLite transaction).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_FILE, startLocalOrg, stopLocalOrg, type LocalOrg } from './index.js';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function log(message: string): void {
  process.stdout.write(`${new Date().toISOString()} ${message}\n`);
}

/** Runs the org until a signal arrives. */
export async function serve(dataDir: string, port: number): Promise<LocalOrg> {
  const org = await startLocalOrg({
    dataDir,
    port,
    onError: (error) => log(`unexpected error: ${(error as Error).stack ?? String(error)}`)
  });
  log(`local org listening on ${org.instanceUrl} (data ${dataDir}, pid ${process.pid})`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received, stopping`);
    // First, synchronously: other signal handlers (the CLI's) may end the process before the async stop finishes.
    rmSync(join(dataDir, SERVER_FILE), { force: true });
    stopLocalOrg(org).then(
      () => process.exit(0),
      (error: unknown) => {
        log(`stop failed: ${String(error)}`);
        process.exit(1);
      }
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return org;
}

const dataDir = argument('data-dir');
if (dataDir && process.argv[1] && /serve\.(?:ts|js)$/.test(process.argv[1])) {
  serve(dataDir, Number(argument('port') ?? 0)).catch((error: unknown) => {
    log(`could not start: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  });
}
