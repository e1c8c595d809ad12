import { useRouteRef } from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import { createFromTemplateRouteRef } from '../../routes';
import {
  ACTION_TEMPLATES,
  ActionFormData,
  actionHref,
  DeliveryAction,
} from './actionLink';

/** Builds the link that opens one action's template with its form pre-filled. */
export type ActionLink = (
  action: DeliveryAction,
  data: ActionFormData,
) => string;

/**
 * Builds action links from the scaffolder's template route as the app mounted it, or
 * returns undefined when the app has no scaffolder bound to `createFromTemplate`.
 * core-plugin-api's useRouteRef resolves it in both frontend systems.
 */
export function useActionLink(): ActionLink | undefined {
  const templateRoute = useRouteRef(createFromTemplateRouteRef);
  return useMemo(() => {
    if (!templateRoute) return undefined;
    return (action: DeliveryAction, data: ActionFormData) =>
      actionHref(templateRoute(ACTION_TEMPLATES[action]), action, data);
  }, [templateRoute]);
}
