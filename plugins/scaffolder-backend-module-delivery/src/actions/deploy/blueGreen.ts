import { InputError } from '@backstage/errors';
import { V1Deployment, V1Service } from '@kubernetes/client-node';
import { KubeCluster } from '../../kube/KubeCluster';
import { sleep } from '../../kube/kubeCall';
import { waitForRollout } from '../../kube/waitForRollout';
import {
  DeployStep,
  scale,
  setImage,
  TRACK_LABEL,
  trackOf,
} from './DeployStep';
import { smokeCheck } from './smokeCheck';
import { switchService } from './switchService';

export interface BlueGreenOptions {
  smokeUrl?: string;
  /** How long the previous colour keeps running after the switch, for a fast way back. */
  keepPreviousMs: number;
}

interface Plan {
  [key: string]: string | number;
  namespace: string;
  service: string;
  active: string;
  idle: string;
  replicas: number;
}

const other = (track: string) => (track === 'blue' ? 'green' : 'blue');

function colours(
  deployments: V1Deployment[],
  services: V1Service[],
  cluster: string,
) {
  const service = services.find(s => s.spec?.selector?.[TRACK_LABEL]);
  if (!service)
    throw new InputError(
      `strategy: ${cluster} has no Service of this service that selects a ${TRACK_LABEL}; blue-green needs one`,
    );
  const active = service.spec!.selector![TRACK_LABEL];
  const byTrack = (track: string) => {
    const found = deployments.find(d => trackOf(d) === track);
    if (!found)
      throw new InputError(
        `strategy: ${cluster} has no Deployment labelled ${TRACK_LABEL}=${track}`,
      );
    return found;
  };
  return { service, active: byTrack(active), idle: byTrack(other(active)) };
}

/**
 * Blue-green: the new image on the idle colour at the active colour's size; every replica
 * ready; an optional smoke check; the Service switched with the resourceVersion read; a
 * second check; the previous colour kept for a while, then scaled to zero.
 * Before the switch a failure leaves the Service untouched and scales the new colour
 * down; after it, a failed check switches back. Each step is a checkpoint, so a recovered
 * task continues with the colours it chose and never switches twice.
 */
export async function deployBlueGreen(
  cluster: KubeCluster,
  deployments: V1Deployment[],
  services: V1Service[],
  image: string,
  step: DeployStep,
  options: BlueGreenOptions,
): Promise<void> {
  const key = (what: string) => `blue-green.${cluster.name}.${what}.v1`;
  const found = colours(deployments, services, cluster.name);
  const plan = await step.checkpoint<Plan>(key('plan'), async () => ({
    namespace: found.service.metadata!.namespace!,
    service: found.service.metadata!.name!,
    active: trackOf(found.active)!,
    idle: trackOf(found.idle)!,
    replicas: Math.max(1, found.active.spec?.replicas ?? 1),
  }));
  const byTrack = (track: string) =>
    deployments.find(d => trackOf(d) === track)!;
  const idle = byTrack(plan.idle);
  const active = byTrack(plan.active);
  const idleName = idle.metadata!.name!;
  const log = (text: string) => step.logger.info(`${cluster.name}: ${text}`);

  log(
    `${plan.active} takes traffic; deploying ${image} to ${plan.idle} (${plan.replicas} replicas)`,
  );
  await step.checkpoint(key('idle'), () =>
    setImage(cluster, idle, image, plan.replicas),
  );

  const undoIdle = async (why: string) => {
    log(
      `${why}; the Service still selects ${plan.active}, scaling ${plan.idle} down`,
    );
    await scale(cluster, idle, 0);
    return new Error(
      `${cluster.name}: ${why}; ${plan.active} still takes traffic`,
    );
  };

  const switched = await step.checkpoint<boolean>(key('switched'), async () => {
    try {
      await waitForRollout({
        cluster,
        namespace: plan.namespace,
        name: idleName,
        logger: step.logger,
        signal: step.signal,
        timeoutMs: step.rolloutTimeoutMs,
        pollMs: step.pollMs,
      });
    } catch (error) {
      throw await undoIdle((error as Error).message);
    }
    if (options.smokeUrl) {
      const problem = await smokeCheck(
        options.smokeUrl,
        step.logger,
        step.signal,
      );
      if (problem) throw await undoIdle(`before the switch, ${problem}`);
    }
    const service = await cluster.readService(plan.namespace, plan.service);
    await switchService(cluster, service, plan.active, plan.idle);
    log(`Service ${plan.service} switched from ${plan.active} to ${plan.idle}`);
    return true;
  });

  if (switched && options.smokeUrl) {
    const problem = await step.checkpoint(
      key('after-check'),
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
  await step.checkpoint(key('autoscaler'), async () => {
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
  await step.checkpoint(key('previous-down'), async () => {
    await sleep(options.keepPreviousMs, step.signal);
    await scale(cluster, active, 0);
    log(`${plan.active} scaled to 0`);
  });
}
