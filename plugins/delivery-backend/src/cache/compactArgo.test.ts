import { computeRollout } from '@internal/backstage-plugin-delivery-common';
import { compactPod, compactReplicaSet } from './compact';
import { compactAnalysisRun, compactRollout, setWeightOf } from './compactArgo';

/**
 * Argo Rollouts objects written in upstream's shape (argoproj/argo-rollouts,
 * pkg/apis/rollouts/v1alpha1) as its controller leaves them, compacted and derived the way
 * the cache and the card see them.
 */
const NOW = Date.parse('2026-12-07T02:00:00Z');
const ID = 'capsight-backend';
const image = (v: string) => `ghcr.io/capsight/capsight-backend:${v}`;
const STEPS = [
  { setWeight: 25 },
  { pause: {} },
  { setWeight: 50 },
  { pause: { duration: '10s' } },
  { analysis: { templates: [{ templateName: 'success-rate' }] } },
  { setWeight: 100 },
];

function rolloutObject({
  status = {},
  steps = STEPS,
  blueGreen,
}: {
  status?: Record<string, unknown>;
  steps?: unknown[];
  blueGreen?: Record<string, unknown>;
}) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: {
      name: ID,
      namespace: 'capsight',
      uid: 'ro-1',
      generation: 2,
      labels: { 'backstage.io/kubernetes-id': ID },
      creationTimestamp: '2026-12-01T00:00:00Z',
    },
    spec: {
      replicas: 4,
      selector: { matchLabels: { app: ID } },
      template: {
        metadata: { labels: { app: ID, 'backstage.io/kubernetes-id': ID } },
        spec: {
          containers: [
            {
              name: 'app',
              image: image('1.3.0'),
              resources: { requests: { cpu: '250m', memory: '256Mi' } },
              readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
            },
          ],
        },
      },
      strategy: blueGreen ? { blueGreen } : { canary: { steps } },
    },
    status: {
      observedGeneration: '2',
      replicas: 5,
      updatedReplicas: 1,
      readyReplicas: 5,
      availableReplicas: 5,
      stableRS: 'aaa111',
      currentPodHash: 'bbb222',
      ...status,
    },
  };
}

const replicaSetObject = (
  hash: string,
  revision: number,
  version: string,
  replicas: number,
) => ({
  metadata: {
    name: `${ID}-${hash}`,
    namespace: 'capsight',
    uid: `rs-${hash}`,
    labels: { 'rollouts-pod-template-hash': hash },
    annotations: { 'rollout.argoproj.io/revision': String(revision) },
    ownerReferences: [
      { kind: 'Rollout', name: ID, uid: 'ro-1', controller: true },
    ],
    creationTimestamp: `2026-12-0${revision}T00:00:00Z`,
  },
  spec: {
    replicas,
    template: {
      spec: { containers: [{ name: 'app', image: image(version) }] },
    },
  },
  status: { replicas, readyReplicas: replicas, availableReplicas: replicas },
});

const podObject = (hash: string, n: number, waiting?: string) => ({
  metadata: {
    name: `${ID}-${hash}-${n}`,
    namespace: 'capsight',
    ownerReferences: [
      { kind: 'ReplicaSet', uid: `rs-${hash}`, controller: true },
    ],
    creationTimestamp: '2026-12-07T01:00:00Z',
  },
  spec: { containers: [{ name: 'app' }] },
  status: {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: waiting ? 'False' : 'True' }],
    containerStatuses: [
      {
        name: 'app',
        ready: !waiting,
        restartCount: waiting ? 4 : 0,
        state: waiting ? { waiting: { reason: waiting } } : { running: {} },
      },
    ],
  },
});

const analysisRunObject = (
  name: string,
  phase: string,
  metricResults: unknown[] = [],
) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AnalysisRun',
  metadata: {
    name,
    namespace: 'capsight',
    labels: { 'rollouts-pod-template-hash': 'bbb222', 'rollout-type': 'Step' },
    ownerReferences: [
      { kind: 'Rollout', name: ID, uid: 'ro-1', controller: true },
    ],
    creationTimestamp: '2026-12-07T01:30:00Z',
  },
  status: { phase, metricResults },
});

const twoVersions = [
  replicaSetObject('aaa111', 1, '1.2.0', 3),
  replicaSetObject('bbb222', 2, '1.3.0', 1),
];

function derive(
  rollout: object,
  replicaSets: object[] = twoVersions,
  runs: object[] = [],
  pods: object[] = [],
) {
  const row = compactRollout(rollout, undefined, ID);
  return computeRollout(
    {
      deployments: [row],
      replicaSets: replicaSets.map(rs => compactReplicaSet(rs)),
      pods: pods.map(p => compactPod(p)),
      hpas: [],
      analysisRuns: runs.map(run => compactAnalysisRun(run)),
    },
    NOW,
  );
}

describe('set weight, as the upstream CLI computes it', () => {
  it.each([
    [0, 25],
    [1, 25],
    [2, 50],
    [4, 50],
    [5, 100],
    [6, 100],
  ])('at step index %i the set weight is %i%%', (index, weight) => {
    expect(
      setWeightOf(rolloutObject({ status: { currentStepIndex: index } })),
    ).toBe(weight);
  });

  it('is 0 once aborted and 100 without steps', () => {
    expect(
      setWeightOf(
        rolloutObject({ status: { currentStepIndex: 2, abort: true } }),
      ),
    ).toBe(0);
    expect(setWeightOf(rolloutObject({ steps: [] }))).toBe(100);
    expect(
      setWeightOf(
        rolloutObject({
          steps: [{ pause: {} }],
          status: { currentStepIndex: 0 },
        }),
      ),
    ).toBe(0);
  });
});

describe('a Rollout as the service workload', () => {
  it('keeps what the cost, DR and usage readers of Deployments read', () => {
    const row = compactRollout(rolloutObject({}), undefined, ID);
    expect(row).toMatchObject({
      name: ID,
      uid: 'ro-1',
      desired: 4,
      ready: 5,
      image: image('1.3.0'),
      generation: 2,
      observedGeneration: 2,
      cpuRequestMillicores: 250,
      probes: [{ name: 'app', livenessProbe: false, readinessProbe: true }],
    });
    expect(row.argo).toMatchObject({ strategy: 'canary', stepCount: 6 });
  });

  it('reads its ReplicaSets with their Argo revision and pod-template hash', () => {
    expect(compactReplicaSet(twoVersions[1])).toMatchObject({
      ownerUid: 'ro-1',
      revision: 2,
      podHash: 'bbb222',
    });
  });

  it('ignores an observedGeneration that is not a number (older controllers wrote a hash)', () => {
    const row = compactRollout(
      rolloutObject({ status: { observedGeneration: '7d6f9c8b5' } }),
    );
    expect(row.observedGeneration).toBeUndefined();
  });
});

describe('an Argo-run service as the card shows it', () => {
  it('paused at a canary step: step, weights, reason and both versions', () => {
    const status = derive(
      rolloutObject({
        status: {
          phase: 'Paused',
          message: 'CanaryPauseStep',
          currentStepIndex: 1,
          pauseConditions: [
            { reason: 'CanaryPauseStep', startTime: '2026-12-07T01:00:00Z' },
          ],
        },
      }),
    );
    expect(status).toMatchObject({
      state: 'paused',
      strategy: 'canary',
      progressPercent: 25,
      currentVersion: '1.3.0',
      previousVersion: '1.2.0',
      canaryWeightPercent: 25,
      argo: {
        controller: 'argo-rollouts',
        step: '1/6',
        setWeightPercent: 25,
        actualWeightPercent: 25,
        pauseReasons: ['CanaryPauseStep'],
        stableVersion: '1.2.0',
        canaryVersion: '1.3.0',
        aborted: false,
      },
    });
    expect(status.summary).toContain('paused at step 1/6 (CanaryPauseStep)');
    expect(status.revisions.map(r => r.version)).toEqual(['1.3.0', '1.2.0']);
  });

  it('aborted by a failed analysis: the failed metric, and stable still serving', () => {
    const status = derive(
      rolloutObject({
        status: {
          phase: 'Degraded',
          message:
            'RolloutAborted: Rollout aborted update to revision 2: Metric "success-rate" assessed Failed due to failed (1) > failureLimit (0)',
          currentStepIndex: 4,
          abort: true,
          abortedAt: '2026-12-07T01:40:00Z',
          updatedReplicas: 0,
          canary: {
            currentStepAnalysisRunStatus: {
              name: `${ID}-bbb222-2-4`,
              status: 'Failed',
            },
          },
        },
      }),
      [
        replicaSetObject('aaa111', 1, '1.2.0', 4),
        replicaSetObject('bbb222', 2, '1.3.0', 0),
      ],
      [
        analysisRunObject(`${ID}-bbb222-2-4`, 'Failed', [
          {
            name: 'success-rate',
            phase: 'Failed',
            failed: 1,
            successful: 0,
            measurements: [
              {
                phase: 'Failed',
                value: '0.62',
                message: 'success rate 0.62 < 0.95',
              },
            ],
          },
        ]),
      ],
    );
    expect(status.state).toBe('aborted');
    expect(status.argo).toMatchObject({
      aborted: true,
      setWeightPercent: 0,
      actualWeightPercent: 0,
      stableVersion: '1.2.0',
      analysis: {
        name: `${ID}-bbb222-2-4`,
        phase: 'Failed',
        failedMetric: {
          name: 'success-rate',
          message: 'success rate 0.62 < 0.95',
        },
      },
    });
    expect(status.summary).toContain('1.2.0 keeps serving');
    expect(status.summary).toContain('success-rate');
  });

  it('healthy after the last step: complete at 100%', () => {
    const status = derive(
      rolloutObject({
        status: {
          phase: 'Healthy',
          currentStepIndex: 6,
          stableRS: 'bbb222',
          currentPodHash: 'bbb222',
          replicas: 4,
          updatedReplicas: 4,
          readyReplicas: 4,
          availableReplicas: 4,
        },
      }),
      [
        replicaSetObject('aaa111', 1, '1.2.0', 0),
        replicaSetObject('bbb222', 2, '1.3.0', 4),
      ],
      [analysisRunObject(`${ID}-bbb222-2-4`, 'Successful')],
    );
    expect(status).toMatchObject({
      state: 'complete',
      progressPercent: 100,
      currentVersion: '1.3.0',
      argo: {
        step: '6/6',
        setWeightPercent: 100,
        actualWeightPercent: 100,
        stableVersion: '1.3.0',
        canaryVersion: undefined,
        analysis: { phase: 'Successful' },
      },
    });
    expect(status.canaryWeightPercent).toBeUndefined();
  });

  it('progressing with canary pods in a crash loop: failing, and why', () => {
    const status = derive(
      rolloutObject({
        status: { phase: 'Progressing', currentStepIndex: 0 },
      }),
      twoVersions,
      [],
      [podObject('aaa111', 1), podObject('bbb222', 1, 'CrashLoopBackOff')],
    );
    expect(status.state).toBe('failing');
    expect(status.problems).toEqual([
      expect.objectContaining({
        pod: `${ID}-bbb222-1`,
        reason: 'CrashLoopBackOff',
      }),
    ]);
  });

  it('blue-green waiting for promotion: preview and active versions', () => {
    const status = derive(
      rolloutObject({
        blueGreen: {
          activeService: `${ID}-active`,
          previewService: `${ID}-preview`,
          autoPromotionEnabled: false,
        },
        status: {
          phase: 'Paused',
          pauseConditions: [{ reason: 'BlueGreenPause' }],
          blueGreen: { activeSelector: 'aaa111', previewSelector: 'bbb222' },
        },
      }),
    );
    expect(status).toMatchObject({
      state: 'paused',
      strategy: 'blue-green',
      argo: {
        strategy: 'blueGreen',
        step: undefined,
        stableVersion: '1.2.0',
        canaryVersion: '1.3.0',
        pauseReasons: ['BlueGreenPause'],
      },
    });
  });
});

describe('AnalysisRuns', () => {
  it('keep their owner Rollout, phase and failed metrics only', () => {
    const run = compactAnalysisRun(
      analysisRunObject('r', 'Failed', [
        { name: 'latency', phase: 'Successful', successful: 3 },
        { name: 'errors', phase: 'Error', message: 'prometheus unreachable' },
      ]),
    );
    expect(run).toMatchObject({
      ownerUid: 'ro-1',
      phase: 'Failed',
      podHash: 'bbb222',
      type: 'Step',
      failedMetrics: [
        { name: 'errors', phase: 'Error', message: 'prometheus unreachable' },
      ],
    });
  });
});
