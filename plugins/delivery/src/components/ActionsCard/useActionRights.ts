import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  actionRefusal,
  actionVerb,
  deliveryActionRunPermission,
  deliveryProductionActionRunPermission,
} from '@internal/backstage-plugin-delivery-common';
import { DeliveryAction } from './actionLink';

/** What the card needs to know about an environment to say whether an action may run. */
interface EnvironmentOfRow {
  name: string;
  /** Undefined when the backend did not say; the server decides then. */
  production?: boolean;
}

/** Whether the user may run the card's actions on this service, and if not, why. */
export interface ActionRights {
  /** True until the permission framework has answered: the buttons wait, disabled. */
  loading: boolean;
  /** Why the user may not run `action` in the environment; undefined when they may. */
  refusalOf(row: EnvironmentOfRow, action: DeliveryAction): string | undefined;
}

/**
 * Asks the permission framework, for this service, about the two permissions the card's
 * actions need (`delivery.action.run` outside production, `delivery.action.production.run`
 * in production) — the same decisions the actions meet on the server, ownership conditions
 * included — so an action the user may not run is shown disabled with the reason before
 * anyone clicks. Failover is asked about separately (only the platform team sees it).
 */
export function useActionRights(entity: Entity): ActionRights {
  const resourceRef = stringifyEntityRef(entity);
  const run = usePermission({
    permission: deliveryActionRunPermission,
    resourceRef,
  });
  const production = usePermission({
    permission: deliveryProductionActionRunPermission,
    resourceRef,
  });
  return {
    loading: run.loading || production.loading,
    refusalOf(row, action) {
      const inProduction = Boolean(row.production);
      const allowed = inProduction ? production.allowed : run.allowed;
      if (allowed) return undefined;
      return actionRefusal({
        // The card's actions are named as the run history names them.
        verb: actionVerb(action),
        entity,
        environment: { name: row.name, production: inProduction },
      });
    },
  };
}
