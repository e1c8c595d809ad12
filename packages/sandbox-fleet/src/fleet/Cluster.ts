import { ObjectStore } from '../store/ObjectStore';
import { Clock, systemClock } from '../store/types';
import { SeededRandom } from '../sim/random';
import type { UsageScrape } from '../sim/scrapedUsage';

/** Where a simulated cluster sits in the fleet. */
export interface ClusterSpec {
  name: string;
  environment: string;
  region: string;
  role: 'primary' | 'dr';
  /** Loopback port of its API server; 0 picks a free one. */
  port: number;
  /**
   * Answers requests without credentials as `system:anonymous` with read-only access, like
   * kube-apiserver with `--anonymous-auth` and RBAC granting that user get, list and watch:
   * for a cluster the portal reads without a token (a catalog-located one). Default off.
   */
  anonymousReads?: boolean;
}

/** One simulated cluster: its objects, container logs, token and randomness. */
export class Cluster {
  readonly store: ObjectStore;
  /** Container logs by pod uid, served by the pods/log subresource. */
  readonly logs = new Map<string, string[]>();
  /** The kubelets' latest usage, served as metrics.k8s.io; none before the first scrape. */
  usage?: UsageScrape;
  readonly random: SeededRandom;

  constructor(
    readonly spec: ClusterSpec,
    readonly token: string,
    seed: number,
    readonly clock: Clock = systemClock,
  ) {
    this.random = new SeededRandom(seed);
    this.store = new ObjectStore({ clock, nextUid: () => this.random.uuid() });
  }

  get name(): string {
    return this.spec.name;
  }

  appendLog(podUid: string, line: string): void {
    const lines = this.logs.get(podUid) ?? [];
    lines.push(`${new Date(this.clock.now()).toISOString()} ${line}`);
    if (lines.length > 1000) lines.splice(0, lines.length - 1000);
    this.logs.set(podUid, lines);
  }
}
