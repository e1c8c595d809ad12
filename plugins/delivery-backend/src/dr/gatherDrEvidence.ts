import type { Entity } from '@backstage/catalog-model';
import {
  ClusterSnapshot,
  COMPONENTS,
  DeliveryDescriptor,
  DeliveryRun,
  hasDatabase,
} from '@internal/backstage-plugin-delivery-common';
import type { CachedWorkloads, ClusterCache } from '../cache/ClusterCache';
import type { VeleroReading } from '../cache/VeleroBackups';
import type { DrProviderAnswer } from './DrProviderReads';
import { toDrillEvidence } from './failoverRuns';
import type {
  DrBackupEvidence,
  DrEvidence,
  DrProductionWorkloads,
  DrStandbyCluster,
} from './readiness/evidence';
import { selectsLabels } from './selectsLabels';
import { veleroBackupsOf } from './veleroEvidence';

/** What the evidence reads of the cluster cache. */
export type DrCacheView = Pick<
  ClusterCache,
  'snapshots' | 'workloadsOf' | 'nodeZones' | 'veleroBackups'
>;

/**
 * The scale-up procedure of a service without a runbook link. The Delivery failover action
 * scales the standby's Deployments up as one of its steps (`scale-up`), so a pilot light
 * that the action fails over to does have a documented, tested way to come up.
 */
export const FAILOVER_ACTION_PROCEDURE =
  'the Delivery failover action (delivery:service:failover), which scales the DR Deployments up';

/** Everything the evidence of one service is derived from. */
export interface DrEvidenceInputs {
  entity: Entity;
  descriptor: DeliveryDescriptor;
  /** The environments marked `production` in delivery.environments. */
  productionEnvironments: readonly string[];
  /** The cluster cache; absent when no cluster is configured. */
  cache?: DrCacheView;
  /** The DR database provider's answer; absent when it was not asked or not read yet. */
  provider?: DrProviderAnswer;
  /** The service's failover runs; absent when the run store was not read. */
  failoverRuns?: DeliveryRun[];
}

/** Clusters of production by role, in the cache's order. */
export function productionClusters(
  cache: DrCacheView,
  productionEnvironments: readonly string[],
  role: 'primary' | 'dr',
): ClusterSnapshot[] {
  return cache
    .snapshots()
    .filter(
      c => c.role === role && productionEnvironments.includes(c.environment),
    );
}

function productionWorkloads(
  cluster: ClusterSnapshot,
  workloads: CachedWorkloads,
  zones: ReadonlyMap<string, string> | undefined,
): DrProductionWorkloads {
  const { deployments } = workloads;
  const podDisruptionBudgets = workloads.pdbs
    .filter(pdb =>
      deployments.some(
        d =>
          d.namespace === pdb.namespace &&
          selectsLabels(pdb.selector, d.podLabels),
      ),
    )
    .map(pdb => pdb.name);
  let podZones: string[] | undefined;
  if (zones) {
    const seen = new Set<string>();
    for (const pod of workloads.pods) {
      const zone =
        pod.phase === 'Running' && pod.node ? zones.get(pod.node) : undefined;
      if (zone) seen.add(zone);
    }
    podZones = [...seen].sort();
  }
  return {
    cluster: cluster.name,
    state: cluster.state,
    namespace: deployments[0]?.namespace,
    observedAt: cluster.syncedAt,
    deployments: deployments.map(d => ({
      name: d.name,
      desired: d.desired,
      ready: d.ready,
      containers: d.probes.map(p => ({ ...p })),
      spreadTopologyKeys: [...d.spreadKeys],
    })),
    podDisruptionBudgets,
    hpas: workloads.hpas.map(h => ({
      name: h.name,
      targetName: h.targetName,
      minReplicas: h.min,
    })),
    podZones,
  };
}

function standbyCluster(
  cluster: ClusterSnapshot,
  workloads: CachedWorkloads,
): DrStandbyCluster {
  return {
    cluster: cluster.name,
    region: cluster.region,
    state: cluster.state,
    namespace: workloads.deployments[0]?.namespace,
    observedAt: cluster.syncedAt,
    deployments: workloads.deployments.map(d => ({
      name: d.name,
      desired: d.desired,
      ready: d.ready,
    })),
  };
}

/**
 * Backup CronJobs and Velero Backups in the readable production clusters, plus the
 * provider's latest snapshot. Undefined (not gathered) when no source could say anything
 * for sure: no production cluster was readable, or none had a backup while the provider's
 * snapshots or a cluster's Velero Backups could not be read, since "no backup" must never
 * be claimed on half the facts.
 */
function backupsOf(
  primaries: Array<{ cluster: ClusterSnapshot; workloads: CachedWorkloads }>,
  provider: DrProviderAnswer | undefined,
  velero: (cluster: string) => VeleroReading | undefined = () => ({
    state: 'not-served',
  }),
): DrBackupEvidence[] | undefined {
  const readable = primaries.filter(p => p.cluster.state !== 'unreachable');
  let veleroKnown = true;
  const backups: DrBackupEvidence[] = readable.flatMap(
    ({ cluster, workloads }) => {
      const fromVelero = veleroBackupsOf(
        cluster,
        workloads,
        velero(cluster.name),
      );
      if (!fromVelero) veleroKnown = false;
      return [
        ...workloads.cronJobs
          .filter(job => job.component === COMPONENTS.backup)
          .map(job => ({
            source: 'cronjob' as const,
            name: job.name,
            cluster: cluster.name,
            namespace: job.namespace,
            lastSuccessfulAt: job.lastSuccessfulTime,
          })),
        ...(fromVelero ?? []),
      ];
    },
  );
  if (provider?.snapshot) {
    backups.push({
      source: 'snapshot',
      name: provider.snapshot.name,
      provider: provider.snapshot.provider,
      lastSuccessfulAt: provider.snapshot.takenAt,
    });
  }
  if (backups.length > 0) return backups;
  const snapshotsKnown = provider?.snapshotKnown ?? false;
  return readable.length > 0 && snapshotsKnown && veleroKnown ? [] : undefined;
}

/**
 * What is known of one service's DR readiness, from the cluster cache, the DR database
 * provider's answer and the run store. Pure: it reads only its inputs, so the service page,
 * the overview and the daily snapshot derive the same facts from the same inputs.
 */
export function gatherDrEvidence(inputs: DrEvidenceInputs): DrEvidence {
  const { entity, descriptor, cache, provider, productionEnvironments } =
    inputs;
  const evidence: DrEvidence = { hasDatabase: hasDatabase(entity) };

  const selector = descriptor.workloadSelector;
  if (cache && selector) {
    const primaries = productionClusters(
      cache,
      productionEnvironments,
      'primary',
    ).map(cluster => ({
      cluster,
      workloads: cache.workloadsOf(cluster.name, selector),
    }));
    evidence.production = primaries.map(({ cluster, workloads }) =>
      productionWorkloads(cluster, workloads, cache.nodeZones(cluster.name)),
    );
    evidence.standby = {
      clusters: productionClusters(cache, productionEnvironments, 'dr').map(
        cluster =>
          standbyCluster(cluster, cache.workloadsOf(cluster.name, selector)),
      ),
      scaleUpProcedure: descriptor.runbookUrl?.trim()
        ? descriptor.runbookUrl.trim()
        : FAILOVER_ACTION_PROCEDURE,
    };
    evidence.backups = backupsOf(primaries, provider, cluster =>
      cache.veleroBackups(cluster),
    );
  } else if (provider?.snapshot) {
    evidence.backups = backupsOf([], provider);
  }

  evidence.replication = provider?.replication;
  if (inputs.failoverRuns) {
    // A drill proves the failover of the environments that have a DR site: production.
    evidence.drills = inputs.failoverRuns
      .filter(run => productionEnvironments.includes(run.environment))
      .map(toDrillEvidence);
  }
  return evidence;
}
