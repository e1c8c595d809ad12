import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  deliveryEntityReadPermission,
  deriveDoraAnswer,
  DORA_ACTIONS,
  DoraAnswer,
  DoraSummary,
  doraWindow,
  summarizeDora,
} from '@internal/backstage-plugin-delivery-common';
import { DeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import { WITH_WORKLOADS } from '../catalog/deliveryEntities';
import { callerKey } from '../permissions/callerKey';
import { readableEntityRefs } from '../permissions/readableEntityRefs';
import { RunStore } from '../runs/RunStore';
import { GithubCommitTimes } from './GithubCommitTimes';

/**
 * Runs this long before the window are read too, as context: the deploy a rollback in
 * the window undid, or the paused deploy a promote in the window finished.
 */
const CONTEXT_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A caller's summary is reused this long: the overview asks again on every visit. */
const SUMMARY_TTL_MS = 30_000;
const MAX_CACHED_CALLERS = 1_000;

const PROJECT_SLUG = 'github.com/project-slug';

/** The DORA metrics of one service, or of every service a caller may read. */
export class DoraService {
  private readonly summaries = new Map<
    string,
    { at: number; summary: Promise<DoraSummary> }
  >();

  constructor(
    private readonly deps: {
      runStore: RunStore;
      config: DeliveryConfig;
      catalog: CatalogService;
      permissions: PermissionsService;
      commitTimes: GithubCommitTimes;
      now?: () => Date;
    },
  ) {}

  private window() {
    const now = this.deps.now?.() ?? new Date();
    return doraWindow(now, this.deps.config.dora.windowDays);
  }

  private contextSince(window: { since: string }): Date {
    return new Date(Date.parse(window.since) - CONTEXT_DAYS * DAY_MS);
  }

  /** `GET /dora?entityRef=`: every environment, lead time looked up on GitHub. */
  async answer(entity: Entity): Promise<DoraAnswer> {
    const { config, runStore, commitTimes } = this.deps;
    const entityRef = stringifyEntityRef(entity);
    const window = this.window();
    const runs = await runStore.runsSince({
      since: this.contextSince(window),
      actions: DORA_ACTIONS,
      entityRef,
    });
    const slug = entity.metadata.annotations?.[PROJECT_SLUG];
    const unavailable = commitTimes.unavailable(slug);
    const images = runs
      .filter(
        run =>
          run.action === 'deploy' &&
          (run.status === 'succeeded' || run.status === 'paused'),
      )
      .map(run => run.inputs.image)
      .filter((image): image is string => typeof image === 'string');
    const facts =
      unavailable || !slug
        ? new Map()
        : await commitTimes.commitsOf(slug, images);
    return deriveDoraAnswer(entityRef, runs, {
      environments: config.environments,
      window,
      thresholds: config.dora.thresholds,
      commits: { facts, unavailable },
    });
  }

  /**
   * `GET /dora/summary`: the production metrics of every service the caller may read.
   * One permission decision, one catalog read and one run query, whatever the catalog's
   * size; reused for a few seconds per caller.
   */
  async summary(credentials: BackstageCredentials): Promise<DoraSummary> {
    const key = callerKey(credentials);
    const now = Date.now();
    const cached = this.summaries.get(key);
    if (cached && now - cached.at < SUMMARY_TTL_MS) return cached.summary;
    const summary = this.computeSummary(credentials);
    this.summaries.set(key, { at: now, summary });
    summary.catch(() => this.summaries.delete(key));
    if (this.summaries.size > MAX_CACHED_CALLERS)
      this.summaries.delete(this.summaries.keys().next().value!);
    return summary;
  }

  private async computeSummary(
    credentials: BackstageCredentials,
  ): Promise<DoraSummary> {
    const { config, runStore, catalog, permissions } = this.deps;
    const window = this.window();
    const production = config.environments
      .filter(env => env.production)
      .map(env => env.name);
    const [readable, runs] = await Promise.all([
      readableEntityRefs({
        catalog,
        permissions,
        credentials,
        permission: deliveryEntityReadPermission,
        filter: WITH_WORKLOADS,
      }),
      runStore.runsSince({
        since: this.contextSince(window),
        actions: DORA_ACTIONS,
        environments: production,
      }),
    ]);
    const active = [...new Set(runs.map(run => run.entityRef))].filter(ref =>
      readable.has(ref),
    );
    const owners = new Map<string, string | undefined>();
    if (active.length > 0) {
      const { items } = await catalog.getEntitiesByRefs(
        {
          entityRefs: active,
          fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.owner'],
        },
        { credentials },
      );
      for (const entity of items) {
        if (!entity) continue;
        const owner = entity.spec?.owner;
        owners.set(
          stringifyEntityRef(entity),
          typeof owner === 'string' ? owner : undefined,
        );
      }
    }
    return summarizeDora(runs, owners, {
      environments: config.environments,
      window,
      thresholds: config.dora.thresholds,
    });
  }
}
