import { InputError } from '@backstage/errors';
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  assessBudget,
  BudgetAssessment,
  BudgetCheckAnswer,
  BudgetCheckRequest,
  checkActionAgainstBudget,
  CostAnswer,
  costOfChanges,
  unbudgetedAction,
  CostClusterLine,
  CostPricesAnswer,
  DailySpend,
  DeliveryDescriptor,
  forecastMonth,
  kubernetesIdOf,
  MonthForecast,
  MonthlyBudget,
  OverviewCost,
  readDeliveryDescriptor,
  RightSizingPolicy,
} from '@internal/backstage-plugin-delivery-common';
import {
  ClusterConnection,
  CostSource,
  DeliveryConfig,
  MeasuredCost,
} from '@internal/backstage-plugin-delivery-node';
import { ClusterCache } from '../cache/ClusterCache';
import { dayOf } from '../snapshots/DailySnapshotTable';
import { listDeliveryEntities } from '../catalog/deliveryEntities';
import { budgetOf, ownerTeamOf } from './budgetOf';
import { costClusterLine } from './costClusterLine';
import { CostSnapshot, CostSnapshotStore } from './CostSnapshotStore';
import { MeasuredAllocations } from './MeasuredAllocations';
import { CurrentCostMemo } from './CurrentCostMemo';
import {
  clustersOfEnvironments,
  inPipelineOrder,
  PricedCluster,
  pricedClusters,
} from './pricedClusters';
import { UsageStore } from '../usage/UsageStore';
import { rightSizingOf } from './rightSizingOf';
import {
  ClusterRunRate,
  runRateByEnvironment,
  runRatesOf,
  totalRunRate,
  totalsOf,
} from './runRate';

/**
 * How long the overview reuses the month's snapshots. They change once a day (the hourly
 * task writes the day's rows once), so re-reading them on every rebuild (up to once a
 * second) would only cost the database.
 */
const MONTH_SPEND_TTL_MS = 10 * 60_000;

/** A budget, the month's forecast and the two held together. */
interface BudgetMonth {
  budget: MonthlyBudget;
  forecast: MonthForecast;
  assessment: BudgetAssessment;
}

/** Measured spend by cluster name, then by service id. */
type MeasuredByCluster = ReadonlyMap<
  string,
  Map<string, MeasuredCost> | undefined
>;

/**
 * The cost of catalog services: one service's Cost card (estimate per cluster from the
 * cache, measured spend beside it, budget and trend), the prices the golden-path form
 * estimates with, every service's cost for the overview (from the cache, the measurements
 * already read and the month's snapshots, never waiting on the cost source), and the daily
 * snapshot behind the trend and the forecast.
 */
export class CostService {
  private readonly allocations: MeasuredAllocations;
  private readonly teamBudgets: Readonly<Record<string, number>>;
  private readonly unpricedLogged = new Set<string>();
  /** The clusters in pipeline order, as every answer lists them. */
  private readonly ordered: ClusterConnection[];
  private readonly current?: CurrentCostMemo;
  private monthSpend?: {
    today: string;
    at: number;
    value: Promise<Map<string, DailySpend[]>>;
  };
  /** Logs a cluster the source has no prices for, once. */
  private readonly unpriced = (connection: ClusterConnection) => {
    if (this.unpricedLogged.has(connection.name)) return;
    this.unpricedLogged.add(connection.name);
    this.deps.logger.warn(
      `Cost source ${this.deps.source.id} has no prices for cluster ${connection.name}; services there are left out of their cost`,
    );
  };

  constructor(
    private readonly deps: {
      config: DeliveryConfig;
      connections: ClusterConnection[];
      cache?: ClusterCache;
      source: CostSource;
      /** Monthly budget by group ref, from `delivery.cost.teamBudgets`. */
      teamBudgets: ReadonlyMap<string, number>;
      snapshots: CostSnapshotStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** Observed usage for right-sizing; absent when no cluster is sampled. */
      usage?: UsageStore;
      rightSizingPolicy?: Partial<RightSizingPolicy>;
    },
  ) {
    this.allocations = new MeasuredAllocations(deps.source, deps.logger);
    this.teamBudgets = Object.fromEntries(deps.teamBudgets);
    this.ordered = inPipelineOrder(deps.config, deps.connections);
    this.current =
      deps.cache && new CurrentCostMemo(deps.cache, deps.source, this.unpriced);
  }

  /** Grows with every new measurement from the cost source (see MeasuredAllocations). */
  get measurementsVersion(): number {
    return this.allocations.version;
  }

  /**
   * The clusters a service pays for, each with its prices and the service's Deployments
   * and their HPAs. The estimate prices these; right-sizing is meant to start from them.
   */
  pricedClusters(descriptor: DeliveryDescriptor): PricedCluster[] {
    return pricedClusters({
      descriptor,
      ordered: this.ordered,
      cache: this.deps.cache,
      source: this.deps.source,
      unpriced: this.unpriced,
    });
  }

  private lines(
    descriptor: DeliveryDescriptor,
    measured: MeasuredByCluster,
  ): CostClusterLine[] {
    const service = kubernetesIdOf(descriptor);
    return this.pricedClusters(descriptor).map(priced => {
      const cost = service
        ? measured.get(priced.connection.name)?.get(service)
        : undefined;
      return costClusterLine(
        priced,
        cost && { source: this.deps.source.id, cost },
      );
    });
  }

  /**
   * A service's run rate per cluster, from the estimates memoised per cache version: what
   * a pass over the whole catalog reads (the overview, the snapshot, a team's budget). The
   * same figures as the lines of its Cost card.
   */
  private runRates(
    descriptor: DeliveryDescriptor,
    measured: MeasuredByCluster,
  ): ClusterRunRate[] {
    const selector = descriptor.workloadSelector;
    const current = this.current;
    if (!current || !selector) return [];
    const service = kubernetesIdOf(descriptor);
    return clustersOfEnvironments(descriptor, this.ordered).flatMap(
      connection => {
        const estimate = current.get(connection, selector);
        if (estimate === undefined) return [];
        const cost = service
          ? measured.get(connection.name)?.get(service)
          : undefined;
        return [
          {
            environment: connection.environment,
            monthlyUsd: cost?.total ?? estimate,
          },
        ];
      },
    );
  }

  /** Every cluster's measurement, through the source's cache. */
  private async readMeasured(): Promise<MeasuredByCluster> {
    if (!this.allocations.measures) return new Map();
    const { connections } = this.deps;
    const answers = await Promise.all(
      connections.map(c => this.allocations.read(c)),
    );
    return new Map(connections.map((c, i) => [c.name, answers[i]]));
  }

  /** Every cluster's last measurement, without waiting. */
  private peekMeasured(): MeasuredByCluster {
    if (!this.allocations.measures) return new Map();
    return new Map(
      this.deps.connections.map(c => [c.name, this.allocations.peek(c)]),
    );
  }

  /** `GET /cost`: one service's lines, totals, budget and trend. */
  async answer(entity: Entity, now = Date.now()): Promise<CostAnswer> {
    const entityRef = stringifyEntityRef(entity);
    const descriptor = readDeliveryDescriptor(entity);
    const measured = await this.readMeasured();
    const lines = this.lines(descriptor, measured);
    const budget = budgetOf(entity, descriptor, this.teamBudgets);
    const today = dayOf(now);
    const [trend, assessment] = await Promise.all([
      this.deps.snapshots.trend(entityRef, today),
      budget &&
        this.monthOf(
          budget,
          entity,
          totalRunRate(runRatesOf(lines)),
          measured,
          now,
          today,
        ),
    ]);
    const rightSizing =
      this.deps.usage &&
      rightSizingOf({
        entity,
        descriptor,
        clusters: this.pricedClusters(descriptor),
        usage: this.deps.usage,
        productionEnvironments: new Set(
          this.deps.config.environments
            .filter(e => e.production)
            .map(e => e.name),
        ),
        policy: this.deps.rightSizingPolicy,
      });
    return {
      entityRef,
      source: this.deps.source.id,
      ...totalsOf(lines),
      clusters: lines,
      budget: assessment?.assessment,
      trend,
      rightSizing,
      generatedAt: new Date(now).toISOString(),
    };
  }

  /**
   * A service budget against the service's month; a team budget against the month of every
   * service the team owns (as the plugin sees the catalog), this one included.
   */
  private async monthOf(
    budget: MonthlyBudget,
    entity: Entity,
    runRate: number,
    measured: MeasuredByCluster,
    now: number,
    today: string,
  ): Promise<BudgetMonth> {
    const entityRef = stringifyEntityRef(entity);
    const held = (forecast: MonthForecast): BudgetMonth => ({
      budget,
      forecast,
      assessment: assessBudget(budget, forecast),
    });
    if (budget.scope === 'service') {
      const spend = await this.deps.snapshots.monthSpend(today, [entityRef]);
      return held(
        forecastMonth({
          now: new Date(now),
          daily: spend.get(entityRef) ?? [],
          runRateMonthlyUsd: runRate,
        }),
      );
    }
    const others = (
      await listDeliveryEntities(this.deps.catalog, this.deps.auth)
    ).filter(
      e =>
        ownerTeamOf(e) === budget.owner && stringifyEntityRef(e) !== entityRef,
    );
    const refs = [entityRef, ...others.map(e => stringifyEntityRef(e))];
    const spend = await this.deps.snapshots.monthSpend(today, refs);
    const teamRunRate = others.reduce(
      (total, e) =>
        total +
        totalRunRate(this.runRates(readDeliveryDescriptor(e), measured)),
      runRate,
    );
    return held(
      forecastMonth({
        now: new Date(now),
        daily: [...spend.values()].flat(),
        runRateMonthlyUsd: Math.round(teamRunRate * 100) / 100,
      }),
    );
  }

  /**
   * `POST /cost/budget-check`: what a deploy's or a scale action's pods cost at the prices
   * of their clusters, held against the service's or its team's month. The deploy and scale
   * actions ask before they change anything; over the budget they need the platform team.
   */
  async checkBudget(
    entity: Entity,
    request: Pick<BudgetCheckRequest, 'environment' | 'action' | 'changes'>,
    now = Date.now(),
  ): Promise<BudgetCheckAnswer> {
    const descriptor = readDeliveryDescriptor(entity);
    const budget = budgetOf(entity, descriptor, this.teamBudgets);
    if (!budget) return unbudgetedAction(request.action);
    const reached = this.ordered.filter(
      c => c.environment === request.environment,
    );
    request.changes.forEach(({ cluster }, index) => {
      if (!reached.some(c => c.name === cluster))
        throw new InputError(
          `changes[${index}].cluster: ${cluster} is not a cluster of ${
            request.environment
          } that Delivery reaches (${reached.map(c => c.name).join(', ')})`,
        );
    });
    const cost = costOfChanges(request.changes, cluster => {
      const connection = reached.find(c => c.name === cluster);
      return connection && this.deps.source.pricesFor(connection);
    });
    const measured = await this.readMeasured();
    const runRate = totalRunRate(runRatesOf(this.lines(descriptor, measured)));
    return checkActionAgainstBudget({
      action: request.action,
      cost,
      budget: await this.monthOf(
        budget,
        entity,
        runRate,
        measured,
        now,
        dayOf(now),
      ),
    });
  }

  /**
   * `GET /cost/prices`: per environment, the prices of its first primary and first DR
   * cluster (in `delivery.clusters` order), so the golden-path form's estimate prices a new
   * service where it will run. A cluster Delivery does not reach, or the source does not
   * price, is left out.
   */
  prices(): CostPricesAnswer {
    const { config, connections, source } = this.deps;
    const environments: CostPricesAnswer['environments'] = [];
    for (const { name: environment } of config.environments) {
      for (const role of ['primary', 'dr'] as const) {
        const connection = config.clusters
          .filter(c => c.environment === environment && c.role === role)
          .map(c => connections.find(known => known.name === c.name))
          .find(Boolean);
        const priced = connection && source.pricesFor(connection);
        if (!connection || !priced) continue;
        const { purchase, ...prices } = priced;
        environments.push({
          environment,
          cluster: connection.name,
          role,
          prices,
          purchase,
        });
      }
    }
    return { source: source.id, environments };
  }

  /** The month's snapshots of every service, re-read at most every ten minutes. */
  private spendOfMonth(
    today: string,
    now: number,
  ): Promise<Map<string, DailySpend[]>> {
    const memo = this.monthSpend;
    if (memo && memo.today === today && now - memo.at < MONTH_SPEND_TTL_MS) {
      return memo.value;
    }
    const value = this.deps.snapshots.monthSpend(today);
    this.monthSpend = { today, at: now, value };
    value.catch(() => {
      if (this.monthSpend?.value === value) this.monthSpend = undefined;
    });
    return value;
  }

  /**
   * Every given service's run rate and budget status for the overview: from the cache, the
   * measurements already read (never waiting on the source) and the month's snapshots.
   * When the snapshots cannot be read, the run rates still show and the statuses do not.
   */
  async overviewCosts(
    entities: Entity[],
    now = Date.now(),
  ): Promise<Map<string, OverviewCost>> {
    const measured = this.peekMeasured();
    const today = dayOf(now);
    let spend: Map<string, DailySpend[]> | undefined;
    try {
      spend = await this.spendOfMonth(today, now);
    } catch (error) {
      this.deps.logger.warn(
        `Cost of the overview: the snapshots could not be read, so budget statuses are left out: ${
          (error as Error).message
        }`,
      );
    }

    const rows = entities.flatMap(entity => {
      const descriptor = readDeliveryDescriptor(entity);
      try {
        const runRate = totalRunRate(this.runRates(descriptor, measured));
        const entityRef = stringifyEntityRef(entity);
        return [{ entity, entityRef, descriptor, runRate }];
      } catch (error) {
        this.deps.logger.warn(
          `Cost of ${stringifyEntityRef(entity)} could not be estimated: ${
            (error as Error).message
          }`,
        );
        return [];
      }
    });

    // A team's month: all its services' run rates and snapshots together.
    const teams = new Map<string, { runRate: number; daily: DailySpend[] }>();
    const anyTeamBudget = Object.keys(this.teamBudgets).length > 0;
    for (const row of anyTeamBudget ? rows : []) {
      const owner = ownerTeamOf(row.entity);
      if (!owner || !Object.hasOwn(this.teamBudgets, owner)) continue;
      const team = teams.get(owner) ?? { runRate: 0, daily: [] };
      team.runRate += row.runRate;
      team.daily.push(...(spend?.get(row.entityRef) ?? []));
      teams.set(owner, team);
    }

    const result = new Map<string, OverviewCost>();
    for (const { entity, entityRef, descriptor, runRate } of rows) {
      const budget = budgetOf(entity, descriptor, this.teamBudgets);
      const month =
        budget?.scope === 'team'
          ? teams.get(budget.owner)!
          : { runRate, daily: spend?.get(entityRef) ?? [] };
      result.set(entityRef, {
        monthlyUsd: runRate,
        budgetStatus:
          budget && spend
            ? assessBudget(
                budget,
                forecastMonth({
                  now: new Date(now),
                  daily: month.daily,
                  runRateMonthlyUsd: Math.round(month.runRate * 100) / 100,
                }),
              ).status
            : undefined,
      });
    }
    return result;
  }

  /**
   * Writes today's snapshot of every catalog service that has none yet, with fresh
   * measurements. A service with a cluster of its environments that was never read is left
   * for a later run rather than recorded too low. Returns how many were written; a replica
   * that loses the race to another writes nothing twice (the store ignores a second row of
   * a day).
   */
  async writeMissingSnapshots(now = Date.now()): Promise<number> {
    const { cache, snapshots, logger } = this.deps;
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
    const measured = await this.readMeasured();
    const written: CostSnapshot[] = [];
    let postponed = 0;
    for (const entity of missing) {
      const entityRef = stringifyEntityRef(entity);
      const descriptor = readDeliveryDescriptor(entity);
      const environments = descriptor.environments.length
        ? descriptor.environments
        : unread;
      if (unread.some(environment => environments.includes(environment))) {
        postponed++;
        continue;
      }
      try {
        const rates = this.runRates(descriptor, measured);
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
    }
    await snapshots.write(day, written, new Date(now));
    this.monthSpend = undefined;
    logger.info(
      `Cost snapshot of ${day}: ${written.length} services${
        postponed ? `; ${postponed} wait for a cluster that was never read` : ''
      }`,
    );
    return written.length;
  }
}
