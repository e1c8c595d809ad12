import type {
  DrDatabaseState,
  DrDrillCopy,
  DrSnapshot,
  DrTarget,
} from '@internal/backstage-plugin-delivery-node';
import type { AwsDrTargetSettings } from '../config/resolveAwsDrSettings';

/** The id the RDS provider reports as the evidence's provider. */
export const AWS_RDS_PROVIDER_ID = 'aws-rds';

/** A target with the AWS settings resolved for it. */
export interface RdsContext {
  target: DrTarget;
  settings: AwsDrTargetSettings;
}

/** One way of building the DR database on RDS; the provider picks one per target. */
export interface RdsTopology {
  describe(ctx: RdsContext): Promise<DrDatabaseState>;
  latestSnapshot(ctx: RdsContext): Promise<DrSnapshot | undefined>;
  demotePrimary(ctx: RdsContext): Promise<void>;
  undoDemotion(ctx: RdsContext): Promise<void>;
  promoteReplica(
    ctx: RdsContext,
    mode: 'switchover' | 'failover',
  ): Promise<void>;
  startDrillCopy(ctx: RdsContext, drillId: string): Promise<DrDrillCopy>;
  describeDrillCopy(ctx: RdsContext, drillId: string): Promise<DrDrillCopy>;
  promoteDrillCopy(ctx: RdsContext, drillId: string): Promise<void>;
  deleteDrillCopy(ctx: RdsContext, drillId: string): Promise<void>;
}
