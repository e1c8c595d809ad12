import {
  abortedRollout,
  canaryRollout,
  healthyRollout,
} from '../__testUtils__/argoRollouts';
import {
  currentSetWeight,
  describeRolloutState,
  describeStep,
  isHealthy,
  updateInFlight,
} from './rolloutProgress';

describe('where a Rollout stands, in words', () => {
  it('counts steps from one and takes the weight of the nearest setWeight before', () => {
    expect(describeStep(canaryRollout())).toBe('step 1/6 (weight 25)');
    expect(describeRolloutState(canaryRollout())).toBe(
      'step 1/6 (weight 25, paused)',
    );
    const atAnalysis = canaryRollout({
      status: {
        currentStepIndex: 4,
        pauseConditions: [],
        phase: 'Progressing',
      },
    });
    expect(describeRolloutState(atAnalysis)).toBe('step 4/6 (weight 50)');
  });

  it('is weight 0 when aborted and 100 past the last step', () => {
    expect(currentSetWeight(abortedRollout())).toBe(0);
    expect(
      currentSetWeight(canaryRollout({ status: { currentStepIndex: 6 } })),
    ).toBe(100);
    expect(describeRolloutState(abortedRollout())).toBe(
      'aborted: stable old5c4 serves (RolloutAborted: Rollout aborted update to revision 2)',
    );
  });

  it('is healthy only on its newest spec with nothing in flight', () => {
    expect(isHealthy(healthyRollout())).toBe(true);
    expect(describeRolloutState(healthyRollout())).toBe('healthy');
    expect(updateInFlight(canaryRollout())).toBe(true);
    // A spec the controller has not seen yet (observedGeneration is a string in Argo).
    const unseen = healthyRollout();
    unseen.metadata.generation = 3;
    expect(isHealthy(unseen)).toBe(false);
  });
});
