import { renderInTestApp } from '@backstage/frontend-test-utils';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { CostPricesAnswer } from '@internal/backstage-plugin-delivery-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import path from 'node:path';
import { DeliveryApi, deliveryApiRef } from '../api';
import { AtLeastField } from './AtLeastField';
import { CostEstimateField } from './CostEstimateField';

// Renders in a test app with Material UI and charts: seconds on a busy machine, where
// jest's 5 s default is meant for unit tests.
jest.setTimeout(30_000);

/** The http-service template as the catalog holds it (jest reads YAML as an object). */
const template = require(path.resolve(
  __dirname,
  '../../../../templates/http-service/template.yaml',
)) as {
  spec: { parameters: Array<{ title: string; properties: object }> };
};
const resourcesPage = template.spec.parameters.find(
  page => page.title === 'Resources and autoscaling',
)!;

const prices = (vcpuHour: number) => ({
  vcpuHour,
  gibHour: 0.005,
  storageGibMonth: 0.1,
  discounts: { spot: 0.7, reserved: 0.4 },
});

/** docs/cost.md's worked example: staging on demand, production reserved (40 % off). */
const answer: CostPricesAnswer = {
  source: 'configured',
  environments: [
    {
      environment: 'staging',
      cluster: 'stage-1',
      role: 'primary',
      prices: prices(0.04),
      purchase: 'on-demand',
    },
    {
      environment: 'production',
      cluster: 'prod-east',
      role: 'primary',
      prices: prices(0.05),
      purchase: 'reserved',
    },
    {
      environment: 'production',
      cluster: 'dr-west',
      role: 'dr',
      prices: prices(0.05),
      purchase: 'on-demand',
    },
  ],
};

/** What the earlier pages hold when the developer reaches the resources page. */
const earlierPages = {
  name: 'payments',
  tier: 'standard',
  strategy: 'rolling',
  environments: ['staging', 'production'],
  cpuRequest: '500m',
  memoryRequest: '1Gi',
};

function renderPage(
  getCostPrices: DeliveryApi['getCostPrices'],
  initialState: Record<string, any> = {},
) {
  const onCreate = jest.fn(async (_values: Record<string, unknown>) => {});
  const rendered = renderInTestApp(
    <Stepper
      manifest={{
        title: 'HTTP service',
        steps: [{ title: resourcesPage.title, schema: resourcesPage as any }],
      }}
      extensions={[
        { name: 'DeliveryAtLeast', component: AtLeastField },
        { name: 'DeliveryCostEstimate', component: CostEstimateField },
      ]}
      initialState={{ ...earlierPages, ...initialState }}
      onCreate={onCreate}
    />,
    { apis: [[deliveryApiRef, { getCostPrices }]] },
  );
  return { rendered, onCreate };
}

/** The estimate table's rows as a reader sees them: environment, runs, minimum, maximum. */
async function estimateRows() {
  const table = await screen.findByRole('table', { name: 'monthly estimate' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    );
}

describe('DeliveryCostEstimate on the golden-path form', () => {
  // The stepper scrolls to the top of each page; jsdom has no scrolling.
  beforeAll(() => {
    window.scrollTo = jest.fn();
  });

  it('prices every environment at the HPA bounds, follows hpaMax as it is typed, and reads the prices once', async () => {
    const getCostPrices = jest.fn(async () => answer);
    await renderPage(getCostPrices);

    // Staging: 0.5 × 0.04 × 730 + 1 × 0.005 × 730 = 18.25 a pod, 1 to 3 pods (half of 6).
    // Production: 13.14 a pod after 40 % off, 2 to 6 pods.
    expect(await estimateRows()).toEqual([
      ['staging', '1–3 pods', '$18.25', '$54.75'],
      ['production', '2–6 pods', '$26.28', '$78.84'],
      ['Total', '', '$44.53', '$133.59'],
    ]);
    // Title and description once each, from the template.
    expect(
      screen.getByRole('heading', { name: 'Monthly estimate' }),
    ).toBeVisible();
    expect(
      screen.getAllByText(/^What the service will cost a month/),
    ).toHaveLength(1);
    expect(
      screen.getByText(/^Monthly = pods × \(500m CPU in vCPU/),
    ).toHaveTextContent(
      'staging (cluster stage-1, on demand): $0.04/vCPU-h, $0.005/GiB-h; production (cluster prod-east, reserved, 40 % off): $0.05/vCPU-h, $0.005/GiB-h',
    );

    const hpaMax = screen.getByRole('spinbutton', { name: /Maximum replicas/ });
    await userEvent.clear(hpaMax);
    await userEvent.type(hpaMax, '10');
    await waitFor(async () =>
      expect(await estimateRows()).toEqual([
        ['staging', '1–5 pods', '$18.25', '$91.25'],
        ['production', '2–10 pods', '$26.28', '$131.40'],
        ['Total', '', '$44.53', '$222.65'],
      ]),
    );
    expect(getCostPrices).toHaveBeenCalledTimes(1);
  });

  it('says both colours of a blue-green service run, and prices both', async () => {
    await renderPage(async () => answer, { strategy: 'blue-green' });
    expect(await estimateRows()).toEqual([
      [
        'staging',
        '1–3 pods in each colour: blue and green both run',
        '$36.50',
        '$109.50',
      ],
      [
        'production',
        '2–6 pods in each colour: blue and green both run',
        '$52.56',
        '$157.68',
      ],
      ['Total', '', '$89.06', '$267.18'],
    ]);
  });

  it("keeps a critical service warm in the DR region at the DR cluster's prices", async () => {
    await renderPage(async () => answer, {
      tier: 'critical',
      drRegion: 'us-west-2',
    });
    // 0.5 × 0.05 × 730 + 1 × 0.005 × 730 = 21.90 a pod on demand, 1 to 6 pods.
    expect((await estimateRows())[2]).toEqual([
      'production (DR)',
      '1–6 pods',
      '$21.90',
      '$131.40',
    ]);
    expect(screen.getByText(/^Monthly = /)).toHaveTextContent(
      'production (DR) (cluster dr-west, on demand)',
    );
  });

  it('costs nothing in the DR region for a standard service', async () => {
    await renderPage(async () => answer, { drRegion: 'us-west-2' });
    expect((await estimateRows())[2]).toEqual([
      'production (DR)',
      '0 pods: only a critical service keeps a warm standby (this one is standard)',
      '$0.00',
      '$0.00',
    ]);
  });

  it('names the field to fix instead of numbers, and comes back once it is fixed', async () => {
    await renderPage(async () => answer);
    await screen.findByRole('table', { name: 'monthly estimate' });

    const cpu = screen.getByRole('textbox', { name: /CPU request/ });
    await userEvent.clear(cpu);
    await userEvent.type(cpu, 'lots');
    expect(
      await screen.findByText(
        'No estimate for these values: cpuRequest: "lots" is not a CPU quantity; write cores or millicores such as 250m, 1 or 1.5',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'monthly estimate' }),
    ).not.toBeInTheDocument();

    await userEvent.clear(cpu);
    await userEvent.type(cpu, '500m');
    expect(
      await screen.findByRole('table', { name: 'monthly estimate' }),
    ).toBeInTheDocument();
  });

  it('says when the minimum exceeds the maximum', async () => {
    await renderPage(async () => answer, { hpaMin: 5, hpaMax: 3 });
    expect(
      await screen.findByText(
        'No estimate for these values: hpaMin: must not exceed hpaMax (5 > 3)',
      ),
    ).toBeInTheDocument();
  });

  it('shows that the prices are loading', async () => {
    await renderPage(() => new Promise<never>(() => {}));
    expect(
      screen.getByText('Reading the prices from the Delivery backend…'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'monthly estimate' }),
    ).not.toBeInTheDocument();
  });

  it('says the estimate needs the Delivery backend when the prices cannot be read, and tries again', async () => {
    const getCostPrices = jest
      .fn<Promise<CostPricesAnswer>, []>()
      .mockRejectedValueOnce(new Error('Request failed with 503'))
      .mockResolvedValueOnce(answer);
    await renderPage(getCostPrices);
    expect(
      await screen.findByText(/The estimate needs the Delivery backend/),
    ).toBeInTheDocument();
    expect(screen.getByText('Request failed with 503')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('table', { name: 'monthly estimate' }),
    ).toBeInTheDocument();
    expect(getCostPrices).toHaveBeenCalledTimes(2);
  });

  it('posts no monthlyEstimate value, so the validate step sees only parameters', async () => {
    const { onCreate } = await renderPage(async () => answer);
    await screen.findByRole('table', { name: 'monthly estimate' });
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    // The review lists what will be posted; the estimate is not among it.
    expect(await screen.findByText('CPU request')).toBeInTheDocument();
    expect(screen.queryByText('Monthly estimate')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));

    await waitFor(() => expect(onCreate).toHaveBeenCalledTimes(1));
    const posted = JSON.parse(JSON.stringify(onCreate.mock.calls[0][0]));
    expect(posted).not.toHaveProperty('monthlyEstimate');
    expect(posted).toMatchObject({ cpuRequest: '500m', hpaMin: 2, hpaMax: 6 });
  });
});
