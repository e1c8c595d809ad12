import { V1Deployment } from '@kubernetes/client-node';
import { KubeCluster } from '../../kube/KubeCluster';
import { sleep } from '../../kube/kubeCall';
import { waitForRollout } from '../../workloads/waitForRollout';
import { DeployStep } from '../../workloads/DeployStep';
import { boundsText } from './describeScale';
import { ScaleTarget } from './scalePlan';

/**
 * Why an autoscaler is not scaling, in its own words: its conditions that say it cannot
 * (AbleToScale or ScalingActive False) or that it is held at a bound (ScalingLimited True).
 */
async function autoscalerSays(
  cluster: KubeCluster,
  namespace: string,
  name: string,
): Promise<string> {
  const hpa = (await cluster.autoscalersIn(namespace)).find(
    h => h.metadata?.name === name,
  );
  const problems = (hpa?.status?.conditions ?? [])
    .filter(c =>
      c.type === 'ScalingLimited' ? c.status === 'True' : c.status === 'False',
    )
    .map(c => `${c.type}: ${c.message ?? c.reason}`);
  return problems.length
    ? `; the HorizontalPodAutoscaler says ${problems.join('; ')}`
    : '';
}

/**
 * Until the Deployment's replicas are within the autoscaler's new bounds: the autoscaler
 * moves them on its next sync (every 15 s in Kubernetes), not when the bounds change.
 */
async function waitForBounds(
  cluster: KubeCluster,
  target: ScaleTarget,
  step: DeployStep,
  deadline: number,
): Promise<void> {
  if (target.change.kind !== 'autoscaler') return;
  const { minReplicas, maxReplicas } = target.change.to;
  const { namespace, deployment } = target;
  let logged = false;
  for (;;) {
    const now = await cluster.readDeployment(namespace, deployment);
    const replicas = now.spec?.replicas ?? 1;
    if (replicas >= minReplicas && replicas <= maxReplicas) return;
    if (!logged)
      step.logger.info(
        `${cluster.name}: waiting for the HorizontalPodAutoscaler ${
          target.change.autoscaler
        } to bring ${deployment} from ${replicas} into ${boundsText(
          target.change.to,
        )} replicas`,
      );
    logged = true;
    if (Date.now() > deadline)
      throw new Error(
        `${
          cluster.name
        }/${deployment}: still at ${replicas} replicas after ${Math.round(
          step.rolloutTimeoutMs / 1000,
        )}s, outside the ${boundsText(
          target.change.to,
        )} of the HorizontalPodAutoscaler ${
          target.change.autoscaler
        }${await autoscalerSays(cluster, namespace, target.change.autoscaler)}`,
      );
    await sleep(step.pollMs, step.signal);
  }
}

/**
 * Waits, within the rollout timeout, until the Deployment runs as many available replicas
 * as it should: the replicas asked for, or for an autoscaler a number within its new
 * bounds. Returns the Deployment as it stands then.
 */
export async function waitForScale(
  cluster: KubeCluster,
  target: ScaleTarget,
  step: DeployStep,
): Promise<V1Deployment> {
  const deadline = Date.now() + step.rolloutTimeoutMs;
  await waitForBounds(cluster, target, step, deadline);
  return waitForRollout({
    cluster,
    namespace: target.namespace,
    name: target.deployment,
    logger: step.logger,
    signal: step.signal,
    timeoutMs: Math.max(0, deadline - Date.now()),
    pollMs: step.pollMs,
  });
}
