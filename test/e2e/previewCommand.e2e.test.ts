/**
 * `npm run preview` (the `sf maintenance preview` command run from the sources) as a user runs it, in a child process
 * against orgs registered in an sf auth store of its own (a temporary HOME, so the user's is never touched): it
 * serves the accounts of the org it is given, prints its URL as JSON, stops cleanly on Ctrl+C, and says what to do
 * when the org lacks the package or the alias is unknown.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startLocalOrg, stopLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';
import { projectRoot } from '../../src/shared/projectPaths.js';
import { startDemoOrg, type DemoOrg } from './support/demoOrg.js';

let home: string;
let demo: DemoOrg;
let bare: LocalOrg;
let bareDir: string;

function childEnv(): NodeJS.ProcessEnv {
  return { ...process.env, HOME: home, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true' };
}

/**
 * Registers an org under an alias in the temporary auth store, as `sf maintenance org start` does. Asynchronously:
 * the org answers from this very process while the registration runs.
 */
async function register(org: LocalOrg, alias: string): Promise<void> {
  const script = join(home, `register-${alias}.mts`);
  const registration = pathToFileURL(join(projectRoot, 'src', 'localOrg', 'registration.ts')).href;
  writeFileSync(
    script,
    `const { registerLocalOrg } = await import(${JSON.stringify(registration)});\n` +
      `await registerLocalOrg(${JSON.stringify({ instanceUrl: org.instanceUrl, accessToken: org.accessToken })}, ` +
      `${JSON.stringify(alias)});\n`
  );
  const { status, output } = await runToEnd([script], []);
  if (status !== 0) throw new Error(`Could not register ${alias}: ${output}`);
}

/**
 * Runs a TypeScript script in a child process to its end (asynchronously: the orgs answer from this process).
 * @param args the script and its arguments
 * @param prefix what goes before them (default: the preview script)
 */
function runToEnd(args: string[], prefix = ['scripts/preview.ts']): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...prefix, ...args], {
      cwd: projectRoot,
      env: childEnv()
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (status) => resolve({ status, output }));
  });
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'preview-home-'));
  demo = await startDemoOrg();
  bareDir = mkdtempSync(join(tmpdir(), 'preview-bare-'));
  bare = await startLocalOrg({ dataDir: bareDir, writeServerFile: false });
  await register(demo.org, 'preview-demo');
  await register(bare, 'preview-bare');
});

afterAll(async () => {
  await demo?.stop();
  if (bare) await stopLocalOrg(bare);
  rmSync(bareDir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

describe('npm run preview', () => {
  it('serves the org it is given, prints its URL as JSON, and stops on Ctrl+C', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/preview.ts', '-o', 'preview-demo', '--json'], {
      cwd: projectRoot,
      env: childEnv()
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.resume();
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const result = await new Promise<{ accountsUrl: string; local: boolean; targetOrg: string }>((resolve, reject) => {
      const timer = setInterval(() => {
        try {
          const parsed = JSON.parse(stdout) as {
            status: number;
            result: { accountsUrl: string; local: boolean; targetOrg: string };
          };
          clearInterval(timer);
          resolve(parsed.result);
        } catch {
          // not complete yet
        }
      }, 200);
      void exited.then((code) => {
        clearInterval(timer);
        reject(new Error(`The preview exited (${code}) before serving: ${stdout}`));
      });
    });
    expect(result.accountsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/lightning\/o\/Account\/list$/);
    const page = await fetch(result.accountsUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const account of demo.seed.accounts ?? []) expect(html).toContain(JSON.stringify(account.name).slice(1, -1));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('refuses an org without the package and says how to set it up', async () => {
    const { status, output } = await runToEnd(['-o', 'preview-bare']);
    expect(status).not.toBe(0);
    expect(output).toContain('The Maintenance Continuity package is not deployed to "preview-bare"');
    expect(output).toContain('sf maintenance setup --target-org preview-bare');
  });

  it('names an unknown alias and how to log in', async () => {
    const { status, output } = await runToEnd(['-o', 'no-such-alias']);
    expect(status).not.toBe(0);
    expect(output).toContain('No authorized org is known as "no-such-alias"');
  });
});
