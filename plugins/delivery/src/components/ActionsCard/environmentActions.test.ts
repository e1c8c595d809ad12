import {
  ClusterSnapshot,
  RolloutStatus,
} from '@internal/backstage-plugin-delivery-common';
import { environmentActions } from './environmentActions';

const cluster = (
  name: string,
  environment: string,
  role: ClusterSnapshot['role'] = 'primary',
): ClusterSnapshot => ({
  name,
  environment,
  role,
  sandbox: false,
  state: 'ok',
});

const rollout = (image?: string): RolloutStatus => ({
  state: image ? 'complete' : 'not-deployed',
  summary: '',
  strategy: 'rolling',
  desired: 1,
  updated: 1,
  ready: 1,
  available: 1,
  progressPercent: 100,
  currentImage: image,
  currentVersion: image?.split(':')[1],
  problems: [],
  revisions: [],
});

describe('environmentActions', () => {
  const rollouts = {
    entityRef: 'component:default/a',
    clusters: [
      { cluster: cluster('prod-us', 'production'), rollout: rollout('a:2') },
      { cluster: cluster('prod-eu', 'production'), rollout: rollout('a:2') },
      {
        cluster: cluster('prod-dr', 'production', 'dr'),
        rollout: rollout('a:1'),
      },
      { cluster: cluster('staging', 'staging'), rollout: rollout() },
      { cluster: cluster('other', 'sandbox'), rollout: rollout('a:9') },
    ],
  };

  it('groups clusters by version in cluster order, and starts a deploy from the primary image', () => {
    const [production, staging] = environmentActions(
      ['production', 'staging'],
      rollouts,
      {
        status: 'ok',
        environments: [
          { name: 'staging', production: false },
          { name: 'production', production: true },
        ],
        clusters: [],
      },
    );
    expect(production).toEqual({
      name: 'production',
      production: true,
      configured: true,
      versions: [
        { version: '2', image: 'a:2', clusters: ['prod-us', 'prod-eu'] },
        { version: '1', image: 'a:1', clusters: ['prod-dr'] },
      ],
      image: 'a:2',
      drCluster: false,
      argo: false,
    });
    expect(staging).toEqual({
      name: 'staging',
      production: false,
      configured: true,
      versions: [],
      image: undefined,
      drCluster: false,
      argo: false,
    });
  });

  it("starts a scale from the primary clusters' autoscaler bounds only when they agree", () => {
    const hpa = (min: number, max: number) => ({
      namespace: 'a',
      name: 'a',
      targetName: 'a',
      min,
      max,
      current: min,
      desired: min,
    });
    const withHpas = (
      us: ReturnType<typeof hpa> | undefined,
      eu: ReturnType<typeof hpa> | undefined,
    ) => ({
      entityRef: 'component:default/a',
      clusters: [
        {
          cluster: cluster('prod-us', 'production'),
          rollout: { ...rollout('a:2'), hpa: us },
        },
        {
          cluster: cluster('prod-eu', 'production'),
          rollout: { ...rollout('a:2'), hpa: eu },
        },
        {
          cluster: cluster('prod-dr', 'production', 'dr'),
          rollout: { ...rollout('a:2'), hpa: hpa(1, 1) },
        },
      ],
    });
    const bounds = (r: ReturnType<typeof withHpas>) =>
      environmentActions(['production'], r)[0].hpa;
    expect(bounds(withHpas(hpa(2, 6), hpa(2, 6)))).toEqual({ min: 2, max: 6 });
    expect(bounds(withHpas(hpa(2, 6), hpa(3, 6)))).toBeUndefined();
    expect(bounds(withHpas(hpa(2, 6), undefined))).toBeUndefined();
  });

  it('knows an environment has a DR cluster from the backend health', () => {
    const [production, staging] = environmentActions(
      ['production', 'staging'],
      rollouts,
      {
        status: 'ok',
        environments: [
          { name: 'staging', production: false },
          { name: 'production', production: true },
        ],
        clusters: [
          {
            name: 'prod-us',
            environment: 'production',
            role: 'primary',
            sandbox: false,
          },
          {
            name: 'prod-dr',
            environment: 'production',
            role: 'dr',
            sandbox: false,
          },
          {
            name: 'staging',
            environment: 'staging',
            role: 'primary',
            sandbox: false,
          },
        ],
      },
    );
    expect(production.drCluster).toBe(true);
    expect(staging.drCluster).toBe(false);
    expect(environmentActions(['production'], rollouts)[0].drCluster).toBe(
      false,
    );
  });

  it('does not know production, and assumes configured, without the backend health', () => {
    const [row] = environmentActions(['qa'], rollouts);
    expect(row.production).toBeUndefined();
    expect(row.configured).toBe(true);
  });
});
