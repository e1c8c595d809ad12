import { awsDrConfig, ordersTarget } from '../__testUtils__/drTarget';
import { resolveAwsDrSettings } from './resolveAwsDrSettings';

describe('resolveAwsDrSettings', () => {
  it('takes regions from the clusters and ids from the patterns', () => {
    expect(resolveAwsDrSettings(awsDrConfig(), ordersTarget())).toEqual({
      topology: 'instance',
      primaryRegion: 'us-east-1',
      drRegion: 'us-west-2',
      replicaId: 'orders-db-dr',
      globalClusterId: 'orders-db-global',
    });
  });

  it('lays the environment entry over the service entry over the defaults', () => {
    const config = awsDrConfig({
      replicaIdPattern: '{service}-{environment}-replica',
      drRegion: 'us-west-1',
      services: [
        {
          service: 'orders',
          topology: 'aurora-global',
          globalClusterId: 'orders',
        },
        { service: 'orders', environment: 'production', drRegion: 'eu-west-1' },
        { service: 'payments', topology: 'aurora-global' },
      ],
    });
    expect(resolveAwsDrSettings(config, ordersTarget())).toEqual({
      topology: 'aurora-global',
      primaryRegion: 'us-east-1',
      drRegion: 'eu-west-1',
      replicaId: 'orders-production-replica',
      globalClusterId: 'orders',
    });
    const staging = { ...ordersTarget(), environment: 'staging' };
    expect(resolveAwsDrSettings(config, staging)).toMatchObject({
      topology: 'aurora-global',
      drRegion: 'us-west-1',
      globalClusterId: 'orders',
    });
  });

  it('says which setting is missing when a cluster has no AWS region', () => {
    const target = ordersTarget();
    target.dr = { ...target.dr, region: undefined };
    expect(() => resolveAwsDrSettings(awsDrConfig(), target)).toThrow(
      'cluster "prod-west" has no region in delivery.clusters and delivery.dr.aws.drRegion is not set',
    );
    target.dr = { ...target.dr, region: 'west' };
    expect(() => resolveAwsDrSettings(awsDrConfig(), target)).toThrow(
      'has region "west" in delivery.clusters, which is not an AWS region; set delivery.dr.aws.drRegion',
    );
  });

  it('rejects a replica id RDS would refuse', () => {
    expect(() =>
      resolveAwsDrSettings(
        awsDrConfig({ replicaIdPattern: '{database}--dr' }),
        ordersTarget(),
      ),
    ).toThrow(
      'replica id from delivery.dr.aws.replicaIdPattern: "orders-db--dr" is not a valid RDS identifier',
    );
  });
});
