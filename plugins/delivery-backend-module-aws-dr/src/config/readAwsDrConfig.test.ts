import { ConfigReader } from '@backstage/config';
import { readAwsDrConfig } from './readAwsDrConfig';

const read = (aws: unknown) =>
  readAwsDrConfig(new ConfigReader({ delivery: { dr: { aws } } } as any));

describe('readAwsDrConfig', () => {
  it('is undefined without delivery.dr.aws', () => {
    expect(readAwsDrConfig(new ConfigReader({}))).toBeUndefined();
    expect(
      readAwsDrConfig(
        new ConfigReader({ delivery: { dr: { dnsProvider: 'kubernetes' } } }),
      ),
    ).toBeUndefined();
  });

  it('fills the defaults around the hosted zone', () => {
    expect(read({ hostedZoneId: '/hostedzone/Z0123456789ABC' })).toEqual({
      hostedZoneId: 'Z0123456789ABC',
      topology: 'instance',
      replicaIdPattern: '{database}-dr',
      globalClusterIdPattern: '{database}-global',
      primaryRegion: undefined,
      drRegion: undefined,
      route53Region: 'us-east-1',
      maxAttempts: 5,
      retryMode: 'standard',
      services: [],
    });
  });

  it('reads per-service settings', () => {
    const config = read({
      hostedZoneId: 'Z1',
      topology: 'aurora-global',
      retryMode: 'adaptive',
      maxAttempts: 8,
      services: [
        {
          service: 'orders',
          environment: 'staging',
          topology: 'instance',
          replicaId: 'orders-standby',
          drRegion: 'eu-west-1',
        },
      ],
    });
    expect(config).toMatchObject({
      topology: 'aurora-global',
      retryMode: 'adaptive',
      maxAttempts: 8,
      services: [
        {
          service: 'orders',
          environment: 'staging',
          topology: 'instance',
          replicaId: 'orders-standby',
          drRegion: 'eu-west-1',
        },
      ],
    });
  });

  it.each([
    [{}, 'delivery.dr.aws.hostedZoneId is required'],
    [
      { hostedZoneId: 'zone-1' },
      'delivery.dr.aws.hostedZoneId "zone-1" is not',
    ],
    [
      { hostedZoneId: 'Z1', topology: 'cluster' },
      'delivery.dr.aws.topology "cluster" must be one of instance, aurora-global',
    ],
    [
      { hostedZoneId: 'Z1', maxAttempts: 0 },
      'delivery.dr.aws.maxAttempts 0 must be',
    ],
    [
      { hostedZoneId: 'Z1', retryMode: 'legacy' },
      'delivery.dr.aws.retryMode "legacy" must be one of',
    ],
    [
      { hostedZoneId: 'Z1', replicaIdPattern: '{db}-dr' },
      'delivery.dr.aws.replicaIdPattern "{db}-dr" uses {db}',
    ],
    [
      { hostedZoneId: 'Z1', drRegion: 'west' },
      'delivery.dr.aws.drRegion "west" is not an AWS region',
    ],
    [
      { hostedZoneId: 'Z1', services: [{ topology: 'instance' }] },
      'delivery.dr.aws.services[0].service is required',
    ],
    [
      { hostedZoneId: 'Z1', services: [{ service: 'a', topology: 'x' }] },
      'delivery.dr.aws.services[0].topology "x" must be one of',
    ],
  ])('names the key of a wrong value: %j', (aws, message) => {
    expect(() => read(aws)).toThrow(message);
  });
});
