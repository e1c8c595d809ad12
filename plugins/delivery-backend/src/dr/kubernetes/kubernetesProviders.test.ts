import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  ClusterConnection,
  DrTarget,
  readDeliveryConfig,
  resolveDrTarget,
} from '@internal/backstage-plugin-delivery-node';
import { Fleet } from '@internal/sandbox-fleet';
import {
  fleetConnections,
  startSeededFleet,
} from '../../__testUtils__/seededFleet';
import { KubernetesDrDatabaseProvider } from './KubernetesDrDatabaseProvider';
import { KubernetesDrDnsProvider } from './KubernetesDrDnsProvider';

jest.setTimeout(60_000);

const CLUSTERS = 'postgresql.cnpg.io/clusters';
const DNS_ENDPOINTS = 'externaldns.k8s.io/dnsendpoints';

async function waitFor<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise(r => setTimeout(r, 50));
  }
}

describe('the Kubernetes DR providers against the sandbox fleet', () => {
  let fleet: Fleet;
  let connections: ClusterConnection[];
  const database = new KubernetesDrDatabaseProvider({
    requestTimeoutMs: 5_000,
  });
  const dns = new KubernetesDrDnsProvider({ requestTimeoutMs: 5_000 });
  const config = readDeliveryConfig(
    new ConfigReader({ delivery: { dr: { dns: { ttlSeconds: 30 } } } }),
  );

  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${fleet.adminUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
  };
  /** Writes a cluster has served to a resource, through its API. */
  const writes = (cluster: string, resource: string) => {
    const verbs = fleet.counters.snapshot()[cluster] ?? {};
    return ['create', 'update', 'patch', 'delete']
      .map(verb => verbs[verb]?.[resource] ?? 0)
      .reduce((a, b) => a + b, 0);
  };
  /** The object as the DR cluster stores it, to see what providers did not touch. */
  const stored = (kind: string, namespace: string, name: string) =>
    fleet.member('production-dr')!.cluster.store.get(kind, namespace, name);

  const targetOf = (service: string, namespace: string): DrTarget => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: service },
    };
    return resolveDrTarget({
      entity,
      entityRef: `component:default/${service}`,
      service,
      environment: 'production',
      namespace,
      connections,
      config,
    });
  };

  beforeAll(async () => {
    fleet = await startSeededFleet({
      autoTick: true,
      simulation: {
        tickMs: 50,
        load: {
          mode: 'steady',
          periodMs: 600_000,
          scaleDownStabilizationMs: 300_000,
        },
      },
      dr: { promotionMs: 300, setupMs: 200, catchUpMs: 300, dnsSyncMs: 200 },
    });
    connections = fleetConnections(fleet);
  });
  afterAll(() => fleet.stop());
  afterEach(async () => {
    await admin('DELETE', '/faults');
    await admin('POST', '/clusters/production/up');
    await admin('POST', '/clusters/production-dr/up');
  });

  it('describes a seeded pair: a healthy primary and its replica with its lag', async () => {
    const state = await database.describe(
      targetOf('propertyos-owner-service', 'propertyos'),
    );
    expect(state).toMatchObject({
      provider: 'kubernetes',
      primary: {
        id: 'production/propertyos/propertyos-owner-service-db',
        region: 'us-east-1',
        role: 'primary',
        available: true,
        status: 'Cluster in healthy state',
      },
      replica: {
        id: 'production-dr/propertyos/propertyos-owner-service-db',
        region: 'us-west-2',
        role: 'replica',
        available: true,
      },
    });
    expect(state.lagSeconds).toBeGreaterThanOrEqual(1);
    expect(state.lagSeconds).toBeLessThanOrEqual(3);
    expect(Date.now() - Date.parse(state.measuredAt)).toBeLessThan(60_000);

    const lagging = await database.describe(
      targetOf('propertyos-payment-service', 'propertyos'),
    );
    expect(lagging.lagSeconds).toBe(2_700);
  });

  it('promotes a replica to a healthy primary, writing once however often it is asked', async () => {
    const target = targetOf('propertyos-maintenance-service', 'propertyos');
    const before = writes('production-dr', CLUSTERS);
    await database.promoteReplica(target, { mode: 'failover' });
    await database.promoteReplica(target, { mode: 'failover' });
    expect(writes('production-dr', CLUSTERS)).toBe(before + 1);

    const promoted = await waitFor(
      () => database.describe(target),
      s => s.replica?.role === 'primary' && s.replica.available,
    );
    expect(promoted.lagSeconds).toBeUndefined();
    await database.promoteReplica(target, { mode: 'failover' });
    expect(writes('production-dr', CLUSTERS)).toBe(before + 1);
  });

  it('switches over: refuses while the primary serves, then demote, catch up, promote', async () => {
    const target = targetOf('propertyos-property-service', 'propertyos');
    await expect(
      database.promoteReplica(target, { mode: 'switchover' }),
    ).rejects.toThrow(
      'switchover: production: Cluster propertyos/propertyos-property-service-db is still a primary; demote it first, or fail over',
    );

    await database.demotePrimary(target);
    await database.demotePrimary(target);
    const caughtUp = await waitFor(
      () => database.describe(target),
      s => s.lagSeconds === 0,
    );
    expect(caughtUp.primary).toMatchObject({
      role: 'replica',
      available: true,
    });

    await database.promoteReplica(target, { mode: 'switchover' });
    const switched = await waitFor(
      () => database.describe(target),
      s => s.replica?.role === 'primary' && s.replica.available,
    );
    expect(switched.primary?.role).toBe('replica');
  });

  it('undoes a demotion before the promotion, and refuses to once the replica was promoted', async () => {
    const target = targetOf('messaging-api', 'messaging');
    await database.demotePrimary(target);
    await waitFor(
      () => database.describe(target),
      s => s.primary?.role === 'replica',
    );
    await database.undoDemotion(target);
    await waitFor(
      () => database.describe(target),
      s => s.primary?.role === 'primary' && s.primary.available,
    );

    await database.demotePrimary(target);
    await database.promoteReplica(target, { mode: 'switchover' });
    await expect(database.undoDemotion(target)).rejects.toThrow(
      /production-dr: Cluster messaging\/messaging-api-db is already promoted .* would leave two primaries/,
    );
  });

  it('points the record at the DR side in one change that comes in sync, and not twice', async () => {
    const target = targetOf('propertyos-tenant-service', 'propertyos');
    expect(await dns.describe(target)).toEqual({
      provider: 'kubernetes',
      name: 'propertyos-tenant-service.delivery.internal',
      targets: ['propertyos-tenant-service.us-east-1.delivery.internal'],
      ttlSeconds: 5,
      pointsTo: 'primary',
    });

    const before = writes('production-dr', DNS_ENDPOINTS);
    const change = await dns.pointTo(target, 'dr');
    expect(change).toMatchObject({
      id: 'propertyos-tenant-service/2',
      status: 'pending',
    });
    const synced = await waitFor(
      () => dns.changeStatus(target, change.id),
      c => c.status === 'in-sync',
    );
    expect(synced.submittedAt).toBe(change.submittedAt);
    expect(await dns.describe(target)).toMatchObject({
      targets: ['propertyos-tenant-service.us-west-2.delivery.internal'],
      ttlSeconds: 30,
      pointsTo: 'dr',
    });

    const again = await dns.pointTo(target, 'dr');
    expect(again).toEqual({ ...change, status: 'in-sync' });
    expect(writes('production-dr', DNS_ENDPOINTS)).toBe(before + 1);
  });

  it('runs a drill on copies without touching the real database or record', async () => {
    const target = targetOf('incubation-api-server', 'incubation-platform');
    const realDb = stored(
      CLUSTERS,
      'incubation-platform',
      'incubation-api-server-db',
    );
    const realRecord = stored(
      DNS_ENDPOINTS,
      'incubation-platform',
      'incubation-api-server',
    );
    const drillId = 'd7';

    const started = await database.startDrillCopy(target, drillId);
    expect(started).toEqual({
      id: 'production-dr/incubation-platform/incubation-api-server-db-drill-d7',
      role: 'replica',
      available: false,
    });
    expect(await database.startDrillCopy(target, drillId)).toMatchObject({
      id: started.id,
    });
    await waitFor(
      () => database.describeDrillCopy(target, drillId),
      c => c.role === 'replica' && c.available,
    );
    await database.promoteDrillCopy(target, drillId);
    await waitFor(
      () => database.describeDrillCopy(target, drillId),
      c => c.role === 'primary' && c.available,
    );

    const record = await dns.createDrillRecord(target, drillId);
    expect(record.id).toBe('incubation-api-server-drill-d7/1');
    await waitFor(
      () => dns.changeStatus(target, record.id),
      c => c.status === 'in-sync',
    );
    const drillRecord = stored(
      DNS_ENDPOINTS,
      'incubation-platform',
      'incubation-api-server-drill-d7',
    )!;
    expect(drillRecord.spec.endpoints).toEqual([
      {
        dnsName: 'drill-d7.incubation-api-server.delivery.internal',
        recordType: 'CNAME',
        targets: ['incubation-api-server.us-west-2.delivery.internal'],
        recordTTL: 30,
      },
    ]);

    await database.deleteDrillCopy(target, drillId);
    await database.deleteDrillCopy(target, drillId);
    await dns.deleteDrillRecord(target, drillId);
    await dns.deleteDrillRecord(target, drillId);
    expect(await database.describeDrillCopy(target, drillId)).toEqual({
      id: started.id,
      role: 'absent',
      available: false,
    });
    expect(
      stored(
        DNS_ENDPOINTS,
        'incubation-platform',
        'incubation-api-server-drill-d7',
      ),
    ).toBeUndefined();

    // The real replica and record: the same spec and labels, and no new generation (only
    // a spec write makes one; the operators keep writing status, e.g. the measured lag).
    const afterDb = stored(
      CLUSTERS,
      'incubation-platform',
      'incubation-api-server-db',
    )!;
    expect(afterDb.spec).toEqual(realDb!.spec);
    expect(afterDb.metadata.labels).toEqual(realDb!.metadata.labels);
    expect(afterDb.metadata.generation).toBe(realDb!.metadata.generation);
    expect(afterDb.status.replicaMode).toBe(true);
    const afterRecord = stored(
      DNS_ENDPOINTS,
      'incubation-platform',
      'incubation-api-server',
    )!;
    expect(afterRecord.spec).toEqual(realRecord!.spec);
    expect(afterRecord.metadata.labels).toEqual(realRecord!.metadata.labels);
    expect(afterRecord.metadata.generation).toBe(
      realRecord!.metadata.generation,
    );
  });

  it('reports a DNS write the API server refuses, naming where, and leaves the record as it was', async () => {
    const target = targetOf('pms-app', 'pms');
    await admin('POST', '/faults', {
      cluster: 'production-dr',
      verb: 'patch',
      path: '/dnsendpoints/pms-app$',
      action: { type: 'status', code: 500, message: 'etcd is unavailable' },
    });
    await expect(dns.pointTo(target, 'dr')).rejects.toThrow(
      'production-dr: patch DNSEndpoint pms/pms-app failed: HTTP 500 InternalError: etcd is unavailable',
    );
    expect(await dns.describe(target)).toMatchObject({
      targets: ['pms-app.us-east-1.delivery.internal'],
      pointsTo: 'primary',
    });
  });

  it('still describes the DR side when the primary cluster is unreachable', async () => {
    const target = targetOf('propertyos-auth-service', 'propertyos');
    await admin('POST', '/clusters/production/down');
    const state = await database.describe(target);
    expect(state.primary).toBeUndefined();
    expect(state.replica).toMatchObject({ role: 'replica', available: true });
    expect(state.lagSeconds).toBeGreaterThanOrEqual(1);

    // A region that is gone may not even refuse: a primary that never answers is given up on.
    await admin('POST', '/clusters/production/up');
    await admin('POST', '/faults', {
      cluster: 'production',
      verb: 'get',
      path: '/clusters/propertyos-auth-service-db$',
      action: { type: 'delay', ms: 5_000 },
    });
    const impatient = new KubernetesDrDatabaseProvider({
      requestTimeoutMs: 300,
    });
    const startedAt = Date.now();
    expect((await impatient.describe(target)).primary).toBeUndefined();
    expect(Date.now() - startedAt).toBeLessThan(2_000);

    await admin('POST', '/clusters/production-dr/down');
    await expect(database.describe(target)).rejects.toThrow(
      /^production-dr: get Cluster propertyos\/propertyos-auth-service-db failed: no answer/,
    );
  });
});
