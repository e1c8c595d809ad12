import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import { OverviewEntity } from '@internal/backstage-plugin-delivery-common';

/** One priced service, as the cost charts add it up. */
export interface CostEntry {
  entityRef: string;
  owner?: string;
  system?: string;
  monthlyUsd: number;
}

/** One entry per priced service. */
export function costEntries(services: OverviewEntity[]): CostEntry[] {
  const entries: CostEntry[] = [];
  for (const service of services) {
    if (!service.cost) continue;
    entries.push({
      entityRef: service.entityRef,
      owner: service.owner,
      system: service.system,
      monthlyUsd: service.cost.monthlyUsd,
    });
  }
  return entries;
}

/** A bar of a cost chart. */
export interface CostGroup {
  name: string;
  monthlyUsd: number;
  services: number;
}

export type CostGroupBy = 'owner' | 'system';

/** Bars past this many are added up into one, so a big catalog keeps a readable chart. */
export const TOP_GROUPS = 10;

/** The bar the groups past the top ten are added up in. */
export const OTHER_GROUP: Record<CostGroupBy, string> = {
  owner: 'other teams',
  system: 'other systems',
};

const MISSING: Record<CostGroupBy, string> = {
  owner: 'no owner',
  system: 'no system',
};

const KIND: Record<CostGroupBy, string> = { owner: 'group', system: 'system' };

/** `group:default/payments` reads `payments`, as the catalog shows it. */
export function groupName(value: string | undefined, by: CostGroupBy): string {
  if (!value) return MISSING[by];
  try {
    return humanizeEntityRef(parseEntityRef(value, { defaultKind: KIND[by] }), {
      defaultKind: KIND[by],
    });
  } catch {
    return value;
  }
}

const cents = (value: number) => Math.round(value * 100) / 100;

/**
 * The monthly cost of the services by team or system, most expensive first: the top ten,
 * then the rest added up in one bar.
 */
export function groupCosts(entries: CostEntry[], by: CostGroupBy): CostGroup[] {
  const groups = new Map<string, CostGroup>();
  for (const entry of entries) {
    const name = groupName(entry[by], by);
    const group = groups.get(name) ?? { name, monthlyUsd: 0, services: 0 };
    group.monthlyUsd += entry.monthlyUsd;
    group.services += 1;
    groups.set(name, group);
  }
  const sorted = [...groups.values()]
    .map(group => ({ ...group, monthlyUsd: cents(group.monthlyUsd) }))
    .sort((a, b) => b.monthlyUsd - a.monthlyUsd || (a.name < b.name ? -1 : 1));
  if (sorted.length <= TOP_GROUPS) return sorted;
  const rest = sorted.slice(TOP_GROUPS);
  return [
    ...sorted.slice(0, TOP_GROUPS),
    {
      name: OTHER_GROUP[by],
      monthlyUsd: cents(rest.reduce((sum, group) => sum + group.monthlyUsd, 0)),
      services: rest.reduce((sum, group) => sum + group.services, 0),
    },
  ];
}
