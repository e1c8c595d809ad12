import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { FreezesAnswer } from '@internal/backstage-plugin-delivery-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { backendError } from '../../__testUtils__/backendError';
import { ActionsCard } from './ActionsCard';

const ENTITY_REF = 'component:default/payment-service';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payment-service',
    annotations: {
      'backstage.io/kubernetes-id': 'payment-service',
      'delivery/environments': 'staging,production',
    },
  },
  spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
};

const holiday = {
  name: 'Holiday freeze',
  reason: 'no changes over the holidays',
  timeZone: 'Europe/Berlin',
  source: 'config' as const,
  actions: [
    'deploy',
    'scale',
    'rollback',
    'promote',
    'abort',
    'retry',
    'migrate',
  ] as const,
  start: '2026-12-21T23:00:00.000Z',
  end: '2027-01-02T23:00:00.000Z',
};

const maintenance = {
  name: 'Database maintenance',
  timeZone: 'UTC',
  source: 'config' as const,
  actions: ['migrate'] as const,
  start: '2026-12-13T04:00:00.000Z',
  end: '2026-12-13T05:00:00.000Z',
};

const answer = (
  environments: FreezesAnswer['environments'],
  annotationError?: string,
): FreezesAnswer => ({
  entityRef: ENTITY_REF,
  now: '2026-12-24T09:00:00.000Z',
  environments,
  ...(annotationError ? { annotationError } : {}),
});

function renderCard(getFreezes: DeliveryApi['getFreezes']) {
  const api: Partial<DeliveryApi> = {
    getRollouts: async () => ({ entityRef: ENTITY_REF, clusters: [] }),
    getHealth: async () => ({
      status: 'ok',
      environments: [
        { name: 'staging', production: false },
        { name: 'production', production: true },
      ],
      clusters: [],
    }),
    listApprovals: async () => [],
    getFreezes,
  };
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <ActionsCard />
    </EntityProvider>,
    { apis: [[deliveryApiRef, api]] },
  );
}

describe('the Actions card with freeze windows', () => {
  it('shows the freeze in force in an environment, its reason and when it lifts, and keeps the buttons', async () => {
    await renderCard(async () =>
      answer([
        { environment: 'staging', inForce: [] },
        {
          environment: 'production',
          inForce: [{ ...holiday, actions: [...holiday.actions] }],
          next: { ...maintenance, actions: [...maintenance.actions] },
        },
      ]),
    );
    const production = await screen.findByRole('group', {
      name: 'Freeze windows of production',
    });
    expect(production).toHaveTextContent(
      'production: Frozen until 2027-01-03 00:00 Europe/Berlin (2027-01-02 23:00 UTC): Holiday freeze (no changes over the holidays)',
    );
    expect(production).toHaveTextContent(
      'the platform team may go ahead with a written override reason',
    );
    expect(production).toHaveTextContent(
      'production: Next freeze: 2026-12-13 04:00 UTC to 2026-12-13 05:00 UTC: Database maintenance. Stops migrate only.',
    );
    expect(
      screen.queryByRole('group', { name: 'Freeze windows of staging' }),
    ).not.toBeInTheDocument();
    // The server refuses; the buttons stay, so the platform team can still override.
    expect(await screen.findByLabelText('Deploy to production')).toBeVisible();
  });

  it('says so when no freeze is scheduled', async () => {
    await renderCard(async () =>
      answer([
        { environment: 'staging', inForce: [] },
        { environment: 'production', inForce: [] },
      ]),
    );
    expect(
      await screen.findByText(
        'No freeze window is scheduled for staging, production.',
      ),
    ).toBeVisible();
  });

  it('says why the service’s own freezes cannot be read', async () => {
    await renderCard(async () =>
      answer(
        [{ environment: 'production', inForce: [] }],
        'delivery/freeze annotation, line 1, timeZone: is required',
      ),
    );
    const group = await screen.findByRole('group', { name: 'Freeze windows' });
    expect(group).toHaveTextContent(
      'The delivery/freeze annotation cannot be read',
    );
    expect(group).toHaveTextContent(
      'delivery/freeze annotation, line 1, timeZone: is required. Every action on this service is refused until it is fixed',
    );
  });

  it('shows a failure to read them with a retry, without a stack, and leaves the actions alone', async () => {
    const error = await backendError({
      status: 500,
      statusText: 'Internal Server Error',
      name: 'Error',
      message: 'the catalog did not answer',
      stack: 'at freezesFor.ts:12',
    });
    const getFreezes = jest
      .fn<ReturnType<DeliveryApi['getFreezes']>, []>()
      .mockRejectedValueOnce(error)
      .mockResolvedValue(
        answer([
          {
            environment: 'production',
            inForce: [{ ...holiday, actions: [...holiday.actions] }],
          },
        ]),
      );
    await renderCard(getFreezes);
    const failure = await screen.findByText(
      'Could not load the freeze windows: the catalog did not answer',
    );
    expect(screen.queryByText(/freezesFor\.ts/)).not.toBeInTheDocument();
    expect(await screen.findByLabelText('Deploy to production')).toBeVisible();
    expect(failure).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByText(/production: Frozen until 2027-01-03 00:00/),
    ).toBeVisible();
  });
});
