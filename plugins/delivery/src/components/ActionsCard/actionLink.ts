import {
  DrFailoverMode,
  Strategy,
} from '@internal/backstage-plugin-delivery-common';

/** The Delivery actions the Actions card opens, one action template each. */
export type DeliveryAction =
  | 'deploy'
  | 'rollback'
  | 'scale'
  | 'promote'
  | 'abort'
  | 'retry'
  | 'migrate'
  | 'failover';

/**
 * Each action's template, `templates/actions/<action>/template.yaml`, which runs the
 * scaffolder action `delivery:service:<action>` (`delivery:database:migrate` for migrate).
 */
export const ACTION_TEMPLATES: Record<
  DeliveryAction,
  { namespace: string; templateName: string }
> = {
  deploy: { namespace: 'default', templateName: 'delivery-deploy' },
  rollback: { namespace: 'default', templateName: 'delivery-rollback' },
  scale: { namespace: 'default', templateName: 'delivery-scale' },
  promote: { namespace: 'default', templateName: 'delivery-promote' },
  abort: { namespace: 'default', templateName: 'delivery-abort' },
  retry: { namespace: 'default', templateName: 'delivery-retry' },
  migrate: { namespace: 'default', templateName: 'delivery-migrate' },
  failover: { namespace: 'default', templateName: 'delivery-failover' },
};

/**
 * The actions on an environment, in the order the card shows them: Deploy and Rollback
 * always; Promote and Abort only for the strategies whose deploy can pause for promotion
 * (blue-green before the switch, canary after its first step), beside the deploy they
 * finish; Scale always; Migrate for a service with a database. Where an Argo Rollout runs
 * the service, its own controller decides the strategy: Promote, Abort and Retry (an
 * aborted update) always, and no Scale or Migrate, which the actions refuse there.
 */
export function actionsFor(
  strategy: Strategy,
  options: { database?: boolean; argo?: boolean } = {},
): DeliveryAction[] {
  if (options.argo) return ['deploy', 'rollback', 'promote', 'abort', 'retry'];
  const actions: DeliveryAction[] =
    strategy === 'blue-green' || strategy === 'canary'
      ? ['deploy', 'rollback', 'promote', 'abort', 'scale']
      : ['deploy', 'rollback', 'scale'];
  return options.database ? [...actions, 'migrate'] : actions;
}

/** What an action's form starts with; the user can change any of it before running. */
export interface ActionFormData {
  entityRef: string;
  environment: string;
  /** Deploy only; omitted when nothing runs in the environment yet. */
  image?: string;
  /** Failover only; `drill` unless given. */
  mode?: DrFailoverMode;
  /** Scale only: the autoscaler's bounds now, which the form starts from. */
  hpa?: { min: number; max: number };
}

/**
 * An action template page's address with its form pre-filled: the scaffolder reads a
 * `formData` query parameter holding URI-encoded JSON. Every action gets the service and
 * the environment; Deploy also the image, when there is one; Scale the autoscaler's
 * bounds now, when they are known; Failover a mode, `drill` unless told: it changes
 * nothing serving users, so a switchover is always a choice.
 */
export function actionHref(
  templatePath: string,
  action: DeliveryAction,
  data: ActionFormData,
): string {
  const formData: Record<string, unknown> = {
    entityRef: data.entityRef,
    environment: data.environment,
    ...(action === 'deploy' && data.image ? { image: data.image } : {}),
    ...(action === 'failover' ? { mode: data.mode ?? 'drill' } : {}),
    ...(action === 'scale' && data.hpa
      ? { minReplicas: data.hpa.min, maxReplicas: data.hpa.max }
      : {}),
  };
  return `${templatePath}?formData=${encodeURIComponent(
    JSON.stringify(formData),
  )}`;
}
