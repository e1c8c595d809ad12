import {
  CreateDBInstanceReadReplicaCommand,
  DBInstance,
  DeleteDBInstanceCommand,
  paginateDescribeDBSnapshots,
} from '@aws-sdk/client-rds';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type {
  DrDatabaseState,
  DrDrillCopy,
  DrSnapshot,
} from '@internal/backstage-plugin-delivery-node';
import type { AwsClients } from '../aws/AwsClients';
import { callAws, isAwsError, isUnreachable } from '../aws/callAws';
import {
  instanceReplicaLag,
  ReplicaLagReader,
} from '../cloudwatch/ReplicaLagReader';
import { drillCopyId } from './drillCopyId';
import { RdsInstances, toDrInstance } from './RdsInstances';
import { latestRdsSnapshot } from './latestRdsSnapshot';
import { AWS_RDS_PROVIDER_ID, RdsContext, RdsTopology } from './RdsTopology';

/**
 * An RDS instance in the primary region with a cross-region read replica in the DR region.
 * Failover promotes the replica; drills promote a throwaway cascading replica of it.
 */
export class InstanceReplicaTopology implements RdsTopology {
  private readonly instances: RdsInstances;
  private readonly lag: ReplicaLagReader;

  constructor(
    private readonly clients: AwsClients,
    private readonly logger?: LoggerService,
  ) {
    this.instances = new RdsInstances(clients);
    this.lag = new ReplicaLagReader(clients, logger);
  }

  async describe({ target, settings }: RdsContext): Promise<DrDatabaseState> {
    const [primary, replica] = await Promise.all([
      this.findPrimary(settings.primaryRegion, target.database),
      this.instances.find(settings.drRegion, settings.replicaId),
    ]);
    const drReplica = replica && toDrInstance(replica, settings.drRegion);
    // DescribeDBInstances carries no lag: RDS publishes it only as the CloudWatch metric
    // ReplicaLag. A promoted replica replicates nothing, so it has no lag to read.
    const lag =
      drReplica?.role === 'replica'
        ? await this.lag.read(
            settings.drRegion,
            instanceReplicaLag(settings.replicaId),
          )
        : undefined;
    return {
      provider: AWS_RDS_PROVIDER_ID,
      primary: primary && toDrInstance(primary, settings.primaryRegion),
      replica: drReplica,
      lagSeconds: lag?.lagSeconds,
      measuredAt: lag?.measuredAt ?? new Date().toISOString(),
    };
  }

  async latestSnapshot({
    target,
    settings,
  }: RdsContext): Promise<DrSnapshot | undefined> {
    const region = settings.primaryRegion;
    const primary = await this.instances.find(region, target.database);
    if (!primary) {
      return undefined;
    }
    const client = this.clients.rds(region);
    return latestRdsSnapshot({
      database: target.database,
      region,
      latestRestorableTime: primary.LatestRestorableTime,
      operation: 'DescribeDBSnapshots',
      pages: async function* pages() {
        for await (const page of paginateDescribeDBSnapshots(
          { client },
          { DBInstanceIdentifier: target.database, SnapshotType: 'automated' },
        )) {
          yield (page.DBSnapshots ?? []).map(s => ({
            id: s.DBSnapshotIdentifier,
            status: s.Status,
            createdAt: s.SnapshotCreateTime,
          }));
        }
      },
    });
  }

  async demotePrimary({ target, settings }: RdsContext): Promise<void> {
    throw switchoverRefused(target.database, settings.replicaId);
  }

  /** Nothing to undo: `demotePrimary` refuses before changing anything. */
  async undoDemotion(): Promise<void> {}

  async promoteReplica(
    { target, settings }: RdsContext,
    mode: 'switchover' | 'failover',
  ): Promise<void> {
    if (mode === 'switchover') {
      throw switchoverRefused(target.database, settings.replicaId);
    }
    await this.instances.promote(
      settings.drRegion,
      settings.replicaId,
      'DR replica',
    );
  }

  async startDrillCopy(ctx: RdsContext, drillId: string): Promise<DrDrillCopy> {
    const { settings } = ctx;
    const id = drillCopyId(settings.replicaId, drillId);
    const region = settings.drRegion;
    try {
      // A replica of the DR replica in its own region: the drill never loads the primary.
      const { DBInstance: created } = await callAws(
        {
          service: 'RDS',
          operation: 'CreateDBInstanceReadReplica',
          resource: id,
          region,
        },
        () =>
          this.clients.rds(region).send(
            new CreateDBInstanceReadReplicaCommand({
              DBInstanceIdentifier: id,
              SourceDBInstanceIdentifier: settings.replicaId,
              DeletionProtection: false,
              Tags: [
                { Key: 'delivery:drill-id', Value: drillId },
                { Key: 'delivery:drill-of', Value: settings.replicaId },
              ],
            }),
          ),
      );
      return toDrillCopy(id, created);
    } catch (error) {
      if (isAwsError(error, 'DBInstanceAlreadyExistsFault')) {
        return this.describeDrillCopy(ctx, drillId);
      }
      throw error;
    }
  }

  async describeDrillCopy(
    { settings }: RdsContext,
    drillId: string,
  ): Promise<DrDrillCopy> {
    const id = drillCopyId(settings.replicaId, drillId);
    return toDrillCopy(id, await this.instances.find(settings.drRegion, id));
  }

  async promoteDrillCopy(
    { settings }: RdsContext,
    drillId: string,
  ): Promise<void> {
    const id = drillCopyId(settings.replicaId, drillId);
    await this.instances.promote(settings.drRegion, id, 'drill copy');
  }

  async deleteDrillCopy(
    { settings }: RdsContext,
    drillId: string,
  ): Promise<void> {
    const id = drillCopyId(settings.replicaId, drillId);
    const region = settings.drRegion;
    try {
      await callAws(
        {
          service: 'RDS',
          operation: 'DeleteDBInstance',
          resource: id,
          region,
        },
        () =>
          this.clients.rds(region).send(
            new DeleteDBInstanceCommand({
              DBInstanceIdentifier: id,
              SkipFinalSnapshot: true,
              DeleteAutomatedBackups: true,
            }),
          ),
      );
    } catch (error) {
      if (isAwsError(error, 'DBInstanceNotFoundFault')) {
        return;
      }
      if (isAwsError(error, 'InvalidDBInstanceStateFault')) {
        const copy = await this.instances.find(region, id);
        if (!copy || copy.DBInstanceStatus === 'deleting') {
          return;
        }
      }
      throw error;
    }
  }

  /** The primary, or undefined when it is gone or its region does not answer (a failover's reason). */
  private async findPrimary(
    region: string,
    id: string,
  ): Promise<DBInstance | undefined> {
    try {
      return await this.instances.find(region, id);
    } catch (error) {
      if (isUnreachable(error)) {
        this.logger?.warn(
          `Primary database ${id} in ${region} could not be reached: ${error}`,
        );
        return undefined;
      }
      throw error;
    }
  }
}

function toDrillCopy(
  id: string,
  instance: DBInstance | undefined,
): DrDrillCopy {
  if (!instance) {
    return { id, role: 'absent', available: false };
  }
  const { role, available } = toDrInstance(instance, '');
  return { id, role, available };
}

function switchoverRefused(primary: string, replica: string): InputError {
  return new InputError(
    `mode: switchover is not possible for the RDS instance topology: RDS can neither make ` +
      `${primary} a replica of ${replica} nor set it read-only through its API. Run a ` +
      `failover instead (it promotes ${replica}; ${primary} stays writable until it is ` +
      `retired), or use the aurora-global topology, whose switchover loses no data.`,
  );
}
