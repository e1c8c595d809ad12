import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  RightSizingReport,
  RightSizingResult,
} from '@internal/backstage-plugin-delivery-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RightSizingPanel } from './RightSizingPanel';

// Renders in a test app with Material UI and charts: seconds on a busy machine, where
// jest's 5 s default is meant for unit tests.
jest.setTimeout(30_000);

const MI = 2 ** 20;
const GI = 2 ** 30;
const costOf = (cpu: number, memory: number) => ({
  cpu,
  memory,
  storage: 0,
  total: Math.round((cpu + memory) * 100) / 100,
});

// Priced as the Cost card's worked example prices them (production $0.05 a vCPU-hour and
// $0.005 a GiB-hour, reserved 40 % off; staging $0.04, on demand; 730 h a month), so the
// figures below are checked by hand, not by the code that prints them.
const apiInProduction: RightSizingResult = {
  cluster: 'production',
  namespace: 'payments',
  name: 'payments-api',
  status: 'recommend',
  current: { cpuMillicores: 1000, memoryBytes: GI, cpuTargetPercent: 70 },
  recommended: {
    cpuMillicores: 825,
    memoryBytes: 768 * MI,
    cpuTargetPercent: 85,
  },
  replicas: { before: { p50: 3, p95: 5 }, after: { p50: 3, p95: 5 } },
  monthlyCost: { before: costOf(65.7, 6.57), after: costOf(54.2, 4.93) },
  monthlySaving: 13.14,
  explanation: [
    'Observed over 7 days (2016 samples): CPU per pod p50 420m, p95 660m, max 910m; memory per pod p95 590Mi, peak 640Mi.',
    'The HPA scales on CPU usage / request: at the same load a smaller request means higher utilisation and more replicas, so the request and the target are recommended together.',
    'CPU request 1000m → 825m with the CPU target 70 % → 85 %: a pod asks for more replicas above 701.3m of usage (today 700m), so the HPA runs 3 replicas at median load and 5 at p95 (today 3 and 5).',
  ],
};

const workerInProduction: RightSizingResult = {
  cluster: 'production',
  namespace: 'payments',
  name: 'payments-worker',
  status: 'recommend',
  current: { cpuMillicores: 250, memoryBytes: 512 * MI },
  recommended: { cpuMillicores: 250, memoryBytes: 640 * MI },
  replicas: { before: { p50: 2, p95: 2 }, after: { p50: 2, p95: 2 } },
  monthlyCost: { before: costOf(10.95, 2.19), after: costOf(10.95, 2.74) },
  monthlySaving: -0.55,
  explanation: [
    'Memory request 512Mi → 640Mi: below the observed peak of 530Mi, where pods get OOM-killed or evicted; memory cannot be throttled, so it grows to the peak × 1.2.',
  ],
};

const refusedTarget =
  "Refused: the HPA's CPU target is 95 %, above the 85 % this recommends, so pods have little room for a burst while new replicas start. Lower it to 85 % first (the HPA would then run 4 replicas at median load and 5 at p95), then right-size.";
const apiInStaging: RightSizingResult = {
  cluster: 'staging',
  namespace: 'payments',
  name: 'payments-api',
  status: 'refused',
  current: { cpuMillicores: 500, memoryBytes: GI, cpuTargetPercent: 95 },
  recommended: { cpuMillicores: 500, memoryBytes: GI, cpuTargetPercent: 95 },
  replicas: { before: { p50: 3, p95: 4 }, after: { p50: 3, p95: 4 } },
  monthlyCost: { before: costOf(43.8, 10.95), after: costOf(43.8, 10.95) },
  monthlySaving: 0,
  explanation: [
    'Observed over 7 days (2016 samples): CPU per pod p50 400m, p95 470m, max 490m; memory per pod p95 700Mi, peak 760Mi.',
    refusedTarget,
  ],
};

const workerInStaging: RightSizingResult = {
  cluster: 'staging',
  namespace: 'payments',
  name: 'payments-worker',
  status: 'insufficient-data',
  current: { cpuMillicores: 250, memoryBytes: 512 * MI },
  recommended: { cpuMillicores: 250, memoryBytes: 512 * MI },
  monthlySaving: 0,
  missing: ['samples: 42 of at least 100', 'window: 3.5 h of at least 24 h'],
  explanation: [
    'Not enough data to recommend anything: samples: 42 of at least 100; window: 3.5 h of at least 24 h.',
  ],
};

const apiInDr: RightSizingResult = {
  cluster: 'prod-dr',
  namespace: 'payments',
  name: 'payments-api',
  status: 'right-sized',
  current: { cpuMillicores: 500, memoryBytes: GI, cpuTargetPercent: 70 },
  recommended: { cpuMillicores: 500, memoryBytes: GI, cpuTargetPercent: 70 },
  replicas: { before: { p50: 1, p95: 1 }, after: { p50: 1, p95: 1 } },
  monthlyCost: { before: costOf(18.25, 3.65), after: costOf(18.25, 3.65) },
  monthlySaving: 0,
  explanation: [
    'Already right-sized: no request within the headroom of the observed usage and no CPU target up to 85 % costs less.',
  ],
};

const spotReason =
  'Interruptible (a worker): spot capacity at 65 % off: $13.69 → $7.98 a month, saving $5.70.';
const report: RightSizingReport = {
  deployments: [
    apiInProduction,
    workerInProduction,
    apiInStaging,
    workerInStaging,
    apiInDr,
  ],
  purchases: [
    {
      cluster: 'production',
      namespace: 'payments',
      name: 'payments-worker',
      from: 'reserved',
      to: 'spot',
      monthlyCostBefore: 13.69,
      monthlyCostAfter: 7.98,
      monthlySaving: 5.7,
      reason: spotReason,
    },
  ],
  totalMonthlySaving: 18.29,
};

/** The cells of a row, as read left to right. */
const cellsOf = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map(cell => cell.textContent);

const headline = () => screen.getByLabelText('right-sizing headline');

describe('RightSizingPanel', () => {
  it('heads with the total saving a month and how many Deployments are not judged yet', async () => {
    await renderInTestApp(<RightSizingPanel report={report} />);
    expect(headline()).toHaveTextContent(
      'Save $18.29 a month1 Deployment of 5 not judged yet: not enough usage.',
    );
  });

  it('has a row per Deployment with its status, requests, HPA target, replicas, cost and saving', async () => {
    await renderInTestApp(<RightSizingPanel report={report} />);
    const table = screen.getByRole('table', {
      name: 'right-sizing by Deployment',
    });
    const row = (name: string) => within(table).getByRole('row', { name });
    expect(cellsOf(row('payments-api in production'))).toEqual([
      '',
      'payments-apiproduction · payments',
      'Change recommended',
      '1000m → 825m',
      '1024Mi → 768Mi',
      '70 % → 85 %',
      '3 / 5',
      '$72.27 → $59.13',
      '$13.14',
    ]);
    expect(cellsOf(row('payments-worker in production'))).toEqual([
      '',
      'payments-workerproduction · payments',
      'Change recommended',
      '250m',
      '512Mi → 640Mi',
      '—',
      '2 / 2',
      '$13.14 → $13.69',
      '$0.55 morethe memory request must grow to fit the observed usage',
    ]);
    expect(cellsOf(row('payments-api in staging'))).toEqual([
      '',
      'payments-apistaging · payments',
      'Refused',
      '500m',
      '1024Mi',
      '95 %',
      '3 / 4',
      '$54.75',
      '—',
    ]);
    expect(cellsOf(row('payments-worker in staging'))).toEqual([
      '',
      'payments-workerstaging · payments',
      'Not enough data',
      '250m',
      '512Mi',
      '—',
      '—',
      '—',
      '—',
    ]);
    expect(cellsOf(row('payments-api in prod-dr'))).toEqual([
      '',
      'payments-apiprod-dr · payments',
      'Right-sized',
      '500m',
      '1024Mi',
      '70 %',
      '1 / 1',
      '$21.90',
      '—',
    ]);
  });

  it('says under a refused row why, and under a row without enough data what is missing', async () => {
    await renderInTestApp(<RightSizingPanel report={report} />);
    expect(
      screen.getByRole('row', { name: 'What stops payments-api in staging' }),
    ).toHaveTextContent(refusedTarget);
    expect(
      screen.getByRole('row', {
        name: 'What stops payments-worker in staging',
      }),
    ).toHaveTextContent(
      'Missing: samples: 42 of at least 100; window: 3.5 h of at least 24 h.',
    );
    expect(
      screen.queryByRole('row', {
        name: 'What stops payments-api in production',
      }),
    ).not.toBeInTheDocument();
  });

  it('opens a row to the sentences that explain it', async () => {
    await renderInTestApp(<RightSizingPanel report={report} />);
    const toggle = screen.getByRole('button', {
      name: 'Why: payments-api in production',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(
      screen.queryByRole('list', { name: 'Why: payments-api in production' }),
    ).not.toBeInTheDocument();
    await userEvent.click(toggle);
    const sentences = within(
      await screen.findByRole('list', {
        name: 'Why: payments-api in production',
      }),
    )
      .getAllByRole('listitem')
      .map(item => item.textContent);
    expect(sentences).toEqual(apiInProduction.explanation);
    expect(
      screen.queryByRole('list', { name: 'Why: payments-api in staging' }),
    ).not.toBeInTheDocument();
  });

  it('lists the purchase suggestions with the move, the cost, the saving and the reason', async () => {
    await renderInTestApp(<RightSizingPanel report={report} />);
    const purchases = screen.getByRole('table', {
      name: 'purchase suggestions',
    });
    expect(
      cellsOf(
        within(purchases).getByRole('row', {
          name: 'payments-worker in production',
        }),
      ),
    ).toEqual([
      'payments-workerproduction · payments',
      'reserved → spot',
      '$13.69 → $7.98',
      '$5.70',
      spotReason,
    ]);
  });

  it('says why the HPA target moves with the request', async () => {
    await renderInTestApp(<RightSizingPanel report={report} />);
    expect(
      screen.getByText(
        'The HPA scales on CPU usage over request: a smaller request at the same target runs more replicas, so the request and the target are recommended together.',
      ),
    ).toBeInTheDocument();
  });

  it('says usage is not collected when the backend sends no report', async () => {
    await renderInTestApp(<RightSizingPanel />);
    expect(headline()).toHaveTextContent(/^Usage is not collected yet/);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByText(/The HPA scales on CPU/)).not.toBeInTheDocument();
  });

  it('says there is not enough usage yet, and what the first Deployment misses, when none can be judged', async () => {
    await renderInTestApp(
      <RightSizingPanel
        report={{
          deployments: [
            {
              ...workerInStaging,
              missing: ['samples: 42 of at least 100'],
            },
            { ...workerInStaging, cluster: 'production' },
          ],
          purchases: [],
          totalMonthlySaving: 0,
        }}
      />,
    );
    expect(headline()).toHaveTextContent(
      'Not enough usage yetMissing for payments-worker in staging: samples: 42 of at least 100.',
    );
    expect(
      screen.queryByRole('table', { name: 'purchase suggestions' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByText('How the capacity is bought: no change suggested.'),
    ).not.toBeInTheDocument();
  });

  it('says there is nothing to save when every Deployment is right-sized', async () => {
    await renderInTestApp(
      <RightSizingPanel
        report={{
          deployments: [apiInDr],
          purchases: [],
          totalMonthlySaving: 0,
        }}
      />,
    );
    expect(headline()).toHaveTextContent(/^Nothing to save$/);
    expect(
      screen.getByText('How the capacity is bought: no change suggested.'),
    ).toBeInTheDocument();
  });

  it('heads with the extra cost, and why, when the changes cost more than they save', async () => {
    await renderInTestApp(
      <RightSizingPanel
        report={{
          deployments: [workerInProduction],
          purchases: [],
          totalMonthlySaving: -0.55,
        }}
      />,
    );
    expect(headline()).toHaveTextContent(
      '$0.55 more a monthThe changes below cost more than they save: requests below the observed usage have to grow.',
    );
  });
});
