import { LoggerService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';
import { LABEL_TRACK } from '@internal/backstage-plugin-delivery-common';
import { V1Deployment } from '@kubernetes/client-node';
import { KubeCluster } from '../kube/KubeCluster';
import { UnknownOutcomeError } from '../kube/kubeCall';

/** What every strategy gets from the action: logging, cancellation, checkpoints, timing. */
export interface DeployStep {
  logger: LoggerService;
  signal?: AbortSignal;
  /**
   * Runs `fn` once per task: a retried or recovered task gets the stored result back
   * instead of doing it again. Keys carry a version so a changed step never reuses an old
   * result.
   */
  checkpoint<T extends JsonValue | void>(
    key: string,
    fn: () => Promise<T>,
  ): Promise<T>;
  rolloutTimeoutMs: number;
  pollMs: number;
}

export const trackOf = (deployment: V1Deployment) =>
  deployment.metadata?.labels?.[LABEL_TRACK];

export const imageOf = (deployment: V1Deployment) =>
  deployment.spec?.template?.spec?.containers?.[0]?.image;

const where = (deployment: V1Deployment) => ({
  namespace: deployment.metadata!.namespace!,
  name: deployment.metadata!.name!,
});

/**
 * Sets the image of a Deployment's first container (and its replicas, when given). The
 * patch is idempotent, so when its answer is lost the Deployment is read again and the
 * patch repeated only if it was not applied.
 */
export async function setImage(
  cluster: KubeCluster,
  deployment: V1Deployment,
  image: string,
  replicas?: number,
): Promise<void> {
  const { namespace, name } = where(deployment);
  const container = deployment.spec!.template.spec!.containers[0].name;
  const body = {
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      template: { spec: { containers: [{ name: container, image }] } },
    },
  };
  try {
    await cluster.patchDeployment(namespace, name, body);
  } catch (error) {
    if (!(error instanceof UnknownOutcomeError)) throw error;
    const now = await cluster.readDeployment(namespace, name);
    const applied =
      imageOf(now) === image &&
      (replicas === undefined || now.spec?.replicas === replicas);
    if (!applied) await cluster.patchDeployment(namespace, name, body);
  }
}

/** Scales a Deployment, with the same lost-answer handling as setImage. */
export async function scale(
  cluster: KubeCluster,
  deployment: V1Deployment,
  replicas: number,
): Promise<void> {
  const { namespace, name } = where(deployment);
  const body = { spec: { replicas } };
  try {
    await cluster.patchDeployment(namespace, name, body);
  } catch (error) {
    if (!(error instanceof UnknownOutcomeError)) throw error;
    const now = await cluster.readDeployment(namespace, name);
    if (now.spec?.replicas !== replicas)
      await cluster.patchDeployment(namespace, name, body);
  }
}
