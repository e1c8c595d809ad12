import { EmptyState, Progress } from '@backstage/core-components';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_ENVIRONMENTS,
  hasDatabase,
  readDeliveryDescriptor,
  Strategy,
} from '@internal/backstage-plugin-delivery-common';
import { CardError, DeliveryCard } from '../CardStates';
import { ActionsContent } from './ActionsContent';
import { ApprovalRequests } from './ApprovalRequests';
import { FreezeWindows } from './FreezeWindows';
import { useActionsData } from './useActionsData';

/**
 * Delivery actions on this service: a row per environment it declares, with the
 * version(s) running there, a Deploy button that opens the Deploy action template with
 * the service, the environment and the running image filled in, and Rollback (and, for a
 * blue-green or canary service, Promote and Abort; for a service with a database, Migrate)
 * opening theirs with the service and the environment. Above them, the service's production
 * failovers waiting for a second member of the platform team, with Approve and Reject,
 * and the freeze windows in force or coming per environment; and a Failover button on a production environment with a DR cluster, for the platform
 * team.
 * @public
 */
export function ActionsCard() {
  const { entity } = useEntity();
  const { environments, strategy } = readDeliveryDescriptor(entity);
  if (environments.length === 0) {
    return (
      <DeliveryCard title="Actions">
        <EmptyState
          missing="field"
          title="No environments declared"
          description={`Add ${ANNOTATION_ENVIRONMENTS} (such as staging,production) to catalog-info.yaml to deploy this service from here.`}
        />
      </DeliveryCard>
    );
  }
  return (
    <LoadedActions
      entity={entity}
      entityRef={stringifyEntityRef(entity)}
      environments={environments}
      strategy={strategy}
      database={hasDatabase(entity)}
    />
  );
}

function LoadedActions(props: {
  entity: Entity;
  entityRef: string;
  environments: string[];
  strategy: Strategy;
  database: boolean;
}) {
  const { entity, entityRef, environments, strategy, database } = props;
  const { state, retry } = useActionsData(entityRef);
  let content;
  if (state.loading) {
    content = <Progress />;
  } else if (state.error || !state.value) {
    content = (
      <CardError
        title="Could not load the running versions"
        error={state.error ?? new Error('The Delivery backend sent no answer')}
        onRetry={retry}
      />
    );
  } else {
    content = (
      <ActionsContent
        entity={entity}
        entityRef={entityRef}
        environments={environments}
        strategy={strategy}
        database={database}
        data={state.value}
      />
    );
  }
  // The approvals do not wait for, or fail with, the cluster cache: a failover is most
  // wanted exactly when the clusters are in trouble.
  return (
    <DeliveryCard title="Actions">
      <ApprovalRequests entityRef={entityRef} />
      <FreezeWindows entityRef={entityRef} />
      {content}
    </DeliveryCard>
  );
}
