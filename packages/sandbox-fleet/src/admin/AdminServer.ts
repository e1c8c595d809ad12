import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import type { AdministeredFleet } from './AdministeredFleet';
import { validateFaultRule } from './faults';
import { setReplicaState, validateReplicaChange } from './replicas';

function send(res: ServerResponse, code: number, body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  res.writeHead(code, {
    'Content-Type':
      typeof body === 'string' ? 'text/plain' : 'application/json',
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('body: not valid JSON');
  }
}

/**
 * The fleet's admin API, on its own port so it never mixes with the Kubernetes URL space:
 *
 *   GET    /clusters                      clusters with url, environment, region, role, up
 *   POST   /clusters/{name}/down | /up    take a cluster off the network, or bring it back
 *   POST   /clusters/{name}/compact       forget watch history (clients then get 410 Gone)
 *   GET    /faults   POST /faults         list or add fault rules (see faults.ts)
 *   DELETE /faults   DELETE /faults/{id}  remove all or one
 *   GET    /counters DELETE /counters     request counts per cluster, verb and resource
 *   POST   /services/{id}/replica         set the lag or health of a service's database
 *                                        replicas: {"replicationLagSeconds": 3600}
 *                                        or {"healthy": false}
 *   GET    /kubeconfig                    kubeconfig for every cluster
 *   POST   /tick                          run every controller once, now
 */
export class AdminServer {
  private server?: Server;

  constructor(private readonly fleet: AdministeredFleet) {}

  get url(): string {
    const address = this.server?.address();
    return typeof address === 'object' && address
      ? `http://127.0.0.1:${address.port}`
      : '';
  }

  async start(port: number): Promise<void> {
    const server = createServer((req, res) => {
      this.route(req, res).catch(error =>
        send(res, 400, { error: (error as Error).message }),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse) {
    const { pathname } = new URL(req.url ?? '/', 'http://admin');
    const method = req.method ?? 'GET';
    const fleet = this.fleet;
    const parts = pathname.split('/').filter(Boolean);

    if (pathname === '/clusters' && method === 'GET')
      return send(res, 200, fleet.describe());
    if (parts[0] === 'clusters' && parts.length === 3 && method === 'POST') {
      const member = fleet.member(parts[1]);
      if (!member)
        return send(res, 404, {
          error: `cluster: "${parts[1]}" is not in the fleet`,
        });
      if (parts[2] === 'down') await member.server.stop();
      else if (parts[2] === 'up') await member.server.restart();
      else if (parts[2] === 'compact') member.cluster.store.compact();
      else return send(res, 404, { error: `no action ${parts[2]}` });
      return send(
        res,
        200,
        fleet.describe().find(c => c.name === parts[1]),
      );
    }
    if (pathname === '/faults') {
      if (method === 'GET') return send(res, 200, fleet.faults.list());
      if (method === 'POST') {
        const rule = validateFaultRule(
          await readJson(req),
          fleet.clusterNames(),
        );
        return send(res, 201, fleet.faults.add(rule));
      }
      if (method === 'DELETE') {
        fleet.faults.clear();
        return send(res, 200, []);
      }
    }
    if (parts[0] === 'faults' && parts.length === 2 && method === 'DELETE') {
      return fleet.faults.remove(Number(parts[1]))
        ? send(res, 200, fleet.faults.list())
        : send(res, 404, { error: `no fault rule ${parts[1]}` });
    }
    if (pathname === '/counters') {
      if (method === 'GET')
        return send(res, 200, {
          total: fleet.counters.total(),
          byCluster: fleet.counters.snapshot(),
        });
      if (method === 'DELETE') {
        fleet.counters.reset();
        return send(res, 200, { total: 0, byCluster: {} });
      }
    }
    if (
      parts[0] === 'services' &&
      parts[2] === 'replica' &&
      parts.length === 3 &&
      method === 'POST'
    ) {
      const change = validateReplicaChange(await readJson(req));
      const changed = setReplicaState(fleet, parts[1], change);
      return changed.length
        ? send(res, 200, changed)
        : send(res, 404, {
            error: `service: "${parts[1]}" has no database replica in the fleet`,
          });
    }
    if (pathname === '/kubeconfig' && method === 'GET')
      return send(res, 200, fleet.kubeconfig());
    if (pathname === '/tick' && method === 'POST') {
      fleet.tick();
      return send(res, 200, { ok: true });
    }
    return send(res, 404, { error: `no admin route ${method} ${pathname}` });
  }
}
