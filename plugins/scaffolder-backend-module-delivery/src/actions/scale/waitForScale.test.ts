import { mockServices } from '@backstage/backend-test-utils';
import {
  V1Deployment,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { KubeCluster } from '../../kube/KubeCluster';
import { DeployStep } from '../../workloads/DeployStep';
import { ScaleTarget } from './scalePlan';
import { waitForScale } from './waitForScale';

const target: ScaleTarget = {
  cluster: 'staging',
  namespace: 'shop',
  deployment: 'api',
  replicas: 1,
  change: {
    kind: 'autoscaler',
    autoscaler: 'api',
    from: { minReplicas: 1, maxReplicas: 3 },
    to: { minReplicas: 2, maxReplicas: 4 },
  },
};

/** A Deployment that is complete at `replicas`, whatever its autoscaler says. */
const settled = (replicas: number): V1Deployment => ({
  metadata: { name: 'api', namespace: 'shop', generation: 1 },
  spec: { replicas, selector: { matchLabels: { app: 'api' } }, template: {} },
  status: {
    observedGeneration: 1,
    replicas,
    updatedReplicas: replicas,
    availableReplicas: replicas,
  },
});

const step = (): DeployStep => ({
  logger: mockServices.logger.mock(),
  checkpoint: (_key, fn) => fn(),
  rolloutTimeoutMs: 1000,
  pollMs: 10,
});

/** A cluster whose Deployment reads as `sizes` in turn (the last one from then on). */
function cluster(sizes: number[], autoscaler?: V2HorizontalPodAutoscaler) {
  let reads = 0;
  return {
    name: 'staging',
    readDeployment: async () =>
      settled(sizes[Math.min(reads++, sizes.length - 1)]),
    autoscalersIn: async () => (autoscaler ? [autoscaler] : []),
    podsMatching: async () => [],
  } as unknown as KubeCluster;
}

describe('waitForScale', () => {
  it('waits for the autoscaler to bring the Deployment into its new bounds, not just for a complete rollout', async () => {
    const now = await waitForScale(cluster([1, 1, 1, 2]), target, step());
    expect(now.spec?.replicas).toBe(2);
    expect(now.status?.availableReplicas).toBe(2);
  });

  it('fails after the rollout timeout with what the autoscaler says about why', async () => {
    const hpa: V2HorizontalPodAutoscaler = {
      metadata: { name: 'api', namespace: 'shop' },
      spec: {
        scaleTargetRef: { kind: 'Deployment', name: 'api' },
        maxReplicas: 4,
      },
      status: {
        desiredReplicas: 1,
        conditions: [
          { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale' },
          {
            type: 'ScalingActive',
            status: 'False',
            reason: 'FailedGetResourceMetric',
            message: 'unable to get metrics for resource cpu',
          },
          {
            type: 'ScalingLimited',
            status: 'False',
            reason: 'DesiredWithinRange',
          },
        ],
      },
    };
    await expect(
      waitForScale(cluster([1], hpa), target, step()),
    ).rejects.toThrow(
      'staging/api: still at 1 replicas after 1s, outside the 2–4 of the HorizontalPodAutoscaler api; the HorizontalPodAutoscaler says ScalingActive: unable to get metrics for resource cpu',
    );
  });
});
