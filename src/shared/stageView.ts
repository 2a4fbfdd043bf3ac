/**
 * The progress view of the commands that work in stages (deploy, seed, setup, sla recompute): one
 * `MultiStageOutput` stage per step, as `sf project deploy start` shows it, each stage with at most one line of
 * figures under it. The data of the view is keyed by those lines' labels.
 */
import type { MultiStageOutput } from '@oclif/multi-stage-output';
import type { TargetOrg } from './targetOrg.js';

/** A step of the command, and the label of the figures shown under it while it runs (if any). */
export interface StageSpec {
  name: string;
  label?: string;
}

/** The figures of the view, by label. */
export type StageData = Record<string, string | undefined>;

/** The stage every org command starts with, showing which org answered. */
export const CONNECT_STAGE: StageSpec = { name: 'Connect to the org', label: 'Org' };

/**
 * A stage view, silent under --json. Async because the view's module (and its terminal renderer) is loaded on first
 * use rather than when every command starts.
 * @param options.header label of a line shown above the stages (under the title), if any
 * @param options.footer label of a line shown below the stages, if any
 */
export async function createStageView(options: {
  title: string;
  stages: StageSpec[];
  jsonEnabled: boolean;
  header?: string;
  footer?: string;
}): Promise<MultiStageOutput<StageData>> {
  const { header, footer } = options;
  const { MultiStageOutput } = await import('@oclif/multi-stage-output');
  return new MultiStageOutput<StageData>({
    title: options.title,
    stages: options.stages.map((stage) => stage.name),
    jsonEnabled: options.jsonEnabled,
    preStagesBlock: header ? [{ type: 'message', get: (data) => data?.[header] }] : undefined,
    stageSpecificBlock: options.stages.flatMap(({ name, label }) =>
      label
        ? [{ stage: name, type: 'dynamic-key-value' as const, label, get: (data?: StageData) => data?.[label] }]
        : []
    ),
    postStagesBlock: footer ? [{ type: 'static-key-value', label: footer, get: (data) => data?.[footer] }] : undefined
  });
}

/** How the view names the org: its username, and whether it is the embedded local org. */
export function orgLine(target: Pick<TargetOrg, 'username' | 'local'>): string {
  return `${target.username}${target.local ? ' (local org)' : ''}`;
}
