import { describeExamplesAsDryRuns } from '../../__testUtils__/describeExamplesAsDryRuns';
import { createRollbackAction } from './rollbackAction';
import { examples } from './rollbackAction.examples';

describeExamplesAsDryRuns(
  'delivery:service:rollback',
  createRollbackAction,
  examples,
  {
    summary: /^Dry run of a rolling rollback in staging/,
    servicesWithoutRuns: ['propertyos-document-service'],
  },
);
