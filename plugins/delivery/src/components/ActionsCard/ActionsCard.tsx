import { EmptyState, InfoCard } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_ENVIRONMENTS,
  readDeliveryDescriptor,
  Strategy,
} from '@internal/backstage-plugin-delivery-common';
import { AsyncCard } from '../CardStates';
import { hasDatabase } from './actionLink';
import { ActionsContent } from './ActionsContent';
import { useActionsData } from './useActionsData';

/**
 * Delivery actions on this service: a row per environment it declares, with the
 * version(s) running there, a Deploy button that opens the Deploy action template with
 * the service, the environment and the running image filled in, and Rollback (and, for a
 * blue-green or canary service, Promote and Abort; for a service with a database, Migrate)
 * opening theirs with the service and the environment.
 * @public
 */
export function ActionsCard() {
  const { entity } = useEntity();
  const { environments, strategy } = readDeliveryDescriptor(entity);
  if (environments.length === 0) {
    return (
      <InfoCard title="Actions">
        <EmptyState
          missing="field"
          title="No environments declared"
          description={`Add ${ANNOTATION_ENVIRONMENTS} (such as staging,production) to catalog-info.yaml to deploy this service from here.`}
        />
      </InfoCard>
    );
  }
  return (
    <LoadedActions
      entityRef={stringifyEntityRef(entity)}
      environments={environments}
      strategy={strategy}
      database={hasDatabase(entity)}
    />
  );
}

function LoadedActions(props: {
  entityRef: string;
  environments: string[];
  strategy: Strategy;
  database: boolean;
}) {
  const { entityRef, environments, strategy, database } = props;
  const { state, retry } = useActionsData(entityRef);
  return (
    <AsyncCard
      title="Actions"
      errorTitle="Could not load the running versions"
      state={state}
      retry={retry}
    >
      {data => (
        <ActionsContent
          entityRef={entityRef}
          environments={environments}
          strategy={strategy}
          database={database}
          data={data}
        />
      )}
    </AsyncCard>
  );
}
