import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockServices } from '@backstage/backend-test-utils';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { testClients } from '../__testUtils__/drTarget';
import { lagDatapoints } from '../__testUtils__/lagMetric';
import {
  auroraGlobalReplicationLag,
  instanceReplicaLag,
  ReplicaLagReader,
} from './ReplicaLagReader';

function setup() {
  const clients = testClients();
  const cloudWatch = mockClient(clients.cloudWatch('us-west-2'));
  const logger = mockServices.logger.mock();
  return { reader: new ReplicaLagReader(clients, logger), cloudWatch, logger };
}

describe('ReplicaLagReader', () => {
  it('converts a lag published in milliseconds to seconds', async () => {
    const { reader, cloudWatch } = setup();
    cloudWatch
      .on(GetMetricDataCommand)
      .resolves(lagDatapoints({ at: '2025-03-01T10:05:00Z', value: 250 }));

    expect(
      await reader.read(
        'us-west-2',
        auroraGlobalReplicationLag('orders-db-dr', 'us-east-1'),
      ),
    ).toEqual({ lagSeconds: 0.25, measuredAt: '2025-03-01T10:05:00.000Z' });
  });

  it('reads a caught-up replica as lag 0, and no datapoint as unknown', async () => {
    const { reader, cloudWatch } = setup();
    cloudWatch
      .on(GetMetricDataCommand)
      .resolvesOnce(lagDatapoints({ at: '2025-03-01T10:05:00Z', value: 0 }))
      .resolvesOnce(lagDatapoints())
      .resolves({});
    const metric = instanceReplicaLag('orders-db-dr');

    expect((await reader.read('us-west-2', metric))?.lagSeconds).toBe(0);
    expect(await reader.read('us-west-2', metric)).toBeUndefined();
    expect(await reader.read('us-west-2', metric)).toBeUndefined();
  });

  it('takes ReplicaLag -1 (replication not running) as unknown, not as a lag', async () => {
    const { reader, cloudWatch, logger } = setup();
    cloudWatch
      .on(GetMetricDataCommand)
      .resolves(lagDatapoints({ at: '2025-03-01T10:05:00Z', value: -1 }));

    expect(
      await reader.read('us-west-2', instanceReplicaLag('orders-db-dr')),
    ).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      'Replication lag unknown: ReplicaLag of orders-db-dr in us-west-2 is -1, replication is not active',
    );
  });

  it('takes a query CloudWatch refused inside a successful call as unknown', async () => {
    const { reader, cloudWatch, logger } = setup();
    cloudWatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        {
          Id: 'lag',
          StatusCode: 'Forbidden',
          Timestamps: [],
          Values: [],
          Messages: [{ Code: 'Forbidden', Value: 'Access denied' }],
        },
      ],
    });

    expect(
      await reader.read('us-west-2', instanceReplicaLag('orders-db-dr')),
    ).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      'Replication lag unknown: CloudWatch answered Forbidden for ReplicaLag of orders-db-dr in us-west-2 (Access denied)',
    );
  });
});
