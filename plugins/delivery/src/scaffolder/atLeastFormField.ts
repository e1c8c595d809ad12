import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { atLeastFieldDefinition } from './atLeastFieldDefinition';

/** The at-least field for the new frontend system's FormFieldBlueprint. */
export const atLeastFormField = createFormField(atLeastFieldDefinition);
