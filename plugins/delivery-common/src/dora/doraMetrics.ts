import { percentile } from '../percentile';
import { doraBandOf, DoraThresholds } from './thresholds';
import type { DoraFacts, DoraMetrics, DoraUnknownLeadTime } from './types';

const DAY_MINUTES = 24 * 60;

const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

function unknownLeadTimes(facts: DoraFacts): DoraUnknownLeadTime[] {
  return Object.entries(facts.leadTimeUnknown)
    .map(([reason, deploys]) => ({ reason, deploys }))
    .sort((a, b) => b.deploys - a.deploys || a.reason.localeCompare(b.reason));
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
  const noDeploys = `No deploys in the last ${window.days} days`;
  const windowMinutes = window.days * DAY_MINUTES;
  const { deploys, completedDeploys, failures, unrestored } = facts;
  const unknown = unknownLeadTimes(facts);
  return {
    deploymentFrequency:
      deploys === 0
        ? { state: 'no-data', reason: noDeploys }
        : {
            state: 'measured',
            deploys: completedDeploys,
            perDay: completedDeploys / window.days,
            perWeek: (completedDeploys * 7) / window.days,
            // Deploys that all failed reached nothing: the lowest band, not "no data".
            band:
              completedDeploys === 0
                ? 'low'
                : doraBandOf(
                    windowMinutes / completedDeploys,
                    thresholds.deploymentFrequency,
                    true,
                  ),
          },
    changeFailureRate:
      deploys === 0
        ? { state: 'no-data', reason: noDeploys }
        : {
            state: 'measured',
            deploys,
            failures,
            rate: failures / deploys,
            band: doraBandOf(
              (failures / deploys) * 100,
              thresholds.changeFailureRate,
              true,
            ),
          },
    timeToRestore:
      facts.restoreMinutes.length > 0
        ? {
            state: 'measured',
            medianMinutes: median(facts.restoreMinutes),
            restores: facts.restoreMinutes.length,
            unrestored,
            band: doraBandOf(
              median(facts.restoreMinutes),
              thresholds.timeToRestore,
              false,
            ),
          }
        : {
            state: 'no-data',
            unrestored,
            reason:
              unrestored > 0
                ? 'No failure restored yet'
                : deploys === 0
                ? noDeploys
                : 'No failed deploys to restore from',
          },
    leadTime:
      completedDeploys === 0
        ? {
            state: 'no-data',
            reason:
              deploys === 0 ? noDeploys : 'No deploy reached the environment',
          }
        : facts.leadTimeMinutes.length === 0
        ? { state: 'unknown', unknown }
        : {
            state: 'measured',
            medianMinutes: median(facts.leadTimeMinutes),
            measured: facts.leadTimeMinutes.length,
            unknown,
            band: doraBandOf(
              median(facts.leadTimeMinutes),
              thresholds.leadTime,
              false,
            ),
          },
    awaitingPromotion: facts.awaitingPromotion,
  };
}
