import { V1Deployment } from '@kubernetes/client-node';
import { podsAfter, scaleCostChange } from './scaleCostChange';
import { PlannedScale, ScaleChange } from './scalePlan';

const GIB = 2 ** 30;

function deployment(replicas: number): V1Deployment {
  return {
    metadata: { name: 'api', namespace: 'shop' },
    spec: {
      replicas,
      selector: {},
      template: {
        spec: {
          containers: [
            {
              name: 'api',
              resources: { requests: { cpu: '250m', memory: '512Mi' } },
            },
            {
              name: 'proxy',
              resources: { requests: { cpu: '0.05', memory: '0.5Gi' } },
            },
          ],
        },
      },
    },
  };
}

function planned(
  cluster: string,
  replicas: number,
  change: ScaleChange,
): PlannedScale {
  return {
    target: {
      cluster,
      namespace: 'shop',
      deployment: 'api',
      replicas,
      change,
    },
    deployment: deployment(replicas),
  };
}

const hpa = (from: [number, number], to: [number, number]): ScaleChange => ({
  kind: 'autoscaler',
  autoscaler: 'api',
  from: { minReplicas: from[0], maxReplicas: from[1] },
  to: { minReplicas: to[0], maxReplicas: to[1] },
});

/** One pod of `deployment`: 250m + 50m CPU, 512Mi + 0.5Gi memory. */
const pod = { cpuMillicores: 300, memoryBytes: GIB };

describe('the pods a scale adds or removes', () => {
  it('without an autoscaler: the replicas asked for minus those running', () => {
    expect(
      scaleCostChange([
        planned('staging', 2, { kind: 'replicas', to: 5 }),
        planned('staging-eu', 4, { kind: 'replicas', to: 1 }),
      ]),
    ).toEqual([
      { cluster: 'staging', ...pod, replicas: 3 },
      { cluster: 'staging-eu', ...pod, replicas: -3 },
    ]);
  });

  it.each([
    [
      'a minimum raised above the replicas pulls them up to it',
      2,
      [1, 4],
      [5, 8],
      3,
    ],
    [
      'a maximum lowered below the replicas pulls them down to it',
      6,
      [2, 8],
      [2, 4],
      -2,
    ],
    [
      'bounds that already hold the replicas change nothing',
      3,
      [2, 4],
      [1, 6],
      0,
    ],
    ['a minimum raised to the replicas changes nothing', 3, [1, 4], [3, 4], 0],
  ] as const)('under an autoscaler: %s', (_, replicas, from, to, added) => {
    const [change] = scaleCostChange([
      planned('staging', replicas, hpa([...from], [...to])),
    ]);
    expect(change).toEqual({ cluster: 'staging', ...pod, replicas: added });
    // A scale stays: it changes the run rate, it is not priced for a while.
    expect(change).not.toHaveProperty('hours');
  });

  it('counts a pod without requests as free rather than failing', () => {
    const bare = planned('staging', 1, { kind: 'replicas', to: 2 });
    bare.deployment.spec!.template.spec!.containers = [{ name: 'api' }];
    expect(scaleCostChange([bare])).toEqual([
      { cluster: 'staging', cpuMillicores: 0, memoryBytes: 0, replicas: 1 },
    ]);
  });
});

describe('podsAfter', () => {
  it('is the replicas asked for, or the replicas running now within the new bounds', () => {
    const target = (replicas: number, change: ScaleChange) =>
      planned('staging', replicas, change).target;
    expect(podsAfter(target(1, { kind: 'replicas', to: 0 }))).toBe(0);
    expect(podsAfter(target(1, hpa([1, 3], [2, 6])))).toBe(2);
    expect(podsAfter(target(9, hpa([1, 12], [1, 6])))).toBe(6);
    expect(podsAfter(target(4, hpa([1, 12], [1, 6])))).toBe(4);
  });
});
