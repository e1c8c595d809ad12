import { useRouteRef } from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import { createFromTemplateRouteRef } from '../../routes';
import { DEPLOY_TEMPLATE, DeployFormData, deployHref } from './deployLink';

/**
 * Builds Deploy links from the scaffolder's template route as the app mounted it, or
 * returns undefined when the app has no scaffolder bound to `createFromTemplate`.
 * core-plugin-api's useRouteRef resolves it in both frontend systems.
 */
export function useDeployLink():
  | ((data: DeployFormData) => string)
  | undefined {
  const templateRoute = useRouteRef(createFromTemplateRouteRef);
  return useMemo(() => {
    if (!templateRoute) return undefined;
    const templatePath = templateRoute(DEPLOY_TEMPLATE);
    return (data: DeployFormData) => deployHref(templatePath, data);
  }, [templateRoute]);
}
