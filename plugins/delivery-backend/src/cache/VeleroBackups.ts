import { LoggerService } from '@backstage/backend-plugin-api';
import type { KubeConfig } from '@kubernetes/client-node';
import {
  compactVeleroBackup,
  CompactVeleroBackup,
  compactVeleroSchedule,
  CompactVeleroSchedule,
  coversNamespace,
  endedAt,
  isFailedVeleroPhase,
  VELERO_BACKUP_PHASES,
} from './compactVelero';
import { KindWatcher, KindWatcherHandlers } from './KindWatcher';
import { Interner } from './StringPool';

/** Where Velero keeps its objects unless installed elsewhere (`velero install --namespace`). */
export const DEFAULT_VELERO_NAMESPACE = 'velero';

/** The newest Backups of one cluster that cover one namespace. */
export interface VeleroCoverage {
  /** The newest Completed one. */
  completed?: CompactVeleroBackup;
  /** The newest Failed, PartiallyFailed or FailedValidation one. */
  failed?: CompactVeleroBackup;
  /** The Schedules whose template covers the namespace. */
  schedules: CompactVeleroSchedule[];
}

/**
 * What Delivery knows of Velero in one cluster:
 * - `not-served`: the cluster does not serve `velero.io/v1` (404): Velero is not installed,
 *   which is no failure of anything;
 * - `unknown`: not listed yet, or the list fails otherwise (403, 500, timeout);
 * - `read`: listed; `coverage` answers per namespace from the last list and watch.
 */
export type VeleroReading =
  | { state: 'not-served' }
  | { state: 'unknown'; error?: string }
  | { state: 'read'; coverage(namespace: string): VeleroCoverage };

/** When a Backup ended, for ordering (a validation failure may have no time: oldest). */
function endOf(backup: CompactVeleroBackup): number {
  const at = Date.parse(endedAt(backup) ?? '');
  return Number.isNaN(at) ? 0 : at;
}

const newer = (a: CompactVeleroBackup, b: CompactVeleroBackup) =>
  endOf(a) > endOf(b);

/** Backups that cover the same namespaces, with the newest Completed and failed one. */
interface CoverageGroup {
  sample: CompactVeleroBackup;
  completed?: CompactVeleroBackup;
  failed?: CompactVeleroBackup;
}

interface Listed<T> {
  rows: Map<string, T>;
  synced: boolean;
  notServed: boolean;
  error?: string;
}

/**
 * One cluster's Velero Backups and Schedules, each one list and one watch in the Velero
 * namespace (so the backend needs list/watch on `backups.velero.io` and
 * `schedules.velero.io` there, nothing cluster-wide). Backups are not labelled by service:
 * they cover namespaces, so they are indexed by what they cover, not by service id.
 */
export class VeleroBackups {
  private readonly backups: Listed<CompactVeleroBackup> = {
    rows: new Map(),
    synced: false,
    notServed: false,
  };
  private readonly schedules: Listed<CompactVeleroSchedule> = {
    rows: new Map(),
    synced: false,
    notServed: false,
  };
  private watchers: KindWatcher[] = [];
  /**
   * Backups grouped by what they cover (a Schedule's Backups all cover the same), newest
   * first; rebuilt after a change, so a lookup costs the number of distinct coverages,
   * not the number of Backups.
   */
  private groups?: CoverageGroup[];

  /** What the Backups' and Schedules' watchers report to (tests feed them directly). */
  readonly backupHandlers: KindWatcherHandlers;
  readonly scheduleHandlers: KindWatcherHandlers;

  constructor(
    private readonly pool: Interner,
    private readonly onChange: () => void,
    private readonly namespace = DEFAULT_VELERO_NAMESPACE,
  ) {
    this.backupHandlers = this.handlers(this.backups, compactVeleroBackup);
    this.scheduleHandlers = this.handlers(
      this.schedules,
      compactVeleroSchedule,
    );
  }

  private handlers<T extends { name: string }>(
    listed: Listed<T>,
    compact: (object: any, pool: Interner) => T,
  ): KindWatcherHandlers {
    const changed = () => {
      this.groups = undefined;
      this.onChange();
    };
    return {
      reset: objects => {
        listed.rows.clear();
        for (const object of objects) {
          const row = compact(object, this.pool);
          listed.rows.set(row.name, row);
        }
        changed();
      },
      upsert: object => {
        const row = compact(object, this.pool);
        listed.rows.set(row.name, row);
        changed();
      },
      remove: object => {
        listed.rows.delete(object.metadata?.name ?? '');
        changed();
      },
      synced: () => {
        const news = !listed.synced || listed.error || listed.notServed;
        listed.synced = true;
        listed.notServed = false;
        listed.error = undefined;
        if (news) changed();
      },
      failed: error => {
        listed.error = error.message;
        changed();
      },
      notServed: () => {
        const news = !listed.notServed;
        listed.notServed = true;
        listed.synced = false;
        listed.error = undefined;
        listed.rows.clear();
        if (news) changed();
      },
    };
  }

  /** Opens the two lists and watches; resolves once both first lists are done. */
  start(
    kc: KubeConfig,
    logger: LoggerService,
    minBackoffMs?: number,
  ): Promise<void> {
    const base = `/apis/velero.io/v1/namespaces/${this.namespace}`;
    this.watchers = [
      new KindWatcher(
        kc,
        'backups.velero.io',
        this.backupHandlers,
        logger,
        minBackoffMs,
        '',
        `${base}/backups`,
      ),
      new KindWatcher(
        kc,
        'schedules.velero.io',
        this.scheduleHandlers,
        logger,
        minBackoffMs,
        '',
        `${base}/schedules`,
      ),
    ];
    return Promise.all(this.watchers.map(w => w.start())).then(() => {});
  }

  stop(): void {
    this.watchers.forEach(w => w.stop());
  }

  rowCount(): number {
    return this.backups.rows.size + this.schedules.rows.size;
  }

  /**
   * What is known. Backups decide: Schedules only add advice, so a cluster where they
   * cannot be read still reports its Backups.
   */
  reading(): VeleroReading {
    const { backups } = this;
    if (backups.notServed) return { state: 'not-served' };
    if (!backups.synced) return { state: 'unknown', error: backups.error };
    return {
      state: 'read',
      coverage: namespace => this.coverage(namespace),
    };
  }

  private coverage(namespace: string): VeleroCoverage {
    let completed: CompactVeleroBackup | undefined;
    let failed: CompactVeleroBackup | undefined;
    for (const group of this.grouped()) {
      if (!coversNamespace(group.sample, namespace)) continue;
      if (group.completed && (!completed || newer(group.completed, completed)))
        completed = group.completed;
      if (group.failed && (!failed || newer(group.failed, failed)))
        failed = group.failed;
    }
    const schedules = [...this.schedules.rows.values()].filter(s =>
      coversNamespace(s, namespace),
    );
    return { completed, failed, schedules };
  }

  private grouped(): CoverageGroup[] {
    if (this.groups) return this.groups;
    const byCoverage = new Map<string, CoverageGroup>();
    for (const backup of this.backups.rows.values()) {
      const key = JSON.stringify([
        backup.includedNamespaces,
        backup.excludedNamespaces,
      ]);
      let group = byCoverage.get(key);
      if (!group) {
        group = { sample: backup };
        byCoverage.set(key, group);
      }
      if (backup.phase === VELERO_BACKUP_PHASES.completed) {
        if (!group.completed || newer(backup, group.completed))
          group.completed = backup;
      } else if (isFailedVeleroPhase(backup.phase)) {
        if (!group.failed || newer(backup, group.failed)) group.failed = backup;
      }
    }
    this.groups = [...byCoverage.values()];
    return this.groups;
  }
}
