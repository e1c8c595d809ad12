import { LoggerService } from '@backstage/backend-plugin-api';
import { V1Deployment, V1Pod } from '@kubernetes/client-node';
import { KubeCluster } from '../kube/KubeCluster';
import { sleep } from '../kube/kubeCall';

export interface RolloutWait {
  cluster: KubeCluster;
  namespace: string;
  name: string;
  logger: LoggerService;
  signal?: AbortSignal;
  /** Give up after this long even when Kubernetes has not called the rollout stalled. */
  timeoutMs: number;
  pollMs: number;
}

/** Done: the new template is observed, every replica updated and available, no old pods. */
export function rolloutComplete(deployment: V1Deployment): boolean {
  const desired = deployment.spec?.replicas ?? 1;
  const status = deployment.status ?? {};
  return (
    (status.observedGeneration ?? 0) >=
      (deployment.metadata?.generation ?? 0) &&
    (status.updatedReplicas ?? 0) === desired &&
    (status.availableReplicas ?? 0) === desired &&
    (status.replicas ?? 0) === desired
  );
}

function stalled(deployment: V1Deployment): string | undefined {
  const progressing = deployment.status?.conditions?.find(
    c => c.type === 'Progressing',
  );
  return progressing?.status === 'False' &&
    progressing.reason === 'ProgressDeadlineExceeded'
    ? progressing.message ?? 'progress deadline exceeded'
    : undefined;
}

/** Why the pods that are not ready are not: `pod-x: ImagePullBackOff (Back-off pulling...)`. */
export function podReasons(pods: V1Pod[]): string[] {
  return pods.flatMap(pod => {
    const ready = pod.status?.conditions?.some(
      c => c.type === 'Ready' && c.status === 'True',
    );
    if (ready) return [];
    const waiting = pod.status?.containerStatuses
      ?.map(s => s.state?.waiting ?? s.state?.terminated)
      .find(Boolean);
    const reason = waiting
      ? `${waiting.reason ?? 'Waiting'}${
          waiting.message ? ` (${waiting.message})` : ''
        }`
      : pod.status?.phase ?? 'not ready';
    return [`${pod.metadata?.name}: ${reason}`];
  });
}

async function failure(
  wait: RolloutWait,
  deployment: V1Deployment,
  why: string,
) {
  const pods = await wait.cluster.podsMatching(
    wait.namespace,
    deployment.spec?.selector?.matchLabels ?? {},
  );
  const reasons = podReasons(pods);
  return new Error(
    `${wait.cluster.name}/${wait.name}: ${why}${
      reasons.length ? `; pods not ready: ${reasons.join('; ')}` : ''
    }`,
  );
}

/**
 * Follows a Deployment's rollout, logging progress whenever it changes, until it is
 * complete; fails with the pods' reasons when Kubernetes reports the progress deadline
 * exceeded or the wait runs out.
 */
export async function waitForRollout(wait: RolloutWait): Promise<V1Deployment> {
  const started = Date.now();
  let last = '';
  for (;;) {
    const deployment = await wait.cluster.readDeployment(
      wait.namespace,
      wait.name,
    );
    const desired = deployment.spec?.replicas ?? 1;
    const status = deployment.status ?? {};
    const updated = Math.min(status.updatedReplicas ?? 0, desired);
    const available = Math.min(status.availableReplicas ?? 0, desired);
    const percent = desired ? Math.round((100 * available) / desired) : 100;
    const line = `${wait.cluster.name}/${wait.name}: ${updated}/${desired} updated, ${available}/${desired} available (${percent}%)`;
    if (line !== last) wait.logger.info(line);
    last = line;
    if (rolloutComplete(deployment)) return deployment;
    const stall = stalled(deployment);
    if (stall)
      throw await failure(wait, deployment, `rollout stalled: ${stall}`);
    if (Date.now() - started > wait.timeoutMs)
      throw await failure(
        wait,
        deployment,
        `not ready after ${Math.round(wait.timeoutMs / 1000)}s`,
      );
    await sleep(wait.pollMs, wait.signal);
  }
}
