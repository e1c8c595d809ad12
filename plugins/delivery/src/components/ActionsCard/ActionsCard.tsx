import { EmptyState, InfoCard } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_ENVIRONMENTS,
  readDeliveryDescriptor,
} from '@internal/backstage-plugin-delivery-common';
import { AsyncCard } from '../CardStates';
import { ActionsContent } from './ActionsContent';
import { useActionsData } from './useActionsData';

/**
 * Delivery actions on this service: a row per environment it declares, with the
 * version(s) running there and a Deploy button that opens the Deploy action template with
 * the service, the environment and the running image filled in.
 * @public
 */
export function ActionsCard() {
  const { entity } = useEntity();
  const { environments } = readDeliveryDescriptor(entity);
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
    />
  );
}

function LoadedActions(props: { entityRef: string; environments: string[] }) {
  const { entityRef, environments } = props;
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
          data={data}
        />
      )}
    </AsyncCard>
  );
}
