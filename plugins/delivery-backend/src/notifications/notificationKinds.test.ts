import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  assessBudget,
  DeliveryRun,
  DrApproval,
  DrGrade,
  forecastMonth,
  MonthlyBudget,
} from '@internal/backstage-plugin-delivery-common';
import { DrSnapshotStore } from '../dr/DrSnapshotStore';
import { DeliveryNotifications } from './DeliveryNotifications';
import { recordingNotifier } from '../__testUtils__/recordingNotifications';
import { SentNotifications } from './SentNotifications';

jest.setTimeout(60_000);

const SERVICE = 'component:default/payment-service';
const OWNER = 'group:default/payments-team';
const PLATFORM = 'group:default/platform-team';
const ALICE = 'user:default/alice';

const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payment-service', namespace: 'default' },
  spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
};
const TAB = '/catalog/default/component/payment-service/delivery';

describe('Delivery notification kinds', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setUp(
    options: {
      runs?: DeliveryRun[];
      notifications?: Record<string, unknown>;
    } = {},
  ) {
    const knex = await databases.init('SQLITE_3');
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    const { notifier, recording } = recordingNotifier({
      sent: await SentNotifications.create({ database }),
      notifications: options.notifications,
    });
    const runs = new Map((options.runs ?? []).map(run => [run.id, run]));
    const notifications = new DeliveryNotifications({
      notifier,
      config: {
        environments: [
          { name: 'staging', production: false },
          { name: 'live', production: true },
        ],
        platformTeams: [PLATFORM],
      },
      runs: { getRun: async id => runs.get(id) },
      catalog: catalogServiceMock({ entities: [service] }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    return {
      notifications,
      sent: recording.sent,
      drSnapshots: await DrSnapshotStore.create({ database }),
    };
  }

  const approval: DrApproval = {
    id: 'a-1',
    entityRef: SERVICE,
    environment: 'live',
    mode: 'switchover',
    requestedBy: ALICE,
    reason: 'Planned move of payments to the DR region',
    requestedAt: '2026-12-07T10:00:00.000Z',
    expiresAt: '2026-12-07T10:30:00.000Z',
    status: 'pending',
  };

  it('asks the platform team, without the requester, to decide an approval, once per request', async () => {
    const { notifications, sent } = await setUp();
    await notifications.approvalRequested(approval);
    // The failover task recovered and asked again for the same request.
    await notifications.approvalRequested(approval);
    expect(sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: [PLATFORM],
          excludeEntityRef: [ALICE],
        },
        payload: expect.objectContaining({
          title: 'Approve or reject the switchover of payment-service in live',
          link: TAB,
          severity: 'high',
          topic: 'delivery-approvals',
          scope: 'approvalRequested:a-1',
        }),
      },
    ]);
    expect(sent[0].payload.description).toContain(
      'Planned move of payments to the DR region',
    );
  });

  it('tells the requester of the decision, and nobody of a request asked again after it', async () => {
    const { notifications, sent } = await setUp();
    const rejected: DrApproval = {
      ...approval,
      status: 'rejected',
      decidedBy: 'user:default/bob',
      decidedAt: '2026-12-07T10:05:00.000Z',
    };
    await notifications.approvalDecided(rejected);
    await notifications.approvalRequested(rejected);
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: [ALICE] },
        payload: expect.objectContaining({
          title: 'Your switchover of payment-service in live was rejected',
          link: TAB,
          scope: 'approvalDecided:a-1',
        }),
      },
    ]);
    expect(sent[0].payload.description).toMatch(/^user:default\/bob rejected/);
  });

  const run = (overrides: Partial<DeliveryRun>): DeliveryRun => ({
    id: 'run-1',
    entityRef: SERVICE,
    environment: 'staging',
    action: 'deploy',
    status: 'failed',
    initiatedBy: ALICE,
    inputs: { image: 'payments:2.0.0' },
    summary: 'payments:2.0.0 never became ready: ImagePullBackOff',
    startedAt: '2026-12-07T10:00:00.000Z',
    finishedAt: '2026-12-07T10:05:00.000Z',
    ...overrides,
  });

  it("tells the service's owner of a failed or aborted run, once however often it finishes", async () => {
    const { notifications, sent } = await setUp({
      runs: [
        run({}),
        run({ id: 'run-2', action: 'rollback', status: 'aborted' }),
        run({ id: 'run-3', status: 'succeeded' }),
      ],
    });
    for (const id of ['run-1', 'run-1', 'run-2', 'run-3', 'no-such-run'])
      await notifications.runFinished(id);
    expect(sent.map(s => [s.recipients, s.payload.title])).toEqual([
      [
        { type: 'entity', entityRef: [OWNER] },
        'Could not deploy payment-service in staging: the run failed',
      ],
      [
        { type: 'entity', entityRef: [OWNER] },
        'Could not roll back payment-service in staging: the run was aborted',
      ],
    ]);
    expect(sent[0].payload).toMatchObject({
      link: TAB,
      severity: 'high',
      topic: 'delivery-runs',
      scope: 'runFailed:run-1',
    });
    // The run's summary as a sentence, then who started it.
    expect(sent[0].payload.description).toMatch(
      /^payments:2\.0\.0 never became ready: ImagePullBackOff\. Started by /,
    );
  });

  it('tells the owner of every production deploy and failover, but not of a drill or a staging deploy', async () => {
    const { notifications, sent } = await setUp({
      runs: [
        run({ id: 'deploy', environment: 'live', status: 'succeeded' }),
        run({ id: 'failed', environment: 'live' }),
        run({
          id: 'switchover',
          environment: 'live',
          action: 'failover',
          status: 'succeeded',
          inputs: { mode: 'switchover' },
        }),
        run({
          id: 'drill',
          environment: 'live',
          action: 'failover',
          status: 'succeeded',
          inputs: { mode: 'drill' },
        }),
        run({ id: 'staging', status: 'succeeded' }),
        run({
          id: 'scale',
          environment: 'live',
          action: 'scale',
          status: 'succeeded',
        }),
      ],
    });
    for (const id of [
      'deploy',
      'failed',
      'switchover',
      'drill',
      'staging',
      'scale',
    ])
      await notifications.runFinished(id);
    expect(sent.map(s => [s.payload.scope, s.payload.title])).toEqual([
      [
        'productionChange:deploy',
        'Production: the run to deploy payment-service in live succeeded',
      ],
      // A failed production deploy is one event: the failure.
      [
        'runFailed:failed',
        'Could not deploy payment-service in live: the run failed',
      ],
      [
        'productionChange:switchover',
        'Production: the run to fail over payment-service in live succeeded',
      ],
    ]);
  });

  it('sends a failed production deploy as the production change when failures are turned off, and nothing of kinds turned off', async () => {
    const { notifications, sent } = await setUp({
      runs: [
        run({ id: 'failed', environment: 'live' }),
        run({ id: 'staging' }),
      ],
      notifications: { runFailed: { enabled: false } },
    });
    await notifications.runFinished('failed');
    await notifications.runFinished('staging');
    expect(sent.map(s => s.payload.title)).toEqual([
      'Production: the run to deploy payment-service in live failed',
    ]);
  });

  const overBudget = (now: string, budget: MonthlyBudget) =>
    assessBudget(
      budget,
      forecastMonth({ now: new Date(now), daily: [], runRateMonthlyUsd: 900 }),
    );

  it('tells the owner once per month that the forecast is over the budget, however many cost ticks see it', async () => {
    const { notifications, sent } = await setUp();
    const budget: MonthlyBudget = {
      scope: 'service',
      owner: SERVICE,
      amountUsd: 500,
    };
    for (const tick of [
      '2026-12-07T10:00:00Z',
      '2026-12-07T11:00:00Z',
      '2026-12-19T03:00:00Z',
      '2027-01-01T00:00:00Z',
      '2027-01-01T01:00:00Z',
    ])
      await notifications.budgetsAssessed([
        { entity: service, assessment: overBudget(tick, budget) },
      ]);
    // Within the budget: nothing.
    await notifications.budgetsAssessed([
      {
        entity: service,
        assessment: overBudget('2027-02-01T00:00:00Z', {
          ...budget,
          amountUsd: 5000,
        }),
      },
    ]);
    expect(
      sent.map(s => [s.recipients, s.payload.title, s.payload.link]),
    ).toEqual([
      [
        { type: 'entity', entityRef: [OWNER] },
        'The 2026-12 cost forecast of payment-service is over the budget',
        TAB,
      ],
      [
        { type: 'entity', entityRef: [OWNER] },
        'The 2027-01 cost forecast of payment-service is over the budget',
        TAB,
      ],
    ]);
    // $900 a month (730 hours) is $29.59 a day, times December's 31 days.
    expect(sent[0].payload.description).toMatch(
      /^Forecast \$917\.26 against a service budget of \$500\.00/,
    );
  });

  it('tells a team once of its team budget, whichever of its services the tick assessed', async () => {
    const { notifications, sent } = await setUp();
    const budget: MonthlyBudget = {
      scope: 'team',
      owner: OWNER,
      amountUsd: 500,
    };
    const other: Entity = {
      ...service,
      metadata: { name: 'ledger', namespace: 'default' },
    };
    const assessment = overBudget('2026-12-07T10:00:00Z', budget);
    await notifications.budgetsAssessed([
      { entity: service, assessment },
      { entity: other, assessment },
    ]);
    expect(sent.map(s => [s.recipients, s.payload.title])).toEqual([
      [
        { type: 'entity', entityRef: [OWNER] },
        "The 2026-12 cost forecast of payments-team's services is over the budget",
      ],
    ]);
  });

  it('tells the owner of each drop of the DR grade, once, and of no rise', async () => {
    const { notifications, sent, drSnapshots } = await setUp();
    const snapshot = async (day: string, grade: DrGrade, score: number) => {
      await drSnapshots.write(day, [
        {
          entityRef: SERVICE,
          score,
          grade,
          weights: { pass: score, fail: 100 - score, unknown: 0 },
        },
      ]);
      const changes = await drSnapshots.gradeChanges(day, [SERVICE]);
      await notifications.drGradesChanged(
        changes.map(change => ({ ...change, entity: service })),
      );
    };
    await snapshot('2026-12-01', 'ready', 95);
    await snapshot('2026-12-02', 'ready', 92);
    await snapshot('2026-12-03', 'at-risk', 80);
    // A second replica reporting the same day.
    const again = await drSnapshots.gradeChanges('2026-12-03', [SERVICE]);
    await notifications.drGradesChanged(
      again.map(change => ({ ...change, entity: service })),
    );
    // The backend was down on the 4th: the 5th compares with the 3rd.
    await snapshot('2026-12-05', 'not-ready', 40);
    await snapshot('2026-12-06', 'ready', 95);
    expect(
      sent.map(s => [s.recipients, s.payload.title, s.payload.scope]),
    ).toEqual([
      [
        { type: 'entity', entityRef: [OWNER] },
        'DR readiness of payment-service dropped from ready to at-risk',
        `drGradeDropped:${SERVICE}:ready:at-risk:2026-12-03`,
      ],
      [
        { type: 'entity', entityRef: [OWNER] },
        'DR readiness of payment-service dropped from at-risk to not-ready',
        `drGradeDropped:${SERVICE}:at-risk:not-ready:2026-12-05`,
      ],
    ]);
    expect(sent[1].payload).toMatchObject({ link: TAB, severity: 'high' });
  });
});
