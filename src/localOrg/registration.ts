/**
 * Registers the local org in the sf CLI's auth store (through @salesforce/core, as `sf org login access-token` does)
 * so that `--target-org maintenance-local` works for this plugin's commands and every other `sf` command.
 */
import { AuthInfo, AuthRemover, StateAggregator } from '@salesforce/core';
import { defaultDataDir, startBackground, type RunningOrg } from './daemon.js';

/** The alias the local org gets unless told otherwise. */
export const DEFAULT_LOCAL_ORG_ALIAS = 'maintenance-local';

/**
 * Saves (or refreshes: the port may have changed since the last start) the auth of the running org and points
 * `alias` at it. Returns the username.
 */
export async function registerLocalOrg(
  org: Pick<RunningOrg, 'instanceUrl' | 'accessToken'>,
  alias: string
): Promise<string> {
  // Without a username AuthInfo reads it from userinfo and then may overwrite an earlier registration.
  const authInfo = await AuthInfo.create({
    accessTokenOptions: { accessToken: org.accessToken, instanceUrl: org.instanceUrl, loginUrl: org.instanceUrl }
  });
  await authInfo.save();
  await authInfo.setAlias(alias);
  return authInfo.getUsername();
}

/** Removes the auth of `username` and every alias pointing to it (after the data directory is deleted). */
export async function unregisterLocalOrg(username: string): Promise<void> {
  const state = await StateAggregator.getInstance();
  if (!(await state.orgs.hasFile(username))) return;
  const remover = await AuthRemover.create();
  await remover.removeAuth(username);
}

/** The username the alias points to, if any. */
export async function usernameOfAlias(alias: string): Promise<string | undefined> {
  const state = await StateAggregator.getInstance();
  return state.aliases.resolveUsername(alias) === alias ? undefined : state.aliases.resolveUsername(alias);
}

/**
 * Makes sure the local org runs and is registered under `alias`; the starter other commands call when no
 * --target-org is given. Returns whether this call started it.
 */
export async function ensureLocalOrg(
  options: { dataDir?: string; port?: number; alias?: string } = {}
): Promise<{ started: boolean; org: RunningOrg; username: string }> {
  const { org, started } = await startBackground({ dataDir: options.dataDir ?? defaultDataDir(), port: options.port });
  const username = await registerLocalOrg(org, options.alias ?? DEFAULT_LOCAL_ORG_ALIAS);
  return { started, org, username };
}
