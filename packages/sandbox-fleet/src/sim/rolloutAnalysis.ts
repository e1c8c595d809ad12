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

/** How an analysis stands, for the canary to act on. */
export type AnalysisOutcome =
  | { state: 'running' }
  | { state: 'successful' }
  | { state: 'inconclusive' }
  | { state: 'failed'; message: string };

/**
 * The two kinds of run a canary makes, with the status field that names the current one
 * and the words upstream's abort message starts with.
 */
const KINDS_OF_RUN = {
  Step: {
    field: 'currentStepAnalysisRunStatus',
    failure: 'Step-based analysis phase error/failed',
  },
  Background: {
    field: 'currentBackgroundAnalysisRunStatus',
    failure: 'Background analysis phase error/failed',
  },
} as const;
type RunType = keyof typeof KINDS_OF_RUN;

function runsOf(ctx: RolloutContext): KubeObject[] {
  return ctx.cluster.store
    .list(ARGO_KINDS.analysisRun, ctx.rollout.metadata.namespace)
    .filter(run => controllerUid(run) === ctx.rollout.metadata.uid);
}

/** A name that is free: upstream's `<rollout>-<hash>-<revision>[-<step>]`, then `.1`, `.2`. */
function freeName(ctx: RolloutContext, base: string): string {
  const taken = new Set(runsOf(ctx).map(run => run.metadata.name));
  let name = base;
  for (let n = 1; taken.has(name); n++) name = `${base}.${n}`;
  return name;
}

/**
 * Creates an AnalysisRun from a step's or the background analysis's AnalysisTemplates
 * (their metrics and args, in order, with the analysis's arg values), owned by the
 * Rollout and labelled as upstream labels them. A missing template makes a run in phase
 * Error, which aborts the Rollout.
 */
function createRun(
  ctx: RolloutContext,
  analysis: any,
  type: RunType,
  stepIndex?: number,
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
  const step = stepIndex === undefined ? '' : `-${stepIndex}`;
  return cluster.store.create(ARGO_KINDS.analysisRun, {
    ...typeMeta('AnalysisRun'),
    metadata: {
      name: freeName(
        ctx,
        `${rollout.metadata.name}-${hash}-${revision}${step}`,
      ),
      namespace,
      labels: {
        [ROLLOUT_HASH_LABEL]: hash,
        'rollout-type': type,
        ...(stepIndex === undefined ? {} : { 'step-index': String(stepIndex) }),
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

/** A step run of the current template at this step: the one a canary may wait for. */
export function isCurrentStepRun(
  ctx: RolloutContext,
  run: KubeObject,
  stepIndex: number,
): boolean {
  return (
    run.metadata.labels?.['rollout-type'] === 'Step' &&
    run.metadata.labels?.[ROLLOUT_HASH_LABEL] === ctx.status.currentPodHash &&
    run.metadata.labels?.['step-index'] === String(stepIndex)
  );
}

/** A background run of the current template. */
export function isCurrentBackgroundRun(
  ctx: RolloutContext,
  run: KubeObject,
): boolean {
  return (
    run.metadata.labels?.['rollout-type'] === 'Background' &&
    run.metadata.labels?.[ROLLOUT_HASH_LABEL] === ctx.status.currentPodHash
  );
}

/**
 * The run named in the status if it is still the current one (`isCurrent`), else a new
 * one; records it in the status and says how it stands.
 */
function currentRun(
  ctx: RolloutContext,
  type: RunType,
  isCurrent: (run: KubeObject) => boolean,
  create: () => KubeObject,
): AnalysisOutcome {
  const { field, failure } = KINDS_OF_RUN[type];
  const named = ctx.status.canary?.[field]?.name;
  let run = named
    ? ctx.cluster.store.get(
        ARGO_KINDS.analysisRun,
        ctx.rollout.metadata.namespace,
        named,
      )
    : undefined;
  if (!run || !isCurrent(run)) run = create();
  const phase = run.status?.phase ?? 'Pending';
  ctx.status.canary = {
    ...ctx.status.canary,
    [field]: {
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
      message: `${failure}${
        run.status?.message ? `: ${run.status.message}` : ''
      }`,
    };
  }
  return { state: 'running' };
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
  return currentRun(
    ctx,
    'Step',
    run => isCurrentStepRun(ctx, run, stepIndex),
    () => createRun(ctx, analysis, 'Step', stepIndex),
  );
}

/**
 * The background analysis (strategy.canary.analysis) of the update in flight, named in
 * status.canary.currentBackgroundAnalysisRunStatus; it runs until the update ends.
 */
export function backgroundAnalysis(
  ctx: RolloutContext,
  analysis: any,
): AnalysisOutcome {
  return currentRun(
    ctx,
    'Background',
    run => isCurrentBackgroundRun(ctx, run),
    () => createRun(ctx, analysis, 'Background'),
  );
}

/**
 * Ends the Rollout's runs still measuring, as upstream does on abort or promotion; with
 * `keep`, all but the runs it keeps.
 */
export function terminateRuns(
  ctx: RolloutContext,
  keep: (run: KubeObject) => boolean = () => false,
): void {
  for (const run of runsOf(ctx)) {
    if (FINISHED_ANALYSIS.has(run.status?.phase) || run.spec?.terminate)
      continue;
    if (keep(run)) continue;
    ctx.cluster.store.update(ARGO_KINDS.analysisRun, {
      ...run,
      spec: { ...run.spec, terminate: true },
    });
  }
}

/** Forgets the current step's run (its step is done) or, with 'all', every run. */
export function forgetAnalysis(
  ctx: RolloutContext,
  which: 'step' | 'all' = 'step',
): void {
  if (!ctx.status.canary) return;
  const {
    currentStepAnalysisRunStatus: _step,
    currentBackgroundAnalysisRunStatus: background,
    ...rest
  } = ctx.status.canary;
  ctx.status.canary =
    which === 'step' && background
      ? { ...rest, currentBackgroundAnalysisRunStatus: background }
      : rest;
}
