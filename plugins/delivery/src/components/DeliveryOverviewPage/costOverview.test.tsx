import { OverviewRow } from '@internal/backstage-plugin-delivery-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { costEntries, groupCosts } from './costGroups';
import { overviewCsv } from './overviewCsv';
import { overviewRow } from '../../__testUtils__/overviewRow';
import { renderOverview } from '../../__testUtils__/renderOverview';

// Renders in a test app with Material UI and charts: seconds on a busy machine, where
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

const rowOf = (name: string) =>
  screen.getAllByRole('link', { name })[0].closest('tr')!;

/** The service names of the table's rows, top to bottom. */
function tableOrder(): string[] {
  const table = screen
    .getByText(`Services (${rows.length} rows)`)
    .closest('[class*="MuiPaper-root"]')! as HTMLElement;
  return within(table)
    .getAllByRole('link')
    .map(link => link.textContent ?? '');
}

const barsOf = (figure: HTMLElement) =>
  within(figure)
    .getAllByRole('img')
    .map(bar => bar.getAttribute('aria-label'));

describe('cost on the overview', () => {
  it("shows each service's monthly cost, marking a budget forecast or already over", async () => {
    await renderOverview(rows);
    expect(
      await screen.findByRole('columnheader', { name: /Cost \/ month/ }),
    ).toBeInTheDocument();

    const search = rowOf('search');
    expect(
      within(search).getByLabelText('monthly cost $1,235'),
    ).toHaveTextContent('$1,235');
    expect(within(search).queryByRole('img')).not.toBeInTheDocument();

    const paymentsRow = rowOf('payments');
    expect(
      within(paymentsRow).getByLabelText('monthly cost $500'),
    ).toBeVisible();
    const forecastOver = within(paymentsRow).getByRole('img', {
      name: 'Forecast over budget',
    });
    await userEvent.hover(forecastOver);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'at the current run rate this month will cost more than the budget',
    );
    await userEvent.unhover(forecastOver);

    expect(
      within(rowOf('ledger')).getByRole('img', { name: 'Over budget' }),
    ).toBeInTheDocument();
    expect(within(rowOf('billing')).queryByRole('img')).not.toBeInTheDocument();
    expect(
      within(rowOf('labs')).getByLabelText('monthly cost not priced yet'),
    ).toHaveTextContent('—');
  });

  it('sorts by monthly cost, unpriced services below the cheapest', async () => {
    await renderOverview(rows);
    await screen.findByRole('columnheader', { name: /Cost \/ month/ });
    const sortByCost = () =>
      userEvent.click(screen.getByText('Cost / month', { selector: 'th *' }));
    await sortByCost();
    expect(tableOrder()).toEqual([
      'labs',
      'billing',
      'ledger',
      'payments',
      'payments',
      'search',
    ]);
    await sortByCost();
    expect(tableOrder()).toEqual([
      'search',
      'payments',
      'payments',
      'ledger',
      'billing',
      'labs',
    ]);
  });

  it('charts the cost by team and by system, each service once however many clusters it runs in', async () => {
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
    await userEvent.click(screen.getByLabelText('system'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'propertyos' }),
    );
    expect(
      await screen.findByText('Monthly cost — $900.40 for 3 services'),
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
    expect(groupCosts(costEntries(rows), 'system')).toContainEqual({
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
    expect(exported).toHaveLength(1);
    const [header, ...lines] = (await exported[0].text()).trim().split('\r\n');
    const columns = header.split(',');
    const at = (line: string, column: string) =>
      line.split(',')[columns.indexOf(column)];
    expect(columns).toEqual(
      expect.arrayContaining(['monthlyCostUsd', 'budgetStatus']),
    );
    expect(lines.map(line => at(line, 'service'))).toEqual(
      rows.map(r => r.name),
    );
    expect(lines.map(line => at(line, 'monthlyCostUsd'))).toEqual([
      '500',
      '500',
      '300.4',
      '1234.56',
      '',
      '100',
    ]);
    expect(lines.map(line => at(line, 'budgetStatus'))).toEqual([
      'forecast-over',
      'forecast-over',
      'over',
      'under',
      '',
      '',
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
