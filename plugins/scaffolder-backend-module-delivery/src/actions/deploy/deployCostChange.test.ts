import { V1Deployment, V1Service } from '@kubernetes/client-node';
import { KubeCluster } from '../../kube/KubeCluster';
import { deployCostChange } from './deployCostChange';

const cluster = { name: 'staging' } as KubeCluster;
const GIB = 2 ** 30;

function deployment(
  name: string,
  replicas: number,
  track?: string,
  maxSurge?: string | number,
): V1Deployment {
  return {
    metadata: {
      name,
      namespace: 'shop',
      labels: track ? { 'delivery/track': track } : {},
    },
    spec: {
      replicas,
      selector: {},
      strategy: maxSurge === undefined ? {} : { rollingUpdate: { maxSurge } },
      template: {
        spec: {
          containers: [
            {
              name: 'api',
              resources: { requests: { cpu: '250m', memory: '512Mi' } },
            },
            {
              name: 'proxy',
              resources: { requests: { cpu: '50m', memory: '0.5Gi' } },
            },
          ],
        },
      },
    },
  };
}
const service = (selectsTrack: string): V1Service => ({
  metadata: { name: 'api', namespace: 'shop' },
  spec: { selector: { app: 'api', 'delivery/track': selectsTrack } },
});
const timing = {
  rolloutTimeoutSeconds: 600,
  keepPreviousSeconds: 300,
  canarySteps: [10, 50],
  canaryPauseSeconds: 60,
  pauseForPromotion: false,
};
const pod = { cluster: 'staging', cpuMillicores: 300, memoryBytes: GIB };

describe('the pods a deploy runs beside what runs now', () => {
  it("blue-green: the idle colour at the live colour's size, for the rollout and the hold", () => {
    const workloads = [
      {
        cluster,
        deployments: [
          deployment('api-blue', 4, 'blue'),
          deployment('api-green', 0, 'green'),
        ],
        services: [service('blue')],
        rollouts: [],
      },
    ];
    expect(deployCostChange('blue-green', workloads, timing)).toEqual([
      { ...pod, replicas: 4, hours: 0.25 },
    ]);
    // Paused for promotion: a day more.
    expect(
      deployCostChange('blue-green', workloads, {
        ...timing,
        pauseForPromotion: true,
      }),
    ).toEqual([{ ...pod, replicas: 4, hours: 24.25 }]);
  });

  it('canary: the canary at its highest weight through every step', () => {
    const workloads = [
      {
        cluster,
        deployments: [
          deployment('api', 6, 'stable'),
          deployment('api-canary', 0, 'canary'),
        ],
        services: [],
        rollouts: [],
      },
    ];
    // 50 % of the pods beside 6 stable ones is 6 canary pods; 600 s + 2 x 60 s.
    expect(deployCostChange('canary', workloads, timing)).toEqual([
      { ...pod, replicas: 6, hours: 0.2 },
    ]);
  });

  it("rolling: each Deployment's surge, 25 % rounded up unless it says otherwise", () => {
    const workloads = [
      {
        cluster,
        deployments: [
          deployment('api', 5),
          deployment('worker', 5, undefined, 1),
          deployment('cron', 10, undefined, '50%'),
        ],
        services: [],
        rollouts: [],
      },
    ];
    expect(deployCostChange('rolling', workloads, timing)).toEqual([
      { ...pod, replicas: 2, hours: 600 / 3600 },
      { ...pod, replicas: 1, hours: 600 / 3600 },
      { ...pod, replicas: 5, hours: 600 / 3600 },
    ]);
  });
});
