import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeDBClustersCommand,
  DescribeGlobalClustersCommand,
  FailoverGlobalClusterCommand,
  FailoverStatus,
  GlobalCluster,
  SwitchoverGlobalClusterCommand,
} from '@aws-sdk/client-rds';
import { mockServices } from '@backstage/backend-test-utils';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import {
  awsDrConfig,
  ordersTarget,
  testClients,
} from '../__testUtils__/drTarget';
import { cloudWatchError, lagDatapoints } from '../__testUtils__/lagMetric';
import { AwsRdsDrProvider } from './AwsRdsDrProvider';

const EAST_ARN = 'arn:aws:rds:us-east-1:123456789012:cluster:orders-db';
const WEST_ARN = 'arn:aws:rds:us-west-2:123456789012:cluster:orders-db-dr';
// In the API reference's FailoverState.Status values, but not in the SDK's enum.
const SWITCHING_OVER = 'switching-over' as FailoverStatus;

function setup() {
  const clients = testClients();
  const east = mockClient(clients.rds('us-east-1'));
  const west = mockClient(clients.rds('us-west-2'));
  const eastMetrics = mockClient(clients.cloudWatch('us-east-1'));
  const westMetrics = mockClient(clients.cloudWatch('us-west-2'));
  westMetrics.on(GetMetricDataCommand).resolves(lagDatapoints());
  const logger = mockServices.logger.mock();
  const provider = new AwsRdsDrProvider({
    // Aurora for this service only; the default stays the instance topology.
    config: awsDrConfig({
      services: [{ service: 'orders', topology: 'aurora-global' }],
    }),
    clients,
    logger,
  });
  east.on(DescribeDBClustersCommand).resolves({
    DBClusters: [
      {
        DBClusterIdentifier: 'orders-db',
        DBClusterArn: EAST_ARN,
        Status: 'available',
        GlobalClusterIdentifier: 'orders-db-global',
      },
    ],
  });
  west.on(DescribeDBClustersCommand).resolves({
    DBClusters: [
      {
        DBClusterIdentifier: 'orders-db-dr',
        DBClusterArn: WEST_ARN,
        Status: 'available',
        GlobalClusterIdentifier: 'orders-db-global',
      },
    ],
  });
  return {
    provider,
    east,
    west,
    eastMetrics,
    westMetrics,
    logger,
    target: ordersTarget(),
  };
}

function globalCluster(
  writer: 'east' | 'west',
  failoverState?: GlobalCluster['FailoverState'],
): { GlobalClusters: GlobalCluster[] } {
  return {
    GlobalClusters: [
      {
        GlobalClusterIdentifier: 'orders-db-global',
        Status: 'available',
        FailoverState: failoverState,
        GlobalClusterMembers: [
          {
            DBClusterArn: EAST_ARN,
            IsWriter: writer === 'east',
            SynchronizationStatus: 'connected',
          },
          {
            DBClusterArn: WEST_ARN,
            IsWriter: writer === 'west',
            SynchronizationStatus:
              writer === 'west' ? 'connected' : 'pending-resync',
          },
        ],
      },
    ],
  };
}

describe('AwsRdsDrProvider, aurora-global topology', () => {
  it('describes the writer and the secondary from the global cluster', async () => {
    const { provider, west, eastMetrics, westMetrics, target } = setup();
    west.on(DescribeGlobalClustersCommand).resolves(globalCluster('east'));
    westMetrics
      .on(GetMetricDataCommand)
      .resolves(
        lagDatapoints(
          { at: '2025-03-01T10:05:00Z', value: 1250 },
          { at: '2025-03-01T10:04:00Z', value: 90 },
        ),
      );

    const state = await provider.describe(target);

    expect(state).toMatchObject({
      provider: 'aws-rds',
      switchoverWaitsForCatchUp: true,
      primary: { id: 'orders-db', region: 'us-east-1', role: 'primary' },
      replica: {
        id: 'orders-db-dr',
        region: 'us-west-2',
        role: 'replica',
        available: true,
        status: 'available (pending-resync)',
      },
    });
    // AuroraGlobalDBReplicationLag is in milliseconds; the contract wants seconds.
    expect(state.lagSeconds).toBe(1.25);
    expect(state.measuredAt).toBe('2025-03-01T10:05:00.000Z');
    expect(west).toHaveReceivedCommandWith(DescribeGlobalClustersCommand, {
      GlobalClusterIdentifier: 'orders-db-global',
    });
    // Published in the secondary's region, per secondary cluster and source region.
    expect(westMetrics).toHaveReceivedCommandTimes(GetMetricDataCommand, 1);
    expect(westMetrics).toHaveReceivedCommandWith(GetMetricDataCommand, {
      MetricDataQueries: [
        expect.objectContaining({
          MetricStat: expect.objectContaining({
            Metric: {
              Namespace: 'AWS/RDS',
              MetricName: 'AuroraGlobalDBReplicationLag',
              Dimensions: [
                { Name: 'DBClusterIdentifier', Value: 'orders-db-dr' },
                { Name: 'SourceRegion', Value: 'us-east-1' },
              ],
            },
            Period: 60,
          }),
        }),
      ],
      ScanBy: 'TimestampDescending',
    });
    expect(eastMetrics).not.toHaveReceivedAnyCommand();
  });

  it('leaves the lag unknown, not 0, without a datapoint or when CloudWatch throttles', async () => {
    const { provider, west, westMetrics, logger, target } = setup();
    west.on(DescribeGlobalClustersCommand).resolves(globalCluster('east'));

    const quiet = await provider.describe(target);
    expect(quiet.replica?.role).toBe('replica');
    expect(quiet.lagSeconds).toBeUndefined();

    westMetrics
      .on(GetMetricDataCommand)
      .rejects(cloudWatchError('Throttling', 'Rate exceeded'));
    const throttled = await provider.describe(target);
    expect(throttled.replica?.status).toBe('available (pending-resync)');
    expect(throttled.lagSeconds).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'AWS throttled CloudWatch GetMetricData on AuroraGlobalDBReplicationLag of orders-db-dr in us-west-2',
      ),
    );
  });

  it('asks for the lag from the region the writer is in', async () => {
    const { provider, west, westMetrics, target } = setup();
    const euWriter = 'arn:aws:rds:eu-west-1:123456789012:cluster:orders-db-eu';
    west.on(DescribeGlobalClustersCommand).resolves({
      GlobalClusters: [
        {
          GlobalClusterIdentifier: 'orders-db-global',
          GlobalClusterMembers: [
            { DBClusterArn: euWriter, IsWriter: true },
            { DBClusterArn: WEST_ARN, IsWriter: false },
          ],
        },
      ],
    });

    await provider.describe(target);

    expect(westMetrics).toHaveReceivedCommandWith(GetMetricDataCommand, {
      MetricDataQueries: [
        expect.objectContaining({
          MetricStat: expect.objectContaining({
            Metric: expect.objectContaining({
              Dimensions: [
                { Name: 'DBClusterIdentifier', Value: 'orders-db-dr' },
                { Name: 'SourceRegion', Value: 'eu-west-1' },
              ],
            }),
          }),
        }),
      ],
    });
  });

  it('reads no lag once the DR cluster writes', async () => {
    const { provider, west, westMetrics, target } = setup();
    west.on(DescribeGlobalClustersCommand).resolves(globalCluster('west'));
    westMetrics
      .on(GetMetricDataCommand)
      .resolves(lagDatapoints({ at: '2025-03-01T10:05:00Z', value: 800 }));

    const state = await provider.describe(target);

    expect(state.replica?.role).toBe('primary');
    expect(state.lagSeconds).toBeUndefined();
    expect(westMetrics).not.toHaveReceivedCommand(GetMetricDataCommand);
  });

  it('switches over with one SwitchoverGlobalCluster, asked for by the promotion', async () => {
    const { provider, east, west, target } = setup();
    west
      .on(DescribeGlobalClustersCommand)
      .resolvesOnce(globalCluster('east')) // demotion check
      .resolvesOnce(globalCluster('east')) // promotion
      .resolves(
        globalCluster('east', {
          Status: SWITCHING_OVER,
          FromDbClusterArn: EAST_ARN,
          ToDbClusterArn: WEST_ARN,
          IsDataLossAllowed: false,
        }),
      );
    west.on(SwitchoverGlobalClusterCommand).resolves({});

    // Aurora's switchover demotes the writer itself: demoting only checks it can start.
    await provider.demotePrimary(target);
    expect(west).not.toHaveReceivedCommand(SwitchoverGlobalClusterCommand);

    await provider.promoteReplica(target, { mode: 'switchover' });
    await provider.promoteReplica(target, { mode: 'switchover' });

    expect(west).toHaveReceivedCommandTimes(SwitchoverGlobalClusterCommand, 1);
    expect(west).toHaveReceivedCommandWith(SwitchoverGlobalClusterCommand, {
      GlobalClusterIdentifier: 'orders-db-global',
      TargetDbClusterIdentifier: WEST_ARN,
    });
    expect(west).not.toHaveReceivedCommand(FailoverGlobalClusterCommand);
    expect(east).not.toHaveReceivedCommand(SwitchoverGlobalClusterCommand);
  });

  it('rolls back a demotion by changing nothing, since the demotion changed nothing', async () => {
    const { provider, east, west, target } = setup();
    await provider.undoDemotion(target);
    expect(west).not.toHaveReceivedAnyCommand();
    expect(east).not.toHaveReceivedAnyCommand();
  });

  it('stops a switchover at the demotion when the DR cluster is not in the global database', async () => {
    const { provider, west, target } = setup();
    west.on(DescribeGlobalClustersCommand).resolves({
      GlobalClusters: [
        {
          GlobalClusterIdentifier: 'orders-db-global',
          GlobalClusterMembers: [{ DBClusterArn: EAST_ARN, IsWriter: true }],
        },
      ],
    });
    await expect(provider.demotePrimary(target)).rejects.toThrow(
      'DR cluster orders-db-dr is not a member of global cluster orders-db-global',
    );
  });

  it('fails over with data loss allowed, and not again once the DR cluster writes', async () => {
    const { provider, west, target } = setup();
    west
      .on(DescribeGlobalClustersCommand)
      .resolvesOnce(globalCluster('east'))
      .resolves(globalCluster('west'));
    west.on(FailoverGlobalClusterCommand).resolves({});

    await provider.promoteReplica(target, { mode: 'failover' });
    await provider.promoteReplica(target, { mode: 'failover' });

    expect(west).toHaveReceivedCommandTimes(FailoverGlobalClusterCommand, 1);
    expect(west).toHaveReceivedCommandWith(FailoverGlobalClusterCommand, {
      GlobalClusterIdentifier: 'orders-db-global',
      TargetDbClusterIdentifier: WEST_ARN,
      AllowDataLoss: true,
    });
  });

  it('fails over without the primary region answering', async () => {
    const { provider, east, west, target } = setup();
    east
      .on(DescribeDBClustersCommand)
      .rejects(
        Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' }),
      );
    west.on(DescribeGlobalClustersCommand).resolves(globalCluster('east'));
    west.on(FailoverGlobalClusterCommand).resolves({});

    await provider.promoteReplica(target, { mode: 'failover' });
    expect((await provider.describe(target)).primary).toBeUndefined();
    expect(west).toHaveReceivedCommand(FailoverGlobalClusterCommand);
  });

  it('refuses while the global cluster is moving to another cluster', async () => {
    const { provider, west, target } = setup();
    west.on(DescribeGlobalClustersCommand).resolves(
      globalCluster('west', {
        Status: 'failing-over',
        FromDbClusterArn: WEST_ARN,
        ToDbClusterArn: EAST_ARN,
      }),
    );
    // The DR cluster still writes, so a promotion to it is already done.
    await expect(
      provider.promoteReplica(target, { mode: 'failover' }),
    ).resolves.toBeUndefined();

    west.on(DescribeGlobalClustersCommand).resolves(
      globalCluster('east', {
        Status: 'failing-over',
        FromDbClusterArn: EAST_ARN,
        ToDbClusterArn:
          'arn:aws:rds:eu-west-1:123456789012:cluster:orders-db-eu',
      }),
    );
    await expect(
      provider.promoteReplica(target, { mode: 'failover' }),
    ).rejects.toThrow(
      'global cluster orders-db-global is already failing-over to arn:aws:rds:eu-west-1',
    );
    expect(west).not.toHaveReceivedCommand(FailoverGlobalClusterCommand);
  });

  it('says drills need the instance topology', async () => {
    const { provider, west, target } = setup();
    await expect(provider.startDrillCopy(target, 'd42')).rejects.toThrow(
      'drill copies are implemented for the RDS instance topology only',
    );
    expect(west).not.toHaveReceivedAnyCommand();
  });
});
