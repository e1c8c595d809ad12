import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { ApprovalStore, NewApproval } from './ApprovalStore';

jest.setTimeout(60_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const CAROL = 'user:default/carol';
const REQUESTED = new Date('2026-11-25T10:00:00Z');
const EXPIRES = new Date('2026-11-25T10:30:00Z');
const minutesAfter = (minutes: number) =>
  new Date(REQUESTED.getTime() + minutes * 60_000);

const switchover = (id: string): NewApproval => ({
  id,
  entityRef: 'component:default/payment-service',
  environment: 'production',
  mode: 'switchover',
  taskId: 'task-1',
  requestedBy: ALICE,
  reason: 'Planned move of payments to the DR region',
  expiresAt: EXPIRES,
});

const ID = '11111111-1111-4111-8111-111111111111';
const OTHER_ID = '22222222-2222-4222-8222-222222222222';

describe('ApprovalStore', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    return ApprovalStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
  }

  it.each(databases.eachSupportedId())(
    'records a pending request and hands the same one back when asked again, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const first = await store.request(switchover(ID), REQUESTED);
      expect(first).toEqual({
        id: ID,
        entityRef: 'component:default/payment-service',
        environment: 'production',
        mode: 'switchover',
        taskId: 'task-1',
        requestedBy: ALICE,
        reason: 'Planned move of payments to the DR region',
        requestedAt: '2026-11-25T10:00:00.000Z',
        expiresAt: '2026-11-25T10:30:00.000Z',
        status: 'pending',
        decidedBy: undefined,
        decidedAt: undefined,
      });

      // A recovered task asks again later, with a new reason and deadline: nothing changes.
      const again = await store.request(
        {
          ...switchover(ID),
          reason: 'asking again after a restart',
          expiresAt: minutesAfter(90),
        },
        minutesAfter(5),
      );
      expect(again).toEqual(first);

      // Once decided, asking again returns the decision.
      await store.decide(ID, 'approve', BOB, minutesAfter(6));
      expect(
        await store.request(switchover(ID), minutesAfter(7)),
      ).toMatchObject({ status: 'approved', decidedBy: BOB });

      // The same id for another target is refused rather than handed over.
      await expect(
        store.request(
          { ...switchover(ID), entityRef: 'component:default/auth-service' },
          minutesAfter(8),
        ),
      ).rejects.toThrow(
        `id: approval ${ID} is for the switchover of component:default/payment-service in production, not this one`,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'lets a second member decide, and keeps the first decision, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      await store.request(switchover(ID), REQUESTED);

      await expect(
        store.decide(ID, 'approve', 'User:default/Alice', minutesAfter(1)),
      ).rejects.toThrow(
        'User:default/Alice asked for this switchover: a second member of the platform team must approve or reject it',
      );
      expect(await store.get(ID, minutesAfter(1))).toMatchObject({
        status: 'pending',
      });

      const approved = await store.decide(ID, 'approve', BOB, minutesAfter(2));
      expect(approved).toMatchObject({
        status: 'approved',
        decidedBy: BOB,
        decidedAt: '2026-11-25T10:02:00.000Z',
      });

      await expect(
        store.decide(ID, 'reject', CAROL, minutesAfter(3)),
      ).rejects.toThrow(
        `This approval request was already approved by ${BOB} at 2026-11-25T10:02:00.000Z`,
      );
      expect(await store.get(ID, minutesAfter(3))).toEqual(approved);
      await expect(
        store.decide(OTHER_ID, 'approve', BOB, minutesAfter(3)),
      ).rejects.toThrow(`No approval request with id ${OTHER_ID}`);
    },
  );

  it.each(databases.eachSupportedId())(
    'expires a request nobody decided in time, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      await store.request(switchover(ID), REQUESTED);
      expect((await store.get(ID, minutesAfter(29)))?.status).toBe('pending');
      expect(await store.get(ID, minutesAfter(30))).toMatchObject({
        status: 'expired',
        decidedBy: undefined,
      });
      await expect(
        store.decide(ID, 'approve', BOB, minutesAfter(31)),
      ).rejects.toThrow(
        'This approval request expired at 2026-11-25T10:30:00.000Z without a decision; start the switchover again to ask anew',
      );
      // The expiry is recorded, so it holds for a reader whose clock says otherwise.
      expect((await store.get(ID, minutesAfter(1)))?.status).toBe('expired');
    },
  );

  it.each(databases.eachSupportedId())(
    'lets exactly one of two approvers deciding at once win, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      await store.request(switchover(ID), REQUESTED);
      const results = await Promise.allSettled([
        store.decide(ID, 'approve', BOB, minutesAfter(1)),
        store.decide(ID, 'reject', CAROL, minutesAfter(1)),
      ]);
      const won = results.filter(r => r.status === 'fulfilled');
      const lost = results.filter(
        (r): r is PromiseRejectedResult => r.status === 'rejected',
      );
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const stored = (await store.get(ID, minutesAfter(2)))!;
      expect(String(lost[0].reason)).toContain(
        `already ${stored.status} by ${stored.decidedBy}`,
      );
      expect((won[0] as PromiseFulfilledResult<unknown>).value).toEqual(stored);
    },
  );

  it.each(databases.eachSupportedId())(
    'lists pending requests first, then the last few decided, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const ids = Array.from(
        { length: 8 },
        (_, i) => `00000000-0000-4000-8000-00000000000${i}`,
      );
      for (const [i, id] of ids.entries()) {
        await store.request(
          { ...switchover(id), expiresAt: minutesAfter(60) },
          minutesAfter(i),
        );
      }
      await store.request(
        {
          ...switchover(OTHER_ID),
          entityRef: 'component:default/auth-service',
        },
        REQUESTED,
      );
      // The first six are decided; the last two stay pending.
      for (const id of ids.slice(0, 6)) {
        await store.decide(id, 'reject', BOB, minutesAfter(10));
      }

      const listed = await store.list(
        'component:default/payment-service',
        minutesAfter(11),
      );
      expect(listed.map(a => [a.id, a.status])).toEqual([
        [ids[7], 'pending'],
        [ids[6], 'pending'],
        [ids[5], 'rejected'],
        [ids[4], 'rejected'],
        [ids[3], 'rejected'],
        [ids[2], 'rejected'],
        [ids[1], 'rejected'],
      ]);
    },
  );
});
