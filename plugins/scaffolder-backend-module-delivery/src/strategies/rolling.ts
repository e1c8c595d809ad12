import { InputError } from '@backstage/errors';
import { LABEL_TRACK } from '@internal/backstage-plugin-delivery-common';
import { V1Deployment } from '@kubernetes/client-node';
import { KubeCluster } from '../kube/KubeCluster';
import { waitForRollout } from '../workloads/waitForRollout';
import { DeployStep, setImage, trackOf } from '../workloads/DeployStep';
import {
  PreviousContainers,
  rememberContainers,
  smokeOrRollBack,
} from './smokeOrRollBack';

export interface RollingOptions {
  /** Checked once every rollout in the cluster is complete; failing rolls them back. */
  smokeUrl?: string;
}

/**
 * Rolling: the new image on every Deployment of the service that is not a blue-green or
 * canary track, then the rollout followed to the end; a stall fails with the pods' reasons.
 * With a smoke URL, the check runs when the rollout is complete, and a failure puts every
 * Deployment back on its previous containers and fails saying what serves now.
 */
export async function deployRolling(
  cluster: KubeCluster,
  deployments: V1Deployment[],
  image: string,
  step: DeployStep,
  options: RollingOptions = {},
): Promise<void> {
  const targets = deployments.filter(d => !trackOf(d));
  if (!targets.length)
    throw new InputError(
      `strategy: ${cluster.name} has no Deployment of this service without a ${LABEL_TRACK} label to update in place; use the service's own strategy`,
    );
  const previous: PreviousContainers[] = [];
  for (const deployment of targets) {
    const namespace = deployment.metadata!.namespace!;
    const name = deployment.metadata!.name!;
    const key = (what: string) =>
      `rolling.${cluster.name}.${namespace}.${name}${what}.v1`;
    previous.push(await rememberContainers(deployment, step, key('.previous')));
    await step.checkpoint(key(''), () => setImage(cluster, deployment, image));
    step.logger.info(`${cluster.name}/${name}: image set to ${image}`);
    await waitForRollout({
      cluster,
      namespace,
      name,
      logger: step.logger,
      signal: step.signal,
      timeoutMs: step.rolloutTimeoutMs,
      pollMs: step.pollMs,
    });
  }
  if (options.smokeUrl)
    await smokeOrRollBack({
      cluster,
      smokeUrl: options.smokeUrl,
      when: 'after the rollout',
      previous,
      step,
      key: `rolling.${cluster.name}.smoke-check.v1`,
    });
}
