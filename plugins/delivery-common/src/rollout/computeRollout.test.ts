import { computeRollout } from './computeRollout';
import { versionOfImage } from './images';
import {
  CompactDeployment,
  CompactPod,
  CompactReplicaSet,
  ServiceWorkloads,
} from './types';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const imageOf = (v: string) => `ghcr.io/acme/payments:${v}`;

function deployment(
  overrides: Partial<CompactDeployment> = {},
): CompactDeployment {
  return {
    namespace: 'payments',
    name: 'payments',
    uid: 'd1',
    generation: 3,
    observedGeneration: 3,
    desired: 4,
    paused: false,
    strategyType: 'RollingUpdate',
    image: imageOf('1.4.0'),
    replicas: 4,
    updated: 4,
    ready: 4,
    available: 4,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        lastUpdateTime: '2026-11-23T10:00:00Z',
      },
    ],
    createdAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

function replicaSet(
  revision: number,
  version: string,
  desired: number,
  owner = 'd1',
): CompactReplicaSet {
  return {
    namespace: 'payments',
    name: `payments-${revision}`,
    uid: `${owner}-rs${revision}`,
    ownerUid: owner,
    revision,
    image: imageOf(version),
    desired,
    ready: desired,
    createdAt: `2026-11-${10 + revision}T00:00:00Z`,
  };
}

function pod(
  name: string,
  owner: string,
  container: Partial<CompactPod['containers'][0]> = {},
  phase = 'Running',
): CompactPod {
  return {
    namespace: 'payments',
    name,
    ownerUid: owner,
    phase,
    ready: container.ready ?? true,
    createdAt: '2026-11-23T11:00:00Z',
    containers: [{ name: 'payments', ready: true, restarts: 0, ...container }],
  };
}

const workloads = (w: Partial<ServiceWorkloads>): ServiceWorkloads => ({
  deployments: [],
  replicaSets: [],
  pods: [],
  hpas: [],
  ...w,
});

describe('computeRollout', () => {
  it('is complete when every replica runs the current version', () => {
    const status = computeRollout(
      workloads({
        deployments: [deployment()],
        replicaSets: [
          replicaSet(2, '1.3.0', 0),
          replicaSet(3, '1.4.0', 4),
          replicaSet(1, '1.2.0', 0),
        ],
        hpas: [
          {
            namespace: 'payments',
            name: 'payments',
            targetName: 'payments',
            min: 2,
            max: 12,
            current: 4,
            desired: 4,
            cpu: { current: 55, target: 70 },
          },
        ],
      }),
      NOW,
    );
    expect(status).toMatchObject({
      state: 'complete',
      summary: '1.4.0 on 4/4 replicas',
      strategy: 'rolling',
      currentVersion: '1.4.0',
      previousVersion: '1.3.0',
      progressPercent: 100,
      hpa: { min: 2, max: 12, cpu: { current: 55, target: 70 } },
      lastChangeAt: '2026-11-23T10:00:00Z',
    });
    expect(status.revisions.map(r => r.revision)).toEqual([3, 2, 1]);
  });

  it('is progressing mid-rollout, with progress counting available new replicas', () => {
    const status = computeRollout(
      workloads({
        deployments: [
          deployment({
            image: imageOf('1.5.0'),
            generation: 4,
            observedGeneration: 4,
            replicas: 5,
            updated: 2,
            available: 4,
            ready: 4,
            conditions: [
              {
                type: 'Progressing',
                status: 'True',
                reason: 'ReplicaSetUpdated',
              },
            ],
          }),
        ],
        replicaSets: [replicaSet(3, '1.4.0', 3), replicaSet(4, '1.5.0', 2)],
        pods: [
          pod('payments-4-a', 'd1-rs4'),
          pod(
            'payments-4-b',
            'd1-rs4',
            { ready: false, waitingReason: 'ContainerCreating' },
            'Pending',
          ),
        ],
      }),
      NOW,
    );
    expect(status.state).toBe('progressing');
    expect(status.progressPercent).toBe(50);
    expect(status.summary).toBe('rolling out 1.5.0: 2/4 updated, 4 available');
    expect(status.problems).toEqual([]); // ContainerCreating is normal start-up
  });

  it('is progressing before the controller has seen a new generation (no status yet)', () => {
    const status = computeRollout(
      workloads({
        deployments: [
          deployment({
            generation: 1,
            observedGeneration: undefined,
            replicas: 0,
            updated: 0,
            ready: 0,
            available: 0,
            conditions: [],
          }),
        ],
      }),
      NOW,
    );
    expect(status.state).toBe('progressing');
    expect(status.progressPercent).toBe(0);
  });

  it('is stalled past the progress deadline, naming the pod and its reason', () => {
    const status = computeRollout(
      workloads({
        deployments: [
          deployment({
            image: imageOf('2.0.0-missing'),
            replicas: 5,
            updated: 1,
            available: 4,
            ready: 4,
            conditions: [
              {
                type: 'Progressing',
                status: 'False',
                reason: 'ProgressDeadlineExceeded',
              },
            ],
          }),
        ],
        replicaSets: [
          replicaSet(3, '1.4.0', 4),
          replicaSet(4, '2.0.0-missing', 1),
        ],
        pods: [
          pod(
            'payments-4-x',
            'd1-rs4',
            {
              ready: false,
              waitingReason: 'ImagePullBackOff',
              waitingMessage: 'Back-off pulling image',
            },
            'Pending',
          ),
        ],
      }),
      NOW,
    );
    expect(status.state).toBe('stalled');
    expect(status.summary).toBe(
      'rollout of 2.0.0-missing passed its progress deadline; payments-4-x: ImagePullBackOff',
    );
    expect(status.problems).toEqual([
      {
        pod: 'payments-4-x',
        container: 'payments',
        reason: 'ImagePullBackOff',
        message: 'Back-off pulling image',
        restarts: 0,
      },
    ]);
  });

  it('is failing while new pods crash-loop, and tells OOMKilled from other crashes', () => {
    const crash = computeRollout(
      workloads({
        deployments: [
          deployment({
            image: imageOf('2.1.0'),
            replicas: 5,
            updated: 1,
            available: 4,
            conditions: [
              {
                type: 'Progressing',
                status: 'True',
                reason: 'ReplicaSetUpdated',
              },
            ],
          }),
        ],
        replicaSets: [replicaSet(3, '1.4.0', 4), replicaSet(4, '2.1.0', 1)],
        pods: [
          pod('payments-3-ok', 'd1-rs3'),
          pod('payments-4-c', 'd1-rs4', {
            ready: false,
            restarts: 6,
            waitingReason: 'CrashLoopBackOff',
            lastTerminatedReason: 'Error',
            lastExitCode: 1,
          }),
        ],
      }),
      NOW,
    );
    expect(crash.state).toBe('failing');
    expect(crash.summary).toBe(
      '2.1.0 is not serving: payments-4-c: CrashLoopBackOff (6 restarts)',
    );

    const oom = computeRollout(
      workloads({
        deployments: [deployment({ image: imageOf('2.1.0'), updated: 1 })],
        replicaSets: [replicaSet(4, '2.1.0', 1)],
        pods: [
          pod('payments-4-m', 'd1-rs4', {
            ready: false,
            restarts: 2,
            waitingReason: 'CrashLoopBackOff',
            lastTerminatedReason: 'OOMKilled',
          }),
        ],
      }),
      NOW,
    );
    expect(oom.problems[0].reason).toBe('OOMKilled');
  });

  it('reports failing readiness probes after a grace period, not during start-up', () => {
    const started = (ms: number) => new Date(NOW - ms).toISOString();
    const base = {
      deployments: [deployment({ updated: 1 })],
      replicaSets: [replicaSet(4, '1.4.0', 1)],
    };
    const young = computeRollout(
      workloads({
        ...base,
        pods: [
          pod('p', 'd1-rs4', { ready: false, startedAt: started(10_000) }),
        ],
      }),
      NOW,
    );
    const old = computeRollout(
      workloads({
        ...base,
        pods: [
          pod('p', 'd1-rs4', { ready: false, startedAt: started(120_000) }),
        ],
      }),
      NOW,
    );
    expect(young.problems).toEqual([]);
    expect(old.problems[0]).toMatchObject({ reason: 'NotReady' });
  });

  it('is paused when the Deployment is paused', () => {
    const status = computeRollout(
      workloads({
        deployments: [
          deployment({
            paused: true,
            conditions: [
              {
                type: 'Progressing',
                status: 'Unknown',
                reason: 'DeploymentPaused',
              },
            ],
          }),
        ],
      }),
      NOW,
    );
    expect(status.state).toBe('paused');
  });

  it('is scaled down at zero replicas, and not deployed without workloads', () => {
    expect(
      computeRollout(
        workloads({
          deployments: [
            deployment({
              desired: 0,
              replicas: 0,
              updated: 0,
              ready: 0,
              available: 0,
            }),
          ],
        }),
        NOW,
      ).state,
    ).toBe('scaled-down');
    expect(computeRollout(workloads({}), NOW)).toMatchObject({
      state: 'not-deployed',
      desired: 0,
    });
  });

  it('detects blue-green and reads the live colour', () => {
    const status = computeRollout(
      workloads({
        deployments: [
          deployment({
            name: 'payments-green',
            uid: 'g',
            track: 'green',
            desired: 0,
            replicas: 0,
            updated: 0,
            ready: 0,
            available: 0,
            image: imageOf('1.3.0'),
          }),
          deployment({ name: 'payments-blue', uid: 'b', track: 'blue' }),
        ],
        replicaSets: [
          replicaSet(3, '1.4.0', 4, 'b'),
          replicaSet(2, '1.3.0', 0, 'g'),
        ],
      }),
      NOW,
    );
    expect(status).toMatchObject({
      strategy: 'blue-green',
      state: 'complete',
      currentVersion: '1.4.0',
      desired: 4,
    });
  });

  it('detects a canary in flight and its share of ready replicas', () => {
    const status = computeRollout(
      workloads({
        deployments: [
          deployment({ name: 'payments', uid: 's', track: 'stable' }),
          deployment({
            name: 'payments-canary',
            uid: 'c',
            track: 'canary',
            desired: 1,
            replicas: 1,
            updated: 1,
            ready: 1,
            available: 1,
            image: imageOf('1.5.0'),
          }),
        ],
      }),
      NOW,
    );
    expect(status).toMatchObject({
      strategy: 'canary',
      state: 'progressing',
      currentVersion: '1.5.0',
      previousVersion: '1.4.0',
      canaryWeightPercent: 20,
      summary: 'canary 1.5.0 takes 20% of ready replicas',
    });
  });

  it('is deterministic: the same objects and time give the same status', () => {
    const input = workloads({
      deployments: [deployment()],
      replicaSets: [replicaSet(3, '1.4.0', 4)],
    });
    expect(computeRollout(input, NOW)).toEqual(
      computeRollout(structuredClone(input), NOW),
    );
  });
});

describe('versionOfImage', () => {
  it.each([
    ['ghcr.io/acme/payments:1.4.0', '1.4.0'],
    ['registry.local:5000/acme/payments:2.0', '2.0'],
    ['registry.local:5000/acme/payments', 'latest'],
    ['nginx', 'latest'],
    ['ghcr.io/acme/payments@sha256:0123456789abcdef', 'sha256:0123456'],
  ])('%s → %s', (image, version) => {
    expect(versionOfImage(image)).toBe(version);
  });
});
