import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { DeliveryOverview } from '@internal/backstage-plugin-delivery-common';
import { screen, within } from '@testing-library/react';
import { deliveryApiRef } from '../../api';
import { overviewRow } from '../../__testUtils__/overviewRow';
import { DeliveryOverviewContent } from './DeliveryOverviewContent';

// Renders in a test app with Material UI and charts: seconds on a busy machine.
jest.setTimeout(30_000);

const overview: DeliveryOverview = {
  version: 1,
  generatedAt: '2026-12-07T02:00:00Z',
  clusters: [],
  rows: [
    overviewRow('capsight-backend', {
      cluster: 'staging',
      environment: 'staging',
      state: 'paused',
      summary: 'rollout of 1.3.0 is paused at step 1/6 (CanaryPauseStep)',
      argo: { step: '1/6', setWeightPercent: 25 },
    }),
    overviewRow('capsight-worker', {
      cluster: 'staging',
      environment: 'staging',
      state: 'aborted',
      summary: 'rollout of 2.0.0 aborted; 1.9.0 keeps serving',
      argo: { step: '4/6', setWeightPercent: 0 },
    }),
    overviewRow('payment-service'),
  ],
};

describe('the overview for services Argo Rollouts run', () => {
  it('shows paused and aborted Rollouts with their step and weight', async () => {
    await renderInTestApp(<DeliveryOverviewContent />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        [
          deliveryApiRef,
          {
            getOverview: async () => overview,
            getHealth: async () => ({
              status: 'ok' as const,
              environments: [],
              clusters: [],
            }),
          },
        ],
      ],
    });
    expect(await screen.findByText('Services (3 rows)')).toBeInTheDocument();
    const counts = screen.getByLabelText('counts by state');
    expect(within(counts).getByText('Aborted')).toBeInTheDocument();
    expect(within(counts).getByText('Paused')).toBeInTheDocument();

    const paused = screen.getByText('capsight-backend').closest('tr')!;
    expect(within(paused).getByText('Paused')).toBeInTheDocument();
    expect(within(paused).getByLabelText('Argo Rollout')).toHaveTextContent(
      'step 1/6 · weight 25%',
    );
    const aborted = screen.getByText('capsight-worker').closest('tr')!;
    expect(within(aborted).getByText('Aborted')).toBeInTheDocument();
    expect(within(aborted).getByLabelText('Argo Rollout')).toHaveTextContent(
      'step 4/6 · weight 0%',
    );
    const plain = screen.getByText('payment-service').closest('tr')!;
    expect(
      within(plain).queryByLabelText('Argo Rollout'),
    ).not.toBeInTheDocument();
  });
});
