import { mockCredentials } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startTask, waitForTask } from '../../__testUtils__/runTask';
import { spawnDeliveryBackend } from '../../__testUtils__/spawnDeliveryBackend';
import {
  startDeliveryActionsBackend,
  startSandboxFleet,
  deployTemplate,
} from '../../__testUtils__/startDeliveryActionsBackend';

// Each test starts Delivery backends as processes (up to 90 s each on a busy machine)
// besides the fleet and a backend in this process.
jest.setTimeout(300_000);

const TEMPLATES = [deployTemplate('rolloutTimeoutSeconds')];
/** The fleet at ten times real time: pods start, and scale down, that much sooner. */
const FLEET = { timeScale: 10 };
/** A blue-green deploy whose new colour never becomes ready. */
const NEVER_READY = {
  entityRef: 'component:default/messaging-api',
  environment: 'staging',
  image: 'ghcr.io/delivery-example/messaging-api:7.0.0-unready',
  rolloutTimeoutSeconds: 10,
  keepPreviousSeconds: 0,
};

/*
 * A failed blue-green deploy run a second time, by a retry or by task recovery, must end
 * where the first ended: traffic on the live colour, the new one at zero. Both used to
 * switch traffic to a colour with no pods: the checkpoints of the first attempt said the
 * new colour was set, and a rollout to zero replicas counts as complete.
 */
describe('a failed blue-green deploy, run again', () => {
  async function stateOf(backend: {
    cluster: (name: string) => { apps: any; core: any };
  }) {
    const { apps, core } = backend.cluster('staging');
    const service = await core.readNamespacedService({
      namespace: 'messaging',
      name: 'messaging-api',
    });
    const replicas = async (name: string) =>
      (
        await apps.readNamespacedDeployment({
          namespace: 'messaging',
          name: `messaging-api-${name}`,
        })
      ).spec?.replicas;
    return {
      selects: service.spec?.selector?.['delivery/track'],
      blue: await replicas('blue'),
      green: await replicas('green'),
    };
  }

  it('is refused when retried through POST /v2/tasks/:id/retry, changing nothing', async () => {
    const backend = await startDeliveryActionsBackend({
      templates: TEMPLATES,
      fleetOptions: FLEET,
    });
    try {
      const { id } = await startTask(
        backend.server,
        'template:default/deploy',
        NEVER_READY,
      );
      expect((await waitForTask(backend.server, id!)).status).toBe('failed');
      const before = await stateOf(backend);
      expect(before).toMatchObject({ selects: 'blue', green: 0 });
      const retry = await request(backend.server)
        .post(`/api/scaffolder/v2/tasks/${id}/retry`)
        .set('Authorization', mockCredentials.user.header())
        .send({});
      // The retry has reopened the task by the time it answers, so waiting for the task to
      // end waits for the second attempt.
      expect(retry.status).toBe(201);
      const second = await waitForTask(backend.server, id!);
      expect(second.status).toBe('failed');
      expect(second.log).toMatch(
        /already ended \(failed: .*\); a finished run is not repeated, start a new one/,
      );
      expect(await stateOf(backend)).toEqual(before);
      const runs = await backend.history('messaging-api');
      expect(runs.filter(r => r.taskId === id)).toHaveLength(1);
    } finally {
      await backend.fleet.stop();
    }
  });

  it('ends failed with traffic on the live colour when the backend dies while scaling the new colour back down', async () => {
    const fleet = await startSandboxFleet(FLEET);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'delivery-undo-'));
    const config = {
      backend: {
        database: { client: 'better-sqlite3', connection: { directory: dir } },
      },
      scaffolder: {
        taskRecovery: { enabled: true, staleTimeout: { seconds: 5 } },
      },
    };
    // The first patch of green (its image) goes through; the second, the scale-down after
    // the rollout failed, is applied but its answer held: the backend dies before the
    // failure is checkpointed.
    fleet.faults.add({
      cluster: 'staging',
      verb: 'patch',
      path: 'deployments/messaging-api-green$',
      action: { type: 'delay', ms: 0 },
    });
    const undo = fleet.faults.add({
      cluster: 'staging',
      verb: 'patch',
      path: 'deployments/messaging-api-green$',
      action: { type: 'timeout-after-write', ms: 10_000 },
    });
    const first = await spawnDeliveryBackend({
      fleet,
      templates: TEMPLATES,
      config,
    });
    try {
      const { id } = await startTask(
        first.url,
        'template:default/deploy',
        NEVER_READY,
      );
      while (fleet.faults.list().some(rule => rule.id === undo.id))
        await new Promise(resolve => setTimeout(resolve, 50));
      await first.kill();
      const next = await startDeliveryActionsBackend({
        templates: TEMPLATES,
        fleet,
        config,
      });
      const result = await waitForTask(next.server, id!);
      expect(result.status).toBe('failed');
      const state = await stateOf(next);
      expect(state.selects).toBe('blue');
      expect(state.blue).toBeGreaterThan(0);
      expect(state.green).toBe(0);
      const [run] = await next.history('messaging-api');
      expect(run).toMatchObject({ taskId: id, status: 'failed' });
    } finally {
      await first.kill();
      await fleet.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
