import { randomBytes } from 'node:crypto';
import type {
  AdministeredFleet,
  ClusterDescription,
} from '../admin/AdministeredFleet';
import { AdminServer } from '../admin/AdminServer';
import { RequestCounters } from '../admin/counters';
import { FaultInjector } from '../admin/faults';
import { ApiServer } from '../api/ApiServer';
import { WatchOptions } from '../api/handlers/watch';
import {
  readCatalogServices,
  ServiceSeed,
  syntheticServices,
} from '../seed/catalog';
import { seedCluster } from '../seed/seedCluster';
import { DEFAULT_DR_TIMINGS, DrTimings } from '../sim/drObjects';
import { KINDS } from '../sim/objects';
import { LocalImages } from '../sim/localImages';
import {
  DEFAULT_SIMULATION,
  Simulation,
  SimulationOptions,
} from '../sim/Simulation';
import { Clock, systemClock } from '../store/types';
import { acceleratedClock } from './acceleratedClock';
import { Cluster, ClusterSpec } from './Cluster';
import { DEFAULT_ADMIN_PORT, DEFAULT_CLUSTERS, DEFAULT_SEED } from './defaults';
import {
  catalogClusterEntitiesYaml,
  kubeconfigYaml,
  PortalConfigOptions,
  portalConfigYaml,
} from './kubeconfig';
import { createFleetTls, FleetTls } from './tls';

export interface FleetOptions {
  clusters?: ClusterSpec[];
  /** Folder of catalog YAML files whose Components the fleet runs. */
  catalogDir?: string;
  /** Instead of (or besides) the catalog: this many uniform services, for benchmarks. */
  syntheticServices?: number;
  seed?: number;
  /** 0 picks a free port. */
  adminPort?: number;
  simulation?: Partial<SimulationOptions>;
  watch?: Partial<WatchOptions>;
  clock?: Clock;
  /**
   * How many times faster than real time the fleet's time passes (default 1), for tests
   * whose actions wait on the fleet's controllers: Job deadlines, rollout progress
   * deadlines, HPA windows and CronJob schedules come that much sooner. Ignored with
   * `clock`.
   */
  timeScale?: number;
  /** Whether controllers run on a timer; tests may step them with tick(). */
  autoTick?: boolean;
  /** Which services run in which cluster, besides what their tier says; default all. */
  place?: (service: ServiceSeed, clusterIndex: number) => boolean;
  /** Images whose Job pods run as local processes (see sim/localImages.ts). */
  localImages?: LocalImages;
  /** How long database promotion, set-up, catch-up and DNS sync take; tests shorten them. */
  dr?: Partial<DrTimings>;
}

export interface FleetMember {
  cluster: Cluster;
  server: ApiServer;
  simulation: Simulation;
}

/** The sandbox fleet: simulated clusters, each with an API server, plus the admin API. */
export class Fleet implements AdministeredFleet {
  readonly faults = new FaultInjector();
  readonly counters = new RequestCounters();
  private readonly members = new Map<string, FleetMember>();
  private readonly admin = new AdminServer(this);
  readonly tls: FleetTls = createFleetTls();

  static async start(options: FleetOptions = {}): Promise<Fleet> {
    const fleet = new Fleet();
    const clock =
      options.clock ??
      (options.timeScale && options.timeScale !== 1
        ? acceleratedClock(options.timeScale)
        : systemClock);
    const services: ServiceSeed[] = [
      ...(options.catalogDir ? readCatalogServices(options.catalogDir) : []),
      ...(options.syntheticServices
        ? syntheticServices(options.syntheticServices)
        : []),
    ];
    const simulation: SimulationOptions = {
      ...DEFAULT_SIMULATION,
      ...options.simulation,
      load: { ...DEFAULT_SIMULATION.load, ...options.simulation?.load },
    };
    const watch: WatchOptions = {
      bookmarkIntervalMs: 10_000,
      defaultTimeoutSeconds: 1800,
      ...options.watch,
    };
    const seed = options.seed ?? DEFAULT_SEED;
    const specs = options.clusters ?? DEFAULT_CLUSTERS;
    const drTimings: DrTimings = { ...DEFAULT_DR_TIMINGS, ...options.dr };

    try {
      for (const [index, spec] of specs.entries()) {
        const cluster = new Cluster(
          spec,
          randomBytes(24).toString('base64url'),
          seed + index,
          clock,
        );
        seedCluster(
          cluster,
          options.place
            ? services.filter(s => options.place!(s, index))
            : services,
          clock.now(),
          specs,
        );
        const server = new ApiServer(
          cluster,
          fleet.faults,
          fleet.counters,
          watch,
          fleet.tls,
        );
        await server.start();
        const member = {
          cluster,
          server,
          simulation: new Simulation(cluster, simulation, options.localImages, {
            timings: drTimings,
            peers: () => fleet.peersOf(cluster),
          }),
        };
        fleet.members.set(spec.name, member);
        if (options.autoTick !== false) member.simulation.start();
      }
      await fleet.admin.start(options.adminPort ?? DEFAULT_ADMIN_PORT);
    } catch (error) {
      await fleet.stop();
      throw error;
    }
    return fleet;
  }

  get adminUrl(): string {
    return this.admin.url;
  }

  member(name: string): FleetMember | undefined {
    return this.members.get(name);
  }

  clusterNames(): string[] {
    return [...this.members.keys()];
  }

  /** The other clusters of a cluster's environment (its DR or primary counterpart). */
  peersOf(cluster: Cluster): Cluster[] {
    return [...this.members.values()]
      .map(member => member.cluster)
      .filter(
        other =>
          other !== cluster &&
          other.spec.environment === cluster.spec.environment,
      );
  }

  /** Runs every cluster's controllers once. */
  tick(): void {
    for (const member of this.members.values()) member.simulation.tick();
  }

  describe(): ClusterDescription[] {
    return [...this.members.values()].map(({ cluster, server }) => ({
      name: cluster.name,
      url: server.url,
      environment: cluster.spec.environment,
      region: cluster.spec.region,
      role: cluster.spec.role,
      up: server.isUp,
      objects: {
        deployments: cluster.store.count(KINDS.deployment),
        pods: cluster.store.count(KINDS.pod),
      },
    }));
  }

  private endpoints() {
    return [...this.members.values()].map(({ cluster, server }) => ({
      name: cluster.name,
      url: server.url,
      token: cluster.token,
      environment: cluster.spec.environment,
      region: cluster.spec.region,
      role: cluster.spec.role,
    }));
  }

  kubeconfig(): string {
    return kubeconfigYaml(this.endpoints(), this.tls.caPem);
  }

  /** app-config for the portal; see PortalConfigOptions for catalog-located clusters. */
  portalConfig(options: PortalConfigOptions = {}): string {
    this.checkCatalogLocated(options.catalogLocated ?? []);
    return portalConfigYaml(this.endpoints(), this.tls.caPem, options);
  }

  /** The catalog file of the clusters `portalConfig({ catalogLocated })` leaves to the catalog. */
  catalogClusterEntities(names: string[]): string {
    this.checkCatalogLocated(names);
    return catalogClusterEntitiesYaml(
      this.endpoints().filter(c => names.includes(c.name)),
      this.tls.caPem,
    );
  }

  /** A catalog-located cluster is read without a token, so it must answer anonymous reads. */
  private checkCatalogLocated(names: string[]) {
    for (const name of names) {
      const member = this.members.get(name);
      if (!member)
        throw new Error(`${name} is not a cluster of the sandbox fleet`);
      if (!member.cluster.spec.anonymousReads)
        throw new Error(
          `${name} cannot be catalog-located: it does not answer anonymous reads (anonymousReads)`,
        );
    }
  }

  async stop(): Promise<void> {
    for (const member of this.members.values()) {
      member.simulation.stop();
      await member.server.stop();
    }
    await this.admin.stop();
  }
}
