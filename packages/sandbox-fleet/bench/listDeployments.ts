/* eslint-disable no-console */
/**
 * Benchmark: a fleet with N uniform services per cluster (default 2,000: each a Deployment
 * with three ReplicaSets of history, its Pods, a Service, an HPA and a PDB), then a list of
 * all deployments over HTTPS, as a client would, timed per request.
 *
 *   yarn workspace @internal/sandbox-fleet bench [services-per-cluster] [requests]
 */
import { request } from 'node:https';
import { Fleet } from '../src/fleet/Fleet';

const services = Number(process.argv[2] ?? 2000);
const requests = Number(process.argv[3] ?? 30);

function list(
  fleet: Fleet,
  cluster: string,
  path: string,
): Promise<{ ms: number; bytes: number; items: number }> {
  const member = fleet.member(cluster)!;
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, member.server.url),
      {
        ca: fleet.tls.caPem,
        agent: false,
        headers: {
          authorization: `Bearer ${member.cluster.token}`,
          accept: 'application/json',
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          resolve({
            ms,
            bytes: body.length,
            items: JSON.parse(body.toString('utf8')).items.length,
          });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(fleet: Fleet, label: string) {
  const times: number[] = [];
  let last = { ms: 0, bytes: 0, items: 0 };
  for (let i = 0; i < requests; i++) {
    last = await list(fleet, 'production', '/apis/apps/v1/deployments');
    times.push(last.ms);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(34)} ${last.items} deployments, ${(
      last.bytes / 1e6
    ).toFixed(1)} MB: p50 ${percentile(times, 50).toFixed(
      0,
    )} ms, p99 ${percentile(times, 99).toFixed(0)} ms, max ${times[
      times.length - 1
    ].toFixed(0)} ms`,
  );
}

async function main() {
  const started = Date.now();
  const fleet = await Fleet.start({
    syntheticServices: services,
    clusters: [
      {
        name: 'staging',
        environment: 'staging',
        region: 'us-east-1',
        role: 'primary',
        port: 0,
      },
      {
        name: 'production',
        environment: 'production',
        region: 'us-east-1',
        role: 'primary',
        port: 0,
      },
      {
        name: 'production-dr',
        environment: 'production',
        region: 'us-west-2',
        role: 'dr',
        port: 0,
      },
    ],
    adminPort: 0,
    autoTick: false,
  });
  const seededIn = Date.now() - started;
  for (const cluster of fleet.describe()) {
    console.log(
      `${cluster.name}: ${cluster.objects.deployments} deployments, ${cluster.objects.pods} pods`,
    );
  }
  console.log(
    `seeded and listening in ${(seededIn / 1000).toFixed(1)} s; heap ${(
      process.memoryUsage().heapUsed / 1e6
    ).toFixed(0)} MB, RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
  );

  await measure(fleet, 'list, controllers idle');
  const tickStart = process.hrtime.bigint();
  fleet.tick();
  console.log(
    `one controller pass over all three clusters: ${(
      Number(process.hrtime.bigint() - tickStart) / 1e6
    ).toFixed(0)} ms`,
  );
  for (const name of fleet.clusterNames())
    fleet.member(name)!.simulation.start();
  // Let the controllers settle what the seed left for them, then measure while they run.
  await new Promise(resolve => setTimeout(resolve, 3000));
  await measure(fleet, 'list, controllers running');
  await fleet.stop();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
