import { Entity } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';
import { OverviewSubject } from './serviceOverview';

interface Followed {
  subject: OverviewSubject;
  /** A hash of the entity as the catalog last served it, to tell a changed one. */
  hash: string;
}

/**
 * The catalog entities the overview follows, and the index from the cache's service ids
 * (kubernetes-id values, followed label selectors) to them: how a change the cache reports
 * becomes the few services to derive again.
 */
export class FollowedEntities {
  private readonly followed = new Map<string, Followed>();
  private readonly byCacheKey = new Map<string, Set<string>>();

  get(entityRef: string): OverviewSubject | undefined {
    return this.followed.get(entityRef)?.subject;
  }

  has(entityRef: string): boolean {
    return this.followed.has(entityRef);
  }

  subjects(): OverviewSubject[] {
    return [...this.followed.values()].map(f => f.subject);
  }

  refs(): string[] {
    return [...this.followed.keys()];
  }

  /** The entities whose workloads the cache indexes under `cacheKey`. */
  refsOf(cacheKey: string): Iterable<string> {
    return this.byCacheKey.get(cacheKey) ?? [];
  }

  /** Whether `entity` is followed exactly as served now. */
  isUnchanged(subject: OverviewSubject, entity: Entity): boolean {
    return this.followed.get(subject.entityRef)?.hash === hashOf(entity);
  }

  follow(subject: OverviewSubject, entity: Entity): void {
    this.unfollow(subject.entityRef);
    this.followed.set(subject.entityRef, { subject, hash: hashOf(entity) });
    let refs = this.byCacheKey.get(subject.cacheKey);
    if (!refs) this.byCacheKey.set(subject.cacheKey, (refs = new Set()));
    refs.add(subject.entityRef);
  }

  unfollow(entityRef: string): void {
    const followed = this.followed.get(entityRef);
    if (!followed) return;
    this.followed.delete(entityRef);
    const key = followed.subject.cacheKey;
    const refs = this.byCacheKey.get(key);
    refs?.delete(entityRef);
    if (refs && !refs.size) this.byCacheKey.delete(key);
  }
}

/** The entity's fields as served (the catalog serves them in a stable order). */
function hashOf(entity: Entity): string {
  return createHash('sha1').update(JSON.stringify(entity)).digest('base64');
}
