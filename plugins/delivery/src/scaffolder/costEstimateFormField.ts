import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { costEstimateFieldDefinition } from './costEstimateFieldDefinition';

/** The cost-estimate field for the new frontend system's FormFieldBlueprint. */
export const costEstimateFormField = createFormField(
  costEstimateFieldDefinition,
);
