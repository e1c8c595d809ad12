import type { CompactAnalysisRun } from '@internal/backstage-plugin-delivery-common';
import type { KindWatcherHandlers } from './KindWatcher';
import { compactAnalysisRun } from './compactArgo';
import { Interner } from './StringPool';

const keyOf = (object: any) =>
  `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;

/**
 * One cluster's Argo AnalysisRuns, indexed by the uid of the Rollout that owns them.
 * Upstream labels a run with the pod-template hash and the rollout type but not with the
 * Rollout's own labels, so runs cannot be found by service id: the service's Rollouts are,
 * and their runs through them.
 */
export class AnalysisRunIndex {
  private readonly byName = new Map<string, CompactAnalysisRun>();
  private readonly byOwner = new Map<string, CompactAnalysisRun[]>();

  constructor(
    private readonly pool: Interner,
    private readonly onChange: () => void,
  ) {}

  /** The runs the given Rollouts own. */
  of(ownerUids: Iterable<string>): CompactAnalysisRun[] {
    const runs: CompactAnalysisRun[] = [];
    for (const uid of ownerUids) runs.push(...(this.byOwner.get(uid) ?? []));
    return runs;
  }

  get size(): number {
    return this.byName.size;
  }

  handlers(): KindWatcherHandlers {
    return {
      reset: objects => {
        this.byName.clear();
        this.byOwner.clear();
        objects.forEach(object => this.upsert(object));
        this.onChange();
      },
      upsert: object => {
        this.upsert(object);
        this.onChange();
      },
      remove: object => {
        this.remove(keyOf(object));
        this.onChange();
      },
      synced: () => {},
      // The last known runs stay; the watcher logs and retries.
      failed: () => {},
      // A cluster without Argo Rollouts: no runs, and no warning.
      notServed: () => {
        if (!this.byName.size) return;
        this.byName.clear();
        this.byOwner.clear();
        this.onChange();
      },
    };
  }

  private upsert(object: any) {
    const key = keyOf(object);
    this.remove(key);
    const run = compactAnalysisRun(object, this.pool);
    // Only a Rollout's runs are read; a run started by hand belongs to no service.
    if (!run.ownerUid) return;
    this.byName.set(key, run);
    const runs = this.byOwner.get(run.ownerUid);
    if (runs) runs.push(run);
    else this.byOwner.set(run.ownerUid, [run]);
  }

  private remove(key: string) {
    const old = this.byName.get(key);
    if (!old) return;
    this.byName.delete(key);
    const runs = this.byOwner.get(old.ownerUid!)!;
    runs.splice(runs.indexOf(old), 1);
    if (!runs.length) this.byOwner.delete(old.ownerUid!);
  }
}
