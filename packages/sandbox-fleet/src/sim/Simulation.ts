import { Cluster } from '../fleet/Cluster';
import { reconcileCronJobs } from './cronJobController';
import { reconcileDeployments } from './deploymentController';
import { collectGarbage } from './garbageCollector';
import { HpaController, LoadModel } from './hpaController';
import { reconcileJobs } from './jobController';
import { PodLifecycle } from './podLifecycle';
import { reconcileReplicaSets } from './replicaSetController';

export interface SimulationOptions {
  /** How often controllers run. */
  tickMs: number;
  /** Divides pod start-up and back-off delays. */
  speed: number;
  load: LoadModel;
}

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
  private readonly hpas: HpaController;

  constructor(
    private readonly cluster: Cluster,
    private readonly options: SimulationOptions,
  ) {
    this.pods = new PodLifecycle(cluster, { speed: options.speed });
    this.hpas = new HpaController(cluster, options.load);
  }

  /** One pass of every controller; tests call it directly to step time. */
  tick(): void {
    reconcileCronJobs(this.cluster);
    reconcileJobs(this.cluster);
    reconcileDeployments(this.cluster);
    reconcileReplicaSets(this.cluster);
    this.pods.reconcile();
    reconcileReplicaSets(this.cluster);
    reconcileDeployments(this.cluster);
    this.hpas.reconcile();
    collectGarbage(this.cluster);
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
  }
}
