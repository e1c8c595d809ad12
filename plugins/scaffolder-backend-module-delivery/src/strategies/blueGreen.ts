import { InputError } from '@backstage/errors';
import {
  LABEL_TRACK,
  TRACKS,
} from '@internal/backstage-plugin-delivery-common';
import { V1Deployment, V1Service } from '@kubernetes/client-node';
import { KubeCluster } from '../kube/KubeCluster';
import { sleep } from '../kube/kubeCall';
import { waitForRollout } from '../workloads/waitForRollout';
import {
  DeployStep,
  imageOf,
  scale,
  setImage,
  trackOf,
} from '../workloads/DeployStep';
import { smokeCheck } from './smokeCheck';
import { switchService } from '../workloads/switchService';

export interface BlueGreenOptions {
  smokeUrl?: string;
  /** How long the previous colour keeps running after the switch, for a fast way back. */
  keepPreviousMs: number;
}

/** Which colour takes traffic and which is being prepared, in one cluster. */
export interface BlueGreenPlan {
  [key: string]: string | number;
  namespace: string;
  service: string;
  active: string;
  idle: string;
  replicas: number;
}

const other = (track: string) =>
  track === TRACKS.blue ? TRACKS.green : TRACKS.blue;

/** The plan as the cluster stands: the Service's selector says which colour is live. */
export function planBlueGreen(
  cluster: KubeCluster,
  deployments: V1Deployment[],
  services: V1Service[],
): BlueGreenPlan {
  const service = services.find(s => s.spec?.selector?.[LABEL_TRACK]);
  if (!service)
    throw new InputError(
      `strategy: ${cluster.name} has no Service of this service that selects a ${LABEL_TRACK}; blue-green needs one`,
    );
  const active = service.spec!.selector![LABEL_TRACK];
  const live = colour(cluster, deployments, active);
  colour(cluster, deployments, other(active));
  return {
    namespace: service.metadata!.namespace!,
    service: service.metadata!.name!,
    active,
    idle: other(active),
    replicas: Math.max(1, live.spec?.replicas ?? 1),
  };
}

export function colour(
  cluster: KubeCluster,
  deployments: V1Deployment[],
  track: string,
): V1Deployment {
  const found = deployments.find(d => trackOf(d) === track);
  if (!found)
    throw new InputError(
      `strategy: ${cluster.name} has no Deployment labelled ${LABEL_TRACK}=${track}`,
    );
  return found;
}

const keyOf = (cluster: KubeCluster, what: string) =>
  `blue-green.${cluster.name}.${what}.v1`;

/**
 * The idle colour at the live colour's size with the new image, every replica ready, and
 * the optional smoke check passed. On failure the Service was never touched: the idle
 * colour is scaled back to zero and the error says the live colour still serves.
 */
export async function prepareIdle(
  cluster: KubeCluster,
  deployments: V1Deployment[],
  plan: BlueGreenPlan,
  image: string,
  step: DeployStep,
  smokeUrl?: string,
): Promise<void> {
  const idle = colour(cluster, deployments, plan.idle);
  const log = (text: string) => step.logger.info(`${cluster.name}: ${text}`);
  log(
    `${plan.active} takes traffic; deploying ${image} to ${plan.idle} (${plan.replicas} replicas)`,
  );
  const undo = async (why: string) => {
    log(
      `${why}; the Service still selects ${plan.active}, scaling ${plan.idle} down`,
    );
    await scale(cluster, idle, 0);
    return new Error(
      `${cluster.name}: ${why}; ${plan.active} still takes traffic`,
    );
  };
  // The image is set inside the same checkpoint as the wait: after a crash between the
  // scale-down of a failed attempt and its checkpoint, a recovered task sets the image
  // and size again (an idempotent patch) instead of waiting on a colour at zero.
  await step.checkpoint(keyOf(cluster, 'idle-prepared'), async () => {
    const now = await cluster.readDeployment(
      plan.namespace,
      idle.metadata!.name!,
    );
    if (imageOf(now) !== image || now.spec?.replicas !== plan.replicas)
      await setImage(cluster, now, image, plan.replicas);
    try {
      await waitForRollout({
        cluster,
        namespace: plan.namespace,
        name: idle.metadata!.name!,
        logger: step.logger,
        signal: step.signal,
        timeoutMs: step.rolloutTimeoutMs,
        pollMs: step.pollMs,
      });
    } catch (error) {
      throw await undo((error as Error).message);
    }
    if (smokeUrl) {
      const problem = await smokeCheck(smokeUrl, step.logger, step.signal);
      if (problem) throw await undo(`before the switch, ${problem}`);
    }
  });
}

/**
 * The switch and what follows it: the Service moved to the prepared colour with the
 * resourceVersion read; an optional second check, which switches back when it fails; the
 * autoscaler pointed at the new colour; the previous colour kept for a while, then
 * scaled to zero. Each part is a checkpoint: a recovered task never switches twice.
 */
export async function switchToIdle(
  cluster: KubeCluster,
  deployments: V1Deployment[],
  plan: BlueGreenPlan,
  step: DeployStep,
  options: BlueGreenOptions,
): Promise<void> {
  const idleName = colour(cluster, deployments, plan.idle).metadata!.name!;
  const active = colour(cluster, deployments, plan.active);
  const log = (text: string) => step.logger.info(`${cluster.name}: ${text}`);
  await step.checkpoint(keyOf(cluster, 'switched'), async () => {
    // Traffic only ever moves to a colour that is up now, whatever an earlier attempt or
    // a paused deploy recorded.
    const idle = await cluster.readDeployment(plan.namespace, idleName);
    const wanted = idle.spec?.replicas ?? 0;
    const available = idle.status?.availableReplicas ?? 0;
    if (wanted === 0 || available < wanted)
      throw new Error(
        `${cluster.name}: refusing to switch to ${plan.idle}: ${available} of ${wanted} replicas available; the Service still selects ${plan.active}`,
      );
    const service = await cluster.readService(plan.namespace, plan.service);
    await switchService(cluster, service, plan.active, plan.idle);
    log(`Service ${plan.service} switched from ${plan.active} to ${plan.idle}`);
  });

  if (options.smokeUrl) {
    const problem = await step.checkpoint(
      keyOf(cluster, 'after-check'),
      async () =>
        (await smokeCheck(options.smokeUrl!, step.logger, step.signal)) ?? '',
    );
    if (problem) {
      const service = await cluster.readService(plan.namespace, plan.service);
      await switchService(cluster, service, plan.idle, plan.active);
      log(`after the switch, ${problem}: switched back to ${plan.active}`);
      throw new Error(
        `${cluster.name}: after the switch, ${problem}; traffic is back on ${plan.active}, ${plan.idle} is left running for investigation`,
      );
    }
  }

  // The autoscaler follows the traffic.
  await step.checkpoint(keyOf(cluster, 'autoscaler'), async () => {
    for (const hpa of await cluster.autoscalersIn(plan.namespace)) {
      if (hpa.spec?.scaleTargetRef?.name !== active.metadata!.name) continue;
      await cluster.retargetAutoscaler(
        plan.namespace,
        hpa.metadata!.name!,
        idleName,
      );
      log(
        `HorizontalPodAutoscaler ${hpa.metadata!.name} now scales ${idleName}`,
      );
    }
  });

  if (options.keepPreviousMs > 0)
    log(
      `keeping ${plan.active} running for ${Math.round(
        options.keepPreviousMs / 1000,
      )}s before scaling it down`,
    );
  await step.checkpoint(keyOf(cluster, 'previous-down'), async () => {
    await sleep(options.keepPreviousMs, step.signal);
    await scale(cluster, active, 0);
    log(`${plan.active} scaled to 0`);
  });
}

/**
 * Blue-green deploy: prepare the idle colour, then (unless asked to pause for a person to
 * promote or abort) switch to it. Returns whether it paused.
 */
export async function deployBlueGreen(
  cluster: KubeCluster,
  deployments: V1Deployment[],
  services: V1Service[],
  image: string,
  step: DeployStep,
  options: BlueGreenOptions & { pause: boolean },
): Promise<'paused' | 'done'> {
  const plan = await step.checkpoint<BlueGreenPlan>(
    keyOf(cluster, 'plan'),
    async () => planBlueGreen(cluster, deployments, services),
  );
  await prepareIdle(cluster, deployments, plan, image, step, options.smokeUrl);
  if (options.pause) {
    step.logger.info(
      `${cluster.name}: ${plan.idle} is ready with ${image}; paused before the switch. Promote to switch, or abort to scale it down.`,
    );
    return 'paused';
  }
  await switchToIdle(cluster, deployments, plan, step, options);
  return 'done';
}
