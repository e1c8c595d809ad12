import { LoggerService } from '@backstage/backend-plugin-api';
import { KubeConfig } from '@kubernetes/client-node';
import {
  ClusterSnapshot,
  ServiceWorkloads,
} from '@internal/backstage-plugin-delivery-common';
import {
  compactDeployment,
  compactHpa,
  compactPod,
  compactReplicaSet,
} from './compact';
import {
  KindWatcher,
  SERVICE_LABEL,
  WATCHED_KINDS,
  WatchedKind,
} from './KindWatcher';

/** How to reach a cluster, and where it sits (from delivery.clusters). */
export interface ClusterConnection {
  name: string;
  url: string;
  token?: string;
  caData?: string;
  skipTLSVerify?: boolean;
  environment: string;
  region?: string;
  role: 'primary' | 'dr';
  sandbox: boolean;
}

const COMPACT = {
  deployments: compactDeployment,
  replicasets: compactReplicaSet,
  pods: compactPod,
  horizontalpodautoscalers: compactHpa,
} as const;

const FIELD: Record<WatchedKind, keyof ServiceWorkloads> = {
  deployments: 'deployments',
  replicasets: 'replicaSets',
  pods: 'pods',
  horizontalpodautoscalers: 'hpas',
};

interface KindState {
  rows: Map<string, { service: string; row: any }>;
  byService: Map<string, Set<string>>;
  synced: boolean;
  error?: string;
  syncedAt?: number;
}

const keyOf = (object: any) =>
  `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;

/** One cluster's compact rows of every watched kind, indexed by service id. */
class ClusterState {
  readonly kinds = new Map<WatchedKind, KindState>();
  watchers: KindWatcher[] = [];

  constructor(
    readonly connection: ClusterConnection,
    private readonly onChange: () => void,
  ) {
    for (const kind of Object.keys(WATCHED_KINDS) as WatchedKind[]) {
      this.kinds.set(kind, {
        rows: new Map(),
        byService: new Map(),
        synced: false,
      });
    }
  }

  handlers(kind: WatchedKind) {
    const state = this.kinds.get(kind)!;
    const remove = (key: string) => {
      const old = state.rows.get(key);
      if (!old) return;
      state.rows.delete(key);
      state.byService.get(old.service)?.delete(key);
    };
    const upsert = (object: any) => {
      const service = object.metadata?.labels?.[SERVICE_LABEL];
      const key = keyOf(object);
      remove(key);
      if (!service) return;
      state.rows.set(key, { service, row: COMPACT[kind](object) });
      let keys = state.byService.get(service);
      if (!keys) state.byService.set(service, (keys = new Set()));
      keys.add(key);
    };
    return {
      reset: (objects: any[]) => {
        state.rows.clear();
        state.byService.clear();
        objects.forEach(upsert);
        this.onChange();
      },
      upsert: (object: any) => {
        upsert(object);
        this.onChange();
      },
      remove: (object: any) => {
        remove(keyOf(object));
        this.onChange();
      },
      synced: () => {
        const changed = !state.synced || state.error;
        state.synced = true;
        state.error = undefined;
        state.syncedAt = Date.now();
        if (changed) this.onChange();
      },
      failed: (error: Error) => {
        state.error = error.message;
        this.onChange();
      },
    };
  }

  workloads(service: string): ServiceWorkloads {
    const out: ServiceWorkloads = {
      deployments: [],
      replicaSets: [],
      pods: [],
      hpas: [],
    };
    for (const [kind, state] of this.kinds) {
      for (const key of state.byService.get(service) ?? []) {
        (out[FIELD[kind]] as any[]).push(state.rows.get(key)!.row);
      }
    }
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

function kubeConfigFor(connection: ClusterConnection): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser(
    {
      name: connection.name,
      server: connection.url,
      caData: connection.caData,
      skipTLSVerify: Boolean(connection.skipTLSVerify),
    },
    { name: `${connection.name}-delivery`, token: connection.token },
  );
  return kc;
}

/**
 * The Delivery cluster cache: per cluster and kind one list, then one watch, holding compact
 * rows indexed by service id. Page views read from here and never reach the clusters.
 * `version` changes on every change, so readers can tell whether anything moved.
 */
export class ClusterCache {
  private readonly clusters: ClusterState[];
  private changeCount = 0;

  constructor(
    connections: ClusterConnection[],
    private readonly logger: LoggerService,
    private readonly options: {
      startConcurrency?: number;
      minBackoffMs?: number;
    } = {},
  ) {
    this.clusters = connections.map(
      c => new ClusterState(c, () => this.changeCount++),
    );
  }

  get version(): number {
    return this.changeCount;
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
        const kc = kubeConfigFor(cluster.connection);
        cluster.watchers = (Object.keys(WATCHED_KINDS) as WatchedKind[]).map(
          kind =>
            new KindWatcher(
              kc,
              kind,
              cluster!.handlers(kind),
              this.logger,
              this.options.minBackoffMs,
            ),
        );
        await Promise.all(cluster.watchers.map(w => w.start()));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  stop(): void {
    for (const cluster of this.clusters)
      cluster.watchers.forEach(w => w.stop());
  }

  /** How many compact rows the cache holds across all clusters and kinds. */
  objectCount(): number {
    let count = 0;
    for (const cluster of this.clusters) {
      for (const state of cluster.kinds.values()) count += state.rows.size;
    }
    return count;
  }

  snapshots(): ClusterSnapshot[] {
    return this.clusters.map(c => c.snapshot());
  }

  /** Every service id seen in any cluster. */
  services(): Set<string> {
    const ids = new Set<string>();
    for (const cluster of this.clusters)
      for (const id of cluster.services()) ids.add(id);
    return ids;
  }

  workloads(cluster: string, service: string): ServiceWorkloads | undefined {
    return this.clusters
      .find(c => c.connection.name === cluster)
      ?.workloads(service);
  }
}
