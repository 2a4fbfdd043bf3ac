/**
 * Chromium for the end-to-end tests: the browser scripts/ensure-browser.ts picks (CHROME_PATH, Debian's, or
 * Playwright's), launched with the project's flags, and screenshots saved where CI keeps them.
 */
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, INSTALL_HELP, findBrowser } from '../../../scripts/ensure-browser.js';
import { projectRoot } from '../../../src/shared/projectPaths.js';

/** Where screenshots go (test-results/ is git-ignored and kept by CI). */
export const SCREENSHOT_DIR = join(projectRoot, 'test-results', 'screenshots');

/** Launches Chromium, or fails with what to install. */
export async function launchBrowser(): Promise<Browser> {
  const choice = findBrowser();
  if (!choice) throw new Error(INSTALL_HELP);
  return chromium.launch({ executablePath: choice.path, args: CHROMIUM_FLAGS });
}

/**
 * Saves a full-page screenshot as `<name>.png` and prints its path (the issue asks for each step's picture).
 * @param page the page
 * @param name file name without extension, e.g. `incident-1-logged`
 * @returns the file's path
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  process.stdout.write(`screenshot: ${relative(process.cwd(), path)}\n`);
  return path;
}

/**
 * Collects what goes wrong in a page (uncaught errors, console errors, server errors), so that a test can assert
 * there was none. A 4xx answer is not a problem by itself (a validation rule answers 400), so Chromium's own
 * "Failed to load resource" console lines are left out; 5xx answers are kept.
 * @param page the page
 * @returns the list, filled as the page runs
 */
export function pageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console.error: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`${response.status()} from ${response.url()}`);
  });
  return problems;
}

/** The subset of the browser's window these tests call inside the page (the test code is type-checked without DOM). */
interface PageWindow {
  getComputedStyle(element: unknown): { backgroundColor: string };
}

/**
 * The colour an element is drawn with, as the browser computes it (`rgb(r, g, b)`), whatever class or style sets it.
 * @param locator the element
 */
export async function backgroundColor(locator: Locator): Promise<string> {
  return locator.evaluate((element) => (globalThis as unknown as PageWindow).getComputedStyle(element).backgroundColor);
}

/**
 * Types `text` into an input key by key over what it holds, as a user does (a number input of the base components
 * reads keystrokes, not a value set at once), then leaves the field with Tab.
 * @param input the `<input>` element
 * @param text what the user types
 */
export async function typeOver(input: Locator, text: string): Promise<void> {
  await input.click();
  await input.press('Control+A');
  await input.pressSequentially(text);
  await input.press('Tab');
}
