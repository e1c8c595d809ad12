import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { AtLeastField } from './AtLeastField';
import { AtLeastOptions, checkAtLeast } from './checkAtLeast';

/**
 * `ui:field: DeliveryAtLeast` with `ui:options: { atLeast: cpuRequest, quantity: cpu }`:
 * the golden-path templates use it for CPU and memory limits and the HPA maximum.
 */
export const atLeastFormField = createFormField({
  name: 'DeliveryAtLeast',
  component: AtLeastField,
  validation: (value, field, context) => {
    const options = context.uiSchema?.['ui:options'] as
      | AtLeastOptions
      | undefined;
    if (!options) return;
    const problem = checkAtLeast(value, options, context.formData);
    if (problem) field.addError(problem);
  },
});
