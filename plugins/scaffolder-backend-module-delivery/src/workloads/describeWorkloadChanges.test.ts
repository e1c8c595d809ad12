import { describeWorkloadChanges } from './describeWorkloadChanges';

const deployment = (
  name: string,
  image: string,
  replicas: number,
  track?: string,
) => ({
  namespace: 'propertyos',
  name,
  ...(track ? { track } : {}),
  image,
  replicas,
  ready: replicas,
});

describe('describeWorkloadChanges', () => {
  it('says per changed Deployment what changed where, in one line', () => {
    const before = {
      clusters: [
        {
          cluster: 'staging-east',
          deployments: [
            deployment('api', 'ghcr.io/acme/api:1.0.0', 2),
            deployment('worker', 'ghcr.io/acme/worker:1.0.0', 1),
          ],
          selects: [],
          services: [],
        },
      ],
    };
    const after = {
      clusters: [
        {
          cluster: 'staging-east',
          deployments: [
            { ...deployment('api', 'ghcr.io/acme/api:1.1.0', 3), ready: 1 },
            // Only readiness moved: the cluster's doing, not a change of the run.
            {
              ...deployment('worker', 'ghcr.io/acme/worker:1.0.0', 1),
              ready: 0,
            },
          ],
          selects: [],
          services: [],
        },
      ],
    };
    expect(describeWorkloadChanges(before, after)).toEqual([
      'staging-east/propertyos/Deployment/api: image ghcr.io/acme/api:1.0.0 → ghcr.io/acme/api:1.1.0, replicas 2 → 3',
    ]);
  });

  it('names a blue-green switch, the colour created and the colour deleted, in every cluster', () => {
    const state = (
      cluster: string,
      deployments: ReturnType<typeof deployment>[],
      selects: string,
    ) => ({
      cluster,
      deployments,
      selects: [selects],
      services: [{ namespace: 'propertyos', name: 'api', selects }],
    });
    const before = {
      clusters: ['prod-a', 'prod-b'].map(c =>
        state(c, [deployment('api-blue', 'api:1', 3, 'blue')], 'blue'),
      ),
    };
    const after = {
      clusters: ['prod-a', 'prod-b'].map(c =>
        state(c, [deployment('api-green', 'api:2', 3, 'green')], 'green'),
      ),
    };
    expect(describeWorkloadChanges(before, after)).toEqual([
      'prod-a/propertyos/Deployment/api-green: created (image api:2, replicas 3, track green)',
      'prod-a/propertyos/Deployment/api-blue: deleted (was image api:1, replicas 3, track blue)',
      'prod-a/propertyos/Service/api: selects blue → green',
      'prod-b/propertyos/Deployment/api-green: created (image api:2, replicas 3, track green)',
      'prod-b/propertyos/Deployment/api-blue: deleted (was image api:1, replicas 3, track blue)',
      'prod-b/propertyos/Service/api: selects blue → green',
    ]);
  });

  it('gives no lines when nothing changed, or when a state is not a workload snapshot', () => {
    const same = {
      clusters: [
        {
          cluster: 'staging',
          deployments: [deployment('api', 'api:1', 2)],
          selects: [],
        },
      ],
    };
    expect(describeWorkloadChanges(same, same)).toEqual([]);
    expect(describeWorkloadChanges(undefined, same)).toEqual([]);
    expect(
      describeWorkloadChanges(same, { mode: 'drill', steps: [], state: {} }),
    ).toEqual([]);
  });

  it('says how an Argo Rollout moved: its image and where its update stands', () => {
    const rollout = (image: string, state: string) => ({
      clusters: [
        {
          cluster: 'staging',
          deployments: [],
          selects: [],
          rollouts: [
            {
              namespace: 'capsight',
              name: 'capsight-backend',
              image,
              replicas: 4,
              ready: 4,
              state,
            },
          ],
        },
      ],
    });
    expect(
      describeWorkloadChanges(
        rollout('api:1', 'step 1/6 (weight 25, paused)'),
        rollout('api:1', 'step 3/6 (weight 50, paused)'),
      ),
    ).toEqual([
      'staging/capsight/Rollout/capsight-backend: state step 1/6 (weight 25, paused) → step 3/6 (weight 50, paused)',
    ]);
    expect(
      describeWorkloadChanges(
        rollout('api:1', 'healthy'),
        rollout('api:2', 'step 1/6 (weight 25, paused)'),
      ),
    ).toEqual([
      'staging/capsight/Rollout/capsight-backend: image api:1 → api:2, state healthy → step 1/6 (weight 25, paused)',
    ]);
  });
});
