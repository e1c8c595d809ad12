import { OverviewRow } from '@internal/backstage-plugin-delivery-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { costEntries, groupCosts } from './costGroups';
import { overviewCsv } from './overviewCsv';
import { overviewRow } from '../../__testUtils__/overviewRow';
import {
  choose,
  matrixOrder,
  renderOverview,
  serviceRow,
} from '../../__testUtils__/renderOverview';

// Renders in a test app with charts: seconds on a busy machine, where
// jest's 5 s default is meant for unit tests.
jest.setTimeout(30_000);

const row = overviewRow;

// payments runs in two clusters and must count once in the charts; labs is not priced.
const payments = { monthlyUsd: 500, budgetStatus: 'forecast-over' as const };
const rows: OverviewRow[] = [
  row('payments', { cost: payments }),
  row('payments', { cluster: 'prod-dr', role: 'dr', cost: payments }),
  row('ledger', { cost: { monthlyUsd: 300.4, budgetStatus: 'over' } }),
  row('search', {
    owner: 'group:default/search-team',
    system: 'discovery',
    cost: { monthlyUsd: 1234.56, budgetStatus: 'under' },
  }),
  row('labs', { owner: 'group:default/labs-team', system: undefined }),
  row('billing', {
    owner: 'group:default/billing-team',
    cost: { monthlyUsd: 100 },
  }),
];

const barsOf = (figure: HTMLElement) =>
  within(figure)
    .getAllByRole('img')
    .map(bar => bar.getAttribute('aria-label'));

describe('cost on the overview', () => {
  it("shows each service's monthly cost once, marking a budget forecast or already over", async () => {
    await renderOverview(rows);
    expect(
      await screen.findByRole('columnheader', { name: 'Cost / month' }),
    ).toBeInTheDocument();

    const search = serviceRow('search');
    expect(
      within(search).getByLabelText('monthly cost $1,235'),
    ).toHaveTextContent('$1,235');
    expect(within(search).queryByRole('img')).not.toBeInTheDocument();

    const paymentsRow = serviceRow('payments');
    expect(within(paymentsRow).getAllByLabelText(/^monthly cost/)).toHaveLength(
      1,
    );
    const forecastOver = within(paymentsRow).getByRole('img', {
      name: 'Forecast over budget',
    });
    // Hovering says what the mark means.
    expect(forecastOver.closest('[title]')).toHaveAttribute(
      'title',
      expect.stringContaining(
        'at the current run rate this month will cost more than the budget',
      ),
    );

    expect(
      within(serviceRow('ledger')).getByRole('img', { name: 'Over budget' }),
    ).toBeInTheDocument();
    expect(
      within(serviceRow('billing')).queryByRole('img'),
    ).not.toBeInTheDocument();
    expect(
      within(serviceRow('labs')).getByLabelText('monthly cost not priced yet'),
    ).toHaveTextContent('—');
  });

  it('sorts by monthly cost within each team, highest first, unpriced last; filters by budget', async () => {
    const user = userEvent.setup();
    await renderOverview(rows);
    await screen.findByRole('columnheader', { name: 'Cost / month' });
    await choose(user, 'Sort by', 'Cost, highest first');
    // Teams by name (billing, labs, payments, search), each in cost order.
    expect(matrixOrder()).toEqual([
      'billing',
      'labs',
      'payments',
      'ledger',
      'search',
    ]);
    await user.click(screen.getByRole('radio', { name: 'By system' }));
    expect(matrixOrder()).toEqual([
      'search',
      'payments',
      'ledger',
      'billing',
      'labs',
    ]);
    await choose(user, 'Budget', 'Over budget');
    expect(matrixOrder()).toEqual(['ledger']);
  });

  it('charts the cost by team and by system, each service once however many clusters it runs in', async () => {
    const user = userEvent.setup();
    await renderOverview(rows);
    const summary = await screen.findByLabelText('monthly cost');
    expect(summary).toHaveTextContent(
      'Monthly cost — $2,134.96 for 4 services; 1 not priced yet',
    );
    expect(
      barsOf(screen.getByRole('figure', { name: 'monthly cost by team' })),
    ).toEqual([
      'search-team: $1,234.56 a month, 1 service',
      'payments-team: $800.40 a month, 2 services',
      'billing-team: $100.00 a month, 1 service',
    ]);
    expect(
      barsOf(screen.getByRole('figure', { name: 'monthly cost by system' })),
    ).toEqual([
      'discovery: $1,234.56 a month, 1 service',
      'propertyos: $900.40 a month, 3 services',
    ]);

    // Filtering recounts what is shown.
    await user.type(screen.getByRole('searchbox'), 'propertyos');
    expect(
      await screen.findByText('Monthly cost — $900.40 for 3 services'),
    ).toBeInTheDocument();

    // One service left: the caption says so in the singular.
    await user.clear(screen.getByRole('searchbox'));
    await user.type(screen.getByRole('searchbox'), 'discovery');
    expect(
      await screen.findByText('Monthly cost — $1,234.56 for 1 service'),
    ).toBeInTheDocument();
  });

  it('keeps the ten most expensive groups and adds up the rest in one bar', () => {
    const many = Array.from({ length: 12 }, (_, index) =>
      row(`service-${index + 1}`, {
        owner: `group:default/team-${index + 1}`,
        cost: { monthlyUsd: (index + 1) * 10 },
      }),
    );
    const groups = groupCosts(costEntries(many), 'owner');
    expect(groups.map(group => group.name)).toEqual([
      'team-12',
      'team-11',
      'team-10',
      'team-9',
      'team-8',
      'team-7',
      'team-6',
      'team-5',
      'team-4',
      'team-3',
      'other teams',
    ]);
    expect(groups[10]).toEqual({
      name: 'other teams',
      monthlyUsd: 30,
      services: 2,
    });
    // Each service once, as the page passes them.
    const services = rows.filter(
      (service, index) =>
        rows.findIndex(other => other.entityRef === service.entityRef) ===
        index,
    );
    expect(groupCosts(costEntries(services), 'system')).toContainEqual({
      name: 'propertyos',
      monthlyUsd: 900.4,
      services: 3,
    });
  });

  it('exports the monthly cost and the budget status in the CSV', async () => {
    const exported: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: jest.fn((blob: Blob) => {
        exported.push(blob);
        return 'blob:overview';
      }),
      revokeObjectURL: jest.fn(),
    });
    await renderOverview(rows);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export CSV' }),
    );
    // A line per service and cluster, services in the order shown (by team, by name).
    expect(exported).toHaveLength(1);
    const [header, ...lines] = (await exported[0].text()).trim().split('\r\n');
    const columns = header.split(',');
    const at = (line: string, column: string) =>
      line.split(',')[columns.indexOf(column)];
    expect(columns).toEqual(
      expect.arrayContaining(['monthlyCostUsd', 'budgetStatus']),
    );
    expect(lines.map(line => at(line, 'service'))).toEqual([
      'billing',
      'labs',
      'ledger',
      'payments',
      'payments',
      'search',
    ]);
    expect(lines.map(line => at(line, 'monthlyCostUsd'))).toEqual([
      '100',
      '',
      '300.4',
      '500',
      '500',
      '1234.56',
    ]);
    expect(lines.map(line => at(line, 'budgetStatus'))).toEqual([
      '',
      '',
      'over',
      'forecast-over',
      'forecast-over',
      'under',
    ]);
  });

  it('leaves the cost cells empty in the CSV when the service is not priced', () => {
    const [header, line] = overviewCsv([row('labs')])
      .trim()
      .split('\r\n');
    const columns = header.split(',');
    const cells = line.split(',');
    expect(cells[columns.indexOf('monthlyCostUsd')]).toBe('');
    expect(cells[columns.indexOf('budgetStatus')]).toBe('');
  });
});
