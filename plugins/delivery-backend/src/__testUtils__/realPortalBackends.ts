import {
  BackendFeature,
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogBackend from '@backstage/plugin-catalog-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import {
  authNamingCallingPlugin,
  catalogModuleWithEntities,
  databaseReleasedOnShutdown,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import type { Server } from 'node:http';

/** The configuration the backends of a portal start with. */
export type PortalConfig = NonNullable<mockServices.rootConfig.Options['data']>;

/** A started backend: where it answers, and how to stop it. */
export interface StartedBackend {
  server: Server;
  url: string;
  stop(): Promise<void>;
}

/**
 * The user info the permission backend resolves a caller with: the user and the groups
 * they are a member of, as sign-in resolves ownership from the catalog's `memberOf`.
 */
export function userInfoFromMemberships(members: Map<string, string[]>) {
  return createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials) {
        const { userEntityRef } =
          credentials.principal as BackstageUserPrincipal;
        return {
          userEntityRef,
          ownershipEntityRefs: [
            userEntityRef,
            ...(members.get(userEntityRef) ?? []),
          ],
        };
      },
    }),
  });
}

/**
 * The real catalog and permission backends in one backend: `entities` come in through an
 * entity provider (processed and stitched as usual), `policy` is the permission backend's
 * policy module. Resolves once started; {@link untilCatalogServes} waits for the entities.
 */
export async function startCatalogAndPermissions(options: {
  config: PortalConfig;
  entities: Entity[];
  members: Map<string, string[]>;
  policy: BackendFeature;
  logLevel?: 'error' | 'warn' | 'info';
}): Promise<StartedBackend> {
  const backend = await startTestBackend({
    features: [
      databaseReleasedOnShutdown,
      catalogBackend,
      catalogModuleWithEntities(options.entities),
      permissionBackend,
      options.policy,
      userInfoFromMemberships(options.members),
      authNamingCallingPlugin,
      mockServices.rootLogger.factory({ level: options.logLevel ?? 'warn' }),
      mockServices.rootConfig.factory({ data: options.config }),
    ],
  });
  return {
    server: backend.server,
    url: `http://localhost:${backend.server.port()}`,
    stop: () => backend.stop(),
  };
}

/**
 * A backend of its own for `features` (the Delivery plugin, or upstream's Kubernetes
 * backend), whose catalog and permission calls go to `portalUrl`, as in a portal whose
 * plugins run in separate backends. Nothing it keeps outlives it.
 */
export async function startBesidePortal(options: {
  config: PortalConfig;
  portalUrl: string;
  features: Array<BackendFeature | Promise<{ default: BackendFeature }>>;
  logLevel?: 'error' | 'warn' | 'info';
}): Promise<StartedBackend> {
  const remote = new Set(['catalog', 'permission']);
  const baseUrl = async (pluginId: string) => {
    if (!remote.has(pluginId))
      throw new Error(`no ${pluginId} plugin in these backends`);
    return `${options.portalUrl}/api/${pluginId}`;
  };
  const backend = await startTestBackend({
    features: [
      databaseReleasedOnShutdown,
      ...options.features,
      authNamingCallingPlugin,
      createServiceFactory({
        service: coreServices.discovery,
        deps: {},
        factory: () => ({ getBaseUrl: baseUrl, getExternalBaseUrl: baseUrl }),
      }),
      mockServices.rootLogger.factory({ level: options.logLevel ?? 'warn' }),
      mockServices.rootConfig.factory({ data: options.config }),
    ],
  });
  return {
    server: backend.server,
    url: `http://localhost:${backend.server.port()}`,
    stop: () => backend.stop(),
  };
}

/**
 * Waits until the catalog at `catalogUrl` answers `count` entities of `kind`, processed
 * and stitched (its search only finds stitched entities).
 */
export async function untilCatalogServes(
  catalogUrl: string,
  count: number,
  options: { kind?: string; timeoutMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 480_000);
  const query = new URLSearchParams({
    filter: `kind=${options.kind ?? 'component'}`,
    limit: '1',
  });
  for (;;) {
    const res = await fetch(
      `${catalogUrl}/api/catalog/entities/by-query?${query}`,
      { headers: { authorization: mockCredentials.service.header() } },
    );
    const served = res.ok ? (await res.json()).totalItems : undefined;
    if (served === count) return;
    if (Date.now() > deadline) {
      throw new Error(
        `the catalog serves ${served ?? `HTTP ${res.status}`} of ${count} ${
          options.kind ?? 'component'
        } entities`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}
