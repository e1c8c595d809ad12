import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { AtLeastField } from './AtLeastField';
import { AtLeastOptions, checkAtLeast } from './checkAtLeast';

const validateAtLeast: CustomFieldValidator<string | number, AtLeastOptions> = (
  value,
  field,
  context,
) => {
  const options = context.uiSchema?.['ui:options'] as
    | AtLeastOptions
    | undefined;
  if (!options) return;
  const problem = checkAtLeast(value, options, context.formData);
  if (problem) field.addError(problem);
};

/**
 * `ui:field: DeliveryAtLeast` with `ui:options: { atLeast: cpuRequest, quantity: cpu }`:
 * the golden-path templates use it for CPU and memory limits and the HPA maximum. One
 * definition for both frontend systems, so the field checks the same in either app.
 */
export const atLeastFieldDefinition = {
  name: 'DeliveryAtLeast',
  component: AtLeastField,
  validation: validateAtLeast,
};
