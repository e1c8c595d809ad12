import { LABEL_KUBERNETES_ID } from '@internal/backstage-plugin-delivery-common';
import { KubeConfig, Watch } from '@kubernetes/client-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Agent as HttpsAgent } from 'node:https';
import fetch from 'node-fetch';

/**
 * The kinds the cache follows per service, and where each is listed across all namespaces.
 * PodDisruptionBudgets and CronJobs (backups) are read by the DR readiness checks; Argo
 * Rollouts where the cluster serves them (see {@link OPTIONAL_KINDS}).
 */
export const WATCHED_KINDS = {
  deployments: '/apis/apps/v1/deployments',
  replicasets: '/apis/apps/v1/replicasets',
  pods: '/api/v1/pods',
  horizontalpodautoscalers: '/apis/autoscaling/v2/horizontalpodautoscalers',
  poddisruptionbudgets: '/apis/policy/v1/poddisruptionbudgets',
  cronjobs: '/apis/batch/v1/cronjobs',
  rollouts: '/apis/argoproj.io/v1alpha1/rollouts',
} as const;

export type WatchedKind = keyof typeof WATCHED_KINDS;

/**
 * Everything a watcher can list: the service kinds, Nodes, which belong to no service
 * (cluster-scoped, unlabelled) and are read for the zone each pod runs in, and Argo's
 * AnalysisRuns, which carry their Rollout's owner reference but not its labels.
 */
const LISTED_KINDS = {
  ...WATCHED_KINDS,
  nodes: '/api/v1/nodes',
  analysisruns: '/apis/argoproj.io/v1alpha1/analysisruns',
} as const;

export type ListedKind = keyof typeof LISTED_KINDS;

/**
 * Kinds of an add-on a cluster may not have installed (Argo Rollouts): their handlers
 * take a 404 as "none here", with no warning, instead of a failure of the cluster.
 */
export const OPTIONAL_KINDS: ReadonlySet<ListedKind> = new Set([
  'rollouts',
  'analysisruns',
]);

export interface KindWatcherHandlers {
  /** A complete, consistent list replaces everything known of this kind. */
  reset(objects: any[]): void;
  upsert(object: any): void;
  remove(object: any): void;
  /** Connection news: synced after a list or a watch event; failed with the error. */
  synced(): void;
  failed(error: Error): void;
  /**
   * The cluster does not serve the kind (404: its API group, such as a CRD's, is not
   * installed). Without this handler a 404 is a failure like any other.
   */
  notServed?(): void;
}

const PAGE_SIZE = 500;
const MAX_BACKOFF_MS = 30_000;

/**
 * A keep-alive copy of the client's HTTPS agent (same CA, client certificate and TLS
 * settings), so the pages of one list share one connection: the client makes a fresh
 * agent, hence a fresh TLS handshake, per request, and a list of thousands of objects is
 * several pages. Undefined for any other agent (a proxy's), which is then used as is.
 */
function keepAliveLike(agent: unknown): HttpsAgent | undefined {
  if (!agent || Object.getPrototypeOf(agent) !== HttpsAgent.prototype)
    return undefined;
  return new HttpsAgent({
    ...(agent as HttpsAgent & { options: object }).options,
    keepAlive: true,
  });
}

class GoneError extends Error {}
class NotServedError extends Error {}

const sleep = (ms: number) =>
  new Promise(resolve => {
    setTimeout(resolve, ms).unref();
  });

/** The watch's done callback gets nothing on a normal end, else an error of any shape. */
function asError(error: unknown): Error | undefined {
  if (!error) return undefined;
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * One list, then one watch, of one kind in one cluster; on `410 Gone` it lists again, on
 * any other failure it retries with exponential back-off (1 s to 30 s). Objects are handed
 * to the handlers as they come and never kept here.
 */
export class KindWatcher {
  private stopped = false;
  private abort?: AbortController;
  private resourceVersion = '';

  constructor(
    private readonly kc: KubeConfig,
    /** What is listed, for the log: a listed kind, or a resource such as `backups.velero.io`. */
    private readonly kind: ListedKind | string,
    private readonly handlers: KindWatcherHandlers,
    private readonly logger: LoggerService,
    private readonly minBackoffMs = 1000,
    /**
     * Only objects that belong to a catalog entity are cached: by default, those with the
     * kubernetes-id label. Empty: every object of the kind (Nodes).
     */
    private readonly labelSelector: string = LABEL_KUBERNETES_ID,
    /** Where the kind is listed and watched; by default across all namespaces. */
    private readonly path: string = LISTED_KINDS[kind as ListedKind],
  ) {}

  /** The label selector as a query parameter, or none for an empty one. */
  private selection(): { labelSelector?: string } {
    return this.labelSelector ? { labelSelector: this.labelSelector } : {};
  }

  /** Resolves once the first list has succeeded or failed; watching goes on after. */
  start(): Promise<void> {
    return new Promise(firstListDone => {
      void this.run(firstListDone);
    });
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
  }

  private async run(firstListDone: () => void) {
    let backoff = this.minBackoffMs;
    while (!this.stopped) {
      try {
        if (!this.resourceVersion) {
          await this.list();
          firstListDone();
        }
        // Returns when the server ends the watch (its timeout); then watch on from here.
        await this.watchOnce();
        backoff = this.minBackoffMs;
      } catch (error) {
        firstListDone();
        if (this.stopped) return;
        if (error instanceof GoneError) {
          this.resourceVersion = ''; // too old: list again, at once
          continue;
        }
        if (error instanceof NotServedError && this.handlers.notServed) {
          // Not installed, which is no fault: look again now and then, without a warning.
          this.resourceVersion = '';
          this.handlers.notServed();
          await sleep(MAX_BACKOFF_MS);
          continue;
        }
        this.handlers.failed(error as Error);
        this.logger.warn(
          `Delivery cache: ${this.kind} (${this.labelSelector || 'all'}): ${
            (error as Error).message
          }; retrying in ${backoff} ms`,
        );
        await sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
      }
    }
  }

  private async list(): Promise<void> {
    const cluster = this.kc.getCurrentCluster();
    if (!cluster) throw new Error('no cluster in the kubeconfig');
    const items: any[] = [];
    let next = '';
    let version = '';
    let pages: HttpsAgent | undefined;
    try {
      do {
        const query = new URLSearchParams({
          ...this.selection(),
          limit: String(PAGE_SIZE),
        });
        if (next) query.set('continue', next);
        const init = await this.kc.applyToFetchOptions({});
        pages ??= keepAliveLike(init.agent);
        const res = await fetch(`${cluster.server}${this.path}?${query}`, {
          ...(init as any),
          agent: pages ?? init.agent,
        });
        if (res.status === 410) throw new GoneError('continue token expired');
        if (res.status === 404)
          throw new NotServedError(`list ${this.kind}: HTTP 404`);
        if (!res.ok)
          throw new Error(
            `list ${this.kind}: HTTP ${res.status} ${(await res.text()).slice(
              0,
              200,
            )}`,
          );
        const body: any = await res.json();
        items.push(...(body.items ?? []));
        next = body.metadata?.continue ?? '';
        version = body.metadata?.resourceVersion ?? version;
      } while (next);
    } finally {
      pages?.destroy();
    }
    this.resourceVersion = version;
    this.handlers.reset(items);
    this.handlers.synced();
  }

  private watchOnce(): Promise<void> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        if (error) reject(error);
        else resolve();
      };
      new Watch(this.kc)
        .watch(
          this.path,
          {
            ...this.selection(),
            resourceVersion: this.resourceVersion,
            allowWatchBookmarks: true,
          },
          (type, object) => {
            if (type === 'ERROR') {
              finish(
                object?.code === 410
                  ? new GoneError(object.message)
                  : new Error(object?.message ?? 'watch error'),
              );
              return;
            }
            if (object?.metadata?.resourceVersion)
              this.resourceVersion = object.metadata.resourceVersion;
            if (type === 'ADDED' || type === 'MODIFIED')
              this.handlers.upsert(object);
            else if (type === 'DELETED') this.handlers.remove(object);
            this.handlers.synced();
          },
          error => finish(asError(error)),
        )
        .then(controller => {
          this.abort = controller;
          if (this.stopped) controller.abort();
        })
        .catch(error => finish(error));
    });
  }
}
