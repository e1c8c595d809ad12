import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { Fleet } from '@internal/sandbox-fleet';
import {
  AppsV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  KubeConfig,
  V1Deployment,
} from '@kubernetes/client-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { TEMPLATES_DIR } from '../../__testUtils__/goldenPathTemplates';
import { runTask, startTask, waitForTask } from '../../__testUtils__/runTask';
import {
  DeliveryBackendProcess,
  spawnDeliveryBackend,
} from '../../__testUtils__/spawnDeliveryBackend';
import {
  startDeliveryActionsBackend,
  startSandboxFleet,
} from '../../__testUtils__/startDeliveryActionsBackend';

// Each test starts Delivery backends as processes (up to 90 s each on a busy machine)
// besides the fleet and a backend in this process.
jest.setTimeout(300_000);

const NAMESPACE = 'propertyos';
const SERVICE = 'propertyos-payment-service';
const ENTITY_REF = `component:default/${SERVICE}`;
const IMAGE = 'ghcr.io/delivery-example/propertyos-payment-service:6.0.0';
const NEXT_IMAGE = 'ghcr.io/delivery-example/propertyos-payment-service:6.0.1';
const TEMPLATE_REF = 'template:default/delivery-deploy';

/** templates/actions/deploy, the template people launch, as the catalog holds it. */
function deployTemplate(): Entity {
  const file = path.join(TEMPLATES_DIR, 'actions', 'deploy', 'template.yaml');
  const entity = yaml.parse(fs.readFileSync(file, 'utf8')) as Entity;
  entity.metadata.namespace = 'default';
  return entity;
}

/*
 * Task recovery as it happens in a portal: the backend running a blue-green deploy dies
 * (SIGKILL: no shutdown hook, no last write), and the scaffolder of the backend that
 * comes up next on the same database finds the task's heartbeat stale and runs its step
 * again from the start. The action's checkpoints (in the task's state, which recovery
 * keeps) and its run id (itself a checkpoint) decide what is done again and what is not.
 *
 * The backend dies twice, each time where doing a step again would do harm:
 *  1. backend A, once the idle colour has the new image (checkpointed), while it follows
 *     the rollout: the next one must neither plan again nor set the image again;
 *  2. backend B, once its write switching the Service is applied but before the answer
 *     comes back, so before the switch is checkpointed: the next one must find the
 *     switch done and not switch again, nor take the new colour for the live one and
 *     deploy to the other.
 * A fault rule in the sandbox holds each of those requests, so the backend is killed at
 * that exact point every time. Backend C, in this process, finishes the task.
 */
describe('delivery:service:deploy under scaffolder task recovery', () => {
  let fleet: Fleet;
  let apps: AppsV1Api;
  let core: CoreV1Api;
  let autoscaling: AutoscalingV2Api;
  let databaseDir: string;
  const processes: DeliveryBackendProcess[] = [];

  beforeAll(async () => {
    fleet = await startSandboxFleet();
    databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'delivery-recovery-'));
    const kc = new KubeConfig();
    kc.loadFromString(fleet.kubeconfig());
    kc.setCurrentContext('sandbox-staging');
    apps = kc.makeApiClient(AppsV1Api);
    core = kc.makeApiClient(CoreV1Api);
    autoscaling = kc.makeApiClient(AutoscalingV2Api);
  });
  afterAll(async () => {
    await Promise.all(processes.map(p => p.kill()));
    await fleet?.stop();
    fs.rmSync(databaseDir, { recursive: true, force: true });
  });

  /** Every backend uses the same databases on disk, and recovers tasks stale for 5 s. */
  const config = () => ({
    backend: {
      database: {
        client: 'better-sqlite3',
        connection: { directory: databaseDir },
      },
    },
    scaffolder: {
      taskRecovery: { enabled: true, staleTimeout: { seconds: 5 } },
    },
  });
  const spawnBackend = async () => {
    const backend = await spawnDeliveryBackend({
      fleet,
      templates: [deployTemplate()],
      config: config(),
    });
    processes.push(backend);
    return backend;
  };

  /**
   * Polls until `check` holds. A task that ends meanwhile fails the wait with its log:
   * it cannot reach the point waited for any more. The limits are far above what an idle
   * machine needs (a few seconds): they stop a wait that will never end, nothing else.
   */
  async function until(
    what: string,
    timeoutMs: number,
    task: { url: string; id: string },
    check: () => Promise<boolean> | boolean,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      const { body } = await request(task.url)
        .get(`/api/scaffolder/v2/tasks/${task.id}`)
        .set('Authorization', mockCredentials.user.header());
      if (['completed', 'failed', 'cancelled'].includes(body.status)) {
        const { log } = await waitForTask(task.url, task.id);
        throw new Error(`task ${body.status} before ${what}:\n${log}`);
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }

  // Deployments and Services are read with lists, never with gets: the fault rules
  // below hold gets.
  const colours = async () =>
    (
      await apps.listNamespacedDeployment({
        namespace: NAMESPACE,
        labelSelector: `backstage.io/kubernetes-id=${SERVICE}`,
      })
    ).items;
  const colour = (deployments: V1Deployment[], track: string) =>
    deployments.find(d => d.metadata?.labels?.['delivery/track'] === track);
  const imageOf = (deployment?: V1Deployment) =>
    deployment?.spec?.template?.spec?.containers[0].image;
  const selector = async () =>
    (await core.listNamespacedService({ namespace: NAMESPACE })).items.find(
      s => s.metadata?.name === SERVICE,
    )?.spec?.selector?.['delivery/track'];
  /** Requests the sandbox served in staging since the counters were reset. */
  const requests = (verb: string, resource: string) =>
    Object.entries(fleet.counters.snapshot().staging?.[verb] ?? {})
      .filter(([key]) => key.endsWith(`/${resource}`))
      .reduce((sum, [, count]) => sum + count, 0);
  const used = (rule: { id: number }) =>
    !fleet.faults.list().some(r => r.id === rule.id);

  it('a backend killed twice in the middle of a blue-green deploy: one image, one switch, one run, the lock free', async () => {
    const before = await colours();
    expect(await selector()).toBe('blue');
    const oldImage = imageOf(colour(before, 'blue'));
    expect(oldImage).not.toBe(IMAGE);

    // 1. The first read of the idle colour's rollout, which comes after its image is set
    //    (the read before setting it passes: rules apply once each, in order).
    fleet.faults.add({
      cluster: 'staging',
      verb: 'get',
      path: `deployments/${SERVICE}-green$`,
      action: { type: 'delay', ms: 0 },
    });
    const followingRollout = fleet.faults.add({
      cluster: 'staging',
      verb: 'get',
      path: `deployments/${SERVICE}-green$`,
      action: { type: 'delay', ms: 10_000 },
    });
    // 2. The switch: applied, its answer held.
    const switching = fleet.faults.add({
      cluster: 'staging',
      verb: 'update',
      path: `services/${SERVICE}$`,
      action: { type: 'timeout-after-write', ms: 10_000 },
    });

    const a = await spawnBackend();
    fleet.counters.reset();
    const { id, rejected } = await startTask(a.url, TEMPLATE_REF, {
      entityRef: ENTITY_REF,
      environment: 'staging',
      image: IMAGE,
      keepPreviousSeconds: 1,
    });
    expect(rejected?.body).toBeUndefined();
    await until('A follows the rollout', 100_000, { url: a.url, id: id! }, () =>
      used(followingRollout),
    );
    expect(imageOf(colour(await colours(), 'green'))).toBe(IMAGE);
    expect(await selector()).toBe('blue');
    const runs = await request(a.url)
      .get('/api/delivery/runs')
      .query({ entityRef: ENTITY_REF })
      .set('Authorization', mockCredentials.user.header());
    expect(runs.body.items).toEqual([
      expect.objectContaining({ status: 'running', taskId: id }),
    ]);
    await a.kill();

    // B recovers the task about 15 s later: its recovery loop runs every 10 s.
    const b = await spawnBackend();
    await until(
      'B recovers the task and switches',
      120_000,
      { url: b.url, id: id! },
      async () => used(switching) && (await selector()) === 'green',
    );
    await b.kill();

    const c = await startDeliveryActionsBackend({
      templates: [deployTemplate()],
      fleet,
      config: config(),
    });
    const result = await waitForTask(c.server, id!);
    expect(result.status).toBe('completed');
    const events = await request(c.server)
      .get(`/api/scaffolder/v2/tasks/${id}/events`)
      .set('Authorization', mockCredentials.user.header());
    // One per backend that died. (With EXPERIMENTAL_recovery startOver in the template,
    // the scaffolder would list the events from the last recovery only.)
    expect(
      (events.body as Array<{ type: string }>).filter(
        e => e.type === 'recovered',
      ),
    ).toHaveLength(2);

    // The Service switched once, to the new colour, and never back.
    expect(await selector()).toBe('green');
    expect(requests('update', 'services')).toBe(1);
    expect(requests('patch', 'services')).toBe(0);
    // The new image in one colour only, set once; the previous colour kept its image and
    // was scaled down after keepPreviousSeconds. Two Deployment writes in all: the new
    // colour's image (A) and the old colour's scale-down (C).
    const after = await colours();
    expect(after.map(d => d.metadata?.name).sort()).toEqual([
      `${SERVICE}-blue`,
      `${SERVICE}-green`,
    ]);
    const green = colour(after, 'green')!;
    const blue = colour(after, 'blue')!;
    expect(imageOf(green)).toBe(IMAGE);
    expect(imageOf(blue)).toBe(oldImage);
    expect(green.spec?.replicas).toBeGreaterThan(0);
    expect(green.status?.availableReplicas).toBe(green.spec?.replicas);
    expect(blue.spec?.replicas).toBe(0);
    expect(requests('patch', 'deployments')).toBe(2);
    expect(requests('create', 'deployments')).toBe(0);
    // The autoscaler follows the traffic, moved once.
    const hpas = await autoscaling.listNamespacedHorizontalPodAutoscaler({
      namespace: NAMESPACE,
    });
    expect(
      hpas.items
        .filter(
          h => h.metadata?.labels?.['backstage.io/kubernetes-id'] === SERVICE,
        )
        .map(h => h.spec?.scaleTargetRef?.name),
    ).toEqual([`${SERVICE}-green`]);
    expect(requests('patch', 'horizontalpodautoscalers')).toBe(1);
    expect(fleet.faults.list()).toEqual([]);

    // One run for the task, across three backends, finished.
    expect(await c.history(SERVICE)).toEqual([
      expect.objectContaining({
        taskId: id,
        action: 'deploy',
        status: 'succeeded',
        inputs: expect.objectContaining({
          image: IMAGE,
          strategy: 'blue-green',
        }),
      }),
    ]);
    // Its lock is released: the next deploy runs, from the colour now live.
    const next = await runTask(c.server, TEMPLATE_REF, {
      entityRef: ENTITY_REF,
      environment: 'staging',
      image: NEXT_IMAGE,
      keepPreviousSeconds: 0,
    });
    expect(next.log).not.toMatch(/already running/);
    expect(next.status).toBe('completed');
    expect(await selector()).toBe('blue');
    expect(await c.history(SERVICE)).toHaveLength(2);
  });
});
