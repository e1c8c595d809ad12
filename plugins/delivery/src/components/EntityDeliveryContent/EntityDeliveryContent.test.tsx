import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { DeliveryRun } from '@internal/backstage-plugin-delivery-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { EntityDeliveryContent } from './EntityDeliveryContent';
import { backendError } from '../../__testUtils__/backendError';

// Renders in a test app with Material UI and charts: seconds on a busy machine, where
// jest's 5 s default is meant for unit tests.
jest.setTimeout(30_000);

const paymentService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payment-service',
    annotations: {
      'backstage.io/kubernetes-id': 'payment-service',
      'delivery/tier': 'critical',
      'delivery/environments': 'staging,production',
      'delivery/strategy': 'big-bang',
    },
  },
  spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
};

const health = {
  status: 'ok' as const,
  environments: [
    { name: 'staging', production: false },
    { name: 'production', production: true },
  ],
  clusters: [],
};

function renderTab(entity: Entity, api: Partial<DeliveryApi>) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityDeliveryContent />
    </EntityProvider>,
    {
      apis: [
        [
          deliveryApiRef,
          {
            getRollouts: async ({ entityRef }) => ({ entityRef, clusters: [] }),
            // The DR, Cost and DORA cards have their own tests; here they stay loading.
            getDrReadiness: () => new Promise<never>(() => {}),
            getCost: () => new Promise<never>(() => {}),
            getDora: () => new Promise<never>(() => {}),
            listApprovals: async () => [],
            // No freezes: the Actions card's freeze section has its own tests.
            getFreezes: async ({ entityRef }) => ({
              entityRef,
              now: '2026-12-06T12:00:00.000Z',
              environments: [],
            }),
            ...api,
          },
        ],
      ],
    },
  );
}

describe('EntityDeliveryContent', () => {
  it('shows the service facts, its bad annotation, and that no cluster is connected', async () => {
    renderTab(paymentService, {
      getHealth: async () => health,
      listRuns: async () => [],
    });
    expect(
      await screen.findByText('No clusters connected yet'),
    ).toBeInTheDocument();
    expect(screen.getByText('critical')).toBeInTheDocument();
    expect(screen.getByText('15m (default)')).toBeInTheDocument();
    expect(screen.getByText('rolling (default)')).toBeInTheDocument();
    expect(
      screen.getByText('1 annotation needs attention'),
    ).toBeInTheDocument();
    expect(screen.getByText('delivery/strategy')).toBeInTheDocument();
    expect(
      within(screen.getByLabelText('environments')).getByText('production'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Not running in any environment yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /production environments \(marked with a lock\) need the platform team/i,
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('No delivery runs recorded yet'),
    ).toBeInTheDocument();
  });

  it('shows every Delivery card under its title, the rollout first and the run history last', async () => {
    renderTab(paymentService, {
      getHealth: async () => health,
      listRuns: async () => [],
    });
    await screen.findByText('No delivery runs recorded yet');
    expect(
      screen.getAllByRole('heading', { level: 2 }).map(h => h.textContent),
    ).toEqual([
      'Rollout',
      'Actions',
      'Service delivery',
      'Delivery setup',
      'DR readiness',
      'Cost',
      'DORA metrics',
      'Run history',
    ]);
  });

  it('lists the clusters it reads and marks sandbox ones', async () => {
    renderTab(paymentService, {
      getHealth: async () => ({
        ...health,
        clusters: [
          {
            name: 'production',
            environment: 'production',
            region: 'us-east-1',
            role: 'primary',
            sandbox: true,
          },
          {
            name: 'prod-eu',
            environment: 'production',
            region: 'eu-west-1',
            role: 'dr',
            sandbox: false,
          },
        ],
      }),
      listRuns: async () => [],
    });
    expect(await screen.findByText('eu-west-1')).toBeInTheDocument();
    expect(screen.getAllByText('sandbox')).toHaveLength(1);
    expect(
      screen.queryByText('No clusters connected yet'),
    ).not.toBeInTheDocument();
  });

  it('tells a component without delivery annotations which ones to add', async () => {
    renderTab(
      { ...paymentService, metadata: { name: 'bare' } },
      { getHealth: async () => health, listRuns: async () => [] },
    );
    expect(
      await screen.findByText('No delivery annotations on this component'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Add backstage.io\/kubernetes-id/),
    ).toBeInTheDocument();
  });

  it('lists recorded runs', async () => {
    const run: DeliveryRun = {
      id: 'r1',
      entityRef: 'component:default/payment-service',
      environment: 'staging',
      action: 'deploy',
      status: 'succeeded',
      initiatedBy: 'user:default/alice',
      inputs: {},
      summary: 'payment-service:1.4.0 is live on staging',
      startedAt: '2026-11-01T10:00:00Z',
      finishedAt: '2026-11-01T10:05:00Z',
    };
    const listRuns = jest.fn(async () => [run]);
    renderTab(paymentService, { getHealth: async () => health, listRuns });
    expect(
      await screen.findByText('payment-service:1.4.0 is live on staging'),
    ).toBeInTheDocument();
    expect(listRuns).toHaveBeenCalledWith({
      entityRef: 'component:default/payment-service',
      limit: 50,
    });
  });

  it('shows a failed request as a message with a retry, never a stack trace', async () => {
    const failure = await backendError({
      status: 403,
      statusText: 'Forbidden',
      name: 'NotAllowedError',
      message: 'Not allowed',
      stack: 'at secret.ts:1',
    });
    // Down until the retry; the Actions card reads it too and only loses its locks.
    let backendUp = false;
    const getHealth = jest.fn(async () => {
      if (!backendUp) throw failure;
      return health;
    });
    renderTab(paymentService, { getHealth, listRuns: async () => [] });
    expect(
      await screen.findByText('Could not reach the Delivery backend'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/secret\.ts/)).not.toBeInTheDocument();
    expect(
      screen.getByText(/did not say which environments are production/),
    ).toBeInTheDocument();
    backendUp = true;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() =>
      expect(screen.getByText('No clusters connected yet')).toBeInTheDocument(),
    );
  });
});
