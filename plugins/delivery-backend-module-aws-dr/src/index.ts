/**
 * Delivery DR providers for AWS: RDS read replicas or Aurora global databases, and
 * Route 53 records.
 *
 * @packageDocumentation
 */

export { deliveryModuleAwsDr as default } from './module';
export { AwsRdsDrProvider } from './rds/AwsRdsDrProvider';
export type { AwsRdsDrProviderOptions } from './rds/AwsRdsDrProvider';
export { AwsRoute53DrDnsProvider } from './route53/AwsRoute53DrDnsProvider';
export type { AwsRoute53DrDnsProviderOptions } from './route53/AwsRoute53DrDnsProvider';
export { AwsClients } from './aws/AwsClients';
export type { AwsClientsOptions } from './aws/AwsClients';
export { readAwsDrConfig } from './config/readAwsDrConfig';
export type {
  AwsDrConfig,
  AwsDrServiceSettings,
  AwsRdsTopology,
  AwsRetryMode,
} from './config/readAwsDrConfig';
