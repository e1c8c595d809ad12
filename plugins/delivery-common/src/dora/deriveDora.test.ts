import type { DeliveryRun } from '../runs';
import { deriveDoraAnswer, doraWindow, summarizeDora } from './deriveDora';
import { DoraCommitFact, PROMOTED_BEFORE_WINDOW } from './doraFacts';
import { DEFAULT_DORA_THRESHOLDS, doraBandOf } from './thresholds';

const NOW = new Date('2026-06-30T00:00:00Z');
const WINDOW = doraWindow(NOW, 30);
const ENVIRONMENTS = [
  { name: 'staging', production: false },
  { name: 'production', production: true },
];
const OPTIONS = {
  environments: ENVIRONMENTS,
  window: WINDOW,
  thresholds: DEFAULT_DORA_THRESHOLDS,
};
const PAYMENTS = 'component:default/payments';

let ids = 0;
/** A run that started at `start` (UTC, 2026) and took `minutes`. */
function run(
  action: string,
  status: DeliveryRun['status'],
  start: string,
  minutes: number,
  extra: { image?: string; environment?: string; entityRef?: string } = {},
): DeliveryRun {
  const startedAt = new Date(`2026-${start}:00Z`);
  ids += 1;
  return {
    id: `run-${String(ids).padStart(3, '0')}`,
    entityRef: extra.entityRef ?? PAYMENTS,
    environment: extra.environment ?? 'production',
    action,
    status,
    initiatedBy: 'user:default/alice',
    inputs: extra.image ? { image: extra.image } : {},
    startedAt: startedAt.toISOString(),
    finishedAt:
      status === 'running'
        ? undefined
        : new Date(startedAt.getTime() + minutes * 60_000).toISOString(),
  };
}

const image = (tag: string) => `ghcr.io/acme/payments:${tag}`;

/**
 * A month of production: a deploy rolled back the next morning, a failed deploy fixed by
 * the next one, a canary paused then promoted, a canary paused then aborted, and a last
 * plain deploy; around them, runs that must not count.
 */
const HISTORY: DeliveryRun[] = [
  // Before the window: context only (the version the first rollback returns to).
  run('deploy', 'succeeded', '05-20T10:00', 10, { image: image('1.0') }),
  run('deploy', 'succeeded', '06-01T10:00', 10, { image: image('1.1') }),
  // Undoes 1.1: a failure from 06-01 10:10 until 06-02 09:20, 1390 minutes.
  run('rollback', 'succeeded', '06-02T09:00', 20),
  // Fails at 10:30; the next deploy restores at 11:15, 45 minutes later.
  run('deploy', 'failed', '06-05T10:00', 30, { image: image('1.2-rc') }),
  run('deploy', 'succeeded', '06-05T11:00', 15, { image: image('1.2') }),
  // A canary paused, then promoted: reaches production when the promote ends (12:05).
  run('deploy', 'paused', '06-10T10:00', 5, { image: image('1.3') }),
  run('promote', 'succeeded', '06-10T12:00', 5),
  // A canary paused at 10:05, aborted at 10:35: a failure restored in 30 minutes.
  run('deploy', 'paused', '06-15T10:00', 5, { image: image('1.4') }),
  run('abort', 'succeeded', '06-15T10:30', 5),
  run('deploy', 'succeeded', '06-20T10:00', 10, { image: image('1.5') }),
  // Not deploys, or not ended: not counted.
  run('scale', 'succeeded', '06-25T10:00', 2),
  run('migrate', 'failed', '06-26T10:00', 2),
  run('deploy', 'running', '06-29T23:00', 0, { image: image('1.6') }),
  // Another environment: its own metrics, never production's.
  run('deploy', 'succeeded', '06-03T10:00', 5, {
    image: image('1.2'),
    environment: 'staging',
  }),
  run('deploy', 'failed', '06-04T10:00', 5, {
    image: image('1.2-rc'),
    environment: 'staging',
  }),
];

const COMMITS = new Map<string, DoraCommitFact>([
  // 2 hours before 1.1 reached production.
  [image('1.1'), { committedAt: '2026-06-01T08:10:00Z' }],
  [image('1.2'), { unknown: 'tag 1.2 is not in acme/payments' }],
  // One day before the promote of 1.3 ended.
  [image('1.3'), { committedAt: '2026-06-09T12:05:00Z' }],
]);

describe('deriveDoraAnswer', () => {
  const answer = deriveDoraAnswer(PAYMENTS, HISTORY, {
    ...OPTIONS,
    commits: { facts: COMMITS, unavailable: 'not looked up in the test' },
  });
  const production = answer.environments.find(
    e => e.environment === 'production',
  )!.metrics;

  it('covers the 30 days before now', () => {
    expect(answer.window).toEqual({
      since: '2026-05-31T00:00:00.000Z',
      until: '2026-06-30T00:00:00.000Z',
      days: 30,
    });
    expect(answer.environments.map(e => e.environment)).toEqual([
      'staging',
      'production',
    ]);
  });

  it('counts the deploys that reached production: succeeded, or paused then promoted', () => {
    // 1.1, 1.2, 1.3 (promoted), 1.5; not the failed 1.2-rc nor the aborted 1.4.
    expect(production.deploymentFrequency).toEqual({
      state: 'measured',
      deploys: 4,
      perDay: 4 / 30,
      perWeek: 28 / 30,
      // One every 7.5 days: less than weekly, at least monthly.
      band: 'medium',
    });
  });

  it('counts as failures the rolled-back deploy, the failed run and the aborted canary', () => {
    expect(production.changeFailureRate).toEqual({
      state: 'measured',
      deploys: 6,
      failures: 3,
      rate: 0.5,
      band: 'low',
    });
  });

  it('takes the median time from each failure to the run that restored production', () => {
    // 1390 (rollback), 45 (next deploy), 30 (abort): the median is 45 minutes.
    expect(production.timeToRestore).toEqual({
      state: 'measured',
      medianMinutes: 45,
      restores: 3,
      unrestored: 0,
      band: 'elite',
    });
  });

  it('measures lead time only where the commit is known, and says why not elsewhere', () => {
    // 120 minutes (1.1) and 1440 (1.3): the nearest-rank median is 120.
    expect(production.leadTime).toEqual({
      state: 'measured',
      medianMinutes: 120,
      measured: 2,
      unknown: [
        { reason: 'not looked up in the test', deploys: 1 },
        { reason: 'tag 1.2 is not in acme/payments', deploys: 1 },
      ],
      band: 'elite',
    });
  });

  it('keeps other environments apart', () => {
    const staging = answer.environments[0].metrics;
    expect(staging.deploymentFrequency).toMatchObject({ deploys: 1 });
    expect(staging.changeFailureRate).toMatchObject({
      deploys: 2,
      failures: 1,
      rate: 0.5,
    });
    // The failed staging deploy of 06-04 was never followed by a successful run there.
    expect(staging.timeToRestore).toEqual({
      state: 'no-data',
      reason: 'No failure restored yet',
      unrestored: 1,
    });
    expect(answer.production).toEqual(production);
  });

  it('has no data, not 0%, for a window without deploys', () => {
    const empty = deriveDoraAnswer(PAYMENTS, [], OPTIONS).production;
    const reason = 'No deploys in the last 30 days';
    expect(empty).toEqual({
      deploymentFrequency: { state: 'no-data', reason },
      changeFailureRate: { state: 'no-data', reason },
      timeToRestore: { state: 'no-data', reason, unrestored: 0 },
      leadTime: { state: 'no-data', reason },
      awaitingPromotion: 0,
    });
    const onlyStaging = HISTORY.filter(r => r.environment === 'staging');
    expect(deriveDoraAnswer(PAYMENTS, onlyStaging, OPTIONS).production).toEqual(
      empty,
    );
  });

  it('puts a service whose deploys all failed in the lowest bands', () => {
    const metrics = deriveDoraAnswer(
      PAYMENTS,
      [
        run('deploy', 'failed', '06-10T10:00', 5, { image: image('2.0') }),
        run('deploy', 'aborted', '06-11T10:00', 5, { image: image('2.0') }),
      ],
      OPTIONS,
    ).production;
    expect(metrics.deploymentFrequency).toEqual({
      state: 'measured',
      deploys: 0,
      perDay: 0,
      perWeek: 0,
      band: 'low',
    });
    expect(metrics.changeFailureRate).toMatchObject({
      failures: 2,
      rate: 1,
      band: 'low',
    });
    expect(metrics.timeToRestore).toMatchObject({
      state: 'no-data',
      unrestored: 1,
    });
    expect(metrics.leadTime).toEqual({
      state: 'no-data',
      reason: 'No deploy reached the environment',
    });
  });

  it('counts neither a canary still paused nor a deploy with no failure to restore', () => {
    const metrics = deriveDoraAnswer(
      PAYMENTS,
      [
        run('deploy', 'succeeded', '06-10T10:00', 5, { image: image('3.0') }),
        run('deploy', 'paused', '06-12T10:00', 5, { image: image('3.1') }),
      ],
      OPTIONS,
    ).production;
    expect(metrics.awaitingPromotion).toBe(1);
    expect(metrics.deploymentFrequency).toMatchObject({ deploys: 1 });
    expect(metrics.changeFailureRate).toMatchObject({ deploys: 1, rate: 0 });
    expect(metrics.timeToRestore).toEqual({
      state: 'no-data',
      reason: 'No failed deploys to restore from',
      unrestored: 0,
    });
    expect(metrics.leadTime).toEqual({
      state: 'unknown',
      unknown: [{ reason: 'commit not looked up', deploys: 1 }],
    });
  });

  it('restores a failure from before the window without counting the deploy', () => {
    const metrics = deriveDoraAnswer(
      PAYMENTS,
      [
        run('deploy', 'succeeded', '05-30T22:00', 60, { image: image('4.0') }),
        run('rollback', 'succeeded', '05-31T02:00', 60),
        run('promote', 'succeeded', '06-01T10:00', 5),
      ],
      OPTIONS,
    ).production;
    // The rolled-back deploy ended before the window; only the promote is counted.
    expect(metrics.changeFailureRate).toMatchObject({
      deploys: 1,
      failures: 0,
    });
    // Live from 05-30 23:00 until the rollback ended at 05-31 03:00, inside the window.
    expect(metrics.timeToRestore).toMatchObject({ medianMinutes: 240 });
    expect(metrics.leadTime).toEqual({
      state: 'unknown',
      unknown: [{ reason: PROMOTED_BEFORE_WINDOW, deploys: 1 }],
    });
  });
});

describe('doraBandOf', () => {
  const t = DEFAULT_DORA_THRESHOLDS;
  it('applies the 2023 report bands, "at most" and "less than" as they say', () => {
    expect(doraBandOf(5, t.changeFailureRate, true)).toBe('elite');
    expect(doraBandOf(5.1, t.changeFailureRate, true)).toBe('high');
    expect(doraBandOf(15, t.changeFailureRate, true)).toBe('medium');
    expect(doraBandOf(16, t.changeFailureRate, true)).toBe('low');
    // A deploy a day on average is on demand.
    expect(doraBandOf(24 * 60, t.deploymentFrequency, true)).toBe('elite');
    expect(doraBandOf(31 * 24 * 60, t.deploymentFrequency, true)).toBe('low');
    // Exactly one day of lead time is no longer "less than one day".
    expect(doraBandOf(24 * 60, t.leadTime, false)).toBe('high');
    expect(doraBandOf(59, t.timeToRestore, false)).toBe('elite');
    expect(doraBandOf(7 * 24 * 60, t.timeToRestore, false)).toBe('low');
  });
});

describe('summarizeDora', () => {
  const orders = 'component:default/orders';
  const runs = [
    ...HISTORY.filter(r => r.environment === 'production'),
    run('deploy', 'succeeded', '06-10T10:00', 5, { entityRef: orders }),
    run('deploy', 'succeeded', '06-11T10:00', 5, { entityRef: orders }),
    // Not readable by the caller: absent from `owners`, so not summarized.
    run('deploy', 'failed', '06-11T10:00', 5, {
      entityRef: 'component:default/secret',
    }),
  ];
  const owners = new Map([
    [PAYMENTS, 'group:default/team-a'],
    [orders, 'group:default/team-a'],
  ]);

  it('answers per service and adds the services of a team together', () => {
    const summary = summarizeDora(runs, owners, OPTIONS);
    expect(summary.services.map(s => s.entityRef)).toEqual([orders, PAYMENTS]);
    expect(summary.services[0].metrics.changeFailureRate).toMatchObject({
      deploys: 2,
      failures: 0,
    });
    expect(summary.services[1].metrics).not.toHaveProperty('leadTime');
    expect(summary.teams).toEqual([
      expect.objectContaining({
        owner: 'group:default/team-a',
        services: 2,
        metrics: expect.objectContaining({
          deploymentFrequency: expect.objectContaining({ deploys: 6 }),
          changeFailureRate: expect.objectContaining({
            deploys: 8,
            failures: 3,
            rate: 3 / 8,
          }),
        }),
      }),
    ]);
  });
});
