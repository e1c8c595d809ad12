import type { DeliveryRun } from '../runs';
import { doraFactsOf, DoraCommitFact, mergeDoraFacts } from './doraFacts';
import { doraMetricsOf } from './doraMetrics';
import type { DoraThresholds } from './thresholds';
import type {
  DoraAnswer,
  DoraFacts,
  DoraMetrics,
  DoraSummary,
  DoraWindow,
} from './types';

/** The default window of the DORA metrics, in days. @public */
export const DEFAULT_DORA_WINDOW_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The `days` before `now`. @public */
export function doraWindow(now: Date, days: number): DoraWindow {
  return {
    since: new Date(now.getTime() - days * DAY_MS).toISOString(),
    until: now.toISOString(),
    days,
  };
}

/** What every DORA derivation is given besides the runs. @public */
export interface DoraOptions {
  /** The configured environments, in order; `production` ones make the headline. */
  environments: ReadonlyArray<{ name: string; production: boolean }>;
  window: DoraWindow;
  thresholds: DoraThresholds;
}

function factsIn(
  runs: readonly DeliveryRun[],
  environment: string,
  window: DoraWindow,
  commits?: {
    facts: ReadonlyMap<string, DoraCommitFact>;
    unavailable?: string;
  },
): DoraFacts {
  return doraFactsOf(
    runs.filter(run => run.environment === environment),
    {
      since: new Date(window.since),
      until: new Date(window.until),
      commits: commits?.facts,
      commitsUnavailable: commits?.unavailable,
    },
  );
}

/**
 * One service's DORA metrics in every configured environment, and over its production
 * environments together, from its runs (those of the window, and a little before it for
 * context) and what is known of the commits of its deployed images.
 * @public
 */
export function deriveDoraAnswer(
  entityRef: string,
  runs: readonly DeliveryRun[],
  options: DoraOptions & {
    commits?: {
      facts: ReadonlyMap<string, DoraCommitFact>;
      /** Why lead time is unknown for an image `facts` lacks. */
      unavailable?: string;
    };
  },
): DoraAnswer {
  const { environments, window, thresholds, commits } = options;
  const perEnvironment = environments.map(env => ({
    env,
    facts: factsIn(runs, env.name, window, commits),
  }));
  return {
    entityRef,
    window,
    thresholds,
    environments: perEnvironment.map(({ env, facts }) => ({
      environment: env.name,
      production: env.production,
      metrics: doraMetricsOf(facts, window, thresholds),
    })),
    production: doraMetricsOf(
      mergeDoraFacts(
        perEnvironment.filter(p => p.env.production).map(p => p.facts),
      ),
      window,
      thresholds,
    ),
  };
}

function withoutLeadTime(metrics: DoraMetrics): Omit<DoraMetrics, 'leadTime'> {
  const { leadTime: _leadTime, ...rest } = metrics;
  return rest;
}

/**
 * The production metrics of many services at once, and per owner, in one pass over their
 * runs: the overview's columns. Lead time is left out: it needs a look-up per image at the
 * source host, which the overview of a whole catalog must not wait for.
 *
 * @param runs - runs of the services the caller may read, in production environments
 * @param owners - each service's owner, by entity ref; a service without one is listed
 *   but belongs to no team
 * @public
 */
export function summarizeDora(
  runs: readonly DeliveryRun[],
  owners: ReadonlyMap<string, string | undefined>,
  options: DoraOptions,
): DoraSummary {
  const { environments, window, thresholds } = options;
  const production = environments.filter(env => env.production);
  const byService = new Map<string, DeliveryRun[]>();
  for (const run of runs) {
    if (!owners.has(run.entityRef)) continue;
    let list = byService.get(run.entityRef);
    if (!list) byService.set(run.entityRef, (list = []));
    list.push(run);
  }
  const byTeam = new Map<string, DoraFacts[]>();
  const services = [...byService.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([entityRef, serviceRuns]) => {
      const facts = mergeDoraFacts(
        production.map(env => factsIn(serviceRuns, env.name, window)),
      );
      const owner = owners.get(entityRef);
      if (owner) {
        let team = byTeam.get(owner);
        if (!team) byTeam.set(owner, (team = []));
        team.push(facts);
      }
      return {
        entityRef,
        owner,
        metrics: withoutLeadTime(doraMetricsOf(facts, window, thresholds)),
      };
    });
  const teams = [...byTeam.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([owner, facts]) => ({
      owner,
      services: facts.length,
      metrics: withoutLeadTime(
        doraMetricsOf(mergeDoraFacts(facts), window, thresholds),
      ),
    }));
  return { window, thresholds, services, teams };
}
