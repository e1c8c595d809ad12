import { Fleet } from '../fleet/Fleet';
import { kubeRequest, startTestFleet } from '../__testUtils__/testFleet';
import { KINDS } from './objects';

jest.setTimeout(30_000);

const NS = 'propertyos';

describe('the simulated control plane', () => {
  let fleet: Fleet;
  let step: (ms: number, every?: number) => void;
  beforeAll(async () => {
    ({ fleet, step } = await startTestFleet());
  });
  afterAll(() => fleet.stop());

  const store = () => fleet.member('production')!.cluster.store;
  const deployment = (name: string) => store().get(KINDS.deployment, NS, name)!;
  const podsOf = (name: string) =>
    store()
      .list(KINDS.pod, NS)
      .filter(
        p =>
          p.metadata.labels?.['app.kubernetes.io/name'] === name &&
          !p.metadata.name.includes('migrate'),
      );
  const setImage = (name: string, image: string) =>
    kubeRequest(
      fleet,
      'production',
      'PATCH',
      `/apis/apps/v1/namespaces/${NS}/deployments/${name}`,
      {
        contentType: 'application/strategic-merge-patch+json',
        body: {
          spec: {
            template: {
              spec: {
                containers: [
                  { name: name.replace(/-(blue|green)$/, ''), image },
                ],
              },
            },
          },
        },
      },
    );

  it('rolls out within maxSurge and maxUnavailable until the new ReplicaSet has every replica', async () => {
    const name = 'propertyos-property-service';
    expect(deployment(name).spec.replicas).toBe(4);
    await setImage(
      name,
      'ghcr.io/delivery-example/propertyos-property-service:5.0.0',
    );
    // maxSurge 25% of 4 = 1, maxUnavailable 0: never more than 5 pods, never fewer than 4 ready.
    for (let i = 0; i < 80; i++) {
      step(250, 250);
      const pods = podsOf(name);
      expect(pods.length).toBeLessThanOrEqual(5);
      const ready = pods.filter(p =>
        p.status.conditions?.some(
          (c: any) => c.type === 'Ready' && c.status === 'True',
        ),
      );
      expect(ready.length).toBeGreaterThanOrEqual(4);
    }
    const done = deployment(name);
    expect(done.status).toMatchObject({
      replicas: 4,
      updatedReplicas: 4,
      readyReplicas: 4,
      availableReplicas: 4,
    });
    expect(done.status.conditions).toContainEqual(
      expect.objectContaining({
        type: 'Progressing',
        reason: 'NewReplicaSetAvailable',
      }),
    );
    expect(
      podsOf(name).every(p => p.spec.containers[0].image.endsWith(':5.0.0')),
    ).toBe(true);
  });

  it('rolls back to an old template by reusing its ReplicaSet as the newest revision', async () => {
    const name = 'propertyos-owner-service';
    const before = store()
      .list(KINDS.replicaSet, NS)
      .filter(rs => rs.metadata.name.startsWith(`${name}-`));
    const oldest = before.find(
      rs =>
        rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === '1',
    )!;
    // What `kubectl rollout undo` does: the old ReplicaSet's template, without its hash label.
    const { 'pod-template-hash': _hash, ...labels } =
      oldest.spec.template.metadata.labels;
    await kubeRequest(
      fleet,
      'production',
      'PATCH',
      `/apis/apps/v1/namespaces/${NS}/deployments/${name}`,
      {
        contentType: 'application/json-patch+json',
        body: [
          {
            op: 'replace',
            path: '/spec/template',
            value: { ...oldest.spec.template, metadata: { labels } },
          },
        ],
      },
    );
    step(20_000);
    const after = store().get(KINDS.replicaSet, NS, oldest.metadata.name)!;
    expect(
      after.metadata.annotations?.['deployment.kubernetes.io/revision'],
    ).toBe('4');
    expect(after.status.readyReplicas).toBe(2);
    expect(
      store()
        .list(KINDS.replicaSet, NS)
        .filter(rs => rs.metadata.name.startsWith(`${name}-`)),
    ).toHaveLength(3);
  });

  it('crash-loops an image named crash, keeps the old version serving, then reports the deadline', async () => {
    const name = 'propertyos-tenant-service';
    await setImage(
      name,
      'ghcr.io/delivery-example/propertyos-tenant-service:6.0.0-crash',
    );
    step(60_000, 500);
    const crashing = podsOf(name).filter(p =>
      p.spec.containers[0].image.endsWith('-crash'),
    );
    expect(crashing).toHaveLength(1);
    const status = crashing[0].status.containerStatuses[0];
    expect(status.restartCount).toBeGreaterThanOrEqual(2);
    expect(['CrashLoopBackOff', 'ContainerCreating']).toContain(
      status.state.waiting?.reason ?? 'running',
    );
    expect(status.lastState.terminated).toMatchObject({
      exitCode: 1,
      reason: 'Error',
    });
    expect(deployment(name).status.availableReplicas).toBe(2);

    step(600_000, 5_000);
    expect(deployment(name).status.conditions).toContainEqual(
      expect.objectContaining({
        type: 'Progressing',
        status: 'False',
        reason: 'ProgressDeadlineExceeded',
      }),
    );
  });

  it('never pulls an image named missing', async () => {
    const name = 'propertyos-maintenance-service';
    await setImage(
      name,
      'ghcr.io/delivery-example/propertyos-maintenance-service:7.0.0-missing',
    );
    step(20_000);
    const stuck = podsOf(name).filter(p =>
      p.spec.containers[0].image.endsWith('-missing'),
    );
    expect(stuck[0].status.phase).toBe('Pending');
    expect(stuck[0].status.containerStatuses[0].state.waiting.reason).toBe(
      'ImagePullBackOff',
    );
  });

  it('runs Jobs to completion, and fails one whose image is named fail after its one attempt', async () => {
    for (const [name, image] of [
      ['ok-job', 'migrate:1'],
      ['bad-job', 'migrate:1-fail'],
    ]) {
      const res = await kubeRequest(
        fleet,
        'production',
        'POST',
        `/apis/batch/v1/namespaces/${NS}/jobs`,
        {
          body: {
            metadata: { name },
            spec: {
              backoffLimit: 0,
              template: {
                spec: {
                  restartPolicy: 'Never',
                  containers: [{ name: 'migrate', image }],
                },
              },
            },
          },
        },
      );
      expect(res.status).toBe(201);
    }
    step(15_000);
    const ok = store().get(KINDS.job, NS, 'ok-job')!;
    const bad = store().get(KINDS.job, NS, 'bad-job')!;
    expect(ok.status).toMatchObject({ succeeded: 1, active: 0 });
    expect(ok.status.conditions).toContainEqual(
      expect.objectContaining({ type: 'Complete', status: 'True' }),
    );
    expect(bad.status).toMatchObject({ failed: 1, active: 0 });
    expect(bad.status.conditions).toContainEqual(
      expect.objectContaining({
        type: 'Failed',
        reason: 'BackoffLimitExceeded',
      }),
    );
    const pod = store()
      .list(KINDS.pod, NS)
      .find(p => p.metadata.labels?.['job-name'] === 'ok-job')!;
    const log = await kubeRequest(
      fleet,
      'production',
      'GET',
      `/api/v1/namespaces/${NS}/pods/${pod.metadata.name}/log`,
    );
    expect(log.body).toContain('completed successfully');
  });

  it('fires a CronJob at its schedule and records the success', async () => {
    const name = 'propertyos-auth-service-db-backup';
    const before = store().get(KINDS.cronJob, NS, name)!;
    step(16 * 60_000, 5_000);
    const after = store().get(KINDS.cronJob, NS, name)!;
    expect(Date.parse(after.status.lastScheduleTime)).toBeGreaterThan(
      Date.parse(before.status.lastScheduleTime),
    );
    expect(Date.parse(after.status.lastSuccessfulTime)).toBeGreaterThan(
      Date.parse(before.status.lastSuccessfulTime),
    );
    const suspended = store().get(KINDS.cronJob, 'pms', 'pms-app-db-backup')!;
    expect(
      store()
        .list(KINDS.job, 'pms')
        .filter(j => j.metadata.name.startsWith('pms-app-db-backup-')),
    ).toHaveLength(0);
    expect(suspended.status.lastSuccessfulTime).toBeDefined();
  });

  it('scales with the HPA: up at once when the target drops, down only after stabilisation', async () => {
    const name = 'propertyos-frontend';
    const hpaPath = `/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers/${name}`;
    const setTarget = (cpu: number) =>
      kubeRequest(fleet, 'production', 'PATCH', hpaPath, {
        contentType: 'application/json-patch+json',
        body: [
          {
            op: 'replace',
            path: '/spec/metrics/0/resource/target/averageUtilization',
            value: cpu,
          },
        ],
      });
    step(16_000);
    const base = deployment(name).spec.replicas;
    await setTarget(35);
    step(16_000);
    const scaled = deployment(name).spec.replicas;
    expect(scaled).toBeGreaterThan(base);
    expect(store().get(KINDS.hpa, NS, name)!.status.desiredReplicas).toBe(
      scaled,
    );

    await setTarget(70);
    step(60_000, 5_000);
    expect(deployment(name).spec.replicas).toBe(scaled); // still within the 5-minute window
    step(300_000, 5_000);
    expect(deployment(name).spec.replicas).toBe(base);
  });

  it('collects the ReplicaSets and Pods of a deleted Deployment', async () => {
    const name = 'propertyos-document-service';
    const res = await kubeRequest(
      fleet,
      'production',
      'DELETE',
      `/apis/apps/v1/namespaces/${NS}/deployments/${name}`,
    );
    expect(res.status).toBe(200);
    step(3_000);
    expect(
      store()
        .list(KINDS.replicaSet, NS)
        .filter(rs => rs.metadata.name.startsWith(`${name}-`)),
    ).toEqual([]);
    expect(podsOf(name)).toEqual([]);
  });
});
