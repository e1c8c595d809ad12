import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DeliveryDescriptor,
  DeliveryRun,
  DrReadiness,
  DrReadinessAnswer,
  FAILOVER_ACTION,
  OverviewEntity,
  readDeliveryDescriptor,
} from '@internal/backstage-plugin-delivery-common';
import {
  ClusterConnection,
  DeliveryConfig,
  DrTarget,
} from '@internal/backstage-plugin-delivery-node';
import { ClusterCache } from '../cache/ClusterCache';
import { listDeliveryEntities } from '../catalog/deliveryEntities';
import { RunStore } from '../runs/RunStore';
import { DrProviderAnswer, DrProviderReads } from './DrProviderReads';
import { mapInTurns } from '../snapshots/inTurns';
import { dayOf } from '../snapshots/DailySnapshotTable';
import { DrRecordedGradeChange, DrSnapshotStore } from './DrSnapshotStore';
import { drTargetOf } from './drTargetOf';
import { toFailoverRecord } from './failoverRuns';
import { DrCacheView, gatherDrEvidence } from './gatherDrEvidence';
import { computeDrReadiness } from './readiness/computeDrReadiness';

/** How many failover runs the DR card lists. */
const FAILOVERS_SHOWN = 10;
/**
 * How many of a service's failover runs its readiness reads: the drill check takes the
 * latest that ended, so a few running or aborted ones after it must not hide it.
 */
const FAILOVERS_READ = 50;
/** Provider reads in flight at once when warming the whole catalog. */
const WARM_CONCURRENCY = 4;
/** The warm-up renews answers older than this (it runs every minute). */
const WARM_MAX_AGE_MS = 30_000;

/** One service as a pass over the catalog sees it. */
interface Subject {
  entity: Entity;
  descriptor: DeliveryDescriptor;
  view?: DrCacheView;
  /** What the DR provider is asked about; undefined when there is nothing to ask. */
  target?: DrTarget;
}

/** What the overview shows of a service's readiness. */
export type OverviewDr = NonNullable<OverviewEntity['dr']>;

async function forEachLimited<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * DR readiness of catalog services: for one service's page (reading the DR provider when
 * its last answer is older than the TTL), for the whole overview (never reading a
 * provider: only answers already cached, and every service's latest drill in one query),
 * and the daily snapshot behind the trend.
 */
export class DrReadinessService {
  private readonly productionEnvironments: string[];

  constructor(
    private readonly deps: {
      config: DeliveryConfig;
      connections: ClusterConnection[];
      cache?: ClusterCache;
      runStore: RunStore;
      snapshots: DrSnapshotStore;
      providerReads: DrProviderReads;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /**
       * Told, after each snapshot, of the services whose recorded grade changed since their
       * previous snapshot (the grade-drop notifications). Its failure is logged.
       */
      onGradeChanges?: (
        changes: Array<DrRecordedGradeChange & { entity: Entity }>,
      ) => Promise<void>;
    },
  ) {
    this.productionEnvironments = deps.config.environments
      .filter(e => e.production)
      .map(e => e.name);
  }

  /**
   * The cache as one pass over many services reads it: the cluster states are taken once,
   * not once per service, and every service of the pass sees the same ones.
   */
  private view(): DrCacheView | undefined {
    const { cache } = this.deps;
    if (!cache) return undefined;
    const snapshots = cache.snapshots();
    return {
      snapshots: () => snapshots,
      workloadsOf: (cluster, selector) => cache.workloadsOf(cluster, selector),
      nodeZones: cluster => cache.nodeZones(cluster),
      veleroBackups: cluster => cache.veleroBackups(cluster),
    };
  }

  private subject(entity: Entity, view: DrCacheView | undefined): Subject {
    const descriptor = readDeliveryDescriptor(entity);
    const { connections, config } = this.deps;
    return {
      entity,
      descriptor,
      view,
      target: drTargetOf({
        entity,
        descriptor,
        cache: view,
        connections,
        config,
      }),
    };
  }

  /**
   * The provider's answer, read when older than `maxAgeMs` (default the TTL); undefined
   * when there is nothing to ask.
   */
  private async providerAnswer(
    subject: Subject,
    maxAgeMs?: number,
  ): Promise<DrProviderAnswer | undefined> {
    return subject.target
      ? this.deps.providerReads.read(subject.target, maxAgeMs)
      : undefined;
  }

  private readiness(
    { entity, descriptor, view }: Subject,
    provider: DrProviderAnswer | undefined,
    failoverRuns: DeliveryRun[] | undefined,
    now: number,
  ): DrReadiness {
    const evidence = gatherDrEvidence({
      entity,
      descriptor,
      productionEnvironments: this.productionEnvironments,
      cache: view,
      provider,
      failoverRuns,
    });
    return computeDrReadiness(descriptor, evidence, now);
  }

  /** `GET /dr`: one service's readiness, trend and failover runs. */
  async answer(entity: Entity, now = Date.now()): Promise<DrReadinessAnswer> {
    const entityRef = stringifyEntityRef(entity);
    const subject = this.subject(entity, this.view());
    const [provider, runs, trend] = await Promise.all([
      this.providerAnswer(subject),
      this.deps.runStore.listRunsOfAction({
        entityRef,
        action: FAILOVER_ACTION,
        limit: FAILOVERS_READ,
      }),
      this.deps.snapshots.trend(entityRef, dayOf(now)),
    ]);
    return {
      readiness: this.readiness(subject, provider, runs, now),
      trend,
      failovers: runs.slice(0, FAILOVERS_SHOWN).map(toFailoverRecord),
    };
  }

  /**
   * Every service's latest ended failover run in production, in one query: all the drill
   * check of a whole catalog reads.
   */
  private async latestDrills(): Promise<Map<string, DeliveryRun[]>> {
    const runs = await this.deps.runStore.latestEndedRuns({
      action: FAILOVER_ACTION,
      environments: this.productionEnvironments,
    });
    return new Map(runs.map(run => [run.entityRef, [run]]));
  }

  /**
   * The readiness of many services for the overview, from the cache, the provider answers
   * already cached (a service not read yet shows its replica as unknown) and one query of
   * the run store. Never waits on a provider. When the run store cannot be read, the
   * drills are unknown rather than the whole overview failing.
   */
  async overviewReadiness(
    entities: Entity[],
    now = Date.now(),
  ): Promise<Map<string, OverviewDr>> {
    let drills: Map<string, DeliveryRun[]> | undefined;
    try {
      drills = await this.latestDrills();
    } catch (error) {
      this.deps.logger.warn(
        `DR readiness of the overview: the run store could not be read, so drills show as unknown: ${
          (error as Error).message
        }`,
      );
    }
    const result = new Map<string, OverviewDr>();
    const view = this.view();
    for (const entity of entities) {
      const entityRef = stringifyEntityRef(entity);
      const subject = this.subject(entity, view);
      const provider = subject.target
        ? this.deps.providerReads.peek(subject.target)
        : undefined;
      const { score, grade, weights } = this.readiness(
        subject,
        provider,
        drills && (drills.get(entityRef) ?? []),
        now,
      );
      result.set(entityRef, { score, grade, weights });
    }
    return result;
  }

  /**
   * Reads the DR provider for every catalog service with a database whose answer is older
   * than the TTL, a few at a time, so the overview finds them cached. Reads only: every
   * backend replica may run it.
   */
  async warmProviders(): Promise<void> {
    const entities = await listDeliveryEntities(
      this.deps.catalog,
      this.deps.auth,
    );
    const view = this.view();
    await forEachLimited(entities, WARM_CONCURRENCY, async entity => {
      // Run every minute: an answer read a little under a minute ago is renewed too, so
      // each run renews them all and none the overview shows is much older than a minute.
      await this.providerAnswer(this.subject(entity, view), WARM_MAX_AGE_MS);
    });
  }

  /**
   * Writes today's snapshot of every catalog service that has none yet, with fresh
   * provider answers. Returns how many were written; a replica that loses the race to
   * another writes nothing twice (the store ignores a second row of a day).
   */
  async writeMissingSnapshots(now = Date.now()): Promise<number> {
    const day = dayOf(now);
    const entities = await listDeliveryEntities(
      this.deps.catalog,
      this.deps.auth,
    );
    const done = await this.deps.snapshots.entitiesWithSnapshot(day);
    const missing = entities.filter(e => !done.has(stringifyEntityRef(e)));
    if (missing.length === 0) return 0;
    const drills = await this.latestDrills();
    const view = this.view();
    const subjects = await mapInTurns(missing, entity =>
      this.subject(entity, view),
    );
    const answers = new Map<Subject, DrProviderAnswer | undefined>();
    await forEachLimited(subjects, WARM_CONCURRENCY, async subject => {
      answers.set(subject, await this.providerAnswer(subject));
    });
    const snapshots = await mapInTurns(subjects, subject => {
      const entityRef = stringifyEntityRef(subject.entity);
      const { score, grade, weights } = this.readiness(
        subject,
        answers.get(subject),
        drills.get(entityRef) ?? [],
        now,
      );
      return { entityRef, score, grade, weights };
    });
    await this.deps.snapshots.write(day, snapshots, new Date(now));
    this.deps.logger.info(
      `DR readiness snapshot of ${day}: ${snapshots.length} services`,
    );
    await this.reportGradeChanges(day, missing);
    return snapshots.length;
  }

  private async reportGradeChanges(day: string, entities: Entity[]) {
    const { onGradeChanges, snapshots, logger } = this.deps;
    if (!onGradeChanges) return;
    try {
      const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
      const changes = await snapshots.gradeChanges(day, [...byRef.keys()]);
      await onGradeChanges(
        changes.map(change => ({
          ...change,
          entity: byRef.get(change.entityRef)!,
        })),
      );
    } catch (error) {
      logger.warn(
        `DR readiness snapshot of ${day}: grade changes were not reported: ${
          (error as Error).message
        }`,
      );
    }
  }
}
