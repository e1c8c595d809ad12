import { LABEL_KUBERNETES_ID } from '@internal/backstage-plugin-delivery-common';
import { Cluster } from '../fleet/Cluster';
import { KubeObject } from '../store/types';
import { DATABASE_PHASES, DR_KINDS, DrTimings } from './drObjects';
import { sameJson } from './objects';

/** How often a replica's lag is measured again while it does not change. */
const LAG_SAMPLE_MS = 5_000;

/** What the admin API may change about a service's replicas. */
export interface ReplicaChange {
  replicationLagSeconds?: number;
  healthy?: boolean;
}

const isReplicaSpec = (db: KubeObject) => db.spec?.replica?.enabled === true;

/**
 * The CloudNativePG operator of one cluster, reduced to what DR needs: a Cluster whose
 * `spec.replica.enabled` is true is a replica of `spec.replica.source`; turning it off
 * promotes it (`Promoting`, then a healthy primary), turning it on demotes a primary.
 *
 * Replication lag: a real setup measures it on the database (pg_stat_replication, or
 * `now() - pg_last_xact_replay_timestamp()` on the replica). This sandbox has no
 * PostgreSQL, so the operator writes its stand-in into the status instead:
 * `replicationLagSeconds` and `lagMeasuredAt`. A replica keeps its seeded lag until its
 * source (the Cluster of that name in a peer cluster of the same environment) is demoted;
 * with nothing more written there, it catches up to 0 within `catchUpMs`.
 */
export class DatabaseController {
  /** When an object entered a timed phase, by uid. */
  private readonly phaseSince = new Map<
    string,
    { phase: string; at: number }
  >();
  /** Catch-up after the source was demoted: the lag it started from, by uid. */
  private readonly catchUp = new Map<
    string,
    { fromSeconds: number; at: number }
  >();
  /** Replicas the admin API made unhealthy, by uid. */
  private readonly unhealthy = new Set<string>();

  constructor(
    private readonly cluster: Cluster,
    private readonly timings: DrTimings,
    /** The other clusters of this cluster's environment, where sources live. */
    private readonly peers: () => Cluster[],
  ) {}

  reconcile(): void {
    const now = this.cluster.clock.now();
    const seen = new Set<string>();
    for (const db of this.cluster.store.all(DR_KINDS.database)) {
      seen.add(db.metadata.uid!);
      this.reconcileOne(db, now);
    }
    for (const map of [this.phaseSince, this.catchUp]) {
      for (const uid of map.keys()) if (!seen.has(uid)) map.delete(uid);
    }
    for (const uid of this.unhealthy) {
      if (!seen.has(uid)) this.unhealthy.delete(uid);
    }
  }

  /**
   * Sets the lag or health of every replica of a service in this cluster (the seeded
   * `backstage.io/kubernetes-id` label); returns what it changed.
   */
  setReplicaState(service: string, change: ReplicaChange): KubeObject[] {
    const now = this.cluster.clock.now();
    const changed: KubeObject[] = [];
    for (const db of this.cluster.store.all(DR_KINDS.database)) {
      if (db.metadata.labels?.[LABEL_KUBERNETES_ID] !== service) continue;
      if (!(db.status?.replicaMode ?? isReplicaSpec(db))) continue;
      const uid = db.metadata.uid!;
      if (change.healthy === false) this.unhealthy.add(uid);
      if (change.healthy === true) this.unhealthy.delete(uid);
      let current = db;
      if (change.replicationLagSeconds !== undefined) {
        this.catchUp.delete(uid);
        current = this.cluster.store.update(DR_KINDS.database, {
          ...db,
          status: {
            ...db.status,
            replicationLagSeconds: change.replicationLagSeconds,
            lagMeasuredAt: new Date(now).toISOString(),
          },
        });
      }
      changed.push(this.reconcileOne(current, now));
    }
    return changed;
  }

  private reconcileOne(db: KubeObject, now: number): KubeObject {
    const next = this.nextStatus(db, now);
    if (sameJson(next, db.status)) return db;
    // Only the status changes, as through the status subresource: the generation stays.
    return this.cluster.store.update(DR_KINDS.database, {
      ...db,
      status: next,
    });
  }

  /** How long the object has been in `phase`, starting the clock when it just entered it. */
  private inPhaseFor(uid: string, phase: string, now: number): number {
    const since = this.phaseSince.get(uid);
    if (since?.phase === phase) return now - since.at;
    this.phaseSince.set(uid, { phase, at: now });
    return 0;
  }

  private nextStatus(db: KubeObject, now: number): Record<string, unknown> {
    const uid = db.metadata.uid!;
    const current = db.status ?? {};
    const wantsReplica = isReplicaSpec(db);
    const instances = db.spec?.instances ?? 1;
    let replicaMode: boolean = current.replicaMode ?? wantsReplica;
    let phase: string;
    let justDemoted = false;

    if (this.unhealthy.has(uid)) {
      // A broken instance set: nothing moves until it is healthy again.
      phase = DATABASE_PHASES.unhealthy;
    } else if (!current.phase || current.phase === DATABASE_PHASES.settingUp) {
      replicaMode = wantsReplica;
      phase =
        this.inPhaseFor(uid, DATABASE_PHASES.settingUp, now) >=
        this.timings.setupMs
          ? DATABASE_PHASES.healthy
          : DATABASE_PHASES.settingUp;
    } else if (replicaMode && !wantsReplica) {
      const promoting = this.inPhaseFor(uid, DATABASE_PHASES.promoting, now);
      if (promoting >= this.timings.promotionMs) {
        replicaMode = false;
        phase = DATABASE_PHASES.healthy;
      } else {
        phase = DATABASE_PHASES.promoting;
      }
    } else if (!replicaMode && wantsReplica) {
      replicaMode = true;
      justDemoted = true;
      phase = DATABASE_PHASES.healthy;
    } else {
      // Healthy in the role the spec asks for (also a promotion called off midway).
      phase = DATABASE_PHASES.healthy;
    }
    if (
      phase !== DATABASE_PHASES.promoting &&
      phase !== DATABASE_PHASES.settingUp
    )
      this.phaseSince.delete(uid);

    const status: Record<string, unknown> = {
      phase,
      instances,
      readyInstances: phase === DATABASE_PHASES.healthy ? instances : 0,
      currentPrimary: `${db.metadata.name}-1`,
      replicaMode,
    };
    if (replicaMode && phase !== DATABASE_PHASES.settingUp) {
      const lag = justDemoted ? 0 : this.lagOf(db, now);
      const previous = current.replicationLagSeconds;
      const measuredAt = Date.parse(current.lagMeasuredAt ?? '');
      status.replicationLagSeconds = lag;
      status.lagMeasuredAt =
        lag === previous && now - measuredAt < LAG_SAMPLE_MS
          ? current.lagMeasuredAt
          : new Date(now).toISOString();
    } else {
      this.catchUp.delete(uid);
    }
    return status;
  }

  private lagOf(db: KubeObject, now: number): number {
    const uid = db.metadata.uid!;
    const lag = Number(db.status?.replicationLagSeconds ?? 0);
    const source = this.sourceOf(db);
    if (!source || !isReplicaSpec(source) || lag === 0) {
      this.catchUp.delete(uid);
      return lag;
    }
    let catchUp = this.catchUp.get(uid);
    if (!catchUp) {
      catchUp = { fromSeconds: lag, at: now };
      this.catchUp.set(uid, catchUp);
    }
    const left = 1 - (now - catchUp.at) / this.timings.catchUpMs;
    return Math.max(0, Math.round(catchUp.fromSeconds * left * 10) / 10);
  }

  /** The Cluster a replica follows: the one named by `spec.replica.source` in a peer cluster. */
  private sourceOf(db: KubeObject): KubeObject | undefined {
    const name = db.spec?.replica?.source ?? db.metadata.name;
    for (const peer of this.peers()) {
      const source = peer.store.get(
        DR_KINDS.database,
        db.metadata.namespace,
        name,
      );
      if (source) return source;
    }
    return undefined;
  }
}
