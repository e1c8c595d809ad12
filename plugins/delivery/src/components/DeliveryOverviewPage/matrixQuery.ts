import {
  BudgetStatus,
  RolloutState,
} from '@internal/backstage-plugin-delivery-common';
import { compareServicesWorstFirst } from './drReadiness';
import { MatrixService } from './serviceMatrix';

/** Filters of the matrix; an absent one lets every service through. */
export interface MatrixFilters {
  /** Matched against name, title, owner and system, case-insensitively. */
  search?: string;
  /** The service is in this state in at least one environment. */
  state?: RolloutState;
  owner?: string;
  tier?: string;
  /** `unpriced` for services without a cost yet. */
  budget?: BudgetStatus | 'unpriced';
}

export const SORT_ORDERS = {
  name: 'Name',
  'dr-worst-first': 'DR readiness, worst first',
  'cost-highest-first': 'Cost, highest first',
} as const;
export type SortOrder = keyof typeof SORT_ORDERS;

export const GROUPINGS = { owner: 'Team', system: 'System' } as const;
export type Grouping = keyof typeof GROUPINGS;

function matchesSearch(service: MatrixService, needle: string): boolean {
  return [service.name, service.title, service.owner, service.system].some(
    field => field?.toLocaleLowerCase('en-US').includes(needle),
  );
}

export function filterServices(
  services: MatrixService[],
  filters: MatrixFilters,
): MatrixService[] {
  const needle = filters.search?.trim().toLocaleLowerCase('en-US');
  const { state, owner, tier, budget } = filters;
  return services.filter(
    service =>
      (!needle || matchesSearch(service, needle)) &&
      (!state || service.states.has(state)) &&
      (!owner || service.owner === owner) &&
      (!tier || service.tier === tier) &&
      (!budget || (service.cost?.budgetStatus ?? 'unpriced') === budget),
  );
}

const byName = (a: MatrixService, b: MatrixService) =>
  a.name.localeCompare(b.name, 'en-US') || (a.entityRef < b.entityRef ? -1 : 1);

/** Unpriced services after every priced one; then by name, so the order is stable. */
const byCostHighestFirst = (a: MatrixService, b: MatrixService) =>
  (b.cost?.monthlyUsd ?? -1) - (a.cost?.monthlyUsd ?? -1) || byName(a, b);

const COMPARATORS: Record<
  SortOrder,
  (a: MatrixService, b: MatrixService) => number
> = {
  name: byName,
  'dr-worst-first': compareServicesWorstFirst,
  'cost-highest-first': byCostHighestFirst,
};

/** Services without an owner or system group last, under this name. */
export const UNGROUPED: Record<Grouping, string> = {
  owner: 'No owner',
  system: 'No system',
};

export function groupOf(service: MatrixService, grouping: Grouping): string {
  return service[grouping] ?? UNGROUPED[grouping];
}

/**
 * The services in groups (groups by name, services without one last), each group in
 * the chosen order. One sort of the filtered services: n log n, whatever the page.
 */
export function sortServices(
  services: MatrixService[],
  order: SortOrder,
  grouping: Grouping,
): MatrixService[] {
  const compare = COMPARATORS[order];
  const keyed = services.map(service => ({
    service,
    group: service[grouping],
  }));
  keyed.sort((a, b) => {
    if (a.group !== b.group) {
      if (a.group === undefined) return 1;
      if (b.group === undefined) return -1;
      return a.group < b.group ? -1 : 1;
    }
    return compare(a.service, b.service);
  });
  return keyed.map(entry => entry.service);
}

/** A row of the table: a service, or the heading of the group the next services are in. */
export type MatrixItem =
  | { kind: 'service'; id: string; service: MatrixService }
  | {
      kind: 'group';
      id: string;
      name: string;
      /** Services in the whole group, not only on this page. */
      size: number;
      continued: boolean;
    };

/** How many services each group holds, for the group headings. */
export function groupSizes(
  services: MatrixService[],
  grouping: Grouping,
): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const service of services) {
    const group = groupOf(service, grouping);
    sizes.set(group, (sizes.get(group) ?? 0) + 1);
  }
  return sizes;
}

/**
 * One page of sorted services with a heading before each group's first service on the
 * page; a group carried over from the previous page says so.
 */
export function pageItems(
  sorted: MatrixService[],
  grouping: Grouping,
  sizes: Map<string, number>,
  offset: number,
  pageSize: number,
): MatrixItem[] {
  const items: MatrixItem[] = [];
  let current: string | undefined;
  sorted.slice(offset, offset + pageSize).forEach((service, index) => {
    const group = groupOf(service, grouping);
    if (group !== current) {
      current = group;
      const previous = sorted[offset + index - 1];
      items.push({
        kind: 'group',
        id: `group:${group}`,
        name: group,
        size: sizes.get(group) ?? 0,
        continued:
          index === 0 &&
          previous !== undefined &&
          groupOf(previous, grouping) === group,
      });
    }
    items.push({ kind: 'service', id: service.id, service });
  });
  return items;
}

/** Placements per state over the services shown, for the counts above the table. */
export function countByState(
  services: MatrixService[],
): Partial<Record<RolloutState, number>> {
  const counts: Partial<Record<RolloutState, number>> = {};
  for (const service of services)
    for (const row of service.rows)
      counts[row.state] = (counts[row.state] ?? 0) + 1;
  return counts;
}

/** The values a filter can take, from the services themselves. */
export function distinctValues(
  services: MatrixService[],
  read: (service: MatrixService) => string | undefined,
): string[] {
  const values = new Set<string>();
  for (const service of services) {
    const value = read(service);
    if (value) values.add(value);
  }
  return [...values].sort();
}
