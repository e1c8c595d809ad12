import type { DeliveryRun } from '../runs';
import type { DoraFacts } from './types';

/** What is known of the commit an image was built from. @public */
export type DoraCommitFact =
  | { committedAt: string }
  | {
      /** Why the commit (or its time) is not known, as the card shows it. */
      unknown: string;
    };

/** The window and the commit facts a derivation reads. @public */
export interface DoraFactsOptions {
  since: Date;
  until: Date;
  /** The commit of each deployed image, by image reference. */
  commits?: ReadonlyMap<string, DoraCommitFact>;
  /** Why lead time is unknown for an image `commits` does not hold. */
  commitsUnavailable?: string;
}

/** The actions whose runs the DORA metrics read; others do not change what is deployed. @public */
export const DORA_ACTIONS = ['deploy', 'promote', 'abort', 'rollback'] as const;

/** Lead time of a promote whose paused deploy is older than the runs read. */
export const PROMOTED_BEFORE_WINDOW =
  'the deploy it promoted started before the window';

const MINUTE = 60_000;

/** Empty facts: nothing observed. @public */
export function emptyDoraFacts(): DoraFacts {
  return {
    deploys: 0,
    completedDeploys: 0,
    failures: 0,
    restoreMinutes: [],
    unrestored: 0,
    leadTimeMinutes: [],
    leadTimeUnknown: {},
    awaitingPromotion: 0,
  };
}

/** Adds facts of several environments, services or teams together. @public */
export function mergeDoraFacts(all: readonly DoraFacts[]): DoraFacts {
  const sum = emptyDoraFacts();
  for (const facts of all) {
    sum.deploys += facts.deploys;
    sum.completedDeploys += facts.completedDeploys;
    sum.failures += facts.failures;
    sum.restoreMinutes.push(...facts.restoreMinutes);
    sum.unrestored += facts.unrestored;
    sum.leadTimeMinutes.push(...facts.leadTimeMinutes);
    for (const [reason, count] of Object.entries(facts.leadTimeUnknown))
      sum.leadTimeUnknown[reason] = (sum.leadTimeUnknown[reason] ?? 0) + count;
    sum.awaitingPromotion += facts.awaitingPromotion;
  }
  return sum;
}

/** The deploy now serving, which a later rollback or abort would undo. */
interface Live {
  at: number;
  /** Whether it ended inside the window, so a failure of it counts. */
  counted: boolean;
}

const ended = (run: DeliveryRun) =>
  run.status !== 'running' && run.finishedAt !== undefined;

/** Oldest first; runs of one environment hold its lock, so they do not overlap. */
function chronological(a: DeliveryRun, b: DeliveryRun): number {
  const byStart = Date.parse(a.startedAt) - Date.parse(b.startedAt);
  if (byStart !== 0) return byStart;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

function imageOf(run: DeliveryRun | undefined): string | undefined {
  const image = run?.inputs?.image;
  return typeof image === 'string' ? image : undefined;
}

/**
 * What the run history of ONE service in ONE environment says about its deploys in the
 * window. Runs before the window give context (the deploy a rollback in the window
 * undid, a paused deploy promoted in it) but are not counted themselves.
 *
 * - A deploy that succeeded, or a paused one later promoted, reached the environment.
 * - A deploy whose run failed or was cancelled, a paused one aborted (or whose promote
 *   failed), and one that reached the environment but was then rolled back or aborted
 *   before the next deploy, is a change failure.
 * - A failure starts when the failed run ended, or when the undone deploy had reached the
 *   environment; the next successful deploy, promote, rollback or abort restores it.
 * - Runs still running, and other actions (scale, migrate, failover, retry), do not count.
 * @public
 */
export function doraFactsOf(
  runs: readonly DeliveryRun[],
  options: DoraFactsOptions,
): DoraFacts {
  const since = options.since.getTime();
  const until = options.until.getTime();
  const inWindow = (at: number) => at >= since && at <= until;
  const facts = emptyDoraFacts();
  let paused: DeliveryRun | undefined;
  let live: Live | undefined;
  let failingSince: number | undefined;

  const restore = (at: number) => {
    if (failingSince === undefined) return;
    if (inWindow(at)) facts.restoreMinutes.push((at - failingSince) / MINUTE);
    failingSince = undefined;
  };
  const fail = (from: number, counted: boolean) => {
    if (counted) facts.failures += 1;
    failingSince ??= from;
  };
  const leadTime = (image: string | undefined, at: number) => {
    const fact = image ? options.commits?.get(image) : undefined;
    if (fact && 'committedAt' in fact) {
      const minutes = (at - Date.parse(fact.committedAt)) / MINUTE;
      facts.leadTimeMinutes.push(Math.max(0, minutes));
      return;
    }
    const reason = !image
      ? PROMOTED_BEFORE_WINDOW
      : fact?.unknown ?? options.commitsUnavailable ?? 'commit not looked up';
    facts.leadTimeUnknown[reason] = (facts.leadTimeUnknown[reason] ?? 0) + 1;
  };
  const reached = (at: number, image: string | undefined) => {
    const counted = inWindow(at);
    if (counted) {
      facts.deploys += 1;
      facts.completedDeploys += 1;
      leadTime(image, at);
    }
    restore(at);
    live = { at, counted };
  };
  const failedDeploy = (at: number) => {
    const counted = inWindow(at);
    if (counted) facts.deploys += 1;
    fail(at, counted);
    live = undefined;
  };
  // A rollback or an abort undoes the deploy now serving: it failed, and is restored.
  const undoLive = (at: number) => {
    if (live) fail(live.at, live.counted);
    live = undefined;
    restore(at);
  };

  for (const run of [...runs].filter(ended).sort(chronological)) {
    const at = Date.parse(run.finishedAt!);
    const succeeded = run.status === 'succeeded';
    const failed = run.status === 'failed' || run.status === 'aborted';
    switch (run.action) {
      case 'deploy':
        if (run.status === 'paused') {
          paused = run;
        } else if (succeeded) {
          paused = undefined;
          reached(at, imageOf(run));
        } else if (failed) {
          paused = undefined;
          failedDeploy(at);
        }
        break;
      case 'promote':
        if (succeeded) {
          const image = imageOf(paused);
          paused = undefined;
          reached(at, image);
        } else if (failed && paused) {
          paused = undefined;
          failedDeploy(at);
        }
        break;
      case 'abort':
        if (!succeeded) break;
        if (paused) {
          // The paused version took some traffic from when it paused until the abort.
          const pausedAt = Date.parse(paused.finishedAt!);
          paused = undefined;
          failedDeploy(pausedAt);
          restore(at);
        } else {
          undoLive(at);
        }
        break;
      case 'rollback':
        if (succeeded) {
          paused = undefined;
          undoLive(at);
        }
        break;
      default:
        break;
    }
  }
  if (failingSince !== undefined) facts.unrestored += 1;
  if (paused) facts.awaitingPromotion += 1;
  return facts;
}
