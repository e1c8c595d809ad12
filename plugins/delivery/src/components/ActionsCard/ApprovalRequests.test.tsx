import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  DrApproval,
  EntityRollouts,
} from '@internal/backstage-plugin-delivery-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { ActionsCard } from './ActionsCard';
import { backendError } from '../../__testUtils__/backendError';

// Renders in a test app with Material UI and charts: seconds on a busy machine, where
// jest's 5 s default is meant for unit tests.
jest.setTimeout(30_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const CAROL = 'user:default/carol';
const PLATFORM_TEAM = [ALICE, BOB];

/** The signed-in user of the test. */
let user = BOB;

// usePermission caches answers across renders (SWR), so the policy is applied here: the
// platform team holds delivery.failover.approve on this service, everyone else reads.
jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: (input: {
    permission: { name: string };
    resourceRef?: string;
  }) => ({
    loading: false,
    allowed:
      input.resourceRef === 'component:default/payment-service' &&
      (input.permission.name !== 'delivery.failover.approve' ||
        PLATFORM_TEAM.includes(user)),
  }),
}));

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payment-service',
    annotations: { 'delivery/environments': 'staging,production' },
  },
  spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
};

const rollouts: EntityRollouts = {
  entityRef: 'component:default/payment-service',
  clusters: [],
};

const MINUTE = 60_000;

/** Alice asked 5 minutes ago; the request has a little over 24 minutes left. */
function pendingSwitchover(): DrApproval {
  const now = Date.now();
  return {
    id: '0b0c2f8e-6f0a-4a53-9a38-2f5e1d1c9a01',
    entityRef: 'component:default/payment-service',
    environment: 'production',
    mode: 'switchover',
    taskId: 'task-42',
    requestedBy: ALICE,
    reason: 'Planned move of payments to the DR region before maintenance',
    requestedAt: new Date(now - 5 * MINUTE).toISOString(),
    expiresAt: new Date(now + 24 * MINUTE + 10_000).toISOString(),
    status: 'pending',
  };
}

function renderCard(signedIn: string, api: Partial<DeliveryApi>) {
  user = signedIn;
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <ActionsCard />
    </EntityProvider>,
    {
      apis: [
        [
          deliveryApiRef,
          {
            getRollouts: async () => rollouts,
            getHealth: async () => {
              throw new Error('not needed here');
            },
            ...api,
          },
        ],
        mockApis.identity({ userEntityRef: signedIn }),
      ],
    },
  );
}

const pendingSection = () =>
  screen.findByRole('region', {
    name: 'Switchover of production, awaiting approval',
  });

describe('ActionsCard failover approvals', () => {
  it('shows a pending failover: who asked, why, and how long it has left', async () => {
    await renderCard(BOB, { listApprovals: async () => [pendingSwitchover()] });
    const pending = await pendingSection();
    expect(
      within(pending).getByRole('heading', {
        name: 'Switchover of production',
      }),
    ).toBeInTheDocument();
    expect(pending).toHaveTextContent('Asked by alice 5m ago');
    expect(pending).toHaveTextContent('expires in 24 min');
    expect(
      within(pending).getByText(
        'Planned move of payments to the DR region before maintenance',
      ),
    ).toBeInTheDocument();
  });

  it('lets another member of the platform team approve, and shows what came of it', async () => {
    const asked = pendingSwitchover();
    const approved: DrApproval = {
      ...asked,
      status: 'approved',
      decidedBy: BOB,
      decidedAt: new Date().toISOString(),
    };
    let stored = asked;
    const decideApproval = jest.fn(async () => {
      stored = approved;
      return approved;
    });
    await renderCard(BOB, {
      listApprovals: async () => [stored],
      decideApproval,
    });
    const pending = await pendingSection();
    const approve = within(pending).getByRole('button', {
      name: 'Approve Switchover of production',
    });
    await waitFor(() => expect(approve).toBeEnabled());
    expect(
      within(pending).getByRole('button', {
        name: 'Reject Switchover of production',
      }),
    ).toBeEnabled();

    await userEvent.click(approve);
    expect(decideApproval).toHaveBeenCalledWith({
      id: asked.id,
      decision: 'approve',
    });
    expect(await screen.findByRole('status')).toHaveTextContent(
      'You approved the switchover of production.',
    );
    const recent = await screen.findByRole('list', {
      name: 'recent approval requests',
    });
    expect(recent).toHaveTextContent(
      'Switchover of production: approved by bob',
    );
    expect(
      screen.queryByRole('region', {
        name: 'Switchover of production, awaiting approval',
      }),
    ).not.toBeInTheDocument();
  });

  it.each([
    [
      'the requester',
      ALICE,
      'You asked for this switchover: a second member of the platform team must approve or reject it.',
    ],
    [
      'a user outside the platform team',
      CAROL,
      'Only the platform team can approve or reject a failover.',
    ],
  ])('disables Approve and Reject for %s, saying why', async (_, who, why) => {
    const decideApproval = jest.fn();
    await renderCard(who, {
      listApprovals: async () => [pendingSwitchover()],
      decideApproval,
    });
    const pending = await pendingSection();
    expect(await within(pending).findByText(why)).toBeInTheDocument();
    for (const name of [
      'Approve Switchover of production',
      'Reject Switchover of production',
    ]) {
      expect(within(pending).getByRole('button', { name })).toBeDisabled();
    }
    expect(decideApproval).not.toHaveBeenCalled();
  });

  it('says in the backend’s words when someone else decided first', async () => {
    const asked = pendingSwitchover();
    const message = `This approval request was already rejected by ${ALICE} at 2026-11-25T10:02:00.000Z`;
    const conflict = await backendError({
      status: 409,
      statusText: 'Conflict',
      name: 'ConflictError',
      message,
      stack: 'at store.ts:1',
    });
    const listApprovals = jest
      .fn()
      .mockResolvedValueOnce([asked])
      .mockResolvedValue([
        { ...asked, status: 'rejected', decidedBy: 'user:default/zoe' },
      ]);
    await renderCard(BOB, {
      listApprovals,
      decideApproval: async () => {
        throw conflict;
      },
    });
    const reject = within(await pendingSection()).getByRole('button', {
      name: 'Reject Switchover of production',
    });
    await waitFor(() => expect(reject).toBeEnabled());
    await userEvent.click(reject);
    expect(await screen.findByRole('status')).toHaveTextContent(
      `Could not reject the switchover of production: ${message}`,
    );
    expect(screen.queryByText(/store\.ts/)).not.toBeInTheDocument();
    expect(
      await screen.findByRole('list', { name: 'recent approval requests' }),
    ).toHaveTextContent('Switchover of production: rejected by zoe');
  });

  it('lists expired and decided requests under Recent, and draws nothing when there are none', async () => {
    const old = pendingSwitchover();
    const { unmount } = await renderCard(BOB, {
      listApprovals: async () => [
        {
          ...old,
          status: 'expired',
          expiresAt: new Date(Date.now() - 3 * MINUTE).toISOString(),
        },
      ],
    });
    expect(
      await screen.findByRole('list', { name: 'recent approval requests' }),
    ).toHaveTextContent(
      'Switchover of production: expired without a decision 3m ago',
    );
    expect(
      screen.getByText('No failover is waiting for approval.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Approve/ }),
    ).not.toBeInTheDocument();
    unmount();

    await renderCard(BOB, { listApprovals: async () => [] });
    await screen.findByRole('table', { name: 'environment actions' });
    expect(
      screen.queryByRole('region', { name: 'Failover approvals' }),
    ).not.toBeInTheDocument();
  });

  it('shows a failure to read the approvals as a message with a retry, and keeps the actions', async () => {
    const listApprovals = jest
      .fn()
      .mockRejectedValueOnce(new Error('approvals are down'))
      .mockResolvedValue([pendingSwitchover()]);
    await renderCard(BOB, { listApprovals });
    expect(
      await screen.findByText(
        'Could not load the failover approvals: approvals are down',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Deploy to production' }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Load the failover approvals again',
      }),
    );
    expect(await pendingSection()).toBeInTheDocument();
  });
});
