import { versionOfImage } from './images';
import { CompactReplicaSet } from './types';

/** One ReplicaSet revision of the service's primary Deployment or Argo Rollout. @public */
export interface RolloutRevision {
  revision: number;
  image: string;
  version: string;
  replicas: number;
  createdAt: string;
}

/** The ReplicaSets a Deployment or Rollout owns, newest revision first. @public */
export function revisionsOf(
  owner: { uid: string },
  replicaSets: CompactReplicaSet[],
): RolloutRevision[] {
  return replicaSets
    .filter(rs => rs.ownerUid === owner.uid)
    .sort((a, b) => b.revision - a.revision)
    .map(rs => ({
      revision: rs.revision,
      image: rs.image,
      version: versionOfImage(rs.image),
      replicas: rs.desired,
      createdAt: rs.createdAt,
    }));
}
