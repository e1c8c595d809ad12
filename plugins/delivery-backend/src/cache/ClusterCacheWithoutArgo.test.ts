import { mockServices } from '@backstage/backend-test-utils';
import { createServer, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { eventually } from '@internal/backstage-plugin-delivery-node/testUtils';
import { ClusterCache } from './ClusterCache';

/**
 * A cluster without Argo Rollouts (nor Velero): an API server that serves the built-in
 * kinds, empty, and answers 404 for `argoproj.io`. The cache must show it as in sync, warn
 * about nothing, and not have every followed label selector ask it for Rollouts.
 */
describe('ClusterCache on a cluster without Argo Rollouts', () => {
  let server: Server;
  const requests: string[] = [];
  const watches: ServerResponse[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      requests.push(`${url.pathname}?${url.searchParams.get('labelSelector')}`);
      if (/^\/apis\/(argoproj|velero)\.io\//.test(url.pathname)) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ kind: 'Status', code: 404 }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      // A watch stays open with nothing to say, as on a quiet cluster.
      if (url.searchParams.get('watch')) watches.push(res);
      else
        res.end(
          JSON.stringify({ kind: 'List', metadata: { resourceVersion: '1' } }),
        );
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    watches.forEach(res => res.end());
    // Kept-alive client sockets would hold close() for the server's keep-alive timeout.
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  it('is in sync with no Rollouts, warns about nothing, and lets selectors skip Argo', async () => {
    const { port } = server.address() as AddressInfo;
    const logger = mockServices.logger.mock();
    const cache = new ClusterCache(
      [
        {
          name: 'plain',
          url: `http://127.0.0.1:${port}`,
          token: 't',
          skipTLSVerify: true,
          environment: 'production',
          role: 'primary',
          sandbox: false,
        },
      ],
      logger,
      { minBackoffMs: 10 },
    );
    try {
      await cache.start();
      expect(cache.snapshots()).toEqual([
        expect.objectContaining({ name: 'plain', state: 'ok' }),
      ]);
      expect(requests).toContain(
        '/apis/argoproj.io/v1alpha1/rollouts?backstage.io/kubernetes-id',
      );
      expect(requests).toContain(
        '/apis/argoproj.io/v1alpha1/analysisruns?rollouts-pod-template-hash',
      );

      expect(
        cache.workloadsOf('plain', { labelSelector: 'app=legacy' }),
      ).toMatchObject({ deployments: [], analysisRuns: [] });
      // The selector's own lists start in the background.
      await eventually(
        async () => requests,
        r => r.includes('/apis/apps/v1/deployments?app=legacy'),
        { what: "the selector's own list of Deployments" },
      );
      expect(requests.filter(r => r.includes('argoproj.io'))).toHaveLength(2);
      expect(cache.snapshots()[0].state).toBe('ok');
      expect(logger.warn).not.toHaveBeenCalled();
    } finally {
      cache.stop();
    }
  });
});
