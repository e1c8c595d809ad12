import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  Watch,
} from '@kubernetes/client-node';
import { Fleet } from '../fleet/Fleet';
import { admin, startTestFleet } from '../__testUtils__/testFleet';

jest.setTimeout(30_000);

/** The fleet as @kubernetes/client-node sees it, through the kubeconfig it writes. */
describe('@kubernetes/client-node against the sandbox', () => {
  let fleet: Fleet;
  let step: (ms: number) => void;
  let kc: KubeConfig;
  let apps: AppsV1Api;
  let core: CoreV1Api;

  beforeAll(async () => {
    ({ fleet, step } = await startTestFleet());
    kc = new KubeConfig();
    kc.loadFromString(fleet.kubeconfig());
    kc.setCurrentContext('sandbox-staging');
    apps = kc.makeApiClient(AppsV1Api);
    core = kc.makeApiClient(CoreV1Api);
  });
  afterAll(() => fleet.stop());

  it('lists with a label selector and pages with limit and continue', async () => {
    const selected = await apps.listDeploymentForAllNamespaces({
      labelSelector: 'backstage.io/kubernetes-id=propertyos-payment-service',
    });
    expect(selected.items.map(d => d.metadata?.name).sort()).toEqual([
      'propertyos-payment-service-blue',
      'propertyos-payment-service-green',
    ]);

    const all = await apps.listNamespacedDeployment({
      namespace: 'propertyos',
    });
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await apps.listNamespacedDeployment({
        namespace: 'propertyos',
        limit: 4,
        _continue: token,
      });
      expect(page.items.length).toBeLessThanOrEqual(4);
      names.push(...page.items.map(d => d.metadata!.name!));
      token = page.metadata?._continue;
    } while (token);
    expect(names).toEqual(all.items.map(d => d.metadata!.name));
  });

  it('filters pods with a field selector on status.phase', async () => {
    const running = await core.listNamespacedPod({
      namespace: 'propertyos',
      fieldSelector: 'status.phase=Running',
    });
    const pending = await core.listNamespacedPod({
      namespace: 'propertyos',
      fieldSelector: 'status.phase=Pending',
    });
    expect(running.items.length).toBeGreaterThan(5);
    expect(
      pending.items.map(
        p => p.status?.containerStatuses?.[0].state?.waiting?.reason,
      ),
    ).toEqual(['ImagePullBackOff']);
  });

  it('answers 409 Conflict to an update built from a stale read, and never applies it', async () => {
    const read = await apps.readNamespacedDeployment({
      name: 'propertyos-owner-service',
      namespace: 'propertyos',
    });
    await apps.patchNamespacedDeployment(
      {
        name: 'propertyos-owner-service',
        namespace: 'propertyos',
        body: { metadata: { annotations: { touched: 'yes' } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const stale = { ...read, spec: { ...read.spec!, replicas: 7 } };
    await expect(
      apps.replaceNamespacedDeployment({
        name: 'propertyos-owner-service',
        namespace: 'propertyos',
        body: stale,
      }),
    ).rejects.toMatchObject({ code: 409 });
    const after = await apps.readNamespacedDeployment({
      name: 'propertyos-owner-service',
      namespace: 'propertyos',
    });
    expect(after.spec?.replicas).toBe(read.spec?.replicas);
    expect(after.metadata?.annotations?.touched).toBe('yes');
  });

  it('patches with merge, strategic-merge and JSON patch', async () => {
    const target = {
      name: 'propertyos-maintenance-service',
      namespace: 'propertyos',
    };
    await apps.patchNamespacedDeployment(
      {
        ...target,
        body: {
          spec: {
            template: {
              spec: {
                containers: [
                  {
                    name: 'propertyos-maintenance-service',
                    image:
                      'ghcr.io/delivery-example/propertyos-maintenance-service:2.0.0',
                  },
                ],
              },
            },
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    let current = await apps.readNamespacedDeployment(target);
    const container = current.spec!.template.spec!.containers[0];
    // Strategic merge merged the container by name: the image changed, the probes stayed.
    expect(container.image).toMatch(/:2\.0\.0$/);
    expect(container.readinessProbe?.httpGet?.path).toBe('/ready');

    await apps.patchNamespacedDeployment(
      {
        ...target,
        body: [{ op: 'replace', path: '/spec/revisionHistoryLimit', value: 3 }],
      },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
    current = await apps.readNamespacedDeployment(target);
    expect(current.spec?.revisionHistoryLimit).toBe(3);

    await expect(
      apps.patchNamespacedDeployment(
        {
          ...target,
          body: [{ op: 'test', path: '/spec/replicas', value: 99 }],
        },
        setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
      ),
    ).rejects.toMatchObject({ code: 422 });
  });

  it('scales through the scale subresource and the controllers follow', async () => {
    const target = {
      name: 'propertyos-tenant-service',
      namespace: 'propertyos',
    };
    const scale = await apps.readNamespacedDeploymentScale(target);
    expect(scale.spec?.replicas).toBe(1);
    await apps.replaceNamespacedDeploymentScale({
      ...target,
      body: { ...scale, spec: { replicas: 3 } },
    });
    step(10_000);
    const deployment = await apps.readNamespacedDeployment(target);
    expect(deployment.spec?.replicas).toBe(3);
    expect(deployment.status?.readyReplicas).toBe(3);
    // A stale Scale is refused like any other stale write.
    await expect(
      apps.replaceNamespacedDeploymentScale({
        ...target,
        body: { ...scale, spec: { replicas: 5 } },
      }),
    ).rejects.toMatchObject({ code: 409 });
  });

  it('watches from a resourceVersion, and answers 410 Gone once that version is compacted', async () => {
    const list = await apps.listNamespacedDeployment({ namespace: 'pms' });
    const from = list.metadata!.resourceVersion!;
    const events: Array<{ type: string; name?: string }> = [];
    const watch = new Watch(kc);
    const done = new Promise(resolve => {
      watch
        .watch(
          '/apis/apps/v1/namespaces/pms/deployments',
          { resourceVersion: from, allowWatchBookmarks: true },
          (type, obj) => {
            events.push({ type, name: obj.metadata?.name });
          },
          resolve,
        )
        .then(controller => setTimeout(() => controller.abort(), 1500));
    });
    await apps.patchNamespacedDeployment(
      {
        name: 'pms-app',
        namespace: 'pms',
        body: { metadata: { labels: { watched: 'yes' } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await done;
    expect(events).toContainEqual({ type: 'MODIFIED', name: 'pms-app' });
    expect(events.some(e => e.type === 'BOOKMARK')).toBe(true);

    await admin(fleet, 'POST', '/clusters/staging/compact');
    const gone: any[] = [];
    await new Promise(resolve => {
      watch.watch(
        '/apis/apps/v1/namespaces/pms/deployments',
        { resourceVersion: from },
        (type, obj) => gone.push({ type, obj }),
        resolve,
      );
    });
    expect(gone).toEqual([
      {
        type: 'ERROR',
        obj: expect.objectContaining({
          kind: 'Status',
          code: 410,
          reason: 'Expired',
        }),
      },
    ]);
  });

  it('refuses a request without the cluster token', async () => {
    const anonymous = new KubeConfig();
    const cluster = kc.getCurrentCluster()!;
    anonymous.loadFromClusterAndUser(cluster, {
      name: 'nobody',
      token: 'wrong',
    });
    await expect(
      anonymous.makeApiClient(CoreV1Api).listNamespace(),
    ).rejects.toMatchObject({ code: 401 });
  });
});
