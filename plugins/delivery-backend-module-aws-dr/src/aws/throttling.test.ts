import {
  ScriptedHttpHandler,
  throttled,
} from '../__testUtils__/ScriptedHttpHandler';
import {
  awsDrConfig,
  ordersTarget,
  testClients,
} from '../__testUtils__/drTarget';
import { AwsRdsDrProvider } from '../rds/AwsRdsDrProvider';
import { AwsRoute53DrDnsProvider } from '../route53/AwsRoute53DrDnsProvider';

const DRILL_COPY_XML = `<DescribeDBInstancesResponse><DescribeDBInstancesResult><DBInstances><DBInstance>
  <DBInstanceIdentifier>orders-db-dr-drill-d1</DBInstanceIdentifier>
  <DBInstanceStatus>available</DBInstanceStatus>
  <ReadReplicaSourceDBInstanceIdentifier>orders-db-dr</ReadReplicaSourceDBInstanceIdentifier>
</DBInstance></DBInstances></DescribeDBInstancesResult>
<ResponseMetadata><RequestId>req-ok</RequestId></ResponseMetadata></DescribeDBInstancesResponse>`;

const RECORD_XML = `<ListResourceRecordSetsResponse><ResourceRecordSets><ResourceRecordSet>
  <Name>orders.delivery.internal.</Name><Type>CNAME</Type><TTL>60</TTL>
  <ResourceRecords><ResourceRecord><Value>orders.us-east-1.delivery.internal</Value></ResourceRecord></ResourceRecords>
</ResourceRecordSet></ResourceRecordSets><IsTruncated>false</IsTruncated><MaxItems>1</MaxItems></ListResourceRecordSetsResponse>`;

const CHANGE_XML = `<ChangeResourceRecordSetsResponse><ChangeInfo>
  <Id>/change/C1</Id><Status>PENDING</Status><SubmittedAt>2025-03-01T10:00:00.000Z</SubmittedAt>
</ChangeInfo></ChangeResourceRecordSetsResponse>`;

// The SDK's real retry strategy runs; only its random jitter is pinned so backoff is instant.
beforeEach(() => {
  jest.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(() => {
  jest.restoreAllMocks();
});

function rdsProvider(handler: ScriptedHttpHandler) {
  return new AwsRdsDrProvider({
    config: awsDrConfig(),
    clients: testClients({ requestHandler: handler }, 3),
  });
}

function route53Provider(handler: ScriptedHttpHandler) {
  return new AwsRoute53DrDnsProvider({
    hostedZoneId: 'ZTESTZONE123',
    clients: testClients({ requestHandler: handler }, 3),
  });
}

describe('throttling', () => {
  it('lets the SDK retry RDS throttling until the call succeeds', async () => {
    const handler = new ScriptedHttpHandler([
      throttled(),
      throttled(),
      { status: 200, body: DRILL_COPY_XML },
    ]);

    const copy = await rdsProvider(handler).describeDrillCopy(
      ordersTarget(),
      'd1',
    );

    expect(copy).toEqual({
      id: 'orders-db-dr-drill-d1',
      role: 'replica',
      available: true,
    });
    expect(handler.requests).toEqual([
      'DescribeDBInstances',
      'DescribeDBInstances',
      'DescribeDBInstances',
    ]);
  });

  it('names the RDS operation and resource when throttling outlasts the retries', async () => {
    const handler = new ScriptedHttpHandler([throttled()]);

    const failure = rdsProvider(handler).describeDrillCopy(
      ordersTarget(),
      'd1',
    );

    await expect(failure).rejects.toThrow(
      'AWS throttled RDS DescribeDBInstances on orders-db-dr-drill-d1 in us-west-2 on all 3 attempts (Throttling); try again later or raise delivery.dr.aws.maxAttempts',
    );
    await expect(failure).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
    });
    expect(handler.requests).toHaveLength(3);
  });

  it('retries a throttled Route 53 change batch until Route 53 accepts it', async () => {
    const handler = new ScriptedHttpHandler([
      { status: 200, body: RECORD_XML },
      throttled('ThrottlingException'),
      { status: 200, body: CHANGE_XML },
    ]);

    const change = await route53Provider(handler).pointTo(ordersTarget(), 'dr');

    expect(change).toEqual({
      id: 'C1',
      status: 'pending',
      submittedAt: '2025-03-01T10:00:00.000Z',
    });
    expect(handler.requests).toEqual([
      'GET /2013-04-01/hostedzone/ZTESTZONE123/rrset',
      'POST /2013-04-01/hostedzone/ZTESTZONE123/rrset',
      'POST /2013-04-01/hostedzone/ZTESTZONE123/rrset',
    ]);
  });

  it('names the Route 53 operation and record when throttling outlasts the retries', async () => {
    const handler = new ScriptedHttpHandler([
      throttled('PriorRequestNotComplete'),
    ]);

    await expect(
      route53Provider(handler).pointTo(ordersTarget(), 'dr'),
    ).rejects.toThrow(
      'AWS throttled Route 53 ListResourceRecordSets on orders.delivery.internal in zone ZTESTZONE123 on all 3 attempts (PriorRequestNotComplete)',
    );
    expect(handler.requests).toHaveLength(3);
  });
});
