import { describeExamplesAsDryRuns } from '../../__testUtils__/describeExamplesAsDryRuns';
import { createDeployAction } from './deployAction';
import { examples } from './deployAction.examples';

describeExamplesAsDryRuns(
  'delivery:service:deploy',
  createDeployAction,
  examples,
  {
    summary: /^Dry run of a (rolling|blue-green|canary) deploy of /,
  },
);
