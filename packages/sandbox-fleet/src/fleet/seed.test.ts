import { KINDS } from '../sim/objects';
import { ARGO_KINDS } from '../sim/rolloutObjects';
import { ARGO_ROLLOUT_SERVICE } from '../seed/scenarios';
import { startTestFleet } from '../__testUtils__/testFleet';
import { Fleet } from './Fleet';

// Starts the sandbox fleet (three TLS API servers seeded from the catalog): seconds on a
// busy machine.
jest.setTimeout(60_000);

describe('the seeded fleet', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    ({ fleet } = await startTestFleet());
  });
  afterAll(() => fleet.stop());

  const store = (cluster: string) => fleet.member(cluster)!.cluster.store;
  const deployments = (cluster: string) =>
    store(cluster).list(KINDS.deployment);
  const idsOf = (objects: Array<{ metadata: any }>) =>
    new Set(
      objects.map(o => o.metadata.labels?.['backstage.io/kubernetes-id']),
    );
  const ids = (cluster: string) => idsOf(deployments(cluster));

  it('runs every catalog service in staging and production, and tiers decide DR', () => {
    // In staging one service is run by an Argo Rollout instead of Deployments.
    const rollouts = idsOf(store('staging').list(ARGO_KINDS.rollout));
    expect([...rollouts]).toEqual([ARGO_ROLLOUT_SERVICE]);
    expect(ids('staging').has(ARGO_ROLLOUT_SERVICE)).toBe(false);
    expect(new Set([...ids('staging'), ...rollouts]).size).toBe(18);
    expect(ids('production').size).toBe(18);
    const dr = ids('production-dr');
    expect(dr.has('propertyos-payment-service')).toBe(true);
    expect(dr.has('capsight-backend')).toBe(false); // experimental: no DR
    expect(dr.has('propertyos-document-service')).toBe(false); // declared, never deployed
    expect(dr.size).toBe(14); // 18 less 3 experimental, less the one missing
  });

  it('labels every workload object with the kubernetes id', () => {
    for (const cluster of ['production', 'staging']) {
      for (const kind of [
        KINDS.deployment,
        KINDS.replicaSet,
        KINDS.pod,
        KINDS.hpa,
        ARGO_KINDS.rollout,
      ]) {
        for (const object of store(cluster).list(kind)) {
          expect(
            object.metadata.labels?.['backstage.io/kubernetes-id'],
          ).toBeTruthy();
        }
      }
    }
  });

  it('has a canary in flight, a crash loop, a stalled rollout and a stale backup', () => {
    const canary = store('production').get(
      KINDS.deployment,
      'propertyos',
      'propertyos-api-gateway-canary',
    )!;
    expect(canary.spec.replicas).toBe(1);
    expect(canary.spec.template.spec.containers[0].image).toMatch(/:1\.9\.0$/);

    const crashing = store('staging')
      .list(KINDS.pod, 'incubation-platform')
      .find(
        p =>
          p.status.containerStatuses[0].state.waiting?.reason ===
          'CrashLoopBackOff',
      )!;
    expect(crashing.status.containerStatuses[0].restartCount).toBe(6);

    const stalled = store('staging').get(
      KINDS.deployment,
      'propertyos',
      'propertyos-analytics-service',
    )!;
    expect(stalled.status.conditions).toContainEqual(
      expect.objectContaining({
        type: 'Progressing',
        status: 'False',
        reason: 'ProgressDeadlineExceeded',
      }),
    );

    const backup = store('production').get(
      KINDS.cronJob,
      'pms',
      'pms-app-db-backup',
    )!;
    expect(backup.spec.suspend).toBe(true);
    const age = Date.now() - Date.parse(backup.status.lastSuccessfulTime);
    expect(age).toBeGreaterThan(70 * 3_600_000);
  });

  it('keeps ReplicaSet revision history', () => {
    const history = store('production')
      .list(KINDS.replicaSet, 'propertyos')
      .filter(rs => rs.metadata.name.startsWith('propertyos-tenant-service-'))
      .map(rs => rs.metadata.annotations?.['deployment.kubernetes.io/revision'])
      .sort();
    expect(history).toEqual(['1', '2', '3']);
  });
});
