import {
  EmptyState,
  InfoCard,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { DeliveryRun } from '@internal/backstage-plugin-delivery-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { deliveryApiRef } from '../../api';
import { CardError } from '../CardStates';

const columns: TableColumn<DeliveryRun>[] = [
  { title: 'Started', field: 'startedAt', type: 'datetime' },
  { title: 'Action', field: 'action' },
  { title: 'Environment', field: 'environment' },
  { title: 'Status', field: 'status' },
  { title: 'By', field: 'initiatedBy' },
  { title: 'Outcome', field: 'summary', emptyValue: '-' },
];

/**
 * The delivery actions run against this service, newest first.
 * @public
 */
export function RunHistoryCard() {
  const { entity } = useEntity();
  const api = useApi(deliveryApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listRuns({ entityRef, limit: 50 }),
    [api, entityRef],
  );

  if (loading) {
    return (
      <InfoCard title="Run history">
        <Progress />
      </InfoCard>
    );
  }
  if (error || !value) {
    return (
      <InfoCard title="Run history">
        <CardError
          title="Could not load the run history"
          error={error ?? new Error('The Delivery backend sent no answer')}
          onRetry={retry}
        />
      </InfoCard>
    );
  }
  if (value.length === 0) {
    return (
      <InfoCard title="Run history">
        <EmptyState
          missing="data"
          title="No delivery runs recorded yet"
          description="Deploys, rollbacks, migrations and failovers run from the portal are listed here with who ran them, where, and how they ended."
        />
      </InfoCard>
    );
  }
  return (
    <Table<DeliveryRun>
      title="Run history"
      options={{
        paging: value.length > 10,
        pageSize: 10,
        search: false,
        padding: 'dense',
      }}
      columns={columns}
      data={value}
    />
  );
}
