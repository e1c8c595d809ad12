import { errors } from '../api/errors';
import { Clock, KubeObject, StoredEvent, systemClock } from './types';

type Listener = (event: StoredEvent) => void;

export interface StoreOptions {
  clock?: Clock;
  /** Makes uids deterministic under the fleet's seed. */
  nextUid: () => string;
  /** How many events watchers can resume from; older resourceVersions answer 410 Gone. */
  eventWindow?: number;
}

const objectKey = (namespace: string | undefined, name: string) =>
  `${namespace ?? ''}/${name}`;

function kindParts(kind: string) {
  const [group, resource] = kind.split('/');
  return { group, resource };
}

/**
 * One cluster's objects, like etcd behind an API server: a single resourceVersion counter,
 * optimistic concurrency on writes, and a bounded event log that watches resume from.
 * Stored objects are replaced on every write, never mutated, so readers may keep them.
 */
export class ObjectStore {
  private readonly clock: Clock;
  private readonly nextUid: () => string;
  private readonly eventWindow: number;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly events: StoredEvent[] = [];
  private revision = 1000;
  /** The oldest resourceVersion a watch can still resume after. */
  private oldestResumable = 1000;

  constructor(options: StoreOptions) {
    this.clock = options.clock ?? systemClock;
    this.nextUid = options.nextUid;
    this.eventWindow = options.eventWindow ?? 50_000;
  }

  get resourceVersion(): number {
    return this.revision;
  }

  get oldestResumableVersion(): number {
    return this.oldestResumable;
  }

  get(
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    return this.objects.get(kind)?.get(objectKey(namespace, name));
  }

  /** Objects of a kind, optionally in one namespace, ordered by namespace and name. */
  list(kind: string, namespace?: string): KubeObject[] {
    const all = this.objects.get(kind);
    if (!all) return [];
    const keys = [...all.keys()].sort();
    const out: KubeObject[] = [];
    for (const key of keys) {
      const object = all.get(key)!;
      if (namespace === undefined || object.metadata.namespace === namespace) {
        out.push(object);
      }
    }
    return out;
  }

  /** Every object of a kind in no particular order: what controllers iterate, without a sort. */
  all(kind: string): KubeObject[] {
    const bucket = this.objects.get(kind);
    return bucket ? [...bucket.values()] : [];
  }

  count(kind: string): number {
    return this.objects.get(kind)?.size ?? 0;
  }

  create(kind: string, input: KubeObject): KubeObject {
    const { group, resource } = kindParts(kind);
    const bucket = this.bucket(kind);
    const key = objectKey(input.metadata.namespace, input.metadata.name);
    if (bucket.has(key)) {
      throw errors.alreadyExists(group, resource, input.metadata.name);
    }
    const stored: KubeObject = {
      ...input,
      metadata: {
        ...input.metadata,
        uid: input.metadata.uid ?? this.nextUid(),
        creationTimestamp:
          input.metadata.creationTimestamp ??
          new Date(this.clock.now()).toISOString(),
        resourceVersion: String(++this.revision),
        ...('spec' in input
          ? { generation: input.metadata.generation ?? 1 }
          : {}),
      },
    };
    bucket.set(key, stored);
    this.emit({
      type: 'ADDED',
      kind,
      resourceVersion: this.revision,
      object: stored,
    });
    return stored;
  }

  /**
   * Replaces an object. With `expectedVersion` the write only happens if the stored
   * resourceVersion still matches (409 Conflict otherwise), as a real API server does.
   */
  update(
    kind: string,
    input: KubeObject,
    expectedVersion?: string,
  ): KubeObject {
    const { group, resource } = kindParts(kind);
    const bucket = this.bucket(kind);
    const key = objectKey(input.metadata.namespace, input.metadata.name);
    const current = bucket.get(key);
    if (!current) {
      throw errors.notFound(group, resource, input.metadata.name);
    }
    if (
      expectedVersion &&
      expectedVersion !== current.metadata.resourceVersion
    ) {
      throw errors.conflict(group, resource, input.metadata.name);
    }
    const specChanged =
      'spec' in current &&
      JSON.stringify(current.spec) !== JSON.stringify(input.spec);
    const stored: KubeObject = {
      ...input,
      metadata: {
        ...input.metadata,
        uid: current.metadata.uid,
        creationTimestamp: current.metadata.creationTimestamp,
        resourceVersion: String(++this.revision),
        ...('spec' in current
          ? {
              generation:
                (current.metadata.generation ?? 1) + (specChanged ? 1 : 0),
            }
          : {}),
      },
    };
    bucket.set(key, stored);
    this.emit({
      type: 'MODIFIED',
      kind,
      resourceVersion: this.revision,
      object: stored,
    });
    return stored;
  }

  delete(
    kind: string,
    namespace: string | undefined,
    name: string,
    expectedVersion?: string,
  ): KubeObject {
    const { group, resource } = kindParts(kind);
    const bucket = this.bucket(kind);
    const key = objectKey(namespace, name);
    const current = bucket.get(key);
    if (!current) {
      throw errors.notFound(group, resource, name);
    }
    if (
      expectedVersion &&
      expectedVersion !== current.metadata.resourceVersion
    ) {
      throw errors.conflict(group, resource, name);
    }
    bucket.delete(key);
    const deleted: KubeObject = {
      ...current,
      metadata: {
        ...current.metadata,
        resourceVersion: String(++this.revision),
      },
    };
    this.emit({
      type: 'DELETED',
      kind,
      resourceVersion: this.revision,
      object: deleted,
    });
    return deleted;
  }

  /**
   * Events of a kind after a resourceVersion, or 'expired' when the log no longer reaches
   * back that far (the caller answers 410 Gone and the client relists).
   */
  eventsSince(
    kind: string,
    resourceVersion: number,
  ): StoredEvent[] | 'expired' {
    if (resourceVersion < this.oldestResumable) return 'expired';
    const out: StoredEvent[] = [];
    // The log is ordered by resourceVersion: search for the first newer event.
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.events[mid].resourceVersion <= resourceVersion) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < this.events.length; i++) {
      if (this.events[i].kind === kind) out.push(this.events[i]);
    }
    return out;
  }

  subscribe(kind: string, listener: Listener): () => void {
    let set = this.listeners.get(kind);
    if (!set) {
      set = new Set();
      this.listeners.set(kind, set);
    }
    set.add(listener);
    return () => set!.delete(listener);
  }

  /** Forgets all events up to now, as etcd compaction does; for tests of 410 handling. */
  compact(): void {
    this.events.length = 0;
    this.oldestResumable = this.revision;
  }

  private bucket(kind: string): Map<string, KubeObject> {
    let bucket = this.objects.get(kind);
    if (!bucket) {
      bucket = new Map();
      this.objects.set(kind, bucket);
    }
    return bucket;
  }

  private emit(event: StoredEvent) {
    this.events.push(event);
    if (this.events.length > this.eventWindow) {
      const dropped = this.events.splice(
        0,
        this.events.length - this.eventWindow / 2,
      );
      this.oldestResumable = dropped[dropped.length - 1].resourceVersion;
    }
    for (const listener of this.listeners.get(event.kind) ?? []) {
      listener(event);
    }
  }
}
