import { Entity } from '@backstage/catalog-model';
import { AppsV1Api, CoreV1Api, V1Pod } from '@kubernetes/client-node';
import { runTask } from '../../__testUtils__/runTask';
import {
  serviceActionTemplate,
  deployTemplate,
  startDeliveryActionsBackend,
} from '../../__testUtils__/startDeliveryActionsBackend';

jest.setTimeout(120_000);

const NAMESPACE = 'billing';
const NAME = 'legacy-billing';
/** The workloads' labels: no backstage.io/kubernetes-id among them. */
const LABELS = { app: NAME, team: 'billing' };
const OLD_IMAGE = 'ghcr.io/delivery-example/legacy-billing:1.0.0';
const NEW_IMAGE = 'ghcr.io/delivery-example/legacy-billing:2.0.0';

/** A service the catalog finds by label selector only, as upstream's Kubernetes plugin allows. */
const legacyBilling: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: NAME,
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-label-selector': `app=${NAME},team in (billing,payments)`,
      'delivery/environments': 'staging',
    },
  },
  spec: { type: 'service', owner: 'group:default/x', lifecycle: 'production' },
};

describe('a service found by label selector', () => {
  let backend: Awaited<ReturnType<typeof startDeliveryActionsBackend>>;
  let apps: AppsV1Api;
  let core: CoreV1Api;

  /** The image every ready pod behind the Service runs: what users are served by. */
  async function servedImages(): Promise<string[]> {
    const service = await core.readNamespacedService({
      namespace: NAMESPACE,
      name: NAME,
    });
    const labelSelector = Object.entries(service.spec!.selector!)
      .map(([key, value]) => `${key}=${value}`)
      .join(',');
    const pods = await core.listNamespacedPod({
      namespace: NAMESPACE,
      labelSelector,
    });
    const ready = (pod: V1Pod) =>
      !pod.metadata?.deletionTimestamp &&
      pod.status?.conditions?.some(
        c => c.type === 'Ready' && c.status === 'True',
      );
    return [
      ...new Set(
        pods.items.filter(ready).map(p => p.spec!.containers[0].image!),
      ),
    ];
  }

  async function untilServing(image: string) {
    for (;;) {
      const images = await servedImages();
      if (images.length === 1 && images[0] === image) return;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    backend = await startDeliveryActionsBackend({
      templates: [deployTemplate(), serviceActionTemplate('rollback')],
      extraEntities: [legacyBilling],
    });
    ({ apps, core } = backend.cluster('staging'));
    // Seeded the way its own team deployed it: labels of their choosing.
    await core.createNamespace({ body: { metadata: { name: NAMESPACE } } });
    await apps.createNamespacedDeployment({
      namespace: NAMESPACE,
      body: {
        metadata: { name: NAME, namespace: NAMESPACE, labels: LABELS },
        spec: {
          replicas: 2,
          selector: { matchLabels: LABELS },
          template: {
            metadata: { labels: LABELS },
            spec: { containers: [{ name: 'billing', image: OLD_IMAGE }] },
          },
        },
      },
    });
    await core.createNamespacedService({
      namespace: NAMESPACE,
      body: {
        metadata: { name: NAME, namespace: NAMESPACE, labels: LABELS },
        spec: { selector: LABELS, ports: [{ port: 80, targetPort: 8080 }] },
      },
    });
    await untilServing(OLD_IMAGE);
  });
  afterAll(() => backend.fleet.stop());

  it('is deployed, then rolled back to the image it ran before', async () => {
    const deployed = await runTask(backend.server, 'template:default/deploy', {
      entityRef: `component:default/${NAME}`,
      environment: 'staging',
      image: NEW_IMAGE,
    });
    expect(deployed.status).toBe('completed');
    expect(await servedImages()).toEqual([NEW_IMAGE]);

    const rolledBack = await runTask(
      backend.server,
      'template:default/rollback',
      { entityRef: `component:default/${NAME}`, environment: 'staging' },
    );
    expect(rolledBack.status).toBe('completed');
    expect(await servedImages()).toEqual([OLD_IMAGE]);

    expect(
      (await backend.history(NAME)).map(r => [r.action, r.status]),
    ).toEqual([
      ['rollback', 'succeeded'],
      ['deploy', 'succeeded'],
    ]);
  });
});
