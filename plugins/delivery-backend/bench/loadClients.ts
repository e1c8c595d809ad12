import { spawn } from 'node:child_process';

/**
 * `clients` concurrent loops of `requests` GETs of `url`, timed, in a child process so
 * that the clients' reading does not queue behind the server on the same event loop.
 * Each client keeps its connection alive and accepts gzip, as a browser does, and is timed
 * to the last byte of the answer, as load tools time it: inflating is the client's work,
 * and on a two-core machine ten clients inflating megabytes each would measure the clients.
 * Resolves with every request's milliseconds, sorted.
 */
export function timeConcurrentClients(options: {
  url: string;
  authorization: string;
  clients: number;
  requests: number;
}): Promise<number[]> {
  const script = `
    const http = require('node:http');
    const { url, authorization, clients, requests } = ${JSON.stringify(
      options,
    )};
    const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
    const headers = { authorization, 'accept-encoding': 'gzip' };
    const get = () => new Promise((ok, fail) => {
      http.get(url, { agent, headers }, res => {
        res.on('data', () => {});
        res.on('end', () => {
          if (res.statusCode !== 200) return fail(new Error('HTTP ' + res.statusCode));
          ok(res.headers['content-encoding']);
        });
      }).on('error', fail);
    });
    (async () => {
      const times = [];
      await Promise.all(Array.from({ length: clients }, async () => {
        for (let i = 0; i < requests; i++) {
          const start = process.hrtime.bigint();
          const encoding = await get();
          if (encoding !== 'gzip') throw new Error('not gzipped: ' + encoding);
          times.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
      }));
      agent.destroy();
      process.stdout.write(JSON.stringify(times));
    })().catch(error => { console.error(error.message); process.exit(1); });
  `;
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', chunk => (out += chunk));
    child.on('exit', code =>
      code === 0
        ? ok((JSON.parse(out) as number[]).sort((a, b) => a - b))
        : fail(new Error(`the load clients exited with ${code}`)),
    );
  });
}

/** The `p`th percentile of sorted milliseconds. */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
