import type { DrTarget } from '@internal/backstage-plugin-delivery-node';
import { AwsClients } from '../aws/AwsClients';
import { AwsDrConfig } from '../config/readAwsDrConfig';

/** The orders service in production: primary in us-east-1, DR in us-west-2. */
export function ordersTarget(): DrTarget {
  const cluster = (name: string, region: string, role: 'primary' | 'dr') => ({
    name,
    url: 'https://127.0.0.1:6443',
    environment: 'production',
    region,
    role,
    sandbox: false,
  });
  return {
    entityRef: 'component:default/orders',
    service: 'orders',
    environment: 'production',
    namespace: 'orders',
    primary: cluster('prod-east', 'us-east-1', 'primary'),
    dr: cluster('prod-west', 'us-west-2', 'dr'),
    database: 'orders-db',
    dns: {
      name: 'orders.delivery.internal',
      primaryTarget: 'orders.us-east-1.delivery.internal',
      drTarget: 'orders.us-west-2.delivery.internal',
      ttlSeconds: 60,
    },
  };
}

export function awsDrConfig(overrides: Partial<AwsDrConfig> = {}): AwsDrConfig {
  return {
    hostedZoneId: 'ZTESTZONE123',
    topology: 'instance',
    replicaIdPattern: '{database}-dr',
    globalClusterIdPattern: '{database}-global',
    route53Region: 'us-east-1',
    maxAttempts: 3,
    retryMode: 'standard',
    services: [],
    ...overrides,
  };
}

/** Clients that never look for real credentials (tests mock them or their HTTP handler). */
export function testClients(
  sdk: ConstructorParameters<typeof AwsClients>[0]['sdk'] = {},
  maxAttempts = 3,
): AwsClients {
  return new AwsClients({
    maxAttempts,
    retryMode: 'standard',
    route53Region: 'us-east-1',
    sdk: {
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
      ...sdk,
    },
  });
}
