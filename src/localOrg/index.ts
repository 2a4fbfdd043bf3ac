/**
 * Programmatic start and stop of the local org, in this process (tests, `org start --foreground`, the background
 * process that `org start` launches). The data directory holds the database and, while running, `server.json`
 * (URL, port, pid) so that commands can find the org.
 */
import { rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { bulkProcessorOf } from './rest/bulk.js';
import { SERVER_FILE } from './dataDir.js';
import { createLocalOrgServer } from './server.js';
import { Store } from './store.js';

export { Store } from './store.js';

export interface LocalOrgOptions {
  /** Directory of the org's database; created when missing. */
  dataDir: string;
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Receives unexpected errors (bugs): a line for the log. */
  onError?: (error: unknown) => void;
  /** Write `server.json` into the data directory (default true). */
  writeServerFile?: boolean;
}

export interface LocalOrg {
  /** `http://127.0.0.1:<port>`: the instance URL (and login URL) clients use. */
  instanceUrl: string;
  port: number;
  accessToken: string;
  username: string;
  orgId: string;
  userId: string;
  dataDir: string;
  store: Store;
  server: Server;
}

/** What a running org writes to `<dataDir>/server.json`. */
export interface ServerFile {
  pid: number;
  port: number;
  instanceUrl: string;
  username: string;
  orgId: string;
  startedAt: string;
}

export { SERVER_FILE, DataDirLockedError } from './dataDir.js';

/** Opens the org's database and starts answering on 127.0.0.1. */
export async function startLocalOrg(options: LocalOrgOptions): Promise<LocalOrg> {
  const store = Store.open(options.dataDir);
  const server = createLocalOrgServer({ store, onError: options.onError });
  // Clients keep connections alive between calls, and long loads pause between them for seconds (the sf CLI's
  // `data import tree` does). With Node's 5 s default a client could send on a socket the server was closing and get
  // "socket hang up". stop() closes idle connections itself, so a long timeout does not hold it up.
  server.keepAliveTimeout = 120_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  // Jobs a previous run left half done continue from their last committed chunk.
  bulkProcessorOf(store).kick();
  const org: LocalOrg = {
    instanceUrl: `http://127.0.0.1:${port}`,
    port,
    accessToken: store.identity.accessToken,
    username: store.identity.username,
    orgId: store.identity.orgId,
    userId: store.identity.userId,
    dataDir: options.dataDir,
    store,
    server
  };
  if (options.writeServerFile ?? true) {
    const file: ServerFile = {
      pid: process.pid,
      port,
      instanceUrl: org.instanceUrl,
      username: org.username,
      orgId: org.orgId,
      startedAt: new Date().toISOString()
    };
    writeFileSync(join(options.dataDir, SERVER_FILE), JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
  }
  return org;
}

/** Stops answering, waits for open requests, closes the database and removes `server.json`. */
export async function stopLocalOrg(org: LocalOrg): Promise<void> {
  bulkProcessorOf(org.store).stop();
  await new Promise<void>((resolve) => {
    org.server.close(() => resolve());
    org.server.closeIdleConnections();
  });
  org.store.close();
  rmSync(join(org.dataDir, SERVER_FILE), { force: true });
}
