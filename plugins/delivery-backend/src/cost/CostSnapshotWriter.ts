import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { readDeliveryDescriptor } from '@internal/backstage-plugin-delivery-common';
import { ClusterCache } from '../cache/ClusterCache';
import { listDeliveryEntities } from '../catalog/deliveryEntities';
import { dayOf } from '../snapshots/DailySnapshotTable';
import { mapInTurns } from '../snapshots/inTurns';
import { CostEstimator } from './CostEstimator';
import { CostSnapshot, CostSnapshotStore } from './CostSnapshotStore';
import { MonthSpendMemo } from './MonthSpendMemo';
import { runRateByEnvironment, totalRunRate } from './runRate';

/** The daily snapshot of every service's run rate, behind the trend and the forecast. */
export class CostSnapshotWriter {
  constructor(
    private readonly deps: {
      cache?: ClusterCache;
      snapshots: CostSnapshotStore;
      estimator: CostEstimator;
      /** Forgotten after a write, so the overview's budget statuses count the new day. */
      monthSpend: MonthSpendMemo;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  /**
   * Writes today's snapshot of every catalog service that has none yet, with fresh
   * measurements. A service with a cluster of its environments that was never read is left
   * for a later run rather than recorded too low. Returns how many were written; a replica
   * that loses the race to another writes nothing twice (the store ignores a second row of
   * a day).
   */
  async writeMissingSnapshots(now = Date.now()): Promise<number> {
    const { cache, snapshots, estimator, logger } = this.deps;
    if (!cache) return 0;
    const day = dayOf(now);
    const entities = await listDeliveryEntities(
      this.deps.catalog,
      this.deps.auth,
    );
    const done = await snapshots.entitiesWithSnapshot(day);
    const missing = entities.filter(e => !done.has(stringifyEntityRef(e)));
    if (missing.length === 0) return 0;

    const unread = cache
      .snapshots()
      .filter(c => c.state === 'unreachable')
      .map(c => c.environment);
    const measured = await estimator.readMeasured();
    const written: CostSnapshot[] = [];
    let postponed = 0;
    await mapInTurns(missing, entity => {
      const entityRef = stringifyEntityRef(entity);
      const descriptor = readDeliveryDescriptor(entity);
      const environments = descriptor.environments.length
        ? descriptor.environments
        : unread;
      if (unread.some(environment => environments.includes(environment))) {
        postponed++;
        return;
      }
      try {
        const rates = estimator.runRates(descriptor, measured);
        written.push({
          entityRef,
          monthlyUsd: totalRunRate(rates),
          environments: runRateByEnvironment(rates),
        });
      } catch (error) {
        logger.warn(
          `Cost snapshot of ${entityRef} skipped: ${(error as Error).message}`,
        );
      }
    });
    await snapshots.write(day, written, new Date(now));
    this.deps.monthSpend.forget();
    logger.info(
      `Cost snapshot of ${day}: ${written.length} services${
        postponed ? `; ${postponed} wait for a cluster that was never read` : ''
      }`,
    );
    return written.length;
  }
}
