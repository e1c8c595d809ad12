import { mockServices } from '@backstage/backend-test-utils';
import { KubeConfig } from '@kubernetes/client-node';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { KindWatcher, KindWatcherHandlers, ListedKind } from './KindWatcher';

/**
 * A cluster without Argo Rollouts answers 404 for its kinds: the cache holds none of them,
 * without failing the cluster or warning on every retry. A 403 is a fault like any other.
 */
describe('KindWatcher for a kind the cluster may not have', () => {
  let server: Server;
  let status = 404;
  let requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          code: status,
          reason: status === 404 ? 'NotFound' : 'Forbidden',
          message: 'the server could not find the requested resource',
        }),
      );
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));
  beforeEach(() => {
    requests = [];
  });

  function kubeConfig() {
    const { port } = server.address() as AddressInfo;
    const kc = new KubeConfig();
    kc.loadFromOptions({
      // client-node refuses plain HTTP unless TLS verification is off.
      clusters: [
        {
          name: 'c',
          server: `http://127.0.0.1:${port}`,
          skipTLSVerify: true,
        },
      ],
      users: [{ name: 'u' }],
      contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
      currentContext: 'c',
    });
    return kc;
  }

  /** The handlers the cache gives an Argo kind (with notServed) or any other kind. */
  function watch(kind: ListedKind, optional: boolean) {
    const calls: string[] = [];
    const handlers: KindWatcherHandlers = {
      reset: objects => calls.push(`reset ${objects.length}`),
      upsert: () => calls.push('upsert'),
      remove: () => calls.push('remove'),
      synced: () => calls.push('synced'),
      failed: error => calls.push(`failed ${error.message}`),
      ...(optional ? { notServed: () => calls.push('notServed') } : {}),
    };
    const logger = mockServices.logger.mock();
    const watcher = new KindWatcher(kubeConfig(), kind, handlers, logger, 10);
    return { watcher, calls, logger };
  }

  it('takes a 404 for Rollouts as none served, lists the Argo path, and does not warn', async () => {
    status = 404;
    const { watcher, calls, logger } = watch('rollouts', true);
    await watcher.start();
    watcher.stop();
    expect(calls).toEqual(['notServed']);
    expect(logger.warn).not.toHaveBeenCalled();
    expect(requests).toEqual([
      '/apis/argoproj.io/v1alpha1/rollouts?labelSelector=backstage.io%2Fkubernetes-id&limit=500',
    ]);
  });

  it('lists AnalysisRuns across all namespaces by the Rollout pod-template-hash label', async () => {
    status = 404;
    const logger = mockServices.logger.mock();
    const calls: string[] = [];
    const watcher = new KindWatcher(
      kubeConfig(),
      'analysisruns',
      {
        reset: () => calls.push('reset'),
        upsert: () => {},
        remove: () => {},
        synced: () => {},
        failed: () => calls.push('failed'),
        notServed: () => calls.push('notServed'),
      },
      logger,
      10,
      'rollouts-pod-template-hash',
    );
    await watcher.start();
    watcher.stop();
    expect(calls).toEqual(['notServed']);
    expect(requests).toEqual([
      '/apis/argoproj.io/v1alpha1/analysisruns?labelSelector=rollouts-pod-template-hash&limit=500',
    ]);
  });

  it('still fails and warns for a 403, and for a 404 of a kind every cluster has', async () => {
    status = 403;
    const forbidden = watch('rollouts', true);
    await forbidden.watcher.start();
    forbidden.watcher.stop();
    expect(forbidden.calls[0]).toMatch(/^failed list rollouts: HTTP 403/);
    expect(forbidden.logger.warn).toHaveBeenCalled();

    status = 404;
    const { watcher, calls, logger } = watch('deployments', false);
    await watcher.start();
    watcher.stop();
    expect(calls[0]).toMatch(/^failed list deployments: HTTP 404/);
    expect(logger.warn).toHaveBeenCalled();
  });
});
