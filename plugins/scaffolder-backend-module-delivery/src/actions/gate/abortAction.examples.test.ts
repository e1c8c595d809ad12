import { describeExamplesAsDryRuns } from '../../__testUtils__/describeExamplesAsDryRuns';
import { createAbortAction } from './abortAction';
import { examples } from './abortAction.examples';

describeExamplesAsDryRuns(
  'delivery:service:abort',
  createAbortAction,
  examples,
  {
    summary: /^Dry run of a abort of the paused canary deploy in production/,
    servicesWithoutRuns: ['propertyos-api-gateway'],
  },
);
