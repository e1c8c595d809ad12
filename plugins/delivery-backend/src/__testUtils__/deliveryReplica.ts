import {
  BackendFeature,
  coreServices,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { databaseReleasedOnShutdown } from '@internal/backstage-plugin-delivery-node/testUtils';
import { deliveryPlugin } from '../plugin';
import { catalogEntities } from './catalogEntities';

/**
 * A Delivery backend (one replica) on `config` and the repository's catalog, with a
 * scheduler the test holds: the mock runs each task once at start-up, then only when the
 * test triggers it. On `knex` when given, so two replicas can share a database.
 */
export async function startDeliveryReplica(options: {
  config: object;
  knex?: Knex;
  features?: BackendFeature[];
}): Promise<{ server: TestBackend['server']; scheduler: SchedulerService }> {
  const scheduler = mockServices.scheduler();
  const { server } = await startTestBackend({
    features: [
      deliveryPlugin,
      mockServices.rootConfig.factory({ data: options.config as any }),
      // The test owns (and destroys) a shared database; its own otherwise.
      options.knex
        ? mockServices.database.factory({
            knex: options.knex,
            migrations: { skip: false },
          })
        : databaseReleasedOnShutdown,
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      catalogServiceMock.factory({ entities: catalogEntities() }),
      ...(options.features ?? []),
    ],
  });
  return { server, scheduler };
}
