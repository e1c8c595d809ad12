import { isDeepStrictEqual } from 'node:util';
import { OverviewEntity } from '@internal/backstage-plugin-delivery-common';
import { ServicePlacement } from './serviceOverview';

/** One service as the overview holds it, with the revision at which it last changed. */
export interface ServiceRecord {
  service: OverviewEntity;
  /** Indexes into the clusters of the revision. */
  placements: ServicePlacement[];
  revision: number;
}

/** What changed after a revision: the refs of services changed or added, and removed. */
export interface ChangedSince {
  changed: string[];
  removed: string[];
}

/** How many revisions back a caller may ask for changes; older cursors get a full answer. */
const LOG_REVISIONS = 1_000;

/**
 * The overview's services, each kept with the revision at which it last changed, and a
 * tombstone for each removed one, so "what changed since revision r" costs what changed
 * rather than the whole catalog. Changes are staged with `put` and `remove`, then made one
 * revision by `commit`.
 */
export class OverviewRecords {
  private current = 0;
  private readonly records = new Map<string, ServiceRecord>();
  /** Per committed revision (ascending), the refs it changed or removed. */
  private readonly log: {
    revision: number;
    changed: string[];
    removed: string[];
  }[] = [];
  private staged = { changed: new Set<string>(), removed: new Set<string>() };
  /** Below this revision the log is gone: a cursor from before gets everything. */
  private oldest = 0;

  get revision(): number {
    return this.current;
  }

  get size(): number {
    return this.records.size;
  }

  has(entityRef: string): boolean {
    return this.records.has(entityRef);
  }

  get(entityRef: string): ServiceRecord | undefined {
    return this.records.get(entityRef);
  }

  /** Every service, in the order they were first added. */
  values(): IterableIterator<ServiceRecord> {
    return this.records.values();
  }

  /** Stages a service's new state; a state equal to the one held is no change. */
  put(service: OverviewEntity, placements: ServicePlacement[]): void {
    const ref = service.entityRef;
    const held = this.records.get(ref);
    if (
      held &&
      isDeepStrictEqual(held.service, service) &&
      isDeepStrictEqual(held.placements, placements)
    ) {
      return;
    }
    this.records.set(ref, { service, placements, revision: this.current + 1 });
    this.staged.removed.delete(ref);
    this.staged.changed.add(ref);
  }

  /** Stages a service's removal. */
  remove(entityRef: string): void {
    if (!this.records.delete(entityRef)) return;
    this.staged.changed.delete(entityRef);
    this.staged.removed.add(entityRef);
  }

  /**
   * Makes what was staged one revision; answers whether there was anything. `everything`
   * says the whole overview changed (other clusters): no cursor from before stands.
   * `clustersMoved` says the clusters' states moved, a revision though no service did.
   */
  commit(
    options: { everything?: boolean; clustersMoved?: boolean } = {},
  ): boolean {
    const { everything = false, clustersMoved = false } = options;
    const { changed, removed } = this.staged;
    if (!everything && !clustersMoved && !changed.size && !removed.size)
      return false;
    this.current++;
    this.staged = { changed: new Set(), removed: new Set() };
    if (everything) {
      this.log.length = 0;
      this.oldest = this.current;
      return true;
    }
    this.log.push({
      revision: this.current,
      changed: [...changed],
      removed: [...removed],
    });
    if (this.log.length > LOG_REVISIONS) {
      this.oldest = this.log.shift()!.revision;
    }
    return true;
  }

  /**
   * What changed after `revision`; undefined when that is too long ago (or never was),
   * so the caller needs everything.
   */
  changedSince(revision: number): ChangedSince | undefined {
    if (revision < this.oldest || revision > this.current) return undefined;
    const changed = new Set<string>();
    const removed = new Set<string>();
    // The log is short and ascending: walk back to the revision.
    for (let i = this.log.length - 1; i >= 0; i--) {
      const entry = this.log[i];
      if (entry.revision <= revision) break;
      for (const ref of entry.changed) changed.add(ref);
      for (const ref of entry.removed) removed.add(ref);
    }
    // A ref removed and then added again is a change; changed then removed, a removal.
    return {
      changed: [...changed].filter(ref => this.records.has(ref)),
      removed: [...removed].filter(ref => !this.records.has(ref)),
    };
  }
}
