import { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { computeRollout } from '@internal/backstage-plugin-delivery-common';
import { screen } from '@testing-library/react';
import { DeliveryApi, deliveryApiRef } from '../api';
import { rolloutEntityCard, runHistoryEntityCard } from './entityCards';

// Renders in a test app with Material UI tables: seconds on a busy machine.
jest.setTimeout(30_000);

const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments',
    annotations: {
      'backstage.io/kubernetes-id': 'payments',
      'delivery/environments': 'staging,production',
    },
  },
  spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
};

const unrelated: Entity = {
  ...payments,
  metadata: { name: 'docs-site', annotations: {} },
};

const deployment = {
  namespace: 'payments',
  name: 'payments',
  uid: 'd',
  generation: 2,
  observedGeneration: 2,
  desired: 3,
  paused: false,
  strategyType: 'RollingUpdate' as const,
  image: 'ghcr.io/x/payments:1.4.2',
  replicas: 3,
  updated: 3,
  ready: 3,
  available: 3,
  conditions: [],
  createdAt: '2026-01-01T00:00:00Z',
};

const api: Partial<DeliveryApi> = {
  getRollouts: async ({ entityRef }) => ({
    entityRef,
    kubernetesId: 'payments',
    clusters: [
      {
        cluster: {
          name: 'prod-east',
          environment: 'production',
          role: 'primary',
          sandbox: false,
          state: 'ok',
          syncedAt: new Date().toISOString(),
        },
        rollout: computeRollout(
          {
            deployments: [deployment],
            replicaSets: [],
            pods: [],
            hpas: [],
          },
          Date.now(),
        ),
      },
    ],
  }),
  listRuns: async () => [],
};

describe('the Delivery entity cards', () => {
  it('offer the Rollout card on components Delivery can find, and draw it with its data', async () => {
    const tester = createExtensionTester(rolloutEntityCard);
    const shows = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(shows(payments)).toBe(true);
    expect(shows(unrelated)).toBe(false);
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('content');

    renderInTestApp(
      <EntityProvider entity={payments}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[deliveryApiRef, api]] },
    );
    // The card loads lazily, as on the overview, behind the extension's boundary.
    expect(
      await screen.findByText('prod-east', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Rollout' })).toBeVisible();
    expect(screen.getByText('3/3')).toBeInTheDocument();
  });

  it('let an app narrow where a card shows with its own filter', () => {
    const tester = createExtensionTester(runHistoryEntityCard, {
      config: { filter: { 'spec.lifecycle': 'experimental' } },
    });
    const shows = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(shows(payments)).toBe(false);
  });
});
