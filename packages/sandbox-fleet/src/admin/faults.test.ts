import {
  KubeConfig,
  CoreV1Api,
  makeInformer,
  V1Pod,
} from '@kubernetes/client-node';
import { Fleet } from '../fleet/Fleet';
import { admin, kubeRequest, startTestFleet } from '../__testUtils__/testFleet';

jest.setTimeout(30_000);

const DEPLOYMENTS = '/apis/apps/v1/namespaces/propertyos/deployments';
const OWNER = `${DEPLOYMENTS}/propertyos-owner-service`;

describe('fault injection', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    ({ fleet } = await startTestFleet());
  });
  afterAll(() => fleet.stop());
  afterEach(async () => {
    await admin(fleet, 'DELETE', '/faults');
    await admin(fleet, 'POST', '/clusters/staging/up');
  });

  it('answers with a status code and a Kubernetes Status body, for N requests only', async () => {
    await admin(fleet, 'POST', '/faults', {
      cluster: 'staging',
      verb: 'list',
      path: '/deployments$',
      times: 2,
      action: { type: 'status', code: 403, message: 'injected: forbidden' },
    });
    for (let i = 0; i < 2; i++) {
      const res = await kubeRequest(fleet, 'staging', 'GET', DEPLOYMENTS);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        kind: 'Status',
        status: 'Failure',
        reason: 'Forbidden',
        code: 403,
        message: 'injected: forbidden',
      });
    }
    expect(
      (await kubeRequest(fleet, 'staging', 'GET', DEPLOYMENTS)).status,
    ).toBe(200);
    // Another cluster was never affected.
    await admin(fleet, 'POST', '/faults', {
      cluster: 'production',
      action: { type: 'status', code: 500 },
    });
    expect(
      (await kubeRequest(fleet, 'staging', 'GET', DEPLOYMENTS)).status,
    ).toBe(200);
  });

  it('sends Retry-After with a 429', async () => {
    await admin(fleet, 'POST', '/faults', {
      verb: 'patch',
      action: { type: 'status', code: 429, retryAfterSeconds: 3 },
    });
    const res = await kubeRequest(fleet, 'staging', 'PATCH', OWNER, {
      body: { metadata: { labels: { a: 'b' } } },
      contentType: 'application/merge-patch+json',
    });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('3');
    expect(res.body).toMatchObject({
      reason: 'TooManyRequests',
      details: { retryAfterSeconds: 3 },
    });
    const after = await kubeRequest(fleet, 'staging', 'GET', OWNER);
    expect(after.body.metadata.labels.a).toBeUndefined();
  });

  it('delays a request, then serves it', async () => {
    await admin(fleet, 'POST', '/faults', {
      cluster: 'staging',
      verb: 'get',
      action: { type: 'delay', ms: 400 },
    });
    const started = Date.now();
    const res = await kubeRequest(fleet, 'staging', 'GET', OWNER);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(res.status).toBe(200);
  });

  it('resets the connection before doing anything', async () => {
    await admin(fleet, 'POST', '/faults', {
      verb: 'patch',
      action: { type: 'reset' },
    });
    await expect(
      kubeRequest(fleet, 'staging', 'PATCH', OWNER, {
        body: { metadata: { labels: { reset: 'yes' } } },
        contentType: 'application/merge-patch+json',
      }),
    ).rejects.toThrow(/socket hang up|ECONNRESET/);
    const after = await kubeRequest(fleet, 'staging', 'GET', OWNER);
    expect(after.body.metadata.labels.reset).toBeUndefined();
  });

  it('applies a write and then never answers: the outcome is unknown to the client', async () => {
    await admin(fleet, 'POST', '/faults', {
      verb: 'patch',
      action: { type: 'timeout-after-write', ms: 5000 },
    });
    await expect(
      kubeRequest(fleet, 'staging', 'PATCH', OWNER, {
        body: { metadata: { labels: { applied: 'yes' } } },
        contentType: 'application/merge-patch+json',
        timeoutMs: 300,
      }),
    ).rejects.toThrow('client timeout');
    const after = await kubeRequest(fleet, 'staging', 'GET', OWNER);
    expect(after.body.metadata.labels.applied).toBe('yes');
  });

  it('takes a cluster down and brings it back; an informer reconnects and catches up', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(fleet.kubeconfig());
    kc.setCurrentContext('sandbox-staging');
    const core = kc.makeApiClient(CoreV1Api);
    const informer = makeInformer<V1Pod>(
      kc,
      '/api/v1/namespaces/pms/pods',
      () => core.listNamespacedPod({ namespace: 'pms' }),
    );
    const errors: unknown[] = [];
    // Restarts after an error, as a client does, until the test stops it: a restart left
    // pending would open a watch during the next test and keep the worker alive.
    let stopped = false;
    let restart: NodeJS.Timeout | undefined;
    informer.on('error', error => {
      errors.push(error);
      if (!stopped) restart = setTimeout(() => informer.start(), 200);
    });
    await informer.start();
    const before = informer.list().length;
    expect(before).toBeGreaterThan(0);

    await admin(fleet, 'POST', '/clusters/staging/down');
    await expect(
      kubeRequest(fleet, 'staging', 'GET', DEPLOYMENTS),
    ).rejects.toThrow(/ECONNREFUSED/);
    // The informer's watch is cut: it reports the error.
    await waitFor(() => errors.length > 0);

    // A change made while the informer is disconnected...
    fleet.member('staging')!.cluster.store.create('/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'pms-app-added-while-down', namespace: 'pms' },
      spec: { containers: [{ name: 'x', image: 'x' }] },
    });
    const { status } = await admin(fleet, 'POST', '/clusters/staging/up');
    expect(status).toBe(200);
    // ...is seen once it reconnects.
    await waitFor(() =>
      informer
        .list()
        .some(p => p.metadata?.name === 'pms-app-added-while-down'),
    );
    stopped = true;
    clearTimeout(restart);
    await informer.stop();
  });

  it('counts requests per cluster, verb and resource', async () => {
    await admin(fleet, 'DELETE', '/counters');
    await kubeRequest(fleet, 'staging', 'GET', DEPLOYMENTS);
    await kubeRequest(fleet, 'staging', 'GET', DEPLOYMENTS);
    await kubeRequest(fleet, 'production', 'GET', OWNER);
    const { body } = await admin(fleet, 'GET', '/counters');
    expect(body).toEqual({
      total: 3,
      byCluster: {
        staging: { list: { 'apps/deployments': 2 } },
        production: { get: { 'apps/deployments': 1 } },
      },
    });
  });

  it('rejects a malformed rule, naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ cluster: 'nowhere', action: { type: 'reset' } }, 'cluster:'],
      [{ verb: 'destroy', action: { type: 'reset' } }, 'verb:'],
      [{ path: '(', action: { type: 'reset' } }, 'path:'],
      [{ times: 0, action: { type: 'reset' } }, 'times:'],
      [{ action: { type: 'status', code: 200 } }, 'action.code:'],
      [{ action: { type: 'explode' } }, 'action.type:'],
    ];
    for (const [rule, field] of cases) {
      const res = await admin(fleet, 'POST', '/faults', rule);
      expect(res.status).toBe(400);
      expect(res.body.error).toContain(field);
    }
    expect((await admin(fleet, 'GET', '/faults')).body).toEqual([]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs)
      throw new Error('condition not met in time');
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
