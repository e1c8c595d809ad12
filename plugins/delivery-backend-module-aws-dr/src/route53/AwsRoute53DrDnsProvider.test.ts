import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  InvalidChangeBatch,
  ListResourceRecordSetsCommand,
  ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { ordersTarget, testClients } from '../__testUtils__/drTarget';
import { AwsRoute53DrDnsProvider } from './AwsRoute53DrDnsProvider';

const SUBMITTED = new Date('2025-03-01T10:00:00Z');

function setup() {
  const clients = testClients();
  const route53 = mockClient(clients.route53());
  const provider = new AwsRoute53DrDnsProvider({
    hostedZoneId: 'ZTESTZONE123',
    clients,
  });
  return { provider, route53, target: ordersTarget() };
}

function cname(
  name: string,
  value: string,
  extra: Partial<ResourceRecordSet> = {},
) {
  return {
    ResourceRecordSets: [
      {
        Name: `${name}.`,
        Type: 'CNAME' as const,
        TTL: 300,
        ResourceRecords: [{ Value: value }],
        ...extra,
      },
    ],
    IsTruncated: false,
    MaxItems: 1,
  };
}

describe('AwsRoute53DrDnsProvider', () => {
  it('describes the record and which side it points at', async () => {
    const { provider, route53, target } = setup();
    route53
      .on(ListResourceRecordSetsCommand)
      .resolves(
        cname('orders.delivery.internal', 'orders.us-east-1.delivery.internal'),
      );

    expect(await provider.describe(target)).toEqual({
      provider: 'aws-route53',
      name: 'orders.delivery.internal',
      targets: ['orders.us-east-1.delivery.internal'],
      ttlSeconds: 300,
      pointsTo: 'primary',
    });
    expect(route53).toHaveReceivedCommandWith(ListResourceRecordSetsCommand, {
      HostedZoneId: 'ZTESTZONE123',
      StartRecordName: 'orders.delivery.internal',
      StartRecordType: 'CNAME',
    });
  });

  it('reports no record when the zone lists only the next name', async () => {
    const { provider, route53, target } = setup();
    route53
      .on(ListResourceRecordSetsCommand)
      .resolves(
        cname(
          'payments.delivery.internal',
          'payments.us-east-1.delivery.internal',
        ),
      );
    expect(await provider.describe(target)).toBeUndefined();
  });

  it('switches the record in ONE change batch and follows it until in sync', async () => {
    const { provider, route53, target } = setup();
    route53
      .on(ListResourceRecordSetsCommand)
      .resolves(
        cname('orders.delivery.internal', 'orders.us-east-1.delivery.internal'),
      );
    route53.on(ChangeResourceRecordSetsCommand).resolves({
      ChangeInfo: {
        Id: '/change/C2682N5HXP0BZ4',
        Status: 'PENDING',
        SubmittedAt: SUBMITTED,
      },
    });
    route53
      .on(GetChangeCommand)
      .resolvesOnce({
        ChangeInfo: {
          Id: '/change/C2682N5HXP0BZ4',
          Status: 'PENDING',
          SubmittedAt: SUBMITTED,
        },
      })
      .resolves({
        ChangeInfo: {
          Id: '/change/C2682N5HXP0BZ4',
          Status: 'INSYNC',
          SubmittedAt: SUBMITTED,
        },
      });

    const change = await provider.pointTo(target, 'dr');

    expect(change).toEqual({
      id: 'C2682N5HXP0BZ4',
      status: 'pending',
      submittedAt: '2025-03-01T10:00:00.000Z',
    });
    expect(route53).toHaveReceivedCommandTimes(
      ChangeResourceRecordSetsCommand,
      1,
    );
    const [call] = route53.commandCalls(ChangeResourceRecordSetsCommand);
    expect(call.args[0].input.HostedZoneId).toBe('ZTESTZONE123');
    expect(call.args[0].input.ChangeBatch?.Changes).toEqual([
      {
        Action: 'UPSERT',
        ResourceRecordSet: {
          Name: 'orders.delivery.internal',
          Type: 'CNAME',
          TTL: 60,
          ResourceRecords: [{ Value: 'orders.us-west-2.delivery.internal' }],
        },
      },
    ]);

    expect((await provider.changeStatus(target, change.id)).status).toBe(
      'pending',
    );
    expect((await provider.changeStatus(target, change.id)).status).toBe(
      'in-sync',
    );
    expect(route53).toHaveReceivedCommandWith(GetChangeCommand, {
      Id: 'C2682N5HXP0BZ4',
    });
  });

  it('submits nothing when the record already points at the side', async () => {
    const { provider, route53, target } = setup();
    route53
      .on(ListResourceRecordSetsCommand)
      .resolves(
        cname(
          'orders.delivery.internal',
          'Orders.us-west-2.delivery.internal.',
        ),
      );

    const change = await provider.pointTo(target, 'dr');

    expect(change).toMatchObject({ id: 'current', status: 'in-sync' });
    expect(await provider.changeStatus(target, change.id)).toMatchObject({
      id: 'current',
      status: 'in-sync',
    });
    expect(route53).not.toHaveReceivedCommand(ChangeResourceRecordSetsCommand);
    expect(route53).not.toHaveReceivedCommand(GetChangeCommand);
  });

  it('refuses records with a routing policy rather than overwrite them', async () => {
    const { provider, route53, target } = setup();
    route53.on(ListResourceRecordSetsCommand).resolves(
      cname('orders.delivery.internal', 'orders.us-east-1.delivery.internal', {
        SetIdentifier: 'east',
        Weight: 100,
      }),
    );
    await expect(provider.pointTo(target, 'dr')).rejects.toThrow(
      'uses a routing policy (set identifier "east")',
    );
    expect(route53).not.toHaveReceivedCommand(ChangeResourceRecordSetsCommand);
  });

  it('creates and deletes the drill record without touching the service record', async () => {
    const { provider, route53, target } = setup();
    const drillName = 'drill-d42.orders.delivery.internal';
    route53.on(ChangeResourceRecordSetsCommand).resolves({
      ChangeInfo: {
        Id: '/change/CDRILL',
        Status: 'PENDING',
        SubmittedAt: SUBMITTED,
      },
    });
    route53
      .on(ListResourceRecordSetsCommand)
      .resolvesOnce(cname(drillName, 'orders.us-west-2.delivery.internal'))
      // Deleted already: the zone lists the next name.
      .resolves(
        cname('orders.delivery.internal', 'orders.us-east-1.delivery.internal'),
      );

    expect((await provider.createDrillRecord(target, 'd42')).id).toBe('CDRILL');
    await provider.deleteDrillRecord(target, 'd42');
    await provider.deleteDrillRecord(target, 'd42');

    const changes = route53
      .commandCalls(ChangeResourceRecordSetsCommand)
      .map(c => c.args[0].input.ChangeBatch?.Changes);
    expect(changes).toEqual([
      [
        {
          Action: 'UPSERT',
          ResourceRecordSet: {
            Name: drillName,
            Type: 'CNAME',
            TTL: 60,
            ResourceRecords: [{ Value: 'orders.us-west-2.delivery.internal' }],
          },
        },
      ],
      [
        {
          Action: 'DELETE',
          ResourceRecordSet: {
            Name: `${drillName}.`,
            Type: 'CNAME',
            TTL: 300,
            ResourceRecords: [{ Value: 'orders.us-west-2.delivery.internal' }],
          },
        },
      ],
    ]);
  });

  it('takes a drill record deleted under it as deleted', async () => {
    const { provider, route53, target } = setup();
    const drillName = 'drill-d42.orders.delivery.internal';
    route53
      .on(ListResourceRecordSetsCommand)
      .resolves(cname(drillName, 'orders.us-west-2.delivery.internal'));
    route53.on(ChangeResourceRecordSetsCommand).rejects(
      new InvalidChangeBatch({
        message: 'Invalid change batch',
        messages: [
          `Tried to delete resource record set [name='${drillName}.', type='CNAME'] but it was not found`,
        ],
        $metadata: { httpStatusCode: 400 },
      }),
    );
    await expect(
      provider.deleteDrillRecord(target, 'd42'),
    ).resolves.toBeUndefined();

    route53.on(ChangeResourceRecordSetsCommand).rejects(
      new InvalidChangeBatch({
        message:
          'RRSet with DNS name drill-d42.orders.delivery.internal. is not permitted in zone other.internal.',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    await expect(provider.deleteDrillRecord(target, 'd42')).rejects.toThrow(
      'Route 53 ChangeResourceRecordSets on drill-d42.orders.delivery.internal in zone ZTESTZONE123 failed',
    );
  });
});
