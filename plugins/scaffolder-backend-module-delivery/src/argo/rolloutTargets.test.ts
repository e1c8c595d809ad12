import { canaryRollout } from '../__testUtils__/argoRollouts';
import { KubeCluster } from '../kube/KubeCluster';
import { ClusterWorkloads } from '../workloads/snapshot';
import { rolloutTargetsOf } from './rolloutTargets';

const cluster = (name: string) => ({ name } as unknown as KubeCluster);
const workloads = (
  name: string,
  rollouts: ClusterWorkloads['rollouts'],
): ClusterWorkloads => ({
  cluster: cluster(name),
  deployments: [],
  services: [],
  rollouts,
});

describe('which Rollouts an action acts on', () => {
  it('none where no Rollout carries the service label: Delivery runs it', () => {
    expect(rolloutTargetsOf([workloads('production', [])])).toBeUndefined();
  });

  it('every Rollout of every cluster where Rollouts run it', () => {
    const targets = rolloutTargetsOf([
      workloads('staging-east', [canaryRollout()]),
      workloads('staging-west', [canaryRollout()]),
    ]);
    expect(targets?.map(t => t.cluster.name)).toEqual([
      'staging-east',
      'staging-west',
    ]);
  });

  it('refuses an environment run by a Rollout in one cluster and Deployments in another', () => {
    expect(() =>
      rolloutTargetsOf([
        workloads('staging-east', [canaryRollout()]),
        workloads('staging-west', []),
      ]),
    ).toThrow(
      'environment: Argo Rollouts run the service in staging-east (capsight/capsight-backend) but Deployments in staging-west; move every cluster of the environment to one or the other before acting on it',
    );
  });
});
