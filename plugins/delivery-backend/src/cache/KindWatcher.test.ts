import { mockServices } from '@backstage/backend-test-utils';
import { KubeConfig } from '@kubernetes/client-node';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { KindWatcher, KindWatcherHandlers, ListedKind } from './KindWatcher';

/**
 * A cluster without Argo Rollouts answers 404 for its kinds; one whose RBAC does not grant
 * them, 403. Neither may fail the cluster or warn on every retry.
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

  function watch(kind: ListedKind) {
    const calls: string[] = [];
    const handlers: KindWatcherHandlers = {
      reset: objects => calls.push(`reset ${objects.length}`),
      upsert: () => calls.push('upsert'),
      remove: () => calls.push('remove'),
      synced: () => calls.push('synced'),
      failed: error => calls.push(`failed ${error.message}`),
    };
    const logger = mockServices.logger.mock();
    const watcher = new KindWatcher(kubeConfig(), kind, handlers, logger, 10);
    return { watcher, calls, logger };
  }

  it('holds an empty, synced list of Rollouts where the cluster does not serve them, and does not warn', async () => {
    status = 404;
    const { watcher, calls, logger } = watch('rollouts');
    await watcher.start();
    watcher.stop();
    expect(calls).toEqual(['reset 0', 'synced']);
    expect(logger.warn).not.toHaveBeenCalled();
    expect(requests).toEqual([
      '/apis/argoproj.io/v1alpha1/rollouts?labelSelector=backstage.io%2Fkubernetes-id&limit=500',
    ]);
  });

  it('warns once, without failing the cluster, where the backend may not read AnalysisRuns', async () => {
    status = 403;
    const { watcher, calls, logger } = watch('analysisruns');
    await watcher.start();
    watcher.stop();
    expect(calls).toEqual(['reset 0', 'synced']);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toContain(
      'analysisruns not readable (HTTP 403)',
    );
  });

  it('still fails and retries a kind every cluster has', async () => {
    status = 404;
    const { watcher, calls, logger } = watch('deployments');
    await watcher.start();
    watcher.stop();
    expect(calls[0]).toMatch(/^failed list deployments: HTTP 404/);
    expect(logger.warn).toHaveBeenCalled();
  });
});
