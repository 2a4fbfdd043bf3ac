/**
 * Makes sure a Chromium exists for the browser tests, so that the README's two commands suffice on a fresh machine.
 * Order: `CHROME_PATH` when set, else Debian's `/usr/bin/chromium`, else the Chromium Playwright manages. When none
 * is found it installs one (Debian's `chromium` through apt when running as root on Debian, else
 * `npx playwright install chromium`), or stops with a message saying exactly what to run.
 *
 * `npx tsx scripts/ensure-browser.ts` prints the browser's path (exit 0) or what to run (exit 1). The end-to-end
 * tests and the preview benchmark call `findBrowser()` to launch the same browser.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

/** Debian's Chromium, the one `.ci/run` installs. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * The flags every launch uses: headless, no sandbox (containers run as root), and nothing that phones home, so
 * that runs are quiet and offline.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

export interface BrowserChoice {
  path: string;
  source: 'CHROME_PATH' | 'debian' | 'playwright';
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function playwrightChromium(): string | undefined {
  try {
    const path = chromium.executablePath();
    return path && isExecutable(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The browser to use, without installing anything.
 * @returns undefined when none is there; throws when CHROME_PATH names a file that cannot run
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): BrowserChoice | undefined {
  const fromEnv = env.CHROME_PATH?.trim();
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`CHROME_PATH is set to ${fromEnv}, which is not an executable file.`);
    return { path: fromEnv, source: 'CHROME_PATH' };
  }
  if (isExecutable(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, source: 'debian' };
  const managed = playwrightChromium();
  return managed ? { path: managed, source: 'playwright' } : undefined;
}

function isDebian(): boolean {
  if (existsSync('/etc/debian_version')) return true;
  try {
    return /^(ID|ID_LIKE)=.*debian/m.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

function run(command: string, args: string[]): boolean {
  process.stdout.write(`$ ${command} ${args.join(' ')}\n`);
  return spawnSync(command, args, { stdio: 'inherit' }).status === 0;
}

/** What to tell a person when nothing could be installed here. */
export const INSTALL_HELP = [
  'No Chromium found for the browser tests. Install one of these, then run the tests again:',
  '  - Debian/Ubuntu (as root):  apt-get update && apt-get install -y chromium',
  "  - anywhere else:            npx playwright-core install chromium   (Playwright's own Chromium)",
  '  - or point CHROME_PATH at an installed Chrome or Chromium:  export CHROME_PATH=/path/to/chrome'
].join('\n');

/**
 * Finds a browser, installing one when none is there.
 * @returns the browser, or undefined when none could be installed (INSTALL_HELP says what to do)
 */
export function ensureBrowser(): BrowserChoice | undefined {
  const found = findBrowser();
  if (found) return found;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && isDebian()) {
    // Debian's package brings its own libraries; Playwright's download would need them installed separately.
    if (run('apt-get', ['update']) && run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'])) {
      return findBrowser();
    }
  } else if (run('npx', ['playwright-core', 'install', 'chromium'])) {
    // playwright-core's own CLI (`npx playwright install chromium` without fetching the playwright package).
    return findBrowser();
  }
  return undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let choice: BrowserChoice | undefined;
  try {
    choice = ensureBrowser();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  if (!choice) {
    process.stderr.write(`${INSTALL_HELP}\n`);
    process.exit(1);
  }
  process.stdout.write(`${choice.path} (${choice.source})\n`);
}
