import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { DeliveryOverview } from '@internal/backstage-plugin-delivery-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { deliveryApiRef } from '../../api';
import { DeliveryOverviewContent } from './DeliveryOverviewContent';
import { overviewCsv } from './overviewCsv';
import { applyFilters, countByState } from './overviewFilters';
import { overviewRow } from '../../__testUtils__/overviewRow';

// Renders in a test app with Material UI and charts: seconds on a busy machine, where
// jest's 5 s default is meant for unit tests.
jest.setTimeout(30_000);

const row = overviewRow;

const rows = [
  row('payment-service'),
  row('payment-service', {
    cluster: 'staging',
    environment: 'staging',
    state: 'failing',
    summary: 'crash',
  }),
  row('pms-app', {
    owner: 'group:default/pms-team',
    system: 'pms',
    tier: 'standard',
    state: 'progressing',
  }),
];

describe('overview helpers', () => {
  it('filters by any combination of fields and counts by state', () => {
    expect(
      applyFilters(rows, { environment: 'production' }).map(r => r.name),
    ).toEqual(['payment-service', 'pms-app']);
    expect(
      applyFilters(rows, {
        owner: 'group:default/pms-team',
        state: 'complete',
      }),
    ).toEqual([]);
    expect(countByState(rows)).toEqual({
      complete: 1,
      failing: 1,
      progressing: 1,
    });
  });

  it('exports CSV that quotes commas and quotes, and neutralises formulas', () => {
    const csv = overviewCsv([
      row('x', { summary: 'a, "b"', owner: '=HYPERLINK("evil")' }),
    ]);
    const [header, line] = csv.trim().split('\r\n');
    expect(header.split(',')[0]).toBe('service');
    expect(line).toContain('"a, ""b"""');
    expect(line).toContain(`"'=HYPERLINK(""evil"")"`);
  });
});

describe('DeliveryOverviewContent', () => {
  const overview: DeliveryOverview = {
    version: 1,
    generatedAt: '2026-11-23T12:00:00Z',
    clusters: [],
    rows,
  };

  it('lists every row with counts by state, and filters', async () => {
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
    expect(within(counts).getByText('Failing')).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('environment'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'staging' }),
    );
    expect(await screen.findByText('Services (1 rows)')).toBeInTheDocument();
  });

  it('says so when no service has workloads', async () => {
    await renderInTestApp(<DeliveryOverviewContent />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        [
          deliveryApiRef,
          {
            getOverview: async () => ({ ...overview, rows: [] }),
            getHealth: async () => ({
              status: 'ok' as const,
              environments: [],
              clusters: [],
            }),
          },
        ],
      ],
    });
    expect(
      await screen.findByText('No services with workloads'),
    ).toBeInTheDocument();
  });
});
