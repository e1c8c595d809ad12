import { percentile } from '../percentile';
import { doraBandOf, DoraThresholds } from './thresholds';
import type {
  DoraChangeFailureRate,
  DoraDeploymentFrequency,
  DoraFacts,
  DoraLeadTime,
  DoraMetrics,
  DoraTimeToRestore,
  DoraUnknownLeadTime,
} from './types';

const DAY_MINUTES = 24 * 60;

const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

const noDeploys = (days: number) => `No deploys in the last ${days} days`;

function unknownLeadTimes(facts: DoraFacts): DoraUnknownLeadTime[] {
  return Object.entries(facts.leadTimeUnknown)
    .map(([reason, deploys]) => ({ reason, deploys }))
    .sort((a, b) => b.deploys - a.deploys || a.reason.localeCompare(b.reason));
}

function deploymentFrequency(
  facts: DoraFacts,
  days: number,
  thresholds: DoraThresholds,
): DoraDeploymentFrequency {
  const { deploys, completedDeploys } = facts;
  if (deploys === 0) return { state: 'no-data', reason: noDeploys(days) };
  return {
    state: 'measured',
    deploys: completedDeploys,
    perDay: completedDeploys / days,
    perWeek: (completedDeploys * 7) / days,
    // Deploys that all failed reached nothing: the lowest band, not "no data".
    band:
      completedDeploys === 0
        ? 'low'
        : doraBandOf(
            (days * DAY_MINUTES) / completedDeploys,
            thresholds.deploymentFrequency,
            true,
          ),
  };
}

function changeFailureRate(
  facts: DoraFacts,
  days: number,
  thresholds: DoraThresholds,
): DoraChangeFailureRate {
  const { deploys, failures } = facts;
  if (deploys === 0) return { state: 'no-data', reason: noDeploys(days) };
  return {
    state: 'measured',
    deploys,
    failures,
    rate: failures / deploys,
    band: doraBandOf(
      (failures / deploys) * 100,
      thresholds.changeFailureRate,
      true,
    ),
  };
}

function timeToRestore(
  facts: DoraFacts,
  days: number,
  thresholds: DoraThresholds,
): DoraTimeToRestore {
  const { restoreMinutes, unrestored, deploys } = facts;
  if (restoreMinutes.length > 0) {
    const medianMinutes = median(restoreMinutes);
    return {
      state: 'measured',
      medianMinutes,
      restores: restoreMinutes.length,
      unrestored,
      band: doraBandOf(medianMinutes, thresholds.timeToRestore, false),
    };
  }
  let reason = 'No failed deploys to restore from';
  if (unrestored > 0) reason = 'No failure restored yet';
  else if (deploys === 0) reason = noDeploys(days);
  return { state: 'no-data', unrestored, reason };
}

function leadTime(
  facts: DoraFacts,
  days: number,
  thresholds: DoraThresholds,
): DoraLeadTime {
  const { deploys, completedDeploys, leadTimeMinutes } = facts;
  if (completedDeploys === 0)
    return {
      state: 'no-data',
      reason:
        deploys === 0 ? noDeploys(days) : 'No deploy reached the environment',
    };
  const unknown = unknownLeadTimes(facts);
  if (leadTimeMinutes.length === 0) return { state: 'unknown', unknown };
  const medianMinutes = median(leadTimeMinutes);
  return {
    state: 'measured',
    medianMinutes,
    measured: leadTimeMinutes.length,
    unknown,
    band: doraBandOf(medianMinutes, thresholds.leadTime, false),
  };
}

/**
 * The four DORA metrics of some facts, each with its band. A window without deploys has
 * no data for any of them, which is not the same as 0%: nothing was measured.
 * @public
 */
export function doraMetricsOf(
  facts: DoraFacts,
  window: { days: number },
  thresholds: DoraThresholds,
): DoraMetrics {
  const { days } = window;
  return {
    deploymentFrequency: deploymentFrequency(facts, days, thresholds),
    changeFailureRate: changeFailureRate(facts, days, thresholds),
    timeToRestore: timeToRestore(facts, days, thresholds),
    leadTime: leadTime(facts, days, thresholds),
    awaitingPromotion: facts.awaitingPromotion,
  };
}
