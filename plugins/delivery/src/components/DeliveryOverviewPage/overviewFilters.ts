import { OverviewRow } from '@internal/backstage-plugin-delivery-common';

export const FILTER_FIELDS = [
  'owner',
  'system',
  'tier',
  'environment',
  'state',
] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
export type Filters = Partial<Record<FilterField, string>>;

/** The values a filter can take, from the rows themselves. */
export function filterOptions(
  rows: OverviewRow[],
  field: FilterField,
): string[] {
  return [
    ...new Set(
      rows.map(row => row[field]).filter((v): v is string => Boolean(v)),
    ),
  ].sort();
}

export function applyFilters(
  rows: OverviewRow[],
  filters: Filters,
): OverviewRow[] {
  return rows.filter(row =>
    FILTER_FIELDS.every(
      field => !filters[field] || row[field] === filters[field],
    ),
  );
}

/** Rows per state, for the counts at the top of the page. */
export function countByState(rows: OverviewRow[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.state] = (counts[row.state] ?? 0) + 1;
  return counts;
}
