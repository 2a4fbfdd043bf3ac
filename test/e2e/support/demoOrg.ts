/**
 * A local org set up as `sf maintenance setup` sets it up with the demo recipe: started in this process on a
 * temporary data directory, force-app deployed with source-deploy-retrieve (the real deploy path) and the running
 * user given the package's default permission set (as setup gives it), the demo recipe
 * seeded with the plugin's loader, then served to a browser by the preview server. Used by the end-to-end tests and
 * the preview benchmark.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthInfo, Connection } from '@salesforce/core';
import { deploySource } from '../../../src/deploy/deploySource.js';
import { assignPermissionSets, DEFAULT_PERMISSION_SETS } from '../../../src/deploy/permissionSets.js';
import { startLocalOrg, stopLocalOrg, type LocalOrg } from '../../../src/localOrg/index.js';
import { buildPreview, type PreviewBuild } from '../../../src/preview/build.js';
import { OrgClient } from '../../../src/preview/orgClient.js';
import { startPreviewServer, type PreviewServer } from '../../../src/preview/server.js';
import { loadIntoOrg, prepareSeed, type PreparedSeed } from '../../../src/seed/seedRun.js';

/** The API version the preview talks to the org with (the components' bundles declare 62.0). */
export const API_VERSION = '62.0';

export interface DemoOrg {
  org: LocalOrg;
  conn: Connection;
  seed: PreparedSeed;
  dir: string;
  stop(): Promise<void>;
}

export interface RunningPreview {
  server: PreviewServer;
  build: PreviewBuild;
  /** Every UI API request the gateway forwarded, in order. */
  forwarded: { method: string; path: string; status: number; ms: number }[];
}

/**
 * Starts a local org, deploys force-app and seeds a recipe.
 * @param recipe seed recipe name (default demo)
 * @param today the day the recipe's stories are told from (default: today)
 * @param scale the recipe's --scale (default 1)
 */
export async function startDemoOrg(recipe = 'demo', today?: string, scale?: number): Promise<DemoOrg> {
  const dir = mkdtempSync(join(tmpdir(), 'preview-e2e-'));
  const org = await startLocalOrg({ dataDir: join(dir, 'org'), writeServerFile: false });
  try {
    const authInfo = await AuthInfo.create({
      accessTokenOptions: { accessToken: org.accessToken, instanceUrl: org.instanceUrl, loginUrl: org.instanceUrl }
    });
    const conn = await Connection.create({ authInfo, connectionOptions: { version: API_VERSION } });
    const outcome = await deploySource(conn, { checkOnly: false, waitMinutes: 10 });
    if (!outcome.success) {
      throw new Error(`Deploy failed: ${outcome.failures.map((failure) => failure.problem).join('; ')}`);
    }
    // As setup does: the running user gets the package's default permission set (Maintenance Manager).
    await assignPermissionSets(conn, DEFAULT_PERMISSION_SETS);
    const seed = prepareSeed({ recipe, today, scale });
    const result = await loadIntoOrg(conn, seed.dataset, { orgLabel: 'e2e', bulkThreshold: 2000 });
    if (result.failed > 0 || result.notAttempted.length > 0) {
      const first = result.failures[0];
      throw new Error(`Seeding ${recipe} failed for ${result.failed} record(s): ${JSON.stringify(first)}`);
    }
    return {
      org,
      conn,
      seed,
      dir,
      stop: async () => {
        await stopLocalOrg(org);
        rmSync(dir, { recursive: true, force: true });
      }
    };
  } catch (error) {
    await stopLocalOrg(org);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Builds the components (or reuses the cached build) and serves the preview of `org`.
 * @param org a running local org
 */
export async function startPreview(org: LocalOrg): Promise<RunningPreview> {
  const build = await buildPreview();
  const forwarded: RunningPreview['forwarded'] = [];
  const client = new OrgClient({
    instanceUrl: org.instanceUrl,
    apiVersion: API_VERSION,
    accessToken: () => org.accessToken,
    label: 'e2e local org'
  });
  const server = await startPreviewServer({ client, build, onForward: (entry) => forwarded.push(entry) });
  return { server, build, forwarded };
}
