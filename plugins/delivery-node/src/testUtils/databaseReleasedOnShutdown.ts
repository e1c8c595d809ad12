import {
  coreServices,
  createServiceFactory,
  DatabaseService,
} from '@backstage/backend-plugin-api';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { ConfigReader } from '@backstage/config';
import { releaseEventLoop } from './releaseEventLoop';

type DatabaseClient = Awaited<ReturnType<DatabaseService['getClient']>>;

/**
 * The database service of a test backend: Backstage's own, except that once the backend
 * has stopped, no plugin's database client keeps Node running.
 *
 * Backstage's DatabaseManager leaves its clients open when the backend stops (it means to
 * skip SQLite clients only, but its check throws for every client), and an open client's
 * connection pool reaps idle connections on a timer, and holds sockets, that keep Node
 * running. So every test file that started a backend left them behind, and a jest worker
 * whose last file was one of them could not exit: "A worker process has failed to exit
 * gracefully". Destroying the clients instead is not safe: work that outlives a stopped
 * backend (a scaffolder task's last log line, a scheduler loop's last pass) then queries a
 * destroyed pool, and the "Unable to acquire a connection" it throws, unhandled, kills the
 * jest worker and fails whichever test file runs in it next. So the clients stay usable
 * and are only released from the event loop (releaseEventLoop).
 *
 * Pass it to `startTestBackend` with the other features.
 * @public
 */
export const databaseReleasedOnShutdown = createServiceFactory({
  service: coreServices.database,
  deps: {
    config: coreServices.rootConfig,
    lifecycle: coreServices.lifecycle,
    logger: coreServices.logger,
    pluginMetadata: coreServices.pluginMetadata,
    rootLifecycle: coreServices.rootLifecycle,
    rootLogger: coreServices.rootLogger,
  },
  async createRootContext({ config, rootLifecycle, rootLogger }) {
    // As Backstage's database service: the configured database, else SQLite in memory.
    const manager = DatabaseManager.fromConfig(
      config.getOptional('backend.database')
        ? config
        : new ConfigReader({
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
          }),
      { rootLifecycle, rootLogger },
    );
    const clients: Array<Promise<DatabaseClient>> = [];
    // Root shutdown hooks run after every plugin's own shutdown hooks.
    rootLifecycle.addShutdownHook(async () => {
      await Promise.allSettled(
        clients.map(async client => releaseEventLoop(await client)),
      );
    });
    return { manager, clients };
  },
  factory({ pluginMetadata, lifecycle, logger }, { manager, clients }) {
    const database = manager.forPlugin(pluginMetadata.getId(), {
      lifecycle,
      logger,
    });
    let client: Promise<DatabaseClient> | undefined;
    return {
      migrations: database.migrations,
      getClient() {
        if (!client) {
          client = database.getClient();
          clients.push(client);
        }
        return client;
      },
    };
  },
});
