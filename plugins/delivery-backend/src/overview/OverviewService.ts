import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  deliveryEntityReadPermission,
  filterOverview,
  OverviewDocument,
} from '@internal/backstage-plugin-delivery-common';
import { ClusterCache } from '../cache/ClusterCache';
import { readableEntityRefs } from '../permissions/readableEntityRefs';
import type { OverviewCosts } from '../cost/OverviewCosts';
import type { DrReadinessService } from '../dr/DrReadinessService';
import { buildOverview, RolloutMemo } from './buildOverview';
import {
  listDeliveryEntities,
  WITH_WORKLOADS,
} from '../catalog/deliveryEntities';
import { EncodedAnswer, encodeAnswer } from './EncodedAnswer';

export interface OverviewTimings {
  /** How long the service's own view of the catalog is reused. */
  catalogTtlMs: number;
  /** How long what one user may read is reused. */
  readableTtlMs: number;
  /** The overview is rebuilt at most this often, however busy the clusters are. */
  rebuildMs: number;
  /**
   * ...and at least this often, though nothing changed in the clusters: DR readiness
   * moves with time (a backup ages past the RPO), new failover runs and provider answers;
   * cost with the cost source's measurements and the daily snapshots.
   */
  drRefreshMs: number;
}

const DEFAULT_TIMINGS: OverviewTimings = {
  catalogTtlMs: 30_000,
  readableTtlMs: 30_000,
  rebuildMs: 1_000,
  drRefreshMs: 60_000,
};

interface Built {
  version: number;
  overview: OverviewDocument;
}

interface Timed<T> {
  at: number;
  value: T;
}

/**
 * The catalog-wide overview, built once for everyone and filtered per caller. The rows
 * come from the cache (rebuilt at most once a second, so a change shows within about a
 * second), the entities from the catalog as the plugin (refreshed every 30 s), and what a
 * caller may see from the catalog and one conditional permission decision as that caller
 * (kept 30 s; see `readableEntityRefs`).
 * Each service's DR readiness is derived with every rebuild, and at least once a minute
 * (see `drRefreshMs`), from the cache, cached DR provider answers and one run-store query;
 * its cost likewise, from the cache, the cost source's last measurements and the month's
 * snapshots (re-read at most every ten minutes).
 * The answer is serialised once per (rows, caller) pair, so a busy page costs little.
 */
export class OverviewService {
  private readonly memo?: RolloutMemo;
  private entities?: Timed<Entity[]>;
  private built?: Timed<Built>;
  private rebuilding?: Promise<Timed<Built>>;
  private readonly readable = new Map<string, Timed<Set<string>>>();
  private readonly serialized = new Map<string, Promise<EncodedAnswer>>();

  constructor(
    private readonly deps: {
      auth: AuthService;
      catalog: CatalogService;
      permissions: PermissionsService;
      cache?: ClusterCache;
      /** Fills each service's DR readiness; absent, the overview has none. */
      dr?: DrReadinessService;
      /** Fills each service's monthly cost and budget status; absent, none. */
      cost?: OverviewCosts;
    },
    private readonly timings: OverviewTimings = DEFAULT_TIMINGS,
  ) {
    this.memo = deps.cache ? new RolloutMemo(deps.cache) : undefined;
  }

  /** The overview for one caller, encoded for HTTP. */
  async overviewAnswer(
    credentials: BackstageCredentials,
  ): Promise<EncodedAnswer> {
    const now = Date.now();
    const [built, readable] = await Promise.all([
      this.rows(now),
      this.readableBy(credentials, now),
    ]);
    const key = `${built.at}|${this.userKey(credentials)}|${readable.at}`;
    let answer = this.serialized.get(key);
    if (!answer) {
      const document = filterOverview(built.value.overview, service =>
        readable.value.has(service.entityRef),
      );
      // Concurrent callers with the same key share one encoding.
      answer = encodeAnswer(JSON.stringify(document));
      // Only the latest answers matter; older keys can never be asked for again.
      if (this.serialized.size > 100) this.serialized.clear();
      this.serialized.set(key, answer);
      answer.catch(() => this.serialized.delete(key));
    }
    return answer;
  }

  private userKey(credentials: BackstageCredentials): string {
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
      subject?: string;
    };
    return principal.userEntityRef ?? principal.subject ?? principal.type;
  }

  private async catalogEntities(now: number): Promise<Timed<Entity[]>> {
    if (!this.entities || now - this.entities.at > this.timings.catalogTtlMs) {
      const items = await listDeliveryEntities(
        this.deps.catalog,
        this.deps.auth,
      );
      this.entities = { at: now, value: items };
    }
    return this.entities;
  }

  private async rows(now: number): Promise<Timed<Built>> {
    const entities = await this.catalogEntities(now);
    // Both counters only grow, so their sum moves whenever either does: a change in a
    // cluster, or a new measurement from the cost source.
    const version =
      (this.deps.cache?.version ?? 0) +
      (this.deps.cost?.measurementsVersion ?? 0);
    const built = this.built;
    const stale =
      !built ||
      built.at < entities.at ||
      (built.value.version !== version &&
        now - built.at >= this.timings.rebuildMs) ||
      ((this.deps.dr !== undefined || this.deps.cost !== undefined) &&
        now - built.at >= this.timings.drRefreshMs);
    if (!stale) return built;
    // Concurrent callers share one rebuild (it waits on the run store).
    if (!this.rebuilding) {
      this.rebuilding = this.rebuild(entities.value, version, now).finally(
        () => {
          this.rebuilding = undefined;
        },
      );
    }
    return this.rebuilding;
  }

  private async rebuild(
    entities: Entity[],
    version: number,
    now: number,
  ): Promise<Timed<Built>> {
    const [dr, cost] = await Promise.all([
      this.deps.dr?.overviewReadiness(entities, now),
      this.deps.cost?.overviewCosts(entities, now),
    ]);
    const built = {
      at: now,
      value: {
        version,
        overview: buildOverview(
          entities,
          this.deps.cache,
          this.memo,
          now,
          dr,
          cost,
        ),
      },
    };
    this.built = built;
    return built;
  }

  /** Entity refs the caller may read in the catalog and may read delivery facts of. */
  private async readableBy(
    credentials: BackstageCredentials,
    now: number,
  ): Promise<Timed<Set<string>>> {
    const key = this.userKey(credentials);
    const cached = this.readable.get(key);
    if (cached && now - cached.at <= this.timings.readableTtlMs) return cached;
    // One decision per caller, however big the catalog (see readableEntityRefs).
    const value = await readableEntityRefs({
      catalog: this.deps.catalog,
      permissions: this.deps.permissions,
      credentials,
      permission: deliveryEntityReadPermission,
      filter: WITH_WORKLOADS,
    });
    const entry = { at: now, value };
    this.readable.set(key, entry);
    return entry;
  }
}
