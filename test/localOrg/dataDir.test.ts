/**
 * One process per data directory, no trust in a stale server.json, owner-only files: the holes a second
 * `org start` and a reused port opened.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { findRunningOrg, stopBackground } from '../../src/localOrg/daemon.js';
import { DataDirLockedError, SERVER_FILE } from '../../src/localOrg/dataDir.js';
import { startLocalOrg, stopLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';
import { Store } from '../../src/localOrg/store.js';
import { removeDir, tempDir } from './orgFixtures.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function newDir(): string {
  const dir = tempDir('datadir-');
  cleanups.push(() => removeDir(dir));
  return dir;
}

async function started(dataDir: string): Promise<LocalOrg> {
  const org = await startLocalOrg({ dataDir });
  cleanups.push(() => stopLocalOrg(org));
  return org;
}

describe('one process per data directory', () => {
  it('refuses a second org on a directory in use, naming the pid and URL of the first', async () => {
    const dir = newDir();
    const first = await started(dir);
    const second = startLocalOrg({ dataDir: dir });
    await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(second).rejects.toThrow(`(pid ${process.pid}, ${first.instanceUrl})`);
    // The first keeps its server.json and answers as before.
    expect((await findRunningOrg(dir))?.instanceUrl).toBe(first.instanceUrl);
  });

  it('refuses it from another process too, which exits without touching server.json', async () => {
    const dir = newDir();
    const first = await started(dir);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/localOrg/serve.ts', '--data-dir', dir, '--port', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    );
    cleanups.push(() => void child.kill('SIGKILL'));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain(`Another local org process already uses the data directory ${dir}`);
    expect(output).toContain(first.instanceUrl);
    expect((await findRunningOrg(dir))?.pid).toBe(process.pid);
  }, 30_000);

  it('frees the directory when the org stops', async () => {
    const dir = newDir();
    const first = await startLocalOrg({ dataDir: dir });
    await stopLocalOrg(first);
    const again = await started(dir);
    expect(again.orgId).toBe(first.orgId);
  });
});

describe('a stale server.json', () => {
  let impostor: Server | undefined;
  afterEach(() => void impostor?.close());

  it('is not trusted: the token never goes to a server that cannot prove it is the org', async () => {
    const dir = newDir();
    Store.open(dir).close();
    const seen: IncomingHttpHeaders[] = [];
    impostor = createServer((request, response) => {
      seen.push(request.headers);
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"orgId":"00D000000000001AAA","proof":"00"}');
    });
    await new Promise<void>((resolve) => impostor?.listen(0, '127.0.0.1', resolve));
    const port = (impostor.address() as AddressInfo).port;
    // A live pid (this process) and a port another program now answers on.
    writeFileSync(
      join(dir, SERVER_FILE),
      JSON.stringify({ pid: process.pid, port, instanceUrl: `http://127.0.0.1:${port}`, orgId: 'x', username: 'x' })
    );
    expect(await findRunningOrg(dir)).toBeUndefined();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((headers) => headers.authorization === undefined)).toBe(true);
  });

  it('naming a non-loopback host is not even asked', async () => {
    const dir = newDir();
    Store.open(dir).close();
    writeFileSync(
      join(dir, SERVER_FILE),
      JSON.stringify({ pid: process.pid, port: 80, instanceUrl: 'http://example.invalid', orgId: 'x', username: 'x' })
    );
    expect(await findRunningOrg(dir)).toBeUndefined();
  });

  it('does not make stop kill the process its pid now names', async () => {
    const dir = newDir();
    Store.open(dir).close();
    writeFileSync(
      join(dir, SERVER_FILE),
      JSON.stringify({ pid: process.pid, port: 1, instanceUrl: 'http://127.0.0.1:1', orgId: 'x', username: 'x' })
    );
    // This test process is alive under that pid: a stop that trusted the file would kill it.
    expect(await stopBackground(dir, 10)).toBe(false);
  });
});

describe('permissions', () => {
  it('tighten an existing data directory to 0700 and its files to 0600', () => {
    const dir = join(newDir(), 'org');
    mkdirSync(dir, { mode: 0o755 });
    writeFileSync(join(dir, 'server.log'), 'old log\n', { mode: 0o644 });
    chmodSync(dir, 0o755);
    Store.open(dir).close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const name of ['server.log', 'org.sqlite', 'org.lock']) {
      expect([name, statSync(join(dir, name)).mode & 0o777]).toEqual([name, 0o600]);
    }
  });
});
