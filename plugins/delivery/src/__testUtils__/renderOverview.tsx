import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { OverviewRow } from '@internal/backstage-plugin-delivery-common';
import { deliveryApiRef } from '../api';
import { DeliveryOverviewContent } from '../components/DeliveryOverviewPage/DeliveryOverviewContent';

/** The overview page's content over `rows`, with a backend that reports no clusters. */
export function renderOverview(rows: OverviewRow[]) {
  return renderInTestApp(<DeliveryOverviewContent />, {
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    apis: [
      [
        deliveryApiRef,
        {
          getOverview: async () => ({
            version: 1,
            generatedAt: '2026-11-23T12:00:00Z',
            clusters: [],
            rows,
          }),
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
