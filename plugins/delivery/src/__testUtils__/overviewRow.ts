import { OverviewRow } from '@internal/backstage-plugin-delivery-common';

/** An overview row of a healthy critical production service, with `overrides` on top. */
export const overviewRow = (
  name: string,
  overrides: Partial<OverviewRow> = {},
): OverviewRow => ({
  entityRef: `component:default/${name}`,
  name,
  owner: 'group:default/payments-team',
  system: 'propertyos',
  tier: 'critical',
  cluster: 'production',
  environment: 'production',
  role: 'primary',
  state: 'complete',
  summary: '1.4.0 on 4/4 replicas',
  version: '1.4.0',
  ready: 4,
  desired: 4,
  lastChangeAt: '2026-11-23T10:00:00Z',
  ...overrides,
});
