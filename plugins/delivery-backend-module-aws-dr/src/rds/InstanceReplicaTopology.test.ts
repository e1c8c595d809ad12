import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateDBInstanceReadReplicaCommand,
  DBInstanceAlreadyExistsFault,
  DBInstanceNotFoundFault,
  DeleteDBInstanceCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  PromoteReadReplicaCommand,
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
import { AwsDrConfig } from '../config/readAwsDrConfig';
import { AwsRdsDrProvider } from './AwsRdsDrProvider';

const PRIMARY_ARN = 'arn:aws:rds:us-east-1:123456789012:db:orders-db';

function setup(config: Partial<AwsDrConfig> = {}) {
  const clients = testClients();
  const east = mockClient(clients.rds('us-east-1'));
  const west = mockClient(clients.rds('us-west-2'));
  const eastMetrics = mockClient(clients.cloudWatch('us-east-1'));
  const westMetrics = mockClient(clients.cloudWatch('us-west-2'));
  westMetrics.on(GetMetricDataCommand).resolves(lagDatapoints());
  const logger = mockServices.logger.mock();
  const provider = new AwsRdsDrProvider({
    config: awsDrConfig(config),
    clients,
    logger,
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

const primaryAvailable = {
  DBInstances: [
    { DBInstanceIdentifier: 'orders-db', DBInstanceStatus: 'available' },
  ],
};

const replicating = {
  DBInstances: [
    {
      DBInstanceIdentifier: 'orders-db-dr',
      DBInstanceStatus: 'available',
      ReadReplicaSourceDBInstanceIdentifier: PRIMARY_ARN,
    },
  ],
};

const notFound = (id: string) =>
  new DBInstanceNotFoundFault({
    message: `DBInstance ${id} not found.`,
    $metadata: { httpStatusCode: 404 },
  });

describe('AwsRdsDrProvider, instance topology', () => {
  it('describes the primary in the primary region and the replica in the DR region', async () => {
    const { provider, east, west, target } = setup();
    east
      .on(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'orders-db' })
      .resolves({
        DBInstances: [
          { DBInstanceIdentifier: 'orders-db', DBInstanceStatus: 'available' },
        ],
      });
    west
      .on(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'orders-db-dr' })
      .resolves({
        DBInstances: [
          {
            DBInstanceIdentifier: 'orders-db-dr',
            DBInstanceStatus: 'available',
            ReadReplicaSourceDBInstanceIdentifier: PRIMARY_ARN,
            StatusInfos: [
              {
                StatusType: 'read replication',
                Status: 'error',
                Normal: false,
              },
            ],
          },
        ],
      });

    const state = await provider.describe(target);

    expect(state).toMatchObject({
      provider: 'aws-rds',
      primary: {
        id: 'orders-db',
        region: 'us-east-1',
        role: 'primary',
        available: true,
        status: 'available',
      },
      replica: {
        id: 'orders-db-dr',
        region: 'us-west-2',
        role: 'replica',
        available: true,
        status: 'available (replication error)',
      },
    });
    // CloudWatch has no ReplicaLag datapoint here: the lag is unknown, not 0.
    expect(state.lagSeconds).toBeUndefined();
    expect(Date.parse(state.measuredAt)).not.toBeNaN();
  });

  it('reads the lag from the latest ReplicaLag datapoint of the replica, in the DR region', async () => {
    const { provider, east, west, eastMetrics, westMetrics, target } = setup();
    east.on(DescribeDBInstancesCommand).resolves(primaryAvailable);
    west.on(DescribeDBInstancesCommand).resolves(replicating);
    westMetrics
      .on(GetMetricDataCommand)
      .resolves(
        lagDatapoints(
          { at: '2025-03-01T10:05:00Z', value: 42 },
          { at: '2025-03-01T10:04:00Z', value: 3 },
        ),
      );

    const before = Date.now();
    const state = await provider.describe(target);

    expect(state.lagSeconds).toBe(42);
    expect(state.measuredAt).toBe('2025-03-01T10:05:00.000Z');
    expect(westMetrics).toHaveReceivedCommandTimes(GetMetricDataCommand, 1);
    expect(westMetrics).toHaveReceivedCommandWith(GetMetricDataCommand, {
      MetricDataQueries: [
        expect.objectContaining({
          MetricStat: expect.objectContaining({
            Metric: {
              Namespace: 'AWS/RDS',
              MetricName: 'ReplicaLag',
              Dimensions: [
                { Name: 'DBInstanceIdentifier', Value: 'orders-db-dr' },
              ],
            },
            Period: 60,
          }),
        }),
      ],
      ScanBy: 'TimestampDescending',
    });
    const { StartTime, EndTime } =
      westMetrics.commandCalls(GetMetricDataCommand)[0].args[0].input;
    expect(EndTime!.getTime()).toBeGreaterThanOrEqual(before);
    expect(EndTime!.getTime() - StartTime!.getTime()).toBe(5 * 60_000);
    expect(eastMetrics).not.toHaveReceivedAnyCommand();
  });

  it('answers with the lag unknown and a warning when CloudWatch throttles or refuses', async () => {
    const { provider, east, west, westMetrics, logger, target } = setup();
    east.on(DescribeDBInstancesCommand).resolves(primaryAvailable);
    west.on(DescribeDBInstancesCommand).resolves(replicating);
    westMetrics
      .on(GetMetricDataCommand)
      .rejectsOnce(cloudWatchError('Throttling', 'Rate exceeded'))
      .rejects(
        cloudWatchError(
          'AccessDenied',
          'not authorized to perform: cloudwatch:GetMetricData',
        ),
      );

    const throttled = await provider.describe(target);
    expect(throttled.replica?.id).toBe('orders-db-dr');
    expect(throttled.lagSeconds).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'AWS throttled CloudWatch GetMetricData on ReplicaLag of orders-db-dr in us-west-2 on all 3 attempts',
      ),
    );

    const denied = await provider.describe(target);
    expect(denied.replica?.status).toBe('available');
    expect(denied.lagSeconds).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'CloudWatch GetMetricData on ReplicaLag of orders-db-dr in us-west-2 failed; caused by AccessDenied',
      ),
    );
  });

  it('reads no lag for a replica that was promoted or does not exist', async () => {
    const { provider, east, west, westMetrics, target } = setup();
    east.on(DescribeDBInstancesCommand).resolves(primaryAvailable);
    west
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({
        DBInstances: [
          {
            DBInstanceIdentifier: 'orders-db-dr',
            DBInstanceStatus: 'available',
          },
        ],
      })
      .rejects(notFound('orders-db-dr'));
    westMetrics
      .on(GetMetricDataCommand)
      .resolves(lagDatapoints({ at: '2025-03-01T10:05:00Z', value: 9 }));

    const promoted = await provider.describe(target);
    expect(promoted.replica?.role).toBe('primary');
    expect(promoted.lagSeconds).toBeUndefined();

    const missing = await provider.describe(target);
    expect(missing.replica).toBeUndefined();
    expect(missing.lagSeconds).toBeUndefined();
    expect(westMetrics).not.toHaveReceivedCommand(GetMetricDataCommand);
  });

  it('reports the primary absent when its region does not answer, but not when access is denied', async () => {
    const { provider, east, west, target } = setup();
    west.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        {
          DBInstanceIdentifier: 'orders-db-dr',
          DBInstanceStatus: 'available',
          ReadReplicaSourceDBInstanceIdentifier: PRIMARY_ARN,
        },
      ],
    });
    east.on(DescribeDBInstancesCommand).rejects(
      Object.assign(new Error('Service Unavailable'), {
        name: 'ServiceUnavailable',
        $fault: 'server',
        $metadata: { httpStatusCode: 503 },
      }),
    );
    const state = await provider.describe(target);
    expect(state.primary).toBeUndefined();
    expect(state.replica?.role).toBe('replica');

    east.on(DescribeDBInstancesCommand).rejects(
      Object.assign(new Error('not authorized to rds:DescribeDBInstances'), {
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    await expect(provider.describe(target)).rejects.toThrow(
      'RDS DescribeDBInstances on orders-db in us-east-1 failed; caused by AccessDenied',
    );
  });

  it('promotes the DR replica once, however often promotion is asked for', async () => {
    const { provider, east, west, target } = setup();
    west
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({
        DBInstances: [
          {
            DBInstanceIdentifier: 'orders-db-dr',
            DBInstanceStatus: 'available',
            ReadReplicaSourceDBInstanceIdentifier: PRIMARY_ARN,
          },
        ],
      })
      // What RDS shows right after PromoteReadReplica, then once it is done.
      .resolvesOnce({
        DBInstances: [
          {
            DBInstanceIdentifier: 'orders-db-dr',
            DBInstanceStatus: 'modifying',
            ReadReplicaSourceDBInstanceIdentifier: PRIMARY_ARN,
          },
        ],
      })
      .resolves({
        DBInstances: [
          {
            DBInstanceIdentifier: 'orders-db-dr',
            DBInstanceStatus: 'available',
          },
        ],
      });
    west.on(PromoteReadReplicaCommand).resolves({});

    await provider.promoteReplica(target, { mode: 'failover' });
    await provider.promoteReplica(target, { mode: 'failover' });
    await provider.promoteReplica(target, { mode: 'failover' });

    expect(west).toHaveReceivedCommandTimes(PromoteReadReplicaCommand, 1);
    expect(west).toHaveReceivedCommandWith(PromoteReadReplicaCommand, {
      DBInstanceIdentifier: 'orders-db-dr',
    });
    expect(east).not.toHaveReceivedAnyCommand();
  });

  it('says which replica is missing instead of promoting nothing', async () => {
    const { provider, west, target } = setup();
    west.on(DescribeDBInstancesCommand).rejects(notFound('orders-db-dr'));
    await expect(
      provider.promoteReplica(target, { mode: 'failover' }),
    ).rejects.toThrow('DR replica orders-db-dr does not exist in us-west-2');
    expect(west).not.toHaveReceivedCommand(PromoteReadReplicaCommand);
  });

  it('refuses a switchover before changing anything', async () => {
    const { provider, east, west, target } = setup();
    await expect(provider.demotePrimary(target)).rejects.toThrow(
      /switchover is not possible for the RDS instance topology.*Run a failover instead/,
    );
    await expect(
      provider.promoteReplica(target, { mode: 'switchover' }),
    ).rejects.toMatchObject({ name: 'InputError' });
    // A rolled-back switchover has nothing to undo.
    await provider.undoDemotion(target);
    expect(east).not.toHaveReceivedAnyCommand();
    expect(west).not.toHaveReceivedAnyCommand();
  });

  it('uses the replica id of a services entry', async () => {
    const { provider, west, target } = setup({
      services: [{ service: 'orders', replicaId: 'orders-standby' }],
    });
    west.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        {
          DBInstanceIdentifier: 'orders-standby',
          DBInstanceStatus: 'available',
        },
      ],
    });
    await provider.promoteReplica(target, { mode: 'failover' });
    expect(west).toHaveReceivedCommandWith(DescribeDBInstancesCommand, {
      DBInstanceIdentifier: 'orders-standby',
    });
  });

  it('runs a drill copy from creation to deletion, each step repeatable', async () => {
    const { provider, west, target } = setup();
    const copyId = 'orders-db-dr-drill-d42';
    const copy = (status: string, replica: boolean) => ({
      DBInstances: [
        {
          DBInstanceIdentifier: copyId,
          DBInstanceStatus: status,
          ReadReplicaSourceDBInstanceIdentifier: replica
            ? 'orders-db-dr'
            : undefined,
        },
      ],
    });
    west
      .on(CreateDBInstanceReadReplicaCommand)
      .resolvesOnce({ DBInstance: copy('creating', true).DBInstances[0] })
      .rejects(
        new DBInstanceAlreadyExistsFault({
          message: 'DB instance already exists',
          $metadata: { httpStatusCode: 400 },
        }),
      );
    west
      .on(DescribeDBInstancesCommand)
      .resolvesOnce(copy('available', true)) // second start
      .resolvesOnce(copy('available', true)) // describe
      .resolvesOnce(copy('available', true)) // promote
      .resolvesOnce(copy('available', false)) // describe after promotion
      .rejects(notFound(copyId));
    west.on(DeleteDBInstanceCommand).resolvesOnce({}).rejects(notFound(copyId));
    west.on(PromoteReadReplicaCommand).resolves({});

    expect(await provider.startDrillCopy(target, 'd42')).toEqual({
      id: copyId,
      role: 'replica',
      available: false,
    });
    expect(await provider.startDrillCopy(target, 'd42')).toEqual({
      id: copyId,
      role: 'replica',
      available: true,
    });
    expect(west).toHaveReceivedCommandWith(CreateDBInstanceReadReplicaCommand, {
      DBInstanceIdentifier: copyId,
      SourceDBInstanceIdentifier: 'orders-db-dr',
    });

    expect((await provider.describeDrillCopy(target, 'd42')).available).toBe(
      true,
    );
    await provider.promoteDrillCopy(target, 'd42');
    expect(west).toHaveReceivedCommandWith(PromoteReadReplicaCommand, {
      DBInstanceIdentifier: copyId,
    });
    expect((await provider.describeDrillCopy(target, 'd42')).role).toBe(
      'primary',
    );

    await provider.deleteDrillCopy(target, 'd42');
    await provider.deleteDrillCopy(target, 'd42');
    expect(west).toHaveReceivedCommandWith(DeleteDBInstanceCommand, {
      DBInstanceIdentifier: copyId,
      SkipFinalSnapshot: true,
    });
    expect(await provider.describeDrillCopy(target, 'd42')).toEqual({
      id: copyId,
      role: 'absent',
      available: false,
    });
    // Only the copy was ever promoted or deleted, never the replica itself.
    expect(west).toHaveReceivedCommandTimes(PromoteReadReplicaCommand, 1);
    expect(west).not.toHaveReceivedCommandWith(DeleteDBInstanceCommand, {
      DBInstanceIdentifier: 'orders-db-dr',
    });
  });

  it('rejects a drill id that would not make an RDS identifier', async () => {
    const { provider, west, target } = setup();
    await expect(provider.startDrillCopy(target, 'D 1')).rejects.toThrow(
      'drillId "D 1" must be lowercase letters and digits',
    );
    expect(west).not.toHaveReceivedAnyCommand();
  });

  it('gives the latest restorable time, or else the latest automated snapshot', async () => {
    const { provider, east, target } = setup();
    east
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({
        DBInstances: [
          {
            DBInstanceIdentifier: 'orders-db',
            LatestRestorableTime: new Date('2025-03-01T10:05:00Z'),
          },
        ],
      })
      .resolves({ DBInstances: [{ DBInstanceIdentifier: 'orders-db' }] });
    east.on(DescribeDBSnapshotsCommand).resolves({
      DBSnapshots: [
        {
          DBSnapshotIdentifier: 'rds:orders-db-2025-03-01-03-00',
          Status: 'available',
          SnapshotCreateTime: new Date('2025-03-01T03:00:00Z'),
        },
        {
          DBSnapshotIdentifier: 'rds:orders-db-2025-02-28-03-00',
          Status: 'available',
          SnapshotCreateTime: new Date('2025-02-28T03:00:00Z'),
        },
        {
          DBSnapshotIdentifier: 'rds:orders-db-2025-03-02-03-00',
          Status: 'creating',
          SnapshotCreateTime: new Date('2025-03-02T03:00:00Z'),
        },
      ],
    });

    expect(await provider.latestSnapshot(target)).toEqual({
      provider: 'aws-rds',
      name: 'orders-db latest restorable time',
      takenAt: '2025-03-01T10:05:00.000Z',
    });
    expect(await provider.latestSnapshot(target)).toEqual({
      provider: 'aws-rds',
      name: 'rds:orders-db-2025-03-01-03-00',
      takenAt: '2025-03-01T03:00:00.000Z',
    });
    expect(east).toHaveReceivedCommandWith(DescribeDBSnapshotsCommand, {
      DBInstanceIdentifier: 'orders-db',
      SnapshotType: 'automated',
    });
  });
});
