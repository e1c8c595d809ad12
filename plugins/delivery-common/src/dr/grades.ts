import type { Tier } from '../tiers';
import { DR_GRADES, DrGrade, DrReadiness } from './types';
import { DR_GRADE_THRESHOLDS } from './weights';

/**
 * The grade of a score, for the overview's distribution chart: `ready` from 90,
 * `at-risk` from 70, `not-ready` below (see `DR_GRADE_THRESHOLDS` for why).
 * @public
 */
export function drGrade(score: number): DrGrade {
  if (score >= DR_GRADE_THRESHOLDS.ready) return 'ready';
  if (score >= DR_GRADE_THRESHOLDS['at-risk']) return 'at-risk';
  return 'not-ready';
}

const TIER_RANK: Record<Tier, number> = {
  critical: 0,
  standard: 1,
  experimental: 2,
};

/**
 * Sorts readiness results worst first: lowest score; at equal scores the higher tier
 * (a critical service at 60 is worse news than an experimental one), then more failing
 * weight (a known gap before an unverified one), then entity ref, so the order is stable.
 * @public
 */
export function compareDrReadinessWorstFirst(
  a: Pick<DrReadiness, 'score' | 'tier' | 'weights' | 'entityRef'>,
  b: Pick<DrReadiness, 'score' | 'tier' | 'weights' | 'entityRef'>,
): number {
  if (a.score !== b.score) return a.score - b.score;
  if (a.tier !== b.tier) return TIER_RANK[a.tier] - TIER_RANK[b.tier];
  if (a.weights.fail !== b.weights.fail) return b.weights.fail - a.weights.fail;
  if (a.entityRef === b.entityRef) return 0;
  return a.entityRef < b.entityRef ? -1 : 1;
}

/** How many services have each grade, overall and by tier. @public */
export interface DrReadinessDistribution {
  total: number;
  grades: Record<DrGrade, number>;
  byTier: Record<Tier, Record<DrGrade, number>>;
}

function emptyGrades(): Record<DrGrade, number> {
  return Object.fromEntries(DR_GRADES.map(grade => [grade, 0])) as Record<
    DrGrade,
    number
  >;
}

/**
 * Counts readiness results per grade, for the overview's distribution chart. Every grade
 * and tier is present, at 0 when none has it, so the chart's bars never move.
 * @public
 */
export function summariseDrReadiness(
  results: ReadonlyArray<Pick<DrReadiness, 'tier' | 'grade'>>,
): DrReadinessDistribution {
  const distribution: DrReadinessDistribution = {
    total: results.length,
    grades: emptyGrades(),
    byTier: {
      critical: emptyGrades(),
      standard: emptyGrades(),
      experimental: emptyGrades(),
    },
  };
  for (const { tier, grade } of results) {
    distribution.grades[grade] += 1;
    distribution.byTier[tier][grade] += 1;
  }
  return distribution;
}
