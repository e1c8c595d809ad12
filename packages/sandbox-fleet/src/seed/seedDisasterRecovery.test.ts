import { Fleet } from '../fleet/Fleet';
import { DR_KINDS } from '../sim/drObjects';
import { kubeRequest, startTestFleet } from '../__testUtils__/testFleet';

// Starts the sandbox fleet (three TLS API servers seeded from the catalog): seconds on a
// busy machine.
jest.setTimeout(60_000);

describe('the seeded DR objects', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    ({ fleet } = await startTestFleet());
  });
  afterAll(() => fleet.stop());

  const store = (cluster: string) => fleet.member(cluster)!.cluster.store;
  const databases = (cluster: string) =>
    store(cluster)
      .list(DR_KINDS.database)
      .map(db => db.metadata.name);

  it('serves both custom resource groups through discovery, like built-in ones', async () => {
    const groups = await kubeRequest(fleet, 'production', 'GET', '/apis');
    const names = groups.body.groups.map((g: any) => g.name);
    expect(names).toEqual(
      expect.arrayContaining(['postgresql.cnpg.io', 'externaldns.k8s.io']),
    );
    const cnpg = await kubeRequest(
      fleet,
      'production',
      'GET',
      '/apis/postgresql.cnpg.io/v1',
    );
    expect(cnpg.body.resources.map((r: any) => r.name)).toEqual([
      'clusters',
      'clusters/status',
    ]);
    const dns = await kubeRequest(
      fleet,
      'production-dr',
      'GET',
      '/apis/externaldns.k8s.io/v1alpha1/namespaces/propertyos/dnsendpoints',
    );
    expect(dns.status).toBe(200);
    expect(dns.body.items.length).toBeGreaterThan(0);
  });

  it('gives every production service with a database a primary, and a replica where it has DR', () => {
    const primaries = databases('production');
    expect(primaries).toContain('propertyos-payment-service-db');
    expect(primaries).toContain('messaging-api-db');
    // Experimental services have no DR database; staging has none at all.
    expect(primaries).not.toContain('capsight-backend-db');
    expect(primaries).not.toContain('propertyos-analytics-service-db');
    expect(databases('staging')).toEqual([]);

    const replicas = databases('production-dr');
    expect(replicas).toContain('propertyos-payment-service-db');
    // Declared DR but never deployed there: a primary without a replica.
    expect(primaries).toContain('propertyos-document-service-db');
    expect(replicas).not.toContain('propertyos-document-service-db');

    const primary = store('production').get(
      DR_KINDS.database,
      'propertyos',
      'propertyos-auth-service-db',
    )!;
    expect(primary.metadata.labels?.['backstage.io/kubernetes-id']).toBe(
      'propertyos-auth-service',
    );
    expect(primary.spec.instances).toBe(3);
    expect(primary.status).toMatchObject({
      phase: 'Cluster in healthy state',
      readyInstances: 3,
      replicaMode: false,
    });

    const replica = store('production-dr').get(
      DR_KINDS.database,
      'propertyos',
      'propertyos-auth-service-db',
    )!;
    expect(replica.spec.replica).toEqual({
      enabled: true,
      source: 'propertyos-auth-service-db',
    });
    expect(replica.status).toMatchObject({
      phase: 'Cluster in healthy state',
      replicaMode: true,
    });
    expect(replica.status.replicationLagSeconds).toBeGreaterThanOrEqual(1);
    expect(replica.status.replicationLagSeconds).toBeLessThanOrEqual(3);
  });

  it('has the payment service replica lagging far beyond its 5-minute RPO', () => {
    const replica = store('production-dr').get(
      DR_KINDS.database,
      'propertyos',
      'propertyos-payment-service-db',
    )!;
    expect(replica.status.replicationLagSeconds).toBe(2_700);
  });

  it('keeps each DNS record on the DR side, pointing at the primary region and in sync', () => {
    expect(store('production').count(DR_KINDS.dnsEndpoint)).toBe(0);
    const record = store('production-dr').get(
      DR_KINDS.dnsEndpoint,
      'messaging',
      'messaging-api',
    )!;
    expect(record.metadata.labels?.['backstage.io/kubernetes-id']).toBe(
      'messaging-api',
    );
    expect(record.spec.endpoints).toEqual([
      {
        dnsName: 'messaging-api.delivery.internal',
        recordType: 'CNAME',
        targets: ['messaging-api.us-east-1.delivery.internal'],
        recordTTL: 5,
      },
    ]);
    expect(record.status.observedGeneration).toBe(record.metadata.generation);
  });
});
