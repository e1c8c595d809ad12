/**
 * The contract between the Delivery backend and whatever holds a service's database
 * replica and its DNS record: RDS/Aurora and Route 53, or Kubernetes objects (a
 * CloudNativePG-style replica cluster and an ExternalDNS-style DNSEndpoint). The failover
 * action only ever talks to these two interfaces, so it reads the same on every provider.
 *
 * Every write is idempotent: a recovered or retried failover repeats the call it may or
 * may not have completed, and must get the same outcome rather than a second change.
 */

import type { ClusterConnection } from '../clusters/ClusterConnection';

/** Which side of a DR pair: the primary region, or the DR region. @public */
export type DrSide = 'primary' | 'dr';

/**
 * What a DR operation is about: one service in one environment, its primary and DR
 * clusters, and the names of its database and DNS record (from annotations or config
 * conventions, resolved by the Delivery backend).
 * @public
 */
export interface DrTarget {
  entityRef: string;
  /** The service's kubernetes-id. */
  service: string;
  environment: string;
  /** Namespace the service runs in, on both sides. */
  namespace: string;
  primary: ClusterConnection;
  dr: ClusterConnection;
  /** Identifier of the primary database (an RDS instance/cluster id or a Cluster object name). */
  database: string;
  dns: {
    /** The record users resolve, e.g. `orders.example.internal`. */
    name: string;
    /** What the record points at while the primary serves. */
    primaryTarget: string;
    /** What it points at after a failover. */
    drTarget: string;
    ttlSeconds: number;
  };
}

/** One database instance or cluster as a provider sees it. @public */
export interface DrDatabaseInstance {
  id: string;
  region?: string;
  /** `replica`: follows another database; `primary`: accepts writes. */
  role: 'primary' | 'replica';
  /** Ready to serve (provider's "available" / "healthy"). */
  available: boolean;
  /** The provider's own status word, shown in logs as is. */
  status: string;
}

/** The database pair of a target. @public */
export interface DrDatabaseState {
  provider: string;
  /** Absent when the primary could not be found or reached. */
  primary?: DrDatabaseInstance;
  /** Absent when there is no replica in the DR region. */
  replica?: DrDatabaseInstance;
  /** Replication lag of the replica in seconds; absent when it could not be measured. */
  lagSeconds?: number;
  /** When the state was read (ISO). */
  measuredAt: string;
  /**
   * The provider's own switchover waits until the replica has caught up (an Aurora global
   * switchover does), so the failover action does not wait for a lag of exactly 0 itself.
   */
  switchoverWaitsForCatchUp?: boolean;
}

/** The latest restorable point the provider keeps (snapshot or point-in-time recovery). @public */
export interface DrSnapshot {
  provider: string;
  name: string;
  /** ISO. */
  takenAt: string;
}

/** A drill's throwaway copy of the replica. @public */
export interface DrDrillCopy {
  id: string;
  /** `absent` once deleted (or never created). */
  role: 'replica' | 'primary' | 'absent';
  available: boolean;
}

/**
 * Database side of DR. Long operations (promotion, creating a copy) are started by one call
 * and observed through `describe` / `describeDrillCopy`, so the caller controls the waiting
 * and can log progress.
 * @public
 */
export interface DrDatabaseProvider {
  /** Short id, shown as the evidence's provider: `kubernetes`, `aws-rds`. */
  readonly id: string;
  /** Reads the primary and its DR replica, with the lag. */
  describe(target: DrTarget): Promise<DrDatabaseState>;
  /** Latest snapshot or restorable time; undefined when the provider keeps none. */
  latestSnapshot?(target: DrTarget): Promise<DrSnapshot | undefined>;
  /**
   * Planned switchover: makes the old primary a replica (or read-only) so the DR replica
   * can catch up with nothing written after. Idempotent.
   */
  demotePrimary(target: DrTarget): Promise<void>;
  /**
   * Undoes `demotePrimary` when a switchover is rolled back before the replica was promoted:
   * the old primary accepts writes again. Idempotent (a primary that was never demoted is
   * left as is).
   */
  undoDemotion(target: DrTarget): Promise<void>;
  /**
   * Starts promoting the DR replica to a primary. `failover` promotes even when the old
   * primary is gone. Idempotent: a replica already promoted (or promoting) is left as is.
   */
  promoteReplica(
    target: DrTarget,
    options: { mode: 'switchover' | 'failover' },
  ): Promise<void>;
  /** Drill: starts a throwaway copy of the DR replica named after the drill. Idempotent. */
  startDrillCopy(target: DrTarget, drillId: string): Promise<DrDrillCopy>;
  describeDrillCopy(target: DrTarget, drillId: string): Promise<DrDrillCopy>;
  /** Drill: promotes the copy (the timed part of a drill). Idempotent. */
  promoteDrillCopy(target: DrTarget, drillId: string): Promise<void>;
  /** Drill: removes the copy. Idempotent; a copy already gone is fine. */
  deleteDrillCopy(target: DrTarget, drillId: string): Promise<void>;
}

/** The DNS record of a target as the provider holds it. @public */
export interface DrDnsRecord {
  provider: string;
  name: string;
  targets: string[];
  ttlSeconds: number;
  /** Which side the targets are, judged against the target's primary/DR targets. */
  pointsTo: DrSide | 'other';
}

/** A submitted DNS change. @public */
export interface DrDnsChange {
  id: string;
  /** `in-sync`: every authoritative server answers the new value. */
  status: 'pending' | 'in-sync';
  submittedAt: string;
}

/**
 * DNS side of DR. A switch is one all-or-nothing change (a Route 53 change batch, one
 * object update), observed until it is in sync.
 * @public
 */
export interface DrDnsProvider {
  readonly id: string;
  /** Undefined when the record does not exist. */
  describe(target: DrTarget): Promise<DrDnsRecord | undefined>;
  /**
   * Points the record at one side in one change. Idempotent: when the record already
   * points there, returns a change for the current state instead of submitting another.
   */
  pointTo(target: DrTarget, side: DrSide): Promise<DrDnsChange>;
  changeStatus(target: DrTarget, changeId: string): Promise<DrDnsChange>;
  /**
   * Drill: creates a record named after the drill that points at the DR side, so the
   * propagation is timed without touching the real record. Idempotent.
   */
  createDrillRecord(target: DrTarget, drillId: string): Promise<DrDnsChange>;
  /** Drill: removes that record. Idempotent. */
  deleteDrillRecord(target: DrTarget, drillId: string): Promise<void>;
}
