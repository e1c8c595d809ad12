import { AppsV1Api, KubeConfig, Watch } from '@kubernetes/client-node';
import { clustersOnFreePorts } from '../fleet/defaults';
import { Fleet } from '../fleet/Fleet';
import { kubeRequest, startTestFleet } from '../__testUtils__/testFleet';

jest.setTimeout(20_000);

const configMap = (name: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'propertyos' },
  data: { written: 'yes' },
});

/**
 * A cluster with anonymous reads answers like kube-apiserver with `--anonymous-auth` and
 * RBAC granting `system:anonymous` get, list and watch: reads without credentials work,
 * writes without the cluster's token are refused, and a wrong token is still refused.
 */
describe('anonymous reads', () => {
  let fleet: Fleet;

  beforeAll(async () => {
    ({ fleet } = await startTestFleet({
      clusters: clustersOnFreePorts(['production', 'production-dr']).map(c =>
        c.name === 'production-dr' ? { ...c, anonymousReads: true } : c,
      ),
    }));
  });
  afterAll(() => fleet.stop());

  /** client-node with the cluster's CA and no user credentials at all. */
  function anonymousClient(clusterName: string): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromClusterAndUser(
      {
        name: clusterName,
        server: fleet.member(clusterName)!.server.url,
        caData: Buffer.from(fleet.tls.caPem).toString('base64'),
        skipTLSVerify: false,
      },
      { name: 'anonymous' },
    );
    return kc;
  }

  it('lists, gets, watches and discovers without credentials', async () => {
    const kc = anonymousClient('production-dr');
    const apps = kc.makeApiClient(AppsV1Api);
    const listed = await apps.listNamespacedDeployment({
      namespace: 'propertyos',
    });
    expect(listed.items.length).toBeGreaterThan(0);
    const first = listed.items[0].metadata!.name!;
    const got = await apps.readNamespacedDeployment({
      name: first,
      namespace: 'propertyos',
    });
    expect(got.metadata?.name).toBe(first);

    let added!: (name: string) => void;
    const seen = new Promise<string>(resolve => (added = resolve));
    const watch = await new Watch(kc).watch(
      '/apis/apps/v1/namespaces/propertyos/deployments',
      {},
      (type, object) => {
        if (type === 'ADDED') added(object.metadata.name);
      },
      () => {},
    );
    try {
      expect(listed.items.map(d => d.metadata!.name)).toContain(await seen);
    } finally {
      watch.abort();
    }

    const discovery = await kubeRequest(
      fleet,
      'production-dr',
      'GET',
      '/apis',
      {
        anonymous: true,
      },
    );
    expect(discovery.status).toBe(200);
    expect(discovery.body.kind).toBe('APIGroupList');
  });

  it('refuses writes without the token as RBAC does, and takes them with it', async () => {
    const create = await kubeRequest(
      fleet,
      'production-dr',
      'POST',
      '/api/v1/namespaces/propertyos/configmaps',
      { body: configMap('anonymous-write'), anonymous: true },
    );
    expect(create).toMatchObject({
      status: 403,
      body: {
        kind: 'Status',
        status: 'Failure',
        reason: 'Forbidden',
        code: 403,
        message:
          'configmaps is forbidden: User "system:anonymous" cannot create resource "configmaps" in API group "" in the namespace "propertyos"',
      },
    });

    const { body: deployments } = await kubeRequest(
      fleet,
      'production-dr',
      'GET',
      '/apis/apps/v1/namespaces/propertyos/deployments',
    );
    const name = deployments.items[0].metadata.name;
    const scale = await kubeRequest(
      fleet,
      'production-dr',
      'PATCH',
      `/apis/apps/v1/namespaces/propertyos/deployments/${name}/scale`,
      {
        body: { spec: { replicas: 0 } },
        contentType: 'application/merge-patch+json',
        anonymous: true,
      },
    );
    expect(scale.status).toBe(403);
    expect(scale.body.message).toBe(
      `deployments.apps "${name}" is forbidden: User "system:anonymous" cannot patch resource "deployments/scale" in API group "apps" in the namespace "propertyos"`,
    );

    // Nothing was written by the refused requests.
    const missing = await kubeRequest(
      fleet,
      'production-dr',
      'GET',
      '/api/v1/namespaces/propertyos/configmaps/anonymous-write',
    );
    expect(missing.status).toBe(404);

    const withToken = await kubeRequest(
      fleet,
      'production-dr',
      'POST',
      '/api/v1/namespaces/propertyos/configmaps',
      { body: configMap('token-write') },
    );
    expect(withToken.status).toBe(201);
  });

  it('still refuses a wrong token, and clusters without anonymous reads refuse everyone', async () => {
    const unauthorized = {
      status: 401,
      body: {
        kind: 'Status',
        status: 'Failure',
        reason: 'Unauthorized',
        code: 401,
      },
    };
    expect(
      await kubeRequest(
        fleet,
        'production-dr',
        'GET',
        '/apis/apps/v1/deployments',
        { headers: { authorization: 'Bearer wrong' } },
      ),
    ).toMatchObject(unauthorized);
    expect(
      await kubeRequest(
        fleet,
        'production',
        'GET',
        '/apis/apps/v1/deployments',
        {
          anonymous: true,
        },
      ),
    ).toMatchObject(unauthorized);
  });
});
