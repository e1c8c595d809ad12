import { parseEntityRef } from '@backstage/catalog-model';

/**
 * The portal path of an entity's Delivery tab (`/catalog/<ns>/<kind>/<name>/delivery`):
 * runs, cost, DR readiness and, on its Actions card, the approvals a platform-team member
 * decides. Relative, as the notifications backend expects: the portal and the Slack module
 * put the app's base URL in front.
 */
export function deliveryTabLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}/delivery`;
}

/** The Delivery overview page: every service's cost against budget, filterable by owner. */
export const DELIVERY_OVERVIEW_LINK = '/delivery';

/** An entity's name as people read it in a title: `payments-api`. */
export function nameOf(entityRef: string): string {
  return parseEntityRef(entityRef).name;
}
