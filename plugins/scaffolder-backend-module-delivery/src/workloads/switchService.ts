import { ConflictError } from '@backstage/errors';
import { LABEL_TRACK } from '@internal/backstage-plugin-delivery-common';
import { V1Service } from '@kubernetes/client-node';
import { KubeCluster } from '../kube/KubeCluster';
import { statusOf, UnknownOutcomeError } from '../kube/kubeCall';

/**
 * Moves a Service's `delivery/track` selector from one colour to the other with the
 * resourceVersion it read, so a concurrent change is a 409, never overwritten. A 409 or a
 * lost answer is settled by reading again: already on `to` is done; on `from` is tried
 * again; anything else means someone else changed the Service, and nothing is forced.
 */
export async function switchService(
  cluster: KubeCluster,
  service: V1Service,
  from: string,
  to: string,
): Promise<void> {
  const namespace = service.metadata!.namespace!;
  const name = service.metadata!.name!;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const current = await cluster.readService(namespace, name);
    const track = current.spec?.selector?.[LABEL_TRACK];
    if (track === to) return;
    if (track !== from)
      throw new ConflictError(
        `${cluster.name}: Service ${namespace}/${name} now selects ${LABEL_TRACK}=${track}, not ${from}; someone else changed it, so it was left alone`,
      );
    const next: V1Service = {
      ...current,
      spec: {
        ...current.spec,
        selector: { ...current.spec!.selector, [LABEL_TRACK]: to },
      },
    };
    try {
      await cluster.replaceService(next);
      return;
    } catch (error) {
      const lost = error instanceof UnknownOutcomeError;
      if (!lost && statusOf(error) !== 409) throw error;
      // Read again and decide on what is there now.
    }
  }
  throw new ConflictError(
    `${cluster.name}: Service ${namespace}/${name} kept changing while it was being switched to ${to}; left as it is`,
  );
}
