import { describeExamplesAsDryRuns } from '../../__testUtils__/describeExamplesAsDryRuns';
import { createMigrateAction } from './migrateAction';
import { examples } from './migrateAction.examples';

describeExamplesAsDryRuns(
  'delivery:database:migrate',
  createMigrateAction,
  examples,
  {
    summary: /^Dry run of a /,
    servicesWithoutRuns: ['propertyos-owner-service'],
  },
);
