import { AuditorServiceEventSeverityLevel } from '@backstage/backend-plugin-api';

/**
 * How severe an audit event of a change is: `high` in an environment marked
 * `production: true` in `delivery.environments`, `medium` elsewhere (and for a name that is
 * not configured, which is refused anyway).
 * @public
 */
export function changeSeverity(
  environments: ReadonlyArray<{ name: string; production: boolean }>,
  environment: string | undefined,
): AuditorServiceEventSeverityLevel {
  return environments.some(e => e.name === environment && e.production)
    ? 'high'
    : 'medium';
}

/**
 * How severe a refusal is, in any environment: `medium`. Nothing changed, but a refusal is
 * what shows someone trying what they may not; `low` would hide it, since Backstage's
 * auditor logs `low` at debug level by default.
 * @public
 */
export const REFUSAL_SEVERITY: AuditorServiceEventSeverityLevel = 'medium';
