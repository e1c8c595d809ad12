import { V1ReplicaSet } from '@kubernetes/client-node';
import {
  abortedRollout,
  canaryRollout,
  healthyRollout,
} from '../__testUtils__/argoRollouts';
import { KubeCluster } from '../kube/KubeCluster';
import { ArgoRollout } from './argoRollout';
import {
  abortChange,
  deployChange,
  derivative,
  promoteChange,
  retryChange,
  undoChange,
} from './rolloutCommands';

/** A cluster that records the patches sent to it and serves the given ReplicaSets. */
function fakeCluster(replicaSets: V1ReplicaSet[] = []) {
  const sent: Array<[string, object]> = [];
  const cluster = {
    name: 'staging',
    patchRolloutStatus: async (_ns: string, _name: string, body: object) => {
      sent.push(['status', body]);
    },
    patchRollout: async (_ns: string, _name: string, body: object) => {
      sent.push(['spec', body]);
    },
    replicaSetsOf: async () => replicaSets,
  } as unknown as KubeCluster;
  return { cluster, sent };
}

const target = (rollout: ArgoRollout, replicaSets?: V1ReplicaSet[]) => {
  const { cluster, sent } = fakeCluster(replicaSets);
  return { target: { cluster, rollout }, sent };
};

function replicaSet(revision: number, image: string): V1ReplicaSet {
  return {
    metadata: {
      name: `capsight-backend-${revision}`,
      annotations: { 'rollout.argoproj.io/revision': String(revision) },
      ownerReferences: [
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Rollout',
          name: 'capsight-backend',
          uid: 'rollout-uid',
          controller: true,
        },
      ],
    },
    spec: {
      selector: {},
      template: {
        metadata: {
          labels: {
            app: 'capsight-backend',
            'rollouts-pod-template-hash': `h${revision}`,
          },
        },
        spec: {
          containers: [
            {
              name: 'capsight-backend',
              image,
              // A default the API server fills in; the Rollout's template leaves it out.
              terminationMessagePath: '/dev/termination-log',
            },
          ],
        },
      },
    },
  };
}

describe('promote', () => {
  it('at a pause: sends the status patch and waits for the next pause, not the stale one', async () => {
    const { target: t, sent } = target(canaryRollout());
    const change = promoteChange(t, false);
    expect(change.describe).toBe('promote from step 1/6 (weight 25)');
    await change.send();
    expect(sent).toEqual([['status', { status: { pauseConditions: null } }]]);
    // Just after the patch the controller has not moved: not there yet.
    const stale = canaryRollout({ status: { pauseConditions: undefined } });
    expect(change.reached(stale)).toBe(false);
    expect(change.applied(stale)).toBe(true);
    const nextPause = canaryRollout({ status: { currentStepIndex: 3 } });
    expect(change.reached(nextPause)).toBe(true);
    expect(change.reached(abortedRollout())).toBe(true);
  });

  it('refuses an aborted Rollout (retry first) and one that is not paused', () => {
    expect(() => promoteChange(target(abortedRollout()).target, false)).toThrow(
      /environment: staging: Rollout capsight\/capsight-backend is aborted \(.*\); retry it first \(delivery:service:retry\), then promote/,
    );
    const progressing = canaryRollout({
      status: {
        currentStepIndex: 4,
        pauseConditions: [],
        phase: 'Progressing',
      },
    });
    expect(() => promoteChange(target(progressing).target, false)).toThrow(
      /is not paused, so there is nothing to promote: it is step 4\/6 \(weight 50\); wait for its next pause, or promote fully \(full: true\)/,
    );
    expect(() => promoteChange(target(healthyRollout()).target, true)).toThrow(
      /has nothing to promote: it is healthy/,
    );
  });

  it('fully: promoteFull, done only when healthy on the new version (or failed)', async () => {
    const { target: t, sent } = target(canaryRollout());
    const change = promoteChange(t, true);
    await change.send();
    expect(sent).toEqual([['status', { status: { promoteFull: true } }]]);
    expect(
      change.reached(canaryRollout({ status: { currentStepIndex: 3 } })),
    ).toBe(false);
    const healthyOnNew = canaryRollout({
      status: {
        phase: 'Healthy',
        stableRS: 'new7f9',
        pauseConditions: undefined,
        currentStepIndex: 6,
      },
    });
    expect(change.reached(healthyOnNew)).toBe(true);
  });
});

describe('abort and retry', () => {
  it('abort refuses nothing in flight, or already aborted', () => {
    expect(() => abortChange(target(healthyRollout()).target)).toThrow(
      /has no update in flight, so there is nothing to abort: it is healthy/,
    );
    expect(() => abortChange(target(abortedRollout()).target)).toThrow(
      /is already aborted/,
    );
  });

  it('abort is reached when the controller has aborted the update', async () => {
    const { target: t, sent } = target(canaryRollout());
    const change = abortChange(t);
    await change.send();
    expect(sent).toEqual([['status', { status: { abort: true } }]]);
    expect(change.reached(canaryRollout({ status: { abort: true } }))).toBe(
      false,
    );
    expect(change.reached(abortedRollout())).toBe(true);
  });

  it('retry refuses a Rollout that is not aborted, and waits past the stale Degraded', async () => {
    expect(() => retryChange(target(canaryRollout()).target)).toThrow(
      /is not aborted, so there is nothing to retry: it is step 1\/6 \(weight 25, paused\)/,
    );
    const { target: t, sent } = target(abortedRollout());
    const change = retryChange(t);
    await change.send();
    expect(sent).toEqual([['status', { status: { abort: false } }]]);
    const stale = abortedRollout();
    stale.status!.abort = false;
    expect(change.reached(stale)).toBe(false);
    expect(
      change.reached(canaryRollout({ status: { currentStepIndex: 1 } })),
    ).toBe(true);
  });
});

describe('undo', () => {
  const history = [
    replicaSet(1, 'ghcr.io/delivery-example/capsight-backend:7.0.0'),
    replicaSet(2, 'ghcr.io/delivery-example/capsight-backend:7.1.0'),
  ];

  it("goes back to the previous revision's template, ignoring server defaults and the hash", async () => {
    const { target: t, sent } = target(canaryRollout(), history);
    const change = await undoChange(t);
    expect(change.describe).toBe(
      'undo to revision 1 (ghcr.io/delivery-example/capsight-backend:7.0.0)',
    );
    await change.send();
    const [[, patch]] = sent as Array<[string, any[]]>;
    expect(patch[0].op).toBe('replace');
    expect(patch[0].path).toBe('/spec/template');
    expect(patch[0].value.metadata.labels).toEqual({ app: 'capsight-backend' });
    expect(patch[0].value.spec.containers[0].image).toBe(
      'ghcr.io/delivery-example/capsight-backend:7.0.0',
    );
  });

  it('refuses a revision that is gone, and one the Rollout already runs', async () => {
    await expect(
      undoChange(target(canaryRollout(), history).target, 9),
    ).rejects.toThrow(
      /revision: staging: Rollout capsight\/capsight-backend has no revision 9 any more \(revisions kept: 2, 1\)/,
    );
    await expect(
      undoChange(target(canaryRollout(), history).target, 2),
    ).rejects.toThrow(
      /already runs the template of revision 2; nothing to undo/,
    );
  });

  it('compares templates as DeepDerivative does', () => {
    expect(derivative({ a: 1 }, { a: 1, b: 2 })).toBe(true);
    expect(derivative({ a: 1, b: 3 }, { a: 1, b: 2 })).toBe(false);
    expect(derivative([{ a: 1 }], [{ a: 1 }, { a: 2 }])).toBe(false);
  });
});

describe('deploy', () => {
  it('refuses the image the Rollout already runs', () => {
    expect(() =>
      deployChange(
        target(canaryRollout()).target,
        'ghcr.io/delivery-example/capsight-backend:7.1.0',
      ),
    ).toThrow(
      /image: staging: Rollout capsight\/capsight-backend already runs/,
    );
  });

  it('waits until the controller has seen the new template and stopped', () => {
    const { target: t } = target(healthyRollout());
    const change = deployChange(t, 'api:8');
    const seen = canaryRollout();
    seen.spec.template!.spec!.containers[0].image = 'api:8';
    expect(change.reached(seen)).toBe(true);
    seen.metadata.generation = 3;
    expect(change.reached(seen)).toBe(false);
  });
});
