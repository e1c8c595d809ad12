/* eslint-disable no-console */
/**
 * Benchmark: a fleet with N uniform services per cluster (default 2,000: each a Deployment
 * with three ReplicaSets of history, its Pods, a Service, an HPA and a PDB), then a list of
 * all deployments over HTTPS, as a client would, timed per request.
 *
 *   yarn workspace @internal/sandbox-fleet bench [services-per-cluster] [requests]
 */
import { percentile } from '@internal/backstage-plugin-delivery-common';
import { clustersOnFreePorts } from '../src/fleet/defaults';
import { Fleet } from '../src/fleet/Fleet';
import { kubeRequest } from '../src/__testUtils__/testFleet';

const services = Number(process.argv[2] ?? 2000);
const requests = Number(process.argv[3] ?? 30);

async function measure(fleet: Fleet, label: string) {
  const times: number[] = [];
  let items = 0;
  let bytes = 0;
  for (let i = 0; i < requests; i++) {
    const started = process.hrtime.bigint();
    const res = await kubeRequest(
      fleet,
      'production',
      'GET',
      '/apis/apps/v1/deployments',
    );
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    items = res.body.items.length;
    bytes = JSON.stringify(res.body).length;
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(34)} ${items} deployments, ${(bytes / 1e6).toFixed(
      1,
    )} MB: p50 ${percentile(times, 0.5).toFixed(0)} ms, p99 ${percentile(
      times,
      0.99,
    ).toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms`,
  );
}

async function main() {
  const started = Date.now();
  const fleet = await Fleet.start({
    syntheticServices: services,
    clusters: clustersOnFreePorts(),
    adminPort: 0,
    autoTick: false,
  });
  const seededIn = Date.now() - started;
  for (const cluster of fleet.describe()) {
    console.log(
      `${cluster.name}: ${cluster.objects.deployments} deployments, ${cluster.objects.pods} pods`,
    );
  }
  const memory = process.memoryUsage();
  console.log(
    `seeded and listening in ${(seededIn / 1000).toFixed(1)} s; heap ${(
      memory.heapUsed / 1e6
    ).toFixed(0)} MB, RSS ${(memory.rss / 1e6).toFixed(0)} MB`,
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
