import { DeliveryOverview } from '@internal/backstage-plugin-delivery-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { overviewRow } from '../../__testUtils__/overviewRow';
import {
  choose,
  matrixOrder,
  renderOverview,
  serviceRow,
  TEST_CLUSTERS,
} from '../../__testUtils__/renderOverview';
import {
  filterServices,
  pageItems,
  sortServices,
  groupSizes,
} from './matrixQuery';
import { overviewCsv } from './overviewCsv';
import { buildServiceMatrix } from './serviceMatrix';

// Renders in a test app with charts: seconds on a busy machine, where jest's 5 s default
// is meant for unit tests.
jest.setTimeout(30_000);

const row = overviewRow;

const rows = [
  row('payment-service', { ready: 3, desired: 4 }),
  row('payment-service', {
    cluster: 'staging',
    environment: 'staging',
    version: '1.5.0',
    state: 'failing',
    summary: 'crash',
    lastChangeAt: '2026-11-23T11:55:00Z',
  }),
  row('payment-service', {
    cluster: 'prod-dr',
    role: 'dr',
    ready: 2,
    desired: 2,
  }),
  row('pms-app', {
    owner: 'group:default/pms-team',
    system: 'pms',
    tier: 'standard',
    state: 'progressing',
  }),
];

const overview: DeliveryOverview = {
  version: 1,
  generatedAt: '2026-11-23T12:00:00Z',
  clusters: TEST_CLUSTERS,
  rows,
};

describe('the service matrix', () => {
  it('has one entry per service, its placements under their environments, DR apart', () => {
    const matrix = buildServiceMatrix(overview);
    expect(matrix.environments).toEqual(['staging', 'production']);
    expect(matrix.services.map(s => s.name)).toEqual([
      'payment-service',
      'pms-app',
    ]);
    const payments = matrix.services[0];
    expect(
      payments.environments.production.primary.map(r => r.cluster),
    ).toEqual(['production']);
    expect(payments.environments.production.dr.map(r => r.cluster)).toEqual([
      'prod-dr',
    ]);
    expect([...payments.states].sort()).toEqual(['complete', 'failing']);
  });

  it('filters on a state in any environment, owner, tier, budget and search', () => {
    const { services } = buildServiceMatrix(overview);
    const names = (filters: Parameters<typeof filterServices>[1]) =>
      filterServices(services, filters).map(s => s.name);
    expect(names({ state: 'failing' })).toEqual(['payment-service']);
    expect(names({ state: 'complete' })).toEqual(['payment-service']);
    expect(names({ owner: 'group:default/pms-team' })).toEqual(['pms-app']);
    expect(names({ tier: 'critical' })).toEqual(['payment-service']);
    expect(names({ budget: 'unpriced' })).toEqual([
      'payment-service',
      'pms-app',
    ]);
    expect(names({ budget: 'over' })).toEqual([]);
    expect(names({ search: 'PMS' })).toEqual(['pms-app']);
    expect(names({ search: 'propertyos' })).toEqual(['payment-service']);
  });

  it('heads each group once per page and says when a group goes on from the page before', () => {
    const { services } = buildServiceMatrix(overview);
    const sorted = sortServices(services, 'name', 'system');
    const sizes = groupSizes(sorted, 'system');
    expect(
      pageItems(sorted, 'system', sizes, 0, 50).map(item =>
        item.kind === 'group' ? `# ${item.name}` : item.service.name,
      ),
    ).toEqual(['# pms', 'pms-app', '# propertyos', 'payment-service']);
    const second = pageItems(
      sorted,
      'owner',
      groupSizes(sorted, 'owner'),
      1,
      1,
    );
    expect(second[0]).toMatchObject({ kind: 'group', continued: false });
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
  it('shows each service once, one column per environment in the configured order', async () => {
    await renderOverview(rows);
    expect(
      await screen.findByRole('heading', { name: 'Services (2 of 2)' }),
    ).toBeInTheDocument();
    const headers = screen
      .getAllByRole('columnheader')
      .map(header => header.textContent);
    expect(headers).toEqual([
      'Service',
      'staging',
      'production',
      'DR readiness',
      'Cost / month',
      'Production DORA',
    ]);

    const payments = serviceRow('payment-service');
    const [staging, production] = within(payments)
      .getAllByRole('gridcell')
      .slice(0, 2);
    expect(staging).toHaveTextContent('1.5.0 · 4/4');
    expect(staging).toHaveTextContent('Failing · 5m ago');
    expect(production).toHaveTextContent('1.4.0 · 3/4');
    expect(production).toHaveTextContent('Complete · 2h ago');
    expect(
      within(production).getByLabelText('DR eu-west: Complete'),
    ).toHaveTextContent('DR eu-west: complete 2/2');
    expect(payments).toHaveTextContent('payments-team · propertyos');

    const pms = serviceRow('pms-app');
    expect(within(pms).getByLabelText('not in staging')).toHaveTextContent('—');

    const counts = screen.getByLabelText('counts by state');
    expect(within(counts).getByText('Failing')).toBeInTheDocument();
    expect(counts).toHaveTextContent('Complete2');
  });

  it('groups by team or by system, and filters by a state in any environment', async () => {
    const user = userEvent.setup();
    await renderOverview(rows);
    await screen.findByRole('heading', { name: 'Services (2 of 2)' });
    // Each row's first cell: a group's heading, or a service's name.
    const rowTexts = () =>
      screen
        .getAllByRole('row')
        .map(
          tableRow =>
            tableRow.querySelector('[role="gridcell"], [role="rowheader"]')
              ?.textContent,
        );
    expect(rowTexts()).toEqual(
      expect.arrayContaining(['payments-team (1)', 'pms-team (1)']),
    );

    await user.click(screen.getByRole('radio', { name: 'By system' }));
    await waitFor(() =>
      expect(rowTexts()).toEqual(
        expect.arrayContaining(['pms (1)', 'propertyos (1)']),
      ),
    );
    expect(rowTexts()).not.toContain('pms-team (1)');

    await choose(user, 'State', 'Failing');
    expect(
      await screen.findByRole('heading', { name: 'Services (1 of 2)' }),
    ).toBeInTheDocument();
    expect(matrixOrder()).toEqual(['payment-service']);
  });

  it('searches by name, owner or system', async () => {
    const user = userEvent.setup();
    await renderOverview(rows);
    await screen.findByRole('heading', { name: 'Services (2 of 2)' });
    await user.type(screen.getByRole('searchbox'), 'pms-team');
    expect(
      await screen.findByRole('heading', { name: 'Services (1 of 2)' }),
    ).toBeInTheDocument();
    expect(matrixOrder()).toEqual(['pms-app']);
  });

  it('says so when no service has workloads', async () => {
    await renderOverview([]);
    expect(
      await screen.findByText('No services with workloads'),
    ).toBeInTheDocument();
  });
});
