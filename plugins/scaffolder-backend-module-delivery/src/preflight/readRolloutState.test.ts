import { V1Deployment } from '@kubernetes/client-node';
import { readRolloutState } from './readRolloutState';

/** A Deployment of 4 replicas at generation 7, settled unless `changes` say otherwise. */
function deployment(
  changes: {
    spec?: Partial<V1Deployment['spec']>;
    status?: Partial<NonNullable<V1Deployment['status']>>;
  } = {},
): V1Deployment {
  return {
    metadata: { name: 'api', namespace: 'shop', generation: 7 },
    spec: { replicas: 4, selector: {}, template: {}, ...changes.spec },
    status: {
      observedGeneration: 7,
      replicas: 4,
      updatedReplicas: 4,
      availableReplicas: 4,
      readyReplicas: 4,
      ...changes.status,
    },
  } as V1Deployment;
}

describe('readRolloutState', () => {
  it('calls a Deployment settled when every replica is updated and available, and the generation observed', () => {
    expect(readRolloutState(deployment())).toEqual({ settled: true });
    expect(
      readRolloutState(
        deployment({
          spec: { replicas: 0 },
          status: { replicas: 0, updatedReplicas: 0, availableReplicas: 0 },
        }),
      ),
    ).toEqual({ settled: true });
  });

  it('says in words where an unsettled one stands', () => {
    expect(
      readRolloutState(
        deployment({
          status: {
            observedGeneration: 6,
            updatedReplicas: 2,
            replicas: 5,
            availableReplicas: 3,
          },
        }),
      ),
    ).toEqual({
      settled: false,
      state:
        '2 of 4 replicas updated, 3 of 4 available, 3 old replicas still running, generation 7 not yet observed',
    });
    expect(
      readRolloutState(deployment({ status: { observedGeneration: 6 } })),
    ).toEqual({ settled: false, state: 'generation 7 not yet observed' });
  });

  it('does not call a paused or stalled Deployment settled', () => {
    expect(readRolloutState(deployment({ spec: { paused: true } }))).toEqual({
      settled: false,
      state: 'paused (spec.paused)',
    });
    expect(
      readRolloutState(
        deployment({
          status: {
            updatedReplicas: 1,
            replicas: 5,
            conditions: [
              {
                type: 'Progressing',
                status: 'False',
                reason: 'ProgressDeadlineExceeded',
              },
            ],
          },
        }),
      ),
    ).toEqual({
      settled: false,
      state:
        '1 of 4 replicas updated, 4 old replicas still running, its progress deadline passed',
    });
  });
});
