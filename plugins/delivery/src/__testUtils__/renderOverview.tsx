import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  ClusterSnapshot,
  DEFAULT_DORA_THRESHOLDS,
  DeliveryOverview,
  DoraSummary,
  doraWindow,
  OverviewRow,
} from '@internal/backstage-plugin-delivery-common';
import { screen, within } from '@testing-library/react';
import { deliveryApiRef } from '../api';
import { DeliveryOverviewContent } from '../components/DeliveryOverviewPage/DeliveryOverviewContent';

const cluster = (
  name: string,
  environment: string,
  extra: Partial<ClusterSnapshot> = {},
): ClusterSnapshot => ({
  name,
  environment,
  role: 'primary',
  sandbox: true,
  state: 'ok',
  ...extra,
});

/** Staging, production and production's DR site in eu-west, in the configuration's order. */
export const TEST_CLUSTERS: ClusterSnapshot[] = [
  cluster('staging', 'staging'),
  cluster('production', 'production', { region: 'us-east' }),
  cluster('prod-dr', 'production', { role: 'dr', region: 'eu-west' }),
];

/**
 * The overview page's content over `rows`.
 *
 * Every refresh gets the same answer object: the page refreshes every 3 s, a test on a
 * busy machine outlives that, and a new answer rebuilds the table's rows, closing a
 * tooltip the test has just opened by hovering.
 */
export function renderOverview(
  rows: OverviewRow[],
  clusters: ClusterSnapshot[] = TEST_CLUSTERS,
  dora: Pick<DoraSummary, 'services'> = { services: [] },
) {
  const doraSummary: DoraSummary = {
    window: doraWindow(new Date('2026-11-23T12:00:00Z'), 30),
    thresholds: DEFAULT_DORA_THRESHOLDS,
    teams: [],
    ...dora,
  };
  const overview: DeliveryOverview = {
    version: 1,
    generatedAt: '2026-11-23T12:00:00Z',
    clusters,
    rows,
  };
  return renderInTestApp(<DeliveryOverviewContent />, {
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    apis: [
      [
        deliveryApiRef,
        {
          getOverview: async () => overview,
          getDoraSummary: async () => doraSummary,
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

/** The matrix's row of the service whose name links to it. */
export function serviceRow(name: string): HTMLElement {
  return screen
    .getAllByRole('link', { name })
    .map(link => link.closest('tr'))
    .find(Boolean)! as HTMLElement;
}

/** The service names of the matrix's rows on this page, top to bottom. */
export function matrixOrder(): string[] {
  const table = screen
    .getAllByRole('grid')
    .find(grid => within(grid).queryAllByRole('columnheader').length > 0)!;
  return within(table)
    .getAllByRole('link')
    .map(link => link.textContent ?? '');
}

/** Picks `option` in the select labelled `label` as a user does. */
export async function choose(
  user: { click: (element: Element) => Promise<void> },
  label: string,
  option: string,
) {
  await user.click(
    screen.getByRole('button', { name: new RegExp(` ${label}$`) }),
  );
  await user.click(await screen.findByRole('option', { name: option }));
}
