import { Cluster } from '../fleet/Cluster';
import { reconcileCronJobs } from './cronJobController';
import { DatabaseController } from './databaseController';
import { reconcileDeployments } from './deploymentController';
import {
  PendingDnsChanges,
  reconcileDnsEndpoints,
} from './dnsEndpointController';
import { DEFAULT_DR_TIMINGS, DrTimings } from './drObjects';
import { collectGarbage } from './garbageCollector';
import { HpaController } from './hpaController';
import { reconcileJobs } from './jobController';
import type { LoadModel } from './loadModel';
import { LocalImageRuntime, LocalImages } from './localImages';
import { PodLifecycle } from './podLifecycle';
import { reconcileReplicaSets } from './replicaSetController';
import { reconcileAnalysisRuns } from './analysisRunController';
import { reconcileRollouts } from './rolloutController';
import { UsageModel } from './usageModel';
import { reconcileVelero } from './veleroController';
import { scrapeUsage } from './usageScrape';

export interface SimulationOptions {
  /** How often controllers run. */
  tickMs: number;
  /** Divides pod start-up and back-off delays. */
  speed: number;
  load: LoadModel;
}

/** What the DR controllers need from the fleet around one cluster. */
export interface DrSimulation {
  timings: DrTimings;
  /** The other clusters of the same environment: where a replica's source lives. */
  peers: () => Cluster[];
}

/** The HPA's sync period, and metrics-server's default --metric-resolution. */
const HPA_SYNC_MS = 15_000;
const GC_INTERVAL_MS = 2_000;

export const DEFAULT_SIMULATION: SimulationOptions = {
  tickMs: 500,
  speed: 1,
  load: {
    mode: 'varying',
    periodMs: 15 * 60_000,
    scaleDownStabilizationMs: 5 * 60_000,
  },
};

/**
 * The controllers of one cluster, run in the order a real control plane converges:
 * workloads, then their pods, then autoscaling, then garbage collection.
 */
export class Simulation {
  private timer?: NodeJS.Timeout;
  private readonly pods: PodLifecycle;
  private readonly usage: UsageModel;
  private readonly hpas: HpaController;
  /** The database operator; the admin API sets replica lag and health through it. */
  readonly databases: DatabaseController;
  private readonly dnsSyncMs: number;
  private readonly pendingDns: PendingDnsChanges = new Map();
  private readonly settledDeployments = new Map<string, string>();
  private readonly settledReplicaSets = new Map<string, string>();
  private lastHpaPass = -Infinity;
  private lastCollection = -Infinity;

  constructor(
    private readonly cluster: Cluster,
    private readonly options: SimulationOptions,
    localImages?: LocalImages,
    dr: DrSimulation = { timings: DEFAULT_DR_TIMINGS, peers: () => [] },
  ) {
    this.pods = new PodLifecycle(
      cluster,
      { speed: options.speed },
      new LocalImageRuntime(localImages),
    );
    this.usage = new UsageModel(cluster, options.load);
    this.hpas = new HpaController(cluster, options.load, this.usage);
    this.databases = new DatabaseController(cluster, dr.timings, dr.peers);
    this.dnsSyncMs = dr.timings.dnsSyncMs;
  }

  /** One pass of every controller; tests call it directly to step time. */
  tick(): void {
    const now = this.cluster.clock.now();
    reconcileCronJobs(this.cluster);
    reconcileJobs(this.cluster);
    reconcileDeployments(this.cluster, this.settledDeployments);
    reconcileRollouts(this.cluster);
    reconcileReplicaSets(this.cluster, this.settledReplicaSets);
    this.pods.reconcile();
    reconcileReplicaSets(this.cluster, this.settledReplicaSets);
    reconcileDeployments(this.cluster, this.settledDeployments);
    // Argo Rollouts' controllers: analysis first, so a finished run is acted on at once.
    reconcileAnalysisRuns(this.cluster);
    reconcileRollouts(this.cluster);
    // Operators of custom resources run beside the built-in controllers.
    this.databases.reconcile();
    reconcileDnsEndpoints(this.cluster, this.pendingDns, this.dnsSyncMs);
    reconcileVelero(this.cluster);
    // Like kube-controller-manager: the HPA syncs every 15 s, garbage collection is lazier.
    // metrics-server reads the kubelets on the same beat, at the same moment as the HPA
    // computes its utilisation, so `kubectl top` shows what the HPA saw.
    if (now - this.lastHpaPass >= HPA_SYNC_MS) {
      const windowMs = Number.isFinite(this.lastHpaPass)
        ? now - this.lastHpaPass
        : HPA_SYNC_MS;
      this.lastHpaPass = now;
      this.hpas.reconcile();
      this.cluster.usage = scrapeUsage(this.cluster, this.usage, windowMs);
    }
    if (now - this.lastCollection >= GC_INTERVAL_MS) {
      this.lastCollection = now;
      collectGarbage(this.cluster);
    }
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      try {
        this.tick();
      } catch (error) {
        // A controller bug must not stop the cluster; it shows in the fleet's output.
        process.stderr.write(
          `[sandbox-fleet] ${this.cluster.name}: controller error: ${
            (error as Error).stack
          }\n`,
        );
      }
    }, this.options.tickMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.pods.stop();
  }
}
