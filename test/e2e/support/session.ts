/**
 * What every browser test of the Account page starts from: a local org set up with the demo recipe, the preview
 * served from it, and one Chromium page watched for problems. One place, so that each test file opens and closes it
 * the same way.
 */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, pageProblems } from './browser.js';
import { startDemoOrg, startPreview, type DemoOrg, type RunningPreview } from './demoOrg.js';

export interface PreviewSession {
  demo: DemoOrg;
  preview: RunningPreview;
  browser: Browser;
  /** A 1400 x 1000 page. */
  page: Page;
  /** Uncaught errors, console errors and 5xx answers seen in the page so far (see pageProblems). */
  problems: string[];
  /** Closes the browser, the preview server and the org, in that order. */
  close(): Promise<void>;
}

/**
 * Starts the demo org, the preview and Chromium. What started before a failure is stopped again.
 * @returns the running session
 */
export async function openPreviewSession(): Promise<PreviewSession> {
  const stops: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const demo = await startDemoOrg();
    stops.push(() => demo.stop());
    const preview = await startPreview(demo.org);
    stops.push(() => preview.server.close());
    const browser = await launchBrowser();
    stops.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    return { demo, preview, browser, page, problems: pageProblems(page), close };
  } catch (error) {
    await close();
    throw error;
  }
}
