import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ClusterSnapshot,
  CompactAnalysisRun,
  LABEL_KUBERNETES_ID,
  ServiceWorkloads,
  WorkloadSelector,
  workloadLabelSelector,
} from '@internal/backstage-plugin-delivery-common';
import {
  ClusterConnection,
  kubeConfigFor,
} from '@internal/backstage-plugin-delivery-node';
import {
  CachedDeployment,
  compactCronJob,
  compactDeployment,
  CompactCronJob,
  compactHpa,
  CompactPdb,
  compactPdb,
  compactPod,
  compactReplicaSet,
  zoneOfNode,
} from './compact';
import { AnalysisRunIndex } from './AnalysisRunIndex';
import { compactRollout } from './compactArgo';
import {
  KindWatcher,
  KindWatcherHandlers,
  OPTIONAL_KINDS,
  WATCHED_KINDS,
  WatchedKind,
} from './KindWatcher';
import { StringPool } from './StringPool';
import { VeleroBackups, VeleroReading } from './VeleroBackups';

/** How an entity names its workloads (see readDeliveryDescriptor). */
export type { WorkloadSelector };

/**
 * What moved in the cache, as its listeners are told: the cluster, and the service ids
 * (kubernetes-id label values, or followed label selectors) whose rows changed. An empty
 * list means only the cluster's own state moved (sync state, nodes, Velero); undefined,
 * that any of its services may have (a cluster added or removed, AnalysisRuns moved).
 */
export interface CacheChange {
  cluster: string;
  services?: string[];
}

/** Told of each change, synchronously: keep it cheap (note it, act later). */
export type CacheChangeListener = (change: CacheChange) => void;

/** How a cluster's state reports a change: see {@link CacheChange}'s `services`. */
type ChangedServices = (services?: string[]) => void;

/**
 * Everything the cache holds for one service in one cluster: what the rollout derivation
 * reads, plus what the DR readiness checks read (the Deployments' probes and spread rules,
 * PodDisruptionBudgets, CronJobs). An Argo Rollout is among `deployments`, with `argo`
 * set: it is the service's workload wherever a Deployment would be.
 */
export interface CachedWorkloads extends ServiceWorkloads {
  deployments: CachedDeployment[];
  analysisRuns: CompactAnalysisRun[];
  pdbs: CompactPdb[];
  cronJobs: CompactCronJob[];
}

const noWorkloads = (): CachedWorkloads => ({
  deployments: [],
  replicaSets: [],
  pods: [],
  hpas: [],
  pdbs: [],
  cronJobs: [],
  analysisRuns: [],
});

/**
 * What a service has in a cluster it does not run in: one shared, frozen value. A pass over
 * the catalog (the overview, DR readiness, cost) asks every cluster for every service, and
 * most services run in a few of them, so most answers are this one.
 */
const NO_WORKLOADS: CachedWorkloads = Object.freeze({
  deployments: Object.freeze([]),
  replicaSets: Object.freeze([]),
  pods: Object.freeze([]),
  hpas: Object.freeze([]),
  pdbs: Object.freeze([]),
  cronJobs: Object.freeze([]),
  analysisRuns: Object.freeze([]),
}) as unknown as CachedWorkloads;

const COMPACT = {
  deployments: compactDeployment,
  replicasets: compactReplicaSet,
  pods: compactPod,
  horizontalpodautoscalers: compactHpa,
  poddisruptionbudgets: compactPdb,
  cronjobs: compactCronJob,
  rollouts: compactRollout,
} as const;

const FIELD: Record<WatchedKind, keyof CachedWorkloads> = {
  deployments: 'deployments',
  replicasets: 'replicaSets',
  pods: 'pods',
  horizontalpodautoscalers: 'hpas',
  poddisruptionbudgets: 'pdbs',
  cronjobs: 'cronJobs',
  rollouts: 'deployments',
};

type Row = { name: string; service?: string };

const ROLLOUT_POD_HASH = 'rollouts-pod-template-hash';

/** Below this many rows, a service's list of a kind is kept at its exact length. */
const EXACT_ROWS = 16;

/**
 * `rows` with `row` added. Pushing onto a small array makes room for 16 more rows: across
 * thousands of services, each with a handful of ReplicaSets and Pods per cluster, that
 * spare room weighed more than the rows' own index. Short lists are copied at their exact
 * length instead (a handful of pointers); long ones, such as a label selector's, grow in place.
 */
function withRow(rows: Row[] | undefined, row: Row): Row[] {
  if (!rows) return [row];
  if (rows.length >= EXACT_ROWS) {
    rows.push(row);
    return rows;
  }
  return rows.concat(row);
}

function partition<T>(items: T[], keep: (item: T) => boolean): [T[], T[]] {
  return [items.filter(keep), items.filter(item => !keep(item))];
}

/**
 * One kind's rows in one cluster. Rows are found by namespace and name (the name key is the
 * row's own string, so the index costs no extra strings) and listed by service id; each
 * row carries its service id so a relabelled object leaves its old service.
 */
interface KindState {
  byName: Map<string, Map<string, Row>>;
  byService: Map<string, Row[]>;
  synced: boolean;
  error?: string;
  syncedAt?: number;
}

const emptyKind = (): KindState => ({
  byName: new Map(),
  byService: new Map(),
  synced: false,
});

/** Where a watched object is indexed: its service id, or undefined to skip it. */
type IndexBy = (object: any) => string | undefined;

const byServiceLabel: IndexBy = object =>
  object.metadata?.labels?.[LABEL_KUBERNETES_ID];

/**
 * One cluster's compact rows of every watched kind, indexed by service id: the objects
 * labelled with a kubernetes-id, or those matching one entity's label selector.
 */
class ClusterState {
  readonly kinds = new Map<WatchedKind, KindState>();
  watchers: KindWatcher[] = [];
  /**
   * Node name to zone, once the cluster's Nodes were listed; undefined before (or when
   * this state does not read Nodes: the per-selector states share their cluster's).
   */
  zones?: Map<string, string>;
  /**
   * Velero's Backups and Schedules, read where this state reads Nodes (once per cluster):
   * they cover namespaces, not one service. Apart from `kinds`, so a cluster without
   * Velero is not a stale one.
   */
  readonly velero?: VeleroBackups;
  /** Optional kinds the cluster answered 404 for at the last list. */
  readonly notServed = new Set<WatchedKind>();
  /** Whether every kind's first list is done (succeeded or failed). */
  listed = false;

  constructor(
    readonly connection: ClusterConnection,
    private readonly onChange: ChangedServices,
    private readonly pool: StringPool,
    private readonly labelSelector = LABEL_KUBERNETES_ID,
    private readonly indexBy: IndexBy = byServiceLabel,
    private readonly readNodes = false,
    /**
     * The cluster's AnalysisRuns. The cluster-wide state reads them (with the Nodes); the
     * per-selector states share their cluster's.
     */
    // Runs are found by the Rollout's uid, not by service: any Argo service may have moved.
    readonly analysisRuns = new AnalysisRunIndex(pool, () => onChange()),
    /**
     * Whether to watch an optional kind: a per-selector state skips one its cluster-wide
     * state found not served, so hundreds of selectors do not each ask a cluster without
     * Argo for Rollouts every 30 s.
     */
    private readonly watchOptional: (kind: WatchedKind) => boolean = () => true,
  ) {
    for (const kind of Object.keys(WATCHED_KINDS) as WatchedKind[]) {
      this.kinds.set(kind, emptyKind());
    }
    // Backups cover namespaces and only DR readiness reads them: no service's rows moved.
    if (readNodes) this.velero = new VeleroBackups(pool, () => onChange([]));
  }

  handlers(kind: WatchedKind): KindWatcherHandlers {
    const state = this.kinds.get(kind)!;
    /** Removes a row; answers the service it was indexed under, if there was one. */
    const remove = (namespace: string, name: string): string | undefined => {
      const names = state.byName.get(namespace);
      const old = names?.get(name);
      if (!names || !old) return undefined;
      names.delete(name);
      if (!names.size) state.byName.delete(namespace);
      const rows = state.byService.get(old.service!);
      if (!rows) return old.service;
      // A service has a handful of rows of a kind: an array is smaller than a Set.
      rows.splice(rows.indexOf(old), 1);
      if (!rows.length) state.byService.delete(old.service!);
      return old.service;
    };
    /** Upserts a row; answers the services it left and joined (one, unless relabelled). */
    const upsert = (object: any): string[] => {
      const namespace = object.metadata?.namespace ?? '';
      const service = this.indexBy(object);
      const left = remove(namespace, object.metadata?.name ?? '');
      const moved = left !== undefined && left !== service ? [left] : [];
      if (!service) return moved;
      const id = this.pool.intern(service as string);
      const row: Row = COMPACT[kind](object, this.pool, id);
      let names = state.byName.get(namespace);
      if (!names) state.byName.set(namespace, (names = new Map()));
      names.set(row.name, row);
      state.byService.set(id, withRow(state.byService.get(id), row));
      return [...moved, id];
    };
    const handlers: KindWatcherHandlers = {
      reset: (objects: any[]) => {
        this.notServed.delete(kind);
        // The services the kind had and has: a relist touches them all, no others.
        const touched = new Set(state.byService.keys());
        state.byName.clear();
        state.byService.clear();
        objects.forEach(object =>
          upsert(object).forEach(id => touched.add(id)),
        );
        this.onChange([...touched]);
      },
      upsert: (object: any) => {
        this.onChange(upsert(object));
      },
      remove: (object: any) => {
        const left = remove(
          object.metadata?.namespace ?? '',
          object.metadata?.name ?? '',
        );
        this.onChange(left === undefined ? [] : [left]);
      },
      synced: () => {
        const changed = !state.synced || state.error;
        state.synced = true;
        state.error = undefined;
        state.syncedAt = Date.now();
        if (changed) this.onChange([]);
      },
      failed: (error: Error) => {
        state.error = error.message;
        this.onChange([]);
      },
    };
    if (!OPTIONAL_KINDS.has(kind)) return handlers;
    // A cluster without the add-on has none of its objects, and is as in sync as any.
    return {
      ...handlers,
      notServed: () => {
        this.notServed.add(kind);
        const had = [...state.byService.keys()];
        state.byName.clear();
        state.byService.clear();
        if (had.length) this.onChange(had);
        handlers.synced();
      },
    };
  }

  /**
   * Node name to zone. Nodes change rarely but their status often (heartbeats), so only a
   * changed zone counts as a change of the cache.
   */
  nodeHandlers() {
    // A fresh list is published on synced(), so readers never see it half-filled.
    let listed: Map<string, string> | undefined;
    let changed = false;
    const zoneOf = (object: any) => zoneOfNode(object, this.pool);
    const sameAsPublished = (next: Map<string, string>) =>
      this.zones !== undefined &&
      this.zones.size === next.size &&
      [...next].every(([name, zone]) => this.zones!.get(name) === zone);
    return {
      reset: (objects: any[]) => {
        const next = new Map<string, string>();
        for (const object of objects) {
          const zone = zoneOf(object);
          if (zone && object.metadata?.name)
            next.set(this.pool.intern(object.metadata.name as string), zone);
        }
        changed = changed || !sameAsPublished(next);
        listed = next;
      },
      upsert: (object: any) => {
        const name = object.metadata?.name;
        if (!this.zones || !name) return;
        const zone = zoneOf(object);
        if (this.zones.get(name) === zone) return;
        if (zone) this.zones.set(this.pool.intern(name as string), zone);
        else this.zones.delete(name);
        changed = true;
      },
      remove: (object: any) => {
        if (this.zones?.delete(object.metadata?.name ?? '')) changed = true;
      },
      synced: () => {
        if (listed) {
          this.zones = listed;
          listed = undefined;
        }
        if (changed) {
          changed = false;
          // Zones feed DR readiness only: no service's rows moved.
          this.onChange([]);
        }
      },
      // The last known zones stay: nodes rarely move between zones.
      failed: () => {},
    };
  }

  /** Opens one list and watch per kind; resolves once every first list is done. */
  start(logger: LoggerService, minBackoffMs?: number): Promise<void> {
    if (this.connection.unreadable) {
      // Said once where the cluster was located; retrying could never succeed.
      for (const state of this.kinds.values())
        state.error = this.connection.unreadable;
      this.listed = true;
      this.onChange([]);
      return Promise.resolve();
    }
    const kc = kubeConfigFor(this.connection);
    const [watched, skipped] = partition(
      Object.keys(WATCHED_KINDS) as WatchedKind[],
      kind => !OPTIONAL_KINDS.has(kind) || this.watchOptional(kind),
    );
    // A kind not watched holds nothing, and is in sync.
    skipped.forEach(kind => this.handlers(kind).synced());
    this.watchers = watched.map(
      kind =>
        new KindWatcher(
          kc,
          kind,
          this.handlers(kind),
          logger,
          minBackoffMs,
          this.labelSelector,
        ),
    );
    if (this.readNodes) {
      this.watchers.push(
        new KindWatcher(
          kc,
          'nodes',
          this.nodeHandlers(),
          logger,
          minBackoffMs,
          '',
        ),
        // Every run a Rollout started carries its pod-template hash label.
        new KindWatcher(
          kc,
          'analysisruns',
          this.analysisRuns.handlers(),
          logger,
          minBackoffMs,
          ROLLOUT_POD_HASH,
        ),
      );
    }
    return Promise.all([
      ...this.watchers.map(w => w.start()),
      this.velero?.start(kc, logger, minBackoffMs),
    ]).then(() => {
      this.listed = true;
      // The cluster as a whole moved: readers that waited for its first lists go on.
      this.onChange([]);
    });
  }

  stop(): void {
    this.watchers.forEach(w => w.stop());
    this.velero?.stop();
  }

  rowCount(): number {
    let count =
      (this.velero?.rowCount() ?? 0) +
      (this.readNodes ? this.analysisRuns.size : 0);
    for (const state of this.kinds.values())
      for (const rows of state.byService.values()) count += rows.length;
    return count;
  }

  /** The service's rows; callers read them and never change them (they are the cache's). */
  workloads(service: string): CachedWorkloads {
    let out: CachedWorkloads | undefined;
    for (const [kind, state] of this.kinds) {
      const rows = state.byService.get(service);
      if (!rows) continue;
      out ??= noWorkloads();
      for (const row of rows) (out[FIELD[kind]] as Row[]).push(row);
    }
    if (!out) return NO_WORKLOADS;
    const rollouts = out.deployments.filter(d => d.argo).map(d => d.uid);
    if (rollouts.length) out.analysisRuns = this.analysisRuns.of(rollouts);
    return out;
  }

  services(): Set<string> {
    const ids = new Set<string>();
    for (const state of this.kinds.values())
      for (const id of state.byService.keys()) ids.add(id);
    return ids;
  }

  snapshot(): ClusterSnapshot {
    const states = [...this.kinds.values()];
    const error = states.find(s => s.error)?.error;
    const everSynced = states.every(s => s.syncedAt !== undefined);
    let state: ClusterSnapshot['state'] = 'ok';
    if (!everSynced) state = 'unreachable';
    else if (error) state = 'stale';
    const syncedAt = everSynced
      ? Math.min(...states.map(s => s.syncedAt!))
      : undefined;
    const { name, environment, region, role, sandbox } = this.connection;
    return {
      name,
      environment,
      region,
      role,
      sandbox,
      state,
      syncedAt: syncedAt ? new Date(syncedAt).toISOString() : undefined,
      error,
    };
  }
}

/**
 * The Delivery cluster cache: per cluster and kind one list, then one watch, holding compact
 * rows indexed by service id. Page views read from here and never reach the clusters.
 * `version` changes on every change, so readers can tell whether anything moved.
 */
export class ClusterCache {
  private readonly clusters: ClusterState[];
  private changeCount = 0;
  private stopped = false;
  private listed = false;
  /** Shared by every cluster's rows: the same image or namespace is held once. */
  private readonly pool = new StringPool();
  private readonly listeners = new Set<CacheChangeListener>();
  /** How a state of the named cluster reports its changes. */
  private readonly changedIn =
    (cluster: string): ChangedServices =>
    services => {
      this.changeCount++;
      for (const listener of this.listeners) listener({ cluster, services });
    };
  /** Per label selector of a catalog entity, its own list and watch in every cluster. */
  private readonly selected = new Map<string, ClusterState[]>();

  constructor(
    connections: ClusterConnection[],
    private readonly logger: LoggerService,
    private readonly options: {
      startConcurrency?: number;
      minBackoffMs?: number;
      /** How many entity label selectors the cache follows at most. */
      maxSelectors?: number;
    } = {},
  ) {
    this.clusters = connections.map(
      c =>
        new ClusterState(
          c,
          this.changedIn(c.name),
          this.pool,
          LABEL_KUBERNETES_ID,
          byServiceLabel,
          true,
        ),
    );
  }

  get version(): number {
    return this.changeCount;
  }

  /**
   * Tells `listener` of every change from now on, with where it happened (see
   * {@link CacheChange}); returns how to stop.
   */
  onChange(listener: CacheChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Starts every watcher, a few clusters at a time so a large fleet does not open every
   * list at once; resolves when each first list has succeeded or failed.
   */
  async start(): Promise<void> {
    const queue = [...this.clusters];
    const concurrency = this.options.startConcurrency ?? 4;
    const worker = async () => {
      for (let cluster = queue.shift(); cluster; cluster = queue.shift()) {
        await cluster.start(this.logger, this.options.minBackoffMs);
      }
    };
    try {
      await Promise.all(Array.from({ length: concurrency }, worker));
    } finally {
      this.listed = true;
    }
  }

  /**
   * Whether every cluster's first lists are done (succeeded or failed). Until then each
   * cluster's arrival moves every service it runs, so passes over the whole catalog that
   * can wait (DR readiness of moved services) wait for this rather than repeat.
   */
  get firstListsDone(): boolean {
    return this.listed;
  }

  stop(): void {
    this.stopped = true;
    for (const cluster of this.clusters) cluster.stop();
    for (const states of this.selected.values())
      states.forEach(state => state.stop());
  }

  /**
   * Starts following the objects of one entity's `backstage.io/kubernetes-label-selector`
   * (as upstream reads it) in every cluster, once; later calls are free. Returns false when
   * the selector cannot be followed: the cache is stopped or already follows
   * `maxSelectors` of them, so one odd catalog cannot open unbounded watches.
   */
  followSelector(selector: string): boolean {
    if (this.selected.has(selector)) return true;
    if (this.stopped) return false;
    if (this.selected.size >= (this.options.maxSelectors ?? 200)) {
      this.logger.warn(
        `Delivery cache: not following label selector "${selector}": already following ${this.selected.size}`,
      );
      return false;
    }
    const states = this.clusters.map(
      cluster =>
        new ClusterState(
          cluster.connection,
          this.changedIn(cluster.connection.name),
          this.pool,
          selector,
          () => selector,
          false,
          cluster.analysisRuns,
          kind => !cluster.notServed.has(kind),
        ),
    );
    this.selected.set(selector, states);
    for (const state of states)
      void state.start(this.logger, this.options.minBackoffMs);
    return true;
  }

  /**
   * Starts caching a cluster located after start-up (from the catalog); resolves when its
   * first lists are done. A cluster of a name already cached is replaced.
   */
  async addCluster(connection: ClusterConnection): Promise<void> {
    if (this.stopped) return;
    this.removeCluster(connection.name);
    const changed = this.changedIn(connection.name);
    const cluster = new ClusterState(
      connection,
      changed,
      this.pool,
      LABEL_KUBERNETES_ID,
      byServiceLabel,
      true,
    );
    this.clusters.push(cluster);
    // Followed selectors keep one state per cluster, in the same order as `clusters`.
    const started = [cluster.start(this.logger, this.options.minBackoffMs)];
    for (const [selector, states] of this.selected) {
      const state = new ClusterState(
        connection,
        changed,
        this.pool,
        selector,
        () => selector,
      );
      states.push(state);
      started.push(state.start(this.logger, this.options.minBackoffMs));
    }
    changed();
    await Promise.all(started);
  }

  /** Stops caching a cluster that is no longer located; its rows go with it. */
  removeCluster(name: string): void {
    const index = this.clusters.findIndex(c => c.connection.name === name);
    if (index < 0) return;
    this.clusters[index].stop();
    this.clusters.splice(index, 1);
    for (const states of this.selected.values()) {
      states[index]?.stop();
      states.splice(index, 1);
    }
    this.changedIn(name)();
  }

  /** How many compact rows the cache holds across all clusters and kinds. */
  objectCount(): number {
    let count = 0;
    for (const cluster of this.clusters) count += cluster.rowCount();
    for (const states of this.selected.values())
      for (const state of states) count += state.rowCount();
    return count;
  }

  snapshots(): ClusterSnapshot[] {
    return this.clusters.map(c => c.snapshot());
  }

  /**
   * Whether the named cluster's first lists (every kind) are done, succeeded or failed;
   * told as a change of the cluster when they are. Until then its rows arrive kind by
   * kind, and a reader deriving from them would derive each service once per kind.
   */
  clusterListed(cluster: string): boolean {
    return (
      this.clusters.find(c => c.connection.name === cluster)?.listed ?? false
    );
  }

  /** Every service id seen in any cluster. */
  services(): Set<string> {
    const ids = new Set<string>();
    for (const cluster of this.clusters)
      for (const id of cluster.services()) ids.add(id);
    return ids;
  }

  /** The workloads labelled with one kubernetes-id in one cluster. */
  workloads(cluster: string, service: string): CachedWorkloads | undefined {
    return this.clusters
      .find(c => c.connection.name === cluster)
      ?.workloads(service);
  }

  /**
   * The workloads of an entity in one cluster, however it names them: by kubernetes-id, or
   * by label selector (followed from the first call on, so the first answer may be empty).
   */
  workloadsOf(cluster: string, selector: WorkloadSelector): CachedWorkloads {
    if ('kubernetesId' in selector)
      return this.workloads(cluster, selector.kubernetesId) ?? NO_WORKLOADS;
    // The same selector string the actions write with, so both find the same objects.
    const key = workloadLabelSelector(selector)!;
    if (!this.followSelector(key)) return NO_WORKLOADS;
    const index = this.clusters.findIndex(c => c.connection.name === cluster);
    return this.selected.get(key)![index]?.workloads(key) ?? NO_WORKLOADS;
  }

  /**
   * Velero in one cluster: not served, unknown, or its Backups by the namespace they
   * cover. Undefined for a cluster the cache does not know.
   */
  veleroBackups(cluster: string): VeleroReading | undefined {
    return this.clusters
      .find(c => c.connection.name === cluster)
      ?.velero?.reading();
  }

  /**
   * Node name to zone in one cluster; undefined until its Nodes were listed (or when the
   * backend may not list them), so a pod's zone is never guessed.
   */
  nodeZones(cluster: string): ReadonlyMap<string, string> | undefined {
    return this.clusters.find(c => c.connection.name === cluster)?.zones;
  }
}
