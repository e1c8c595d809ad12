import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { OverviewRow } from '@internal/backstage-plugin-delivery-common';
import { deliveryApiRef } from '../api';
import { DeliveryOverviewContent } from '../components/DeliveryOverviewPage/DeliveryOverviewContent';

/**
 * The overview page's content over `rows`, with a backend that reports no clusters.
 *
 * Every refresh gets the same answer object: the page refreshes every 3 s, a test on a
 * busy machine outlives that, and a new answer rebuilds the table's rows, closing a
 * tooltip the test has just opened by hovering.
 */
export function renderOverview(rows: OverviewRow[]) {
  const overview = {
    version: 1 as const,
    generatedAt: '2026-11-23T12:00:00Z',
    clusters: [],
    rows,
  };
  return renderInTestApp(<DeliveryOverviewContent />, {
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
}
