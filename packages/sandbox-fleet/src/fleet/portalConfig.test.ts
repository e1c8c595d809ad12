import { parse, parseAllDocuments } from 'yaml';
import { clustersOnFreePorts } from './defaults';
import { Fleet } from './Fleet';

/** The portal config with production-dr found through the catalog, and without. */
describe('portal config', () => {
  let fleet: Fleet;

  beforeAll(async () => {
    fleet = await Fleet.start({
      clusters: clustersOnFreePorts().map(c =>
        c.name === 'production-dr' ? { ...c, anonymousReads: true } : c,
      ),
      adminPort: 0,
      autoTick: false,
    });
  });
  afterAll(() => fleet.stop());

  const caData = () => Buffer.from(fleet.tls.caPem).toString('base64');
  const member = (name: string) => fleet.member(name)!;

  it('lists every cluster in the config locator by default', () => {
    const config = parse(fleet.portalConfig());
    const methods = config.kubernetes.clusterLocatorMethods;
    expect(methods.map((m: any) => m.type)).toEqual(['config']);
    expect(methods[0].clusters.map((c: any) => c.name)).toEqual([
      'staging',
      'production',
      'production-dr',
    ]);
    expect(config.delivery.clusters.map((c: any) => c.write)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('leaves a catalog-located cluster to the catalog, writing with its token', () => {
    const config = parse(
      fleet.portalConfig({ catalogLocated: ['production-dr'] }),
    );
    const [configured, catalog] = config.kubernetes.clusterLocatorMethods;
    expect(configured.type).toBe('config');
    expect(configured.clusters.map((c: any) => c.name)).toEqual([
      'staging',
      'production',
    ]);
    // Loopback must be allowed, or both plugins refuse the entity's api-server.
    expect(catalog).toEqual({
      type: 'catalog',
      dangerouslyAllowClusterUrls: ['127.0.0.1'],
    });
    expect(
      config.delivery.clusters.find((c: any) => c.name === 'production-dr'),
    ).toEqual({
      name: 'production-dr',
      environment: 'production',
      region: 'us-west-2',
      role: 'dr',
      sandbox: true,
      write: {
        authProvider: 'serviceAccount',
        serviceAccountToken: member('production-dr').cluster.token,
      },
    });
  });

  it('writes the catalog entity with the api-server, its CA and an anonymous provider, and no token', () => {
    const text = fleet.catalogClusterEntities(['production-dr']);
    const entities = parseAllDocuments(text).map(d => d.toJSON());
    expect(entities).toEqual([
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: 'production-dr',
          title: 'production-dr (sandbox, us-west-2)',
          description: expect.any(String),
          annotations: {
            'kubernetes.io/api-server': member('production-dr').server.url,
            'kubernetes.io/api-server-certificate-authority': caData(),
            'kubernetes.io/auth-provider': 'localKubectlProxy',
            'kubernetes.io/skip-metrics-lookup': 'true',
          },
        },
        spec: {
          type: 'kubernetes-cluster',
          owner: 'group:default/platform-team',
        },
      },
    ]);
    for (const name of fleet.clusterNames()) {
      expect(text).not.toContain(member(name).cluster.token);
    }
    // Without catalog-located clusters the file holds no entity.
    expect(
      parseAllDocuments(fleet.catalogClusterEntities([])).map(d => d.toJSON()),
    ).toEqual([]);
  });

  it('refuses to catalog-locate a cluster that does not answer anonymous reads', () => {
    expect(() =>
      fleet.portalConfig({ catalogLocated: ['production'] }),
    ).toThrow(
      'production cannot be catalog-located: it does not answer anonymous reads',
    );
    expect(() => fleet.catalogClusterEntities(['nowhere'])).toThrow(
      'nowhere is not a cluster of the sandbox fleet',
    );
  });
});
