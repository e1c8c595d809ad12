import { EmptyState, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_KUBERNETES_ID,
  EntityRollouts,
} from '@internal/backstage-plugin-delivery-common';
import { deliveryApiRef } from '../../api';
import { usePolledAsync } from '../../hooks/usePolledAsync';
import { AsyncCard, DeliveryCard } from '../CardStates';
import { ArgoRolloutCaption } from './ArgoFacts';
import { ClusterTags } from './ClusterTags';
import { RolloutDetails } from './RolloutDetails';
import { ago, RolloutStateLabel } from './RolloutState';

type Row = EntityRollouts['clusters'][number] & { id: string };

/**
 * Short values never break mid-word, and their columns take only the room they need (a
 * 1 % width grows to fit unbreakable content), so the card fits the entity overview's
 * narrow column; the cluster and state columns share the rest.
 */
const NO_WRAP = { whiteSpace: 'nowrap' } as const;
const CELL_PADDING = { paddingLeft: 8, paddingRight: 8 } as const;
const FIT = {
  cellStyle: { ...NO_WRAP, ...CELL_PADDING },
  width: '1%',
} as const;

/** How often the card re-reads the backend's cache (never the clusters). */
const REFRESH_MS = 5_000;

function columns(now: number): TableColumn<Row>[] {
  return [
    {
      title: 'Environment',
      render: row => row.cluster.environment,
      ...FIT,
    },
    {
      title: 'Cluster',
      cellStyle: CELL_PADDING,
      render: row => (
        <>
          <span style={NO_WRAP}>
            {row.cluster.name}
            {row.cluster.role === 'dr' ? ' (DR)' : ''}
          </span>
          <ClusterTags cluster={row.cluster} now={now} />
        </>
      ),
    },
    {
      title: 'Version',
      render: row => row.rollout.currentVersion ?? '-',
      ...FIT,
    },
    {
      title: 'Ready',
      render: row =>
        row.rollout.state === 'not-deployed'
          ? '-'
          : `${row.rollout.ready}/${row.rollout.desired}`,
      ...FIT,
    },
    {
      title: 'State',
      cellStyle: CELL_PADDING,
      render: row => (
        <>
          <span style={NO_WRAP}>
            <RolloutStateLabel state={row.rollout.state} />
          </span>
          {row.rollout.argo && <ArgoRolloutCaption argo={row.rollout.argo} />}
        </>
      ),
    },
    {
      title: 'Changed',
      render: row => ago(row.rollout.lastChangeAt, now),
      ...FIT,
    },
  ];
}

/**
 * The service's rollout in every environment and cluster: version, ready/desired, state
 * in words and colour (with the step, weight, pause or abort and analysis where an Argo
 * Rollout runs it), time since the last change; a row expands to failing pods and the
 * revision history. Reads the Delivery backend's cache every few seconds.
 * @public
 */
export function RolloutCard() {
  const { entity } = useEntity();
  const api = useApi(deliveryApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { state: shown, retry } = usePolledAsync(
    () => api.getRollouts({ entityRef }),
    [api, entityRef],
    REFRESH_MS,
  );

  return (
    <AsyncCard
      title="Rollout"
      errorTitle="Could not load the rollout"
      state={shown}
      retry={retry}
    >
      {rollouts => <RolloutTable rollouts={rollouts} />}
    </AsyncCard>
  );
}

function RolloutTable({ rollouts }: { rollouts: EntityRollouts }) {
  const now = Date.now();
  if (!rollouts.kubernetesId && !rollouts.labelSelector) {
    return (
      <DeliveryCard title="Rollout">
        <EmptyState
          missing="field"
          title="No workloads found"
          description={`Add the ${ANNOTATION_KUBERNETES_ID} annotation to this component, and the same label to its Kubernetes objects, so Delivery can find them.`}
        />
      </DeliveryCard>
    );
  }
  if (rollouts.clusters.length === 0) {
    return (
      <DeliveryCard title="Rollout">
        <EmptyState
          missing="data"
          title="No clusters connected"
          description="Delivery reads clusters from kubernetes.clusterLocatorMethods mapped under delivery.clusters; none is."
        />
      </DeliveryCard>
    );
  }
  if (rollouts.clusters.every(c => c.rollout.state === 'not-deployed')) {
    return (
      <DeliveryCard title="Rollout">
        <EmptyState
          missing="data"
          title="No workloads found"
          description={
            rollouts.kubernetesId
              ? `No cluster has Deployments or Argo Rollouts labelled ${ANNOTATION_KUBERNETES_ID}=${rollouts.kubernetesId}.`
              : `No cluster has Deployments or Argo Rollouts matching the label selector ${rollouts.labelSelector}.`
          }
        />
      </DeliveryCard>
    );
  }
  const rows: Row[] = rollouts.clusters.map(c => ({
    ...c,
    id: c.cluster.name,
  }));
  return (
    <DeliveryCard title="Rollout">
      <Table<Row>
        options={{
          paging: false,
          search: false,
          toolbar: false,
          // A handful of rows: sort arrows would only take room from the values.
          sorting: false,
          padding: 'dense',
          headerStyle: CELL_PADDING,
        }}
        columns={columns(now)}
        data={rows}
        detailPanel={({ rowData }) => (
          <RolloutDetails rollout={rowData.rollout} now={now} />
        )}
      />
    </DeliveryCard>
  );
}
