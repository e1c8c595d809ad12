import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { DeliveryNotification } from './DeliveryNotification';
import { recordingNotifier } from '../__testUtils__/recordingNotifications';
import { SentNotifications } from './SentNotifications';

jest.setTimeout(60_000);

const failedRun: DeliveryNotification = {
  kind: 'runFailed',
  dedupeKey: 'runFailed:run-1',
  entityRef: 'component:default/payment-service',
  recipients: ['group:default/payments-team'],
  payload: {
    title: 'Could not deploy payment-service in staging: the run failed',
    link: '/catalog/default/component/payment-service/delivery',
  },
};

describe('DeliveryNotifier', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });

  async function sentRecord(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    return SentNotifications.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
  }

  it.each(databases.eachSupportedId())(
    'sends an event once, scoped by its key, however often it is told, on %p',
    async databaseId => {
      const { notifier, recording } = recordingNotifier({
        sent: await sentRecord(databaseId),
      });
      await notifier.notify(failedRun);
      await notifier.notify(failedRun);
      await notifier.notify({ ...failedRun, dedupeKey: 'runFailed:run-2' });
      expect(recording.sent).toEqual([
        {
          recipients: {
            type: 'entity',
            entityRef: ['group:default/payments-team'],
          },
          payload: { ...failedRun.payload, scope: 'runFailed:run-1' },
        },
        expect.objectContaining({
          payload: expect.objectContaining({ scope: 'runFailed:run-2' }),
        }),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'sends once when two backend replicas are told of the same event at the same time, on %p',
    async databaseId => {
      const sent = await sentRecord(databaseId);
      const first = recordingNotifier({ sent });
      const second = recordingNotifier({ sent });
      await Promise.all([
        first.notifier.notify(failedRun),
        second.notifier.notify(failedRun),
      ]);
      expect(first.recording.sent.length + second.recording.sent.length).toBe(
        1,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'forgets events sent before the cutoff, and only those, on %p',
    async databaseId => {
      const sent = await sentRecord(databaseId);
      const event = (dedupeKey: string) => ({
        dedupeKey,
        kind: 'runFailed' as const,
        entityRef: failedRun.entityRef,
        recipients: failedRun.recipients,
      });
      await sent.claim(
        event('runFailed:old'),
        new Date('2026-08-01T00:00:00Z'),
      );
      await sent.claim(
        event('runFailed:new'),
        new Date('2026-12-01T00:00:00Z'),
      );
      expect(
        await sent.forgetSentBefore(new Date('2026-09-07T00:00:00Z')),
      ).toBe(1);
      // The recent event is still remembered; the old one may be claimed again.
      expect(await sent.claim(event('runFailed:new'))).toBe(false);
      expect(await sent.claim(event('runFailed:old'))).toBe(true);
    },
  );

  it('sends nothing of a kind turned off in config', async () => {
    const { notifier, recording } = recordingNotifier({
      sent: await sentRecord('SQLITE_3'),
      notifications: { runFailed: { enabled: false } },
    });
    await notifier.notify(failedRun);
    expect(recording.sent).toEqual([]);
    expect(notifier.enabled('runFailed')).toBe(false);
    expect(notifier.enabled('productionChange')).toBe(true);
  });

  it('logs a failed send without throwing, and sends it when the event comes again', async () => {
    const { notifier, recording, logger } = recordingNotifier({
      sent: await sentRecord('SQLITE_3'),
    });
    recording.failNext(1);
    await expect(notifier.notify(failedRun)).resolves.toBeUndefined();
    expect(recording.sent).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Delivery notification runFailed:run-1 to group:default/payments-team was not sent: connect ECONNREFUSED',
      ),
      expect.objectContaining({ kind: 'runFailed' }),
    );
    await notifier.notify(failedRun);
    await notifier.notify(failedRun);
    expect(recording.sent).toHaveLength(1);
  });

  it('leaves the requester out of a group it is sent to', async () => {
    const { notifier, recording } = recordingNotifier({
      sent: await sentRecord('SQLITE_3'),
    });
    await notifier.notify({
      ...failedRun,
      kind: 'approvalRequested',
      dedupeKey: 'approvalRequested:a-1',
      recipients: ['group:default/platform-team'],
      excluded: ['user:default/alice'],
    });
    expect(recording.sent[0].recipients).toEqual({
      type: 'entity',
      entityRef: ['group:default/platform-team'],
      excludeEntityRef: ['user:default/alice'],
    });
  });
});
