import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DR_GRADES,
  DrCheck,
  DrReadinessAnswer,
  expandOverview,
  OverviewDocument,
} from '@internal/backstage-plugin-delivery-common';
import { databaseReleasedOnShutdown } from '@internal/backstage-plugin-delivery-node/testUtils';
import { Fleet } from '@internal/sandbox-fleet';
import {
  AppsV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import request from 'supertest';
import { scaffolderHeader } from '../__testUtils__/scaffolderCredentials';
import { parse } from 'yaml';
import { catalogEntities } from '../__testUtils__/catalogEntities';
import {
  ScriptedDatabaseProvider,
  scriptedDrConfig,
  scriptedDrProvidersModule,
} from '../__testUtils__/scriptedDrProviders';
import { startSeededFleet } from '../__testUtils__/seededFleet';
import { deliveryPlugin } from '../plugin';
import { eventually } from '@internal/backstage-plugin-delivery-node/testUtils';

jest.setTimeout(120_000);

const PAYMENT = 'component:default/propertyos-payment-service';
const DOCUMENT = 'component:default/propertyos-document-service';
const PMS = 'component:default/pms-app';
const PROPERTY = 'component:default/propertyos-property-service';
const INCUBATION = 'component:default/incubation-api-server';
const MESSAGING = 'component:default/messaging-api';

/** What the DR provider holds: a replica and point-in-time recovery for the payment database only. */
const DATABASES = {
  'propertyos-payment-service-db': {
    replica: {
      id: 'propertyos-payment-service-db-replica',
      region: 'us-west-2',
      lagSeconds: 3,
    },
    snapshotMinutesAgo: 2,
  },
};

describe('GET /api/delivery/dr', () => {
  let fleet: Fleet;
  let portalConfig: any;

  beforeAll(async () => {
    fleet = await startSeededFleet();
    // Exactly what ./scripts/start gives the portal, with the scripted DR providers.
    portalConfig = parse(fleet.portalConfig());
    portalConfig.delivery.dr = scriptedDrConfig;
  });
  afterAll(() => fleet.stop());

  async function backend(
    options: { provider?: ScriptedDatabaseProvider; extra?: any[] } = {},
  ) {
    const { server } = await startTestBackend({
      features: [
        databaseReleasedOnShutdown,
        deliveryPlugin,
        mockServices.rootConfig.factory({ data: portalConfig }),
        catalogServiceMock.factory({ entities: catalogEntities() }),
        scriptedDrProvidersModule(
          options.provider ?? new ScriptedDatabaseProvider(DATABASES),
        ),
        ...(options.extra ?? []),
      ],
    });
    return server;
  }

  const get = (server: any, entityRef: string) =>
    request(server)
      .get(`/api/delivery/dr?entityRef=${encodeURIComponent(entityRef)}`)
      .set('Authorization', mockCredentials.user.header());

  /** The answer once every production cluster has been read. */
  async function settled(
    server: any,
    entityRef: string,
    until: (answer: DrReadinessAnswer) => boolean = () => true,
  ): Promise<DrReadinessAnswer> {
    return eventually(
      async () => {
        const res = await get(server, entityRef);
        expect(res.status).toBe(200);
        return res.body as DrReadinessAnswer;
      },
      answer =>
        !answer.readiness.checks.some(
          c =>
            c.status === 'unknown' &&
            /unreachable|not read/.test(c.evidence.observed),
        ) && until(answer),
      { what: `the DR readiness of ${entityRef} read from every cluster` },
    );
  }

  const check = (answer: DrReadinessAnswer, id: DrCheck['id']) =>
    answer.readiness.checks.find(c => c.id === id)!;
  const statuses = (answer: DrReadinessAnswer) =>
    Object.fromEntries(answer.readiness.checks.map(c => [c.id, c.status]));

  const recordFailover = async (
    server: any,
    entityRef: string,
    outcome: { status: 'succeeded' | 'failed'; recoverySeconds?: number },
  ) => {
    const started = await request(server)
      .post('/api/delivery/runs')
      .set('Authorization', scaffolderHeader.onBehalfOf('user:default/alice'))
      .send({
        entityRef,
        environment: 'production',
        action: 'failover',
        inputs: { mode: 'drill' },
      });
    expect(started.status).toBe(201);
    const finished = await request(server)
      .post(`/api/delivery/runs/${started.body.id}/finish`)
      .set('Authorization', scaffolderHeader.own())
      .send({
        status: outcome.status,
        summary: 'drill to production-dr',
        after: {
          mode: 'drill',
          recoverySeconds: outcome.recoverySeconds,
          steps: [
            { id: 'verify', status: 'done', detail: 'copy served in 7m' },
          ],
          state: { databasePrimary: 'primary', dnsPointsTo: 'primary' },
        },
      });
    expect(finished.status).toBe(204);
    return started.body.id as string;
  };

  it('scores a critical service with a warm standby, replica, PDB, HPA, probes and zone spread high, and higher still after a drill', async () => {
    const server = await backend();
    const before = await settled(server, PAYMENT);
    expect(statuses(before)).toEqual({
      // Critical, but RTO and RPO are the tier's defaults rather than agreed ones.
      objectives: 'fail',
      'dr-region': 'pass',
      'db-replication': 'pass',
      backup: 'pass',
      drill: 'fail',
      pdb: 'pass',
      'hpa-min': 'pass',
      probes: 'pass',
      'zone-spread': 'pass',
      runbook: 'pass',
    });
    expect(before.readiness).toMatchObject({
      tier: 'critical',
      score: 80,
      grade: 'at-risk',
    });
    expect(check(before, 'dr-region').evidence.observed).toBe(
      'standby running in production-dr (us-west-2): propertyos-payment-service-blue 2/2 ready, propertyos-payment-service-green 0/0 ready',
    );
    expect(check(before, 'db-replication').evidence).toMatchObject({
      source: 'dr-provider',
      provider: 'scripted',
      observed:
        'replica propertyos-payment-service-db-replica lags 3s, within the RPO of 5m',
    });
    // The newest of the provider's snapshot (2 minutes old) and the seeded CronJob's last
    // success (every 15 minutes, so sometimes newer) decides.
    expect(check(before, 'backup').evidence.observed).toMatch(
      /ago, (scripted snapshot propertyos-payment-service-db-pitr|CronJob\/propertyos-payment-service-db-backup in production\/propertyos)\), within the RPO of 5m$/,
    );
    expect(check(before, 'pdb').evidence.observed).toBe(
      'PodDisruptionBudget propertyos-payment-service in production',
    );
    expect(check(before, 'hpa-min').evidence.observed).toBe(
      'HPA minReplicas propertyos-payment-service: 2 in production',
    );
    expect(check(before, 'probes').evidence.observed).toBe(
      'all 2 containers of 2 Deployments have liveness and readiness probes in production',
    );
    expect(check(before, 'zone-spread').evidence.observed).toBe(
      'every Deployment spreads its pods by zone in production',
    );
    expect(check(before, 'drill').evidence.observed).toBe(
      'no failover drill recorded',
    );
    expect(before.failovers).toEqual([]);

    const runId = await recordFailover(server, PAYMENT, {
      status: 'succeeded',
      recoverySeconds: 420,
    });
    const after = (await get(server, PAYMENT)).body as DrReadinessAnswer;
    expect(check(after, 'drill')).toMatchObject({
      status: 'pass',
      evidence: { source: 'run-store', object: runId },
    });
    expect(check(after, 'drill').evidence.observed).toMatch(
      new RegExp(
        `^last drill \\(run ${runId}\\) ended .* and recovered in 7m, within the RTO of 15m$`,
      ),
    );
    expect(after.readiness).toMatchObject({ score: 95, grade: 'ready' });
    expect(after.failovers).toEqual([
      expect.objectContaining({
        runId,
        mode: 'drill',
        status: 'succeeded',
        environment: 'production',
        initiatedBy: 'user:default/alice',
        outcome: expect.objectContaining({ recoverySeconds: 420 }),
      }),
    ]);

    // A later drill that failed is what counts now, and the list is newest first.
    const failed = await recordFailover(server, PAYMENT, { status: 'failed' });
    const latest = (await get(server, PAYMENT)).body as DrReadinessAnswer;
    expect(check(latest, 'drill')).toMatchObject({ status: 'fail' });
    expect(latest.failovers.map(f => f.runId)).toEqual([failed, runId]);
  });

  it('fails dr-region for a service that declares DR but was never deployed to the DR cluster, and backup for a stale backup', async () => {
    const server = await backend();
    const document = await settled(server, DOCUMENT);
    expect(check(document, 'dr-region')).toMatchObject({
      status: 'fail',
      evidence: {
        cluster: 'production-dr',
        observed: 'not deployed in any DR cluster in us-west-2 (production-dr)',
      },
    });

    const pms = await settled(server, PMS);
    expect(check(pms, 'backup')).toMatchObject({
      status: 'fail',
      evidence: {
        source: 'cluster',
        cluster: 'production',
        namespace: 'pms',
        object: 'CronJob/pms-app-db-backup',
      },
    });
    // Its weekly Velero Backup failed since the last one completed, and says so.
    expect(check(pms, 'backup').evidence.observed).toMatch(
      /\(3d 3h ago, CronJob\/pms-app-db-backup in production\/pms\) is older than the RPO of 1h; Velero Backup pms-weekly-\d{14} Failed at \S+ \(.+ ago\) in production$/,
    );
    // The provider holds no replica of this database: known, and failing.
    expect(check(pms, 'db-replication')).toMatchObject({
      status: 'fail',
      evidence: { observed: 'scripted found no replica of the database' },
    });
    // A standard service's DR copy at zero replicas is a pilot light with its runbook.
    expect(check(pms, 'dr-region')).toMatchObject({ status: 'pass' });
    expect(check(pms, 'dr-region').evidence.observed).toBe(
      'pilot light: pms-app at 0 replicas in production-dr, scale-up documented at https://runbooks.example.com/pms/pms-app',
    );
  });

  it('reads Velero Backups: a fresh one passes the backup check, a stale one fails it', async () => {
    const server = await backend();
    const incubation = await settled(server, INCUBATION);
    // No backup CronJob in production: the half-hourly Velero Schedule is the backup.
    expect(check(incubation, 'backup')).toMatchObject({
      status: 'pass',
      evidence: {
        source: 'velero',
        cluster: 'production',
        namespace: 'velero',
        object: expect.stringMatching(
          /^Backup\/incubation-platform-half-hourly-\d{14}$/,
        ),
      },
    });
    expect(check(incubation, 'backup').evidence.observed).toMatch(
      /in production\/velero\), within the RPO of 1h$/,
    );

    // Critical (RPO 5 min), backed up by a paused daily Velero Schedule only.
    const messaging = await settled(server, MESSAGING);
    expect(check(messaging, 'backup')).toMatchObject({
      status: 'fail',
      evidence: {
        source: 'velero',
        object: expect.stringMatching(/^Backup\/messaging-daily-\d{14}$/),
      },
    });
    expect(check(messaging, 'backup').evidence.observed).toMatch(
      /\((\d+h( \d+m)?|\d+d( \d+h)?) ago, Backup\/messaging-daily-\d{14} in production\/velero\) is older than the RPO of 5m$/,
    );
    expect(check(messaging, 'backup').fix).toContain(
      'Velero Schedule messaging-daily is paused',
    );
  });

  it('scores a cluster that does not serve Velero as before, and a Velero it cannot read as unknown', async () => {
    const velero = (code: number, message: string) =>
      fleet.faults.add({
        cluster: 'production',
        path: '/apis/velero\\.io/',
        times: -1,
        action: { type: 'status', code, message },
      });
    const providerRead = (answer: DrReadinessAnswer) =>
      check(answer, 'db-replication').status !== 'unknown';

    const notServed = velero(
      404,
      'the server could not find the requested resource',
    );
    try {
      const server = await backend();
      // Its CronJob as before, and no word of Velero.
      const pms = await settled(server, PMS);
      expect(check(pms, 'backup')).toMatchObject({
        status: 'fail',
        evidence: { object: 'CronJob/pms-app-db-backup' },
      });
      expect(check(pms, 'backup').evidence.observed).toMatch(
        /\(3d 3h ago, CronJob\/pms-app-db-backup in production\/pms\) is older than the RPO of 1h$/,
      );
      // Backed up by Velero only: without Velero, known to have no backup at all.
      const incubation = await settled(server, INCUBATION, providerRead);
      expect(check(incubation, 'backup')).toMatchObject({
        status: 'fail',
        evidence: {
          observed:
            'no backup found: no backup CronJob, provider snapshot or Velero backup',
        },
      });
    } finally {
      fleet.faults.remove(notServed.id);
    }

    const forbidden = velero(
      403,
      'backups.velero.io is forbidden: User "system:serviceaccount:backstage:delivery" cannot list resource "backups"',
    );
    try {
      const server = await backend();
      const incubation = await settled(server, INCUBATION, providerRead);
      expect(check(incubation, 'backup')).toMatchObject({
        status: 'unknown',
        evidence: {
          observed:
            'backups were not gathered (backup CronJob, provider snapshots, Velero)',
        },
      });
      // The cluster itself is not stale for it: the other checks read it as ever.
      expect(check(incubation, 'pdb').status).not.toBe('unknown');
    } finally {
      fleet.faults.remove(forbidden.id);
    }
  });

  it('shows the replica as unknown when the DR provider fails', async () => {
    const provider = new ScriptedDatabaseProvider(
      DATABASES,
      'connect ETIMEDOUT 10.0.0.1:443',
    );
    const server = await backend({ provider });
    const answer = await settled(server, PAYMENT);
    expect(check(answer, 'db-replication')).toMatchObject({
      status: 'unknown',
      evidence: {
        source: 'dr-provider',
        observed: 'no DR provider reported on the database replica',
      },
    });
    expect(answer.readiness.weights.unknown).toBe(20);
  });

  it('judges zone spread by the zones the pods run in when a Deployment has no zone rule', async () => {
    const server = await backend();
    const kc = new KubeConfig();
    kc.loadFromString(fleet.kubeconfig());
    kc.setCurrentContext('sandbox-production');
    await kc.makeApiClient(AppsV1Api).patchNamespacedDeployment(
      {
        name: 'propertyos-property-service',
        namespace: 'propertyos',
        body: {
          spec: { template: { spec: { topologySpreadConstraints: null } } },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    // The zones the fleet itself placed the service's running pods in.
    const { store } = fleet.member('production')!.cluster;
    const zoneOfNode = new Map(
      store
        .list('/nodes')
        .map(n => [
          n.metadata.name,
          n.metadata.labels!['topology.kubernetes.io/zone'],
        ]),
    );
    const zones = [
      ...new Set(
        store
          .list('/pods')
          .filter(
            p =>
              p.metadata.labels?.['backstage.io/kubernetes-id'] ===
                'propertyos-property-service' && p.status?.phase === 'Running',
          )
          .map(p => zoneOfNode.get(p.spec.nodeName)!),
      ),
    ].sort();
    expect(zones.length).toBeGreaterThanOrEqual(2);

    const answer = await settled(server, PROPERTY, a =>
      /pods observed/.test(check(a, 'zone-spread').evidence.observed),
    );
    expect(check(answer, 'zone-spread')).toMatchObject({
      status: 'pass',
      evidence: {
        observed: `pods observed on ${
          zones.length
        } zones in production (${zones.join(', ')})`,
      },
    });
  });

  it('answers 400 naming entityRef for a bad ref, 404 for an entity not in the catalog, 403 to a caller the policy denies', async () => {
    const server = await backend();
    const missing = await request(server)
      .get('/api/delivery/dr')
      .set('Authorization', mockCredentials.user.header());
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('entityRef');
    const bad = await get(server, 'component:');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('entityRef');
    const ghost = await get(server, 'component:default/ghost');
    expect(ghost.status).toBe(404);
    expect(ghost.body.error.message).toBe(
      'entityRef: component:default/ghost is not in the catalog',
    );

    const denied = await backend({
      extra: [
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const refused = await get(denied, PAYMENT);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      `Not allowed to read DR readiness of ${PAYMENT}`,
    );
  });

  it('GET /overview carries the DR readiness of every service, with provider answers read in the background', async () => {
    const provider = new ScriptedDatabaseProvider(DATABASES);
    const server = await backend({ provider });
    const document: OverviewDocument = await eventually(
      async () =>
        (
          await request(server)
            .get('/api/delivery/overview')
            .set('Authorization', mockCredentials.user.header())
        ).body,
      // DR readiness follows the services' rollouts a little behind (one pass over the
      // moved services every few seconds), so every cluster read is not yet enough.
      (d: OverviewDocument) =>
        d.clusters.every(c => c.state === 'ok') &&
        d.services.find(s => s.entityRef === PAYMENT)?.dr?.weights.unknown ===
          0,
      {
        what: "every cluster read and the payment service's DR readiness known",
      },
    );
    const services = document.services;
    expect(services.length).toBe(18);
    for (const service of services) {
      expect(service.dr).toEqual({
        score: expect.any(Number),
        grade: expect.stringMatching(new RegExp(`^(${DR_GRADES.join('|')})$`)),
        weights: {
          pass: expect.any(Number),
          fail: expect.any(Number),
          unknown: expect.any(Number),
        },
      });
    }
    // The same readiness the service page shows, the replica included: it was read before
    // any page asked (the start-up warm-up), not by the overview.
    const readsBeforePages = provider.reads;
    expect(readsBeforePages).toBeGreaterThan(0);
    const payment = (await get(server, PAYMENT)).body as DrReadinessAnswer;
    const row = expandOverview(document).rows.find(
      r => r.entityRef === PAYMENT,
    )!;
    expect(row.dr).toEqual({
      score: payment.readiness.score,
      grade: payment.readiness.grade,
      weights: payment.readiness.weights,
    });
    expect(row.dr!.weights.unknown).toBe(0);
    // Within the TTL the page view reuses the warm answer too.
    expect(provider.reads).toBe(readsBeforePages);
  });
});
