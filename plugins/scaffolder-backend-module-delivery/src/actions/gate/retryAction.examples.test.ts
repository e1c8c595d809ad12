import { describeExamplesAsDryRuns } from '../../__testUtils__/describeExamplesAsDryRuns';
import { abortSeededRollout } from '../../__testUtils__/argoRollouts';
import { createRetryAction } from './retryAction';
import { examples } from './retryAction.examples';

describeExamplesAsDryRuns(
  'delivery:service:retry',
  createRetryAction,
  examples,
  {
    summary: /^Dry run of a retry of the aborted Argo Rollout in staging/,
    servicesWithoutRuns: ['capsight-backend'],
    // The seeded Rollout is paused, not aborted: aborted through the action first.
    prepare: abortSeededRollout,
  },
);
