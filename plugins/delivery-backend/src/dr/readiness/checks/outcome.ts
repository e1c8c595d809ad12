import type { DrCheck } from '@internal/backstage-plugin-delivery-common';

/** What one check decides; `computeDrReadiness` adds its id, title and weight. */
export type CheckOutcome = Pick<DrCheck, 'status' | 'evidence' | 'fix'>;
