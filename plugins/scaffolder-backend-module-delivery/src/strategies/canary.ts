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

export interface CanaryOptions {
  /** Traffic weights in percent, each held for `pauseMs`; 100 is the promotion. */
  steps: number[];
  pauseMs: number;
  /** Stop after the first weight has held, for a person to promote or abort. */
  pause: boolean;
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

/** The canary's image on stable, stable followed to the end, the canary back to zero. */
export async function promoteCanary(
  cluster: KubeCluster,
  deployments: V1Deployment[],
  image: string,
  step: DeployStep,
): Promise<void> {
  const { stable, canary } = canaryPair(cluster, deployments);
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
}

/** Canary replicas that give about `weight`% of the pods behind the shared Service. */
export function canaryReplicas(stable: number, weight: number): number {
  return Math.max(1, Math.round((stable * weight) / (100 - weight)));
}

/**
 * Canary by replica ratio: the canary Deployment (track `canary`, behind the same Service
 * as `stable`) runs the new image at each weight in turn, must stay ready through each
 * pause, then the stable Deployment takes the image and the canary goes back to zero.
 * A canary that is not ready, or restarts, is scaled to zero and stable is left untouched.
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

  await promoteCanary(cluster, deployments, image, step);
  return 'done';
}
