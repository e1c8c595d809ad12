import { Cluster, ClusterSpec } from '../fleet/Cluster';
import { DATABASE_PHASES, DR_KINDS } from '../sim/drObjects';
import { typeMeta } from '../sim/objects';
import { ServiceSeed } from './catalog';
import { serviceLabels } from './podTemplates';
import { SCENARIOS } from './scenarios';
import { Placement } from './seedService';

/** The default of `delivery.dr.dns.zone`, so the portal's DR targets match these records. */
const DNS_ZONE = 'delivery.internal';
/** Low, as DR records are: a switch reaches clients within seconds. */
const RECORD_TTL_SECONDS = 5;
const DAY = 86_400_000;

function externalCluster(name: string, namespace: string, region: string) {
  return {
    name,
    connectionParameters: {
      host: `${name}-rw.${namespace}.${region}.${DNS_ZONE}`,
      user: 'streaming_replica',
      dbname: 'postgres',
      sslmode: 'verify-full',
    },
  };
}

function databaseMeta(service: ServiceSeed, now: number) {
  return {
    name: `${service.name}-db`,
    namespace: service.system,
    labels: serviceLabels(service),
    creationTimestamp: new Date(now - 180 * DAY).toISOString(),
  };
}

/**
 * What a production database looks like with CloudNativePG and ExternalDNS: the primary
 * cluster runs the `<service>-db` Cluster (three instances) and the DR cluster a replica
 * Cluster of it, with the `<service>` DNSEndpoint that points users at the primary
 * region. The record lives on the DR side, which must still be writable when the primary
 * region is gone. Only for non-experimental services with a database, in production.
 */
export function seedDisasterRecovery(
  cluster: Cluster,
  placed: Array<{ service: ServiceSeed; placement: Placement }>,
  fleet: ClusterSpec[],
  now: number,
): void {
  const { environment } = cluster.spec;
  if (environment !== 'production') return;
  const primary = fleet.find(
    c => c.environment === environment && c.role === 'primary',
  );
  const dr = fleet.find(c => c.environment === environment && c.role === 'dr');
  if (!primary) return;

  for (const { service, placement } of placed) {
    if (!service.hasDatabase || service.tier === 'experimental') continue;
    const meta = databaseMeta(service, now);
    const source = meta.name;
    if (placement.role === 'primary') {
      cluster.store.create(DR_KINDS.database, {
        ...typeMeta('Cluster'),
        metadata: meta,
        spec: {
          instances: 3,
          storage: { size: '20Gi' },
          // What it follows once demoted: the DR side's Cluster of the same name.
          replica: { enabled: false, source },
          externalClusters: dr
            ? [externalCluster(source, service.system, dr.region)]
            : [],
        },
        status: {
          phase: DATABASE_PHASES.healthy,
          instances: 3,
          readyInstances: 3,
          currentPrimary: `${meta.name}-1`,
          replicaMode: false,
        },
      });
      continue;
    }

    const scenario = SCENARIOS[service.name];
    const lag =
      scenario?.cluster === cluster.name && scenario.replicaLag
        ? scenario.replicaLag.seconds
        : cluster.random.int(1, 3);
    const instances = service.tier === 'critical' ? 2 : 1;
    cluster.store.create(DR_KINDS.database, {
      ...typeMeta('Cluster'),
      metadata: meta,
      spec: {
        instances,
        storage: { size: '20Gi' },
        bootstrap: { pg_basebackup: { source } },
        replica: { enabled: true, source },
        externalClusters: [
          externalCluster(source, service.system, primary.region),
        ],
      },
      status: {
        phase: DATABASE_PHASES.healthy,
        instances,
        readyInstances: instances,
        currentPrimary: `${meta.name}-1`,
        replicaMode: true,
        replicationLagSeconds: lag,
        lagMeasuredAt: new Date(now).toISOString(),
      },
    });
    cluster.store.create(DR_KINDS.dnsEndpoint, {
      ...typeMeta('DNSEndpoint'),
      metadata: { ...meta, name: service.name },
      spec: {
        endpoints: [
          {
            dnsName: `${service.name}.${DNS_ZONE}`,
            recordType: 'CNAME',
            targets: [`${service.name}.${primary.region}.${DNS_ZONE}`],
            recordTTL: RECORD_TTL_SECONDS,
          },
        ],
      },
      // ExternalDNS has published it.
      status: { observedGeneration: 1 },
    });
  }
}
