import {
  ANNOTATION_DR_REGION,
  ANNOTATION_ENVIRONMENTS,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_STRATEGY,
  ANNOTATION_TIER,
  isStrategy,
  isTier,
} from '@internal/backstage-plugin-delivery-common';
import type {
  Strategy,
  Tier,
} from '@internal/backstage-plugin-delivery-common';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** What the fleet needs to know about a catalog service to run it. */
export interface ServiceSeed {
  name: string;
  system: string;
  type: string;
  tier: Tier;
  strategy: Strategy;
  environments: string[];
  drRegion?: string;
  hasDatabase: boolean;
}

/**
 * Reads Component entities from the catalog files, the same files the portal's catalog
 * loads, so the fleet runs exactly the services the catalog lists.
 */
export function readCatalogServices(dir: string): ServiceSeed[] {
  const services: ServiceSeed[] = [];
  for (const file of readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .sort()) {
    for (const doc of parseAllDocuments(
      readFileSync(join(dir, file), 'utf8'),
    )) {
      const entity = doc.toJS() as any;
      if (entity?.kind !== 'Component') continue;
      const annotations = entity.metadata?.annotations ?? {};
      const id = annotations[ANNOTATION_KUBERNETES_ID];
      if (!id) continue;
      services.push({
        name: id,
        system: entity.spec?.system ?? 'default',
        type: entity.spec?.type ?? 'service',
        tier: isTier(annotations[ANNOTATION_TIER])
          ? annotations[ANNOTATION_TIER]
          : 'standard',
        strategy: isStrategy(annotations[ANNOTATION_STRATEGY])
          ? annotations[ANNOTATION_STRATEGY]
          : 'rolling',
        environments: String(annotations[ANNOTATION_ENVIRONMENTS] ?? '')
          .split(',')
          .map((e: string) => e.trim())
          .filter(Boolean),
        drRegion: annotations[ANNOTATION_DR_REGION],
        hasDatabase: (entity.spec?.dependsOn ?? []).some((ref: string) =>
          ref.startsWith('resource:'),
        ),
      });
    }
  }
  return services;
}

/** Many uniform services for the scale benchmark, spread over ten namespaces. */
export function syntheticServices(count: number): ServiceSeed[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `svc-${String(i + 1).padStart(4, '0')}`,
    system: `bench-${i % 10}`,
    type: 'service',
    tier: 'standard' as const,
    strategy: 'rolling' as const,
    environments: ['staging', 'production'],
    drRegion: 'us-west-2',
    hasDatabase: false,
  }));
}
