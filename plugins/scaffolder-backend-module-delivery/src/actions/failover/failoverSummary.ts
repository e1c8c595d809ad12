import {
  DrFailoverMode,
  DrFailoverOutcome,
} from '@internal/backstage-plugin-delivery-common';
import { describeState, formatSeconds } from './FailoverContext';

const MODE_NAME: Record<DrFailoverMode, string> = {
  drill: 'Drill',
  switchover: 'Switchover',
  failover: 'Failover',
};

/**
 * The run's one-line outcome, as the run history and the DR card show it: the measured
 * recovery on success; on failure the step, the error, and either what was rolled back or,
 * past the promotion, where things stand now.
 */
export function failoverSummary(options: {
  entityRef: string;
  environment: string;
  rtoMinutes: number;
  drCluster: string;
  primaryCluster: string;
  outcome: DrFailoverOutcome;
  error?: Error;
  promotionRequested: boolean;
}): string {
  const { outcome, error } = options;
  const name = `${MODE_NAME[outcome.mode]} of ${options.entityRef} in ${
    options.environment
  }`;
  const rto = `RTO ${options.rtoMinutes} min`;
  if (!error) {
    const took = formatSeconds(outcome.recoverySeconds ?? 0);
    if (outcome.mode === 'drill')
      return `${name}: recovered in ${took} (${rto}); nothing serving users changed, drill copies removed`;
    const lost =
      outcome.mode === 'failover' && outcome.lagSecondsAtStart
        ? `; up to ${outcome.lagSecondsAtStart} s of writes lost (lag at the start)`
        : '';
    return `${name}: serving from ${options.drCluster} after ${took} (${rto})${lost}`;
  }
  const failed = outcome.steps.find(step => step.status === 'failed')?.id;
  if (outcome.mode !== 'drill' && options.promotionRequested)
    return `${name} failed forward at ${failed}: ${
      error.message
    }. Traffic does not go back to ${
      options.primaryCluster
    }. Now: ${describeState(outcome.state)}`;
  const rolledBack = outcome.steps.some(step => step.status === 'rolled-back')
    ? '. Rolled back: the primary serves as before'
    : '';
  return `${name} failed at ${failed ?? 'start'}: ${
    error.message
  }${rolledBack}`;
}
