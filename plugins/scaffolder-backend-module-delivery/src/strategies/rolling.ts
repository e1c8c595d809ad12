import { InputError } from '@backstage/errors';
import { LABEL_TRACK } from '@internal/backstage-plugin-delivery-common';
import { V1Deployment } from '@kubernetes/client-node';
import { KubeCluster } from '../kube/KubeCluster';
import { waitForRollout } from '../workloads/waitForRollout';
import { DeployStep, setImage, trackOf } from '../workloads/DeployStep';

/**
 * Rolling: the new image on every Deployment of the service that is not a blue-green or
 * canary track, then the rollout followed to the end; a stall fails with the pods' reasons.
 */
export async function deployRolling(
  cluster: KubeCluster,
  deployments: V1Deployment[],
  image: string,
  step: DeployStep,
): Promise<void> {
  const targets = deployments.filter(d => !trackOf(d));
  if (!targets.length)
    throw new InputError(
      `strategy: ${cluster.name} has no Deployment of this service without a ${LABEL_TRACK} label to update in place; use the service's own strategy`,
    );
  for (const deployment of targets) {
    const namespace = deployment.metadata!.namespace!;
    const name = deployment.metadata!.name!;
    await step.checkpoint(
      `rolling.${cluster.name}.${namespace}.${name}.v1`,
      () => setImage(cluster, deployment, image),
    );
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
}
