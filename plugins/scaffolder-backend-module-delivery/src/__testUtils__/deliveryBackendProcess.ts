/*
 * A Delivery actions backend in a process of its own, so a test can kill it with SIGKILL
 * in the middle of a task: stopping an in-process backend does not stop its running tasks.
 * Started by spawnDeliveryBackend (with Backstage's TypeScript require hook); it reads its
 * options from DELIVERY_BACKEND_OPTIONS and tells the parent its port over IPC.
 *
 * The same features as startDeliveryActionsBackend: the real scaffolder, the Delivery
 * module (polling as often) and the Delivery plugin. The catalog is the in-memory one:
 * the jest mock that the in-process backend uses needs `jest`, which this process does
 * not have.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deliveryPlugin from '@internal/backstage-plugin-delivery-backend';
import { authNamingCallingPlugin } from '@internal/backstage-plugin-delivery-node/testUtils';
import { deliveryActionPollingFactory } from '../actionPolling';
import { scaffolderModuleDelivery } from '../module';
import {
  catalogComponents,
  deliveryBackendConfig,
  TEST_ACTION_POLL_MS,
} from './startDeliveryActionsBackend';

export interface DeliveryBackendProcessOptions {
  /** The fleet's portal config, parsed. */
  portal: Record<string, any>;
  templates: Entity[];
  config?: Record<string, unknown>;
  environments?: Array<{ name: string; production?: boolean }>;
}

/** The message the process sends its parent once it serves. */
export interface DeliveryBackendReady {
  type: 'delivery-backend-ready';
  port: number;
}

async function main() {
  const options: DeliveryBackendProcessOptions = JSON.parse(
    process.env.DELIVERY_BACKEND_OPTIONS ?? '',
  );
  const backend = await startTestBackend({
    features: [
      // The scaffolder calls the Delivery backend on behalf of a task's initiator.
      authNamingCallingPlugin,
      scaffolderPlugin,
      scaffolderModuleDelivery,
      deliveryActionPollingFactory({ pollMs: TEST_ACTION_POLL_MS }),
      deliveryPlugin,
      catalogServiceMock.factory({
        entities: [...catalogComponents(), ...options.templates],
      }),
      mockServices.rootConfig.factory({
        data: deliveryBackendConfig(
          options.portal,
          options.config,
          options.environments,
        ),
      }),
    ],
  });
  const ready: DeliveryBackendReady = {
    type: 'delivery-backend-ready',
    port: backend.server.port(),
  };
  process.send!(ready);
  // Without a parent there is no one left to stop it.
  process.on('disconnect', () => process.exit(0));
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
