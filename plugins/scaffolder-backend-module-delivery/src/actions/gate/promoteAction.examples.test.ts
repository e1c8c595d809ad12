import { describeExamplesAsDryRuns } from '../../__testUtils__/describeExamplesAsDryRuns';
import { createPromoteAction } from './promoteAction';
import { examples } from './promoteAction.examples';

describeExamplesAsDryRuns(
  'delivery:service:promote',
  createPromoteAction,
  examples,
  {
    summary:
      /^Dry run of a (promotion of the paused canary deploy in production|full promotion of the Argo Rollout in staging)/,
    servicesWithoutRuns: ['propertyos-api-gateway', 'capsight-backend'],
  },
);
