import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  deliveryEntityReadPermission,
  filterOverview,
  OverviewChanges,
  OverviewDocument,
  OverviewEntity,
  OverviewPlacement,
} from '@internal/backstage-plugin-delivery-common';
import { randomUUID } from 'node:crypto';
import { ClusterCache } from '../cache/ClusterCache';
import { callerKey } from '../permissions/callerKey';
import { readableEntityRefs } from '../permissions/readableEntityRefs';
import type { OverviewCosts } from '../cost/OverviewCosts';
import type { DrReadinessService } from '../dr/DrReadinessService';
import { WITH_WORKLOADS } from '../catalog/deliveryEntities';
import { EncodedAnswer, encodeAnswer } from './EncodedAnswer';
import { OverviewAtRevision } from './assembleOverview';
import { IncrementalOverview } from './IncrementalOverview';
import {
  DEFAULT_OVERVIEW_TIMINGS,
  IncrementalOverviewTimings,
} from './overviewTimings';
import { decodeCursor, encodeCursor, fingerprintOf } from './overviewCursor';
import { overviewJson } from './overviewJson';

export interface OverviewTimings extends IncrementalOverviewTimings {
  /** How long what one user may read is reused. */
  readableTtlMs: number;
}

const DEFAULT_TIMINGS: OverviewTimings = {
  ...DEFAULT_OVERVIEW_TIMINGS,
  readableTtlMs: 30_000,
};

/** What one caller may read, when it was asked, and its fingerprint for cursors. */
interface Readable {
  at: number;
  refs: Set<string>;
  fingerprint: string;
}

/**
 * The catalog-wide overview, kept up to date for everyone by change (see
 * {@link IncrementalOverview}) and filtered per caller: what a caller may see comes from
 * the catalog and one conditional permission decision as that caller (kept 30 s; see
 * `readableEntityRefs`). Callers get the whole document once, then what changed since
 * their cursor. The whole document is serialised once per (revision, caller) pair, so a
 * busy page costs little.
 */
export class OverviewService {
  readonly overview: IncrementalOverview;
  /** Cursors of another process (a restart, another replica) are not ours. */
  private readonly epoch = randomUUID().slice(0, 8);
  private readonly readable = new Map<string, Readable>();
  private readonly serialized = new Map<string, Promise<EncodedAnswer>>();

  constructor(
    private readonly deps: {
      auth: AuthService;
      catalog: CatalogService;
      permissions: PermissionsService;
      logger: LoggerService;
      cache?: ClusterCache;
      /** Fills each service's DR readiness; absent, the overview has none. */
      dr?: DrReadinessService;
      /** Fills each service's monthly cost and budget status; absent, none. */
      cost?: OverviewCosts;
    },
    private readonly timings: OverviewTimings = DEFAULT_TIMINGS,
  ) {
    this.overview = new IncrementalOverview(deps, timings);
  }

  /** The whole overview for one caller, encoded for HTTP. */
  async overviewAnswer(
    credentials: BackstageCredentials,
  ): Promise<EncodedAnswer> {
    await this.overview.ready();
    const readable = await this.readableBy(credentials);
    const revision = this.overview.revision;
    const key = `${revision}|${callerKey(credentials)}|${readable.at}`;
    let answer = this.serialized.get(key);
    if (!answer) {
      const json = overviewJson(
        {
          version: revision,
          generatedAt: new Date().toISOString(),
          cursor: this.cursorAt(revision, readable),
          clusters: this.overview.currentClusters,
        },
        this.overview.records.values(),
        ref => readable.refs.has(ref),
      );
      // Concurrent callers with the same key share one encoding.
      answer = encodeAnswer(json);
      // Only the latest answers matter; older keys can never be asked for again.
      if (this.serialized.size > 100) this.serialized.clear();
      this.serialized.set(key, answer);
      answer.catch(() => this.serialized.delete(key));
    }
    return answer;
  }

  /**
   * What changed in the caller's overview since `cursor`: the services that changed (with
   * all their placements) and those removed; everything (`full`) when the cursor is not
   * one this overview can answer from, or what the caller may read changed since.
   */
  async changesSince(
    credentials: BackstageCredentials,
    cursor: string,
  ): Promise<OverviewChanges> {
    await this.overview.ready();
    const readable = await this.readableBy(credentials);
    const { records } = this.overview;
    const revision = records.revision;
    const from = decodeCursor(cursor);
    const since =
      from &&
      from.epoch === this.epoch &&
      from.readable === readable.fingerprint
        ? records.changedSince(from.revision)
        : undefined;
    const base = {
      cursor: this.cursorAt(revision, readable),
      generatedAt: new Date().toISOString(),
      clusters: this.overview.currentClusters,
    };
    if (!since) {
      const whole = this.overview.wholeOverview();
      const { services, placements } = filterOverview(
        documentOf(whole),
        service => readable.refs.has(service.entityRef),
      );
      return { ...base, full: true, services, placements, removed: [] };
    }
    const services: OverviewEntity[] = [];
    const placements: OverviewPlacement[] = [];
    for (const ref of since.changed) {
      const record = records.get(ref);
      if (!record || !readable.refs.has(ref)) continue;
      const service = services.length;
      services.push(record.service);
      for (const placement of record.placements)
        placements.push({ ...placement, service });
    }
    return {
      ...base,
      full: false,
      services,
      placements,
      // The caller's readable set is the one its cursor was made for: it never had others.
      removed: since.removed.filter(ref => readable.refs.has(ref)),
    };
  }

  private cursorAt(revision: number, readable: Readable): string {
    return encodeCursor({
      epoch: this.epoch,
      revision,
      readable: readable.fingerprint,
    });
  }

  /** Entity refs the caller may read in the catalog and may read delivery facts of. */
  private async readableBy(
    credentials: BackstageCredentials,
  ): Promise<Readable> {
    const now = Date.now();
    const key = callerKey(credentials);
    const cached = this.readable.get(key);
    if (cached && now - cached.at <= this.timings.readableTtlMs) return cached;
    // One decision per caller, however big the catalog (see readableEntityRefs).
    const refs = await readableEntityRefs({
      catalog: this.deps.catalog,
      permissions: this.deps.permissions,
      credentials,
      permission: deliveryEntityReadPermission,
      filter: WITH_WORKLOADS,
    });
    const entry = { at: now, refs, fingerprint: fingerprintOf(refs) };
    this.readable.set(key, entry);
    return entry;
  }
}

/** The whole overview as a document of the contract, before its cursor is set. */
function documentOf({
  revision,
  ...whole
}: OverviewAtRevision): OverviewDocument {
  return { ...whole, version: revision, cursor: '' };
}
