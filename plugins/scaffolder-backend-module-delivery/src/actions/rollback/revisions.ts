import { InputError } from '@backstage/errors';
import { V1Deployment, V1ReplicaSet } from '@kubernetes/client-node';
import { KubeCluster } from '../../kube/KubeCluster';

const REVISION = 'deployment.kubernetes.io/revision';

export const revisionOf = (rs: V1ReplicaSet) =>
  Number(rs.metadata?.annotations?.[REVISION] ?? 0);

const imagesOf = (rs: { spec?: { template?: any } }) =>
  (rs.spec?.template?.spec?.containers ?? []).map(
    (c: { name: string; image?: string }) => ({
      name: c.name,
      image: c.image ?? '',
    }),
  ) as Array<{ name: string; image: string }>;

/** A revision to go back to: its number and its containers' images. */
export interface RollbackTarget {
  [key: string]: unknown;
  namespace: string;
  deployment: string;
  from: number;
  to: number;
  containers: Array<{ name: string; image: string }>;
}

/**
 * The revision a Deployment goes back to: the one asked for, or the newest one older
 * than the current whose images differ. Refuses, naming what is kept, when it is gone
 * (Kubernetes keeps revisionHistoryLimit of them).
 */
export async function findRollbackTarget(
  cluster: KubeCluster,
  deployment: V1Deployment,
  revision?: number,
): Promise<RollbackTarget> {
  const sets = (await cluster.replicaSetsOf(deployment)).sort(
    (a, b) => revisionOf(b) - revisionOf(a),
  );
  const name = deployment.metadata!.name!;
  if (!sets.length)
    throw new InputError(
      `revision: ${cluster.name}/${name} has no revision history`,
    );
  const current = sets[0];
  const same = (rs: V1ReplicaSet) =>
    JSON.stringify(imagesOf(rs)) === JSON.stringify(imagesOf(current));
  const kept = sets.map(revisionOf).join(', ');
  const target =
    revision === undefined
      ? sets.find(rs => revisionOf(rs) < revisionOf(current) && !same(rs))
      : sets.find(rs => revisionOf(rs) === revision);
  if (!target)
    throw new InputError(
      revision === undefined
        ? `revision: ${cluster.name}/${name} has no earlier revision with other images to roll back to (revisions kept: ${kept})`
        : `revision: ${cluster.name}/${name} has no revision ${revision} any more (revisions kept: ${kept})`,
    );
  if (target === current)
    throw new InputError(
      `revision: ${cluster.name}/${name} already runs revision ${revision}`,
    );
  return {
    namespace: deployment.metadata!.namespace!,
    deployment: name,
    from: revisionOf(current),
    to: revisionOf(target),
    containers: imagesOf(target),
  };
}
