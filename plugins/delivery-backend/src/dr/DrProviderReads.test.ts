import { mockServices } from '@backstage/backend-test-utils';
import {
  ClusterConnection,
  DrTarget,
} from '@internal/backstage-plugin-delivery-node';
import { ScriptedDatabaseProvider } from '../__testUtils__/scriptedDrProviders';
import { DrProviderReads } from './DrProviderReads';

const cluster = (name: string, role: 'primary' | 'dr'): ClusterConnection => ({
  name,
  url: `https://${name}.invalid`,
  environment: 'production',
  role,
  sandbox: true,
});

const target: DrTarget = {
  entityRef: 'component:default/orders',
  service: 'orders',
  environment: 'production',
  namespace: 'shop',
  primary: cluster('production', 'primary'),
  dr: cluster('production-dr', 'dr'),
  database: 'orders-db',
  dns: {
    name: 'orders.delivery.internal',
    primaryTarget: 'orders.us-east-1.delivery.internal',
    drTarget: 'orders.us-west-2.delivery.internal',
    ttlSeconds: 60,
  },
};

describe('DrProviderReads', () => {
  it('shares one provider read between concurrent callers and reuses it for the TTL', async () => {
    let now = 1_000_000;
    const provider = new ScriptedDatabaseProvider({
      'orders-db': {
        replica: { id: 'orders-db-dr', region: 'us-west-2', lagSeconds: 4 },
      },
    });
    const reads = new DrProviderReads(
      provider,
      mockServices.logger.mock(),
      60_000,
      () => now,
    );
    expect(reads.peek(target)).toBeUndefined();

    const [a, b] = await Promise.all([reads.read(target), reads.read(target)]);
    expect(provider.reads).toBe(1);
    expect(a).toBe(b);
    expect(a.replication).toMatchObject({
      provider: 'scripted',
      replica: 'orders-db-dr',
      region: 'us-west-2',
      lagSeconds: 4,
    });
    expect(a).toMatchObject({ snapshotKnown: true, snapshot: undefined });

    now += 59_000;
    await reads.read(target);
    expect(provider.reads).toBe(1);
    now += 1_000;
    await reads.read(target);
    expect(provider.reads).toBe(2);
    // Another namespace is another target.
    await reads.read({ ...target, namespace: 'shop-v2' });
    expect(provider.reads).toBe(3);
  });

  it('answers a failed read as unknown, logging it once rather than on every read', async () => {
    let now = 0;
    const logger = mockServices.logger.mock();
    const reads = new DrProviderReads(
      new ScriptedDatabaseProvider({}, 'AccessDenied: rds:DescribeDBInstances'),
      logger,
      1_000,
      () => now,
    );
    for (let i = 0; i < 3; i++) {
      const answer = await reads.read(target);
      expect(answer).toMatchObject({
        replication: undefined,
        snapshotKnown: false,
      });
      now += 5_000;
    }
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'DR provider scripted could not read the database of component:default/orders in production: AccessDenied: rds:DescribeDBInstances; its DR readiness shows the replica as unknown',
    );
  });
});
