/**
 * Which org a command works on: the one named by -o/--target-org, or else the embedded local org (alias
 * maintenance-local), started when it is not running; and which account, for the commands with --account. Also turns
 * the ways an org can fail to answer (unknown alias, connection refused, expired session) into errors that say what
 * to do.
 */
import { Connection, Messages, Org, SfError, StateAggregator } from '@salesforce/core';
import { DEFAULT_LOCAL_ORG_ALIAS, ensureLocalOrg } from '../localOrg/registration.js';
import { findAccount, type AccountRow } from './orgHelpers.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('maintenance-continuity', 'maintenance.common');

export interface TargetOrg {
  conn: Connection;
  /** The alias or username the user gave, or the local org's alias. */
  label: string;
  username: string;
  instanceUrl: string;
  /** True for the embedded local org. */
  local: boolean;
  /** True when this command started the local org (it keeps running afterwards). */
  startedLocalOrg: boolean;
}

function isNoAuthError(error: unknown): boolean {
  const name = (error as { name?: string }).name ?? '';
  return /NamedOrgNotFound|NoAuthInfoFound|AuthInfoNotFound|NoUsername|OrgNotFound/i.test(name);
}

async function connect(aliasOrUsername: string, apiVersion: string | undefined): Promise<Connection> {
  const org = await Org.create({ aliasOrUsername });
  return org.getConnection(apiVersion);
}

/**
 * Resolves the target org of a command.
 * @param flag the -o value, or undefined for the local org, which is then started (and registered) if needed
 */
export async function resolveTargetOrg(
  flag: string | undefined,
  options: { apiVersion?: string } = {}
): Promise<TargetOrg> {
  const label = flag ?? DEFAULT_LOCAL_ORG_ALIAS;
  let startedLocalOrg = false;
  if (flag === undefined) {
    try {
      startedLocalOrg = (await ensureLocalOrg()).started;
    } catch (error) {
      throw messages.createError('error.LocalOrgStartFailed', [(error as Error).message], [], error as Error);
    }
  }
  let conn: Connection;
  try {
    conn = await connect(label, options.apiVersion);
  } catch (error) {
    if (isNoAuthError(error)) throw messages.createError('error.OrgNotFound', [label], [label], error as Error);
    throw error;
  }
  const username = conn.getUsername() ?? label;
  const localUsername = (await StateAggregator.getInstance()).aliases.resolveUsername(DEFAULT_LOCAL_ORG_ALIAS);
  return {
    conn,
    label,
    username,
    instanceUrl: conn.instanceUrl,
    local: flag === undefined || username === localUsername,
    startedLocalOrg
  };
}

function errorText(error: unknown): string {
  const { code, errorCode, name, message } = error as {
    code?: string;
    errorCode?: string;
    name?: string;
    message?: string;
  };
  return `${code ?? ''} ${errorCode ?? ''} ${name ?? ''} ${message ?? ''}`;
}

/**
 * Maps an error raised while talking to the org to an actionable one, or returns undefined when it is not about the
 * org being unreachable or the session being invalid (the caller keeps its own error then).
 */
export function orgAccessError(error: unknown, target: Pick<TargetOrg, 'label' | 'instanceUrl'>): SfError | undefined {
  const text = errorText(error);
  if (
    /INVALID_SESSION_ID|Session expired|invalid_grant|expired access\/refresh token|RefreshToken|No refresh token/i.test(
      text
    )
  ) {
    return messages.createError('error.SessionExpired', [target.label], [target.label], error as Error);
  }
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET|ETIMEDOUT|EAI_AGAIN|socket hang up|fetch failed/i.test(text)) {
    const reason = /ECONNREFUSED/.test(text) ? 'connection refused' : ((error as Error).message ?? 'no answer');
    return messages.createError(
      'error.OrgUnreachable',
      [target.label, target.instanceUrl, reason],
      [target.label],
      error as Error
    );
  }
  return undefined;
}

/** Runs work against the org, turning "unreachable" and "session expired" failures into orgAccessError's errors. */
export async function withOrgErrors<T>(
  target: Pick<TargetOrg, 'label' | 'instanceUrl'>,
  work: () => Promise<T>
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw orgAccessError(error, target) ?? error;
  }
}

/**
 * The account an --account flag names (exact name, AccountNumber or id).
 * @throws SfError AccountNotFound when none matches
 */
export async function resolveAccount(target: Pick<TargetOrg, 'conn' | 'label'>, text: string): Promise<AccountRow> {
  const account = await findAccount(target.conn, text);
  if (!account) throw messages.createError('error.AccountNotFound', [text, target.label]);
  return account;
}
