import {
  AppsV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  KubeConfig,
  Metrics,
  PodStatus,
  topPods,
  V1Pod,
} from '@kubernetes/client-node';
import { parseQuantity } from '../api/quantity';
import { Fleet } from '../fleet/Fleet';
import { kubeRequest, startTestFleet } from '../__testUtils__/testFleet';

jest.setTimeout(60_000);

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const between = (value: number, low: number, high: number) =>
  value >= low - 0.005 && value <= high + 0.005;
const PODS = '/apis/metrics.k8s.io/v1beta1';

/** Running with every container running: the pods a kubelet reports usage for. */
const isRunning = (pod: V1Pod) =>
  pod.status?.phase === 'Running' &&
  (pod.status.containerStatuses ?? []).every(c => c.state?.running);

/** Summed usage over summed requests of pods, from client-node's own `topPods` arithmetic. */
function utilisation(pods: PodStatus[]) {
  return {
    cpu:
      sum(pods.map(p => Number(p.CPU.CurrentUsage))) /
      sum(pods.map(p => Number(p.CPU.RequestTotal))),
    memory:
      sum(pods.map(p => Number(p.Memory.CurrentUsage))) /
      sum(pods.map(p => Number(p.Memory.RequestTotal))),
  };
}

/** The resource metrics API through @kubernetes/client-node and plain requests. */
describe('metrics.k8s.io against the sandbox', () => {
  let fleet: Fleet;
  let step: (ms: number, every?: number) => void;
  let metrics: Metrics;
  let core: CoreV1Api;
  let apps: AppsV1Api;
  let autoscaling: AutoscalingV2Api;

  beforeAll(async () => {
    ({ fleet, step } = await startTestFleet());
    const kc = new KubeConfig();
    kc.loadFromString(fleet.kubeconfig());
    kc.setCurrentContext('sandbox-staging');
    metrics = new Metrics(kc);
    core = kc.makeApiClient(CoreV1Api);
    apps = kc.makeApiClient(AppsV1Api);
    autoscaling = kc.makeApiClient(AutoscalingV2Api);
    step(1_000); // the first scrape, with the first HPA pass
  });
  afterAll(() => fleet.stop());

  const get = (path: string) => kubeRequest(fleet, 'staging', 'GET', path);

  /** Every pod's usage and requests, for pods the HPA scales in one Deployment. */
  async function podsOfHpaTargets() {
    const usage = await topPods(core, metrics);
    const hpas =
      await autoscaling.listHorizontalPodAutoscalerForAllNamespaces();
    const targets = [];
    for (const hpa of hpas.items) {
      const namespace = hpa.metadata!.namespace!;
      const deployment = await apps.readNamespacedDeployment({
        namespace,
        name: hpa.spec!.scaleTargetRef.name,
      });
      const selector = deployment.spec!.selector.matchLabels!;
      const pods = usage.filter(
        p =>
          p.Pod.metadata?.namespace === namespace &&
          p.Containers.length > 0 &&
          Object.entries(selector).every(
            ([key, value]) => p.Pod.metadata?.labels?.[key] === value,
          ),
      );
      const reported = (name: string) =>
        hpa.status?.currentMetrics?.find(m => m.resource?.name === name)
          ?.resource?.current.averageUtilization;
      targets.push({
        name: deployment.metadata!.name!,
        pods,
        cpu: reported('cpu'),
        memory: reported('memory'),
      });
    }
    return targets.filter(t => t.pods.length > 0);
  }

  it('is discovered as metrics.k8s.io/v1beta1 with PodMetrics and NodeMetrics, get and list only', async () => {
    const groups = await get('/apis');
    expect(groups.body.groups).toContainEqual({
      name: 'metrics.k8s.io',
      versions: [
        { groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' },
      ],
      preferredVersion: {
        groupVersion: 'metrics.k8s.io/v1beta1',
        version: 'v1beta1',
      },
    });
    const resources = await get(PODS);
    expect(resources.body.resources).toEqual([
      {
        name: 'pods',
        singularName: '',
        namespaced: true,
        kind: 'PodMetrics',
        verbs: ['get', 'list'],
      },
      {
        name: 'nodes',
        singularName: 'node',
        namespaced: false,
        kind: 'NodeMetrics',
        verbs: ['get', 'list'],
      },
    ]);
  });

  it('lists the usage of every running pod per container, shaped as metrics-server writes it', async () => {
    const list = await metrics.getPodMetrics('propertyos');
    const pods = await core.listNamespacedPod({ namespace: 'propertyos' });
    const running = pods.items.filter(isRunning).map(p => p.metadata!.name);
    expect(running.length).toBeGreaterThan(10);
    expect(list.kind).toBe('PodMetricsList');
    expect(list.items.map(i => i.metadata.name).sort()).toEqual(running.sort());
    for (const item of list.items) {
      expect(item).toMatchObject({
        kind: 'PodMetrics',
        apiVersion: 'metrics.k8s.io/v1beta1',
        metadata: { namespace: 'propertyos', creationTimestamp: ISO_TIME },
        timestamp: ISO_TIME,
        window: '15s',
      });
      expect(item.containers).toHaveLength(1);
      expect(item.containers[0].usage.cpu).toMatch(/^\d+[num]?$/);
      expect(item.containers[0].usage.memory).toMatch(/^\d+(Ki|Mi|Gi)?$/);
    }

    const everywhere = await metrics.getPodMetrics();
    const namespaces = new Set(everywhere.items.map(i => i.metadata.namespace));
    expect(namespaces).toContain('propertyos');
    expect(namespaces).toContain('messaging');
  });

  it("sums a Deployment's pods to the CPU and memory utilisation its HPA reports", async () => {
    const targets = await podsOfHpaTargets();
    expect(targets.length).toBeGreaterThan(12);
    // The HPA rounds to whole percent; the pods' usage is exact to the nanocore.
    const offBy = targets.map(target => {
      const used = utilisation(target.pods);
      return {
        name: target.name,
        cpu: Math.abs(used.cpu * 100 - target.cpu!) <= 0.6,
        memory: Math.abs(used.memory * 100 - target.memory!) <= 0.6,
      };
    });
    expect(offBy).toEqual(
      targets.map(t => ({ name: t.name, cpu: true, memory: true })),
    );
  });

  it("gives every ready node its pods' usage plus the system's", async () => {
    const nodes = await metrics.getNodeMetrics();
    expect(nodes.items.map(n => n.metadata.name).sort()).toEqual(
      [1, 2, 3, 4, 5, 6].map(i => `staging-node-${i}`),
    );
    const pods = await topPods(core, metrics);
    for (const node of nodes.items) {
      const onNode = pods.filter(
        p => p.Pod.spec?.nodeName === node.metadata.name,
      );
      const systemCpu =
        parseQuantity(node.usage.cpu)! -
        sum(onNode.map(p => Number(p.CPU.CurrentUsage)));
      const systemMemory =
        parseQuantity(node.usage.memory)! -
        sum(onNode.map(p => Number(p.Memory.CurrentUsage)));
      expect(between(systemCpu, 0.108, 0.22)).toBe(true);
      expect(between(systemMemory / 2 ** 30, 0.99, 1.42)).toBe(true);
    }
  });

  it("selects PodMetrics by the pods' labels, equality- and set-based, and by name", async () => {
    const selector = encodeURIComponent(
      'app.kubernetes.io/name=propertyos-payment-service,delivery/track in (blue)',
    );
    const blue = await get(
      `${PODS}/namespaces/propertyos/pods?labelSelector=${selector}`,
    );
    expect(blue.body.kind).toBe('PodMetricsList');
    expect(blue.body.items).toHaveLength(2);
    for (const item of blue.body.items) {
      expect(item.metadata.name).toMatch(/^propertyos-payment-service-blue-/);
      expect(item.metadata.labels).toMatchObject({
        'app.kubernetes.io/name': 'propertyos-payment-service',
        'delivery/track': 'blue',
      });
    }

    const messaging = await get(
      `${PODS}/pods?labelSelector=backstage.io/kubernetes-id%3Dmessaging-api`,
    );
    expect(
      new Set(messaging.body.items.map((i: any) => i.metadata.namespace)),
    ).toEqual(new Set(['messaging']));

    const name = blue.body.items[0].metadata.name;
    const byName = await get(
      `${PODS}/namespaces/propertyos/pods?fieldSelector=metadata.name%3D${name}`,
    );
    expect(byName.body.items.map((i: any) => i.metadata.name)).toEqual([name]);
  });

  it('answers 404 for a pod that is not running, as metrics-server does', async () => {
    const pods = await core.listPodForAllNamespaces();
    const pending = pods.items.find(p => p.status?.phase === 'Pending')!;
    const crashLooping = pods.items.find(
      p =>
        p.status?.containerStatuses?.[0].state?.waiting?.reason ===
        'CrashLoopBackOff',
    )!;
    const running = pods.items.find(isRunning)!;

    for (const pod of [pending, crashLooping]) {
      const { namespace, name } = pod.metadata!;
      const res = await get(`${PODS}/namespaces/${namespace}/pods/${name}`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({
        kind: 'Status',
        reason: 'NotFound',
        code: 404,
        message: `pods.metrics.k8s.io "${namespace}/${name}" not found`,
      });
    }
    const missing = await get(`${PODS}/namespaces/propertyos/pods/no-such-pod`);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('pods "no-such-pod" not found');

    const { namespace, name } = running.metadata!;
    const found = await get(`${PODS}/namespaces/${namespace}/pods/${name}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      kind: 'PodMetrics',
      metadata: { name },
    });
    const node = await get(`${PODS}/nodes/staging-node-1`);
    expect(node.body).toMatchObject({
      kind: 'NodeMetrics',
      metadata: { name: 'staging-node-1' },
      usage: { cpu: expect.any(String), memory: expect.any(String) },
    });
  });

  it('refuses watches and writes with 405, as the API server does for metrics-server', async () => {
    const watch = await get(`${PODS}/namespaces/propertyos/pods?watch=true`);
    expect(watch.status).toBe(405);
    expect(watch.body).toMatchObject({
      reason: 'MethodNotAllowed',
      message:
        'watch is not supported on resources of kind "pods.metrics.k8s.io"',
    });
    const nodeWatch = await get(`${PODS}/nodes?watch=1`);
    expect(nodeWatch.status).toBe(405);
    const remove = await kubeRequest(
      fleet,
      'staging',
      'DELETE',
      `${PODS}/nodes/staging-node-1`,
    );
    expect(remove.status).toBe(405);
  });

  it('reads a newly running pod at the next scrape, every 15 seconds', async () => {
    const read = (path: string) =>
      get(`${PODS}/namespaces/propertyos/pods${path}`);
    const first = await read('');
    const scrapedAt = Date.parse(first.body.items[0].timestamp);
    const now = fleet.member('staging')!.cluster.clock.now();
    // Just after the next scrape: the one after it is 15 s away.
    step(scrapedAt + 15_000 - now + 250);
    const target = {
      namespace: 'propertyos',
      name: 'propertyos-tenant-service',
    };
    const scale = await apps.readNamespacedDeploymentScale(target);
    await apps.replaceNamespacedDeploymentScale({
      ...target,
      body: { ...scale, spec: { replicas: 2 } },
    });
    step(8_000);
    const pods = await core.listNamespacedPod({
      namespace: 'propertyos',
      labelSelector: 'app.kubernetes.io/name=propertyos-tenant-service',
    });
    const metered = new Set(
      (
        await read(
          '?labelSelector=app.kubernetes.io/name%3Dpropertyos-tenant-service',
        )
      ).body.items.map((i: any) => i.metadata.name),
    );
    const fresh = pods.items.find(
      p => isRunning(p) && !metered.has(p.metadata!.name),
    )!;
    expect(fresh).toBeDefined();
    expect((await read(`/${fresh.metadata!.name}`)).status).toBe(404);

    step(7_500);
    const later = await read(`/${fresh.metadata!.name}`);
    expect(later.status).toBe(200);
    expect(Date.parse(later.body.timestamp) - scrapedAt).toBe(30_000);
  });

  it('has over-provisioned services at a fifth of their requests and tight ones close to theirs', async () => {
    step(330_000, 5_000); // past the HPA's 5-minute scale-down window
    const pods = await topPods(core, metrics);
    const ofService = (name: string) =>
      pods.filter(
        p =>
          p.Pod.metadata?.labels?.['app.kubernetes.io/name'] === name &&
          p.Containers.length > 0,
      );

    // messaging-api: the HPA has come down to its minimum, one pod, and it idles.
    const idle = ofService('messaging-api');
    expect(idle).toHaveLength(1);
    const over = utilisation(idle);
    expect(between(over.cpu, 0.15, 0.25)).toBe(true);
    expect(between(over.memory, 0.18, 0.26)).toBe(true);

    // pms-app runs at its HPA's target and three quarters of its memory.
    const tight = utilisation(ofService('pms-app'));
    expect(between(tight.cpu, 0.65, 0.7)).toBe(true);
    expect(between(tight.memory, 0.72, 0.79)).toBe(true);
  });
});

describe('metrics.k8s.io usage over seeds and time', () => {
  it('is the same for the same seed at the same moment, and moves with the load', async () => {
    const load = {
      mode: 'varying' as const,
      periodMs: 600_000,
      scaleDownStabilizationMs: 300_000,
    };
    const a = await startTestFleet({ simulation: { load } });
    const b = await startTestFleet({ simulation: { load } });
    try {
      a.step(1_000);
      b.step(1_000);
      const read = async (fleet: Fleet) =>
        (
          await kubeRequest(
            fleet,
            'production',
            'GET',
            `${PODS}/namespaces/propertyos/pods`,
          )
        ).body;
      const before = await read(a.fleet);
      expect(before.items.length).toBeGreaterThan(10);
      expect(await read(b.fleet)).toEqual(before);

      a.step(120_000, 1_000);
      const after = await read(a.fleet);
      const cpu = (list: any) =>
        list.items.map((i: any) => i.containers[0].usage.cpu);
      expect(cpu(after)).not.toEqual(cpu(before));
    } finally {
      await a.fleet.stop();
      await b.fleet.stop();
    }
  });
});
