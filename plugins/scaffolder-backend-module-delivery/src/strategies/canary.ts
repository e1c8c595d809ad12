import { InputError } from '@backstage/errors';
import {
  LABEL_TRACK,
  TRACKS,
} from '@internal/backstage-plugin-delivery-common';
import { V1Deployment } from '@kubernetes/client-node';
import { KubeCluster } from '../kube/KubeCluster';
import { sleep } from '../kube/kubeCall';
import { waitForRollout } from '../workloads/waitForRollout';
import { DeployStep, scale, setImage, trackOf } from '../workloads/DeployStep';
import { smokeCheck } from './smokeCheck';
import { rememberContainers, smokeOrRollBack } from './smokeOrRollBack';

export interface CanaryOptions {
  /** Traffic weights in percent, each held for `pauseMs`; 100 is the promotion. */
  steps: number[];
  pauseMs: number;
  /** Stop after the first weight has held, for a person to promote or abort. */
  pause: boolean;
  /**
   * Checked after each weight has held (a failure aborts the canary) and after the
   * promotion (a failure puts stable back on its previous image).
   */
  smokeUrl?: string;
}

/** The stable and canary Deployments of a service in one cluster. */
export function canaryPair(cluster: KubeCluster, deployments: V1Deployment[]) {
  const stable = deployments.find(d => trackOf(d) === TRACKS.stable);
  const canary = deployments.find(d => trackOf(d) === TRACKS.canary);
  if (!stable || !canary)
    throw new InputError(
      `strategy: ${cluster.name} needs Deployments labelled ${LABEL_TRACK}=${TRACKS.stable} and ${LABEL_TRACK}=${TRACKS.canary} for a canary`,
    );
  return { stable, canary };
}

/**
 * The canary's image on stable, stable followed to the end, the canary back to zero; then
 * the optional smoke check, whose failure puts stable back on its previous image.
 */
export async function promoteCanary(
  cluster: KubeCluster,
  deployments: V1Deployment[],
  image: string,
  step: DeployStep,
  smokeUrl?: string,
): Promise<void> {
  const { stable, canary } = canaryPair(cluster, deployments);
  const previous = await rememberContainers(
    stable,
    step,
    `canary.${cluster.name}.stable-previous.v1`,
  );
  await step.checkpoint(`canary.${cluster.name}.promote.v1`, async () => {
    await setImage(cluster, stable, image);
    await waitForRollout({
      cluster,
      namespace: stable.metadata!.namespace!,
      name: stable.metadata!.name!,
      logger: step.logger,
      signal: step.signal,
      timeoutMs: step.rolloutTimeoutMs,
      pollMs: step.pollMs,
    });
    await scale(cluster, canary, 0);
    step.logger.info(
      `${cluster.name}: promoted; ${
        stable.metadata!.name
      } runs ${image}, canary at 0`,
    );
  });
  if (smokeUrl)
    await smokeOrRollBack({
      cluster,
      smokeUrl,
      when: 'after the promotion',
      previous: [previous],
      step,
      key: `canary.${cluster.name}.promoted-check.v1`,
    });
}

/** Canary replicas that give about `weight`% of the pods behind the shared Service. */
export function canaryReplicas(stable: number, weight: number): number {
  return Math.max(1, Math.round((stable * weight) / (100 - weight)));
}

/**
 * Canary by replica ratio: the canary Deployment (track `canary`, behind the same Service
 * as `stable`) runs the new image at each weight in turn, must stay ready through each
 * pause, then the stable Deployment takes the image and the canary goes back to zero.
 * A canary that is not ready, restarts, or fails the smoke check after a weight has held
 * is scaled to zero (the abort) and stable is left untouched.
 */
export async function deployCanary(
  cluster: KubeCluster,
  deployments: V1Deployment[],
  image: string,
  step: DeployStep,
  options: CanaryOptions,
): Promise<'paused' | 'done'> {
  const { stable, canary } = canaryPair(cluster, deployments);
  const namespace = canary.metadata!.namespace!;
  const key = (what: string) => `canary.${cluster.name}.${what}.v1`;
  const size = Math.max(1, stable.spec?.replicas ?? 1);
  const follow = (name: string) =>
    waitForRollout({
      cluster,
      namespace,
      name,
      logger: step.logger,
      signal: step.signal,
      timeoutMs: step.rolloutTimeoutMs,
      pollMs: step.pollMs,
    });
  const fail = async (why: string) => {
    await scale(cluster, canary, 0);
    return new Error(
      `${cluster.name}: ${why}; the canary is scaled to 0 and ${
        stable.metadata!.name
      } is untouched`,
    );
  };

  for (const weight of options.steps.filter(w => w < 100)) {
    const replicas = canaryReplicas(size, weight);
    await step.checkpoint(key(`step-${weight}`), async () => {
      await setImage(cluster, canary, image, replicas);
      try {
        await follow(canary.metadata!.name!);
      } catch (error) {
        throw await fail((error as Error).message);
      }
      step.logger.info(
        `${cluster.name}: canary at ${Math.round(
          (100 * replicas) / (replicas + size),
        )}% of pods (${replicas} of ${replicas + size})`,
      );
    });
    await step.checkpoint(key(`hold-${weight}`), async () => {
      await sleep(options.pauseMs, step.signal);
      const now = await cluster.readDeployment(
        namespace,
        canary.metadata!.name!,
      );
      const pods = await cluster.podsMatching(
        namespace,
        now.spec?.selector?.matchLabels ?? {},
      );
      const restarts = pods
        .flatMap(p => p.status?.containerStatuses ?? [])
        .reduce((sum, s) => sum + (s.restartCount ?? 0), 0);
      if ((now.status?.availableReplicas ?? 0) < replicas || restarts > 0)
        throw await fail(
          `the canary did not hold at ${weight}% (${
            now.status?.availableReplicas ?? 0
          }/${replicas} available, ${restarts} restarts)`,
        );
      // Traffic reaches the canary now: a failing check aborts before stable is touched.
      if (options.smokeUrl) {
        const problem = await smokeCheck(
          options.smokeUrl,
          step.logger,
          step.signal,
        );
        if (problem) throw await fail(`at ${weight}%, ${problem}`);
      }
    });
    if (options.pause) {
      step.logger.info(
        `${
          cluster.name
        }: canary held at ${weight}%; paused. Promote to roll ${image} out to ${
          stable.metadata!.name
        }, or abort to scale the canary down.`,
      );
      return 'paused';
    }
  }

  await promoteCanary(cluster, deployments, image, step, options.smokeUrl);
  return 'done';
}
