import { LoggerService } from '@backstage/backend-plugin-api';
import type {
  DrDatabaseProvider,
  DrSnapshot,
  DrTarget,
} from '@internal/backstage-plugin-delivery-node';
import type { DrReplicationEvidence } from './readiness/evidence';

/** What the DR database provider said about one target, and when. */
export interface DrProviderAnswer {
  /** When the read finished (ms since the epoch). */
  at: number;
  /** The replica and its lag; absent when `describe` failed (the check is then unknown). */
  replication?: DrReplicationEvidence;
  /**
   * Whether the latest snapshot is known: false when `latestSnapshot` failed, so "no
   * backup" is not claimed while the provider may hold one.
   */
  snapshotKnown: boolean;
  /** The latest restorable point, when the provider keeps one. */
  snapshot?: DrSnapshot;
}

/** How long an answer is reused: provider reads cost API calls (and, in a cloud, money). */
export const DR_PROVIDER_TTL_MS = 60_000;

/** A target's identity: a changed namespace or database id is another read. */
export function drTargetKey(target: DrTarget): string {
  return [
    target.entityRef,
    target.environment,
    target.namespace,
    target.database,
    target.primary.name,
    target.dr.name,
  ].join('\u0000');
}

/**
 * The DR database provider's answers, per target, reused for a TTL. Concurrent reads of
 * one target share one request; a page view or the overview never waits on a provider
 * unless the answer is older than the TTL (`read`), and the overview only ever `peek`s.
 * A provider failure is logged once per target and message, not on every read.
 */
export class DrProviderReads {
  private readonly answers = new Map<string, DrProviderAnswer>();
  private readonly inFlight = new Map<string, Promise<DrProviderAnswer>>();
  private readonly logged = new Map<string, string>();

  constructor(
    private readonly provider: DrDatabaseProvider,
    private readonly logger: LoggerService,
    private readonly ttlMs = DR_PROVIDER_TTL_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The last answer for a target, however old; never reads. */
  peek(target: DrTarget): DrProviderAnswer | undefined {
    return this.answers.get(drTargetKey(target));
  }

  /**
   * The answer for a target, read again when the last one is older than `maxAgeMs` (the
   * TTL unless the caller asks for fresher).
   */
  read(target: DrTarget, maxAgeMs = this.ttlMs): Promise<DrProviderAnswer> {
    const key = drTargetKey(target);
    const known = this.answers.get(key);
    if (known && this.clock() - known.at < maxAgeMs) {
      return Promise.resolve(known);
    }
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.fetch(key, target).finally(() =>
        this.inFlight.delete(key),
      );
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async fetch(key: string, target: DrTarget) {
    const { provider } = this;
    const [state, snapshot] = await Promise.allSettled([
      provider.describe(target),
      provider.latestSnapshot
        ? provider.latestSnapshot(target)
        : Promise.resolve(undefined),
    ]);
    const failures = [state, snapshot]
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map(r =>
        r.reason instanceof Error ? r.reason.message : String(r.reason),
      );
    this.logFailure(key, target, failures);

    let replication: DrReplicationEvidence | undefined;
    if (state.status === 'fulfilled') {
      const { replica, lagSeconds, measuredAt } = state.value;
      replication = {
        provider: state.value.provider || provider.id,
        replica: replica?.id,
        region: replica?.region,
        lagSeconds,
        measuredAt,
      };
    }
    const answer: DrProviderAnswer = {
      at: this.clock(),
      replication,
      snapshotKnown: snapshot.status === 'fulfilled',
      snapshot: snapshot.status === 'fulfilled' ? snapshot.value : undefined,
    };
    this.answers.set(key, answer);
    return answer;
  }

  private logFailure(key: string, target: DrTarget, failures: string[]) {
    // describe and latestSnapshot usually fail alike: say it once.
    const message = [...new Set(failures)].join('; ');
    if (!message) {
      this.logged.delete(key);
      return;
    }
    if (this.logged.get(key) === message) return;
    this.logged.set(key, message);
    this.logger.warn(
      `DR provider ${this.provider.id} could not read the database of ${target.entityRef} in ${target.environment}: ${message}; its DR readiness shows the replica as unknown`,
    );
  }
}
