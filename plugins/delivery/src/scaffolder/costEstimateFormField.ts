import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { CostEstimateField } from './CostEstimateField';

/**
 * `ui:field: DeliveryCostEstimate`: the golden-path templates' monthly estimate on the
 * "Resources and autoscaling" page. No validation: it holds no value of its own.
 */
export const costEstimateFormField = createFormField({
  name: 'DeliveryCostEstimate',
  component: CostEstimateField,
});
