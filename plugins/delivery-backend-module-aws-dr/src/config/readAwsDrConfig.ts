import { Config } from '@backstage/config';

/**
 * How a service's DR database is built on AWS: an RDS instance with a cross-region read
 * replica, or an Aurora global database with a secondary cluster in the DR region.
 * @public
 */
export type AwsRdsTopology = 'instance' | 'aurora-global';

/** The AWS SDK's retry modes. @public */
export type AwsRetryMode = 'standard' | 'adaptive';

/** Settings for one service (optionally in one environment) that differ from the defaults. @public */
export interface AwsDrServiceSettings {
  service: string;
  /** Absent: every environment of the service. */
  environment?: string;
  topology?: AwsRdsTopology;
  replicaId?: string;
  globalClusterId?: string;
  primaryRegion?: string;
  drRegion?: string;
}

/** `delivery.dr.aws`, validated. @public */
export interface AwsDrConfig {
  hostedZoneId: string;
  topology: AwsRdsTopology;
  /** `{database}`, `{service}` and `{environment}` are replaced. */
  replicaIdPattern: string;
  globalClusterIdPattern: string;
  primaryRegion?: string;
  drRegion?: string;
  /** Region the Route 53 client signs for; Route 53 itself is global. */
  route53Region: string;
  maxAttempts: number;
  retryMode: AwsRetryMode;
  services: AwsDrServiceSettings[];
}

const KEY = 'delivery.dr.aws';
const TOPOLOGIES: AwsRdsTopology[] = ['instance', 'aurora-global'];
const RETRY_MODES: AwsRetryMode[] = ['standard', 'adaptive'];
const PLACEHOLDER = /\{([^}]*)\}/g;
const KNOWN_PLACEHOLDERS = new Set(['database', 'service', 'environment']);
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const HOSTED_ZONE_ID = /^[A-Z0-9]{1,32}$/;

/** True for names shaped like an AWS region (`us-east-1`, `us-gov-west-1`). */
export function isAwsRegion(value: string): boolean {
  return AWS_REGION.test(value);
}

/**
 * Reads `delivery.dr.aws`. Returns undefined when the key is absent, so the module stays out
 * of portals that do not run on AWS. Throws naming the key when a value is wrong: a DR
 * provider that guesses a region or a zone would fail over the wrong thing.
 * @public
 */
export function readAwsDrConfig(config: Config): AwsDrConfig | undefined {
  const aws = config.getOptionalConfig(KEY);
  if (!aws) {
    return undefined;
  }

  const zone = aws.getOptionalString('hostedZoneId');
  if (!zone) {
    throw new Error(
      `${KEY}.hostedZoneId is required: the Route 53 hosted zone that holds the service records`,
    );
  }
  const hostedZoneId = zone.replace(/^\/hostedzone\//, '');
  if (!HOSTED_ZONE_ID.test(hostedZoneId)) {
    throw new Error(
      `${KEY}.hostedZoneId "${zone}" is not a Route 53 hosted zone id (uppercase letters and digits, e.g. Z0123456789ABCDEFGHIJ)`,
    );
  }

  const maxAttempts = aws.getOptionalNumber('maxAttempts') ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 20) {
    throw new Error(
      `${KEY}.maxAttempts ${maxAttempts} must be a whole number from 1 to 20`,
    );
  }

  return {
    hostedZoneId,
    topology: readTopology(aws, 'topology', `${KEY}.topology`) ?? 'instance',
    replicaIdPattern: readPattern(aws, 'replicaIdPattern') ?? '{database}-dr',
    globalClusterIdPattern:
      readPattern(aws, 'globalClusterIdPattern') ?? '{database}-global',
    primaryRegion: readRegion(aws, 'primaryRegion', `${KEY}.primaryRegion`),
    drRegion: readRegion(aws, 'drRegion', `${KEY}.drRegion`),
    route53Region:
      readRegion(aws, 'route53Region', `${KEY}.route53Region`) ?? 'us-east-1',
    maxAttempts,
    retryMode: readRetryMode(aws),
    services: readServices(aws),
  };
}

function readTopology(
  config: Config,
  key: string,
  fullKey: string,
): AwsRdsTopology | undefined {
  const value = config.getOptionalString(key);
  if (value !== undefined && !TOPOLOGIES.includes(value as AwsRdsTopology)) {
    throw new Error(
      `${fullKey} "${value}" must be one of ${TOPOLOGIES.join(', ')}`,
    );
  }
  return value as AwsRdsTopology | undefined;
}

function readRetryMode(config: Config): AwsRetryMode {
  const value = config.getOptionalString('retryMode') ?? 'standard';
  if (!RETRY_MODES.includes(value as AwsRetryMode)) {
    throw new Error(
      `${KEY}.retryMode "${value}" must be one of ${RETRY_MODES.join(', ')}`,
    );
  }
  return value as AwsRetryMode;
}

function readPattern(config: Config, key: string): string | undefined {
  const value = config.getOptionalString(key);
  if (value === undefined) {
    return undefined;
  }
  for (const [, name] of value.matchAll(PLACEHOLDER)) {
    if (!KNOWN_PLACEHOLDERS.has(name)) {
      throw new Error(
        `${KEY}.${key} "${value}" uses {${name}}; only {database}, {service} and {environment} are replaced`,
      );
    }
  }
  return value;
}

function readRegion(
  config: Config,
  key: string,
  fullKey: string,
): string | undefined {
  const value = config.getOptionalString(key);
  if (value !== undefined && !isAwsRegion(value)) {
    throw new Error(
      `${fullKey} "${value}" is not an AWS region name such as us-east-1`,
    );
  }
  return value;
}

function readServices(aws: Config): AwsDrServiceSettings[] {
  return (aws.getOptionalConfigArray('services') ?? []).map((entry, index) => {
    const at = `${KEY}.services[${index}]`;
    const service = entry.getOptionalString('service');
    if (!service) {
      throw new Error(
        `${at}.service is required: the kubernetes-id of the service these settings are for`,
      );
    }
    return {
      service,
      environment: entry.getOptionalString('environment'),
      topology: readTopology(entry, 'topology', `${at}.topology`),
      replicaId: entry.getOptionalString('replicaId'),
      globalClusterId: entry.getOptionalString('globalClusterId'),
      primaryRegion: readRegion(entry, 'primaryRegion', `${at}.primaryRegion`),
      drRegion: readRegion(entry, 'drRegion', `${at}.drRegion`),
    };
  });
}
