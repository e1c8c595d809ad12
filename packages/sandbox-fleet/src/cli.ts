/* eslint-disable no-console */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchmarkClusters, spreadPlacement } from './fleet/benchmarkFleet';
import { DEFAULT_CLUSTERS } from './fleet/defaults';
import { demoImage, seedDemoDatabaseSecrets } from './fleet/demoDatabases';
import { Fleet } from './fleet/Fleet';
import { readCatalogServices } from './seed/catalog';
import { syntheticCatalogYaml } from './seed/syntheticCatalog';

const HELP = `sandbox-fleet: local Kubernetes API servers for the Delivery portal

Options:
  --catalog DIR      catalog folder whose Components run in the fleet (default: ../../catalog)
  --out DIR          where to write kubeconfig and app-config.sandbox.yaml (default: ../../.sandbox)
  --admin-port N     admin API port (default 6550)
  --seed N           seed of the simulation
  --synthetic N      also run N uniform services (benchmarks), and write their
                     Components and owning Groups to synthetic-catalog.yaml under --out
  --clusters N       N clusters on free ports (c01.., staging and production alternating)
                     instead of the default three
  --spread K         with --clusters: each synthetic service runs in K of them
  --no-catalog       run no catalog services (with --synthetic)
  --catalog-cluster NAME
                     the portal finds cluster NAME through the catalog: it answers
                     anonymous reads, the portal config's config locator leaves it out,
                     and its Resource entity is written to catalog-clusters.yaml under
                     --out (repeatable)
  --quiet-controllers  controllers do not run (a static fleet, for benchmarks)
  -h, --help         this text`;

async function main() {
  const { values } = parseArgs({
    options: {
      catalog: { type: 'string' },
      out: { type: 'string' },
      'admin-port': { type: 'string' },
      seed: { type: 'string' },
      synthetic: { type: 'string' },
      clusters: { type: 'string' },
      spread: { type: 'string' },
      'no-catalog': { type: 'boolean' },
      'catalog-cluster': { type: 'string', multiple: true },
      'quiet-controllers': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const number = (name: string, raw: string | undefined) => {
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`--${name}: "${raw}" is not a whole number`);
    return value;
  };

  // Defaults are relative to this package's folder, where `yarn start` runs.
  const catalogDir = resolve(values.catalog ?? '../../catalog');
  const out = resolve(values.out ?? '../../.sandbox');
  const clusterCount = number('clusters', values.clusters);
  const spread = number('spread', values.spread);
  const catalogLocated = values['catalog-cluster'] ?? [];
  const clusters = clusterCount
    ? benchmarkClusters(clusterCount)
    : DEFAULT_CLUSTERS;
  for (const name of catalogLocated) {
    if (!clusters.some(c => c.name === name))
      throw new Error(`--catalog-cluster: no cluster is named "${name}"`);
  }
  const catalogServices = values['no-catalog']
    ? []
    : readCatalogServices(catalogDir);
  const fleet = await Fleet.start({
    // Migration Jobs of catalog services run for real, on SQLite files under --out.
    localImages: demoImage(catalogServices, out),
    catalogDir: values['no-catalog'] ? undefined : catalogDir,
    adminPort: number('admin-port', values['admin-port']),
    seed: number('seed', values.seed),
    syntheticServices: number('synthetic', values.synthetic),
    autoTick: !values['quiet-controllers'],
    // A catalog-located cluster is read without a token, so it answers anonymous reads.
    clusters: clusters.map(c =>
      catalogLocated.includes(c.name) ? { ...c, anonymousReads: true } : c,
    ),
    ...(clusterCount && spread
      ? { place: spreadPlacement(clusterCount, spread) }
      : {}),
  });

  mkdirSync(out, { recursive: true });
  seedDemoDatabaseSecrets(fleet, out);
  const kubeconfig = resolve(out, 'kubeconfig');
  const portalConfig = resolve(out, 'app-config.sandbox.yaml');
  const catalogClusters = resolve(out, 'catalog-clusters.yaml');
  // The catalog file first: the portal starts once the portal config exists. It holds no
  // token, and is rewritten (or emptied) at each start since the CA is new each time.
  writeFileSync(catalogClusters, fleet.catalogClusterEntities(catalogLocated));
  // The synthetic services' Components and their owners, for a portal at catalog scale.
  const syntheticCatalogFile = resolve(out, 'synthetic-catalog.yaml');
  const syntheticCount = number('synthetic', values.synthetic) ?? 0;
  writeFileSync(syntheticCatalogFile, syntheticCatalogYaml(syntheticCount));
  // Both files hold the clusters' bearer tokens.
  writeFileSync(kubeconfig, fleet.kubeconfig(), { mode: 0o600 });
  writeFileSync(portalConfig, fleet.portalConfig({ catalogLocated }), {
    mode: 0o600,
  });
  chmodSync(kubeconfig, 0o600);

  console.log('sandbox fleet is up:');
  for (const cluster of fleet.describe()) {
    console.log(
      `  ${cluster.name.padEnd(14)} ${cluster.url}  ${cluster.environment}/${
        cluster.region
      } (${cluster.role}): ${cluster.objects.deployments} deployments, ${
        cluster.objects.pods
      } pods`,
    );
  }
  console.log(`  admin API      ${fleet.adminUrl}`);
  console.log(
    `kubectl:  export KUBECONFIG=${kubeconfig}; kubectl get deployments -A --context sandbox-production`,
  );
  console.log(`portal:   ${portalConfig}`);
  if (syntheticCount)
    console.log(
      `catalog:  ${syntheticCatalogFile} (${syntheticCount} synthetic services)`,
    );
  if (catalogLocated.length)
    console.log(
      `catalog:  ${catalogClusters} (${catalogLocated.join(
        ', ',
      )}, read anonymously)`,
    );

  const stop = async () => {
    await fleet.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  console.error(`sandbox-fleet: ${error.message}`);
  process.exit(1);
});
