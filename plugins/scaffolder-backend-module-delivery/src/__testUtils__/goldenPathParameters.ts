import { JsonObject } from '@backstage/types';
import { Entity } from '@backstage/catalog-model';

/** A golden-path form as a user fills it in, every value valid: what the examples run with. */
export const VALID_PARAMETERS: JsonObject = {
  name: 'tenant-api',
  description: 'Tenant API',
  owner: 'group:default/propertyos-core-team',
  tier: 'standard',
  strategy: 'rolling',
  port: 8080,
  cpuRequest: '100m',
  cpuLimit: '500m',
  memoryRequest: '128Mi',
  memoryLimit: '256Mi',
  hpaMin: 2,
  hpaMax: 4,
  cpuTarget: 70,
  memoryTarget: 80,
  environments: ['staging', 'production'],
  database: false,
  imageRepository: 'ghcr.io/acme/tenant-api',
  costCenter: 'cc-tenants',
  monthlyBudget: 300,
  publishTarget: 'local',
};

/**
 * The owners the golden-path tests name, as the catalog holds them: the validate step
 * refuses an owner the catalog does not know.
 */
export const GOLDEN_PATH_OWNERS: Entity[] = [
  ...['platform-team', 'propertyos-core-team', 'payments-team'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  })),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'mock', namespace: 'default' },
    spec: { memberOf: ['platform-team'] },
  },
];
