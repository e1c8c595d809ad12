import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { Fleet } from '@internal/sandbox-fleet';
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { TEMPLATES_DIR } from '../../__testUtils__/goldenPathTemplates';
import { startTask, waitForTask } from '../../__testUtils__/runTask';
import {
  DeliveryBackendProcess,
  spawnDeliveryBackend,
} from '../../__testUtils__/spawnDeliveryBackend';
import { startSandboxFleet } from '../../__testUtils__/startDeliveryActionsBackend';

// Each test starts Delivery backends as processes (up to 90 s each on a busy machine)
// besides the fleet and a backend in this process.
jest.setTimeout(300_000);

const NAMESPACE = 'propertyos';
const SERVICE = 'propertyos-property-service';
const ENTITY_REF = `component:default/${SERVICE}`;

/** templates/actions/failover, the template people launch, as the catalog holds it. */
function failoverTemplate(): Entity {
  const file = path.join(TEMPLATES_DIR, 'actions', 'failover', 'template.yaml');
  const entity = yaml.parse(fs.readFileSync(file, 'utf8')) as Entity;
  entity.metadata.namespace = 'default';
  return entity;
}

/*
 * The backend running a failover dies (SIGKILL) at the worst moment: its write promoting
 * the DR replica has been applied, but the answer has not come back, so the promotion is
 * not checkpointed. The backend that recovers the task must not fence again, must find
 * the replica promoted and not promote it again, and must finish the switch: one DNS
 * change, the DR side scaled up, one run, the recovery time counting the outage.
 */
describe('delivery:service:failover under scaffolder task recovery', () => {
  let fleet: Fleet;
  let databaseDir: string;
  const processes: DeliveryBackendProcess[] = [];

  beforeAll(async () => {
    fleet = await startSandboxFleet();
    databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'delivery-failover-'));
  });
  afterAll(async () => {
    await Promise.all(processes.map(p => p.kill()));
    await fleet?.stop();
    fs.rmSync(databaseDir, { recursive: true, force: true });
  });

  const spawnBackend = async () => {
    const backend = await spawnDeliveryBackend({
      fleet,
      templates: [failoverTemplate()],
      // Production not marked as serving users: no second approver in this test.
      environments: [{ name: 'staging' }, { name: 'production' }],
      config: {
        backend: {
          database: {
            client: 'better-sqlite3',
            connection: { directory: databaseDir },
          },
        },
        scaffolder: {
          taskRecovery: { enabled: true, staleTimeout: { seconds: 5 } },
        },
      },
    });
    processes.push(backend);
    return backend;
  };
  const requests = (cluster: string, verb: string, resource: string) =>
    Object.entries(fleet.counters.snapshot()[cluster]?.[verb] ?? {})
      .filter(([key]) => key.endsWith(`/${resource}`))
      .reduce((sum, [, count]) => sum + count, 0);

  it('a backend killed after the promotion was applied: promoted once, fenced once, switched once', async () => {
    const promoting = fleet.faults.add({
      cluster: 'production-dr',
      verb: 'patch',
      path: `clusters/${SERVICE}-db$`,
      action: { type: 'timeout-after-write', ms: 15_000 },
    });
    const a = await spawnBackend();
    fleet.counters.reset();
    const { id, rejected } = await startTask(
      a.url,
      'template:default/delivery-failover',
      {
        entityRef: ENTITY_REF,
        environment: 'production',
        mode: 'failover',
        timeoutSeconds: 60,
      },
    );
    expect(rejected?.body).toBeUndefined();
    for (let i = 0; fleet.faults.list().some(r => r.id === promoting.id); i++) {
      if (i > 400) throw new Error(`A never promoted:\n${a.output()}`);
      await new Promise(r => setTimeout(r, 50));
    }
    await a.kill();
    const fencedByA = requests('production', 'patch', 'deployments');
    expect(fencedByA).toBeGreaterThan(0);

    const b = await spawnBackend();
    const result = await waitForTask(b.url, id!);
    expect(result.status).toBe('completed');

    // Nothing done twice: the fence by A only, one promotion write, one DNS change.
    expect(requests('production', 'patch', 'deployments')).toBe(fencedByA);
    expect(requests('production-dr', 'patch', 'clusters')).toBe(1);
    expect(requests('production-dr', 'patch', 'dnsendpoints')).toBe(1);

    const kc = new KubeConfig();
    kc.loadFromString(fleet.kubeconfig());
    kc.setCurrentContext('sandbox-production-dr');
    const custom = kc.makeApiClient(CustomObjectsApi);
    const replica = (await custom.getNamespacedCustomObject({
      group: 'postgresql.cnpg.io',
      version: 'v1',
      plural: 'clusters',
      namespace: NAMESPACE,
      name: `${SERVICE}-db`,
    })) as any;
    expect(replica.spec.replica.enabled).toBe(false);

    const runs = await request(b.url)
      .get('/api/delivery/runs')
      .query({ entityRef: ENTITY_REF })
      .set('Authorization', mockCredentials.user.header());
    expect(runs.body.items).toHaveLength(1);
    const [run] = runs.body.items;
    expect(run).toMatchObject({
      taskId: id,
      action: 'failover',
      status: 'succeeded',
      after: { state: { databasePrimary: 'dr', dnsPointsTo: 'dr' } },
    });
    // The outage between the two backends is part of the measured recovery.
    expect(run.after.recoverySeconds).toBeGreaterThan(5);
  });
});
