import { describeExamplesAsDryRuns } from '../../__testUtils__/describeExamplesAsDryRuns';
import { createScaleAction } from './scaleAction';
import { examples } from './scaleAction.examples';

describeExamplesAsDryRuns(
  'delivery:service:scale',
  createScaleAction,
  examples,
  {
    summary: /^Dry run of a rolling scale in staging \(staging\): /,
    // The second example's service runs without an autoscaler, as scale.test.ts has it.
    prepare: backend =>
      backend
        .cluster('staging')
        .autoscaling.deleteNamespacedHorizontalPodAutoscaler({
          namespace: 'propertyos',
          name: 'propertyos-maintenance-service',
        }),
  },
);
