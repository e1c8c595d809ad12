/**
 * Service tiers and their recovery objectives.
 *
 * The defaults come from the seed deployment documents' DR tables:
 * - critical: PropertyOS "API Services" row (RTO < 15 min, RPO < 5 min, active-active);
 * - standard: the messaging platform's targets (RTO 2 hours, RPO 1 hour);
 * - experimental: the PMS app's targets (RTO < 4 hours, RPO < 1 hour).
 */

/** @public */
export const TIERS = ['critical', 'standard', 'experimental'] as const;

/** @public */
export type Tier = (typeof TIERS)[number];

/** Recovery objectives in minutes. @public */
export interface RecoveryObjectives {
  rtoMinutes: number;
  rpoMinutes: number;
}

/** @public */
export const TIER_RECOVERY_DEFAULTS: Readonly<
  Record<Tier, RecoveryObjectives>
> = {
  critical: { rtoMinutes: 15, rpoMinutes: 5 },
  standard: { rtoMinutes: 120, rpoMinutes: 60 },
  experimental: { rtoMinutes: 240, rpoMinutes: 60 },
};

/** @public */
export function isTier(value: unknown): value is Tier {
  return (
    typeof value === 'string' && (TIERS as readonly string[]).includes(value)
  );
}
