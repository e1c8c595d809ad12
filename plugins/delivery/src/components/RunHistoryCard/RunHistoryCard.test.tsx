import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { DeliveryRun } from '@internal/backstage-plugin-delivery-common';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { deliveryApiRef } from '../../api';
import { RunHistoryCard } from './RunHistoryCard';
import { formatDuration } from './runDuration';

// Renders in a test app with Material UI and charts: seconds on a busy machine, where
// jest's 5 s default is meant for unit tests.
jest.setTimeout(30_000);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'messaging-api' },
  spec: { type: 'service', owner: 'messaging-team', lifecycle: 'production' },
};

const deploy: DeliveryRun = {
  id: 'run-1',
  entityRef: 'component:default/messaging-api',
  environment: 'staging',
  action: 'deploy',
  status: 'succeeded',
  initiatedBy: 'user:default/guest',
  inputs: { image: 'ghcr.io/acme/messaging-api:9.0.0', strategy: 'blue-green' },
  summary: 'ghcr.io/acme/messaging-api:9.0.0 on staging (blue-green)',
  startedAt: '2026-11-24T02:03:10.000Z',
  finishedAt: '2026-11-24T02:05:15.000Z',
  before: {
    clusters: [
      {
        cluster: 'staging',
        deployments: [
          {
            name: 'messaging-api-blue',
            track: 'blue',
            image: 'ghcr.io/acme/messaging-api:1.9.2',
            replicas: 3,
            ready: 3,
          },
          {
            name: 'messaging-api-green',
            track: 'green',
            image: 'ghcr.io/acme/messaging-api:1.9.1',
            replicas: 0,
            ready: 0,
          },
        ],
        selects: ['blue'],
      },
    ],
  },
  after: {
    clusters: [
      {
        cluster: 'staging',
        deployments: [
          {
            name: 'messaging-api-blue',
            track: 'blue',
            image: 'ghcr.io/acme/messaging-api:1.9.2',
            replicas: 0,
            ready: 0,
          },
          {
            name: 'messaging-api-green',
            track: 'green',
            image: 'ghcr.io/acme/messaging-api:9.0.0',
            replicas: 3,
            ready: 3,
          },
        ],
        selects: ['green'],
      },
    ],
  },
};

describe('RunHistoryCard', () => {
  it('lists runs with their duration and opens one to what it changed', async () => {
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <RunHistoryCard />
      </EntityProvider>,
      { apis: [[deliveryApiRef, { listRuns: async () => [deploy] }]] },
    );
    const row = (await screen.findByText('succeeded')).closest('tr')!;
    expect(within(row).getByText('2m 05s')).toBeInTheDocument();

    await userEvent.click(within(row).getAllByRole('button')[0]);
    const changes = await screen.findByRole('table', {
      name: 'what run run-1 changed',
    });
    const green = within(changes)
      .getByText('messaging-api-green')
      .closest('tr')!;
    expect(green).toHaveTextContent(
      'ghcr.io/acme/messaging-api:1.9.1 (0/0 ready)',
    );
    expect(green).toHaveTextContent(
      'ghcr.io/acme/messaging-api:9.0.0 (3/3 ready)',
    );
    expect(
      screen.getByText('staging: Service selects blue -> green'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('image: ghcr.io/acme/messaging-api:9.0.0'),
    ).toBeInTheDocument();
  });

  it('shows a run started elsewhere without a reload, and keeps an opened run open across refreshes', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      let runs: DeliveryRun[] = [];
      await renderInTestApp(
        <EntityProvider entity={entity}>
          <RunHistoryCard />
        </EntityProvider>,
        { apis: [[deliveryApiRef, { listRuns: async () => runs }]] },
      );
      expect(
        await screen.findByText('No delivery runs recorded yet'),
      ).toBeInTheDocument();

      runs = [deploy];
      await act(() => jest.advanceTimersByTimeAsync(10_000));
      const row = (await screen.findByText('succeeded')).closest('tr')!;
      await userEvent.click(within(row).getAllByRole('button')[0]);
      expect(
        await screen.findByRole('table', { name: 'what run run-1 changed' }),
      ).toBeInTheDocument();

      // The same runs read again: the opened run stays open.
      runs = [{ ...deploy }];
      await act(() => jest.advanceTimersByTimeAsync(10_000));
      expect(
        screen.getByRole('table', { name: 'what run run-1 changed' }),
      ).toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
  });

  it('formats durations people read at a glance', () => {
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(125_000)).toBe('2m 05s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
  });
});
