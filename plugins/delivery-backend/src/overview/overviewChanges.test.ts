import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import {
  AppsV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  applyOverviewChanges,
  expandOverview,
  OverviewChanges,
  OverviewDocument,
} from '@internal/backstage-plugin-delivery-common';
import { eventually } from '@internal/backstage-plugin-delivery-node/testUtils';
import request from 'supertest';
import { seededFleetPortal } from '../__testUtils__/seededFleetPortal';
import { hiddenByCatalogRule } from '../__testUtils__/hiddenByCatalogRule';

// Starts the seeded fleet and a backend on it: seconds, more on a busy machine.
jest.setTimeout(120_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const OWNER_SERVICE = 'component:default/propertyos-owner-service';

/**
 * Alice may read every service; Bob every one but propertyos-owner-service, by a condition
 * only the permission backend can apply (it answers for the refs).
 */
const aliceReadsAllBobNotTheOwnerService = hiddenByCatalogRule(
  OWNER_SERVICE,
  user => user === BOB,
);

/** The signals the backend published, as the signals backend would receive them. */
const published: SignalPayload[] = [];
const recordingSignals = createServiceFactory({
  service: signalsServiceRef,
  deps: {},
  factory: () => ({
    async publish(signal) {
      published.push(signal);
    },
  }),
});

describe('GET /api/delivery/overview/changes', () => {
  const portal = seededFleetPortal();
  let server: Awaited<ReturnType<typeof portal.startBackend>>;

  beforeAll(async () => {
    server = await portal.startBackend([
      aliceReadsAllBobNotTheOwnerService.factory,
      recordingSignals,
    ]);
  });

  const overviewAs = async (user: string) =>
    (
      await request(server)
        .get('/api/delivery/overview')
        .set('Authorization', mockCredentials.user.header(user))
    ).body as OverviewDocument;

  const changesAs = async (user: string, cursor: string) => {
    const res = await request(server)
      .get('/api/delivery/overview/changes')
      .query({ cursor })
      .set('Authorization', mockCredentials.user.header(user));
    expect(res.status).toBe(200);
    return res.body as OverviewChanges;
  };

  const namesOf = (changes: { services: { name: string }[] }) =>
    changes.services.map(s => s.name).sort();

  it('refuses a request without a cursor, naming it', async () => {
    const res = await request(server)
      .get('/api/delivery/overview/changes')
      .set('Authorization', mockCredentials.user.header(ALICE));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('cursor: is required');
  });

  it('answers only the service that changed in a cluster, and nothing when nothing did', async () => {
    // Once every cluster was read, nothing moves until the test changes something.
    const before = await eventually(
      () => overviewAs(ALICE),
      b => b.clusters?.every(c => c.state === 'ok'),
      { what: 'every cluster read' },
    );
    const signalsBefore = published.length;
    const quiet = await changesAs(ALICE, before.cursor);
    expect(quiet.full).toBe(false);
    expect(quiet.services).toEqual([]);
    expect(quiet.removed).toEqual([]);

    const kc = new KubeConfig();
    kc.loadFromString(portal.fleet.kubeconfig());
    kc.setCurrentContext('sandbox-staging');
    await kc.makeApiClient(AppsV1Api).patchNamespacedDeployment(
      {
        name: 'propertyos-analytics-service',
        namespace: 'propertyos',
        body: { spec: { replicas: 7 } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );

    const changes = await eventually(
      () => changesAs(ALICE, before.cursor),
      c => c.services.length > 0,
      { what: 'the scaled service among the changes' },
    );
    expect(changes.full).toBe(false);
    // The other service did not change, so it is not sent again.
    expect(namesOf(changes)).toEqual(['propertyos-analytics-service']);

    // Applied to the page's document, the staging row shows the new desired count.
    const rowOf = (document: OverviewDocument) =>
      expandOverview(document).rows.find(
        r =>
          r.name === 'propertyos-analytics-service' && r.cluster === 'staging',
      );
    const after = applyOverviewChanges(before, changes);
    expect(rowOf(before)?.desired).not.toBe(7);
    expect(rowOf(after)?.desired).toBe(7);
    expect(after.services.map(s => s.name).sort()).toEqual(
      before.services.map(s => s.name).sort(),
    );

    // Open pages were told, by the overview's revision, on the overview's channel.
    await eventually(
      async () => published.slice(signalsBefore),
      signals => signals.length > 0,
      { what: 'a signal after the change' },
    );
    expect(published.at(-1)).toEqual({
      recipients: { type: 'broadcast' },
      channel: 'delivery:overview',
      message: { revision: expect.any(Number) },
    });

    // From the new cursor on, nothing more.
    expect((await changesAs(ALICE, changes.cursor)).services).toEqual([]);
  });

  it('answers everything for a cursor it cannot answer from', async () => {
    const whole = await overviewAs(ALICE);
    const garbage = await changesAs(ALICE, 'not-a-cursor');
    expect(garbage.full).toBe(true);
    expect(namesOf(garbage)).toEqual(namesOf(whole));
    expect(namesOf(garbage)).toEqual([
      'propertyos-analytics-service',
      'propertyos-owner-service',
    ]);
    expect(garbage.cursor).toEqual(expect.any(String));
  });

  it('answers everything, as the caller may read it, for a cursor made for another readable set', async () => {
    const alices = await overviewAs(ALICE);
    const bobs = await changesAs(BOB, alices.cursor);
    expect(bobs.full).toBe(true);
    expect(namesOf(bobs)).toEqual(['propertyos-analytics-service']);
    // Bob's own cursor then stands.
    const again = await changesAs(BOB, bobs.cursor);
    expect(again.full).toBe(false);
    expect(again.services).toEqual([]);
  });
});
