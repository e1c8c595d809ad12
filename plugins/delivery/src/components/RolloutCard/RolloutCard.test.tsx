import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  ClusterSnapshot,
  computeRollout,
  EntityRollouts,
} from '@internal/backstage-plugin-delivery-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { RolloutCard } from './RolloutCard';

// Renders in a test app with Material UI and charts: seconds on a busy machine, where
// jest's 5 s default is meant for unit tests.
jest.setTimeout(30_000);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'incubation-api-server',
    annotations: { 'backstage.io/kubernetes-id': 'incubation-api-server' },
  },
  spec: { type: 'service', owner: 'incubation-team', lifecycle: 'production' },
};

const cluster = (
  name: string,
  overrides: Partial<ClusterSnapshot> = {},
): ClusterSnapshot => ({
  name,
  environment: name.startsWith('staging') ? 'staging' : 'production',
  role: 'primary',
  sandbox: true,
  state: 'ok',
  syncedAt: new Date().toISOString(),
  ...overrides,
});

const deployment = {
  namespace: 'incubation-platform',
  name: 'incubation-api-server',
  uid: 'd',
  generation: 2,
  observedGeneration: 2,
  desired: 1,
  paused: false,
  strategyType: 'RollingUpdate' as const,
  image: 'ghcr.io/x/incubation-api-server:2.4.0-crash',
  replicas: 2,
  updated: 1,
  ready: 1,
  available: 1,
  conditions: [],
  createdAt: '2026-01-01T00:00:00Z',
};

const crashing = computeRollout(
  {
    deployments: [deployment],
    replicaSets: [
      {
        namespace: 'x',
        name: 'rs2',
        uid: 'rs2',
        ownerUid: 'd',
        revision: 2,
        image: deployment.image,
        desired: 1,
        ready: 0,
        createdAt: '2026-11-23T11:50:00Z',
      },
      {
        namespace: 'x',
        name: 'rs1',
        uid: 'rs1',
        ownerUid: 'd',
        revision: 1,
        image: 'ghcr.io/x/incubation-api-server:2.3.1',
        desired: 1,
        ready: 1,
        createdAt: '2026-11-01T00:00:00Z',
      },
    ],
    pods: [
      {
        namespace: 'x',
        name: 'incubation-api-server-rs2-abcde',
        ownerUid: 'rs2',
        phase: 'Running',
        ready: false,
        createdAt: '2026-11-23T11:50:00Z',
        containers: [
          {
            name: 'incubation-api-server',
            ready: false,
            restarts: 6,
            waitingReason: 'CrashLoopBackOff',
          },
        ],
      },
    ],
    hpas: [],
  },
  Date.now(),
);
const complete = computeRollout(
  {
    deployments: [
      {
        ...deployment,
        image: 'ghcr.io/x/incubation-api-server:2.3.1',
        replicas: 1,
      },
    ],
    replicaSets: [],
    pods: [],
    hpas: [],
  },
  Date.now(),
);

function renderCard(rollouts: Partial<EntityRollouts>) {
  const api: Partial<DeliveryApi> = {
    getRollouts: async ({ entityRef }) => ({
      entityRef,
      clusters: [],
      ...rollouts,
    }),
  };
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <RolloutCard />
    </EntityProvider>,
    { apis: [[deliveryApiRef, api]] },
  );
}

describe('RolloutCard', () => {
  it('shows each cluster with version, ready/desired and state, and names the failing pod', async () => {
    await renderCard({
      kubernetesId: 'incubation-api-server',
      clusters: [
        { cluster: cluster('staging'), rollout: crashing },
        { cluster: cluster('production'), rollout: complete },
      ],
    });
    const [stagingCell] = await screen.findAllByText('staging', {
      selector: 'td',
    });
    const staging = stagingCell.closest('tr')!;
    expect(within(staging).getByText('2.4.0-crash')).toBeInTheDocument();
    expect(within(staging).getByText('1/1')).toBeInTheDocument();
    expect(within(staging).getByText('Failing')).toBeInTheDocument();
    expect(screen.getByText('Complete')).toBeInTheDocument();

    await userEvent.click(within(staging).getAllByRole('button')[0]);
    const pods = await screen.findByRole('list', { name: 'pods not serving' });
    expect(pods).toHaveTextContent('incubation-api-server-rs2-abcde');
    expect(pods).toHaveTextContent('CrashLoopBackOff, 6 restarts');
    expect(screen.getByRole('list', { name: 'revisions' })).toHaveTextContent(
      '#1 2.3.1',
    );
  });

  it('keeps the last known state of an unreachable cluster and says how old it is', async () => {
    await renderCard({
      kubernetesId: 'incubation-api-server',
      clusters: [
        {
          cluster: cluster('production', {
            state: 'stale',
            syncedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
            error: 'connect ECONNREFUSED',
          }),
          rollout: complete,
        },
      ],
    });
    expect(
      await screen.findByText('unreachable, data from 10m ago'),
    ).toBeInTheDocument();
    expect(screen.getByText('Complete')).toBeInTheDocument();
  });

  it('says which label to add when the entity declares no workloads', async () => {
    await renderCard({ kubernetesId: undefined, clusters: [] });
    expect(await screen.findByText('No workloads found')).toBeInTheDocument();
    expect(
      screen.getByText(/Add the backstage.io\/kubernetes-id annotation/),
    ).toBeInTheDocument();
  });
});
