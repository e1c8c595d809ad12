import { computeRollout } from './computeRollout';
import {
  CompactAnalysisRun,
  CompactArgoRollout,
  CompactDeployment,
  CompactReplicaSet,
} from './types';

const NOW = Date.parse('2026-12-07T02:00:00Z');
const imageOf = (v: string) => `ghcr.io/capsight/capsight-backend:${v}`;

function argo(overrides: Partial<CompactArgoRollout> = {}): CompactArgoRollout {
  return {
    strategy: 'canary',
    phase: 'Progressing',
    currentStepIndex: 2,
    stepCount: 6,
    setWeight: 50,
    trafficRouting: false,
    stableHash: 'old',
    currentHash: 'new',
    pauseReasons: [],
    controllerPause: false,
    aborted: false,
    currentAnalysisRuns: [],
    ...overrides,
  };
}

function rollout(
  overrides: Partial<CompactArgoRollout> = {},
): CompactDeployment {
  return {
    namespace: 'capsight',
    name: 'capsight-backend',
    uid: 'ro',
    generation: 2,
    observedGeneration: 2,
    desired: 4,
    paused: false,
    strategyType: 'RollingUpdate',
    image: imageOf('1.3.0'),
    replicas: 4,
    updated: 2,
    ready: 4,
    available: 4,
    conditions: [],
    createdAt: '2026-12-01T00:00:00Z',
    argo: argo(overrides),
  };
}

const replicaSet = (
  hash: string,
  version: string,
  ready: number,
  revision: number,
): CompactReplicaSet => ({
  namespace: 'capsight',
  name: `capsight-backend-${hash}`,
  uid: `rs-${hash}`,
  ownerUid: 'ro',
  revision,
  podHash: hash,
  image: imageOf(version),
  desired: ready,
  ready,
  createdAt: `2026-12-0${revision}T00:00:00Z`,
});

const run = (
  name: string,
  phase: string,
  createdAt: string,
  failedMetrics: CompactAnalysisRun['failedMetrics'] = [],
): CompactAnalysisRun => ({
  namespace: 'capsight',
  name,
  ownerUid: 'ro',
  phase,
  podHash: 'new',
  failedMetrics,
  createdAt,
});

const replicaSets = [
  replicaSet('old', '1.2.0', 2, 1),
  replicaSet('new', '1.3.0', 2, 2),
];

describe('computeRollout for a service an Argo Rollout runs', () => {
  it('derives from the Rollout when a Deployment of the service is still there', () => {
    const leftover: CompactDeployment = {
      ...rollout(),
      name: 'capsight-backend-old',
      uid: 'dep',
      image: imageOf('1.1.0'),
      argo: undefined,
    };
    const status = computeRollout(
      { deployments: [leftover, rollout()], replicaSets, pods: [], hpas: [] },
      NOW,
    );
    expect(status).toMatchObject({
      state: 'progressing',
      currentVersion: '1.3.0',
      argo: { name: 'capsight-backend', step: '2/6' },
    });
    expect(status.summary).toBe(
      'canary 1.3.0 at step 2/6, weight 50% (actual 50%)',
    );
  });

  it('takes the set weight as the actual one under traffic routing', () => {
    const status = computeRollout(
      {
        deployments: [rollout({ setWeight: 30, trafficRouting: true })],
        replicaSets,
        pods: [],
        hpas: [],
      },
      NOW,
    );
    expect(status.argo).toMatchObject({
      setWeightPercent: 30,
      actualWeightPercent: 30,
    });
    expect(status.progressPercent).toBe(30);
  });

  it('shows the run the Rollout names as current, a failed one first', () => {
    const status = computeRollout(
      {
        deployments: [
          rollout({
            phase: 'Degraded',
            message: 'Metric "errors" assessed Error',
            currentAnalysisRuns: [
              { name: 'background', status: 'Running' },
              { name: 'step', status: 'Error' },
            ],
          }),
        ],
        replicaSets,
        pods: [],
        hpas: [],
        analysisRuns: [
          run('background', 'Running', '2026-12-07T01:00:00Z'),
          run('step', 'Error', '2026-12-07T00:00:00Z', [
            { name: 'errors', phase: 'Error', message: 'no data' },
          ]),
          run('newer', 'Successful', '2026-12-07T01:50:00Z'),
        ],
      },
      NOW,
    );
    expect(status.state).toBe('failing');
    expect(status.argo?.analysis).toEqual({
      name: 'step',
      phase: 'Error',
      message: undefined,
      failedMetric: { name: 'errors', phase: 'Error', message: 'no data' },
    });
    expect(status.summary).toBe(
      'rollout of 1.3.0 is degraded: analysis step Error (errors: no data)',
    );
  });

  it('falls back to the newest run of the current version', () => {
    const status = computeRollout(
      {
        deployments: [rollout()],
        replicaSets,
        pods: [],
        hpas: [],
        analysisRuns: [
          run('first', 'Successful', '2026-12-07T00:00:00Z'),
          run('second', 'Running', '2026-12-07T01:00:00Z'),
        ],
      },
      NOW,
    );
    expect(status.argo?.analysis).toMatchObject({
      name: 'second',
      phase: 'Running',
    });
  });

  it('is progressing, not complete, while the controller has not seen the new spec', () => {
    const status = computeRollout(
      {
        deployments: [
          {
            ...rollout({ phase: 'Healthy', currentStepIndex: 6 }),
            generation: 3,
          },
        ],
        replicaSets,
        pods: [],
        hpas: [],
      },
      NOW,
    );
    expect(status.state).toBe('progressing');
  });
});
