import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type {
  ClusterConnection,
  DrDatabaseInstance,
  DrDatabaseProvider,
  DrDatabaseState,
  DrDrillCopy,
  DrTarget,
} from '@internal/backstage-plugin-delivery-node';
import {
  CNPG_CLUSTER,
  CustomObject,
  CustomObjectClient,
} from './CustomObjectClient';
import { drillName } from './drillNames';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  KubernetesDrProviderOptions,
} from './KubernetesDrProviderOptions';
import { statusOf } from './KubernetesRequestError';

/** CloudNativePG's phase of a cluster that serves. */
const HEALTHY_PHASE = 'Cluster in healthy state';

/** What the spec asks for: a replica (`spec.replica.enabled`) or a primary. */
const wantsReplica = (db: CustomObject) => db.spec?.replica?.enabled === true;

function instanceId(connection: ClusterConnection, db: CustomObject): string {
  return `${connection.name}/${db.metadata.namespace}/${db.metadata.name}`;
}

/** The role it has now: the operator's `status.replicaMode`, else what the spec asks. */
function instanceOf(
  connection: ClusterConnection,
  db: CustomObject,
): DrDatabaseInstance {
  const replicaMode =
    typeof db.status?.replicaMode === 'boolean'
      ? db.status.replicaMode
      : wantsReplica(db);
  const phase: string = db.status?.phase ?? 'Unknown (no status yet)';
  return {
    id: instanceId(connection, db),
    region: connection.region,
    role: replicaMode ? 'replica' : 'primary',
    available: phase === HEALTHY_PHASE,
    status: phase,
  };
}

const PROMOTE = { spec: { replica: { enabled: false } } };
const DEMOTE = { spec: { replica: { enabled: true } } };

/**
 * DR of a database run by CloudNativePG: the primary region's `Cluster` and a replica
 * `Cluster` of the same name in the DR cluster (`spec.replica.enabled: true`, following
 * `spec.replica.source`). Promotion and demotion are merge patches of
 * `spec.replica.enabled`, left to the operator, and observed through `describe`.
 *
 * Replication lag is read from the replica's `status.replicationLagSeconds` and
 * `status.lagMeasuredAt`. CloudNativePG itself does not publish lag in the Cluster status;
 * a real setup measures it on the database (pg_stat_replication on the source, or
 * `now() - pg_last_xact_replay_timestamp()` on the replica) and writes it there, as the
 * sandbox fleet's operator does for its stand-in databases.
 * @public
 */
export class KubernetesDrDatabaseProvider implements DrDatabaseProvider {
  readonly id = 'kubernetes';
  private readonly timeoutMs: number;

  constructor(private readonly options: KubernetesDrProviderOptions = {}) {
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  private clusters(connection: ClusterConnection) {
    return new CustomObjectClient(connection, CNPG_CLUSTER, this.timeoutMs);
  }

  private where(connection: ClusterConnection, target: DrTarget, name: string) {
    return `${connection.name}: Cluster ${target.namespace}/${name}`;
  }

  /**
   * Both sides, with the replica's lag. A primary cluster that cannot be read counts as
   * no primary: a failover must still be possible when the primary region is gone. The DR
   * side must answer, or nothing can be said about the replica.
   */
  async describe(target: DrTarget): Promise<DrDatabaseState> {
    const [primary, replica] = await Promise.all([
      this.readPrimary(target),
      this.clusters(target.dr).get(target.namespace, target.database),
    ]);
    const replicaInstance = replica && instanceOf(target.dr, replica);
    const lag = replica?.status?.replicationLagSeconds;
    const lagSeconds =
      replicaInstance?.role === 'replica' && typeof lag === 'number'
        ? lag
        : undefined;
    return {
      provider: this.id,
      primary: primary && instanceOf(target.primary, primary),
      replica: replicaInstance,
      lagSeconds,
      // The lag is as old as its measurement, not as this read.
      measuredAt:
        lagSeconds !== undefined && replica?.status?.lagMeasuredAt
          ? replica.status.lagMeasuredAt
          : new Date().toISOString(),
    };
  }

  private async readPrimary(
    target: DrTarget,
  ): Promise<CustomObject | undefined> {
    try {
      return await this.clusters(target.primary).get(
        target.namespace,
        target.database,
      );
    } catch (error) {
      // Refused credentials are a configuration error, not a region that is gone.
      const status = statusOf(error);
      if (status === 401 || status === 403) throw error;
      this.options.logger?.warn(
        `${
          (error as Error).message
        }; describing the DR pair without the primary`,
      );
      return undefined;
    }
  }

  async demotePrimary(target: DrTarget): Promise<void> {
    const client = this.clusters(target.primary);
    const primary = await client.get(target.namespace, target.database);
    const where = this.where(target.primary, target, target.database);
    if (!primary) {
      throw new NotFoundError(
        `${where} not found; there is no primary to demote`,
      );
    }
    if (wantsReplica(primary)) return;
    if (!primary.spec?.replica?.source) {
      throw new InputError(
        `${where} has no spec.replica.source, so it cannot follow the DR side once demoted; name the DR cluster in its externalClusters and spec.replica.source`,
      );
    }
    await client.mergePatch(target.namespace, target.database, DEMOTE);
  }

  /**
   * Makes the demoted primary a primary again. Refused when the DR side is known to be a
   * primary already (two primaries would both take writes); when the DR cluster cannot
   * be read the caller's word that it never promoted is taken.
   */
  async undoDemotion(target: DrTarget): Promise<void> {
    const client = this.clusters(target.primary);
    const primary = await client.get(target.namespace, target.database);
    const where = this.where(target.primary, target, target.database);
    if (!primary) {
      throw new NotFoundError(
        `${where} not found; there is no demotion to undo`,
      );
    }
    if (!wantsReplica(primary)) return;
    const replica = await this.clusters(target.dr)
      .get(target.namespace, target.database)
      .catch(() => undefined);
    if (replica && !wantsReplica(replica)) {
      throw new ConflictError(
        `${this.where(
          target.dr,
          target,
          target.database,
        )} is already promoted (spec.replica.enabled is false); undoing the demotion of ${where} would leave two primaries`,
      );
    }
    await client.mergePatch(target.namespace, target.database, PROMOTE);
  }

  async promoteReplica(
    target: DrTarget,
    options: { mode: 'switchover' | 'failover' },
  ): Promise<void> {
    const client = this.clusters(target.dr);
    const replica = await client.get(target.namespace, target.database);
    const where = this.where(target.dr, target, target.database);
    if (!replica) {
      throw new NotFoundError(
        `${where} not found; there is no replica to promote`,
      );
    }
    // Promoted, or promoting: the operator finishes what was asked.
    if (!wantsReplica(replica)) return;
    if (options.mode === 'switchover') {
      // A planned switchover never leaves two primaries: the old one must be demoted.
      const primary = await this.clusters(target.primary).get(
        target.namespace,
        target.database,
      );
      if (primary && !wantsReplica(primary)) {
        throw new ConflictError(
          `switchover: ${this.where(
            target.primary,
            target,
            target.database,
          )} is still a primary; demote it first, or fail over`,
        );
      }
    }
    await client.mergePatch(target.namespace, target.database, PROMOTE);
  }

  private drillCopyOf(target: DrTarget, copy: CustomObject): DrDrillCopy {
    const instance = instanceOf(target.dr, copy);
    return {
      id: instance.id,
      role: instance.role,
      available: instance.available,
    };
  }

  /**
   * A one-instance replica Cluster `<database>-drill-<drillId>` in the DR cluster, with
   * the DR replica's spec: it follows the same source, and the real replica is untouched.
   */
  async startDrillCopy(
    target: DrTarget,
    drillId: string,
  ): Promise<DrDrillCopy> {
    const name = drillName(target.database, drillId);
    const client = this.clusters(target.dr);
    const existing = await client.get(target.namespace, name);
    if (existing) return this.drillCopyOf(target, existing);

    const replica = await client.get(target.namespace, target.database);
    const where = this.where(target.dr, target, target.database);
    if (!replica) {
      throw new NotFoundError(
        `${where} not found; a drill copies the DR replica`,
      );
    }
    if (!replica.spec?.replica?.source) {
      throw new InputError(
        `${where} has no spec.replica.source for a drill copy to follow`,
      );
    }
    try {
      const created = await client.create(target.namespace, {
        apiVersion: `${CNPG_CLUSTER.group}/${CNPG_CLUSTER.version}`,
        kind: CNPG_CLUSTER.kind,
        metadata: {
          name,
          namespace: target.namespace,
          labels: replica.metadata.labels,
          annotations: { 'delivery/drill-id': drillId },
        },
        spec: {
          ...replica.spec,
          instances: 1,
          replica: { ...replica.spec.replica, enabled: true },
        },
      });
      return this.drillCopyOf(target, created);
    } catch (error) {
      // Created by an earlier attempt whose answer was lost.
      if (statusOf(error) !== 409) throw error;
      return this.describeDrillCopy(target, drillId);
    }
  }

  async describeDrillCopy(
    target: DrTarget,
    drillId: string,
  ): Promise<DrDrillCopy> {
    const name = drillName(target.database, drillId);
    const copy = await this.clusters(target.dr).get(target.namespace, name);
    if (!copy) {
      return {
        id: `${target.dr.name}/${target.namespace}/${name}`,
        role: 'absent',
        available: false,
      };
    }
    return this.drillCopyOf(target, copy);
  }

  async promoteDrillCopy(target: DrTarget, drillId: string): Promise<void> {
    const name = drillName(target.database, drillId);
    const client = this.clusters(target.dr);
    const copy = await client.get(target.namespace, name);
    if (!copy) {
      throw new NotFoundError(
        `${this.where(
          target.dr,
          target,
          name,
        )} not found; start the drill copy first`,
      );
    }
    if (!wantsReplica(copy)) return;
    await client.mergePatch(target.namespace, name, PROMOTE);
  }

  async deleteDrillCopy(target: DrTarget, drillId: string): Promise<void> {
    await this.clusters(target.dr).delete(
      target.namespace,
      drillName(target.database, drillId),
    );
  }
}
