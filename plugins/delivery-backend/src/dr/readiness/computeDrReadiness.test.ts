import { computeDrReadiness } from './computeDrReadiness';
import type { DrEvidence, DrProductionWorkloads } from './evidence';
import type {
  DrCheck,
  DrCheckId,
  DrDescriptor,
  DrReadiness,
} from '@internal/backstage-plugin-delivery-common';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const MINUTE = 60_000;
const DAY = 1_440 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

const critical: DrDescriptor = {
  entityRef: 'component:default/payments',
  tier: 'critical',
  rtoMinutes: 15,
  rpoMinutes: 5,
  drRegion: 'us-west-2',
  runbookUrl: 'https://runbooks.example.com/payments',
  defaulted: [],
  problems: [],
};

const standard: DrDescriptor = {
  ...critical,
  entityRef: 'component:default/notifications',
  tier: 'standard',
  rtoMinutes: 120,
  rpoMinutes: 60,
};

const experimental: DrDescriptor = {
  ...critical,
  entityRef: 'component:default/labs',
  tier: 'experimental',
  rtoMinutes: 240,
  rpoMinutes: 60,
  drRegion: undefined,
};

function productionCluster(
  overrides: Partial<DrProductionWorkloads> = {},
): DrProductionWorkloads {
  return {
    cluster: 'prod-east',
    state: 'ok',
    namespace: 'payments',
    observedAt: '2026-03-01T11:59:30.000Z',
    deployments: [
      {
        name: 'payments',
        desired: 3,
        ready: 3,
        containers: [
          { name: 'app', livenessProbe: true, readinessProbe: true },
        ],
        spreadTopologyKeys: [
          'topology.kubernetes.io/zone',
          'kubernetes.io/hostname',
        ],
      },
    ],
    podDisruptionBudgets: ['payments'],
    hpas: [{ name: 'payments', targetName: 'payments', minReplicas: 3 }],
    podZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    ...overrides,
  };
}

/** A critical service with everything a DR review asks for in place. */
function complete(): DrEvidence {
  return {
    hasDatabase: true,
    production: [productionCluster()],
    standby: {
      clusters: [
        {
          cluster: 'dr-west',
          region: 'us-west-2',
          state: 'ok',
          namespace: 'payments',
          observedAt: '2026-03-01T11:59:40.000Z',
          deployments: [{ name: 'payments', desired: 1, ready: 1 }],
        },
      ],
      scaleUpProcedure: 'https://runbooks.example.com/payments#failover',
    },
    replication: {
      provider: 'aws-rds',
      replica: 'payments-dr',
      region: 'us-west-2',
      lagSeconds: 4,
      measuredAt: '2026-03-01T11:59:00.000Z',
    },
    backups: [
      {
        source: 'cronjob',
        name: 'payments-backup',
        cluster: 'prod-east',
        namespace: 'payments',
        lastSuccessfulAt: iso(NOW - 3 * MINUTE),
      },
    ],
    drills: [
      {
        runId: 'run-42',
        status: 'succeeded',
        startedAt: '2026-02-10T09:00:00.000Z',
        finishedAt: '2026-02-10T09:20:00.000Z',
        recoverySeconds: 540,
      },
    ],
  };
}

function check(readiness: DrReadiness, id: DrCheckId): DrCheck {
  const found = readiness.checks.find(c => c.id === id);
  if (!found) throw new Error(`no ${id} check in ${JSON.stringify(readiness)}`);
  return found;
}

function statuses(readiness: DrReadiness): Record<string, string> {
  return Object.fromEntries(readiness.checks.map(c => [c.id, c.status]));
}

describe('computeDrReadiness', () => {
  it('scores a critical service with everything in place 100, every check passing', () => {
    const readiness = computeDrReadiness(critical, complete(), NOW);
    expect(readiness.score).toBe(100);
    expect(readiness.grade).toBe('ready');
    expect(readiness.checks.map(c => c.id)).toEqual([
      'objectives',
      'dr-region',
      'db-replication',
      'backup',
      'drill',
      'pdb',
      'hpa-min',
      'probes',
      'zone-spread',
      'runbook',
    ]);
    expect(readiness.checks.every(c => c.status === 'pass')).toBe(true);
    expect(readiness.notApplicable).toEqual([]);
    expect(readiness.weights).toEqual({ pass: 100, fail: 0, unknown: 0 });
    expect(readiness.evaluatedAt).toBe('2026-03-01T12:00:00.000Z');
    expect(check(readiness, 'dr-region').evidence).toMatchObject({
      source: 'cluster',
      cluster: 'dr-west',
      namespace: 'payments',
      at: '2026-03-01T11:59:40.000Z',
    });
    for (const c of readiness.checks) {
      expect(c.title).not.toBe('');
      expect(c.fix).toMatch(/\.$/);
    }
  });

  it('is plain JSON: it survives a round trip unchanged', () => {
    const readiness = computeDrReadiness(critical, complete(), NOW);
    expect(JSON.parse(JSON.stringify(readiness))).toEqual(readiness);
  });

  describe('backup', () => {
    it('fails a backup older than the RPO, naming its time, its age, its source and the RPO', () => {
      const evidence = complete();
      evidence.backups![0].lastSuccessfulAt = '2026-03-01T11:50:00.000Z';
      const readiness = computeDrReadiness(critical, evidence, NOW);
      const backup = check(readiness, 'backup');
      expect(backup.status).toBe('fail');
      expect(backup.evidence).toMatchObject({
        source: 'cluster',
        cluster: 'prod-east',
        namespace: 'payments',
        object: 'CronJob/payments-backup',
        at: '2026-03-01T11:50:00.000Z',
      });
      expect(backup.evidence.observed).toContain('2026-03-01T11:50:00.000Z');
      expect(backup.evidence.observed).toContain('10m ago');
      expect(backup.evidence.observed).toContain('older than the RPO of 5m');
      expect(backup.fix).toContain('every 5m');
      expect(readiness.score).toBe(90);
    });

    it('passes a backup exactly as old as the RPO and fails one a second older', () => {
      const atRpo = complete();
      atRpo.backups![0].lastSuccessfulAt = iso(NOW - 5 * MINUTE);
      expect(
        check(computeDrReadiness(critical, atRpo, NOW), 'backup').status,
      ).toBe('pass');
      const justOver = complete();
      justOver.backups![0].lastSuccessfulAt = iso(NOW - 5 * MINUTE - 1000);
      expect(
        check(computeDrReadiness(critical, justOver, NOW), 'backup').status,
      ).toBe('fail');
    });

    it('judges the newest backup of any source and says which source it was', () => {
      const evidence = complete();
      evidence.backups = [
        {
          source: 'cronjob',
          name: 'payments-backup',
          cluster: 'prod-east',
          namespace: 'payments',
          lastSuccessfulAt: iso(NOW - 2 * DAY),
        },
        {
          source: 'velero',
          name: 'daily-backup-20260301',
          cluster: 'prod-east',
          namespace: 'velero',
          lastSuccessfulAt: iso(NOW - 6 * 60 * MINUTE),
        },
        {
          source: 'snapshot',
          name: 'payments-pitr',
          provider: 'aws-rds',
          lastSuccessfulAt: iso(NOW - 2 * MINUTE),
        },
      ];
      const backup = check(
        computeDrReadiness(critical, evidence, NOW),
        'backup',
      );
      expect(backup.status).toBe('pass');
      expect(backup.evidence).toMatchObject({
        source: 'dr-provider',
        provider: 'aws-rds',
        object: 'payments-pitr',
      });
      expect(backup.evidence.observed).toContain(
        'aws-rds snapshot payments-pitr',
      );

      evidence.backups.pop();
      const velero = check(
        computeDrReadiness(standard, evidence, NOW),
        'backup',
      );
      expect(velero.status).toBe('fail');
      expect(velero.evidence).toMatchObject({
        source: 'velero',
        object: 'Backup/daily-backup-20260301',
      });
      expect(velero.evidence.observed).toContain('6h ago');
      expect(velero.evidence.observed).toContain('RPO of 1h');
    });

    it('fails when no backup exists or none ever succeeded, and is unknown when not gathered', () => {
      const none = complete();
      none.backups = [];
      expect(
        check(computeDrReadiness(critical, none, NOW), 'backup'),
      ).toMatchObject({ status: 'fail' });
      const never = complete();
      never.backups![0].lastSuccessfulAt = undefined;
      const neverCheck = check(
        computeDrReadiness(critical, never, NOW),
        'backup',
      );
      expect(neverCheck.status).toBe('fail');
      expect(neverCheck.evidence.observed).toContain(
        'no backup has ever succeeded: CronJob/payments-backup in prod-east/payments',
      );
      const notGathered = complete();
      notGathered.backups = undefined;
      expect(
        check(computeDrReadiness(critical, notGathered, NOW), 'backup').status,
      ).toBe('unknown');
    });
  });

  describe('database replication', () => {
    it('fails a replica lagging more than the RPO, with the lag, the RPO and when it was measured', () => {
      const evidence = complete();
      evidence.replication!.lagSeconds = 301;
      const readiness = computeDrReadiness(critical, evidence, NOW);
      const replication = check(readiness, 'db-replication');
      expect(replication.status).toBe('fail');
      expect(replication.evidence).toMatchObject({
        source: 'dr-provider',
        provider: 'aws-rds',
        object: 'payments-dr',
        at: '2026-03-01T11:59:00.000Z',
      });
      expect(replication.evidence.observed).toBe(
        'replica payments-dr lags 301s (5m 1s), more than the RPO of 5m',
      );
      expect(readiness.score).toBe(80);
    });

    it('passes a lag exactly at the RPO', () => {
      const evidence = complete();
      evidence.replication!.lagSeconds = 300;
      expect(
        check(computeDrReadiness(critical, evidence, NOW), 'db-replication')
          .status,
      ).toBe('pass');
    });

    it('fails without a replica or with one outside the DR region; unknown without a provider or a lag', () => {
      const noReplica = complete();
      noReplica.replication = { provider: 'aws-rds' };
      expect(
        check(computeDrReadiness(critical, noReplica, NOW), 'db-replication')
          .evidence.observed,
      ).toBe('aws-rds found no replica of the database');

      const elsewhere = complete();
      elsewhere.replication!.region = 'us-east-2';
      const wrongRegion = check(
        computeDrReadiness(critical, elsewhere, NOW),
        'db-replication',
      );
      expect(wrongRegion.status).toBe('fail');
      expect(wrongRegion.evidence.observed).toContain(
        'not in the DR region us-west-2',
      );

      const noLag = complete();
      noLag.replication!.lagSeconds = undefined;
      expect(
        check(computeDrReadiness(critical, noLag, NOW), 'db-replication')
          .status,
      ).toBe('unknown');

      const noProvider = complete();
      noProvider.replication = undefined;
      expect(
        check(computeDrReadiness(critical, noProvider, NOW), 'db-replication')
          .status,
      ).toBe('unknown');
    });
  });

  describe('missing evidence', () => {
    it('makes a check unknown, lowers the score like a failure and is totalled apart', () => {
      const evidence = complete();
      evidence.replication = undefined;
      const readiness = computeDrReadiness(critical, evidence, NOW);
      const replication = check(readiness, 'db-replication');
      expect(replication.status).toBe('unknown');
      expect(replication.evidence).toEqual({
        source: 'dr-provider',
        observed: 'no DR provider reported on the database replica',
      });
      expect(readiness.score).toBe(80);
      expect(readiness.weights).toEqual({ pass: 80, fail: 0, unknown: 20 });
    });

    it('never passes on nothing: a service with no evidence at all is not ready', () => {
      const readiness = computeDrReadiness(
        critical,
        { hasDatabase: true },
        NOW,
      );
      expect(statuses(readiness)).toEqual({
        objectives: 'pass',
        'dr-region': 'unknown',
        'db-replication': 'unknown',
        backup: 'unknown',
        drill: 'unknown',
        pdb: 'unknown',
        'hpa-min': 'unknown',
        probes: 'unknown',
        'zone-spread': 'unknown',
        runbook: 'pass',
      });
      expect(readiness.score).toBe(10);
      expect(readiness.weights).toEqual({ pass: 10, fail: 0, unknown: 90 });
      expect(readiness.grade).toBe('not-ready');
    });

    it('treats an unreachable production cluster as unknown, not as a pass', () => {
      const evidence = complete();
      evidence.production = [
        productionCluster(),
        productionCluster({
          cluster: 'prod-central',
          state: 'unreachable',
          deployments: [],
          podDisruptionBudgets: [],
          hpas: [],
        }),
      ];
      const readiness = computeDrReadiness(critical, evidence, NOW);
      expect(check(readiness, 'pdb')).toMatchObject({
        status: 'unknown',
        evidence: {
          cluster: 'prod-central',
          observed: 'prod-central is unreachable',
        },
      });
    });
  });

  describe('failover drill', () => {
    it('fails when the last drill is more than 90 days old, passes at exactly 90 days', () => {
      const old = complete();
      old.drills![0].finishedAt = iso(NOW - 90 * DAY - 1000);
      const stale = check(computeDrReadiness(critical, old, NOW), 'drill');
      expect(stale.status).toBe('fail');
      expect(stale.evidence).toMatchObject({
        source: 'run-store',
        object: 'run-42',
      });
      expect(stale.evidence.observed).toContain(
        '(90d ago), more than 90 days ago',
      );

      const boundary = complete();
      boundary.drills![0].finishedAt = iso(NOW - 90 * DAY);
      expect(
        check(computeDrReadiness(critical, boundary, NOW), 'drill').status,
      ).toBe('pass');
    });

    it('fails when no drill was ever recorded', () => {
      const evidence = complete();
      evidence.drills = [];
      const drill = check(computeDrReadiness(critical, evidence, NOW), 'drill');
      expect(drill.status).toBe('fail');
      expect(drill.evidence.observed).toBe('no failover drill recorded');
    });

    it('fails a drill slower than the RTO and passes one exactly at it', () => {
      const slow = complete();
      slow.drills![0].recoverySeconds = 22 * 60;
      const drill = check(computeDrReadiness(critical, slow, NOW), 'drill');
      expect(drill.status).toBe('fail');
      expect(drill.evidence.observed).toContain(
        'recovered in 22m, slower than the RTO of 15m',
      );
      expect(drill.evidence.at).toBe('2026-02-10T09:20:00.000Z');

      const atRto = complete();
      atRto.drills![0].recoverySeconds = 15 * 60;
      expect(
        check(computeDrReadiness(critical, atRto, NOW), 'drill').status,
      ).toBe('pass');
    });

    it('judges the latest finished drill: a failed one after a good one fails, a running one is ignored', () => {
      const evidence = complete();
      evidence.drills!.push(
        {
          runId: 'run-57',
          status: 'failed',
          startedAt: '2026-02-20T09:00:00.000Z',
          finishedAt: '2026-02-20T09:40:00.000Z',
        },
        {
          runId: 'run-60',
          status: 'running',
          startedAt: '2026-03-01T11:00:00.000Z',
        },
      );
      const drill = check(computeDrReadiness(critical, evidence, NOW), 'drill');
      expect(drill.status).toBe('fail');
      expect(drill.evidence.object).toBe('run-57');
      expect(drill.evidence.observed).toContain('and failed');
    });

    it('is unknown when the run store was not read or the drill measured no recovery time', () => {
      const unread = complete();
      unread.drills = undefined;
      expect(
        check(computeDrReadiness(critical, unread, NOW), 'drill').status,
      ).toBe('unknown');
      const unmeasured = complete();
      unmeasured.drills![0].recoverySeconds = undefined;
      expect(
        check(computeDrReadiness(critical, unmeasured, NOW), 'drill').status,
      ).toBe('unknown');
    });
  });

  describe('DR region', () => {
    function pilotLight(scaleUpProcedure?: string): DrEvidence {
      const evidence = complete();
      evidence.standby = {
        clusters: [
          {
            ...evidence.standby!.clusters[0],
            deployments: [{ name: 'payments', desired: 0, ready: 0 }],
          },
        ],
        scaleUpProcedure,
      };
      return evidence;
    }

    it('accepts a documented pilot light for a standard service', () => {
      const evidence = pilotLight('https://runbooks.example.com/n#failover');
      const region = check(
        computeDrReadiness(standard, evidence, NOW),
        'dr-region',
      );
      expect(region.status).toBe('pass');
      expect(region.evidence.observed).toBe(
        'pilot light: payments at 0 replicas in dr-west, scale-up documented at https://runbooks.example.com/n#failover',
      );
    });

    it('fails a pilot light for a critical service, documented or not', () => {
      const readiness = computeDrReadiness(
        critical,
        pilotLight('https://runbooks.example.com/n#failover'),
        NOW,
      );
      const region = check(readiness, 'dr-region');
      expect(region.status).toBe('fail');
      expect(region.evidence.observed).toContain(
        'a critical service needs a warm standby to recover within its RTO of 15m',
      );
      expect(readiness.score).toBe(80);
    });

    it('fails a zero-replica standby without a documented scale-up, even for standard', () => {
      const region = check(
        computeDrReadiness(standard, pilotLight(), NOW),
        'dr-region',
      );
      expect(region.status).toBe('fail');
      expect(region.evidence.observed).toBe(
        'payments at 0 replicas in dr-west and no documented scale-up',
      );
    });

    it('fails without a declared DR region, without a DR cluster there, without a deployment or a ready standby', () => {
      const noRegion = check(
        computeDrReadiness(
          { ...critical, drRegion: undefined },
          complete(),
          NOW,
        ),
        'dr-region',
      );
      expect(noRegion).toMatchObject({
        status: 'fail',
        evidence: { source: 'catalog' },
      });

      const otherRegion = complete();
      otherRegion.standby!.clusters[0].region = 'eu-west-1';
      expect(
        check(computeDrReadiness(critical, otherRegion, NOW), 'dr-region')
          .evidence.observed,
      ).toBe(
        'no DR cluster in us-west-2; DR clusters of production: dr-west (eu-west-1)',
      );

      const notDeployed = complete();
      notDeployed.standby!.clusters[0].deployments = [];
      expect(
        check(computeDrReadiness(critical, notDeployed, NOW), 'dr-region')
          .evidence.observed,
      ).toBe('not deployed in any DR cluster in us-west-2 (dr-west)');

      const notReady = complete();
      notReady.standby!.clusters[0].deployments = [
        { name: 'payments', desired: 2, ready: 0 },
      ];
      expect(
        check(computeDrReadiness(critical, notReady, NOW), 'dr-region'),
      ).toMatchObject({ status: 'fail' });
    });

    it('is unknown when the DR clusters were not read or are unreachable', () => {
      const unread = complete();
      unread.standby = undefined;
      expect(
        check(computeDrReadiness(critical, unread, NOW), 'dr-region').status,
      ).toBe('unknown');
      const unreachable = complete();
      unreachable.standby!.clusters[0] = {
        ...unreachable.standby!.clusters[0],
        state: 'unreachable',
        deployments: [],
      };
      expect(
        check(computeDrReadiness(critical, unreachable, NOW), 'dr-region'),
      ).toMatchObject({
        status: 'unknown',
        evidence: {
          observed: 'every DR cluster in us-west-2 is unreachable: dr-west',
        },
      });
    });
  });

  describe('applicability', () => {
    it('leaves the database checks out of a service without a database, and says why', () => {
      const evidence = complete();
      evidence.hasDatabase = false;
      evidence.replication = undefined;
      evidence.backups = undefined;
      const readiness = computeDrReadiness(critical, evidence, NOW);
      expect(readiness.checks.map(c => c.id)).not.toContain('db-replication');
      expect(readiness.checks.map(c => c.id)).not.toContain('backup');
      expect(readiness.notApplicable.map(n => n.id)).toEqual([
        'db-replication',
        'backup',
      ]);
      expect(readiness.notApplicable[0].reason).toContain('no database');
      expect(readiness.score).toBe(100);
      expect(readiness.weights).toEqual({ pass: 70, fail: 0, unknown: 0 });
    });

    it('scores the same gap differently by tier', () => {
      const evidence = complete();
      evidence.standby!.clusters[0].deployments = [];
      expect(computeDrReadiness(critical, evidence, NOW).score).toBe(80);
      expect(computeDrReadiness(standard, evidence, NOW).score).toBe(85);

      const stale = complete();
      stale.backups![0].lastSuccessfulAt = iso(NOW - 2 * DAY);
      expect(computeDrReadiness(critical, stale, NOW).score).toBe(90);
      expect(computeDrReadiness(standard, stale, NOW).score).toBe(80);

      const weightsOf = (descriptor: DrDescriptor) =>
        Object.fromEntries(
          computeDrReadiness(descriptor, complete(), NOW).checks.map(c => [
            c.id,
            c.weight,
          ]),
        );
      expect(weightsOf(critical)).toMatchObject({
        'dr-region': 20,
        'db-replication': 20,
        backup: 10,
      });
      expect(weightsOf(standard)).toMatchObject({
        'dr-region': 15,
        'db-replication': 10,
        backup: 20,
      });
    });

    it('expects no DR of an experimental service: no standby, replica, backup or drill is needed', () => {
      const readiness = computeDrReadiness(
        experimental,
        { hasDatabase: true, production: [productionCluster()] },
        NOW,
      );
      expect(readiness.notApplicable.map(n => n.id)).toEqual([
        'dr-region',
        'db-replication',
        'backup',
        'drill',
      ]);
      expect(readiness.notApplicable[0].reason).toContain('experimental tier');
      expect(readiness.checks.map(c => c.id)).toEqual([
        'objectives',
        'pdb',
        'hpa-min',
        'probes',
        'zone-spread',
        'runbook',
      ]);
      expect(readiness.score).toBe(100);

      const noProbes = productionCluster();
      noProbes.deployments[0].containers[0].readinessProbe = false;
      expect(
        computeDrReadiness(
          experimental,
          { hasDatabase: false, production: [noProbes] },
          NOW,
        ).score,
      ).toBe(70);
    });
  });

  describe('objectives', () => {
    it('fails a critical service whose RTO and RPO are tier defaults', () => {
      const objectives = check(
        computeDrReadiness(
          { ...critical, defaulted: ['rto', 'rpo'] },
          complete(),
          NOW,
        ),
        'objectives',
      );
      expect(objectives.status).toBe('fail');
      expect(objectives.evidence.observed).toBe(
        'tier critical declared, but RTO 15m and RPO 5m are the tier default, not agreed for this service',
      );
    });

    it('soft-passes a standard service on tier defaults, saying they are defaults', () => {
      const objectives = check(
        computeDrReadiness(
          { ...standard, defaulted: ['rpo'] },
          complete(),
          NOW,
        ),
        'objectives',
      );
      expect(objectives.status).toBe('pass');
      expect(objectives.evidence.observed).toBe(
        'tier standard declared; RPO 1h is the standard tier default (accepted below critical)',
      );
      expect(objectives.fix).toContain('delivery/rpo');
    });

    it('fails a missing tier or an invalid objective annotation', () => {
      const noTier = check(
        computeDrReadiness(
          { ...standard, defaulted: ['tier', 'rto', 'rpo'] },
          complete(),
          NOW,
        ),
        'objectives',
      );
      expect(noTier.status).toBe('fail');
      expect(noTier.evidence.observed).toContain('no delivery/tier annotation');

      const invalid = check(
        computeDrReadiness(
          {
            ...critical,
            defaulted: ['rto'],
            problems: [
              {
                annotation: 'delivery/rto',
                message: '"soon" is not a duration',
              },
            ],
          },
          complete(),
          NOW,
        ),
        'objectives',
      );
      expect(invalid.status).toBe('fail');
      expect(invalid.evidence.observed).toContain(
        'delivery/rto: "soon" is not a duration',
      );
    });
  });

  describe('production workloads', () => {
    const run = (overrides: Partial<DrProductionWorkloads>) => {
      const evidence = complete();
      evidence.production = [productionCluster(overrides)];
      return computeDrReadiness(critical, evidence, NOW);
    };

    it('fails without a PodDisruptionBudget', () => {
      expect(check(run({ podDisruptionBudgets: [] }), 'pdb')).toMatchObject({
        status: 'fail',
        evidence: { cluster: 'prod-east', namespace: 'payments' },
      });
    });

    it('fails an HPA minimum below 2 and a service without HPA', () => {
      const low = check(
        run({
          hpas: [{ name: 'payments', targetName: 'payments', minReplicas: 1 }],
        }),
        'hpa-min',
      );
      expect(low.status).toBe('fail');
      expect(low.evidence.object).toBe('HorizontalPodAutoscaler/payments');
      expect(low.fix).toBe('Set minReplicas to 2 or more on HPA payments.');
      expect(check(run({ hpas: [] }), 'hpa-min').status).toBe('fail');
      expect(
        check(
          run({
            hpas: [
              { name: 'payments', targetName: 'payments', minReplicas: 2 },
            ],
          }),
          'hpa-min',
        ).status,
      ).toBe('pass');
    });

    it('fails a container without a readiness probe, naming it', () => {
      const readiness = run({
        deployments: [
          {
            ...productionCluster().deployments[0],
            containers: [
              { name: 'app', livenessProbe: true, readinessProbe: true },
              { name: 'proxy', livenessProbe: true, readinessProbe: false },
            ],
          },
        ],
      });
      const probes = check(readiness, 'probes');
      expect(probes.status).toBe('fail');
      expect(probes.evidence.observed).toBe(
        'container proxy of payments has no readiness probe (prod-east)',
      );
    });

    it('spreads across zones by a zone rule or by pods seen on two zones; hostname-only in one zone fails', () => {
      const hostnameOnly = {
        ...productionCluster().deployments[0],
        spreadTopologyKeys: ['kubernetes.io/hostname'],
      };
      expect(
        check(
          run({
            deployments: [hostnameOnly],
            podZones: ['us-east-1a', 'us-east-1b'],
          }),
          'zone-spread',
        ).status,
      ).toBe('pass');
      const oneZone = check(
        run({ deployments: [hostnameOnly], podZones: ['us-east-1a'] }),
        'zone-spread',
      );
      expect(oneZone.status).toBe('fail');
      expect(oneZone.evidence.observed).toBe(
        'payments spreads by kubernetes.io/hostname only, and the pods run in one zone (us-east-1a) in prod-east',
      );
      expect(
        check(
          run({ deployments: [hostnameOnly], podZones: undefined }),
          'zone-spread',
        ).status,
      ).toBe('unknown');
    });

    it('fails every workload check when the service is not deployed in production', () => {
      const readiness = run({ deployments: [] });
      for (const id of ['pdb', 'hpa-min', 'probes', 'zone-spread'] as const) {
        expect(check(readiness, id).evidence.observed).toBe(
          'not deployed in prod-east',
        );
        expect(check(readiness, id).status).toBe('fail');
      }
    });
  });

  describe('runbook', () => {
    it('fails without a runbook link or with one that is not a URL', () => {
      expect(
        check(
          computeDrReadiness(
            { ...critical, runbookUrl: undefined },
            complete(),
            NOW,
          ),
          'runbook',
        ).status,
      ).toBe('fail');
      expect(
        check(
          computeDrReadiness(
            { ...critical, runbookUrl: 'see confluence' },
            complete(),
            NOW,
          ),
          'runbook',
        ).evidence.observed,
      ).toBe('delivery/runbook "see confluence" is not an http(s) URL');
    });
  });
});
