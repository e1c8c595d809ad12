import { CostEstimateField } from './CostEstimateField';

/**
 * `ui:field: DeliveryCostEstimate`: the golden-path templates' monthly estimate on the
 * "Resources and autoscaling" page. No validation: it holds no value of its own. One
 * definition for both frontend systems.
 */
export const costEstimateFieldDefinition = {
  name: 'DeliveryCostEstimate',
  component: CostEstimateField,
};
