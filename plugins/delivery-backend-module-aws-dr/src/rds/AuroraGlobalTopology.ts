import {
  DBCluster,
  DescribeDBClustersCommand,
  DescribeGlobalClustersCommand,
  FailoverGlobalClusterCommand,
  GlobalCluster,
  GlobalClusterMember,
  paginateDescribeDBClusterSnapshots,
  SwitchoverGlobalClusterCommand,
} from '@aws-sdk/client-rds';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type {
  DrDatabaseInstance,
  DrDatabaseState,
  DrDrillCopy,
  DrSnapshot,
} from '@internal/backstage-plugin-delivery-node';
import type { AwsClients } from '../aws/AwsClients';
import { callAws, isAwsError, isUnreachable } from '../aws/callAws';
import {
  auroraGlobalReplicationLag,
  ReplicaLagReader,
} from '../cloudwatch/ReplicaLagReader';
import { latestRdsSnapshot } from './latestRdsSnapshot';
import { AWS_RDS_PROVIDER_ID, RdsContext, RdsTopology } from './RdsTopology';

// FailoverState.Status while a switchover or failover runs ('cancelling' is winding down).
const UNDER_WAY = new Set(['pending', 'failing-over', 'switching-over']);

/**
 * An Aurora global database: the writer cluster in the primary region, a secondary cluster
 * in the DR region. Aurora runs both kinds of DR itself: SwitchoverGlobalCluster (planned:
 * it demotes the old writer and waits for the secondary to catch up, no data loss) and
 * FailoverGlobalCluster with AllowDataLoss (the primary region is gone). Either is one call,
 * made by `promoteReplica`: the point after which a failover run no longer rolls back.
 */
export class AuroraGlobalTopology implements RdsTopology {
  private readonly lag: ReplicaLagReader;

  constructor(
    private readonly clients: AwsClients,
    private readonly logger?: LoggerService,
  ) {
    this.lag = new ReplicaLagReader(clients, logger);
  }

  async describe({ target, settings }: RdsContext): Promise<DrDatabaseState> {
    const [global, secondary, primary] = await Promise.all([
      this.findGlobalCluster(settings.drRegion, settings.globalClusterId),
      this.findCluster(settings.drRegion, settings.replicaId),
      this.findPrimary(settings.primaryRegion, target.database),
    ]);
    const replica =
      secondary && toDrInstance(secondary, settings.drRegion, global);
    // Neither DescribeGlobalClusters nor DescribeDBClusters reports lag: Aurora publishes
    // it as the CloudWatch metric AuroraGlobalDBReplicationLag. A DR cluster that writes
    // (switched or failed over, or detached) replicates nothing, so it has no lag to read.
    const lag =
      replica?.role === 'replica'
        ? await this.lag.read(
            settings.drRegion,
            auroraGlobalReplicationLag(
              settings.replicaId,
              writerRegion(global) ?? settings.primaryRegion,
            ),
          )
        : undefined;
    return {
      provider: AWS_RDS_PROVIDER_ID,
      primary: primary && toDrInstance(primary, settings.primaryRegion, global),
      replica,
      lagSeconds: lag?.lagSeconds,
      measuredAt: lag?.measuredAt ?? new Date().toISOString(),
      // SwitchoverGlobalCluster demotes the writer and waits for the secondary to catch up.
      switchoverWaitsForCatchUp: true,
    };
  }

  async latestSnapshot({
    target,
    settings,
  }: RdsContext): Promise<DrSnapshot | undefined> {
    const region = settings.primaryRegion;
    const primary = await this.findCluster(region, target.database);
    if (!primary) {
      return undefined;
    }
    const client = this.clients.rds(region);
    return latestRdsSnapshot({
      database: target.database,
      region,
      latestRestorableTime: primary.LatestRestorableTime,
      operation: 'DescribeDBClusterSnapshots',
      pages: async function* pages() {
        for await (const page of paginateDescribeDBClusterSnapshots(
          { client },
          { DBClusterIdentifier: target.database, SnapshotType: 'automated' },
        )) {
          yield (page.DBClusterSnapshots ?? []).map(s => ({
            id: s.DBClusterSnapshotIdentifier,
            status: s.Status,
            createdAt: s.SnapshotCreateTime,
          }));
        }
      },
    });
  }

  /**
   * Changes nothing: SwitchoverGlobalCluster, started by `promoteReplica`, itself stops writes
   * on the old writer and waits until the secondary has every one before promoting it. Only
   * checks that a switchover to the DR cluster can start, so a misconfiguration shows before
   * the step that cannot be rolled back.
   */
  async demotePrimary(ctx: RdsContext): Promise<void> {
    await this.planPromotion(ctx);
  }

  /** Nothing to undo: `demotePrimary` changed nothing. */
  async undoDemotion(): Promise<void> {}

  async promoteReplica(
    ctx: RdsContext,
    mode: 'switchover' | 'failover',
  ): Promise<void> {
    const plan = await this.planPromotion(ctx);
    if (plan.done) {
      return;
    }
    const { settings } = ctx;
    const call = {
      service: 'RDS' as const,
      operation:
        mode === 'switchover'
          ? 'SwitchoverGlobalCluster'
          : 'FailoverGlobalCluster',
      resource: `${settings.globalClusterId} to ${settings.replicaId}`,
      region: settings.drRegion,
    };
    const rds = this.clients.rds(settings.drRegion);
    if (mode === 'switchover') {
      await callAws(call, () =>
        rds.send(
          new SwitchoverGlobalClusterCommand({
            GlobalClusterIdentifier: settings.globalClusterId,
            TargetDbClusterIdentifier: plan.arn,
          }),
        ),
      );
    } else {
      await callAws(call, () =>
        rds.send(
          new FailoverGlobalClusterCommand({
            GlobalClusterIdentifier: settings.globalClusterId,
            TargetDbClusterIdentifier: plan.arn,
            AllowDataLoss: true,
          }),
        ),
      );
    }
  }

  async startDrillCopy(): Promise<DrDrillCopy> {
    throw drillsUnsupported();
  }

  async describeDrillCopy(): Promise<DrDrillCopy> {
    throw drillsUnsupported();
  }

  async promoteDrillCopy(): Promise<void> {
    throw drillsUnsupported();
  }

  async deleteDrillCopy(): Promise<void> {
    throw drillsUnsupported();
  }

  /**
   * Whether the DR cluster still has to be made the writer, and its ARN (which the global
   * cluster APIs want). `done` when it already writes, or when a switchover or failover to
   * it is under way (a retried call): that is what makes promotion idempotent.
   */
  private async planPromotion({
    settings,
  }: RdsContext): Promise<{ done: boolean; arn: string }> {
    const region = settings.drRegion;
    const globalId = settings.globalClusterId;
    // Asked in the DR region: during a failover the primary region may not answer.
    const [global, secondary] = await Promise.all([
      this.findGlobalCluster(region, globalId),
      this.findCluster(region, settings.replicaId),
    ]);
    if (!secondary?.DBClusterArn) {
      throw new NotFoundError(
        `DR cluster ${settings.replicaId} does not exist in ${region}`,
      );
    }
    const arn = secondary.DBClusterArn;
    const member = memberOf(global, arn);
    if (!member) {
      if (
        !secondary.GlobalClusterIdentifier &&
        !secondary.ReplicationSourceIdentifier
      ) {
        // Detached from the global database: a standalone cluster already takes writes.
        return { done: true, arn };
      }
      throw new ConflictError(
        `DR cluster ${
          settings.replicaId
        } is not a member of global cluster ${globalId}${
          global ? '' : ` (which does not exist in ${region})`
        }`,
      );
    }
    if (member.IsWriter) {
      return { done: true, arn };
    }
    const state = global?.FailoverState;
    if (state?.Status && UNDER_WAY.has(state.Status)) {
      if (state.ToDbClusterArn === arn) {
        return { done: true, arn };
      }
      throw new ConflictError(
        `global cluster ${globalId} is already ${state.Status} to ${state.ToDbClusterArn}`,
      );
    }
    return { done: false, arn };
  }

  private async findGlobalCluster(
    region: string,
    id: string,
  ): Promise<GlobalCluster | undefined> {
    try {
      const { GlobalClusters } = await callAws(
        {
          service: 'RDS',
          operation: 'DescribeGlobalClusters',
          resource: id,
          region,
        },
        () =>
          this.clients.rds(region).send(
            new DescribeGlobalClustersCommand({
              GlobalClusterIdentifier: id,
            }),
          ),
      );
      return GlobalClusters?.[0];
    } catch (error) {
      if (isAwsError(error, 'GlobalClusterNotFoundFault')) {
        return undefined;
      }
      throw error;
    }
  }

  private async findCluster(
    region: string,
    id: string,
  ): Promise<DBCluster | undefined> {
    try {
      const { DBClusters } = await callAws(
        {
          service: 'RDS',
          operation: 'DescribeDBClusters',
          resource: id,
          region,
        },
        () =>
          this.clients
            .rds(region)
            .send(new DescribeDBClustersCommand({ DBClusterIdentifier: id })),
      );
      return DBClusters?.[0];
    } catch (error) {
      if (isAwsError(error, 'DBClusterNotFoundFault')) {
        return undefined;
      }
      throw error;
    }
  }

  /** The primary cluster, or undefined when it is gone or its region does not answer. */
  private async findPrimary(
    region: string,
    id: string,
  ): Promise<DBCluster | undefined> {
    try {
      return await this.findCluster(region, id);
    } catch (error) {
      if (isUnreachable(error)) {
        this.logger?.warn(
          `Primary cluster ${id} in ${region} could not be reached: ${error}`,
        );
        return undefined;
      }
      throw error;
    }
  }
}

function memberOf(
  global: GlobalCluster | undefined,
  arn: string,
): GlobalClusterMember | undefined {
  return global?.GlobalClusterMembers?.find(m => m.DBClusterArn === arn);
}

/** The region of the global database's writer, from its cluster ARN. */
function writerRegion(global: GlobalCluster | undefined): string | undefined {
  const writer = global?.GlobalClusterMembers?.find(m => m.IsWriter);
  // arn:<partition>:rds:<region>:<account>:cluster:<id>
  return writer?.DBClusterArn?.split(':')[3] || undefined;
}

function toDrInstance(
  cluster: DBCluster,
  region: string,
  global: GlobalCluster | undefined,
): DrDatabaseInstance {
  const member = memberOf(global, cluster.DBClusterArn ?? '');
  const status = cluster.Status ?? 'unknown';
  const sync = member?.SynchronizationStatus;
  return {
    id: cluster.DBClusterIdentifier ?? '',
    region,
    // Outside the global database a cluster stands alone and takes writes.
    role: member && !member.IsWriter ? 'replica' : 'primary',
    available: status === 'available',
    status: sync && sync !== 'connected' ? `${status} (${sync})` : status,
  };
}

function drillsUnsupported(): InputError {
  return new InputError(
    'drill copies are implemented for the RDS instance topology only; for an Aurora ' +
      'global database rehearse with a switchover in a non-production environment ' +
      '(SwitchoverGlobalCluster loses no data and can be switched back)',
  );
}
