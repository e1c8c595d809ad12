import { Text } from '@backstage/ui';
import { Entity } from '@backstage/catalog-model';
import { EmptyState } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ANNOTATION_KUBERNETES_ID,
  deliveryFailoverRunPermission,
  Strategy,
} from '@internal/backstage-plugin-delivery-common';
import { actionsFor, DeliveryAction } from './actionLink';
import { EnvironmentAction, environmentActions } from './environmentActions';
import { EnvironmentActionsTable } from './EnvironmentActionsTable';
import { ActionsData } from './useActionsData';
import { useActionLink } from './useActionLink';
import { useActionRights } from './useActionRights';

/**
 * The loaded Actions card. When no cluster runs the service the rows stay, under an empty
 * state, so a first deploy can still start from here (with no image filled in). Promote
 * and Abort are offered only when the service's strategy can pause a deploy; Failover
 * only to those who may start one (the platform team). An action the user may not run
 * (another team's service, production) is disabled, and the row says who may.
 */
export function ActionsContent(props: {
  entity: Entity;
  entityRef: string;
  environments: string[];
  strategy: Strategy;
  /** Whether to offer Migrate (hasDatabase). */
  database?: boolean;
  data: ActionsData;
}) {
  const { entity, entityRef, environments, strategy, database, data } = props;
  const actionLink = useActionLink();
  const rights = useActionRights(entity);
  const failover = usePermission({
    permission: deliveryFailoverRunPermission,
    resourceRef: entityRef,
  });
  const rows = environmentActions(environments, data.rollouts, data.health);
  const hrefOf = (row: EnvironmentAction, action: DeliveryAction) =>
    actionLink && row.configured
      ? actionLink(action, {
          entityRef,
          environment: row.name,
          image: row.image,
          hpa: row.hpa,
        })
      : undefined;
  const table = (
    <EnvironmentActionsTable
      rows={rows}
      actionsOf={row => actionsFor(strategy, { database, argo: row.argo })}
      // Until the permission framework answers, no button links anywhere.
      hrefOf={rights.loading ? () => undefined : hrefOf}
      canFailover={failover.allowed}
      refusalOf={rights.refusalOf}
    />
  );
  const findable = data.rollouts.kubernetesId || data.rollouts.labelSelector;

  return (
    <>
      {rows.every(row => row.versions.length === 0) ? (
        <EmptyState
          missing="data"
          title="Not running in any environment yet"
          description={
            findable
              ? 'No connected cluster runs this service, so a deploy starts without an image filled in.'
              : `Delivery cannot find this service's workloads: add the ${ANNOTATION_KUBERNETES_ID} annotation, and the same label to its Kubernetes objects. A deploy starts without an image filled in.`
          }
          action={table}
        />
      ) : (
        table
      )}
      {!actionLink && (
        <Text as="p" variant="body-small" color="secondary">
          The actions open the scaffolder, which this app does not have mounted.
        </Text>
      )}
      {!data.health && (
        <Text as="p" variant="body-small" color="secondary">
          The Delivery backend did not say which environments are production.
        </Text>
      )}
      {rows.some(row => row.production) && (
        <Text as="p" variant="body-small" color="secondary">
          A lock marks a production environment: any action there needs the
          platform team.
        </Text>
      )}
    </>
  );
}
