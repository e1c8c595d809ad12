import { InputError } from '@backstage/errors';
import type {
  ClusterConnection,
  DrTarget,
} from '@internal/backstage-plugin-delivery-node';
import {
  AwsDrConfig,
  AwsDrServiceSettings,
  AwsRdsTopology,
  isAwsRegion,
} from './readAwsDrConfig';

/** What the AWS providers act on for one DR target. */
export interface AwsDrTargetSettings {
  topology: AwsRdsTopology;
  primaryRegion: string;
  drRegion: string;
  /** The DR replica instance (`instance`) or the secondary cluster (`aurora-global`). */
  replicaId: string;
  globalClusterId: string;
}

// RDS identifiers: a letter first, letters/digits/single hyphens, at most 63 characters.
const RDS_IDENTIFIER = /^[a-zA-Z](?:[a-zA-Z0-9]|-(?!-)){0,62}$/;

/** Throws an InputError when `id` is not a valid RDS identifier; `what` says where it came from. */
export function assertRdsIdentifier(id: string, what: string): void {
  if (!RDS_IDENTIFIER.test(id) || id.endsWith('-')) {
    throw new InputError(
      `${what}: "${id}" is not a valid RDS identifier (a letter first, then letters, digits and single hyphens, at most 63 characters, no trailing hyphen)`,
    );
  }
}

/**
 * Settings for a target: the most specific `delivery.dr.aws.services` entry (service and
 * environment, then service alone) over the `delivery.dr.aws` defaults, regions falling back
 * to the clusters' `region` in `delivery.clusters`.
 */
export function resolveAwsDrSettings(
  config: AwsDrConfig,
  target: DrTarget,
): AwsDrTargetSettings {
  const forService = config.services.filter(s => s.service === target.service);
  // The service's entry, with its entry for this environment laid over it.
  const override: Omit<AwsDrServiceSettings, 'service' | 'environment'> = {
    ...definedOf(forService.find(s => s.environment === undefined)),
    ...definedOf(forService.find(s => s.environment === target.environment)),
  };

  const render = (pattern: string) =>
    pattern
      .replaceAll('{database}', target.database)
      .replaceAll('{service}', target.service)
      .replaceAll('{environment}', target.environment);

  const replicaId = override.replicaId ?? render(config.replicaIdPattern);
  assertRdsIdentifier(
    replicaId,
    override.replicaId
      ? `delivery.dr.aws.services replicaId of ${target.service}`
      : 'replica id from delivery.dr.aws.replicaIdPattern',
  );
  const globalClusterId =
    override.globalClusterId ?? render(config.globalClusterIdPattern);

  return {
    topology: override.topology ?? config.topology,
    primaryRegion: regionOf(
      target.primary,
      override.primaryRegion ?? config.primaryRegion,
      'primaryRegion',
    ),
    drRegion: regionOf(
      target.dr,
      override.drRegion ?? config.drRegion,
      'drRegion',
    ),
    replicaId,
    globalClusterId,
  };
}

function definedOf(
  settings: AwsDrServiceSettings | undefined,
): Partial<AwsDrServiceSettings> {
  return Object.fromEntries(
    Object.entries(settings ?? {}).filter(([, value]) => value !== undefined),
  );
}

function regionOf(
  cluster: ClusterConnection,
  configured: string | undefined,
  key: 'primaryRegion' | 'drRegion',
): string {
  if (configured) {
    return configured;
  }
  if (!cluster.region) {
    throw new InputError(
      `cluster "${cluster.name}" has no region in delivery.clusters and delivery.dr.aws.${key} is not set`,
    );
  }
  if (!isAwsRegion(cluster.region)) {
    throw new InputError(
      `cluster "${cluster.name}" has region "${cluster.region}" in delivery.clusters, which is not an AWS region; set delivery.dr.aws.${key}`,
    );
  }
  return cluster.region;
}
