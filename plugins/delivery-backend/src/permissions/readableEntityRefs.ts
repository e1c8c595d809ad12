import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { EntityFilterQuery } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  appliesLocally,
  CATALOG_RULE_FIELDS,
  meetsConditions,
} from '@internal/backstage-plugin-delivery-node';

/**
 * Refs per `authorize` request when the conditions must be applied by the permission
 * backend. Its JSON body limit (Express's default, 100 kB) holds about 450 requests of
 * ~220 bytes each and answers 413 past that; 100 leaves room for long entity refs.
 */
export const REFS_PER_AUTHORIZE_REQUEST = 100;

/** Fallback requests in flight at once, so a big catalog does not flood the backend. */
const CONCURRENT_AUTHORIZE_REQUESTS = 4;

const REF_FIELDS = ['kind', 'metadata.name', 'metadata.namespace'];

/** Which entities to check, for whom, against which permission. */
export interface ReadableEntityRefsOptions {
  catalog: CatalogService;
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  /** A permission on catalog entities, e.g. `delivery.entity.read`. */
  permission: ResourcePermission<'catalog-entity'>;
  /** The entities to check, as a catalog filter. */
  filter: EntityFilterQuery;
}

/**
 * Refs of the entities matching `filter` that the caller may read in the catalog and that
 * `permission` allows them, in two requests whatever the catalog's size: one conditional
 * decision for the caller, applied here, and one catalog read as the caller. ALLOW keeps
 * every entity the caller may read, DENY none (and reads nothing), and CONDITIONAL those
 * that meet the conditions by the catalog's own rules.
 *
 * Conditions this process cannot apply (a rule an adopter added to the catalog, or another
 * plugin's) are left to the permission backend: `authorize` with the refs in chunks of
 * {@link REFS_PER_AUTHORIZE_REQUEST}, so the request count grows with the catalog but no
 * request outgrows the backend's body limit.
 */
export async function readableEntityRefs(
  options: ReadableEntityRefsOptions,
): Promise<Set<string>> {
  const { catalog, permissions, credentials, permission, filter } = options;
  const [decision] = await permissions.authorizeConditional([{ permission }], {
    credentials,
  });
  if (decision.result === AuthorizeResult.DENY) return new Set();

  if (
    decision.result === AuthorizeResult.CONDITIONAL &&
    appliesLocally(decision)
  ) {
    const { items } = await catalog.getEntities(
      { filter, fields: CATALOG_RULE_FIELDS },
      { credentials },
    );
    return new Set(
      items
        .filter(entity => meetsConditions(decision, entity))
        .map(entity => stringifyEntityRef(entity)),
    );
  }

  const { items } = await catalog.getEntities(
    { filter, fields: REF_FIELDS },
    { credentials },
  );
  const refs = items.map(entity => stringifyEntityRef(entity));
  if (decision.result === AuthorizeResult.ALLOW) return new Set(refs);
  return authorizedInChunks(permissions, credentials, permission, refs);
}

async function authorizedInChunks(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: ResourcePermission<'catalog-entity'>,
  refs: string[],
): Promise<Set<string>> {
  const chunks: string[][] = [];
  for (let i = 0; i < refs.length; i += REFS_PER_AUTHORIZE_REQUEST) {
    chunks.push(refs.slice(i, i + REFS_PER_AUTHORIZE_REQUEST));
  }
  const allowed = new Set<string>();
  for (let i = 0; i < chunks.length; i += CONCURRENT_AUTHORIZE_REQUESTS) {
    await Promise.all(
      chunks.slice(i, i + CONCURRENT_AUTHORIZE_REQUESTS).map(async chunk => {
        const decisions = await permissions.authorize(
          chunk.map(resourceRef => ({ permission, resourceRef })),
          { credentials },
        );
        chunk.forEach((ref, index) => {
          if (decisions[index].result === AuthorizeResult.ALLOW) {
            allowed.add(ref);
          }
        });
      }),
    );
  }
  return allowed;
}
