import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  DrDatabaseProvider,
  DrDatabaseState,
  DrDrillCopy,
  DrSnapshot,
  DrTarget,
} from '@internal/backstage-plugin-delivery-node';
import type { AwsClients } from '../aws/AwsClients';
import type { AwsDrConfig, AwsRdsTopology } from '../config/readAwsDrConfig';
import { resolveAwsDrSettings } from '../config/resolveAwsDrSettings';
import { AuroraGlobalTopology } from './AuroraGlobalTopology';
import { InstanceReplicaTopology } from './InstanceReplicaTopology';
import { AWS_RDS_PROVIDER_ID, RdsContext, RdsTopology } from './RdsTopology';

/** @public */
export interface AwsRdsDrProviderOptions {
  config: AwsDrConfig;
  clients: AwsClients;
  logger?: LoggerService;
}

/**
 * DR database provider `aws-rds`: an RDS instance with a cross-region read replica, or an
 * Aurora global database, chosen per target by `delivery.dr.aws` (`topology`, or a
 * `services` entry).
 * @public
 */
export class AwsRdsDrProvider implements DrDatabaseProvider {
  readonly id = AWS_RDS_PROVIDER_ID;
  private readonly topologies: Record<AwsRdsTopology, RdsTopology>;
  private readonly config: AwsDrConfig;

  constructor(options: AwsRdsDrProviderOptions) {
    this.config = options.config;
    this.topologies = {
      instance: new InstanceReplicaTopology(options.clients, options.logger),
      'aurora-global': new AuroraGlobalTopology(
        options.clients,
        options.logger,
      ),
    };
  }

  describe(target: DrTarget): Promise<DrDatabaseState> {
    return this.run(target, (t, ctx) => t.describe(ctx));
  }

  latestSnapshot(target: DrTarget): Promise<DrSnapshot | undefined> {
    return this.run(target, (t, ctx) => t.latestSnapshot(ctx));
  }

  demotePrimary(target: DrTarget): Promise<void> {
    return this.run(target, (t, ctx) => t.demotePrimary(ctx));
  }

  undoDemotion(target: DrTarget): Promise<void> {
    return this.run(target, (t, ctx) => t.undoDemotion(ctx));
  }

  promoteReplica(
    target: DrTarget,
    options: { mode: 'switchover' | 'failover' },
  ): Promise<void> {
    return this.run(target, (t, ctx) => t.promoteReplica(ctx, options.mode));
  }

  startDrillCopy(target: DrTarget, drillId: string): Promise<DrDrillCopy> {
    return this.run(target, (t, ctx) => t.startDrillCopy(ctx, drillId));
  }

  describeDrillCopy(target: DrTarget, drillId: string): Promise<DrDrillCopy> {
    return this.run(target, (t, ctx) => t.describeDrillCopy(ctx, drillId));
  }

  promoteDrillCopy(target: DrTarget, drillId: string): Promise<void> {
    return this.run(target, (t, ctx) => t.promoteDrillCopy(ctx, drillId));
  }

  deleteDrillCopy(target: DrTarget, drillId: string): Promise<void> {
    return this.run(target, (t, ctx) => t.deleteDrillCopy(ctx, drillId));
  }

  private async run<T>(
    target: DrTarget,
    operation: (topology: RdsTopology, ctx: RdsContext) => Promise<T>,
  ): Promise<T> {
    const settings = resolveAwsDrSettings(this.config, target);
    return operation(this.topologies[settings.topology], { target, settings });
  }
}
