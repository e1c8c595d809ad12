import { Fleet } from '../fleet/Fleet';
import { admin, kubeRequest, startTestFleet } from '../__testUtils__/testFleet';
import { DR_KINDS } from './drObjects';

jest.setTimeout(30_000);

const CLUSTERS = '/apis/postgresql.cnpg.io/v1/namespaces';
const ENDPOINTS = '/apis/externaldns.k8s.io/v1alpha1/namespaces';
const HEALTHY = 'Cluster in healthy state';

describe('the DR operators', () => {
  let fleet: Fleet;
  let step: (ms: number, every?: number) => void;
  beforeAll(async () => {
    ({ fleet, step } = await startTestFleet());
  });
  afterAll(() => fleet.stop());

  const database = (cluster: string, namespace: string, name: string) =>
    fleet
      .member(cluster)!
      .cluster.store.get(DR_KINDS.database, namespace, name)!;
  const mergePatch = (cluster: string, path: string, body: unknown) =>
    kubeRequest(fleet, cluster, 'PATCH', path, {
      contentType: 'application/merge-patch+json',
      body,
    });
  const setReplica = (
    cluster: string,
    namespace: string,
    name: string,
    enabled: boolean,
  ) =>
    mergePatch(cluster, `${CLUSTERS}/${namespace}/clusters/${name}`, {
      spec: { replica: { enabled } },
    });

  it('promotes a replica: Promoting for 1.5 s, then a healthy primary without lag', async () => {
    const name = 'propertyos-property-service-db';
    const before = database('production-dr', 'propertyos', name);
    const res = await setReplica('production-dr', 'propertyos', name, false);
    expect(res.status).toBe(200);
    // A spec write bumps the generation and leaves the status to the operator.
    expect(res.body.metadata.generation).toBe(2);
    expect(res.body.status).toEqual(before.status);

    step(250);
    expect(database('production-dr', 'propertyos', name).status).toMatchObject({
      phase: 'Promoting',
      replicaMode: true,
      readyInstances: 0,
    });
    step(1_000);
    expect(database('production-dr', 'propertyos', name).status.phase).toBe(
      'Promoting',
    );
    step(500);
    const promoted = database('production-dr', 'propertyos', name);
    expect(promoted.status).toEqual({
      phase: HEALTHY,
      instances: 2,
      readyInstances: 2,
      currentPrimary: `${name}-1`,
      replicaMode: false,
    });
    expect(promoted.metadata.generation).toBe(2);
  });

  it('ignores a status sent with the object and a spec sent to the status subresource', async () => {
    const name = 'propertyos-maintenance-service-db';
    const path = `${CLUSTERS}/propertyos/clusters/${name}`;
    await mergePatch('production-dr', path, { status: { phase: 'Broken' } });
    expect(database('production-dr', 'propertyos', name).status.phase).toBe(
      HEALTHY,
    );
    const res = await mergePatch('production-dr', `${path}/status`, {
      spec: { instances: 9 },
      status: { readyInstances: 0 },
    });
    expect(res.status).toBe(200);
    const after = database('production-dr', 'propertyos', name);
    expect(after.spec.instances).toBe(1);
    expect(after.status.readyInstances).toBe(0);
    expect(after.metadata.generation).toBe(1);
  });

  it('demotes a primary, and its DR replica catches up to no lag within a second', async () => {
    const name = 'propertyos-auth-service-db';
    const lag = database('production-dr', 'propertyos', name).status
      .replicationLagSeconds;
    expect(lag).toBeGreaterThan(0);

    await setReplica('production', 'propertyos', name, true);
    step(250);
    expect(database('production', 'propertyos', name).status).toMatchObject({
      phase: HEALTHY,
      replicaMode: true,
      replicationLagSeconds: 0,
    });
    // The operator notices at its next pass, then the lag falls for a second.
    step(500);
    const catchingUp = database('production-dr', 'propertyos', name).status;
    expect(catchingUp.replicationLagSeconds).toBeGreaterThan(0);
    expect(catchingUp.replicationLagSeconds).toBeLessThan(lag);
    step(500);
    const caughtUp = database('production-dr', 'propertyos', name).status;
    expect(caughtUp.replicationLagSeconds).toBe(0);
    expect(Date.parse(caughtUp.lagMeasuredAt)).toBe(
      fleet.member('production-dr')!.cluster.clock.now(),
    );
  });

  it('keeps a replica whose source still serves at its steady lag, measured again every few seconds', () => {
    const name = 'propertyos-owner-service-db';
    const before = database('production-dr', 'propertyos', name).status;
    step(6_000);
    const after = database('production-dr', 'propertyos', name).status;
    expect(after.replicationLagSeconds).toBe(before.replicationLagSeconds);
    expect(Date.parse(after.lagMeasuredAt)).toBeGreaterThan(
      Date.parse(before.lagMeasuredAt),
    );
  });

  it('sets up a new replica (a drill copy) before it reports healthy', async () => {
    const source = database('production-dr', 'messaging', 'messaging-api-db');
    const res = await kubeRequest(
      fleet,
      'production-dr',
      'POST',
      `${CLUSTERS}/messaging/clusters`,
      {
        body: {
          apiVersion: 'postgresql.cnpg.io/v1',
          kind: 'Cluster',
          metadata: { name: 'messaging-api-db-drill-1' },
          spec: { ...source.spec, instances: 1 },
          status: { phase: HEALTHY },
        },
      },
    );
    expect(res.status).toBe(201);
    expect(res.body.status).toBeUndefined();
    step(250);
    const copy = () =>
      database('production-dr', 'messaging', 'messaging-api-db-drill-1');
    expect(copy().status).toMatchObject({
      phase: 'Setting up primary',
      readyInstances: 0,
    });
    step(1_000);
    expect(copy().status).toMatchObject({
      phase: HEALTHY,
      readyInstances: 1,
      replicaMode: true,
      replicationLagSeconds: 0,
    });
  });

  it('marks a DNSEndpoint in sync (observedGeneration) a second after its spec changes', async () => {
    const path = `${ENDPOINTS}/propertyos/dnsendpoints/propertyos-tenant-service`;
    const res = await mergePatch('production-dr', path, {
      spec: {
        endpoints: [
          {
            dnsName: 'propertyos-tenant-service.delivery.internal',
            recordType: 'CNAME',
            targets: ['propertyos-tenant-service.us-west-2.delivery.internal'],
            recordTTL: 5,
          },
        ],
      },
    });
    expect(res.body.metadata.generation).toBe(2);
    expect(res.body.status.observedGeneration).toBe(1);
    const record = () =>
      fleet
        .member('production-dr')!
        .cluster.store.get(
          DR_KINDS.dnsEndpoint,
          'propertyos',
          'propertyos-tenant-service',
        )!;
    step(750);
    expect(record().status.observedGeneration).toBe(1);
    step(500);
    expect(record().status.observedGeneration).toBe(2);

    // Labels are not the spec: no new generation, nothing to publish.
    await mergePatch('production-dr', path, {
      metadata: { labels: { team: 'propertyos' } },
    });
    expect(record().metadata.generation).toBe(2);
  });

  it('lets the admin API set a replica lag and make it unhealthy', async () => {
    const lagged = await admin(
      fleet,
      'POST',
      '/services/incubation-api-server/replica',
      { replicationLagSeconds: 7_200 },
    );
    expect(lagged.status).toBe(200);
    expect(lagged.body).toEqual([
      expect.objectContaining({
        cluster: 'production-dr',
        name: 'incubation-api-server-db',
      }),
    ]);
    step(6_000);
    const replica = () =>
      database(
        'production-dr',
        'incubation-platform',
        'incubation-api-server-db',
      );
    expect(replica().status.replicationLagSeconds).toBe(7_200);

    await admin(fleet, 'POST', '/services/incubation-api-server/replica', {
      healthy: false,
    });
    step(1_000);
    expect(replica().status).toMatchObject({
      phase: 'Waiting for the instances to become active',
      readyInstances: 0,
    });
    await admin(fleet, 'POST', '/services/incubation-api-server/replica', {
      healthy: true,
    });
    step(250);
    expect(replica().status.phase).toBe(HEALTHY);

    expect(
      await admin(fleet, 'POST', '/services/incubation-api-server/replica', {
        replicationLagSeconds: -1,
      }),
    ).toEqual({
      status: 400,
      body: {
        error: 'replicationLagSeconds: must be a number of seconds, 0 or more',
      },
    });
    expect(
      (
        await admin(fleet, 'POST', '/services/capsight-backend/replica', {
          healthy: false,
        })
      ).status,
    ).toBe(404);
  });
});
