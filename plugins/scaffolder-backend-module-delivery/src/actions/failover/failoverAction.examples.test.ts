import { describeExamplesAsDryRuns } from '../../__testUtils__/describeExamplesAsDryRuns';
import { createFailoverAction } from './failoverAction';
import { examples } from './failoverAction.examples';

describeExamplesAsDryRuns(
  'delivery:service:failover',
  createFailoverAction,
  examples,
  {
    summary:
      /^Dry run of a (drill|switchover) of component:default\/propertyos-auth-service: every pre-check passes; nothing was changed$/,
    servicesWithoutRuns: ['propertyos-auth-service'],
  },
);
