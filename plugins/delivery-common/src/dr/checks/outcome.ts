import type { DrCheck } from '../types';

/** What one check decides; `computeDrReadiness` adds its id, title and weight. */
export type CheckOutcome = Pick<DrCheck, 'status' | 'evidence' | 'fix'>;
