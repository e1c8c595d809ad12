import { EmptyState, Table, TableColumn } from '@backstage/core-components';
import { Tag, TagGroup, Text } from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import { DeliveryHealth } from '@internal/backstage-plugin-delivery-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { deliveryApiRef } from '../../api';
import { AsyncCard, DeliveryCard } from '../CardStates';
import { EnvironmentTags } from '../EnvironmentTags';

type ClusterRow = DeliveryHealth['clusters'][number];

const columns: TableColumn<ClusterRow>[] = [
  {
    title: 'Cluster',
    field: 'name',
    render: row => (
      <>
        {row.name}{' '}
        {row.sandbox && (
          <TagGroup aria-label={`${row.name} notes`}>
            <Tag id="sandbox" size="small" textValue="sandbox">
              <span title="A simulated cluster of the local sandbox fleet, not a real one">
                sandbox
              </span>
            </Tag>
          </TagGroup>
        )}
      </>
    ),
  },
  { title: 'Environment', field: 'environment' },
  { title: 'Region', field: 'region', emptyValue: '-' },
  { title: 'Role', field: 'role' },
];

/**
 * What the Delivery backend is set up with: environments and the clusters it reads.
 * Says plainly when no cluster is connected, instead of showing an empty overview.
 * @public
 */
export function DeliverySetupCard() {
  const api = useApi(deliveryApiRef);
  const { retry, ...state } = useAsyncRetry(() => api.getHealth(), [api]);
  return (
    <AsyncCard
      title="Delivery setup"
      errorTitle="Could not reach the Delivery backend"
      state={state}
      retry={retry}
    >
      {value => <SetupDetails value={value} />}
    </AsyncCard>
  );
}

function SetupDetails({ value }: { value: DeliveryHealth }) {
  return (
    <DeliveryCard title="Delivery setup">
      <Text as="h3" variant="body-large" weight="bold">
        Environments, in promotion order
      </Text>
      <EnvironmentTags
        label="environments"
        environments={value.environments.map(env => ({
          name: env.name,
          production: env.production,
        }))}
      />
      <Text as="p" variant="body-small" color="secondary">
        Actions on production environments (marked with a lock) need the
        platform team.
      </Text>
      {value.clusters.length === 0 ? (
        <EmptyState
          missing="data"
          title="No clusters connected yet"
          description="Delivery reads rollouts, cost and DR readiness from the Kubernetes clusters listed under delivery.clusters in app-config.yaml. None is configured, so there is nothing to show for any service yet."
        />
      ) : (
        <Table<ClusterRow>
          title="Clusters"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns}
          data={value.clusters}
        />
      )}
    </DeliveryCard>
  );
}
