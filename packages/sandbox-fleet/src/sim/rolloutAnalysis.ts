import { KubeObject } from '../store/types';
import { controllerRef, controllerUid, typeMeta } from './objects';
import { RolloutContext } from './rolloutContext';
import {
  ARGO_KINDS,
  FINISHED_ANALYSIS,
  ROLLOUT_HASH_LABEL,
  ROLLOUT_REVISION,
  revisionOf,
} from './rolloutObjects';

/** How a step's analysis stands, for the canary to act on. */
export type AnalysisOutcome =
  | { state: 'running' }
  | { state: 'successful' }
  | { state: 'inconclusive' }
  | { state: 'failed'; message: string };

function runsOf(ctx: RolloutContext): KubeObject[] {
  return ctx.cluster.store
    .list(ARGO_KINDS.analysisRun, ctx.rollout.metadata.namespace)
    .filter(run => controllerUid(run) === ctx.rollout.metadata.uid);
}

/** A name that is free: upstream's `<rollout>-<hash>-<revision>-<step>`, then `.1`, `.2`. */
function freeName(ctx: RolloutContext, base: string): string {
  const taken = new Set(runsOf(ctx).map(run => run.metadata.name));
  let name = base;
  for (let n = 1; taken.has(name); n++) name = `${base}.${n}`;
  return name;
}

/**
 * Creates the AnalysisRun of a canary step from its AnalysisTemplates (their metrics and
 * args, in order), owned by the Rollout and labelled as upstream labels step runs. A
 * missing template makes a run in phase Error, which aborts the Rollout.
 */
function createStepRun(
  ctx: RolloutContext,
  stepIndex: number,
  analysis: any,
): KubeObject {
  const { rollout, cluster } = ctx;
  const namespace = rollout.metadata.namespace;
  const hash = ctx.status.currentPodHash;
  const revision = revisionOf(ctx.current);
  const metrics: any[] = [];
  const args: any[] = [];
  const missing: string[] = [];
  for (const ref of analysis?.templates ?? []) {
    const template = cluster.store.get(
      ARGO_KINDS.analysisTemplate,
      namespace,
      ref.templateName,
    );
    if (!template) {
      missing.push(ref.templateName);
      continue;
    }
    metrics.push(...(template.spec?.metrics ?? []));
    args.push(...(template.spec?.args ?? []));
  }
  const values = new Map(
    (analysis?.args ?? []).map((a: any) => [a.name, a.value]),
  );
  return cluster.store.create(ARGO_KINDS.analysisRun, {
    ...typeMeta('AnalysisRun'),
    metadata: {
      name: freeName(
        ctx,
        `${rollout.metadata.name}-${hash}-${revision}-${stepIndex}`,
      ),
      namespace,
      labels: {
        [ROLLOUT_HASH_LABEL]: hash,
        'rollout-type': 'Step',
        'step-index': String(stepIndex),
      },
      annotations: { [ROLLOUT_REVISION]: String(revision) },
      ownerReferences: [controllerRef(rollout)],
    },
    spec: {
      metrics,
      ...(args.length
        ? {
            args: args.map(a =>
              values.has(a.name) ? { ...a, value: values.get(a.name) } : a,
            ),
          }
        : {}),
    },
    ...(missing.length
      ? {
          status: {
            phase: 'Error',
            message: missing
              .map(name => `analysistemplates.argoproj.io "${name}" not found`)
              .join('; '),
          },
        }
      : {}),
  });
}

/**
 * The analysis of the current canary step: the run named in
 * status.canary.currentStepAnalysisRunStatus if it is this step's, else a new one.
 */
export function stepAnalysis(
  ctx: RolloutContext,
  stepIndex: number,
  analysis: any,
): AnalysisOutcome {
  const named = ctx.status.canary?.currentStepAnalysisRunStatus?.name;
  let run = named
    ? ctx.cluster.store.get(
        ARGO_KINDS.analysisRun,
        ctx.rollout.metadata.namespace,
        named,
      )
    : undefined;
  if (
    !run ||
    run.metadata.labels?.[ROLLOUT_HASH_LABEL] !== ctx.status.currentPodHash ||
    run.metadata.labels?.['step-index'] !== String(stepIndex)
  ) {
    run = createStepRun(ctx, stepIndex, analysis);
  }
  const phase = run.status?.phase ?? 'Pending';
  ctx.status.canary = {
    ...ctx.status.canary,
    currentStepAnalysisRunStatus: {
      name: run.metadata.name,
      status: phase,
      ...(run.status?.message ? { message: run.status.message } : {}),
    },
  };
  if (phase === 'Successful') return { state: 'successful' };
  if (phase === 'Inconclusive') return { state: 'inconclusive' };
  if (phase === 'Failed' || phase === 'Error') {
    return {
      state: 'failed',
      message: `Step-based analysis phase error/failed${
        run.status?.message ? `: ${run.status.message}` : ''
      }`,
    };
  }
  return { state: 'running' };
}

/** Ends the Rollout's runs still measuring, as upstream does on abort or promotion. */
export function terminateRuns(ctx: RolloutContext): void {
  for (const run of runsOf(ctx)) {
    if (FINISHED_ANALYSIS.has(run.status?.phase) || run.spec?.terminate)
      continue;
    ctx.cluster.store.update(ARGO_KINDS.analysisRun, {
      ...run,
      spec: { ...run.spec, terminate: true },
    });
  }
}

export function forgetStepAnalysis(ctx: RolloutContext): void {
  if (!ctx.status.canary?.currentStepAnalysisRunStatus) return;
  const { currentStepAnalysisRunStatus: _, ...rest } = ctx.status.canary;
  ctx.status.canary = rest;
}
