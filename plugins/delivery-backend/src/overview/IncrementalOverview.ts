import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ClusterSnapshot,
  OverviewCost,
} from '@internal/backstage-plugin-delivery-common';
import { isDeepStrictEqual } from 'node:util';
import { CacheChange, ClusterCache } from '../cache/ClusterCache';
import { listDeliveryEntities } from '../catalog/deliveryEntities';
import type { OverviewCosts } from '../cost/OverviewCosts';
import type { DrReadinessService, OverviewDr } from '../dr/DrReadinessService';
import { assembleOverview, OverviewAtRevision } from './assembleOverview';
import { FollowedEntities } from './FollowedEntities';
import {
  DEFAULT_OVERVIEW_TIMINGS,
  IncrementalOverviewTimings,
} from './overviewTimings';
import { OverviewRecords } from './OverviewRecords';
import { RolloutMarks } from './RolloutMarks';
import {
  overviewEntityOf,
  OverviewSubject,
  overviewSubjectOf,
  placementIn,
  placementsFrom,
  ServicePlacement,
} from './serviceOverview';

/**
 * The catalog-wide overview, kept up to date by change rather than rebuilt: the cache says
 * which cluster and which services' workloads moved, and only the entities following those
 * are derived again (through an index from cache key to entity refs); a catalog refresh
 * derives only the entities that were added or changed; a DR and cost refresh replaces
 * only the values that moved. Each change is one revision of {@link OverviewRecords}, so
 * callers can ask for what changed since theirs. Work per change is proportional to the
 * change, not to the catalog.
 */
export class IncrementalOverview {
  readonly records = new OverviewRecords();
  private clusters: ClusterSnapshot[] = [];
  private readonly followed = new FollowedEntities();
  private readonly marks = new RolloutMarks();
  /** Per entity, the clusters (by index) whose rollout to derive again; 'all' for every one. */
  private readonly dirty = new Map<string, Set<number> | 'all'>();
  /** Each entity's rollout per cluster (by index), null where nothing of it runs. */
  private readonly cells = new Map<string, (ServicePlacement | null)[]>();
  private clusterIndex = new Map<string, number>();
  /** Entities whose workloads moved since their DR readiness was last derived. */
  private readonly drDirty = new Set<string>();
  private clustersMoved = false;
  private costVersion = -1;

  private built?: Promise<void>;
  private debounce?: NodeJS.Timeout;
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe?: () => void;
  /**
   * Catalog, DR and cost passes one at a time; each reads first and applies its results
   * at once (synchronously) after, so changes from the clusters can be applied between.
   */
  private running: Promise<void> = Promise.resolve();
  private document?: OverviewAtRevision;
  private readonly listeners = new Set<(revision: number) => void>();

  constructor(
    private readonly deps: {
      auth: AuthService;
      catalog: CatalogService;
      logger: LoggerService;
      cache?: ClusterCache;
      dr?: DrReadinessService;
      cost?: OverviewCosts;
    },
    private readonly timings: IncrementalOverviewTimings = DEFAULT_OVERVIEW_TIMINGS,
  ) {}

  /**
   * Builds the overview once (on first call; again after a failure) and from then on
   * follows the cache, the catalog, DR readiness and cost. Resolves when the overview is
   * complete.
   */
  ready(): Promise<void> {
    if (!this.built) {
      this.built = this.serialized(() => this.buildAll()).then(
        () => this.follow(),
        error => {
          this.built = undefined;
          throw error;
        },
      );
    }
    return this.built;
  }

  stop(): void {
    this.unsubscribe?.();
    this.timers.forEach(clearInterval);
    this.timers = [];
    clearTimeout(this.debounce);
  }

  /** Called with the new revision whenever the overview changed. */
  onRevision(listener: (revision: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get revision(): number {
    return this.records.revision;
  }

  get currentClusters(): ClusterSnapshot[] {
    return this.clusters;
  }

  /**
   * The whole overview at the current revision, assembled once per revision (and only
   * when asked: a change nobody reads the whole document for costs only its services).
   */
  wholeOverview(): OverviewAtRevision {
    const revision = this.records.revision;
    if (this.document?.revision === revision) return this.document;
    this.document = assembleOverview(revision, this.clusters, this.records);
    return this.document;
  }

  private follow() {
    const { cache } = this.deps;
    if (cache) this.unsubscribe = cache.onChange(change => this.noted(change));
    const every = (ms: number, task: () => Promise<void>) => {
      // A pass still queued or running is not queued again.
      let queued = false;
      const timer = setInterval(() => {
        if (queued) return;
        queued = true;
        this.serialized(task)
          .catch(error =>
            this.deps.logger.warn(
              `Delivery overview: could not be brought up to date: ${error}`,
            ),
          )
          .finally(() => {
            queued = false;
          });
      }, ms);
      // Timers must not keep a stopping backend (or a test) alive.
      timer.unref();
      this.timers.push(timer);
    };
    every(this.timings.catalogRefreshMs, () => this.refreshCatalog());
    if (this.deps.dr || this.deps.cost)
      every(this.timings.drRefreshMs, () => this.refreshDrAndCost());
    every(this.timings.movedDrMs, () => this.refreshMovedDr());
    every(this.timings.unsettledRefreshMs, async () => {
      const unsettled = this.marks.unsettled();
      for (const ref of unsettled) this.dirty.set(ref, 'all');
      if (unsettled.size) this.schedule();
    });
    // Changes noted while the first build ran.
    this.schedule();
  }

  /** Notes where the cache changed; the overview catches up after `debounceMs`. */
  private noted({ cluster, services }: CacheChange) {
    if (services === undefined) {
      // A cluster came or went (the clusters are compared anyway), or its AnalysisRuns
      // moved: those belong to the services an Argo Rollout runs there.
      for (const ref of this.marks.argoServicesIn(cluster))
        this.dirtyIn(ref, cluster);
      this.clustersMoved = true;
    } else if (services.length === 0) {
      this.clustersMoved = true;
    }
    for (const key of services ?? []) {
      for (const ref of this.followed.refsOf(key)) this.dirtyIn(ref, cluster);
    }
    this.schedule();
  }

  private dirtyIn(ref: string, cluster: string) {
    const index = this.clusterIndex.get(cluster);
    const held = this.dirty.get(ref);
    // A cluster not known yet: the clusters are compared at catch-up, and replaced.
    if (index === undefined || held === 'all') return;
    if (held) held.add(index);
    else this.dirty.set(ref, new Set([index]));
  }

  private schedule() {
    if (this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      // Not queued behind DR and cost passes (which read first and apply at once after):
      // a rollout's change shows within the debounce however busy those are.
      try {
        this.catchUp();
      } catch (error) {
        this.deps.logger.warn(
          `Delivery overview: changes from the clusters could not be applied: ${error}`,
        );
      }
    }, this.timings.debounceMs);
    this.debounce.unref();
  }

  private serialized(task: () => Promise<void>): Promise<void> {
    const next = this.running.then(task);
    this.running = next.catch(() => {});
    return next;
  }

  /** Everything from the catalog, the cache, DR readiness and cost: the first revision. */
  private async buildAll(): Promise<void> {
    const entities = await listDeliveryEntities(
      this.deps.catalog,
      this.deps.auth,
    );
    for (const entity of entities) {
      const subject = overviewSubjectOf(entity);
      if (subject) this.followEntity(subject, entity);
    }
    this.setClusters(this.deps.cache?.snapshots() ?? []);
    const subjects = this.followed.subjects();
    const { dr, cost } = await this.drAndCost(subjects);
    for (const subject of subjects) {
      this.derive(
        subject,
        dr?.get(subject.entityRef),
        cost?.get(subject.entityRef),
      );
    }
    this.dirty.clear();
    this.commit(true);
  }

  /** Applies the changes the cache reported since the last time. */
  private catchUp(): void {
    const snapshots = this.deps.cache?.snapshots() ?? [];
    if (!sameClusterNames(this.clusters, snapshots)) {
      // Placements are numbered by cluster: with other clusters, every service moves.
      this.dirty.clear();
      this.clustersMoved = false;
      void this.serialized(() => this.refreshDrAndCost(true)).catch(error =>
        this.deps.logger.warn(
          `Delivery overview: the new clusters could not be applied: ${error}`,
        ),
      );
      return;
    }
    const clustersMoved =
      this.clustersMoved && !isDeepStrictEqual(this.clusters, snapshots);
    this.clustersMoved = false;
    this.setClusters(snapshots);
    // A cluster still listing its kinds one by one is derived once they are all in (the
    // cache tells when): at a cold start, that is once per service and cluster rather than
    // once per kind. Its dirty services wait here.
    const { cache } = this.deps;
    const listing = new Set(
      this.clusters.flatMap((c, index) =>
        cache && !cache.clusterListed(c.name) ? [index] : [],
      ),
    );
    const dirty = [...this.dirty];
    this.dirty.clear();
    for (const [ref, all] of dirty) {
      let which = all;
      if (listing.size) {
        const indexes = all === 'all' ? [...this.clusters.keys()] : [...all];
        const waiting = indexes.filter(index => listing.has(index));
        if (waiting.length) {
          this.dirty.set(ref, new Set(waiting));
          which = new Set(indexes.filter(index => !listing.has(index)));
          if (!which.size) continue;
        }
      }
      const subject = this.followed.get(ref);
      if (!subject) continue;
      const held = this.records.get(ref);
      this.derive(subject, held?.service.dr, held?.service.cost, which);
      // DR readiness reads the same workloads (replicas, probes, spread): it follows.
      this.drDirty.add(ref);
    }
    this.commit(false, clustersMoved);
    // New measurements from the cost source: every service's cost may have moved.
    if (
      this.deps.cost &&
      this.deps.cost.measurementsVersion !== this.costVersion
    ) {
      this.costVersion = this.deps.cost.measurementsVersion;
      void this.serialized(() => this.refreshDrAndCost()).catch(error =>
        this.deps.logger.warn(
          `Delivery overview: new cost measurements could not be applied: ${error}`,
        ),
      );
    }
  }

  /** Reads the catalog again; derives only the entities added or changed since. */
  private async refreshCatalog(): Promise<void> {
    const entities = await listDeliveryEntities(
      this.deps.catalog,
      this.deps.auth,
    );
    const seen = new Set<string>();
    const touched: OverviewSubject[] = [];
    for (const entity of entities) {
      const subject = overviewSubjectOf(entity);
      if (!subject) continue;
      seen.add(subject.entityRef);
      if (this.followed.isUnchanged(subject, entity)) continue;
      this.followEntity(subject, entity);
      touched.push(subject);
    }
    for (const ref of this.followed.refs()) {
      if (seen.has(ref)) continue;
      this.unfollowEntity(ref);
      this.records.remove(ref);
    }
    if (touched.length) {
      // A team's budget status sums its services' costs: an added service moves its team.
      const { dr, cost } = await this.drAndCost(this.followed.subjects());
      for (const subject of touched) {
        if (!this.followed.has(subject.entityRef)) continue;
        this.derive(
          subject,
          dr?.get(subject.entityRef),
          cost?.get(subject.entityRef),
        );
      }
      this.replaceDrAndCost(dr, cost);
    }
    this.commit();
  }

  /**
   * Derives DR readiness and cost of every service again and stages only the services whose
   * values moved; with `placementsToo`, their placements as well (the clusters changed).
   */
  private async refreshDrAndCost(placementsToo = false): Promise<void> {
    const subjects = this.followed.subjects();
    const { dr, cost } = await this.drAndCost(subjects);
    if (placementsToo) {
      this.setClusters(this.deps.cache?.snapshots() ?? []);
      for (const subject of subjects) {
        if (!this.followed.has(subject.entityRef)) continue;
        this.derive(
          subject,
          dr?.get(subject.entityRef),
          cost?.get(subject.entityRef),
        );
      }
      this.commit(true);
      return;
    }
    this.replaceDrAndCost(dr, cost);
    this.commit();
  }

  /**
   * DR readiness of the services whose workloads moved, a little behind their rollouts:
   * derived for all of them at once, so a busy fleet (or a cold start, when every service
   * moves) costs one pass every few seconds rather than one per change.
   */
  private async refreshMovedDr(): Promise<void> {
    const { dr, cache } = this.deps;
    if (!dr || !this.drDirty.size) return;
    // While the clusters' first lists arrive, each moves thousands of services: one pass
    // after the last of them, not one every few seconds that the next list outdates.
    if (cache && !cache.firstListsDone) return;
    const subjects = [...this.drDirty].flatMap(ref => {
      const subject = this.followed.get(ref);
      return subject ? [subject] : [];
    });
    this.drDirty.clear();
    const readiness = await readinessInChunks(
      dr,
      subjects.map(s => s.entity),
    );
    for (const subject of subjects) {
      const held = this.records.get(subject.entityRef);
      if (!held || !this.followed.has(subject.entityRef)) continue;
      const service = overviewEntityOf(
        subject,
        readiness.get(subject.entityRef),
        held.service.cost,
      );
      this.records.put(service, held.placements);
    }
    this.commit();
  }

  private replaceDrAndCost(
    dr: Map<string, OverviewDr> | undefined,
    cost: Map<string, OverviewCost> | undefined,
  ) {
    for (const subject of this.followed.subjects()) {
      const held = this.records.get(subject.entityRef);
      if (!held) continue;
      const service = overviewEntityOf(
        subject,
        dr ? dr.get(subject.entityRef) : held.service.dr,
        cost ? cost.get(subject.entityRef) : held.service.cost,
      );
      // Equal values are no change (see OverviewRecords.put).
      this.records.put(service, held.placements);
    }
  }

  private async drAndCost(subjects: OverviewSubject[]) {
    const now = Date.now();
    const entities = subjects.map(s => s.entity);
    if (this.deps.cost) this.costVersion = this.deps.cost.measurementsVersion;
    const [dr, cost] = await Promise.all([
      this.deps.dr && readinessInChunks(this.deps.dr, entities, now),
      this.deps.cost?.overviewCosts(entities, now),
    ]);
    return { dr, cost };
  }

  /**
   * Stages one service derived from the cache as it is now: its rollout in the clusters
   * `which` names (all, for a service not derived before), the rest as held.
   */
  private derive(
    subject: OverviewSubject,
    dr: OverviewDr | undefined,
    cost: OverviewCost | undefined,
    which: Iterable<number> | 'all' = 'all',
  ) {
    const { cache } = this.deps;
    const ref = subject.entityRef;
    let cells = this.cells.get(ref);
    let indexes = which === 'all' ? this.clusters.keys() : which;
    if (!cells || cells.length !== this.clusters.length) {
      cells = this.clusters.map(() => null);
      this.cells.set(ref, cells);
      indexes = this.clusters.keys();
    }
    if (cache) {
      const now = Date.now();
      for (const index of indexes)
        cells[index] = placementIn(
          subject,
          this.clusters[index],
          index,
          cache,
          now,
        );
    }
    const placements = placementsFrom(subject, this.clusters, cells);
    this.records.put(overviewEntityOf(subject, dr, cost), placements);
    this.marks.mark(ref, this.clusters, placements);
  }

  private setClusters(clusters: ClusterSnapshot[]) {
    this.clusters = clusters;
    this.clusterIndex = new Map(clusters.map((c, index) => [c.name, index]));
  }

  private commit(everything = false, clustersMoved = false) {
    if (this.records.commit({ everything, clustersMoved })) {
      for (const listener of this.listeners) listener(this.records.revision);
    }
  }

  private followEntity(subject: OverviewSubject, entity: Entity) {
    this.followed.follow(subject, entity);
  }

  private unfollowEntity(ref: string) {
    this.followed.unfollow(ref);
    this.marks.forget(ref);
    this.cells.delete(ref);
  }
}

function sameClusterNames(a: ClusterSnapshot[], b: ClusterSnapshot[]) {
  return a.length === b.length && a.every((c, i) => c.name === b[i].name);
}

/** Services per DR readiness pass before other work gets a turn of the event loop. */
const DR_CHUNK = 500;

/**
 * DR readiness of many services, a chunk at a time with a turn of the event loop between,
 * so a pass over 10,000 services does not hold up requests and changes for its length.
 */
async function readinessInChunks(
  dr: DrReadinessService,
  entities: Entity[],
  now = Date.now(),
): Promise<Map<string, OverviewDr>> {
  const all = new Map<string, OverviewDr>();
  for (let start = 0; start < entities.length; start += DR_CHUNK) {
    if (start > 0) await new Promise(resolve => setImmediate(resolve));
    const chunk = await dr.overviewReadiness(
      entities.slice(start, start + DR_CHUNK),
      now,
    );
    for (const [ref, value] of chunk) all.set(ref, value);
  }
  return all;
}
