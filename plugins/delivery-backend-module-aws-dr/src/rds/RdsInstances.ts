import {
  DBInstance,
  DescribeDBInstancesCommand,
  PromoteReadReplicaCommand,
} from '@aws-sdk/client-rds';
import { NotFoundError } from '@backstage/errors';
import type { DrDatabaseInstance } from '@internal/backstage-plugin-delivery-node';
import type { AwsClients } from '../aws/AwsClients';
import { callAws, isAwsError } from '../aws/callAws';

// Right after PromoteReadReplica RDS reports the replica as modifying, then rebooting,
// while it still names its source; promoting again would be refused, so these mean "under way".
const PROMOTION_UNDER_WAY = new Set(['modifying', 'rebooting']);

/** Reads and promotes single RDS instances: the DR replica and drill copies. */
export class RdsInstances {
  constructor(private readonly clients: AwsClients) {}

  /** The instance, or undefined when RDS says it does not exist. */
  async find(region: string, id: string): Promise<DBInstance | undefined> {
    try {
      const { DBInstances } = await callAws(
        {
          service: 'RDS',
          operation: 'DescribeDBInstances',
          resource: id,
          region,
        },
        () =>
          this.clients
            .rds(region)
            .send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id })),
      );
      return DBInstances?.[0];
    } catch (error) {
      if (isAwsError(error, 'DBInstanceNotFoundFault')) {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * Starts promoting a read replica to a standalone instance. Idempotent: an instance that no
   * longer names a source is already promoted, and one that is modifying or rebooting while
   * it still does is taken to be promoting (RDS shows no other trace of a promotion in
   * progress); `describe` shows when it is done.
   */
  async promote(region: string, id: string, what: string): Promise<void> {
    const instance = await this.find(region, id);
    if (!instance) {
      throw new NotFoundError(`${what} ${id} does not exist in ${region}`);
    }
    if (!instance.ReadReplicaSourceDBInstanceIdentifier) {
      return;
    }
    if (PROMOTION_UNDER_WAY.has(instance.DBInstanceStatus ?? '')) {
      return;
    }
    await callAws(
      {
        service: 'RDS',
        operation: 'PromoteReadReplica',
        resource: id,
        region,
      },
      () =>
        this.clients
          .rds(region)
          .send(new PromoteReadReplicaCommand({ DBInstanceIdentifier: id })),
    );
  }
}

/** How the contract shows an RDS instance. */
export function toDrInstance(
  instance: DBInstance,
  region: string,
): DrDatabaseInstance {
  const status = instance.DBInstanceStatus ?? 'unknown';
  // A replica whose replication broke is still "available" as an instance; say so.
  const replication = instance.StatusInfos?.find(
    info => info.StatusType === 'read replication',
  );
  return {
    id: instance.DBInstanceIdentifier ?? '',
    region,
    role: instance.ReadReplicaSourceDBInstanceIdentifier
      ? 'replica'
      : 'primary',
    available: status === 'available',
    status:
      replication?.Status && replication.Status !== 'replicating'
        ? `${status} (replication ${replication.Status})`
        : status,
  };
}
