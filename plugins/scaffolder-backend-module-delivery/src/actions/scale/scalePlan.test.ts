import {
  V1Deployment,
  V1Service,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { KubeCluster } from '../../kube/KubeCluster';
import { planScale } from './scalePlan';
import { ScaleRequest } from './scaleRequest';
import { servingDeployments } from './servingDeployments';

function deployment(name: string, replicas: number, track?: string) {
  return {
    metadata: {
      name,
      namespace: 'shop',
      labels: track ? { 'delivery/track': track } : {},
    },
    spec: { replicas, selector: {}, template: {} },
  } as V1Deployment;
}

function autoscaler(
  name: string,
  target: string,
  minReplicas: number,
  maxReplicas: number,
): V2HorizontalPodAutoscaler {
  return {
    metadata: { name, namespace: 'shop' },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: target,
      },
      minReplicas,
      maxReplicas,
    },
  };
}

const api = deployment('api', 3);
const worker = deployment('worker', 1);
const apiHpa = autoscaler('api', 'api', 2, 4);

const plan = (
  request: ScaleRequest,
  clusters = [
    { cluster: 'staging', deployments: [api], autoscalers: [apiHpa] },
  ],
) => planScale(clusters, request).map(p => p.target);

describe('planScale', () => {
  it('sets the bounds of the autoscaler that targets the Deployment, keeping a bound left out', () => {
    expect(plan({ maxReplicas: 6 })).toEqual([
      {
        cluster: 'staging',
        namespace: 'shop',
        deployment: 'api',
        replicas: 3,
        change: {
          kind: 'autoscaler',
          autoscaler: 'api',
          from: { minReplicas: 2, maxReplicas: 4 },
          to: { minReplicas: 2, maxReplicas: 6 },
        },
      },
    ]);
  });

  it('sets the replicas of a Deployment that no autoscaler targets', () => {
    // An autoscaler of another kind of workload, or of another Deployment, is not its own.
    const other = autoscaler('api', 'api-canary', 1, 2);
    other.spec!.scaleTargetRef.kind = 'StatefulSet';
    expect(
      plan({ replicas: 0 }, [
        {
          cluster: 'staging',
          deployments: [worker],
          autoscalers: [other, autoscaler('x', 'api', 1, 2)],
        },
      ]),
    ).toEqual([
      expect.objectContaining({
        deployment: 'worker',
        replicas: 1,
        change: { kind: 'replicas', to: 0 },
      }),
    ]);
  });

  it('gives each Deployment the numbers that fit it when a service has both kinds', () => {
    const targets = plan({ replicas: 2, minReplicas: 3 }, [
      { cluster: 'staging', deployments: [api, worker], autoscalers: [apiHpa] },
    ]);
    expect(targets.map(t => t.change)).toEqual([
      expect.objectContaining({ to: { minReplicas: 3, maxReplicas: 4 } }),
      { kind: 'replicas', to: 2 },
    ]);
  });

  it.each([
    [
      {},
      /^replicas: set replicas \(for a Deployment without a HorizontalPodAutoscaler\), or minReplicas and\/or maxReplicas/,
    ],
    [
      { minReplicas: 5, maxReplicas: 4 },
      /^minReplicas: 5 is above maxReplicas 4$/,
    ],
    [
      { replicas: 5 },
      /^replicas: api in staging is scaled by the HorizontalPodAutoscaler api; set minReplicas\/maxReplicas$/,
    ],
    [
      { minReplicas: 5 },
      /^minReplicas: 5 is above the HPA's maxReplicas 4 \(HorizontalPodAutoscaler api in staging\); set maxReplicas too$/,
    ],
    [
      { maxReplicas: 1 },
      /^maxReplicas: 1 is below the HPA's minReplicas 2 \(HorizontalPodAutoscaler api in staging\); set minReplicas too$/,
    ],
  ] as Array<[ScaleRequest, RegExp]>)(
    'refuses %j naming the field',
    (request, message) => {
      expect(() => plan(request)).toThrow(message);
    },
  );

  it('refuses bounds for a Deployment without an autoscaler, and a number that fits no Deployment', () => {
    const noHpa = [
      { cluster: 'staging', deployments: [worker], autoscalers: [] },
    ];
    expect(() => plan({ maxReplicas: 3 }, noHpa)).toThrow(
      /^maxReplicas: worker in staging has no HorizontalPodAutoscaler; set replicas$/,
    );
    // Each Deployment is satisfied, but replicas would be dropped without a word.
    expect(() => plan({ replicas: 3, minReplicas: 2 })).toThrow(
      /^replicas: api in staging is scaled by the HorizontalPodAutoscaler api/,
    );
    expect(() => plan({ replicas: 3, minReplicas: 2 }, noHpa)).toThrow(
      /^minReplicas: worker in staging has no HorizontalPodAutoscaler; set replicas$/,
    );
  });

  it('checks every cluster: one that refuses fails the whole plan', () => {
    expect(() =>
      plan({ minReplicas: 4 }, [
        { cluster: 'staging', deployments: [api], autoscalers: [apiHpa] },
        {
          cluster: 'staging-eu',
          deployments: [api],
          autoscalers: [autoscaler('api', 'api', 1, 3)],
        },
      ]),
    ).toThrow(
      /^minReplicas: 4 is above the HPA's maxReplicas 3 \(HorizontalPodAutoscaler api in staging-eu\)/,
    );
  });

  it('refuses new bounds for a Deployment at zero, whose autoscaler is off', () => {
    expect(() =>
      plan({ minReplicas: 2 }, [
        {
          cluster: 'staging',
          deployments: [deployment('api', 0)],
          autoscalers: [apiHpa],
        },
      ]),
    ).toThrow(
      /^minReplicas: api in staging is at 0 replicas, which turns the HorizontalPodAutoscaler api off/,
    );
  });

  it('refuses a Deployment that two autoscalers target', () => {
    expect(() =>
      plan({ minReplicas: 2 }, [
        {
          cluster: 'staging',
          deployments: [api],
          autoscalers: [apiHpa, autoscaler('api-2', 'api', 1, 2)],
        },
      ]),
    ).toThrow(
      /^environment: api in staging is the target of 2 HorizontalPodAutoscalers \(api, api-2\)/,
    );
  });
});

describe('servingDeployments', () => {
  const cluster = { name: 'staging' } as KubeCluster;
  const selecting = (track: string): V1Service => ({
    metadata: { name: 'api', namespace: 'shop' },
    spec: { selector: { app: 'api', 'delivery/track': track } },
  });

  it('is every Deployment for rolling', () => {
    expect(
      servingDeployments('rolling', {
        cluster,
        deployments: [api, worker],
        services: [],
        rollouts: [],
      }),
    ).toEqual([api, worker]);
  });

  it('is the colour the Service selects for blue-green', () => {
    const blue = deployment('api-blue', 3, 'blue');
    const green = deployment('api-green', 0, 'green');
    expect(
      servingDeployments('blue-green', {
        cluster,
        deployments: [blue, green],
        services: [selecting('green')],
        rollouts: [],
      }),
    ).toEqual([green]);
  });

  it('is stable for canary', () => {
    const stable = deployment('api', 3, 'stable');
    const canary = deployment('api-canary', 1, 'canary');
    expect(
      servingDeployments('canary', {
        cluster,
        deployments: [canary, stable],
        services: [selecting('stable')],
        rollouts: [],
      }),
    ).toEqual([stable]);
  });
});
