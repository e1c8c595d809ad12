import { Clock, systemClock } from '../store/types';

/**
 * A clock on which time passes `timeScale` times as fast as on `realClock`, starting from
 * its time now: with 10, a Job's 30-second deadline, an HPA's 15-second sync and a
 * rollout's progress deadline all come ten times sooner in real time. Object timestamps
 * run ahead of the real clock by as much.
 */
export function acceleratedClock(
  timeScale: number,
  realClock: Clock = systemClock,
): Clock {
  if (!(timeScale >= 1))
    throw new Error(`timeScale: ${timeScale} is not a number of at least 1`);
  const start = realClock.now();
  return { now: () => start + (realClock.now() - start) * timeScale };
}
