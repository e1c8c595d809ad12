import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import { DeliveryConfig } from '../config/readDeliveryConfig';
import { createClusterAuthStrategy } from './authStrategies';
import {
  catalogClusters,
  CatalogLocatorOptions,
  readCatalogLocatorOptions,
} from './catalogClusters';
import { ClusterConnection } from './ClusterConnection';
import {
  ConnectionContext,
  connectionsOf,
  readDeliveryClusterAuth,
} from './connectionsOf';
import { LocatedCluster } from './LocatedCluster';
import { readClusterConnections } from './readClusterConnections';

/** Clusters added and removed by one catalog read. @public */
export interface ClusterDirectoryChange {
  added: ClusterConnection[];
  removed: ClusterConnection[];
}

/** Upstream reads catalog clusters per request; a minute is as fresh as Delivery needs. */
const REFRESH_SECONDS = 60;

/**
 * Sooner right after start: a backend starts with its catalog still processing its
 * locations (or not yet answering), so the first read finds no clusters that a read a few
 * seconds later would. Until a read locates one, for at most two minutes, every 5 s.
 */
const WARM_UP = { everyMs: 5_000, forMs: 120_000 };

/** What makes a catalog cluster a different connection when it changes. */
const identity = (c: LocatedCluster) =>
  JSON.stringify([c.url, c.caData, c.skipTLSVerify, c.auth]);

/**
 * Every cluster Delivery reaches: the configured ones from the start, and those of the
 * `catalog` locators after each `refresh()` (the catalog may not answer, or not yet hold
 * the Resource entities, when the backend starts).
 * @public
 */
export class ClusterDirectory {
  /**
   * The clusters located so far. The same array for the directory's life, updated in
   * place, so a holder of it (cost, DR, usage) sees catalog clusters as they come.
   */
  readonly connections: ClusterConnection[];
  private readonly listeners = new Set<
    (change: ClusterDirectoryChange) => void
  >();
  /** The catalog clusters by name, with what they were located with. */
  private readonly fromCatalog = new Map<
    string,
    { key: string; connection: ClusterConnection }
  >();

  private constructor(
    configured: ClusterConnection[],
    private readonly catalogLocators: CatalogLocatorOptions[],
    private readonly context: ConnectionContext,
    private readonly catalog?: CatalogService,
    private readonly auth?: AuthService,
  ) {
    this.connections = [...configured];
  }

  static create(options: {
    config: Config;
    deliveryConfig: DeliveryConfig;
    logger: LoggerService;
    /** Needed for `type: catalog` locators; without it they are skipped with a warning. */
    catalog?: CatalogService;
    auth?: AuthService;
    strategy?: AuthenticationStrategy;
  }): ClusterDirectory {
    const { config, deliveryConfig, logger } = options;
    const strategy =
      options.strategy ?? createClusterAuthStrategy({ config, logger });
    const warned = new Set<string>();
    const configured = readClusterConnections(config, deliveryConfig, logger, {
      strategy,
      warned,
    });
    const catalogLocators = (
      config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
    )
      .filter(method => method.getString('type') === 'catalog')
      .map(readCatalogLocatorOptions);
    if (catalogLocators.length && !(options.catalog && options.auth)) {
      logger.warn(
        'Delivery cache: kubernetes.clusterLocatorMethods of type catalog need the catalog service; skipped',
      );
    }
    return new ClusterDirectory(
      configured,
      catalogLocators,
      {
        delivery: deliveryConfig,
        deliveryAuth: readDeliveryClusterAuth(config),
        strategy,
        logger,
        warned,
      },
      options.catalog,
      options.auth,
    );
  }

  /** Whether refresh() has anything to read. */
  get readsCatalog(): boolean {
    return Boolean(this.catalogLocators.length && this.catalog && this.auth);
  }

  /** Calls back after each refresh() that added or removed clusters. */
  subscribe(listener: (change: ClusterDirectoryChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Reads the catalog locators now and every minute, on each replica (each holds its own
   * list), and every 5 s in between until the first catalog cluster is located (at most
   * two minutes). `id` names the task, unique per plugin. Nothing is scheduled without
   * catalog locators.
   */
  async scheduleRefresh(scheduler: SchedulerService, id: string) {
    if (!this.readsCatalog) return;
    await scheduler.scheduleTask({
      id,
      scope: 'local',
      frequency: { seconds: REFRESH_SECONDS },
      timeout: { seconds: REFRESH_SECONDS },
      fn: () => this.refreshOrWarn(),
    });
    this.warmUp(Date.now() + WARM_UP.forMs);
  }

  private warmUp(until: number) {
    const timer = setTimeout(async () => {
      if (this.fromCatalog.size || Date.now() >= until) return;
      await this.refreshOrWarn();
      this.warmUp(until);
    }, WARM_UP.everyMs);
    // Nothing to finish at shutdown: a read only updates the list.
    timer.unref();
  }

  private async refreshOrWarn() {
    try {
      await this.refresh();
    } catch (error) {
      // The clusters known so far stay; the next read tries again.
      this.context.logger.warn(
        `Delivery: reading kubernetes-cluster Resources from the catalog failed: ${
          (error as Error).message
        }`,
      );
    }
  }

  /**
   * Reads the catalog locators again (with the backend's own credentials) and applies
   * what changed. A failed read keeps the clusters known so far.
   */
  async refresh(): Promise<ClusterDirectoryChange> {
    const change: ClusterDirectoryChange = { added: [], removed: [] };
    if (!this.readsCatalog) return change;
    const credentials = await this.auth!.getOwnServiceCredentials();
    const located = new Map<string, LocatedCluster>();
    for (const locator of this.catalogLocators) {
      for (const cluster of await catalogClusters({
        catalog: this.catalog!,
        credentials,
        locator,
        logger: this.context.logger,
      })) {
        // A configured cluster of the same name wins, as it was there first.
        if (
          this.connections.some(
            c => c.name === cluster.name && c.locator !== 'catalog',
          )
        )
          continue;
        located.set(cluster.name, cluster);
      }
    }
    for (const [name, known] of this.fromCatalog) {
      const now = located.get(name);
      if (now && identity(now) === known.key) {
        located.delete(name);
        continue;
      }
      this.fromCatalog.delete(name);
      this.connections.splice(this.connections.indexOf(known.connection), 1);
      change.removed.push(known.connection);
    }
    const found = [...located.values()];
    for (const connection of connectionsOf(found, this.context)) {
      const cluster = found.find(c => c.name === connection.name)!;
      this.fromCatalog.set(connection.name, {
        key: identity(cluster),
        connection,
      });
      this.connections.push(connection);
      change.added.push(connection);
    }
    if (change.added.length || change.removed.length) {
      this.context.logger.info('Delivery: catalog clusters changed', {
        added: change.added.map(c => c.name).join(','),
        removed: change.removed.map(c => c.name).join(','),
      });
      for (const listener of this.listeners) listener(change);
    }
    return change;
  }
}
