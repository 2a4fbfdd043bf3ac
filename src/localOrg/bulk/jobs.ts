/**
 * What Bulk API 2.0 ingest and query jobs share: column delimiters and line endings, job ids, and who may use a job.
 */
import { makeId } from '../ids.js';
import type { Store } from '../store.js';

/** The `columnDelimiter` values of a job, and the character each stands for. */
export const DELIMITERS: Record<string, string> = {
  COMMA: ',',
  TAB: '\t',
  SEMICOLON: ';',
  PIPE: '|',
  CARET: '^',
  BACKQUOTE: '`'
};

/** A new Bulk job id (`750...`; ingest and query jobs share the sequence). */
export function newJobId(store: Store): string {
  return makeId('750', store.nextSequence('id:750'));
}

/**
 * Whether the running user may see and act on a job created by `createdById`: its creator, or an unrestricted
 * user (a System Administrator, who holds "Manage Data Integrations"). Outside a request, every job.
 */
export function mayUseJob(store: Store, createdById: string | null): boolean {
  return store.access === undefined || createdById === store.runningUserId;
}
