import { createServer, type Server } from 'node:http';

export type HealthCheck = () => { healthy: boolean; details?: Record<string, unknown> };

/** Liveness/readiness endpoint on its own port (the worker serves no other HTTP). */
export function createHealthServer(check: HealthCheck): Server {
  return createServer((req, res) => {
    if (req.method === 'GET' && (req.url === '/health' || req.url === '/healthz')) {
      const { healthy, details } = check();
      res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ status: healthy ? 'ok' : 'unavailable', ...details }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'not found' }));
  });
}
