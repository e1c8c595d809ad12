import { JsonObject } from '@backstage/types';

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
