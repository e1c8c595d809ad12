import { sleep } from '../../kube/kubeCall';
import { FailoverContext, waitFor } from './FailoverContext';

/** Replicas wanted per Deployment name, in the DR namespace. */
export type ReplicaTargets = Record<string, number>;

async function readyOf(ctx: FailoverContext, targets: ReplicaTargets) {
  const namespace = ctx.call.namespace;
  return Promise.all(
    Object.entries(targets).map(async ([name, wanted]) => {
      const d = await ctx.dr.readDeployment(namespace, name);
      return { name, wanted, ready: d.status?.availableReplicas ?? 0 };
    }),
  );
}

const progress = (
  rows: Array<{ name: string; wanted: number; ready: number }>,
) => rows.map(r => `${r.name} ${r.ready}/${r.wanted}`).join(', ');

/**
 * Scales DR Deployments to their targets (and lifts their autoscalers' minimum to match, so
 * an autoscaler does not take the standby back down) and waits until every pod is available.
 */
export async function scaleUpDr(
  ctx: FailoverContext,
  targets: ReplicaTargets,
): Promise<string> {
  const namespace = ctx.call.namespace;
  const autoscalers = await ctx.dr.autoscalersIn(namespace);
  for (const [name, replicas] of Object.entries(targets)) {
    await ctx.dr.patchDeployment(namespace, name, { spec: { replicas } });
    for (const hpa of autoscalers.filter(
      h => h.spec?.scaleTargetRef?.name === name,
    )) {
      if ((hpa.spec?.minReplicas ?? 1) < replicas)
        await ctx.dr.patchAutoscaler(namespace, hpa.metadata!.name!, {
          spec: {
            minReplicas: replicas,
            maxReplicas: Math.max(hpa.spec?.maxReplicas ?? replicas, replicas),
          },
        });
    }
  }
  let last: Array<{ name: string; wanted: number; ready: number }> = [];
  await waitFor(
    ctx,
    `DR Deployments available in ${ctx.dr.name}`,
    async () => {
      last = await readyOf(ctx, targets);
      ctx.logger.info(
        `Scaling up in ${ctx.dr.name}: ${progress(last)} available`,
      );
      return last.every(r => r.ready >= r.wanted) ? true : undefined;
    },
    () => progress(last),
  );
  return `${progress(last)} available in ${ctx.dr.name}`;
}

/**
 * Watches the DR Deployments for `verifySeconds` (at least the DNS TTL, so every resolver
 * that cached the old answer has moved over): every read must find them all available.
 */
export async function verifyDrHealthy(
  ctx: FailoverContext,
  targets: ReplicaTargets,
): Promise<string> {
  const until = Date.now() + ctx.verifySeconds * 1000;
  let reads = 0;
  for (;;) {
    const rows = await readyOf(ctx, targets);
    reads++;
    const short = rows.filter(r => r.ready < r.wanted);
    if (short.length)
      throw new Error(
        `health check failed after the switch: ${progress(
          short,
        )} available in ${ctx.dr.name}`,
      );
    if (Date.now() >= until) break;
    await sleep(Math.min(ctx.pollMs, 1000), ctx.signal);
  }
  return `${progress(await readyOf(ctx, targets))} available for ${
    ctx.verifySeconds
  } s (${reads} reads)`;
}
