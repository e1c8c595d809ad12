import {
  DescribeDBClustersCommand,
  DescribeGlobalClustersCommand,
  FailoverGlobalClusterCommand,
  FailoverStatus,
  GlobalCluster,
  SwitchoverGlobalClusterCommand,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import {
  awsDrConfig,
  ordersTarget,
  testClients,
} from '../__testUtils__/drTarget';
import { AwsRdsDrProvider } from './AwsRdsDrProvider';

const EAST_ARN = 'arn:aws:rds:us-east-1:123456789012:cluster:orders-db';
const WEST_ARN = 'arn:aws:rds:us-west-2:123456789012:cluster:orders-db-dr';
// In the API reference's FailoverState.Status values, but not in the SDK's enum.
const SWITCHING_OVER = 'switching-over' as FailoverStatus;

function setup() {
  const clients = testClients();
  const east = mockClient(clients.rds('us-east-1'));
  const west = mockClient(clients.rds('us-west-2'));
  const provider = new AwsRdsDrProvider({
    // Aurora for this service only; the default stays the instance topology.
    config: awsDrConfig({
      services: [{ service: 'orders', topology: 'aurora-global' }],
    }),
    clients,
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
  return { provider, east, west, target: ordersTarget() };
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
    const { provider, west, target } = setup();
    west.on(DescribeGlobalClustersCommand).resolves(globalCluster('east'));

    const state = await provider.describe(target);

    expect(state).toMatchObject({
      provider: 'aws-rds',
      primary: { id: 'orders-db', region: 'us-east-1', role: 'primary' },
      replica: {
        id: 'orders-db-dr',
        region: 'us-west-2',
        role: 'replica',
        available: true,
        status: 'available (pending-resync)',
      },
    });
    // Aurora reports lag only in CloudWatch (AuroraGlobalDBReplicationLag): not invented.
    expect(state.lagSeconds).toBeUndefined();
    expect(west).toHaveReceivedCommandWith(DescribeGlobalClustersCommand, {
      GlobalClusterIdentifier: 'orders-db-global',
    });
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
