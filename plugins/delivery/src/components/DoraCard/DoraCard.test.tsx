import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  DEFAULT_DORA_THRESHOLDS,
  DeliveryRun,
  deriveDoraAnswer,
  DoraAnswer,
  doraWindow,
} from '@internal/backstage-plugin-delivery-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { backendError } from '../../__testUtils__/backendError';
import { DoraCard } from './DoraCard';

// Renders in a test app with Material UI: seconds on a busy machine.
jest.setTimeout(30_000);

const entityRef = 'component:default/payment-service';
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payment-service', namespace: 'default' },
  spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
};

const window = doraWindow(new Date('2026-06-30T00:00:00Z'), 30);
const options = {
  environments: [
    { name: 'staging', production: false },
    { name: 'production', production: true },
  ],
  window,
  thresholds: DEFAULT_DORA_THRESHOLDS,
};

function run(
  action: string,
  status: DeliveryRun['status'],
  finishedAt: string,
  image?: string,
): DeliveryRun {
  return {
    id: finishedAt,
    entityRef,
    environment: 'production',
    action,
    status,
    initiatedBy: 'user:default/alice',
    inputs: image ? { image } : {},
    startedAt: finishedAt,
    finishedAt,
  };
}

// Four deploys, one rolled back 30 minutes later: the answer the backend derives.
const answer: DoraAnswer = deriveDoraAnswer(
  entityRef,
  [
    run('deploy', 'succeeded', '2026-06-02T10:00:00Z', 'payments:1.1'),
    run('rollback', 'succeeded', '2026-06-02T10:30:00Z'),
    run('deploy', 'succeeded', '2026-06-09T10:00:00Z', 'payments:1.2'),
    run('deploy', 'succeeded', '2026-06-16T10:00:00Z', 'payments:1.3'),
    run('deploy', 'succeeded', '2026-06-23T10:00:00Z', 'payments:1.4'),
  ],
  {
    ...options,
    commits: {
      facts: new Map(),
      unavailable:
        'no GitHub token or app for github.com in integrations.github',
    },
  },
);

function renderCard(getDora: DeliveryApi['getDora']) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <DoraCard />
    </EntityProvider>,
    { apis: [[deliveryApiRef, { getDora }]] },
  );
}

describe('DoraCard', () => {
  it('shows each metric of an environment with deploys, with its band', async () => {
    await renderCard(async () => answer);
    await screen.findByLabelText('Deployment frequency in production');
    const card = screen.getByRole('region', { name: 'DORA metrics' });
    const figure = (label: string) => within(card).getByLabelText(label);
    expect(figure('Deployment frequency in production')).toHaveTextContent(
      '4 deploys',
    );
    // 4 in 30 days: one every 7.5 days, less than weekly: medium.
    expect(figure('Deployment frequency in production')).toHaveTextContent(
      '0.9 / week',
    );
    expect(figure('Deployment frequency in production')).toHaveTextContent(
      'Medium',
    );
    expect(figure('Change failure rate in production')).toHaveTextContent(
      '25%',
    );
    expect(figure('Change failure rate in production')).toHaveTextContent(
      '1 of 4 deploys failed',
    );
    // Above the 2023 report's 15% of the medium cluster.
    expect(figure('Change failure rate in production')).toHaveTextContent(
      'Low',
    );
    expect(figure('Time to restore in production')).toHaveTextContent('30 min');
    expect(figure('Time to restore in production')).toHaveTextContent('Elite');
    // Lead time: unknown, and why.
    expect(figure('Lead time for changes in production')).toHaveTextContent(
      'Unknown',
    );
    expect(figure('Lead time for changes in production')).toHaveTextContent(
      'unknown for 4 deploys: no GitHub token or app for github.com in integrations.github',
    );
    expect(within(card).getByText(/Last 30 days/)).toBeInTheDocument();
    // The environment's heading: its name, which already says production.
    expect(
      within(card).getByRole('heading', { name: 'production' }),
    ).toBeInTheDocument();
    // Staging had no deploys: not shown as zeros.
    expect(
      within(card).queryByLabelText('Deployment frequency in staging'),
    ).not.toBeInTheDocument();
  });

  it('says there were no deploys in the window instead of showing 0%', async () => {
    await renderCard(async () => deriveDoraAnswer(entityRef, [], options));
    expect(
      await screen.findByText('No deploys in the last 30 days'),
    ).toBeInTheDocument();
    expect(screen.queryByText('0%')).not.toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderCard(() => new Promise(() => {}));
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows a failed request as its message with a retry, never a stack trace', async () => {
    const failure = await backendError({
      status: 403,
      statusText: 'Forbidden',
      name: 'NotAllowedError',
      message: `Not allowed to read DORA metrics of ${entityRef}`,
      stack: 'at DoraService.ts:12',
    });
    let up = false;
    await renderCard(async () => {
      if (!up) throw failure;
      return answer;
    });
    expect(
      await screen.findByText('Could not load the DORA metrics'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/DoraService\.ts/)).not.toBeInTheDocument();
    up = true;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() =>
      expect(
        screen.getByLabelText('Deployment frequency in production'),
      ).toHaveTextContent('4 deploys'),
    );
  });
});
