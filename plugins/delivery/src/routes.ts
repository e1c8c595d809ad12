import { createExternalRouteRef } from '@backstage/core-plugin-api';

/**
 * The scaffolder's page of one template, where the Actions card sends a Deploy, Rollback,
 * Promote or Abort.
 *
 * Created with core-plugin-api so one ref serves both frontend systems (as the catalog's
 * own `createFromTemplate` does): the new system binds it to `scaffolder.selectedTemplate`
 * by default, with no app configuration; a legacy app binds it in `bindRoutes`. Optional:
 * without a scaffolder the card still lists versions, with its action buttons disabled.
 * @public
 */
export const createFromTemplateRouteRef = createExternalRouteRef({
  id: 'delivery:create-from-template',
  optional: true,
  params: ['namespace', 'templateName'],
  defaultTarget: 'scaffolder.selectedTemplate',
});
