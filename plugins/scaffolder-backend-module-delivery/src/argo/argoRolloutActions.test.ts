import {
  ARGO_ROLLOUT_SERVICE,
  rolloutWhen,
  seededRollout,
} from '../__testUtils__/argoRollouts';
import { runTask } from '../__testUtils__/runTask';
import {
  serviceActionTemplate,
  DeliveryActionsBackend,
  deployTemplate,
  startDeliveryActionsBackend,
} from '../__testUtils__/startDeliveryActionsBackend';
import { ArgoRollout, rolloutImage } from './argoRollout';
import { isHealthy } from './rolloutProgress';

jest.setTimeout(120_000);

const SERVICE = ARGO_ROLLOUT_SERVICE;
const entityRef = `component:default/${SERVICE}`;

/**
 * The actions on the Argo Rollout the sandbox fleet seeds for capsight-backend in staging
 * (five steps: setWeight 25, pause, setWeight 50, pause 10s, analysis; seeded paused at its
 * first pause with the next version), through the scaffolder's tasks as a user runs them.
 * The tests follow one Rollout through its life, in order.
 */
describe('the actions on an Argo Rollout, against the sandbox fleet', () => {
  let backend: DeliveryActionsBackend;

  beforeAll(async () => {
    backend = await startDeliveryActionsBackend({
      templates: [
        deployTemplate('rolloutTimeoutSeconds', 'canarySteps'),
        serviceActionTemplate(
          'promote',
          'full',
          'smokeUrl',
          'rolloutTimeoutSeconds',
        ),
        serviceActionTemplate('abort'),
        serviceActionTemplate('retry'),
        serviceActionTemplate('rollback', 'revision'),
        serviceActionTemplate('scale', 'replicas'),
      ],
      // The pause of 10 s and the analysis pass four times sooner than in real time, and
      // the 200 ms reads still see the timed pause.
      fleetOptions: { timeScale: 4 },
    });
  });
  afterAll(() => backend.fleet.stop());
  afterEach(() => backend.fleet.faults.clear());

  const run = (template: string, values: Record<string, unknown> = {}) =>
    runTask(backend.server, `template:default/${template}`, {
      entityRef,
      environment: 'staging',
      ...values,
    });
  const rollout = () => seededRollout(backend, SERVICE);
  const history = async () =>
    (await backend.history(SERVICE)).map(r => [r.action, r.status]);
  /** The ReplicaSet of one pod-template hash: the one that serves when it is stable. */
  const replicaSetOf = async (r: ArgoRollout, hash: string) => {
    const { apps } = backend.cluster('staging');
    const list = await apps.listNamespacedReplicaSet({
      namespace: r.metadata.namespace!,
      labelSelector: `rollouts-pod-template-hash=${hash}`,
    });
    return list.items[0];
  };

  let seededImage: string | undefined;
  const nextImage = 'ghcr.io/delivery-example/capsight-backend:9.0.0';
  const lastImage = 'ghcr.io/delivery-example/capsight-backend:9.1.0';

  it("deploy refuses while the seeded update, someone else's, is in flight", async () => {
    const refused = await run('deploy', { image: nextImage });
    expect(refused.status).toBe('failed');
    expect(refused.log).toMatch(
      /rollout-in-progress: staging: Rollout \S+ is still rolling out \(step 1\/5 \(weight 25, paused\); promote or abort it first/,
    );
    expect(rolloutImage(await rollout())).not.toBe(nextImage);
  });

  it('promote moves the seeded Rollout from its first pause to its next one; it then goes on to healthy by itself', async () => {
    const seeded = await rollout();
    seededImage = rolloutImage(seeded);
    expect(seeded.status?.currentStepIndex).toBe(1);

    const promoted = await run('promote');
    expect(promoted.status).toBe('completed');
    expect(promoted.log).toMatch(
      `promoted ${SERVICE} in staging from step 1/5 (weight 25) to step 3/5 (weight 50, paused)`,
    );
    expect(await history()).toEqual([['promote', 'paused']]);
    // The run records where the Rollout stood before and after, as the audit's change line.
    const [record] = await backend.history(SERVICE);
    const stateIn = (state: any) => state.clusters[0].rollouts[0].state;
    expect(stateIn(record.before)).toBe('step 1/5 (weight 25, paused)');
    expect(stateIn(record.after)).not.toBe(stateIn(record.before));
    // The timed pause ends and the analysis succeeds: healthy on the seeded next version.
    const healthy = await rolloutWhen(backend, SERVICE, isHealthy);
    expect(healthy.status?.stableRS).toBe(healthy.status?.currentPodHash);
    expect(rolloutImage(healthy)).toBe(seededImage);

    const nothing = await run('promote');
    expect(nothing.status).toBe('failed');
    expect(nothing.log).toMatch(
      /environment: staging: Rollout \S+ is not paused, so there is nothing to promote: it is healthy/,
    );
  });

  it('deploy of a new image starts a new canary by the Rollout, paused at its first pause', async () => {
    const deployed = await run('deploy', { image: nextImage });
    expect(deployed.status).toBe('completed');
    expect(deployed.log).toMatch(
      `deployed ${nextImage} to ${SERVICE} in staging from healthy to step 1/5 (weight 25, paused)`,
    );
    const canary = await rollout();
    expect(rolloutImage(canary)).toBe(nextImage);
    expect(canary.status?.currentPodHash).not.toBe(canary.status?.stableRS);
    // Delivery's canary machinery did not run on top of it: no Deployment was made.
    const { apps } = backend.cluster('staging');
    const deployments = await apps.listDeploymentForAllNamespaces({
      labelSelector: `backstage.io/kubernetes-id=${SERVICE}`,
    });
    expect(deployments.items).toEqual([]);
  });

  it('promote --full skips the remaining steps: healthy on the new image, its lost answer settled by reading', async () => {
    // The status patch is applied but its answer never comes.
    backend.fleet.faults.add({
      cluster: 'staging',
      verb: 'patch',
      path: '/rollouts/[^/]+/status$',
      action: { type: 'timeout-after-write', ms: 200 },
    });
    const full = await run('promote', { full: true });
    expect(backend.fleet.faults.list()).toEqual([]);
    expect(full.status).toBe('completed');
    expect(full.log).toMatch(
      /the answer to "promote fully from step 1\/5 \(weight 25, paused\)" was lost; the Rollout shows it made, so it is not sent again/,
    );
    expect(full.log).toMatch(
      `fully promoted ${SERVICE} in staging from step 1/5 (weight 25, paused) to healthy`,
    );
    const healthy = await rollout();
    expect(isHealthy(healthy)).toBe(true);
    expect(rolloutImage(healthy)).toBe(nextImage);
  });

  it('abort sends traffic back to stable, which keeps serving; promote then refuses', async () => {
    expect((await run('deploy', { image: lastImage })).status).toBe(
      'completed',
    );
    const aborted = await run('abort');
    expect(aborted.status).toBe('completed');
    expect(aborted.log).toMatch(
      `aborted ${SERVICE} in staging from step 1/5 (weight 25, paused) to aborted: stable `,
    );
    // Stable, the version before the deploy, serves with every replica ready.
    const after = await rolloutWhen(backend, SERVICE, r =>
      Boolean(r.status?.abort),
    );
    const stable = await replicaSetOf(after, after.status!.stableRS!);
    expect(stable.spec?.template?.spec?.containers[0].image).toBe(nextImage);
    await rolloutWhen(
      backend,
      SERVICE,
      async () =>
        ((
          await replicaSetOf(after, after.status!.stableRS!)
        ).status?.readyReplicas ?? 0) === after.spec.replicas,
    );

    const refused = await run('promote');
    expect(refused.status).toBe('failed');
    expect(refused.log).toMatch(
      /is aborted \(aborted: stable \S+ serves.*\); retry it first \(delivery:service:retry\), then promote/,
    );
  });

  it('retry starts the aborted update again from its first step', async () => {
    const retried = await run('retry');
    expect(retried.status).toBe('completed');
    expect(retried.log).toMatch(
      new RegExp(
        `retried ${SERVICE} in staging from aborted: stable \\S+ serves.* to step 1/5 \\(weight 25, paused\\)`,
      ),
    );
    const again = await rollout();
    expect(again.status?.abort).toBeFalsy();
    expect(rolloutImage(again)).toBe(lastImage);

    const nothing = await run('retry');
    expect(nothing.status).toBe('failed');
    expect(nothing.log).toMatch(/is not aborted, so there is nothing to retry/);
  });

  it("rollback undoes to the previous revision's template: the stable version, healthy", async () => {
    const undone = await run('rollback');
    expect(undone.status).toBe('completed');
    expect(undone.log).toMatch(
      new RegExp(
        `undo to revision \\d+ \\(${nextImage.replace(/\./g, '\\.')}\\)`,
      ),
    );
    const back = await rollout();
    expect(rolloutImage(back)).toBe(nextImage);
    expect(isHealthy(back)).toBe(true);
  });

  it('a failed analysis aborts the Rollout; promote then refuses, naming the failure', async () => {
    // The sandbox's analysis fails for a version whose tag contains -bad.
    const bad = 'ghcr.io/delivery-example/capsight-backend:9.2.0-bad';
    expect((await run('deploy', { image: bad })).status).toBe('completed');
    const promoted = await run('promote');
    expect(promoted.log).toMatch(
      /from step 1\/5 \(weight 25\) to step 3\/5 \(weight 50, paused\)/,
    );
    // The timed pause ends by itself; the analysis step that follows fails.
    const aborted = await rolloutWhen(backend, SERVICE, r =>
      Boolean(r.status?.abort),
    );
    expect(aborted.status?.phase).toBe('Degraded');
    expect(aborted.status?.message).toMatch(/analysis phase error\/failed/);
    const stable = await replicaSetOf(aborted, aborted.status!.stableRS!);
    expect(stable.spec?.template?.spec?.containers[0].image).toBe(nextImage);

    const refused = await run('promote');
    expect(refused.status).toBe('failed');
    expect(refused.log).toMatch(
      /environment: staging: Rollout \S+ is aborted \(aborted: stable \S+ serves \(RolloutAborted: .*Metric "success-rate" assessed Failed.*\)\); retry it first/,
    );
    expect(rolloutImage(await rollout())).toBe(bad);
  });

  it('refuses the actions that do not act on Rollouts, and Delivery-only inputs, naming the Rollout', async () => {
    const scale = await run('scale', { replicas: 3 });
    expect(scale.status).toBe('failed');
    expect(scale.log).toMatch(
      /environment: staging runs backstage.io\/kubernetes-id=capsight-backend with an Argo Rollout \(\S+\); scale does not act on Rollouts/,
    );
    // And the other way round: full where Delivery's own canary runs the service.
    const full = await run('promote', {
      entityRef: 'component:default/propertyos-api-gateway',
      full: true,
    });
    expect(full.status).toBe('failed');
    expect(full.log).toMatch(
      /full: component:default\/propertyos-api-gateway is not run by an Argo Rollout in staging; promoting a paused canary deploy is always complete, leave full out/,
    );
    const smoke = await run('promote', { smokeUrl: 'http://localhost/health' });
    expect(smoke.status).toBe('failed');
    expect(smoke.log).toMatch(
      /smokeUrl: Argo Rollouts run the service \(staging: Rollout \S+\), so smokeUrl cannot be honoured/,
    );
  });
});
