import { V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import { KubeCluster } from '../../kube/KubeCluster';
import { UnknownOutcomeError } from '../../kube/kubeCall';
import { scale } from '../../workloads/DeployStep';
import { boundsText } from './describeScale';
import { Bounds, ScaleTarget } from './scalePlan';

async function readAutoscaler(
  cluster: KubeCluster,
  namespace: string,
  name: string,
): Promise<V2HorizontalPodAutoscaler> {
  const found = (await cluster.autoscalersIn(namespace)).find(
    hpa => hpa.metadata?.name === name,
  );
  if (!found)
    throw new Error(
      `${cluster.name}: the HorizontalPodAutoscaler ${namespace}/${name} is gone; nothing was changed on it`,
    );
  return found;
}

const hasBounds = (hpa: V2HorizontalPodAutoscaler, bounds: Bounds) =>
  (hpa.spec?.minReplicas ?? 1) === bounds.minReplicas &&
  hpa.spec?.maxReplicas === bounds.maxReplicas;

/**
 * Sets an autoscaler's bounds, read-compare-patch: bounds already there are left alone (a
 * recovered task), and a patch whose answer is lost is read back and repeated only if it
 * was not applied. Both bounds go in one patch, so the API server never sees them out of
 * order.
 */
async function setBounds(
  cluster: KubeCluster,
  namespace: string,
  name: string,
  bounds: Bounds,
): Promise<boolean> {
  if (hasBounds(await readAutoscaler(cluster, namespace, name), bounds))
    return false;
  const body = { spec: bounds };
  try {
    await cluster.patchAutoscaler(namespace, name, body);
  } catch (error) {
    if (!(error instanceof UnknownOutcomeError)) throw error;
    if (!hasBounds(await readAutoscaler(cluster, namespace, name), bounds))
      await cluster.patchAutoscaler(namespace, name, body);
  }
  return true;
}

/**
 * Makes one planned change, logging it with the cluster's name; doing it again changes
 * nothing. The caller keeps it in a checkpoint per cluster and Deployment.
 */
export async function applyScale(
  cluster: KubeCluster,
  target: ScaleTarget,
  log: (text: string) => void,
): Promise<void> {
  const { namespace, deployment, change } = target;
  if (change.kind === 'autoscaler') {
    const changed = await setBounds(
      cluster,
      namespace,
      change.autoscaler,
      change.to,
    );
    log(
      changed
        ? `${cluster.name}: HorizontalPodAutoscaler ${
            change.autoscaler
          } (scales ${deployment}) set to ${boundsText(
            change.to,
          )} replicas (was ${boundsText(change.from)})`
        : `${cluster.name}: HorizontalPodAutoscaler ${
            change.autoscaler
          } already at ${boundsText(change.to)} replicas`,
    );
    return;
  }
  const now = await cluster.readDeployment(namespace, deployment);
  if (now.spec?.replicas === change.to) {
    log(`${cluster.name}: ${deployment} already at ${change.to} replicas`);
    return;
  }
  await scale(cluster, now, change.to);
  log(
    `${cluster.name}: ${deployment} scaled to ${change.to} replicas (was ${
      now.spec?.replicas ?? 1
    })`,
  );
}
