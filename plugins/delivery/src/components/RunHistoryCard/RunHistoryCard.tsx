import { EmptyState, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { DeliveryRun } from '@internal/backstage-plugin-delivery-common';
import { deliveryApiRef } from '../../api';
import { usePolledAsync } from '../../hooks/usePolledAsync';
import { AsyncCard, DeliveryCard } from '../CardStates';
import { RunDetails } from './RunDetails';
import { runDuration } from './runDuration';

/** Runs started from another tab, or by someone else, show up within this. */
const REFRESH_MS = 10_000;

const columns: TableColumn<DeliveryRun>[] = [
  { title: 'Started', field: 'startedAt', type: 'datetime' },
  { title: 'Action', field: 'action' },
  { title: 'Environment', field: 'environment' },
  { title: 'Status', field: 'status' },
  { title: 'Duration', render: run => runDuration(run), sorting: false },
  { title: 'By', field: 'initiatedBy' },
  // The summary is the longest column: room for it rather than a narrow stack of lines.
  {
    title: 'Outcome',
    field: 'summary',
    emptyValue: '-',
    cellStyle: { minWidth: 280 },
  },
];

/**
 * The delivery actions run against this service, newest first; a row opens to its inputs
 * and what it changed in each cluster.
 * @public
 */
export function RunHistoryCard() {
  const { entity } = useEntity();
  const api = useApi(deliveryApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { state, retry } = usePolledAsync(
    () => api.listRuns({ entityRef, limit: 50 }),
    [api, entityRef],
    REFRESH_MS,
  );
  return (
    <AsyncCard
      title="Run history"
      errorTitle="Could not load the run history"
      state={state}
      retry={retry}
    >
      {runs => <RunHistory runs={runs} />}
    </AsyncCard>
  );
}

function RunHistory({ runs: value }: { runs: DeliveryRun[] }) {
  if (value.length === 0) {
    return (
      <DeliveryCard title="Run history">
        <EmptyState
          missing="data"
          title="No delivery runs recorded yet"
          description="Deploys, rollbacks, migrations and failovers run from the portal are listed here with who ran them, where, and how they ended."
        />
      </DeliveryCard>
    );
  }
  return (
    <DeliveryCard title="Run history">
      <Table<DeliveryRun>
        options={{
          paging: value.length > 10,
          pageSize: 10,
          search: false,
          toolbar: false,
          padding: 'dense',
        }}
        columns={columns}
        data={value}
        detailPanel={({ rowData }) => <RunDetails run={rowData} />}
      />
    </DeliveryCard>
  );
}
