import { AuthService } from '@backstage/backend-plugin-api';
import {
  CATALOG_FILTER_EXISTS,
  EntityFilterQuery,
} from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
} from '@internal/backstage-plugin-delivery-common';

/** Entities that name their workloads, either way upstream's kubernetes plugin reads. */
export const WITH_WORKLOADS: EntityFilterQuery = [
  {
    [`metadata.annotations.${ANNOTATION_KUBERNETES_ID}`]: CATALOG_FILTER_EXISTS,
  },
  {
    [`metadata.annotations.${ANNOTATION_KUBERNETES_LABEL_SELECTOR}`]:
      CATALOG_FILTER_EXISTS,
  },
];

/** What the overview and the DR readiness read of each entity. */
export const ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.owner',
  'spec.system',
  // Whether it has a database (a dependsOn Resource), for the DR checks.
  'spec.dependsOn',
];

/** Every entity with workloads, as the plugin itself sees the catalog. */
export async function listDeliveryEntities(
  catalog: CatalogService,
  auth: AuthService,
): Promise<Entity[]> {
  const { items } = await catalog.getEntities(
    { filter: WITH_WORKLOADS, fields: ENTITY_FIELDS },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  return items;
}
