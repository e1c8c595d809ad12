import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  BudgetAssessment,
  CostAnswer,
  CostClusterLine,
  estimateEnvironmentCost,
  ResourcePrices,
} from '@internal/backstage-plugin-delivery-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { CostCard } from './CostCard';
import { backendError } from '../../__testUtils__/backendError';

// Renders in a test app with Material UI and charts: seconds on a busy machine, where
// jest's 5 s default is meant for unit tests.
jest.setTimeout(30_000);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payment-service',
    annotations: { 'backstage.io/kubernetes-id': 'payment-service' },
  },
  spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
};

// The worked example of docs/cost.md, plus a DR cluster: the figures below are the
// document's, worked by hand, so the card is checked against the formula, not itself.
const stagingPrices: ResourcePrices = {
  vcpuHour: 0.04,
  gibHour: 0.005,
  storageGibMonth: 0.1,
  discounts: { spot: 0.7, reserved: 0.4 },
};
const productionPrices: ResourcePrices = {
  vcpuHour: 0.05,
  gibHour: 0.005,
  storageGibMonth: 0.12,
  discounts: { spot: 0.65, reserved: 0.4 },
};
const GIB = 2 ** 30;
const api = (replicas: number, hpa = { min: 2, max: 6 }) => ({
  name: 'payments-api',
  cpuMillicores: 500,
  memoryBytes: GIB,
  replicas,
  hpa,
});
const worker = {
  name: 'payments-worker',
  cpuMillicores: 250,
  memoryBytes: GIB / 2,
  replicas: 2,
};

const staging: CostClusterLine = {
  environment: 'staging',
  cluster: 'staging',
  role: 'primary',
  region: 'us-east-1',
  prices: stagingPrices,
  purchase: 'on-demand',
  estimate: estimateEnvironmentCost(
    { deployments: [api(3), worker], storageGib: 20 },
    stagingPrices,
  ),
};
const production: CostClusterLine = {
  environment: 'production',
  cluster: 'production',
  role: 'primary',
  region: 'us-east-1',
  prices: productionPrices,
  purchase: 'reserved',
  estimate: estimateEnvironmentCost(
    { deployments: [api(4), worker], storageGib: 20, purchase: 'reserved' },
    productionPrices,
  ),
  measured: {
    cpu: 55.1,
    memory: 12.62,
    storage: 2.4,
    total: 70.12,
    source: 'opencost',
    window: { start: '2026-01-12T09:30:00Z', end: '2026-02-11T09:30:00Z' },
  },
};
const productionDr: CostClusterLine = {
  environment: 'production',
  cluster: 'prod-dr',
  role: 'dr',
  region: 'us-west-2',
  prices: productionPrices,
  purchase: 'on-demand',
  estimate: estimateEnvironmentCost(
    { deployments: [api(1, { min: 1, max: 6 })] },
    productionPrices,
  ),
};

const underBudget: BudgetAssessment = {
  status: 'under',
  budget: {
    scope: 'service',
    owner: 'component:default/payment-service',
    amountUsd: 150,
  },
  month: '2026-02',
  actualUsd: 41.4,
  forecastUsd: 130.79,
  headroomUsd: 19.21,
};

const answer: CostAnswer = {
  entityRef: 'component:default/payment-service',
  source: 'opencost',
  monthly: { current: 165, atMin: 120.47, atMax: 355.53 },
  measuredMonthly: 70.12,
  clusters: [staging, production, productionDr],
  budget: underBudget,
  trend: [
    { day: '2026-02-09', monthlyUsd: 143.1 },
    { day: '2026-02-10', monthlyUsd: 165 },
  ],
  generatedAt: '2026-02-11T09:30:00.000Z',
};

function renderCard(getCost: DeliveryApi['getCost'], shown = entity) {
  return renderInTestApp(
    <EntityProvider entity={shown}>
      <CostCard />
    </EntityProvider>,
    { apis: [[deliveryApiRef, { getCost }]] },
  );
}

/** The cells of a row, as read left to right. */
const cellsOf = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map(cell => cell.textContent);

const clusterRow = (cluster: string) =>
  document.querySelector<HTMLElement>(`tr[data-cluster="${cluster}"]`)!;

describe('CostCard', () => {
  it('shows the monthly total now, its range at the HPA minimum and maximum, and the measured total', async () => {
    const getCost = jest.fn(async () => answer);
    await renderCard(getCost);
    expect(await screen.findByLabelText('monthly cost now')).toHaveTextContent(
      'Now, a month$165.00',
    );
    expect(
      screen.getByLabelText('range at HPA minimum to maximum'),
    ).toHaveTextContent('$120.47 – $355.53');
    expect(screen.getByLabelText('measured monthly cost')).toHaveTextContent(
      '$70.12by opencost, in 1 of 3 clusters',
    );
    expect(getCost).toHaveBeenCalledWith({
      entityRef: 'component:default/payment-service',
    });
  });

  it('has a line per cluster with the DR cluster marked, the purchase option, current, min, max and what was measured', async () => {
    await renderCard(async () => answer);
    const table = await screen.findByRole('table', { name: 'cost by cluster' });
    expect(cellsOf(clusterRow('staging'))).toEqual([
      '',
      'staging',
      'stagingus-east-1 · 2 Deployments',
      'on demand',
      '$75.00',
      '$56.75',
      '$129.75',
      'not measured',
    ]);
    expect(cellsOf(clusterRow('production'))).toEqual([
      '',
      'production',
      'productionus-east-1 · 2 Deployments',
      'reserved, 40 % off',
      '$68.10',
      '$41.82',
      '$94.38',
      '$70.12opencost, 2026-01-12 to 2026-02-11',
    ]);
    const dr = clusterRow('prod-dr');
    expect(within(dr).getByText('DR')).toBeInTheDocument();
    expect(within(clusterRow('production')).queryByText('DR')).toBeNull();
    expect(cellsOf(dr).slice(3)).toEqual([
      'on demand',
      '$21.90',
      '$21.90',
      '$131.40',
      'not measured',
    ]);
    expect(cellsOf(within(table).getByRole('row', { name: 'total' }))).toEqual([
      '',
      'Total a month',
      '$165.00',
      '$120.47',
      '$355.53',
      '$70.12',
    ]);
    await userEvent.hover(within(clusterRow('staging')).getByText('$75.00'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'CPU $58.40, memory $14.60, storage $2.00',
    );
  });

  it("opens a cluster to its Deployments' replicas and cost, and the storage line", async () => {
    await renderCard(async () => answer);
    const toggle = await screen.findByRole('button', {
      name: 'Deployments in production',
    });
    expect(
      screen.queryByRole('table', { name: 'Deployments in production' }),
    ).not.toBeInTheDocument();
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    const lines = await screen.findByRole('table', {
      name: 'Deployments in production',
    });
    const rows = within(lines).getAllByRole('row').slice(1).map(cellsOf);
    expect(rows).toEqual([
      [
        'payments-api',
        '4 / 2 / 6',
        'reserved, 40 % off',
        '$52.56',
        '$26.28',
        '$78.84',
      ],
      [
        'payments-worker',
        '2 / 2 / 2',
        'reserved, 40 % off',
        '$13.14',
        '$13.14',
        '$13.14',
      ],
      [
        'Persistent storage',
        '—',
        'never discounted',
        '$2.40',
        '$2.40',
        '$2.40',
      ],
    ]);
    expect(
      screen.queryByRole('table', { name: 'Deployments in staging' }),
    ).not.toBeInTheDocument();
  });

  it("shows the service's budget: amount, whose, spent so far, forecast, headroom and status", async () => {
    await renderCard(async () => answer);
    const budget = await screen.findByLabelText('budget');
    expect(within(budget).getByText('Under budget')).toBeInTheDocument();
    expect(within(budget).getByLabelText('Budget')).toHaveTextContent(
      '$150.00',
    );
    expect(within(budget).getByLabelText('Spent so far')).toHaveTextContent(
      '$41.40',
    );
    expect(within(budget).getByLabelText('Forecast')).toHaveTextContent(
      '$130.79',
    );
    expect(within(budget).getByLabelText('Headroom')).toHaveTextContent(
      '$19.21',
    );
    expect(budget).toHaveTextContent('2026-02 (UTC)');
    expect(budget).toHaveTextContent(
      "The service's own budget (delivery/monthly-budget)",
    );
    expect(budget).toHaveTextContent(
      'A deploy or scale-up that would take the forecast over the budget needs the platform team.',
    );
  });

  it("colours a team's budget that the forecast goes over apart from one that is under", async () => {
    const { unmount } = await renderCard(async () => answer);
    const under = (await screen.findByText('Under budget')).closest(
      '[class*="MuiChip-root"]',
    )!;
    const underColour = getComputedStyle(under).backgroundColor;
    unmount();

    await renderCard(async () => ({
      ...answer,
      budget: {
        ...underBudget,
        status: 'forecast-over',
        budget: {
          scope: 'team',
          owner: 'group:default/payments-team',
          amountUsd: 125,
        },
        headroomUsd: -5.79,
      },
    }));
    const budget = await screen.findByLabelText('budget');
    const chip = within(budget)
      .getByText('Forecast over budget')
      .closest('[class*="MuiChip-root"]')!;
    expect(getComputedStyle(chip).backgroundColor).not.toBe(underColour);
    expect(within(budget).getByLabelText('Headroom')).toHaveTextContent(
      '-$5.79forecast above the budget',
    );
    expect(budget).toHaveTextContent(
      'The budget of the team payments-team, held against the spend of all its services.',
    );
    expect(budget).toHaveTextContent(
      'The forecast is over the budget: a deploy or scale-up that adds cost now needs the platform team.',
    );
  });

  it('says when the month has already cost more than the budget, and where to set one when there is none', async () => {
    const { unmount } = await renderCard(async () => ({
      ...answer,
      budget: {
        ...underBudget,
        status: 'over',
        budget: { ...underBudget.budget, amountUsd: 40 },
        headroomUsd: -90.79,
      },
    }));
    expect(
      within(await screen.findByLabelText('budget')).getByText('Over budget'),
    ).toBeInTheDocument();
    unmount();

    await renderCard(async () => ({ ...answer, budget: undefined }));
    expect(
      await screen.findByText(/No budget: set delivery\/monthly-budget/),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('budget')).not.toBeInTheDocument();
  });

  it('draws the daily monthly run rate', async () => {
    const { container } = await renderCard(async () => answer);
    expect(
      await screen.findByLabelText('monthly cost by day'),
    ).toHaveTextContent(
      'Monthly run rate from 2026-02-09 ($143.10) to 2026-02-10 ($165.00)',
    );
    expect(
      container.querySelectorAll('.recharts-line-curve').length,
    ).toBeGreaterThan(0);
    expect(
      screen.queryByText(/trend starts after the first daily snapshot/),
    ).not.toBeInTheDocument();
  });

  it('says the trend starts after the first daily snapshot while there is one point or none', async () => {
    await renderCard(async () => ({ ...answer, trend: [answer.trend[0]] }));
    expect(
      await screen.findByText(
        'The trend starts after the first daily snapshot.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByLabelText('monthly cost by day'),
    ).not.toBeInTheDocument();
  });

  it('says how the numbers are computed and with which prices', async () => {
    await renderCard(async () => answer);
    const method = await screen.findByLabelText('how this is computed');
    expect(method).toHaveTextContent(
      'CPU requests (vCPU) × replicas × price per vCPU-hour, plus memory requests (GiB) × replicas × price per GiB-hour, × 730 h a month, less the spot or reserved discount',
    );
    const prices = within(method)
      .getAllByRole('listitem')
      .map(item => item.textContent);
    expect(prices).toEqual([
      'staging: $0.04 per vCPU-hour, $0.005 per GiB-hour, $0.10 per GiB-month of storage, spot 70 % off, reserved 40 % off',
      'production, prod-dr: $0.05 per vCPU-hour, $0.005 per GiB-hour, $0.12 per GiB-month of storage, spot 65 % off, reserved 40 % off',
    ]);
  });

  it('shows right-sizing after the cluster table, and says when usage is not collected', async () => {
    const { unmount } = await renderCard(async () => answer);
    const table = await screen.findByRole('table', { name: 'cost by cluster' });
    const panel = screen.getByLabelText('right-sizing');
    expect(
      table.compareDocumentPosition(panel) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(
      within(panel).getByLabelText('right-sizing headline'),
    ).toHaveTextContent(/^Usage is not collected yet/);
    unmount();

    await renderCard(async () => ({
      ...answer,
      rightSizing: {
        deployments: [
          {
            cluster: 'production',
            namespace: 'payments',
            name: 'payments-api',
            status: 'recommend',
            current: { cpuMillicores: 500, memoryBytes: GIB },
            recommended: { cpuMillicores: 250, memoryBytes: GIB },
            replicas: { before: { p50: 4, p95: 4 }, after: { p50: 4, p95: 4 } },
            monthlyCost: {
              before: { cpu: 43.8, memory: 8.76, storage: 0, total: 52.56 },
              after: { cpu: 21.9, memory: 8.76, storage: 0, total: 30.66 },
            },
            monthlySaving: 21.9,
            explanation: ['CPU request 500m → 250m: p95 usage 200m × 1.2.'],
          },
        ],
        purchases: [],
        totalMonthlySaving: 21.9,
      },
    }));
    expect(
      await screen.findByLabelText('right-sizing headline'),
    ).toHaveTextContent(/^Save \$21\.90 a month$/);
    expect(
      within(
        screen.getByRole('table', { name: 'right-sizing by Deployment' }),
      ).getByRole('row', { name: 'payments-api in production' }),
    ).toHaveTextContent('500m → 250m');
  });

  it('says which label no cluster has when no workload was found', async () => {
    await renderCard(async () => ({
      ...answer,
      monthly: { current: 0, atMin: 0, atMax: 0 },
      measuredMonthly: undefined,
      clusters: [
        {
          ...staging,
          estimate: estimateEnvironmentCost({ deployments: [] }, stagingPrices),
        },
      ],
      trend: [],
    }));
    expect(
      await screen.findByText('No workloads found in any cluster'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /No connected cluster has Deployments labelled backstage.io\/kubernetes-id=payment-service/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'cost by cluster' }),
    ).not.toBeInTheDocument();
  });

  it('says which annotation to add when the component does not say how to find its workloads', async () => {
    await renderCard(async () => ({ ...answer, clusters: [], trend: [] }), {
      ...entity,
      metadata: { name: 'bare' },
    });
    expect(
      await screen.findByText('No workloads found in any cluster'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Add the backstage.io\/kubernetes-id annotation/),
    ).toHaveTextContent('delivery/environments');
  });

  it('shows a progress bar while loading', async () => {
    await renderCard(() => new Promise(() => {}));
    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });

  it('shows a failed request as its message with a retry, never a stack trace', async () => {
    const failure = await backendError({
      status: 500,
      statusText: 'Internal Server Error',
      name: 'Error',
      message: 'OpenCost in production timed out',
      stack: 'at costService.ts:12',
    });
    let up = false;
    await renderCard(async () => {
      if (!up) throw failure;
      return answer;
    });
    expect(
      await screen.findByText('Could not load the cost'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Request failed with 500 Internal Server Error'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/costService\.ts/)).not.toBeInTheDocument();
    up = true;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() =>
      expect(screen.getByLabelText('monthly cost now')).toHaveTextContent(
        '$165.00',
      ),
    );
  });

  describe('polling', () => {
    afterEach(() => jest.useRealTimers());

    it('shows a scale-out without a reload', async () => {
      jest.useFakeTimers();
      let shown = answer;
      await renderCard(async () => shown);
      expect(
        await screen.findByLabelText('monthly cost now'),
      ).toHaveTextContent('$165.00');
      shown = {
        ...answer,
        monthly: { ...answer.monthly, current: 210.5 },
      };
      await act(async () => {
        jest.advanceTimersByTime(60_000);
      });
      await waitFor(() =>
        expect(screen.getByLabelText('monthly cost now')).toHaveTextContent(
          '$210.50',
        ),
      );
    });
  });
});
